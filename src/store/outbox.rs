//! The outbox table's rows as the rest of Corridor writes them: a message is enqueued inside the
//! transaction that records its event (`jobs::outbox` delivers it).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::QueryResult;

use super::schema::outbox;
use super::types::{At, MaybeAt};
use super::Db;
use crate::domain::OutboxStatus;

/// Wire name of `OutboxStatus::Pending`: a message waiting for (another) delivery attempt (for
/// tests and tools that read the column as text).
pub const PENDING: &str = "pending";
/// Wire name of `OutboxStatus::Sent`: a message the SMTP server accepted.
pub const SENT: &str = "sent";
/// Wire name of `OutboxStatus::Failed`: a message given up on after the last allowed attempt.
pub const FAILED: &str = "failed";

/// A stored message.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox, treat_none_as_default_value = false)]
pub struct OutboxRow {
    /// UUID v7 (also the `Message-ID`'s left part).
    pub id: String,
    /// The recipient's address.
    pub recipient: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// When it was enqueued.
    #[diesel(serialize_as = At)]
    pub created_at: DateTime<Utc>,
    /// Pending, sent or failed.
    pub status: OutboxStatus,
    /// Delivery attempts made.
    pub attempts: i32,
    /// When it is due (again).
    #[diesel(serialize_as = At)]
    pub next_attempt_at: DateTime<Utc>,
    /// Until when a sender's claim holds it.
    #[diesel(serialize_as = MaybeAt)]
    pub locked_until: Option<DateTime<Utc>>,
    /// When the SMTP server accepted it.
    #[diesel(serialize_as = MaybeAt)]
    pub sent_at: Option<DateTime<Utc>>,
    /// The last attempt's error.
    pub last_error: Option<String>,
}

/// Puts a message into the outbox; call it inside the transaction that records its event, so
/// that the message exists exactly when the event does. Returns the message's id.
pub fn enqueue(
    conn: &mut Db,
    recipient: &str,
    subject: &str,
    body: &str,
    now: DateTime<Utc>,
) -> QueryResult<String> {
    let id = uuid::Uuid::now_v7().to_string();
    diesel::insert_into(outbox::table)
        .values(OutboxRow {
            id: id.clone(),
            recipient: recipient.to_string(),
            subject: subject.to_string(),
            body: body.to_string(),
            created_at: now,
            status: OutboxStatus::Pending,
            attempts: 0,
            next_attempt_at: now,
            locked_until: None,
            sent_at: None,
            last_error: None,
        })
        .execute(conn)?;
    Ok(id)
}

/// The messages with the given ids, the earliest due first; a row that does not parse fails
/// the load, naming what it should have been.
pub fn by_ids(conn: &mut Db, ids: &[String]) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::id.eq_any(ids))
        .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
        .select(OutboxRow::as_select())
        .load(conn)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use diesel::RunQueryDsl;

    use super::*;
    use crate::store::types::error_chain;

    use crate::store::migrated_temp_store as store;

    #[test]
    fn the_text_constants_are_the_status_wire_names() {
        assert_eq!(
            [PENDING, SENT, FAILED],
            [
                OutboxStatus::Pending.as_str(),
                OutboxStatus::Sent.as_str(),
                OutboxStatus::Failed.as_str()
            ]
        );
    }

    #[test]
    fn an_enqueued_message_reads_back_typed_and_a_corrupt_one_fails_by_name() {
        let (_dir, store) = store();
        let mut c = store.conn().unwrap();
        let now = Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).unwrap();
        let id = enqueue(&mut c, "a@example.org", "s", "b", now).unwrap();
        let read = by_ids(&mut c, std::slice::from_ref(&id)).unwrap();
        assert_eq!(
            (read[0].status, read[0].created_at, read[0].next_attempt_at),
            (OutboxStatus::Pending, now, now)
        );
        let text: String = outbox::table.select(outbox::status).first(&mut c).unwrap();
        assert_eq!(text, PENDING);
        diesel::sql_query("UPDATE outbox SET status = 'sending'")
            .execute(&mut c)
            .unwrap();
        let e = error_chain(&by_ids(&mut c, &[id]).unwrap_err());
        assert!(
            e.contains("stored OutboxStatus: `sending` is not one of pending, sent, failed"),
            "{e}"
        );
    }
}
