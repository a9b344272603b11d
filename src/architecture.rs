//! The layers, as a test: which top-level module may import which (docs/ARCHITECTURE.md draws
//! the same picture). Read from the source text, so a new `use crate::api` below the shell
//! fails `cargo test` with the file that did it.

/// Each top-level module and the modules it may import. The core (domain, error, clock,
/// policy, workflow) imports no shell module; nothing but the edges (`api`, `cli`) imports
/// `api`; runners (`jobs`) sit above the operations (`notification`), never below.
const MAY_IMPORT: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("clock", &[]),
    ("error", &["domain"]),
    ("policy", &["domain"]),
    ("workflow", &["domain", "policy"]),
    ("store", &["domain", "error", "clock"]),
    ("config", &["store"]),
    ("mail", &["domain", "store", "config", "workflow", "clock"]),
    ("auth", &["domain", "store", "config", "error", "clock"]),
    (
        "permit",
        &["domain", "error", "policy", "store", "config", "clock"],
    ),
    (
        "notification",
        &[
            "domain", "error", "policy", "workflow", "store", "mail", "auth", "permit", "clock",
        ],
    ),
    (
        "jobs",
        &[
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
    let code: String = source
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    // Unit tests may reach anywhere; only what ships counts.
    let code = match code.find("#[cfg(test)]\nmod tests") {
        Some(i) => &code[..i],
        None => &code[..],
    };
    let mut found = Vec::new();
    let mut rest = code;
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
    fn imports_are_read_from_paths_and_use_groups_but_not_comments_or_tests() {
        let text = "use crate::store::Db;\nuse crate::{domain::Nation, policy};\n\
                    // crate::api is only mentioned\nfn f() { crate::clock::Clock::system(); }\n\
                    #[cfg(test)]\nmod tests { use crate::api; }\n";
        assert_eq!(imports(text), ["store", "domain", "policy", "clock"]);
    }
}
