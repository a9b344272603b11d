//! Group commit: one commit for the writes that queued behind each other.
//!
//! Writes to a notification are one after another on both backends: SQLite takes one writer at
//! a time, and on PostgreSQL every write appends to the audit chain under its head row's lock
//! (and a submission takes the year's reference number), held to commit. Side by side they only
//! queued on those locks: in the PostgreSQL storm 8 submitters spent 27 ms a statement waiting
//! on the reference series row. And every commit is a sync of the log: on SQLite at
//! `synchronous = FULL`, a third of a submission's write in the storm profile. The HTTP writes
//! and the timer runner's firings of this process therefore go to one writer thread
//! (`Store::write`), which takes the writes waiting when it is free (at most
//! `MOST_PER_COMMIT`), runs them one after another in one transaction, and commits them
//! together. A write that fails is rolled back alone: the transaction is rolled back and the
//! batch run again, each write in a savepoint of its own. Savepoints only then, because they
//! cost every write: on PostgreSQL two round trips, on SQLite a copy of each page it touches
//! (the storm profile: a tenth of the writer thread). A write may therefore run twice; it
//! touches nothing but the database until answered. Each caller is answered only after
//! the commit that holds its write returned: a 2xx still means committed, and a failed commit
//! fails every write in it. Every write of the process passes through this one thread, so it
//! runs at a higher priority than the HTTP workers (`CORRIDOR_WRITER_NICE`, default -10): when
//! dashboards keep the cores busy, a submission or a decision is not queued behind their polls.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};

use diesel::connection::{AnsiTransactionManager, Connection, TransactionManager};
use diesel::r2d2::ManageConnection;
use tokio::sync::oneshot;

use super::{writer_queue, Db, DbManager, StoreError};

/// The transaction manager of `Db`.
type Tm = <Db as Connection>::TransactionManager;

/// The most writes one commit takes: a bound on how long other writers wait for the lock.
const MOST_PER_COMMIT: usize = 32;

/// The queue to the writer thread, and how many commits it made.
pub struct GroupCommit {
    queue: mpsc::Sender<Box<dyn Write>>,
    commits: Arc<AtomicU64>,
}

/// A queued write, type-erased for the writer thread.
trait Write: Send {
    /// Runs the write on `conn` and keeps its result for the answer; says whether it
    /// succeeded. Run again after its transaction was rolled back for another's failure.
    fn run(&mut self, conn: &mut Db) -> bool;
    /// Answers the caller with its last run's result, once `committed` says what became of it.
    fn answer(self: Box<Self>, committed: Result<(), String>);
    /// Answers the caller without running (no transaction could be begun).
    fn refuse(self: Box<Self>, why: String);
}

struct Pending<T, E, F> {
    f: F,
    reply: oneshot::Sender<Result<T, E>>,
    result: Option<Result<T, E>>,
}

impl<T, E, F> Write for Pending<T, E, F>
where
    F: FnMut(&mut Db) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<StoreError> + Send + 'static,
{
    fn run(&mut self, conn: &mut Db) -> bool {
        let f = &mut self.f;
        let result = catch_unwind(AssertUnwindSafe(|| f(conn))).unwrap_or_else(|_| {
            Err(E::from(StoreError::Unavailable(
                "the write stopped unexpectedly".into(),
            )))
        });
        let ok = result.is_ok();
        self.result = Some(result);
        ok
    }

    fn answer(self: Box<Self>, committed: Result<(), String>) {
        let out = match (self.result, committed) {
            (Some(Ok(v)), Ok(())) => Ok(v),
            (Some(Ok(_)), Err(why)) => Err(E::from(StoreError::Unavailable(why))),
            (Some(Err(e)), _) => Err(e),
            (None, Err(why)) => Err(E::from(StoreError::Unavailable(why))),
            (None, Ok(())) => Err(E::from(StoreError::Unavailable(
                "the write was not run".into(),
            ))),
        };
        // The caller may have gone (a dropped request): its write stands regardless.
        let _ = self.reply.send(out);
    }

    fn refuse(self: Box<Self>, why: String) {
        let _ = self.reply.send(Err(E::from(StoreError::Unavailable(why))));
    }
}

impl GroupCommit {
    /// Starts the writer thread; it opens its own connection through `manager` when the first
    /// write comes, and stops when the last `GroupCommit` handle is dropped.
    pub fn start(manager: DbManager) -> Result<GroupCommit, StoreError> {
        let (queue, waiting) = mpsc::channel::<Box<dyn Write>>();
        let commits = Arc::new(AtomicU64::new(0));
        let counted = commits.clone();
        std::thread::Builder::new()
            .name("corridor-writer".into())
            .spawn(move || writer(manager, waiting, counted))
            .map_err(|e| StoreError::Unavailable(format!("no writer thread: {e}")))?;
        Ok(GroupCommit { queue, commits })
    }

    /// Runs `f` in a write transaction shared with the writes queued beside it; answers once
    /// that transaction committed (or with `f`'s own error, its part rolled back). `f` may run
    /// more than once (after another write's failure rolled back the first run).
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnMut(&mut Db) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let stopped = || E::from(StoreError::Unavailable("the writer thread stopped".into()));
        self.queue
            .send(Box::new(Pending {
                f,
                reply,
                result: None,
            }))
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }

    /// How many commits the writer made so far.
    pub fn commits(&self) -> u64 {
        self.commits.load(Ordering::Relaxed)
    }
}

fn writer(manager: DbManager, waiting: mpsc::Receiver<Box<dyn Write>>, commits: Arc<AtomicU64>) {
    let nice = manager.tuning.writer_nice;
    if nice != 0 {
        match set_own_nice(nice) {
            Ok(()) => tracing::debug!(nice, "writer thread priority set"),
            // Raising a priority needs CAP_SYS_NICE (or RLIMIT_NICE): without, the writer runs
            // beside the HTTP workers, as every thread did before.
            Err(e) => tracing::info!(
                nice,
                error = %e,
                "writer thread left at normal priority (CORRIDOR_WRITER_NICE=0 silences this)"
            ),
        }
    }
    let mut conn: Option<Db> = None;
    while let Ok(first) = waiting.recv() {
        let mut batch = vec![first];
        while batch.len() < MOST_PER_COMMIT {
            match waiting.try_recv() {
                Ok(w) => batch.push(w),
                Err(_) => break,
            }
        }
        let mut c = match conn.take() {
            Some(c) => c,
            None => match manager.connect() {
                Ok(c) => c,
                Err(e) => {
                    let why = format!("database unavailable: {e}");
                    tracing::warn!(error = %why, "the writer could not connect");
                    batch.into_iter().for_each(|w| w.refuse(why.clone()));
                    continue;
                }
            },
        };
        let ended = commit_together(&mut c, batch);
        if ended == Ended::Committed {
            commits.fetch_add(1, Ordering::Relaxed);
        }
        // After a failed begin or commit the connection may be gone (a restarted PostgreSQL):
        // the next batch connects anew rather than failing on it for good.
        if ended != Ended::Failed && !Tm::is_broken_transaction_manager(&mut c) {
            conn = Some(c);
        }
    }
}

/// Sets the calling thread's nice value (on Linux a thread's own; elsewhere nothing is done).
fn set_own_nice(nice: i32) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: setpriority reads only its integer arguments; `who = 0` with PRIO_PROCESS is
        // the calling thread under Linux's threads, not the whole process.
        let r = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, nice) };
        if r != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = nice;
    Ok(())
}

/// What became of a batch's transaction.
#[derive(Debug, PartialEq)]
enum Ended {
    /// It committed.
    Committed,
    /// Its only write failed and was rolled back; the connection is as it was.
    RolledBack,
    /// A begin, rollback or commit failed: the connection may be gone.
    Failed,
}

impl Ended {
    /// What the callers hear of the commit (a write that failed still hears its own error).
    fn committed(&self) -> Result<(), String> {
        match self {
            Ended::Failed => Err("the transaction could not be committed".to_string()),
            Ended::Committed | Ended::RolledBack => Ok(()),
        }
    }
}

/// Runs `batch` in one transaction and commits it, answering every caller. The writes run
/// without savepoints; if one fails, the transaction is rolled back and the batch run again
/// with a savepoint for each, so that the failed write alone is undone.
fn commit_together(conn: &mut Db, mut batch: Vec<Box<dyn Write>>) -> Ended {
    let turn = match begin(conn) {
        Ok(turn) => turn,
        Err(e) => {
            let why = e.to_string();
            batch.into_iter().for_each(|w| w.refuse(why.clone()));
            return Ended::Failed;
        }
    };
    // `position` stops at the first failure: the writes after it have not run.
    let failed = batch.iter_mut().position(|w| !w.run(conn));
    let ended = match failed {
        None => commit(conn),
        // Alone in the transaction, the write is undone by rolling that back.
        Some(_) if batch.len() == 1 => match Tm::rollback_transaction(conn) {
            Ok(()) => Ended::RolledBack,
            Err(_) => Ended::Failed,
        },
        Some(_) => {
            let again = Tm::rollback_transaction(conn).and_then(|()| begin_sql(conn));
            if let Err(e) = again {
                drop(turn);
                let why = e.to_string();
                batch.into_iter().for_each(|w| w.refuse(why.clone()));
                return Ended::Failed;
            }
            return each_in_savepoint(conn, batch, turn);
        }
    };
    // The lock is free before the callers hear: the next batch can begin meanwhile.
    drop(turn);
    let committed = ended.committed();
    batch.into_iter().for_each(|w| w.answer(committed.clone()));
    ended
}

/// Commits the open transaction (rolling it back if that fails).
fn commit(conn: &mut Db) -> Ended {
    match Tm::commit_transaction(conn) {
        Ok(()) => Ended::Committed,
        Err(e) => {
            tracing::warn!(error = %e, "a group commit failed");
            let _ = Tm::rollback_transaction(conn);
            Ended::Failed
        }
    }
}

/// Runs `batch` again in the open transaction, each write in its savepoint, and commits.
fn each_in_savepoint(
    conn: &mut Db,
    batch: Vec<Box<dyn Write>>,
    turn: Option<writer_queue::Turn>,
) -> Ended {
    let mut ran = Vec::with_capacity(batch.len());
    for mut w in batch {
        if let Err(e) = Tm::begin_transaction(conn) {
            w.refuse(e.to_string());
            continue;
        }
        let ok = w.run(conn);
        let own = if ok {
            // A savepoint that cannot be released is rolled back: its write is answered as
            // failed, so it must not reach the commit.
            Tm::commit_transaction(conn).map_err(|e| {
                let _ = Tm::rollback_transaction(conn);
                e.to_string()
            })
        } else {
            // A write that failed is answered with its own error whatever became of its savepoint.
            let _ = Tm::rollback_transaction(conn);
            Ok(())
        };
        ran.push((w, own));
    }
    let ended = commit(conn);
    drop(turn);
    let committed = ended.committed();
    for (w, own) in ran {
        w.answer(own.and(committed.clone()));
    }
    ended
}

/// Begins the shared transaction: on SQLite after this process's other writers (`writer_queue`)
/// and holding the write lock from the start; on PostgreSQL a plain `BEGIN`, the locks taken
/// by the writes themselves.
fn begin(conn: &mut Db) -> Result<Option<writer_queue::Turn>, diesel::result::Error> {
    let turn = match conn {
        Db::Sqlite(_) => Some(writer_queue::wait_turn()?),
        Db::Pg(_) => None,
    };
    begin_sql(conn)?;
    Ok(turn)
}

/// `BEGIN IMMEDIATE` on SQLite (the write lock from the start), `BEGIN` on PostgreSQL.
fn begin_sql(conn: &mut Db) -> Result<(), diesel::result::Error> {
    match conn {
        Db::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE"),
        Db::Pg(_) => Tm::begin_transaction(conn),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{migrated_temp_store, next_in_series, Store};
    use super::*;
    use diesel::prelude::*;
    use futures_util::future::join_all;

    /// The committed number of `series` (0 when it has none), read on a connection of its own.
    fn committed(store: &Store, series: &str) -> i64 {
        use super::super::schema::sequences;
        let mut c = store.conn().unwrap();
        sequences::table
            .filter(sequences::series.eq(series))
            .select(sequences::last_value)
            .first::<i64>(&mut *c)
            .optional()
            .unwrap()
            .unwrap_or(0)
    }

    /// Queues `writes` while this test holds the write lock, so they wait together, then frees it.
    async fn queued_together<T: std::fmt::Debug>(
        writes: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + '_>>>,
    ) -> Vec<T> {
        let turn = writer_queue::wait_turn().unwrap();
        let mut writes = writes;
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        for w in writes.iter_mut() {
            // The first poll queues the write; it cannot finish while the lock is held here.
            assert!(w.as_mut().poll(&mut cx).is_pending());
        }
        drop(turn);
        join_all(writes).await
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_nice_value_is_set_for_the_calling_thread_only() {
        // SAFETY: getpriority reads only its integer arguments (errno is cleared first, as
        // -1 is also a nice value).
        let own = || unsafe {
            *libc::__errno_location() = 0;
            libc::getpriority(libc::PRIO_PROCESS, 0)
        };
        let before = own();
        // A higher nice value (lower priority) needs no privilege.
        let inside = std::thread::spawn(move || {
            set_own_nice(before + 5).unwrap();
            own()
        })
        .join()
        .unwrap();
        assert_eq!(inside, before + 5);
        assert_eq!(own(), before, "the other threads keep theirs");
    }

    #[tokio::test]
    async fn writes_queued_together_share_a_commit_and_all_land() {
        let (_dir, store) = migrated_temp_store();
        let before = store.group_commits();
        let writes = (0..10)
            .map(|_| {
                Box::pin(
                    store.write(|c| next_in_series(c, "together", 2026).map_err(StoreError::from)),
                ) as std::pin::Pin<Box<dyn std::future::Future<Output = _> + Send>>
            })
            .collect();
        let mut numbers: Vec<i64> = queued_together::<Result<i64, StoreError>>(writes)
            .await
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        numbers.sort();
        assert_eq!(numbers, (1..=10).collect::<Vec<_>>(), "each its own number");
        assert_eq!(
            committed(&store, "together"),
            10,
            "all committed when answered"
        );
        // The writer may have taken the first before the rest arrived: at most two commits.
        let commits = store.group_commits() - before;
        assert!(
            (1..=2).contains(&commits),
            "{commits} commits for 10 writes"
        );
    }

    #[tokio::test]
    async fn a_write_that_fails_alone_in_its_commit_leaves_nothing_and_the_writer_goes_on() {
        let (_dir, store) = migrated_temp_store();
        let failed: Result<i64, StoreError> = store
            .write(|c| {
                next_in_series(c, "alone", 2026)?;
                Err(StoreError::Config("refused after its write".into()))
            })
            .await;
        assert!(matches!(failed, Err(StoreError::Config(_))), "{failed:?}");
        assert_eq!(committed(&store, "alone"), 0, "its number was rolled back");
        let next = store
            .write(|c| next_in_series(c, "alone", 2026).map_err(StoreError::from))
            .await
            .unwrap();
        assert_eq!(next, 1, "the next write finds the series as it was");
    }

    #[tokio::test]
    async fn writes_beside_a_failing_one_are_run_again_and_count_once() {
        let (_dir, store) = migrated_temp_store();
        let runs = Arc::new(AtomicU64::new(0));
        type Answer = Result<i64, StoreError>;
        let counted = runs.clone();
        let writes: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = Answer> + Send>>> = vec![
            Box::pin(store.write(move |c| {
                counted.fetch_add(1, Ordering::Relaxed);
                next_in_series(c, "kept", 2026).map_err(StoreError::from)
            })),
            Box::pin(store.write(|c| {
                next_in_series(c, "kept", 2026)?;
                Err(StoreError::Config("refused after its write".into()))
            })),
            Box::pin(store.write(|c| next_in_series(c, "kept", 2026).map_err(StoreError::from))),
        ];
        let answers = queued_together(writes).await;
        assert_eq!(answers[0].as_ref().unwrap(), &1);
        assert!(matches!(answers[1], Err(StoreError::Config(_))));
        assert_eq!(
            answers[2].as_ref().unwrap(),
            &2,
            "the failed write's number is free"
        );
        assert_eq!(
            committed(&store, "kept"),
            2,
            "the write run twice counted once"
        );
        // Twice when the writer took the three together (the first run rolled back with its
        // failed neighbour); once if it took the first alone.
        let runs = runs.load(Ordering::Relaxed);
        assert!((1..=2).contains(&runs), "{runs} runs");
    }

    #[tokio::test]
    async fn a_failing_or_panicking_write_is_rolled_back_alone() {
        let (_dir, store) = migrated_temp_store();
        type Answer = Result<i64, StoreError>;
        let writes: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = Answer> + Send>>> = vec![
            Box::pin(store.write(|c| next_in_series(c, "kept", 2026).map_err(StoreError::from))),
            Box::pin(store.write(|c| {
                next_in_series(c, "failed", 2026)?;
                Err(StoreError::Config("refused after its write".into()))
            })),
            Box::pin(store.write(|c| -> Answer {
                next_in_series(c, "failed", 2026)?;
                panic!("a bug in a write")
            })),
            Box::pin(store.write(|c| next_in_series(c, "kept", 2026).map_err(StoreError::from))),
        ];
        let answers = queued_together(writes).await;
        assert_eq!(answers[0].as_ref().unwrap(), &1);
        assert!(
            matches!(answers[1], Err(StoreError::Config(_))),
            "{:?}",
            answers[1]
        );
        assert!(
            matches!(answers[2], Err(StoreError::Unavailable(_))),
            "{:?}",
            answers[2]
        );
        assert_eq!(answers[3].as_ref().unwrap(), &2);
        assert_eq!(committed(&store, "kept"), 2);
        assert_eq!(
            committed(&store, "failed"),
            0,
            "nothing of the failed writes stayed"
        );
        // The writer goes on after a panic.
        let next = store
            .write(|c| next_in_series(c, "kept", 2026).map_err(StoreError::from))
            .await
            .unwrap();
        assert_eq!(next, 3);
    }
}
