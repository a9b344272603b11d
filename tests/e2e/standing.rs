//! Standing authorisations (issue 15), end to end: a standing notification approved by DE and
//! PL; a later single movement inside it cleared by both at submission with no human decision;
//! a vehicle 500 kg heavier, a UN number not in it, a Sunday in a ban window and a revoked
//! authorisation each send the nation concerned to review with a finding saying why.

use std::time::Instant;

use chrono::Duration;
use serde_json::{json, Value};

use crate::common::smtp::SmtpSink;
use crate::common::{
    decide, nation, problem, read, shift_times, stamp, submit, suite_now, Options, Server,
};

const UNIT: &str = "Panzergrenadierbataillon 212";

struct Cast {
    s: Server,
    planner: String,
    other_unit: String,
    de: String,
    pl: String,
    de_officer: String,
    admin: String,
}

fn cast() -> Cast {
    cast_on(Server::start())
}

fn cast_on(s: Server) -> Cast {
    let planner = s.user(
        "de.planner",
        "requester",
        &[
            "--nation",
            "DE",
            "--unit",
            UNIT,
            "--email",
            "s4@pzgrenbtl212.example",
        ],
    );
    let other_unit = s.user(
        "de.planner2",
        "requester",
        &["--nation", "DE", "--unit", "Jägerbataillon 291"],
    );
    let de = s.user("de.coord", "coordinator", &["--nation", "DE"]);
    let pl = s.user("pl.coord", "coordinator", &["--nation", "PL"]);
    let de_officer = s.user(
        "de.movcon",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    let admin = s.user("ops", "admin", &[]);
    Cast {
        s,
        planner,
        other_unit,
        de,
        pl,
        de_officer,
        admin,
    }
}

/// A routine DE→PL movement of six trucks with small-arms ammunition, leaving `days` after the
/// suite's clock (a Monday) at 06:00 UTC.
fn movement(days: i64) -> Value {
    let mut v = json!({
        "priority": "routine",
        "kind": "single",
        "mode": "road",
        "requester": {"nation": "DE", "unit": UNIT, "contact": "S4 +49 0000"},
        "departure_at": "2027-02-01T06:00:00Z",
        "arrival_at": "2027-02-02T12:00:00Z",
        "itinerary": [
            {"nation": "DE", "entry_point": "Marienberg", "exit_point": "Görlitz",
             "entry_at": "2027-02-01T06:00:00Z", "exit_at": "2027-02-01T14:00:00Z", "min_bridge_mlc": 60},
            {"nation": "PL", "entry_point": "Zgorzelec", "exit_point": "Żagań",
             "entry_at": "2027-02-01T14:00:00Z", "exit_at": "2027-02-02T12:00:00Z", "min_bridge_mlc": 60}
        ],
        "vehicles": [
            {"label": "MAN KAT1 5t mil gl", "category": "wheeled", "count": 6, "gross_mass_kg": 18000,
             "length_mm": 8000, "width_mm": 2500, "height_mm": 3300, "mlc": 20,
             "axles": [{"load_kg": 7000, "spacing_mm": 4500, "driven": true}, {"load_kg": 11000, "driven": true}]}
        ],
        "cargo": [
            {"description": "5.56 mm ball cartridges", "un_number": "0012", "quantity_kg": 800,
             "net_explosive_mass_kg": 40, "vehicle": 0}
        ],
        "personnel": 12
    });
    shift_times(
        &mut v,
        suite_now() - crate::common::parse_time("2027-02-01T06:00:00Z") + Duration::days(days),
    );
    v
}

/// Approves every stage of `code` as its coordinator, step by step.
fn approve_nation(c: &Cast, token: &str, id: &str, code: &str) -> Value {
    for _ in 0..10 {
        let (n, _) = read(&c.s, token, id);
        let review = nation(&n, code).clone();
        if review["status"] == "approved" {
            return review;
        }
        let open: Vec<Value> = review["stages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|st| st["status"] == "pending" && !st["opened_at"].is_null())
            .cloned()
            .collect();
        assert!(!open.is_empty(), "{code} has nothing open: {review}");
        for st in open {
            let r = decide(
                &c.s,
                token,
                id,
                code,
                st["key"].as_str().unwrap(),
                json!({"outcome": "approve"}),
                st["etag"].as_str().unwrap(),
            );
            assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
        }
    }
    panic!("{code} did not approve");
}

/// Submits the standing notification (a year from now) and has DE and PL approve it; returns
/// the standing authorisations as DE's and PL's coordinators list them.
fn standing_approved(c: &Cast) -> (Value, Value) {
    let mut v = movement(7);
    v["kind"] = "standing".into();
    v["validity"] = json!({
        "from": crate::common::stamp(suite_now()),
        "until": crate::common::stamp(suite_now() + Duration::days(365)),
    });
    let n = submit(&c.s, &c.planner, &v);
    let id = n["id"].as_str().unwrap();
    approve_nation(c, &c.de, id, "DE");
    approve_nation(c, &c.pl, id, "PL");
    let (n, _) = read(&c.s, &c.planner, id);
    assert_eq!(n["status"], "approved", "{n}");
    let one = |token: &str, code: &str| {
        let r = c.s.get("/v1/standing", token);
        assert_eq!(r.status(), 200);
        let list: Value = r.json().unwrap();
        let items = list["items"].as_array().unwrap().clone();
        assert_eq!(items.len(), 1, "{code} approved one: {list}");
        let a = items[0].clone();
        assert_eq!(a["nation"], code);
        assert_eq!(a["status"], "active");
        assert_eq!(a["permit_number"], nation(&n, code)["permit_number"]);
        assert_eq!(a["notification_id"], n["id"]);
        a
    };
    (one(&c.de, "DE"), one(&c.pl, "PL"))
}

fn not_applied<'a>(n: &'a Value, code: &str) -> &'a Value {
    nation(n, code)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "standing.not_applied")
        .unwrap_or_else(|| panic!("{code} says why no standing authorisation applied: {n}"))
}

fn assert_in_review(n: &Value, code: &str, why: &str) {
    let review = nation(n, code);
    assert_eq!(review["status"], "in_review", "{code}: {review}");
    assert!(review["permit_number"].is_null());
    assert!(review["stages"]
        .as_array()
        .unwrap()
        .iter()
        .any(|st| st["status"] == "pending"));
    let f = not_applied(n, code);
    assert_eq!(f["severity"], "info");
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains(why),
        "{code}: `{message}` should say `{why}`"
    );
}

fn assert_cleared(n: &Value, code: &str, standing: &Value) {
    let review = nation(n, code);
    let standing_permit = standing["permit_number"].as_str().unwrap();
    assert_eq!(review["status"], "approved", "{code}: {review}");
    let permit = review["permit_number"]
        .as_str()
        .expect("a permit of its own");
    assert!(permit.starts_with(&format!("{code}-")));
    assert_ne!(permit, standing_permit);
    // An amendment's earlier round shows after the current one, superseded.
    let current: Vec<&Value> = review["stages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|st| st["status"] != "superseded")
        .collect();
    assert!(!current.is_empty());
    for st in current {
        assert_eq!(st["status"], "auto_cleared", "{code}: {st}");
        assert_eq!(
            st["decided_by"],
            format!("standing authorisation {standing_permit}")
        );
    }
    assert!(review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "standing.used"
            && f["message"].as_str().unwrap().contains(standing_permit)));
}

#[test]
fn a_movement_inside_a_standing_authorisation_is_cleared_at_once_and_one_outside_goes_to_review() {
    let mut c = cast();
    let (de, pl) = standing_approved(&c);
    // DE's condition for a closed formation of more than five vehicles was approved once and
    // is carried onto every movement's permit.
    assert!(de["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x.as_str().unwrap().contains("StVO § 27")));

    // The dry run tells the planner beforehand which authorisation each nation would use.
    let r = c.s.post("/v1/evaluate", &c.planner, &movement(8));
    assert_eq!(r.status(), 200);
    let dry: Value = r.json().unwrap();
    for a in [&de, &pl] {
        let n = nation(&dry, a["nation"].as_str().unwrap());
        assert_eq!(n["standing"]["outcome"], "used", "{n}");
        assert_eq!(n["standing"]["permit_number"], a["permit_number"]);
        assert!(n["stages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|st| st["status"] == "auto_cleared"));
    }

    // Inside: the same unit, vehicles and goods, on a Tuesday a week later.
    let started = Instant::now();
    let n = submit(&c.s, &c.planner, &movement(8));
    let took = started.elapsed();
    eprintln!("submission to approved under the standing authorisations: {took:?}");
    assert_eq!(n["status"], "approved", "{n}");
    assert_cleared(&n, "DE", &de);
    assert_cleared(&n, "PL", &pl);
    let first_stage = &nation(&n, "DE")["stages"][0];
    assert!(first_stage["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x.as_str().unwrap().contains("StVO § 27")));
    // No human decided anything: the trail has the submission with the match, and no decision.
    let id = n["id"].as_str().unwrap();
    let trail: Value =
        c.s.get(&format!("/v1/notifications/{id}/events"), &c.planner)
            .json()
            .unwrap();
    let items = trail["items"].as_array().unwrap();
    assert!(!items.iter().any(|e| e["action"] == "decided"), "{trail}");
    let submitted = items.iter().find(|e| e["action"] == "submitted").unwrap();
    let matches = submitted["detail"]["standing"].as_array().unwrap();
    for a in [&de, &pl] {
        let code = a["nation"].as_str().unwrap();
        let m = matches
            .iter()
            .find(|m| m["nation"] == code)
            .expect("the match is in the trail");
        assert_eq!(m["outcome"], "used");
        assert_eq!(m["standing_id"], a["id"]);
        assert_eq!(m["standing_permit"], a["permit_number"]);
        assert_eq!(m["permit_number"], nation(&n, code)["permit_number"]);
    }
    // A signed permit bundle exists for the cleared movement, as for any approved one.
    assert_eq!(
        c.s.get(&format!("/v1/notifications/{id}/permit"), &c.planner)
            .status(),
        200
    );

    // 500 kg heavier: both nations review it, naming the limit and by how much.
    let mut heavier = movement(8);
    heavier["vehicles"][0]["gross_mass_kg"] = 18_500.into();
    heavier["vehicles"][0]["axles"][0]["load_kg"] = 7_500.into();
    let n = submit(&c.s, &c.planner, &heavier);
    assert_eq!(n["status"], "in_review");
    for code in ["DE", "PL"] {
        assert_in_review(
            &n,
            code,
            "18 500 kg gross mass, above the approved 18 000 (by 500)",
        );
        assert_eq!(
            not_applied(&n, code)["subject"],
            "vehicles[0].gross_mass_kg"
        );
    }

    // The dry run says the same before submission, and an amendment back inside the
    // envelope is cleared by both at once.
    let dry: Value =
        c.s.post("/v1/evaluate", &c.planner, &heavier)
            .json()
            .unwrap();
    assert_eq!(nation(&dry, "DE")["standing"]["outcome"], "not_applied");
    assert!(nation(&dry, "DE")["standing"]["reason"]
        .as_str()
        .unwrap()
        .contains("above the approved 18 000"));
    let heavy_id = n["id"].as_str().unwrap();
    let (_, tag) = read(&c.s, &c.planner, heavy_id);
    let r = crate::common::amend(&c.s, &c.planner, heavy_id, &movement(8), &tag);
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    let n: Value = r.json().unwrap();
    assert_eq!(n["status"], "approved", "{n}");
    assert_cleared(&n, "DE", &de);
    assert_cleared(&n, "PL", &pl);

    // One UN number not in it.
    let mut diesel = movement(8);
    diesel["cargo"].as_array_mut().unwrap().push(json!(
        {"description": "Diesel fuel in jerrycans", "un_number": "1202", "quantity_kg": 200, "vehicle": 0}
    ));
    let n = submit(&c.s, &c.planner, &diesel);
    for code in ["DE", "PL"] {
        assert_in_review(
            &n,
            code,
            "UN 1202 is not among the approved dangerous goods",
        );
    }

    // A Sunday: Germany's Sunday driving ban is reviewed for each movement (its military
    // exemption needs an urgent requirement someone must confirm); Poland has no Sunday ban.
    let n = submit(&c.s, &c.planner, &movement(13));
    assert_in_review(&n, "DE", "`ban.sunday` depends on this movement's date");
    assert_cleared(&n, "PL", &pl);

    // Another unit of the nation: outside until DE's coordinator widens it.
    let mut other = movement(9);
    other["requester"]["unit"] = "Jägerbataillon 291".into();
    let n = submit(&c.s, &c.other_unit, &other);
    assert_in_review(
        &n,
        "DE",
        "no standing authorisation held by DE Jägerbataillon 291",
    );
    let de_id = de["id"].as_str().unwrap();
    let r = c.s.post(
        &format!("/v1/standing/{de_id}/holders"),
        &c.de,
        &json!({"holders": "nation"}),
    );
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    let n = submit(&c.s, &c.other_unit, &other);
    assert_cleared(&n, "DE", &de);

    // Revoked by DE's coordinator: DE reviews the next one, saying so; PL still clears it.
    // Only DE's coordinator may revoke DE's authorisation.
    problem(
        c.s.post(&format!("/v1/standing/{de_id}/revoke"), &c.pl, &json!({})),
        404,
    );
    problem(
        c.s.post(
            &format!("/v1/standing/{de_id}/revoke"),
            &c.de_officer,
            &json!({}),
        ),
        403,
    );
    let r = c.s.post(
        &format!("/v1/standing/{de_id}/revoke"),
        &c.de,
        &json!({"reason": "unit redeployed"}),
    );
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    let revoked: Value = r.json().unwrap();
    assert_eq!(revoked["status"], "revoked");
    let n = submit(&c.s, &c.planner, &movement(9));
    assert_in_review(&n, "DE", "revoked since");
    assert!(not_applied(&n, "DE")["message"]
        .as_str()
        .unwrap()
        .contains(de["permit_number"].as_str().unwrap()));
    assert_cleared(&n, "PL", &pl);
    // A revoked authorisation is final.
    problem(
        c.s.post(&format!("/v1/standing/{de_id}/resume"), &c.de, &json!({})),
        409,
    );
    // The movement cleared before the revocation keeps its permit.
    let (first, _) = read(&c.s, &c.planner, id);
    assert_eq!(first["status"], "approved");
    assert!(nation(&first, "DE")["permit_number"].is_string());
    // The board shows DE's share: of its seven single movements, three were cleared at once
    // (the first, the amended one, the other unit's after widening).
    let board: Value = c.s.get("/v1/board", &c.de).json().unwrap();
    assert_eq!(
        board["standing"]["DE"]["cleared"], 3,
        "{}",
        board["standing"]
    );
    assert_eq!(board["standing"]["DE"]["single_movements"], 7);
    assert!(
        board["standing"].get("PL").is_none(),
        "DE's board covers DE"
    );
    c.s.assert_audit_verifies();
    // Kept with each write, the share is what a fill from the stored rows makes (as after an
    // upgrade): the movements from the notifications, the clearances from their records.
    c.s.db
        .execute("DELETE FROM board_versions WHERE scope = '#built'");
    c.s.restart();
    let again: Value = c.s.get("/v1/board", &c.de).json().unwrap();
    assert_eq!(again["standing"], board["standing"]);
}

/// Moves the server's clock; tokens issued before live a day at most, so the admin and DE's
/// coordinator log in again after it.
fn advance(c: &mut Cast, by: &str) {
    let admin = c.s.token("ops", "pw-ops-long-enough");
    let r = c.s.post("/v1/admin/clock", &admin, &json!({"advance": by}));
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    c.admin = c.s.token("ops", "pw-ops-long-enough");
    c.de = c.s.token("de.coord", "pw-de.coord-long-enough");
}

#[test]
fn holders_are_mailed_fourteen_days_before_the_end_and_the_authorisation_expires_at_it() {
    let sink = SmtpSink::start();
    let mut c = cast_on(Server::start_with(
        Options::default()
            .env("CORRIDOR_CLOCK", &format!("manual:{}", stamp(suite_now())))
            .env("CORRIDOR_JOBS_INTERVAL_MS", "50")
            .env("CORRIDOR_SMTP_URL", &sink.url()),
    ));
    let (de, pl) = standing_approved(&c);
    let ending = |m: &crate::common::smtp::Received| m.subject.contains("Standing authorisation");
    // 13 days before the end: the planner who holds them is told, once per nation.
    advance(&mut c, "P352D");
    let start = Instant::now();
    while sink.received().iter().filter(|m| ending(m)).count() < 2 {
        assert!(start.elapsed().as_secs() < 20, "no reminder mailed");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let mails: Vec<_> = sink.received().into_iter().filter(ending).collect();
    for a in [&de, &pl] {
        let permit = a["permit_number"].as_str().unwrap();
        let m = mails
            .iter()
            .find(|m| m.subject.contains(permit))
            .expect("one reminder per authorisation");
        assert_eq!(m.rcpt_tos, ["s4@pzgrenbtl212.example"]);
        assert!(m.body.contains("submit a new standing"), "{}", m.body);
    }
    // Past the end of the window: expired, and a movement is no longer cleared under it.
    advance(&mut c, "P14D");
    let start = Instant::now();
    loop {
        let list: Value = c.s.get("/v1/standing", &c.de).json().unwrap();
        if list["items"][0]["status"] == "expired" {
            break;
        }
        assert!(start.elapsed().as_secs() < 20, "not expired: {list}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(
        sink.received().iter().filter(|m| ending(m)).count(),
        2,
        "mailed once"
    );
}
