//! The `corridor` binary: a thin shell over the library.

use std::io::Write;
use std::net::TcpListener;
use std::process::ExitCode;
use std::time::Duration;

use actix_web::web;
use clap::Parser;
use corridor::api::{self, AppState};
use corridor::cli::{add_user, Cli, Command, UserCommand};
use corridor::clock::Clock;
use corridor::config::{LogFormat, Settings};
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
    let store = Store::open(&settings.database_url, settings.db_pool_size)?;
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

fn serve(settings: Settings) -> anyhow::Result<()> {
    if settings.uses_dev_secret() {
        tracing::warn!("DEVELOPMENT MODE: tokens are signed with the built-in development secret; never deploy this");
    }
    let store = open_migrated(&settings)?;
    let clock = clock_of(&settings);
    let listener = TcpListener::bind(&settings.bind)
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.bind))?;
    let addr = listener.local_addr()?;
    tracing::info!(backend = store.backend(), %addr, settings = ?settings, "corridor starting");
    let state = web::Data::new(AppState::new(settings, store, clock));
    // The first line on stdout is the address, so scripts and tests can find a port-0 server.
    println!("corridor listening on http://{addr}");
    std::io::stdout().flush()?;
    actix_web::rt::System::new().block_on(api::serve(state, listener))?;
    tracing::info!("corridor stopped");
    Ok(())
}
