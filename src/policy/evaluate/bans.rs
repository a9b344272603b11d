//! Driving bans: weekday, public-holiday and seasonal windows in the nation's time zone.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::grouped;
use crate::domain::{Finding, Leg, Movement};
use crate::policy::load::Policy;
use crate::policy::tables::{DrivingBan, MonthDay, Season};

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
fn to_utc(tz: Tz, local: NaiveDateTime, is_end: bool) -> DateTime<Utc> {
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

fn in_season(season: &Season, day: NaiveDate) -> bool {
    let d = MonthDay {
        month: day.month(),
        day: day.day(),
    };
    if season.from <= season.to {
        season.from <= d && d <= season.to
    } else {
        // Wraps over the new year (e.g. 12-15 to 01-05).
        d >= season.from || d <= season.to
    }
}

/// Whether `day` starts a window of `ban`.
fn is_ban_day(ban: &DrivingBan, policy: &Policy, day: NaiveDate) -> bool {
    let by_weekday = ban.days.contains(&day.weekday());
    let by_holiday = ban.public_holidays
        && policy
            .file
            .holidays
            .binary_search_by(|h| h.date.cmp(&day))
            .is_ok();
    (by_weekday || by_holiday) && ban.season.as_ref().is_none_or(|s| in_season(s, day))
}

/// The first window of `ban` that overlaps `[from, until)`.
pub(crate) fn first_overlap(
    ban: &DrivingBan,
    policy: &Policy,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Option<Window> {
    let tz = policy.tz;
    // A window may start the local day before `from` and run past midnight into it.
    let mut day = from.with_timezone(&tz).date_naive().pred_opt()?;
    let last = until.with_timezone(&tz).date_naive();
    while day <= last {
        if is_ban_day(ban, policy, day) {
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

/// A finding for each ban whose window overlaps one of the nation's legs while a vehicle
/// heavy enough for it is in the convoy.
pub(super) fn check(
    movement: &Movement,
    policy: &Policy,
    legs: &[(usize, &Leg)],
    out: &mut Vec<Finding>,
) {
    for ban in &policy.file.driving_bans {
        let Some(heaviest) = movement
            .vehicles
            .iter()
            .filter(|v| v.gross_mass_kg > ban.vehicles_above_kg)
            .max_by_key(|v| v.gross_mass_kg)
        else {
            continue;
        };
        for &(j, leg) in legs {
            let Some(w) = first_overlap(ban, policy, leg.entry_at, leg.exit_at) else {
                continue;
            };
            let tz = policy.tz;
            let inside_from = w.start.max(leg.entry_at).with_timezone(&tz);
            let inside_until = w.end.min(leg.exit_at).with_timezone(&tz);
            let m = &ban.military;
            out.push(Finding {
                rule: ban.rule.clone(),
                severity: m.severity,
                message: format!(
                    "convoy in {} on {} {} from {} to {} local time, within the {} ({}–{}, vehicles above {} kg; {} is {} kg); military movements: {} — {}",
                    policy.file.name,
                    w.day.format("%a"),
                    w.day,
                    inside_from.format("%H:%M"),
                    inside_until.format("%H:%M"),
                    ban.name,
                    ban.from.format("%H:%M"),
                    ban.to.format("%H:%M"),
                    grouped(ban.vehicles_above_kg.into()),
                    heaviest.label,
                    grouped(heaviest.gross_mass_kg.into()),
                    m.exemption.as_str(),
                    m.statement
                ),
                subject: format!("itinerary[{j}]"),
                source: ban.source.clone(),
                stage: m.stage.clone(),
                condition: m.condition.clone(),
            });
        }
    }
}
