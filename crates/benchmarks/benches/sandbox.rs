//! How many signed requests a second the sandbox serves on this machine (target ≥ 5,000 on
//! 2 cores). Clients sign every request, so signing and verification are both measured.
//! Prints figures; run with `cargo bench -p benchmarks --bench sandbox`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tc_client::{BaseUrl, Client, ClientConfig, Credentials, SecretString};
use tc_sandbox::{Sandbox, SandboxConfig};

#[tokio::main]
async fn main() {
    let config = SandboxConfig::generate();
    let sandbox = Sandbox::start("127.0.0.1:0".parse().expect("address"), config.clone())
        .await
        .expect("sandbox starts");
    let base = BaseUrl::parse(&sandbox.base_url()).expect("base url");
    let client = Client::new(ClientConfig::new(
        base,
        Credentials::hmac(
            config.access_id.clone(),
            SecretString::new(config.secret_key.clone()),
        ),
    ))
    .expect("client");
    // Warm up the connection pool.
    for _ in 0..50 {
        client.owners().await.expect("owners");
    }
    for concurrency in [8usize, 32] {
        let done = Arc::new(AtomicU64::new(0));
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut tasks = Vec::new();
        for _ in 0..concurrency {
            let client = client.clone();
            let done = Arc::clone(&done);
            tasks.push(tokio::spawn(async move {
                while Instant::now() < deadline {
                    client.whoami().await.expect("whoami");
                    done.fetch_add(1, Ordering::Relaxed);
                }
            }));
        }
        let start = Instant::now();
        for t in tasks {
            t.await.expect("task");
        }
        let rate = done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64();
        benchmarks::report(
            &format!("sandbox signed GET /v2/whoami, {concurrency} concurrent"),
            rate,
            "requests/s",
            ">= 5,000",
        );
    }
    sandbox.shutdown().await;
}
