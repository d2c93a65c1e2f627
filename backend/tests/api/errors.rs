//! Garbage sent to every endpoint of the route table gets a JSON error with
//! a stable code, and nothing is written.

use crate::helpers::*;
use backend::routes;
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// The path with every `{param}` replaced by `value`.
fn concrete(path: &str, value: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                value
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Endpoints whose body is multipart (file uploads), per the document.
/// Operations of the OpenAPI document whose request body passes `test`
/// (`Value::Null` when they declare none).
fn endpoints_where(test: impl Fn(&Value) -> bool) -> Vec<(String, String)> {
    let document: Value =
        serde_json::from_str(&backend::openapi::document_json().unwrap()).unwrap();
    let mut found = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if test(&operation["requestBody"]) {
                found.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    found
}

fn multipart_endpoints() -> Vec<(String, String)> {
    endpoints_where(|body| body["content"].get("multipart/form-data").is_some())
}

/// CSV imports: their body is a file whose problems the import reports.
fn csv_endpoints() -> Vec<(String, String)> {
    endpoints_where(|body| body["content"].get("text/csv").is_some())
}

/// Imports that also read a JSON file (an Aides-territoires export).
fn json_file_endpoints() -> Vec<(String, String)> {
    endpoints_where(|body| {
        body["content"].get("text/csv").is_some()
            && body["content"].get("application/json").is_some()
    })
}

/// Actions such as `submit` that read nothing from the body.
fn bodiless_endpoints() -> Vec<(String, String)> {
    endpoints_where(Value::is_null)
}

fn takes_body(method: &reqwest::Method) -> bool {
    matches!(method.as_str(), "POST" | "PATCH" | "PUT")
}

fn to_reqwest(method: &actix_web::http::Method) -> Method {
    Method::from_bytes(method.as_str().as_bytes()).unwrap()
}

async fn send_raw(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.client
        .request(method, app.url(path))
        .bearer_auth(token)
        .header("content-type", content_type)
        .header("if-match", "\"1\"")
        .body(body)
        .send()
        .await
        .unwrap()
}

db_test! {
    async fn malformed_bodies_are_rejected_everywhere(app) {
        let admin = app.admin_token().await;
        let users_before: Value = app.get("/api/v1/users", &admin).await.json().await.unwrap();
        let audit_before: Value = app.get("/api/v1/audit-log", &admin).await.json().await.unwrap();
        let multipart = multipart_endpoints();
        let bodiless = bodiless_endpoints();
        let csv = csv_endpoints();
        assert_eq!(csv.len(), 3, "the actors, projects and funding opportunities imports");
        let json_files = json_file_endpoints();
        assert_eq!(json_files.len(), 1, "the funding opportunities import");
        for endpoint in routes::table() {
            let method = to_reqwest(&endpoint.method);
            let key = (endpoint.method.to_string(), endpoint.path.to_owned());
            if !takes_body(&method) || bodiless.contains(&key) {
                continue;
            }
            let path = concrete(endpoint.path, "1");
            let context = format!("{} {}", endpoint.method, endpoint.path);
            if multipart.contains(&key) {
                let response = send_raw(&app, method.clone(), &path, &admin, "application/json", b"{}".to_vec()).await;
                assert_error(response, 400, "bad_request").await;
                continue;
            }
            if csv.contains(&key) {
                // Anything but CSV is refused like a non-JSON body elsewhere;
                // a garbled file gets the import's report, and nothing is
                // written.
                for (content_type, body) in [("application/json", &b"{\"email\": "[..]), ("text/plain", &b"hello"[..])] {
                    let response = send_raw(&app, method.clone(), &path, &admin, content_type, body.to_vec()).await;
                    if content_type == "application/json" && json_files.contains(&key) {
                        // A JSON file it reads: garbled, it gets the report.
                        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{context}");
                        let report: Value = response.json().await.unwrap();
                        assert_eq!(report["applied"], false, "{context}: {report}");
                        assert_eq!(report["errors"][0]["code"], "invalid_json", "{context}: {report}");
                    } else {
                        assert_error(response, 400, "unsupported_content_type").await;
                    }
                }
                let response = send_raw(&app, method.clone(), &path, &admin, "text/csv", b"\xff\xfe,\x00\n\"a,b\n1,2,3".to_vec()).await;
                assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{context}");
                let report: Value = response.json().await.unwrap();
                assert_eq!(report["applied"], false, "{context}: {report}");
                assert!(!report["errors"].as_array().unwrap().is_empty(), "{context}: {report}");
                let huge = vec![b'a'; 2 * 1024 * 1024];
                let response = send_raw(&app, method.clone(), &path, &admin, "text/csv", huge).await;
                assert_error(response, 413, "payload_too_large").await;
                continue;
            }

            let response = send_raw(&app, method.clone(), &path, &admin, "application/json", b"{\"email\": ".to_vec()).await;
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{context}");
            assert_error(response, 400, "invalid_json").await;

            let response = send_raw(&app, method.clone(), &path, &admin, "application/json", b"[1, 2, 3]".to_vec()).await;
            assert_error(response, 422, "validation_failed").await;

            let response = send_raw(&app, method.clone(), &path, &admin, "application/json", b"{\"email\": 12, \"password\": [], \"role\": {}, \"refresh_token\": false, \"display_name\": 1}".to_vec()).await;
            let body = assert_error(response, 422, "validation_failed").await;
            assert!(!error_fields(&body).is_empty(), "{context}: {body}");

            let response = send_raw(&app, method.clone(), &path, &admin, "text/plain", b"hello".to_vec()).await;
            assert_error(response, 400, "unsupported_content_type").await;

            let huge = vec![b' '; 2 * 1024 * 1024];
            let response = send_raw(&app, method.clone(), &path, &admin, "application/json", huge).await;
            assert_error(response, 413, "payload_too_large").await;
        }
        let users_after: Value = app.get("/api/v1/users", &admin).await.json().await.unwrap();
        let audit_after: Value = app.get("/api/v1/audit-log", &admin).await.json().await.unwrap();
        assert_eq!(users_before, users_after, "nothing was written");
        assert_eq!(audit_before["total"], audit_after["total"]);
    }

    async fn bad_path_values_are_400_everywhere(app) {
        let admin = app.admin_token().await;
        // A project's reference and a schema's name are text: any value is
        // a well-formed one (an unknown one is not found).
        for endpoint in routes::table().into_iter().filter(|e| e.path.contains('{') && !e.path.contains("{reference}") && !e.path.contains("{name}")) {
            for bad in ["abc", "1.5", "99999999999999999999999"] {
                let method = to_reqwest(&endpoint.method);
                let response = send_raw(&app, method, &concrete(endpoint.path, bad), &admin, "application/json", b"{}".to_vec()).await;
                assert_error(response, 400, "invalid_path_parameter").await;
            }
        }
    }

    async fn protected_endpoints_answer_401_without_credentials(app) {
        let public = ["/health/live", "/health/ready", "/api/openapi.json", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/invitations/accept", "/api/v1/open-data/projects", "/api/v1/open-data/projects/{reference}", "/api/v1/open-data/projets.csv", "/api/v1/open-data/subventions.csv", "/api/v1/open-data/schemas/{name}", "/api/v1/open-data/dictionary"];
        for endpoint in routes::table() {
            if public.contains(&endpoint.path) {
                continue;
            }
            let method = to_reqwest(&endpoint.method);
            let response = app.request(method.clone(), &concrete(endpoint.path, "1"), None, takes_body(&method).then(|| serde_json::json!({}))).await;
            assert_error(response, 401, "unauthenticated").await;
        }
    }

    async fn unknown_routes_and_methods_are_json(app) {
        let admin = app.admin_token().await;
        for path in ["/api/v1/nope", "/api/v2/users", "/api/", "/api/v1/users/1/nope"] {
            assert_error(app.get(path, &admin).await, 404, "not_found").await;
        }
        let table = routes::table();
        for endpoint in &table {
            let allowed: Vec<&str> = table.iter().filter(|e| e.path == endpoint.path).map(|e| e.method.as_str()).collect();
            let Some(other) = ["DELETE", "PUT", "PATCH", "POST", "GET"].into_iter().find(|m| !allowed.contains(m)) else {
                continue;
            };
            let response = app.request(Method::from_bytes(other.as_bytes()).unwrap(), &concrete(endpoint.path, "1"), Some(&admin), None).await;
            let allow = response.headers().get("allow").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
            for method in &allowed {
                assert!(allow.contains(method), "{} allow: {allow}", endpoint.path);
            }
            assert_error(response, 405, "method_not_allowed").await;
        }
    }

    async fn bad_query_values_name_the_parameter(app) {
        let admin = app.admin_token().await;
        for (query, field) in [("page=zero", "page"), ("per_page=-1", "per_page"), ("active=maybe", "active"), ("unknown=1", "unknown")] {
            let body = assert_error(app.get(&format!("/api/v1/users?{query}"), &admin).await, 400, "invalid_query_parameter").await;
            let fields = error_fields(&body);
            assert!(fields.iter().any(|f| f.contains(field)) || body["error"]["message"].as_str().unwrap().contains(field), "{query}: {body}");
        }
        let body = assert_error(app.get("/api/v1/audit-log?user_id=x", &admin).await, 400, "invalid_query_parameter").await;
        assert_eq!(error_fields(&body), vec!["user_id"]);
    }
}
