//! Whether a single movement lies inside a standing authorisation of one nation, and if not,
//! why: pure functions of (authorisation, movement, that nation's findings, now), and the index
//! that finds the few authorisations worth judging without looking at all of them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::envelope::{type_key, Envelope, Holders, StandingStatus};
use crate::domain::{Finding, Movement, Nation, Severity};
use crate::policy::PolicyFile;

/// A standing authorisation as the matcher sees it: its envelope and where it stands now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorisation {
    /// Its id.
    pub id: String,
    /// Active, suspended, revoked, expired or lapsed.
    pub status: StandingStatus,
    /// The requesting unit, or widened to the requesting nation's units.
    pub holders: Holders,
    /// When its status last changed (revocation, suspension), for the reason a planner reads.
    pub status_at: Option<DateTime<Utc>>,
    /// What was approved.
    pub envelope: Envelope,
}

/// The key the index files an authorisation under and a movement is looked up by: the
/// approving nation, the holder (a unit, or `*` for every unit of the nation) and one
/// vehicle type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IndexKey {
    /// The approving nation.
    pub nation: String,
    /// The requesting nation.
    pub holder_nation: String,
    /// The requesting unit, or `*`.
    pub holder_unit: String,
    /// A vehicle type (`type_key`).
    pub vehicle_type: String,
}

/// The holder-unit key that stands for every unit of the nation.
pub const ANY_UNIT: &str = "*";

/// The keys an authorisation is filed under: one per approved vehicle type.
pub fn keys_of(a: &Authorisation) -> Vec<IndexKey> {
    let e = &a.envelope;
    let unit = match a.holders {
        Holders::Unit => e.holder_unit.trim().to_string(),
        Holders::Nation => ANY_UNIT.to_string(),
    };
    let mut keys: Vec<IndexKey> = e
        .vehicle_types
        .iter()
        .map(|t| IndexKey {
            nation: e.nation.to_string(),
            holder_nation: e.holder_nation.to_string(),
            holder_unit: unit.clone(),
            vehicle_type: type_key(t.category, &t.label),
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The keys to look a movement up by at `nation`: its own unit and any unit, each with the
/// movement's first vehicle type. An authorisation that fits must cover that type, so it is
/// filed under one of these; the ones found are then judged in full.
pub fn probe_keys(m: &Movement, nation: Nation) -> Vec<IndexKey> {
    let Some(first) = m.vehicles.first() else {
        return Vec::new();
    };
    let vehicle_type = type_key(first.category, &first.label);
    [m.requester.unit.trim(), ANY_UNIT]
        .into_iter()
        .map(|unit| IndexKey {
            nation: nation.to_string(),
            holder_nation: m.requester.nation.to_string(),
            holder_unit: unit.to_string(),
            vehicle_type: vehicle_type.clone(),
        })
        .collect()
}

/// An in-memory index of authorisations by `IndexKey` (the store keeps the same keys in a
/// table with an index, so a lookup costs the same with 10 or 1 000 authorisations).
#[derive(Debug, Default)]
pub struct Index {
    items: Vec<Authorisation>,
    by_key: HashMap<IndexKey, Vec<usize>>,
}

impl Index {
    /// Files every authorisation under its keys.
    pub fn new(items: Vec<Authorisation>) -> Index {
        let mut by_key: HashMap<IndexKey, Vec<usize>> = HashMap::new();
        for (i, a) in items.iter().enumerate() {
            for k in keys_of(a) {
                by_key.entry(k).or_default().push(i);
            }
        }
        Index { items, by_key }
    }

    /// The authorisations worth judging for `m` at `nation`, each once.
    pub fn candidates(&self, m: &Movement, nation: Nation) -> Vec<&Authorisation> {
        let mut seen = BTreeSet::new();
        probe_keys(m, nation)
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .filter(|&&i| seen.insert(i))
            .map(|&i| &self.items[i])
            .collect()
    }
}

/// The rules of `policy` whose findings depend on the date of the movement (driving bans on
/// weekdays and holidays, minimum notice): never covered by a standing authorisation.
pub fn date_rules(policy: &PolicyFile) -> BTreeSet<String> {
    policy
        .driving_bans
        .iter()
        .map(|b| b.rule.clone())
        .chain(std::iter::once(policy.convoy.minimum_notice.rule.clone()))
        .collect()
}

/// Why a movement is not inside one authorisation: the first thing that fell outside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Misfit {
    /// The authorisation.
    pub standing_id: String,
    /// Its permit number.
    pub permit_number: String,
    /// Where in the movement (`vehicles[0].gross_mass_kg`, `cargo`, `itinerary[1]`, a rule).
    pub subject: String,
    /// What fell outside, for a planner and an officer.
    pub reason: String,
}

/// A movement inside an authorisation: what the nation's clearance carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fit {
    /// The authorisation.
    pub standing_id: String,
    /// Its permit number.
    pub permit_number: String,
    /// Conditions: the approval's and the movement's own `condition` findings.
    pub conditions: Vec<String>,
    /// The findings above `info` the approval covered.
    pub covered: Vec<String>,
}

/// What the matcher says for one nation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Verdict {
    /// Inside this authorisation: cleared at once.
    Used(Fit),
    /// No authorisation applied, and why.
    NotApplied {
        /// Why, in words.
        reason: String,
        /// The authorisation that came closest, where one was judged.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        closest: Option<Misfit>,
    },
}

/// Judges `m` against one authorisation at `now`: the fit, or the first thing outside it.
/// `findings` are the nation's findings for `m`; `date_rules` those never covered.
pub fn judge(
    a: &Authorisation,
    m: &Movement,
    findings: &[Finding],
    date_rules: &BTreeSet<String>,
    now: DateTime<Utc>,
) -> Result<Fit, Misfit> {
    let e = &a.envelope;
    let out = |subject: &str, reason: String| Misfit {
        standing_id: a.id.clone(),
        permit_number: e.permit_number.clone(),
        subject: subject.to_string(),
        reason: format!("{reason} (standing authorisation {})", e.permit_number),
    };
    let since = a
        .status_at
        .map(|t| format!(" since {}", t.format("%Y-%m-%d %H:%M UTC")))
        .unwrap_or_default();
    match a.status {
        StandingStatus::Active => {}
        StandingStatus::Revoked => return Err(out("standing", format!("revoked{since}"))),
        StandingStatus::Suspended => return Err(out("standing", format!("suspended{since}"))),
        StandingStatus::Expired => return Err(out("standing", "expired".into())),
        StandingStatus::Lapsed => {
            return Err(out(
                "standing",
                "lapsed: the standing notification was amended or withdrawn".into(),
            ))
        }
    }
    if m.requester.nation != e.holder_nation
        || (a.holders == Holders::Unit && m.requester.unit.trim() != e.holder_unit.trim())
    {
        return Err(out(
            "requester",
            format!(
                "held by {} {}, not by {} {}",
                e.holder_nation, e.holder_unit, m.requester.nation, m.requester.unit
            ),
        ));
    }
    if m.departure_at < e.valid_from || m.arrival_at > e.valid_until || now > e.valid_until {
        return Err(out(
            "departure_at",
            format!(
                "the movement {} – {} is outside the validity window {} – {}",
                m.departure_at.format("%Y-%m-%d %H:%M"),
                m.arrival_at.format("%Y-%m-%d %H:%M"),
                e.valid_from.format("%Y-%m-%d %H:%M"),
                e.valid_until.format("%Y-%m-%d %H:%M")
            ),
        ));
    }
    if !e.priorities.contains(&m.priority) {
        return Err(out(
            "priority",
            format!("priority {} is not covered", m.priority),
        ));
    }
    for (i, leg) in m.itinerary.iter().enumerate() {
        if leg.nation != e.nation {
            continue;
        }
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        let Some(p) = e.passages.iter().find(|p| {
            same(&p.entry_point, &leg.entry_point) && same(&p.exit_point, &leg.exit_point)
        }) else {
            return Err(out(
                &format!("itinerary[{i}]"),
                format!(
                    "{} → {} is not an approved passage ({})",
                    leg.entry_point,
                    leg.exit_point,
                    e.passages
                        .iter()
                        .map(|p| format!("{} → {}", p.entry_point, p.exit_point))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        };
        if let Some(allowed) = &p.regions {
            let outside: Vec<String> = match &leg.regions {
                None => vec!["every region (none given)".into()],
                Some(rs) => rs
                    .iter()
                    .filter(|r| !allowed.contains(r))
                    .map(|r| r.to_string())
                    .collect(),
            };
            if !outside.is_empty() {
                return Err(out(
                    &format!("itinerary[{i}].regions"),
                    format!("{} outside the approved regions", outside.join(", ")),
                ));
            }
        }
    }
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for (i, v) in m.vehicles.iter().enumerate() {
        let key = type_key(v.category, &v.label);
        let Some(t) = e
            .vehicle_types
            .iter()
            .find(|t| type_key(t.category, &t.label) == key)
        else {
            return Err(out(
                &format!("vehicles[{i}]"),
                format!("vehicle type `{}` is not approved", v.label.trim()),
            ));
        };
        let max_axle = v.axles.iter().map(|a| a.load_kg).max().unwrap_or(0);
        let limits: [(&str, u64, u64, &str); 6] = [
            (
                "gross_mass_kg",
                v.gross_mass_kg.into(),
                t.gross_mass_kg.into(),
                "kg gross mass",
            ),
            (
                "axles",
                max_axle.into(),
                t.max_axle_kg.into(),
                "kg on its heaviest axle",
            ),
            (
                "length_mm",
                v.length_mm.into(),
                t.length_mm.into(),
                "mm long",
            ),
            ("width_mm", v.width_mm.into(), t.width_mm.into(), "mm wide"),
            (
                "height_mm",
                v.height_mm.into(),
                t.height_mm.into(),
                "mm high",
            ),
            ("mlc", v.mlc.into(), t.mlc.into(), "MLC"),
        ];
        for (field, is, approved, what) in limits {
            if is > approved {
                return Err(out(
                    &format!("vehicles[{i}].{field}"),
                    format!(
                        "{}: {} {what}, above the approved {} (by {})",
                        v.label.trim(),
                        grouped(is),
                        grouped(approved),
                        grouped(is - approved)
                    ),
                ));
            }
        }
        let n = counts.entry(key).or_default();
        *n += v.count;
        if *n > t.count {
            return Err(out(
                &format!("vehicles[{i}].count"),
                format!(
                    "{} vehicles of type `{}`, above the approved {}",
                    n,
                    v.label.trim(),
                    t.count
                ),
            ));
        }
    }
    let mut goods: BTreeMap<&str, u64> = BTreeMap::new();
    for (i, c) in m.cargo.iter().enumerate() {
        let Some(un) = &c.un_number else { continue };
        let Some(g) = e.goods.iter().find(|g| g.un_number == un.as_str()) else {
            return Err(out(
                &format!("cargo[{i}].un_number"),
                format!("{un} is not among the approved dangerous goods"),
            ));
        };
        let q = goods.entry(g.un_number.as_str()).or_default();
        *q += u64::from(c.quantity_kg);
        if *q > g.quantity_kg {
            return Err(out(
                &format!("cargo[{i}].quantity_kg"),
                format!(
                    "{} kg of {un}, above the approved {} kg",
                    grouped(*q),
                    grouped(g.quantity_kg)
                ),
            ));
        }
    }
    // A date finding is never covered, not even a `condition`: a ban's military exemption
    // (DE StVO § 35(5): "urgent military requirement") is for someone to confirm on the day,
    // and a routine movement under a standing authorisation is by definition not urgent.
    if let Some(f) = findings
        .iter()
        .find(|f| f.severity >= Severity::Condition && date_rules.contains(&f.rule))
    {
        return Err(out(
            &f.subject,
            format!(
                "`{}` depends on this movement's date and is reviewed for each movement: {}",
                f.rule, f.message
            ),
        ));
    }
    let mut covered = Vec::new();
    for f in findings.iter().filter(|f| f.severity >= Severity::Review) {
        if date_rules.contains(&f.rule) {
            return Err(out(
                &f.subject,
                format!(
                    "`{}` depends on this movement's date and is reviewed for each movement: {}",
                    f.rule, f.message
                ),
            ));
        }
        if !e.covered_rules.contains(&f.rule) {
            return Err(out(
                &f.subject,
                format!("`{}` was not part of the approval: {}", f.rule, f.message),
            ));
        }
        covered.push(f.rule.clone());
    }
    let mut conditions = e.conditions.clone();
    for f in findings
        .iter()
        .filter(|f| f.severity == Severity::Condition)
    {
        if let Some(c) = &f.condition {
            if !conditions.contains(c) {
                conditions.push(c.clone());
            }
        }
    }
    covered.sort();
    covered.dedup();
    Ok(Fit {
        standing_id: a.id.clone(),
        permit_number: e.permit_number.clone(),
        conditions,
        covered,
    })
}

/// Chooses among the `candidates` the index found for `m` at a nation: the first that fits
/// (active ones first, then the one approved last), or why none did, naming the closest.
pub fn choose(
    candidates: &[&Authorisation],
    m: &Movement,
    findings: &[Finding],
    date_rules: &BTreeSet<String>,
    now: DateTime<Utc>,
) -> Verdict {
    let mut ordered: Vec<&&Authorisation> = candidates.iter().collect();
    // Active before the rest, so the reason a planner reads is about one they could still use.
    ordered.sort_by_key(|a| (a.status != StandingStatus::Active, a.envelope.valid_until));
    let mut closest: Option<Misfit> = None;
    for a in ordered {
        match judge(a, m, findings, date_rules, now) {
            Ok(fit) => return Verdict::Used(fit),
            Err(misfit) => {
                if closest.is_none() {
                    closest = Some(misfit);
                }
            }
        }
    }
    match closest {
        Some(c) => Verdict::NotApplied {
            reason: c.reason.clone(),
            closest: Some(c),
        },
        None => Verdict::NotApplied {
            reason: format!(
                "no standing authorisation held by {} {} covers vehicle type `{}`",
                m.requester.nation,
                m.requester.unit,
                m.vehicles.first().map(|v| v.label.trim()).unwrap_or("")
            ),
            closest: None,
        },
    }
}

/// `12400` → `12 400`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{MovementInput, Priority};
    use crate::standing::envelope::{envelope, Approval};
    use crate::standing::sample::movement_json;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap()
    }

    fn approved(id: &str, findings: &[Finding]) -> Authorisation {
        let mut v = movement_json();
        v["kind"] = "standing".into();
        v["validity"] =
            serde_json::json!({"from": "2026-11-30T00:00:00Z", "until": "2027-11-30T00:00:00Z"});
        let m: MovementInput = serde_json::from_value(v).unwrap();
        let e = envelope(
            &m,
            &Approval {
                nation: Nation::parse("DE").unwrap(),
                permit_number: "DE-2026-000007",
                findings,
                waived: &[],
                conditions: &["Escort from the border".to_string()],
            },
        )
        .unwrap();
        Authorisation {
            id: id.into(),
            status: StandingStatus::Active,
            holders: Holders::Unit,
            status_at: None,
            envelope: e,
        }
    }

    fn single(edit: impl FnOnce(&mut serde_json::Value)) -> Movement {
        let mut v = movement_json();
        edit(&mut v);
        Movement::parse(serde_json::from_value(v).unwrap()).unwrap()
    }

    fn de() -> Nation {
        Nation::parse("DE").unwrap()
    }

    fn verdict(a: &Authorisation, m: &Movement, findings: &[Finding]) -> Result<Fit, Misfit> {
        judge(a, m, findings, &["ban.sunday".to_string()].into(), now())
    }

    fn finding(rule: &str, severity: Severity) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            message: format!("{rule} fired"),
            subject: "itinerary[1]".into(),
            source: "s".into(),
            stage: None,
            condition: (severity == Severity::Condition).then(|| format!("{rule} condition")),
            vehicles: Vec::new(),
            cargo: Vec::new(),
            folded: 0,
        }
    }

    #[test]
    fn the_same_movement_fits_and_carries_the_conditions() {
        let a = approved("a", &[finding("dg.load", Severity::Review)]);
        let fit = verdict(
            &a,
            &single(|_| {}),
            &[
                finding("dg.load", Severity::Review),
                finding("convoy.formation", Severity::Condition),
            ],
        )
        .unwrap();
        assert_eq!(fit.permit_number, "DE-2026-000007");
        assert_eq!(fit.covered, ["dg.load"]);
        assert_eq!(
            fit.conditions,
            ["Escort from the border", "convoy.formation condition"]
        );
    }

    #[test]
    fn a_smaller_movement_fits() {
        let a = approved("a", &[]);
        let m = single(|v| {
            v["vehicles"][0]["count"] = 4.into();
            v["vehicles"][0]["gross_mass_kg"] = 17_500.into();
            v["vehicles"][0]["axles"][1]["load_kg"] = 10_500.into();
            v["cargo"][0]["quantity_kg"] = 400.into();
            v["cargo"][0]["net_explosive_mass_kg"] = 20.into();
        });
        assert!(verdict(&a, &m, &[]).is_ok());
    }

    #[test]
    fn five_hundred_kg_heavier_names_the_gross_mass() {
        let a = approved("a", &[]);
        let m = single(|v| {
            v["vehicles"][0]["gross_mass_kg"] = 18_500.into();
            v["vehicles"][0]["axles"][0]["load_kg"] = 7_500.into();
        });
        let why = verdict(&a, &m, &[]).unwrap_err();
        assert_eq!(why.subject, "vehicles[0].gross_mass_kg");
        assert!(
            why.reason
                .contains("18 500 kg gross mass, above the approved 18 000 (by 500)"),
            "{}",
            why.reason
        );
        assert!(why.reason.contains("DE-2026-000007"));
    }

    #[test]
    fn each_dimension_and_the_mlc_and_the_count_are_limits() {
        let a = approved("a", &[]);
        for (field, value) in [
            ("width_mm", 2600),
            ("height_mm", 3500),
            ("length_mm", 8100),
            ("mlc", 21),
            ("count", 11),
        ] {
            let m = single(|v| v["vehicles"][0][field] = value.into());
            let why = verdict(&a, &m, &[]).unwrap_err();
            assert_eq!(why.subject, format!("vehicles[0].{field}"), "{field}");
        }
        let m = single(|v| {
            v["vehicles"][0]["axles"][0]["load_kg"] = 6_000.into();
            v["vehicles"][0]["axles"][1]["load_kg"] = 12_000.into();
        });
        assert_eq!(
            verdict(&a, &m, &[]).unwrap_err().subject,
            "vehicles[0].axles"
        );
    }

    #[test]
    fn another_vehicle_type_is_outside() {
        let a = approved("a", &[]);
        let m = single(|v| v["vehicles"][0]["label"] = "MAN HX 8x8".into());
        let why = verdict(&a, &m, &[]).unwrap_err();
        assert!(
            why.reason.contains("`MAN HX 8x8` is not approved"),
            "{}",
            why.reason
        );
    }

    #[test]
    fn one_un_number_not_in_it_and_a_quantity_above_it() {
        let a = approved("a", &[]);
        let m = single(|v| {
            v["cargo"].as_array_mut().unwrap().push(serde_json::json!(
                {"description": "Diesel", "un_number": "1202", "quantity_kg": 100, "vehicle": 0}
            ))
        });
        let why = verdict(&a, &m, &[]).unwrap_err();
        assert_eq!(why.subject, "cargo[1].un_number");
        assert!(
            why.reason.contains("UN 1202 is not among"),
            "{}",
            why.reason
        );
        let m = single(|v| v["cargo"][0]["quantity_kg"] = 801.into());
        let why = verdict(&a, &m, &[]).unwrap_err();
        assert_eq!(why.subject, "cargo[0].quantity_kg");
        assert!(why
            .reason
            .contains("801 kg of UN 0012, above the approved 800 kg"));
    }

    #[test]
    fn a_priority_not_covered() {
        let a = approved("a", &[]);
        let m = single(|v| v["priority"] = "routine".into());
        assert_eq!(verdict(&a, &m, &[]).unwrap_err().subject, "priority");
    }

    #[test]
    fn a_route_point_or_region_outside() {
        let a = approved("a", &[]);
        let m = single(|v| v["itinerary"][1]["exit_point"] = "Görlitz".into());
        let why = verdict(&a, &m, &[]).unwrap_err();
        assert_eq!(why.subject, "itinerary[1]");
        assert!(why
            .reason
            .contains("Bad Bentheim → Görlitz is not an approved passage"));
        // Case and spacing of a point do not matter; legs of other nations are not this one's.
        let m = single(|v| {
            v["itinerary"][1]["entry_point"] = " bad bentheim".into();
            v["itinerary"][2]["exit_point"] = "Terespol".into();
        });
        assert!(verdict(&a, &m, &[]).is_ok());
        let mut b = approved("b", &[]);
        b.envelope.passages[0].regions = Some(vec![crate::domain::Region::parse("DE-NI").unwrap()]);
        assert_eq!(
            verdict(&b, &single(|_| {}), &[]).unwrap_err().subject,
            "itinerary[1].regions"
        );
        let m = single(|v| v["itinerary"][1]["regions"] = serde_json::json!(["DE-NI", "DE-BB"]));
        assert!(verdict(&b, &m, &[])
            .unwrap_err()
            .reason
            .contains("DE-BB outside"));
        let m = single(|v| v["itinerary"][1]["regions"] = serde_json::json!(["DE-NI"]));
        assert!(verdict(&b, &m, &[]).is_ok());
    }

    #[test]
    fn the_window_expired_or_not_begun() {
        let a = approved("a", &[]);
        let late = single(|v| {
            crate::standing::sample::shift(v, chrono::Duration::days(365));
        });
        assert_eq!(verdict(&a, &late, &[]).unwrap_err().subject, "departure_at");
        let early = single(|v| crate::standing::sample::shift(v, chrono::Duration::days(-2)));
        assert_eq!(
            verdict(&a, &early, &[]).unwrap_err().subject,
            "departure_at"
        );
        // A movement inside the window submitted after it ended: the authorisation is over.
        let m = single(|_| {});
        let after = Utc.with_ymd_and_hms(2027, 12, 1, 0, 0, 0).unwrap();
        assert!(judge(&a, &m, &[], &BTreeSet::new(), after).is_err());
    }

    #[test]
    fn revoked_suspended_expired_and_lapsed_never_fit() {
        for (status, word) in [
            (
                StandingStatus::Revoked,
                "revoked since 2026-12-01 00:00 UTC",
            ),
            (StandingStatus::Suspended, "suspended"),
            (StandingStatus::Expired, "expired"),
            (StandingStatus::Lapsed, "lapsed"),
        ] {
            let mut a = approved("a", &[]);
            a.status = status;
            a.status_at = Some(now());
            let why = verdict(&a, &single(|_| {}), &[]).unwrap_err();
            assert!(why.reason.starts_with(word), "{status:?}: {}", why.reason);
        }
    }

    #[test]
    fn another_unit_only_when_widened_to_the_nation() {
        let mut a = approved("a", &[]);
        let m = single(|v| v["requester"]["unit"] = "11 Airmobile Brigade".into());
        assert_eq!(verdict(&a, &m, &[]).unwrap_err().subject, "requester");
        a.holders = Holders::Nation;
        assert!(verdict(&a, &m, &[]).is_ok());
        let m = single(|v| v["requester"]["nation"] = "BE".into());
        assert_eq!(verdict(&a, &m, &[]).unwrap_err().subject, "requester");
    }

    #[test]
    fn a_date_finding_or_an_uncovered_review_sends_to_review() {
        let a = approved("a", &[finding("dg.load", Severity::Review)]);
        let m = single(|_| {});
        let why = verdict(&a, &m, &[finding("ban.sunday", Severity::Block)]).unwrap_err();
        assert!(
            why.reason
                .contains("`ban.sunday` depends on this movement's date"),
            "{}",
            why.reason
        );
        // Even as a condition (a ban's military exemption): someone confirms it on the day.
        let why = verdict(&a, &m, &[finding("ban.sunday", Severity::Condition)]).unwrap_err();
        assert!(
            why.reason.contains("`ban.sunday` depends"),
            "{}",
            why.reason
        );
        let why = verdict(&a, &m, &[finding("axle.single", Severity::Review)]).unwrap_err();
        assert!(why
            .reason
            .contains("`axle.single` was not part of the approval"));
        // Info findings need no approval.
        assert!(verdict(&a, &m, &[finding("convoy.notification", Severity::Info)]).is_ok());
    }

    #[test]
    fn choose_prefers_a_fitting_active_one_and_names_the_closest_otherwise() {
        let mut revoked = approved("old", &[]);
        revoked.status = StandingStatus::Revoked;
        let active = approved("new", &[]);
        let m = single(|_| {});
        let rules = BTreeSet::new();
        match choose(&[&revoked, &active], &m, &[], &rules, now()) {
            Verdict::Used(fit) => assert_eq!(fit.standing_id, "new"),
            other => panic!("{other:?}"),
        }
        match choose(&[&revoked], &m, &[], &rules, now()) {
            Verdict::NotApplied { reason, closest } => {
                assert!(reason.starts_with("revoked"));
                assert_eq!(closest.unwrap().standing_id, "old");
            }
            other => panic!("{other:?}"),
        }
        match choose(&[], &m, &[], &rules, now()) {
            Verdict::NotApplied {
                reason,
                closest: None,
            } => {
                assert!(
                    reason.contains("covers vehicle type `DAF YAM 4x4`"),
                    "{reason}"
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_index_finds_by_holder_and_first_vehicle_type_only() {
        let mut items = Vec::new();
        for i in 0..50 {
            let mut a = approved(&format!("u{i}"), &[]);
            a.envelope.holder_unit = format!("unit {i}");
            items.push(a);
        }
        let mut wide = approved("wide", &[]);
        wide.envelope.holder_unit = "someone else".into();
        wide.holders = Holders::Nation;
        items.push(wide);
        items.push(approved("mine", &[]));
        let index = Index::new(items);
        let m = single(|_| {});
        let mut ids: Vec<&str> = index
            .candidates(&m, de())
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        ids.sort();
        assert_eq!(ids, ["mine", "wide"]);
        let other = single(|v| v["vehicles"][0]["label"] = "MAN HX".into());
        assert!(index.candidates(&other, de()).is_empty());
        assert!(index
            .candidates(&m, Nation::parse("PL").unwrap())
            .is_empty());
        assert_eq!(Priority::Crisis, m.priority);
    }
}
