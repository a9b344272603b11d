//! The layers, as a test: which top-level module may import which (docs/ARCHITECTURE.md draws
//! the same picture). Read from the source text, so a new `use crate::api` below the shell
//! fails `cargo test` with the file that did it.

/// Each top-level module and the modules it may import. The core (domain, error, clock,
/// policy, workflow) imports no shell module; nothing but the edges (`api`, `cli`) imports
/// `api`; runners (`jobs`) sit above the operations (`notification`), never below.
const MAY_IMPORT: &[(&str, &[&str])] = &[
    ("i18n", &[]),
    ("domain", &["i18n"]),
    ("clock", &[]),
    ("error", &["i18n", "domain"]),
    ("policy", &["i18n", "domain"]),
    ("workflow", &["i18n", "domain", "policy"]),
    ("store", &["i18n", "domain", "error", "clock"]),
    ("config", &["i18n", "store"]),
    (
        "mail",
        &["i18n", "domain", "store", "config", "workflow", "clock"],
    ),
    (
        "auth",
        &["i18n", "domain", "store", "config", "error", "clock"],
    ),
    (
        "permit",
        &[
            "i18n", "domain", "error", "policy", "store", "config", "clock",
        ],
    ),
    (
        "notification",
        &[
            "i18n", "domain", "error", "policy", "workflow", "store", "mail", "auth", "permit",
            "clock", "standing",
        ],
    ),
    (
        "standing",
        &[
            "i18n", "domain", "error", "policy", "workflow", "store", "mail", "auth", "clock",
        ],
    ),
    (
        "jobs",
        &[
            "i18n",
            "standing",
            "permit",
            "domain",
            "error",
            "policy",
            "workflow",
            "store",
            "mail",
            "notification",
            "clock",
            "config",
        ],
    ),
    (
        "api",
        &[
            "i18n",
            "standing",
            "permit",
            "domain",
            "error",
            "policy",
            "workflow",
            "store",
            "mail",
            "auth",
            "notification",
            "jobs",
            "clock",
            "config",
        ],
    ),
    (
        "cli",
        &[
            "i18n",
            "standing",
            "permit",
            "domain",
            "error",
            "policy",
            "workflow",
            "store",
            "mail",
            "auth",
            "notification",
            "jobs",
            "clock",
            "config",
        ],
    ),
];

/// The top-level modules a source text names through `crate::…` (plain paths and `use` groups).
fn imports(source: &str) -> Vec<String> {
    // Unit tests may reach anywhere; only what ships counts.
    let code = code_only(source);
    let mut found = Vec::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let end = group.find("};").unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.push(name);
                }
            }
        } else {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
        }
        rest = after;
    }
    found
}

/// The modules a file refers to, as paths from the crate root: `crate::a::b…` and
/// `super::…` paths, each cut to the longest module in `known`. `module` is the file's own
/// module path (`["policy", "load"]` for `src/policy/load.rs`, `["policy"]` for its `mod.rs`).
fn references(source: &str, module: &[String], known: &[Vec<String>]) -> Vec<Vec<String>> {
    let code = code_only(source);
    let mut paths: Vec<Vec<String>> = Vec::new();
    let words = |s: &str| -> Vec<String> {
        s.split("::")
            .map(|w| {
                w.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<String>()
            })
            .take_while(|w| !w.is_empty())
            .collect()
    };
    for (prefix, base) in [("crate::", Vec::new()), ("super::", module.to_vec())] {
        let mut rest = code.as_str();
        while let Some(i) = rest.find(prefix) {
            // `super::super::x`: each `super` goes one module up.
            let mut after = &rest[i + prefix.len()..];
            let mut base = base.clone();
            if prefix == "super::" {
                base.pop();
                while let Some(more) = after.strip_prefix("super::") {
                    base.pop();
                    after = more;
                }
            }
            let items: Vec<&str> = match after.strip_prefix('{') {
                Some(group) => group[..group.find('}').unwrap_or(group.len())]
                    .split(',')
                    .map(str::trim)
                    .collect(),
                None => vec![after],
            };
            for item in items {
                let mut path = base.clone();
                path.extend(words(item));
                paths.push(path);
            }
            rest = after;
        }
    }
    paths
        .into_iter()
        .filter_map(|p| {
            (1..=p.len())
                .rev()
                .map(|k| p[..k].to_vec())
                .find(|cand| known.contains(cand))
        })
        .collect()
}

/// The source without comments and without its unit tests.
fn code_only(source: &str) -> String {
    let code: String = source
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    match code.find("#[cfg(test)]\nmod tests") {
        Some(i) => code[..i].to_string(),
        None => code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
            let p = entry.path();
            if p.is_dir() {
                sources(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }

    #[test]
    fn every_module_imports_only_the_layers_below_it() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&src, &mut files);
        let mut breaches = Vec::new();
        for file in &files {
            let rel = file.strip_prefix(&src).expect("under src");
            let top = rel
                .components()
                .next()
                .and_then(|c| c.as_os_str().to_str())
                .unwrap_or("")
                .trim_end_matches(".rs");
            if matches!(top, "lib" | "main" | "architecture") {
                continue;
            }
            let Some((_, allowed)) = MAY_IMPORT.iter().find(|(m, _)| *m == top) else {
                breaches.push(format!(
                    "{}: module `{top}` has no row in MAY_IMPORT",
                    rel.display()
                ));
                continue;
            };
            let text = std::fs::read_to_string(file).expect("source is readable");
            for name in imports(&text) {
                if name != top && !allowed.contains(&name.as_str()) {
                    breaches.push(format!("{}: `{top}` imports `{name}`", rel.display()));
                }
            }
        }
        breaches.sort();
        breaches.dedup();
        assert!(
            breaches.is_empty(),
            "layering broken:\n{}",
            breaches.join("\n")
        );
    }

    /// A file's module path: `src/policy/load.rs` → `policy::load`, `src/policy/mod.rs` →
    /// `policy`.
    fn module_of(src: &Path, file: &Path) -> Vec<String> {
        let rel = file
            .strip_prefix(src)
            .expect("under src")
            .with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .filter_map(|c| c.as_os_str().to_str().map(str::to_string))
            .collect();
        if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
            parts.pop();
        }
        parts
    }

    #[test]
    fn no_module_imports_one_that_imports_it_back() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&src, &mut files);
        files.retain(|f| !f.ends_with("main.rs"));
        let known: Vec<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
        // Edges between modules; a module naming its own parent (items the parent re-exports)
        // is how Rust nests, not a cycle.
        let mut edges: Vec<(Vec<String>, Vec<String>)> = Vec::new();
        for (file, m) in files.iter().zip(&known) {
            let text = std::fs::read_to_string(file).expect("source is readable");
            for target in references(&text, m, &known) {
                if &target != m && !m.starts_with(&target) {
                    edges.push((m.clone(), target));
                }
            }
        }
        // Depth-first search for a path that comes back to where it started.
        fn visit(
            m: &[String],
            edges: &[(Vec<String>, Vec<String>)],
            path: &mut Vec<Vec<String>>,
            done: &mut Vec<Vec<String>>,
        ) {
            if let Some(i) = path.iter().position(|p| p == m) {
                let cycle: Vec<String> = path[i..].iter().map(|p| p.join("::")).collect();
                panic!("import cycle: {} -> {}", cycle.join(" -> "), m.join("::"));
            }
            if done.iter().any(|d| d == m) {
                return;
            }
            path.push(m.to_vec());
            for (_, to) in edges.iter().filter(|(from, _)| from == m) {
                visit(to, edges, path, done);
            }
            path.pop();
            done.push(m.to_vec());
        }
        let mut done = Vec::new();
        for m in &known {
            visit(m, &edges, &mut Vec::new(), &mut done);
        }
    }

    #[test]
    fn the_layer_table_has_no_cycle() {
        // Depth-first: a module reached again while still on the path closes a cycle.
        fn visit<'a>(m: &'a str, path: &mut Vec<&'a str>, done: &mut Vec<&'a str>) {
            assert!(!path.contains(&m), "cycle: {path:?} -> {m}");
            if done.contains(&m) {
                return;
            }
            path.push(m);
            let allowed = MAY_IMPORT
                .iter()
                .find(|(x, _)| *x == m)
                .map(|(_, a)| *a)
                .unwrap_or(&[]);
            for next in allowed {
                visit(next, path, done);
            }
            path.pop();
            done.push(m);
        }
        let mut done = Vec::new();
        for (m, _) in MAY_IMPORT {
            visit(m, &mut Vec::new(), &mut done);
        }
    }

    #[test]
    fn references_resolve_crate_and_super_paths_to_modules() {
        let known: Vec<Vec<String>> = ["policy", "policy::load", "policy::dg_list", "store"]
            .iter()
            .map(|m| m.split("::").map(str::to_string).collect())
            .collect();
        let here: Vec<String> = vec!["policy".into(), "dg_list".into()];
        let text = "use super::load::PolicyError;\nuse crate::store::{Db, Store};\n\
                    use super::{load, Other};\n";
        let found: Vec<String> = references(text, &here, &known)
            .iter()
            .map(|p| p.join("::"))
            .collect();
        assert_eq!(found, ["store", "policy::load", "policy::load", "policy"]);
    }

    #[test]
    fn imports_are_read_from_paths_and_use_groups_but_not_comments_or_tests() {
        let text = "use crate::store::Db;\nuse crate::{domain::Nation, policy};\n\
                    // crate::api is only mentioned\nfn f() { crate::clock::Clock::system(); }\n\
                    #[cfg(test)]\nmod tests { use crate::api; }\n";
        assert_eq!(imports(text), ["store", "domain", "policy", "clock"]);
    }
}
