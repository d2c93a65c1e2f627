//! Two hundred clients edit the same few records at once, each reading the
//! record and sending its change with the version it read (`If-Match`),
//! again after every 412. No update is lost: every 200 is in the record's
//! history and its version count, every refusal is a 412, and no two
//! accepted changes were made from the same version.

use crate::helpers::*;
use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

const CLIENTS: usize = 200;
const RECORDS: usize = 8;
/// A client retries at most this often; the test fails if one runs out.
const MAX_ATTEMPTS: usize = 400;

struct Outcome {
    record: i64,
    marker: String,
    /// The version the accepted change produced.
    version: i64,
    conflicts: usize,
}

async fn edit_until_accepted(app: &TestApp, token: &str, record: i64, client: usize) -> Outcome {
    let marker = format!("modification n°{client}");
    let path = format!("/api/v1/actors/{record}");
    let mut conflicts = 0;
    for _ in 0..MAX_ATTEMPTS {
        let current: Value = app.get(&path, token).await.json().await.unwrap();
        let seen = current["version"].as_i64().unwrap();
        let response = app
            .patch(&path, token, Some(seen), json!({"notes": marker}))
            .await;
        match response.status() {
            StatusCode::OK => {
                let updated: Value = response.json().await.unwrap();
                assert_eq!(updated["notes"], marker.as_str());
                assert_eq!(updated["version"], seen + 1);
                return Outcome {
                    record,
                    marker,
                    version: updated["version"].as_i64().unwrap(),
                    conflicts,
                };
            }
            StatusCode::PRECONDITION_FAILED => {
                assert_error(response, 412, "version_mismatch").await;
                conflicts += 1;
            }
            other => panic!(
                "client {client}: {other} {}",
                response.text().await.unwrap()
            ),
        }
    }
    panic!("client {client} never got its change in");
}

db_test! {
    async fn two_hundred_concurrent_edits_lose_nothing(app) {
        let token = app.admin_token().await;
        let mut records = Vec::new();
        for n in 0..RECORDS {
            let created: Value = app
                .post("/api/v1/actors", &token, json!({"name": format!("Acteur disputé {n}"), "kind": "company"}))
                .await
                .json()
                .await
                .unwrap();
            assert_eq!(created["version"], 1);
            records.push(created["id"].as_i64().unwrap());
        }

        let outcomes = join_all(
            (0..CLIENTS).map(|client| edit_until_accepted(&app, &token, records[client % RECORDS], client)),
        )
        .await;
        let conflicts: usize = outcomes.iter().map(|o| o.conflicts).sum();
        assert!(conflicts > 0, "the edits never overlapped: the test proved nothing");

        let mut accepted: BTreeMap<i64, Vec<&Outcome>> = BTreeMap::new();
        for outcome in &outcomes {
            accepted.entry(outcome.record).or_default().push(outcome);
        }
        for (record, outcomes) in accepted {
            let count = outcomes.len() as i64;
            // Each accepted change made its own version: 2, 3, ... 1 + count.
            let versions: BTreeSet<i64> = outcomes.iter().map(|o| o.version).collect();
            assert_eq!(versions, (2..=1 + count).collect(), "actor #{record}");
            let actor: Value = app.get(&format!("/api/v1/actors/{record}"), &token).await.json().await.unwrap();
            assert_eq!(actor["version"], 1 + count, "actor #{record}");
            // The last accepted change is what the record says now.
            let last = outcomes.iter().max_by_key(|o| o.version).unwrap();
            assert_eq!(actor["notes"], last.marker.as_str());
            // And every accepted change is in its history.
            let history: Value = app
                .get(&format!("/api/v1/audit-log?entity=actor&entity_id={record}&per_page=200"), &token)
                .await
                .json()
                .await
                .unwrap();
            let recorded: BTreeSet<String> = history["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|entry| entry["action"] == "update")
                .map(|entry| entry["after"]["notes"].as_str().unwrap().to_owned())
                .collect();
            let expected: BTreeSet<String> = outcomes.iter().map(|o| o.marker.clone()).collect();
            assert_eq!(recorded, expected, "actor #{record}");
        }
    }
}
