//! ISO 3166-1 alpha-2 nation codes.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Every officially assigned ISO 3166-1 alpha-2 code, so a typo such as `GE` for Germany
/// still parses (Georgia) but `XX` or `UK` does not.
const ISO_3166_ALPHA2: &str =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH \
BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR \
GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR \
KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV \
MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE \
RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL \
TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// A nation, by its ISO 3166-1 alpha-2 code in upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nation([u8; 2]);

impl Nation {
    /// Parses an upper-case ISO 3166-1 alpha-2 code such as `DE`.
    pub fn parse(code: &str) -> Result<Self, String> {
        let bytes = code.as_bytes();
        if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_uppercase) {
            return Err(format!(
                "`{code}` is not an upper-case ISO 3166-1 alpha-2 code"
            ));
        }
        if !ISO_3166_ALPHA2.split_whitespace().any(|c| c == code) {
            return Err(format!(
                "`{code}` is not an assigned ISO 3166-1 alpha-2 code"
            ));
        }
        Ok(Self([bytes[0], bytes[1]]))
    }

    /// The two-letter code.
    pub fn as_str(&self) -> &str {
        // Only ASCII upper-case letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Display for Nation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Nation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for Nation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Nation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Self::parse(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_assigned_codes_only() {
        assert_eq!(Nation::parse("DE").unwrap().as_str(), "DE");
        assert!(Nation::parse("de").is_err());
        assert!(Nation::parse("XX").is_err());
        assert!(Nation::parse("UK").is_err(), "the United Kingdom is GB");
        assert!(Nation::parse("DEU").is_err());
    }

    #[test]
    fn round_trips_through_json() {
        let n: Nation = serde_json::from_str("\"PL\"").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"PL\"");
        assert!(serde_json::from_str::<Nation>("\"P1\"").is_err());
    }
}
