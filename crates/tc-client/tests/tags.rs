//! Tags against the real sandbox: applying an unknown tag creates it, tags list per owner
//! and per item, items are found by tag, and `includeTags` embeds them.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use common::{COMMUNITY, ORG, start};
use tc_client::{Includes, ItemRef, ListOptions, NewGroup, NewIndicator};
use tc_model::{GroupType, IndicatorType, Tag};

fn names(tags: &[Tag]) -> Vec<&str> {
    let mut n: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
    n.sort();
    n
}

#[tokio::test]
async fn applying_creates_tags_and_lists_show_them() {
    let (sb, c) = start().await;
    c.create_indicator(ORG, &NewIndicator::new(IndicatorType::Host, "bad.example"))
        .await
        .unwrap();
    let url = "http://bad.example/p?q=1";
    c.create_indicator(ORG, &NewIndicator::new(IndicatorType::Url, url))
        .await
        .unwrap();
    let host = ItemRef::indicator(IndicatorType::Host, "bad.example");
    let url_item = ItemRef::indicator(IndicatorType::Url, url);

    assert!(
        c.tags(ORG, &ListOptions::new())
            .collect_all()
            .await
            .unwrap()
            .is_empty()
    );
    // Names with a space, a '+' and a '/' travel as one encoded segment.
    for tag in ["Nation State", "C++ / Loader"] {
        c.apply_tag(ORG, &host, tag).await.unwrap();
    }
    c.apply_tag(ORG, &host, "Nation State").await.unwrap();
    c.apply_tag(ORG, &url_item, "Nation State").await.unwrap();

    let owner_tags = c
        .tags(ORG, &ListOptions::new())
        .collect_all()
        .await
        .unwrap();
    assert_eq!(names(&owner_tags), vec!["C++ / Loader", "Nation State"]);
    assert!(owner_tags[0].web_link.is_some());
    assert!(
        c.tags(COMMUNITY, &ListOptions::new())
            .collect_all()
            .await
            .unwrap()
            .is_empty(),
        "tags belong to an owner"
    );
    let on_host = c.item_tags(ORG, &host).await.unwrap();
    assert_eq!(
        names(&on_host),
        vec!["C++ / Loader", "Nation State"],
        "applying twice changes nothing"
    );

    let tagged = c
        .indicators_by_tag(ORG, "Nation State", None, &ListOptions::new())
        .collect_all()
        .await
        .unwrap();
    assert_eq!(tagged.len(), 2);
    let tagged_urls = c
        .indicators_by_tag(
            ORG,
            "Nation State",
            Some(IndicatorType::Url),
            &ListOptions::new(),
        )
        .collect_all()
        .await
        .unwrap();
    assert_eq!(tagged_urls.len(), 1);
    assert_eq!(tagged_urls[0].fields["text"], url);

    let with_tags = c
        .get_indicator(
            ORG,
            IndicatorType::Host,
            "bad.example",
            Includes {
                tags: true,
                ..Includes::NONE
            },
        )
        .await
        .unwrap();
    assert_eq!(names(with_tags.tag.as_deref().unwrap()).len(), 2);
    let listed = c
        .indicators(
            ORG,
            Some(IndicatorType::Url),
            &ListOptions::new().include_tags(),
        )
        .collect_all()
        .await
        .unwrap();
    assert_eq!(
        names(listed[0].tag.as_deref().unwrap()),
        vec!["Nation State"]
    );

    c.remove_tag(ORG, &host, "C++ / Loader").await.unwrap();
    assert_eq!(
        names(&c.item_tags(ORG, &host).await.unwrap()),
        vec!["Nation State"]
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn groups_carry_tags_too() {
    let (sb, c) = start().await;
    let g = c
        .create_group(ORG, &NewGroup::new(GroupType::Adversary, "APT Example"))
        .await
        .unwrap();
    let item = ItemRef::group(GroupType::Adversary, g.id);
    c.apply_tag(ORG, &item, "Espionage").await.unwrap();
    assert_eq!(
        names(&c.item_tags(ORG, &item).await.unwrap()),
        vec!["Espionage"]
    );
    let got = c
        .get_group(
            ORG,
            GroupType::Adversary,
            g.id,
            Includes {
                tags: true,
                ..Includes::NONE
            },
        )
        .await
        .unwrap();
    assert_eq!(names(got.tag.as_deref().unwrap()), vec!["Espionage"]);
    assert!(c.apply_tag(ORG, &item, &"x".repeat(129)).await.is_err());

    // Items by tag: the tagged group, in the all-groups list and in its type's list.
    c.create_group(ORG, &NewGroup::new(GroupType::Campaign, "Untagged"))
        .await
        .unwrap();
    let tagged = c
        .groups_by_tag(ORG, "Espionage", None, &ListOptions::default())
        .collect_all()
        .await
        .unwrap();
    assert_eq!(
        tagged.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(),
        ["APT Example"]
    );
    let typed = c
        .groups_by_tag(
            ORG,
            "Espionage",
            Some(GroupType::Campaign),
            &ListOptions::default(),
        )
        .collect_all()
        .await
        .unwrap();
    assert!(
        typed.is_empty(),
        "the tag is on an Adversary, not a Campaign"
    );
    sb.shutdown().await;
}
