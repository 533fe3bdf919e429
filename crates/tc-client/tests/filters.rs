//! List filters against the real sandbox: each indicator filter field of
//! `reference/threatconnect-api.md` §5.5, `orParams`, `modifiedSince`, the includes, and the
//! active-only default.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, SystemTime};

use common::{ORG, start};
use tc_client::{Client, Error, Filters, ListOptions, NewIndicator, Op};
use tc_model::{GroupType, IndicatorType};
use time::OffsetDateTime;
use time::macros::date;

/// Hosts `0.hosts.example` .. `5.hosts.example` with rating n, confidence 20·n,
/// `dnsActive` for even n; `5` is inactive.
async fn seed(c: &Client) {
    for n in 0..6i64 {
        let mut new = NewIndicator::new(IndicatorType::Host, format!("{n}.hosts.example"))
            .rating(n as f64)
            .confidence(20 * n)
            .dns_active(n % 2 == 0)
            .whois_active(n == 1);
        if n == 5 {
            new = new.active(false);
        }
        c.create_indicator(ORG, &new).await.unwrap();
    }
    c.create_indicator(ORG, &NewIndicator::new(IndicatorType::Address, "192.0.2.9"))
        .await
        .unwrap();
}

/// The summaries a filtered list returns, over all types.
async fn matching(c: &Client, ty: Option<IndicatorType>, filters: Filters) -> BTreeSet<String> {
    c.indicators(ORG, ty, &ListOptions::new().filters(filters))
        .collect_all()
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.value(i.indicator_type(ty).unwrap()).unwrap())
        .collect()
}

fn hosts(ns: &[u8]) -> BTreeSet<String> {
    ns.iter().map(|n| format!("{n}.hosts.example")).collect()
}

#[tokio::test]
async fn each_indicator_filter_field() {
    let (sb, c) = start().await;
    seed(&c).await;
    let host = Some(IndicatorType::Host);

    assert_eq!(
        matching(&c, host, Filters::new()).await,
        hosts(&[0, 1, 2, 3, 4]),
        "active indicators only by default"
    );
    assert_eq!(
        matching(&c, host, Filters::new().active(false)).await,
        hosts(&[5]),
        "active=false lists the inactive ones"
    );
    assert_eq!(
        matching(&c, host, Filters::new().active(true).active(false).any()).await,
        hosts(&[0, 1, 2, 3, 4, 5]),
        "both with orParams"
    );
    assert_eq!(
        matching(&c, host, Filters::new().summary("3.hosts.example")).await,
        hosts(&[3])
    );
    assert_eq!(
        matching(&c, None, Filters::new().summary_starts_with("2.")).await,
        hosts(&[2])
    );
    assert_eq!(
        matching(&c, host, Filters::new().rating_above(2.0)).await,
        hosts(&[3, 4])
    );
    assert_eq!(
        matching(&c, host, Filters::new().rating_below(2.0)).await,
        hosts(&[0, 1])
    );
    assert_eq!(
        matching(&c, host, Filters::new().confidence(Op::Eq, 40)).await,
        hosts(&[2])
    );
    assert_eq!(
        matching(&c, host, Filters::new().confidence(Op::Gt, 40)).await,
        hosts(&[3, 4])
    );
    assert_eq!(
        matching(&c, host, Filters::new().confidence(Op::Lt, 40)).await,
        hosts(&[0, 1])
    );
    assert_eq!(
        matching(&c, host, Filters::new().dns_active(true)).await,
        hosts(&[0, 2, 4])
    );
    assert_eq!(
        matching(&c, host, Filters::new().whois_active(true)).await,
        hosts(&[1])
    );
    let today = OffsetDateTime::now_utc().date();
    assert_eq!(
        matching(&c, host, Filters::new().added_after(date!(2000 - 01 - 01))).await,
        hosts(&[0, 1, 2, 3, 4])
    );
    assert!(
        matching(&c, host, Filters::new().added_before(date!(2000 - 01 - 01)))
            .await
            .is_empty()
    );
    assert!(
        matching(
            &c,
            host,
            Filters::new().added_after(today.next_day().unwrap())
        )
        .await
        .is_empty()
    );

    // ThreatAssess grows with rating and confidence in the sandbox: the top one scores most.
    let scored = c
        .indicators(ORG, host, &ListOptions::new())
        .collect_all()
        .await
        .unwrap();
    let top = scored
        .iter()
        .filter_map(|i| i.threat_assess_score)
        .max()
        .unwrap();
    assert!(top > 0, "ThreatAssess is computed");
    assert_eq!(
        matching(
            &c,
            host,
            Filters::new().threat_assess_score(Op::Eq, top as i64)
        )
        .await,
        hosts(&[4])
    );
    assert!(
        matching(
            &c,
            host,
            Filters::new().threat_assess_score(Op::Gt, top as i64)
        )
        .await
        .is_empty()
    );
    assert_eq!(
        matching(&c, host, Filters::new().threat_assess_rating(Op::Gt, 3.5)).await,
        hosts(&[4])
    );
    assert_eq!(
        matching(
            &c,
            host,
            Filters::new().threat_assess_confidence(Op::Lt, 10.0)
        )
        .await,
        hosts(&[0])
    );

    c.report_false_positive(ORG, IndicatorType::Host, "1.hosts.example")
        .await
        .unwrap();
    assert_eq!(
        matching(&c, host, Filters::new().false_positive(Op::Gt, 0)).await,
        hosts(&[1])
    );
    assert_eq!(
        matching(&c, host, Filters::new().false_positive(Op::Eq, 0))
            .await
            .len(),
        4
    );

    // Address-only fields: the sandbox has no geolocation data, so nothing matches.
    assert!(
        matching(
            &c,
            Some(IndicatorType::Address),
            Filters::new().add("countryCode", Op::Eq, "US")
        )
        .await
        .is_empty()
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn or_params_widen_and_conditions_narrow() {
    let (sb, c) = start().await;
    seed(&c).await;
    let host = Some(IndicatorType::Host);
    let both = Filters::new().rating_above(3.0).confidence(Op::Lt, 20);
    assert!(
        matching(&c, host, both.clone()).await.is_empty(),
        "AND: no host is both"
    );
    assert_eq!(
        matching(&c, host, both.any()).await,
        hosts(&[0, 4]),
        "OR: either"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn modified_since_returns_only_later_changes() {
    let (sb, c) = start().await;
    seed(&c).await;
    // Timestamps have whole seconds: step past the second the seeds were written in.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let since = OffsetDateTime::from(SystemTime::now());
    tokio::time::sleep(Duration::from_millis(1100)).await;
    c.update_indicator(
        ORG,
        IndicatorType::Host,
        "2.hosts.example",
        &tc_client::IndicatorUpdate::new().rating(5.0),
    )
    .await
    .unwrap();
    let changed = c
        .indicators(ORG, None, &ListOptions::new().modified_since(since))
        .collect_all()
        .await
        .unwrap();
    let names: Vec<_> = changed.iter().filter_map(|i| i.summary.clone()).collect();
    assert_eq!(names, vec!["2.hosts.example".to_owned()]);
    sb.shutdown().await;
}

#[tokio::test]
async fn group_filters_and_refused_filters() {
    let (sb, c) = start().await;
    for name in ["APT Alpha", "APT Beta", "Crimeware"] {
        c.create_group(ORG, &tc_client::NewGroup::new(GroupType::Adversary, name))
            .await
            .unwrap();
    }
    let names = |groups: Vec<tc_model::Group>| -> Vec<String> {
        groups.into_iter().map(|g| g.name).collect()
    };
    let apt = c
        .groups(
            ORG,
            Some(GroupType::Adversary),
            &ListOptions::new().filters(Filters::new().name_starts_with("APT ")),
        )
        .collect_all()
        .await
        .unwrap();
    assert_eq!(names(apt), vec!["APT Alpha", "APT Beta"]);
    let exact = c
        .groups(
            ORG,
            None,
            &ListOptions::new().filters(Filters::new().name("Crimeware")),
        )
        .collect_all()
        .await
        .unwrap();
    assert_eq!(names(exact), vec!["Crimeware"]);

    // The server refuses what ThreatConnect refuses, with its message.
    let err = c
        .indicators(
            ORG,
            Some(IndicatorType::Address),
            &ListOptions::new().filters(Filters::new().dns_active(true)),
        )
        .collect_all()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api { status: 400, message } if message.contains("Host")),
        "got {err:?}"
    );
    let err = c
        .indicators(
            ORG,
            None,
            &ListOptions::new().filters(Filters::new().add("rating", Op::StartsWith, 3)),
        )
        .collect_all()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    sb.shutdown().await;
}
