//! ISO 8601 durations as policy files write them (`PT6H`, `P3D`, `PT5S`, `P1DT12H`).

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::values::Holiday;

/// A duration of whole days and seconds. Days stay apart from hours because, on a working-time
/// basis, `P1D` means one working day, not 24 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct IsoDuration {
    /// Whole days (`P3D`).
    pub days: u32,
    /// Seconds of the time part (`PT6H30M` = 23 400).
    pub seconds: u64,
}

impl IsoDuration {
    /// Parses `PnDTnHnMnS` (weeks `PnW` too); years and months are refused as ambiguous.
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not an ISO 8601 duration such as PT6H, P3D or P1DT12H");
        let rest = s.strip_prefix('P').ok_or_else(bad)?;
        if rest.is_empty() || rest == "T" {
            return Err(bad());
        }
        let (date, time) = match rest.split_once('T') {
            Some((d, t)) if !t.is_empty() => (d, Some(t)),
            Some(_) => return Err(bad()),
            None => (rest, None),
        };
        let mut out = IsoDuration::default();
        for (n, unit) in components(date).ok_or_else(bad)? {
            match unit {
                'W' => {
                    out.days = out
                        .days
                        .checked_add(n.checked_mul(7).ok_or_else(bad)?)
                        .ok_or_else(bad)?
                }
                'D' => out.days = out.days.checked_add(n).ok_or_else(bad)?,
                'Y' | 'M' => {
                    return Err(format!(
                        "`{s}`: years and months have no fixed length; use days"
                    ))
                }
                _ => return Err(bad()),
            }
        }
        if let Some(t) = time {
            for (n, unit) in components(t).ok_or_else(bad)? {
                let mult = match unit {
                    'H' => 3600,
                    'M' => 60,
                    'S' => 1,
                    _ => return Err(bad()),
                };
                out.seconds += u64::from(n) * mult;
            }
        }
        Ok(out)
    }

    /// Calendar length: days as 24 hours.
    pub fn to_chrono(self) -> chrono::Duration {
        chrono::Duration::days(i64::from(self.days))
            + chrono::Duration::seconds(self.seconds as i64)
    }
}

/// A notice period: calendar time, or whole working days of the nation.
///
/// Written as an ISO 8601 duration (`P30D`, `PT6H`: calendar time, a day is 24 hours) or as
/// `{working_days: 3}`. Working days are counted as Regulation (EEC, Euratom) No 1182/71 counts
/// them (Art. 2(2), 3(1), 3(2)(b)): every day but Saturdays, Sundays and the nation's public
/// holidays; the day of submission does not count; the period ends with the last hour of its
/// last working day, so the convoy may enter from the start of the following day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Notice {
    /// Calendar time.
    Calendar(IsoDuration),
    /// Whole working days in the nation's time zone, with its public holidays.
    WorkingDays(u32),
}

/// The wire shape of `{working_days: n}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkingDaysForm {
    working_days: u32,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::Calendar(d) => write!(f, "{d}"),
            Notice::WorkingDays(1) => write!(f, "1 working day"),
            Notice::WorkingDays(n) => write!(f, "{n} working days"),
        }
    }
}

impl Serialize for Notice {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Notice::Calendar(d) => d.serialize(s),
            Notice::WorkingDays(n) => WorkingDaysForm { working_days: *n }.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Notice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Notice;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "an ISO 8601 duration (calendar time, e.g. P30D or PT6H) or {working_days: n}",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Notice, E> {
                IsoDuration::parse(v)
                    .map(Notice::Calendar)
                    .map_err(E::custom)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Notice, A::Error> {
                let form = WorkingDaysForm::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                if form.working_days == 0 {
                    return Err(serde::de::Error::custom(
                        "working_days must be at least 1; write PT0S for no notice",
                    ));
                }
                Ok(Notice::WorkingDays(form.working_days))
            }
        }
        d.deserialize_any(V)
    }
}

/// Whether `date` is a working day: Monday to Friday and not in `holidays` (sorted by date, as
/// policy validation keeps them). Regulation 1182/71 Art. 2(2).
pub fn is_working_day(date: NaiveDate, holidays: &[Holiday]) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
        && holidays.binary_search_by(|h| h.date.cmp(&date)).is_err()
}

/// The last day of a period of `n` working days counted from an act on `start` (the day of the
/// act itself does not count, Regulation 1182/71 Art. 3(1)); None past the calendar's end.
pub fn working_days_end(start: NaiveDate, n: u32, holidays: &[Holiday]) -> Option<NaiveDate> {
    let mut day = start;
    let mut left = n;
    while left > 0 {
        day = day.succ_opt()?;
        if is_working_day(day, holidays) {
            left -= 1;
        }
    }
    Some(day)
}

/// Splits `3DT` style parts into (number, unit letter); None on anything else.
fn components(s: &str) -> Option<Vec<(u32, char)>> {
    let mut out = Vec::new();
    let mut num = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            num.push(c);
        } else {
            if num.is_empty() {
                return None;
            }
            out.push((num.parse().ok()?, c));
            num.clear();
        }
    }
    num.is_empty().then_some(out)
}

impl fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "P")?;
        if self.days > 0 {
            write!(f, "{}D", self.days)?;
        }
        if self.seconds > 0 || self.days == 0 {
            write!(f, "T")?;
            let (h, m, s) = (
                self.seconds / 3600,
                self.seconds / 60 % 60,
                self.seconds % 60,
            );
            if h > 0 {
                write!(f, "{h}H")?;
            }
            if m > 0 {
                write!(f, "{m}M")?;
            }
            if s > 0 || self.seconds == 0 {
                write!(f, "{s}S")?;
            }
        }
        Ok(())
    }
}

impl Serialize for IsoDuration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_policies_use() {
        assert_eq!(
            IsoDuration::parse("PT6H").unwrap(),
            IsoDuration {
                days: 0,
                seconds: 21_600
            }
        );
        assert_eq!(
            IsoDuration::parse("P3D").unwrap(),
            IsoDuration {
                days: 3,
                seconds: 0
            }
        );
        assert_eq!(
            IsoDuration::parse("P1DT12H30M5S").unwrap(),
            IsoDuration {
                days: 1,
                seconds: 45_005
            }
        );
        assert_eq!(
            IsoDuration::parse("PT5S").unwrap().to_chrono(),
            chrono::Duration::seconds(5)
        );
        assert_eq!(IsoDuration::parse("P2W").unwrap().days, 14);
        for bad in ["", "P", "PT", "6H", "P1M", "PT1.5H", "P1DT", "PTH"] {
            assert!(IsoDuration::parse(bad).is_err(), "{bad}");
        }
    }

    fn holiday(d: &str) -> Holiday {
        Holiday {
            date: d.parse().unwrap(),
            name: "test".into(),
        }
    }

    #[test]
    fn notices_read_as_calendar_time_or_working_days() {
        let n: Notice = serde_norway::from_str("P3D").unwrap();
        assert_eq!(n, Notice::Calendar(IsoDuration::parse("P3D").unwrap()));
        let n: Notice = serde_norway::from_str("{working_days: 3}").unwrap();
        assert_eq!(n, Notice::WorkingDays(3));
        assert_eq!(n.to_string(), "3 working days");
        assert_eq!(serde_json::to_string(&n).unwrap(), r#"{"working_days":3}"#);
        for bad in ["{working_days: 0}", "{days: 3}", "P1M", "3"] {
            assert!(serde_norway::from_str::<Notice>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn working_days_skip_weekends_and_holidays_and_not_the_day_of_the_act() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        // Regulation 1182/71: from Wednesday 2 December 2026, three working days are Thursday,
        // Friday and Monday.
        assert_eq!(
            working_days_end(d("2026-12-02"), 3, &[]),
            Some(d("2026-12-07"))
        );
        // From Friday: Monday, Tuesday, Wednesday.
        assert_eq!(
            working_days_end(d("2026-12-04"), 3, &[]),
            Some(d("2026-12-09"))
        );
        // From Saturday or Sunday the same.
        assert_eq!(
            working_days_end(d("2026-12-05"), 3, &[]),
            Some(d("2026-12-09"))
        );
        // A holiday on the way adds a day: 24-26 December 2026 (Thu-Sat) closed.
        let xmas = [
            holiday("2026-12-24"),
            holiday("2026-12-25"),
            holiday("2026-12-26"),
        ];
        assert_eq!(
            working_days_end(d("2026-12-22"), 3, &xmas),
            Some(d("2026-12-29"))
        );
        assert_eq!(
            working_days_end(d("2026-12-22"), 3, &[]),
            Some(d("2026-12-25"))
        );
        assert!(is_working_day(d("2026-12-23"), &xmas));
        assert!(!is_working_day(d("2026-12-24"), &xmas));
        assert!(!is_working_day(d("2026-12-27"), &xmas));
    }

    #[test]
    fn displays_back_to_iso() {
        for s in ["PT6H", "P3D", "P1DT12H30M5S", "PT0S", "PT5S"] {
            assert_eq!(IsoDuration::parse(s).unwrap().to_string(), s);
        }
    }
}
