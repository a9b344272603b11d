//! Driving bans: weekday, public-holiday, listed-day, eve and seasonal windows in the nation's
//! time zone, for the vehicles each ban's text covers (by permissible mass, or as a lorry with a
//! trailer).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use super::grouped;
use crate::domain::{Finding, Leg, Movement, Region, Vehicle, VehicleCategory};
use crate::policy::load::Policy;
use crate::policy::tables::{DrivingBan, MonthDay, Season, TrailerClause};

/// A ban window in UTC, with the local day it starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    /// Local day the window starts on.
    pub day: NaiveDate,
    /// Start, inclusive.
    pub start: DateTime<Utc>,
    /// End, exclusive.
    pub end: DateTime<Utc>,
}

/// Local time to UTC; in a spring-forward gap the first instant after it, at a fall-back
/// overlap the earlier reading for starts and the later for ends (the longer window).
pub(super) fn to_utc(tz: Tz, local: NaiveDateTime, is_end: bool) -> DateTime<Utc> {
    let mapped = tz.from_local_datetime(&local);
    let pick = if is_end {
        mapped.latest()
    } else {
        mapped.earliest()
    };
    match pick {
        Some(t) => t.with_timezone(&Utc),
        // A gap is at most a few hours; step forward until the clock exists again.
        None => (1..=4)
            .find_map(|h| {
                tz.from_local_datetime(&(local + Duration::hours(h)))
                    .earliest()
            })
            .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc)),
    }
}

/// `md` in `year`; 29 February in a common year reads as 1 March.
fn date_in(year: i32, md: MonthDay) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, md.month, md.day)
        .or_else(|| NaiveDate::from_ymd_opt(year, md.month, md.day - 1)?.succ_opt())
}

/// First day of `season` in `year`: `from`, or with `from_next` the first such weekday after it.
fn season_start(season: &Season, year: i32) -> Option<NaiveDate> {
    let from = date_in(year, season.from)?;
    match season.from_next {
        None => Some(from),
        Some(wd) => {
            let ahead = (7 + wd.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
            from.checked_add_signed(Duration::days(i64::from(if ahead == 0 {
                7
            } else {
                ahead
            })))
        }
    }
}

pub(crate) fn in_season(season: &Season, day: NaiveDate) -> bool {
    let d = MonthDay {
        month: day.month(),
        day: day.day(),
    };
    if season.from_next.is_none() {
        return if season.from <= season.to {
            season.from <= d && d <= season.to
        } else {
            // Wraps over the new year (e.g. 12-15 to 01-05).
            d >= season.from || d <= season.to
        };
    }
    let started = season_start(season, day.year()).is_some_and(|s| s <= day);
    if season.from <= season.to {
        started && d <= season.to
    } else {
        started || d <= season.to
    }
}

/// Whether the file's ban-day list names `day` for a leg through `regions`.
fn listed(policy: &Policy, day: NaiveDate, regions: Option<&[Region]>, eve_only: bool) -> bool {
    let list = &policy.file.ban_days;
    let first = list.partition_point(|b| b.date < day);
    list[first..]
        .iter()
        .take_while(|b| b.date == day)
        .any(|b| (!eve_only || b.eve) && b.applies_to(regions))
}

/// Whether `day` starts a window of `ban` on a leg through `regions`.
fn is_ban_day(
    ban: &DrivingBan,
    policy: &Policy,
    day: NaiveDate,
    regions: Option<&[Region]>,
) -> bool {
    if !ban.season.as_ref().is_none_or(|s| in_season(s, day)) {
        return false;
    }
    ban.days.contains(&day.weekday())
        || (ban.public_holidays
            && policy
                .file
                .holidays
                .binary_search_by(|h| h.date.cmp(&day))
                .is_ok())
        || (ban.ban_days && listed(policy, day, regions, false))
        || (ban.eve_of_ban_days
            && !listed(policy, day, regions, false)
            && day
                .succ_opt()
                .is_some_and(|next| listed(policy, next, regions, true)))
}

/// The first window of `ban` that overlaps `[from, until)` on a leg through `regions`.
pub(crate) fn first_overlap(
    ban: &DrivingBan,
    policy: &Policy,
    regions: Option<&[Region]>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Option<Window> {
    let tz = policy.tz;
    // A window may start the local day before `from` and run past midnight into it.
    let mut day = from.with_timezone(&tz).date_naive().pred_opt()?;
    let last = until.with_timezone(&tz).date_naive();
    while day <= last {
        if is_ban_day(ban, policy, day, regions) {
            let start_local = day.and_time(ban.from);
            let end_day = if ban.to > ban.from {
                day
            } else {
                day.succ_opt()?
            };
            let start = to_utc(tz, start_local, false);
            let end = to_utc(tz, end_day.and_time(ban.to), true);
            if from < end && start < until {
                return Some(Window { day, start, end });
            }
        }
        day = day.succ_opt()?;
    }
    None
}

/// Why a vehicle falls under a ban.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Covered {
    /// Its mass class is above the ban's figure.
    Mass,
    /// It is (or, no configuration given, may be) a lorry with a trailer the ban covers.
    Trailer,
}

/// The mass a ban reads: the permissible maximum mass when given, else the actual gross mass.
fn ban_mass(v: &Vehicle) -> u32 {
    v.permissible_mass_kg.unwrap_or(v.gross_mass_kg)
}

/// Whether `v` counts as a lorry with a trailer under `clause`. Without a configuration, a
/// wheeled vehicle of three or more axles could be a combination (strict); two axles cannot.
fn tows_trailer(clause: &TrailerClause, v: &Vehicle) -> bool {
    match v.configuration {
        Some(c) => clause.configurations.contains(&c),
        None => {
            !clause.configurations.is_empty()
                && v.category == VehicleCategory::Wheeled
                && v.axles.len() >= 3
        }
    }
}

fn covered(ban: &DrivingBan, v: &Vehicle) -> Option<Covered> {
    let mass = ban_mass(v);
    if mass > ban.vehicles_above_kg {
        return Some(Covered::Mass);
    }
    ban.with_trailer
        .as_ref()
        .filter(|t| mass > t.above_kg && tows_trailer(t, v))
        .map(|_| Covered::Trailer)
}

/// Words for why the ban covers `v`.
fn why(ban: &DrivingBan, v: &Vehicle, reason: Covered) -> String {
    let mass = match v.permissible_mass_kg {
        Some(p) => format!("{} kg permissible mass", grouped(p.into())),
        None => format!(
            "{} kg (actual mass; no permissible mass given)",
            grouped(v.gross_mass_kg.into())
        ),
    };
    match (reason, v.configuration) {
        (Covered::Mass, _) => format!(
            "vehicles above {} kg; {} is {mass}",
            grouped(ban.vehicles_above_kg.into()),
            v.label
        ),
        (Covered::Trailer, Some(c)) => format!(
            "lorries with a trailer; {} is a {} combination of {mass}",
            v.label,
            serde_json::to_value(c)
                .ok()
                .and_then(|s| s.as_str().map(str::to_owned))
                .unwrap_or_default()
        ),
        (Covered::Trailer, None) => format!(
            "lorries with a trailer; {} has {} axles and no configuration given, so it may be one ({mass})",
            v.label,
            v.axles.len()
        ),
    }
}

/// A finding for each ban whose window overlaps one of the nation's legs while a vehicle the
/// ban covers is in the convoy.
pub(super) fn check(
    movement: &Movement,
    policy: &Policy,
    legs: &[(usize, &Leg)],
    out: &mut Vec<Finding>,
) {
    for ban in &policy.file.driving_bans {
        // The vehicle named in the message: by mass if any, else a combination; heaviest first.
        let Some((vehicle, reason)) = movement
            .vehicles
            .iter()
            .filter_map(|v| covered(ban, v).map(|r| (v, r)))
            .max_by_key(|(v, r)| (*r == Covered::Mass, ban_mass(v)))
        else {
            continue;
        };
        for &(j, leg) in legs {
            let Some(w) = first_overlap(
                ban,
                policy,
                leg.regions.as_deref(),
                leg.entry_at,
                leg.exit_at,
            ) else {
                continue;
            };
            let tz = policy.tz;
            let inside_from = w.start.max(leg.entry_at).with_timezone(&tz);
            let inside_until = w.end.min(leg.exit_at).with_timezone(&tz);
            let m = &ban.military;
            let roads = ban.roads.as_ref().map_or_else(String::new, |r| {
                format!("; it covers {r} only, and the notification does not name its roads, so it is read as applying")
            });
            out.push(Finding {
                rule: ban.rule.clone(),
                severity: m.severity,
                message: format!(
                    "convoy in {} on {} {} from {} to {} local time, within the {} ({}–{}, {}){roads}; military movements: {} — {}",
                    policy.file.name,
                    weekday(w.day.weekday()),
                    w.day,
                    inside_from.format("%H:%M"),
                    inside_until.format("%H:%M"),
                    ban.name,
                    ban.from.format("%H:%M"),
                    ban.to.format("%H:%M"),
                    why(ban, vehicle, reason),
                    m.exemption.as_str(),
                    m.statement
                ),
                subject: format!("itinerary[{j}]"),
                source: ban.source.clone(),
                stage: m.stage.clone(),
                condition: m.condition.clone(),
                vehicles: Vec::new(),
                cargo: Vec::new(),
                folded: 0,
            });
        }
    }
}

fn weekday(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}
