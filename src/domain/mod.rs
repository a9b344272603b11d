//! Types of the movement world: notification, itinerary, vehicle, cargo, status.

mod field_error;
mod finding;
mod movement;
mod nation;
mod notification;
mod preset;
mod region;
mod standing;
mod status;
pub(crate) mod wire;

pub use field_error::{validation_errors, FieldError};
pub use finding::{Finding, Severity, Waiver};
pub use movement::{
    AdrVehicleType, Configuration, Kind, Mode, Priority, TunnelCategory, UnNumber, VehicleCategory,
};
pub use nation::Nation;
pub use notification::{
    Axle, BridgeClasses, CargoLine, Leg, Movement, MovementInput, Requester, Validity, Vehicle,
    AXLE_SUM_TOLERANCE_PER_MILLE,
};
pub use preset::{
    path_name, PresetKind, TemplateInput, VehicleTypeInput, NAME_MAX_CHARS, PRESETS_PER_UNIT,
    TEMPLATE_MAX_BYTES, UNIT_MAX_CHARS,
};
pub use region::Region;
pub use standing::{Envelope, Goods, Holders, Passage, StandingStatus, VehicleType};
pub use status::{NotificationStatus, Outcome, Role, StageStatus};
pub use status::{OutboxStatus, TimerKind, TimerStatus};

/// A valid sample movement for unit tests of other core modules.
#[cfg(test)]
pub(crate) use notification::tests::sample_json;
