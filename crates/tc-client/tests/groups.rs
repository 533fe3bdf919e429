//! Group operations against the real sandbox: list (per type and all), get, create, update,
//! delete, and the xid upsert.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use common::{COMMUNITY, ORG, start};
use serde_json::json;
use tc_client::{Error, GroupUpdate, Includes, ListOptions, NewGroup};
use tc_model::GroupType;
use time::macros::datetime;

#[tokio::test]
async fn incident_lifecycle() {
    let (sb, c) = start().await;
    let created = c
        .create_group(
            ORG,
            &NewGroup::new(GroupType::Incident, "Phish wave")
                .event_date(datetime!(2024-01-01 00:00 UTC))
                .status("New"),
        )
        .await
        .unwrap();
    assert_eq!(created.name, "Phish wave");
    assert_eq!(created.event_date.as_deref(), Some("2024-01-01T00:00:00Z"));
    assert_eq!(created.effective_owner_name(), Some(ORG));

    let got = c
        .get_group(ORG, GroupType::Incident, created.id, Includes::NONE)
        .await
        .unwrap();
    assert_eq!(got.id, created.id);
    assert_eq!(got.status.as_deref(), Some("New"));

    let updated = c
        .update_group(
            ORG,
            GroupType::Incident,
            created.id,
            &GroupUpdate::new()
                .name("Phish wave (contained)")
                .field("status", json!("Containment Achieved")),
        )
        .await
        .unwrap();
    assert_eq!(updated.name, "Phish wave (contained)");
    assert_eq!(updated.status.as_deref(), Some("Containment Achieved"));

    c.delete_group(ORG, GroupType::Incident, created.id)
        .await
        .unwrap();
    let err = c
        .get_group(ORG, GroupType::Incident, created.id, Includes::NONE)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::NotFound { status: 404, .. }),
        "got {err:?}"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn lists_per_type_and_all_types_per_owner() {
    let (sb, c) = start().await;
    c.create_group(ORG, &NewGroup::new(GroupType::Adversary, "APT Example"))
        .await
        .unwrap();
    c.create_group(
        ORG,
        &NewGroup::new(GroupType::Signature, "Rule")
            .field("fileName", json!("r.yar"))
            .field("fileType", json!("YARA"))
            .field("fileText", json!("rule x { condition: true }")),
    )
    .await
    .unwrap();
    c.create_group(
        ORG,
        &NewGroup::new(GroupType::IntrusionSet, "Set").xid("feed:set:1"),
    )
    .await
    .unwrap();
    c.create_group(COMMUNITY, &NewGroup::new(GroupType::Adversary, "Theirs"))
        .await
        .unwrap();

    let page = c
        .list_groups(ORG, None, &ListOptions::new(), 0)
        .await
        .unwrap();
    assert_eq!(page.result_count, Some(3));
    let mut types: Vec<_> = page
        .items
        .iter()
        .map(|g| g.group_type(None).unwrap())
        .collect();
    types.sort();
    assert_eq!(
        types,
        vec![
            GroupType::Adversary,
            GroupType::IntrusionSet,
            GroupType::Signature
        ],
        "generic lists carry each group's type"
    );
    let adversaries = c
        .groups(ORG, Some(GroupType::Adversary), &ListOptions::new())
        .collect_all()
        .await
        .unwrap();
    assert_eq!(adversaries.len(), 1);
    assert_eq!(adversaries[0].owner_name.as_deref(), Some(ORG));
    let signature = c
        .groups(ORG, Some(GroupType::Signature), &ListOptions::new())
        .collect_all()
        .await
        .unwrap();
    assert_eq!(signature[0].file_type.as_deref(), Some("YARA"));
    sb.shutdown().await;
}

#[tokio::test]
async fn creating_with_an_xid_is_an_upsert() {
    let (sb, c) = start().await;
    let new = NewGroup::new(GroupType::Campaign, "Winter").xid("feed:campaign:7");
    let first = c.create_group(ORG, &new).await.unwrap();
    let renamed = NewGroup {
        name: "Winter 2024".into(),
        ..new
    };
    let second = c.create_group(ORG, &renamed).await.unwrap();
    assert_eq!(second.id, first.id, "same xid, same group");
    assert_eq!(second.name, "Winter 2024");
    let additional = c
        .get_group(
            ORG,
            GroupType::Campaign,
            first.id,
            Includes {
                additional: true,
                ..Includes::NONE
            },
        )
        .await
        .unwrap();
    assert_eq!(additional.xid.as_deref(), Some("feed:campaign:7"));
    // Without an xid every create is a new group.
    let a = c
        .create_group(ORG, &NewGroup::new(GroupType::Campaign, "Spring"))
        .await
        .unwrap();
    let b = c
        .create_group(ORG, &NewGroup::new(GroupType::Campaign, "Spring"))
        .await
        .unwrap();
    assert_ne!(a.id, b.id);
    sb.shutdown().await;
}

#[tokio::test]
async fn invalid_groups_are_refused() {
    let (sb, c) = start().await;
    let err = c
        .create_group(ORG, &NewGroup::new(GroupType::Document, "Memo"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Invalid(m) if m.contains("fileName")),
        "checked locally"
    );
    let err = c
        .create_group(
            ORG,
            &NewGroup::new(GroupType::Incident, "Bad status")
                .event_date(datetime!(2024-01-01 00:00 UTC))
                .status("Sleeping"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api { status: 400, message } if message.contains("Sleeping")),
        "the server's message is kept: {err:?}"
    );
    let err = c
        .get_group(COMMUNITY, GroupType::Adversary, 999_999, Includes::NONE)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }));
    sb.shutdown().await;
}
