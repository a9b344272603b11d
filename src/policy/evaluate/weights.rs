//! Weights, dimensions and bridge classes of road vehicles.

use std::ops::Range;

use super::{grouped, over};
use crate::domain::{Axle, Configuration, Finding, Leg, Vehicle, VehicleCategory};
use crate::policy::tables::{
    AxleGroups, GrossRow, MlcRules, SpacingBand, Threshold, TrackedLimits, Weights,
};

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

/// Road wheels per road-wheel station: `axles` of a tracked vehicle list its stations, one road
/// wheel each side, so a station's load rests on two road wheels.
const ROAD_WHEELS_PER_STATION: u64 = 2;

/// A finding for each threshold of `list` that `value` is strictly above; the subject is built
/// only when one fires.
fn fire(
    list: &[Threshold],
    value: u64,
    subject: impl Fn() -> String,
    out: &mut Vec<Finding>,
    message: impl Fn(&Threshold) -> String,
) {
    if list.iter().any(|t| value > u64::from(t.above)) {
        over(list, value, &subject(), out, message);
    }
}

fn configuration_words(c: Configuration) -> &'static str {
    match c {
        Configuration::Rigid => "rigid vehicle",
        Configuration::Articulated => "articulated vehicle",
        Configuration::RoadTrain => "road train",
    }
}

/// The configurations a vehicle may be read as: the one it states, else every one that fits its
/// axle count (a combination has at least three axles; a stated towing unit rules out rigid).
fn configurations(v: &Vehicle) -> impl Iterator<Item = Configuration> + '_ {
    let n = v.axles.len();
    [
        Configuration::Rigid,
        Configuration::Articulated,
        Configuration::RoadTrain,
    ]
    .into_iter()
    .filter(move |&c| match v.configuration {
        Some(given) => c == given,
        None if c == Configuration::Rigid => v.towing_unit_axles.is_none(),
        None => n >= 3,
    })
}

/// The gross row that governs a vehicle, with the configuration and split it was read as: of
/// every reading the input leaves open, the one whose limit the vehicle exceeds most (or is
/// closest to), so that an unstated configuration never clears what a stated one would not.
fn governing_row<'a>(
    v: &Vehicle,
    rows: &'a [GrossRow],
) -> Option<(&'a GrossRow, Configuration, Option<u8>, u32)> {
    let n = v.axles.len();
    let mut best: Option<(&GrossRow, Configuration, Option<u8>, u32, i64)> = None;
    let mut consider = |c: Configuration, split: Option<u8>| {
        let fits = |r: &&GrossRow| r.configuration == c && r.covers(n);
        let row = rows
            .iter()
            .filter(fits)
            .find(|r| r.towing_unit_axles.is_some() && r.towing_unit_axles == split)
            .or_else(|| {
                rows.iter()
                    .filter(fits)
                    .find(|r| r.towing_unit_axles.is_none())
            });
        let Some((row, first)) = row.and_then(|r| r.limits_kg.first().map(|t| (r, t))) else {
            return;
        };
        let mass = row.mass.read(v.gross_mass_kg, v.permissible_mass_kg);
        let excess = i64::from(mass) - i64::from(first.above);
        if best.as_ref().is_none_or(|b| excess > b.4) {
            best = Some((row, c, split, mass, excess));
        }
    };
    for c in configurations(v) {
        match (c, v.towing_unit_axles) {
            (Configuration::Rigid, _) => consider(c, None),
            (_, Some(t)) => consider(c, Some(t)),
            // A towing unit has at least two axles and leaves at least one to the trailer.
            (_, None) => {
                for t in 2..u8::try_from(n).unwrap_or(u8::MAX) {
                    consider(c, Some(t));
                }
            }
        }
    }
    best.map(|(row, c, split, mass, _)| (row, c, split, mass))
}

/// Axle, gross and dimension limits for one vehicle type.
pub(super) fn check_vehicle(i: usize, v: &Vehicle, w: &Weights, out: &mut Vec<Finding>) {
    let who = &v.label;
    let at = |field: &'static str| move || format!("vehicles[{i}].{field}");
    match v.category {
        VehicleCategory::Wheeled => {
            check_axles(i, v, w, out);
            check_gross(i, v, &w.gross_kg, out);
        }
        VehicleCategory::Tracked => check_tracked(i, v, &w.tracked, out),
    }
    for (field, what, value, list) in [
        ("width_mm", "width", v.width_mm, &w.width_mm),
        ("height_mm", "height", v.height_mm, &w.height_mm),
    ] {
        fire(list, value.into(), at(field), out, |t| {
            format!(
                "{who}: {what} {} mm above the {} mm {}",
                grouped(value.into()),
                grouped(t.above.into()),
                t.name
            )
        });
    }
    // Length by configuration; a tracked vehicle is a motor vehicle on its own.
    let length = u64::from(v.length_mm);
    let (configuration, list) = if v.category == VehicleCategory::Tracked {
        (Configuration::Rigid, w.length_mm.get(Configuration::Rigid))
    } else {
        configurations(v)
            .map(|c| (c, w.length_mm.get(c)))
            .min_by_key(|(_, l)| l.first().map_or(u32::MAX, |t| t.above))
            .unwrap_or((Configuration::Rigid, &w.length_mm.rigid))
    };
    let assumed = v.category == VehicleCategory::Wheeled && configurations(v).nth(1).is_some();
    fire(list, length, at("length_mm"), out, |t| {
        let read = if assumed {
            format!(
                " (configuration not given: read as a {}, the strictest reading for {} axles)",
                configuration_words(configuration),
                v.axles.len()
            )
        } else {
            String::new()
        };
        format!(
            "{who}: length {} mm above the {} mm {}{read}",
            grouped(length),
            grouped(t.above.into()),
            t.name
        )
    });
}

/// Gross mass by configuration, axle count and split, on the mass the law names.
fn check_gross(i: usize, v: &Vehicle, rows: &[GrossRow], out: &mut Vec<Finding>) {
    let Some((row, configuration, split, mass)) = governing_row(v, rows) else {
        return;
    };
    let n = v.axles.len();
    fire(
        &row.limits_kg,
        mass.into(),
        || format!("vehicles[{i}].gross_mass_kg"),
        out,
        |t| {
            let mut read = String::new();
            if configurations(v).nth(1).is_some() {
                read.push_str(&format!(
                    " (configuration not given: read as a {}",
                    configuration_words(configuration)
                ));
            }
            if let (Some(t), None, Some(_)) = (split, v.towing_unit_axles, row.towing_unit_axles) {
                read.push_str(if read.is_empty() { " (" } else { "; " });
                read.push_str(&format!(
                    "towing unit's axles not given: read as {t}+{}",
                    n - usize::from(t)
                ));
            }
            if !read.is_empty() {
                read.push_str(&format!(", the strictest reading for {n} axles)"));
            }
            let (what, note) = row.mass.words(v.permissible_mass_kg.is_some());
            format!(
                "{}: {what} {} kg{note} above the {} kg {}{read}",
                v.label,
                grouped(mass.into()),
                grouped(t.above.into()),
                t.name
            )
        },
    );
}

/// Tracked vehicles: gross mass, load per road wheel, and mass per metre of the span from the
/// first to the last road wheel (the sum of the stations' spacings).
fn check_tracked(i: usize, v: &Vehicle, t: &TrackedLimits, out: &mut Vec<Finding>) {
    let who = &v.label;
    let given = v.permissible_mass_kg.is_some();
    let gross = t.gross.mass.read(v.gross_mass_kg, v.permissible_mass_kg);
    fire(
        &t.gross.limits_kg,
        gross.into(),
        || format!("vehicles[{i}].gross_mass_kg"),
        out,
        |th| {
            let (what, note) = t.gross.mass.words(given);
            format!(
                "{who}: {what} {} kg{note} above the {} kg {}",
                grouped(gross.into()),
                grouped(th.above.into()),
                th.name
            )
        },
    );
    // The heaviest station, split evenly over its two road wheels and rounded up.
    if let Some((j, station)) = v
        .axles
        .iter()
        .enumerate()
        .max_by_key(|(j, a)| (a.load_kg, std::cmp::Reverse(*j)))
    {
        let load = u64::from(station.load_kg);
        let per_wheel = load.div_ceil(ROAD_WHEELS_PER_STATION);
        fire(
            &t.road_wheel_kg,
            per_wheel,
            || format!("vehicles[{i}].axles[{j}]"),
            out,
            |th| {
                format!(
                    "{who}: road-wheel station {} carries {} kg, {} kg on each of its two road wheels, above the {} kg {}",
                    j + 1,
                    grouped(load),
                    grouped(per_wheel),
                    grouped(th.above.into()),
                    th.name
                )
            },
        );
    }
    if let Some(pm) = &t.per_metre {
        let span: u64 = v
            .axles
            .iter()
            .filter_map(|a| a.spacing_mm)
            .map(u64::from)
            .sum();
        let mass = u64::from(pm.mass.read(v.gross_mass_kg, v.permissible_mass_kg));
        let per_metre = (mass * 1000).div_ceil(span.max(1));
        fire(
            &pm.limits_kg,
            per_metre,
            || format!("vehicles[{i}].axles"),
            out,
            |th| {
                let (what, note) = pm.mass.words(given);
                format!(
                    "{who}: {what} {} kg{note} over {} mm from the first to the last road wheel is {} kg per metre, above the {} kg/m {}",
                    grouped(mass),
                    grouped(span),
                    grouped(per_metre),
                    grouped(th.above.into()),
                    th.name
                )
            },
        );
    }
}

/// Whether an axle group belongs to the towing unit, the trailer, or cannot be told.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Motor,
    Trailer,
    Unknown,
}

fn unit_of(v: &Vehicle, group: &Range<usize>) -> Unit {
    match (v.configuration, v.towing_unit_axles) {
        (Some(Configuration::Rigid), _) => Unit::Motor,
        (_, Some(t)) if group.end <= usize::from(t) => Unit::Motor,
        (_, Some(t)) if group.start >= usize::from(t) => Unit::Trailer,
        _ => Unit::Unknown,
    }
}

/// The tandem band for a group: the motor vehicle's or the trailer's table, and where the
/// group's unit is not known, whichever has the lower limit at that spacing.
fn tandem_band(g: &AxleGroups, unit: Unit, spacing: u32) -> Option<&SpacingBand> {
    let motor = band(&g.tandem, spacing);
    if g.trailer_tandem.is_empty() {
        return motor;
    }
    let trailer = band(&g.trailer_tandem, spacing);
    match unit {
        Unit::Motor => motor,
        Unit::Trailer => trailer,
        Unit::Unknown => [motor, trailer]
            .into_iter()
            .flatten()
            .min_by_key(|b| b.limits_kg.first().map_or(u32::MAX, |t| t.above)),
    }
}

/// Single and driven axles, tandem and tridem groups, and groups beyond the tables.
fn check_axles(i: usize, v: &Vehicle, w: &Weights, out: &mut Vec<Finding>) {
    let g = &w.axle_groups;
    let who = &v.label;
    for group in axle_groups(&v.axles, g.group_below_mm) {
        let first = group.start;
        let subject = || format!("vehicles[{i}].axles[{first}]");
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
                fire(list, load, subject, out, |t| {
                    format!(
                        "{who}: {kind} axle {a} load {} kg above the {} kg {}",
                        grouped(load),
                        grouped(t.above.into()),
                        t.name
                    )
                });
            }
            [_, _] | [_, _, _] => {
                // The closest spacing decides a tridem's band: the safe reading.
                let spacing = axles[..axles.len() - 1]
                    .iter()
                    .filter_map(|x| x.spacing_mm)
                    .min()
                    .unwrap_or(0);
                let (found, kind) = if axles.len() == 2 {
                    (tandem_band(g, unit_of(v, &group), spacing), "tandem")
                } else {
                    (band(&g.tridem, spacing), "tridem")
                };
                if let Some(band) = found {
                    fire(&band.limits_kg, load, subject, out, |t| {
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
                fire(&g.axles_in_group, n, subject, out, |t| {
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

fn category_words(c: VehicleCategory) -> &'static str {
    match c {
        VehicleCategory::Wheeled => "wheeled",
        VehicleCategory::Tracked => "tracked",
    }
}

/// MLC against each of the nation's legs (STANAG 2021): a vehicle is read against the class of
/// its own category (`mlc`, or `mlc_wheeled`/`mlc_tracked` where given) and against the other
/// category's class where it has one. Above a leg's two-way class but within its one-way class
/// it may cross one at a time (the policy's `one_way` condition); above both, or where the leg
/// gives no one-way class, it is blocked on that leg.
pub(super) fn check_mlc(
    i: usize,
    v: &Vehicle,
    legs: &[(usize, &Leg)],
    mlc: &MlcRules,
    out: &mut Vec<Finding>,
) {
    let own = match v.category {
        VehicleCategory::Wheeled => v.mlc_wheeled,
        VehicleCategory::Tracked => v.mlc_tracked,
    }
    .unwrap_or(v.mlc);
    let other = match v.category {
        VehicleCategory::Wheeled => v.mlc_tracked.map(|c| (VehicleCategory::Tracked, c)),
        VehicleCategory::Tracked => v.mlc_wheeled.map(|c| (VehicleCategory::Wheeled, c)),
    };
    let classes = std::iter::once((v.category, own)).chain(other);
    for &(j, leg) in legs {
        let route = || format!("itinerary[{j}] ({} – {})", leg.entry_point, leg.exit_point);
        let subject = || format!("vehicles[{i}].mlc");
        if leg.two_way_class(v.category).is_none() {
            let highest = own.max(other.map_or(0, |o| o.1));
            fire(&mlc.unclassified_route, highest.into(), subject, out, |t| {
                format!(
                    "{}: MLC {highest} above MLC {} ({}) on {}, which gives no bridge class",
                    v.label,
                    t.above,
                    t.name,
                    route()
                )
            });
            continue;
        }
        for (category, class) in classes.clone() {
            let kind = category_words(category);
            let Some(two_way) = leg.two_way_class(category) else {
                continue;
            };
            if class <= two_way {
                continue;
            }
            let one_way = leg.one_way_class(category);
            let (r, message) = match (one_way, &mlc.one_way) {
                (Some(one), Some(rule)) if class <= one => (
                    rule,
                    format!(
                        "{}: {kind} MLC {class} above the route class MLC {two_way} of {} (two-way) but within its one-way class MLC {one}: the vehicle may cross that leg's weakest bridge only one vehicle at a time",
                        v.label,
                        route()
                    ),
                ),
                (one, _) => (
                    &mlc.bridge,
                    format!(
                        "{}: {kind} MLC {class} above the route class MLC {two_way} of {} (two-way{}): the vehicle may not cross that leg's weakest bridge",
                        v.label,
                        route(),
                        match one {
                            Some(one) => format!("; above the one-way class MLC {one} too"),
                            None => "; the leg gives no one-way class".to_string(),
                        }
                    ),
                ),
            };
            out.push(Finding {
                rule: r.rule.clone(),
                severity: r.severity,
                message,
                subject: subject(),
                source: r.source.clone(),
                stage: r.stage.clone(),
                condition: r.condition.clone(),
                vehicles: Vec::new(),
                cargo: Vec::new(),
                folded: 0,
            });
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
