//! A unit's saved vehicle types and notification templates (the planner's form, issue 16):
//! their names and bodies, checked before anything is stored.

use serde::{Deserialize, Serialize};

use super::field_error::FieldError;
use super::notification::Vehicle;

/// How many vehicle types, and how many templates, one unit may keep.
pub const PRESETS_PER_UNIT: usize = 200;

/// The largest template form, in bytes of JSON.
pub const TEMPLATE_MAX_BYTES: usize = 64 * 1024;

/// The longest preset name, in characters.
pub const NAME_MAX_CHARS: usize = 80;

/// The longest unit name, in characters (as a movement's `requester.unit`).
pub const UNIT_MAX_CHARS: usize = 120;

/// What a unit keeps: a vehicle type or a whole form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PresetKind {
    /// A vehicle with its axles and dimensions.
    VehicleType,
    /// A movement notification's form, possibly incomplete.
    Template,
}

impl PresetKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VehicleType => "vehicle_type",
            Self::Template => "template",
        }
    }
}

impl std::str::FromStr for PresetKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "vehicle_type" => Ok(Self::VehicleType),
            "template" => Ok(Self::Template),
            _ => Err(format!("`{s}` is not vehicle_type or template")),
        }
    }
}

/// A name as given in a path (`field` names it in the error): 1 to `max` characters, no
/// control characters, no space at either end (two names differing by a space would look alike).
pub fn path_name(field: &str, s: &str, max: usize) -> Result<String, FieldError> {
    let n = s.chars().count();
    if n == 0 || n > max {
        return Err(FieldError::new(
            field,
            format!("must be 1 to {max} characters"),
        ));
    }
    if s.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            "must not contain control characters",
        ));
    }
    if s.trim() != s {
        return Err(FieldError::new(field, "must not start or end with a space"));
    }
    Ok(s.to_string())
}

/// The body of `PUT …/vehicle-types/{name}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VehicleTypeInput {
    /// The vehicle as a submission gives it.
    pub vehicle: Vehicle,
}

impl VehicleTypeInput {
    /// Every field and cross-field rule of the vehicle (as a submission checks it).
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        self.vehicle.check("vehicle")
    }
}

/// The body of `PUT …/templates/{name}`: the form as the page keeps it, possibly incomplete
/// (a draft), so only its size is bounded; a submission checks it in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateInput {
    /// The form: a movement notification in the submission's shape, any part missing.
    pub form: serde_json::Map<String, serde_json::Value>,
}

impl TemplateInput {
    /// The form's size.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let bytes = serde_json::to_vec(&self.form).map_or(usize::MAX, |v| v.len());
        if bytes > TEMPLATE_MAX_BYTES {
            return Err(vec![FieldError::new(
                "form",
                format!("is {bytes} bytes of JSON; at most {TEMPLATE_MAX_BYTES}"),
            )]);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_bounded_printable_and_trimmed() {
        assert_eq!(path_name("name", "HET 8x8", 80).unwrap(), "HET 8x8");
        assert_eq!(path_name("name", "", 80).unwrap_err().field, "name");
        assert!(path_name("name", &"x".repeat(81), 80).is_err());
        assert!(path_name("name", &"ż".repeat(80), 80).is_ok());
        assert!(path_name("name", "a\u{0}b", 80).is_err());
        assert!(path_name("name", " lead", 80).is_err());
        assert!(path_name("unit", "43 Bde", UNIT_MAX_CHARS).is_ok());
    }

    #[test]
    fn a_vehicle_type_is_checked_as_a_submission_checks_its_vehicles() {
        let mut v: serde_json::Value = crate::domain::sample_json()["vehicles"][0].clone();
        let ok: VehicleTypeInput =
            serde_json::from_value(serde_json::json!({ "vehicle": v })).expect("sample vehicle");
        assert!(ok.check().is_ok());
        v["axles"][0]["load_kg"] = serde_json::json!(0);
        v["gross_mass_kg"] = serde_json::json!(100);
        let bad: VehicleTypeInput =
            serde_json::from_value(serde_json::json!({ "vehicle": v })).expect("shape");
        let fields: Vec<String> = bad
            .check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert!(
            fields.contains(&"vehicle.axles[0].load_kg".to_string()),
            "{fields:?}"
        );
        assert!(fields.contains(&"vehicle.axles".to_string()), "{fields:?}");
    }

    #[test]
    fn a_template_is_bounded_in_size_only() {
        let small: TemplateInput =
            serde_json::from_value(serde_json::json!({"form": {"priority": "crisis"}})).unwrap();
        assert!(small.check().is_ok());
        let big: TemplateInput = serde_json::from_value(
            serde_json::json!({"form": {"x": "y".repeat(TEMPLATE_MAX_BYTES)}}),
        )
        .unwrap();
        assert_eq!(big.check().unwrap_err()[0].field, "form");
        assert!(serde_json::from_value::<TemplateInput>(serde_json::json!({"form": []})).is_err());
    }

    #[test]
    fn kinds_round_trip_their_stored_names() {
        for k in [PresetKind::VehicleType, PresetKind::Template] {
            assert_eq!(k.as_str().parse::<PresetKind>().unwrap(), k);
        }
        assert!("fleet".parse::<PresetKind>().is_err());
    }
}
