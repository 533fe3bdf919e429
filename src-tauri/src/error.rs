//! The one error type that crosses into the UI: a kind to branch on, and plain sentences.

use bridge::{CheckError, ConnectionError, ProfileError, secret_label};
use serde::Serialize;

/// What kind of failure, for the UI to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub enum ErrorKind {
    AuthRejected,
    ClockSkew,
    OwnerNotFound,
    NotFound,
    Network,
    Tls,
    Timeout,
    ServerError,
    UnexpectedResponse,
    Validation,
    SigningBroken,
    Keychain,
    Storage,
    Internal,
    /// The user stopped it.
    Cancelled,
}

/// What went wrong, in words for an analyst. Never carries a secret, an HTTP code on its
/// own, or a stack trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct AppError {
    pub kind: ErrorKind,
    /// What happened and why.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The form field at fault, for validation errors.
    pub field: Option<String>,
}

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<String>, hint: Option<&str>) -> Self {
        AppError {
            kind,
            message: message.into(),
            hint: hint.map(str::to_owned),
            field: None,
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError {
            kind: ErrorKind::Validation,
            message: message.into(),
            hint: None,
            field: Some(field.to_owned()),
        }
    }
}

const CHECK_BASE_URL: &str =
    "Check the base URL: it is everything before /v2/ and usually ends in /api.";

fn said(message: &str) -> String {
    format!("ThreatConnect said: \u{201c}{message}\u{201d}.")
}

impl From<tc_client::Error> for AppError {
    fn from(e: tc_client::Error) -> Self {
        use tc_client::Error as E;
        match e {
            E::AuthRejected { message, .. } => AppError::new(
                ErrorKind::AuthRejected,
                format!(
                    "ThreatConnect did not accept these credentials. {}",
                    said(&message)
                ),
                Some(
                    "Check the Access ID and Secret Key (or the API token) of the API user in ThreatConnect. TC Bridge's signing passed its self-test against ThreatConnect's published example, so the credentials are the likely cause.",
                ),
            ),
            E::ClockSkew { skew_secs, .. } => {
                let message = match skew_secs {
                    Some(s) => format!(
                        "ThreatConnect refused the request because your computer's clock is {} {} its clock.",
                        bridge::words::duration(s.unsigned_abs()),
                        if s > 0 { "behind" } else { "ahead of" }
                    ),
                    None => "ThreatConnect refused the request because your computer's clock does not match its clock.".into(),
                };
                AppError::new(
                    ErrorKind::ClockSkew,
                    message,
                    Some(
                        "ThreatConnect allows at most 5 minutes of difference. Set your clock to update automatically, then try again.",
                    ),
                )
            }
            E::OwnerNotFound { message, .. } => AppError::new(
                ErrorKind::OwnerNotFound,
                format!(
                    "ThreatConnect cannot find that owner, or this API user has no access to it. {}",
                    said(&message)
                ),
                Some("Refresh the owner list and choose the owner again."),
            ),
            E::NotFound { .. } => AppError::new(
                ErrorKind::NotFound,
                "Nothing answered at this address the way ThreatConnect would.",
                Some(CHECK_BASE_URL),
            ),
            E::Api { status, message } if status >= 500 => AppError::new(
                ErrorKind::ServerError,
                format!("ThreatConnect had a problem answering. {}", said(&message)),
                Some(
                    "Try again in a few minutes. If it keeps happening, contact your ThreatConnect administrator.",
                ),
            ),
            E::Api { message, .. } => AppError::new(
                ErrorKind::ServerError,
                format!("ThreatConnect refused the request. {}", said(&message)),
                Some(
                    "Check the connection settings. If they look right, contact your ThreatConnect administrator.",
                ),
            ),
            E::UnexpectedResponse { .. } => AppError::new(
                ErrorKind::UnexpectedResponse,
                "The server answered, but not the way ThreatConnect does (it may be a web page or a proxy).",
                Some(CHECK_BASE_URL),
            ),
            E::Decode { path, .. } => AppError::new(
                ErrorKind::UnexpectedResponse,
                format!(
                    "ThreatConnect's answer was not in the form TC Bridge expects (at {path})."
                ),
                Some(
                    "Your ThreatConnect version may not be supported yet. Please report this to the TC Bridge team.",
                ),
            ),
            E::Timeout(after) => AppError::new(
                ErrorKind::Timeout,
                format!(
                    "The server did not answer within {}.",
                    bridge::words::duration(after.as_secs())
                ),
                Some("Check your network connection, then try again."),
            ),
            E::Tls(reason) => AppError::new(
                ErrorKind::Tls,
                format!(
                    "A secure connection could not be made: {}.",
                    plain_tls_reason(&reason)
                ),
                Some(
                    "If your instance uses your company's own certificate authority, add its CA certificate file under Advanced. Your administrator can provide it.",
                ),
            ),
            E::Network(reason) => AppError::new(
                ErrorKind::Network,
                match plain_network_reason(&reason) {
                    Some(why) => format!("TC Bridge could not reach the server: {why}."),
                    None => "TC Bridge could not reach the server.".to_owned(),
                },
                Some("Check the base URL and your network connection, including any VPN or proxy."),
            ),
            E::Config(reason) => AppError::invalid(
                "caFile",
                format!("The CA certificate file cannot be used: {reason}."),
            ),
            E::Invalid(reason) => AppError::new(
                ErrorKind::Validation,
                format!("TC Bridge did not send this request: {reason}."),
                None,
            ),
            E::Cancelled => AppError::new(ErrorKind::Cancelled, "Stopped as you asked.", None),
        }
    }
}

/// The operating system's reason for a failed connection, in plain words.
fn plain_network_reason(reason: &str) -> Option<&'static str> {
    let r = reason.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| r.contains(w));
    if has(&["connection refused"]) {
        Some("it refused the connection, so nothing may be listening at that address")
    } else if has(&[
        "dns error",
        "failed to lookup",
        "name or service not known",
        "no such host",
        "nodename nor servname",
    ]) {
        Some("its name could not be found")
    } else if has(&[
        "network is unreachable",
        "no route to host",
        "host is unreachable",
    ]) {
        Some("there is no network route to it")
    } else if has(&["connection reset", "broken pipe", "connection closed"]) {
        Some("the connection was cut off")
    } else {
        None
    }
}

/// Why a certificate was refused, in plain words.
fn plain_tls_reason(reason: &str) -> &'static str {
    let r = reason.to_ascii_lowercase();
    if r.contains("expired") {
        "the server's certificate has expired"
    } else if r.contains("notvalidforname") || r.contains("not valid for") {
        "the server's certificate was issued for a different address"
    } else if r.contains("unknownissuer")
        || r.contains("unknown issuer")
        || r.contains("self-signed")
        || r.contains("self signed")
    {
        "the server's certificate comes from an authority this computer does not trust"
    } else {
        "the server's certificate is not trusted"
    }
}

impl From<ProfileError> for AppError {
    fn from(e: ProfileError) -> Self {
        match e {
            ProfileError::Invalid { field, message } => AppError::invalid(field, message),
            ProfileError::NotFound => AppError::new(
                ErrorKind::NotFound,
                e.to_string(),
                Some("Choose another connection."),
            ),
            ProfileError::BuiltIn => AppError::new(ErrorKind::Validation, e.to_string(), None),
        }
    }
}

impl From<ConnectionError> for AppError {
    fn from(e: ConnectionError) -> Self {
        match e {
            ConnectionError::Profile(p) => p.into(),
            ConnectionError::SecretMissing(method) => AppError::invalid(
                "secret",
                format!("Enter the {} of the API user.", secret_label(method)),
            ),
            ConnectionError::Secret(s) => AppError::new(
                ErrorKind::Keychain,
                format!("The secret could not be kept safely. {s}."),
                Some(
                    "Unlock your keychain (or sign in to your desktop session again), then retry.",
                ),
            ),
            ConnectionError::Storage(reason) => AppError::new(
                ErrorKind::Storage,
                format!("Your change could not be saved ({reason})."),
                Some("Check that your user folder has free space and is writable, then retry."),
            ),
            ConnectionError::Check(CheckError::SigningBroken { .. }) => AppError::new(
                ErrorKind::SigningBroken,
                "TC Bridge could not sign ThreatConnect's published example correctly, so no request would be accepted.",
                Some("This is a defect in TC Bridge, not in your settings. Please report it."),
            ),
            ConnectionError::Check(CheckError::Client(c)) | ConnectionError::Client(c) => c.into(),
            ConnectionError::SandboxDown => AppError::new(
                ErrorKind::Network,
                "The local sandbox is not running, so this connection cannot be used.",
                Some(
                    "Restart TC Bridge. If the sandbox still does not start, the status line says why.",
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_rejection_is_plain_and_quotes_threatconnect() {
        let e: AppError = tc_client::Error::AuthRejected {
            status: 403,
            message: "Signature data did not match expected result".into(),
        }
        .into();
        assert_eq!(e.kind, ErrorKind::AuthRejected);
        assert!(e.message.contains("did not accept"), "{}", e.message);
        assert!(
            e.message.contains("Signature data did not match"),
            "{}",
            e.message
        );
        assert!(
            !e.message.contains("403"),
            "no HTTP codes on screen: {}",
            e.message
        );
        assert!(e.hint.as_deref().unwrap_or("").contains("self-test"));
    }

    #[test]
    fn clock_skew_says_how_far_and_which_way() {
        let e: AppError = tc_client::Error::ClockSkew {
            status: 403,
            message: String::new(),
            skew_secs: Some(-420),
        }
        .into();
        assert_eq!(e.kind, ErrorKind::ClockSkew);
        assert!(e.message.contains("7 minutes ahead of"), "{}", e.message);
    }

    #[test]
    fn network_and_tls_causes_in_plain_words() {
        let refused: AppError =
            tc_client::Error::Network("Connection refused (os error 111)".into()).into();
        assert_eq!(refused.kind, ErrorKind::Network);
        assert!(
            refused.message.contains("refused the connection"),
            "{}",
            refused.message
        );
        assert!(!refused.message.contains("os error"), "{}", refused.message);
        let dns: AppError =
            tc_client::Error::Network("dns error: failed to lookup address information".into())
                .into();
        assert!(
            dns.message.contains("name could not be found"),
            "{}",
            dns.message
        );
        let odd: AppError = tc_client::Error::Network("something new".into()).into();
        assert_eq!(odd.message, "TC Bridge could not reach the server.");
        let tls: AppError =
            tc_client::Error::Tls("invalid peer certificate: UnknownIssuer".into()).into();
        assert!(
            tls.message
                .contains("authority this computer does not trust"),
            "{}",
            tls.message
        );
    }

    #[test]
    fn missing_secret_points_at_the_field() {
        let e: AppError = ConnectionError::SecretMissing(bridge::AuthMethod::Token).into();
        assert_eq!(e.kind, ErrorKind::Validation);
        assert_eq!(e.field.as_deref(), Some("secret"));
        assert!(e.message.contains("API token"));
    }

    #[test]
    fn serialises_camel_case_for_the_ui() {
        let json = serde_json::to_value(AppError::invalid("baseUrl", "x")).unwrap();
        assert_eq!(json["kind"], "Validation");
        assert_eq!(json["field"], "baseUrl");
        assert!(json.get("hint").is_some());
    }
}
