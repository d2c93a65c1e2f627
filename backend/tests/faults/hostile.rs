//! Slow, greedy or foreign clients: every answer carries the security
//! headers, the API is closed to other origins unless an administrator
//! lists them, and clients that send too slowly or too much are cut off.

use crate::helpers::*;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

fn assert_security_headers(headers: &HeaderMap, what: &str) {
    let csp = headers
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"))
        .to_str()
        .unwrap();
    // The web app is WebAssembly: it needs 'wasm-unsafe-eval', nothing more.
    for directive in [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ] {
        assert!(
            csp.contains(directive),
            "{what}: CSP lacks {directive}: {csp}"
        );
    }
    assert!(!csp.contains("'unsafe-eval'"), "{what}: {csp}");
    assert_eq!(headers["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(headers["referrer-policy"], "no-referrer", "{what}");
    assert_eq!(headers["x-frame-options"], "DENY", "{what}");
}

db_test! {
    async fn every_answer_carries_the_security_headers(app) {
        let token = app.admin_token().await;
        let big = "x".repeat(2 * 1024 * 1024);
        let answers = [
            ("probe", app.request(Method::GET, "/health/live", None, None).await),
            ("document", app.request(Method::GET, "/api/openapi.json", None, None).await),
            ("docs", app.request(Method::GET, "/api/docs/", None, None).await),
            ("list", app.get("/api/v1/actors", &token).await),
            ("401", app.request(Method::GET, "/api/v1/me", None, None).await),
            ("404", app.get("/api/v1/nothing-here", &token).await),
            ("405", app.request(Method::PUT, "/api/v1/me", Some(&token), None).await),
            ("413", app.post("/api/v1/actors", &token, json!({"name": big})).await),
            ("422", app.post("/api/v1/actors", &token, json!({"name": ""})).await),
            ("app page", app.request(Method::GET, "/projects/12", None, None).await),
        ];
        for (what, response) in answers {
            assert_security_headers(response.headers(), what);
        }
    }

    async fn page_size_and_body_size_are_capped(app) {
        let token = app.admin_token().await;
        assert_eq!(app.get("/api/v1/actors?per_page=200", &token).await.status(), StatusCode::OK);
        assert_error(app.get("/api/v1/actors?per_page=201", &token).await, 422, "validation_failed").await;
        let big = "x".repeat(2 * 1024 * 1024);
        assert_error(app.post("/api/v1/actors", &token, json!({"name": big})).await, 413, "payload_too_large").await;
    }

    async fn other_origins_get_no_cors_headers_by_default(app) {
        let token = app.admin_token().await;
        let preflight = app
            .client
            .request(Method::OPTIONS, app.url("/api/v1/actors"))
            .header("Origin", "https://portail.partenaire.example")
            .header("Access-Control-Request-Method", "POST")
            .send()
            .await
            .unwrap();
        assert!(!preflight.status().is_success(), "{}", preflight.status());
        assert!(!preflight.headers().contains_key("access-control-allow-origin"));
        let read = app
            .client
            .get(app.url("/api/v1/actors"))
            .bearer_auth(&token)
            .header("Origin", "https://portail.partenaire.example")
            .send()
            .await
            .unwrap();
        assert_eq!(read.status(), StatusCode::OK);
        assert!(!read.headers().contains_key("access-control-allow-origin"));
        // The app's own pages send Origin on writes: never refused for it.
        let own = app
            .client
            .post(app.url("/api/v1/actors"))
            .bearer_auth(&token)
            .header("Origin", &app.address)
            .json(&json!({"name": "Depuis l'application", "kind": "association"}))
            .send()
            .await
            .unwrap();
        assert_eq!(own.status(), StatusCode::CREATED);
    }
}

async fn allowlist_opens_to_listed_origins(backend: Backend) {
    let partner = "https://portail.partenaire.example";
    let Some(app) = spawn_app_with(backend, |config| {
        config.server.cors_allowed_origins = vec![partner.to_owned()];
    })
    .await
    else {
        return;
    };
    let token = app.admin_token().await;
    let preflight = app
        .client
        .request(Method::OPTIONS, app.url("/api/v1/actors/1"))
        .header("Origin", partner)
        .header("Access-Control-Request-Method", "PATCH")
        .header(
            "Access-Control-Request-Headers",
            "authorization, content-type, if-match",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::NO_CONTENT);
    let headers = preflight.headers();
    assert_eq!(headers["access-control-allow-origin"], partner);
    assert!(headers["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("PATCH"));
    assert!(headers["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("if-match"));
    assert_security_headers(headers, "preflight");

    let created = app
        .client
        .post(app.url("/api/v1/actors"))
        .bearer_auth(&token)
        .header("Origin", partner)
        .json(&json!({"name": "Depuis le portail", "kind": "association"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(created.headers()["access-control-allow-origin"], partner);
    assert!(created.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .contains("etag"));
    // Errors are readable by the partner's scripts too.
    let refused = app
        .client
        .get(app.url("/api/v1/me"))
        .header("Origin", partner)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(refused.headers()["access-control-allow-origin"], partner);

    let stranger = app
        .client
        .get(app.url("/api/v1/actors"))
        .bearer_auth(&token)
        .header("Origin", "https://ailleurs.example")
        .send()
        .await
        .unwrap();
    assert!(!stranger
        .headers()
        .contains_key("access-control-allow-origin"));
}

#[actix_web::test]
async fn sqlite_cors_allowlist_opens_to_listed_origins() {
    allowlist_opens_to_listed_origins(Backend::Sqlite).await;
}

#[actix_web::test]
async fn postgres_cors_allowlist_opens_to_listed_origins() {
    allowlist_opens_to_listed_origins(Backend::Postgres).await;
}

/// What the server sends back on a raw connection: everything until it
/// closes the connection, or what came before a second of silence. Fails
/// when it neither answers nor closes within `limit`.
fn read_answer(stream: &mut TcpStream, limit: Duration) -> String {
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                answer.extend_from_slice(&buffer[..n]);
                stream
                    .set_read_timeout(Some(Duration::from_secs(1)))
                    .unwrap();
            }
            Err(_) if !answer.is_empty() => break,
            Err(error) => panic!("the server kept a slow client waiting ({error})"),
        }
    }
    String::from_utf8_lossy(&answer).into_owned()
}

#[actix_web::test]
async fn slow_clients_are_cut_off() {
    let app = spawn_app_with(Backend::Sqlite, |config| {
        config.server.client_request_timeout = Duration::from_millis(500);
        config.server.request_body_timeout = Duration::from_millis(500);
    })
    .await
    .unwrap();
    let address = app.address.trim_start_matches("http://").to_owned();

    // Headers that never end.
    let slow_head = actix_web::web::block({
        let address = address.clone();
        move || {
            let mut stream = TcpStream::connect(address).unwrap();
            stream
                .write_all(b"GET /health/live HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
            read_answer(&mut stream, Duration::from_secs(10))
        }
    })
    .await
    .unwrap();
    assert!(
        slow_head.is_empty() || slow_head.starts_with("HTTP/1.1 408"),
        "{slow_head}"
    );

    // A body that never ends.
    let slow_body = actix_web::web::block(move || {
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .write_all(
                b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
                  Content-Length: 100\r\n\r\n{\"email\": ",
            )
            .unwrap();
        read_answer(&mut stream, Duration::from_secs(10))
    })
    .await
    .unwrap();
    assert!(slow_body.starts_with("HTTP/1.1 400"), "{slow_body}");
    assert!(slow_body.contains("did not arrive"), "{slow_body}");
}
