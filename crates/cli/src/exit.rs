//! Exit codes, stable for scripts: 0 ok, 1 other failure, 2 usage, 3 authentication,
//! 4 network or TLS.

use tc_client::Error;

pub const OK: u8 = 0;
pub const OTHER: u8 = 1;
pub const USAGE: u8 = 2;
pub const AUTH: u8 = 3;
pub const NETWORK: u8 = 4;

/// The exit code for a client error.
pub fn for_client_error(e: &Error) -> u8 {
    match e {
        Error::AuthRejected { .. } | Error::ClockSkew { .. } | Error::OwnerNotFound { .. } => AUTH,
        Error::Network(_) | Error::Tls(_) | Error::Timeout(_) => NETWORK,
        Error::Config(_) => USAGE,
        _ => OTHER,
    }
}

/// A hint for a client error, printed after the error itself.
pub fn hint(e: &Error) -> Option<String> {
    match e {
        Error::AuthRejected { .. } => Some(
            "check TC_API_ACCESS_ID and TC_API_SECRET_KEY (or TC_TOKEN) against the API user in ThreatConnect".into(),
        ),
        Error::ClockSkew { skew_secs: Some(s), .. } => Some(format!(
            "this computer's clock is {} {} the server's; ThreatConnect allows 5 minutes",
            bridge::words::duration(s.unsigned_abs()),
            if *s > 0 { "behind" } else { "ahead of" }
        )),
        Error::ClockSkew { .. } => Some("set this computer's clock to update automatically".into()),
        Error::Network(_) | Error::Timeout(_) => Some("check TC_API_PATH and that the server is reachable from here".into()),
        Error::Tls(_) => Some("the server's certificate is not trusted: pass its CA with --ca-file".into()),
        _ => None,
    }
}
