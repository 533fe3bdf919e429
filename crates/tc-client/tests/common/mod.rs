//! Helpers shared by the integration tests: a sandbox with a client, and a tiny scripted
//! HTTP server of our own for what the sandbox cannot show (the exact bytes on the wire,
//! injected faults).

#![allow(dead_code)] // Each test file uses a different part of this module.
#![allow(clippy::unwrap_used)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use tc_client::{BaseUrl, Client, ClientConfig, Credentials, RetryPolicy, SecretString};
use tc_sandbox::{Sandbox, SandboxConfig};

/// The sandbox's own Organization: the default owner, which TC Bridge never relies on.
pub const ORG: &str = "Demo Organization";
pub const COMMUNITY: &str = "Partner Community";
pub const FEED: &str = "Partner Feed";

/// A fresh sandbox (in memory) and the config it was started with.
pub async fn sandbox() -> (Sandbox, SandboxConfig) {
    let config = SandboxConfig::generate();
    let sb = Sandbox::start("127.0.0.1:0".parse().unwrap(), config.clone())
        .await
        .expect("sandbox starts");
    (sb, config)
}

/// A client config for `sb`, with no retries (the sandbox has no faults to retry).
pub fn config_for(sb: &Sandbox, config: &SandboxConfig) -> ClientConfig {
    let mut c = ClientConfig::new(
        BaseUrl::parse(&sb.base_url()).unwrap(),
        Credentials::hmac(
            config.access_id.clone(),
            SecretString::new(config.secret_key.clone()),
        ),
    );
    c.retry = RetryPolicy::none();
    c
}

/// A sandbox and an HMAC client for it.
pub async fn start() -> (Sandbox, Client) {
    let (sb, config) = sandbox().await;
    let client = Client::new(config_for(&sb, &config)).unwrap();
    (sb, client)
}

/// One request as the scripted server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: Method,
    /// The raw request-target, exactly as it arrived.
    pub target: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// One scripted answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

impl Reply {
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Reply {
            status,
            headers: vec![("content-type", "application/json".into())],
            body: body.to_string(),
        }
    }

    pub fn success() -> Self {
        Reply::json(200, serde_json::json!({"status": "Success"}))
    }

    pub fn failure(status: u16, message: &str) -> Self {
        Reply::json(
            status,
            serde_json::json!({"status": "Failure", "message": message}),
        )
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

#[derive(Debug, Default)]
struct Script {
    replies: VecDeque<Reply>,
    /// Answered when the script has run out.
    fallback: Option<Reply>,
    received: Vec<Received>,
}

/// A tiny HTTP server that answers from a script and records what it receives. It stands
/// in for ThreatConnect only where the sandbox cannot help: the exact bytes a request
/// carries, and faults (503, 429) that the sandbox cannot inject yet.
#[derive(Debug, Clone)]
pub struct Scripted {
    pub base_url: String,
    script: Arc<Mutex<Script>>,
    shutdown: Arc<Mutex<Option<tokio::sync::oneshot::Sender<()>>>>,
}

async fn answer(
    State(script): State<Arc<Mutex<Script>>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut script = script.lock().unwrap();
    script.received.push(Received {
        method,
        target: uri
            .path_and_query()
            .map_or_else(|| uri.path().to_owned(), |pq| pq.as_str().to_owned()),
        headers,
        body,
    });
    let reply = script
        .replies
        .pop_front()
        .or_else(|| script.fallback.clone())
        .unwrap_or_else(|| Reply::failure(500, "script exhausted"));
    let mut response = (
        StatusCode::from_u16(reply.status).unwrap(),
        reply.body.clone(),
    )
        .into_response();
    for (name, value) in &reply.headers {
        response.headers_mut().insert(*name, value.parse().unwrap());
    }
    response
}

impl Scripted {
    /// Starts a server on a free loopback port answering `replies` in order, then
    /// `fallback` (or a 500) forever.
    pub async fn start(replies: Vec<Reply>, fallback: Option<Reply>) -> Scripted {
        let script = Arc::new(Mutex::new(Script {
            replies: replies.into(),
            fallback,
            received: Vec::new(),
        }));
        let app = axum::Router::new()
            .fallback(answer)
            .with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Scripted {
            base_url: format!("http://{addr}/api"),
            script,
            shutdown: Arc::new(Mutex::new(Some(tx))),
        }
    }

    /// What the server has received so far.
    pub fn received(&self) -> Vec<Received> {
        self.script.lock().unwrap().received.clone()
    }

    /// A client config for this server with the given credentials and retry policy.
    pub fn config(&self, credentials: Credentials, retry: RetryPolicy) -> ClientConfig {
        let mut c = ClientConfig::new(BaseUrl::parse(&self.base_url).unwrap(), credentials);
        c.retry = retry;
        c
    }

    /// Stops the server.
    pub fn stop(&self) {
        if let Some(tx) = self.shutdown.lock().unwrap().take() {
            let _ = tx.send(());
        }
    }
}

/// Any credentials: the scripted server does not check them.
pub fn any_credentials() -> Credentials {
    Credentials::hmac(
        "12345678901234567890",
        SecretString::new("TestSecretKey-DoNotUse-0123456789abcdef"),
    )
}
