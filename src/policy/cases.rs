//! Policy test cases (`policies/tests/<NATION>.yaml`): a base notification, cases that patch
//! it, and the findings and stages each case expects from that nation's policy.
//!
//! A patch is a JSON merge patch (RFC 7386) written in YAML: objects merge key by key, `null`
//! removes a key, and anything else (lists included) replaces what the base has.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::evaluate::evaluate;
use super::load::PolicySet;
use crate::domain::{Movement, MovementInput, Nation, Severity};

/// A case whose result differs from what it expects, or a test file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFailure {
    /// The test file.
    pub file: String,
    /// The case's name (`(file)` when the file itself is at fault).
    pub case: String,
    /// What differs.
    pub message: String,
}

impl fmt::Display for CaseFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.case, self.message)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    nation: Nation,
    now: DateTime<Utc>,
    base: Value,
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    now: Option<DateTime<Utc>>,
    #[serde(default)]
    patch: Value,
    expect: Expect,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    findings: Vec<ExpectedFinding>,
    stages: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct ExpectedFinding {
    rule: String,
    severity: Severity,
}

/// RFC 7386 JSON merge patch.
fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

/// Runs every case of one test file against the set; the number of cases on success.
pub fn run_case_file(set: &PolicySet, file: &str, bytes: &[u8]) -> Result<usize, Vec<CaseFailure>> {
    let fail = |case: &str, message: String| CaseFailure {
        file: file.to_string(),
        case: case.to_string(),
        message,
    };
    let de = serde_norway::Deserializer::from_slice(bytes);
    let cases: CaseFile = serde_path_to_error::deserialize(de)
        .map_err(|e| vec![fail("(file)", format!("{}: {}", e.path(), e.inner()))])?;
    let mut failures = Vec::new();
    for case in &cases.cases {
        let mut doc = cases.base.clone();
        if !case.patch.is_null() {
            merge(&mut doc, &case.patch);
        }
        let movement = serde_json::from_value::<MovementInput>(doc)
            .map_err(|e| format!("not a movement: {e}"))
            .and_then(|input| {
                Movement::parse(input).map_err(|errors| {
                    let shown: Vec<String> = errors
                        .iter()
                        .map(|e| format!("{}: {}", e.field, e.message))
                        .collect();
                    format!("invalid movement: {}", shown.join("; "))
                })
            });
        let movement = match movement {
            Ok(m) => m,
            Err(message) => {
                failures.push(fail(&case.name, message));
                continue;
            }
        };
        let evaluation = match evaluate(&movement, set, case.now.unwrap_or(cases.now)) {
            Ok(e) => e,
            Err(errors) => {
                let shown: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
                failures.push(fail(&case.name, format!("refused: {}", shown.join(", "))));
                continue;
            }
        };
        let Some(national) = evaluation.nation(cases.nation) else {
            failures.push(fail(
                &case.name,
                format!("{} is not on the itinerary", cases.nation),
            ));
            continue;
        };
        let got: BTreeSet<(String, Severity)> = national
            .findings
            .iter()
            .map(|f| (f.rule.clone(), f.severity))
            .collect();
        let want: BTreeSet<(String, Severity)> = case
            .expect
            .findings
            .iter()
            .map(|f| (f.rule.clone(), f.severity))
            .collect();
        let mut problems = Vec::new();
        let missing: Vec<String> = want
            .difference(&got)
            .map(|(r, s)| format!("{r} {s:?}"))
            .collect();
        let extra: Vec<String> = got
            .difference(&want)
            .map(|(r, s)| format!("{r} {s:?}"))
            .collect();
        if !missing.is_empty() {
            problems.push(format!("missing findings [{}]", missing.join(", ")));
        }
        if !extra.is_empty() {
            problems.push(format!("unexpected findings [{}]", extra.join(", ")));
        }
        if national.required_stages != case.expect.stages {
            problems.push(format!(
                "stages {:?}, expected {:?}",
                national.required_stages, case.expect.stages
            ));
        }
        if !problems.is_empty() {
            let messages: Vec<String> = national
                .findings
                .iter()
                .map(|f| format!("  {} {:?}: {}", f.rule, f.severity, f.message))
                .collect();
            failures.push(fail(
                &case.name,
                format!("{}\n{}", problems.join("; "), messages.join("\n")),
            ));
        }
    }
    if failures.is_empty() {
        Ok(cases.cases.len())
    } else {
        Err(failures)
    }
}

/// Runs every `*.yaml` file in `dir` (a policy directory's `tests/`); the number of cases.
pub fn run_case_dir(set: &PolicySet, dir: &Path) -> Result<usize, Vec<CaseFailure>> {
    let read_error = |file: String, e: std::io::Error| {
        vec![CaseFailure {
            file,
            case: "(file)".into(),
            message: format!("cannot read: {e}"),
        }]
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| read_error(dir.display().to_string(), e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    let mut total = 0;
    let mut failures = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|e| read_error(shown.clone(), e))?;
        match run_case_file(set, &shown, &bytes) {
            Ok(n) => total += n,
            Err(f) => failures.extend(f),
        }
    }
    if failures.is_empty() {
        Ok(total)
    } else {
        Err(failures)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_patch_follows_rfc_7386() {
        let mut doc = serde_json::json!({"a": 1, "b": {"c": 2, "d": 3}, "l": [1, 2]});
        merge(
            &mut doc,
            &serde_json::json!({"b": {"c": null, "e": 4}, "l": [9], "n": "x"}),
        );
        assert_eq!(
            doc,
            serde_json::json!({"a": 1, "b": {"d": 3, "e": 4}, "l": [9], "n": "x"})
        );
    }

    #[test]
    fn every_case_in_policies_tests_passes() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
        let set = PolicySet::load_dir(&dir).unwrap_or_else(|e| {
            panic!(
                "{}",
                e.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        match run_case_dir(&set, &dir.join("tests")) {
            Ok(n) => assert!(n >= 80, "only {n} cases"),
            Err(failures) => panic!(
                "{} failing case(s):\n{}",
                failures.len(),
                failures
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        }
    }

    #[test]
    fn a_wrong_expectation_is_reported_with_the_case_name() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
        let set = PolicySet::load_dir(&dir).expect("policies load");
        let file = br#"
nation: DE
now: 2026-10-01T08:00:00Z
base:
  priority: routine
  kind: single
  mode: road
  requester: {nation: NL, unit: Test, contact: Test}
  departure_at: 2026-12-02T06:00:00Z
  arrival_at: 2026-12-02T16:00:00Z
  itinerary:
    - {nation: DE, entry_point: A, exit_point: B, entry_at: 2026-12-02T06:00:00Z, exit_at: 2026-12-02T16:00:00Z}
  vehicles:
    - {label: Truck, category: wheeled, count: 1, gross_mass_kg: 18000, length_mm: 8000, width_mm: 2550,
       height_mm: 3400, mlc: 20, axles: [{load_kg: 7000, spacing_mm: 4500, driven: true}, {load_kg: 11000, driven: true}]}
cases:
  - name: expects a block that does not fire
    expect: {findings: [{rule: mlc.bridge, severity: block}], stages: [movcon]}
"#;
        let failures = run_case_file(&set, "t.yaml", file).unwrap_err();
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].case, "expects a block that does not fire");
        assert!(failures[0]
            .message
            .contains("missing findings [mlc.bridge Block]"));
    }
}
