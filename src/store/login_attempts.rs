//! Failed-login counters, in the database so that every instance counts the same attempts.
//!
//! The caller reads and changes them inside one write transaction (`store::write`): on SQLite
//! that transaction holds the write lock, on PostgreSQL `lock` takes the row lock, so two
//! attempts against one key never both see the count from before the other.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Integer, Nullable, Text, Timestamp};

use super::schema::login_attempts;
use super::Db;

/// One counter as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, QueryableByName)]
pub struct AttemptCount {
    /// Failures counted (an attempt is counted before its password is checked).
    #[diesel(sql_type = Integer)]
    pub failures: i32,
    /// When the last one was counted.
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub last_failure_at: Option<NaiveDateTime>,
}

/// Reads the counter of `key` and holds it until the transaction ends (an upsert that changes
/// nothing takes the row lock on PostgreSQL and returns the latest committed row).
pub fn lock(conn: &mut Db, key: &str) -> QueryResult<AttemptCount> {
    const SQL: &str = "INSERT INTO login_attempts (throttle_key, failures) VALUES ({k}, 0) \
         ON CONFLICT (throttle_key) DO UPDATE SET failures = login_attempts.failures \
         RETURNING failures, last_failure_at";
    match conn {
        Db::Pg(c) => diesel::sql_query(SQL.replace("{k}", "$1"))
            .bind::<Text, _>(key)
            .get_result(c),
        Db::Sqlite(c) => diesel::sql_query(SQL.replace("{k}", "?"))
            .bind::<Text, _>(key)
            .get_result(c),
    }
}

/// Stores the counter of `key` (after `lock` in the same transaction).
pub fn store(conn: &mut Db, key: &str, count: AttemptCount) -> QueryResult<()> {
    diesel::update(login_attempts::table.find(key))
        .set((
            login_attempts::failures.eq(count.failures),
            login_attempts::last_failure_at.eq(count.last_failure_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Forgets counters whose last failure is before `before` (bounded table under attack).
pub fn forget_before(conn: &mut Db, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(
        login_attempts::table.filter(
            login_attempts::last_failure_at
                .lt(before)
                .or(login_attempts::last_failure_at.is_null()),
        ),
    )
    .execute(conn)
}
