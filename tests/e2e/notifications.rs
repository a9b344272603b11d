//! Movement notifications and the national approval workflow, end to end over HTTP.

use crate::common::{amend, decide, fields, fixture, nation, problem, read, submit, Server};
use chrono::{Datelike, Duration};
use reqwest::Method;
use serde_json::{json, Value};

const UNIT: &str = "43 Mechanised Brigade";

/// A requester of 43 Mechanised Brigade (NL) and the officers of the four nations.
struct Cast {
    s: Server,
    requester: String,
    officers: Vec<(&'static str, String)>,
    de_movcon: String,
}

fn cast() -> Cast {
    let s = Server::start();
    let requester = s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    );
    let officers = ["NL", "DE", "PL", "LT"]
        .into_iter()
        .map(|n| {
            let name = format!("{}.dg", n.to_lowercase());
            (
                n,
                s.user(
                    &name,
                    "officer",
                    &["--nation", n, "--stages", "dg_authority"],
                ),
            )
        })
        .collect();
    let de_movcon = s.user(
        "de.movcon",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    Cast {
        s,
        requester,
        officers,
        de_movcon,
    }
}

fn approve(s: &Server, token: &str, id: &str, nation: &str, key: &str) -> Value {
    let (_, tag) = read(s, token, id);
    let r = decide(
        s,
        token,
        id,
        nation,
        key,
        json!({"outcome": "approve"}),
        &tag,
    );
    assert_eq!(
        r.status(),
        200,
        "{nation}/{key}: {}",
        r.text().unwrap_or_default()
    );
    r.json().unwrap()
}

fn stage<'a>(n: &'a Value, code: &str, key: &str) -> &'a Value {
    nation(n, code)["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["key"] == key && x["status"] != "superseded")
        .unwrap()
}

#[test]
fn a_crisis_notification_through_four_nations_ends_approved_with_four_permits() {
    let c = cast();
    let s = &c.s;
    let created = s.post(
        "/v1/notifications",
        &c.requester,
        &fixture("crisis_ammunition"),
    );
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    assert!(created.headers().get("etag").is_some());
    let n: Value = created.json().unwrap();
    let id = n["id"].as_str().unwrap().to_string();
    assert_eq!(location, format!("/v1/notifications/{id}"));
    assert_eq!(n["status"], "in_review");
    assert_eq!(n["priority"], "crisis");
    assert_eq!(n["nations"].as_array().unwrap().len(), 4);
    for code in ["NL", "DE", "PL", "LT"] {
        let nat = nation(&n, code);
        assert!(
            nat["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["rule"] == "dg.load"),
            "{code} has the DG finding"
        );
        assert_eq!(
            nat["policy_version"].as_str().unwrap().len(),
            64,
            "policy content hash stored"
        );
        assert_eq!(stage(&n, code, "dg_authority")["status"], "pending");
    }
    // The German convoy-formation condition stops Germany's fast path; the others auto-clear movcon.
    assert_eq!(stage(&n, "DE", "movcon")["status"], "pending");
    assert_eq!(stage(&n, "NL", "movcon")["status"], "auto_cleared");

    // A German officer deciding a Polish stage: 403, nothing changes.
    let (before, tag) = read(s, &c.de_movcon, &id);
    let r = decide(
        s,
        &c.officers[1].1,
        &id,
        "PL",
        "dg_authority",
        json!({"outcome": "approve"}),
        &tag,
    );
    problem(r, 403);
    let (after, tag_after) = read(s, &c.de_movcon, &id);
    assert_eq!(tag, tag_after);
    assert_eq!(before["nations"], after["nations"]);

    // A requester of another unit does not learn the notification exists.
    let other = s.user(
        "nl.other",
        "requester",
        &["--nation", "NL", "--unit", "11 Airmobile Brigade"],
    );
    problem(s.get(&format!("/v1/notifications/{id}"), &other), 404);
    problem(
        s.get(&format!("/v1/notifications/{id}/events"), &other),
        404,
    );
    // An officer of a nation off the route neither.
    let cz = s.user(
        "cz.movcon",
        "officer",
        &["--nation", "CZ", "--stages", "movcon"],
    );
    problem(s.get(&format!("/v1/notifications/{id}"), &cz), 404);

    // Germany's stages run in order: DG authority waits for movement control.
    let (_, tag) = read(s, &c.de_movcon, &id);
    let early = problem(
        decide(
            s,
            &c.officers[1].1,
            &id,
            "DE",
            "dg_authority",
            json!({"outcome": "approve"}),
            &tag,
        ),
        409,
    );
    assert!(
        early["detail"].as_str().unwrap().contains("movcon"),
        "{early}"
    );

    approve(s, &c.de_movcon, &id, "DE", "movcon");
    for (code, token) in &c.officers {
        let last = approve(s, token, &id, code, "dg_authority");
        let nat = nation(&last, code);
        assert_eq!(nat["status"], "approved");
        let permit = nat["permit_number"].as_str().unwrap();
        assert!(
            permit.starts_with(&format!("{code}-{}-", crate::common::suite_now().year()))
                && permit.len() == 14,
            "{permit}"
        );
    }
    let (done, _) = read(s, &c.requester, &id);
    assert_eq!(done["status"], "approved");
    let permits: Vec<&str> = done["nations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["permit_number"].as_str().unwrap())
        .collect();
    assert_eq!(permits.len(), 4);
    assert_eq!(stage(&done, "DE", "movcon")["decided_by"], "de.movcon");

    let trail: Value = s
        .get(&format!("/v1/notifications/{id}/events"), &c.requester)
        .json()
        .unwrap();
    let actions: Vec<&str> = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "submitted",
            "decided",
            "decided",
            "decided",
            "decided",
            "decided",
            "permit_issued"
        ]
    );
    let last = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["action"] == "decided")
        .unwrap();
    assert_eq!(
        (
            last["status_before"].as_str(),
            last["status_after"].as_str()
        ),
        (Some("in_review"), Some("approved"))
    );
    s.assert_audit_verifies();
}

#[test]
fn two_officers_deciding_one_stage_at_once_one_wins_the_other_gets_412() {
    let c = cast();
    let s = &c.s;
    let coordinator = s.user("de.coord", "coordinator", &["--nation", "DE"]);
    let id = submit(s, &c.requester, &fixture("crisis_ammunition"))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, tag) = read(s, &c.de_movcon, &id);
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| {
            decide(
                s,
                &c.de_movcon,
                &id,
                "DE",
                "movcon",
                json!({"outcome": "approve"}),
                &tag,
            )
            .status()
            .as_u16()
        });
        let b = scope.spawn(|| {
            decide(
                s,
                &coordinator,
                &id,
                "DE",
                "movcon",
                json!({"outcome": "reject", "reason": "route closed"}),
                &tag,
            )
            .status()
            .as_u16()
        });
        (a.join().unwrap(), b.join().unwrap())
    });
    let mut got = [a, b];
    got.sort();
    assert_eq!(got, [200, 412]);
    let decisions = s.db.count(&format!(
        "audit_events WHERE notification_id = '{id}' AND action = 'decided'"
    ));
    assert_eq!(decisions, 1, "exactly one decision recorded");
    // A decision without If-Match is refused outright.
    let r = s
        .req(
            Method::POST,
            &format!("/v1/notifications/{id}/nations/DE/stages/dg_authority/decision"),
            &c.officers[1].1,
        )
        .json(&json!({"outcome": "approve"}))
        .send()
        .unwrap();
    problem(r, 428);
}

#[test]
fn request_changes_then_amend_then_approved_keeps_both_versions_and_the_trail() {
    let c = cast();
    let s = &c.s;
    let first = submit(s, &c.requester, &fixture("crisis_ammunition"));
    let id = first["id"].as_str().unwrap().to_string();
    approve(s, &c.de_movcon, &id, "DE", "movcon");
    for (code, token) in &c.officers[..2] {
        approve(s, token, &id, code, "dg_authority");
    }
    let pl = &c.officers[2].1;
    let (_, tag) = read(s, pl, &id);
    let r = decide(
        s,
        pl,
        &id,
        "PL",
        "dg_authority",
        json!({"outcome": "request_changes"}),
        &tag,
    );
    assert_eq!(fields(&problem(r, 400)), ["reason"]);
    let r = decide(
        s,
        pl,
        &id,
        "PL",
        "dg_authority",
        json!({"outcome": "request_changes", "reason": "cross at Świecko, not Słubice"}),
        &tag,
    );
    assert_eq!(r.status(), 200);
    let (n, tag) = read(s, &c.requester, &id);
    assert_eq!(n["status"], "changes_requested");
    assert_eq!(
        stage(&n, "PL", "dg_authority")["reason"],
        "cross at Świecko, not Słubice"
    );

    // The planner amends the Polish leg only.
    let mut amended = fixture("crisis_ammunition");
    amended["itinerary"][1]["exit_point"] = json!("Świecko");
    amended["itinerary"][2]["entry_point"] = json!("Świecko");
    problem(amend(s, &c.requester, &id, &amended, "\"r1\""), 412);
    let r = amend(s, &c.requester, &id, &amended, &tag);
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    let n: Value = r.json().unwrap();
    assert_eq!(n["version"], 2);
    assert_eq!(n["status"], "in_review");
    // Germany's leg changed (exit point), so its stages start again; the Netherlands keeps its approval.
    assert_eq!(nation(&n, "NL")["status"], "approved");
    assert!(nation(&n, "NL")["permit_number"].is_string());
    assert_eq!(stage(&n, "PL", "dg_authority")["status"], "pending");
    assert_eq!(stage(&n, "PL", "dg_authority")["round"], 2);
    let mut superseded: Vec<&str> = nation(&n, "PL")["stages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"] == "superseded")
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    superseded.sort();
    assert_eq!(
        superseded,
        ["dg_authority", "movcon"],
        "the old round is kept as history"
    );
    assert_eq!(
        stage(&n, "PL", "movcon")["status"],
        "auto_cleared",
        "re-cleared by policy in round 2"
    );
    assert_eq!(stage(&n, "PL", "movcon")["round"], 2);
    assert_eq!(stage(&n, "DE", "movcon")["status"], "pending");

    approve(s, &c.de_movcon, &id, "DE", "movcon");
    for (code, token) in &c.officers[1..] {
        approve(s, token, &id, code, "dg_authority");
    }
    let (done, _) = read(s, &c.requester, &id);
    assert_eq!(done["status"], "approved");

    let versions: Value = s
        .get(&format!("/v1/notifications/{id}/versions"), &c.requester)
        .json()
        .unwrap();
    let v = versions["items"].as_array().unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(
        v[0]["movement"]["itinerary"][1]["exit_point"],
        "Frankfurt (Oder)"
    );
    assert_eq!(v[1]["movement"]["itinerary"][1]["exit_point"], "Świecko");
    let trail: Value = s
        .get(&format!("/v1/notifications/{id}/events"), &c.requester)
        .json()
        .unwrap();
    let actions: Vec<&str> = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions.iter().filter(|a| **a == "amended").count(), 1);
    assert_eq!(actions.first(), Some(&"submitted"));
    let amended_event = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "amended")
        .unwrap();
    assert_eq!(amended_event["status_before"], "changes_requested");
    assert!(amended_event["detail"]["restarted"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x == "PL/dg_authority"));
    assert!(amended_event["detail"]["kept"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x == "NL/dg_authority"));
}

#[test]
fn one_idempotency_key_posted_twice_at_once_creates_one_notification() {
    let c = cast();
    let s = &c.s;
    let body = fixture("crisis_ammunition");
    let post = || {
        s.req(Method::POST, "/v1/notifications", &c.requester)
            .header("idempotency-key", "5e7c1d2a-retry-1")
            .json(&body)
            .send()
            .unwrap()
    };
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(post);
        let b = scope.spawn(post);
        (a.join().unwrap(), b.join().unwrap())
    });
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (201, 201));
    let (a, b): (Value, Value) = (a.json().unwrap(), b.json().unwrap());
    assert_eq!(a["id"], b["id"]);
    assert_eq!(s.db.count("notifications"), 1);
    // A later retry gets the first answer too; the same key with another body is refused.
    assert_eq!(post().json::<Value>().unwrap()["id"], a["id"]);
    let mut other = body.clone();
    other["personnel"] = json!(99);
    let r = s
        .req(Method::POST, "/v1/notifications", &c.requester)
        .header("idempotency-key", "5e7c1d2a-retry-1")
        .json(&other)
        .send()
        .unwrap();
    problem(r, 422);
    assert_eq!(s.db.count("notifications"), 1);
}

/// Idempotency-Key answers are kept a day (long enough for any client's retries), then
/// forgotten by the upkeep runner: the same key then makes a new notification.
#[test]
fn an_idempotency_key_is_forgotten_after_a_day() {
    let s = Server::start_with(
        crate::common::Options::default()
            .env("CORRIDOR_JOBS_INTERVAL_MS", "50")
            .env("CORRIDOR_JWT_TTL", "86400"),
    );
    let admin = s.user("ops", "admin", &[]);
    s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    );
    let mut body = fixture("crisis_ammunition");
    crate::common::shift_times(&mut body, Duration::days(3));
    // A fresh token each time: the clock moves past a token's lifetime.
    let post = |body: &Value| {
        let requester = s.token("nl.planner", "pw-nl.planner-long-enough");
        s.req(Method::POST, "/v1/notifications", &requester)
            .header("idempotency-key", "kept-a-day")
            .json(body)
            .send()
            .unwrap()
    };
    assert_eq!(post(&body).status(), 201);
    let mut other = body.clone();
    other["personnel"] = json!(99);
    problem(post(&other), 422);
    // 23 hours on, the key still holds.
    let r = s.post("/v1/admin/clock", &admin, &json!({"advance": "PT23H"}));
    assert_eq!(r.status(), 200);
    std::thread::sleep(std::time::Duration::from_millis(300));
    problem(post(&other), 422);
    // A day and an hour on, upkeep forgets it.
    let r = s.post("/v1/admin/clock", &admin, &json!({"advance": "PT2H"}));
    assert_eq!(r.status(), 200);
    let started = std::time::Instant::now();
    while s.db.count("idempotency_keys") > 0 {
        assert!(started.elapsed().as_secs() < 20, "the key was never purged");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(post(&other).status(), 201);
    assert_eq!(s.db.count("notifications"), 2);
}

#[test]
fn a_changed_audit_row_makes_audit_verify_fail_at_that_row() {
    let c = cast();
    let s = &c.s;
    let id = submit(s, &c.requester, &fixture("crisis_ammunition"))["id"]
        .as_str()
        .unwrap()
        .to_string();
    approve(s, &c.de_movcon, &id, "DE", "movcon");
    approve(s, &c.officers[0].1, &id, "NL", "dg_authority");
    assert!(s.assert_audit_verifies().contains("3 events"));
    s.db.execute("UPDATE audit_events SET actor = 'someone.else' WHERE seq = 2");
    let broken = s.cli(&["audit", "verify"], None);
    assert!(!broken.status.success());
    let out = String::from_utf8_lossy(&broken.stdout);
    assert!(out.contains("broken at event 2"), "{out}");
}

#[test]
fn every_validation_rule_names_its_field_and_stores_nothing() {
    let c = cast();
    let s = &c.s;
    let base = fixture("crisis_ammunition");
    type Edit = fn(&mut Value);
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "legs out of time order",
            |v| v["itinerary"][2]["entry_at"] = json!(crate::common::at(Duration::hours(37))),
            "itinerary[2].entry_at",
        ),
        (
            "exit before entry",
            |v| {
                v["itinerary"][1]["exit_at"] =
                    json!(crate::common::at(Duration::minutes(26 * 60 + 30)))
            },
            "itinerary[1].exit_at",
        ),
        (
            "axle loads do not add up",
            |v| v["vehicles"][0]["axles"][1]["load_kg"] = json!(1100),
            "vehicles[0].axles",
        ),
        (
            "axle load out of range",
            |v| v["vehicles"][0]["axles"][1]["load_kg"] = json!(0),
            "vehicles[0].axles[1].load_kg",
        ),
        (
            "cargo on a vehicle that does not exist",
            |v| v["cargo"][0]["vehicle"] = json!(4),
            "cargo[0].vehicle",
        ),
        (
            "nation without a policy",
            |v| v["itinerary"][3]["nation"] = json!("FR"),
            "itinerary[3].nation",
        ),
        (
            "not a nation",
            |v| v["itinerary"][3]["nation"] = json!("XX"),
            "itinerary[3].nation",
        ),
        (
            "arrival before departure",
            |v| v["arrival_at"] = json!(crate::common::at(Duration::hours(23))),
            "arrival_at",
        ),
        (
            "standing without validity",
            |v| v["kind"] = json!("standing"),
            "validity",
        ),
        (
            "missing spacing",
            |v| {
                v["vehicles"][0]["axles"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("spacing_mm");
            },
            "vehicles[0].axles[0].spacing_mm",
        ),
        (
            "wrong type",
            |v| v["vehicles"][0]["count"] = json!("ten"),
            "vehicles[0].count",
        ),
        (
            "unknown field",
            |v| v["vehicles"][0]["colour"] = json!("green"),
            "vehicles[0].colour",
        ),
        (
            "UN number of three digits",
            |v| v["cargo"][0]["un_number"] = json!("168"),
            "cargo[0].un_number",
        ),
        (
            "unknown priority",
            |v| v["priority"] = json!("urgent"),
            "priority",
        ),
        ("no vehicles", |v| v["vehicles"] = json!([]), "vehicles"),
        (
            "another unit",
            |v| v["requester"]["unit"] = json!("11 Airmobile Brigade"),
            "requester.unit",
        ),
    ];
    for (what, edit, field) in cases {
        let mut body = base.clone();
        edit(&mut body);
        let p = problem(s.post("/v1/notifications", &c.requester, &body), 400);
        assert!(
            fields(&p).contains(&field.to_string()),
            "{what}: expected {field} in {p}"
        );
    }
    let url = format!("{}/v1/notifications", s.url);
    let raw = |ct: &str, body: Vec<u8>| {
        s.http
            .post(&url)
            .bearer_auth(&c.requester)
            .header("content-type", ct)
            .body(body)
            .send()
            .unwrap()
    };
    problem(raw("application/json", b"{\"priority\": ".to_vec()), 400);
    problem(raw("application/xml", b"<movement/>".to_vec()), 415);
    problem(raw("application/json", vec![b' '; 2 * 1024 * 1024]), 413);
    assert_eq!(s.db.count("notifications"), 0, "nothing stored");
    assert_eq!(s.db.count("audit_events"), 0, "nothing audited");
    // Only requesters submit.
    problem(s.post("/v1/notifications", &c.de_movcon, &base), 403);
}

#[test]
fn lists_are_scoped_filtered_and_keyset_paged_while_rows_are_added() {
    let c = cast();
    let s = &c.s;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(
            submit(s, &c.requester, &fixture("crisis_ammunition"))["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let page1: Value = s
        .get("/v1/notifications?limit=2", &c.requester)
        .json()
        .unwrap();
    let got1: Vec<&str> = page1["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(got1, [ids[4].as_str(), ids[3].as_str()], "newest first");
    // Each item says what the notification itself says: its own reviews, in itinerary order.
    for item in page1["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        let one: Value = s
            .get(&format!("/v1/notifications/{id}"), &c.requester)
            .json()
            .unwrap();
        for k in [
            "reference",
            "status",
            "version",
            "priority",
            "due_at",
            "departure_at",
        ] {
            assert_eq!(item[k], one[k], "{k} of {id}");
        }
        let listed: Vec<(&Value, &Value, &Value)> = item["nations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (&r["nation"], &r["status"], &r["due_at"]))
            .collect();
        let shown: Vec<(&Value, &Value, &Value)> = one["nations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (&r["nation"], &r["status"], &r["due_at"]))
            .collect();
        assert_eq!(listed, shown, "the nations of {id}");
        assert!(listed.len() >= 2, "a route of several nations");
    }
    // A new notification arrives between pages: the next page neither repeats nor skips.
    submit(s, &c.requester, &fixture("crisis_ammunition"));
    let cursor = page1["next_cursor"].as_str().unwrap();
    let page2: Value = s
        .get(
            &format!("/v1/notifications?limit=2&cursor={cursor}"),
            &c.requester,
        )
        .json()
        .unwrap();
    let got2: Vec<&str> = page2["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(got2, [ids[2].as_str(), ids[1].as_str()]);
    let all: Value = s
        .get(
            "/v1/notifications?nation=PL&priority=crisis&status=in_review",
            &c.officers[2].1,
        )
        .json()
        .unwrap();
    assert_eq!(all["items"].as_array().unwrap().len(), 6);
    assert!(all["next_cursor"].is_null());
    let cz = s.user(
        "cz.movcon",
        "officer",
        &["--nation", "CZ", "--stages", "movcon"],
    );
    let none: Value = s.get("/v1/notifications", &cz).json().unwrap();
    assert_eq!(
        none["items"].as_array().unwrap().len(),
        0,
        "nothing crosses CZ"
    );
    let p = problem(
        s.get(
            "/v1/notifications?status=lost&limit=500&colour=red",
            &c.requester,
        ),
        400,
    );
    let mut f = fields(&p);
    f.sort();
    assert_eq!(f, ["colour", "limit", "status"]);
}

#[test]
fn a_matching_if_none_match_gets_304_and_withdrawal_is_final() {
    let c = cast();
    let s = &c.s;
    let id = submit(s, &c.requester, &fixture("crisis_ammunition"))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, tag) = read(s, &c.requester, &id);
    let r = s
        .req(
            Method::GET,
            &format!("/v1/notifications/{id}"),
            &c.requester,
        )
        .header("if-none-match", &tag)
        .send()
        .unwrap();
    assert_eq!(r.status(), 304);
    // A conditional GET is scoped like any other: another unit learns nothing, not even a 304.
    let other = s.user(
        "nl.other",
        "requester",
        &["--nation", "NL", "--unit", "11 Airmobile Brigade"],
    );
    let r = s
        .req(Method::GET, &format!("/v1/notifications/{id}"), &other)
        .header("if-none-match", &tag)
        .send()
        .unwrap();
    problem(r, 404);
    problem(
        s.post(
            &format!("/v1/notifications/{id}/withdraw"),
            &c.de_movcon,
            &json!({}),
        ),
        403,
    );
    let r = s.post(
        &format!("/v1/notifications/{id}/withdraw"),
        &c.requester,
        &json!({"reason": "exercise cancelled"}),
    );
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().unwrap()["status"], "withdrawn");
    let (_, tag2) = read(s, &c.requester, &id);
    assert_ne!(tag, tag2);
    problem(
        decide(
            s,
            &c.de_movcon,
            &id,
            "DE",
            "movcon",
            json!({"outcome": "approve"}),
            &tag2,
        ),
        409,
    );
    problem(
        s.post(
            &format!("/v1/notifications/{id}/withdraw"),
            &c.requester,
            &json!({}),
        ),
        409,
    );
}

/// One nation's part of a submission: nation, (stage key, status) pairs, rules found.
type NationOutcome = (String, Vec<(String, String)>, Vec<String>);

/// What a submission decided, per nation: its stages' keys and statuses and the rules found.
fn outcome(n: &Value) -> Vec<NationOutcome> {
    n["nations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            // Stages of one step come in no fixed order.
            let mut stages: Vec<(String, String)> = r["stages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|st| (st["key"].to_string(), st["status"].to_string()))
                .collect();
            stages.sort();
            let mut rules: Vec<String> = r["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["rule"].to_string())
                .collect();
            rules.sort();
            (r["nation"].to_string(), stages, rules)
        })
        .collect()
}

/// The fixtures mean the same on any date: submitted to a server whose clock stands four years
/// (208 weeks: same weekday, same time) after the suite's, each is accepted and planned exactly
/// as at the suite's clock. A fixture or a rule that silently depended on the calendar year
/// would differ here.
#[test]
fn every_fixture_is_planned_the_same_four_years_later() {
    let later_by = Duration::weeks(208);
    let later_clock = crate::common::stamp(crate::common::suite_now() + later_by);
    let now = Server::start();
    let later = Server::start_with(
        crate::common::Options::default().env("CORRIDOR_CLOCK", &format!("manual:{later_clock}")),
    );
    for (i, name) in ["crisis_ammunition", "crisis_nl_de_pl_lt", "leopard_de_pl"]
        .into_iter()
        .enumerate()
    {
        let body = fixture(name);
        let unit = &body["requester"];
        let args = [
            "--nation",
            unit["nation"].as_str().unwrap(),
            "--unit",
            unit["unit"].as_str().unwrap(),
        ];
        let planner = format!("planner{i}");
        let today = submit(&now, &now.user(&planner, "requester", &args), &body);
        let mut moved = body.clone();
        crate::common::shift_times(&mut moved, later_by);
        let then = submit(&later, &later.user(&planner, "requester", &args), &moved);
        assert_eq!(outcome(&then), outcome(&today), "{name} at {later_clock}");
        assert_eq!(then["status"], today["status"], "{name}");
    }
}
