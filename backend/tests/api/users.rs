use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn new_user(email: &str) -> Value {
    json!({"email": email, "display_name": "Chargée de mission", "role": "engineer", "password": "Une-phrase-de-passe-longue"})
}

db_test! {
    async fn admin_creates_a_user_who_can_sign_in(app) {
        let admin = app.admin_token().await;
        let response = app.post("/api/v1/users", &admin, new_user("Claire.Martin@Romans.fr")).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        assert_eq!(response.headers()["etag"], "\"1\"");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let user: Value = response.json().await.unwrap();
        assert_eq!(location, format!("/api/v1/users/{}", user["id"]));
        assert_eq!(user["email"], "claire.martin@romans.fr");
        assert_eq!(user["role"], "engineer");
        assert_eq!(user["active"], true);
        assert!(user.get("password").is_none() && user.get("password_hash").is_none());
        assert_eq!(app.login("claire.martin@romans.fr", "Une-phrase-de-passe-longue").await.status(), StatusCode::OK);
    }

    async fn emails_are_unique_whatever_their_case(app) {
        let admin = app.admin_token().await;
        assert_eq!(app.post("/api/v1/users", &admin, new_user("dup@romans.fr")).await.status(), StatusCode::CREATED);
        let body = assert_error(app.post("/api/v1/users", &admin, new_user("DUP@Romans.FR")).await, 409, "already_exists").await;
        assert_eq!(error_fields(&body), vec!["email"]);
    }

    async fn weak_passwords_and_bad_fields_are_refused(app) {
        let admin = app.admin_token().await;
        let mut short = new_user("short@romans.fr");
        short["password"] = json!("court");
        let body = assert_error(app.post("/api/v1/users", &admin, short).await, 422, "validation_failed").await;
        assert_eq!(body["error"]["details"][0]["field"], "password");
        assert_eq!(body["error"]["details"][0]["code"], "too_short");

        let mut common = new_user("common@romans.fr");
        common["password"] = json!("Password1234");
        let body = assert_error(app.post("/api/v1/users", &admin, common).await, 422, "validation_failed").await;
        assert_eq!(body["error"]["details"][0]["code"], "common_password");

        let body = assert_error(
            app.post("/api/v1/users", &admin, json!({"email": "nope", "display_name": " ", "role": "engineer", "password": "x"})).await,
            422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["email", "display_name", "password"]);

        let mut bad_role = new_user("role@romans.fr");
        bad_role["role"] = json!("superuser");
        let body = assert_error(app.post("/api/v1/users", &admin, bad_role).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["role"]);

        // Nothing was half-written.
        let list: Value = app.get("/api/v1/users", &admin).await.json().await.unwrap();
        assert_eq!(list["total"], 1);
    }

    async fn only_admins_manage_users(app) {
        for role in ["manager", "engineer", "viewer", "partner"] {
            let (user, token) = app.user_with_role(role).await;
            assert_error(app.post("/api/v1/users", &token, new_user("x@romans.fr")).await, 403, "forbidden").await;
            assert_error(app.get("/api/v1/users", &token).await, 403, "forbidden").await;
            assert_error(app.patch("/api/v1/users/1", &token, Some(1), json!({"role": "viewer"})).await, 403, "forbidden").await;
            assert_error(app.post("/api/v1/users/1/password", &token, json!({"password": "Une-autre-phrase-longue"})).await, 403, "forbidden").await;
            // Everyone may read their own account, nobody else's.
            let own = format!("/api/v1/users/{}", user["id"]);
            assert_eq!(app.get(&own, &token).await.status(), StatusCode::OK);
            assert_error(app.get("/api/v1/users/1", &token).await, 403, "forbidden").await;
        }
    }

    async fn list_searches_filters_sorts_and_pages(app) {
        let admin = app.admin_token().await;
        for (email, role) in [("b.viewer@romans.fr", "viewer"), ("a.manager@romans.fr", "manager"), ("c.viewer@romans.fr", "viewer")] {
            let mut body = new_user(email);
            body["role"] = json!(role);
            assert_eq!(app.post("/api/v1/users", &admin, body).await.status(), StatusCode::CREATED);
        }
        let page: Value = app.get("/api/v1/users?role=viewer&sort=-email", &admin).await.json().await.unwrap();
        let emails: Vec<&str> = page["items"].as_array().unwrap().iter().map(|u| u["email"].as_str().unwrap()).collect();
        assert_eq!(emails, vec!["c.viewer@romans.fr", "b.viewer@romans.fr"]);
        assert_eq!(page["total"], 2);

        let page: Value = app.get("/api/v1/users?q=MANAGER", &admin).await.json().await.unwrap();
        assert_eq!(page["total"], 1);

        let page: Value = app.get("/api/v1/users?per_page=2&page=2&sort=email", &admin).await.json().await.unwrap();
        assert_eq!((page["total"].as_u64(), page["page"].as_u64(), page["per_page"].as_u64()), (Some(4), Some(2), Some(2)));
        let emails: Vec<&str> = page["items"].as_array().unwrap().iter().map(|u| u["email"].as_str().unwrap()).collect();
        assert_eq!(emails, vec!["b.viewer@romans.fr", "c.viewer@romans.fr"]);

        let body = assert_error(app.get("/api/v1/users?per_page=500", &admin).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["per_page"]);
        let body = assert_error(app.get("/api/v1/users?sort=password_hash", &admin).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["sort"]);
        let body = assert_error(app.get("/api/v1/users?role=root", &admin).await, 400, "invalid_query_parameter").await;
        assert_eq!(error_fields(&body), vec!["role"]);
    }

    async fn updates_need_the_current_version(app) {
        let admin = app.admin_token().await;
        let user: Value = app.post("/api/v1/users", &admin, new_user("v@romans.fr")).await.json().await.unwrap();
        let path = format!("/api/v1/users/{}", user["id"]);

        assert_error(app.patch(&path, &admin, None, json!({"role": "manager"})).await, 428, "precondition_required").await;
        let response = app.patch(&path, &admin, Some(1), json!({"role": "manager"})).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["etag"], "\"2\"");
        let updated: Value = response.json().await.unwrap();
        assert_eq!((updated["role"].as_str(), updated["version"].as_i64()), (Some("manager"), Some(2)));

        // A second editor who read version 1 does not overwrite the first.
        assert_error(app.patch(&path, &admin, Some(1), json!({"display_name": "Autre"})).await, 412, "version_mismatch").await;
        let current: Value = app.get(&path, &admin).await.json().await.unwrap();
        assert_eq!((current["role"].as_str(), current["display_name"].as_str()), (Some("manager"), Some("Chargée de mission")));

        let body = assert_error(app.patch(&path, &admin, Some(2), json!({"password_hash": "x"})).await, 422, "validation_failed").await;
        assert_eq!(body["error"]["details"][0]["code"], "unknown_field");
        assert_error(app.patch("/api/v1/users/9999", &admin, Some(1), json!({"role": "viewer"})).await, 404, "not_found").await;
    }

    async fn concurrent_edits_have_exactly_one_winner(app) {
        let admin = app.admin_token().await;
        let user: Value = app.post("/api/v1/users", &admin, new_user("race@romans.fr")).await.json().await.unwrap();
        let path = format!("/api/v1/users/{}", user["id"]);
        let names = ["Écrivain A", "Écrivain B", "Écrivain C", "Écrivain D"];
        let attempts = names.iter().map(|name| app.patch(&path, &admin, Some(1), json!({"display_name": name})));
        let statuses: Vec<u16> = futures_util::future::join_all(attempts).await.iter().map(|r| r.status().as_u16()).collect();
        assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
        assert_eq!(statuses.iter().filter(|s| **s == 412).count(), names.len() - 1, "{statuses:?}");
        let current: Value = app.get(&path, &admin).await.json().await.unwrap();
        assert_eq!(current["version"], 2);
        assert!(names.contains(&current["display_name"].as_str().unwrap()));
    }

    async fn the_last_admin_cannot_be_removed(app) {
        let admin = app.admin_token().await;
        let me: Value = app.get("/api/v1/me", &admin).await.json().await.unwrap();
        let path = format!("/api/v1/users/{}", me["id"]);
        assert_error(app.patch(&path, &admin, Some(1), json!({"role": "viewer"})).await, 409, "conflict").await;
        assert_error(app.patch(&path, &admin, Some(1), json!({"active": false})).await, 409, "conflict").await;
        let (other, _) = app.user_with_role("admin").await;
        assert_eq!(other["role"], "admin");
        assert_eq!(app.patch(&path, &admin, Some(1), json!({"role": "manager"})).await.status(), StatusCode::OK);
    }

    async fn password_reset_replaces_the_password_and_ends_sessions(app) {
        let admin = app.admin_token().await;
        let user: Value = app.post("/api/v1/users", &admin, new_user("reset@romans.fr")).await.json().await.unwrap();
        let tokens = app.tokens("reset@romans.fr", "Une-phrase-de-passe-longue").await;
        let path = format!("/api/v1/users/{}/password", user["id"]);
        assert_error(app.post(&path, &admin, json!({"password": "short"})).await, 422, "validation_failed").await;
        let response = app.post(&path, &admin, json!({"password": "Nouvelle-phrase-secrete"})).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        assert_error(app.login("reset@romans.fr", "Une-phrase-de-passe-longue").await, 401, "invalid_credentials").await;
        assert_eq!(app.login("reset@romans.fr", "Nouvelle-phrase-secrete").await.status(), StatusCode::OK);
        let refresh = app.request(reqwest::Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": tokens["refresh_token"]}))).await;
        assert_error(refresh, 401, "invalid_refresh_token").await;
        assert_error(app.post("/api/v1/users/9999/password", &admin, json!({"password": "Nouvelle-phrase-secrete"})).await, 404, "not_found").await;
    }

    async fn every_change_is_audited_without_secrets(app) {
        let admin = app.admin_token().await;
        let user: Value = app.post("/api/v1/users", &admin, new_user("audit@romans.fr")).await.json().await.unwrap();
        let id = user["id"].as_i64().unwrap();
        app.patch(&format!("/api/v1/users/{id}"), &admin, Some(1), json!({"role": "viewer"})).await;
        app.post(&format!("/api/v1/users/{id}/password"), &admin, json!({"password": "Nouvelle-phrase-secrete"})).await;

        let log: Value = app.get(&format!("/api/v1/audit-log?entity=user&entity_id={id}"), &admin).await.json().await.unwrap();
        let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, vec!["reset_password", "update", "create"]);
        let update = &log["items"][1];
        assert_eq!(update["before"]["role"], "engineer");
        assert_eq!(update["after"]["role"], "viewer");
        assert!(update["user_id"].as_i64().is_some());
        let text = log.to_string();
        assert!(!text.contains("argon2") && !text.contains("Nouvelle-phrase-secrete") && !text.contains("Une-phrase-de-passe-longue"));

        let (_, engineer) = app.user_with_role("engineer").await;
        assert_error(app.get("/api/v1/audit-log", &engineer).await, 403, "forbidden").await;
        let (_, manager) = app.user_with_role("manager").await;
        assert_eq!(app.get("/api/v1/audit-log", &manager).await.status(), StatusCode::OK);
    }
}
