//! The `corridor` binary: a thin shell over the library.

use std::io::Write;
use std::net::TcpListener;
use std::process::ExitCode;
use std::time::Duration;

use actix_web::web;
use clap::Parser;
use corridor::api::{self, AppState};
use corridor::cli::{add_user, AuditCommand, Cli, Command, PolicyCommand, UserCommand};
use corridor::clock::Clock;
use corridor::config::{LogFormat, Settings};
use corridor::policy::PolicySet;
use corridor::store::{redact, Store};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("corridor: setting {e}");
            return ExitCode::from(2);
        }
    };
    init_tracing(settings.log_format);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Permit(cmd) => return corridor::permit::cli::run(cmd, &settings),
        Command::Policy(PolicyCommand::Check { dir }) => {
            policy_check(&dir.unwrap_or_else(|| settings.policies.clone()))
        }
        Command::Policy(PolicyCommand::Eval { file }) => policy_eval(&settings, &file),
        Command::Audit(AuditCommand::Verify) => audit_verify(&settings),
        Command::Backup { file } => backup(&settings, &file),
        Command::Restore { file, replace } => restore(&settings, &file, replace),
        Command::Serve => serve(settings),
        Command::Migrate => open_migrated(&settings).map(|_| ()),
        Command::User(UserCommand::Add(args)) => open_migrated(&settings).and_then(|store| {
            let clock = clock_of(&settings);
            match add_user(&store, &args, clock.now())? {
                Some(password) => println!(
                    "created {} ({}); password, shown once: {password}",
                    args.username, args.role
                ),
                None => println!("created {} ({})", args.username, args.role),
            }
            Ok(())
        }),
        Command::User(change) => open_migrated(&settings).and_then(|store| {
            let done = corridor::cli::change_user(&store, &change, clock_of(&settings).now())?;
            println!("{done}");
            Ok(())
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corridor: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(format: LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

fn clock_of(settings: &Settings) -> Clock {
    match settings.manual_clock {
        Some(at) => Clock::manual(at),
        None => Clock::system(),
    }
}

/// Opens the database and applies pending migrations, waiting up to 30 s for it to answer.
fn open_migrated(settings: &Settings) -> anyhow::Result<Store> {
    let store = Store::open_with(
        &settings.database_url,
        settings.db_pool_size,
        corridor::store::Tuning {
            busy_timeout_ms: settings.db_busy_timeout_ms,
            slow_statement_ms: settings.slow_statement_ms,
            sqlite_sync: settings.sqlite_sync,
            writer_nice: settings.writer_nice,
        },
    )?;
    let mut last = None;
    for _ in 0..60 {
        match store.migrate() {
            Ok(applied) => {
                for m in &applied {
                    tracing::info!(migration = %m, "applied migration");
                }
                return Ok(store);
            }
            Err(corridor::store::StoreError::Unavailable(e)) => {
                last = Some(e);
                std::thread::sleep(Duration::from_millis(500));
            }
            Err(e) => return Err(e.into()),
        }
    }
    anyhow::bail!(
        "database {} did not answer: {}",
        redact(&settings.database_url),
        last.unwrap_or_default()
    )
}

fn load_policies(settings: &Settings) -> anyhow::Result<PolicySet> {
    PolicySet::load_dir(&settings.policies).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        anyhow::anyhow!(
            "the policies in {} are refused:\n{}",
            settings.policies.display(),
            lines.join("\n")
        )
    })
}

/// Validates every file of `dir` as one set, then runs the nations' test cases in `dir/tests`.
fn policy_check(dir: &std::path::Path) -> anyhow::Result<()> {
    let set = PolicySet::load_dir(dir).map_err(|errors| {
        for e in &errors {
            println!("{e}");
        }
        anyhow::anyhow!("{} error(s) in {}", errors.len(), dir.display())
    })?;
    let nations: Vec<String> = set.nations().iter().map(|n| n.to_string()).collect();
    println!(
        "ok: {} policies ({}), set version {}",
        nations.len(),
        nations.join(", "),
        set.version()
    );
    let cases = dir.join("tests");
    if !cases.is_dir() {
        return Ok(());
    }
    match corridor::policy::run_case_dir(&set, &cases) {
        Ok(n) => {
            println!("ok: {n} policy test cases in {}", cases.display());
            Ok(())
        }
        Err(failures) => {
            for f in &failures {
                println!("{f}");
            }
            Err(anyhow::anyhow!(
                "{} policy test case(s) failed",
                failures.len()
            ))
        }
    }
}

fn policy_eval(settings: &Settings, file: &std::path::Path) -> anyhow::Result<()> {
    let set = load_policies(settings)?;
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let input = corridor::api::parse_json(&bytes)
        .map_err(|e| anyhow::anyhow!("{}: {}", file.display(), e.problem().detail))?;
    match corridor::api::dry_run(&set, input, clock_of(settings).now()) {
        Ok(out) => {
            println!("{}", serde_json::to_string_pretty(&out)?);
            Ok(())
        }
        Err(errors) => {
            for e in &errors {
                println!("{}: {}: {}", file.display(), e.field, e.message);
            }
            Err(anyhow::anyhow!("{} field(s) refused", errors.len()))
        }
    }
}

fn audit_verify(settings: &Settings) -> anyhow::Result<()> {
    let store = open_migrated(settings)?;
    let mut conn = store.conn()?;
    match corridor::store::audit::verify(&mut conn)? {
        Ok(n) => {
            println!("ok: {n} events, the chain is intact");
            Ok(())
        }
        Err(broken) => {
            println!("broken at event {}: {}", broken.seq, broken.reason);
            Err(anyhow::anyhow!(
                "the audit chain is broken at event {}",
                broken.seq
            ))
        }
    }
}

fn backup(settings: &Settings, file: &std::path::Path) -> anyhow::Result<()> {
    use corridor::store::{backup, Backend};
    // Refused before anything is opened or migrated.
    if let Backend::Postgres(_) = Backend::from_url(&settings.database_url)? {
        return Err(backup::BackupError::Postgres.into());
    }
    let store = open_migrated(settings)?;
    let checked = backup::take(&store, &settings.database_url, file)?;
    println!(
        "ok: {} ({} bytes): {} notifications, {} audit events, the chain is intact",
        file.display(),
        checked.bytes,
        checked.notifications,
        checked.events
    );
    Ok(())
}

fn restore(settings: &Settings, file: &std::path::Path, replace: bool) -> anyhow::Result<()> {
    let (checked, kept) = corridor::store::backup::restore(&settings.database_url, file, replace)?;
    println!(
        "ok: restored {} ({} notifications, {} audit events, the chain is intact)",
        file.display(),
        checked.notifications,
        checked.events
    );
    if let Some(aside) = kept {
        println!("the database it replaced is kept as {}", aside.display());
    }
    Ok(())
}

fn serve(settings: Settings) -> anyhow::Result<()> {
    settings
        .check_for_serving()
        .map_err(|e| anyhow::anyhow!("setting {e}"))?;
    if settings.uses_dev_secret() {
        tracing::warn!("DEVELOPMENT MODE: tokens are signed with the built-in development secret; never deploy this");
    }
    let store = open_migrated(&settings)?;
    let policies = load_policies(&settings)?;
    tracing::info!(nations = policies.nations().len(), version = %policies.version(), "policies loaded");
    let clock = clock_of(&settings);
    corridor::permit::start(&store, &settings, clock.now())?;
    let caps = connection_caps(&settings);
    let listener = TcpListener::bind(&settings.bind)
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.bind))?;
    let addr = listener.local_addr()?;
    tracing::info!(backend = store.backend(), %addr, settings = ?settings, "corridor starting");
    let mailer = corridor::mail::Mailer::from_settings(&settings)
        .map_err(|e| anyhow::anyhow!("setting {e}"))?;
    tracing::info!(mail = mailer.describe(), "mail transport");
    let jobs = settings
        .jobs_enabled
        .then_some(std::time::Duration::from_millis(
            settings.jobs_interval_ms.max(10),
        ));
    let state = web::Data::new(AppState::new(settings, store, clock, policies));
    // The first line on stdout is the address, so scripts and tests can find a port-0 server.
    println!("corridor listening on http://{addr}");
    std::io::stdout().flush()?;
    actix_web::rt::System::new().block_on(async move {
        reload_on_sighup(state.clone());
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let mut runners = Vec::new();
        if let Some(interval) = jobs {
            let context = state.clone().into_inner().runners();
            runners.push(actix_web::rt::spawn(corridor::jobs::upkeep::run_upkeep(
                context.clone(),
                interval,
                stopped.clone(),
            )));
            runners.push(actix_web::rt::spawn(corridor::jobs::timers::run_timers(
                context,
                interval,
                stopped.clone(),
            )));
            runners.push(actix_web::rt::spawn(corridor::jobs::outbox::run_sender(
                state.store.clone(),
                mailer,
                state.clock.clone(),
                interval,
                stopped,
            )));
        }
        let served = api::serve(state, listener, caps).await;
        // Requests in flight are done; let the runners finish what they hold, then stop.
        let _ = stop.send(true);
        for r in runners {
            let _ = r.await;
        }
        served
    })?;
    tracing::info!("corridor stopped");
    Ok(())
}

/// Raises the soft limit on open files to the hard limit where allowed, and sizes the
/// connection caps below it, so load is shed with 503 before `accept` runs out of descriptors.
fn connection_caps(settings: &Settings) -> api::Caps {
    let fds = raise_descriptor_limit();
    let caps = api::size_caps(&settings.limits, fds.map(|f| f.now), settings.db_pool_size);
    match fds {
        Some(f) => tracing::info!(
            fd_soft_was = f.was,
            fd_soft = f.now,
            fd_hard = f.hard,
            connections_served = caps.serve,
            connections_accepted = caps.accept,
            connections_per_address = caps.per_address,
            "file descriptors and connection caps"
        ),
        None => tracing::warn!(
            connections_served = caps.serve,
            "cannot read the file-descriptor limit; connection caps as configured"
        ),
    }
    if caps.serve < settings.limits.max_connections {
        tracing::warn!(
            configured = settings.limits.max_connections,
            in_force = caps.serve,
            "CORRIDOR_MAX_CONNECTIONS lowered to fit the file-descriptor limit; raise the limit (ulimit -n, LimitNOFILE=) to serve more"
        );
    }
    caps
}

/// The open-files limit: the soft limit found, the soft limit now, the hard limit.
#[derive(Debug, Clone, Copy)]
struct Descriptors {
    was: u64,
    now: u64,
    hard: u64,
}

/// Raises RLIMIT_NOFILE's soft limit to its hard limit (capped at 2^20 when unlimited).
// rlim_t is u64 on Linux and differs elsewhere.
#[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
fn raise_descriptor_limit() -> Option<Descriptors> {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one rlimit struct that we own.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } != 0 {
        return None;
    }
    let was = lim.rlim_cur as u64;
    let target = if lim.rlim_max == libc::RLIM_INFINITY {
        (1 << 20) as libc::rlim_t
    } else {
        lim.rlim_max
    };
    if lim.rlim_cur != libc::RLIM_INFINITY && lim.rlim_cur < target {
        let raised = libc::rlimit {
            rlim_cur: target,
            rlim_max: lim.rlim_max,
        };
        // SAFETY: setrlimit reads one rlimit struct that we own.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            lim = raised;
        }
    }
    let now = if lim.rlim_cur == libc::RLIM_INFINITY {
        u64::MAX
    } else {
        lim.rlim_cur as u64
    };
    Some(Descriptors {
        was,
        now,
        hard: lim.rlim_max as u64,
    })
}

/// SIGHUP re-reads the policy directory; a broken set is refused and the loaded one stays.
fn reload_on_sighup(state: web::Data<AppState>) {
    use tokio::signal::unix::{signal, SignalKind};
    let Ok(mut hup) = signal(SignalKind::hangup()) else {
        tracing::warn!("cannot listen for SIGHUP; reload policies through the admin route");
        return;
    };
    actix_web::rt::spawn(async move {
        while hup.recv().await.is_some() {
            let st = state.clone();
            match web::block(move || st.reload_policies()).await {
                Ok(Ok(_)) => {}
                Ok(Err(errors)) => {
                    for e in errors {
                        tracing::error!(file = %e.file, field = %e.field, message = %e.message, "policy reload refused; the loaded set stays in force");
                    }
                }
                Err(e) => tracing::error!(error = %e, "policy reload failed"),
            }
        }
    });
}
