//! Webhooks against a local receiver: signed deliveries with the event's
//! data, retries after errors, private addresses refused unless allowed,
//! admins only, and no event lost when the process that recorded it stops
//! before sending it.

use crate::actors::create_actor;
use crate::evaluations::submit_ex_ante;
use crate::helpers::*;
use crate::projects::{create_project, move_to};
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[derive(Debug, Clone)]
struct Received {
    headers: HashMap<String, String>,
    body: String,
}

/// A local HTTP receiver that records each request and answers 500 to the
/// first `failures` of them, 200 after.
#[derive(Clone)]
struct Receiver {
    url: String,
    requests: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    async fn start(failures: usize) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!(
            "http://{}/hooks/innovaction",
            listener.local_addr().unwrap()
        );
        let requests = Arc::new(Mutex::new(Vec::new()));
        let failures = Arc::new(AtomicUsize::new(failures));
        let recorded = requests.clone();
        actix_web::rt::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                actix_web::rt::spawn(answer(stream, recorded.clone(), failures.clone()));
            }
        });
        Self { url, requests }
    }

    fn received(&self) -> Vec<Received> {
        self.requests.lock().unwrap().clone()
    }
}

async fn answer(
    mut stream: tokio::net::TcpStream,
    requests: Arc<Mutex<Vec<Received>>>,
    failures: Arc<AtomicUsize>,
) {
    let mut buffer = Vec::new();
    let mut chunk = [0_u8; 4096];
    let head_end = loop {
        let read = stream.read(&mut chunk).await.unwrap_or(0);
        if read == 0 {
            return;
        }
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let headers: HashMap<String, String> = head
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        let read = stream.read(&mut chunk).await.unwrap_or(0);
        if read == 0 {
            return;
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    let body = String::from_utf8(buffer[head_end..head_end + length].to_vec()).unwrap();
    let fail = failures
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    requests.lock().unwrap().push(Received { headers, body });
    let status = if fail {
        "500 Internal Server Error"
    } else {
        "200 OK"
    };
    let _ = stream
        .write_all(
            format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                .as_bytes(),
        )
        .await;
    let _ = stream.shutdown().await;
}

/// What a receiver does with `X-Innovaction-Signature`, as docs/WEBHOOKS.md
/// tells it.
fn signature_is_valid(secret: &str, header: &str, body: &str) -> bool {
    let mut timestamp = None;
    let mut signature = None;
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", value)) => timestamp = Some(value),
            Some(("v1", value)) => signature = Some(value),
            _ => {}
        }
    }
    let (Some(timestamp), Some(signature)) = (timestamp, signature) else {
        return false;
    };
    let age = chrono::Utc::now().timestamp() - timestamp.parse::<i64>().unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.{body}").as_bytes());
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    age.abs() < 300 && expected == signature
}

async fn allow_private_addresses(app: &TestApp, admin: &str, allow: bool) {
    let response = app
        .client
        .put(app.url("/api/v1/settings/webhooks"))
        .bearer_auth(admin)
        .json(&json!({"allow_private_addresses": allow}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

async fn subscribe(app: &TestApp, admin: &str, url: &str, events: Value) -> Value {
    let response = app
        .post(
            "/api/v1/webhooks",
            admin,
            json!({"url": url, "events": events}),
        )
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

async fn deliveries(app: &TestApp, admin: &str, webhook: &Value) -> Vec<Value> {
    let response = app
        .get(
            &format!("/api/v1/webhooks/{}/deliveries", webhook["id"]),
            admin,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<Vec<Value>>().await.unwrap()
}

/// Waits (at most 20 s) until the webhook's deliveries satisfy `done`.
async fn wait_for(
    app: &TestApp,
    admin: &str,
    webhook: &Value,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let start = Instant::now();
    loop {
        let found = deliveries(app, admin, webhook).await;
        if done(&found) {
            return found;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "deliveries never got there: {found:#?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn all_in(status: &'static str, count: usize) -> impl Fn(&[Value]) -> bool {
    move |found: &[Value]| found.len() == count && found.iter().all(|d| d["status"] == status)
}

fn project_body(title: &str) -> Value {
    json!({"title": title, "axis": "Innovation", "commission_date": "2024-01-15"})
}

db_test! {
    async fn deliveries_are_signed_and_carry_the_event(app) {
        let admin = app.admin_token().await;
        allow_private_addresses(&app, &admin, true).await;
        let receiver = Receiver::start(0).await;
        let created = subscribe(&app, &admin, &receiver.url, json!(["project.created", "project.phase_changed"])).await;
        let secret = created["secret"].as_str().unwrap().to_owned();
        assert!(secret.len() >= 32, "a generated secret: {secret}");
        assert_eq!((created["active"].as_bool(), created["version"].as_i64()), (Some(true), Some(1)));
        assert_eq!(created["events"], json!(["project.created", "project.phase_changed"]));

        let project = create_project(&app, &admin, project_body("Capteurs de qualité de l'air")).await;
        let found = wait_for(&app, &admin, &created, all_in("delivered", 1)).await;
        let delivery = &found[0];
        assert_eq!((delivery["event"].as_str(), delivery["attempts"].as_u64(), delivery["last_status_code"].as_u64()), (Some("project.created"), Some(1), Some(200)));
        assert!(delivery["delivered_at"].is_string() && delivery["next_attempt_at"].is_null() && delivery["last_error"].is_null());

        let received = receiver.received();
        assert_eq!(received.len(), 1);
        let request = &received[0];
        assert!(request.headers["content-type"].starts_with("application/json"));
        assert_eq!(request.headers["x-innovaction-event"], "project.created");
        assert_eq!(request.headers["x-innovaction-delivery"], delivery["id"].to_string());
        let signature = &request.headers["x-innovaction-signature"];
        assert!(signature_is_valid(&secret, signature, &request.body), "{signature}");
        assert!(!signature_is_valid("another-secret-entirely", signature, &request.body));
        assert!(!signature_is_valid(&secret, signature, &request.body.replace("Capteurs", "Kapteurs")));
        let body: Value = serde_json::from_str(&request.body).unwrap();
        assert_eq!(body["id"], delivery["event_id"]);
        assert_eq!(body["event"], "project.created");
        assert!(chrono::DateTime::parse_from_rfc3339(body["occurred_at"].as_str().unwrap()).is_ok());
        assert_eq!((body["data"]["project"]["id"].clone(), body["data"]["project"]["title"].as_str()), (project["id"].clone(), Some("Capteurs de qualité de l'air")));

        let response = move_to(&app, &admin, &project, json!({"to": "cadrage", "date": "2024-02-01", "motivation": "Cadrage validé"})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        wait_for(&app, &admin, &created, all_in("delivered", 2)).await;
        let received = receiver.received();
        let body: Value = serde_json::from_str(&received[1].body).unwrap();
        assert_eq!((body["event"].as_str(), body["data"]["from"].as_str(), body["data"]["to"].as_str()), (Some("project.phase_changed"), Some("commande"), Some("cadrage")));
        assert_eq!(body["data"]["project_id"], project["id"]);
        assert!(signature_is_valid(&secret, &received[1].headers["x-innovaction-signature"], &received[1].body));

        // Lists and the audit log never show the secret.
        let list = app.get("/api/v1/webhooks", &admin).await.text().await.unwrap();
        let log = app.get("/api/v1/audit-log?entity=webhook", &admin).await.text().await.unwrap();
        assert!(list.contains(&receiver.url) && log.contains(&receiver.url));
        assert!(!list.contains(&secret) && !log.contains(&secret));
    }

    async fn every_event_is_emitted_by_its_change(app) {
        let admin = app.admin_token().await;
        allow_private_addresses(&app, &admin, true).await;
        let receiver = Receiver::start(0).await;
        let everything = subscribe(&app, &admin, &receiver.url, json!(["indicator.measurement_added", "evaluation.submitted", "funding_line.status_changed", "project.phase_changed", "project.created"])).await;
        let only_created = subscribe(&app, &admin, &receiver.url, json!(["project.created"])).await;
        let response = app.post("/api/v1/webhooks", &admin, json!({"url": receiver.url, "events": ["project.created"], "active": false, "secret": "un-secret-choisi-par-la-ville"})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let inactive: Value = response.json().await.unwrap();
        assert_eq!((inactive["secret"].as_str(), inactive["active"].as_bool()), (Some("un-secret-choisi-par-la-ville"), Some(false)));

        let project = create_project(&app, &admin, project_body("Mobilité douce")).await;
        let base = format!("/api/v1/projects/{}", project["id"]);
        let funder = create_actor(&app, &admin, json!({"name": "Région", "kind": "region_department"})).await;
        let line: Value = app.post(&format!("{base}/funding-lines"), &admin, json!({"funder_id": funder["id"], "category": "public", "amount_cents": 2_000_000, "status": "requested"})).await.json().await.unwrap();
        // An update that keeps the status emits nothing.
        let response = app.patch(&format!("{base}/funding-lines/{}", line["id"]), &admin, Some(1), json!({"amount_cents": 2_500_000})).await;
        assert_eq!(response.status(), StatusCode::OK);
        let response = app.patch(&format!("{base}/funding-lines/{}", line["id"]), &admin, Some(2), json!({"status": "granted", "decided_on": "2024-03-01"})).await;
        let status = response.status();
        assert_eq!(status, StatusCode::OK, "{}", response.text().await.unwrap());
        let indicator: Value = app.post(&format!("{base}/indicators"), &admin, json!({
            "name": "Trajets à vélo", "unit": "trajets", "level": "outcome", "direction": "increase",
            "baseline_value": "100", "baseline_date": "2024-01-01", "target_value": "500", "target_date": "2026-01-01"
        })).await.json().await.unwrap();
        let response = app.post(&format!("{base}/indicators/{}/measurements", indicator["id"]), &admin, json!({"date": "2024-06-01", "value": "180"})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        for to in ["cadrage", "instruction"] {
            let response = move_to(&app, &admin, &project, json!({"to": to, "date": "2024-02-01", "motivation": "étape"})).await;
            assert_eq!(response.status(), StatusCode::CREATED);
        }
        submit_ex_ante(&app, &admin, &project, 4).await;

        let found = wait_for(&app, &admin, &everything, all_in("delivered", 6)).await;
        let mut events: Vec<&str> = found.iter().map(|d| d["event"].as_str().unwrap()).collect();
        events.sort_unstable();
        assert_eq!(events, vec!["evaluation.submitted", "funding_line.status_changed", "indicator.measurement_added", "project.created", "project.phase_changed", "project.phase_changed"]);
        wait_for(&app, &admin, &only_created, all_in("delivered", 1)).await;
        assert!(deliveries(&app, &admin, &inactive).await.is_empty(), "an inactive subscription gets nothing");

        let bodies: Vec<Value> = receiver.received().iter().map(|r| serde_json::from_str(&r.body).unwrap()).collect();
        assert_eq!(bodies.len(), 7);
        let of = |event: &str| bodies.iter().find(|b| b["event"] == event).unwrap().clone();
        let funding = of("funding_line.status_changed");
        assert_eq!((funding["data"]["from"].as_str(), funding["data"]["to"].as_str(), funding["data"]["funding_line"]["amount_cents"].as_i64()), (Some("requested"), Some("granted"), Some(2_500_000)));
        let measurement = of("indicator.measurement_added");
        assert_eq!((measurement["data"]["indicator_id"].clone(), measurement["data"]["measurement"]["value"].as_str()), (indicator["id"].clone(), Some("180")));
        let evaluation = of("evaluation.submitted");
        assert_eq!((evaluation["data"]["project_id"].clone(), evaluation["data"]["evaluation"]["status"].as_str()), (project["id"].clone(), Some("submitted")));
        // One event, two subscriptions: the same event id.
        let created: Vec<&Value> = bodies.iter().filter(|b| b["event"] == "project.created").collect();
        assert_eq!((created.len(), created[0]["id"].clone()), (2, created[1]["id"].clone()));

        let only: Vec<Value> = app.get(&format!("/api/v1/webhooks/{}/deliveries?status=delivered", everything["id"]), &admin).await.json().await.unwrap();
        assert_eq!(only.len(), 6);
        let none: Vec<Value> = app.get(&format!("/api/v1/webhooks/{}/deliveries?status=failed", everything["id"]), &admin).await.json().await.unwrap();
        assert!(none.is_empty());
        assert_error(app.get(&format!("/api/v1/webhooks/{}/deliveries?status=lost", everything["id"]), &admin).await, 400, "invalid_query_parameter").await;
        assert!(found.windows(2).all(|pair| pair[0]["id"].as_i64() > pair[1]["id"].as_i64()), "newest first");
    }

    async fn projects_created_by_an_import_are_announced_once_applied(app) {
        let admin = app.admin_token().await;
        allow_private_addresses(&app, &admin, true).await;
        let receiver = Receiver::start(0).await;
        let webhook = subscribe(&app, &admin, &receiver.url, json!(["project.created"])).await;
        let file = "reference,title,axis,commission_date\n2023-010,Halle gourmande,Innovation,2023-04-01\n2023-011,Jardins partagés,Innovation,2023-05-01\n";
        let import = |dry_run: bool| {
            let query = if dry_run { "?dry_run=true" } else { "" };
            app.client.post(app.url(&format!("/api/v1/imports/projects{query}"))).bearer_auth(&admin).header("content-type", "text/csv").body(file).send()
        };
        assert_eq!(import(true).await.unwrap().status(), StatusCode::OK);
        assert_eq!(import(false).await.unwrap().status(), StatusCode::OK);
        let found = wait_for(&app, &admin, &webhook, all_in("delivered", 2)).await;
        assert_eq!(found.len(), 2, "the dry run announced nothing: {found:#?}");
        let mut references: Vec<String> = receiver.received().iter()
            .map(|r| serde_json::from_str::<Value>(&r.body).unwrap()["data"]["project"]["reference"].as_str().unwrap().to_owned())
            .collect();
        references.sort();
        assert_eq!(references, vec!["2023-010", "2023-011"]);
    }

    async fn failed_deliveries_are_retried_then_given_up(app) {
        let admin = app.admin_token().await;
        allow_private_addresses(&app, &admin, true).await;
        let flaky = Receiver::start(1).await;
        let webhook = subscribe(&app, &admin, &flaky.url, json!(["project.created"])).await;
        create_project(&app, &admin, project_body("Réseau de chaleur")).await;
        let found = wait_for(&app, &admin, &webhook, all_in("delivered", 1)).await;
        assert_eq!((found[0]["attempts"].as_u64(), found[0]["last_status_code"].as_u64()), (Some(2), Some(200)));
        let received = flaky.received();
        assert_eq!(received.len(), 2, "one failure, one success");
        assert_eq!(received[0].body, received[1].body, "the same event is sent again");
        assert_eq!(received[0].headers["x-innovaction-delivery"], received[1].headers["x-innovaction-delivery"]);

        // The test configuration gives up after 3 attempts.
        let broken = Receiver::start(usize::MAX).await;
        let webhook = subscribe(&app, &admin, &broken.url, json!(["project.created"])).await;
        create_project(&app, &admin, project_body("Serres urbaines")).await;
        let found = wait_for(&app, &admin, &webhook, all_in("failed", 1)).await;
        assert_eq!((found[0]["attempts"].as_u64(), found[0]["last_status_code"].as_u64()), (Some(3), Some(500)));
        assert!(found[0]["last_error"].as_str().unwrap().contains("500"));
        assert!(found[0]["next_attempt_at"].is_null() && found[0]["delivered_at"].is_null());
        assert_eq!(broken.received().len(), 3);
    }

    async fn private_addresses_are_refused_unless_allowed(app) {
        let admin = app.admin_token().await;
        let settings: Value = app.get("/api/v1/settings/webhooks", &admin).await.json().await.unwrap();
        assert_eq!(settings, json!({"allow_private_addresses": false}));
        for url in ["http://127.0.0.1:9/hook", "http://localhost:9/hook", "http://[::1]:9/", "https://10.0.0.8/hook", "http://169.254.169.254/latest/meta-data", "http://[::ffff:192.168.1.1]/"] {
            let body = assert_error(app.post("/api/v1/webhooks", &admin, json!({"url": url, "events": ["project.created"]})).await, 422, "validation_failed").await;
            assert_eq!(body["error"]["details"][0]["field"], "url", "{url}: {body}");
            assert_eq!(body["error"]["details"][0]["code"], "private_address", "{url}: {body}");
        }
        for url in ["ftp://files.example/hook", "file:///etc/passwd", "javascript:alert(1)", "https://"] {
            let body = assert_error(app.post("/api/v1/webhooks", &admin, json!({"url": url, "events": ["project.created"]})).await, 422, "validation_failed").await;
            assert_eq!(error_fields(&body), vec!["url"], "{url}");
        }
        let body = assert_error(app.post("/api/v1/webhooks", &admin, json!({"url": "https://sig.example/hook", "events": [], "secret": "court"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["events", "secret"]);
        let body = assert_error(app.post("/api/v1/webhooks", &admin, json!({"url": "https://sig.example/hook", "events": ["project.deleted"]})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["events[0]"]);

        // Allowed by the setting, then refused again at delivery time once
        // the setting is turned off.
        let receiver = Receiver::start(0).await;
        allow_private_addresses(&app, &admin, true).await;
        let webhook = subscribe(&app, &admin, &receiver.url, json!(["project.created"])).await;
        allow_private_addresses(&app, &admin, false).await;
        let response = app.patch(&format!("/api/v1/webhooks/{}", webhook["id"]), &admin, Some(1), json!({"url": "http://127.0.0.2:9/other"})).await;
        assert_error(response, 422, "validation_failed").await;
        create_project(&app, &admin, project_body("Éclairage intelligent")).await;
        let found = wait_for(&app, &admin, &webhook, all_in("failed", 1)).await;
        assert!(found[0]["last_error"].as_str().unwrap().contains("private"), "{found:?}");
        assert!(found[0]["last_status_code"].is_null());
        assert!(receiver.received().is_empty(), "nothing reached the private address");
        let log: Value = app.get("/api/v1/audit-log?entity=settings", &admin).await.json().await.unwrap();
        assert!(log["items"].as_array().unwrap().iter().any(|e| e["entity_id"] == "webhooks"));
    }

    async fn only_admins_manage_webhooks(app) {
        let admin = app.admin_token().await;
        allow_private_addresses(&app, &admin, true).await;
        let webhook = subscribe(&app, &admin, "http://127.0.0.1:9/hook", json!(["project.created"])).await;
        let path = format!("/api/v1/webhooks/{}", webhook["id"]);
        for role in ["manager", "engineer", "viewer"] {
            let (_, token) = app.user_with_role(role).await;
            for read in ["/api/v1/webhooks", path.as_str(), &format!("{path}/deliveries"), "/api/v1/settings/webhooks"] {
                assert_error(app.get(read, &token).await, 403, "forbidden").await;
            }
            assert_error(app.post("/api/v1/webhooks", &token, json!({"url": "http://127.0.0.1:9/", "events": ["project.created"]})).await, 403, "forbidden").await;
            assert_error(app.patch(&path, &token, Some(1), json!({"active": false})).await, 403, "forbidden").await;
            let response = app.client.put(app.url("/api/v1/settings/webhooks")).bearer_auth(&token).json(&json!({"allow_private_addresses": true})).send().await.unwrap();
            assert_error(response, 403, "forbidden").await;
        }

        // Versions: ETag, If-Match required and checked.
        let response = app.get(&path, &admin).await;
        assert_eq!(response.headers()["etag"], "\"1\"");
        let fetched: Value = response.json().await.unwrap();
        assert!(fetched.get("secret").is_none());
        assert_error(app.patch(&path, &admin, None, json!({"active": false})).await, 428, "precondition_required").await;
        let response = app.patch(&path, &admin, Some(1), json!({"active": false, "events": ["funding_line.status_changed", "project.created", "project.created"]})).await;
        assert_eq!(response.status(), StatusCode::OK);
        let changed: Value = response.json().await.unwrap();
        assert_eq!((changed["active"].as_bool(), changed["version"].as_i64()), (Some(false), Some(2)));
        assert_eq!(changed["events"], json!(["project.created", "funding_line.status_changed"]));
        assert_error(app.patch(&path, &admin, Some(1), json!({"active": true})).await, 412, "version_mismatch").await;
        let delete = app.client.delete(app.url(&path)).bearer_auth(&admin).header("If-Match", "\"1\"").send().await.unwrap();
        assert_error(delete, 412, "version_mismatch").await;
        let delete = app.client.delete(app.url(&path)).bearer_auth(&admin).header("If-Match", "\"2\"").send().await.unwrap();
        assert_eq!(delete.status(), StatusCode::NO_CONTENT);
        assert_error(app.get(&path, &admin).await, 404, "not_found").await;
        assert_error(app.get(&format!("{path}/deliveries"), &admin).await, 404, "not_found").await;
        let log: Value = app.get("/api/v1/audit-log?entity=webhook", &admin).await.json().await.unwrap();
        let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, vec!["delete", "update", "create"]);
    }
}

/// An event recorded while no worker runs — the process stopped before
/// sending it — is delivered by the next instance started on the same
/// database.
async fn no_event_is_lost_across_a_restart(backend: Backend) {
    let Some(stopped) = spawn_app_with(backend, |config| config.webhooks.worker = false).await
    else {
        return;
    };
    let admin = stopped.admin_token().await;
    allow_private_addresses(&stopped, &admin, true).await;
    let receiver = Receiver::start(0).await;
    let webhook = subscribe(&stopped, &admin, &receiver.url, json!(["project.created"])).await;
    let project = create_project(&stopped, &admin, project_body("Budget participatif")).await;
    let pending = deliveries(&stopped, &admin, &webhook).await;
    assert_eq!(pending.len(), 1);
    assert_eq!(
        (
            pending[0]["status"].as_str(),
            pending[0]["attempts"].as_u64()
        ),
        (Some("pending"), Some(0))
    );
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(receiver.received().is_empty(), "no worker, nothing sent");

    let restarted = spawn_instance(&stopped, |config| config.webhooks.worker = true).await;
    let found = wait_for(&restarted, &admin, &webhook, all_in("delivered", 1)).await;
    assert_eq!(found[0]["attempts"], 1);
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    let body: Value = serde_json::from_str(&received[0].body).unwrap();
    assert_eq!(body["data"]["project"]["id"], project["id"]);
}

/// Two instances polling the same database: each delivery is claimed by
/// one of them and sent once.
async fn two_workers_send_each_delivery_once(backend: Backend) {
    let fast = |config: &mut backend::config::Config| {
        config.webhooks.poll_interval = Duration::from_millis(50);
    };
    let Some(first) = spawn_app_with(backend, fast).await else {
        return;
    };
    let second = spawn_instance(&first, fast).await;
    let admin = first.admin_token().await;
    allow_private_addresses(&first, &admin, true).await;
    let receiver = Receiver::start(0).await;
    let webhook = subscribe(&first, &admin, &receiver.url, json!(["project.created"])).await;
    for n in 0..8 {
        let app = if n % 2 == 0 { &first } else { &second };
        create_project(app, &admin, project_body(&format!("Projet {n}"))).await;
    }
    wait_for(&first, &admin, &webhook, all_in("delivered", 8)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let received = receiver.received();
    let mut ids: Vec<&str> = received
        .iter()
        .map(|r| r.headers["x-innovaction-delivery"].as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(
        (received.len(), ids.len()),
        (8, 8),
        "each sent exactly once"
    );
}

mod no_loss_across_a_restart {
    use super::*;

    #[actix_web::test]
    async fn sqlite() {
        no_event_is_lost_across_a_restart(Backend::Sqlite).await;
    }

    #[actix_web::test]
    async fn postgres() {
        no_event_is_lost_across_a_restart(Backend::Postgres).await;
    }
}

mod two_workers {
    use super::*;

    #[actix_web::test]
    async fn sqlite() {
        two_workers_send_each_delivery_once(Backend::Sqlite).await;
    }

    #[actix_web::test]
    async fn postgres() {
        two_workers_send_each_delivery_once(Backend::Postgres).await;
    }
}
