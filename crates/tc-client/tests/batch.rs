//! Batch jobs through the client against the sandbox: chunking past 25,000 indicators with
//! nothing lost or doubled, errors read back (gzip), halting, and the one-call upload.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use std::collections::HashSet;

use tc_client::{Filters, ListOptions, PollSchedule};
use tc_model::IndicatorType;
use tc_model::batch::{BatchConfig, BatchDocument, BatchGroup, BatchIndicator, GroupXid, NameOnly};

fn fast() -> PollSchedule {
    PollSchedule {
        first: std::time::Duration::from_millis(50),
        ..PollSchedule::default()
    }
}

fn host(n: usize) -> BatchIndicator {
    BatchIndicator {
        type_name: "Host".into(),
        summary: Some(format!("bulk-{n}.example")),
        rating: Some((n % 6) as f64),
        confidence: Some((n % 101) as i64),
        tag: vec![NameOnly {
            name: "Bulk".into(),
        }],
        ..Default::default()
    }
}

#[tokio::test]
async fn more_than_one_job_worth_arrives_whole() {
    let (sb, client) = common::start().await;
    let n = 25_010;
    let doc = BatchDocument {
        indicator: (0..n).map(host).collect(),
        group: vec![BatchGroup {
            type_name: "Campaign".into(),
            name: "Bulk campaign".into(),
            xid: "bulk:campaign".into(),
            ..Default::default()
        }],
        association: vec![],
    };
    // The last indicator points at the group that travels with the first job.
    let mut doc = doc;
    doc.indicator[n - 1].associated_groups.push(GroupXid {
        group_xid: "bulk:campaign".into(),
    });

    let mut seen = Vec::new();
    let reports = client
        .run_batch(&BatchConfig::new(common::FEED), &doc, fast(), |p| {
            seen.push(p)
        })
        .await
        .unwrap();
    assert_eq!(reports.len(), 2, "25,010 indicators take two jobs");
    assert_eq!(
        reports.iter().map(|r| r.indicators).collect::<Vec<_>>(),
        [25_000, 10]
    );
    assert!(
        reports
            .iter()
            .all(|r| r.errors.is_empty() && r.status.error_count == Some(0))
    );
    assert_eq!(seen.last().unwrap().indicators_done, n);

    let mut ids = HashSet::new();
    let mut all = client.indicators(
        common::FEED,
        Some(IndicatorType::Host),
        &ListOptions::default(),
    );
    use futures_util::StreamExt;
    while let Some(item) = all.next().await {
        let item = item.unwrap();
        assert!(ids.insert(item.id), "no indicator twice");
    }
    assert_eq!(ids.len(), n, "no indicator lost");
    let first = client
        .list_indicators(
            common::FEED,
            Some(IndicatorType::Host),
            &ListOptions::default().page_size(1),
            0,
        )
        .await
        .unwrap();
    assert_eq!(first.result_count, Some(n as u64));
    let linked = client
        .associated_groups(
            common::FEED,
            &tc_client::ItemRef::indicator(IndicatorType::Host, format!("bulk-{}.example", n - 1)),
            None,
        )
        .await
        .unwrap();
    assert_eq!(linked[0].name, "Bulk campaign");
    sb.shutdown().await;
}

#[tokio::test]
async fn errors_are_read_back_and_halting_stops_the_run() {
    let (sb, client) = common::start().await;
    let mut doc = BatchDocument {
        indicator: (0..4).map(host).collect(),
        ..Default::default()
    };
    doc.indicator[1].summary = Some("bad..example".into());
    doc.indicator.push(BatchIndicator {
        type_name: "Address".into(),
        summary: Some("192.0.2.300".into()),
        ..Default::default()
    });

    let reports = client
        .run_batch(&BatchConfig::new(common::ORG), &doc, fast(), |_| {})
        .await
        .unwrap();
    let report = &reports[0];
    assert_eq!(report.status.success_count, Some(3));
    assert_eq!(report.status.error_count, Some(2));
    assert_eq!(report.errors.len(), 2);
    assert!(
        report
            .errors
            .iter()
            .all(|e| e.code.as_deref() == Some("0x1005")),
        "{:?}",
        report.errors
    );
    assert!(
        report
            .errors
            .iter()
            .any(|e| e.error_message.contains("300")),
        "{:?}",
        report.errors
    );

    let mut halting = BatchConfig::new(common::COMMUNITY);
    halting.halt_on_error = true;
    let reports = client
        .run_batch(&halting, &doc, fast(), |_| {})
        .await
        .unwrap();
    assert_eq!(reports[0].status.error_count, Some(1));
    assert_eq!(reports[0].status.unprocess_count, Some(3));

    // A job that had no errors answers 404 on /errors: the client reads that as none.
    let clean = BatchDocument {
        indicator: vec![host(99)],
        ..Default::default()
    };
    let id = client
        .create_batch(&BatchConfig::new(common::ORG))
        .await
        .unwrap();
    client.upload_batch(id, &clean).await.unwrap();
    client.wait_for_batch(id, fast()).await.unwrap();
    assert!(client.batch_errors(id).await.unwrap().is_empty());
    sb.shutdown().await;
}

#[tokio::test]
async fn one_call_upload_and_refusals() {
    let (sb, client) = common::start().await;
    let doc = BatchDocument {
        indicator: (0..10).map(host).collect(),
        ..Default::default()
    };
    let status = client
        .create_and_upload_batch(&BatchConfig::new(common::ORG), &doc)
        .await
        .unwrap();
    assert!(status.is_complete(), "small jobs finish inside the call");
    assert_eq!(status.success_indicator_count, Some(10));
    let page = client
        .list_indicators(
            common::ORG,
            None,
            &ListOptions::default().filters(Filters::new().summary_starts_with("bulk-")),
            0,
        )
        .await
        .unwrap();
    assert_eq!(page.result_count, Some(10));

    let err = client
        .create_batch(&BatchConfig::new("Nobody"))
        .await
        .unwrap_err();
    assert_eq!(
        err.server_message(),
        Some("The requested owner was not found")
    );
    let id = client
        .create_batch(&BatchConfig::new(common::ORG))
        .await
        .unwrap();
    let too_many = BatchDocument {
        indicator: (0..25_001).map(host).collect(),
        ..Default::default()
    };
    let err = client.upload_batch(id, &too_many).await.unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert!(err.server_message().unwrap().contains("25000"), "{err}");
    sb.shutdown().await;
}
