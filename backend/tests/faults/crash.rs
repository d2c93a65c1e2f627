//! The process is killed (`SIGKILL`) in the middle of a stream of writes:
//! every write that was answered 201 is there after a restart.

use crate::helpers::Backend;
use crate::process::Site;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Writers at once, and the acknowledged writes to wait for before killing.
const WRITERS: usize = 8;
const ACKNOWLEDGED_BEFORE_KILL: usize = 60;
/// Bounds each writer whatever happens.
const MAX_WRITES_PER_WRITER: usize = 2_000;

async fn killed_mid_stream(backend: Backend) {
    let Some(site) = Site::new(backend) else {
        return;
    };
    site.create_admin();
    let mut server = site.serve();
    let token = server.token().await;

    let acknowledged: Arc<Mutex<Vec<(i64, String)>>> = Arc::default();
    let mut writers = Vec::new();
    for writer in 0..WRITERS {
        let client = server.client.clone();
        let url = server.url("/api/v1/actors");
        let token = token.clone();
        let acknowledged = acknowledged.clone();
        writers.push(actix_web::rt::spawn(async move {
            for n in 0..MAX_WRITES_PER_WRITER {
                let name = format!("Acteur {writer}-{n}");
                let sent = client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&json!({"name": name, "kind": "company"}))
                    .send()
                    .await;
                // The server is gone: this write and the ones after it were
                // never acknowledged.
                let Ok(response) = sent else { break };
                let status = response.status().as_u16();
                let Ok(body) = response.json::<Value>().await else {
                    break;
                };
                assert_eq!(status, 201, "{body}");
                acknowledged
                    .lock()
                    .unwrap()
                    .push((body["id"].as_i64().unwrap(), name));
            }
        }));
    }

    let started = Instant::now();
    while acknowledged.lock().unwrap().len() < ACKNOWLEDGED_BEFORE_KILL {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the writes did not get going"
        );
        actix_web::rt::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill();
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= ACKNOWLEDGED_BEFORE_KILL);

    let server = site.serve();
    let token = server.token().await;
    for (id, name) in &acknowledged {
        let response = server
            .client
            .get(server.url(&format!("/api/v1/actors/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            200,
            "actor #{id} was acknowledged, then lost"
        );
        let actor: Value = response.json().await.unwrap();
        assert_eq!(actor["name"], name.as_str());
    }
    let list: Value = server
        .client
        .get(server.url("/api/v1/actors?per_page=1"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let total = list["total"].as_u64().unwrap();
    assert!(total >= acknowledged.len() as u64);
    // At most the writes in flight at the kill, one per writer, landed
    // without their answer.
    assert!(total <= (acknowledged.len() + WRITERS) as u64, "{total}");
}

#[actix_web::test]
async fn sqlite_keeps_every_acknowledged_write_after_sigkill() {
    killed_mid_stream(Backend::Sqlite).await;
}

#[actix_web::test]
async fn postgres_keeps_every_acknowledged_write_after_sigkill() {
    killed_mid_stream(Backend::Postgres).await;
}
