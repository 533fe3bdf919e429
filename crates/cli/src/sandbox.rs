//! `tc-bridge sandbox`.

use std::io::Write;
use std::net::SocketAddr;

use tc_sandbox::{Sandbox, SandboxConfig, Seed};

use crate::exit;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8450")]
    listen: SocketAddr,
    /// Access ID to accept (generated when not given).
    #[arg(long, value_name = "ID", requires = "secret_key")]
    access_id: Option<String>,
    /// Secret Key to accept (generated when not given).
    #[arg(
        long,
        value_name = "KEY",
        env = "TC_SANDBOX_SECRET_KEY",
        hide_env_values = true,
        requires = "access_id"
    )]
    secret_key: Option<String>,
    /// API token to accept with `TC-Token` (generated when not given).
    #[arg(
        long,
        value_name = "TOKEN",
        env = "TC_SANDBOX_TOKEN",
        hide_env_values = true
    )]
    token: Option<String>,
    /// Seconds to shift the sandbox clock by, to try out clock skew.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 0,
        allow_hyphen_values = true
    )]
    clock_offset: i64,
    /// Allow listening on an address other than this computer's.
    #[arg(long)]
    allow_remote: bool,
    /// Milliseconds to wait before each answer, to imitate a distant server.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    latency_ms: u64,
    /// Keep the sandbox's data in this folder across restarts (default: memory only).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<std::path::PathBuf>,
    /// What a new sandbox holds: demo data, or nothing but the three owners.
    #[arg(long, value_enum, default_value = "demo")]
    seed: SeedArg,
    /// Share of requests (0 to 1) answered with a server error, to test retries.
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = parse_rate)]
    fail_rate: f64,
    /// Requests per second served; more are answered 429 with Retry-After.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    rate_limit: Option<u32>,
    /// Largest batch upload accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = tc_sandbox::DEFAULT_BATCH_MAX_BYTES)]
    batch_max_bytes: usize,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SeedArg {
    Demo,
    Empty,
}

fn parse_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("{text} is not a share between 0 and 1")),
    }
}

pub async fn run(args: Args) -> u8 {
    let generated = SandboxConfig::generate();
    let secret_given = args.secret_key.is_some();
    let token_given = args.token.is_some();
    let config = SandboxConfig {
        access_id: args.access_id.unwrap_or(generated.access_id.clone()),
        secret_key: args.secret_key.unwrap_or(generated.secret_key.clone()),
        api_token: args.token.or(generated.api_token.clone()),
        clock_offset_secs: args.clock_offset,
        allow_remote: args.allow_remote,
        latency_ms: args.latency_ms,
        data_dir: args.data_dir,
        fail_rate: args.fail_rate,
        rate_limit: args.rate_limit,
        seed: match args.seed {
            SeedArg::Demo => Seed::Demo,
            SeedArg::Empty => Seed::Empty,
        },
        batch_max_bytes: args.batch_max_bytes,
        ..generated
    };
    let access_id = config.access_id.clone();
    let secret_key = config.secret_key.clone();
    let token = config.api_token.clone().unwrap_or_default();

    let sandbox = match Sandbox::start(args.listen, config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::OTHER;
        }
    };
    let base = sandbox.base_url();
    // Sandbox credentials are printed so a user can point any client at it; ones the user
    // passed in are not echoed back.
    let shown = |given: bool, value: &str| {
        if given {
            "(as given)".to_owned()
        } else {
            value.to_owned()
        }
    };
    let mut out = std::io::stdout().lock();
    let printed = writeln!(out, "TC sandbox listening on {base}")
        .and_then(|_| writeln!(out, "Access ID:  {access_id}"))
        .and_then(|_| writeln!(out, "Secret Key: {}", shown(secret_given, &secret_key)))
        .and_then(|_| writeln!(out, "API token:  {}", shown(token_given, &token)))
        .and_then(|_| writeln!(out, "Try it:     TC_API_PATH={base} TC_API_ACCESS_ID={access_id} TC_API_SECRET_KEY=... tc-bridge owners"))
        .and_then(|_| writeln!(out, "Press Ctrl+C to stop."))
        .and_then(|_| out.flush());
    drop(out);
    if printed.is_err() {
        // stdout closed: keep serving, there is simply nobody to tell.
        tracing::warn!("could not print the sandbox address");
    }
    shutdown_signal().await;
    sandbox.shutdown().await;
    exit::OK
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
