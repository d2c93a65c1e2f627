//! The binary's commands, run as a user would.

use crate::helpers::*;
use std::io::Write;
use std::process::{Command, Stdio};

fn innovaction(
    app_data: &std::path::Path,
    url: &str,
    args: &[&str],
    stdin: Option<&str>,
) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_innovaction"))
        .args(args)
        .env("DATA_DIR", app_data)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn database_url(app: &TestApp) -> String {
    match &app.config.database.url {
        backend::config::DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
        backend::config::DatabaseUrl::Postgres(url) => url.clone(),
    }
}

db_test! {
    async fn create_user_reads_the_password_from_stdin(app) {
        let url = database_url(&app);
        let output = innovaction(&app.config.data_dir, &url, &["create-user", "--email", "Cli@Romans.fr", "--role", "manager", "--password-stdin"], Some("Une-phrase-venue-du-terminal\n"));
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        assert!(String::from_utf8_lossy(&output.stdout).contains("cli@romans.fr"));
        assert_eq!(app.login("cli@romans.fr", "Une-phrase-venue-du-terminal").await.status(), reqwest::StatusCode::OK);

        let weak = innovaction(&app.config.data_dir, &url, &["create-user", "--email", "weak@romans.fr", "--role", "viewer", "--password-stdin"], Some("password1234\n"));
        assert!(!weak.status.success());
        assert!(String::from_utf8_lossy(&weak.stderr).contains("too common"));
        let bad_role = innovaction(&app.config.data_dir, &url, &["create-user", "--email", "r@romans.fr", "--role", "root", "--password-stdin"], Some("Une-phrase-venue-du-terminal\n"));
        assert!(!bad_role.status.success());
    }

    async fn seed_demo_prints_a_generated_admin_login_once(app) {
        let url = database_url(&app);
        let first = innovaction(&app.config.data_dir, &url, &["seed-demo"], None);
        assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
        let stdout = String::from_utf8_lossy(&first.stdout).into_owned();
        let password = stdout
            .lines()
            .find_map(|line| line.trim().strip_prefix("mot de passe:"))
            .map(|p| p.trim().to_owned())
            .expect("the password is printed");
        assert!(password.len() >= 16);
        assert_eq!(app.login("admin@innovaction.local", &password).await.status(), reqwest::StatusCode::OK);

        let second = innovaction(&app.config.data_dir, &url, &["seed-demo"], None);
        assert!(second.status.success());
        assert!(String::from_utf8_lossy(&second.stdout).contains(&password), "the initial password is shown again");
        let admin = app.admin_token().await;
        let users: serde_json::Value = app.get("/api/v1/users?q=admin@innovaction.local", &admin).await.json().await.unwrap();
        assert_eq!(users["total"], 1, "no duplicate admin");
    }
}
