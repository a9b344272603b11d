//! Weights, dimensions and bridge classes of road vehicles.

use std::ops::Range;

use super::{grouped, over};
use crate::domain::{Axle, Finding, Leg, Vehicle, VehicleCategory};
use crate::policy::tables::{MlcRules, SpacingBand, Weights};

/// Splits axles into groups: an axle joins the next one when their spacing is below
/// `group_below_mm`; a spacing exactly on it starts a new group.
pub(crate) fn axle_groups(axles: &[Axle], group_below_mm: u32) -> Vec<Range<usize>> {
    let mut groups = Vec::new();
    let mut start = 0;
    for (j, axle) in axles.iter().enumerate() {
        let joins_next = j + 1 < axles.len() && axle.spacing_mm.is_some_and(|s| s < group_below_mm);
        if !joins_next {
            groups.push(start..j + 1);
            start = j + 1;
        }
    }
    groups
}

/// The band a spacing falls in: `from_mm` inclusive, `below_mm` exclusive.
fn band(bands: &[SpacingBand], spacing_mm: u32) -> Option<&SpacingBand> {
    bands
        .iter()
        .find(|b| b.from_mm <= spacing_mm && spacing_mm < b.below_mm)
}

/// Axle, gross and dimension limits for one vehicle type.
pub(super) fn check_vehicle(i: usize, v: &Vehicle, w: &Weights, out: &mut Vec<Finding>) {
    let who = &v.label;
    let at = |field: &str| format!("vehicles[{i}].{field}");
    match v.category {
        VehicleCategory::Wheeled => check_axles(i, v, w, out),
        VehicleCategory::Tracked => {
            // Track damage and bridge loading go with mass per metre (StVZO § 34b style).
            let per_metre = u64::from(v.gross_mass_kg) * 1000 / u64::from(v.length_mm.max(1));
            over(
                &w.tracked_kg_per_metre,
                per_metre,
                &at("gross_mass_kg"),
                out,
                |t| {
                    format!(
                        "{who}: {} kg per metre of length, above the {} kg/m {}",
                        grouped(per_metre),
                        grouped(t.above.into()),
                        t.name
                    )
                },
            );
        }
    }
    let axles = v.axles.len();
    if let Some(row) = w.gross_kg.iter().find(|r| {
        r.vehicle == v.category
            && axles >= usize::from(r.axles_from)
            && r.axles_to.is_none_or(|to| axles <= usize::from(to))
    }) {
        over(
            &row.limits_kg,
            v.gross_mass_kg.into(),
            &at("gross_mass_kg"),
            out,
            |t| {
                format!(
                    "{who}: gross mass {} kg above the {} kg {}",
                    grouped(v.gross_mass_kg.into()),
                    grouped(t.above.into()),
                    t.name
                )
            },
        );
    }
    for (field, what, value, list) in [
        ("width_mm", "width", v.width_mm, &w.width_mm),
        ("height_mm", "height", v.height_mm, &w.height_mm),
        ("length_mm", "length", v.length_mm, &w.length_mm),
    ] {
        over(list, value.into(), &at(field), out, |t| {
            format!(
                "{who}: {what} {} mm above the {} mm {}",
                grouped(value.into()),
                grouped(t.above.into()),
                t.name
            )
        });
    }
}

/// Single and driven axles, tandem and tridem groups, and groups beyond the tables.
fn check_axles(i: usize, v: &Vehicle, w: &Weights, out: &mut Vec<Finding>) {
    let g = &w.axle_groups;
    let who = &v.label;
    for group in axle_groups(&v.axles, g.group_below_mm) {
        let first = group.start;
        let subject = format!("vehicles[{i}].axles[{first}]");
        let axles = &v.axles[group.clone()];
        let load: u64 = axles.iter().map(|a| u64::from(a.load_kg)).sum();
        // Axles are numbered from 1 in messages, as on a weighbridge ticket.
        let (a, b) = (group.start + 1, group.end);
        match axles {
            [axle] => {
                let (list, kind) = if axle.driven {
                    (&w.driven_axle_kg, "driven")
                } else {
                    (&w.single_axle_kg, "single")
                };
                over(list, load, &subject, out, |t| {
                    format!(
                        "{who}: {kind} axle {a} load {} kg above the {} kg {}",
                        grouped(load),
                        grouped(t.above.into()),
                        t.name
                    )
                });
            }
            [_, _] | [_, _, _] => {
                let (bands, kind) = if axles.len() == 2 {
                    (&g.tandem, "tandem")
                } else {
                    (&g.tridem, "tridem")
                };
                // The closest spacing decides a tridem's band: the safe reading.
                let spacing = axles[..axles.len() - 1]
                    .iter()
                    .filter_map(|x| x.spacing_mm)
                    .min()
                    .unwrap_or(0);
                if let Some(band) = band(bands, spacing) {
                    over(&band.limits_kg, load, &subject, out, |t| {
                        format!(
                            "{who}: {kind} axles {a}–{b} ({} mm apart) load {} kg above the {} kg {}",
                            grouped(spacing.into()),
                            grouped(load),
                            grouped(t.above.into()),
                            t.name
                        )
                    });
                }
            }
            _ => {
                let n = axles.len() as u64;
                over(&g.axles_in_group, n, &subject, out, |t| {
                    format!(
                        "{who}: axles {a}–{b} form one group of {n} axles carrying {} kg, above the {}-axle {}",
                        grouped(load),
                        t.above,
                        t.name
                    )
                });
            }
        }
    }
}

/// MLC against each of the nation's legs: above the weakest bridge is a block on that leg.
pub(super) fn check_mlc(
    i: usize,
    v: &Vehicle,
    legs: &[(usize, &Leg)],
    mlc: &MlcRules,
    out: &mut Vec<Finding>,
) {
    let subject = format!("vehicles[{i}].mlc");
    let kind = match v.category {
        VehicleCategory::Wheeled => "wheeled",
        VehicleCategory::Tracked => "tracked",
    };
    for &(j, leg) in legs {
        let route = format!("itinerary[{j}] ({} – {})", leg.entry_point, leg.exit_point);
        match leg.min_bridge_mlc {
            Some(bridge) if v.mlc > bridge => {
                let r = &mlc.bridge;
                out.push(Finding {
                    rule: r.rule.clone(),
                    severity: r.severity,
                    message: format!(
                        "{}: {kind} MLC {} above the route class MLC {bridge} of {route}: the vehicle may not cross that leg's weakest bridge",
                        v.label, v.mlc
                    ),
                    subject: subject.clone(),
                    source: r.source.clone(),
                    stage: r.stage.clone(),
                    condition: r.condition.clone(),
                });
            }
            Some(_) => {}
            None => over(&mlc.unclassified_route, v.mlc.into(), &subject, out, |t| {
                format!(
                    "{}: {kind} MLC {} above MLC {} ({}) on {route}, which gives no bridge class",
                    v.label, v.mlc, t.above, t.name
                )
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axle(spacing: Option<u32>) -> Axle {
        Axle {
            load_kg: 8000,
            spacing_mm: spacing,
            driven: false,
        }
    }

    #[test]
    fn axles_group_by_spacing_with_the_boundary_starting_a_new_group() {
        let axles = [
            axle(Some(3600)),
            axle(Some(1300)),
            axle(Some(1799)),
            axle(Some(1800)),
            axle(None),
        ];
        assert_eq!(axle_groups(&axles, 1800), vec![0..1, 1..4, 4..5]);
        let single = [axle(Some(5000)), axle(None)];
        assert_eq!(axle_groups(&single, 1800), vec![0..1, 1..2]);
    }
}
