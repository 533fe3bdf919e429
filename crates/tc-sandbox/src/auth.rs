//! Authentication exactly as ThreatConnect does it (`reference/threatconnect-api.md` §2).
//!
//! HMAC: the signature is checked against the raw request-target as received (path and
//! query still percent-encoded, never decoded first), the method and the `Timestamp`
//! header, which must be within ±300 s of the sandbox clock. Token: `TC-Token <token>`,
//! with any `Timestamp` header ignored.

use axum::http::{HeaderMap, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use tc_model::messages;

use crate::config::SandboxConfig;

/// Why a request was refused: ThreatConnect's status and message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rejection {
    pub status: StatusCode,
    pub message: &'static str,
}

impl Rejection {
    fn forbidden(message: &'static str) -> Self {
        Rejection {
            status: StatusCode::FORBIDDEN,
            message,
        }
    }
}

/// Checks one request's credentials. `target` is the raw request-target (path and query as
/// received); `now` is the sandbox's clock in Unix seconds.
pub fn verify_request(
    config: &SandboxConfig,
    method: &str,
    target: &str,
    headers: &HeaderMap,
    now: i64,
) -> Result<(), Rejection> {
    let authorization = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        // UNVERIFIED: the message for a request without credentials. ThreatConnect answers
        // 403 (overview: "lacks a supported authentication method"); clients only look at
        // the status here.
        .ok_or(Rejection::forbidden(messages::ACCESS_DENIED))?;

    if let Some(token) = authorization.strip_prefix("TC-Token ") {
        let known = config
            .api_token
            .as_deref()
            .is_some_and(|t| constant_time_eq(t.as_bytes(), token.as_bytes()));
        return if known {
            Ok(())
        } else {
            // Expired, superseded or unknown tokens are 401 "Unauthorized" (§2.3).
            Err(Rejection {
                status: StatusCode::UNAUTHORIZED,
                message: messages::UNAUTHORIZED,
            })
        };
    }

    let credentials = authorization
        .strip_prefix("TC ")
        .ok_or(Rejection::forbidden(messages::ACCESS_DENIED))?;
    let (access_id, signature) = credentials
        .split_once(':')
        .ok_or(Rejection::forbidden(messages::ACCESS_DENIED))?;

    // UNVERIFIED: status for a missing or non-numeric timestamp; 403 like the other
    // signature failures, which is what every client treats as "authentication failed".
    let timestamp = headers
        .get("Timestamp")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .ok_or(Rejection::forbidden(messages::INVALID_TIMESTAMP))?;

    // UNVERIFIED: 401 or 403 for an unknown Access ID; 403 keeps every HMAC failure alike.
    if !constant_time_eq(access_id.as_bytes(), config.access_id.as_bytes()) {
        return Err(Rejection::forbidden(messages::ACCESS_DENIED));
    }

    let message = format!("{target}:{}:{timestamp}", method.to_ascii_uppercase());
    let given = STANDARD
        .decode(signature)
        .map_err(|_| Rejection::forbidden(messages::SIGNATURE_MISMATCH))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(config.secret_key.as_bytes())
        .map_err(|_| Rejection::forbidden(messages::SIGNATURE_MISMATCH))?;
    mac.update(message.as_bytes());
    mac.verify_slice(&given)
        .map_err(|_| Rejection::forbidden(messages::SIGNATURE_MISMATCH))?;

    if (now - timestamp).abs() > messages::TIMESTAMP_WINDOW_SECS {
        return Err(Rejection::forbidden(messages::TIMESTAMP_OUT_OF_RANGE));
    }
    Ok(())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn config() -> SandboxConfig {
        SandboxConfig {
            access_id: "12345678901234567890".into(),
            secret_key: "TestSecretKey-DoNotUse-0123456789abcdef".into(),
            api_token: Some("APIV2:1:sandbox:1:tok".into()),
            ..SandboxConfig::generate()
        }
    }

    fn hmac_headers(auth: &str, ts: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("authorization", HeaderValue::from_str(auth).unwrap());
        h.insert("timestamp", HeaderValue::from_str(ts).unwrap());
        h
    }

    // The documented vectors, verified independently of tc-client's signer.
    const V1: &str = "TC 12345678901234567890:5K9dL/5i/M6kj4MBcuzMqeFmlO/A/CjFHkcknD24wn8=";
    const V2A: &str = "TC 12345678901234567890:UTECNaGLacIuEft9zvIrZOukaubwJxKYU6Nb3Rw+Ojo=";
    const V2B: &str = "TC 12345678901234567890:X91BtVKYIGELnnl2QBODfApT92n6xenXDj4YjbiELmA=";
    const V2C: &str = "TC 12345678901234567890:qIj6rjoIjwe8rvSmxXX23IQOQM1L4v3MAN0Kys2eU9k=";
    const T2A: &str = "/api/v2/indicators/hosts?owner=Common%20Community&filters=summary%5Ebad%2Crating%3E3&resultLimit=100";
    const T2B: &str = "/api/v2/indicators/hosts?owner=Common+Community&filters=summary%5Ebad%2Crating%3E3&resultLimit=100";

    #[test]
    fn documented_vectors_verify() {
        let c = config();
        assert_eq!(
            verify_request(
                &c,
                "GET",
                "/api/v2/owners",
                &hmac_headers(V1, "1700000000"),
                1_700_000_000
            ),
            Ok(())
        );
        assert_eq!(
            verify_request(
                &c,
                "GET",
                T2A,
                &hmac_headers(V2A, "1700000300"),
                1_700_000_300
            ),
            Ok(())
        );
        assert_eq!(
            verify_request(
                &c,
                "GET",
                T2B,
                &hmac_headers(V2B, "1700000300"),
                1_700_000_300
            ),
            Ok(())
        );
    }

    #[test]
    fn signature_over_decoded_text_is_rejected() {
        let err = verify_request(
            &config(),
            "GET",
            T2A,
            &hmac_headers(V2C, "1700000300"),
            1_700_000_300,
        )
        .unwrap_err();
        assert_eq!(err, Rejection::forbidden(messages::SIGNATURE_MISMATCH));
    }

    #[test]
    fn plus_and_percent20_are_not_interchangeable() {
        let err = verify_request(
            &config(),
            "GET",
            T2B,
            &hmac_headers(V2A, "1700000300"),
            1_700_000_300,
        )
        .unwrap_err();
        assert_eq!(err.message, messages::SIGNATURE_MISMATCH);
    }

    #[test]
    fn window_is_300_seconds_either_side() {
        let c = config();
        let h = hmac_headers(V1, "1700000000");
        assert!(verify_request(&c, "GET", "/api/v2/owners", &h, 1_700_000_300).is_ok());
        assert!(verify_request(&c, "GET", "/api/v2/owners", &h, 1_699_999_700).is_ok());
        let late = verify_request(&c, "GET", "/api/v2/owners", &h, 1_700_000_301).unwrap_err();
        assert_eq!(late, Rejection::forbidden(messages::TIMESTAMP_OUT_OF_RANGE));
        let early = verify_request(&c, "GET", "/api/v2/owners", &h, 1_699_999_699).unwrap_err();
        assert_eq!(early.message, messages::TIMESTAMP_OUT_OF_RANGE);
    }

    #[test]
    fn malformed_credentials() {
        let c = config();
        let none = verify_request(&c, "GET", "/api/v2/owners", &HeaderMap::new(), 0).unwrap_err();
        assert_eq!(none, Rejection::forbidden(messages::ACCESS_DENIED));
        let bad_ts =
            verify_request(&c, "GET", "/api/v2/owners", &hmac_headers(V1, "soon"), 0).unwrap_err();
        assert_eq!(bad_ts.message, messages::INVALID_TIMESTAMP);
        let other_id = "TC 99999999999999999999:5K9dL/5i/M6kj4MBcuzMqeFmlO/A/CjFHkcknD24wn8=";
        let unknown = verify_request(
            &c,
            "GET",
            "/api/v2/owners",
            &hmac_headers(other_id, "1700000000"),
            1_700_000_000,
        )
        .unwrap_err();
        assert_eq!(unknown.message, messages::ACCESS_DENIED);
        let garbage = verify_request(
            &c,
            "GET",
            "/api/v2/owners",
            &hmac_headers("TC 12345678901234567890:%%%", "1700000000"),
            1_700_000_000,
        )
        .unwrap_err();
        assert_eq!(garbage.message, messages::SIGNATURE_MISMATCH);
    }

    #[test]
    fn tokens() {
        let c = config();
        let mut h = HeaderMap::new();
        h.insert(
            "authorization",
            HeaderValue::from_static("TC-Token APIV2:1:sandbox:1:tok"),
        );
        // A Timestamp header, even a silly one, is ignored for tokens (tcex sends one).
        h.insert("timestamp", HeaderValue::from_static("1"));
        assert_eq!(
            verify_request(&c, "GET", "/api/v2/owners", &h, 1_700_000_000),
            Ok(())
        );
        h.insert(
            "authorization",
            HeaderValue::from_static("TC-Token APIV2:1:sandbox:1:nope"),
        );
        let err = verify_request(&c, "GET", "/api/v2/owners", &h, 0).unwrap_err();
        assert_eq!(
            err,
            Rejection {
                status: StatusCode::UNAUTHORIZED,
                message: messages::UNAUTHORIZED
            }
        );
    }
}
