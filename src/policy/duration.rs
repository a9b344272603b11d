//! ISO 8601 durations as policy files write them (`PT6H`, `P3D`, `PT5S`, `P1DT12H`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

    #[test]
    fn displays_back_to_iso() {
        for s in ["PT6H", "P3D", "P1DT12H30M5S", "PT0S", "PT5S"] {
            assert_eq!(IsoDuration::parse(s).unwrap().to_string(), s);
        }
    }
}
