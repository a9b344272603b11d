//! A rejected input field, named by its path in the request body.

use serde::Serialize;

/// One failing field: `field` is a path such as `vehicles[2].axles[1].load_kg`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Path of the field in the request body (`""` for the body as a whole).
    pub field: String,
    /// What is wrong with it, for a human.
    pub message: String,
}

impl FieldError {
    /// A failing field at `field` with a human `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}
