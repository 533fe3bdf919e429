//! Associations against the real sandbox: indicator ↔ group from both sides, group ↔ group,
//! typed indicator ↔ indicator, their lists, removal, and the refusal to link items of two
//! owners.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use common::{COMMUNITY, ORG, start};
use tc_client::{Client, Error, ItemRef, NewGroup, NewIndicator};
use tc_model::{GroupType, IndicatorType};

async fn group(c: &Client, owner: &str, ty: GroupType, name: &str) -> ItemRef {
    let g = c
        .create_group(owner, &NewGroup::new(ty, name))
        .await
        .unwrap();
    ItemRef::group(ty, g.id)
}

async fn indicator(c: &Client, owner: &str, ty: IndicatorType, value: &str) -> ItemRef {
    c.create_indicator(owner, &NewIndicator::new(ty, value))
        .await
        .unwrap();
    ItemRef::indicator(ty, value)
}

fn group_ids(groups: &[tc_model::Group]) -> Vec<i64> {
    groups.iter().map(|g| g.id).collect()
}

fn id_of(item: &ItemRef) -> i64 {
    match item {
        ItemRef::Group { id, .. } => *id,
        ItemRef::Indicator { .. } => panic!("not a group"),
    }
}

#[tokio::test]
async fn indicator_and_group_from_both_sides() {
    let (sb, c) = start().await;
    let url = "http://bad.example/drop?f=a b";
    let host = indicator(&c, ORG, IndicatorType::Host, "bad.example").await;
    let link = indicator(&c, ORG, IndicatorType::Url, url).await;
    let incident = c
        .create_group(
            ORG,
            &NewGroup::new(GroupType::Incident, "Phish")
                .event_date(time::OffsetDateTime::UNIX_EPOCH),
        )
        .await
        .unwrap();
    let incident = ItemRef::group(GroupType::Incident, incident.id);
    let adversary = group(&c, ORG, GroupType::Adversary, "APT").await;

    // From the indicator's side and from the group's side.
    c.associate(ORG, &host, &incident).await.unwrap();
    c.associate(ORG, &adversary, &link).await.unwrap();
    c.associate(ORG, &adversary, &host).await.unwrap();
    c.associate(ORG, &host, &incident).await.unwrap(); // twice: no change

    let of_host = c.associated_groups(ORG, &host, None).await.unwrap();
    let mut ids = group_ids(&of_host);
    ids.sort();
    let mut expected = vec![id_of(&incident), id_of(&adversary)];
    expected.sort();
    assert_eq!(ids, expected);
    assert!(
        of_host.iter().all(|g| g.type_name.is_some()),
        "lists carry the type"
    );
    let incidents_only = c
        .associated_groups(ORG, &host, Some(GroupType::Incident))
        .await
        .unwrap();
    assert_eq!(group_ids(&incidents_only), vec![id_of(&incident)]);

    let of_adversary = c
        .associated_indicators(ORG, &adversary, None)
        .await
        .unwrap();
    let mut values: Vec<String> = of_adversary
        .iter()
        .map(|i| i.summary.clone().unwrap())
        .collect();
    values.sort();
    assert_eq!(values, vec!["bad.example".to_owned(), url.to_owned()]);
    let urls = c
        .associated_indicators(ORG, &adversary, Some(IndicatorType::Url))
        .await
        .unwrap();
    assert_eq!(urls.len(), 1);
    // Seen from the URL's side as well.
    assert_eq!(
        group_ids(&c.associated_groups(ORG, &link, None).await.unwrap()),
        vec![id_of(&adversary)]
    );

    c.dissociate(ORG, &incident, &host).await.unwrap();
    assert_eq!(
        group_ids(&c.associated_groups(ORG, &host, None).await.unwrap()),
        vec![id_of(&adversary)]
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn group_to_group() {
    let (sb, c) = start().await;
    let adversary = group(&c, ORG, GroupType::Adversary, "APT").await;
    let campaign = group(&c, ORG, GroupType::Campaign, "Winter").await;
    let tool = group(&c, ORG, GroupType::Tool, "Mimikatz").await;
    c.associate(ORG, &adversary, &campaign).await.unwrap();
    c.associate(ORG, &tool, &adversary).await.unwrap();
    let linked = c.associated_groups(ORG, &adversary, None).await.unwrap();
    let mut ids = group_ids(&linked);
    ids.sort();
    assert_eq!(ids, vec![id_of(&campaign), id_of(&tool)]);
    assert_eq!(
        group_ids(&c.associated_groups(ORG, &campaign, None).await.unwrap()),
        vec![id_of(&adversary)],
        "both ways"
    );
    c.dissociate(ORG, &campaign, &adversary).await.unwrap();
    assert!(
        c.associated_groups(ORG, &campaign, None)
            .await
            .unwrap()
            .is_empty()
    );
    let err = c.dissociate(ORG, &campaign, &adversary).await.unwrap_err();
    assert!(
        matches!(err, Error::NotFound { .. }),
        "nothing left to remove"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn typed_indicator_to_indicator() {
    let (sb, c) = start().await;
    let url = indicator(&c, ORG, IndicatorType::Url, "http://bad.example/x?y=1").await;
    let host = indicator(&c, ORG, IndicatorType::Host, "bad.example").await;
    let ip = indicator(&c, ORG, IndicatorType::Address, "198.51.100.1").await;
    c.associate_indicators(ORG, "urlHost", &url, &host)
        .await
        .unwrap();
    c.associate_indicators(ORG, "dnsPtrRecord", &ip, &host)
        .await
        .unwrap();

    let url_hosts = c
        .typed_associations(ORG, &url, "urlHost", None)
        .await
        .unwrap();
    assert_eq!(url_hosts.len(), 1);
    assert_eq!(url_hosts[0].summary.as_deref(), Some("bad.example"));
    let from_host = c
        .typed_associations(ORG, &host, "urlHost", Some(IndicatorType::Url))
        .await
        .unwrap();
    assert_eq!(from_host.len(), 1, "seen from the other side");
    let all = c.associated_indicators(ORG, &host, None).await.unwrap();
    assert_eq!(all.len(), 2, "every association type");

    let err = c
        .associate_indicators(ORG, "urlHost", &ip, &host)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api { status: 400, message } if message.starts_with("Invalid association")),
        "got {err:?}"
    );
    let err = c.associate(ORG, &url, &host).await.unwrap_err();
    assert!(
        matches!(err, Error::Invalid(_)),
        "needs a typed association"
    );

    c.dissociate_indicators(ORG, "urlHost", &host, &url)
        .await
        .unwrap();
    assert!(
        c.typed_associations(ORG, &url, "urlHost", None)
            .await
            .unwrap()
            .is_empty()
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn items_of_two_owners_are_not_linked() {
    let (sb, c) = start().await;
    let theirs = indicator(&c, COMMUNITY, IndicatorType::Host, "shared.example").await;
    let ours = group(&c, ORG, GroupType::Adversary, "APT").await;
    // Named under our owner, their indicator does not exist; under theirs, our group.
    for owner in [ORG, COMMUNITY] {
        let err = c.associate(owner, &ours, &theirs).await.unwrap_err();
        assert!(matches!(err, Error::NotFound { .. }), "{owner}: {err:?}");
        let err = c.associate(owner, &theirs, &ours).await.unwrap_err();
        assert!(matches!(err, Error::NotFound { .. }), "{owner}: {err:?}");
    }
    assert!(
        c.associated_groups(COMMUNITY, &theirs, None)
            .await
            .unwrap()
            .is_empty()
    );
    sb.shutdown().await;
}
