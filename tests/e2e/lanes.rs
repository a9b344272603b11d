//! The board's lanes (issue 16): per nation the most urgent first, true counts beyond a page,
//! filters, search, paging, escalations grouped per notification and nation, the caller's
//! scope, and bad parameters refused.

use std::collections::BTreeSet;

use crate::common::{decide, fields, fixture, problem, read, stamp, submit_id, Options, Server};
use chrono::{DateTime, TimeDelta, Utc};
use reqwest::Method;
use serde_json::{json, Value};

/// A week before the fixtures' departure, less two hours (as in `board.rs`).
fn now() -> DateTime<Utc> {
    crate::common::suite_now() - TimeDelta::days(6) + TimeDelta::hours(2)
}

fn db_at(minutes: i64) -> String {
    format!(
        "'{}'",
        crate::common::db_stamp(now() + TimeDelta::minutes(minutes))
    )
}

struct Cast {
    s: Server,
    nl: String,
    de_unit: String,
    de_coord: String,
    liaison: String,
    liaison_pl: String,
    /// NL's notifications (crossing NL, DE, PL, LT), in submission order.
    ids: Vec<String>,
    /// DE's unit's notifications (crossing DE, PL).
    de_ids: Vec<String>,
}

/// Twenty notifications: 15 from NL's brigade (the first three routine), 5 from a DE battalion;
/// DE's open stages made due one hour apart (the battalion's last), the 8th overdue, the 3rd and 4th due together
/// with the 4th escalated to level 2; the rows written behind the service's back, so the
/// board tables are filled again from them.
fn crisis() -> Cast {
    let mut s = Server::start_with(
        Options::default()
            .env("CORRIDOR_CLOCK", &format!("manual:{}", stamp(now())))
            .env("CORRIDOR_JOBS", "0")
            .env("CORRIDOR_SUBMISSIONS_PER_MINUTE", "0"),
    );
    let nl = s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", "43 Mechanised Brigade"],
    );
    let de_unit = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", "Panzerbataillon 203"],
    );
    let de_coord = s.user("de.coord", "coordinator", &["--nation", "DE"]);
    let liaison = s.user("jmcc.liaison", "liaison", &[]);
    let liaison_pl = s.user("pl.liaison", "liaison", &["--watch", "PL"]);
    let mut ids = Vec::new();
    for i in 0..15 {
        let mut m = fixture("crisis_ammunition");
        if i < 3 {
            m["priority"] = json!("routine");
        }
        ids.push(submit_id(&s, &nl, &m));
    }
    let de_ids: Vec<String> = (0..5)
        .map(|_| submit_id(&s, &de_unit, &fixture("leopard_de_pl")))
        .collect();
    for (i, id) in ids.iter().enumerate() {
        let minutes = if i == 7 {
            -60
        } else if i == 3 {
            60 * 3
        } else {
            60 * (i as i64 + 1)
        };
        s.db.execute(&format!(
            "UPDATE stages SET due_at = {} WHERE notification_id = '{id}' AND nation = 'DE' \
             AND status = 'pending'",
            db_at(minutes)
        ));
    }
    for (i, id) in de_ids.iter().enumerate() {
        s.db.execute(&format!(
            "UPDATE stages SET due_at = {} WHERE notification_id = '{id}' AND nation = 'DE' \
             AND status = 'pending'",
            db_at(60 * (20 + i as i64))
        ));
    }
    s.db.execute(&format!(
        "UPDATE stages SET escalation_level = 2 WHERE notification_id = '{}' AND nation = 'DE' \
         AND status = 'pending' AND opened_at IS NOT NULL",
        ids[3]
    ));
    s.db.execute("DELETE FROM board_versions WHERE scope = '#built'");
    s.restart();
    Cast {
        s,
        nl,
        de_unit,
        de_coord,
        liaison,
        liaison_pl,
        ids,
        de_ids,
    }
}

fn lanes(s: &Server, token: &str, query: &str) -> (Value, String) {
    let r = s.get(&format!("/v1/board/lanes{query}"), token);
    assert_eq!(r.status(), 200);
    let tag = r.headers()["etag"].to_str().unwrap().to_string();
    (r.json().unwrap(), tag)
}

fn lane<'a>(body: &'a Value, nation: &str) -> &'a Value {
    body["lanes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["nation"] == nation)
        .unwrap_or_else(|| panic!("no {nation} lane: {body}"))
}

fn nations(body: &Value) -> Vec<String> {
    body["lanes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["nation"].as_str().unwrap().to_string())
        .collect()
}

fn ids_of(lane: &Value) -> Vec<String> {
    lane["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["notification_id"].as_str().unwrap().to_string())
        .collect()
}

/// Every card of one lane, page by page (`limit` a page).
fn whole_lane(s: &Server, token: &str, nation: &str, filters: &str, limit: u32) -> Vec<Value> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let mut q = format!("?nation={nation}&limit={limit}{filters}");
        if let Some(c) = &cursor {
            q.push_str(&format!("&cursor={}", urlencode(c)));
        }
        let (b, _) = lanes(s, token, &q);
        let l = lane(&b, nation);
        all.extend(l["cards"].as_array().unwrap().iter().cloned());
        match l["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => return all,
        }
    }
    panic!("paging did not end");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn lanes_list_the_most_urgent_first_with_true_counts_and_page_into_the_rest() {
    let c = crisis();
    let s = &c.s;
    let (b, _) = lanes(s, &c.liaison, "");
    assert_eq!(b["limit"], 12);
    assert_eq!(nations(&b), ["DE", "LT", "NL", "PL"]);
    let de = lane(&b, "DE");
    assert_eq!(
        de["total"], 20,
        "every notification crossing DE, beyond the page: {de}"
    );
    assert_eq!(de["cards"].as_array().unwrap().len(), 12);
    assert!(de["next_cursor"].is_string());
    let first = ids_of(de);
    assert_eq!(first[0], c.ids[7], "the overdue one leads");
    assert_eq!(
        (first[1].as_str(), first[2].as_str(), first[3].as_str()),
        (c.ids[0].as_str(), c.ids[1].as_str(), c.ids[3].as_str()),
        "due together, the escalated one first"
    );
    assert_eq!(de["cards"][3]["level"], 2);
    assert_eq!(de["cards"][0]["due_at"], stamp(now() - TimeDelta::hours(1)));
    assert_eq!(lane(&b, "PL")["total"], 20);
    assert_eq!(lane(&b, "LT")["total"], 15);

    // Paging 7 at a time gives every card once, in the same order as one long page.
    let paged = whole_lane(s, &c.liaison, "DE", "", 7);
    let (long, _) = lanes(s, &c.liaison, "?nation=DE&limit=100");
    let long = lane(&long, "DE");
    assert!(long["next_cursor"].is_null());
    assert_eq!(
        paged
            .iter()
            .map(|c| c["notification_id"].clone())
            .collect::<Vec<_>>(),
        long["cards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["notification_id"].clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(paged.len(), 20);
    let distinct: BTreeSet<&str> = paged
        .iter()
        .map(|c| c["notification_id"].as_str().unwrap())
        .collect();
    assert_eq!(distinct.len(), 20);
    // Most urgent first: due times never go back; a card with a due time before one without.
    let dues: Vec<Option<&str>> = paged.iter().map(|c| c["due_at"].as_str()).collect();
    let with: Vec<DateTime<Utc>> = dues
        .iter()
        .flatten()
        .map(|d| crate::common::parse_time(d))
        .collect();
    assert!(with.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
    assert!(dues.iter().skip_while(|d| d.is_some()).all(|d| d.is_none()));
    // The counts agree with every card read.
    let in_review = paged
        .iter()
        .filter(|c| c["review_status"] == "in_review")
        .count();
    assert_eq!(long["counts"]["in_review"], in_review as i64);
}

#[test]
fn filters_and_search_narrow_the_cards_and_their_counts() {
    let c = crisis();
    let s = &c.s;
    let (b, _) = lanes(s, &c.liaison, "?priority=routine");
    assert_eq!(lane(&b, "DE")["total"], 3);
    assert_eq!(
        ids_of(lane(&b, "DE")).into_iter().collect::<BTreeSet<_>>(),
        c.ids[..3].iter().cloned().collect::<BTreeSet<_>>()
    );
    assert_eq!(b["filters"]["priority"], "routine");
    assert_eq!(lane(&b, "LT")["total"], 3);

    let (b, _) = lanes(s, &c.liaison, "?nation=DE&level=2");
    assert_eq!(nations(&b), ["DE"]);
    assert_eq!(ids_of(lane(&b, "DE")), [c.ids[3].clone()]);
    assert_eq!(lane(&b, "DE")["total"], 1);

    // Search by a piece of the reference, any case, and by the unit.
    let (n, _) = read(s, &c.nl, &c.ids[5]);
    let reference = n["reference"].as_str().unwrap().to_string();
    let tail = reference[reference.len() - 6..].to_lowercase();
    let (b, _) = lanes(s, &c.liaison, &format!("?q={}", urlencode(&tail)));
    assert_eq!(ids_of(lane(&b, "DE")), [c.ids[5].clone()]);
    assert_eq!(lane(&b, "PL")["total"], 1);
    let (b, _) = lanes(s, &c.liaison, "?q=PANZER");
    assert_eq!(lane(&b, "DE")["total"], 5);
    assert_eq!(
        ids_of(lane(&b, "DE")).into_iter().collect::<BTreeSet<_>>(),
        c.de_ids.iter().cloned().collect::<BTreeSet<_>>()
    );
    assert_eq!(lane(&b, "LT")["total"], 0, "no DE battalion crosses LT");
    let (b, _) = lanes(s, &c.liaison, "?q=100%25");
    assert_eq!(
        lane(&b, "DE")["total"],
        0,
        "a % is a character, not a wildcard"
    );

    // Changes requested on one: its DE card moves to that status, the counts follow.
    let id = &c.ids[9];
    let (n, tag) = read(s, &c.de_coord, id);
    let key = n["nations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["nation"] == "DE")
        .unwrap()["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|st| st["status"] == "pending" && st["opened_at"].is_string())
        .unwrap()["key"]
        .as_str()
        .unwrap()
        .to_string();
    let r = decide(
        s,
        &c.de_coord,
        id,
        "DE",
        &key,
        json!({"outcome": "request_changes", "reason": "another crossing"}),
        &tag,
    );
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    let (b, _) = lanes(s, &c.liaison, "?status=changes_requested");
    let de = lane(&b, "DE");
    assert_eq!(ids_of(de), std::slice::from_ref(id));
    assert_eq!(de["counts"], json!({"changes_requested": 1}));
    assert_eq!(de["cards"][0]["status"], "changes_requested");
    assert!(
        de["cards"][0]["due_at"].is_null(),
        "with the requester: no clock"
    );
    let (b, _) = lanes(s, &c.liaison, "?nation=DE");
    assert_eq!(
        lane(&b, "DE")["counts"],
        json!({"in_review": 19, "changes_requested": 1})
    );
    assert_eq!(
        ids_of(lane(&b, "DE")).last().unwrap(),
        &c.ids[12],
        "the 12 most urgent with open stages: {b}"
    );
}

#[test]
fn each_caller_sees_only_the_lanes_of_their_scope() {
    let c = crisis();
    let s = &c.s;
    let de_officer = s.user(
        "de.movcon",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    let (b, _) = lanes(s, &de_officer, "");
    assert_eq!(nations(&b), ["DE"]);
    assert_eq!(lane(&b, "DE")["total"], 20);
    let (b, _) = lanes(s, &c.liaison_pl, "");
    assert_eq!(nations(&b), ["PL"]);
    let (b, _) = lanes(s, &c.de_unit, "");
    assert_eq!(nations(&b), ["DE", "PL"]);
    assert_eq!(lane(&b, "DE")["total"], 5, "their unit's only");
    let mine: BTreeSet<String> = c.de_ids.iter().cloned().collect();
    assert_eq!(
        ids_of(lane(&b, "PL")).into_iter().collect::<BTreeSet<_>>(),
        mine
    );
    // Another nation's lane is refused; one without cards is empty.
    let r = s.get("/v1/board/lanes?nation=PL", &de_officer);
    problem(r, 403);
    let (b, _) = lanes(s, &c.liaison, "?nation=FR");
    assert_eq!(lane(&b, "FR")["total"], 0);
    assert_eq!(lane(&b, "FR")["cards"], json!([]));
}

#[test]
fn bad_parameters_are_refused_naming_each() {
    let c = crisis();
    let s = &c.s;
    for (query, field) in [
        ("nation=XX", "nation"),
        ("nation=de", "nation"),
        ("priority=urgent", "priority"),
        ("status=withdrawn", "status"),
        ("level=4", "level"),
        ("level=high", "level"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("cursor=nonsense&nation=DE", "cursor"),
        ("sort=due", "sort"),
    ] {
        let r = s.get(&format!("/v1/board/lanes?{query}"), &c.liaison);
        assert_eq!(fields(&problem(r, 400)), [field], "{query}");
    }
    let (b, _) = lanes(s, &c.liaison, "?nation=DE&limit=1");
    let cursor = lane(&b, "DE")["next_cursor"].as_str().unwrap().to_string();
    let r = s.get(
        &format!("/v1/board/lanes?cursor={}", urlencode(&cursor)),
        &c.liaison,
    );
    assert_eq!(
        fields(&problem(r, 400)),
        ["cursor"],
        "a cursor needs its lane"
    );
    let long = "x".repeat(65);
    let r = s.get(&format!("/v1/board/lanes?q={long}"), &c.liaison);
    assert_eq!(fields(&problem(r, 400)), ["q"]);
    let r = s.get("/v1/board/lanes", "not-a-token");
    assert_eq!(r.status(), 401);
}

#[test]
fn escalations_group_per_notification_and_nation() {
    let mut c = crisis();
    let id = c.ids[2].clone();
    // Three levels on one PL stage and one on another: the escalation runner is not part of
    // this test, so fake what it records.
    for (eid, level, n) in [("e1", 1, 0), ("e2", 2, 0), ("e3", 3, 0), ("e4", 1, 1)] {
        c.s.db.execute(&format!(
            "INSERT INTO escalations (id, notification_id, nation, stage_id, stage_key, level, reason, due_at, fired_at) \
             SELECT '{eid}', notification_id, nation, id, stage_key, {level}, 'stage overdue', due_at, {} \
             FROM stages WHERE notification_id = '{id}' AND nation = 'PL' AND status = 'pending' \
             ORDER BY stage_key LIMIT 1 OFFSET {n}",
            db_at(-10 + level)
        ));
    }
    let stages_escalated = c.s.db.count(&format!(
        "escalations WHERE notification_id = '{id}' AND stage_id IS NOT NULL"
    ));
    c.s.db
        .execute("DELETE FROM board_versions WHERE scope = '#built'");
    c.s.restart();
    let s = &c.s;
    let r = s.get("/v1/board", &c.liaison);
    assert_eq!(r.status(), 200);
    let b: Value = r.json().unwrap();
    assert_eq!(
        b["escalations"].as_array().unwrap().len() as i64,
        stages_escalated,
        "one entry per escalation, as before"
    );
    let groups = b["escalation_groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "one per notification and nation: {b}");
    let g = &groups[0];
    assert_eq!(
        (g["notification_id"].as_str(), g["nation"].as_str()),
        (Some(id.as_str()), Some("PL"))
    );
    assert_eq!(g["level"], 3);
    let stage_count = g["stages"].as_array().unwrap().len();
    assert_eq!(g["stage_count"], stage_count);
    assert!(stage_count >= 1);
    let ids: BTreeSet<&str> = g["stages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|st| st["escalation_ids"].as_array().unwrap())
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(ids.len() as i64, stages_escalated);
    assert!(ids.contains("e3"));
    // The PL lane's card says so; a DE officer's board shows no PL group.
    let (l, _) = lanes(s, &c.liaison, "?nation=PL&limit=100");
    let card = lane(&l, "PL")["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["notification_id"] == id.as_str())
        .cloned()
        .unwrap();
    assert_eq!(card["escalation_level"], 3);
    let de_officer = s.user(
        "de.movcon",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    let b: Value = s.get("/v1/board", &de_officer).json().unwrap();
    assert_eq!(b["escalation_groups"], json!([]));
}

#[test]
fn the_lanes_etag_holds_until_a_change_in_scope() {
    let c = crisis();
    let s = &c.s;
    let (_, tag) = lanes(s, &c.liaison, "?nation=DE");
    assert!(tag.starts_with("W/\"l"), "{tag}");
    let poll = |t: &str, q: &str| {
        s.req(Method::GET, &format!("/v1/board/lanes{q}"), &c.liaison)
            .header("If-None-Match", t)
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(poll(&tag, "?nation=DE"), 304);
    assert_eq!(poll(&tag, "?nation=PL"), 200, "another query, another tag");
    submit_id(s, &c.nl, &fixture("crisis_ammunition"));
    assert_eq!(poll(&tag, "?nation=DE"), 200);
    let (b, _) = lanes(s, &c.liaison, "?nation=DE");
    assert_eq!(lane(&b, "DE")["total"], 21);
}
