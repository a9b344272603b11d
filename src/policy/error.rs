//! Why a policy set was refused: the one error every part of loading reports in.

use std::fmt;

use serde::Serialize;

/// A reason a policy set was refused: which file, which field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyError {
    /// The file, as given to the loader (e.g. `policies/DE.yaml`).
    pub file: String,
    /// Path of the field in the file (`weights.gross_kg[2].limits_kg[0].above`, `line 12`).
    pub field: String,
    /// What is wrong, for the person who edits the file.
    pub message: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.field, self.message)
    }
}

impl std::error::Error for PolicyError {}
