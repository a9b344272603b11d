//! A rejected input field, named by its path in the request body.

use serde::Serialize;

use crate::i18n::{msg, Lang, Msg};

/// One failing field: `field` is a path such as `vehicles[2].axles[1].load_kg`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Path of the field in the request body (`""` for the body as a whole).
    pub field: String,
    /// What is wrong with it, for a human (in English).
    pub message: String,
    /// The same, to be put into the reader's language.
    #[serde(skip)]
    pub text: Msg,
}

impl FieldError {
    /// A failing field at `field` with a human `message` (a `Msg`, or a text without translation).
    pub fn new(field: impl Into<String>, message: impl Into<Msg>) -> Self {
        let text = message.into();
        Self {
            field: field.into(),
            message: text.render(Lang::En),
            text,
        }
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        self.text.render(lang)
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

fn describe(e: &validator::ValidationError) -> Msg {
    if let Some(m) = &e.message {
        return Msg::plain(m.to_string());
    }
    let p = |k: &str| e.params.get(k).map(|v| v.to_string());
    match e.code.as_ref() {
        "range" => match (p("min"), p("max")) {
            (Some(min), Some(max)) => msg!("problem-field-range", min = min, max = max),
            (Some(min), None) => msg!("problem-field-min", min = min),
            (None, Some(max)) => msg!("problem-field-max", max = max),
            _ => msg!("problem-field-out-of-range"),
        },
        "length" => match (p("equal"), p("min"), p("max")) {
            (Some(eq), _, _) => msg!("problem-field-length-exactly", equal = eq),
            (_, Some(min), Some(max)) => msg!("problem-field-length-range", min = min, max = max),
            (_, Some(min), None) => msg!("problem-field-length-min", min = min),
            (_, None, Some(max)) => msg!("problem-field-length-max", max = max),
            _ => msg!("problem-field-length-wrong"),
        },
        code => msg!("problem-field-invalid", code = code),
    }
}
