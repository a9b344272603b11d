//! Failed-login counters, in the database so that every instance counts the same attempts.
//!
//! The caller reads and changes them inside one write transaction (`store::write`): on SQLite
//! that transaction holds the write lock, on PostgreSQL `lock` takes the row lock, so two
//! attempts against one key never both see the count from before the other.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Integer, Nullable, Text, Timestamp};

use super::schema::login_attempts;
use super::types::{At, MaybeAt};
use super::Db;

/// One counter as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, QueryableByName)]
pub struct AttemptCount {
    /// Failures counted (an attempt is counted before its password is checked).
    #[diesel(sql_type = Integer)]
    pub failures: i32,
    /// When the last one was counted.
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub last_failure_at: Option<DateTime<Utc>>,
}

/// Reads the counter of `key` and holds it until the transaction ends (an upsert that changes
/// nothing takes the row lock on PostgreSQL and returns the latest committed row).
pub fn lock(conn: &mut Db, key: &str) -> QueryResult<AttemptCount> {
    const SQL: &str = "INSERT INTO login_attempts (throttle_key, failures) VALUES ({k}, 0) \
         ON CONFLICT (throttle_key) DO UPDATE SET failures = login_attempts.failures \
         RETURNING failures, last_failure_at";
    let key_bind = match conn {
        Db::Pg(_) => "$1",
        Db::Sqlite(_) => "?",
    };
    // Read through the multi-backend connection, where a `Timestamp` reads as UTC.
    diesel::sql_query(SQL.replace("{k}", key_bind))
        .bind::<Text, _>(key)
        .get_result(conn)
}

/// Stores the counter of `key` (after `lock` in the same transaction).
pub fn store(conn: &mut Db, key: &str, count: AttemptCount) -> QueryResult<()> {
    diesel::update(login_attempts::table.find(key))
        .set((
            login_attempts::failures.eq(count.failures),
            login_attempts::last_failure_at.eq(MaybeAt::from(count.last_failure_at)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Forgets counters whose last failure is before `before` (bounded table under attack).
pub fn forget_before(conn: &mut Db, before: DateTime<Utc>) -> QueryResult<usize> {
    diesel::delete(
        login_attempts::table.filter(
            login_attempts::last_failure_at
                .lt(At::from(before))
                .or(login_attempts::last_failure_at.is_null()),
        ),
    )
    .execute(conn)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use diesel::RunQueryDsl;

    use super::*;
    use crate::store::types::error_chain;
    use crate::store::{write, Store};

    fn open() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("l.db").display());
        let store = Store::open(&url, 1).unwrap();
        store.migrate().unwrap();
        (dir, store)
    }

    #[test]
    fn a_counter_reads_back_typed_and_a_corrupt_one_fails_by_name() {
        let (_dir, db) = open();
        let mut c = db.conn().unwrap();
        let at = Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).unwrap();
        let fresh = write(&mut c, |c| lock(c, "k")).unwrap();
        assert_eq!(
            fresh,
            AttemptCount {
                failures: 0,
                last_failure_at: None
            }
        );
        let counted = AttemptCount {
            failures: 3,
            last_failure_at: Some(at + chrono::Duration::nanoseconds(1_001)),
        };
        write(&mut c, |c| store(c, "k", counted)).unwrap();
        let read = write(&mut c, |c| lock(c, "k")).unwrap();
        assert_eq!(read.failures, 3);
        assert_eq!(
            read.last_failure_at,
            Some(at + chrono::Duration::microseconds(1))
        );
        assert_eq!(forget_before(&mut c, at).unwrap(), 0);
        diesel::sql_query("UPDATE login_attempts SET last_failure_at = 'an hour ago'")
            .execute(&mut c)
            .unwrap();
        let e = error_chain(&write(&mut c, |c| lock(c, "k")).unwrap_err());
        assert!(e.contains("Invalid datetime an hour ago"), "{e}");
        assert_eq!(forget_before(&mut c, at).unwrap(), 0);
        diesel::sql_query("UPDATE login_attempts SET last_failure_at = NULL")
            .execute(&mut c)
            .unwrap();
        assert_eq!(
            forget_before(&mut c, at).unwrap(),
            1,
            "never failed: forgotten"
        );
    }
}
