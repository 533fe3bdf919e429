//! `tc-bridge owners`.

use std::path::PathBuf;
use std::time::Duration;

use bridge::env::{Overrides, connection_from_env};
use tc_client::{Client, ClientConfig, TlsConfig};

use crate::exit;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Base URL (overrides TC_API_PATH), e.g. https://app.threatconnect.com/api.
    #[arg(long, value_name = "URL")]
    api_path: Option<String>,
    /// Access ID (overrides TC_API_ACCESS_ID). The Secret Key is read only from
    /// TC_API_SECRET_KEY: command lines are visible to other users.
    #[arg(long, value_name = "ID")]
    access_id: Option<String>,
    /// Extra CA certificate (PEM) to trust, for on-premises instances.
    #[arg(long, value_name = "FILE")]
    ca_file: Option<PathBuf>,
    /// Seconds to wait for an answer.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    timeout: u64,
    /// Print JSON (ThreatConnect's owner objects) instead of a table.
    #[arg(long)]
    json: bool,
}

pub async fn run(args: Args) -> u8 {
    let overrides = Overrides {
        api_path: args.api_path,
        access_id: args.access_id,
    };
    let (base_url, credentials) = match connection_from_env(&overrides, |k| std::env::var(k).ok()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    let mut config = ClientConfig::new(base_url, credentials);
    config.timeout = Duration::from_secs(args.timeout.max(1));
    config.tls = TlsConfig {
        verify: true,
        ca_file: args.ca_file,
    };
    let result = match Client::new(config) {
        Ok(client) => client.owners().await,
        Err(e) => Err(e),
    };
    let owners = match result {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            if let Some(hint) = exit::hint(&e) {
                eprintln!("hint: {hint}");
            }
            return exit::for_client_error(&e);
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&owners) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("error: {e}");
                return exit::OTHER;
            }
        }
    } else {
        let id_width = owners
            .iter()
            .map(|o| o.id.to_string().len())
            .max()
            .unwrap_or(2)
            .max(2);
        let type_width = owners
            .iter()
            .map(|o| o.owner_type.as_str().len())
            .max()
            .unwrap_or(4)
            .max(4);
        println!("{:<id_width$}  {:<type_width$}  NAME", "ID", "TYPE");
        for o in &owners {
            println!(
                "{:<id_width$}  {:<type_width$}  {}",
                o.id,
                o.owner_type.as_str(),
                o.name
            );
        }
    }
    exit::OK
}
