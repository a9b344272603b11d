//! What a standing authorisation is made of: the envelope one nation approved, who may move
//! under it and where it stands. Built by `standing::envelope`, judged by `standing::matching`,
//! stored by `store::standing`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::wire::wire_enum;
use super::{Nation, Priority, Region, VehicleCategory};

wire_enum! {
    /// Who may move under a standing authorisation.
    Holders {
        /// The requesting unit only (as approved).
        Unit,
        /// Every unit of the requesting nation (widened by the approving nation's coordinator).
        Nation,
    }
}

wire_enum! {
    /// Where a standing authorisation is in its life.
    StandingStatus {
        /// Movements inside it clear at once.
        Active,
        /// Held by the approving coordinator; may be resumed.
        Suspended,
        /// Ended by the approving coordinator; final.
        Revoked,
        /// Its window has ended; final.
        Expired,
        /// The standing notification was amended or withdrawn, so this approval no longer stands.
        Lapsed,
    }
}

impl StandingStatus {
    /// Whether nothing can change it any more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            StandingStatus::Revoked | StandingStatus::Expired | StandingStatus::Lapsed
        )
    }
}

/// One approved vehicle type: a movement's vehicle of this type must stay within every figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VehicleType {
    /// The type as the standing notification named it.
    pub label: String,
    /// Wheeled or tracked.
    pub category: VehicleCategory,
    /// How many of this type at most.
    pub count: u32,
    /// Gross mass of one, in kg.
    pub gross_mass_kg: u32,
    /// Heaviest axle (or road-wheel station), in kg.
    pub max_axle_kg: u32,
    /// Length in mm.
    pub length_mm: u32,
    /// Width in mm.
    pub width_mm: u32,
    /// Height in mm.
    pub height_mm: u32,
    /// Military Load Classification.
    pub mlc: u16,
}

/// One approved dangerous good: its UN number and the most that may travel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goods {
    /// UN number, four digits.
    pub un_number: String,
    /// Total quantity approved, in kg (all cargo lines of this UN number together).
    pub quantity_kg: u64,
}

/// One approved passage through the nation: entry and exit, and the regions where given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Entry point (border crossing or start).
    pub entry_point: String,
    /// Exit point (border crossing or destination).
    pub exit_point: String,
    /// Regions approved; absent: the whole nation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<Region>>,
}

/// What one nation approved under one standing authorisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// The approving nation.
    pub nation: Nation,
    /// That nation's permit number for the standing authorisation.
    pub permit_number: String,
    /// The requesting nation.
    pub holder_nation: Nation,
    /// The requesting unit.
    pub holder_unit: String,
    /// First moment a movement may start.
    pub valid_from: DateTime<Utc>,
    /// Last moment a movement may end.
    pub valid_until: DateTime<Utc>,
    /// Vehicle types approved.
    pub vehicle_types: Vec<VehicleType>,
    /// Dangerous goods approved.
    pub goods: Vec<Goods>,
    /// Priorities covered.
    pub priorities: Vec<Priority>,
    /// The nation's part of the route.
    pub passages: Vec<Passage>,
    /// Rules whose `condition`, `review` or `block` findings the approval looked at (a waived
    /// block included): the same finding on a single movement needs no second look.
    pub covered_rules: Vec<String>,
    /// Conditions the approval attached; every movement under it carries them.
    pub conditions: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_holders_keep_their_stored_names() {
        let names: Vec<&str> = StandingStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            names,
            ["active", "suspended", "revoked", "expired", "lapsed"]
        );
        assert_eq!(Holders::Unit.as_str(), "unit");
        assert_eq!("nation".parse::<Holders>(), Ok(Holders::Nation));
        assert_eq!(
            "lapsd".parse::<StandingStatus>().unwrap_err(),
            "`lapsd` is not one of active, suspended, revoked, expired, lapsed"
        );
        assert!(StandingStatus::Lapsed.is_final() && !StandingStatus::Suspended.is_final());
    }
}
