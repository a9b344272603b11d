//! Checks a parsed policy file beyond its types: references to sources and stages, the
//! consistency of each rule's consequence, and ordered, non-overlapping tables.

use std::collections::BTreeSet;

use super::schema::PolicyFile;
use super::tables::{Exemption, GrossRow, SpacingBand, Threshold};
use crate::domain::{Configuration, Severity};

/// Every problem as (field path, message); empty when the file is sound.
pub(crate) fn validate(file: &PolicyFile) -> Vec<(String, String)> {
    let mut v = Validator {
        sources: file.sources.iter().map(|s| s.id.as_str()).collect(),
        stages: file.stages.iter().map(|s| s.key.as_str()).collect(),
        errors: Vec::new(),
    };
    v.workflow(file);
    v.weights(file);
    v.rules(file);
    v.errors
}

struct Validator<'a> {
    sources: BTreeSet<&'a str>,
    stages: BTreeSet<&'a str>,
    errors: Vec<(String, String)>,
}

/// One rule's citation and consequence, borrowed from whichever table it sits in.
struct Consequence<'a> {
    rule: &'a str,
    source: &'a str,
    severity: Severity,
    stage: Option<&'a str>,
    condition: Option<&'a str>,
}

impl<'a> Validator<'a> {
    fn error(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push((field.into(), message.into()));
    }

    fn source(&mut self, field: String, id: &str) {
        if !self.sources.contains(id) {
            self.error(
                field,
                format!("cites `{id}`, which is not among `sources[].id`"),
            );
        }
    }

    fn stage(&mut self, field: String, key: &str) {
        if !self.stages.contains(key) {
            self.error(
                field,
                format!("names stage `{key}`, which is not in `stages`"),
            );
        }
    }

    fn consequence(&mut self, at: &str, c: Consequence<'_>) {
        if c.rule.trim().is_empty() {
            self.error(format!("{at}.rule"), "a rule needs a stable id");
        }
        self.source(format!("{at}.source"), c.source);
        if let Some(stage) = c.stage {
            self.stage(format!("{at}.stage"), stage);
        }
        match (c.severity, c.stage, c.condition) {
            (Severity::Review, None, _) => self.error(
                format!("{at}.stage"),
                "a `review` rule must name the stage it adds",
            ),
            (Severity::Condition, _, None) => self.error(
                format!("{at}.condition"),
                "a `condition` rule must give the condition text",
            ),
            (Severity::Condition, _, Some(text)) if text.trim().is_empty() => self.error(
                format!("{at}.condition"),
                "a `condition` rule must give the condition text",
            ),
            (s, _, Some(_)) if s != Severity::Condition => self.error(
                format!("{at}.condition"),
                "condition text belongs to `condition` rules only",
            ),
            _ => {}
        }
    }

    fn threshold(&mut self, at: &str, t: &Threshold) {
        self.consequence(
            at,
            Consequence {
                rule: &t.rule,
                source: &t.source,
                severity: t.severity,
                stage: t.stage.as_deref(),
                condition: t.condition.as_deref(),
            },
        );
        if t.name.trim().is_empty() {
            self.error(format!("{at}.name"), "give the limit a name for messages");
        }
    }

    /// A table on one measure: each threshold sound, strictly ascending.
    fn thresholds(&mut self, at: &str, list: &[Threshold]) {
        for (i, t) in list.iter().enumerate() {
            self.threshold(&format!("{at}[{i}]"), t);
            if i > 0 && t.above <= list[i - 1].above {
                self.error(
                    format!("{at}[{i}].above"),
                    format!(
                        "{} is not above the previous threshold {}; order the table lowest first, without repeats",
                        t.above,
                        list[i - 1].above
                    ),
                );
            }
        }
    }

    fn workflow(&mut self, f: &'a PolicyFile) {
        if f.edition.trim().is_empty() {
            self.error("edition", "must not be empty");
        }
        let mut seen = BTreeSet::new();
        for (i, s) in f.sources.iter().enumerate() {
            if s.id.trim().is_empty() {
                self.error(format!("sources[{i}].id"), "must not be empty");
            }
            if !seen.insert(s.id.as_str()) {
                self.error(
                    format!("sources[{i}].id"),
                    format!("duplicate source id `{}`", s.id),
                );
            }
        }
        if f.stages.is_empty() {
            self.error("stages", "a policy needs at least one stage");
        }
        let mut seen = BTreeSet::new();
        for (i, s) in f.stages.iter().enumerate() {
            if s.key.trim().is_empty() {
                self.error(format!("stages[{i}].key"), "must not be empty");
            }
            if !seen.insert(s.key.as_str()) {
                self.error(
                    format!("stages[{i}].key"),
                    format!("duplicate stage key `{}`", s.key),
                );
            }
        }
        let wh = &f.working_hours;
        if wh.end <= wh.start {
            self.error(
                "working_hours.end",
                format!(
                    "{} is not after start {}",
                    wh.end.format("%H:%M"),
                    wh.start.format("%H:%M")
                ),
            );
        }
        if wh.days.is_empty() {
            self.error("working_hours.days", "name at least one working day");
        }
        for (i, h) in f.holidays.iter().enumerate() {
            if i > 0 && h.date <= f.holidays[i - 1].date {
                self.error(
                    format!("holidays[{i}].date"),
                    format!("{} is not after the previous holiday; list holidays in date order, once each", h.date),
                );
            }
        }
        for (i, b) in f.ban_days.iter().enumerate() {
            if i > 0 && b.date <= f.ban_days[i - 1].date {
                self.error(
                    format!("ban_days[{i}].date"),
                    format!("{} is not after the previous ban day; list ban days in date order, once each", b.date),
                );
            }
            for (k, r) in b.regions.iter().enumerate() {
                if !r.is_in(f.nation) {
                    self.error(
                        format!("ban_days[{i}].regions[{k}]"),
                        format!("{r} is not a region of {}", f.nation),
                    );
                }
            }
        }
        let esc = &f.escalation;
        if !(1..=99).contains(&esc.officers_at_percent) {
            self.error("escalation.officers_at_percent", "must be between 1 and 99");
        }
        self.source("escalation.source".into(), &esc.source);
        let dc = &f.deemed_consent;
        match (&dc.source, dc.priorities.is_empty()) {
            (Some(id), _) => self.source("deemed_consent.source".into(), id),
            (None, false) => self.error(
                "deemed_consent.source",
                "silence as consent needs the source that allows it",
            ),
            (None, true) => {}
        }
        for (i, key) in f.auto_clear.stages.iter().enumerate() {
            self.stage(format!("auto_clear.stages[{i}]"), key);
        }
        match (&f.standing.source, f.standing.priorities.is_empty()) {
            (Some(id), _) => self.source("standing.source".into(), id),
            (None, false) => self.error(
                "standing.source",
                "honouring standing authorisations needs the source that provides them",
            ),
            (None, true) => {}
        }
    }

    fn bands(&mut self, at: &str, bands: &[SpacingBand], group_below_mm: u32) {
        if bands.is_empty() {
            self.error(at, "give at least one spacing band");
            return;
        }
        let mut expected_from = 0;
        for (i, b) in bands.iter().enumerate() {
            let here = format!("{at}[{i}]");
            if b.from_mm != expected_from {
                let what = if b.from_mm < expected_from {
                    "overlaps"
                } else {
                    "leaves a gap after"
                };
                self.error(
                    format!("{here}.from_mm"),
                    format!(
                        "{} {what} the band before; bands run from 0 in order, each starting where the last ends ({expected_from})",
                        b.from_mm
                    ),
                );
            }
            if b.below_mm <= b.from_mm {
                self.error(format!("{here}.below_mm"), "must be above from_mm");
            }
            self.thresholds(&format!("{here}.limits_kg"), &b.limits_kg);
            expected_from = b.below_mm;
        }
        if expected_from != group_below_mm {
            self.error(
                format!("{at}[{}].below_mm", bands.len() - 1),
                format!(
                    "the last band ends at {expected_from} but axle groups end at group_below_mm {group_below_mm}"
                ),
            );
        }
    }

    fn weights(&mut self, f: &PolicyFile) {
        let w = &f.weights;
        self.thresholds("weights.single_axle_kg", &w.single_axle_kg);
        self.thresholds("weights.driven_axle_kg", &w.driven_axle_kg);
        let g = &w.axle_groups;
        if g.group_below_mm == 0 {
            self.error("weights.axle_groups.group_below_mm", "must be above 0");
        }
        self.bands("weights.axle_groups.tandem", &g.tandem, g.group_below_mm);
        self.bands("weights.axle_groups.tridem", &g.tridem, g.group_below_mm);
        self.thresholds("weights.axle_groups.axles_in_group", &g.axles_in_group);
        if !g.trailer_tandem.is_empty() {
            self.bands(
                "weights.axle_groups.trailer_tandem",
                &g.trailer_tandem,
                g.group_below_mm,
            );
        }
        self.gross_rows(&w.gross_kg);
        self.thresholds("weights.width_mm", &w.width_mm);
        self.thresholds("weights.height_mm", &w.height_mm);
        self.thresholds("weights.length_mm.rigid", &w.length_mm.rigid);
        self.thresholds("weights.length_mm.articulated", &w.length_mm.articulated);
        self.thresholds("weights.length_mm.road_train", &w.length_mm.road_train);
        let t = &w.tracked;
        self.thresholds("weights.tracked.gross.limits_kg", &t.gross.limits_kg);
        self.thresholds("weights.tracked.road_wheel_kg", &t.road_wheel_kg);
        if let Some(pm) = &t.per_metre {
            self.thresholds("weights.tracked.per_metre.limits_kg", &pm.limits_kg);
        }
    }

    /// Gross rows: per configuration, the rows without a split run in axle order from the
    /// fewest axles that configuration can have (rigid 2, combinations 3) to an open end, with
    /// no gaps or overlaps, so that every vehicle has a limit; rows for one split do not overlap.
    fn gross_rows(&mut self, rows: &[GrossRow]) {
        for (i, row) in rows.iter().enumerate() {
            let here = format!("weights.gross_kg[{i}]");
            if row.axles_to.is_some_and(|to| to < row.axles_from) {
                self.error(format!("{here}.axles_to"), "must not be below axles_from");
            }
            if let Some(t) = row.towing_unit_axles {
                if row.configuration == Configuration::Rigid {
                    self.error(
                        format!("{here}.towing_unit_axles"),
                        "a rigid vehicle has no towing unit",
                    );
                } else if t < 1 || u16::from(t) >= u16::from(row.axles_from) {
                    self.error(
                        format!("{here}.towing_unit_axles"),
                        format!(
                            "{t} leaves no axle to the trailer of a {}-axle combination",
                            row.axles_from
                        ),
                    );
                }
            }
            self.thresholds(&format!("{here}.limits_kg"), &row.limits_kg);
            if row.limits_kg.is_empty() {
                self.error(format!("{here}.limits_kg"), "give at least one threshold");
            }
        }
        for (configuration, fewest, name) in [
            (Configuration::Rigid, 2u8, "rigid"),
            (Configuration::Articulated, 3, "articulated"),
            (Configuration::RoadTrain, 3, "road_train"),
        ] {
            // Rows of one (configuration, split) in axle order without overlap.
            let mut previous: Vec<(Option<u8>, usize, u8, Option<u8>)> = Vec::new();
            let mut expected = Some(fewest);
            for (i, row) in rows.iter().enumerate() {
                if row.configuration != configuration {
                    continue;
                }
                let here = format!("weights.gross_kg[{i}]");
                if let Some(&(_, j, from, to)) =
                    previous.iter().rev().find(|p| p.0 == row.towing_unit_axles)
                {
                    if row.axles_from <= from {
                        self.error(
                            format!("{here}.axles_from"),
                            format!("rows of one configuration run in axle order; weights.gross_kg[{j}] starts at {from}"),
                        );
                    } else if to.is_none_or(|to| row.axles_from <= to) {
                        self.error(
                            format!("{here}.axles_from"),
                            format!(
                                "overlaps weights.gross_kg[{j}], which already covers {} axles",
                                row.axles_from
                            ),
                        );
                    }
                }
                previous.push((row.towing_unit_axles, i, row.axles_from, row.axles_to));
                if row.towing_unit_axles.is_none() {
                    if expected != Some(row.axles_from) {
                        self.error(
                            format!("{here}.axles_from"),
                            format!(
                                "{name} rows without towing_unit_axles must run without gaps from {fewest} axles; expected {}",
                                expected.map_or("no further row".to_string(), |e| e.to_string())
                            ),
                        );
                    }
                    expected = row.axles_to.and_then(|to| to.checked_add(1));
                }
            }
            if expected.is_some() {
                self.error(
                    "weights.gross_kg",
                    format!("give {name} rows without towing_unit_axles from {fewest} axles up to an open end (no axles_to), so that every vehicle has a gross limit"),
                );
            }
        }
    }

    fn rules(&mut self, f: &PolicyFile) {
        let b = &f.mlc.bridge;
        self.consequence(
            "mlc.bridge",
            Consequence {
                rule: &b.rule,
                source: &b.source,
                severity: b.severity,
                stage: b.stage.as_deref(),
                condition: b.condition.as_deref(),
            },
        );
        if b.severity != Severity::Block {
            self.error(
                "mlc.bridge.severity",
                "a vehicle above the bridge class is a `block`",
            );
        }
        if let Some(o) = &f.mlc.one_way {
            self.consequence(
                "mlc.one_way",
                Consequence {
                    rule: &o.rule,
                    source: &o.source,
                    severity: o.severity,
                    stage: o.stage.as_deref(),
                    condition: o.condition.as_deref(),
                },
            );
            if o.severity != Severity::Condition {
                self.error(
                    "mlc.one_way.severity",
                    "a one-way crossing is a `condition` of the movement",
                );
            }
        }
        self.thresholds("mlc.unclassified_route", &f.mlc.unclassified_route);

        let dg = &f.dangerous_goods;
        for (at, r) in [
            ("dangerous_goods.load", &dg.load),
            ("dangerous_goods.unlisted", &dg.unlisted),
            ("dangerous_goods.mixed_loading", &dg.mixed_loading),
            ("dangerous_goods.explosive_mass", &dg.explosive_mass),
            ("dangerous_goods.ex_vehicle", &dg.ex_vehicle),
        ] {
            self.consequence(
                at,
                Consequence {
                    rule: &r.rule,
                    source: &r.source,
                    severity: r.severity,
                    stage: r.stage.as_deref(),
                    condition: r.condition.as_deref(),
                },
            );
        }
        for (at, r) in [
            ("dangerous_goods.mixed_loading", &dg.mixed_loading),
            ("dangerous_goods.explosive_mass", &dg.explosive_mass),
            ("dangerous_goods.ex_vehicle", &dg.ex_vehicle),
        ] {
            if r.severity != Severity::Block {
                self.error(
                    format!("{at}.severity"),
                    "an ADR prohibition (7.5.2, 7.5.5.2, 7.2.4 V2) is a `block`",
                );
            }
        }
        for (i, p) in dg.prohibited.iter().enumerate() {
            let at = format!("dangerous_goods.prohibited[{i}]");
            self.consequence(
                &at,
                Consequence {
                    rule: &p.rule,
                    source: &p.source,
                    severity: p.severity,
                    stage: p.stage.as_deref(),
                    condition: p.condition.as_deref(),
                },
            );
            if p.un_numbers.is_empty() && p.classes.is_empty() && p.classification_codes.is_empty()
            {
                self.error(at, "name UN numbers, classes or classification codes");
            }
        }
        if let Some(x) = &dg.small_load_exemption {
            let at = "dangerous_goods.small_load_exemption";
            if x.rule.trim().is_empty() {
                self.error(format!("{at}.rule"), "a rule needs a stable id");
            }
            self.source(format!("{at}.source"), &x.source);
            let mut seen = BTreeSet::new();
            for (i, sf) in x.special_factors.iter().enumerate() {
                for (j, un) in sf.un_numbers.iter().enumerate() {
                    if !seen.insert(*un) {
                        self.error(
                            format!("{at}.special_factors[{i}].un_numbers[{j}]"),
                            format!("{un} already has a special factor"),
                        );
                    }
                }
            }
        }
        let t = &dg.tunnels;
        self.consequence(
            "dangerous_goods.tunnels",
            Consequence {
                rule: &t.rule,
                source: &t.source,
                severity: t.severity,
                stage: t.stage.as_deref(),
                condition: None,
            },
        );
        for (i, t) in dg.thresholds.iter().enumerate() {
            let at = format!("dangerous_goods.thresholds[{i}]");
            self.consequence(
                &at,
                Consequence {
                    rule: &t.rule,
                    source: &t.source,
                    severity: t.severity,
                    stage: t.stage.as_deref(),
                    condition: t.condition.as_deref(),
                },
            );
        }

        for (i, ban) in f.driving_bans.iter().enumerate() {
            let at = format!("driving_bans[{i}]");
            let m = &ban.military;
            self.consequence(
                &at,
                Consequence {
                    rule: &ban.rule,
                    source: &ban.source,
                    severity: m.severity,
                    stage: m.stage.as_deref(),
                    condition: m.condition.as_deref(),
                },
            );
            if ban.days.is_empty() && !ban.public_holidays && !ban.ban_days && !ban.eve_of_ban_days
            {
                self.error(
                    format!("{at}.days"),
                    "a ban needs weekdays, public_holidays: true, ban_days: true or eve_of_ban_days: true",
                );
            }
            if (ban.ban_days || ban.eve_of_ban_days) && f.ban_days.is_empty() {
                self.error(
                    format!("{at}.ban_days"),
                    "the ban reads the file's `ban_days`, which lists none",
                );
            }
            if ban
                .season
                .is_some_and(|s| s.from_next.is_some() && s.from > s.to)
            {
                self.error(
                    format!("{at}.season.from_next"),
                    "from_next is for seasons within one year (from before to)",
                );
            }
            if ban
                .with_trailer
                .as_ref()
                .is_some_and(|t| t.configurations.is_empty())
            {
                self.error(
                    format!("{at}.with_trailer.configurations"),
                    "name the configurations that count as a lorry with a trailer (road_train, articulated)",
                );
            }
            if ban.roads.as_deref().is_some_and(|r| r.trim().is_empty()) {
                self.error(format!("{at}.roads"), "name the roads, or leave roads out");
            }
            let fits = match m.exemption {
                Exemption::Exempt => m.severity == Severity::Info,
                Exemption::ExemptWithCondition => m.severity == Severity::Condition,
                Exemption::NotExempt => matches!(m.severity, Severity::Review | Severity::Block),
            };
            if !fits {
                self.error(
                    format!("{at}.military.severity"),
                    "exempt goes with `info`, exempt_with_condition with `condition`, not_exempt with `review` or `block`",
                );
            }
            if m.statement.trim().is_empty() {
                self.error(
                    format!("{at}.military.statement"),
                    "quote how the nation states it",
                );
            }
        }

        self.thresholds("convoy.vehicles", &f.convoy.vehicles);
        let n = &f.convoy.minimum_notice;
        self.consequence(
            "convoy.minimum_notice",
            Consequence {
                rule: &n.rule,
                source: &n.source,
                severity: n.severity,
                stage: n.stage.as_deref(),
                condition: n.condition.as_deref(),
            },
        );
    }
}
