//! What the sandbox accepts: its API user's credentials, and its clock.

use std::fmt;

use rand::Rng;
use rand::distr::Alphanumeric;

/// Sandbox settings. `Debug` hides the Secret Key and token.
#[derive(Clone)]
pub struct SandboxConfig {
    /// The API user's Access ID (20 digits, like ThreatConnect's).
    pub access_id: String,
    /// The API user's Secret Key.
    pub secret_key: String,
    /// An API token accepted with `Authorization: TC-Token <token>`, if any.
    pub api_token: Option<String>,
    /// Seconds added to this computer's clock to get the sandbox's clock: lets tests and
    /// demos show clock skew.
    pub clock_offset_secs: i64,
    /// Allow listening on addresses other than loopback.
    pub allow_remote: bool,
    /// Milliseconds to wait before answering each request, to imitate a distant server.
    pub latency_ms: u64,
    /// Keep the data in SQLite under this folder across restarts (default: memory only).
    pub data_dir: Option<std::path::PathBuf>,
    /// Where `webLink`s point (default: the sandbox's own address).
    pub web_base: Option<String>,
    /// Largest batch upload accepted, in bytes (an instance setting in ThreatConnect).
    pub batch_max_bytes: usize,
    /// Share of authenticated requests answered with a 500 before they do anything (0–1).
    pub fail_rate: f64,
    /// Authenticated requests served per second; more get 429 with `Retry-After`.
    pub rate_limit: Option<u32>,
    /// The data a new store starts with.
    pub seed: Seed,
}

/// What a new sandbox store holds besides its owners, labels and attribute types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Seed {
    /// Nothing else.
    #[default]
    Empty,
    /// A few thousand demo indicators and groups across the three owners (see `seed.rs`).
    Demo,
}

impl SandboxConfig {
    /// Fresh random credentials: an Access ID, a Secret Key and an API token.
    pub fn generate() -> Self {
        SandboxConfig {
            access_id: generate_access_id(),
            secret_key: generate_secret_key(),
            api_token: Some(generate_token()),
            clock_offset_secs: 0,
            allow_remote: false,
            latency_ms: 0,
            data_dir: None,
            web_base: None,
            batch_max_bytes: DEFAULT_BATCH_MAX_BYTES,
            fail_rate: 0.0,
            rate_limit: None,
            seed: Seed::Empty,
        }
    }
}

impl fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("access_id", &self.access_id)
            .field("secret_key", &"***")
            .field("api_token", &self.api_token.as_ref().map(|_| "***"))
            .field("clock_offset_secs", &self.clock_offset_secs)
            .field("allow_remote", &self.allow_remote)
            .field("latency_ms", &self.latency_ms)
            .field("data_dir", &self.data_dir)
            .field("web_base", &self.web_base)
            .field("batch_max_bytes", &self.batch_max_bytes)
            .field("fail_rate", &self.fail_rate)
            .field("rate_limit", &self.rate_limit)
            .field("seed", &self.seed)
            .finish()
    }
}

/// Default largest batch upload: room for 25,000 indicators with tags and attributes.
/// (ThreatConnect's own default is an instance setting; its docs show 2,000,000 bytes.)
pub const DEFAULT_BATCH_MAX_BYTES: usize = 50 * 1024 * 1024;

/// A random 20-digit Access ID.
pub fn generate_access_id() -> String {
    let mut rng = rand::rng();
    let first = rng.random_range(1..=9u8);
    std::iter::once(first)
        .chain((0..19).map(|_| rng.random_range(0..=9u8)))
        .map(|d| char::from(b'0' + d))
        .collect()
}

/// A random 48-character Secret Key.
pub fn generate_secret_key() -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(48)
        .map(char::from)
        .collect()
}

/// A random token in ThreatConnect's shape (`APIV2:<n>:<user>:<expiry>:<random>`).
pub fn generate_token() -> String {
    let random: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(40)
        .map(char::from)
        .collect();
    format!("APIV2:1:sandbox:4102444800:{random}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_credentials_have_the_right_shape() {
        let id = generate_access_id();
        assert_eq!(id.len(), 20);
        assert!(id.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(generate_secret_key().len(), 48);
        assert!(generate_token().starts_with("APIV2:"));
        assert_ne!(generate_secret_key(), generate_secret_key());
    }

    #[test]
    fn debug_hides_secrets() {
        let config = SandboxConfig::generate();
        let shown = format!("{config:?}");
        assert!(!shown.contains(&config.secret_key));
        assert!(!shown.contains(config.api_token.as_deref().unwrap()));
    }
}
