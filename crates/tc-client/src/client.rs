//! The async ThreatConnect v2 client.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reqwest::Method;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, DATE, HeaderValue};
use serde::de::DeserializeOwned;
use tc_model::{Envelope, Owner, OwnerList, OwnerSingle, ResponseStatus, User, WhoAmI};
use url::Url;

use crate::base_url::BaseUrl;
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::signing;

/// Returns the current Unix time in whole seconds. Injectable so tests can send a stale
/// timestamp; the default reads the system clock.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// How to check the server's certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsConfig {
    /// Verify the certificate (on by default). Turning this off is for test instances only.
    pub verify: bool,
    /// An extra CA certificate (PEM) to trust, for on-premises instances with a private CA.
    pub ca_file: Option<PathBuf>,
}

impl Default for TlsConfig {
    fn default() -> Self {
        TlsConfig {
            verify: true,
            ca_file: None,
        }
    }
}

/// Everything a [`Client`] needs.
#[derive(Clone)]
pub struct ClientConfig {
    pub base_url: BaseUrl,
    pub credentials: Credentials,
    /// Limit for one whole request, connection to last byte.
    pub timeout: Duration,
    pub tls: TlsConfig,
    /// Source of request timestamps; `None` uses the system clock.
    pub clock: Option<Clock>,
}

impl ClientConfig {
    /// A configuration with a 30-second timeout and certificate checks on.
    pub fn new(base_url: BaseUrl, credentials: Credentials) -> Self {
        ClientConfig {
            base_url,
            credentials,
            timeout: Duration::from_secs(30),
            tls: TlsConfig::default(),
            clock: None,
        }
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("tls", &self.tls)
            .field("clock", &self.clock.as_ref().map(|_| "custom"))
            .finish()
    }
}

/// Facts about one response, beyond its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseMeta {
    /// HTTP status.
    pub status: u16,
    /// Time from sending the request to reading the whole body.
    pub elapsed: Duration,
    /// The server's `Date` header, used to measure clock skew.
    pub server_date: Option<SystemTime>,
    /// This computer's clock when the response arrived.
    pub received_at: SystemTime,
}

impl ResponseMeta {
    /// Server clock minus this computer's clock, in whole seconds, when the server sent a
    /// `Date` header.
    pub fn clock_skew_secs(&self) -> Option<i64> {
        self.server_date
            .map(|server| skew_secs(server, self.received_at, self.elapsed))
    }
}

/// Server clock minus local clock. The server stamped its `Date` while answering, roughly
/// half the round trip before `received`; HTTP dates are truncated to whole seconds, so
/// the comparison is against the middle of that second.
pub fn skew_secs(server: SystemTime, received: SystemTime, round_trip: Duration) -> i64 {
    let local_at_answer = received.checked_sub(round_trip / 2).unwrap_or(received);
    let diff = match server.duration_since(local_at_answer) {
        Ok(ahead) => ahead.as_secs_f64(),
        Err(behind) => -behind.duration().as_secs_f64(),
    };
    (diff + 0.5).round() as i64
}

/// A ThreatConnect v2 client. Cheap to clone; clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: BaseUrl,
    credentials: Credentials,
    timeout: Duration,
    clock: Clock,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

/// Largest page the v2 API serves (`reference/threatconnect-api.md` §3.2).
const OWNERS_PAGE: usize = 10_000;

impl Client {
    /// Builds a client. Fails only when the TLS settings cannot be used.
    pub fn new(config: ClientConfig) -> Result<Self> {
        let mut builder = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("tc-bridge/", env!("CARGO_PKG_VERSION")))
            .danger_accept_invalid_certs(!config.tls.verify);
        if let Some(path) = &config.tls.ca_file {
            let pem = std::fs::read(path).map_err(|e| {
                Error::Config(format!("cannot read the CA file {}: {e}", path.display()))
            })?;
            if !pem.windows(27).any(|w| w == b"-----BEGIN CERTIFICATE-----") {
                return Err(Error::Config(format!(
                    "the CA file {} is not a PEM certificate",
                    path.display()
                )));
            }
            let cert = reqwest::Certificate::from_pem(&pem).map_err(|_| {
                Error::Config(format!(
                    "the CA file {} is not a PEM certificate",
                    path.display()
                ))
            })?;
            builder = builder.add_root_certificate(cert);
        }
        let http = builder.build().map_err(|e| Error::Config(e.to_string()))?;
        let clock = config.clock.unwrap_or_else(|| Arc::new(system_clock));
        Ok(Client {
            http,
            base_url: config.base_url,
            credentials: config.credentials,
            timeout: config.timeout,
            clock,
        })
    }

    /// The base URL calls go to.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// The API user behind the credentials (`GET /v2/whoami`).
    pub async fn whoami(&self) -> Result<User> {
        Ok(self.whoami_with_meta().await?.0)
    }

    /// Like [`Client::whoami`], with the response's latency and server date.
    pub async fn whoami_with_meta(&self) -> Result<(User, ResponseMeta)> {
        let (data, meta) = self.get::<WhoAmI>(&["v2", "whoami"], &[]).await?;
        Ok((data.user, meta))
    }

    /// Every owner the API user can see (`GET /v2/owners`), all pages.
    pub async fn owners(&self) -> Result<Vec<Owner>> {
        Ok(self.owners_with_meta().await?.0)
    }

    /// Like [`Client::owners`], with the last page's latency and server date.
    pub async fn owners_with_meta(&self) -> Result<(Vec<Owner>, ResponseMeta)> {
        let limit = OWNERS_PAGE.to_string();
        let mut owners = Vec::new();
        loop {
            let start = owners.len().to_string();
            let (page, meta) = self
                .get::<OwnerList>(
                    &["v2", "owners"],
                    &[("resultStart", &start), ("resultLimit", &limit)],
                )
                .await?;
            let got = page.owner.len();
            owners.extend(page.owner);
            // Do not rely on resultCount: only the first page carries it (§3.1).
            if got < OWNERS_PAGE {
                return Ok((owners, meta));
            }
        }
    }

    /// One owner by id (`GET /v2/owners/{id}`).
    pub async fn owner(&self, id: i64) -> Result<Owner> {
        let id = id.to_string();
        Ok(self
            .get::<OwnerSingle>(&["v2", "owners", &id], &[])
            .await?
            .0
            .owner)
    }

    /// The API user's own Organization (`GET /v2/owners/mine`).
    pub async fn owner_mine(&self) -> Result<Owner> {
        Ok(self
            .get::<OwnerSingle>(&["v2", "owners", "mine"], &[])
            .await?
            .0
            .owner)
    }

    /// `GET` an endpoint and decode the envelope's `data` as `T`.
    pub async fn get<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(&str, &str)],
    ) -> Result<(T, ResponseMeta)> {
        let mut url = self.base_url.endpoint(segments);
        if !query.is_empty() {
            // Form encoding: space becomes '+', as Python clients send it (§2.1, vector 2b).
            url.query_pairs_mut().extend_pairs(query);
        }
        self.request(Method::GET, url).await
    }

    /// Sends a signed request to `url` and decodes the envelope's `data` as `T`. The
    /// signature is computed from `url` as it is sent; nothing re-encodes it afterwards.
    pub async fn request<T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
    ) -> Result<(T, ResponseMeta)> {
        let target = signing::request_target(&url);
        let headers =
            signing::authorize(&self.credentials, &target, method.as_str(), (self.clock)());
        let mut auth = HeaderValue::from_str(&headers.authorization).map_err(|_| {
            Error::Config("the credentials contain characters that cannot be sent".into())
        })?;
        auth.set_sensitive(true);
        let mut req = self
            .http
            .request(method.clone(), url)
            .header(AUTHORIZATION, auth);
        if let Some(ts) = &headers.timestamp {
            req = req.header("Timestamp", ts);
        }
        tracing::debug!(%method, target = %target, "ThreatConnect request");
        let started = Instant::now();
        let response = req
            .send()
            .await
            .map_err(|e| Error::from_transport(&e, self.timeout))?;
        let status = response.status().as_u16();
        let server_date = response
            .headers()
            .get(DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok());
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let body = response
            .bytes()
            .await
            .map_err(|e| Error::from_transport(&e, self.timeout))?;
        let meta = ResponseMeta {
            status,
            elapsed: started.elapsed(),
            server_date,
            received_at: SystemTime::now(),
        };
        tracing::debug!(
            status,
            elapsed_ms = meta.elapsed.as_millis() as u64,
            "ThreatConnect response"
        );
        match decode(status, &content_type, &body) {
            Ok(data) => Ok((data, meta)),
            // Say how far off the clock is, so the user knows what to fix.
            Err(Error::ClockSkew {
                status, message, ..
            }) => Err(Error::ClockSkew {
                status,
                message,
                skew_secs: meta.clock_skew_secs(),
            }),
            Err(e) => Err(e),
        }
    }
}

fn system_clock() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Reads a v2 envelope: `data` on success, a classified [`Error`] on failure.
fn decode<T: DeserializeOwned>(status: u16, content_type: &str, body: &[u8]) -> Result<T> {
    let envelope: Envelope<serde_json::Value> = match serde_json::from_slice(body) {
        Ok(env) => env,
        Err(_) => {
            return Err(Error::UnexpectedResponse {
                status,
                content_type: if content_type.is_empty() {
                    "no content type".into()
                } else {
                    content_type.to_owned()
                },
                snippet: snippet(body),
            });
        }
    };
    match envelope.status {
        ResponseStatus::Success if (200..300).contains(&status) => {
            let data = envelope.data.ok_or_else(|| Error::Decode {
                path: "data".into(),
                message: "the response has no data".into(),
            })?;
            serde_path_to_error::deserialize(data).map_err(|e| Error::Decode {
                path: format!("data.{}", e.path()),
                message: e.inner().to_string(),
            })
        }
        _ => {
            let message = envelope
                .message
                .unwrap_or_else(|| format!("HTTP {status} without a message"));
            Err(Error::from_failure(status, message))
        }
    }
}

/// The start of a body, printable, for error messages.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(200)]);
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    flat.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skew_accounts_for_round_trip_and_whole_seconds() {
        let t0 = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        // The server stamped second t0 while this clock read about 0.3 s into it.
        let received = t0 + Duration::from_millis(500);
        let rtt = Duration::from_millis(400);
        assert_eq!(skew_secs(t0, received, rtt), 0);
        assert_eq!(skew_secs(t0 + Duration::from_secs(200), received, rtt), 200);
        assert_eq!(
            skew_secs(t0 - Duration::from_secs(200), received, rtt),
            -200
        );
    }

    #[test]
    fn decode_names_the_failing_path() {
        let body = br#"{"status":"Success","data":{"resultCount":1,"owner":[{"id":"two","name":"x","type":"Source"}]}}"#;
        let err = decode::<OwnerList>(200, "application/json", body).unwrap_err();
        match err {
            Error::Decode { path, .. } => assert_eq!(path, "data.owner[0].id"),
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn decode_failure_keeps_status_and_message() {
        let body =
            br#"{"status":"Failure","message":"Signature data did not match expected result"}"#;
        let err = decode::<OwnerList>(403, "application/json", body).unwrap_err();
        assert_eq!(
            err,
            Error::AuthRejected {
                status: 403,
                message: "Signature data did not match expected result".into()
            }
        );
    }

    #[test]
    fn non_json_is_reported_with_a_snippet() {
        let err = decode::<OwnerList>(502, "text/html", b"<html>\n<h1>Bad Gateway</h1></html>")
            .unwrap_err();
        assert_eq!(
            err,
            Error::UnexpectedResponse {
                status: 502,
                content_type: "text/html".into(),
                snippet: "<html> <h1>Bad Gateway</h1></html>".into()
            }
        );
    }
}
