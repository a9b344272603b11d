//! Languages (issue 16): the four languages Corridor speaks, which one a reader gets, and
//! messages formatted from the Fluent files in `locales/` (embedded at build time).
//!
//! Pure: no I/O at run time. A message missing in a language falls back to English, and one
//! missing everywhere reads as its id; nothing here panics on a request path.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

#[cfg(test)]
mod tests;

/// A language Corridor's texts exist in.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::Display,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Lang {
    /// English, the fallback.
    #[default]
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Polish.
    Pl,
}

/// The message files, one per language, as they are in `locales/`.
const SOURCES: [(Lang, &str); 4] = [
    (Lang::En, include_str!("../../locales/en.ftl")),
    (Lang::De, include_str!("../../locales/de.ftl")),
    (Lang::Fr, include_str!("../../locales/fr.ftl")),
    (Lang::Pl, include_str!("../../locales/pl.ftl")),
];

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::De, Lang::Fr, Lang::Pl];

    /// The code as stored and sent (`en`, `de`, `fr`, `pl`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The language of a tag such as `de`, `de-DE` or `PL` (its primary subtag); `None` for a
    /// language Corridor does not speak.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(primary))
    }

    /// The reader's language: their own setting first, then the best language of an
    /// `Accept-Language` header Corridor speaks (by q-value, in header order on ties), else
    /// English.
    pub fn negotiate(user_setting: Option<&str>, accept_language: Option<&str>) -> Lang {
        user_setting
            .and_then(Lang::parse)
            .or_else(|| accept_language.and_then(best_accepted))
            .unwrap_or_default()
    }

    /// The codes, comma-separated (`en, de, fr, pl`), for messages.
    pub fn codes() -> String {
        Lang::ALL.map(Lang::as_str).join(", ")
    }

    /// The locale tag for formatting dates (`en-GB`, `de-DE`, `fr-FR`, `pl-PL`).
    pub fn locale(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::De => "de-DE",
            Lang::Fr => "fr-FR",
            Lang::Pl => "pl-PL",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    /// Exactly a code Corridor speaks (`en`, `de`, `fr`, `pl`), as stored and sent.
    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| format!("`{s}` is not one of {}", Lang::codes()))
    }
}

/// The first language Corridor speaks among an `Accept-Language` header's, by q-value.
fn best_accepted(header: &str) -> Option<Lang> {
    let mut ranked: Vec<(u32, usize, Lang)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let lang = Lang::parse(parts.next()?)?;
            let mut q = 1000;
            for p in parts {
                if let Some(v) = p.trim().strip_prefix("q=") {
                    // A malformed weight counts as 0 (not acceptable), as RFC 9110 reads it.
                    q = v
                        .trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|q| (0.0..=1.0).contains(q))
                        .map_or(0, |q| (q * 1000.0).round() as u32);
                }
            }
            (q > 0).then_some((q, i, lang))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.first().map(|r| r.2)
}

/// A value put into a message: text as it is, or a number (which Fluent's plural rules read).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text, shown as given.
    Text(String),
    /// A number, for plural selection and shown as given.
    Number(f64),
}

impl Eq for Arg {}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(i32, i64, u8, u16, u32, u64, usize, f64);

/// A text for a person, still to be put into their language: a message id with its
/// arguments, or a text that has no translation (it reads the same in every language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// The Fluent message id; empty for an untranslated text.
    pub id: &'static str,
    /// Named arguments, or the untranslated text under `""`.
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    /// The message `id` without arguments.
    pub fn new(id: &'static str) -> Msg {
        Msg { id, args: vec![] }
    }

    /// Adds the argument `name`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// A text without translation (data, or words from elsewhere such as a policy file).
    pub fn plain(text: impl Into<String>) -> Msg {
        Msg {
            id: "",
            args: vec![("", Arg::Text(text.into()))],
        }
    }

    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        if self.id.is_empty() {
            return match self.args.first() {
                Some((_, Arg::Text(t))) => t.clone(),
                Some((_, Arg::Number(n))) => n.to_string(),
                None => String::new(),
            };
        }
        format(lang, self.id, &self.args)
    }
}

impl From<String> for Msg {
    fn from(s: String) -> Self {
        Msg::plain(s)
    }
}

impl From<&str> for Msg {
    fn from(s: &str) -> Self {
        Msg::plain(s)
    }
}

impl std::fmt::Display for Msg {
    /// The English text (logs, and where no reader's language is known).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// `Msg::new(id)` with arguments: `msg!("problem-no-notification", id = id)`.
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($id)$(.arg(stringify!($name), $value))*
    };
}
pub(crate) use msg;

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<HashMap<Lang, Bundle>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(lang, source)| (*lang, bundle(*lang, source)))
        .collect()
});

fn bundle(lang: Lang, source: &str) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang
        .as_str()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // Plain text for mail and JSON: no Unicode isolation marks around placeables.
    bundle.set_use_isolating(false);
    // A file with a syntax error still gives every message that parsed (a test fails on it).
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    // A duplicate id keeps the first (a test fails on it).
    let _ = bundle.add_resource(resource);
    bundle
}

/// Message `id` in `lang` with `args`; English when `lang` lacks it, the id itself when English
/// does too.
pub fn format(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(t) => fluent_args.set(*name, FluentValue::from(t.as_str())),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    for l in [lang, Lang::En] {
        let Some(bundle) = BUNDLES.get(&l) else {
            continue;
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = vec![];
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(%id, lang = l.as_str(), ?errors, "message formatted with errors");
        }
        return text.into_owned();
    }
    tracing::warn!(%id, "no such message in any language");
    id.to_string()
}

/// A time as a reader of `lang` writes it, always in UTC and saying so
/// (`1 Dec 2026, 18:00 UTC`, `01.12.2026, 18:00 UTC`, `01/12/2026 18:00 UTC`).
pub fn datetime(lang: Lang, at: DateTime<Utc>) -> String {
    let pattern = match lang {
        Lang::En => "%-d %b %Y, %H:%M UTC",
        Lang::De | Lang::Pl => "%d.%m.%Y, %H:%M UTC",
        Lang::Fr => "%d/%m/%Y %H:%M UTC",
    };
    at.format(pattern).to_string()
}

/// Message `id` in `lang` without arguments.
pub fn text(lang: Lang, id: &str) -> String {
    format(lang, id, &[])
}
