//! Bad input gets ThreatConnect's error shape (never a panic or a hang); data persists
//! under `data_dir`; fault injection and the demo seed behave as documented.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use serde_json::{Value, json};
use tc_sandbox::{SandboxConfig, Seed};

fn assert_failure(status: u16, body: &Value, expected_status: u16) {
    assert_eq!(status, expected_status, "{body}");
    assert_eq!(body["status"], "Failure", "{body}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "a failure says why: {body}"
    );
    assert!(body.get("data").is_none(), "{body}");
}

#[tokio::test]
async fn bad_requests_get_failure_envelopes() {
    let api = common::empty().await;
    // Malformed JSON, wrong types, a non-object body.
    let r = api
        .raw(
            "POST",
            "/v2/indicators/hosts",
            b"{not json".to_vec(),
            "application/json",
        )
        .await;
    let status = r.status().as_u16();
    assert_failure(status, &r.json().await.unwrap(), 400);
    let (s, b) = api
        .call("POST", "/v2/indicators/hosts", Some(json!([1, 2])))
        .await;
    assert_failure(s, &b, 400);
    let (s, b) = api
        .call(
            "POST",
            "/v2/indicators/hosts",
            Some(json!({"hostName": "ok.example", "rating": "high"})),
        )
        .await;
    assert_failure(s, &b, 400);
    assert!(b["message"].as_str().unwrap().contains("rating"), "{b}");
    let (s, b) = api
        .call(
            "POST",
            "/v2/indicators/addresses",
            Some(json!({"ip": "192.0.2.999"})),
        )
        .await;
    assert_failure(s, &b, 400);
    assert!(
        b["message"].as_str().unwrap().contains("999"),
        "the reason names the bad part: {b}"
    );
    let (s, b) = api
        .call("POST", "/v2/indicators/addresses", Some(json!({"ip": 42})))
        .await;
    assert_failure(s, &b, 400);
    let (s, b) = api
        .call(
            "POST",
            "/v2/groups/incidents",
            Some(json!({"name": "No date"})),
        )
        .await;
    assert_failure(s, &b, 400);
    // Unknown branches and routes, bad encodings in paths, bad paging and filters.
    for target in [
        "/v2/indicators/hashes",
        "/v2/nothing",
        "/v2/groups/villains",
        "/v2/indicators/hosts/%ZZ",
        "/v2/indicators/hosts/%FF%FE",
        "/v2/groups/incidents/abc",
    ] {
        let (s, b) = api.get(target).await;
        assert_failure(s, &b, 404);
    }
    for target in [
        "/v2/indicators?resultLimit=10001",
        "/v2/indicators?resultStart=-1",
        "/v2/indicators?filters=colour%3Dred",
        "/v2/indicators?filters=rating%5E3",
        "/v2/indicators?modifiedSince=yesterday",
    ] {
        let (s, b) = api.get(target).await;
        assert_failure(s, &b, 400);
    }
    let (s, b) = api.get("/v2/indicators?owner=Nobody").await;
    assert_failure(s, &b, 403);
    assert_eq!(b["message"], "The requested owner was not found");
    // Oversized bodies are refused, not read forever.
    let huge = vec![b' '; 65 * 1024 * 1024];
    let r = api
        .raw("POST", "/v2/indicators/hosts", huge, "application/json")
        .await;
    let status = r.status().as_u16();
    assert_failure(status, &r.json().await.unwrap(), 413);
    // And the sandbox still answers.
    assert_eq!(api.get("/v2/whoami").await.0, 200);
}

#[tokio::test]
async fn url_values_travel_as_one_encoded_segment() {
    let api = common::empty().await;
    let url = "http://bad.example/a b?x=1&y=a+b";
    let (s, created) = api
        .call(
            "POST",
            "/v2/indicators/urls",
            Some(json!({"text": url, "rating": 2})),
        )
        .await;
    assert_eq!(s, 201, "{created}");
    let encoded = tc_model::value::encode_segment(url);
    assert!(
        !encoded.contains('/') && !encoded.contains('+'),
        "{encoded}"
    );
    let (s, got) = api.get(&format!("/v2/indicators/urls/{encoded}")).await;
    assert_eq!(s, 200, "{got}");
    assert_eq!(got["data"]["url"]["text"], url);
    let (s, _) = api
        .call("DELETE", &format!("/v2/indicators/urls/{encoded}"), None)
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        api.get(&format!("/v2/indicators/urls/{encoded}")).await.0,
        404
    );
}

#[tokio::test]
async fn data_survives_a_restart_in_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let config = SandboxConfig {
        data_dir: Some(dir.path().to_owned()),
        ..SandboxConfig::generate()
    };
    let api = common::start(config.clone()).await;
    let (s, _) = api
        .call(
            "POST",
            "/v2/indicators/hosts?owner=Partner+Community",
            Some(json!({"hostName": "kept.example", "rating": 4})),
        )
        .await;
    assert_eq!(s, 201);
    let (s, _) = api
        .call(
            "POST",
            "/v2/indicators/hosts/kept.example/tags/Persistent?owner=Partner+Community",
            None,
        )
        .await;
    assert_eq!(s, 200);
    api.sandbox.shutdown().await;

    let again = common::start(config).await;
    let (s, got) = again
        .get("/v2/indicators/hosts/kept.example?owner=Partner+Community&includeTags=true")
        .await;
    assert_eq!(s, 200, "{got}");
    assert_eq!(got["data"]["host"]["rating"], 4.0);
    assert_eq!(got["data"]["host"]["tag"][0]["name"], "Persistent");
    let (_, owners) = again.get("/v2/owners").await;
    assert_eq!(
        owners["data"]["resultCount"], 3,
        "owners are not seeded twice"
    );
}

#[tokio::test]
async fn fail_rate_and_rate_limit() {
    let always = common::start(SandboxConfig {
        fail_rate: 1.0,
        ..SandboxConfig::generate()
    })
    .await;
    let (s, b) = always.get("/v2/owners").await;
    assert_failure(s, &b, 500);
    assert_eq!(b["message"], "An unknown error occurred");

    let limited = common::start(SandboxConfig {
        rate_limit: Some(3),
        ..SandboxConfig::generate()
    })
    .await;
    let mut refused = None;
    for _ in 0..10 {
        let r = limited
            .raw("GET", "/v2/owners", vec![], "application/json")
            .await;
        if r.status().as_u16() == 429 {
            refused = Some(r.headers()["retry-after"].to_str().unwrap().to_owned());
            break;
        }
    }
    assert_eq!(
        refused.as_deref(),
        Some("1"),
        "more than 3 requests in a second get 429 with Retry-After"
    );
}

#[tokio::test]
async fn demo_seed_is_rich_and_the_same_every_time() {
    async fn summary(api: &common::Api) -> Vec<(Value, Value, Value)> {
        let mut out = Vec::new();
        for owner in ["Demo+Organization", "Partner+Community", "Partner+Feed"] {
            let (_, all) = api.get(&format!("/v2/indicators?owner={owner}&resultLimit=1&filters=active%3Dtrue,active%3Dfalse&orParams=true")).await;
            let (_, groups) = api
                .get(&format!("/v2/groups?owner={owner}&resultLimit=1"))
                .await;
            let (_, first) = api
                .get(&format!("/v2/indicators?owner={owner}&resultLimit=3"))
                .await;
            out.push((
                all["data"]["resultCount"].clone(),
                groups["data"]["resultCount"].clone(),
                first["data"]["indicator"].clone(),
            ));
        }
        out
    }
    let a = common::start(SandboxConfig {
        seed: Seed::Demo,
        ..SandboxConfig::generate()
    })
    .await;
    let b = common::start(SandboxConfig {
        seed: Seed::Demo,
        ..SandboxConfig::generate()
    })
    .await;
    let (sa, sb) = (summary(&a).await, summary(&b).await);
    let strip = |v: &Vec<(Value, Value, Value)>| {
        v.iter()
            .map(|(n, g, items)| {
                (
                    n.clone(),
                    g.clone(),
                    items
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|i| i["summary"].clone())
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&sa), strip(&sb), "the demo data is deterministic");
    assert_eq!(sa[0].0, 2_000);
    assert_eq!(sa[1].0, 700);
    assert_eq!(sa[2].0, 1_300);
    assert!(
        sa.iter().all(|(_, g, _)| g.as_i64().unwrap() >= 15),
        "every owner has groups"
    );
    // Rich: tags, labels, attributes, associations and scores are there.
    let (_, tagged) = a.get("/v2/tags/Phishing/indicators?resultLimit=1").await;
    assert!(tagged["data"]["resultCount"].as_i64().unwrap() > 50);
    let (_, amber) = a
        .get("/v2/securityLabels/TLP%3AAMBER/indicators?resultLimit=1")
        .await;
    assert!(amber["data"]["resultCount"].as_i64().unwrap() > 50);
    let (_, scored) = a
        .get("/v2/indicators?filters=threatAssessScore%3E500&resultLimit=1")
        .await;
    assert!(scored["data"]["resultCount"].as_i64().unwrap() > 10);
    let (_, campaign) = a.get("/v2/groups/campaigns?resultLimit=1").await;
    let id = campaign["data"]["campaign"][0]["id"].as_i64().unwrap();
    let (_, members) = a
        .get(&format!("/v2/groups/campaigns/{id}/indicators"))
        .await;
    assert!(members["data"]["resultCount"].as_i64().unwrap() >= 10);
    let (_, linked) = a
        .get(&format!("/v2/groups/campaigns/{id}/groups/adversaries"))
        .await;
    assert_eq!(
        linked["data"]["resultCount"], 1,
        "each campaign has its adversary"
    );
}

#[tokio::test]
async fn owners_of_a_file_are_found_through_any_shared_hash() {
    let api = common::empty().await;
    let md5 = "905ad8176a569a36421bf54c04ba7f95";
    let sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    let (s, _) = api
        .call("POST", "/v2/indicators/files", Some(json!({"md5": md5})))
        .await;
    assert_eq!(s, 201);
    let (s, _) = api
        .call(
            "POST",
            "/v2/indicators/files?owner=Partner+Community",
            Some(json!({"md5": md5, "sha256": sha256})),
        )
        .await;
    assert_eq!(s, 201);
    // Asked by the hash only one copy has, with and without an owner: both owners answer.
    for target in [
        format!("/v2/indicators/files/{sha256}/owners?includes=additional"),
        format!("/v2/indicators/files/{md5}/owners?owner=Partner+Community"),
    ] {
        let call = api.get(&target);
        let (s, body) = tokio::time::timeout(std::time::Duration::from_secs(10), call)
            .await
            .expect("answers promptly");
        assert_eq!(s, 200, "{body}");
        let names: Vec<&str> = body["data"]["owner"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            ["Demo Organization", "Partner Community"],
            "{target}"
        );
    }
    let (_, with_ids) = api
        .get(&format!(
            "/v2/indicators/files/{sha256}/owners?includes=additional"
        ))
        .await;
    assert!(with_ids["data"]["owner"][0]["itemId"].as_i64().is_some());
}
