use crate::helpers::*;
use backend::routes;
use reqwest::{Method, StatusCode};
use serde_json::Value;

fn document() -> Value {
    serde_json::from_str(&backend::openapi::document_json().unwrap()).unwrap()
}

#[test]
fn every_registered_route_is_documented_and_nothing_else() {
    let document = document();
    let paths = document["paths"].as_object().unwrap();
    let mut documented: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect();
    let mut registered: Vec<(String, String)> = routes::table()
        .iter()
        .map(|e| (e.method.as_str().to_owned(), e.path.to_owned()))
        .collect();
    documented.sort();
    registered.sort();
    assert_eq!(registered, documented);
}

#[test]
fn the_document_is_openapi_3_1_with_errors_on_every_operation() {
    let document = document();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            let has_error = responses
                .keys()
                .any(|status| status.starts_with('4') || status.starts_with('5'));
            // Texts compiled into the binary, answered as they are.
            let infallible = [
                "/health/live",
                "/api/openapi.json",
                "/api/v1/open-data/dictionary",
            ]
            .contains(&path.as_str());
            assert!(
                has_error || infallible,
                "{method} {path} lists no error response"
            );
            if operation.get("security").is_some() {
                assert!(
                    responses.contains_key("401"),
                    "{method} {path} is protected but lists no 401"
                );
            }
        }
    }
}

#[test]
fn every_operation_has_its_own_id_and_a_declared_tag() {
    let document = document();
    let tags: Vec<&str> = document["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tag| tag["name"].as_str().unwrap())
        .collect();
    let mut ids = std::collections::BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap();
            assert!(
                ids.insert(id.to_owned()),
                "{method} {path}: {id} is not unique"
            );
            let operation_tags = operation["tags"].as_array().unwrap();
            assert_eq!(operation_tags.len(), 1, "{method} {path}");
            assert!(
                tags.contains(&operation_tags[0].as_str().unwrap()),
                "{method} {path}"
            );
            assert!(
                operation["description"]
                    .as_str()
                    .unwrap()
                    .contains("Who may call: "),
                "{method} {path} does not say who may call it"
            );
        }
    }
    for expected in [
        "createProject",
        "createFundingLine",
        "listProjectMilestones",
        "createTransition",
    ] {
        assert!(ids.contains(expected), "{expected}");
    }
}

/// utoipa names a type alias of a generic container after the container:
/// two different maps would share (and overwrite) one `BTreeMap` component,
/// and generated clients would get that name.
#[test]
fn no_component_is_named_after_a_rust_container() {
    let document = document();
    let names: Vec<&String> = document["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|name| ["BTreeMap", "HashMap", "Vec", "Option", "Box"].contains(&name.as_str()))
        .collect();
    assert!(names.is_empty(), "components named {names:?}");
}

/// Schemas named by a response type of its own (`IntoResponses`) are not
/// collected by utoipa on their own: every reference must still resolve.
#[test]
fn every_schema_reference_resolves() {
    fn references<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    found.push(target);
                }
                map.values().for_each(|v| references(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| references(v, found)),
            _ => {}
        }
    }
    let document = document();
    let mut found = Vec::new();
    references(&document, &mut found);
    assert!(found.len() > 100, "the document refers to its schemas");
    let schemas = document["components"]["schemas"].as_object().unwrap();
    let dangling: Vec<&&str> = found
        .iter()
        .filter(
            |target| match target.strip_prefix("#/components/schemas/") {
                Some(name) => !schemas.contains_key(name),
                // Links and other references name paths, checked elsewhere.
                None => false,
            },
        )
        .collect();
    assert!(dangling.is_empty(), "references to no schema: {dangling:?}");
}

#[test]
fn the_document_matches_its_snapshot() {
    insta::assert_json_snapshot!("openapi", document());
}

db_test! {
    async fn document_and_offline_docs_are_served(app) {
        let response = app.request(Method::GET, "/api/openapi.json", None, None).await;
        assert_eq!(response.status(), StatusCode::OK);
        let served: Value = response.json().await.unwrap();
        assert_eq!(served, document());

        let redirect = app.request(Method::GET, "/api/docs", None, None).await;
        assert_eq!(redirect.status(), StatusCode::PERMANENT_REDIRECT);
        let page = app.request(Method::GET, "/api/docs/", None, None).await;
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.unwrap();
        assert!(html.contains("swagger-ui-bundle.js"));
        assert!(!html.contains("http://") && !html.contains("https://"), "no remote assets");
        for asset in ["swagger-ui-bundle.js", "swagger-ui.css", "swagger-initializer.js"] {
            let response = app.request(Method::GET, &format!("/api/docs/{asset}"), None, None).await;
            assert_eq!(response.status(), StatusCode::OK, "{asset}");
            assert!(response.bytes().await.unwrap().len() > 100);
        }
        let initializer = app.request(Method::GET, "/api/docs/swagger-initializer.js", None, None).await.text().await.unwrap();
        assert!(initializer.contains("/api/openapi.json"));
        assert_error(app.request(Method::GET, "/api/docs/../Cargo.toml", None, None).await, 404, "not_found").await;
    }
}
