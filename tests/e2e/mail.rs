//! The mail outbox against a real SMTP server on loopback (`tests/e2e/common/smtp.rs`, in the test process) and a real
//! database (SQLite, or PostgreSQL when `TEST_DATABASE_URL` is set).

use std::collections::BTreeMap;
use std::time::Duration as StdDuration;

use crate::common::smtp::{free_port, received_in, SmtpSink};
use crate::common::TestDb;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use corridor::clock::Clock;
use corridor::config::Settings;
use corridor::jobs::outbox::{
    claim_due, enqueue, run_sender, send_due_once, RetryPolicy, SenderOptions, FAILED, PENDING,
    SENT,
};
use corridor::mail::{Mailer, Outgoing};
use corridor::store::schema::outbox;
use corridor::store::{self, Store};
use diesel::prelude::*;

const FROM: &str = "corridor@corridor.example";

fn t0() -> DateTime<Utc> {
    crate::common::suite_now()
}

/// A migrated store on the test database, as one Corridor instance would have.
fn store_on(db: &TestDb) -> Store {
    let store = Store::open(db.url(), 4).expect("open store");
    store.migrate().expect("migrate");
    store
}

/// What a test puts into the outbox.
struct Mail {
    recipient: String,
    subject: String,
    body: String,
}

fn mails(n: usize) -> Vec<Mail> {
    (0..n)
        .map(|i| Mail {
            recipient: format!("officer{i}@de.example"),
            subject: format!(
                "[Corridor] Escalation L1: CN-2026-{i:06} DE movcon - 2 h 00 min left"
            ),
            body: format!("Notification: CN-2026-{i:06}\nNation:       DE\n"),
        })
        .collect()
}

/// Enqueues `mails` in one write transaction, as an event handler would; returns their ids.
fn enqueue_all(store: &Store, mails: &[Mail], now: DateTime<Utc>) -> Vec<String> {
    let mut conn = store.conn().expect("connection");
    store::write(&mut conn, |c| {
        mails
            .iter()
            .map(|m| enqueue(c, &m.recipient, &m.subject, &m.body, now))
            .collect::<QueryResult<Vec<String>>>()
    })
    .expect("enqueue")
}

#[derive(Debug, Clone, PartialEq, Queryable)]
struct OutboxRow {
    id: String,
    status: String,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    sent_at: Option<NaiveDateTime>,
    last_error: Option<String>,
}

fn rows(store: &Store) -> BTreeMap<String, OutboxRow> {
    let mut conn = store.conn().expect("connection");
    let all: Vec<OutboxRow> = outbox::table
        .select((
            outbox::id,
            outbox::status,
            outbox::attempts,
            outbox::next_attempt_at,
            outbox::sent_at,
            outbox::last_error,
        ))
        .load(&mut *conn)
        .expect("outbox rows");
    all.into_iter().map(|r| (r.id.clone(), r)).collect()
}

fn only_row(store: &Store) -> OutboxRow {
    let all = rows(store);
    assert_eq!(all.len(), 1, "{all:?}");
    all.into_values().next().expect("one row")
}

async fn pass(store: &Store, mailer: &Mailer, clock: &Clock, options: &SenderOptions) -> usize {
    send_due_once(store, mailer, clock, options)
        .await
        .expect("sender pass")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enqueued_messages_reach_the_smtp_server_once_with_recipient_subject_and_message_id() {
    let db = TestDb::new();
    let store = store_on(&db);
    let sink = SmtpSink::start();
    let mailer = Mailer::smtp(&sink.url(), FROM).unwrap();
    let clock = Clock::manual(t0());
    let options = SenderOptions::default();
    let mut sent = mails(3);
    sent[2].body = "Route via Zürich – night movement only.\n".into();
    let ids = enqueue_all(&store, &sent, t0());

    assert_eq!(pass(&store, &mailer, &clock, &options).await, 3);
    let got = sink.received();
    assert_eq!(got.len(), 3, "{got:?}");
    for (id, mail) in ids.iter().zip(&sent) {
        let r = got
            .iter()
            .find(|r| r.message_id == mailer.message_id(id))
            .unwrap_or_else(|| panic!("no message with the Message-ID of {id}: {got:?}"));
        assert_eq!(r.message_id, format!("<{id}@corridor.example>"));
        assert_eq!(r.rcpt_tos, std::slice::from_ref(&mail.recipient));
        assert_eq!(r.mail_from, FROM);
        assert_eq!(r.subject, mail.subject);
        // SMTP framing may add a line end after the body.
        assert_eq!(r.body.trim_end(), mail.body.trim_end());
    }

    clock.advance(Duration::hours(2));
    assert_eq!(pass(&store, &mailer, &clock, &options).await, 0);
    assert_eq!(sink.received().len(), 3, "nothing is sent twice");
    for row in rows(&store).values() {
        assert_eq!(row.status, SENT);
        assert_eq!(row.attempts, 1);
        assert_eq!(row.sent_at, Some(t0().naive_utc()));
    }
    eprintln!("backend: {}", store.backend());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_exists_only_if_its_transaction_commits() {
    let db = TestDb::new();
    let store = store_on(&db);
    let mut conn = store.conn().unwrap();
    let rolled_back: Result<String, diesel::result::Error> = store::write(&mut conn, |c| {
        enqueue(c, "coord@de.example", "s", "b", t0())?;
        // The event that the message reports fails after the message was written.
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert!(rolled_back.is_err());
    assert_eq!(db.count("outbox"), 0);
    let kept = store::write(&mut conn, |c| {
        enqueue(c, "coord@de.example", "s", "b", t0())
    });
    let id = kept.expect("committed");
    assert_eq!(
        db.count(&format!("outbox WHERE id = '{id}' AND status = 'pending'")),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_temporarily_failing_server_is_retried_with_backoff_and_then_gets_the_message_once() {
    let db = TestDb::new();
    let store = store_on(&db);
    let sink = SmtpSink::start_failing(2);
    let mailer = Mailer::smtp(&sink.url(), FROM).unwrap();
    let clock = Clock::manual(t0());
    let options = SenderOptions::default();
    let ids = enqueue_all(&store, &mails(1), t0());

    assert_eq!(pass(&store, &mailer, &clock, &options).await, 0);
    let row = only_row(&store);
    assert_eq!((row.status.as_str(), row.attempts), (PENDING, 1));
    assert_eq!(
        row.next_attempt_at,
        (t0() + Duration::seconds(30)).naive_utc()
    );
    assert!(
        row.last_error.as_deref().is_some_and(|e| e.contains("451")),
        "{row:?}"
    );

    clock.advance(Duration::seconds(29));
    assert_eq!(pass(&store, &mailer, &clock, &options).await, 0);
    assert_eq!(
        only_row(&store).attempts,
        1,
        "not tried before its backoff ends"
    );

    clock.advance(Duration::seconds(1));
    assert_eq!(pass(&store, &mailer, &clock, &options).await, 0);
    let row = only_row(&store);
    assert_eq!(row.attempts, 2);
    assert_eq!(
        row.next_attempt_at,
        (t0() + Duration::seconds(30 + 60)).naive_utc(),
        "the wait doubles"
    );

    clock.advance(Duration::seconds(59));
    assert_eq!(pass(&store, &mailer, &clock, &options).await, 0);
    assert!(sink.received().is_empty());
    clock.advance(Duration::seconds(1));
    assert_eq!(pass(&store, &mailer, &clock, &options).await, 1);
    let row = only_row(&store);
    assert_eq!((row.status.as_str(), row.attempts), (SENT, 3));

    clock.advance(Duration::hours(3));
    assert_eq!(pass(&store, &mailer, &clock, &options).await, 0);
    let got = sink.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].message_id, mailer.message_id(&ids[0]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_server_loses_nothing_and_gets_every_message_once_when_it_is_back() {
    let db = TestDb::new();
    let store = store_on(&db);
    let port = free_port();
    let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{port}"), FROM).unwrap();
    let clock = Clock::manual(t0());
    let options = SenderOptions::default();
    let ids = enqueue_all(&store, &mails(5), t0());

    assert_eq!(pass(&store, &mailer, &clock, &options).await, 0);
    clock.advance(Duration::seconds(30));
    assert_eq!(pass(&store, &mailer, &clock, &options).await, 0);
    for row in rows(&store).values() {
        assert_eq!((row.status.as_str(), row.attempts), (PENDING, 2), "{row:?}");
        assert!(row.last_error.is_some(), "{row:?}");
    }

    let dir = tempfile::tempdir().unwrap();
    let _sink = SmtpSink::start_at(port, dir.path(), 0);
    clock.advance(Duration::seconds(59));
    assert_eq!(
        pass(&store, &mailer, &clock, &options).await,
        0,
        "still backing off"
    );
    clock.advance(Duration::seconds(1));
    assert_eq!(pass(&store, &mailer, &clock, &options).await, 5);
    clock.advance(Duration::hours(1));
    assert_eq!(pass(&store, &mailer, &clock, &options).await, 0);

    let got = received_in(dir.path());
    let mut got_ids: Vec<String> = got.iter().map(|r| r.message_id.clone()).collect();
    got_ids.sort();
    let mut want: Vec<String> = ids.iter().map(|id| mailer.message_id(id)).collect();
    want.sort();
    assert_eq!(got_ids, want, "each message once");
    assert!(rows(&store)
        .values()
        .all(|r| r.status == SENT && r.attempts == 3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_the_last_allowed_attempt_a_message_is_marked_failed_and_kept() {
    let db = TestDb::new();
    let store = store_on(&db);
    let port = free_port();
    let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{port}"), FROM).unwrap();
    let clock = Clock::manual(t0());
    let options = SenderOptions {
        retry: RetryPolicy {
            max_attempts: 3,
            ..RetryPolicy::default()
        },
        ..SenderOptions::default()
    };
    enqueue_all(&store, &mails(1), t0());
    for wait in [0, 30, 60] {
        clock.advance(Duration::seconds(wait));
        assert_eq!(pass(&store, &mailer, &clock, &options).await, 0);
    }
    let row = only_row(&store);
    assert_eq!((row.status.as_str(), row.attempts), (FAILED, 3));
    assert!(row.last_error.is_some());

    let dir = tempfile::tempdir().unwrap();
    let _sink = SmtpSink::start_at(port, dir.path(), 0);
    clock.advance(Duration::hours(2));
    assert_eq!(pass(&store, &mailer, &clock, &options).await, 0);
    assert!(
        received_in(dir.path()).is_empty(),
        "a failed message stays failed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_claimed_by_a_sender_that_crashed_is_sent_once_its_lease_expires() {
    let db = TestDb::new();
    let store = store_on(&db);
    let sink = SmtpSink::start();
    let mailer = Mailer::smtp(&sink.url(), FROM).unwrap();
    let clock = Clock::manual(t0());
    let options = SenderOptions::default();
    let ids = enqueue_all(&store, &mails(2), t0());

    // The crashed instance claimed both and died before sending either.
    let mut conn = store.conn().unwrap();
    let claimed = claim_due(&mut conn, t0(), options.lease, 10).unwrap();
    drop(conn);
    assert_eq!(claimed.len(), 2);
    assert!(claimed
        .iter()
        .all(|m| m.lease_until == t0() + options.lease));

    assert_eq!(pass(&store, &mailer, &clock, &options).await, 0, "leased");
    clock.advance(options.lease);
    assert_eq!(
        pass(&store, &mailer, &clock, &options).await,
        0,
        "lease not yet over"
    );
    clock.advance(Duration::seconds(1));
    assert_eq!(pass(&store, &mailer, &clock, &options).await, 2);
    let got = sink.received();
    assert_eq!(got.len(), 2);
    for id in &ids {
        assert_eq!(
            got.iter()
                .filter(|r| r.message_id == mailer.message_id(id))
                .count(),
            1
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_not_recorded_before_a_crash_is_repeated_with_the_same_message_id() {
    let db = TestDb::new();
    let store = store_on(&db);
    let sink = SmtpSink::start();
    let mailer = Mailer::smtp(&sink.url(), FROM).unwrap();
    let clock = Clock::manual(t0());
    let options = SenderOptions::default();
    let ids = enqueue_all(&store, &mails(1), t0());

    // The crashed instance claimed the message, the server accepted it, and the instance died
    // before recording the send: delivery is at least once.
    let mut conn = store.conn().unwrap();
    let claimed = claim_due(&mut conn, t0(), options.lease, 10).unwrap();
    drop(conn);
    let m = &claimed[0];
    let outgoing = Outgoing {
        id: &m.id,
        recipient: &m.recipient,
        subject: &m.subject,
        body: &m.body,
    };
    mailer.send(&outgoing, t0()).await.expect("first send");

    clock.advance(options.lease + Duration::seconds(1));
    assert_eq!(pass(&store, &mailer, &clock, &options).await, 1);
    let got = sink.received();
    assert_eq!(got.len(), 2);
    assert!(
        got.iter()
            .all(|r| r.message_id == mailer.message_id(&ids[0])),
        "the copy carries the same Message-ID, so the receiver can drop it"
    );
    clock.advance(Duration::hours(1));
    assert_eq!(pass(&store, &mailer, &clock, &options).await, 0);
    assert_eq!(
        sink.received().len(),
        2,
        "never again after a recorded send"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_senders_on_one_database_deliver_each_of_200_messages_exactly_once() {
    let db = TestDb::new();
    let sink = SmtpSink::start();
    let first = store_on(&db);
    let ids = enqueue_all(&first, &mails(200), Clock::system().now());
    let mut senders = Vec::new();
    for _ in 0..2 {
        // Each sender is a separate instance: its own pool, mailer and clock.
        let store = Store::open(db.url(), 4).unwrap();
        let mailer = Mailer::smtp(&sink.url(), FROM).unwrap();
        senders.push(tokio::spawn(async move {
            let clock = Clock::system();
            let options = SenderOptions {
                batch: 10,
                ..SenderOptions::default()
            };
            let mut sent = 0;
            loop {
                sent += send_due_once(&store, &mailer, &clock, &options)
                    .await
                    .expect("sender pass");
                let open: i64 = {
                    let mut c = store.conn().expect("connection");
                    outbox::table
                        .filter(outbox::status.ne(SENT))
                        .count()
                        .get_result(&mut *c)
                        .expect("count")
                };
                if open == 0 {
                    return sent;
                }
                tokio::time::sleep(StdDuration::from_millis(5)).await;
            }
        }));
    }
    let mut per_sender = Vec::new();
    for s in senders {
        per_sender.push(
            tokio::time::timeout(StdDuration::from_secs(240), s)
                .await
                .expect("senders finish")
                .expect("sender task"),
        );
    }
    eprintln!(
        "backend {}: sent per sender {per_sender:?}",
        first.backend()
    );
    assert_eq!(per_sender.iter().sum::<usize>(), 200);

    let got = sink.received();
    assert_eq!(got.len(), 200, "no message twice, none missing");
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &got {
        *by_id.entry(r.message_id.as_str()).or_default() += 1;
    }
    let ids_from = Mailer::log(FROM).unwrap();
    for id in &ids {
        assert_eq!(
            by_id.get(ids_from.message_id(id).as_str()),
            Some(&1),
            "{id}"
        );
    }
    assert!(rows(&first)
        .values()
        .all(|r| r.status == SENT && r.attempts == 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sender_loop_delivers_what_is_enqueued_and_stops_on_shutdown() {
    let db = TestDb::new();
    let store = store_on(&db);
    let sink = SmtpSink::start();
    let settings = Settings::from_lookup(|k| match k {
        "CORRIDOR_DEV" => Some("1".into()),
        "CORRIDOR_SMTP_URL" => Some(sink.url()),
        "CORRIDOR_MAIL_FROM" => Some(format!("Corridor <{FROM}>")),
        _ => None,
    })
    .unwrap();
    let mailer = Mailer::from_settings(&settings).unwrap();
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let sender = tokio::spawn(run_sender(
        store.clone(),
        mailer,
        Clock::system(),
        StdDuration::from_millis(50),
        shutdown,
    ));
    // More than one batch, so the loop has to drain.
    enqueue_all(&store, &mails(25), Clock::system().now());
    let got = tokio::task::spawn_blocking(move || {
        let got = sink.wait_for(25, StdDuration::from_secs(60));
        (got, sink)
    })
    .await
    .unwrap();
    assert_eq!(got.0.len(), 25);
    stop.send(true).unwrap();
    tokio::time::timeout(StdDuration::from_secs(10), sender)
        .await
        .expect("the sender stops on shutdown")
        .unwrap();
    assert_eq!(got.1.received().len(), 25);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_an_smtp_url_mail_goes_to_the_log_and_counts_as_sent() {
    let db = TestDb::new();
    let store = store_on(&db);
    let settings =
        Settings::from_lookup(|k| (k == "CORRIDOR_DEV").then(|| "1".to_string())).unwrap();
    let mailer = Mailer::from_settings(&settings).unwrap();
    assert!(
        mailer.describe().starts_with("log"),
        "{}",
        mailer.describe()
    );
    let clock = Clock::manual(t0());
    enqueue_all(&store, &mails(2), t0());
    assert_eq!(
        pass(&store, &mailer, &clock, &SenderOptions::default()).await,
        2
    );
    assert!(rows(&store).values().all(|r| r.status == SENT));
}
