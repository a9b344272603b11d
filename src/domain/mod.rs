//! Types of the movement world: notification, itinerary, vehicle, cargo, status.

mod field_error;
mod finding;
mod movement;
mod nation;
mod notification;
mod region;
mod status;

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
pub use region::Region;
pub use status::{NotificationStatus, Outcome, Role, StageStatus};

/// A valid sample movement for unit tests of other core modules.
#[cfg(test)]
pub(crate) use notification::tests::sample_json;
