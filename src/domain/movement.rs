//! What a movement is: priority, kind, mode and the typed codes it is made of.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How urgent the movement is; sets every SLA and the overall target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Peacetime planning (target about 3 working days).
    Routine,
    /// Expedited.
    Priority,
    /// Crisis (target 24–48 hours, 6 hours where a nation sets an emergency target).
    Crisis,
}

impl Priority {
    /// All priorities, lowest first.
    pub const ALL: [Priority; 3] = [Priority::Routine, Priority::Priority, Priority::Crisis];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Routine => "routine",
            Priority::Priority => "priority",
            Priority::Crisis => "crisis",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Priority {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Priority::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| format!("`{s}` is not one of routine, priority, crisis"))
    }
}

/// A single movement, or a standing (annual) pre-authorisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One movement on the given dates.
    Single,
    /// Repeated movements on this route within a validity window.
    Standing,
}

/// How the convoy travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Public roads.
    Road,
    /// Rail.
    Rail,
}

/// Wheeled or tracked: bridges and roads treat them differently (MLC tables, track damage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VehicleCategory {
    /// Wheeled vehicle.
    Wheeled,
    /// Tracked vehicle.
    Tracked,
}

/// How a vehicle is built, as Directive 96/53/EC Annex I distinguishes lengths and masses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Configuration {
    /// A motor vehicle or trailer on its own (12 m).
    Rigid,
    /// A tractor with a semi-trailer (16.5 m).
    Articulated,
    /// A lorry with a drawbar trailer (18.75 m).
    RoadTrain,
}

/// ADR vehicle type (ADR 9.1.1.2, certificate of approval): what the vehicle is approved for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AdrVehicleType {
    /// EX/II: explosives within the EX/II limits of ADR 7.5.5.2.1.
    #[serde(rename = "EX/II")]
    ExII,
    /// EX/III: explosives within the EX/III limits of ADR 7.5.5.2.1.
    #[serde(rename = "EX/III")]
    ExIII,
    /// FL: flammable liquids and gases in tanks; not an explosives vehicle.
    #[serde(rename = "FL")]
    Fl,
    /// AT: other tank vehicles; not an explosives vehicle.
    #[serde(rename = "AT")]
    At,
}

impl AdrVehicleType {
    /// As ADR writes it (`EX/II`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ExII => "EX/II",
            Self::ExIII => "EX/III",
            Self::Fl => "FL",
            Self::At => "AT",
        }
    }
}

/// ADR road tunnel category (1.9.5.1): A is unrestricted, E the most restrictive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TunnelCategory {
    /// No restriction for dangerous goods.
    A,
    /// Restricts goods that may cause a very large explosion.
    B,
    /// Also a large explosion or large toxic release.
    C,
    /// Also a large fire.
    D,
    /// All dangerous goods but a few.
    E,
}

/// A UN number: four digits, as in the ADR dangerous goods list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnNumber([u8; 4]);

impl UnNumber {
    /// Parses four ASCII digits such as `0181`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let b = s.as_bytes();
        if b.len() == 4 && b.iter().all(u8::is_ascii_digit) {
            Ok(Self([b[0], b[1], b[2], b[3]]))
        } else {
            Err(format!("`{s}` is not a UN number of four digits"))
        }
    }

    /// The four digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("????")
    }
}

impl fmt::Display for UnNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UN {}", self.as_str())
    }
}

impl std::str::FromStr for UnNumber {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for UnNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for UnNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn un_numbers_are_four_digits() {
        assert_eq!(UnNumber::parse("0012").unwrap().as_str(), "0012");
        assert!(UnNumber::parse("12").is_err());
        assert!(UnNumber::parse("01a2").is_err());
        assert!(serde_json::from_str::<UnNumber>("\"12345\"").is_err());
    }

    #[test]
    fn tunnel_categories_order_from_least_to_most_restrictive() {
        assert!(TunnelCategory::A < TunnelCategory::B && TunnelCategory::D < TunnelCategory::E);
    }

    #[test]
    fn priorities_parse_by_wire_name() {
        assert_eq!("crisis".parse::<Priority>().unwrap(), Priority::Crisis);
        assert!("urgent".parse::<Priority>().is_err());
    }
}
