use crate::helpers::*;
use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap()
}

db_test! {
    async fn login_returns_a_short_lived_jwt_and_a_refresh_token(app) {
        let tokens = app.tokens(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        assert_eq!(tokens["token_type"], "Bearer");
        assert!(tokens["expires_in"].as_u64().unwrap() <= 900);
        assert!(tokens["refresh_token"].as_str().unwrap().len() >= 32);
        let claims = claims(tokens["access_token"].as_str().unwrap());
        assert_eq!(claims["iss"], "innovaction");
        assert_eq!(claims["aud"], "innovaction-api");
        assert!(claims["jti"].as_str().is_some_and(|j| !j.is_empty()));
        let (iat, exp, nbf) = (claims["iat"].as_u64().unwrap(), claims["exp"].as_u64().unwrap(), claims["nbf"].as_u64().unwrap());
        assert!(exp - iat <= 900 && nbf <= iat + 1);
    }

    async fn email_is_case_insensitive_at_login(app) {
        let response = app.login("ADMIN@Test.Example", ADMIN_PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK);
    }

    async fn unknown_email_and_wrong_password_get_the_same_answer(app) {
        let wrong_password = assert_error(app.login(ADMIN_EMAIL, "not-the-right-password").await, 401, "invalid_credentials").await;
        let unknown = assert_error(app.login("nobody@test.example", "not-the-right-password").await, 401, "invalid_credentials").await;
        // An address no database could hold is just as unknown.
        let unstorable = assert_error(app.login("no\u{0}body@test.example", "not-the-right-password").await, 401, "invalid_credentials").await;
        assert_eq!(unstorable, unknown);
        assert_eq!(wrong_password, unknown);
    }

    async fn login_with_missing_fields_is_422(app) {
        let response = app.request(Method::POST, "/api/v1/auth/login", None, Some(json!({"email": "", "password": ""}))).await;
        let body = assert_error(response, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["email", "password"]);
        let response = app.request(Method::POST, "/api/v1/auth/login", None, Some(json!({"email": "a@b.fr"}))).await;
        let body = assert_error(response, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["password"]);
    }

    async fn me_requires_a_valid_token(app) {
        let token = app.admin_token().await;
        let response = app.get("/api/v1/me", &token).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["etag"], "\"1\"");
        let me: Value = response.json().await.unwrap();
        assert_eq!(me["email"], ADMIN_EMAIL);
        assert_eq!(me["role"], "admin");
        assert!(me.get("password_hash").is_none());

        assert_error(app.request(Method::GET, "/api/v1/me", None, None).await, 401, "unauthenticated").await;
        assert_error(app.get("/api/v1/me", "garbage").await, 401, "unauthenticated").await;
        let tampered = format!("{}x", &token[..token.len() - 1]);
        assert_error(app.get("/api/v1/me", &tampered).await, 401, "unauthenticated").await;
        let basic = app.client.get(app.url("/api/v1/me")).header("Authorization", "Basic YWRtaW46YWRtaW4=").send().await.unwrap();
        assert_error(basic, 401, "unauthenticated").await;
    }

    async fn refresh_rotates_and_a_reused_token_revokes_the_family(app) {
        let first = app.tokens(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        let old_refresh = first["refresh_token"].as_str().unwrap();
        let response = app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": old_refresh}))).await;
        assert_eq!(response.status(), StatusCode::OK);
        let second: Value = response.json().await.unwrap();
        let new_refresh = second["refresh_token"].as_str().unwrap();
        assert_ne!(new_refresh, old_refresh);
        assert_eq!(app.get("/api/v1/me", second["access_token"].as_str().unwrap()).await.status(), StatusCode::OK);

        // Presenting the used token again is theft: both die.
        let reused = app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": old_refresh}))).await;
        assert_error(reused, 401, "invalid_refresh_token").await;
        let after_theft = app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": new_refresh}))).await;
        assert_error(after_theft, 401, "invalid_refresh_token").await;

        let unknown = app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": "nope"}))).await;
        assert_error(unknown, 401, "invalid_refresh_token").await;
    }

    async fn logout_revokes_the_refresh_token(app) {
        let tokens = app.tokens(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        let refresh = tokens["refresh_token"].as_str().unwrap();
        let response = app.request(Method::POST, "/api/v1/auth/logout", None, Some(json!({"refresh_token": refresh}))).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        let again = app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": refresh}))).await;
        assert_error(again, 401, "invalid_refresh_token").await;
        // Logging out twice reveals nothing.
        let twice = app.request(Method::POST, "/api/v1/auth/logout", None, Some(json!({"refresh_token": refresh}))).await;
        assert_eq!(twice.status(), StatusCode::NO_CONTENT);
    }

    async fn a_role_change_takes_effect_at_once_and_a_refreshed_token_carries_it(app) {
        let admin = app.admin_token().await;
        let (user, _) = app.user_with_role("engineer").await;
        let email = user["email"].as_str().unwrap();
        let tokens = app.tokens(email, "Mot-de-passe-de-test-solide").await;
        let token = tokens["access_token"].as_str().unwrap().to_owned();
        let project = json!({"title": "Tiers-lieu", "axis": "Innovation", "commission_date": "2026-01-15"});
        assert_eq!(app.post("/api/v1/projects", &token, project.clone()).await.status(), StatusCode::CREATED);

        let id = user["id"].as_i64().unwrap();
        let response = app.patch(&format!("/api/v1/users/{id}"), &admin, Some(1), json!({"role": "viewer"})).await;
        assert_eq!(response.status(), StatusCode::OK);
        // The token still says "engineer": it no longer vouches for the
        // account, on a write as on a read, and nothing is written.
        assert_error(app.post("/api/v1/projects", &token, project.clone()).await, 401, "unauthenticated").await;
        assert_error(app.get("/api/v1/projects", &token).await, 401, "unauthenticated").await;

        let refreshed = app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": tokens["refresh_token"]}))).await;
        assert_eq!(refreshed.status(), StatusCode::OK);
        let refreshed: Value = refreshed.json().await.unwrap();
        let viewer = refreshed["access_token"].as_str().unwrap();
        assert_eq!(app.get("/api/v1/projects", viewer).await.status(), StatusCode::OK);
        assert_error(app.post("/api/v1/projects", viewer, project).await, 403, "forbidden").await;
        let page: Value = app.get("/api/v1/projects", &admin).await.json().await.unwrap();
        assert_eq!(page["total"], 1, "only the first creation was written");
    }

    async fn a_deactivated_user_loses_access_at_once(app) {
        let admin = app.admin_token().await;
        let (user, token) = app.user_with_role("engineer").await;
        assert_eq!(app.get("/api/v1/me", &token).await.status(), StatusCode::OK);
        let id = user["id"].as_i64().unwrap();
        let response = app.patch(&format!("/api/v1/users/{id}"), &admin, Some(1), json!({"active": false})).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_error(app.get("/api/v1/me", &token).await, 401, "unauthenticated").await;
        assert_error(app.login(user["email"].as_str().unwrap(), "Mot-de-passe-de-test-solide").await, 401, "invalid_credentials").await;
    }
}

mod rate_limiting {
    use super::*;

    async fn account_limit(backend: Backend) {
        let Some(app) = spawn_app_with(backend, |config| {
            config.auth.login_per_account_per_quarter_hour = 3;
        })
        .await
        else {
            return;
        };
        // Signing in successfully, however often, never locks an account.
        for _ in 0..5 {
            assert_eq!(
                app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await.status(),
                StatusCode::OK
            );
        }
        for _ in 0..3 {
            assert_error(
                app.login(ADMIN_EMAIL, "wrong-password-here").await,
                401,
                "invalid_credentials",
            )
            .await;
        }
        let limited = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        let retry_after: u64 = limited.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(retry_after >= 1);
        assert_error(limited, 429, "rate_limited").await;
        // Another account from the same address is not affected.
        let other = app
            .login("someone-else@test.example", "whatever-password")
            .await;
        assert_eq!(other.status(), StatusCode::UNAUTHORIZED);
    }

    async fn address_limit(backend: Backend) {
        let Some(app) = spawn_app_with(backend, |config| {
            config.auth.login_per_ip_per_minute = 4;
        })
        .await
        else {
            return;
        };
        for i in 0..4 {
            let response = app
                .login(&format!("user{i}@test.example"), "wrong-password-here")
                .await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        }
        let limited = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        assert!(limited.headers().contains_key("retry-after"));
        assert_error(limited, 429, "rate_limited").await;
    }

    #[actix_web::test]
    async fn per_account_sqlite() {
        account_limit(Backend::Sqlite).await;
    }

    #[actix_web::test]
    async fn per_account_postgres() {
        account_limit(Backend::Postgres).await;
    }

    #[actix_web::test]
    async fn per_address_sqlite() {
        address_limit(Backend::Sqlite).await;
    }

    #[actix_web::test]
    async fn per_address_postgres() {
        address_limit(Backend::Postgres).await;
    }
}
