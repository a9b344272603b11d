//! Build-time work: rebuilds when a migration changes (so `embed_migrations!` never embeds stale
//! SQL), and writes the list of the web front end's files (web/dashboard and the message files
//! in locales/) that the binary embeds, so a new page is one new file, not an edit of a table.
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=web/dashboard");
    println!("cargo:rerun-if-changed=locales");
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join("web/dashboard"), "", &mut files);
    collect(&root.join("locales"), "locales/", &mut files);
    files.sort();
    let mut out = String::from("&[\n");
    for (name, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        out.push_str(&format!(
            "    Asset {{ name: {name:?}, content_type: {:?}, bytes: include_bytes!({:?}) }},\n",
            content_type(name),
            path.display().to_string()
        ));
    }
    out.push(']');
    let dest =
        PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("web_assets.rs");
    fs::write(dest, out).expect("write the embedded asset list");
}

/// Every file under `dir`, named by its path below it with `prefix` in front.
fn collect(dir: &Path, prefix: &str, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, &format!("{name}/"), files);
        } else if !name.ends_with('~') && !name.ends_with(".md") && !name.starts_with('.') {
            files.push((name, path));
        }
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ftl" => "text/plain; charset=utf-8",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}
