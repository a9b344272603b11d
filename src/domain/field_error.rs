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
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Flattens validator's nested errors into field paths such as `vehicles[0].axles[1].load_kg`.
pub fn validation_errors(errors: &validator::ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    flatten("", errors, &mut out);
    out
}

fn flatten(prefix: &str, errors: &validator::ValidationErrors, out: &mut Vec<FieldError>) {
    use validator::ValidationErrorsKind as K;
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            K::Field(list) => {
                for e in list {
                    out.push(FieldError::new(path.clone(), describe(e)));
                }
            }
            K::Struct(inner) => flatten(&path, inner, out),
            K::List(items) => {
                for (i, inner) in items {
                    flatten(&format!("{path}[{i}]"), inner, out);
                }
            }
        }
    }
}

fn describe(e: &validator::ValidationError) -> String {
    if let Some(m) = &e.message {
        return m.to_string();
    }
    let p = |k: &str| e.params.get(k).map(|v| v.to_string());
    match e.code.as_ref() {
        "range" => match (p("min"), p("max")) {
            (Some(min), Some(max)) => format!("must be between {min} and {max}"),
            (Some(min), None) => format!("must be at least {min}"),
            (None, Some(max)) => format!("must be at most {max}"),
            _ => "out of range".into(),
        },
        "length" => match (p("equal"), p("min"), p("max")) {
            (Some(eq), _, _) => format!("length must be exactly {eq}"),
            (_, Some(min), Some(max)) => format!("length must be between {min} and {max}"),
            (_, Some(min), None) => format!("length must be at least {min}"),
            (_, None, Some(max)) => format!("length must be at most {max}"),
            _ => "wrong length".into(),
        },
        code => format!("invalid ({code})"),
    }
}
