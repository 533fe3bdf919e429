//! What the client puts on the wire, read back by a tiny scripted server: the request-target
//! it signs is the one it sends (vectors 2b and 3 of `reference/threatconnect-api.md` §2.2),
//! filter operators go out percent-encoded, bodies are JSON with the documented content
//! type, and 200/201/202 all count as success.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use std::sync::Arc;

use common::{Reply, Scripted, any_credentials};
use serde_json::json;
use tc_client::{
    Client, Error, Filters, Includes, IndicatorUpdate, ListOptions, NewIndicator, Op, RetryPolicy,
};
use tc_model::IndicatorType;
use time::macros::{date, datetime};

/// A client for `server` whose clock always reads `timestamp`.
fn fixed_clock_client(server: &Scripted, timestamp: i64) -> Client {
    let mut config = server.config(any_credentials(), RetryPolicy::none());
    config.clock = Some(Arc::new(move || timestamp));
    Client::new(config).unwrap()
}

#[tokio::test]
async fn vector_3_delete_of_a_url_indicator_is_sent_as_signed() {
    let server = Scripted::start(vec![Reply::success()], None).await;
    let client = fixed_clock_client(&server, 1_700_000_600);
    client
        .delete_indicator(
            "Example Org",
            IndicatorType::Url,
            "http://bad.example/a b?x=1",
        )
        .await
        .unwrap();
    let got = server.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].method, "DELETE");
    assert_eq!(
        got[0].target,
        "/api/v2/indicators/urls/http%3A%2F%2Fbad.example%2Fa%20b%3Fx%3D1?owner=Example+Org",
        "request-target on the wire"
    );
    assert_eq!(got[0].header("timestamp"), Some("1700000600"));
    assert_eq!(
        got[0].header("authorization"),
        Some("TC 12345678901234567890:0UtuAPAE+aZl38lpPAyavJKOFnIqldbecShhcr/Qhf4="),
        "signature of vector 3: the signed target is the sent target"
    );
    assert!(got[0].body.is_empty(), "DELETE has no body");
    assert_eq!(got[0].header("content-type"), None);
}

#[tokio::test]
async fn vector_2b_filters_are_form_encoded_and_signed_as_sent() {
    let server = Scripted::start(
        vec![Reply::json(
            200,
            json!({"status": "Success", "data": {"resultCount": 0, "host": []}}),
        )],
        None,
    )
    .await;
    let client = fixed_clock_client(&server, 1_700_000_300);
    let options = ListOptions::new()
        .filters(
            Filters::new()
                .add("summary", Op::StartsWith, "bad")
                .add("rating", Op::Gt, 3),
        )
        .page_size(100);
    let page = client
        .list_indicators("Common Community", Some(IndicatorType::Host), &options, 0)
        .await
        .unwrap();
    assert_eq!((page.result_count, page.items.len()), (Some(0), 0));
    let got = server.received();
    assert_eq!(
        got[0].target,
        "/api/v2/indicators/hosts?owner=Common+Community&filters=summary%5Ebad%2Crating%3E3&resultLimit=100"
    );
    assert_eq!(
        got[0].header("authorization"),
        Some("TC 12345678901234567890:X91BtVKYIGELnnl2QBODfApT92n6xenXDj4YjbiELmA="),
        "signature of vector 2b"
    );
}

#[tokio::test]
async fn every_operator_and_option_is_percent_encoded() {
    let list = Reply::json(200, json!({"status": "Success", "data": {"indicator": []}}));
    let server = Scripted::start(vec![list], None).await;
    let client = fixed_clock_client(&server, 1_700_000_000);
    let options = ListOptions::new()
        .filters(
            Filters::new()
                .summary("a b")
                .confidence(Op::Lt, 50)
                .rating_above(2.5)
                .summary_starts_with("x^y")
                .added_after(date!(2024 - 01 - 31))
                .any(),
        )
        .modified_since(datetime!(2024-02-01 12:30:00 UTC))
        .include_additional()
        .include_tags()
        .include_attributes()
        .include_labels()
        .page_size(500);
    client
        .list_indicators("Acme & Co", None, &options, 1000)
        .await
        .unwrap();
    assert_eq!(
        server.received()[0].target,
        "/api/v2/indicators?owner=Acme+%26+Co\
         &filters=summary%3Da+b%2Cconfidence%3C50%2Crating%3E2.5%2Csummary%5Ex%5Ey%2CdateAdded%3E2024-01-31\
         &orParams=true&modifiedSince=2024-02-01T12%3A30%3A00Z\
         &includeAdditional=true&includeTags=true&includeAttributes=true&includes=labels\
         &resultStart=1000&resultLimit=500"
    );
}

#[tokio::test]
async fn bodies_are_json_with_the_documented_content_type() {
    let created = Reply::json(
        201,
        json!({"status": "Success", "data": {"host": {"id": 7, "hostName": "bad.example",
               "dnsActive": "true", "whoisActive": "false"}}}),
    );
    let updated = Reply::json(
        202,
        json!({"status": "Success", "data": {"host": {"id": 7, "hostName": "bad.example",
               "rating": 4.0}}}),
    );
    let server = Scripted::start(vec![created, updated], None).await;
    let client = fixed_clock_client(&server, 1_700_000_000);
    let host = client
        .create_indicator(
            "Demo Organization",
            &NewIndicator::new(IndicatorType::Host, "BAD.example")
                .rating(3.0)
                .confidence(60)
                .dns_active(true),
        )
        .await
        .unwrap();
    assert_eq!(host.id, 7, "201 Created is success");
    assert_eq!(host.dns_active(), Some(true));
    let host = client
        .update_indicator(
            "Demo Organization",
            IndicatorType::Host,
            "bad.example",
            &IndicatorUpdate::new().rating(4.0),
        )
        .await
        .unwrap();
    assert_eq!(host.rating, Some(4.0), "202 Accepted is success");

    let got = server.received();
    assert_eq!(got[0].method, "POST");
    assert_eq!(
        got[0].target,
        "/api/v2/indicators/hosts?owner=Demo+Organization"
    );
    assert_eq!(
        got[0].header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let body: serde_json::Value = serde_json::from_slice(&got[0].body).unwrap();
    assert_eq!(
        body,
        json!({"hostName": "bad.example", "rating": 3.0, "confidence": 60, "dnsActive": "true"}),
        "typed value field, normalised value, Host flag as a string"
    );
    assert_eq!(got[1].method, "PUT");
    assert_eq!(
        got[1].target,
        "/api/v2/indicators/hosts/bad.example?owner=Demo+Organization"
    );
    let body: serde_json::Value = serde_json::from_slice(&got[1].body).unwrap();
    assert_eq!(body, json!({"rating": 4.0}));
}

#[tokio::test]
async fn refused_calls_send_nothing() {
    let server = Scripted::start(vec![], Some(Reply::success())).await;
    let client = fixed_clock_client(&server, 1_700_000_000);
    let err = client
        .delete_indicator("", IndicatorType::Host, "bad.example")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(m) if m.contains("owner")));
    let err = client
        .get_indicator("Org", IndicatorType::Address, "1.2.3.999", Includes::NONE)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "invalid address");
    let bad_filter = ListOptions::new().filters(Filters::new().summary("a,b"));
    let err = client
        .list_indicators("Org", None, &bad_filter, 0)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(m) if m.contains("comma")));
    let too_big = ListOptions::new().page_size(10_001);
    assert!(
        client
            .list_indicators("Org", None, &too_big, 0)
            .await
            .is_err()
    );
    assert!(server.received().is_empty(), "nothing reached the server");
}

#[tokio::test]
async fn other_statuses_keep_the_server_message() {
    let server = Scripted::start(
        vec![
            Reply::json(204, json!({"status": "Success"})),
            Reply::failure(400, "The request was not properly formed"),
        ],
        None,
    )
    .await;
    let client = fixed_clock_client(&server, 1_700_000_000);
    let err = client
        .delete_indicator("Org", IndicatorType::Host, "a.example")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(204), "only 200, 201 and 202 are success");
    let err = client
        .delete_indicator("Org", IndicatorType::Host, "a.example")
        .await
        .unwrap_err();
    assert_eq!(
        err,
        Error::Api {
            status: 400,
            message: "The request was not properly formed".into()
        }
    );
}
