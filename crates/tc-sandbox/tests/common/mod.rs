//! A signed HTTP caller for testing the sandbox as any client would see it. It signs on
//! its own (not with tc-client), so the sandbox is checked against the reference directly.

#![allow(dead_code, clippy::unwrap_used)]

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use tc_sandbox::{Sandbox, SandboxConfig};

pub struct Api {
    pub sandbox: Sandbox,
    pub config: SandboxConfig,
    http: reqwest::Client,
}

/// A sandbox on a free port with `config`'s settings.
pub async fn start(config: SandboxConfig) -> Api {
    let sandbox = Sandbox::start("127.0.0.1:0".parse().unwrap(), config.clone())
        .await
        .unwrap();
    Api {
        sandbox,
        config,
        http: reqwest::Client::new(),
    }
}

/// A bare sandbox (no demo data).
pub async fn empty() -> Api {
    start(SandboxConfig::generate()).await
}

impl Api {
    fn headers(&self, method: &str, path_and_query: &str) -> (String, String) {
        let ts = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs()
            .to_string();
        let message = format!("/api{path_and_query}:{method}:{ts}");
        let mut mac = Hmac::<Sha256>::new_from_slice(self.config.secret_key.as_bytes()).unwrap();
        mac.update(message.as_bytes());
        let sig = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        (format!("TC {}:{sig}", self.config.access_id), ts)
    }

    /// Sends raw bytes; `target` is the path after `/api`, query included, as sent.
    pub async fn raw(
        &self,
        method: &str,
        target: &str,
        body: Vec<u8>,
        content_type: &str,
    ) -> reqwest::Response {
        let (auth, ts) = self.headers(method, target);
        let url = format!("http://{}/api{target}", self.sandbox.addr());
        self.http
            .request(method.parse().unwrap(), url)
            .header("Authorization", auth)
            .header("Timestamp", ts)
            .header("Content-Type", content_type)
            .body(body)
            .send()
            .await
            .unwrap()
    }

    /// Sends JSON (or nothing) and reads JSON back: `(status, body)`.
    pub async fn call(&self, method: &str, target: &str, body: Option<Value>) -> (u16, Value) {
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        let response = self
            .raw(method, target, bytes, "application/json; charset=utf-8")
            .await;
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        let json =
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
        (status, json)
    }

    pub async fn get(&self, target: &str) -> (u16, Value) {
        self.call("GET", target, None).await
    }
}
