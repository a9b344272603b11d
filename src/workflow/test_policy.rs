//! A small German policy for the workflow tests: office hours 08–17 Mon–Fri, Easter holidays,
//! routine in working time, crisis in calendar time.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::domain::{Finding, Severity};
use crate::policy::{IsoDuration, PolicyFile};

/// The policy as a legal adviser would write it.
pub const YAML: &str = r#"
nation: DE
name: Germany
edition: "2026-01"
valid_from: 2026-01-01
timezone: Europe/Berlin
sources:
  - id: law
    title: Test regulation
holidays:
  - { date: 2026-04-03, name: Good Friday }
  - { date: 2026-04-06, name: Easter Monday }
working_hours:
  days: [Mon, Tue, Wed, Thu, Fri]
  start: "08:00:00"
  end: "17:00:00"
working_time_for: [routine]
targets:
  overall: { routine: P3D, priority: P2D, crisis: PT24H }
  departure_margin: PT2H
stages:
  - key: movcon
    name: Movement control
    required: always
    sla: { routine: P1D, priority: PT12H, crisis: PT6H }
  - key: police
    name: Police
    required: always
    parallel: true
    sla: { routine: PT4H, priority: PT6H, crisis: PT4H }
  - key: dg_authority
    name: Dangerous goods authority
    required: on_finding
    sla: { routine: P1D, priority: PT12H, crisis: PT6H }
  - key: road_authority
    name: Road authority
    required: on_finding
    sla: { routine: P1D, priority: PT12H, crisis: PT8H }
escalation:
  officers_at_percent: 50
  liaison_before_overall_due: PT6H
  median_after_decisions: 3
  source: law
deemed_consent:
  priorities: [crisis]
  grace: PT1H
  source: law
auto_clear:
  priorities: [priority, crisis]
  stages: [police, dg_authority]
"#;

/// The parsed test policy; the rule tables (which the workflow never reads) come from the real
/// German policy file so this one stays about workflow only.
pub fn policy() -> PolicyFile {
    let mut doc: serde_norway::Value = serde_norway::from_str(YAML).expect("test policy parses");
    let real: serde_norway::Value =
        serde_norway::from_str(include_str!("../../policies/DE.yaml")).expect("DE policy parses");
    for table in [
        "weights",
        "mlc",
        "dangerous_goods",
        "driving_bans",
        "convoy",
    ] {
        if let (Some(map), Some(v)) = (doc.as_mapping_mut(), real.get(table)) {
            map.insert(table.into(), v.clone());
        }
    }
    serde_norway::from_value(doc).expect("test policy with the German rule tables parses")
}

/// The policy's zone, parsed here because tests stand in for the loader.
pub fn tz() -> Tz {
    policy().timezone.parse().expect("known zone")
}

/// A UTC instant.
pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("valid instant")
}

/// A Berlin wall-clock instant, in UTC.
pub fn berlin(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    tz().with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("valid local instant")
        .with_timezone(&Utc)
}

/// An ISO 8601 duration.
pub fn iso(s: &str) -> IsoDuration {
    IsoDuration::parse(s).expect("valid duration")
}

/// A finding of `severity` naming `stage`.
pub fn finding(rule: &str, severity: Severity, stage: Option<&str>) -> Finding {
    Finding {
        rule: rule.to_string(),
        severity,
        message: format!("{rule} fired"),
        subject: "vehicles[0]".to_string(),
        source: "law".to_string(),
        stage: stage.map(str::to_string),
        condition: None,
        vehicles: Vec::new(),
        cargo: Vec::new(),
        folded: 0,
    }
}

/// Stage keys as the evaluation would name them.
pub fn keys(list: &[&str]) -> Vec<String> {
    list.iter().map(|k| k.to_string()).collect()
}
