//! The officer's queue (issue 16): `GET /v1/queue` lists the open stages the caller may decide,
//! soonest due first, scoped to its nation and stage keys, keyset-paged, with an ETag that
//! moves with writes its nation sees; bad parameters and other roles are refused by name.

use std::collections::BTreeSet;

use crate::common::{decide, fields, fixture, problem, read, submit_id, Options, Server};
use reqwest::Method;
use serde_json::{json, Value};

const UNIT: &str = "43 Mechanised Brigade";

/// A routine movement of NL's unit along `route` (routine: no stage clears itself at once).
fn along(route: &[&str]) -> Value {
    let mut v = fixture("crisis_nl_de_pl_lt");
    v["priority"] = json!("routine");
    for (leg, n) in v["itinerary"].as_array_mut().unwrap().iter_mut().zip(route) {
        leg["nation"] = json!(n);
    }
    v
}

/// A server whose timers do not run (the clock moves only the due times of later
/// submissions) and whose tokens outlast the clock's moves.
fn server() -> Server {
    Server::start_with(
        Options::default()
            .env("CORRIDOR_JOBS", "0")
            .env("CORRIDOR_JWT_TTL", "86400"),
    )
}

fn queue(s: &Server, token: &str, query: &str) -> (Value, String) {
    let r = s.get(&format!("/v1/queue{query}"), token);
    assert_eq!(r.status(), 200);
    let tag = r.headers()["etag"].to_str().unwrap().to_string();
    (r.json().unwrap(), tag)
}

fn poll(s: &Server, token: &str, tag: &str) -> u16 {
    s.req(Method::GET, "/v1/queue", token)
        .header("If-None-Match", tag)
        .send()
        .unwrap()
        .status()
        .as_u16()
}

/// (notification id, nation, stage key) of every item.
fn keys(q: &Value) -> Vec<(String, String, String)> {
    q["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["notification_id"].as_str().unwrap().to_string(),
                i["nation"].as_str().unwrap().to_string(),
                i["stage"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The open stages of `nation` in these notifications, as the notifications themselves say.
fn open_stages(
    s: &Server,
    token: &str,
    ids: &[String],
    nation: &str,
) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    for id in ids {
        let (n, _) = read(s, token, id);
        if n["status"] != "in_review" {
            continue;
        }
        for r in n["nations"].as_array().unwrap() {
            if r["nation"] != nation {
                continue;
            }
            for st in r["stages"].as_array().unwrap() {
                if st["status"] == "pending" && st["opened_at"].is_string() {
                    out.insert((
                        id.clone(),
                        nation.to_string(),
                        st["key"].as_str().unwrap().to_string(),
                    ));
                }
            }
        }
    }
    out
}

fn advance(s: &Server, admin: &str, by: &str) {
    let r = s.post("/v1/admin/clock", admin, &json!({"advance": by}));
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
}

#[test]
fn the_queue_lists_what_each_caller_may_decide_soonest_due_first() {
    let s = server();
    let admin = s.user("ops.admin", "admin", &[]);
    let planner = s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    );
    let movcon = s.user(
        "de.movcon",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    let two = s.user(
        "de.two",
        "officer",
        &["--nation", "DE", "--stages", "movcon,road_authority"],
    );
    let coord = s.user("de.coord", "coordinator", &["--nation", "DE"]);
    let pl = s.user("pl.coord", "coordinator", &["--nation", "PL"]);
    let liaison = s.user("liaison", "liaison", &[]);

    // Five movements through DE, a quarter of an hour apart within German working hours (the
    // suite's clock is 07:00 in Berlin; routine stages are due in working time, so each is due
    // a quarter of an hour after the one before), and one that does not cross DE.
    advance(&s, &admin, "PT3H");
    let mut ids = Vec::new();
    for i in 0..5 {
        let mut m = along(&["NL", "DE", "PL", "LT"]);
        if i % 2 == 1 {
            // A bridge too weak for the vehicles: a German road-authority finding as well.
            m["itinerary"][1]["min_bridge_mlc"] = json!(10);
        }
        ids.push(submit_id(&s, &planner, &m));
        advance(&s, &admin, "PT15M");
    }
    let elsewhere = submit_id(&s, &planner, &along(&["PL", "LT", "LV", "EE"]));

    // The coordinator's queue: every open DE stage, no other nation's, soonest due first.
    let (all, _) = queue(&s, &coord, "");
    assert_eq!(all["nation"], "DE");
    assert_eq!(all["stages"], Value::Null);
    let got: BTreeSet<_> = keys(&all).into_iter().collect();
    let want = open_stages(&s, &coord, &ids, "DE");
    assert!(!want.is_empty());
    assert_eq!(got, want, "{all}");
    assert_eq!(keys(&all).len(), got.len(), "no stage twice");
    let due: Vec<String> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["due_at"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = due.clone();
    sorted.sort();
    assert_eq!(due, sorted, "soonest due first");
    let first = &all["items"][0];
    assert_eq!(first["route"], json!(["NL", "DE", "PL", "LT"]));
    assert_eq!(first["requester_unit"], UNIT);
    assert_eq!(first["priority"], "routine");
    assert!(first["time_left_seconds"].as_i64().unwrap() > 0);
    assert!(!keys(&all).iter().any(|(id, _, _)| id == &elsewhere));

    // The movcon officer: the movcon stages only, in the order they were submitted (each due
    // a quarter of an hour after the one before).
    let (mine, _) = queue(&s, &movcon, "");
    assert_eq!(mine["stages"], json!(["movcon"]));
    let movcon_ids: Vec<String> = keys(&mine)
        .into_iter()
        .map(|(id, nation, key)| {
            assert_eq!((nation.as_str(), key.as_str()), ("DE", "movcon"));
            id
        })
        .collect();
    assert_eq!(
        movcon_ids, ids,
        "one movcon stage each, oldest submission first"
    );

    // An officer of two stage keys: the coordinator's queue less the other keys, in its order
    // (one scan per key, merged).
    let (both, _) = queue(&s, &two, "");
    let want: Vec<_> = keys(&all)
        .into_iter()
        .filter(|(_, _, k)| k == "movcon" || k == "road_authority")
        .collect();
    assert!(want.iter().any(|(_, _, k)| k == "road_authority"), "{all}");
    assert_eq!(keys(&both), want);

    // PL's coordinator sees PL's stages, including the movement that avoids Germany.
    let (pl_queue, _) = queue(&s, &pl, "");
    assert!(keys(&pl_queue).iter().all(|(_, n, _)| n == "PL"));
    assert!(keys(&pl_queue).iter().any(|(id, _, _)| id == &elsewhere));

    // A decided stage leaves the queue.
    let (_, tag) = read(&s, &movcon, &ids[0]);
    let r = decide(
        &s,
        &movcon,
        &ids[0],
        "DE",
        "movcon",
        json!({"outcome": "approve"}),
        &tag,
    );
    assert_eq!(r.status(), 200);
    let (mine, _) = queue(&s, &movcon, "");
    assert_eq!(keys(&mine).len(), 4);
    assert!(!keys(&mine).iter().any(|(id, _, _)| id == &ids[0]));

    // Roles that decide no stage have no queue.
    for token in [&admin, &planner, &liaison] {
        problem(s.get("/v1/queue", token), 403);
    }
}

#[test]
fn pages_follow_each_other_without_gaps_or_repeats_and_bad_parameters_are_named() {
    let s = server();
    let admin = s.user("ops.admin", "admin", &[]);
    let planner = s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    );
    let coord = s.user("de.coord", "coordinator", &["--nation", "DE"]);
    for i in 0..4 {
        let mut m = along(&["NL", "DE", "PL", "LT"]);
        if i % 2 == 0 {
            m["itinerary"][1]["min_bridge_mlc"] = json!(10);
        }
        submit_id(&s, &planner, &m);
        // Two at each instant: ties on the due time are ordered by stage.
        if i % 2 == 1 {
            advance(&s, &admin, "PT10M");
        }
    }
    let (whole, _) = queue(&s, &coord, "?limit=200");
    assert!(whole["next_cursor"].is_null());
    let whole = keys(&whole);
    assert!(whole.len() >= 5, "{whole:?}");

    let mut walked = Vec::new();
    let mut query = "?limit=2".to_string();
    loop {
        let (page, _) = queue(&s, &coord, &query);
        let items = keys(&page);
        assert!(items.len() <= 2);
        walked.extend(items);
        match page["next_cursor"].as_str() {
            Some(c) => query = format!("?limit=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(walked, whole, "the pages make up the whole queue, in order");

    for (query, field) in [
        ("?limit=0", "limit"),
        ("?limit=201", "limit"),
        ("?limit=many", "limit"),
        ("?cursor=r3", "cursor"),
        ("?cursor=12.not-a-stage", "cursor"),
        ("?nation=PL", "nation"),
    ] {
        let p = problem(s.get(&format!("/v1/queue{query}"), &coord), 400);
        assert_eq!(fields(&p), [field], "{query}: {p}");
    }
}

#[test]
fn the_etag_moves_with_writes_the_nation_sees_and_not_otherwise() {
    let s = server();
    let planner = s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    );
    let movcon = s.user(
        "de.movcon",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    let id = submit_id(&s, &planner, &along(&["NL", "DE", "PL", "LT"]));
    let (_, tag) = queue(&s, &movcon, "");
    assert!(tag.starts_with("W/\""), "{tag}");
    assert_eq!(poll(&s, &movcon, &tag), 304);

    // A movement that does not cross Germany leaves the German queue's tag alone.
    submit_id(&s, &planner, &along(&["PL", "LT", "LV", "EE"]));
    assert_eq!(poll(&s, &movcon, &tag), 304);

    // A decision on a German stage moves it.
    let (_, etag) = read(&s, &movcon, &id);
    let r = decide(
        &s,
        &movcon,
        &id,
        "DE",
        "movcon",
        json!({"outcome": "approve"}),
        &etag,
    );
    assert_eq!(r.status(), 200);
    assert_eq!(poll(&s, &movcon, &tag), 200);
    let (q, _) = queue(&s, &movcon, "");
    assert!(keys(&q).is_empty(), "{q}");
}
