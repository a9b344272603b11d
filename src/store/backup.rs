//! Backup and restore of the embedded (SQLite) database: a consistent copy taken while the
//! service writes, checked (integrity and audit chain) before it is called done.
//!
//! PostgreSQL has its own tools, which do this better than an application can (`pg_dump` for a
//! consistent logical copy while the service writes, base backups with WAL archiving for
//! point-in-time recovery): Corridor refuses there and says so.

use std::path::{Path, PathBuf};

use diesel::connection::SimpleConnection;
use diesel::sql_types::{BigInt, Text};
use diesel::{Connection, QueryableByName, RunQueryDsl, SqliteConnection};

use super::{audit, Backend, Db, Store, StoreError};

/// What a checked copy holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// Audit events in the copy, every link verified.
    pub events: i64,
    /// Notifications in the copy.
    pub notifications: i64,
    /// Size of the file in bytes.
    pub bytes: u64,
}

/// Why a backup or restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The database is PostgreSQL.
    #[error(
        "this database is PostgreSQL: take backups with `pg_dump --format=custom` (a consistent \
         copy while the service writes) or base backups with WAL archiving, restore them with \
         `pg_restore`/the base backup, then run `corridor audit verify`"
    )]
    Postgres,
    /// The destination exists and would be overwritten.
    #[error("{0} exists; refusing to overwrite it")]
    Exists(PathBuf),
    /// The copy is damaged or its audit chain is broken.
    #[error("{path} is not a sound Corridor database: {reason}")]
    Unsound {
        /// The file checked.
        path: PathBuf,
        /// What failed.
        reason: String,
    },
    /// A file operation failed.
    #[error("{what} {path}: {source}")]
    Io {
        /// What was being done.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> BackupError {
    let path = path.to_path_buf();
    move |source| BackupError::Io { what, path, source }
}

/// Copies the live database to `dest` as one consistent snapshot (SQLite's `VACUUM INTO`, a
/// read transaction: writers carry on), syncs it to disk, checks it, and only then gives it
/// its name; a failed or interrupted backup leaves no file at `dest`.
pub fn take(store: &Store, url: &str, dest: &Path) -> Result<Checked, BackupError> {
    if let Backend::Postgres(_) = Backend::from_url(url)? {
        return Err(BackupError::Postgres);
    }
    if dest.exists() {
        return Err(BackupError::Exists(dest.to_path_buf()));
    }
    let partial = with_suffix(dest, ".partial");
    remove_if_present(&partial)?;
    let target = partial.to_str().ok_or_else(|| BackupError::Unsound {
        path: partial.clone(),
        reason: "the path is not valid UTF-8".into(),
    })?;
    let mut conn = store.conn()?;
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(target)
        .execute(&mut *conn)
        .map_err(StoreError::from)?;
    drop(conn);
    // VACUUM INTO does not sync the file it writes.
    sync_file(&partial)?;
    let checked = check(&partial).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })?;
    rename_durably(&partial, dest)?;
    Ok(checked)
}

/// Puts the checked copy `backup` in place of the database at `url` (the service must be
/// stopped). An existing database is kept beside it, renamed, unless there is none.
pub fn restore(
    url: &str,
    backup: &Path,
    replace: bool,
) -> Result<(Checked, Option<PathBuf>), BackupError> {
    let live = match Backend::from_url(url)? {
        Backend::Postgres(_) => return Err(BackupError::Postgres),
        Backend::Sqlite(path) => PathBuf::from(path),
    };
    let checked = check(backup)?;
    let mut kept = None;
    if live.exists() {
        if !replace {
            return Err(BackupError::Exists(live));
        }
        // Nothing is deleted: the replaced database (with its WAL, which may hold commits not
        // yet in the main file) moves aside under one suffix.
        let aside = with_suffix(&live, &format!(".replaced-{}", std::process::id()));
        for ext in ["", "-wal", "-shm"] {
            let from = with_suffix(&live, ext);
            if from.exists() {
                std::fs::rename(&from, with_suffix(&aside, ext))
                    .map_err(io("move aside", &from))?;
            }
        }
        kept = Some(aside);
    }
    let partial = with_suffix(&live, ".partial");
    remove_if_present(&partial)?;
    std::fs::copy(backup, &partial).map_err(io("copy to", &partial))?;
    sync_file(&partial)?;
    rename_durably(&partial, &live)?;
    Ok((checked, kept))
}

/// Opens `path` read-only and checks that it is an intact SQLite file whose audit chain holds.
pub fn check(path: &Path) -> Result<Checked, BackupError> {
    let unsound = |reason: String| BackupError::Unsound {
        path: path.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(io("read", path))?;
    let uri = format!("file:{}?mode=ro", path.display());
    let mut conn = SqliteConnection::establish(&uri).map_err(|e| unsound(e.to_string()))?;
    conn.batch_execute("PRAGMA query_only = ON")
        .map_err(|e| unsound(e.to_string()))?;
    #[derive(QueryableByName)]
    struct Line {
        #[diesel(sql_type = Text)]
        integrity_check: String,
    }
    let lines: Vec<Line> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut conn)
        .map_err(|e| unsound(e.to_string()))?;
    let problems: Vec<String> = lines
        .into_iter()
        .map(|l| l.integrity_check)
        .filter(|l| l != "ok")
        .collect();
    if !problems.is_empty() {
        return Err(unsound(problems.join("; ")));
    }
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let notifications = diesel::sql_query("SELECT COUNT(*) AS n FROM notifications")
        .get_result::<N>(&mut conn)
        .map_err(|e| unsound(e.to_string()))?
        .n;
    let mut db = Db::Sqlite(conn);
    let events = match audit::verify(&mut db).map_err(|e| unsound(e.to_string()))? {
        Ok(n) => n,
        Err(broken) => {
            return Err(unsound(format!(
                "the audit chain is broken at event {}: {}",
                broken.seq, broken.reason
            )))
        }
    };
    Ok(Checked {
        events,
        notifications,
        bytes: meta.len(),
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

fn remove_if_present(path: &Path) -> Result<(), BackupError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io("remove", path)(e)),
        _ => Ok(()),
    }
}

fn sync_file(path: &Path) -> Result<(), BackupError> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(io("sync", path))
}

/// Renames, then syncs the directory so the new name survives a power loss too.
fn rename_durably(from: &Path, to: &Path) -> Result<(), BackupError> {
    std::fs::rename(from, to).map_err(io("rename to", to))?;
    let dir = match to.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io("sync directory", dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suffix_is_appended_to_the_whole_name() {
        assert_eq!(
            with_suffix(Path::new("/var/lib/corridor.db"), "-wal"),
            PathBuf::from("/var/lib/corridor.db-wal")
        );
    }

    #[test]
    fn postgres_is_refused_with_the_tools_to_use() {
        let err = restore("postgres://x@localhost/db", Path::new("b.db"), false).unwrap_err();
        assert!(matches!(err, BackupError::Postgres));
        assert!(err.to_string().contains("pg_dump"));
    }

    #[test]
    fn a_file_that_is_not_a_database_is_unsound() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("junk.db");
        std::fs::write(&path, b"not a database at all, just text").unwrap();
        assert!(matches!(check(&path), Err(BackupError::Unsound { .. })));
    }
}
