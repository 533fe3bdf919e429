//! Indicator operations against the real sandbox over loopback: create, get, update, delete,
//! lists, the owners of a value, observations and false positives, with the values that are
//! hard to get right on the wire (URLs with `/ ? space +`, File hashes in any case).

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use common::{COMMUNITY, FEED, ORG, start};
use tc_client::{Error, Includes, IndicatorUpdate, ListOptions, NewIndicator};
use tc_model::{IndicatorType, OwnerType, messages};

const MD5: &str = "905ad8176a569a36421bf54c04ba7f95";
const SHA1: &str = "a52b6986d68cdfac53aa740566cbeade4452124e";
const SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

#[tokio::test]
async fn host_lifecycle_with_string_flags() {
    let (sb, c) = start().await;
    let created = c
        .create_indicator(
            ORG,
            &NewIndicator::new(IndicatorType::Host, "Bad.Example")
                .rating(3.0)
                .confidence(60)
                .dns_active(true),
        )
        .await
        .unwrap();
    assert_eq!(
        created.fields["hostName"], "bad.example",
        "value normalised"
    );
    assert_eq!(created.effective_owner_name(), Some(ORG));
    assert_eq!(
        created.fields["dnsActive"], "true",
        "dnsActive is the string \"true\" on the wire"
    );
    assert_eq!(created.dns_active(), Some(true));
    assert_eq!(created.whois_active(), Some(false));

    let got = c
        .get_indicator(ORG, IndicatorType::Host, "BAD.EXAMPLE", Includes::NONE)
        .await
        .unwrap();
    assert_eq!(got.id, created.id, "host lookups ignore case");
    assert_eq!((got.rating, got.confidence), (Some(3.0), Some(60)));

    let updated = c
        .update_indicator(
            ORG,
            IndicatorType::Host,
            "bad.example",
            &IndicatorUpdate::new()
                .rating(4.5)
                .confidence(90)
                .dns_active(false)
                .whois_active(true),
        )
        .await
        .unwrap();
    assert_eq!((updated.rating, updated.confidence), (Some(4.5), Some(90)));
    assert_eq!(updated.fields["dnsActive"], "false");
    assert_eq!(updated.whois_active(), Some(true));

    c.delete_indicator(ORG, IndicatorType::Host, "bad.example")
        .await
        .unwrap();
    let err = c
        .get_indicator(ORG, IndicatorType::Host, "bad.example", Includes::NONE)
        .await
        .unwrap_err();
    assert_eq!(
        err,
        Error::NotFound {
            status: 404,
            message: messages::RESOURCE_NOT_FOUND.into()
        }
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn create_is_an_upsert_by_value() {
    let (sb, c) = start().await;
    let first = c
        .create_indicator(
            ORG,
            &NewIndicator::new(IndicatorType::Address, "198.51.100.7"),
        )
        .await
        .unwrap();
    let again = c
        .create_indicator(
            ORG,
            &NewIndicator::new(IndicatorType::Address, "198.51.100.7").rating(2.0),
        )
        .await
        .unwrap();
    assert_eq!(again.id, first.id, "same value, same owner: same indicator");
    assert_eq!(again.rating, Some(2.0));
    assert_eq!(again.fields["ip"], "198.51.100.7");
    sb.shutdown().await;
}

#[tokio::test]
async fn url_with_slash_question_mark_space_and_plus_round_trips() {
    let (sb, c) = start().await;
    let value = "http://bad.example/a b/c+d?x=1+2&y=a b";
    let created = c
        .create_indicator(ORG, &NewIndicator::new(IndicatorType::Url, value))
        .await
        .unwrap();
    assert_eq!(created.fields["text"], value);
    let got = c
        .get_indicator(ORG, IndicatorType::Url, value, Includes::NONE)
        .await
        .unwrap();
    assert_eq!(got.id, created.id);
    assert_eq!(got.value(IndicatorType::Url).as_deref(), Some(value));
    // A different URL that differs only where encoding could go wrong is another indicator.
    let plus_as_space = "http://bad.example/a b/c d?x=1 2&y=a b";
    let err = c
        .get_indicator(ORG, IndicatorType::Url, plus_as_space, Includes::NONE)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "'+' must stay '+'");
    c.delete_indicator(ORG, IndicatorType::Url, value)
        .await
        .unwrap();
    assert!(matches!(
        c.get_indicator(ORG, IndicatorType::Url, value, Includes::NONE)
            .await
            .unwrap_err(),
        Error::NotFound { .. }
    ));
    sb.shutdown().await;
}

#[tokio::test]
async fn files_are_found_by_any_hash_and_stored_upper_case() {
    let (sb, c) = start().await;
    let summary = format!("{MD5} : {SHA1} : {SHA256}");
    let created = c
        .create_indicator(
            ORG,
            &NewIndicator::new(IndicatorType::File, summary.as_str()).size(2048),
        )
        .await
        .unwrap();
    assert_eq!(created.fields["md5"], MD5.to_ascii_uppercase());
    assert_eq!(created.fields["sha256"], SHA256.to_ascii_uppercase());
    for hash in [MD5, SHA1, SHA256, &SHA1.to_ascii_uppercase()] {
        let got = c
            .get_indicator(ORG, IndicatorType::File, hash, Includes::NONE)
            .await
            .unwrap();
        assert_eq!(got.id, created.id, "found by {hash}");
        assert_eq!(got.fields["sha1"], SHA1.to_ascii_uppercase());
    }
    let updated = c
        .update_indicator(
            ORG,
            IndicatorType::File,
            SHA256,
            &IndicatorUpdate::new().size(4096),
        )
        .await
        .unwrap();
    assert_eq!(updated.fields["size"], 4096);
    c.delete_indicator(ORG, IndicatorType::File, SHA1)
        .await
        .unwrap();
    assert!(
        c.get_indicator(ORG, IndicatorType::File, MD5, Includes::NONE)
            .await
            .is_err()
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn the_same_value_in_two_owners_has_two_ids() {
    let (sb, c) = start().await;
    let value = "evil.example";
    let mine = c
        .create_indicator(
            ORG,
            &NewIndicator::new(IndicatorType::Host, value).rating(1.0),
        )
        .await
        .unwrap();
    let theirs = c
        .create_indicator(
            COMMUNITY,
            &NewIndicator::new(IndicatorType::Host, value).rating(5.0),
        )
        .await
        .unwrap();
    assert_ne!(mine.id, theirs.id, "each owner has its own indicator");
    assert_eq!(theirs.effective_owner_name(), Some(COMMUNITY));
    let owners = c
        .indicator_owners(ORG, IndicatorType::Host, value)
        .await
        .unwrap();
    let seen: Vec<(&str, OwnerType, Option<i64>)> = owners
        .iter()
        .map(|o| (o.name.as_str(), o.owner_type.clone(), o.item_id))
        .collect();
    assert_eq!(
        seen,
        vec![
            (ORG, OwnerType::Organization, Some(mine.id)),
            (COMMUNITY, OwnerType::Community, Some(theirs.id)),
        ]
    );
    // Metadata stays per owner.
    let got = c
        .get_indicator(COMMUNITY, IndicatorType::Host, value, Includes::NONE)
        .await
        .unwrap();
    assert_eq!(got.rating, Some(5.0));
    // Owner-scoped lookups: not in the Source.
    assert!(matches!(
        c.get_indicator(FEED, IndicatorType::Host, value, Includes::NONE)
            .await
            .unwrap_err(),
        Error::NotFound { .. }
    ));
    sb.shutdown().await;
}

#[tokio::test]
async fn lists_per_type_and_for_all_types() {
    let (sb, c) = start().await;
    for host in ["a.example", "b.example", "c.example"] {
        c.create_indicator(ORG, &NewIndicator::new(IndicatorType::Host, host))
            .await
            .unwrap();
    }
    c.create_indicator(ORG, &NewIndicator::new(IndicatorType::Address, "192.0.2.1"))
        .await
        .unwrap();
    c.create_indicator(
        ORG,
        &NewIndicator::new(IndicatorType::Mutex, "Global\\evil"),
    )
    .await
    .unwrap();
    c.create_indicator(
        ORG,
        &NewIndicator::new(
            IndicatorType::RegistryKey,
            "HKEY_LOCAL_MACHINE\\Software\\Evil : Run : REG_SZ",
        ),
    )
    .await
    .unwrap();

    let options = ListOptions::new().page_size(2);
    let page = c
        .list_indicators(ORG, Some(IndicatorType::Host), &options, 0)
        .await
        .unwrap();
    assert_eq!(
        page.result_count,
        Some(3),
        "the first page carries the total"
    );
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[0].owner_name.as_deref(), Some(ORG));
    assert_eq!(page.items[0].fields["hostName"], "a.example");
    let second = c
        .list_indicators(ORG, Some(IndicatorType::Host), &options, 2)
        .await
        .unwrap();
    assert_eq!(second.result_count, None, "later pages do not");
    assert_eq!(second.items.len(), 1);

    let all = c
        .list_indicators(ORG, None, &ListOptions::new(), 0)
        .await
        .unwrap();
    assert_eq!(all.result_count, Some(6));
    let types: Vec<Option<IndicatorType>> =
        all.items.iter().map(|i| i.indicator_type(None)).collect();
    assert!(types.contains(&Some(IndicatorType::RegistryKey)));
    assert!(
        all.items.iter().all(|i| i.summary.is_some()),
        "generic items have a summary"
    );
    // Other owners are empty.
    let none = c
        .list_indicators(FEED, None, &ListOptions::new(), 0)
        .await
        .unwrap();
    assert_eq!((none.result_count, none.items.len()), (Some(0), 0));
    sb.shutdown().await;
}

#[tokio::test]
async fn observations_and_false_positives() {
    let (sb, c) = start().await;
    let ty = IndicatorType::EmailAddress;
    let value = "Phisher@Bad.Example";
    c.create_indicator(ORG, &NewIndicator::new(ty, value))
        .await
        .unwrap();
    c.add_observations(ORG, ty, value, 3).await.unwrap();
    c.add_observations(ORG, ty, value, 2).await.unwrap();
    let observed = c.observation_count(ORG, ty, value).await.unwrap();
    assert_eq!(observed.count, 5);
    assert!(
        observed.last_reported.is_some(),
        "date of the last observation"
    );
    assert!(c.add_observations(ORG, ty, value, 0).await.is_err());

    let fp = c.report_false_positive(ORG, ty, value).await.unwrap();
    assert_eq!(fp.count, 1);
    assert!(fp.last_reported.is_some());
    let again = c.report_false_positive(ORG, ty, value).await.unwrap();
    assert_eq!(again.count, 1, "one report per user and day");
    let additional = c
        .get_indicator(
            ORG,
            ty,
            value,
            Includes {
                additional: true,
                ..Includes::NONE
            },
        )
        .await
        .unwrap();
    assert_eq!(additional.observation_count, Some(5));
    assert_eq!(additional.false_positive_count, Some(1));
    assert_eq!(additional.active, Some(true));
    sb.shutdown().await;
}

#[tokio::test]
async fn custom_types_and_errors() {
    let (sb, c) = start().await;
    let asn = c
        .create_indicator(ORG, &NewIndicator::new(IndicatorType::Asn, "as64500"))
        .await
        .unwrap();
    assert_eq!(asn.fields["AS Number"], "ASN64500");
    let ua = "Mozilla/5.0 (X11; Linux x86_64) evil+bot/1.0";
    c.create_indicator(ORG, &NewIndicator::new(IndicatorType::UserAgent, ua))
        .await
        .unwrap();
    let got = c
        .get_indicator(ORG, IndicatorType::UserAgent, ua, Includes::NONE)
        .await
        .unwrap();
    assert_eq!(got.fields["User Agent String"], ua);
    let cidr = c
        .create_indicator(ORG, &NewIndicator::new(IndicatorType::Cidr, "192.0.2.0/24"))
        .await
        .unwrap();
    assert_eq!(cidr.fields["Block"], "192.0.2.0/24");

    let err = c
        .create_indicator(
            "No Such Owner",
            &NewIndicator::new(IndicatorType::Host, "x.example"),
        )
        .await
        .unwrap_err();
    assert_eq!(
        err,
        Error::OwnerNotFound {
            status: 403,
            message: messages::OWNER_NOT_FOUND.into()
        }
    );
    let err = c
        .create_indicator(
            ORG,
            &NewIndicator::new(IndicatorType::Asn, "ASN64501").private_flag(true),
        )
        .await
        .unwrap_err();
    assert_eq!(
        err.status(),
        Some(400),
        "the sandbox refuses private custom indicators"
    );
    sb.shutdown().await;
}
