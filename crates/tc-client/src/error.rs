//! Client errors: they keep the HTTP status and ThreatConnect's own `message`.

use std::time::Duration;

use tc_model::messages;

/// A result of a client call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything a call can fail with. None of these carries a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// ThreatConnect refused the credentials: wrong Access ID, Secret Key or token, or the
    /// API user lacks access.
    #[error("ThreatConnect rejected the credentials (HTTP {status}): {message}")]
    AuthRejected { status: u16, message: String },
    /// The request's timestamp is more than five minutes from the server's clock.
    /// `skew_secs` is the server clock minus ours, when the server sent a `Date`.
    #[error("ThreatConnect rejected the request time (HTTP {status}): {message}")]
    ClockSkew {
        status: u16,
        message: String,
        skew_secs: Option<i64>,
    },
    /// The owner named in the request does not exist or is not visible to this user.
    #[error("owner not found (HTTP {status}): {message}")]
    OwnerNotFound { status: u16, message: String },
    /// The requested item does not exist.
    #[error("not found (HTTP {status}): {message}")]
    NotFound { status: u16, message: String },
    /// Any other ThreatConnect failure, with its message.
    #[error("ThreatConnect answered HTTP {status}: {message}")]
    Api { status: u16, message: String },
    /// The server answered with something that is not a ThreatConnect response (a proxy
    /// page, say).
    #[error("unexpected response (HTTP {status}, {content_type}): {snippet}")]
    UnexpectedResponse {
        status: u16,
        content_type: String,
        snippet: String,
    },
    /// A ThreatConnect response did not have the expected shape.
    #[error("could not read the response at `{path}`: {message}")]
    Decode { path: String, message: String },
    /// No answer within the time limit.
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    /// The secure connection could not be set up (certificate not trusted, say).
    #[error("secure connection failed: {0}")]
    Tls(String),
    /// The server could not be reached.
    #[error("could not reach the server: {0}")]
    Network(String),
    /// The client was configured with something unusable (a CA file that cannot be read).
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// The call was refused before anything was sent: an indicator value that is not valid
    /// for its type, an empty owner name, a filter ThreatConnect cannot express. The message
    /// says why, for an analyst.
    #[error("{0}")]
    Invalid(String),
    /// The call was cancelled through the client's cancellation token
    /// ([`crate::Client::with_cancellation`]). Nothing more was sent after that.
    #[error("the operation was cancelled")]
    Cancelled,
}

impl Error {
    /// Classifies a ThreatConnect failure by HTTP status and message (§2.4, §3.3).
    pub fn from_failure(status: u16, message: String) -> Self {
        match (status, message.as_str()) {
            (_, messages::TIMESTAMP_OUT_OF_RANGE) => Error::ClockSkew {
                status,
                message,
                skew_secs: None,
            },
            (_, messages::OWNER_NOT_FOUND) => Error::OwnerNotFound { status, message },
            (401, _)
            | (
                403,
                messages::SIGNATURE_MISMATCH
                | messages::ACCESS_DENIED
                | messages::INVALID_TIMESTAMP
                | messages::UNAUTHORIZED,
            ) => Error::AuthRejected { status, message },
            (404, _) => Error::NotFound { status, message },
            _ => Error::Api { status, message },
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::AuthRejected { status, .. }
            | Error::ClockSkew { status, .. }
            | Error::OwnerNotFound { status, .. }
            | Error::NotFound { status, .. }
            | Error::Api { status, .. }
            | Error::UnexpectedResponse { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// ThreatConnect's own failure message, when there is one.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            Error::AuthRejected { message, .. }
            | Error::ClockSkew { message, .. }
            | Error::OwnerNotFound { message, .. }
            | Error::NotFound { message, .. }
            | Error::Api { message, .. } => Some(message),
            _ => None,
        }
    }

    /// Turns a transport error into `Timeout`, `Tls` or `Network`, with the root cause.
    pub(crate) fn from_transport(err: &reqwest::Error, timeout: Duration) -> Self {
        if err.is_timeout() {
            return Error::Timeout(timeout);
        }
        let mut causes = Vec::new();
        let mut source: Option<&dyn std::error::Error> = Some(err);
        while let Some(e) = source {
            causes.push(e.to_string());
            source = e.source();
        }
        let root = causes.last().cloned().unwrap_or_default();
        let all = causes.join(": ").to_ascii_lowercase();
        if ["certificate", "tls", "handshake", "unknownissuer"]
            .iter()
            .any(|w| all.contains(w))
        {
            Error::Tls(root)
        } else {
            Error::Network(root)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_follows_the_message_catalogue() {
        let m = |s: &str| s.to_owned();
        assert!(matches!(
            Error::from_failure(403, m(messages::TIMESTAMP_OUT_OF_RANGE)),
            Error::ClockSkew { status: 403, .. }
        ));
        assert!(matches!(
            Error::from_failure(403, m(messages::SIGNATURE_MISMATCH)),
            Error::AuthRejected { status: 403, .. }
        ));
        assert!(matches!(
            Error::from_failure(401, m(messages::UNAUTHORIZED)),
            Error::AuthRejected { status: 401, .. }
        ));
        assert!(matches!(
            Error::from_failure(403, m(messages::OWNER_NOT_FOUND)),
            Error::OwnerNotFound { .. }
        ));
        assert!(matches!(
            Error::from_failure(404, m(messages::RESOURCE_NOT_FOUND)),
            Error::NotFound { .. }
        ));
        let other = Error::from_failure(400, m(messages::MALFORMED_REQUEST));
        assert_eq!(other.status(), Some(400));
        assert_eq!(other.server_message(), Some(messages::MALFORMED_REQUEST));
    }
}
