//! Retries against the real sandbox's fault injection (`fail_rate`: random 500s before a
//! request does anything; `rate_limit`: 429 with `Retry-After: 1` past n requests a second).
//! The sandbox's faults are random, so the exact sequences (503 twice then 200, a
//! non-retryable POST) are proved with a scripted server in `retries.rs`; here the point is
//! that real work goes through, and that nothing is ever done twice.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use common::ORG;
use tc_client::{Client, Error, Includes, ListOptions, NewIndicator, RetryPolicy};
use tc_model::IndicatorType;
use tc_sandbox::{Sandbox, SandboxConfig};

async fn faulty(fail_rate: f64, rate_limit: Option<u32>) -> (Sandbox, SandboxConfig) {
    let config = SandboxConfig {
        fail_rate,
        rate_limit,
        ..SandboxConfig::generate()
    };
    let sb = Sandbox::start("127.0.0.1:0".parse().unwrap(), config.clone())
        .await
        .unwrap();
    (sb, config)
}

/// Many quick retries: with a 30 % failure rate, twelve failures in a row (one chance in
/// two million) would be needed to lose a call.
fn persistent() -> RetryPolicy {
    RetryPolicy {
        max_retries: 11,
        base_delay: Duration::from_millis(2),
        max_delay: Duration::from_secs(3),
    }
}

#[tokio::test]
async fn idempotent_work_goes_through_random_server_errors() {
    let (sb, config) = faulty(0.3, None).await;
    let mut c = common::config_for(&sb, &config);
    c.retry = persistent();
    let c = Client::new(c).unwrap();
    let mut ids = HashSet::new();
    for n in 0..30 {
        let host = c
            .create_indicator(
                ORG,
                &NewIndicator::new(IndicatorType::Host, format!("{n}.faulty.example")),
            )
            .await
            .unwrap();
        ids.insert(host.id);
        c.get_indicator(
            ORG,
            IndicatorType::Host,
            &format!("{n}.faulty.example"),
            Includes::NONE,
        )
        .await
        .unwrap();
    }
    assert_eq!(ids.len(), 30);
    let listed = c
        .indicators(ORG, None, &ListOptions::new().page_size(7))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(listed.len(), 30, "each create made exactly one indicator");
    sb.shutdown().await;
}

#[tokio::test]
async fn non_idempotent_posts_are_never_doubled() {
    let (sb, config) = faulty(0.3, None).await;
    let mut c = common::config_for(&sb, &config);
    c.retry = persistent();
    let c = Client::new(c).unwrap();
    c.create_indicator(ORG, &NewIndicator::new(IndicatorType::Host, "seen.example"))
        .await
        .unwrap();
    let mut added = 0i64;
    let mut refused = 0;
    for _ in 0..40 {
        match c
            .add_observations(ORG, IndicatorType::Host, "seen.example", 1)
            .await
        {
            Ok(()) => added += 1,
            Err(Error::Api { status: 500, .. }) => refused += 1,
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert!(refused > 0, "some observations met a fault (30 % of 40)");
    let count = c
        .observation_count(ORG, IndicatorType::Host, "seen.example")
        .await
        .unwrap();
    assert_eq!(
        count.count, added,
        "exactly the acknowledged observations were counted, none twice"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn throttled_calls_wait_and_go_through() {
    let (sb, config) = faulty(0.0, Some(4)).await;
    let mut c = common::config_for(&sb, &config);
    c.retry = RetryPolicy::default();
    let c = Client::new(c).unwrap();
    let started = Instant::now();
    for _ in 0..10 {
        c.whoami().await.unwrap();
    }
    // Four a second are served; the rest wait for the sandbox's Retry-After of 1 s.
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "took {:?}",
        started.elapsed()
    );
    // Without retries the 429 reaches the caller with the server's message.
    let mut once = common::config_for(&sb, &config);
    once.retry = RetryPolicy::none();
    let once = Client::new(once).unwrap();
    let mut throttled = None;
    for _ in 0..10 {
        if let Err(e) = once.whoami().await {
            throttled = Some(e);
            break;
        }
    }
    assert_eq!(throttled.and_then(|e| e.status()), Some(429));
    sb.shutdown().await;
}

/// The issue's own figures: `--fail-rate 0.2` and `--rate-limit 20` together. Creating,
/// tagging, listing page by page and polling a batch job all get through, and the owner
/// ends with exactly the items that were written: none lost, none twice.
#[tokio::test]
async fn everything_survives_fail_rate_and_rate_limit_together() {
    let (sb, config) = faulty(0.2, Some(20)).await;
    let mut c = common::config_for(&sb, &config);
    c.retry = persistent();
    let c = Client::new(c).unwrap();
    let n = 60;
    for i in 0..n {
        let value = format!("{i}.both-faults.example");
        c.create_indicator(
            ORG,
            &NewIndicator::new(IndicatorType::Host, value.clone()).rating(3.0),
        )
        .await
        .unwrap();
        c.apply_tag(
            ORG,
            &tc_client::ItemRef::indicator(IndicatorType::Host, value),
            "Faulty",
        )
        .await
        .unwrap();
    }
    let listed = c
        .indicators(
            ORG,
            Some(IndicatorType::Host),
            &ListOptions::new().page_size(7),
        )
        .collect_all()
        .await
        .unwrap();
    let ids: HashSet<i64> = listed.iter().map(|i| i.id).collect();
    assert_eq!((listed.len(), ids.len()), (n, n), "every indicator once");

    // A batch job created and polled through the same faults: its document is applied once.
    let doc = tc_model::batch::BatchDocument {
        indicator: (0..50)
            .map(|i| tc_model::batch::BatchIndicator {
                type_name: "Address".into(),
                summary: Some(format!("198.51.100.{i}")),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    let schedule = tc_client::PollSchedule {
        first: Duration::from_millis(20),
        ..Default::default()
    };
    // The upload itself is never retried, so try the whole job again if a fault hits it: the
    // batch is an upsert by value, so a second run cannot double anything either.
    let mut applied = None;
    for _ in 0..20 {
        match c
            .run_batch(
                &tc_model::batch::BatchConfig::new(ORG),
                &doc,
                schedule,
                |_| {},
            )
            .await
        {
            Ok(reports) => {
                applied = Some(reports);
                break;
            }
            Err(Error::Api { status: 500, .. }) => continue,
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(applied.unwrap()[0].status.success_count, Some(50));
    let addresses = c
        .indicators(
            ORG,
            Some(IndicatorType::Address),
            &ListOptions::new().page_size(9),
        )
        .collect_all()
        .await
        .unwrap();
    assert_eq!(addresses.len(), 50, "no address lost or doubled");
    let tagged = c
        .indicators_by_tag(ORG, "Faulty", None, &ListOptions::new().page_size(11))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(tagged.len(), n);
    sb.shutdown().await;
}
