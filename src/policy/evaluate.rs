//! Evaluation: a pure function of (movement, policy set, now) giving, per nation on the
//! itinerary, the findings of its rules and the stages its review needs.

mod bans;
mod dg;
mod weights;

use crate::i18n::msg;
use std::borrow::Cow;
use std::collections::BTreeSet;

use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::duration::{working_days_end, Notice};
use super::load::{Policy, PolicySet};
use super::schema::StageRequirement;
use super::tables::Threshold;
use crate::domain::{FieldError, Finding, Leg, Mode, Movement, Nation, Vehicle};

/// Findings and stages for every nation of a movement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// One per nation, in itinerary order, each nation once.
    pub nations: Vec<NationEvaluation>,
}

/// What one nation's policy says about a movement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationEvaluation {
    /// The nation.
    pub nation: Nation,
    /// SHA-256 of the policy file that gave these findings.
    pub policy_version: String,
    /// The policy file's edition.
    pub edition: String,
    /// Every rule that fired: blocks first, then by rule id and subject.
    pub findings: Vec<Finding>,
    /// The stages of this nation's review, in policy order: the `always` stages and the
    /// `on_finding` stages that a finding names.
    pub required_stages: Vec<String>,
}

impl NationEvaluation {}

impl Evaluation {
    /// The evaluation of one nation.
    pub fn nation(&self, nation: Nation) -> Option<&NationEvaluation> {
        self.nations.iter().find(|n| n.nation == nation)
    }
}

/// Applies every itinerary nation's policy to the movement. `now` is the submission time
/// (minimum notice); nothing else reads a clock. Refused when a nation has no policy.
pub fn evaluate(
    movement: &Movement,
    set: &PolicySet,
    now: DateTime<Utc>,
) -> Result<Evaluation, Vec<FieldError>> {
    let errors: Vec<FieldError> = movement
        .itinerary
        .iter()
        .enumerate()
        .filter(|(_, leg)| set.get(leg.nation).is_none())
        .map(|(i, leg)| {
            FieldError::new(
                format!("itinerary[{i}].nation"),
                msg!(
                    "problem-no-movement-policy",
                    nation = leg.nation.as_str(),
                    nations = set
                        .nations()
                        .iter()
                        .map(Nation::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    // What every nation reads the same way is read once: vehicle types, loads, list look-ups.
    let fleet = Fleet::of(movement);
    let loads = dg::loads(movement, set.dangerous_goods());
    let nations = movement
        .nations()
        .into_iter()
        .filter_map(|nation| set.get(nation).map(|p| (nation, p)))
        .map(|(nation, policy)| evaluate_nation(movement, &fleet, &loads, policy, set, nation, now))
        .collect();
    Ok(Evaluation { nations })
}

/// Most findings of one rule (with one stage and condition) a nation keeps apart; the rest are
/// folded into the last, so that a maximal movement's findings stay bounded.
pub const MAX_FINDINGS_PER_RULE: usize = 10;

/// A vehicle type of the movement: identical vehicles (label and count aside) evaluated once.
struct VehicleType<'a> {
    /// Index of the first such vehicle.
    index: usize,
    /// The first such vehicle, labelled for the group when there are more.
    vehicle: Cow<'a, Vehicle>,
    /// Every such vehicle (indices), when more than one.
    members: Vec<usize>,
}

/// The movement's vehicles grouped into types, once for every nation.
struct Fleet<'a> {
    types: Vec<VehicleType<'a>>,
}

/// Two vehicles that every rule reads alike: all but the label and the count (the count only
/// adds up to the convoy's size). Destructured so that a new field must be placed here.
fn same_type(a: &Vehicle, b: &Vehicle) -> bool {
    let Vehicle {
        label: _,
        count: _,
        category,
        gross_mass_kg,
        length_mm,
        width_mm,
        height_mm,
        mlc,
        mlc_wheeled,
        mlc_tracked,
        axles,
        permissible_mass_kg,
        configuration,
        towing_unit_axles,
        adr_vehicle_type,
    } = a;
    *category == b.category
        && *gross_mass_kg == b.gross_mass_kg
        && *length_mm == b.length_mm
        && *width_mm == b.width_mm
        && *height_mm == b.height_mm
        && *mlc == b.mlc
        && *mlc_wheeled == b.mlc_wheeled
        && *mlc_tracked == b.mlc_tracked
        && *axles == b.axles
        && *permissible_mass_kg == b.permissible_mass_kg
        && *configuration == b.configuration
        && *towing_unit_axles == b.towing_unit_axles
        && *adr_vehicle_type == b.adr_vehicle_type
}

/// Who a finding for a group names: the first member's label and how many more there are.
pub(super) fn group_label(first: &str, members: usize, alike: &str) -> String {
    let more = members - 1;
    let noun = if more == 1 { "vehicle" } else { "vehicles" };
    format!("{first} (and {more} more {noun} {alike})")
}

impl<'a> Fleet<'a> {
    fn of(movement: &'a Movement) -> Fleet<'a> {
        let mut types: Vec<VehicleType<'a>> = Vec::new();
        for (i, v) in movement.vehicles.iter().enumerate() {
            match types.iter_mut().find(|t| same_type(&t.vehicle, v)) {
                Some(t) => t.members.push(i),
                None => types.push(VehicleType {
                    index: i,
                    vehicle: Cow::Borrowed(v),
                    members: vec![i],
                }),
            }
        }
        for t in &mut types {
            if t.members.len() > 1 {
                let label = group_label(&t.vehicle.label, t.members.len(), "of this type");
                t.vehicle.to_mut().label = label;
            } else {
                t.members.clear();
            }
        }
        Fleet { types }
    }
}

/// One nation: only its own legs count for leg rules (bridges, tunnels, bans, notice).
fn evaluate_nation(
    movement: &Movement,
    fleet: &Fleet<'_>,
    loads: &dg::Loads<'_>,
    policy: &Policy,
    set: &PolicySet,
    nation: Nation,
    now: DateTime<Utc>,
) -> NationEvaluation {
    let file = &policy.file;
    let legs: Vec<(usize, &Leg)> = movement
        .itinerary
        .iter()
        .enumerate()
        .filter(|(_, leg)| leg.nation == nation)
        .collect();
    let road = movement.mode == Mode::Road;
    let mut out = Vec::new();
    if road {
        for t in &fleet.types {
            let start = out.len();
            weights::check_vehicle(t.index, &t.vehicle, &file.weights, &mut out);
            weights::check_mlc(t.index, &t.vehicle, &legs, &file.mlc, &mut out);
            for f in &mut out[start..] {
                f.vehicles.clone_from(&t.members);
            }
        }
        bans::check(movement, policy, &legs, &mut out);
        let count = movement.vehicle_count();
        over(
            &file.convoy.vehicles,
            u64::from(count),
            "vehicles",
            &mut out,
            |t| {
                format!(
                    "convoy of {count} vehicles, above the {} of {} vehicles",
                    t.name, t.above
                )
            },
        );
    }
    dg::check(loads, policy, set.adr_tables(), &legs, road, &mut out);
    check_notice(movement, policy, &legs, now, &mut out);

    // Natural subject keys are computed once per finding, not once per comparison.
    let mut keyed: Vec<(String, Finding)> = out
        .into_iter()
        .map(|f| (natural_key(&f.subject), f))
        .collect();
    keyed.sort_by(|(ka, a), (kb, b)| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| ka.cmp(kb))
            .then_with(|| a.message.cmp(&b.message))
    });
    let mut out: Vec<Finding> = keyed.into_iter().map(|(_, f)| f).collect();
    out.dedup();
    let out = fold(out, MAX_FINDINGS_PER_RULE);
    let named: BTreeSet<&str> = out.iter().filter_map(|f| f.stage.as_deref()).collect();
    let required_stages = file
        .stages
        .iter()
        .filter(|s| s.required == StageRequirement::Always || named.contains(s.key.as_str()))
        .map(|s| s.key.clone())
        .collect();
    NationEvaluation {
        nation,
        policy_version: policy.version.clone(),
        edition: file.edition.clone(),
        findings: out,
        required_stages,
    }
}

/// Keeps at most `keep` findings of one rule, severity, stage and condition (sorted, so each
/// such run is contiguous by rule and severity): the rest are folded into the last one kept,
/// which lists every vehicle and cargo line they concern and says how many it stands for.
fn fold(findings: Vec<Finding>, keep: usize) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len().min(64));
    // Index in `out` where the current run of one rule and severity starts.
    let mut run = 0;
    for f in findings {
        if out
            .get(run)
            .is_some_and(|r| r.rule != f.rule || r.severity != f.severity)
        {
            run = out.len();
        }
        let same: Vec<usize> = (run..out.len())
            .filter(|&j| out[j].stage == f.stage && out[j].condition == f.condition)
            .collect();
        if same.len() < keep {
            out.push(f);
            continue;
        }
        let last = &mut out[same[keep - 1]];
        if last.folded == 0 {
            // The first fold: the kept finding's own subject joins its lists.
            let (v, c) = indices_of(&last.subject);
            extend_unique(&mut last.vehicles, v.into_iter());
            extend_unique(&mut last.cargo, c.into_iter());
        }
        let (v, c) = indices_of(&f.subject);
        extend_unique(&mut last.vehicles, f.vehicles.iter().copied().chain(v));
        extend_unique(&mut last.cargo, f.cargo.iter().copied().chain(c));
        last.folded += 1 + f.folded;
    }
    for f in out.iter_mut().filter(|f| f.folded > 0) {
        f.message.push_str(&format!(
            " (and {} more findings of this rule like it, folded into this one)",
            f.folded
        ));
    }
    out
}

/// The vehicle or cargo line index a subject names (`vehicles[3].axles[1]`, `cargo[7]`).
fn indices_of(subject: &str) -> (Option<usize>, Option<usize>) {
    let index = |prefix: &str| {
        subject
            .strip_prefix(prefix)
            .and_then(|rest| rest.split(']').next())
            .and_then(|n| n.parse().ok())
    };
    (index("vehicles["), index("cargo["))
}

fn extend_unique(list: &mut Vec<usize>, more: impl Iterator<Item = usize>) {
    for i in more {
        if let Err(at) = list.binary_search(&i) {
            list.insert(at, i);
        }
    }
}

/// Minimum notice from `now` to the convoy's first entry into the nation: calendar time, or
/// whole working days of the nation (Regulation 1182/71: the day of submission does not count,
/// the period ends at the end of its last working day, so entry is in time from the next day's
/// start, local time).
fn check_notice(
    movement: &Movement,
    policy: &Policy,
    legs: &[(usize, &Leg)],
    now: DateTime<Utc>,
    out: &mut Vec<Finding>,
) {
    let rule = &policy.file.convoy.minimum_notice;
    let Some(&(j, first)) = legs.iter().min_by_key(|(_, leg)| leg.entry_at) else {
        return;
    };
    let notice = rule.notice.get(movement.priority);
    let earliest = match notice {
        Notice::Calendar(d) => now + d.to_chrono(),
        Notice::WorkingDays(n) => {
            let tz = policy.tz;
            let submitted = now.with_timezone(&tz).date_naive();
            match working_days_end(submitted, n, &policy.file.holidays)
                .and_then(|last| last.succ_opt())
            {
                Some(next) => bans::to_utc(tz, next.and_time(NaiveTime::MIN), false),
                None => DateTime::<Utc>::MAX_UTC,
            }
        }
    };
    if first.entry_at >= earliest {
        return;
    }
    let given = first.entry_at - now;
    let given_text = if given < chrono::Duration::zero() {
        format!("{} after the planned entry", human_duration(-given))
    } else {
        format!("{} before entry", human_duration(given))
    };
    let needed = match notice {
        Notice::Calendar(d) => human_duration(d.to_chrono()),
        Notice::WorkingDays(_) => format!(
            "{notice} (not counting the day of submission, weekends or its public holidays; entry from {} local time)",
            earliest.with_timezone(&policy.tz).format("%a %Y-%m-%d %H:%M")
        ),
    };
    out.push(Finding {
        rule: rule.rule.clone(),
        severity: rule.severity,
        message: format!(
            "notified {given_text} into {} ({} UTC); {} asks for {needed} notice for {} movements",
            policy.file.name,
            first.entry_at.format("%Y-%m-%d %H:%M"),
            policy.file.name,
            movement.priority
        ),
        subject: format!("itinerary[{j}].entry_at"),
        source: rule.source.clone(),
        stage: rule.stage.clone(),
        condition: rule.condition.clone(),
        vehicles: Vec::new(),
        cargo: Vec::new(),
        folded: 0,
    });
}

/// A finding for each threshold of `list` that `value` is strictly above.
fn over(
    list: &[Threshold],
    value: u64,
    subject: &str,
    out: &mut Vec<Finding>,
    message: impl Fn(&Threshold) -> String,
) {
    for t in list.iter().filter(|t| value > u64::from(t.above)) {
        out.push(Finding {
            rule: t.rule.clone(),
            severity: t.severity,
            message: message(t),
            subject: subject.to_string(),
            source: t.source.clone(),
            stage: t.stage.clone(),
            condition: t.condition.clone(),
            vehicles: Vec::new(),
            cargo: Vec::new(),
            folded: 0,
        });
    }
}

/// `12400` → `12 400`: figures as an officer reads them.
pub(crate) fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// `P1DT4H` style durations in words: `1 d 4 h`, `6 h`, `45 min`.
fn human_duration(d: chrono::Duration) -> String {
    let minutes = d.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} d"));
    }
    if hours > 0 {
        parts.push(format!("{hours} h"));
    }
    if mins > 0 || parts.is_empty() {
        parts.push(format!("{mins} min"));
    }
    parts.join(" ")
}

/// Sort key that orders `vehicles[2]` before `vehicles[10]`.
fn natural_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut digits = String::new();
    for c in s.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            // Left-padded to ten digits, without a formatter (this runs for every finding).
            out.extend(std::iter::repeat_n(
                '0',
                10usize.saturating_sub(digits.len()),
            ));
            out.push_str(&digits);
            digits.clear();
        }
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1 000");
        assert_eq!(grouped(12_400), "12 400");
        assert_eq!(grouped(1_234_567), "1 234 567");
    }

    #[test]
    fn durations_read_in_words() {
        assert_eq!(human_duration(chrono::Duration::hours(28)), "1 d 4 h");
        assert_eq!(human_duration(chrono::Duration::minutes(45)), "45 min");
        assert_eq!(human_duration(chrono::Duration::zero()), "0 min");
    }

    #[test]
    fn subjects_sort_naturally() {
        assert!(natural_key("vehicles[2]") < natural_key("vehicles[10]"));
        assert!(natural_key("cargo[1]") < natural_key("vehicles[0]"));
    }
}
