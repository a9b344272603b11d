//! Regions of a nation (ISO 3166-2 subdivision codes such as `DE-BY`), where a rule differs by
//! region: Germany's Länder keep different holidays, and StVO § 30(4) bans on some of them only.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::nation::Nation;

/// An ISO 3166-2 subdivision code: the country's two letters, a hyphen, one to three letters or
/// digits (`DE-BY`, `CZ-10`, `PL-14`). Stored inline; no allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region {
    bytes: [u8; 6],
    len: u8,
}

impl Region {
    /// Parses `CC-XXX` in upper case.
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "`{s}` is not an ISO 3166-2 region code such as DE-BY (country code, hyphen, 1-3 capital letters or digits)"
            )
        };
        let b = s.as_bytes();
        if !(4..=6).contains(&b.len())
            || !b[..2].iter().all(u8::is_ascii_uppercase)
            || b[2] != b'-'
            || !b[3..]
                .iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            return Err(bad());
        }
        let mut bytes = [0u8; 6];
        bytes[..b.len()].copy_from_slice(b);
        Ok(Self {
            bytes,
            len: b.len() as u8,
        })
    }

    /// The code as written (`DE-BY`).
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("??-?")
    }

    /// The country part (`DE`).
    pub fn country(&self) -> &str {
        std::str::from_utf8(&self.bytes[..2]).unwrap_or("??")
    }

    /// Whether the code belongs to `nation`.
    pub fn is_in(&self, nation: Nation) -> bool {
        self.country() == nation.as_str()
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Region {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_3166_2_codes_parse() {
        for ok in ["DE-BY", "DE-NW", "CZ-10", "PL-14", "FR-75C", "EE-3"] {
            assert_eq!(Region::parse(ok).unwrap().as_str(), ok);
        }
        for bad in [
            "", "DE", "DE-", "de-by", "DE_BY", "DEU-BY", "DE-BAYE", "DE-by", "D1-BY",
        ] {
            assert!(Region::parse(bad).is_err(), "{bad}");
        }
        let by = Region::parse("DE-BY").unwrap();
        assert_eq!(by.country(), "DE");
        assert!(by.is_in(Nation::parse("DE").unwrap()));
        assert!(!by.is_in(Nation::parse("PL").unwrap()));
    }
}
