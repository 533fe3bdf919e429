//! A 25,000-indicator batch round trip and paging 100,000 indicators out of the sandbox,
//! through the real client. Targets: paging >= 50,000 indicators/s. Prints figures; run with
//! `cargo bench -p benchmarks --bench roundtrip`.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use tc_client::{
    BaseUrl, Client, ClientConfig, Credentials, ListOptions, PollSchedule, SecretString,
};
use tc_model::batch::{BatchConfig, BatchDocument, BatchIndicator, NameOnly};
use tc_sandbox::{Sandbox, SandboxConfig};

fn document(from: usize, count: usize) -> BatchDocument {
    BatchDocument {
        indicator: (from..from + count)
            .map(|n| BatchIndicator {
                type_name: "Host".into(),
                summary: Some(format!("bench-{n}.example")),
                rating: Some((n % 6) as f64),
                confidence: Some((n % 101) as i64),
                tag: vec![NameOnly {
                    name: "Benchmark".into(),
                }],
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

#[tokio::main]
async fn main() {
    let config = SandboxConfig::generate();
    let sandbox = Sandbox::start("127.0.0.1:0".parse().expect("address"), config.clone())
        .await
        .expect("sandbox starts");
    let client = Client::new(ClientConfig::new(
        BaseUrl::parse(&sandbox.base_url()).expect("base url"),
        Credentials::hmac(
            config.access_id.clone(),
            SecretString::new(config.secret_key.clone()),
        ),
    ))
    .expect("client");
    let schedule = PollSchedule {
        first: Duration::from_millis(50),
        growth: 1.2,
        ..PollSchedule::default()
    };
    let owner = "Partner Feed";

    let doc = document(0, 25_000);
    let start = Instant::now();
    let reports = client
        .run_batch(&BatchConfig::new(owner), &doc, schedule, |_| {})
        .await
        .expect("batch");
    let elapsed = start.elapsed().as_secs_f64();
    assert_eq!(reports[0].status.success_count, Some(25_000));
    benchmarks::report(
        "batch round trip, 25,000 indicators (one job)",
        elapsed,
        "seconds",
        "none set",
    );
    benchmarks::report(
        "  = indicators written per second",
        25_000.0 / elapsed,
        "indicators/s",
        "none set",
    );

    let rest = document(25_000, 75_000);
    client
        .run_batch(&BatchConfig::new(owner), &rest, schedule, |_| {})
        .await
        .expect("batch");

    for (label, ty) in [
        ("generic list /v2/indicators", None),
        (
            "typed list /v2/indicators/hosts",
            Some(tc_model::IndicatorType::Host),
        ),
    ] {
        let start = Instant::now();
        let mut stream = client.indicators(owner, ty, &ListOptions::default());
        let mut n = 0usize;
        while let Some(item) = stream.next().await {
            item.expect("indicator");
            n += 1;
        }
        let elapsed = start.elapsed().as_secs_f64();
        assert_eq!(n, 100_000);
        benchmarks::report(
            &format!("paging 100,000 indicators, {label}"),
            n as f64 / elapsed,
            "indicators/s",
            ">= 50,000",
        );
    }
    sandbox.shutdown().await;
}
