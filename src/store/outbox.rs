//! The outbox table's rows as the rest of Corridor writes them: a message is enqueued inside the
//! transaction that records its event (`jobs::outbox` delivers it).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::QueryResult;

use super::schema::outbox;
use super::Db;

/// Status of a message waiting for (another) delivery attempt.
pub const PENDING: &str = "pending";
/// Status of a message the SMTP server accepted.
pub const SENT: &str = "sent";
/// Status of a message given up on after the last allowed attempt.
pub const FAILED: &str = "failed";

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
    let now = now.naive_utc();
    diesel::insert_into(outbox::table)
        .values((
            outbox::id.eq(&id),
            outbox::recipient.eq(recipient),
            outbox::subject.eq(subject),
            outbox::body.eq(body),
            outbox::created_at.eq(now),
            outbox::status.eq(PENDING),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}
