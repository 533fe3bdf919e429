//! `tc-bridge`: the TC Bridge engine without the window.
//!
//! What belongs here: argument parsing, output formatting and exit codes. What does not:
//! logic of its own — every command is a thin call into `bridge`, `tc-client` or
//! `tc-sandbox`.

mod exit;
mod owners;
mod sandbox;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Build and run ThreatConnect External REST Integrations.
#[derive(Debug, Parser)]
#[command(name = "tc-bridge", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the local ThreatConnect v2 sandbox until Ctrl+C.
    Sandbox(sandbox::Args),
    /// List the owners the API user can see.
    ///
    /// Reads TC_API_PATH, TC_API_ACCESS_ID and TC_API_SECRET_KEY (or TC_TOKEN) from the
    /// environment.
    Owners(owners::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return exit::OTHER.into();
        }
    };
    let code = runtime.block_on(async {
        match cli.command {
            Command::Sandbox(args) => sandbox::run(args).await,
            Command::Owners(args) => owners::run(args).await,
        }
    });
    code.into()
}
