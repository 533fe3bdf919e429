//! Attributes against the real sandbox: the whole lifecycle on an indicator and on a group,
//! the displayed Description mirrored into the item, and `includeAttributes`.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use common::{ORG, start};
use tc_client::{
    AttributeUpdate, Error, Includes, ItemRef, ListOptions, NewAttribute, NewGroup, NewIndicator,
};
use tc_model::{GroupType, IndicatorType};

#[tokio::test]
async fn attribute_lifecycle_on_an_indicator() {
    let (sb, c) = start().await;
    let url = "https://bad.example/login?next=/a b";
    c.create_indicator(ORG, &NewIndicator::new(IndicatorType::Url, url))
        .await
        .unwrap();
    let item = ItemRef::indicator(IndicatorType::Url, url);
    assert!(c.attributes(ORG, &item).await.unwrap().is_empty());

    let description = c
        .create_attribute(
            ORG,
            &item,
            &NewAttribute::new("Description", "Credential phishing page").displayed(true),
        )
        .await
        .unwrap();
    let id = description.id.expect("created attributes have an id");
    assert_eq!(description.type_name, "Description");
    assert_eq!(description.displayed, Some(true));
    let source = c
        .create_attribute(
            ORG,
            &item,
            &NewAttribute::new("Source", "Mail gateway").source("SOC"),
        )
        .await
        .unwrap();
    assert_eq!(source.source.as_deref(), Some("SOC"));

    let listed = c.attributes(ORG, &item).await.unwrap();
    assert_eq!(listed.len(), 2);
    let one = c.attribute(ORG, &item, id).await.unwrap();
    assert_eq!(one.value, "Credential phishing page");

    let got = c
        .get_indicator(ORG, IndicatorType::Url, url, Includes::NONE)
        .await
        .unwrap();
    assert_eq!(
        got.description.as_deref(),
        Some("Credential phishing page"),
        "the displayed Description is mirrored"
    );

    let updated = c
        .update_attribute(
            ORG,
            &item,
            id,
            &AttributeUpdate::new("Kit-based phishing page"),
        )
        .await
        .unwrap();
    assert_eq!(updated.value, "Kit-based phishing page");

    let embedded = c
        .get_indicator(
            ORG,
            IndicatorType::Url,
            url,
            Includes {
                attributes: true,
                ..Includes::NONE
            },
        )
        .await
        .unwrap();
    let values: Vec<&str> = embedded
        .attribute
        .as_deref()
        .unwrap()
        .iter()
        .map(|a| a.value.as_str())
        .collect();
    assert!(values.contains(&"Kit-based phishing page"));
    let listed = c
        .indicators(
            ORG,
            Some(IndicatorType::Url),
            &ListOptions::new().include_attributes().include_tags(),
        )
        .collect_all()
        .await
        .unwrap();
    assert_eq!(listed[0].attribute.as_ref().map(Vec::len), Some(2));
    assert_eq!(listed[0].tag.as_ref().map(Vec::len), Some(0));

    c.delete_attribute(ORG, &item, id).await.unwrap();
    let err = c.attribute(ORG, &item, id).await.unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }));
    assert_eq!(c.attributes(ORG, &item).await.unwrap().len(), 1);
    sb.shutdown().await;
}

#[tokio::test]
async fn attributes_on_a_group() {
    let (sb, c) = start().await;
    let g = c
        .create_group(ORG, &NewGroup::new(GroupType::Malware, "Loader"))
        .await
        .unwrap();
    let item = ItemRef::group(GroupType::Malware, g.id);
    let a = c
        .create_attribute(ORG, &item, &NewAttribute::new("Description", "A loader"))
        .await
        .unwrap();
    let got = c
        .get_group(
            ORG,
            GroupType::Malware,
            g.id,
            Includes {
                attributes: true,
                ..Includes::NONE
            },
        )
        .await
        .unwrap();
    assert_eq!(got.attribute.as_deref().unwrap()[0].id, a.id);
    let err = c
        .create_attribute(ORG, &item, &NewAttribute::new("", "x"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)));
    sb.shutdown().await;
}
