use std::collections::BTreeSet;
use std::path::Path;

use fluent_syntax::ast::Entry;

use super::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every message id of a file, and every `id.attribute`.
fn keys(lang: Lang) -> BTreeSet<String> {
    let source = SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, s)| *s)
        .unwrap_or_default();
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => panic!("locales/{lang}.ftl does not parse: {errors:?}"),
    };
    let mut out = BTreeSet::new();
    for entry in resource.body {
        if let Entry::Message(m) = entry {
            let id = m.id.name.to_string();
            assert!(
                out.insert(id.clone()),
                "locales/{lang}.ftl has `{id}` twice"
            );
            if m.value.is_none() && m.attributes.is_empty() {
                panic!("locales/{lang}.ftl: `{id}` has neither a value nor attributes");
            }
            for a in m.attributes {
                out.insert(format!("{id}.{}", a.id.name));
            }
        }
    }
    out
}

#[test]
fn every_language_has_exactly_the_keys_of_english() {
    let en = keys(Lang::En);
    assert!(!en.is_empty());
    for lang in [Lang::De, Lang::Fr, Lang::Pl] {
        let other = keys(lang);
        let missing: Vec<_> = en.difference(&other).collect();
        let extra: Vec<_> = other.difference(&en).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "locales/{lang}.ftl: missing {missing:?}, not in en.ftl {extra:?}"
        );
    }
}

/// Ids in `text` that follow one of `openers` up to the closing quote (`"` or `'`); ids built
/// at run time (with `{` or `$`) are skipped.
fn ids_after(text: &str, openers: &[&str], out: &mut BTreeSet<String>) {
    for opener in openers {
        let mut rest = text;
        while let Some(at) = rest.find(opener) {
            rest = &rest[at + opener.len()..];
            let end = rest.find(['"', '\'', '`']).unwrap_or(rest.len());
            let id = &rest[..end];
            // `t("web-term-" + s)`: a prefix the code completes at run time, not an id.
            let built = id.ends_with('-')
                || rest[end..]
                    .get(1..)
                    .is_some_and(|after| after.trim_start().starts_with('+'));
            let is_id = !built
                && !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
            if is_id {
                out.insert(id.to_string());
            }
        }
    }
}

fn files(dir: &Path, ext: &[&str], out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ext.contains(&e))
        {
            out.push(path);
        }
    }
}

fn undefined(used: &BTreeSet<String>) -> Vec<String> {
    let en = keys(Lang::En);
    used.iter()
        .filter(|id| !en.contains(*id))
        .cloned()
        .collect()
}

#[test]
fn every_message_id_in_the_rust_code_is_in_english() {
    let mut paths = vec![];
    files(&root().join("src"), &["rs"], &mut paths);
    let mut used = BTreeSet::new();
    for p in &paths {
        // This file names made-up ids on purpose.
        if p.ends_with("i18n/tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(p).unwrap_or_default();
        ids_after(&text, &["\""], &mut used);
    }
    used.retain(|id| id.starts_with("problem-") || id.starts_with("mail-"));
    assert!(!used.is_empty(), "the scan finds the ids the code uses");
    let missing = undefined(&used);
    assert!(missing.is_empty(), "not in locales/en.ftl: {missing:?}");
}

#[test]
fn every_message_id_of_the_web_pages_is_in_english() {
    let mut paths = vec![];
    files(
        &root().join("web/dashboard"),
        &["js", "mjs", "html"],
        &mut paths,
    );
    let mut used = BTreeSet::new();
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        ids_after(
            &text,
            &["t(\"", "t('", "data-l10n-id=\"", "data-l10n-id='"],
            &mut used,
        );
    }
    // `t("…")` also matches e.g. `split(".")`: only ids with a page prefix count.
    used.retain(|id| {
        id.starts_with("web-") || id.starts_with("problem-") || id.starts_with("mail-")
    });
    let missing = undefined(&used);
    assert!(missing.is_empty(), "not in locales/en.ftl: {missing:?}");
}

#[test]
fn the_scan_finds_ids_in_calls_and_attributes_and_skips_built_ones() {
    let mut found = BTreeSet::new();
    ids_after(
        r#"t("web-a-b", {n}); <p data-l10n-id="web-c"></p> t(`web-${x}`) t('web-d') t("web-e-" + s) t("web-f" + s)"#,
        &["t(\"", "t('", "data-l10n-id=\""],
        &mut found,
    );
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["web-a-b", "web-c", "web-d"]
    );
}

#[test]
fn a_tag_gives_its_language_and_an_unknown_one_none() {
    assert_eq!(Lang::parse("de-DE"), Some(Lang::De));
    assert_eq!(Lang::parse("PL"), Some(Lang::Pl));
    assert_eq!(Lang::parse("fr_CA"), Some(Lang::Fr));
    assert_eq!(Lang::parse("en"), Some(Lang::En));
    assert_eq!(Lang::parse("nl"), None);
    assert_eq!(Lang::parse(""), None);
    assert_eq!(Lang::parse("*"), None);
}

#[test]
fn the_users_setting_wins_then_accept_language_by_weight_then_english() {
    assert_eq!(Lang::negotiate(Some("de"), Some("pl")), Lang::De);
    assert_eq!(Lang::negotiate(None, Some("pl")), Lang::Pl);
    assert_eq!(Lang::negotiate(Some("xx"), Some("pl")), Lang::Pl);
    assert_eq!(
        Lang::negotiate(None, Some("nl-NL, fr;q=0.5, de;q=0.8")),
        Lang::De
    );
    assert_eq!(Lang::negotiate(None, Some("de;q=0.5, fr;q=0.5")), Lang::De);
    assert_eq!(Lang::negotiate(None, Some("pl;q=0, fr;q=0.1")), Lang::Fr);
    assert_eq!(Lang::negotiate(None, Some("pl;q=abc")), Lang::En);
    assert_eq!(Lang::negotiate(None, Some("nl, *")), Lang::En);
    assert_eq!(Lang::negotiate(None, Some("")), Lang::En);
    assert_eq!(Lang::negotiate(None, None), Lang::En);
}

#[test]
fn messages_take_arguments_and_fall_back_to_english_then_to_their_id() {
    let m = msg!("problem-too-many-requests", seconds = 7);
    assert_eq!(m.render(Lang::En), "too many attempts; try again in 7 s");
    assert!(m.render(Lang::De).contains('7'));
    assert_ne!(m.render(Lang::De), m.render(Lang::En));
    assert_eq!(text(Lang::Pl, "no-such-message"), "no-such-message");
    assert_eq!(Msg::plain("as is").render(Lang::Fr), "as is");
    assert_eq!(m.to_string(), m.render(Lang::En));
}

#[test]
fn every_language_formats_every_message_without_error_markers() {
    // A placeable whose variable is not given renders as `{$name}`; give every message the
    // variables it uses and check that none is left over.
    for lang in Lang::ALL {
        for key in keys(lang).iter().filter(|k| !k.contains('.')) {
            if key.starts_with("web-") {
                continue;
            }
            let source = SOURCES.iter().find(|(l, _)| *l == lang).map(|(_, s)| *s);
            let names = variables(source.unwrap_or_default(), key);
            let args: Vec<(&str, Arg)> = names
                .iter()
                .map(|n| (n.as_str(), Arg::Number(2.0)))
                .collect();
            let out = format(lang, key, &args);
            assert!(!out.contains("{$"), "{lang} {key}: {out}");
        }
    }
}

/// The `$variables` a message's source uses.
fn variables(source: &str, key: &str) -> Vec<String> {
    let start = source
        .lines()
        .position(|l| l.starts_with(&format!("{key} =")))
        .unwrap_or(0);
    let mut body = String::new();
    // A message runs until the next message or comment.
    let starts_entry = |l: &str| {
        l.starts_with('#')
            || l.split_once(" =").is_some_and(|(id, _)| {
                !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            })
    };
    for (i, line) in source.lines().enumerate().skip(start) {
        if i > start && starts_entry(line) {
            break;
        }
        body.push_str(line);
    }
    let mut out = vec![];
    let mut rest = body.as_str();
    while let Some(at) = rest.find('$') {
        rest = &rest[at + 1..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        out.push(rest[..end].to_string());
    }
    out
}

#[test]
fn times_read_in_the_readers_locale_and_always_say_utc() {
    use chrono::TimeZone;
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 6, 5, 0).unwrap();
    assert_eq!(datetime(Lang::En, at), "1 Dec 2026, 06:05 UTC");
    assert_eq!(datetime(Lang::De, at), "01.12.2026, 06:05 UTC");
    assert_eq!(datetime(Lang::Fr, at), "01/12/2026 06:05 UTC");
    assert_eq!(datetime(Lang::Pl, at), "01.12.2026, 06:05 UTC");
}
