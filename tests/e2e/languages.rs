//! Languages (issue 16), end to end: problem details in the caller's language (their setting,
//! else Accept-Language, else English), the setting itself, and mail in the recipient's
//! language — one escalation mail per notification, nation and level, with the movement and a
//! link to its page. Real HTTP against the real binary, a real SMTP sink in this process.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::common::smtp::{Received, SmtpSink};
use crate::common::{fields, fixture, problem, submit_id, Options, Server};
use reqwest::Method;
use serde_json::{json, Value};

fn get_as(s: &Server, path: &str, token: &str, accept_language: Option<&str>) -> Value {
    let mut r = s.req(Method::GET, path, token);
    if let Some(l) = accept_language {
        r = r.header("accept-language", l);
    }
    let r = r.send().expect("GET");
    let lang = r
        .headers()
        .get("content-language")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut p = problem(r, 404);
    p["content_language"] = json!(lang);
    p
}

fn set_language(s: &Server, token: &str, language: Value) -> reqwest::blocking::Response {
    s.req(Method::PUT, "/v1/me/language", token)
        .json(&json!({ "language": language }))
        .send()
        .expect("PUT")
}

#[test]
fn a_german_user_reads_german_problems_accept_language_pl_gives_polish_and_no_header_english() {
    let s = Server::start();
    let de = s.user(
        "de.planner",
        "requester",
        &[
            "--nation",
            "DE",
            "--unit",
            "Panzerbataillon 203",
            "--language",
            "de",
        ],
    );
    let plain = s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", "43 Mechanised Brigade"],
    );

    // The user's own setting wins over the header.
    let p = get_as(&s, "/v1/notifications/nope", &de, Some("pl"));
    assert_eq!(p["title"], "Nicht gefunden", "{p}");
    assert_eq!(p["detail"], "keine Meldung nope", "{p}");
    assert_eq!(p["type"], "urn:corridor:problem:not-found");
    assert_eq!(p["content_language"], "de");

    // Field errors: messages in German, field names and the problem type unchanged.
    let mut m = fixture("leopard_de_pl");
    m["arrival_at"] = m["departure_at"].clone();
    let r = s.post("/v1/notifications", &de, &m);
    let p = problem(r, 400);
    assert_eq!(p["type"], "urn:corridor:problem:validation");
    assert_eq!(p["title"], "Ungültige Anfrage");
    assert!(fields(&p).contains(&"arrival_at".to_string()), "{p}");
    let arrival = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "arrival_at")
        .unwrap();
    assert_eq!(arrival["message"], "muss nach departure_at liegen", "{p}");
    assert!(p["detail"].as_str().unwrap().contains("arrival_at"), "{p}");

    // Without a setting: Accept-Language (by weight), else English.
    let p = get_as(
        &s,
        "/v1/notifications/nope",
        &plain,
        Some("nl, pl;q=0.9, en;q=0.5"),
    );
    assert_eq!(p["title"], "Nie znaleziono", "{p}");
    assert_eq!(p["detail"], "brak zgłoszenia nope", "{p}");
    assert_eq!(p["content_language"], "pl");
    let p = get_as(&s, "/v1/notifications/nope", &plain, None);
    assert_eq!(p["title"], "Not found");
    assert_eq!(p["detail"], "no notification nope");

    // Before any sign-in (no user yet): the header decides.
    let r = s
        .raw()
        .get(format!("{}/v1/me", s.url))
        .header("accept-language", "pl-PL")
        .send()
        .unwrap();
    let p = problem(r, 401);
    assert_eq!(p["title"], "Brak uwierzytelnienia", "{p}");
    assert_eq!(p["detail"], "wyślij token Authorization: Bearer", "{p}");

    // GET /v1/me shows the setting and the language answers are in.
    let me: Value = s.get("/v1/me", &de).json().unwrap();
    assert_eq!(
        (me["language"].clone(), me["effective_language"].clone()),
        (json!("de"), json!("de"))
    );
    let me: Value = s
        .req(Method::GET, "/v1/me", &plain)
        .header("accept-language", "fr-FR")
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(me["language"], Value::Null);
    assert_eq!(me["effective_language"], "fr");
}

#[test]
fn a_user_chooses_a_language_an_unknown_one_is_refused_naming_the_field_and_changes_nothing() {
    let s = Server::start();
    let t = s.user(
        "pl.coord",
        "coordinator",
        &["--nation", "PL", "--email", "koordynator@wp.mil.example"],
    );
    for bad in [json!("xx"), json!("de-DE"), json!("")] {
        let p = problem(set_language(&s, &t, bad.clone()), 422);
        assert_eq!(
            p["type"], "urn:corridor:problem:unprocessable",
            "{bad}: {p}"
        );
        assert_eq!(fields(&p), ["language"], "{p}");
        assert!(p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("en, de, fr, pl"));
    }
    let me: Value = s.get("/v1/me", &t).json().unwrap();
    assert_eq!(me["language"], Value::Null, "nothing changed");

    let r = set_language(&s, &t, json!("pl"));
    assert_eq!(r.status(), 200);
    let me: Value = r.json().unwrap();
    assert_eq!(
        (me["language"].clone(), me["effective_language"].clone()),
        (json!("pl"), json!("pl"))
    );
    // The next answer is in Polish at once (the account cache is refreshed), and a refused
    // choice is told in the language already chosen.
    let p = get_as(&s, "/v1/notifications/nope", &t, Some("de"));
    assert_eq!(p["title"], "Nie znaleziono", "{p}");
    let p = problem(set_language(&s, &t, json!("nl")), 422);
    assert_eq!(p["title"], "Żądanie niemożliwe do przetworzenia", "{p}");
    assert_eq!(p["errors"][0]["field"], "language");
    // null clears it: the header decides again.
    let me: Value = set_language(&s, &t, Value::Null).json().unwrap();
    assert_eq!(me["language"], Value::Null);
    let p = get_as(&s, "/v1/notifications/nope", &t, Some("de"));
    assert_eq!(p["title"], "Nicht gefunden", "{p}");

    // The command line keeps to the same four languages.
    let out = s.cli(
        &["user", "set", "--username", "pl.coord", "--language", "xx"],
        None,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--language"));
    let out = s.cli(
        &["user", "set", "--username", "pl.coord", "--language", "fr"],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Another process changed the row: the server sees it within CORRIDOR_ACCESS_CACHE_MS of
    // its (manual) clock.
    let admin = s.user("ops", "admin", &[]);
    let r = s.post("/v1/admin/clock", &admin, &json!({"advance": "PT2S"}));
    assert_eq!(r.status(), 200);
    let start = Instant::now();
    loop {
        let me: Value = s.get("/v1/me", &t).json().unwrap();
        if me["language"] == "fr" {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "{me}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Who was mailed what: recipient → subjects.
fn by_recipient(mail: &[Received]) -> BTreeMap<String, Vec<&Received>> {
    let mut out: BTreeMap<String, Vec<&Received>> = BTreeMap::new();
    for m in mail {
        for to in &m.rcpt_tos {
            out.entry(to.clone()).or_default().push(m);
        }
    }
    out
}

#[test]
fn an_escalation_across_two_nations_stages_mails_once_per_notification_nation_and_level_in_each_readers_language(
) {
    let sink = SmtpSink::start();
    let s = Server::start_with(
        Options::default()
            .env("CORRIDOR_JOBS_INTERVAL_MS", "50")
            .env("CORRIDOR_JWT_TTL", "86400")
            .env("CORRIDOR_SMTP_URL", &sink.url())
            .env("CORRIDOR_PUBLIC_URL", "https://corridor.example/"),
    );
    let admin = s.user("ops", "admin", &[]);
    let planner = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", "Panzerbataillon 203"],
    );
    let people: [(&str, &str, &[&str]); 5] = [
        (
            "de.officer",
            "officer",
            &[
                "--nation",
                "DE",
                "--stages",
                "movcon,road_authority",
                "--email",
                "offizier@bundeswehr.example",
                "--language",
                "de",
            ],
        ),
        (
            "de.coord",
            "coordinator",
            &[
                "--nation",
                "DE",
                "--email",
                "koordinator@bundeswehr.example",
                "--language",
                "de",
            ],
        ),
        (
            "pl.officer",
            "officer",
            &[
                "--nation",
                "PL",
                "--stages",
                "movcon,road_authority",
                "--email",
                "oficer@wp.mil.example",
                "--language",
                "pl",
            ],
        ),
        (
            "pl.coord",
            "coordinator",
            &[
                "--nation",
                "PL",
                "--email",
                "koordynator@wp.mil.example",
                "--language",
                "pl",
            ],
        ),
        (
            "liaison",
            "liaison",
            &[
                "--watch",
                "DE,PL",
                "--email",
                "liaison@jsec.example",
                "--language",
                "fr",
            ],
        ),
    ];
    for (name, role, args) in people {
        s.user(name, role, args);
    }
    // Leopard on a low-loader, DE→PL, crisis: in both nations movcon and road_authority
    // (parallel) open at once.
    let id = submit_id(&s, &planner, &fixture("leopard_de_pl"));
    // Past both stages' due times and into the liaison window in one step: every level of
    // every open stage fires in one firing.
    let r = s.post("/v1/admin/clock", &admin, &json!({"advance": "PT4H5M"}));
    assert_eq!(r.status(), 200);
    let start = Instant::now();
    let n = loop {
        let n: Value = s
            .get(&format!("/v1/notifications/{id}"), &planner)
            .json()
            .unwrap();
        if n["escalations"].as_array().is_some_and(|e| !e.is_empty()) {
            break n;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no escalation: {n}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    // (nation, level) → stages, as the API recorded them.
    let mut groups: BTreeMap<(String, i64), Vec<String>> = BTreeMap::new();
    for e in n["escalations"].as_array().unwrap() {
        groups
            .entry((
                e["nation"].as_str().unwrap().into(),
                e["level"].as_i64().unwrap(),
            ))
            .or_default()
            .push(e["stage"].as_str().unwrap().into());
    }
    let de: Vec<_> = groups.iter().filter(|((n, _), _)| n == "DE").collect();
    assert_eq!(de.len(), 3, "DE escalated at every level: {groups:?}");
    for (_, stages) in &de {
        assert_eq!(
            stages.len(),
            2,
            "both German stages at each level: {groups:?}"
        );
    }
    assert!(groups.keys().any(|(n, _)| n == "PL"), "{groups:?}");
    let stage_escalations: usize = groups.values().map(Vec::len).sum();
    // One mail per (nation, level) and recipient: officers L1, coordinators L2, liaison L3 of
    // both nations.
    let expected: BTreeMap<&str, Vec<(&str, i64)>> = BTreeMap::from([
        ("offizier@bundeswehr.example", vec![("DE", 1)]),
        ("koordinator@bundeswehr.example", vec![("DE", 2)]),
        ("oficer@wp.mil.example", vec![("PL", 1)]),
        ("koordynator@wp.mil.example", vec![("PL", 2)]),
        ("liaison@jsec.example", vec![("DE", 3), ("PL", 3)]),
    ]);
    let want: usize = expected
        .values()
        .flatten()
        .filter(|g| groups.contains_key(&(g.0.to_string(), g.1)))
        .count();
    // Escalations only (PL's policy may also deem a silent stage approved and tell its
    // coordinator so): by subject, in each of the four languages.
    let escalation_mail = |m: &Received| {
        m.subject.contains(n["reference"].as_str().unwrap())
            && ["Escalation L", "Eskalation S", "Escalade N", "Eskalacja P"]
                .iter()
                .any(|w| m.subject.starts_with(&format!("[Corridor] {w}")))
    };
    let start = Instant::now();
    while sink
        .received()
        .iter()
        .filter(|m| escalation_mail(m))
        .count()
        < want
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "mail: {:?}",
            sink.received()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(500));
    let mail: Vec<Received> = sink
        .received()
        .into_iter()
        .filter(|m| escalation_mail(m))
        .collect();
    assert_eq!(
        mail.len(),
        want,
        "one mail per notification, nation and level for each recipient, not one per stage \
         ({stage_escalations} stage escalations): {:#?}",
        mail.iter()
            .map(|m| (&m.rcpt_tos, &m.subject))
            .collect::<Vec<_>>()
    );
    let got = by_recipient(&mail);
    let link = format!("https://corridor.example/dashboard/#n/{id}");
    for (to, groups_for) in &expected {
        let theirs = got.get(*to).map(Vec::as_slice).unwrap_or_default();
        let present: Vec<_> = groups_for
            .iter()
            .filter(|g| groups.contains_key(&(g.0.to_string(), g.1)))
            .collect();
        assert_eq!(theirs.len(), present.len(), "{to}: {theirs:#?}");
        for m in theirs {
            assert!(m.body.contains(&link), "{to} gets the link: {}", m.body);
        }
    }
    // The German officer: one German mail listing both stages, the movement in one line.
    let m = got["offizier@bundeswehr.example"][0];
    assert!(
        m.subject.starts_with("[Corridor] Eskalation S1:"),
        "{}",
        m.subject
    );
    assert!(
        m.subject.contains("DE movcon, road_authority")
            || m.subject.contains("DE road_authority, movcon"),
        "{}",
        m.subject
    );
    assert!(m.body.contains("Eskalationsstufe 1"), "{}", m.body);
    assert!(m.body.contains("2 gefährdete Prüfschritte:"), "{}", m.body);
    assert!(
        m.body.contains("- movcon: fällig ") && m.body.contains("- road_authority: fällig "),
        "{}",
        m.body
    );
    assert!(
        m.body.contains(" UTC, überfällig seit "),
        "times in the reader's locale with zone: {}",
        m.body
    );
    let movement = m
        .body
        .lines()
        .find(|l| l.starts_with("Bewegung:"))
        .expect("movement line");
    for part in [
        "Panzerbataillon 203",
        "1 Fahrzeug",
        "Augustdorf → Orzysz (DE, PL)",
        "Abmarsch ",
    ] {
        assert!(movement.contains(part), "{part:?} in {movement}");
    }
    // The Polish coordinator reads Polish, the liaison French, one per nation.
    let pl = got["koordynator@wp.mil.example"][0];
    assert!(
        pl.subject.starts_with("[Corridor] Eskalacja P2:"),
        "{}",
        pl.subject
    );
    assert!(pl.body.contains("wyjazd "), "{}", pl.body);
    let liaison = &got["liaison@jsec.example"];
    assert!(
        liaison
            .iter()
            .all(|m| m.subject.starts_with("[Corridor] Escalade N3")),
        "{liaison:#?}"
    );
    assert!(
        liaison.iter().any(|m| m.subject.contains(" DE "))
            && liaison.iter().any(|m| m.subject.contains(" PL "))
    );
    assert!(
        liaison[0]
            .body
            .contains("L'échéance globale du convoi est menacée"),
        "{}",
        liaison[0].body
    );
}

#[test]
fn the_planner_reads_a_nations_decision_in_their_language_with_a_link_to_the_notification() {
    let sink = SmtpSink::start();
    let s = Server::start_with(
        Options::default()
            .env("CORRIDOR_JOBS_INTERVAL_MS", "50")
            .env("CORRIDOR_SMTP_URL", &sink.url())
            .env("CORRIDOR_PUBLIC_URL", "https://corridor.example"),
    );
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
            "--language",
            "pl",
        ],
    );
    let de = s.user(
        "de.movcon",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    let id = submit_id(&s, &planner, &fixture("crisis_nl_de_pl_lt"));
    let tag = s.get(&format!("/v1/notifications/{id}"), &de).headers()["etag"]
        .to_str()
        .unwrap()
        .to_string();
    let r = s
        .req(Method::POST, &format!("/v1/notifications/{id}/nations/DE/stages/movcon/decision"), &de)
        .header("if-match", tag)
        .json(&json!({"outcome": "approve_with_conditions", "conditions": ["Move between 22:00 and 05:00 only"]}))
        .send()
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    let mail = sink.wait_for(1, Duration::from_secs(20));
    let m = &mail[0];
    assert_eq!(m.rcpt_tos, ["s4@43mechbde.example"]);
    assert!(
        m.subject.starts_with("[Corridor] Zatwierdzone przez DE:"),
        "{}",
        m.subject
    );
    assert!(m.body.contains("Warunki (część zezwolenia):"), "{}", m.body);
    assert!(
        m.body.contains("22:00 and 05:00"),
        "the officer's words as written: {}",
        m.body
    );
    assert!(
        m.body
            .contains(&format!("https://corridor.example/dashboard/#n/{id}")),
        "{}",
        m.body
    );
}
