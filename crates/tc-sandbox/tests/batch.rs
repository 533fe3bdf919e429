//! The Batch API (`reference/threatconnect-api.md` §8) end to end over HTTP.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use std::io::Read;
use std::time::Duration;

use serde_json::{Value, json};

async fn job(api: &common::Api, config: Value) -> i64 {
    let (status, body) = api.call("POST", "/v2/batch", Some(config)).await;
    assert_eq!(status, 201, "{body}");
    body["data"]["batchId"].as_i64().unwrap()
}

fn config(owner: &str, halt: &str) -> Value {
    json!({"version": "V2", "owner": owner, "haltOnError": halt, "action": "Create", "attributeWriteType": "Replace"})
}

/// Uploads a document and waits for the job to complete; returns the final status.
async fn run(api: &common::Api, id: i64, doc: &Value) -> Value {
    let response = api
        .raw(
            "POST",
            &format!("/v2/batch/{id}"),
            doc.to_string().into_bytes(),
            "application/octet-stream",
        )
        .await;
    assert_eq!(response.status().as_u16(), 202);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"status": "Queued"})
    );
    for _ in 0..600 {
        let (_, status) = api
            .get(&format!("/v2/batch/{id}?includeAdditional=true"))
            .await;
        let s = &status["data"]["batchStatus"];
        assert!(
            ["Queued", "Running", "Completed"].contains(&s["status"].as_str().unwrap()),
            "{s}"
        );
        if s["status"] == "Completed" {
            return s.clone();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("batch {id} did not complete");
}

async fn errors(api: &common::Api, id: i64) -> Vec<Value> {
    let response = api
        .raw(
            "GET",
            &format!("/v2/batch/{id}/errors"),
            vec![],
            "application/json",
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/octet-stream"
    );
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let bytes = response.bytes().await.unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .unwrap();
    serde_json::from_str::<Vec<Value>>(&text).unwrap()
}

fn reference_document() -> Value {
    json!({
        "indicator": [
            { "type": "Host", "summary": "bad.example", "rating": 3, "confidence": 60,
              "xid": "my-feed:host:bad.example",
              "tag": [ { "name": "Ransomware" } ],
              "securityLabel": [ { "name": "TLP:AMBER" } ],
              "attribute": [ { "type": "Description", "value": "C2 host", "displayed": true } ],
              "associatedGroups": [ { "groupXid": "my-feed:incident:42" } ] },
            { "type": "File",
              "summary": "905ad8176a569a36421bf54c04ba7f95 : a52b6986d68cdfac53aa740566cbeade4452124e",
              "fileOccurrence": [ { "fileName": "drop.exe", "date": "2024-01-01T00:00:00Z" } ] },
            { "type": "Address", "summary": "1.2.3.4" },
            { "type": "URL", "summary": "http://bad.example/x" }
        ],
        "group": [
            { "type": "Adversary", "name": "Amber Falcon", "xid": "my-feed:adversary:7" },
            { "type": "Incident", "name": "Phish wave", "xid": "my-feed:incident:42",
              "eventDate": "2024-01-01T00:00:00Z", "status": "New",
              "associatedGroupXid": [ "my-feed:adversary:7" ],
              "associatedIndicators": [ { "summary": "1.2.3.4", "indicatorType": "Address" } ] }
        ],
        "association": [
            { "ref_1": "bad.example", "type_1": "Host", "ref_2": "my-feed:incident:42" },
            { "ref_1": "bad.example", "type_1": "Host", "ref_2": "http://bad.example/x", "type_2": "URL", "associationType": "URL Host" }
        ]
    })
}

#[tokio::test]
async fn reference_document_is_applied_completely() {
    let api = common::empty().await;
    let id = job(&api, config("Partner Feed", "false")).await;
    let (_, created) = api.get(&format!("/v2/batch/{id}")).await;
    assert_eq!(created["data"]["batchStatus"]["status"], "Created");

    let status = run(&api, id, &reference_document()).await;
    assert_eq!(status["successCount"], 6, "{status}");
    assert_eq!(status["errorCount"], 0, "{status}");
    assert_eq!(status["unprocessCount"], 0);
    assert_eq!(status["successIndicatorCount"], 4);
    assert_eq!(status["successGroupCount"], 2);
    let response = api
        .raw(
            "GET",
            &format!("/v2/batch/{id}/errors"),
            vec![],
            "application/json",
        )
        .await;
    assert_eq!(response.status().as_u16(), 404, "no errors: 404");

    let owner = "owner=Partner+Feed";
    let (_, host) = api.get(&format!("/v2/indicators/hosts/bad.example?{owner}&includeTags=true&includeAttributes=true&includes=labels")).await;
    let host = &host["data"]["host"];
    assert_eq!(host["rating"], 3.0);
    assert_eq!(host["description"], "C2 host");
    assert_eq!(host["tag"][0]["name"], "Ransomware");
    assert_eq!(host["securityLabel"][0]["name"], "TLP:AMBER");
    let (_, file) = api
        .get(&format!(
            "/v2/indicators/files/A52B6986D68CDFAC53AA740566CBEADE4452124E?{owner}"
        ))
        .await;
    assert_eq!(
        file["data"]["file"]["md5"], "905AD8176A569A36421BF54C04BA7F95",
        "hashes are upper-cased"
    );

    let (_, groups) = api
        .get(&format!("/v2/indicators/hosts/bad.example/groups?{owner}"))
        .await;
    assert_eq!(groups["data"]["group"][0]["name"], "Phish wave");
    let incident_id = groups["data"]["group"][0]["id"].as_i64().unwrap();
    let (_, linked) = api
        .get(&format!(
            "/v2/groups/incidents/{incident_id}/groups?{owner}"
        ))
        .await;
    assert_eq!(linked["data"]["group"][0]["name"], "Amber Falcon");
    let (_, members) = api
        .get(&format!(
            "/v2/groups/incidents/{incident_id}/indicators?{owner}"
        ))
        .await;
    let summaries: Vec<&str> = members["data"]["indicator"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["summary"].as_str().unwrap())
        .collect();
    assert!(
        summaries.contains(&"1.2.3.4") && summaries.contains(&"bad.example"),
        "{summaries:?}"
    );
    let (_, urls) = api
        .get(&format!(
            "/v2/indicators/hosts/bad.example/associations/urlHost/indicators?{owner}"
        ))
        .await;
    assert_eq!(
        urls["data"]["indicator"][0]["summary"],
        "http://bad.example/x"
    );

    // Nothing leaked into the default owner.
    let (_, demo) = api.get("/v2/indicators").await;
    assert_eq!(demo["data"]["resultCount"], 0);
}

#[tokio::test]
async fn bad_items_are_reported_and_skipped_or_halt_the_job() {
    let api = common::empty().await;
    let doc = json!({"indicator": [
        {"type": "Address", "summary": "192.0.2.10"},
        {"type": "Address", "summary": "198.51.100.300"},
        {"type": "Hash", "summary": "abc"},
        {"type": "Host", "summary": "ok.example", "rating": 7},
        {"type": "Host", "summary": "fine.example", "securityLabel": [{"name": "TLP:PURPLE"}]},
        {"type": "Host", "summary": "last.example"}
    ], "group": [{"type": "Incident", "name": "No date", "xid": "x:1"}, {"type": "Adversary", "name": "No xid"}]});

    let id = job(&api, config("Demo Organization", "false")).await;
    let status = run(&api, id, &doc).await;
    assert_eq!(status["successIndicatorCount"], 2, "{status}");
    assert_eq!(status["errorIndicatorCount"], 4, "{status}");
    assert_eq!(status["errorGroupCount"], 2, "{status}");
    assert_eq!(status["unprocessCount"], 0);
    let errors = errors(&api, id).await;
    let codes: Vec<&str> = errors.iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        ["0x1006", "0x1006", "0x1005", "0x1005", "0x1005", "0x2001"],
        "{errors:#?}"
    );
    let ip = errors
        .iter()
        .find(|e| {
            e["errorSource"]
                .as_str()
                .unwrap()
                .contains("198.51.100.300")
        })
        .unwrap();
    assert!(
        ip["errorMessage"].as_str().unwrap().contains("300"),
        "the reason names the bad octet: {ip}"
    );
    // The label problem kept the indicator but reported the loss.
    let (status_code, _) = api.get("/v2/indicators/hosts/fine.example").await;
    assert_eq!(status_code, 200);

    let halting = job(&api, config("Demo Organization", "true")).await;
    let status = run(&api, halting, &doc).await;
    assert_eq!(
        status["errorCount"], 1,
        "halts at the first error: {status}"
    );
    assert_eq!(status["unprocessCount"], 7, "{status}");
}

#[tokio::test]
async fn write_modes_and_xid_upserts() {
    let api = common::empty().await;
    let first = json!({"indicator": [{"type": "Host", "summary": "w.example",
        "tag": [{"name": "One"}], "securityLabel": [{"name": "TLP:GREEN"}],
        "attribute": [{"type": "Description", "value": "first"}, {"type": "Source", "value": "feed A"}]}],
        "group": [{"type": "Campaign", "name": "Old name", "xid": "c:1"}]});
    run(
        &api,
        job(&api, config("Demo Organization", "false")).await,
        &first,
    )
    .await;
    let (_, before) = api.get("/v2/groups/campaigns").await;
    let group_id = before["data"]["campaign"][0]["id"].clone();

    let second = |mode: &str, tags: &str| {
        let mut c = config("Demo Organization", "false");
        c["attributeWriteType"] = json!(mode);
        c["tagWriteType"] = json!(tags);
        c
    };
    let doc = json!({"indicator": [{"type": "Host", "summary": "W.Example",
        "tag": [{"name": "Two"}], "attribute": [{"type": "Description", "value": "second"}]}],
        "group": [{"type": "Campaign", "name": "New name", "xid": "c:1"}]});

    let attributes = |v: &Value| -> Vec<String> {
        let mut a: Vec<String> = v["data"]["host"]["attribute"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                format!(
                    "{}={}",
                    a["type"].as_str().unwrap(),
                    a["value"].as_str().unwrap()
                )
            })
            .collect();
        a.sort();
        a
    };
    let tags = |v: &Value| -> Vec<String> {
        v["data"]["host"]["tag"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let host = "/v2/indicators/hosts/w.example?includeAttributes=true&includeTags=true";

    run(&api, job(&api, second("Singleton", "Append")).await, &doc).await;
    let (_, v) = api.get(host).await;
    assert_eq!(
        attributes(&v),
        ["Description=second", "Source=feed A"],
        "Singleton replaces same-type attributes only"
    );
    assert_eq!(tags(&v), ["One", "Two"], "Append keeps existing tags");

    run(&api, job(&api, second("Append", "Replace")).await, &doc).await;
    let (_, v) = api.get(host).await;
    assert_eq!(
        attributes(&v),
        ["Description=second", "Description=second", "Source=feed A"],
        "Append does not de-duplicate"
    );
    assert_eq!(tags(&v), ["Two"], "Replace drops tags not sent");

    run(&api, job(&api, second("Static", "Append")).await, &doc).await;
    let (_, v) = api.get(host).await;
    assert_eq!(
        attributes(&v).len(),
        3,
        "Static ignores incoming attributes of existing items"
    );

    run(&api, job(&api, second("Replace", "Append")).await, &doc).await;
    let (_, v) = api.get(host).await;
    assert_eq!(
        attributes(&v),
        ["Description=second"],
        "Replace replaces all"
    );

    let (_, after) = api.get("/v2/groups/campaigns").await;
    assert_eq!(
        after["data"]["resultCount"], 1,
        "the xid updated the group rather than adding one"
    );
    assert_eq!(after["data"]["campaign"][0]["id"], group_id);
    assert_eq!(after["data"]["campaign"][0]["name"], "New name");
}

#[tokio::test]
async fn delete_action_removes_matching_items() {
    let api = common::empty().await;
    run(
        &api,
        job(&api, config("Demo Organization", "false")).await,
        &reference_document(),
    )
    .await;
    let mut c = config("Demo Organization", "false");
    c["action"] = json!("Delete");
    let doc = json!({"indicator": [{"type": "Host", "summary": "bad.example"}, {"type": "Host", "summary": "never.example"}]});
    let status = run(&api, job(&api, c).await, &doc).await;
    assert_eq!(
        (
            status["successCount"].as_i64(),
            status["errorCount"].as_i64()
        ),
        (Some(1), Some(1)),
        "{status}"
    );
    assert_eq!(api.get("/v2/indicators/hosts/bad.example").await.0, 404);
}

#[tokio::test]
async fn limits_and_bad_configurations() {
    let config_small = tc_sandbox::SandboxConfig {
        batch_max_bytes: 2_000,
        ..tc_sandbox::SandboxConfig::generate()
    };
    let api = common::start(config_small).await;
    let (status, body) = api
        .call(
            "POST",
            "/v2/batch",
            Some(json!({"owner": "Demo Organization"})),
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        body["message"].as_str().unwrap().contains("haltOnError"),
        "{body}"
    );
    let (status, body) = api
        .call("POST", "/v2/batch", Some(config("Nobody", "false")))
        .await;
    assert_eq!(
        (status, body["message"].as_str()),
        (403, Some("The requested owner was not found"))
    );

    let id = job(&api, config("Demo Organization", "false")).await;
    let big = json!({"indicator": (0..100).map(|n| json!({"type": "Host", "summary": format!("h{n}.example")})).collect::<Vec<_>>()});
    let response = api
        .raw(
            "POST",
            &format!("/v2/batch/{id}"),
            big.to_string().into_bytes(),
            "application/octet-stream",
        )
        .await;
    assert_eq!(response.status().as_u16(), 400);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"status": "Invalid", "description": "File size greater than allowable limit of 2000"})
    );

    let api = common::empty().await;
    let id = job(&api, config("Demo Organization", "false")).await;
    let too_many = json!({"indicator": (0..25_001).map(|n| json!({"type": "Address", "summary": format!("10.{}.{}.{}", n / 65_536, (n / 256) % 256, n % 256)})).collect::<Vec<_>>()});
    let response = api
        .raw(
            "POST",
            &format!("/v2/batch/{id}"),
            too_many.to_string().into_bytes(),
            "application/octet-stream",
        )
        .await;
    assert_eq!(response.status().as_u16(), 400);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["description"].as_str().unwrap().contains("25000"),
        "{body}"
    );
    let (status, _) = api.get("/v2/batch/999999").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn create_and_upload_in_one_multipart_call() {
    let api = common::empty().await;
    let boundary = "tcbridgeBoundary42";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"config\"\r\n\r\n{}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"content\"; filename=\"content\"\r\nContent-Type: application/octet-stream\r\n\r\n{}\r\n--{boundary}--\r\n",
        config("Demo Organization", "false"),
        reference_document()
    );
    let response = api
        .raw(
            "POST",
            "/v2/batch/createAndUpload?includeAdditional=true",
            body.into_bytes(),
            &format!("multipart/form-data; boundary={boundary}"),
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let json: Value = response.json().await.unwrap();
    let status = &json["data"]["batchStatus"];
    assert_eq!(
        status["status"], "Completed",
        "small jobs are processed inline: {json}"
    );
    assert_eq!(status["successCount"], 6);
}
