//! The real `innovaction` binary in a child process, on a data directory
//! and database of its own that outlive it, so it can be killed and started
//! again on the same data.

use crate::helpers::{postgres_admin_url, postgres_available, postgres_url_for, Backend};
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub const EMAIL: &str = "admin@faults.example";
pub const PASSWORD: &str = "Un-mot-de-passe-de-panne";

/// A data directory and, on PostgreSQL, a database; both removed on drop.
pub struct Site {
    pub data_dir: PathBuf,
    pub database: Option<String>,
}

impl Site {
    /// `None` when PostgreSQL is wanted but unreachable outside CI.
    pub fn new(backend: Backend) -> Option<Self> {
        if backend == Backend::Postgres && !postgres_available() {
            return None;
        }
        let id = uuid::Uuid::new_v4().simple().to_string();
        let data_dir = std::env::temp_dir().join(format!("innovaction-faults-{id}"));
        std::fs::create_dir_all(&data_dir).unwrap();
        let database = (backend == Backend::Postgres).then(|| {
            let name = format!("innovaction_faults_{id}");
            PgConnection::establish(&postgres_admin_url())
                .unwrap()
                .batch_execute(&format!("CREATE DATABASE \"{name}\""))
                .unwrap();
            name
        });
        Some(Self { data_dir, database })
    }

    pub fn database_url(&self) -> Option<String> {
        self.database.as_deref().map(postgres_url_for)
    }

    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_innovaction"));
        command
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATA_DIR", &self.data_dir)
            .env("BIND", "127.0.0.1:0")
            .env("STATIC_DIR", self.data_dir.join("no-web-app"))
            .env("WORKERS", "2")
            .env("PASSWORD_HASHING_CONCURRENCY", "2")
            .env("RUST_LOG", "warn,innovaction=info")
            .env("LOG_FORMAT", "pretty");
        if let Some(url) = self.database_url() {
            command.env("DATABASE_URL", url);
        }
        command
    }

    /// The administrator, created with the command line as an operator would.
    pub fn create_admin(&self) {
        let mut child = self
            .command()
            .args([
                "create-user",
                "--email",
                EMAIL,
                "--role",
                "admin",
                "--password-stdin",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
        assert!(child.wait().unwrap().success(), "create-user failed");
    }

    /// Starts `innovaction serve` and waits until it says where it listens.
    pub fn serve(&self) -> Server {
        let mut child = self
            .command()
            .arg("serve")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (found, port) = mpsc::channel();
        // Reads the log to its end, so the child never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on http://127.0.0.1:").nth(1) {
                    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = found.send(digits.parse::<u16>().unwrap());
                }
            }
        });
        let port = port
            .recv_timeout(Duration::from_secs(60))
            .expect("the server says where it listens");
        Server {
            child,
            address: format!("http://127.0.0.1:{port}"),
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(20))
                .build()
                .unwrap(),
        }
    }
}

impl Drop for Site {
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

pub struct Server {
    child: Child,
    pub address: String,
    pub client: reqwest::Client,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn token(&self) -> String {
        let response = self
            .client
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({"email": EMAIL, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }

    /// `SIGKILL`: no chance to finish anything.
    pub fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
