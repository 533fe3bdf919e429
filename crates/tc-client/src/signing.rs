//! Request signing as pure functions (`reference/threatconnect-api.md` §2).
//!
//! The message is `<request-target>:<METHOD>:<timestamp>`, where the request-target is the
//! path and query exactly as they go on the wire (still percent-encoded). The signature is
//! standard Base64 of HMAC-SHA256 over that message, keyed with the Secret Key. Nothing
//! here reads the clock: the timestamp is passed in.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use url::Url;

use crate::credentials::Credentials;
use crate::secret::SecretString;

type HmacSha256 = Hmac<Sha256>;

/// The request-target of `url` as it is sent: encoded path, then `?` and the encoded query
/// when there is one. No scheme, host, port or fragment.
pub fn request_target(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{}", url.path(), q),
        None => url.path().to_owned(),
    }
}

/// The string that is signed: `<request-target>:<METHOD>:<timestamp>`.
pub fn message(request_target: &str, method: &str, timestamp: i64) -> String {
    format!(
        "{request_target}:{}:{timestamp}",
        method.to_ascii_uppercase()
    )
}

/// Raw HMAC-SHA256 of `message` keyed with `secret_key` (32 bytes).
pub fn hmac_sha256(secret_key: &str, message: &str) -> [u8; 32] {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = HmacSha256::new_from_slice(secret_key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().into()
}

/// Standard Base64 (with `+`, `/` and `=` padding) of the HMAC: always 44 characters.
pub fn signature(secret_key: &str, message: &str) -> String {
    STANDARD.encode(hmac_sha256(secret_key, message))
}

/// The headers that authenticate one request, and the message they were computed from.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    /// Value of the `Authorization` header.
    pub authorization: String,
    /// Value of the `Timestamp` header, when the scheme uses one (HMAC).
    pub timestamp: Option<String>,
    /// The signed message (HMAC only); exposed for tests and the signing self-test.
    pub message: Option<String>,
}

impl fmt::Debug for SignedHeaders {
    // A signature can be replayed for five minutes and a token for days: never print them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedHeaders")
            .field("authorization", &"***")
            .field("timestamp", &self.timestamp)
            .field("message", &self.message)
            .finish()
    }
}

/// HMAC headers for a request to `request_target` with `method` at `timestamp`.
pub fn sign_hmac(
    request_target: &str,
    method: &str,
    timestamp: i64,
    access_id: &str,
    secret_key: &SecretString,
) -> SignedHeaders {
    let message = message(request_target, method, timestamp);
    let sig = signature(secret_key.expose(), &message);
    SignedHeaders {
        authorization: format!("TC {access_id}:{sig}"),
        timestamp: Some(timestamp.to_string()),
        message: Some(message),
    }
}

/// The headers for `credentials`: signed for HMAC, `TC-Token <token>` for a token.
pub fn authorize(
    credentials: &Credentials,
    request_target: &str,
    method: &str,
    timestamp: i64,
) -> SignedHeaders {
    match credentials {
        Credentials::Hmac {
            access_id,
            secret_key,
        } => sign_hmac(request_target, method, timestamp, access_id, secret_key),
        Credentials::Token(token) => SignedHeaders {
            authorization: format!("TC-Token {}", token.expose()),
            timestamp: None,
            message: None,
        },
    }
}

/// The worked example the signing self-test recomputes (`reference/threatconnect-api.md`
/// §2.2, vector 1). Credentials are made up and published.
pub mod documented_example {
    /// Access ID of the published example.
    pub const ACCESS_ID: &str = "12345678901234567890";
    /// Secret Key of the published example.
    pub const SECRET_KEY: &str = "TestSecretKey-DoNotUse-0123456789abcdef";
    /// Request-target of the example.
    pub const REQUEST_TARGET: &str = "/api/v2/owners";
    /// Method of the example.
    pub const METHOD: &str = "GET";
    /// Timestamp of the example.
    pub const TIMESTAMP: i64 = 1_700_000_000;
    /// The signature ThreatConnect expects for it.
    pub const SIGNATURE: &str = "5K9dL/5i/M6kj4MBcuzMqeFmlO/A/CjFHkcknD24wn8=";
}

/// Result of recomputing the documented example signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfTest {
    /// True when this build signs the example exactly as documented.
    pub passed: bool,
    /// The documented signature.
    pub expected: &'static str,
    /// What this build computed.
    pub actual: String,
}

/// Signs the documented example and compares. If this passes and ThreatConnect still says
/// the signature does not match, the Secret Key (or Access ID) is wrong, not the signing.
pub fn self_test() -> SelfTest {
    use documented_example as ex;
    let actual = signature(
        ex::SECRET_KEY,
        &message(ex::REQUEST_TARGET, ex::METHOD, ex::TIMESTAMP),
    );
    SelfTest {
        passed: actual == ex::SIGNATURE,
        expected: ex::SIGNATURE,
        actual,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_target_keeps_encoding() {
        let url =
            Url::parse("https://h.example/api/v2/indicators/hosts?owner=Common+Community").unwrap();
        assert_eq!(
            request_target(&url),
            "/api/v2/indicators/hosts?owner=Common+Community"
        );
        let bare = Url::parse("https://h.example:8443/api/v2/owners#frag").unwrap();
        assert_eq!(request_target(&bare), "/api/v2/owners");
    }

    #[test]
    fn method_is_upper_cased() {
        assert_eq!(message("/a", "get", 1), "/a:GET:1");
    }

    #[test]
    fn self_test_passes() {
        let result = self_test();
        assert!(
            result.passed,
            "computed {} expected {}",
            result.actual, result.expected
        );
    }

    #[test]
    fn token_header_and_debug_redaction() {
        let creds = Credentials::token("APIV2:430:c8mTcH:1234567890123:abc");
        let headers = authorize(&creds, "/api/v2/owners", "GET", 1);
        assert_eq!(
            headers.authorization,
            "TC-Token APIV2:430:c8mTcH:1234567890123:abc"
        );
        assert_eq!(headers.timestamp, None);
        assert!(!format!("{headers:?}").contains("c8mTcH"));
    }
}
