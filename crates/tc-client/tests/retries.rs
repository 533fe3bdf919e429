//! Retries against a tiny scripted server of our own, which answers 503s and 429s on cue.
//! This file does not use the sandbox: when it was written the sandbox had no fault
//! injection, and the sandbox's faults (now in `faults.rs`) are random, while these tests
//! need exact sequences — two 503s then a 200, a 429 with a given `Retry-After`, a 401.
//!
//! What must hold: idempotent calls (GET, PUT, DELETE, and POSTs that are upserts) are
//! retried on 429/5xx and honour `Retry-After`; a non-idempotent POST is sent exactly once;
//! authentication failures are never retried; cancelling stops a retry wait.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use std::time::{Duration, Instant};

use common::{Reply, Scripted, any_credentials};
use serde_json::json;
use tc_client::{CancellationToken, Client, Error, Includes, NewIndicator, RetryPolicy};
use tc_model::IndicatorType;

/// Quick retries so the tests stay short.
fn quick() -> RetryPolicy {
    RetryPolicy {
        max_retries: 4,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_secs(5),
    }
}

fn host_reply() -> Reply {
    Reply::json(
        200,
        json!({"status": "Success", "data": {"host": {"id": 1, "hostName": "bad.example"}}}),
    )
}

fn unavailable() -> Reply {
    Reply::failure(503, "Service Unavailable")
}

async fn client(server: &Scripted, retry: RetryPolicy) -> Client {
    Client::new(server.config(any_credentials(), retry)).unwrap()
}

#[tokio::test]
async fn get_is_retried_after_two_503s() {
    let server = Scripted::start(vec![unavailable(), unavailable(), host_reply()], None).await;
    let c = client(&server, quick()).await;
    let host = c
        .get_indicator("Org", IndicatorType::Host, "bad.example", Includes::NONE)
        .await
        .unwrap();
    assert_eq!(host.id, 1);
    let got = server.received();
    assert_eq!(got.len(), 3, "two failures, then the answer");
    assert!(
        got.iter()
            .all(|r| r.method == "GET" && r.target == got[0].target)
    );
    assert!(
        got.iter().all(|r| r.header("authorization").is_some()),
        "each attempt is signed"
    );
}

#[tokio::test]
async fn retry_after_is_honoured_on_429() {
    let throttled = Reply::failure(429, "Too Many Requests").with_header("retry-after", "1");
    let server = Scripted::start(vec![throttled, host_reply()], None).await;
    let c = client(&server, quick()).await;
    let started = Instant::now();
    c.get_indicator("Org", IndicatorType::Host, "bad.example", Includes::NONE)
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert_eq!(server.received().len(), 2);
    assert!(
        elapsed >= Duration::from_millis(950),
        "waited {elapsed:?}, the server asked for 1 s"
    );
}

#[tokio::test]
async fn a_retry_after_longer_than_max_delay_is_not_shortened() {
    let throttled = Reply::failure(429, "Too Many Requests").with_header("retry-after", "60");
    let server = Scripted::start(vec![throttled], Some(host_reply())).await;
    let c = client(&server, quick()).await;
    let err = c
        .get_indicator("Org", IndicatorType::Host, "bad.example", Includes::NONE)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(429), "gives up rather than retry early");
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn non_idempotent_post_is_sent_once() {
    // Adding observations twice would count them twice.
    let server = Scripted::start(vec![], Some(unavailable())).await;
    let c = client(&server, quick()).await;
    let err = c
        .add_observations("Org", IndicatorType::Host, "bad.example", 3)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    let got = server.received();
    assert_eq!(got.len(), 1, "never re-sent");
    assert_eq!(got[0].method, "POST");

    let throttled = Reply::failure(429, "Too Many Requests").with_header("retry-after", "0");
    let server = Scripted::start(vec![], Some(throttled)).await;
    let c = client(&server, quick()).await;
    let err = c
        .add_observations("Org", IndicatorType::Host, "bad.example", 3)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(server.received().len(), 1, "not even after a 429");
}

#[tokio::test]
async fn idempotent_post_is_retried() {
    // Creating an indicator is an upsert by value: sending it twice is harmless.
    let server = Scripted::start(vec![unavailable(), host_reply()], None).await;
    let c = client(&server, quick()).await;
    let host = c
        .create_indicator(
            "Org",
            &NewIndicator::new(IndicatorType::Host, "bad.example"),
        )
        .await
        .unwrap();
    assert_eq!(host.id, 1);
    let got = server.received();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].body, got[1].body, "the same body both times");
}

#[tokio::test]
async fn retries_stop_after_max_retries() {
    let server = Scripted::start(vec![], Some(Reply::failure(502, "Bad Gateway"))).await;
    let policy = RetryPolicy {
        max_retries: 2,
        ..quick()
    };
    let c = client(&server, policy).await;
    let err = c
        .delete_indicator("Org", IndicatorType::Host, "bad.example")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(server.received().len(), 3, "one attempt and two retries");
}

#[tokio::test]
async fn retries_can_be_turned_off() {
    let server = Scripted::start(vec![unavailable(), host_reply()], None).await;
    let c = client(&server, RetryPolicy::none()).await;
    let err = c
        .get_indicator("Org", IndicatorType::Host, "bad.example", Includes::NONE)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn authentication_failures_are_never_retried() {
    for (status, message) in [
        (401, "Unauthorized"),
        (403, "Signature data did not match expected result"),
    ] {
        let server = Scripted::start(vec![], Some(Reply::failure(status, message))).await;
        let c = client(&server, quick()).await;
        let err = c.whoami().await.unwrap_err();
        assert!(matches!(err, Error::AuthRejected { .. }), "got {err:?}");
        assert_eq!(server.received().len(), 1, "HTTP {status} is final");
    }
}

#[tokio::test]
async fn html_error_pages_from_a_gateway_are_retried_too() {
    let gateway = Reply {
        status: 504,
        headers: vec![("content-type", "text/html".into())],
        body: "<html>Gateway Timeout</html>".into(),
    };
    let server = Scripted::start(vec![gateway], Some(host_reply())).await;
    let c = client(&server, quick()).await;
    c.get_indicator("Org", IndicatorType::Host, "bad.example", Includes::NONE)
        .await
        .unwrap();
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn cancelling_stops_a_retry_wait() {
    let throttled = Reply::failure(429, "Too Many Requests").with_header("retry-after", "30");
    let server = Scripted::start(vec![], Some(throttled)).await;
    let patient = RetryPolicy {
        max_retries: 4,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_secs(60),
    };
    let token = CancellationToken::new();
    let c = client(&server, patient)
        .await
        .with_cancellation(token.clone());
    let canceller = {
        let token = token.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(300)).await;
            token.cancel();
        })
    };
    // Without cancellation this call would wait 30 s before its second attempt.
    let result = tokio::time::timeout(
        Duration::from_secs(20),
        c.get_indicator("Org", IndicatorType::Host, "bad.example", Includes::NONE),
    )
    .await
    .expect("the wait was cut short");
    assert_eq!(result.unwrap_err(), Error::Cancelled);
    assert_eq!(server.received().len(), 1);
    canceller.await.unwrap();
    // A cancelled client sends nothing more.
    assert_eq!(c.whoami().await.unwrap_err(), Error::Cancelled);
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn unreachable_servers_are_retried_then_reported() {
    let server = Scripted::start(vec![], None).await;
    let base = server.base_url.clone();
    server.stop();
    tokio::time::sleep(Duration::from_millis(50)).await;
    let mut config = server.config(any_credentials(), quick());
    config.base_url = tc_client::BaseUrl::parse(&base).unwrap();
    let c = Client::new(config).unwrap();
    // Refused connections carried nothing: even a non-idempotent POST may be tried again.
    let err = c
        .add_observations("Org", IndicatorType::Host, "bad.example", 1)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Network(_)), "got {err:?}");
}
