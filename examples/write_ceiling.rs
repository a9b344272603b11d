//! The write ceiling: committed copies of one stored notification's rows, one transaction per
//! notification as the service does (notification, version, reviews, stages, timers, and its
//! audit events appended under the head-row lock), at the service's durability (SQLite WAL with
//! `synchronous = FULL`, the service's default; PostgreSQL defaults, `synchronous_commit = on`).
//!
//! `write_ceiling DATABASE_URL TEMPLATE_ID THREADS SECONDS MAX_COUNT` prints
//! `write_ceiling committed=N seconds=S per_second=R`. Rows are copied inside the database
//! (INSERT … SELECT), so this is the cost of the writes and commits alone: no HTTP, no JSON, no
//! policy evaluation, no hashing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use corridor::store::{self, Db};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

#[derive(QueryableByName)]
struct Seq {
    #[diesel(sql_type = BigInt)]
    seq: i64,
}

/// `$n` on PostgreSQL, `?` on SQLite.
fn params(sql: &str, pg: bool) -> String {
    if !pg {
        return sql.replace("$1", "?").replace("$2", "?").replace("$3", "?");
    }
    sql.to_string()
}

fn copy_one(conn: &mut Db, template: &str, new_id: &str, events: &[i64]) -> QueryResult<()> {
    let pg = matches!(conn, Db::Pg(_));
    // Each statement binds (new id, template id), in that order, once each.
    let copies = [
        "INSERT INTO notifications (id, reference, status, version, revision, priority, kind, \
         requester_nation, requester_unit, created_by, departure_at, arrival_at, due_at, \
         escalation_level, movement, submitted_at, updated_at) \
         SELECT $1, 'WC-' || id, status, version, revision, priority, kind, requester_nation, \
         requester_unit, created_by, departure_at, arrival_at, due_at, escalation_level, movement, \
         submitted_at, updated_at FROM notifications WHERE id = $2",
        "INSERT INTO notification_versions (notification_id, version, movement, created_by, \
         created_at) SELECT $1, version, movement, created_by, created_at \
         FROM notification_versions WHERE notification_id = $2",
        "INSERT INTO reviews (notification_id, nation, position, status, permit_number, due_at, \
         policy_version, findings, waiver) SELECT $1, nation, position, status, NULL, due_at, \
         policy_version, findings, waiver FROM reviews WHERE notification_id = $2",
        "INSERT INTO stages (id, notification_id, nation, stage_key, name, step, round, status, \
         opened_at, due_at, decided_by, decided_at, conditions, reason, fingerprint, \
         escalation_level, revision) SELECT notification_id || '-' || id, $1, nation, stage_key, \
         name, step, round, status, opened_at, due_at, decided_by, decided_at, conditions, reason, \
         fingerprint, escalation_level, revision FROM stages WHERE notification_id = $2",
        "INSERT INTO timers (id, kind, notification_id, nation, stage_id, due_at, status, attempts, \
         locked_by, locked_until, created_at, fired_at) SELECT notification_id || '-' || id, kind, \
         $1, nation, stage_id, due_at, status, 0, NULL, NULL, created_at, NULL FROM timers \
         WHERE notification_id = $2",
    ];
    store::write(conn, |c| {
        for (i, sql) in copies.iter().enumerate() {
            // The copied primary keys must be new: derive them from the new id.
            let sql = if i == 0 {
                sql.replace("'WC-' || id", "'WC-' || $1")
            } else {
                sql.replace("notification_id || '-' || id", "$1 || '-' || id")
            };
            let sql = if pg {
                sql.replace("$1 ||", "$1::text ||")
                    .replace("|| $1", "|| $1::text")
            } else {
                sql
            };
            // SQLite numbers `?` by position: bind the new id as often as it appears.
            let n1 = sql.matches("$1").count();
            let sql = params(&sql, pg);
            if pg {
                diesel::sql_query(sql)
                    .bind::<Text, _>(new_id)
                    .bind::<Text, _>(template)
                    .execute(c)?;
            } else {
                let q = diesel::sql_query(sql).into_boxed();
                let q = (0..n1).fold(q, |q, _| q.bind::<Text, _>(new_id.to_string()));
                q.bind::<Text, _>(template.to_string()).execute(c)?;
            }
        }
        for ev in events {
            let head: Seq =
                diesel::sql_query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq")
                    .get_result(c)?;
            let sql = params(
                "INSERT INTO audit_events (seq, notification_id, at, actor, role, nation, action, \
                 status_before, status_after, policy_version, detail, prev_hash, hash) \
                 SELECT $1, $2, at, actor, role, nation, action, status_before, status_after, \
                 policy_version, detail, prev_hash, hash FROM audit_events WHERE seq = $3",
                pg,
            );
            diesel::sql_query(sql)
                .bind::<BigInt, _>(head.seq)
                .bind::<Text, _>(new_id)
                .bind::<BigInt, _>(*ev)
                .execute(c)?;
            diesel::sql_query(params("UPDATE audit_head SET hash = $1 WHERE id = 1", pg))
                .bind::<Text, _>(format!("{:064}", head.seq))
                .execute(c)?;
        }
        Ok(())
    })
}

fn main() -> anyhow::Result<()> {
    let a: Vec<String> = std::env::args().collect();
    anyhow::ensure!(
        a.len() == 6,
        "usage: write_ceiling DATABASE_URL TEMPLATE_ID THREADS SECONDS MAX_COUNT"
    );
    let (url, template) = (a[1].clone(), a[2].clone());
    let threads: usize = a[3].parse()?;
    let seconds: f64 = a[4].parse()?;
    let max: usize = a[5].parse()?;
    let st = store::Store::open(&url, threads as u32)?;
    let events: Vec<i64> = {
        let mut c = st.conn()?;
        let pg = matches!(&mut *c, Db::Pg(_));
        diesel::sql_query(params(
            "SELECT seq FROM audit_events WHERE notification_id = $1 ORDER BY seq",
            pg,
        ))
        .bind::<Text, _>(&template)
        .load::<Seq>(&mut *c)?
        .into_iter()
        .map(|s| s.seq)
        .collect()
    };
    let issued = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let limit = Duration::from_secs_f64(seconds);
    let run = std::process::id();
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (st, template, events, issued, done) = (
                st.clone(),
                template.clone(),
                events.clone(),
                issued.clone(),
                done.clone(),
            );
            std::thread::spawn(move || -> anyhow::Result<()> {
                let mut c = st.conn()?;
                loop {
                    let i = issued.fetch_add(1, Ordering::Relaxed);
                    if i >= max || start.elapsed() >= limit {
                        return Ok(());
                    }
                    let id = format!("wc-{run}-{i}");
                    copy_one(&mut c, &template, &id, &events)?;
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("thread")?;
    }
    let secs = start.elapsed().as_secs_f64();
    let n = done.load(Ordering::Relaxed);
    println!(
        "write_ceiling committed={n} seconds={secs:.2} per_second={:.1} events_per_notification={}",
        n as f64 / secs,
        events.len()
    );
    Ok(())
}
