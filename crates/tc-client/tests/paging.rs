//! Paging through the real sandbox: more than 25,000 indicators come back in pages of
//! 10,000 with no duplicate and none missing, the total is read from the first page only,
//! and a stream stops cleanly when it is cancelled or dropped.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use std::collections::HashSet;
use std::time::Instant;

use common::{ORG, start};
use futures_util::{StreamExt, TryStreamExt, stream};
use tc_client::{CancellationToken, Client, Error, ListOptions, NewIndicator};
use tc_model::IndicatorType;

/// Creates `n` Hosts `h<i>.paging.example` through the API, 32 at a time; returns their ids.
async fn create_hosts(c: &Client, n: usize) -> HashSet<i64> {
    stream::iter(0..n)
        .map(|i| {
            let c = c.clone();
            async move {
                c.create_indicator(
                    ORG,
                    &NewIndicator::new(IndicatorType::Host, format!("h{i}.paging.example")),
                )
                .await
                .map(|ind| ind.id)
            }
        })
        .buffer_unordered(32)
        .try_collect()
        .await
        .unwrap()
}

#[tokio::test]
async fn more_than_25000_indicators_page_without_gaps_or_duplicates() {
    const N: usize = 25_001;
    let (sb, c) = start().await;
    let started = Instant::now();
    let created = create_hosts(&c, N).await;
    eprintln!("created {N} hosts in {:?}", started.elapsed());
    assert_eq!(created.len(), N, "every create made a new indicator");

    // Default page size: 10,000, so three pages (10,000 + 10,000 + 5,001).
    let mut paged = c.indicators(ORG, Some(IndicatorType::Host), &ListOptions::new());
    assert_eq!(paged.total(), None, "nothing asked yet");
    let mut seen = HashSet::with_capacity(N);
    let mut duplicates = 0;
    while let Some(item) = paged.next().await {
        let item = item.unwrap();
        if !seen.insert(item.id) {
            duplicates += 1;
        }
        // The total is known from the first item on, and never changes afterwards.
        assert_eq!(paged.total(), Some(N as u64));
    }
    assert_eq!(duplicates, 0, "no indicator twice");
    assert_eq!(seen, created, "no indicator missing");
    assert_eq!(paged.pages_fetched(), 3);

    // Later pages carry no resultCount: the total can only come from the first page.
    let later = c
        .list_indicators(ORG, Some(IndicatorType::Host), &ListOptions::new(), 10_000)
        .await
        .unwrap();
    assert_eq!(later.result_count, None);
    assert_eq!(later.items.len(), 10_000);

    // The all-types list pages the same way.
    let all: Vec<_> = c
        .indicators(ORG, None, &ListOptions::new().page_size(7_000))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), N);
    eprintln!("whole test took {:?}", started.elapsed());
    sb.shutdown().await;
}

#[tokio::test]
async fn cancelling_a_stream_midway_stops_it() {
    let (sb, c) = start().await;
    create_hosts(&c, 50).await;
    let token = CancellationToken::new();
    let cancellable = c.with_cancellation(token.clone());
    let mut paged = cancellable.indicators(ORG, None, &ListOptions::new().page_size(10));
    let mut taken = 0;
    while let Some(item) = paged.next().await {
        match item {
            Ok(_) => {
                taken += 1;
                if taken == 15 {
                    token.cancel();
                }
            }
            Err(e) => {
                assert_eq!(e, Error::Cancelled);
                break;
            }
        }
    }
    assert_eq!(taken, 15, "nothing after the cancel");
    assert!(paged.next().await.is_none(), "the stream has ended");
    assert_eq!(
        paged.pages_fetched(),
        2,
        "no page was asked for after cancelling"
    );
    assert_eq!(paged.total(), Some(50));
    // The original client is not affected.
    let rest = c
        .indicators(ORG, None, &ListOptions::new().page_size(10))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(rest.len(), 50);
    sb.shutdown().await;
}

#[tokio::test]
async fn dropping_a_stream_stops_it() {
    let (sb, c) = start().await;
    create_hosts(&c, 30).await;
    let first: Vec<_> = c
        .indicators(ORG, None, &ListOptions::new().page_size(10))
        .take(12)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(first.len(), 12);
    // `take` dropped the stream after two pages; the client carries on.
    assert_eq!(c.whoami().await.unwrap().role.as_deref(), Some("Api User"));
    sb.shutdown().await;
}

#[tokio::test]
async fn invalid_options_fail_the_stream_at_once() {
    let (sb, c) = start().await;
    let mut paged = c.indicators(ORG, None, &ListOptions::new().page_size(0));
    assert!(matches!(paged.next().await, Some(Err(Error::Invalid(_)))));
    assert!(paged.next().await.is_none());
    let mut paged = c.indicators("", None, &ListOptions::new());
    assert!(matches!(paged.next().await, Some(Err(Error::Invalid(_)))));
    sb.shutdown().await;
}
