//! Dangerous goods per transport unit: prohibitions, the ADR 1.1.3.6 points, the governing
//! tunnel code against each leg's tunnels, and escort or stage thresholds.
//!
//! A transport unit is one vehicle of a vehicle type; a cargo line's quantity is taken as what
//! each vehicle of its type carries, which can only overstate a load, never hide one.

use super::grouped;
use crate::domain::{CargoLine, Finding, Leg, Movement, TunnelCategory, UnNumber};
use crate::policy::dg_list::{DangerousGoodsList, DgEntry, TunnelCode};
use crate::policy::load::Policy;
use crate::policy::tables::{DangerousGoodsRules, DgMeasure, Rule, SmallLoadExemption};

/// One dangerous-goods cargo line with its list rows.
struct Line<'a> {
    index: usize,
    cargo: &'a CargoLine,
    un: UnNumber,
    rows: &'a [DgEntry],
}

impl Line<'_> {
    fn class(&self) -> &str {
        self.rows.first().map_or("", |r| r.class.as_str())
    }

    /// Explosive lines count their net explosive mass, or their quantity when none is given.
    fn net_explosive_mass(&self) -> u64 {
        if self.class() == "1" {
            u64::from(
                self.cargo
                    .net_explosive_mass_kg
                    .unwrap_or(self.cargo.quantity_kg),
            )
        } else {
            0
        }
    }

    /// ADR 1.1.3.6.3: class 1 articles by net explosive mass, everything else by quantity.
    fn points_quantity(&self) -> u64 {
        if self.class() == "1" {
            self.net_explosive_mass()
        } else {
            u64::from(self.cargo.quantity_kg)
        }
    }

    /// The most restrictive transport category among the rows (the notification does not
    /// say which packing group or variant it is).
    fn transport_category(&self) -> Option<u8> {
        self.rows.iter().filter_map(|r| r.transport_category).min()
    }
}

fn finding(rule: &Rule, subject: String, message: String) -> Finding {
    Finding {
        rule: rule.rule.clone(),
        severity: rule.severity,
        message,
        subject,
        source: rule.source.clone(),
        stage: rule.stage.clone(),
        condition: rule.condition.clone(),
    }
}

/// Points of one line, or why the unit can never be exempt (transport category 0).
fn points(x: &SmallLoadExemption, line: &Line<'_>) -> Result<(u64, u32), String> {
    let factor = match line.transport_category() {
        None => 0,
        Some(0) => return Err(format!("{} is transport category 0, never exempt", line.un)),
        Some(tc) => x
            .special_factors
            .iter()
            .find(|s| s.un_numbers.contains(&line.un))
            .map(|s| s.factor)
            .unwrap_or(match tc {
                1 => x.points_per_kg.tc1,
                2 => x.points_per_kg.tc2,
                3 => x.points_per_kg.tc3,
                _ => x.points_per_kg.tc4,
            }),
    };
    Ok((line.points_quantity() * u64::from(factor), factor))
}

/// Every dangerous-goods rule of one nation.
pub(super) fn check(
    movement: &Movement,
    policy: &Policy,
    list: &DangerousGoodsList,
    legs: &[(usize, &Leg)],
    road: bool,
    out: &mut Vec<Finding>,
) {
    let rules = &policy.file.dangerous_goods;
    for (i, vehicle) in movement.vehicles.iter().enumerate() {
        let mut lines = Vec::new();
        let mut unlisted = Vec::new();
        for (k, cargo) in movement.cargo.iter().enumerate() {
            let Some(un) = cargo.un_number.filter(|_| cargo.vehicle == i) else {
                continue;
            };
            let rows = list.entries(un);
            if rows.is_empty() {
                out.push(finding(
                    &rules.unlisted,
                    format!("cargo[{k}].un_number"),
                    format!(
                        "{un} ({}) is not in the dangerous-goods list in force; it must be classified by hand",
                        cargo.description
                    ),
                ));
                unlisted.push(un);
                continue;
            }
            lines.push(Line {
                index: k,
                cargo,
                un,
                rows,
            });
        }
        if lines.is_empty() && unlisted.is_empty() {
            continue;
        }
        check_prohibitions(rules, &lines, out);
        let subject = format!("vehicles[{i}]");
        let who = &vehicle.label;

        // ADR 1.1.3.6 points for the transport unit.
        let mut total: u64 = 0;
        let mut terms = Vec::new();
        let mut never: Vec<String> = unlisted
            .iter()
            .map(|un| format!("{un} is not in the list"))
            .collect();
        if let Some(x) = &rules.small_load_exemption {
            for line in &lines {
                match points(x, line) {
                    Ok((p, factor)) => {
                        total += p;
                        terms.push(format!(
                            "{} {} kg × {factor}",
                            line.un,
                            grouped(line.points_quantity())
                        ));
                    }
                    Err(reason) => never.push(reason),
                }
            }
        }
        let exempt = match &rules.small_load_exemption {
            Some(x) if never.is_empty() && total <= u64::from(x.max_points) => {
                out.push(Finding {
                    rule: x.rule.clone(),
                    severity: crate::domain::Severity::Info,
                    message: format!(
                        "{who}: {} = {} points, not above {}: the small-load exemption applies; no dangerous-goods stage",
                        terms.join(" + "),
                        grouped(total),
                        grouped(x.max_points.into())
                    ),
                    subject: subject.clone(),
                    source: x.source.clone(),
                    stage: None,
                    condition: None,
                });
                true
            }
            Some(x) => {
                let why = if never.is_empty() {
                    format!(
                        "{} = {} points, above the {}-point limit of ADR 1.1.3.6",
                        terms.join(" + "),
                        grouped(total),
                        grouped(x.max_points.into())
                    )
                } else {
                    never.join("; ")
                };
                out.push(finding(
                    &rules.load,
                    subject.clone(),
                    format!("{who}: dangerous goods under full regulation: {why}"),
                ));
                false
            }
            None => {
                out.push(finding(
                    &rules.load,
                    subject.clone(),
                    format!(
                        "{who}: carries dangerous goods ({}); {} grants no small-load exemption",
                        lines
                            .iter()
                            .map(|l| l.un.to_string())
                            .chain(unlisted.iter().map(ToString::to_string))
                            .collect::<Vec<_>>()
                            .join(", "),
                        policy.file.name
                    ),
                ));
                false
            }
        };

        // ADR 8.6.3.3: goods carried under the exemption are ignored for tunnels.
        if road && !exempt {
            check_tunnels(rules, who, &subject, &lines, legs, out);
        }
        check_thresholds(rules, who, &subject, &lines, out);
    }
}

fn check_prohibitions(rules: &DangerousGoodsRules, lines: &[Line<'_>], out: &mut Vec<Finding>) {
    for line in lines {
        for p in &rules.prohibited {
            let by_un = p.un_numbers.contains(&line.un);
            let by_class = line.rows.iter().any(|r| p.classes.contains(&r.class));
            let by_code = line
                .rows
                .iter()
                .any(|r| p.classification_codes.contains(&r.classification_code));
            if !(by_un || by_class || by_code) {
                continue;
            }
            let row = &line.rows[0];
            out.push(Finding {
                rule: p.rule.clone(),
                severity: p.severity,
                message: format!(
                    "{} {} (class {}, {}) is restricted here by {}",
                    line.un,
                    row.name,
                    row.class,
                    row.classification_code,
                    if by_un {
                        "UN number"
                    } else if by_class {
                        "class"
                    } else {
                        "classification code"
                    }
                ),
                subject: format!("cargo[{}]", line.index),
                source: p.source.clone(),
                stage: p.stage.clone(),
                condition: p.condition.clone(),
            });
        }
    }
}

/// The governing (most restrictive) tunnel code of the unit against each leg's tunnels.
fn check_tunnels(
    rules: &DangerousGoodsRules,
    who: &str,
    subject: &str,
    lines: &[Line<'_>],
    legs: &[(usize, &Leg)],
    out: &mut Vec<Finding>,
) {
    let t = &rules.tunnels;
    let nem: u64 = lines.iter().map(Line::net_explosive_mass).sum();
    let governing: Option<(TunnelCategory, &Line<'_>, TunnelCode)> = lines
        .iter()
        .flat_map(|line| {
            line.rows.iter().filter_map(move |row| {
                row.tunnel_code
                    .closed_from(nem, t.assume_tank_carriage)
                    .map(|c| (c, line, row.tunnel_code))
            })
        })
        .min_by_key(|(c, line, _)| (*c, line.index));
    let Some((closed, line, code)) = governing else {
        return;
    };
    let nem_text = match code {
        TunnelCode::ByNetExplosiveMass { above_kg, .. } => format!(
            " with {} kg net explosive mass on the unit ({} {} kg)",
            grouped(nem),
            if nem > u64::from(above_kg) {
                "above"
            } else {
                "not above"
            },
            grouped(above_kg.into())
        ),
        _ => String::new(),
    };
    for &(j, leg) in legs {
        let Some(&worst) = leg.tunnel_categories.iter().filter(|c| **c >= closed).max() else {
            continue;
        };
        out.push(Finding {
            rule: t.rule.clone(),
            severity: t.severity,
            message: format!(
                "{who}: tunnel code {code} of {} (cargo[{}]){nem_text} closes tunnel categories {closed:?} to E; itinerary[{j}] ({} – {}) passes a category {worst:?} tunnel",
                line.un, line.index, leg.entry_point, leg.exit_point
            ),
            subject: subject.to_string(),
            source: t.source.clone(),
            stage: t.stage.clone(),
            condition: None,
        });
    }
}

fn check_thresholds(
    rules: &DangerousGoodsRules,
    who: &str,
    subject: &str,
    lines: &[Line<'_>],
    out: &mut Vec<Finding>,
) {
    for t in &rules.thresholds {
        let counted = lines
            .iter()
            .filter(|l| t.classes.is_empty() || t.classes.iter().any(|c| c == l.class()));
        let (sum, what): (u64, &str) = match t.measure {
            DgMeasure::NetExplosiveMass => (
                counted.map(Line::net_explosive_mass).sum(),
                "net explosive mass",
            ),
            DgMeasure::Quantity => (
                counted.map(|l| u64::from(l.cargo.quantity_kg)).sum(),
                "dangerous goods",
            ),
        };
        if sum > u64::from(t.above_kg) {
            out.push(Finding {
                rule: t.rule.clone(),
                severity: t.severity,
                message: format!(
                    "{who}: {} kg {what} on one vehicle, above the {} kg {}",
                    grouped(sum),
                    grouped(t.above_kg.into()),
                    t.name
                ),
                subject: subject.to_string(),
                source: t.source.clone(),
                stage: t.stage.clone(),
                condition: t.condition.clone(),
            });
        }
    }
}
