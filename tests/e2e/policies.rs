//! Policy files applied end to end: findings stored with each review, blocks held until an
//! amendment or a coordinator's audited waiver, the dry run, and reloads that refuse a broken set.

use std::time::{Duration, Instant};

use crate::common::{fields, fixture, nation, problem, Options, Server};
use reqwest::Method;
use serde_json::{json, Value};

fn rules(nat: &Value) -> Vec<(String, String)> {
    nat["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn decide(s: &Server, token: &str, id: &str, code: &str, key: &str) -> reqwest::blocking::Response {
    let n: Value = s
        .get(&format!("/v1/notifications/{id}"), token)
        .json()
        .unwrap();
    let stage = nation(&n, code)["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|st| st["key"] == key && st["status"] == "pending")
        .unwrap()
        .clone();
    s.req(
        Method::POST,
        &format!("/v1/notifications/{id}/nations/{code}/stages/{key}/decision"),
        token,
    )
    .header("if-match", stage["etag"].as_str().unwrap())
    .json(&json!({"outcome": "approve"}))
    .send()
    .unwrap()
}

#[test]
fn a_leopard_on_a_transporter_gets_road_authority_and_escort_in_both_nations_and_is_blocked_on_the_weak_bridge_until_waived(
) {
    let s = Server::start();
    let requester = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", "Panzerbataillon 203"],
    );
    let officer = s.user(
        "de.officer",
        "officer",
        &["--nation", "DE", "--stages", "movcon,road_authority,police"],
    );
    let coordinator = s.user("de.coord", "coordinator", &["--nation", "DE"]);
    let r = s.post("/v1/notifications", &requester, &fixture("leopard_de_pl"));
    assert_eq!(r.status(), 201);
    let n: Value = r.json().unwrap();
    let id = n["id"].as_str().unwrap().to_string();
    for code in ["DE", "PL"] {
        let nat = nation(&n, code);
        let keys: Vec<&str> = nat["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|st| st["key"].as_str().unwrap())
            .collect();
        assert!(keys.contains(&"road_authority"), "{code}: {keys:?}");
        assert!(
            rules(nat).contains(&("dim.width.escort".into(), "condition".into())),
            "{code}: {:?}",
            rules(nat)
        );
        assert!(
            nat["findings"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["source"].is_string()),
            "every finding cites its source"
        );
    }
    assert!(rules(nation(&n, "DE")).contains(&("mlc.bridge".into(), "block".into())));
    assert!(
        !rules(nation(&n, "PL"))
            .iter()
            .any(|(r, _)| r == "mlc.bridge"),
        "PL's route carries MLC 120"
    );
    let block = nation(&n, "DE")["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "mlc.bridge")
        .unwrap()
        .clone();
    assert_eq!(block["subject"], "vehicles[0].mlc");
    assert!(
        block["message"].as_str().unwrap().contains("itinerary[0]"),
        "{block}"
    );

    // 3.7 m wide in Germany: an escort vehicle and a BF3, no police escort (VwV-StVO zu § 29
    // Abs. 3: police or BF4 above 4.50 m), so no police stage.
    let mut de_stages: Vec<&str> = nation(&n, "DE")["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|st| st["key"].as_str().unwrap())
        .collect();
    de_stages.sort_unstable();
    assert_eq!(de_stages, ["movcon", "road_authority"]);

    // Germany's officer approves stage by stage; the approval that would complete the nation is refused.
    assert_eq!(decide(&s, &officer, &id, "DE", "movcon").status(), 200);
    let refused = problem(decide(&s, &officer, &id, "DE", "road_authority"), 409);
    assert!(
        refused["detail"].as_str().unwrap().contains("mlc.bridge"),
        "{refused}"
    );

    // Only the coordinator waives, with a reason, and it is audited.
    let tag = s
        .get(&format!("/v1/notifications/{id}"), &coordinator)
        .headers()["etag"]
        .to_str()
        .unwrap()
        .to_string();
    let waive = |token: &str, body: Value| {
        s.req(
            Method::POST,
            &format!("/v1/notifications/{id}/nations/DE/waiver"),
            token,
        )
        .header("if-match", &tag)
        .json(&body)
        .send()
        .unwrap()
    };
    problem(waive(&officer, json!({"reason": "x"})), 403);
    assert_eq!(
        fields(&problem(waive(&coordinator, json!({"reason": "  "})), 400)),
        ["reason"]
    );
    let r = waive(
        &coordinator,
        json!({"reason": "Bridge B 1/17 reinforced by the engineers for this crossing (Pionierbataillon 130)"}),
    );
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    assert_eq!(
        decide(&s, &officer, &id, "DE", "road_authority").status(),
        200
    );
    let n: Value = s
        .get(&format!("/v1/notifications/{id}"), &requester)
        .json()
        .unwrap();
    let de = nation(&n, "DE");
    assert_eq!(de["status"], "approved");
    assert!(de["permit_number"].as_str().unwrap().starts_with("DE-"));
    assert_eq!(de["waiver"]["by"], "de.coord");
    let trail: Value = s
        .get(&format!("/v1/notifications/{id}/events"), &requester)
        .json()
        .unwrap();
    let waived = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "waived")
        .unwrap();
    assert_eq!(waived["actor"], "de.coord");
    assert_eq!(waived["detail"]["rules"], json!(["mlc.bridge"]));
}

#[test]
fn the_dry_run_gives_findings_and_stages_per_nation_and_stores_nothing() {
    let s = Server::start();
    let requester = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", "Panzerbataillon 203"],
    );
    let r = s.post("/v1/evaluate", &requester, &fixture("leopard_de_pl"));
    assert_eq!(r.status(), 200);
    let out: Value = r.json().unwrap();
    let de = nation(&out, "DE");
    assert!(rules(de).contains(&("mlc.bridge".into(), "block".into())));
    assert_eq!(de["policy_version"].as_str().unwrap().len(), 64);
    let keys: Vec<&str> = de["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|st| st["key"].as_str().unwrap())
        .collect();
    // 3.7 m: escort vehicle and BF3 per VwV-StVO zu § 29 Abs. 3, no police stage.
    assert_eq!(keys, ["movcon", "road_authority"]);
    let bf3 = de["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "dim.width.escort_vms")
        .expect("BF3 escort finding");
    assert_eq!(bf3["source"], "vwv29");
    assert!(!rules(de).iter().any(|(r, _)| r == "dim.width.police"));
    assert_eq!(s.db.count("notifications"), 0);
    assert_eq!(s.db.count("audit_events"), 0);
    let mut bad = fixture("leopard_de_pl");
    bad["itinerary"][1]["nation"] = json!("FR");
    assert_eq!(
        fields(&problem(s.post("/v1/evaluate", &requester, &bad), 400)),
        ["itinerary[1].nation"]
    );
    let liaison = s.user("jsec", "liaison", &[]);
    problem(
        s.post("/v1/evaluate", &liaison, &fixture("leopard_de_pl")),
        403,
    );

    // The command line gives the same evaluation (of the same movement, on the same clock).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("leopard_de_pl.json");
    std::fs::write(&file, fixture("leopard_de_pl").to_string()).unwrap();
    let out = s.cli(&["policy", "eval", file.to_str().unwrap()], None);
    assert!(out.status.success());
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rules(nation(&cli, "DE")), rules(de));
}

fn policy_version(s: &Server, token: &str) -> String {
    let v: Value = s.get("/v1/policies", token).json().unwrap();
    v["version"].as_str().unwrap().to_string()
}

#[test]
fn a_broken_policy_file_is_refused_with_file_and_field_and_the_running_set_stays() {
    let dir = tempfile::tempdir().unwrap();
    let src = crate::common::repo_policies();
    for entry in std::fs::read_dir(&src).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    let s = Server::start_with(
        Options::default().env("CORRIDOR_POLICIES", dir.path().to_str().unwrap()),
    );
    let admin = s.user("ops", "admin", &[]);
    let v1 = policy_version(&s, &admin);
    let de: Value = s.get("/v1/policies/DE", &admin).json().unwrap();
    assert_eq!(de["policy"]["nation"], "DE");

    let de_file = dir.path().join("DE.yaml");
    let good = std::fs::read_to_string(&de_file).unwrap();
    std::fs::write(
        &de_file,
        good.replace("officers_at_percent: 50", "officers_at_percent: fifty"),
    )
    .unwrap();

    let p = problem(s.post("/v1/admin/policies/reload", &admin, &json!({})), 400);
    let named = fields(&p);
    assert!(
        named
            .iter()
            .any(|f| f.contains("DE.yaml") && f.contains("escalation.officers_at_percent")),
        "{p}"
    );
    assert_eq!(
        policy_version(&s, &admin),
        v1,
        "the loaded set stays in force"
    );
    let officer = s.user(
        "de.officer",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    problem(
        s.post("/v1/admin/policies/reload", &officer, &json!({})),
        403,
    );

    s.hup();
    let start = Instant::now();
    while !s.log().contains("policy reload refused") {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "SIGHUP reload logged\n{}",
            s.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(s.log().contains("DE.yaml"));
    assert_eq!(policy_version(&s, &admin), v1);

    let check = s.cli(&["policy", "check", dir.path().to_str().unwrap()], None);
    assert!(!check.status.success());
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        stdout.contains("DE.yaml: escalation.officers_at_percent:"),
        "{stdout}"
    );

    // A good edit loads and changes the version.
    std::fs::write(
        &de_file,
        good.replace("officers_at_percent: 50", "officers_at_percent: 40"),
    )
    .unwrap();
    let r = s.post("/v1/admin/policies/reload", &admin, &json!({}));
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    let v2 = policy_version(&s, &admin);
    assert_ne!(v1, v2);
    let ok = s.cli(&["policy", "check", dir.path().to_str().unwrap()], None);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
}
