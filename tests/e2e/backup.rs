//! Backup and restore (issue 17 item 12): a copy taken while the service writes holds every
//! notification acknowledged before it began, passes `corridor audit verify`, and serves after
//! `corridor restore`; a damaged copy is refused; nothing is overwritten or deleted.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use crate::common::{fixture, submit_id, Options, Server};

const UNIT: &str = "Panzerbataillon 203";

/// Runs the binary with only `DATABASE_URL` (and dev mode) set: what an operator types.
fn corridor(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", url)
        .env("CORRIDOR_DEV", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run corridor")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn sqlite_url(p: &Path) -> String {
    format!("sqlite://{}", p.display())
}

#[test]
fn a_backup_taken_under_write_load_restores_with_every_acknowledged_notification() {
    let s = Server::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let backup = dir.path().join("corridor-backup.db");
    if s.db.is_postgres() {
        // PostgreSQL's own tools do this; the command says which instead of half-doing it.
        let out = s.cli(&["backup", &backup.display().to_string()], None);
        assert!(!out.status.success());
        assert!(text(&out).contains("pg_dump"), "{}", text(&out));
        assert!(!backup.exists());
        return;
    }
    let planner = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", UNIT],
    );
    let acked = Mutex::new(Vec::<String>::new());
    let stop = AtomicBool::new(false);
    let (before, during, out) = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !stop.load(Ordering::SeqCst) {
                let id = submit_id(&s, &planner, &fixture("leopard_de_pl"));
                acked.lock().expect("lock").push(id);
            }
        });
        while acked.lock().expect("lock").len() < 5 {
            std::thread::sleep(Duration::from_millis(20));
        }
        // Everything acknowledged before the backup starts must be in it.
        let before = acked.lock().expect("lock").clone();
        let out = s.cli(&["backup", &backup.display().to_string()], None);
        let during = acked.lock().expect("lock").len() - before.len();
        stop.store(true, Ordering::SeqCst);
        (before, during, out)
    });
    assert!(out.status.success(), "backup failed: {}", text(&out));
    assert!(text(&out).contains("the chain is intact"), "{}", text(&out));
    eprintln!(
        "backup taken with {} notifications acknowledged before it and {during} during it",
        before.len()
    );
    // No half-written file is left beside the backup.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["corridor-backup.db".to_string()]);

    // A backup never overwrites.
    let size = std::fs::metadata(&backup).expect("backup").len();
    let again = s.cli(&["backup", &backup.display().to_string()], None);
    assert!(!again.status.success());
    assert!(
        text(&again).contains("refusing to overwrite"),
        "{}",
        text(&again)
    );
    assert_eq!(std::fs::metadata(&backup).expect("backup").len(), size);

    // Restore into a new place, then serve from it.
    let restored = dir.path().join("restored").join("corridor.db");
    std::fs::create_dir_all(restored.parent().expect("parent")).expect("mkdir");
    let out = corridor(
        &sqlite_url(&restored),
        &["restore", &backup.display().to_string()],
    );
    assert!(out.status.success(), "restore failed: {}", text(&out));
    let r = Server::start_with(Options::default().env("DATABASE_URL", &sqlite_url(&restored)));
    let planner = r.token("de.planner", "pw-de.planner-long-enough");
    for id in &before {
        let got = r.get(&format!("/v1/notifications/{id}"), &planner);
        assert_eq!(got.status(), 200, "acknowledged {id} missing after restore");
    }
    r.assert_audit_verifies();
    // The restored service takes new work.
    submit_id(&r, &planner, &fixture("leopard_de_pl"));
    r.assert_audit_verifies();
}

#[test]
fn restore_checks_the_copy_and_never_deletes_a_database() {
    let s = Server::start();
    if s.db.is_postgres() {
        return; // restore is for the embedded database; see the backup test
    }
    let planner = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", UNIT],
    );
    let first = submit_id(&s, &planner, &fixture("leopard_de_pl"));
    let dir = tempfile::tempdir().expect("temp dir");
    let backup = dir.path().join("b.db");
    let out = s.cli(&["backup", &backup.display().to_string()], None);
    assert!(out.status.success(), "{}", text(&out));

    // A live database is not replaced without --replace, and with it is kept aside.
    let live = dir.path().join("live.db");
    let out = corridor(&sqlite_url(&live), &["migrate"]);
    assert!(out.status.success(), "{}", text(&out));
    let out = corridor(
        &sqlite_url(&live),
        &["restore", &backup.display().to_string()],
    );
    assert!(!out.status.success());
    assert!(
        text(&out).contains("refusing to overwrite"),
        "{}",
        text(&out)
    );
    let out = corridor(
        &sqlite_url(&live),
        &["restore", "--replace", &backup.display().to_string()],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("kept as"), "{}", text(&out));
    let kept = std::fs::read_dir(dir.path())
        .expect("list")
        .filter(|e| {
            e.as_ref()
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .starts_with("live.db.replaced-")
        })
        .count();
    assert!(kept >= 1, "the replaced database was not kept");
    let r = Server::start_with(Options::default().env("DATABASE_URL", &sqlite_url(&live)));
    let token = r.token("de.planner", "pw-de.planner-long-enough");
    assert_eq!(
        r.get(&format!("/v1/notifications/{first}"), &token)
            .status(),
        200
    );
    drop(r);

    // A copy whose audit trail was altered is refused, and nothing is put in place.
    let tampered = dir.path().join("tampered.db");
    std::fs::copy(&backup, &tampered).expect("copy");
    {
        use diesel::{Connection, RunQueryDsl};
        let mut c = diesel::SqliteConnection::establish(&tampered.display().to_string())
            .expect("open copy");
        let n = diesel::sql_query("UPDATE audit_events SET actor = 'someone.else' WHERE seq = 1")
            .execute(&mut c)
            .expect("tamper");
        assert_eq!(n, 1, "no audit event 1 to alter");
    }
    let target = dir.path().join("fresh.db");
    let out = corridor(
        &sqlite_url(&target),
        &["restore", &tampered.display().to_string()],
    );
    assert!(!out.status.success());
    assert!(
        text(&out).contains("audit chain is broken"),
        "{}",
        text(&out)
    );
    assert!(!target.exists());
}
