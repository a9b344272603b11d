//! Due times, the escalation ladder, deemed consent and durable timers, end to end: the real
//! server on a manual clock, a real SMTP server on loopback.

use std::time::{Duration, Instant};

use crate::common::smtp::SmtpSink;
use crate::common::{at, fixture, submit_id, Options, Server};
use chrono::Datelike;
use reqwest::Method;
use serde_json::{json, Value};

/// The manual clock's start (the suite's clock): a Monday morning, a day before the fixtures'
/// departure.
fn t0() -> String {
    at(hours(0))
}

fn hours(h: i64) -> chrono::Duration {
    chrono::Duration::hours(h)
}

fn options(sink: &SmtpSink, clock: &str) -> Options {
    Options::default()
        .env("CORRIDOR_CLOCK", &format!("manual:{clock}"))
        .env("CORRIDOR_JOBS_INTERVAL_MS", "50")
        .env("CORRIDOR_JWT_TTL", "86400")
        .env("CORRIDOR_SMTP_URL", &sink.url())
        // The storm test submits a thousand as one planner; the rate has its own test.
        .env("CORRIDOR_SUBMISSIONS_PER_MINUTE", "0")
}

struct Desk {
    s: Server,
    admin: String,
    requester: String,
}

fn desk(sink: &SmtpSink) -> Desk {
    let s = Server::start_with(options(sink, &t0()));
    let admin = s.user("ops", "admin", &[]);
    let requester = s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", "43 Mechanised Brigade"],
    );
    s.user(
        "de.movcon",
        "officer",
        &[
            "--nation",
            "DE",
            "--stages",
            "movcon",
            "--email",
            "movcon@bundeswehr.example",
        ],
    );
    s.user(
        "de.coord",
        "coordinator",
        &[
            "--nation",
            "DE",
            "--email",
            "coordinator@bundeswehr.example",
        ],
    );
    s.user(
        "liaison.de",
        "liaison",
        &["--watch", "DE,PL", "--email", "liaison@jsec.example"],
    );
    Desk {
        s,
        admin,
        requester,
    }
}

fn advance(s: &Server, admin: &str, by: &str) {
    let r = s.post("/v1/admin/clock", admin, &json!({"advance": by}));
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
}

/// Polls the notification until `done` holds (the runner works every 50 ms); 20 s at most.
fn wait_until(
    s: &Server,
    token: &str,
    id: &str,
    what: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let start = Instant::now();
    loop {
        let n: Value = s
            .get(&format!("/v1/notifications/{id}"), token)
            .json()
            .unwrap();
        if done(&n) {
            return n;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}: {n}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn levels(n: &Value) -> Vec<(String, String, i64)> {
    n["escalations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["nation"].as_str().unwrap().to_string(),
                e["stage"].as_str().unwrap().to_string(),
                e["level"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_silent_german_stage_escalates_to_officers_then_coordinator_then_liaison_by_mail() {
    let sink = SmtpSink::start();
    let d = desk(&sink);
    let s = &d.s;
    let id = submit_id(s, &d.requester, &fixture("crisis_nl_de_pl_lt"));
    let n: Value = s
        .get(&format!("/v1/notifications/{id}"), &d.requester)
        .json()
        .unwrap();
    let reference = n["reference"].as_str().unwrap().to_string();
    let de = n["nations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["nation"] == "DE")
        .unwrap();
    assert_eq!(
        de["stages"][0]["due_at"],
        at(hours(2)),
        "crisis SLA of 2 h, calendar time"
    );
    assert_eq!(de["due_at"], at(hours(6)), "Germany's 6-hour crisis target");
    assert_eq!(
        n["due_at"],
        at(hours(22)),
        "the last nation (LT, 24 h) capped at departure minus 2 h"
    );
    assert!(levels(&n).is_empty());

    // Half the stage's time used: its officers are told.
    advance(s, &d.admin, "PT1H");
    let n = wait_until(s, &d.requester, &id, "level 1", |n| !levels(n).is_empty());
    assert_eq!(levels(&n), [("DE".to_string(), "movcon".to_string(), 1)]);
    assert_eq!(n["escalation_level"], 1);
    let mail = sink.wait_for(1, Duration::from_secs(20));
    assert_eq!(mail[0].rcpt_tos, ["movcon@bundeswehr.example"]);
    assert!(mail[0].subject.contains(&reference), "{}", mail[0].subject);
    assert!(
        mail[0].body.contains("1 h") && mail[0].body.contains("left"),
        "{}",
        mail[0].body
    );

    // The stage's due time: the coordinator.
    advance(s, &d.admin, "PT1H");
    let n = wait_until(s, &d.requester, &id, "level 2", |n| levels(n).len() == 2);
    assert_eq!(levels(&n)[1], ("DE".to_string(), "movcon".to_string(), 2));
    let mail = sink.wait_for(2, Duration::from_secs(20));
    assert_eq!(mail[1].rcpt_tos, ["coordinator@bundeswehr.example"]);
    assert!(mail[1].subject.contains(&reference));

    // Two hours before the notification's overall due time: the liaison cell watching Germany.
    advance(s, &d.admin, "PT18H");
    let n = wait_until(s, &d.requester, &id, "level 3", |n| levels(n).len() == 3);
    assert_eq!(levels(&n)[2].2, 3);
    let mail = sink.wait_for(3, Duration::from_secs(20));
    assert_eq!(mail[2].rcpt_tos, ["liaison@jsec.example"]);
    assert!(mail[2].subject.contains(&reference));
    let fired: Vec<&str> = n["escalations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["fired_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        fired,
        [at(hours(1)), at(hours(2)), at(hours(20))],
        "in order, each when due"
    );
    assert_eq!(sink.received().len(), 3, "each level mailed once");

    // The board's at-risk filter and the coordinator's acknowledgement.
    let risky: Value = s
        .get("/v1/notifications?at_risk=true", &d.admin)
        .json()
        .unwrap();
    assert_eq!(risky["items"].as_array().unwrap().len(), 1);
    let coord = s.token("de.coord", "pw-de.coord-long-enough");
    let esc = n["escalations"][1]["id"].as_str().unwrap();
    let r = s.post(
        &format!("/v1/notifications/{id}/escalations/{esc}/acknowledge"),
        &coord,
        &json!({}),
    );
    assert_eq!(r.status(), 200);
    let n: Value = r.json().unwrap();
    assert_eq!(n["escalations"][1]["acknowledged_by"], "de.coord");
    let board: Value = s.get("/v1/board", &d.admin).json().unwrap();
    let open: Vec<i64> = board["escalations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["level"].as_i64().unwrap())
        .collect();
    // Soonest due first: level 1 names the stage's due time, level 3 the overall due time.
    assert_eq!(open, [1, 3], "levels 1 and 3 still open: {board}");

    // The late decision settles it: nothing open, nothing at risk.
    let officer = s.token("de.movcon", "pw-de.movcon-long-enough");
    let tag = s
        .get(&format!("/v1/notifications/{id}"), &officer)
        .headers()["etag"]
        .to_str()
        .unwrap()
        .to_string();
    let r = s
        .req(
            Method::POST,
            &format!("/v1/notifications/{id}/nations/DE/stages/movcon/decision"),
            &officer,
        )
        .header("if-match", tag)
        .json(&json!({"outcome": "approve"}))
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    let n: Value = r.json().unwrap();
    assert_eq!(n["status"], "approved");
    assert_eq!(n["escalation_level"], 0);
    let board: Value = s.get("/v1/board", &d.admin).json().unwrap();
    assert!(
        board["escalations"].as_array().unwrap().is_empty(),
        "{board}"
    );
    assert!(board["at_risk"].as_array().unwrap().is_empty(), "{board}");
}

#[test]
fn a_predicted_breach_escalates_before_any_due_time_passes() {
    let sink = SmtpSink::start();
    let d = desk(&sink);
    let s = &d.s;
    // Ammunition through Germany: movement control (2 h) then the DG authority (4 h) cannot
    // both fit before departure minus the 2-hour margin, 5 hours from now.
    let mut body = fixture("crisis_ammunition");
    body["departure_at"] = json!(at(hours(5)));
    body["itinerary"][0]["entry_at"] = json!(at(hours(5)));
    body["itinerary"][0]["exit_at"] = json!(at(hours(7)));
    body["itinerary"][1]["entry_at"] = json!(at(hours(7)));
    let id = submit_id(s, &d.requester, &body);
    let n = wait_until(s, &d.requester, &id, "predicted breach", |n| {
        !levels(n).is_empty()
    });
    let de_movcon_due = n["nations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["nation"] == "DE")
        .unwrap()["stages"][0]["due_at"]
        .clone();
    assert_eq!(
        de_movcon_due,
        at(hours(2)),
        "no due time has passed at 06:00"
    );
    let first = &n["escalations"][0];
    assert_eq!(first["fired_at"], t0(), "fired at once, at submission time");
    assert!(
        first["reason"].as_str().unwrap().contains("predict")
            || first["reason"].as_str().unwrap().contains("cannot"),
        "{first}"
    );
    assert!(!sink.wait_for(1, Duration::from_secs(20)).is_empty());
}

/// The ammunition fixture moved in time so that it departs at `departure` (every time in it
/// shifted by the same amount).
fn ammunition_departing(departure: chrono::DateTime<chrono::Utc>) -> Value {
    let mut body = fixture("crisis_ammunition");
    let was: chrono::DateTime<chrono::Utc> =
        body["departure_at"].as_str().unwrap().parse().unwrap();
    let shift = departure - was;
    let moved = |v: &mut Value| {
        let t: chrono::DateTime<chrono::Utc> = v.as_str().unwrap().parse().unwrap();
        *v = json!((t + shift).to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    };
    moved(&mut body["departure_at"]);
    moved(&mut body["arrival_at"]);
    for leg in body["itinerary"].as_array_mut().unwrap() {
        moved(&mut leg["entry_at"]);
        moved(&mut leg["exit_at"]);
    }
    body
}

fn de_movcon_escalations_at(n: &Value, at: &str) -> usize {
    n["escalations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["nation"] == "DE" && e["stage"] == "movcon" && e["fired_at"] == at)
        .count()
}

#[test]
fn observed_decision_times_replace_the_sla_when_predicting_a_breach() {
    let sink = SmtpSink::start();
    let d = desk(&sink);
    let s = &d.s;
    let officer = s.user(
        "de.movcon.2",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    let start = crate::common::suite_now();
    // With the policy's times, DE movement control (2 h) and the DG authority (4 h) fit in the
    // 10 hours before departure: no prediction. A sentinel leaving in 5 hours cannot fit and
    // escalates at once, which tells us the runner has looked at both.
    let fits = submit_id(s, &d.requester, &ammunition_departing(start + hours(10)));
    let sentinel = submit_id(s, &d.requester, &ammunition_departing(start + hours(5)));
    wait_until(
        s,
        &d.requester,
        &sentinel,
        "the sentinel's prediction",
        |n| de_movcon_escalations_at(n, &t0()) > 0,
    );
    let n: Value = s
        .get(&format!("/v1/notifications/{fits}"), &d.requester)
        .json()
        .unwrap();
    assert_eq!(de_movcon_escalations_at(&n, &t0()), 0, "{n}");

    // German movement control then takes 8 hours over each of five notifications
    // (`median_after_decisions` defaults to 5).
    let slow: Vec<String> = (0..5)
        .map(|_| submit_id(s, &d.requester, &ammunition_departing(start + hours(72))))
        .collect();
    advance(s, &d.admin, "PT8H");
    for id in &slow {
        let r = s
            .req(
                Method::POST,
                &format!("/v1/notifications/{id}/nations/DE/stages/movcon/decision"),
                &officer,
            )
            .header("if-match", "*")
            .json(&json!({"outcome": "approve"}))
            .send()
            .unwrap();
        assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    }

    // The same movement, again 10 hours before departure: 8 h observed + 4 h cannot fit, so it
    // escalates at submission although no due time has passed.
    let now = at(hours(8));
    let late = submit_id(s, &d.requester, &ammunition_departing(start + hours(18)));
    let n = wait_until(
        s,
        &d.requester,
        &late,
        "a prediction from observed times",
        |n| de_movcon_escalations_at(n, &now) > 0,
    );
    let first = n["escalations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["nation"] == "DE")
        .unwrap();
    assert!(
        first["reason"].as_str().unwrap().contains("predict")
            || first["reason"].as_str().unwrap().contains("cannot"),
        "{first}"
    );
}

#[test]
fn with_deemed_consent_a_silent_stage_is_deemed_approved_at_its_hard_deadline() {
    let sink = SmtpSink::start();
    let d = desk(&sink);
    let s = &d.s;
    s.user(
        "pl.coord",
        "coordinator",
        &["--nation", "PL", "--email", "koordynator@wp.mil.example"],
    );
    let officers: Vec<(String, String)> = ["NL", "DE", "LT"]
        .into_iter()
        .map(|n| {
            (
                n.to_string(),
                s.user(
                    &format!("{}.dg", n.to_lowercase()),
                    "officer",
                    &["--nation", n, "--stages", "movcon,dg_authority"],
                ),
            )
        })
        .collect();
    let id = submit_id(s, &d.requester, &fixture("crisis_ammunition"));
    // Everyone but Poland decides.
    for (nation, token) in &officers {
        for key in ["movcon", "dg_authority"] {
            let n: Value = s
                .get(&format!("/v1/notifications/{id}"), token)
                .json()
                .unwrap();
            let pending = n["nations"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["nation"] == *nation)
                .unwrap()["stages"]
                .as_array()
                .unwrap()
                .iter()
                .find(|st| st["key"] == key && st["status"] == "pending")
                .cloned();
            if let Some(stage) = pending {
                // The stage's own ETag: an escalation fired meanwhile on another nation does
                // not make this officer's decision stale.
                let tag = stage["etag"].as_str().unwrap().to_string();
                let r = s
                    .req(
                        Method::POST,
                        &format!("/v1/notifications/{id}/nations/{nation}/stages/{key}/decision"),
                        token,
                    )
                    .header("if-match", tag)
                    .json(&json!({"outcome": "approve"}))
                    .send()
                    .unwrap();
                assert_eq!(
                    r.status(),
                    200,
                    "{nation}/{key}: {}",
                    r.text().unwrap_or_default()
                );
            }
        }
    }
    let n: Value = s
        .get(&format!("/v1/notifications/{id}"), &d.requester)
        .json()
        .unwrap();
    assert_eq!(n["status"], "in_review");
    let pl = n["nations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["nation"] == "PL")
        .unwrap();
    let dg = pl["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|st| st["key"] == "dg_authority")
        .unwrap();
    let due = chrono::DateTime::parse_from_rfc3339(dg["due_at"].as_str().unwrap()).unwrap();
    let t0 = crate::common::suite_now().fixed_offset();
    // Past the due time plus Poland's one-hour grace.
    let wait = (due - t0) + chrono::Duration::minutes(61);
    advance(s, &d.admin, &format!("PT{}M", wait.num_minutes()));
    let n = wait_until(s, &d.requester, &id, "deemed consent", |n| {
        n["status"] == "approved"
    });
    let pl = n["nations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["nation"] == "PL")
        .unwrap();
    let dg = pl["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|st| st["key"] == "dg_authority")
        .unwrap();
    assert_eq!(dg["status"], "deemed_approved");
    assert_eq!(dg["decided_by"], "deemed consent");
    assert!(pl["permit_number"]
        .as_str()
        .unwrap()
        .starts_with(&format!("PL-{}-", crate::common::suite_now().year())));
    let trail: Value = s
        .get(&format!("/v1/notifications/{id}/events"), &d.requester)
        .json()
        .unwrap();
    assert!(trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "deemed_approved" && e["nation"] == "PL"));
    let start = Instant::now();
    while !sink.received().iter().any(|m| {
        m.rcpt_tos == ["koordynator@wp.mil.example"]
            && m.body.contains(n["reference"].as_str().unwrap())
    }) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the Polish coordinator is told"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Germany has no deemed consent: its silence would only escalate (checked above).
}

#[test]
fn sigkill_while_timers_are_due_then_restart_fires_every_escalation_once_and_mails_each_once() {
    let sink = SmtpSink::start();
    let d = desk(&sink);
    let mut s = d.s;
    let ids: Vec<String> = (0..6)
        .map(|_| submit_id(&s, &d.requester, &fixture("crisis_nl_de_pl_lt")))
        .collect();
    // One hour on: every notification's level-1 timer is due; kill the server mid-work.
    advance(&s, &d.admin, "PT1H");
    std::thread::sleep(Duration::from_millis(30));
    s.kill();
    // The restarted server's clock stands past the dead instance's leases (timers 1 min,
    // outbox 5 min): what it had claimed comes back to the new one.
    let db = s.db.clone();
    let mut again = Server::start_on(
        db,
        options(&sink, &at(hours(1) + chrono::Duration::minutes(6))),
    );
    let token = again.token("nl.planner", "pw-nl.planner-long-enough");
    for id in &ids {
        let n = wait_until(&again, &token, id, "level 1 after restart", |n| {
            !levels(n).is_empty()
        });
        assert_eq!(levels(&n), [("DE".to_string(), "movcon".to_string(), 1)]);
    }
    assert_eq!(
        again.db.count("escalations"),
        6,
        "each escalation exactly once"
    );
    let mail = sink.wait_for(6, Duration::from_secs(30));
    std::thread::sleep(Duration::from_millis(300));
    let mail_now = sink.received();
    let mut ids_seen: Vec<&str> = mail_now.iter().map(|m| m.message_id.as_str()).collect();
    ids_seen.sort();
    ids_seen.dedup();
    assert_eq!(
        ids_seen.len(),
        6,
        "every outbox message delivered: {} received",
        mail.len()
    );
    assert_eq!(again.db.count("outbox WHERE status = 'sent'"), 6);
    assert_eq!(mail_now.len(), 6, "and none twice");
    again.kill();
}

#[test]
#[ignore = "needs PostgreSQL: run with TEST_DATABASE_URL and --include-ignored (CI does)"]
fn two_instances_on_one_postgres_fire_each_of_1000_due_timers_once() {
    let sink = SmtpSink::start();
    let probe = crate::common::TestDb::new();
    if !probe.is_postgres() {
        panic!("needs TEST_DATABASE_URL: this test is about several instances on one PostgreSQL");
    }
    drop(probe);
    let d = desk(&sink);
    let s = d.s;
    let body = fixture("crisis_nl_de_pl_lt");
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for _ in 0..250 {
                    submit_id(&s, &d.requester, &body);
                }
            });
        }
    });
    assert_eq!(s.db.count("timers WHERE status = 'pending'"), 1000);
    let db = s.db.clone();
    drop(s);
    // Two instances one hour later: every level-1 timer is due at once.
    let later = options(&sink, &at(hours(1)));
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| Server::start_on(db.clone(), later.clone()));
        let b = scope.spawn(|| Server::start_on(db.clone(), later.clone()));
        (a.join().unwrap(), b.join().unwrap())
    });
    let start = Instant::now();
    while a.db.count("escalations") < 1000 {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "only {} fired",
            a.db.count("escalations")
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(a.db.count("escalations"), 1000, "each fired once");
    assert_eq!(a.db.count("audit_events WHERE action = 'escalated'"), 1000);
    assert_eq!(
        a.db.count("(SELECT DISTINCT locked_by FROM timers WHERE locked_by IS NOT NULL) AS owners"),
        2,
        "both instances took a share"
    );
    drop((a, b));
}

#[test]
fn the_planner_is_mailed_each_national_permit_and_any_request_for_changes() {
    let sink = SmtpSink::start();
    let s = Server::start_with(options(&sink, &t0()));
    let planner = s.user(
        "nl.planner",
        "requester",
        &[
            "--nation",
            "NL",
            "--unit",
            "43 Mechanised Brigade",
            "--email",
            "s4@43mechbde.example",
        ],
    );
    let de = s.user(
        "de.movcon",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    let id = submit_id(&s, &planner, &fixture("crisis_nl_de_pl_lt"));
    let decide = |body: Value| {
        let tag = s.get(&format!("/v1/notifications/{id}"), &de).headers()["etag"]
            .to_str()
            .unwrap()
            .to_string();
        let r = s
            .req(
                Method::POST,
                &format!("/v1/notifications/{id}/nations/DE/stages/movcon/decision"),
                &de,
            )
            .header("if-match", tag)
            .json(&body)
            .send()
            .unwrap();
        assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
        r.json::<Value>().unwrap()
    };
    let n = decide(
        json!({"outcome": "approve_with_conditions", "conditions": ["Move between 22:00 and 05:00 only"]}),
    );
    let permit = n["nations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["nation"] == "DE")
        .unwrap()["permit_number"]
        .as_str()
        .unwrap()
        .to_string();
    let mail = sink.wait_for(1, Duration::from_secs(20));
    assert_eq!(mail[0].rcpt_tos, ["s4@43mechbde.example"]);
    assert!(mail[0].body.contains(&permit), "{}", mail[0].body);
    assert!(
        mail[0].body.contains("22:00 and 05:00"),
        "the conditions travel with the permit: {}",
        mail[0].body
    );
}
