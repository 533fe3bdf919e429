//! Security labels against the real sandbox: the seeded TLP set, applying and removing on
//! indicators and groups, embedding with `includes=labels`, and the refusal of an unknown
//! label.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use common::{ORG, start};
use tc_client::{Error, Includes, ItemRef, ListOptions, NewGroup, NewIndicator};
use tc_model::{GroupType, IndicatorType, messages};

#[tokio::test]
async fn labels_are_listed_applied_and_removed() {
    let (sb, c) = start().await;
    let labels = c.security_labels(ORG).await.unwrap();
    let names: Vec<&str> = labels.iter().map(|l| l.name.as_str()).collect();
    for tlp in [
        "TLP:CLEAR",
        "TLP:GREEN",
        "TLP:AMBER",
        "TLP:AMBER+STRICT",
        "TLP:RED",
    ] {
        assert!(names.contains(&tlp), "{tlp} is seeded: {names:?}");
    }

    c.create_indicator(
        ORG,
        &NewIndicator::new(IndicatorType::Address, "203.0.113.5"),
    )
    .await
    .unwrap();
    let ip = ItemRef::indicator(IndicatorType::Address, "203.0.113.5");
    c.apply_label(ORG, &ip, "TLP:AMBER+STRICT").await.unwrap();
    c.apply_label(ORG, &ip, "TLP:RED").await.unwrap();
    let on_ip = c.item_labels(ORG, &ip).await.unwrap();
    let mut on: Vec<&str> = on_ip.iter().map(|l| l.name.as_str()).collect();
    on.sort();
    assert_eq!(on, vec!["TLP:AMBER+STRICT", "TLP:RED"]);

    let embedded = c
        .indicators(
            ORG,
            Some(IndicatorType::Address),
            &ListOptions::new().include_labels(),
        )
        .collect_all()
        .await
        .unwrap();
    assert_eq!(embedded[0].security_label.as_ref().map(Vec::len), Some(2));
    let single = c
        .get_indicator(
            ORG,
            IndicatorType::Address,
            "203.0.113.5",
            Includes {
                labels: true,
                ..Includes::NONE
            },
        )
        .await
        .unwrap();
    assert_eq!(single.security_label.as_ref().map(Vec::len), Some(2));

    c.remove_label(ORG, &ip, "TLP:RED").await.unwrap();
    let left = c.item_labels(ORG, &ip).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].name, "TLP:AMBER+STRICT");
    sb.shutdown().await;
}

#[tokio::test]
async fn an_unknown_label_is_refused() {
    let (sb, c) = start().await;
    let g = c
        .create_group(ORG, &NewGroup::new(GroupType::Threat, "Threat"))
        .await
        .unwrap();
    let item = ItemRef::group(GroupType::Threat, g.id);
    let err = c.apply_label(ORG, &item, "TLP:PURPLE").await.unwrap_err();
    assert_eq!(
        err,
        Error::NotFound {
            status: 404,
            message: messages::RESOURCE_NOT_FOUND.into()
        },
        "labels must exist before they are applied"
    );
    assert!(c.item_labels(ORG, &item).await.unwrap().is_empty());
    c.apply_label(ORG, &item, "TLP:GREEN").await.unwrap();
    assert_eq!(
        c.item_labels(ORG, &item).await.unwrap()[0].name,
        "TLP:GREEN"
    );
    sb.shutdown().await;
}
