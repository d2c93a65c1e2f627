//! Spawning the application against a fresh database, and typed request
//! helpers.

use backend::config::{
    AuthConfig, Config, DatabaseConfig, DatabaseUrl, ServerConfig, WebhookConfig,
};
use backend::startup::Application;
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use shared::auth::Role;
use shared::users::CreateUser;
use std::path::PathBuf;
use std::time::Duration;

pub const ADMIN_EMAIL: &str = "admin@test.example";
pub const ADMIN_PASSWORD: &str = "Le-premier-admin-de-test";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Declares tests that run once on SQLite and once on PostgreSQL.
macro_rules! db_test {
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[actix_web::test]
            async fn sqlite() {
                let $app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite).await;
                $body
            }

            #[actix_web::test]
            async fn postgres() {
                let Some($app) = crate::helpers::spawn_postgres_app().await else { return };
                $body
            }
        }
    )*};
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub config: Config,
    pub backend: Backend,
    data_dir: PathBuf,
    postgres_database: Option<String>,
}

/// Where the tests reach PostgreSQL; each test makes its own database there.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

pub fn postgres_url_for(database: &str) -> String {
    let admin = postgres_admin_url();
    let base = admin
        .rsplit_once('/')
        .map_or(admin.as_str(), |(base, _)| base);
    format!("{base}/{database}")
}

/// PostgreSQL must be there under CI; elsewhere its tests are skipped with
/// a visible message.
pub fn postgres_available() -> bool {
    match PgConnection::establish(&postgres_admin_url()) {
        Ok(_) => true,
        Err(error) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "CI=true but PostgreSQL is unreachable at {}: {error}",
                    postgres_admin_url()
                );
            }
            eprintln!(
                "SKIPPED: PostgreSQL unreachable at {} ({error})",
                postgres_admin_url()
            );
            false
        }
    }
}

pub async fn spawn_postgres_app() -> Option<TestApp> {
    if !postgres_available() {
        return None;
    }
    Some(spawn_app(Backend::Postgres).await)
}

pub fn test_config(backend: Backend) -> (Config, PathBuf, Option<String>) {
    let id = uuid::Uuid::new_v4().simple().to_string();
    let data_dir = std::env::temp_dir().join(format!("innovaction-test-{id}"));
    std::fs::create_dir_all(&data_dir).unwrap();
    let (url, postgres_database) = match backend {
        Backend::Sqlite => (DatabaseUrl::Sqlite(data_dir.join("test.db")), None),
        Backend::Postgres => {
            let name = format!("innovaction_test_{id}");
            let mut admin = PgConnection::establish(&postgres_admin_url()).unwrap();
            admin
                .batch_execute(&format!("CREATE DATABASE \"{name}\""))
                .unwrap();
            (DatabaseUrl::Postgres(postgres_url_for(&name)), Some(name))
        }
    };
    let config = Config {
        server: ServerConfig {
            bind: "127.0.0.1:0".parse().unwrap(),
            static_dir: data_dir.join("no-web-app"),
            json_limit: 1024 * 1024,
            trust_proxy: false,
            workers: 2,
            max_upload_bytes: 64 * 1024,
            cors_allowed_origins: Vec::new(),
            client_request_timeout: Duration::from_secs(5),
            request_body_timeout: Duration::from_secs(30),
            public_url: None,
            smtp: None,
            // Tests run the reminders themselves, on the day they choose.
            reminders: false,
        },
        database: DatabaseConfig {
            url,
            pool_size: 4,
            connect_timeout: Duration::from_millis(1500),
        },
        auth: AuthConfig {
            jwt_secret: b"test-secret-test-secret-test-secret-0123".to_vec(),
            issuer: backend::config::ISSUER.into(),
            audience: backend::config::AUDIENCE.into(),
            access_token_ttl: Duration::from_secs(900),
            refresh_token_ttl: Duration::from_secs(3600),
            login_per_ip_per_minute: 1000,
            login_per_account_per_quarter_hour: 1000,
            hashing_concurrency: 2,
            api_key_per_minute: 1000,
        },
        data_dir: data_dir.clone(),
        webhooks: WebhookConfig {
            worker: true,
            poll_interval: Duration::from_millis(500),
            retry_base: Duration::from_millis(200),
            retry_cap: Duration::from_secs(2),
            max_attempts: 3,
            timeout: Duration::from_secs(5),
        },
    };
    (config, data_dir, postgres_database)
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    let (config, data_dir, postgres_database) = test_config(backend);
    spawn_with(config, backend, data_dir, postgres_database).await
}

/// Spawns with a configuration adjusted by the test (e.g. strict rate limits).
pub async fn spawn_app_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> Option<TestApp> {
    if backend == Backend::Postgres && !postgres_available() {
        return None;
    }
    let (mut config, data_dir, postgres_database) = test_config(backend);
    adjust(&mut config);
    Some(spawn_with(config, backend, data_dir, postgres_database).await)
}

async fn spawn_with(
    config: Config,
    backend: Backend,
    data_dir: PathBuf,
    postgres_database: Option<String>,
) -> TestApp {
    let app = Application::build(config.clone())
        .await
        .expect("application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run_until_stopped());
    let bootstrap = config.clone();
    actix_web::web::block(move || {
        backend::cli::create_user(
            &bootstrap,
            CreateUser {
                email: ADMIN_EMAIL.into(),
                display_name: "Admin".into(),
                role: Role::Admin,
                password: ADMIN_PASSWORD.into(),
                actor_id: None,
            },
        )
    })
    .await
    .unwrap()
    .unwrap();
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        config,
        backend,
        data_dir,
        postgres_database,
    }
}

/// Another instance of the application on the same database, as after a
/// restart or beside the first one. Dropping it leaves the database alone.
pub async fn spawn_instance(app: &TestApp, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let mut config = app.config.clone();
    adjust(&mut config);
    let instance = Application::build(config.clone())
        .await
        .expect("application builds");
    let address = format!("http://127.0.0.1:{}", instance.port());
    actix_web::rt::spawn(instance.run_until_stopped());
    let scratch = std::env::temp_dir().join(format!(
        "innovaction-instance-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&scratch).unwrap();
    TestApp {
        address,
        client: app.client.clone(),
        config,
        backend: app.backend,
        data_dir: scratch,
        postgres_database: None,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
        if let Some(name) = &self.postgres_database {
            if let Ok(mut admin) = PgConnection::establish(&postgres_admin_url()) {
                let _ = admin
                    .batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
            }
        }
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub fn postgres_database(&self) -> Option<&str> {
        self.postgres_database.as_deref()
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request sent")
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Response {
        self.request(Method::POST, path, Some(token), Some(body))
            .await
    }

    pub async fn patch(
        &self,
        path: &str,
        token: &str,
        version: Option<i64>,
        body: Value,
    ) -> Response {
        let mut request = self
            .client
            .patch(self.url(path))
            .bearer_auth(token)
            .json(&body);
        if let Some(version) = version {
            request = request.header("If-Match", format!("\"{version}\""));
        }
        request.send().await.expect("request sent")
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.request(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": email, "password": password})),
        )
        .await
    }

    /// Signs in and returns the whole token answer.
    pub async fn tokens(&self, email: &str, password: &str) -> Value {
        let response = self.login(email, password).await;
        assert_eq!(response.status(), StatusCode::OK, "login of {email} failed");
        response.json().await.unwrap()
    }

    pub async fn admin_token(&self) -> String {
        self.tokens(ADMIN_EMAIL, ADMIN_PASSWORD).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Creates a user through the API and returns (user json, its token).
    pub async fn user_with_role(&self, role: &str) -> (Value, String) {
        let admin = self.admin_token().await;
        let email = format!("{role}-{}@test.example", uuid::Uuid::new_v4().simple());
        let password = "Mot-de-passe-de-test-solide";
        let mut body = json!({"email": email, "display_name": format!("Un {role}"), "role": role, "password": password});
        if role == "partner" {
            // A partner account belongs to an organisation of its own.
            let actor: Value = self
                .post(
                    "/api/v1/actors",
                    &admin,
                    json!({"name": format!("Organisation de {email}"), "kind": "association"}),
                )
                .await
                .json()
                .await
                .unwrap();
            body["actor_id"] = actor["id"].clone();
        }
        let response = self.post("/api/v1/users", &admin, body).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let user: Value = response.json().await.unwrap();
        let token = self.tokens(&email, password).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned();
        (user, token)
    }
}

/// Asserts the API error shape and returns the body.
pub async fn assert_error(response: Response, status: u16, code: &str) -> Value {
    assert_eq!(response.status().as_u16(), status, "unexpected status");
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(
        content_type.starts_with("application/json"),
        "error is not JSON: {content_type}"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], code, "body: {body}");
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    body
}

/// The fields named in a validation error.
pub fn error_fields(body: &Value) -> Vec<String> {
    body["error"]["details"]
        .as_array()
        .map(|details| {
            details
                .iter()
                .map(|d| d["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}
