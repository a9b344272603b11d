//! Due times: working time inside a nation's office hours and holidays, or calendar time.
//!
//! Everything is computed in UTC; local time in the nation's zone only decides where the office
//! windows lie, so a DST change moves the windows and never the arithmetic.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::domain::Priority;
use crate::policy::{Holiday, IsoDuration, PolicyFile, WorkingHours};

/// Past a century a deadline means "never"; saturating keeps the day walk and arithmetic bounded.
const LONGEST: Duration = Duration::days(100 * 366);

/// `start` plus `d` of working time: `d.days` whole working days (one day = the window's
/// length) and `d.seconds` working seconds, counted inside the office window on working weekdays
/// that are not holidays, in local time of `tz`; a start outside hours begins at the next opening.
pub fn add_working(
    start: DateTime<Utc>,
    d: IsoDuration,
    hours: &WorkingHours,
    holidays: &[Holiday],
    tz: Tz,
) -> DateTime<Utc> {
    let window = hours.end.signed_duration_since(hours.start);
    if window <= Duration::zero() || hours.days.is_empty() {
        // A policy without office hours would never reach its deadline; calendar time is the
        // only answer that still watches the clock.
        return add_calendar(start, d);
    }
    let Some(mut left) = working_span(d, window) else {
        return DateTime::<Utc>::MAX_UTC;
    };
    let mut cursor = start;
    let mut date = start.with_timezone(&tz).date_naive();
    loop {
        if is_working_day(date, hours, holidays) {
            let (open, close) = office_window(date, hours, tz);
            cursor = cursor.max(open);
            if cursor <= close {
                let available = close - cursor;
                if left <= available {
                    return cursor + left;
                }
                left -= available;
            }
        }
        date = match date.succ_opt() {
            Some(next) => next,
            None => return DateTime::<Utc>::MAX_UTC,
        };
    }
}

/// Working time that lies between `from` and `to` (zero when `to` is not after `from`).
pub fn working_time_between(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    hours: &WorkingHours,
    holidays: &[Holiday],
    tz: Tz,
) -> Duration {
    if to <= from {
        return Duration::zero();
    }
    if hours.end <= hours.start || hours.days.is_empty() {
        return to - from;
    }
    let mut total = Duration::zero();
    let mut date = from.with_timezone(&tz).date_naive();
    let last = to.with_timezone(&tz).date_naive();
    while date <= last {
        if is_working_day(date, hours, holidays) {
            let (open, close) = office_window(date, hours, tz);
            let (a, b) = (open.max(from), close.min(to));
            if b > a {
                total += b - a;
            }
        }
        date = match date.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    total
}

/// `start` plus `d` in calendar time: a day is 24 hours.
pub fn add_calendar(start: DateTime<Utc>, d: IsoDuration) -> DateTime<Utc> {
    calendar_span(d)
        .and_then(|span| start.checked_add_signed(span))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// Whether the nation counts `priority` in working time rather than calendar time.
pub fn counts_working_time(policy: &PolicyFile, priority: Priority) -> bool {
    policy.working_time_for.contains(&priority)
}

/// Due time of a stage opened at `opened_at` with `sla`: working time when the policy counts
/// this priority in working time, calendar time otherwise.
pub fn stage_due(
    policy: &PolicyFile,
    tz: Tz,
    priority: Priority,
    opened_at: DateTime<Utc>,
    sla: IsoDuration,
) -> DateTime<Utc> {
    if counts_working_time(policy, priority) {
        add_working(opened_at, sla, &policy.working_hours, &policy.holidays, tz)
    } else {
        add_calendar(opened_at, sla)
    }
}

/// Due time of a national review: the priority's overall target from submission (same basis
/// rule as stages), and never later than departure minus the policy's margin.
pub fn review_due(
    policy: &PolicyFile,
    tz: Tz,
    priority: Priority,
    submitted_at: DateTime<Utc>,
    departure_at: DateTime<Utc>,
) -> DateTime<Utc> {
    let target = stage_due(
        policy,
        tz,
        priority,
        submitted_at,
        policy.targets.overall.get(priority),
    );
    let latest = calendar_span(policy.targets.departure_margin)
        .and_then(|margin| departure_at.checked_sub_signed(margin))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    target.min(latest)
}

/// `d` as calendar time, or None past the longest deadline worth computing.
pub(super) fn calendar_span(d: IsoDuration) -> Option<Duration> {
    let seconds = i64::try_from(d.seconds).ok()?;
    let span =
        Duration::try_days(i64::from(d.days))?.checked_add(&Duration::try_seconds(seconds)?)?;
    (span <= LONGEST).then_some(span)
}

/// `d` as working time, with each day one office window long.
fn working_span(d: IsoDuration, window: Duration) -> Option<Duration> {
    let seconds = i64::try_from(d.seconds).ok()?;
    let days = window.checked_mul(i32::try_from(d.days).ok()?)?;
    let span = days.checked_add(&Duration::try_seconds(seconds)?)?;
    (span <= LONGEST).then_some(span)
}

/// Whether the office is open on `date` at all.
fn is_working_day(date: NaiveDate, hours: &WorkingHours, holidays: &[Holiday]) -> bool {
    hours.days.contains(&date.weekday()) && !holidays.iter().any(|h| h.date == date)
}

/// Opening and closing instants of the office on `date`.
fn office_window(date: NaiveDate, hours: &WorkingHours, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        local_instant(date, hours.start, tz),
        local_instant(date, hours.end, tz),
    )
}

/// The instant of a local wall-clock time; a time inside a spring-forward gap moves to the
/// first valid quarter hour after it, and an ambiguous one takes the earlier instant.
fn local_instant(date: NaiveDate, time: NaiveTime, tz: Tz) -> DateTime<Utc> {
    let mut local = date.and_time(time);
    for _ in 0..96 {
        if let Some(at) = tz.from_local_datetime(&local).earliest() {
            return at.with_timezone(&Utc);
        }
        local = match local.checked_add_signed(Duration::minutes(15)) {
            Some(next) => next,
            None => break,
        };
    }
    // No zone has a gap of a day; reading the wall clock as UTC is the least surprising fallback.
    Utc.from_utc_datetime(&date.and_time(time))
}

/// When silence on a stage due at `stage_due_at` counts as consent: due time plus grace, and
/// only for the priorities the policy names.
pub fn deemed_consent_at(
    policy: &PolicyFile,
    priority: Priority,
    stage_due_at: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let consent = &policy.deemed_consent;
    consent
        .priorities
        .contains(&priority)
        .then(|| add_calendar(stage_due_at, consent.grace))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::test_policy::{berlin, iso, policy, tz, utc};

    fn working(start: DateTime<Utc>, d: &str) -> DateTime<Utc> {
        let p = policy();
        add_working(start, iso(d), &p.working_hours, &p.holidays, tz())
    }

    #[test]
    fn working_time_skips_the_weekend() {
        // Friday 15:00 + 4 working hours: 2 on Friday, 2 on Monday.
        assert_eq!(
            working(berlin(2026, 1, 16, 15, 0), "PT4H"),
            berlin(2026, 1, 19, 10, 0)
        );
        // One working day is one window (9 hours), not 24.
        assert_eq!(
            working(berlin(2026, 1, 16, 15, 0), "P1D"),
            berlin(2026, 1, 19, 15, 0)
        );
    }

    #[test]
    fn working_time_skips_holidays() {
        // Thursday before Easter 16:00 + 3 h: Good Friday, the weekend and Easter Monday are closed.
        assert_eq!(
            working(berlin(2026, 4, 2, 16, 0), "PT3H"),
            berlin(2026, 4, 7, 10, 0)
        );
    }

    #[test]
    fn working_time_follows_the_dst_change() {
        // Clocks go forward on Sunday 29 March 2026: Friday is UTC+1, Monday UTC+2.
        let due = working(berlin(2026, 3, 27, 12, 0), "PT8H");
        assert_eq!(due, berlin(2026, 3, 30, 11, 0));
        assert_eq!(due, utc(2026, 3, 30, 9, 0));
    }

    #[test]
    fn a_night_window_loses_the_skipped_hour() {
        // Office 01:00–05:00 every day: on 29 March 02:00–03:00 does not exist, so the window
        // holds three real hours and the fourth is worked on Monday.
        let mut p = policy();
        p.working_hours.days = (0..7)
            .filter_map(|n| chrono::Weekday::try_from(n).ok())
            .collect();
        p.working_hours.start = NaiveTime::from_hms_opt(1, 0, 0).expect("time");
        p.working_hours.end = NaiveTime::from_hms_opt(5, 0, 0).expect("time");
        let start = berlin(2026, 3, 29, 1, 0);
        assert_eq!(
            add_working(start, iso("PT4H"), &p.working_hours, &p.holidays, tz()),
            berlin(2026, 3, 30, 2, 0)
        );
    }

    #[test]
    fn start_outside_hours_begins_at_the_next_opening() {
        assert_eq!(
            working(berlin(2026, 1, 14, 6, 30), "PT1H"),
            berlin(2026, 1, 14, 9, 0)
        );
        assert_eq!(
            working(berlin(2026, 1, 14, 19, 0), "PT1H"),
            berlin(2026, 1, 15, 9, 0)
        );
        // Saturday morning waits for Monday.
        assert_eq!(
            working(berlin(2026, 1, 17, 10, 0), "PT30M"),
            berlin(2026, 1, 19, 8, 30)
        );
        // Ending exactly at closing time stays on that day.
        assert_eq!(
            working(berlin(2026, 1, 14, 8, 0), "PT9H"),
            berlin(2026, 1, 14, 17, 0)
        );
    }

    #[test]
    fn working_time_between_counts_only_office_hours() {
        let p = policy();
        let spent = working_time_between(
            berlin(2026, 1, 16, 15, 0),
            berlin(2026, 1, 19, 10, 0),
            &p.working_hours,
            &p.holidays,
            tz(),
        );
        assert_eq!(spent, Duration::hours(4));
    }

    #[test]
    fn crisis_counts_calendar_hours() {
        let p = policy();
        // Saturday night: crisis work does not wait for Monday.
        let opened = berlin(2026, 1, 17, 23, 0);
        assert_eq!(
            stage_due(&p, tz(), Priority::Crisis, opened, iso("PT6H")),
            opened + Duration::hours(6)
        );
        assert_eq!(
            stage_due(&p, tz(), Priority::Routine, opened, iso("PT6H")),
            berlin(2026, 1, 19, 14, 0)
        );
    }

    #[test]
    fn review_due_is_target_or_departure_margin() {
        let p = policy();
        let submitted = utc(2026, 1, 14, 10, 0);
        let far = utc(2026, 2, 1, 0, 0);
        assert_eq!(
            review_due(&p, tz(), Priority::Crisis, submitted, far),
            submitted + Duration::hours(24)
        );
        // Departure in 12 hours: due 2 hours before it.
        let soon = submitted + Duration::hours(12);
        assert_eq!(
            review_due(&p, tz(), Priority::Crisis, submitted, soon),
            soon - Duration::hours(2)
        );
        // Routine: three working days from Wednesday 11:00 local is Monday 11:00.
        assert_eq!(
            review_due(&p, tz(), Priority::Routine, submitted, far),
            berlin(2026, 1, 19, 11, 0)
        );
    }

    #[test]
    fn absurd_durations_saturate_instead_of_overflowing() {
        let start = utc(2026, 1, 14, 10, 0);
        let huge = IsoDuration {
            days: u32::MAX,
            seconds: u64::MAX,
        };
        assert_eq!(add_calendar(start, huge), DateTime::<Utc>::MAX_UTC);
        assert_eq!(working(start, "P100000D"), DateTime::<Utc>::MAX_UTC);
    }
}
