//! The queue for SQLite's single writer within this process.
//!
//! SQLite admits one writer at a time, and a writer that finds the lock taken sleeps in its busy
//! handler in growing naps (up to 100 ms) before it looks again, so under contention the lock
//! mostly sits free while writers sleep: 16 concurrent submissions ran at under half the rate
//! of one. Writers of this process queue here instead and the next one is woken the moment the
//! one before it finishes; the busy timeout still covers writers in other processes.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use diesel::result::{DatabaseErrorKind, Error};

/// Whether a writer of this process holds SQLite's write lock, and the wake-up for the next.
struct Queue {
    taken: Mutex<bool>,
    freed: Condvar,
}

static QUEUE: Queue = Queue {
    taken: Mutex::new(false),
    freed: Condvar::new(),
};

/// How long a writer waits in the queue before giving up as SQLite's busy timeout would.
static PATIENCE_MS: AtomicU64 = AtomicU64::new(super::DEFAULT_BUSY_TIMEOUT_MS);

/// Sets how long writers wait their turn (the configured busy timeout). The queue is one per
/// process: a service opens one database, so it never holds back a writer of another.
pub fn set_patience(ms: u64) {
    PATIENCE_MS.store(ms, Ordering::Relaxed);
}

/// A writer's turn; the next writer is woken when it is dropped.
pub struct Turn(());

impl Drop for Turn {
    fn drop(&mut self) {
        *lock() = false;
        QUEUE.freed.notify_one();
    }
}

fn lock() -> MutexGuard<'static, bool> {
    // The flag stays meaningful if a holder panicked: its Turn was dropped while unwinding.
    QUEUE.taken.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Waits for this process's turn to write, or fails as "database is locked" (a 503 to
/// clients) after the configured patience.
pub fn wait_turn() -> Result<Turn, Error> {
    let patience = Duration::from_millis(PATIENCE_MS.load(Ordering::Relaxed));
    let deadline = Instant::now() + patience;
    let mut taken = lock();
    while *taken {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Error::DatabaseError(
                DatabaseErrorKind::Unknown,
                Box::new(format!(
                    "database is locked: no turn to write within {} ms",
                    patience.as_millis()
                )),
            ));
        }
        taken = QUEUE
            .freed
            .wait_timeout(taken, left)
            .unwrap_or_else(PoisonError::into_inner)
            .0;
    }
    *taken = true;
    Ok(Turn(()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::sync::Arc;

    #[test]
    fn one_writer_at_a_time_and_each_gets_a_turn() {
        let inside = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (inside, most) = (inside.clone(), most.clone());
                std::thread::spawn(move || {
                    for _ in 0..50 {
                        let _turn = wait_turn().expect("a turn within the patience");
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::yield_now();
                        inside.fetch_sub(1, Ordering::SeqCst);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(most.load(Ordering::SeqCst), 1);
    }
}
