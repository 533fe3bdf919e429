//! The request-rate limit against the real sandbox, measured by elapsed time. Only lower
//! bounds are asserted: the machine is shared, so being slower than the limit proves
//! nothing, while being faster would break it.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use std::time::{Duration, Instant};

use common::{config_for, sandbox};
use futures_util::future::join_all;
use tc_client::{CancellationToken, Client, Error};

#[tokio::test]
async fn calls_are_spaced_by_the_limit() {
    let (sb, config) = sandbox().await;
    let mut c = config_for(&sb, &config);
    c.max_requests_per_second = Some(20.0);
    let client = Client::new(c).unwrap();
    let started = Instant::now();
    for _ in 0..12 {
        client.whoami().await.unwrap();
    }
    let elapsed = started.elapsed();
    // 12 calls at 20 per second: the last starts at least 11 × 50 ms after the first.
    assert!(
        elapsed >= Duration::from_millis(540),
        "12 calls took {elapsed:?}"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn clones_share_one_limit_even_when_concurrent() {
    let (sb, config) = sandbox().await;
    let mut c = config_for(&sb, &config);
    c.max_requests_per_second = Some(25.0);
    let client = Client::new(c).unwrap();
    let clones: Vec<Client> = (0..3).map(|_| client.clone()).collect();
    let started = Instant::now();
    let calls = clones.iter().flat_map(|c| (0..4).map(move |_| c.whoami()));
    for result in join_all(calls).await {
        result.unwrap();
    }
    let elapsed = started.elapsed();
    // 12 concurrent calls through 3 clones at 25 per second: at least 11 × 40 ms.
    assert!(
        elapsed >= Duration::from_millis(430),
        "12 calls took {elapsed:?}"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn without_a_limit_nothing_waits_for_a_slot() {
    let (sb, config) = sandbox().await;
    let client = Client::new(config_for(&sb, &config)).unwrap();
    for _ in 0..12 {
        client.whoami().await.unwrap();
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn a_wait_for_a_slot_can_be_cancelled() {
    let (sb, config) = sandbox().await;
    let mut c = config_for(&sb, &config);
    c.max_requests_per_second = Some(0.1); // one call every 10 s
    let token = CancellationToken::new();
    let client = Client::new(c).unwrap().with_cancellation(token.clone());
    client.whoami().await.unwrap();
    let waiting = tokio::spawn({
        let client = client.clone();
        async move { client.whoami().await }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    token.cancel();
    let result = tokio::time::timeout(Duration::from_secs(8), waiting)
        .await
        .expect("cancelled before the 10 s slot")
        .unwrap();
    assert_eq!(result.unwrap_err(), Error::Cancelled);
    sb.shutdown().await;
}

#[test]
fn unusable_limits_are_refused() {
    let mut c = tc_client::ClientConfig::new(
        tc_client::BaseUrl::parse("https://tc.example/api").unwrap(),
        common::any_credentials(),
    );
    c.max_requests_per_second = Some(0.0);
    assert!(matches!(Client::new(c).unwrap_err(), Error::Config(_)));
}
