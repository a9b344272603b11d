//! The planner's form (issue 16): the dangerous-goods look-up, and a unit's saved vehicle types
//! and templates — read and written by the unit's planners, read by its nation's coordinator,
//! refused to everyone else, bad bodies refused by field and nothing stored.

use crate::common::{fields, fixture, problem, Server};
use reqwest::Method;
use serde_json::{json, Value};

const UNIT: &str = "Panzerbataillon 203";
const UNIT_PATH: &str = "/v1/units/DE/Panzerbataillon%20203";

fn put(s: &Server, token: &str, path: &str, body: &Value) -> reqwest::blocking::Response {
    s.req(Method::PUT, path, token).json(body).send().unwrap()
}

fn delete(s: &Server, token: &str, path: &str) -> reqwest::blocking::Response {
    s.req(Method::DELETE, path, token).send().unwrap()
}

fn leopard() -> Value {
    fixture("leopard_de_pl")["vehicles"][0].clone()
}

#[test]
fn the_dangerous_goods_list_is_looked_up_by_un_number_prefix_or_name() {
    let s = Server::start();
    let planner = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", UNIT],
    );
    let liaison = s.user("liaison", "liaison", &[]);

    let r = s.get("/v1/dangerous-goods?q=1202", &planner);
    assert_eq!(r.status(), 200);
    let found: Value = r.json().unwrap();
    let items = found["items"].as_array().unwrap();
    assert!(!items.is_empty(), "{found}");
    assert!(items.iter().all(|e| e["un_number"] == "1202"), "{found}");
    assert_eq!(items[0]["class"], "3");
    assert!(
        items[0]["name"].as_str().unwrap().contains("DIESEL"),
        "{found}"
    );
    assert!(items[0]["tunnel_code"].is_string());

    // By name, any case; by "UN" and a prefix; bounded by limit with `more` set.
    let by_name: Value = s
        .get("/v1/dangerous-goods?q=diesel", &liaison)
        .json()
        .unwrap();
    assert!(by_name["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["un_number"] == "1202"));
    let prefix: Value = s
        .get("/v1/dangerous-goods?q=UN%200&limit=2", &planner)
        .json()
        .unwrap();
    assert_eq!(prefix["items"].as_array().unwrap().len(), 2, "{prefix}");
    assert_eq!(prefix["more"], true);
    assert!(prefix["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["un_number"].as_str().unwrap().starts_with('0')));
    let none: Value = s
        .get("/v1/dangerous-goods?q=9999", &planner)
        .json()
        .unwrap();
    assert_eq!(none["items"], json!([]));

    // Bad queries are named; no token is 401.
    for (query, field) in [
        ("", "q"),
        ("?q=", "q"),
        ("?q=12&limit=0", "limit"),
        ("?q=12&limit=51", "limit"),
        ("?q=12&sort=name", "sort"),
    ] {
        let p = problem(s.get(&format!("/v1/dangerous-goods{query}"), &planner), 400);
        assert_eq!(fields(&p), [field], "{query}: {p}");
    }
    problem(s.get("/v1/dangerous-goods?q=12", "not-a-token"), 401);
}

#[test]
fn a_unit_saves_reads_replaces_and_deletes_its_vehicle_types_and_templates() {
    let s = Server::start();
    let planner = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", UNIT],
    );
    let colleague = s.user(
        "de.planner2",
        "requester",
        &["--nation", "DE", "--unit", UNIT],
    );
    let vt = format!("{UNIT_PATH}/vehicle-types/Leopard%20on%20Mammut");

    // Nothing saved yet.
    let list: Value = s
        .get(&format!("{UNIT_PATH}/vehicle-types"), &planner)
        .json()
        .unwrap();
    assert_eq!(list["items"], json!([]));
    problem(s.get(&vt, &planner), 404);

    // Saved: 201 with where it lives; the same name again replaces it (200).
    let r = put(&s, &planner, &vt, &json!({ "vehicle": leopard() }));
    assert_eq!(r.status(), 201);
    assert_eq!(r.headers()["location"], vt.as_str());
    let saved: Value = r.json().unwrap();
    assert_eq!(saved["name"], "Leopard on Mammut");
    assert_eq!(saved["unit"], UNIT);
    assert_eq!(saved["updated_by"], "de.planner");
    assert_eq!(saved["vehicle"]["axles"].as_array().unwrap().len(), 8);

    let mut lighter = leopard();
    lighter["count"] = json!(3);
    let r = put(&s, &colleague, &vt, &json!({ "vehicle": lighter }));
    assert_eq!(r.status(), 200);
    let got: Value = s.get(&vt, &planner).json().unwrap();
    assert_eq!(got["vehicle"]["count"], 3);
    assert_eq!(got["updated_by"], "de.planner2");
    let list: Value = s
        .get(&format!("{UNIT_PATH}/vehicle-types"), &planner)
        .json()
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["items"][0]["name"], "Leopard on Mammut");

    // A template keeps a draft as given, even an incomplete one.
    let tp = format!("{UNIT_PATH}/templates/Augustdorf%20%E2%86%92%20Orzysz");
    let mut draft = fixture("leopard_de_pl");
    draft.as_object_mut().unwrap().remove("arrival_at");
    let r = put(&s, &planner, &tp, &json!({ "form": draft }));
    assert_eq!(r.status(), 201);
    let got: Value = s.get(&tp, &planner).json().unwrap();
    assert_eq!(got["name"], "Augustdorf → Orzysz");
    assert_eq!(got["form"], draft);
    let list: Value = s
        .get(&format!("{UNIT_PATH}/templates"), &colleague)
        .json()
        .unwrap();
    assert_eq!(list["items"][0]["name"], "Augustdorf → Orzysz");

    // Deleted: gone, and a second delete finds nothing.
    assert_eq!(delete(&s, &planner, &vt).status(), 204);
    problem(s.get(&vt, &planner), 404);
    problem(delete(&s, &planner, &vt), 404);
    assert_eq!(delete(&s, &colleague, &tp).status(), 204);
}

#[test]
fn another_unit_is_refused_and_the_nations_coordinator_only_reads() {
    let s = Server::start();
    let planner = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", UNIT],
    );
    let other_unit = s.user(
        "de.other",
        "requester",
        &["--nation", "DE", "--unit", "Jägerbataillon 292"],
    );
    let nl_same_name = s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    );
    let de_coord = s.user("de.coord", "coordinator", &["--nation", "DE"]);
    let pl_coord = s.user("pl.coord", "coordinator", &["--nation", "PL"]);
    let de_officer = s.user(
        "de.officer",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    let liaison = s.user("liaison", "liaison", &[]);
    let vt = format!("{UNIT_PATH}/vehicle-types/Mammut");
    assert_eq!(
        put(&s, &planner, &vt, &json!({ "vehicle": leopard() })).status(),
        201
    );

    for who in [&other_unit, &nl_same_name, &pl_coord, &de_officer, &liaison] {
        problem(s.get(&vt, who), 403);
        problem(s.get(&format!("{UNIT_PATH}/vehicle-types"), who), 403);
        problem(s.get(&format!("{UNIT_PATH}/templates"), who), 403);
        problem(put(&s, who, &vt, &json!({ "vehicle": leopard() })), 403);
        problem(delete(&s, who, &vt), 403);
    }
    // The coordinator of the unit's nation reads, and only reads.
    assert_eq!(s.get(&vt, &de_coord).status(), 200);
    assert_eq!(
        s.get(&format!("{UNIT_PATH}/vehicle-types"), &de_coord)
            .status(),
        200
    );
    problem(
        put(&s, &de_coord, &vt, &json!({ "vehicle": leopard() })),
        403,
    );
    problem(delete(&s, &de_coord, &vt), 403);
    // Nothing the refused callers sent changed it.
    let got: Value = s.get(&vt, &planner).json().unwrap();
    assert_eq!(got["updated_by"], "de.planner");
}

#[test]
fn bad_bodies_and_names_are_refused_by_field_and_nothing_is_stored() {
    let s = Server::start();
    let planner = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", UNIT],
    );
    let vt = format!("{UNIT_PATH}/vehicle-types/HET");
    let count = || -> usize {
        let list: Value = s
            .get(&format!("{UNIT_PATH}/vehicle-types"), &planner)
            .json()
            .unwrap();
        list["items"].as_array().unwrap().len()
    };

    // A vehicle whose axle loads do not add up, with an axle out of range and a spacing on
    // the last axle: each named under `vehicle.`.
    let mut bad = leopard();
    bad["axles"][0]["load_kg"] = json!(70_000);
    bad["axles"][7]["spacing_mm"] = json!(1500);
    let p = problem(put(&s, &planner, &vt, &json!({ "vehicle": bad })), 400);
    let f = fields(&p);
    assert!(f.contains(&"vehicle.axles[0].load_kg".to_string()), "{p}");
    assert!(
        f.contains(&"vehicle.axles[7].spacing_mm".to_string()),
        "{p}"
    );
    assert!(f.contains(&"vehicle.axles".to_string()), "{p}");

    // Shape errors: a missing field, an unknown field, a wrong type.
    let mut no_mlc = leopard();
    no_mlc.as_object_mut().unwrap().remove("mlc");
    problem(put(&s, &planner, &vt, &json!({ "vehicle": no_mlc })), 400);
    let p = problem(
        put(
            &s,
            &planner,
            &vt,
            &json!({ "vehicle": leopard(), "colour": "green" }),
        ),
        400,
    );
    assert!(p["detail"].as_str().unwrap().contains("colour"), "{p}");
    problem(put(&s, &planner, &vt, &json!({ "vehicle": "HET" })), 400);
    // A template's form is an object of at most 64 KiB.
    let tp = format!("{UNIT_PATH}/templates/big");
    problem(put(&s, &planner, &tp, &json!({ "form": [1, 2] })), 400);
    let p = problem(
        put(
            &s,
            &planner,
            &tp,
            &json!({ "form": { "contact": "x".repeat(70_000) } }),
        ),
        400,
    );
    assert_eq!(fields(&p), ["form"], "{p}");
    // Not JSON.
    let r = s
        .req(Method::PUT, &vt, &planner)
        .header("content-type", "text/plain")
        .body("vehicle")
        .send()
        .unwrap();
    problem(r, 415);

    // Names and paths: a leading space, a control character, too long, a bad nation.
    for (path, field) in [
        (format!("{UNIT_PATH}/vehicle-types/%20HET"), "name"),
        (format!("{UNIT_PATH}/vehicle-types/HET%01"), "name"),
        (
            format!("{UNIT_PATH}/vehicle-types/{}", "x".repeat(81)),
            "name",
        ),
        (
            "/v1/units/XX/Panzerbataillon%20203/vehicle-types/HET".to_string(),
            "nation",
        ),
        (
            format!("/v1/units/DE/{}/vehicle-types/HET", "u".repeat(121)),
            "unit",
        ),
    ] {
        let p = problem(
            put(&s, &planner, &path, &json!({ "vehicle": leopard() })),
            400,
        );
        assert_eq!(fields(&p), [field], "{path}: {p}");
    }
    assert_eq!(count(), 0, "nothing stored");
    let p = problem(
        s.get(&format!("/v1/units/DE/{UNIT}%0A/templates"), &planner),
        400,
    );
    assert_eq!(fields(&p), ["unit"], "{p}");
}

#[test]
fn a_unit_keeps_at_most_200_of_each_kind_and_may_still_replace_them() {
    let s = Server::start();
    let planner = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", UNIT],
    );
    let form = json!({ "form": { "priority": "routine" } });
    for i in 0..200 {
        let r = put(
            &s,
            &planner,
            &format!("{UNIT_PATH}/templates/t{i:03}"),
            &form,
        );
        assert_eq!(r.status(), 201, "template {i}");
    }
    let p = problem(
        put(
            &s,
            &planner,
            &format!("{UNIT_PATH}/templates/one%20more"),
            &form,
        ),
        409,
    );
    assert!(p["detail"].as_str().unwrap().contains("200"), "{p}");
    // Replacing one is not adding one; vehicle types are counted apart.
    assert_eq!(
        put(&s, &planner, &format!("{UNIT_PATH}/templates/t000"), &form).status(),
        200
    );
    let vt = format!("{UNIT_PATH}/vehicle-types/Mammut");
    assert_eq!(
        put(&s, &planner, &vt, &json!({ "vehicle": leopard() })).status(),
        201
    );
    let list: Value = s
        .get(&format!("{UNIT_PATH}/templates"), &planner)
        .json()
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 200);
    assert_eq!(list["limit"], 200);
    problem(
        s.get(&format!("{UNIT_PATH}/templates/one%20more"), &planner),
        404,
    );
}
