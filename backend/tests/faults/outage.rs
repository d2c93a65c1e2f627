//! The database stops answering while requests are served: every answer is
//! a quick 503 in JSON with `Retry-After`, readiness says so, and the same
//! process serves again once the database is back, without a restart.
//!
//! The PostgreSQL server is shared with other tests, so the outage is made
//! for this test's database alone: new connections refused, the open ones
//! terminated. To the application that is what a stopped server looks like.

use crate::helpers::*;
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn set_reachable(database: &str, reachable: bool) {
    let mut admin = PgConnection::establish(&postgres_admin_url()).unwrap();
    admin
        .batch_execute(&format!(
            "ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS {reachable}"
        ))
        .unwrap();
    if !reachable {
        admin
            .batch_execute(&format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = '{database}' AND pid <> pg_backend_pid()"
            ))
            .unwrap();
    }
}

/// Sends a request and checks the unavailable answer; the client gives up
/// after 20 s, far above the pool's 1.5 s wait, so a hung request fails.
async fn assert_unavailable(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) {
    let started = Instant::now();
    let response = app.request(method.clone(), path, Some(token), body).await;
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = assert_error(response, 503, "service_unavailable").await;
    assert!(
        retry_after.is_some_and(|v| v.parse::<u64>().is_ok_and(|s| s > 0)),
        "{method} {path}: no Retry-After ({body})"
    );
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{method} {path} waited {:?}",
        started.elapsed()
    );
}

#[actix_web::test]
async fn postgres_outage_answers_503_and_heals_without_restart() {
    let Some(app) = spawn_postgres_app().await else {
        return;
    };
    let database = app.postgres_database().unwrap().to_owned();
    let token = app.admin_token().await;
    let created = app
        .post(
            "/api/v1/actors",
            &token,
            json!({"name": "Avant la panne", "kind": "association"}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);

    set_reachable(&database, false);
    // Reads, writes and the signed-in user's own record all need the database.
    assert_unavailable(&app, Method::GET, "/api/v1/actors", &token, None).await;
    assert_unavailable(&app, Method::GET, "/api/v1/me", &token, None).await;
    assert_unavailable(
        &app,
        Method::POST,
        "/api/v1/actors",
        &token,
        Some(json!({"name": "Pendant la panne", "kind": "association"})),
    )
    .await;
    let ready = app.request(Method::GET, "/health/ready", None, None).await;
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(ready.headers().contains_key("retry-after"));
    let health: Value = ready.json().await.unwrap();
    assert_eq!(health["database_reachable"], false);
    assert_eq!(health["status"], "unavailable");
    let live = app.request(Method::GET, "/health/live", None, None).await;
    assert_eq!(live.status(), StatusCode::OK, "the process itself is fine");

    set_reachable(&database, true);
    let started = Instant::now();
    loop {
        let ready = app.request(Method::GET, "/health/ready", None, None).await;
        if ready.status() == StatusCode::OK {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "still not ready after the database came back"
        );
        actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    }
    let list: Value = app
        .get("/api/v1/actors", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        list["total"], 1,
        "the write refused during the outage did not land"
    );
    let after = app
        .post(
            "/api/v1/actors",
            &token,
            json!({"name": "Après la panne", "kind": "association"}),
        )
        .await;
    assert_eq!(after.status(), StatusCode::CREATED);
}
