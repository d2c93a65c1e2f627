//! Notifications through the API and the `send-reminders` command: what
//! makes one and who gets it, reading them, preferences, reminders made
//! once per threshold by two workers at once, and the e-mail digest as a
//! real SMTP server receives it.

use crate::actors::create_actor;
use crate::helpers::*;
use crate::projects::{create_project, move_to};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn database_url(app: &TestApp) -> String {
    match &app.config.database.url {
        backend::config::DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
        backend::config::DatabaseUrl::Postgres(url) => url.clone(),
    }
}

/// `innovaction send-reminders --as-of DAY`, started (not waited for).
fn send_reminders(app: &TestApp, day: &str, smtp: Option<u16>) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_innovaction"));
    command
        .args(["send-reminders", "--as-of", day])
        .env("DATA_DIR", &app.config.data_dir)
        .env("DATABASE_URL", database_url(app))
        .env("RUST_LOG", "warn")
        .env("PUBLIC_URL", "https://innovaction.example")
        .env_remove("SMTP_HOST")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(port) = smtp {
        command
            .env("SMTP_HOST", "127.0.0.1")
            .env("SMTP_PORT", port.to_string())
            .env("SMTP_FROM", "Innov'Action <innovaction@romans.example>");
    }
    command.spawn().unwrap()
}

/// Runs the job for `day` and answers what it printed.
fn run_reminders(app: &TestApp, day: &str, smtp: Option<u16>) -> String {
    let output = send_reminders(app, day, smtp).wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn mine(app: &TestApp, token: &str) -> Value {
    let response = app.get("/api/v1/notifications?per_page=200", token).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn kinds(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_owned())
        .collect()
}

async fn account(app: &TestApp, role: &str) -> (Value, String) {
    app.user_with_role(role).await
}

/// A project led by `lead` with `member` on its team, commissioned long ago.
async fn project_of(app: &TestApp, admin: &str, lead: &Value, member: &Value) -> Value {
    create_project(app, admin, json!({
        "title": "Maison du vélo", "axis": "Innovation", "commission_date": "2024-01-01", "visibility": "partners",
        "lead_id": lead["id"], "team": [member["id"]],
    }))
    .await
}

db_test! {
    async fn changes_reach_the_people_of_the_project_and_only_them(app) {
        let admin = app.admin_token().await;
        let (lead, lead_token) = account(&app, "engineer").await;
        let (member, member_token) = account(&app, "engineer").await;
        let (_, outsider_token) = account(&app, "engineer").await;
        let project = project_of(&app, &admin, &lead, &member).await;
        // A partner organisation of this project, another of none.
        let (partner, partner_token) = account(&app, "partner").await;
        let (_, stranger_token) = account(&app, "partner").await;
        let joined = app.post(&format!("/api/v1/projects/{}/participants", project["id"]), &admin, json!({"actor_id": partner["actor_id"], "role": "partner"})).await;
        assert_eq!(joined.status(), StatusCode::CREATED);

        // The lead moves the project: the team and the partner hear of it,
        // not the lead; entering instruction, the evaluations are awaited.
        for (to, date) in [("cadrage", "2024-02-01"), ("instruction", "2024-03-01")] {
            let moved = move_to(&app, &lead_token, &project, json!({"to": to, "date": date, "motivation": "Étape"})).await;
            assert_eq!(moved.status(), StatusCode::CREATED);
        }
        assert_eq!(kinds(&mine(&app, &member_token).await), ["evaluation_awaited", "phase_changed", "phase_changed"]);
        assert_eq!(kinds(&mine(&app, &lead_token).await), ["evaluation_awaited"]);
        let partner_list = mine(&app, &partner_token).await;
        assert_eq!(kinds(&partner_list), ["phase_changed", "phase_changed"]);
        assert_eq!(partner_list["items"][0]["title"], "Maison du vélo : cadrage → instruction");
        assert_eq!(partner_list["items"][0]["link"], format!("/projets/{}", project["id"]));
        assert_eq!(mine(&app, &stranger_token).await["total"], 0);
        assert_eq!(mine(&app, &outsider_token).await["total"], 0);

        // The partner writes on the journal; a colleague names the lead.
        let journal = format!("/api/v1/projects/{}/journal", project["id"]);
        let wrote = app.post(&journal, &partner_token, json!({"kind": "note", "body": "Nous pouvons prêter la salle."})).await;
        assert_eq!(wrote.status(), StatusCode::CREATED);
        let named = format!("Voir avec @{} pour la salle, et @personne@nulle.part", lead["email"].as_str().unwrap().to_uppercase());
        let wrote = app.post(&journal, &member_token, json!({"kind": "note", "body": named})).await;
        assert_eq!(wrote.status(), StatusCode::CREATED);
        let lead_list = mine(&app, &lead_token).await;
        assert_eq!(kinds(&lead_list), ["mention", "partner_journal", "evaluation_awaited"]);
        assert_eq!((lead_list["unread"].as_u64(), lead_list["total"].as_u64()), (Some(3), Some(3)));
        assert!(lead_list["items"][1]["body"].as_str().unwrap().contains("Nous pouvons prêter la salle."));
        // The author of a mention is not told of it; the partner hears of no note.
        assert_eq!(kinds(&mine(&app, &member_token).await)[0], "partner_journal");
        assert_eq!(mine(&app, &partner_token).await["total"], 2);

        // Read one, then all; nobody reads another's.
        let first = lead_list["items"][0]["id"].clone();
        assert_error(app.post(&format!("/api/v1/notifications/{first}/read"), &member_token, json!({})).await, 404, "not_found").await;
        let read = app.post(&format!("/api/v1/notifications/{first}/read"), &lead_token, json!({})).await;
        assert_eq!(read.status(), StatusCode::OK);
        let read: Value = read.json().await.unwrap();
        assert!(read["read_at"].is_string());
        let unread: Value = app.get("/api/v1/notifications?unread=true", &lead_token).await.json().await.unwrap();
        assert_eq!((unread["unread"].as_u64(), unread["total"].as_u64()), (Some(2), Some(2)));
        assert_eq!(app.post("/api/v1/notifications/read-all", &lead_token, json!({})).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(mine(&app, &lead_token).await["unread"], 0);
        assert_eq!(mine(&app, &member_token).await["unread"], 4);
    }

    async fn preferences_are_each_persons_own(app) {
        let (_, token) = account(&app, "viewer").await;
        let defaults: Value = app.get("/api/v1/me/notification-preferences", &token).await.json().await.unwrap();
        assert_eq!((defaults["email"].clone(), defaults["reminder_days"].clone()), (json!("daily"), json!([30, 7, 1])));
        assert_eq!(defaults["events"].as_object().unwrap().len(), 9);
        assert!(defaults["events"].as_object().unwrap().values().all(|v| v == true));
        let put = |body: Value| app.client.put(app.url("/api/v1/me/notification-preferences")).bearer_auth(&token).json(&body).send();
        let saved: Value = put(json!({"email": "weekly", "reminder_days": [3, 14], "events": {"phase_changed": false}})).await.unwrap().json().await.unwrap();
        assert_eq!((saved["email"].clone(), saved["reminder_days"].clone(), saved["events"]["phase_changed"].clone(), saved["events"]["mention"].clone()), (json!("weekly"), json!([14, 3]), json!(false), json!(true)));
        let again: Value = app.get("/api/v1/me/notification-preferences", &token).await.json().await.unwrap();
        assert_eq!(again, saved);
        let twice = put(json!({"email": "daily", "reminder_days": [7, 7]})).await.unwrap();
        assert_eq!(error_fields(&assert_error(twice, 422, "validation_failed").await), ["reminder_days.1"]);
        let far = put(json!({"email": "daily", "reminder_days": [100000]})).await.unwrap();
        assert_eq!(error_fields(&assert_error(far, 422, "validation_failed").await), ["reminder_days.0"]);
        assert_error(put(json!({"email": "hourly"})).await.unwrap(), 422, "validation_failed").await;
        // Someone else's preferences are untouched.
        let (_, other) = account(&app, "viewer").await;
        let theirs: Value = app.get("/api/v1/me/notification-preferences", &other).await.json().await.unwrap();
        assert_eq!(theirs, defaults);
        let admin = app.admin_token().await;
        let audit: Value = app.get("/api/v1/audit-log?entity=notification_preferences", &admin).await.json().await.unwrap();
        assert_eq!(audit["total"], 1);
    }

    async fn reminders_come_once_per_threshold_even_from_two_workers(app) {
        let admin = app.admin_token().await;
        let (lead, lead_token) = account(&app, "engineer").await;
        let (member, member_token) = account(&app, "engineer").await;
        let project = project_of(&app, &admin, &lead, &member).await;
        let milestone = app.post(&format!("/api/v1/projects/{}/milestones", project["id"]), &admin, json!({"title": "Permis de construire", "due_date": "2027-03-10"})).await;
        assert_eq!(milestone.status(), StatusCode::CREATED);
        let funder = create_actor(&app, &admin, json!({"name": "Région", "kind": "funder"})).await;
        let lines = format!("/api/v1/projects/{}/funding-lines", project["id"]);
        let planned = app.post(&lines, &admin, json!({"funder_id": funder["id"], "category": "public", "amount_cents": 100_000, "scheme": "Bonus", "submission_deadline": "2027-04-02"})).await;
        assert_eq!(planned.status(), StatusCode::CREATED);
        let granted = app.post(&lines, &admin, json!({"funder_id": funder["id"], "category": "public", "amount_cents": 50_000, "status": "granted", "lapse_date": "2027-03-04"})).await;
        assert_eq!(granted.status(), StatusCode::CREATED);
        // The member wants only a reminder 2 days ahead, and no milestone.
        let set = app.client.put(app.url("/api/v1/me/notification-preferences")).bearer_auth(&member_token)
            .json(&json!({"email": "off", "reminder_days": [2], "events": {"milestone_due": false}})).send().await.unwrap();
        assert_eq!(set.status(), StatusCode::OK);

        // 2027-03-03: the milestone in 7 days, the application in 30, the
        // grant lapses tomorrow. Two workers at once make each once.
        let first = send_reminders(&app, "2027-03-03", None);
        let second = send_reminders(&app, "2027-03-03", None);
        for child in [first, second] {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        }
        let lead_list = mine(&app, &lead_token).await;
        let mut made = kinds(&lead_list);
        made.sort();
        assert_eq!(made, ["lapse_date", "milestone_due", "submission_deadline"]);
        assert!(lead_list["items"].as_array().unwrap().iter().any(|n| n["title"] == "Maison du vélo : échéance dans 7 jours"), "{lead_list}");
        assert_eq!(kinds(&mine(&app, &member_token).await), ["lapse_date"]);
        // The next days: the same thresholds make nothing new, the next one does.
        assert!(run_reminders(&app, "2027-03-03", None).contains("0 reminder(s) made"));
        assert!(run_reminders(&app, "2027-03-05", None).contains("0 reminder(s) made"));
        run_reminders(&app, "2027-03-09", None);
        assert_eq!(mine(&app, &lead_token).await["total"], 4);
        // Past due and not done: overdue, once.
        run_reminders(&app, "2027-03-11", None);
        run_reminders(&app, "2027-03-12", None);
        let late: Vec<String> = kinds(&mine(&app, &lead_token).await).into_iter().filter(|k| k == "milestone_overdue").collect();
        assert_eq!(late.len(), 1);
        // The deadline within the member's 2 days.
        run_reminders(&app, "2027-03-31", None);
        let mut member_kinds = kinds(&mine(&app, &member_token).await);
        member_kinds.sort();
        // (Overdue is its own kind, which the member kept.)
        assert_eq!(member_kinds, ["lapse_date", "milestone_overdue", "submission_deadline"]);
    }

    async fn the_digest_reaches_a_real_smtp_server_grouped_by_project_in_french(app) {
        let Some(server) = SmtpServer::start() else { return };
        let admin = app.admin_token().await;
        let (lead, lead_token) = account(&app, "engineer").await;
        let (member, _) = account(&app, "engineer").await;
        let project = project_of(&app, &admin, &lead, &member).await;
        let other = project_of(&app, &admin, &lead, &member).await;
        for (project, due) in [(&project, "2027-05-08"), (&other, "2027-05-02")] {
            let made = app.post(&format!("/api/v1/projects/{}/milestones", project["id"]), &admin, json!({"title": "Réception des travaux", "due_date": due})).await;
            assert_eq!(made.status(), StatusCode::CREATED);
        }
        let journal = format!("/api/v1/projects/{}/journal", project["id"]);
        let note = format!("@{} peux-tu relire le cahier des charges ?", lead["email"].as_str().unwrap());
        assert_eq!(app.post(&journal, &admin, json!({"kind": "note", "body": note})).await.status(), StatusCode::CREATED);

        let printed = run_reminders(&app, "2027-05-01", Some(server.port));
        assert!(printed.contains("digest(s) sent"), "{printed}");
        let messages = server.messages();
        let to_lead: Vec<&Value> = messages.iter().filter(|m| m["to"].as_str().unwrap().contains(lead["email"].as_str().unwrap())).collect();
        assert_eq!(to_lead.len(), 1, "{messages:#?}");
        let mail = to_lead[0];
        assert_eq!(mail["subject"], "Innov'Action : 3 notifications");
        let body = mail["body"].as_str().unwrap();
        assert!(body.starts_with("Bonjour Un engineer,"), "{body}");
        let first = body.find(&format!("== Projet {} ==", project["reference"].as_str().unwrap())).expect("the first project's heading");
        let second = body.find(&format!("== Projet {} ==", other["reference"].as_str().unwrap())).expect("the second project's heading");
        assert_ne!(first, second);
        assert!(body.contains("vous a cité"), "{body}");
        assert!(body.contains(&format!("https://innovaction.example/projets/{}/journal", project["id"])), "{body}");
        assert!(body.contains(&format!("https://innovaction.example/projets/{}", other["id"])), "{body}");
        assert!(body.contains("Maison du vélo : échéance dans 7 jours") && body.contains("Maison du vélo : échéance demain"), "{body}");
        // Sent once: the next run finds nothing to send.
        let again = run_reminders(&app, "2027-05-01", Some(server.port));
        assert!(again.contains("0 digest(s) sent"), "{again}");
        assert_eq!(server.messages().len(), messages.len());
        assert_eq!(mine(&app, &lead_token).await["unread"], 3);

        // A daily digest goes once a day: what comes after it waits for
        // the next day's (the server runs the job every hour).
        let (colleague, _) = account(&app, "engineer").await;
        let today = chrono::Utc::now().date_naive().to_string();
        let mention = |text: &str| {
            let body = json!({"kind": "note", "body": format!("@{} {text}", colleague["email"].as_str().unwrap())});
            let (app, admin, journal) = (&app, admin.clone(), journal.clone());
            async move { assert_eq!(app.post(&journal, &admin, body).await.status(), StatusCode::CREATED) }
        };
        mention("premier point").await;
        let printed = run_reminders(&app, &today, Some(server.port));
        assert!(printed.contains("1 digest(s) sent"), "{printed}");
        mention("second point").await;
        let printed = run_reminders(&app, &today, Some(server.port));
        assert!(printed.contains("0 digest(s) sent"), "{printed}");
        assert_eq!(server.messages().len(), messages.len() + 1);
    }
}

/// Python's aiosmtpd, storing what it receives in a maildir.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
    python: PathBuf,
}

impl SmtpServer {
    /// `None` (the test skipped) only outside CI, where the server may not
    /// be installed; in CI a missing server fails the test.
    fn start() -> Option<SmtpServer> {
        let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools/smtp-venv/bin/python");
        if !python.exists() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "run scripts/setup.sh --smtp"
            );
            eprintln!("skipped: no SMTP server (scripts/setup.sh --smtp installs it)");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let maildir = std::env::temp_dir().join(format!(
            "innovaction-mail-{}",
            uuid::Uuid::new_v4().simple()
        ));
        let child = Command::new(&python)
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(SmtpServer {
                    child,
                    port,
                    maildir,
                    python,
                });
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let mut child = child;
        let _ = child.kill();
        let _ = child.wait();
        panic!("the SMTP server did not start");
    }

    /// Every message received: `to`, `subject` and the decoded text body.
    fn messages(&self) -> Vec<Value> {
        let script = r#"
import json, mailbox, sys
from email.header import decode_header, make_header
out = []
for message in mailbox.Maildir(sys.argv[1], create=False):
    body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
    out.append({"to": str(make_header(decode_header(message["To"]))),
                "subject": str(make_header(decode_header(message["Subject"]))),
                "body": body})
print(json.dumps(out))
"#;
        if !self.maildir.exists() {
            return Vec::new();
        }
        let output = Command::new(&self.python)
            .args(["-c", script])
            .arg(&self.maildir)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}
