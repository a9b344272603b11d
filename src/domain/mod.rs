//! Types of the movement world: notification, itinerary, vehicle, cargo, status.

mod field_error;

pub use field_error::FieldError;
