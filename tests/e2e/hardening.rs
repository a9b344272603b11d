//! Input that must be refused by name and change nothing (issue 17, items 8 and 10): NUL
//! characters, data after the JSON body, a non-ASCII Idempotency-Key, a clock moved out of range,
//! a departure decades ago, an e-mail address that would inject a header, a username that would
//! forge a log line.

use chrono::Duration;
use reqwest::header::HeaderValue;
use reqwest::Method;
use serde_json::json;

use crate::common::{fields, fixture, problem, shift_times, Server};

const UNIT: &str = "43 Mechanised Brigade";

fn planner(s: &Server) -> String {
    s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    )
}

#[test]
fn a_nul_character_is_refused_by_name_in_a_body_a_path_and_a_query() {
    let s = Server::start();
    let token = planner(&s);
    // At login, unauthenticated: 400 naming the field (PostgreSQL cannot store NUL; no 500).
    let r = s
        .http
        .post(format!("{}/v1/auth/token", s.url))
        .json(&json!({"username": "nl.plan\u{0}ner", "password": "whatever-it-is"}))
        .send()
        .unwrap();
    assert_eq!(fields(&problem(r, 400)), ["username"]);
    // In a submission, deep in the body: the path of the field.
    let mut body = fixture("crisis_ammunition");
    body["itinerary"][1]["entry_point"] = json!("Bad\u{0}Bentheim");
    let p = problem(s.post("/v1/notifications", &token, &body), 400);
    assert_eq!(fields(&p), ["itinerary[1].entry_point"]);
    assert_eq!(s.db.count("notifications"), 0);
    // In a path id and in a query value.
    let r = s.get("/v1/notifications/abc%00def", &token);
    assert_eq!(fields(&problem(r, 400)), ["path"]);
    let r = s.get("/v1/notifications?status=in_review%00", &token);
    assert_eq!(fields(&problem(r, 400)), ["query"]);
    // Nothing is refused for the text `\u0000` written out (an escaped backslash).
    let mut fine = fixture("crisis_ammunition");
    fine["requester"]["contact"] = json!("S4 \\u0000 desk");
    assert_eq!(s.post("/v1/notifications", &token, &fine).status(), 201);
}

#[test]
fn data_after_the_json_body_is_refused() {
    let s = Server::start();
    let token = planner(&s);
    let body = format!("{} {{\"again\": 1}}", fixture("crisis_ammunition"));
    let r = s
        .req(Method::POST, "/v1/notifications", &token)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .unwrap();
    let p = problem(r, 400);
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("after its JSON value"),
        "{p}"
    );
    assert_eq!(s.db.count("notifications"), 0);
}

#[test]
fn a_non_ascii_idempotency_key_is_refused_not_ignored() {
    let s = Server::start();
    let token = planner(&s);
    let r = s
        .req(Method::POST, "/v1/notifications", &token)
        .header(
            "idempotency-key",
            HeaderValue::from_bytes("clé-1".as_bytes()).unwrap(),
        )
        .json(&fixture("crisis_ammunition"))
        .send()
        .unwrap();
    assert_eq!(fields(&problem(r, 400)), ["Idempotency-Key"]);
    assert_eq!(s.db.count("notifications"), 0);
}

#[test]
fn the_manual_clock_cannot_be_moved_out_of_range() {
    let s = Server::start();
    let admin = s.user("ops", "admin", &[]);
    let r = s.post(
        "/v1/admin/clock",
        &admin,
        &json!({"advance": "P4294967295D"}),
    );
    assert_eq!(fields(&problem(r, 400)), ["advance"]);
    let r = s.post(
        "/v1/admin/clock",
        &admin,
        &json!({"set": "1969-12-31T23:59:59Z"}),
    );
    assert_eq!(fields(&problem(r, 400)), ["set"]);
    // The clock did not move: the admin's token still verifies.
    assert_eq!(s.get("/v1/me", &admin).status(), 200);
}

#[test]
fn a_departure_decades_ago_is_refused_and_yesterday_s_is_not() {
    let s = Server::start();
    let token = planner(&s);
    let mut old = fixture("crisis_ammunition");
    shift_times(&mut old, Duration::days(-365 * 50));
    let p = problem(s.post("/v1/notifications", &token, &old), 400);
    assert_eq!(fields(&p), ["departure_at"]);
    // A convoy that left 23 hours ago may still be notified (and is late, which the rules say).
    let mut under_way = fixture("crisis_ammunition");
    shift_times(&mut under_way, Duration::hours(-24 - 23));
    assert_eq!(
        s.post("/v1/notifications", &token, &under_way).status(),
        201
    );
}

#[test]
fn an_email_that_would_inject_a_header_is_refused() {
    let s = Server::start();
    let out = s.cli(
        &[
            "user",
            "add",
            "--username",
            "de.coord",
            "--role",
            "coordinator",
            "--nation",
            "DE",
            "--email",
            "a@b.example\r\nBcc: x@evil.example",
            "--password-stdin",
        ],
        Some("a long enough password"),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--email"));
    assert_eq!(s.db.count("users"), 0);
}

#[test]
fn a_username_cannot_forge_a_log_line() {
    let s = Server::start();
    let r = s
        .http
        .post(format!("{}/v1/auth/token", s.url))
        .json(&json!({"username": "mallory\nINFO forged: admin signed in", "password": "not the password at all"}))
        .send()
        .unwrap();
    assert_eq!(r.status(), 401);
    let log = s.log();
    assert!(log.contains("failed login"), "{log}");
    assert!(
        !log.lines().any(|l| l.starts_with("INFO forged")),
        "a line was forged:\n{log}"
    );
}

/// A nation taken off the route by an amendment no longer reads the notification: 404 as for
/// any notification that does not cross it (lists already left it out).
#[test]
fn a_nation_taken_off_the_route_can_read_it_no_more() {
    let s = Server::start();
    let token = planner(&s);
    let lt = s.user(
        "lt.dg",
        "officer",
        &["--nation", "LT", "--stages", "dg_authority"],
    );
    let n = crate::common::submit(&s, &token, &fixture("crisis_ammunition"));
    let id = n["id"].as_str().unwrap().to_string();
    assert_eq!(s.get(&format!("/v1/notifications/{id}"), &lt).status(), 200);
    // The convoy now ends in Poland: the Lithuanian leg is gone.
    let mut shorter = fixture("crisis_ammunition");
    let legs = shorter["itinerary"].as_array_mut().unwrap();
    legs.retain(|l| l["nation"] != "LT");
    let end = legs.last().unwrap()["exit_at"].clone();
    shorter["arrival_at"] = end;
    let (_, tag) = crate::common::read(&s, &token, &id);
    let r = crate::common::amend(&s, &token, &id, &shorter, &tag);
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    problem(s.get(&format!("/v1/notifications/{id}"), &lt), 404);
    problem(s.get(&format!("/v1/notifications/{id}/events"), &lt), 404);
    let list: serde_json::Value = s.get("/v1/notifications", &lt).json().unwrap();
    assert_eq!(list["items"], json!([]));
}

/// Escalations are acknowledged by the nation's coordinator only (the contract), not an admin.
#[test]
fn only_the_nation_s_coordinator_acknowledges_its_escalation() {
    let s = Server::start();
    let admin = s.user("ops", "admin", &[]);
    let coordinator = s.user("de.coord", "coordinator", &["--nation", "DE"]);
    let token = planner(&s);
    let id = crate::common::submit_id(&s, &token, &fixture("crisis_ammunition"));
    // An escalation of DE's movement control, as the runner records one.
    s.db.execute(&format!(
        "INSERT INTO escalations (id, notification_id, nation, stage_id, stage_key, level, reason, due_at, fired_at) \
         SELECT 'esc-1', notification_id, nation, id, stage_key, 2, 'stage overdue', due_at, due_at \
         FROM stages WHERE notification_id = '{id}' AND nation = 'DE' AND stage_key = 'movcon'"
    ));
    let path = format!("/v1/notifications/{id}/escalations/esc-1/acknowledge");
    problem(s.post(&path, &admin, &json!({})), 403);
    let r = s.post(&path, &coordinator, &json!({}));
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
}

/// An amendment rewrites the whole notification: its `If-Match` must name the notification's
/// ETag, not one stage's (issue 17, item 7). A waiver needs the notification's ETag or a current
/// stage ETag of the waiving nation, not another nation's.
#[test]
fn preconditions_name_what_the_change_depends_on() {
    let s = Server::start();
    let token = planner(&s);
    let coordinator = s.user("de.coord", "coordinator", &["--nation", "DE"]);
    // A German bridge below the convoy's class: a block finding a coordinator may waive.
    let mut body = fixture("crisis_ammunition");
    body["itinerary"][1]["min_bridge_mlc"] = json!(10);
    let id = crate::common::submit_id(&s, &token, &body);
    let (n, tag) = crate::common::read(&s, &token, &id);
    let stage_tag = |nation: &str| {
        crate::common::nation(&n, nation)["stages"][0]["etag"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let amend = |if_match: &str| crate::common::amend(&s, &token, &id, &body, if_match);
    problem(amend(&stage_tag("NL")), 412);
    let waive = |if_match: &str| {
        s.req(
            Method::POST,
            &format!("/v1/notifications/{id}/nations/DE/waiver"),
            &coordinator,
        )
        .header("if-match", if_match)
        .json(&json!({"reason": "bridge checked by the road authority"}))
        .send()
        .unwrap()
    };
    problem(waive(&stage_tag("PL")), 412);
    // Germany's own current stage ETag will do for Germany's waiver ...
    let r = waive(&stage_tag("DE"));
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    // ... and the notification's current ETag for the amendment.
    let (_, now) = crate::common::read(&s, &token, &id);
    assert_ne!(now, tag);
    assert_eq!(amend(&now).status(), 200);
}

/// A withdrawal reason is bounded like a decision's (issue 17, item 9): a 1 MiB reason is
/// refused by name and the notification stays as it was.
#[test]
fn a_withdrawal_reason_is_bounded() {
    let s = Server::start();
    let token = planner(&s);
    let id = crate::common::submit_id(&s, &token, &fixture("crisis_ammunition"));
    let withdraw = |reason: &str| {
        s.post(
            &format!("/v1/notifications/{id}/withdraw"),
            &token,
            &json!({ "reason": reason }),
        )
    };
    let p = problem(withdraw(&"x".repeat(1024 * 1024 - 100)), 400);
    assert_eq!(fields(&p), ["reason"]);
    let (n, _) = crate::common::read(&s, &token, &id);
    assert_eq!(n["status"], "in_review");
    assert_eq!(withdraw(&"x".repeat(4000)).status(), 200);
}

#[test]
fn submissions_per_user_are_bounded_and_the_wait_is_given() {
    let s = Server::start_with(
        crate::common::Options::default().env("CORRIDOR_SUBMISSIONS_PER_MINUTE", "6"),
    );
    let token = planner(&s);
    let other = s.user(
        "nl.planner2",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    );
    let admin = s.user("ops", "admin", &[]);
    let body = fixture("crisis_nl_de_pl_lt");
    // A burst of a minute's worth passes.
    for _ in 0..6 {
        assert_eq!(s.post("/v1/notifications", &token, &body).status(), 201);
    }
    // The seventh waits a tenth of a minute, and nothing is stored.
    let r = s.post("/v1/notifications", &token, &body);
    assert_eq!(r.headers()["retry-after"], "10");
    let p = problem(r, 429);
    assert_eq!(p["type"], "urn:corridor:problem:too-many-requests");
    assert!(p["detail"]
        .as_str()
        .unwrap_or_default()
        .contains("6 submissions per user per minute"));
    assert_eq!(s.db.count("notifications"), 6);
    // Another planner is not held up by the first.
    assert_eq!(s.post("/v1/notifications", &other, &body).status(), 201);
    // Ten seconds later one more passes.
    let r = s.post("/v1/admin/clock", &admin, &json!({"advance": "PT10S"}));
    assert_eq!(r.status(), 200);
    assert_eq!(s.post("/v1/notifications", &token, &body).status(), 201);
    assert_eq!(s.post("/v1/notifications", &token, &body).status(), 429);
}
