//! The async ThreatConnect v2 client.

use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reqwest::Method;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, DATE, HeaderValue, RETRY_AFTER};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tc_model::{Envelope, Owner, OwnerList, OwnerSingle, ResponseStatus, User, WhoAmI};
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::base_url::BaseUrl;
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::paging::{FetchPage, Page, Paged};
use crate::path::ApiPath;
use crate::rate_limit::RateLimiter;
use crate::retry::{self, Failure, Retry, RetryPolicy};
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
    /// Retries of failed calls (default: 4 retries, 250 ms base, 10 s ceiling; see
    /// [`crate::retry`] for what is retried). [`RetryPolicy::none`] turns them off.
    pub retry: RetryPolicy,
    /// At most this many requests per second, shared by the client and all its clones
    /// (default: no limit). Requests are spaced evenly, `1/n` seconds apart.
    pub max_requests_per_second: Option<f64>,
}

impl ClientConfig {
    /// A configuration with a 30-second timeout, certificate checks on, the default retry
    /// policy and no rate limit.
    pub fn new(base_url: BaseUrl, credentials: Credentials) -> Self {
        ClientConfig {
            base_url,
            credentials,
            timeout: Duration::from_secs(30),
            tls: TlsConfig::default(),
            clock: None,
            retry: RetryPolicy::default(),
            max_requests_per_second: None,
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
            .field("retry", &self.retry)
            .field("max_requests_per_second", &self.max_requests_per_second)
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

/// One call to send: method, final URL, optional JSON body, and whether a retry after the
/// request may have reached the server is safe.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiRequest {
    pub method: Method,
    /// The URL exactly as it will be sent and signed.
    pub url: Url,
    /// Sent as `Content-Type: application/json; charset=utf-8`.
    pub body: Option<Value>,
    /// A body that is not JSON (a batch upload, a multipart form); wins over `body`.
    pub raw_body: Option<RawBody>,
    /// Return a successful response's bytes as they came instead of reading an envelope
    /// (`/v2/batch/{id}/errors` answers with gzip'd JSON).
    pub raw_response: bool,
    /// True when sending the request twice has the same effect as once. Defaults to true
    /// for every method but `POST`.
    pub idempotent: bool,
}

/// A request body that is not JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBody {
    pub bytes: Vec<u8>,
    pub content_type: String,
}

impl ApiRequest {
    /// A request without a body; idempotent unless `method` is `POST`.
    pub fn new(method: Method, url: Url) -> Self {
        let idempotent = method != Method::POST;
        ApiRequest {
            method,
            url,
            body: None,
            raw_body: None,
            raw_response: false,
            idempotent,
        }
    }

    /// Adds a JSON body.
    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Marks the call as safe (or not) to send again.
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }
}

/// A successful response: the envelope's `data` (absent for calls that answer only
/// `{"status":"Success"}`) and facts about the response.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiResponse {
    pub data: Option<Value>,
    pub meta: ResponseMeta,
    /// The body as it came, for requests made with `raw_response`.
    pub raw: Option<Vec<u8>>,
}

/// A ThreatConnect v2 client. Cheap to clone; clones share one connection pool and one rate
/// limiter.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: BaseUrl,
    credentials: Credentials,
    timeout: Duration,
    clock: Clock,
    retry: RetryPolicy,
    limiter: Option<Arc<RateLimiter>>,
    cancel: Option<CancellationToken>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("cancellable", &self.cancel.is_some())
            .finish_non_exhaustive()
    }
}

/// Largest page the v2 API serves (`reference/threatconnect-api.md` §3.2).
const OWNERS_PAGE: usize = 10_000;

const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";

impl Client {
    /// Builds a client. Fails only when the TLS settings or the rate limit cannot be used.
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
        let limiter = match config.max_requests_per_second {
            Some(rate) => Some(Arc::new(RateLimiter::new(rate)?)),
            None => None,
        };
        let http = builder.build().map_err(|e| Error::Config(e.to_string()))?;
        let clock = config.clock.unwrap_or_else(|| Arc::new(system_clock));
        Ok(Client {
            http,
            base_url: config.base_url,
            credentials: config.credentials,
            timeout: config.timeout,
            clock,
            retry: config.retry,
            limiter,
            cancel: None,
        })
    }

    /// A clone of this client whose every call, retry wait, rate-limit wait and list stream
    /// stops with [`Error::Cancelled`] once `token` is cancelled. The clone shares the
    /// connection pool and the rate limiter. Give each long job (a pull, an import) a clone
    /// with its own token (or a child token) and cancel that token to stop the job cleanly.
    pub fn with_cancellation(&self, token: CancellationToken) -> Client {
        Client {
            cancel: Some(token),
            ..self.clone()
        }
    }

    /// A clone of this client that never retries: for calls that must answer at once, such
    /// as a connection test.
    pub fn without_retries(&self) -> Client {
        Client {
            retry: RetryPolicy::none(),
            ..self.clone()
        }
    }

    /// The token set with [`Client::with_cancellation`], if any.
    pub fn cancellation_token(&self) -> Option<&CancellationToken> {
        self.cancel.as_ref()
    }

    /// The base URL calls go to.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// The retry policy in force.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
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
        self.request(Method::GET, url, None).await
    }

    /// Sends a signed request to `url` (with a JSON body when given) and decodes the
    /// envelope's `data` as `T`. The signature is computed from `url` as it is sent; nothing
    /// re-encodes it afterwards. `POST` is treated as not idempotent (never re-sent once it
    /// may have reached the server); use [`Client::send`] to say otherwise.
    pub async fn request<T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
        body: Option<&Value>,
    ) -> Result<(T, ResponseMeta)> {
        let mut request = ApiRequest::new(method, url);
        request.body = body.cloned();
        let response = self.send(request).await?;
        let data = require_data(response.data)?;
        Ok((decode_data(data)?, response.meta))
    }

    /// Sends one call with the client's retries, rate limit and cancellation, and returns
    /// the envelope's `data` on success (HTTP 200, 201 or 202).
    pub async fn send(&self, request: ApiRequest) -> Result<ApiResponse> {
        if self.cancel.as_ref().is_some_and(|t| t.is_cancelled()) {
            return Err(Error::Cancelled);
        }
        let body = match (&request.raw_body, &request.body) {
            (Some(raw), _) => Some((raw.bytes.clone(), raw.content_type.clone())),
            (None, Some(value)) => Some((
                serde_json::to_vec(value).map_err(|e| {
                    Error::Invalid(format!("the request body cannot be written as JSON: {e}"))
                })?,
                JSON_CONTENT_TYPE.to_owned(),
            )),
            (None, None) => None,
        };
        let raw_response = request.raw_response;
        retry::run(
            &self.retry,
            request.idempotent,
            |_| self.attempt(&request.method, &request.url, body.clone(), raw_response),
            |wait| self.cancellable(tokio::time::sleep(wait)),
            rand::random::<f64>,
        )
        .await
    }

    /// Waits `duration`, unless the client's token is (or gets) cancelled.
    pub(crate) async fn pause(&self, duration: Duration) -> Result<()> {
        self.cancellable(tokio::time::sleep(duration)).await
    }

    /// Runs `future` unless the client's token is (or gets) cancelled.
    async fn cancellable<F: Future>(&self, future: F) -> Result<F::Output> {
        match &self.cancel {
            None => Ok(future.await),
            Some(token) if token.is_cancelled() => Err(Error::Cancelled),
            Some(token) => token
                .run_until_cancelled(future)
                .await
                .ok_or(Error::Cancelled),
        }
    }

    /// One attempt: wait for a rate-limit slot, then sign and send.
    async fn attempt(
        &self,
        method: &Method,
        url: &Url,
        body: Option<(Vec<u8>, String)>,
        raw_response: bool,
    ) -> std::result::Result<ApiResponse, Failure> {
        if let Some(limiter) = &self.limiter {
            self.cancellable(limiter.acquire())
                .await
                .map_err(Failure::final_)?;
        }
        self.cancellable(self.exchange(method, url, body, raw_response))
            .await
            .map_err(Failure::final_)?
    }

    /// Signs (with a fresh timestamp) and sends one request, and reads its response.
    async fn exchange(
        &self,
        method: &Method,
        url: &Url,
        body: Option<(Vec<u8>, String)>,
        raw_response: bool,
    ) -> std::result::Result<ApiResponse, Failure> {
        let target = signing::request_target(url);
        let headers =
            signing::authorize(&self.credentials, &target, method.as_str(), (self.clock)());
        let mut auth = HeaderValue::from_str(&headers.authorization).map_err(|_| {
            Failure::final_(Error::Config(
                "the credentials contain characters that cannot be sent".into(),
            ))
        })?;
        auth.set_sensitive(true);
        let mut req = self
            .http
            .request(method.clone(), url.clone())
            .header(AUTHORIZATION, auth);
        if let Some(ts) = &headers.timestamp {
            req = req.header("Timestamp", ts);
        }
        if let Some((body, content_type)) = body {
            req = req.header(CONTENT_TYPE, content_type).body(body);
        }
        tracing::debug!(%method, target = %target, "ThreatConnect request");
        let started = Instant::now();
        let response = req.send().await.map_err(|e| Failure {
            error: Error::from_transport(&e, self.timeout),
            // A connection that was never opened carried nothing: always safe to retry.
            retry: if e.is_connect() {
                Retry::NotSent
            } else {
                Retry::IfIdempotent { retry_after: None }
            },
        })?;
        let status = response.status().as_u16();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let server_date = header(DATE).and_then(|v| httpdate::parse_http_date(&v).ok());
        let retry_after =
            header(RETRY_AFTER).and_then(|v| retry::parse_retry_after(&v, SystemTime::now()));
        let content_type = header(CONTENT_TYPE).unwrap_or_default();
        let body = response.bytes().await.map_err(|e| Failure {
            error: Error::from_transport(&e, self.timeout),
            retry: Retry::IfIdempotent { retry_after: None },
        })?;
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
        if raw_response && (200..300).contains(&status) {
            return Ok(ApiResponse {
                data: None,
                meta,
                raw: Some(body.to_vec()),
            });
        }
        match decode_envelope(status, &content_type, &body) {
            Ok(data) => Ok(ApiResponse {
                data,
                meta,
                raw: None,
            }),
            Err(error) => {
                // Say how far off the clock is, so the user knows what to fix.
                let error = match error {
                    Error::ClockSkew {
                        status, message, ..
                    } => Error::ClockSkew {
                        status,
                        message,
                        skew_secs: meta.clock_skew_secs(),
                    },
                    other => other,
                };
                let retry = if retry::is_retryable_status(status) {
                    Retry::IfIdempotent { retry_after }
                } else {
                    Retry::Never
                };
                Err(Failure { error, retry })
            }
        }
    }

    /// The URL of `path` with `query` (form-encoded, space as `+`), checked to carry the path
    /// exactly as built: what is signed is what is sent. For calls without a typed
    /// operation, pass it to [`Client::send`] in an [`ApiRequest`].
    pub fn url_for(&self, path: &ApiPath, query: &[(String, String)]) -> Result<Url> {
        let mut url = self.base_url.endpoint_encoded(path.as_str());
        if !url.path().ends_with(path.as_str()) {
            return Err(Error::Invalid(format!(
                "the path {} would not be sent as built",
                path.as_str()
            )));
        }
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(url)
    }

    /// Builds and sends a call to `path`.
    pub(crate) async fn call(
        &self,
        method: Method,
        path: &ApiPath,
        query: &[(String, String)],
        body: Option<Value>,
        idempotent: bool,
    ) -> Result<ApiResponse> {
        let url = self.url_for(path, query)?;
        let mut request = ApiRequest::new(method, url).idempotent(idempotent);
        request.body = body;
        self.send(request).await
    }

    /// One page of a list: `query` (after `owner`) plus `resultStart` (when not 0) and
    /// `resultLimit`, decoded from the items under `key`.
    pub(crate) async fn page<T: DeserializeOwned>(
        &self,
        path: &ApiPath,
        query: &[(String, String)],
        key: &str,
        start: usize,
        limit: usize,
    ) -> Result<Page<T>> {
        let mut query = query.to_vec();
        if start > 0 {
            query.push(("resultStart".to_owned(), start.to_string()));
        }
        query.push(("resultLimit".to_owned(), limit.to_string()));
        let response = self.call(Method::GET, path, &query, None, true).await?;
        let data = require_data(response.data)?;
        let (result_count, items) = decode_list(&data, key)?;
        Ok(Page {
            result_count,
            items,
            meta: response.meta,
        })
    }

    /// Every page of a list as a stream of items.
    pub(crate) fn paged<T: DeserializeOwned + Send + 'static>(
        &self,
        path: Result<ApiPath>,
        query: Result<Vec<(String, String)>>,
        key: String,
        page_size: Result<usize>,
    ) -> Paged<T> {
        let (path, query, limit) = match (path, query, page_size) {
            (Ok(p), Ok(q), Ok(l)) => (p, q, l),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return Paged::failed(e),
        };
        let client = self.clone();
        let fetch: FetchPage<T> = Box::new(move |start, limit| {
            let client = client.clone();
            let path = path.clone();
            let query = query.clone();
            let key = key.clone();
            Box::pin(async move {
                let page = client.page::<T>(&path, &query, &key, start, limit).await?;
                Ok((page.result_count, page.items))
            })
        });
        Paged::new(limit, self.cancel.clone(), fetch)
    }
}

/// The `owner` parameter every data call carries: ThreatConnect would otherwise use the API
/// user's own Organization, and TC Bridge never relies on that (§4).
pub(crate) fn owner_query(owner: &str) -> Result<Vec<(String, String)>> {
    if owner.trim().is_empty() {
        return Err(Error::Invalid(
            "Choose an owner: every ThreatConnect call names one.".into(),
        ));
    }
    Ok(vec![("owner".to_owned(), owner.to_owned())])
}

fn system_clock() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Reads a v2 envelope: `data` (if any) on success, a classified [`Error`] on failure.
/// Success is HTTP 200, 201 or 202 with a status other than `Failure` (202 batch uploads
/// answer `{"status":"Queued"}`).
pub(crate) fn decode_envelope(
    status: u16,
    content_type: &str,
    body: &[u8],
) -> Result<Option<Value>> {
    let envelope: Envelope<Value> = match serde_json::from_slice(body) {
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
    if envelope.status == ResponseStatus::Failure || !matches!(status, 200..=202) {
        // Batch calls answer `{"status":"Invalid","description":"..."}` instead (§8.2).
        let description = || {
            serde_json::from_slice::<Value>(body)
                .ok()
                .and_then(|v| v.get("description")?.as_str().map(str::to_owned))
        };
        let message = envelope
            .message
            .or_else(description)
            .unwrap_or_else(|| format!("HTTP {status} without a message"));
        return Err(Error::from_failure(status, message));
    }
    Ok(envelope.data)
}

/// The `data` of a response that must have one.
pub(crate) fn require_data(data: Option<Value>) -> Result<Value> {
    data.ok_or_else(|| Error::Decode {
        path: "data".into(),
        message: "the response has no data".into(),
    })
}

/// Decodes `data` as `T`, naming the failing path.
pub(crate) fn decode_data<T: DeserializeOwned>(data: Value) -> Result<T> {
    serde_path_to_error::deserialize(data).map_err(|e| Error::Decode {
        path: format!("data.{}", e.path()),
        message: e.inner().to_string(),
    })
}

/// Reads a v2 envelope and decodes `data` as `T`.
#[cfg(test)]
fn decode<T: DeserializeOwned>(status: u16, content_type: &str, body: &[u8]) -> Result<T> {
    decode_data(require_data(decode_envelope(status, content_type, body)?)?)
}

/// A list under `key` (`tc_model::wire::parse_items`: a missing key is empty, a single
/// object is a list of one), with the failing item's path when an item does not decode.
pub(crate) fn decode_list<T: DeserializeOwned>(
    data: &Value,
    key: &str,
) -> Result<(Option<u64>, Vec<T>)> {
    tc_model::wire::parse_items(data, key).map_err(|e| locate::<T>(data, key, &e))
}

/// The single item under `key` (`tc_model::wire::parse_item`).
pub(crate) fn decode_single<T: DeserializeOwned>(data: &Value, key: &str) -> Result<T> {
    tc_model::wire::parse_item(data, key).map_err(|e| locate::<T>(data, key, &e))
}

/// The path of the first item under `key` that fails to decode as `T`.
fn locate<T: DeserializeOwned>(data: &Value, key: &str, error: &serde_json::Error) -> Error {
    let failing = |item: &Value, at: String| {
        serde_path_to_error::deserialize::<_, T>(item)
            .err()
            .map(|e| Error::Decode {
                path: match e.path().to_string().as_str() {
                    "." => at.clone(),
                    p => format!("{at}.{p}"),
                },
                message: e.inner().to_string(),
            })
    };
    let found = match data.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| failing(item, format!("data.{key}[{i}]"))),
        Some(item) => failing(item, format!("data.{key}")),
        None => None,
    };
    found.unwrap_or_else(|| Error::Decode {
        path: format!("data.{key}"),
        message: error.to_string(),
    })
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
