//! The command line: `serve` (default), `migrate`, `user add|disable|enable|remove|set`,
//! `policy`, `audit`, `backup`, `restore`, `permit`.

use std::io::Read;

use clap::{Args, Parser, Subcommand};
use rand::distributions::Alphanumeric;
use rand::Rng;

use crate::auth::hash_password;
use crate::domain::{Nation, Role};
use crate::i18n::Lang;
use crate::store::types::Commas;
use crate::store::{NewUser, Store, UserChange, UserRow};

/// Corridor: cross-border military movement permits.
#[derive(Debug, Parser)]
#[command(name = "corridor", version, about)]
pub struct Cli {
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, then serve HTTP (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Check or try the policy files.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Check the audit trail.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Copy the SQLite database to FILE while the service runs; the copy is synced and checked
    /// (integrity, audit chain) before it gets its name. PostgreSQL: use pg_dump.
    Backup {
        /// Where the copy goes (must not exist).
        file: std::path::PathBuf,
    },
    /// Put a backup in place of the SQLite database (stop the service first); it is checked
    /// first, and an existing database is moved aside, never deleted.
    Restore {
        /// The backup to restore.
        file: std::path::PathBuf,
        /// Replace an existing database (it is kept beside, renamed).
        #[arg(long)]
        replace: bool,
    },
    /// Signed permit bundles: verify offline, make keys.
    #[command(subcommand)]
    Permit(crate::permit::cli::PermitCommand),
}

/// `corridor policy …`
#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Validate every policy file; non-zero exit and `file: field: message` for each error.
    Check {
        /// The policy directory (default: CORRIDOR_POLICIES).
        dir: Option<std::path::PathBuf>,
    },
    /// Evaluate a notification (JSON) against the policies; nothing is stored.
    Eval {
        /// A file with the notification as POST /v1/notifications takes it.
        file: std::path::PathBuf,
    },
}

/// `corridor audit …`
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain; non-zero exit at the first broken link.
    Verify,
}

/// `corridor user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user; the password comes from stdin or is generated and printed once.
    Add(UserAdd),
    /// Disable a user: no sign-in, and every token of theirs is refused from the next request.
    Disable(UserName),
    /// Enable a disabled user again (tokens from before stay refused: they sign in anew).
    Enable(UserName),
    /// Delete a user: every token of theirs is refused from the next request.
    Remove(UserName),
    /// Change a user's role, nation, unit, stages, watch list, e-mail or password; takes effect
    /// on the next request (a new password also refuses every earlier token).
    Set(UserSet),
}

/// `corridor user disable|enable|remove`
#[derive(Debug, Args)]
pub struct UserName {
    /// Login name.
    #[arg(long)]
    pub username: String,
}

/// `corridor user set`: only what is given changes; an empty value clears an optional field.
#[derive(Debug, Args)]
pub struct UserSet {
    /// Login name.
    #[arg(long)]
    pub username: String,
    /// requester, officer, coordinator, liaison or admin.
    #[arg(long)]
    pub role: Option<String>,
    /// ISO 3166-1 alpha-2 nation (`''` clears it).
    #[arg(long)]
    pub nation: Option<String>,
    /// The unit (`''` clears it).
    #[arg(long)]
    pub unit: Option<String>,
    /// Stage keys an officer decides, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub stages: Option<Vec<String>>,
    /// Nations a liaison user watches, comma-separated (`''`: all).
    #[arg(long, value_delimiter = ',')]
    pub watch: Option<Vec<String>>,
    /// E-mail address for escalations (`''` clears it).
    #[arg(long)]
    pub email: Option<String>,
    /// Language of the user's mail and problem details: en, de, fr or pl (`''` clears it).
    #[arg(long)]
    pub language: Option<String>,
    /// Read a new password from standard input.
    #[arg(long)]
    pub password_stdin: bool,
}

/// `corridor user add`
#[derive(Debug, Args)]
pub struct UserAdd {
    /// Login name (letters, digits, `.`, `_`, `-`, `@`).
    #[arg(long)]
    pub username: String,
    /// requester, officer, coordinator, liaison or admin.
    #[arg(long)]
    pub role: String,
    /// ISO 3166-1 alpha-2 nation (required for requester, officer, coordinator).
    #[arg(long)]
    pub nation: Option<String>,
    /// The unit (required for requesters).
    #[arg(long)]
    pub unit: Option<String>,
    /// Stage keys an officer decides, comma-separated (e.g. movcon,police).
    #[arg(long, value_delimiter = ',')]
    pub stages: Vec<String>,
    /// Nations a liaison user watches, comma-separated (default: all).
    #[arg(long, value_delimiter = ',')]
    pub watch: Vec<String>,
    /// E-mail address for escalations.
    #[arg(long)]
    pub email: Option<String>,
    /// Language of the user's mail and problem details: en, de, fr or pl (default: none chosen,
    /// so mail is in English and the API follows Accept-Language).
    #[arg(long)]
    pub language: Option<String>,
    /// Read the password from standard input instead of generating one.
    #[arg(long)]
    pub password_stdin: bool,
}

/// A user to create, checked: the role's requirements hold.
#[derive(Debug)]
pub struct CheckedUser {
    username: String,
    role: Role,
    nation: Option<Nation>,
    unit: Option<String>,
    stages: Vec<String>,
    watch: Vec<Nation>,
    email: Option<String>,
    language: Option<Lang>,
}

impl UserAdd {
    /// Checks the arguments against the role's requirements.
    pub fn check(&self) -> Result<CheckedUser, String> {
        let u = &self.username;
        if u.is_empty()
            || u.len() > 64
            || !u
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c))
        {
            return Err(format!(
                "--username `{u}`: 1–64 letters, digits, `.`, `_`, `-` or `@`"
            ));
        }
        let role: Role = self.role.parse().map_err(|e| format!("--role: {e}"))?;
        let nation = self
            .nation
            .as_deref()
            .map(Nation::parse)
            .transpose()
            .map_err(|e| format!("--nation: {e}"))?;
        if role.needs_nation() && nation.is_none() {
            return Err(format!("--nation is required for the {role} role"));
        }
        let unit = self.unit.clone().filter(|s| !s.trim().is_empty());
        if role == Role::Requester && unit.is_none() {
            return Err("--unit is required for a requester".into());
        }
        let stages: Vec<String> = self
            .stages
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if role == Role::Officer && stages.is_empty() {
            return Err("--stages is required for an officer (e.g. --stages movcon)".into());
        }
        if let Some(bad) = stages.iter().find(|s| {
            !s.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
        }) {
            return Err(format!(
                "--stages: `{bad}` is not a stage key (lower case, digits, `_`)"
            ));
        }
        let watch = self
            .watch
            .iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| Nation::parse(s.trim()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("--watch: {e}"))?;
        if let Some(e) = &self.email {
            // One address, no header injection: validator's e-mail check refuses CR/LF too.
            if !validator::ValidateEmail::validate_email(e) || e.len() > 254 {
                return Err(format!("--email `{e}` is not an e-mail address"));
            }
        }
        let language = self
            .language
            .as_deref()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.trim().parse::<Lang>())
            .transpose()
            .map_err(|e| format!("--language: {e}"))?;
        Ok(CheckedUser {
            username: u.clone(),
            role,
            nation,
            unit,
            stages,
            watch,
            email: self.email.clone(),
            language,
        })
    }
}

/// Reads a password from standard input (at least 12 characters).
fn password_from_stdin() -> anyhow::Result<String> {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s)?;
    let p = s.trim_end_matches(['\n', '\r']).to_string();
    if p.chars().count() < 12 {
        anyhow::bail!("the password must have at least 12 characters");
    }
    Ok(p)
}

impl UserSet {
    /// The user as it will be: `row` with the given fields replaced, checked against the role's
    /// requirements like a new user.
    fn merged(&self, row: &UserRow) -> Result<CheckedUser, String> {
        let given = |v: &Option<String>, was: &Option<String>| match v {
            Some(x) if x.trim().is_empty() => None,
            Some(x) => Some(x.clone()),
            None => was.clone(),
        };
        let list = |v: &Option<Vec<String>>, was: Vec<String>| v.clone().unwrap_or(was);
        let strings = |was: &[Nation]| was.iter().map(Nation::to_string).collect();
        UserAdd {
            username: row.username.clone(),
            role: self.role.clone().unwrap_or_else(|| row.role.to_string()),
            nation: given(&self.nation, &row.nation.map(|n| n.to_string())),
            unit: given(&self.unit, &row.unit),
            stages: list(&self.stages, row.stages.to_vec()),
            watch: list(&self.watch, strings(&row.watch_nations)),
            email: given(&self.email, &row.email),
            language: given(&self.language, &row.language.map(|l| l.to_string())),
            password_stdin: false,
        }
        .check()
    }

    fn changes_nothing(&self) -> bool {
        self.role.is_none()
            && self.nation.is_none()
            && self.unit.is_none()
            && self.stages.is_none()
            && self.watch.is_none()
            && self.email.is_none()
            && self.language.is_none()
            && !self.password_stdin
    }
}

/// Disables, enables, removes or changes a user; returns what was done, for the operator.
/// A server running against the same database refuses or re-reads the user's tokens within
/// `CORRIDOR_ACCESS_CACHE_MS`.
pub fn change_user(
    store: &Store,
    command: &UserCommand,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<String> {
    let mut conn = store.conn()?;
    let missing = |name: &str| anyhow::anyhow!("no user named `{name}`");
    match command {
        UserCommand::Add(args) => {
            anyhow::bail!("`user add {}` creates users: use add_user", args.username)
        }
        UserCommand::Disable(UserName { username }) => {
            match UserRow::set_disabled(&mut conn, username, Some(now))? {
                0 => Err(missing(username)),
                _ => Ok(format!("disabled {username}; their tokens are refused")),
            }
        }
        UserCommand::Enable(UserName { username }) => {
            match UserRow::set_disabled(&mut conn, username, None)? {
                0 => Err(missing(username)),
                _ => Ok(format!("enabled {username}; they sign in anew")),
            }
        }
        UserCommand::Remove(UserName { username }) => match UserRow::remove(&mut conn, username)? {
            0 => Err(missing(username)),
            _ => Ok(format!("removed {username}; their tokens are refused")),
        },
        UserCommand::Set(set) => {
            if set.changes_nothing() {
                anyhow::bail!("nothing to change: give --role, --nation, --unit, --stages, --watch, --email, --language or --password-stdin");
            }
            let password_hash = if set.password_stdin {
                Some(hash_password(&password_from_stdin()?).map_err(|e| anyhow::anyhow!(e))?)
            } else {
                None
            };
            crate::store::write(&mut conn, |c| {
                let row = UserRow::by_username(c, &set.username)?
                    .ok_or_else(|| missing(&set.username))?;
                let user = set.merged(&row).map_err(|e| anyhow::anyhow!(e))?;
                UserChange {
                    role: Some(user.role),
                    nation: Some(user.nation),
                    unit: Some(user.unit),
                    stages: Some(Commas(user.stages)),
                    watch_nations: Some(Commas(user.watch)),
                    email: Some(user.email),
                    language: Some(user.language),
                    password_hash,
                }
                .apply(c, &set.username)?;
                Ok::<_, anyhow::Error>(())
            })?;
            Ok(format!("changed {}", set.username))
        }
    }
}

/// Creates the user; returns the generated password when none came from stdin.
pub fn add_user(
    store: &Store,
    args: &UserAdd,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<Option<String>> {
    let user = args.check().map_err(|e| anyhow::anyhow!(e))?;
    let (password, generated) = if args.password_stdin {
        (password_from_stdin()?, false)
    } else {
        let p: String = rand::thread_rng()
            .sample_iter(&Alphanumeric)
            .take(24)
            .map(char::from)
            .collect();
        (p, true)
    };
    let hash = hash_password(&password).map_err(|e| anyhow::anyhow!(e))?;
    let row = NewUser {
        id: uuid::Uuid::now_v7().to_string(),
        username: user.username.clone(),
        password_hash: hash,
        role: user.role,
        nation: user.nation,
        unit: user.unit,
        stages: Commas(user.stages),
        watch_nations: Commas(user.watch),
        email: user.email,
        created_at: now,
        language: user.language,
    };
    let mut conn = store.conn()?;
    match row.insert(&mut conn) {
        Ok(()) => Ok(generated.then_some(password)),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => {
            anyhow::bail!("a user named `{}` already exists", user.username)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(role: &str, nation: Option<&str>, unit: Option<&str>, stages: &[&str]) -> UserAdd {
        UserAdd {
            username: "anna.schmidt".into(),
            role: role.into(),
            nation: nation.map(Into::into),
            unit: unit.map(Into::into),
            stages: stages.iter().map(|s| s.to_string()).collect(),
            watch: vec![],
            email: None,
            language: None,
            password_stdin: false,
        }
    }

    #[test]
    fn roles_that_need_a_nation_cannot_be_made_without_one() {
        assert!(args("officer", None, None, &["movcon"])
            .check()
            .unwrap_err()
            .contains("--nation"));
        assert!(args("coordinator", None, None, &[]).check().is_err());
        assert!(args("requester", Some("NL"), None, &[])
            .check()
            .unwrap_err()
            .contains("--unit"));
        assert!(args("officer", Some("DE"), None, &[])
            .check()
            .unwrap_err()
            .contains("--stages"));
        assert!(args("officer", Some("XX"), None, &["movcon"])
            .check()
            .is_err());
        assert!(args("general", Some("DE"), None, &[]).check().is_err());
        assert!(args("officer", Some("DE"), None, &["movcon"])
            .check()
            .is_ok());
        assert!(args("admin", None, None, &[]).check().is_ok());
        assert!(args("liaison", None, None, &[]).check().is_ok());
    }
}
