//! Backup and restore with the documented commands: a backup taken while
//! the server runs, restored into an empty database and data directory,
//! gives back every record, document and account.

use crate::helpers::*;
use backend::config::{Config, DatabaseUrl};
use backend::startup::Application;
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs one of the scripts with the server's environment for `config`.
fn script(name: &str, config: &Config, args: &[&Path]) -> String {
    let url = match &config.database.url {
        DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
        DatabaseUrl::Postgres(url) => url.clone(),
    };
    let output = Command::new(repository().join("scripts").join(name))
        .args(args)
        .env("DATABASE_URL", url)
        .env("DATA_DIR", &config.data_dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The restored side: its data directory and database go when it does.
struct Restored {
    data_dir: PathBuf,
    database: Option<String>,
}

impl Drop for Restored {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
        if let Some(name) = &self.database {
            if let Ok(mut admin) = PgConnection::establish(&postgres_admin_url()) {
                let _ = admin
                    .batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
            }
        }
    }
}

/// Everything a user can see, as JSON, for comparing two servers.
async fn everything(client: &reqwest::Client, address: &str, token: &str) -> Vec<Value> {
    let mut seen = Vec::new();
    for path in [
        "/api/v1/users?per_page=200",
        "/api/v1/actors?per_page=200",
        "/api/v1/projects?per_page=200",
        "/api/v1/audit-log?per_page=200",
        "/api/v1/evaluation-grids",
        "/api/v1/settings/axes",
        "/api/v1/dashboard",
    ] {
        let response = client
            .get(format!("{address}{path}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        seen.push(response.json().await.unwrap());
    }
    seen
}

db_test! {
    async fn a_backup_restores_into_an_empty_database(app) {
        let token = app.admin_token().await;
        let actor: Value = app
            .post("/api/v1/actors", &token, json!({"name": "Fablab des Tanneurs", "kind": "association", "tags": ["numérique"]}))
            .await
            .json()
            .await
            .unwrap();
        let project: Value = app
            .post("/api/v1/projects", &token, json!({"title": "Friche Jeanne d'Arc", "axis": "Innovation", "commission_date": "2024-03-12"}))
            .await
            .json()
            .await
            .unwrap();
        let project_id = project["id"].as_i64().unwrap();
        let participant = app
            .post(&format!("/api/v1/projects/{project_id}/participants"), &token, json!({"actor_id": actor["id"], "role": "partner"}))
            .await;
        assert_eq!(participant.status(), StatusCode::CREATED);
        let pdf = b"%PDF-1.7\n% etude de faisabilite\n".to_vec();
        let part = reqwest::multipart::Part::bytes(pdf.clone())
            .file_name("faisabilité.pdf")
            .mime_str("application/pdf")
            .unwrap();
        let uploaded = app
            .client
            .post(app.url(&format!("/api/v1/projects/{project_id}/documents")))
            .bearer_auth(&token)
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
            .await
            .unwrap();
        assert_eq!(uploaded.status(), StatusCode::CREATED);
        let document: Value = uploaded.json().await.unwrap();

        // Taken while the server runs.
        let destination = app.config.data_dir.join("backups");
        let backup = script("backup.sh", &app.config, &[&destination]);
        let backup = PathBuf::from(backup.trim());
        assert!(backup.starts_with(&destination));

        let (mut config, data_dir, database) = test_config(app.backend);
        let restored = Restored { data_dir, database };
        if let DatabaseUrl::Sqlite(path) = &config.database.url {
            assert!(!path.exists());
        }
        script("restore.sh", &config, &[&backup]);
        // Restoring again over the restored data is refused.
        let again = Command::new(repository().join("scripts/restore.sh"))
            .arg(&backup)
            .env("DATABASE_URL", match &config.database.url {
                DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
                DatabaseUrl::Postgres(url) => url.clone(),
            })
            .env("DATA_DIR", &config.data_dir)
            .output()
            .unwrap();
        assert!(!again.status.success(), "a second restore must not overwrite");

        config.server.bind = "127.0.0.1:0".parse().unwrap();
        let server = Application::build(config).await.unwrap();
        let address = format!("http://127.0.0.1:{}", server.port());
        actix_web::rt::spawn(server.run_until_stopped());
        let client = reqwest::Client::new();
        let login: Value = client
            .post(format!("{address}/api/v1/auth/login"))
            .json(&json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let restored_token = login["access_token"].as_str().unwrap();

        let before = everything(&app.client, &app.address, &token).await;
        let after = everything(&client, &address, restored_token).await;
        assert_eq!(before, after);
        let file = client
            .get(format!("{address}/api/v1/projects/{project_id}/documents/{}", document["id"]))
            .bearer_auth(restored_token)
            .send()
            .await
            .unwrap();
        assert_eq!(file.status(), StatusCode::OK);
        assert_eq!(file.bytes().await.unwrap().to_vec(), pdf);
        // The account came back as it was: a token from before still works.
        let me = client
            .get(format!("{address}/api/v1/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(me.status(), StatusCode::OK);
        drop(restored);
    }
}
