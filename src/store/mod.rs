//! Storage: one diesel code base over SQLite (embedded default) and PostgreSQL (production).
//!
//! The backend is chosen by the `DATABASE_URL` scheme, never by trying one after another
//! (SQLite would accept any string as a file name). All database work is synchronous diesel
//! behind an r2d2 pool, run on the blocking pool (`Store::run`) so it never stalls the executor.

pub mod audit;
pub mod backup;
pub mod board;
pub mod board_lanes;
pub mod board_tally;
mod group_commit;
pub mod idempotency;
pub mod lease;
pub mod login_attempts;
mod multi_row;
pub mod notifications;
pub mod outbox;
pub mod queue;
pub mod schema;
mod sequences;
pub mod standing;
pub mod timers;
pub mod types;
pub mod unit_presets;
mod users;
mod writer_queue;

use crate::i18n::msg;
use std::time::Duration;

use diesel::connection::{
    AnsiTransactionManager, Instrumentation, InstrumentationEvent, SimpleConnection,
    TransactionManager,
};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub use sequences::{next_in_each_series, next_in_series};
pub use users::{NewUser, UserChange, UserRow};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Key of the PostgreSQL advisory lock held while migrating ("corridor" in ASCII, truncated).
const MIGRATION_LOCK_KEY: i64 = 0x636f_7272_6964;

/// How long a SQLite writer waits for the write lock unless `CORRIDOR_DB_BUSY_TIMEOUT_MS` says.
pub const DEFAULT_BUSY_TIMEOUT_MS: u64 = 10_000;

/// Statements slower than this are logged unless `CORRIDOR_SLOW_STATEMENT_MS` says.
pub const DEFAULT_SLOW_STATEMENT_MS: u64 = 250;

/// A connection to either backend.
#[derive(diesel::MultiConnection)]
pub enum Db {
    /// PostgreSQL.
    Pg(PgConnection),
    /// SQLite (bundled).
    Sqlite(SqliteConnection),
}

/// Which backend a `DATABASE_URL` selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// A PostgreSQL connection string, passed to libpq as is.
    Postgres(String),
    /// A SQLite database file path.
    Sqlite(String),
}

impl Backend {
    /// Reads the scheme: `postgres://`/`postgresql://`, or `sqlite://PATH` / `sqlite:PATH`.
    pub fn from_url(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres(url.to_string()))
        } else if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            if path.is_empty() {
                return Err(StoreError::Config(format!(
                    "DATABASE_URL `{url}` names no SQLite file"
                )));
            }
            Ok(Backend::Sqlite(path.to_string()))
        } else {
            Err(StoreError::Config(format!(
                "DATABASE_URL must start with sqlite:// or postgres://, got `{}`",
                redact(url)
            )))
        }
    }

    /// Short name for logs and readiness.
    pub fn name(&self) -> &'static str {
        match self {
            Backend::Postgres(_) => "postgres",
            Backend::Sqlite(_) => "sqlite",
        }
    }
}

/// The URL with any password replaced, for logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}://{user}:***@{}", &url[..s], &url[at + 1..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// A storage failure, with context.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The settings name no usable database.
    #[error("{0}")]
    Config(String),
    /// No connection could be had in time (database down or pool exhausted).
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// A query failed.
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    /// Migrations failed.
    #[error("migration failed: {0}")]
    Migration(String),
}

/// Opens connections of the backend the URL names, with SQLite's settings applied.
#[derive(Debug, Clone)]
pub struct DbManager {
    backend: Backend,
    tuning: Tuning,
}

/// How connections behave beyond the URL.
#[derive(Debug, Clone, Copy)]
pub struct Tuning {
    /// How long a SQLite writer waits for the write lock before giving up (503).
    pub busy_timeout_ms: u64,
    /// Statements slower than this are logged at warn level with their SQL; 0 logs none.
    pub slow_statement_ms: u64,
    /// SQLite's `synchronous` in WAL mode: whether a commit is on disk when it returns.
    pub sqlite_sync: SqliteSync,
    /// The writer thread's nice value (`group_commit`): below 0 it runs ahead of the HTTP
    /// workers when the cores are busy; 0 leaves it as it is.
    pub writer_nice: i32,
}

/// The writer thread's nice value unless set: ahead of the HTTP workers (`group_commit`).
pub const DEFAULT_WRITER_NICE: i32 = -10;

/// When a SQLite commit reaches the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SqliteSync {
    /// `synchronous = FULL`: every commit is synced before it returns, so a 2xx survives a
    /// power loss or an OS crash. The default: Corridor is a system of record.
    #[default]
    Full,
    /// `synchronous = NORMAL`: faster; the last commits before a power loss or an OS crash can
    /// roll back (a process crash loses nothing). Only as an explicit setting.
    Normal,
}

impl SqliteSync {
    /// The PRAGMA value.
    pub fn pragma(self) -> &'static str {
        match self {
            SqliteSync::Full => "FULL",
            SqliteSync::Normal => "NORMAL",
        }
    }
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            busy_timeout_ms: DEFAULT_BUSY_TIMEOUT_MS,
            slow_statement_ms: DEFAULT_SLOW_STATEMENT_MS,
            sqlite_sync: SqliteSync::default(),
            writer_nice: DEFAULT_WRITER_NICE,
        }
    }
}

/// Logs statements that took longer than a threshold: the operator's first clue when a query
/// stops using its index. Bind values are not logged (they may hold personal data).
struct SlowStatementLog {
    threshold: Duration,
    started: Option<std::time::Instant>,
}

impl Instrumentation for SlowStatementLog {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        match event {
            InstrumentationEvent::StartQuery { .. } => {
                self.started = Some(std::time::Instant::now());
            }
            InstrumentationEvent::FinishQuery { query, .. } => {
                let took = self.started.take().map(|t| t.elapsed()).unwrap_or_default();
                if took >= self.threshold {
                    let sql = query.to_string();
                    // diesel's debug form appends the bind values after "--": drop them.
                    let sql = sql.split(" -- binds:").next().unwrap_or_default();
                    tracing::warn!(ms = took.as_secs_f64() * 1000.0, sql, "slow statement");
                }
            }
            _ => {}
        }
    }
}

impl ManageConnection for DbManager {
    type Connection = Db;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<Db, r2d2::Error> {
        let mut db = self.open()?;
        if self.tuning.slow_statement_ms > 0 {
            db.set_instrumentation(SlowStatementLog {
                threshold: Duration::from_millis(self.tuning.slow_statement_ms),
                started: None,
            });
        }
        Ok(db)
    }

    fn is_valid(&self, conn: &mut Db) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut Db) -> bool {
        <Db as Connection>::TransactionManager::is_broken_transaction_manager(conn)
    }
}

impl DbManager {
    fn open(&self) -> Result<Db, r2d2::Error> {
        match &self.backend {
            Backend::Postgres(url) => PgConnection::establish(url)
                .map(Db::Pg)
                .map_err(r2d2::Error::ConnectionError),
            Backend::Sqlite(path) => {
                let mut c =
                    SqliteConnection::establish(path).map_err(r2d2::Error::ConnectionError)?;
                // WAL lets readers run beside the one writer; busy_timeout makes a writer wait
                // for the lock instead of failing; `synchronous` decides whether a commit is on
                // disk when it returns (FULL unless set otherwise); foreign keys are off by
                // default in SQLite. Savepoints (each write of a group commit has one after a
                // write beside it failed) keep the pages they may roll back to in a statement
                // journal: in memory, not a temporary file written on every change (27 % of
                // the writer thread when every write had one).
                c.batch_execute(&format!(
                    "PRAGMA busy_timeout = {}; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = {}; PRAGMA foreign_keys = ON; \
                     PRAGMA temp_store = MEMORY;",
                    self.tuning.busy_timeout_ms,
                    self.tuning.sqlite_sync.pragma()
                ))
                .map_err(r2d2::Error::QueryError)?;
                Ok(Db::Sqlite(c))
            }
        }
    }
}

/// The pool, shared by the HTTP handlers, the jobs and the command line.
#[derive(Clone)]
pub struct Store {
    pool: r2d2::Pool<DbManager>,
    backend: &'static str,
    /// The writer thread of `Store::write` (`group_commit`).
    writer: std::sync::Arc<group_commit::GroupCommit>,
}

impl Store {
    /// Opens a pool for `url` (not yet migrated).
    pub fn open(url: &str, max_size: u32) -> Result<Store, StoreError> {
        Store::open_with(url, max_size, Tuning::default())
    }

    /// Opens a pool for `url` whose connections are tuned by `tuning`.
    pub fn open_with(url: &str, max_size: u32, tuning: Tuning) -> Result<Store, StoreError> {
        let backend = Backend::from_url(url)?;
        let name = backend.name();
        writer_queue::set_patience(tuning.busy_timeout_ms);
        let manager = DbManager { backend, tuning };
        let writer = std::sync::Arc::new(group_commit::GroupCommit::start(manager.clone())?);
        let pool = r2d2::Pool::builder()
            .max_size(max_size.max(1))
            .min_idle(Some(0))
            .connection_timeout(Duration::from_secs(5))
            .build_unchecked(manager);
        Ok(Store {
            pool,
            backend: name,
            writer,
        })
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// A connection from the pool, on the current thread (blocking).
    pub fn conn(&self) -> Result<r2d2::PooledConnection<DbManager>, StoreError> {
        self.pool
            .get()
            .map_err(|e| StoreError::Unavailable(e.to_string()))
    }

    /// Runs `f` with a connection on the blocking thread pool.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut Db) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let store = self.clone();
        match actix_web::web::block(move || {
            let mut conn = store.conn()?;
            f(&mut conn)
        })
        .await
        {
            Ok(r) => r,
            Err(e) => Err(E::from(StoreError::Unavailable(format!(
                "blocking task failed: {e}"
            )))),
        }
    }

    /// Runs `f` in a write transaction and answers once it committed: the writes of this
    /// process that queue meanwhile share one transaction and one commit (`group_commit`).
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnMut(&mut Db) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + From<diesel::result::Error> + Send + 'static,
    {
        self.writer.write(f).await
    }

    /// How many commits the writer thread made.
    pub fn group_commits(&self) -> u64 {
        self.writer.commits()
    }

    /// Applies pending migrations; on PostgreSQL under an advisory lock so that instances
    /// starting together migrate once. Returns the versions applied.
    pub fn migrate(&self) -> Result<Vec<String>, StoreError> {
        let mut conn = self.conn()?;
        migrate(&mut conn)
    }

    /// Whether every embedded migration has been applied.
    pub fn migrations_current(&self, conn: &mut Db) -> Result<bool, StoreError> {
        let pending = match conn {
            Db::Pg(c) => c.has_pending_migration(POSTGRES_MIGRATIONS),
            Db::Sqlite(c) => c.has_pending_migration(SQLITE_MIGRATIONS),
        };
        pending
            .map(|p| !p)
            .map_err(|e| StoreError::Migration(e.to_string()))
    }
}

fn migrate(conn: &mut Db) -> Result<Vec<String>, StoreError> {
    // On PostgreSQL instances starting together take turns: the migrations and the board's
    // first fill run once, the others find them done (two fills at once collide on the
    // board's version rows).
    let pg = matches!(conn, Db::Pg(_));
    if pg {
        diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))
            .execute(conn)?;
    }
    let done = run_migrations(conn).and_then(|applied| {
        // A database from before the board tables (issue 18) gets them filled once.
        board_tally::rebuild(conn, false)?;
        Ok(applied)
    });
    if pg {
        diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))
            .execute(conn)?;
    }
    done
}

fn run_migrations(conn: &mut Db) -> Result<Vec<String>, StoreError> {
    let applied = match conn {
        Db::Pg(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        Db::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
    };
    applied
        .map(|v| v.iter().map(|m| m.to_string()).collect())
        .map_err(|e| StoreError::Migration(e.to_string()))
}

/// Runs `f` in a write transaction: on SQLite after this process's writers before it (see
/// `writer_queue`) and with `BEGIN IMMEDIATE` (a deferred transaction that later writes can
/// fail at once with SQLITE_BUSY instead of waiting), plain `BEGIN` on PostgreSQL; inside a
/// transaction already (a write of `Store::write`'s shared one), a savepoint. Commits when `f`
/// returns Ok, rolls back otherwise.
pub fn write<T, E, F>(conn: &mut Db, f: F) -> Result<T, E>
where
    F: FnOnce(&mut Db) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    let _turn = match conn {
        Db::Sqlite(c) => {
            // A nested write is already inside this process's turn.
            let outermost = AnsiTransactionManager::transaction_manager_status_mut(c)
                .transaction_depth()
                .ok()
                .flatten()
                .is_none();
            if outermost {
                let turn = writer_queue::wait_turn()?;
                AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
                Some(turn)
            } else {
                // Inside a transaction (a write of `Store::write`'s shared one): a savepoint.
                AnsiTransactionManager::begin_transaction(c)?;
                None
            }
        }
        Db::Pg(c) => {
            AnsiTransactionManager::begin_transaction(c)?;
            None
        }
    };
    match f(conn) {
        Ok(v) => match <Db as Connection>::TransactionManager::commit_transaction(conn) {
            Ok(()) => Ok(v),
            Err(e) => {
                let _ = <Db as Connection>::TransactionManager::rollback_transaction(conn);
                Err(e.into())
            }
        },
        Err(e) => {
            let _ = <Db as Connection>::TransactionManager::rollback_transaction(conn);
            Err(e)
        }
    }
}

/// Runs the reads of `f` on one snapshot of the database, so that what they return was all
/// committed together: a notification read statement by statement could show a stage escalated
/// by a write that committed between two statements, beside the notification's row from before
/// it, under the earlier revision's ETag. SQLite: a deferred transaction (its first read fixes
/// the snapshot); PostgreSQL: `REPEATABLE READ, READ ONLY` (READ COMMITTED gives every
/// statement its own snapshot).
pub fn snapshot<T, E, F>(conn: &mut Db, f: F) -> Result<T, E>
where
    F: FnOnce(&mut Db) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    <Db as Connection>::TransactionManager::begin_transaction(conn)?;
    let pg_snapshot = match conn {
        Db::Pg(c) => c.batch_execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"),
        Db::Sqlite(_) => Ok(()),
    };
    let read = pg_snapshot.map_err(E::from).and_then(|()| f(conn));
    // Nothing was written: ending it either way releases the snapshot.
    let ended = <Db as Connection>::TransactionManager::rollback_transaction(conn);
    let v = read?;
    ended?;
    Ok(v)
}

// A store failure as a request failure: what the caller can do about it (retry, re-read), never
// the SQL or its values.
impl From<StoreError> for crate::error::Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(m) => crate::error::Error::Unavailable(m),
            StoreError::Query(q) => q.into(),
            other => crate::error::Error::Internal(other.to_string()),
        }
    }
}

impl From<diesel::result::Error> for crate::error::Error {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error as Db};
        match &e {
            Db::NotFound => crate::error::Error::NotFound(msg!("problem-no-record")),
            Db::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                crate::error::Error::Conflict(msg!("problem-record-exists"))
            }
            Db::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                crate::error::Error::Conflict(msg!("problem-concurrent-change"))
            }
            Db::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                _,
            ) => crate::error::Error::Unavailable(e.to_string()),
            Db::DatabaseError(_, info) if is_busy(info.message()) => {
                crate::error::Error::Unavailable(e.to_string())
            }
            _ => crate::error::Error::Internal(e.to_string()),
        }
    }
}

/// SQLite's "database is locked" after the busy timeout: a transient overload, not a bug.
fn is_busy(message: &str) -> bool {
    message.contains("database is locked") || message.contains("database is busy")
}

/// Runs raw SQL, for the store's unit tests that corrupt stored values on purpose.
#[cfg(test)]
pub(crate) fn exec_sql(c: &mut Db, sql: &str) {
    use diesel::RunQueryDsl;
    diesel::sql_query(sql).execute(c).unwrap();
}

/// A migrated SQLite store in a temporary directory, for the store's unit tests.
#[cfg(test)]
pub(crate) fn migrated_temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("c.db").display());
    let store = Store::open(&url, 1).unwrap();
    store.migrate().unwrap();
    (dir, store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_selects_the_backend() {
        assert_eq!(
            Backend::from_url("sqlite://corridor.db").unwrap(),
            Backend::Sqlite("corridor.db".into())
        );
        assert_eq!(
            Backend::from_url("sqlite:///var/lib/c.db").unwrap(),
            Backend::Sqlite("/var/lib/c.db".into())
        );
        assert!(matches!(
            Backend::from_url("postgresql://u@h/db").unwrap(),
            Backend::Postgres(_)
        ));
        assert!(Backend::from_url("mysql://x").is_err());
        assert!(
            Backend::from_url("corridor.db").is_err(),
            "a bare path is not silently a SQLite file"
        );
    }

    #[test]
    fn reads_in_a_snapshot_do_not_see_a_commit_made_between_them() {
        use schema::sequences;
        let (dir, store) = migrated_temp_store();
        let url = format!("sqlite://{}", dir.path().join("c.db").display());
        let other = Store::open(&url, 1).unwrap();
        let mut c = store.conn().unwrap();
        let count = |c: &mut Db| sequences::table.count().get_result::<i64>(c);
        let (before, after) = snapshot(&mut c, |c| {
            let before = count(c)?;
            let mut w = other.conn().unwrap();
            write(&mut w, |w| next_in_series(w, "between", 2026))?;
            Ok::<_, diesel::result::Error>((before, count(c)?))
        })
        .unwrap();
        assert_eq!(after, before, "the second read is of the same snapshot");
        assert_eq!(
            count(&mut c).unwrap(),
            before + 1,
            "and the write committed"
        );
    }

    #[test]
    fn the_bundled_sqlite_plans_without_bound_values() {
        // `.cargo/config.toml` builds it with QPSG: otherwise a cached statement with `LIMIT ?`
        // (every `.first()`) is prepared again each time it is bound.
        use diesel::{QueryableByName, RunQueryDsl};
        #[derive(QueryableByName)]
        struct Used {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            used: i32,
        }
        let (_dir, store) = migrated_temp_store();
        let mut c = store.conn().unwrap();
        let Db::Sqlite(c) = &mut *c else {
            panic!("sqlite")
        };
        let used = diesel::sql_query("SELECT sqlite_compileoption_used('ENABLE_QPSG') AS used")
            .get_result::<Used>(c)
            .unwrap()
            .used;
        assert_eq!(used, 1, "SQLite built without SQLITE_ENABLE_QPSG");
    }

    #[test]
    fn sqlite_commits_are_synced_unless_normal_is_set() {
        use diesel::{QueryableByName, RunQueryDsl};
        #[derive(QueryableByName)]
        struct Sync {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            synchronous: i32,
        }
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("c.db").display());
        let level = |tuning: Tuning| {
            let store = Store::open_with(&url, 1, tuning).unwrap();
            let mut c = store.conn().unwrap();
            let Db::Sqlite(c) = &mut *c else {
                panic!("sqlite")
            };
            diesel::sql_query("PRAGMA synchronous")
                .get_result::<Sync>(c)
                .unwrap()
                .synchronous
        };
        // SQLite: 2 = FULL, 1 = NORMAL.
        assert_eq!(level(Tuning::default()), 2);
        let normal = Tuning {
            sqlite_sync: SqliteSync::Normal,
            ..Tuning::default()
        };
        assert_eq!(level(normal), 1);
    }

    /// SQLite's plan (`EXPLAIN QUERY PLAN`, one line a step) for each of `sqls`, on a freshly
    /// migrated database.
    fn sqlite_plans(sqls: &[String]) -> Vec<Vec<String>> {
        use diesel::{QueryableByName, RunQueryDsl};
        #[derive(QueryableByName)]
        struct Plan {
            #[diesel(sql_type = diesel::sql_types::Text)]
            detail: String,
        }
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("c.db").display());
        let store = Store::open(&url, 1).unwrap();
        store.migrate().unwrap();
        let mut c = store.conn().unwrap();
        let Db::Sqlite(c) = &mut *c else {
            panic!("sqlite")
        };
        sqls.iter()
            .map(|sql| {
                diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
                    .load::<Plan>(c)
                    .unwrap()
                    .into_iter()
                    .map(|p| p.detail)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_notifications_open_stages_are_read_through_its_own_index() {
        // What every write to a notification asks (board restatement, watch, decisions): not a
        // walk of every pending stage of every live notification.
        let sqls = [
            "SELECT id FROM stages WHERE notification_id = 'n' AND status = 'pending' \
             AND opened_at IS NOT NULL"
                .to_string(),
            "UPDATE stages SET escalation_level = 1 WHERE notification_id = 'n' \
             AND status = 'pending'"
                .to_string(),
        ];
        for (sql, plan) in sqls.iter().zip(sqlite_plans(&sqls)) {
            assert_eq!(
                plan,
                ["SEARCH stages USING INDEX stages_notification_status (notification_id=? AND status=?)"],
                "{sql}"
            );
        }
    }

    #[test]
    fn the_boards_item_pages_are_read_in_index_order() {
        // The orders of `board_tally::at_risk_ids` and `escalation_ids`: a page of them must be
        // the first rows of the index, not every open escalation in scope sorted (a board's
        // cost would then grow with the number of open escalations, as it did).
        let order = "ORDER BY due_at ASC, level DESC, item_id ASC LIMIT 100";
        let pages = [
            format!(
                "SELECT due_at, level, item_id FROM board_items WHERE scope = '*' AND kind = 'e' \
                 AND escalated = 1 {order}"
            ),
            format!(
                "SELECT due_at, level, item_id FROM board_items WHERE scope = '*' AND kind = 's' \
                 AND escalated = 1 {order}"
            ),
            format!(
                "SELECT due_at, level, item_id FROM board_items WHERE scope = '*' AND kind = 's' \
                 AND escalated = 0 AND due_at <= '2027-01-01' {order}"
            ),
        ];
        for (sql, plan) in pages.iter().zip(sqlite_plans(&pages)) {
            assert_eq!(plan.len(), 1, "{sql}: {plan:?}");
            assert!(
                plan[0].starts_with("SEARCH board_items USING COVERING INDEX board_items_due"),
                "{sql}: {plan:?}"
            );
        }
        // `board_tally::horizon_marks`: both marks in one statement, each from the index.
        let marks = "SELECT (SELECT max(due_at) FROM board_items WHERE scope = '*' AND kind = 's' \
             AND escalated = 0 AND due_at <= '2027-01-01'), (SELECT min(due_at) FROM board_items \
             WHERE scope = '*' AND kind = 's' AND escalated = 0 AND due_at > '2027-01-01')"
            .to_string();
        let plan = sqlite_plans(&[marks]).remove(0);
        let searches: Vec<&String> = plan.iter().filter(|d| d.contains("board_items")).collect();
        assert_eq!(searches.len(), 2, "{plan:?}");
        assert!(
            searches
                .iter()
                .all(|d| d.starts_with("SEARCH board_items USING COVERING INDEX board_items_due")),
            "{plan:?}"
        );
    }

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(
            redact("postgres://corridor:s3cret@db:5432/c"),
            "postgres://corridor:***@db:5432/c"
        );
        assert_eq!(redact("sqlite://c.db"), "sqlite://c.db");
    }

    #[test]
    fn sqlite_migrates_and_write_rolls_back_on_error() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(
            &format!("sqlite://{}", dir.path().join("t.db").display()),
            2,
        )
        .unwrap();
        assert!(!store.migrate().unwrap().is_empty());
        assert!(
            store.migrate().unwrap().is_empty(),
            "second run applies nothing"
        );
        let mut conn = store.conn().unwrap();
        assert!(store.migrations_current(&mut conn).unwrap());
        let r: Result<(), diesel::result::Error> = write(&mut conn, |c| {
            diesel::sql_query("UPDATE audit_head SET seq = 99").execute(c)?;
            Err(diesel::result::Error::RollbackTransaction)
        });
        assert!(r.is_err());
        let seq: i64 = schema::audit_head::table
            .select(schema::audit_head::seq)
            .first(&mut *conn)
            .unwrap();
        assert_eq!(seq, 0);
    }
}
