use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Valid SIRETs (Luhn) of different companies, for tests.
pub const SIRET_A: &str = "73282932000074";
pub const SIRET_B: &str = "44306184100047";

pub async fn create_actor(app: &TestApp, token: &str, body: Value) -> Value {
    let response = app.post("/api/v1/actors", token, body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

db_test! {
    async fn an_actor_is_created_with_a_checked_siret(app) {
        let admin = app.admin_token().await;
        let response = app.post("/api/v1/actors", &admin, json!({
            "name": "Scierie du Vercors", "kind": "company", "siret": "732 829 320 00074",
            "sector": "Bois", "commune_insee": "26281", "website": "https://scierie.example",
            "email": "Contact@Scierie.example", "phone": "+33 4 75 00 00 00", "tags": ["bois", "filière", "bois"]
        })).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        assert_eq!(response.headers()["etag"], "\"1\"");
        let actor: Value = response.json().await.unwrap();
        assert_eq!(actor["siret"], SIRET_A);
        assert_eq!(actor["siren"], "732829320");
        assert_eq!(actor["email"], "contact@scierie.example");
        assert_eq!(actor["tags"], json!(["bois", "filière"]));
        assert_eq!(actor["version"], 1);

        let fetched: Value = app.get(&format!("/api/v1/actors/{}", actor["id"]), &admin).await.json().await.unwrap();
        assert_eq!(fetched, actor);
    }

    async fn bad_sirets_and_fields_are_named(app) {
        let admin = app.admin_token().await;
        for bad in ["73282932000075", "1234", "7328293200007X"] {
            let body = assert_error(app.post("/api/v1/actors", &admin, json!({"name": "X", "kind": "company", "siret": bad})).await, 422, "validation_failed").await;
            assert_eq!(error_fields(&body), vec!["siret"], "{bad}");
            assert_eq!(body["error"]["details"][0]["code"], "invalid_siret");
        }
        // La Poste's establishments follow their own rule.
        create_actor(&app, &admin, json!({"name": "La Poste Romans", "kind": "company", "siret": "35600000049837"})).await;

        let body = assert_error(app.post("/api/v1/actors", &admin, json!({
            "name": "", "kind": "spaceship", "website": "nope"
        })).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["kind"]);
        let body = assert_error(app.post("/api/v1/actors", &admin, json!({
            "name": " ", "kind": "association", "website": "nope", "commune_insee": "123", "email": "x@"
        })).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["name", "commune_insee", "website", "email"]);
        let body = assert_error(app.post("/api/v1/actors", &admin, json!({"kind": "association"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["name"]);
    }

    async fn two_actors_never_share_a_siret(app) {
        let admin = app.admin_token().await;
        let first = create_actor(&app, &admin, json!({"name": "Première", "kind": "company", "siret": SIRET_A})).await;
        let body = assert_error(app.post("/api/v1/actors", &admin, json!({"name": "Seconde", "kind": "company", "siret": SIRET_A})).await, 409, "already_exists").await;
        assert_eq!(error_fields(&body), vec!["siret"]);
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains("Première") && message.contains(&first["id"].to_string()), "{message}");

        let second = create_actor(&app, &admin, json!({"name": "Seconde", "kind": "company", "siret": SIRET_B})).await;
        let path = format!("/api/v1/actors/{}", second["id"]);
        assert_error(app.patch(&path, &admin, Some(1), json!({"siret": SIRET_A})).await, 409, "already_exists").await;
        let unchanged: Value = app.get(&path, &admin).await.json().await.unwrap();
        assert_eq!(unchanged["siret"], SIRET_B);
    }

    async fn the_directory_searches_filters_sorts_and_pages(app) {
        let admin = app.admin_token().await;
        create_actor(&app, &admin, json!({"name": "Mairie de Romans", "kind": "municipality", "commune_insee": "26281", "tags": ["collectivité"]})).await;
        create_actor(&app, &admin, json!({"name": "Valence Romans Agglo", "kind": "municipality", "commune_insee": "26362", "tags": ["collectivité", "epci"]})).await;
        create_actor(&app, &admin, json!({"name": "Atelier Chaussure", "kind": "company", "commune_insee": "26281", "sector": "Cuir", "tags": ["cuir"]})).await;
        create_actor(&app, &admin, json!({"name": "Association Quartiers", "kind": "association", "tags": ["epcis"]})).await;

        let names = |page: &Value| -> Vec<String> { page["items"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap().to_owned()).collect() };
        let page: Value = app.get("/api/v1/actors?kind=municipality&sort=-name", &admin).await.json().await.unwrap();
        assert_eq!(names(&page), vec!["Valence Romans Agglo", "Mairie de Romans"]);
        let page: Value = app.get("/api/v1/actors?commune=26281", &admin).await.json().await.unwrap();
        assert_eq!(names(&page), vec!["Atelier Chaussure", "Mairie de Romans"]);
        let page: Value = app.get("/api/v1/actors?tag=epci", &admin).await.json().await.unwrap();
        assert_eq!(names(&page), vec!["Valence Romans Agglo"], "tags match exactly");
        let page: Value = app.get("/api/v1/actors?q=romans", &admin).await.json().await.unwrap();
        assert_eq!(page["total"], 2);
        let page: Value = app.get("/api/v1/actors?q=cuir", &admin).await.json().await.unwrap();
        assert_eq!(names(&page), vec!["Atelier Chaussure"]);
        let page: Value = app.get("/api/v1/actors?per_page=3&page=2", &admin).await.json().await.unwrap();
        assert_eq!((page["total"].as_i64(), names(&page).len()), (Some(4), 1));
        assert_error(app.get("/api/v1/actors?kind=alien", &admin).await, 400, "invalid_query_parameter").await;
        assert_error(app.get("/api/v1/actors?sort=siret", &admin).await, 422, "validation_failed").await;
    }

    async fn the_search_folds_accented_capitals_on_both_databases(app) {
        let admin = app.admin_token().await;
        create_actor(&app, &admin, json!({"name": "Énergies Citoyennes Drôme", "kind": "association"})).await;
        create_actor(&app, &admin, json!({"name": "Etude notariale", "kind": "company"})).await;
        let names = |page: &Value| -> Vec<String> { page["items"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap().to_owned()).collect() };
        for query in ["%C3%A9nergies", "%C3%89NERGIES", "DR%C3%94ME"] {
            let page: Value = app.get(&format!("/api/v1/actors?q={query}"), &admin).await.json().await.unwrap();
            assert_eq!(names(&page), vec!["Énergies Citoyennes Drôme"], "q={query}");
        }
        // Folding is not stripping accents: "étude" is not "etude".
        let page: Value = app.get("/api/v1/actors?q=%C3%A9tude", &admin).await.json().await.unwrap();
        assert_eq!(page["total"], 0);
    }

    async fn actor_edits_need_the_current_version(app) {
        let admin = app.admin_token().await;
        let actor = create_actor(&app, &admin, json!({"name": "Fablab", "kind": "association", "sector": "Numérique"})).await;
        let path = format!("/api/v1/actors/{}", actor["id"]);
        assert_error(app.patch(&path, &admin, None, json!({"name": "Fablab 2"})).await, 428, "precondition_required").await;
        let updated: Value = app.patch(&path, &admin, Some(1), json!({"name": "Fablab des Tanneurs", "sector": null})).await.json().await.unwrap();
        assert_eq!((updated["name"].as_str(), updated["sector"].is_null(), updated["version"].as_i64()), (Some("Fablab des Tanneurs"), true, Some(2)));
        assert_error(app.patch(&path, &admin, Some(1), json!({"name": "Stale"})).await, 412, "version_mismatch").await;
        let body = assert_error(app.patch(&path, &admin, Some(2), json!({"siret": "123"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["siret"]);
        let delete = app.client.delete(app.url(&path)).bearer_auth(&admin).send().await.unwrap();
        assert_error(delete, 428, "precondition_required").await;
        let delete = app.client.delete(app.url(&path)).bearer_auth(&admin).header("If-Match", "\"2\"").send().await.unwrap();
        assert_eq!(delete.status(), StatusCode::NO_CONTENT);
        assert_error(app.get(&path, &admin).await, 404, "not_found").await;
    }

    async fn contacts_belong_to_their_actor(app) {
        let admin = app.admin_token().await;
        let actor = create_actor(&app, &admin, json!({"name": "CCI Drôme", "kind": "chamber"})).await;
        let other = create_actor(&app, &admin, json!({"name": "Région", "kind": "region_department"})).await;
        let contacts = format!("/api/v1/actors/{}/contacts", actor["id"]);
        let response = app.post(&contacts, &admin, json!({"name": "Claire Dupont", "role": "Chargée d'affaires", "email": "c.dupont@cci.example", "phone": "04 75 00 00 01"})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let contact: Value = response.json().await.unwrap();
        let body = assert_error(app.post(&contacts, &admin, json!({"name": "", "email": "bad"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["name", "email"]);

        let list: Value = app.get(&contacts, &admin).await.json().await.unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1);
        let own = format!("{contacts}/{}", contact["id"]);
        let foreign = format!("/api/v1/actors/{}/contacts/{}", other["id"], contact["id"]);
        let put = |path: String, version: i64, name: &str| app.client.put(app.url(&path)).bearer_auth(&admin).header("If-Match", format!("\"{version}\"")).json(&json!({"name": name})).send();
        assert_error(put(foreign.clone(), 1, "Intrus").await.unwrap(), 404, "not_found").await;
        let updated: Value = put(own.clone(), 1, "Claire Martin").await.unwrap().json().await.unwrap();
        assert_eq!((updated["name"].as_str(), updated["version"].as_i64(), updated["email"].is_null()), (Some("Claire Martin"), Some(2), true));
        assert_error(put(own.clone(), 1, "Stale").await.unwrap(), 412, "version_mismatch").await;
        let delete = app.client.delete(app.url(&own)).bearer_auth(&admin).header("If-Match", "\"2\"").send().await.unwrap();
        assert_eq!(delete.status(), StatusCode::NO_CONTENT);
        let list: Value = app.get(&contacts, &admin).await.json().await.unwrap();
        assert!(list.as_array().unwrap().is_empty());

        // The audit trail of contacts keeps ids, never the person's details.
        let log: Value = app.get("/api/v1/audit-log?entity=contact", &admin).await.json().await.unwrap();
        assert_eq!(log["total"], 3);
        assert!(!log.to_string().contains("Dupont") && !log.to_string().contains("cci.example"));
    }

    async fn viewers_read_and_partners_see_only_their_organisation(app) {
        let admin = app.admin_token().await;
        let actor = create_actor(&app, &admin, json!({"name": "Lycée du Dauphiné", "kind": "research_education"})).await;
        let path = format!("/api/v1/actors/{}", actor["id"]);
        let (_, viewer) = app.user_with_role("viewer").await;
        assert_eq!(app.get(&path, &viewer).await.status(), StatusCode::OK);
        assert_eq!(app.get("/api/v1/actors", &viewer).await.status(), StatusCode::OK);
        assert_error(app.post("/api/v1/actors", &viewer, json!({"name": "X", "kind": "other"})).await, 403, "forbidden").await;
        assert_error(app.patch(&path, &viewer, Some(1), json!({"name": "X"})).await, 403, "forbidden").await;
        let (_, partner) = app.user_with_role("partner").await;
        let directory: Value = app.get("/api/v1/actors", &partner).await.json().await.unwrap();
        assert_eq!(directory["total"], 1, "their own organisation only");
        assert_ne!(directory["items"][0]["id"], actor["id"]);
        assert_error(app.get(&path, &partner).await, 404, "not_found").await;
        assert_error(app.get(&format!("{path}/contacts"), &partner).await, 404, "not_found").await;
    }
}
