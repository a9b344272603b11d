//! Leases on work queues: the one way a runner claims due rows (timers, outbox mail) so that no
//! two instances work on one row at once, and a crashed instance's claim comes back.
//!
//! A claim sets `locked_until` in the same statement that finds the row: on PostgreSQL an
//! `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`, so rows another transaction holds
//! are skipped, not waited for; on SQLite (one writer at a time, `BEGIN IMMEDIATE`) a
//! conditional update per row whose affected-row count says whether the claim took.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};

use super::types::At;
use super::{write, Db};

/// A table of due work: rows with `id`, `status`, a due-time column and `locked_until`.
#[derive(Debug, Clone, Copy)]
pub struct WorkQueue {
    /// The table.
    pub table: &'static str,
    /// The column that says when a row is due.
    pub due_column: &'static str,
    /// A column that records which runner claimed the row last, where the table has one.
    pub owner_column: Option<&'static str>,
    /// Whether a claim counts as an attempt (timers: yes; mail counts failed sends instead).
    pub claim_counts_attempt: bool,
}

/// The notification watches.
pub const TIMERS: WorkQueue = WorkQueue {
    table: "timers",
    due_column: "due_at",
    owner_column: Some("locked_by"),
    claim_counts_attempt: true,
};

/// The mail outbox.
pub const OUTBOX: WorkQueue = WorkQueue {
    table: "outbox",
    due_column: "next_attempt_at",
    owner_column: None,
    claim_counts_attempt: false,
};

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = Text)]
    id: String,
}

impl WorkQueue {
    /// What a claim sets besides the lease, with the owner as bind `owner_bind`.
    fn also_set(&self, owner_bind: &str) -> String {
        let mut set = String::new();
        if let Some(col) = self.owner_column {
            set.push_str(&format!(", {col} = {owner_bind}"));
        }
        if self.claim_counts_attempt {
            set.push_str(", attempts = attempts + 1");
        }
        set
    }
}

/// Claims up to `limit` rows of `queue` that are pending, due by `now` and not leased to a
/// runner whose lease still runs, for `owner` until `lease_until`. Returns their ids, the
/// earliest due first.
pub fn claim(
    conn: &mut Db,
    queue: &WorkQueue,
    owner: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<String>> {
    let (now, until) = (At::from(now), At::from(lease_until));
    let WorkQueue {
        table, due_column, ..
    } = *queue;
    // Table and column names come from the constants above, never from input. `pending` is
    // the wire name of both `TimerStatus::Pending` and `OutboxStatus::Pending` (pinned in
    // `domain::status`), written out here because the statement is hand-written SQL.
    let due = format!(
        "status = 'pending' AND {due_column} <= {{now}} \
         AND (locked_until IS NULL OR locked_until < {{now}})"
    );
    match conn {
        Db::Pg(pg) => {
            let owner_bind = if queue.owner_column.is_some() {
                "$4"
            } else {
                ""
            };
            let sql = format!(
                "UPDATE {table} SET locked_until = $1{also} \
                 WHERE id IN (SELECT id FROM {table} WHERE {due} \
                     ORDER BY {due_column}, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
                 RETURNING id",
                also = queue.also_set(owner_bind),
                due = due.replace("{now}", "$2"),
            );
            let q = diesel::sql_query(sql)
                .bind::<Timestamp, _>(until)
                .bind::<Timestamp, _>(now)
                .bind::<BigInt, _>(limit);
            let ids: Vec<Id> = match queue.owner_column {
                Some(_) => q.bind::<Text, _>(owner).load(pg)?,
                None => q.load(pg)?,
            };
            Ok(ids.into_iter().map(|r| r.id).collect())
        }
        Db::Sqlite(_) => write(conn, |c| {
            let due_rows: Vec<Id> = diesel::sql_query(format!(
                "SELECT id FROM {table} WHERE {due} ORDER BY {due_column}, id LIMIT ?",
                due = due.replace("{now}", "?"),
            ))
            .bind::<Timestamp, _>(now)
            .bind::<Timestamp, _>(now)
            .bind::<BigInt, _>(limit)
            .load(c)?;
            let take = format!(
                "UPDATE {table} SET locked_until = ?{also} WHERE id = ? AND status = 'pending' \
                 AND (locked_until IS NULL OR locked_until < ?)",
                also = queue.also_set("?"),
            );
            let mut claimed = Vec::with_capacity(due_rows.len());
            for Id { id } in due_rows {
                let q = diesel::sql_query(&take).bind::<Timestamp, _>(until);
                let taken = match queue.owner_column {
                    Some(_) => q
                        .bind::<Text, _>(owner)
                        .bind::<Text, _>(&id)
                        .bind::<Timestamp, _>(now)
                        .execute(c)?,
                    None => q
                        .bind::<Text, _>(&id)
                        .bind::<Timestamp, _>(now)
                        .execute(c)?,
                };
                if taken == 1 {
                    claimed.push(id);
                }
            }
            Ok(claimed)
        }),
    }
}
