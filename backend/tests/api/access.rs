//! The authorisation matrix: every endpoint of the route table, called by
//! anonymous, a partner of actor A, a partner of actor B, a viewer, an
//! engineer, a manager and an admin, each answer checked against what that
//! caller may do (OWASP API1 object level, API3 property level, API5
//! function level).

use crate::actors::create_actor;
use crate::evaluations::submit_ex_ante;
use crate::helpers::*;
use crate::projects::create_project;
use backend::routes::{self, Access};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeMap;

const CALLERS: [&str; 7] = [
    "anonymous",
    "partner_a",
    "partner_b",
    "viewer",
    "engineer",
    "manager",
    "admin",
];

/// Who may read an endpoint, as the matrix expects it: the table's
/// `access` column, with the object-level rules it cannot say.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reads {
    /// Everyone, signed in or not.
    Public,
    /// Staff of any role.
    Staff,
    /// Admins only.
    Admin,
    /// Managers and admins.
    Manager,
    /// Blind review: managers and admins see a submitted evaluation; an
    /// evaluator who has not submitted theirs does not (`403`/`404`).
    Blind(u16),
    /// Staff, and partners on an object of theirs (the project shared with
    /// their organisation, or their organisation itself).
    SharedObject,
    /// Staff, and partners, who see only their own in the list.
    FilteredList,
}

fn reads(endpoint: &routes::Endpoint) -> Reads {
    use Reads::*;
    match endpoint.path {
        "/api/v1/projects/{id}/evaluations/consolidated" => Blind(403),
        "/api/v1/projects/{id}/evaluations/{evaluation_id}" => Blind(404),
        path => match endpoint.access {
            Access::Public => Public,
            // The matrix reads user 1, the admin's own account.
            Access::Admin | Access::SelfOrAdmin => Admin,
            Access::Manager => Manager,
            Access::Staff | Access::Editor => Staff,
            Access::SignedIn | Access::StaffOrPartner | Access::EditorOrPartner => {
                if path.contains('{') {
                    SharedObject
                } else {
                    FilteredList
                }
            }
        },
    }
}

/// Whether the table lets this caller through on a write at all (the
/// handler may still refuse the object or the empty body).
fn may_write(access: Access, caller: &str) -> bool {
    match access {
        Access::Public => true,
        Access::SignedIn => caller != "anonymous",
        Access::EditorOrPartner => matches!(
            caller,
            "partner_a" | "partner_b" | "engineer" | "manager" | "admin"
        ),
        Access::StaffOrPartner => caller != "anonymous",
        Access::Staff => matches!(caller, "viewer" | "engineer" | "manager" | "admin"),
        Access::Editor => matches!(caller, "engineer" | "manager" | "admin"),
        Access::Manager => matches!(caller, "manager" | "admin"),
        Access::Admin | Access::SelfOrAdmin => caller == "admin",
    }
}

struct Fixture {
    tokens: BTreeMap<&'static str, Option<String>>,
    ids: BTreeMap<&'static str, String>,
    actor_a: Value,
    shared: Value,
    internal: Value,
    other: Value,
}

impl Fixture {
    /// The path with its parameters filled with fixture ids: project ones
    /// point at the project shared with A, actor ones at actor A.
    fn path(&self, pattern: &str) -> String {
        let mut path = pattern.to_owned();
        for (name, value) in &self.ids {
            path = path.replace(&format!("{{{name}}}"), value);
        }
        path
    }
}

async fn user(app: &TestApp, admin: &str, role: &str, actor: Option<&Value>) -> String {
    let email = format!("{role}-{}@test.example", uuid::Uuid::new_v4().simple());
    let password = "Mot-de-passe-de-test-solide";
    let mut body = json!({"email": email, "display_name": format!("Compte {role}"), "role": role, "password": password});
    if let Some(actor) = actor {
        body["actor_id"] = actor["id"].clone();
    }
    let response = app.post("/api/v1/users", admin, body).await;
    let status = response.status();
    let created: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        created["actor_id"],
        actor.map(|a| a["id"].clone()).unwrap_or(Value::Null)
    );
    app.tokens(&email, password).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn fixture(app: &TestApp) -> Fixture {
    let admin = app.admin_token().await;
    let actor_a = create_actor(
        app,
        &admin,
        json!({"name": "Association A", "kind": "association", "notes": "Note interne"}),
    )
    .await;
    let actor_b = create_actor(
        app,
        &admin,
        json!({"name": "Entreprise B", "kind": "company"}),
    )
    .await;
    let project = |title: &str, visibility: &str| {
        json!({"title": title, "axis": "Innovation", "commission_date": "2024-01-10", "visibility": visibility,
               "description": "Analyse interne", "tags": ["sensible"]})
    };
    let shared = create_project(app, &admin, project("Partagé avec A", "partners")).await;
    let internal = create_project(app, &admin, project("Interne avec A", "internal")).await;
    let other = create_project(app, &admin, project("Partagé avec B", "partners")).await;
    for (project, actor) in [
        (&shared, &actor_a),
        (&internal, &actor_a),
        (&other, &actor_b),
    ] {
        let response = app
            .post(
                &format!("/api/v1/projects/{}/participants", project["id"]),
                &admin,
                json!({"actor_id": actor["id"], "role": "partner"}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let base = format!("/api/v1/projects/{}", shared["id"]);
    let post = |path: String, body: Value| {
        let admin = admin.clone();
        async move {
            let response = app.post(&path, &admin, body).await;
            let status = response.status();
            let value: Value = response.json().await.unwrap();
            assert_eq!(status, StatusCode::CREATED, "{path}: {value}");
            value
        }
    };
    let transition = app
        .post(
            &format!("{base}/transitions"),
            &admin,
            json!({"to": "cadrage", "date": "2024-02-01", "motivation": "Motivation interne"}),
        )
        .await;
    assert_eq!(transition.status(), StatusCode::CREATED);
    let milestone = post(format!("{base}/milestones"), json!({"title": "Jalon"})).await;
    let note = post(
        format!("{base}/journal"),
        json!({"kind": "note", "body": "Note interne"}),
    )
    .await;
    post(
        format!("{base}/journal"),
        json!({"kind": "partner", "body": "Compte rendu partagé"}),
    )
    .await;
    let line_a = post(format!("{base}/funding-lines"), json!({"funder_id": actor_a["id"], "category": "private", "amount_cents": 1_000_000, "status": "granted"})).await;
    post(format!("{base}/funding-lines"), json!({"funder_id": actor_b["id"], "category": "private", "amount_cents": 5_000_000, "status": "granted"})).await;
    let indicator = post(format!("{base}/indicators"), json!({
        "name": "Usagers", "unit": "personnes", "level": "output", "direction": "increase",
        "baseline_value": "0", "baseline_date": "2024-01-01", "target_value": "100", "target_date": "2026-01-01"
    })).await;
    let measurement = post(
        format!("{base}/indicators/{}/measurements", indicator["id"]),
        json!({"date": "2025-01-01", "value": "40"}),
    )
    .await;
    let contact = post(
        format!("/api/v1/actors/{}/contacts", actor_a["id"]),
        json!({"name": "Camille Durand", "email": "camille@a.example"}),
    )
    .await;
    post(
        format!("/api/v1/actors/{}/contacts", actor_b["id"]),
        json!({"name": "Dominique Roux", "email": "dominique@b.example"}),
    )
    .await;
    submit_ex_ante(app, &admin, &shared, 3).await;
    let evaluations: Value = app
        .get(&format!("{base}/evaluations"), &admin)
        .await
        .json()
        .await
        .unwrap();
    let grid: Value = app
        .get("/api/v1/evaluation-grids", &admin)
        .await
        .json()
        .await
        .unwrap();
    let me: Value = app.get("/api/v1/me", &admin).await.json().await.unwrap();

    let mut tokens = BTreeMap::new();
    tokens.insert("anonymous", None);
    tokens.insert(
        "partner_a",
        Some(user(app, &admin, "partner", Some(&actor_a)).await),
    );
    tokens.insert(
        "partner_b",
        Some(user(app, &admin, "partner", Some(&actor_b)).await),
    );
    for role in ["viewer", "engineer", "manager"] {
        tokens.insert(role, Some(user(app, &admin, role, None).await));
    }
    tokens.insert("admin", Some(admin.clone()));

    let id = |v: &Value| v["id"].to_string();
    let mut ids = BTreeMap::new();
    ids.insert("id", id(&shared));
    ids.insert("milestone_id", id(&milestone));
    ids.insert("entry_id", id(&note));
    ids.insert("line_id", id(&line_a));
    ids.insert("indicator_id", id(&indicator));
    ids.insert("measurement_id", id(&measurement));
    ids.insert("contact_id", id(&contact));
    ids.insert("evaluation_id", id(&evaluations[0]));
    ids.insert("participant_id", "999999".to_owned());
    ids.insert("document_id", "999999".to_owned());
    ids.insert("version", "1".to_owned());
    ids.insert("webhook", webhook(app, &admin).await);
    let scenario = post(
        "/api/v1/programming/scenarios".to_owned(),
        json!({"name": "Report d'un an", "shifts": [{"project_id": shared["id"], "years": 1}]}),
    )
    .await;
    ids.insert("scenario", id(&scenario));
    let opportunity = post(
        "/api/v1/funding-opportunities".to_owned(),
        json!({"name": "Appel à projets", "funder_name": "Région"}),
    )
    .await;
    ids.insert("opportunity_id", id(&opportunity));
    let published = create_project(app, &admin, project("Publié", "public")).await;
    ids.insert(
        "reference",
        published["reference"].as_str().unwrap().to_owned(),
    );
    ids.insert("name", "projets.json".to_owned());
    let town = app
        .client
        .put(app.url("/api/v1/settings/town"))
        .bearer_auth(&admin)
        .json(&json!({"name": "Ville", "siret": shared::siret::with_check_digit("2126028190001")}))
        .send()
        .await
        .unwrap();
    assert_eq!(town.status(), StatusCode::OK);
    let _ = (&grid, &me);
    Fixture {
        tokens,
        ids,
        actor_a,
        shared,
        internal,
        other,
    }
}

/// A subscription to a local port where nothing listens, inactive: the
/// matrix's writes never send anything.
async fn webhook(app: &TestApp, admin: &str) -> String {
    let response = app
        .client
        .put(app.url("/api/v1/settings/webhooks"))
        .bearer_auth(admin)
        .json(&json!({"allow_private_addresses": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = app
        .post(
            "/api/v1/webhooks",
            admin,
            json!({"url": "http://127.0.0.1:9/hook", "events": ["project.created"], "active": false}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json::<Value>().await.unwrap()["id"].to_string()
}

/// Actor routes take actor A's id, the others the shared project's.
fn concrete(fixture: &Fixture, pattern: &str) -> String {
    if pattern.starts_with("/api/v1/actors/{id}") {
        pattern
            .replace("{id}", &fixture.actor_a["id"].to_string())
            .replace("{contact_id}", &fixture.ids["contact_id"])
    } else if pattern.starts_with("/api/v1/users/{id}") {
        pattern.replace("{id}", "1")
    } else if pattern.starts_with("/api/v1/webhooks/{id}") {
        pattern.replace("{id}", &fixture.ids["webhook"])
    } else if pattern.starts_with("/api/v1/funding-opportunities/{id}") {
        pattern.replace("{id}", &fixture.ids["opportunity_id"])
    } else if pattern.starts_with("/api/v1/programming/scenarios/{id}") {
        pattern.replace("{id}", &fixture.ids["scenario"])
    } else if pattern.starts_with("/api/v1/evaluation-grids/{id}") {
        pattern.replace("{id}", "1").replace("{version}", "1")
    } else {
        fixture.path(pattern)
    }
}

async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = app
        .client
        .request(method, app.url(path))
        .header("If-Match", "\"1\"");
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let body = response.json::<Value>().await.unwrap_or(Value::Null);
    (status, body)
}

fn expected_read(kind: Reads, caller: &str) -> &'static [u16] {
    use Reads::*;
    let staff = matches!(caller, "viewer" | "engineer" | "manager" | "admin");
    match (kind, caller) {
        (Public, _) => &[200],
        (_, "anonymous") => &[401],
        (Admin, "admin") => &[200],
        (Admin, _) => &[403],
        (Manager | Blind(_), "manager" | "admin") => &[200],
        (Manager, _) => &[403],
        (Blind(_), "partner_a" | "partner_b") => &[403],
        (Blind(403), _) => &[403],
        (Blind(_), _) => &[404],
        (Staff, _) if staff => &[200],
        (Staff, _) => &[403],
        (SharedObject | FilteredList, _) if staff => &[200],
        (SharedObject | FilteredList, "partner_a") => &[200],
        // B's partner: the project and actor A do not exist for them.
        (SharedObject, _) => &[404],
        (FilteredList, _) => &[200],
    }
}

db_test! {
    async fn every_endpoint_answers_each_caller_as_allowed(app) {
        let fixture = fixture(&app).await;
        let mut failures = Vec::new();
        // Reads first, then writes: a write that is allowed changes the
        // fixture the reads rely on. Writes are tried by the callers who
        // must not get through (and partner A, on what is theirs).
        let mut endpoints = routes::table();
        endpoints.sort_by_key(|e| e.method != actix_web::http::Method::GET);
        for endpoint in endpoints {
            let pattern = endpoint.path;
            let path = concrete(&fixture, pattern);
            let method = Method::from_bytes(endpoint.method.as_str().as_bytes()).unwrap();
            for caller in CALLERS {
                let token = fixture.tokens[caller].as_deref();
                if method != Method::GET && matches!(caller, "engineer" | "manager" | "admin") {
                    continue;
                }
                if method == Method::GET {
                    let (status, body) = call(&app, method.clone(), &path, token, None).await;
                    let allowed = expected_read(reads(&endpoint), caller);
                    // Exports and downloads of placeholder objects answer 404 to staff.
                    let placeholder = path.contains("999999") && status == 404;
                    if !allowed.contains(&status) && !placeholder {
                        failures.push(format!("GET {pattern} as {caller}: {status} (expected {allowed:?}) {body}"));
                    }
                } else {
                    // A write with an empty body: never a success for a
                    // caller without the right, and never a 5xx.
                    let (status, body) = call(&app, method.clone(), &path, token, Some(json!({}))).await;
                    let public_write = endpoint.access == Access::Public;
                    if status >= 500 {
                        failures.push(format!("{method} {pattern} as {caller}: {status} {body}"));
                    }
                    if caller == "anonymous" && !public_write && status != 401 {
                        failures.push(format!("{method} {pattern} as anonymous: {status} (expected 401)"));
                    }
                    // Every account marks its own notifications read and
                    // sets its own preferences.
                    let own_write = endpoint.access == Access::SignedIn;
                    if matches!(caller, "partner_b" | "viewer") && (200..300).contains(&status) && !public_write && !own_write {
                        failures.push(format!("{method} {pattern} as {caller}: {status}, a write went through"));
                    }
                    // A role the table shuts out is refused before its body
                    // is read.
                    if caller != "anonymous" && !may_write(endpoint.access, caller) && status != 403 {
                        failures.push(format!("{method} {pattern} as {caller}: {status} (expected 403 from the table's {:?})", endpoint.access));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{} unexpected answers:\n{}", failures.len(), failures.join("\n"));
    }

    async fn partners_see_only_what_is_theirs(app) {
        let fixture = fixture(&app).await;
        let a = fixture.tokens["partner_a"].clone().unwrap();
        let b = fixture.tokens["partner_b"].clone().unwrap();
        let base = format!("/api/v1/projects/{}", fixture.shared["id"]);

        // Lists hold only what is shared, and count only that.
        let list: Value = app.get("/api/v1/projects", &a).await.json().await.unwrap();
        let ids: Vec<i64> = list["items"].as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect();
        assert_eq!((ids, list["total"].as_i64()), (vec![fixture.shared["id"].as_i64().unwrap()], Some(1)));
        let list: Value = app.get("/api/v1/projects?q=Interne", &a).await.json().await.unwrap();
        assert_eq!(list["total"], 0, "the internal project is not even counted");
        let list: Value = app.get("/api/v1/projects", &b).await.json().await.unwrap();
        assert_eq!(list["total"], 1, "B sees its own project only");
        assert_error(app.get(&format!("/api/v1/projects/{}", fixture.internal["id"]), &a).await, 404, "not_found").await;
        assert_error(app.get(&format!("/api/v1/projects/{}", fixture.other["id"]), &a).await, 404, "not_found").await;

        // The project without internal fields; finance of A's own lines.
        let project: Value = app.get(&base, &a).await.json().await.unwrap();
        assert!(project["description"].is_null() && project["lead_id"].is_null());
        assert_eq!((project["tags"].clone(), project["allowed_transitions"].clone()), (json!([]), json!([])));
        assert_eq!(project["finance"]["secured_cents"], 1_000_000);
        let history: Value = app.get(&format!("{base}/transitions"), &a).await.json().await.unwrap();
        assert_eq!((history[0]["to"].as_str(), history[0]["motivation"].as_str()), (Some("cadrage"), Some("")));
        let lines: Value = app.get(&format!("{base}/funding-lines"), &a).await.json().await.unwrap();
        assert_eq!(lines.as_array().unwrap().len(), 1);
        assert_eq!(lines[0]["funder_id"], fixture.actor_a["id"]);
        let journal: Value = app.get(&format!("{base}/journal"), &a).await.json().await.unwrap();
        assert_eq!(journal.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect::<Vec<_>>(), vec!["partner"]);
        let participants: Value = app.get(&format!("{base}/participants"), &a).await.json().await.unwrap();
        assert_eq!(participants[0]["actor_name"], "Association A");

        // Never: evaluations, documents, dashboard, users, audit log, other contacts.
        for path in [format!("{base}/evaluations"), format!("{base}/documents"), "/api/v1/dashboard".into(), "/api/v1/users".into(), "/api/v1/audit-log".into(), "/api/v1/network".into()] {
            assert_error(app.get(&path, &a).await, 403, "forbidden").await;
        }
        let actors: Value = app.get("/api/v1/actors", &a).await.json().await.unwrap();
        assert_eq!((actors["total"].as_i64(), actors["items"][0]["notes"].is_null()), (Some(1), true));
        let contacts: Value = app.get(&format!("/api/v1/actors/{}/contacts", fixture.actor_a["id"]), &b).await.json().await.unwrap_or(Value::Null);
        assert!(contacts.get("error").is_some(), "B reads none of A's contacts: {contacts}");

        // What A may write: their record, contacts, measurements, partner journal.
        let actor_path = format!("/api/v1/actors/{}", fixture.actor_a["id"]);
        let response = app.patch(&actor_path, &a, Some(1), json!({"website": "https://a.example", "notes": "pas à moi"})).await;
        assert_eq!(response.status(), StatusCode::OK);
        let staff_view: Value = app.get(&actor_path, &fixture.tokens["admin"].clone().unwrap()).await.json().await.unwrap();
        assert_eq!((staff_view["website"].as_str(), staff_view["notes"].as_str()), (Some("https://a.example"), Some("Note interne")));
        assert_error(app.patch(&actor_path, &b, Some(2), json!({"website": "https://b.example"})).await, 404, "not_found").await;
        let response = app.post(&format!("{actor_path}/contacts"), &a, json!({"name": "Nouveau contact"})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let measurements = format!("{base}/indicators/{}/measurements", fixture.ids["indicator_id"]);
        let response = app.post(&measurements, &a, json!({"date": "2025-06-01", "value": "55"})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let response = app.post(&format!("/api/v1/projects/{}/indicators/1/measurements", fixture.other["id"]), &a, json!({"date": "2025-06-01", "value": "55"})).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let response = app.post(&format!("{base}/journal"), &a, json!({"kind": "note", "body": "Point d'étape de l'association"})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let entry: Value = response.json().await.unwrap();
        assert_eq!(entry["kind"], "partner", "what partners write is shared");
        assert_error(app.post(&format!("{base}/milestones"), &a, json!({"title": "Non"})).await, 403, "forbidden").await;
        assert_error(app.post(&format!("{base}/transitions"), &a, json!({"to": "instruction", "date": "2024-03-01", "motivation": "Non"})).await, 403, "forbidden").await;
    }

    async fn partner_accounts_need_an_actor(app) {
        let admin = app.admin_token().await;
        let body = assert_error(app.post("/api/v1/users", &admin, json!({"email": "p@test.example", "display_name": "P", "role": "partner", "password": "Mot-de-passe-de-test-solide"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["actor_id"]);
        let body = assert_error(app.post("/api/v1/users", &admin, json!({"email": "p@test.example", "display_name": "P", "role": "partner", "password": "Mot-de-passe-de-test-solide", "actor_id": 424242})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["actor_id"]);
        let actor = create_actor(&app, &admin, json!({"name": "Asso", "kind": "association"})).await;
        let body = assert_error(app.post("/api/v1/users", &admin, json!({"email": "v@test.example", "display_name": "V", "role": "viewer", "password": "Mot-de-passe-de-test-solide", "actor_id": actor["id"]})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["actor_id"]);
        let me_token = user(&app, &admin, "partner", Some(&actor)).await;
        let me: Value = app.get("/api/v1/me", &me_token).await.json().await.unwrap();
        assert_eq!((me["role"].as_str(), me["actor_id"].clone()), (Some("partner"), actor["id"].clone()));
        let _ = app.request(Method::GET, "/api/v1/me", None, None).await;
    }
}

db_test! {
    async fn api_keys_are_scoped_hashed_revocable_and_rate_limited(app) {
        let admin = app.admin_token().await;
        let project = create_project(&app, &admin, json!({"title": "Données ouvertes", "axis": "Innovation"})).await;
        let (_, engineer) = app.user_with_role("engineer").await;
        assert_error(app.post("/api/v1/api-keys", &engineer, json!({"name": "SIG", "scopes": ["read:projects"]})).await, 403, "forbidden").await;
        let body = assert_error(app.post("/api/v1/api-keys", &admin, json!({"name": "", "scopes": []})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["name", "scopes"]);
        assert_error(app.post("/api/v1/api-keys", &admin, json!({"name": "SIG", "scopes": ["write:everything"]})).await, 422, "validation_failed").await;

        let response = app.post("/api/v1/api-keys", &admin, json!({"name": "SIG de la ville", "scopes": ["read:projects", "write:indicators"]})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let created: Value = response.json().await.unwrap();
        let secret = created["secret"].as_str().unwrap().to_owned();
        assert!(secret.starts_with(created["prefix"].as_str().unwrap()));
        assert!(created["last_used_at"].is_null());

        // In scope: reads of projects, writes of indicators.
        let list: Value = app.get("/api/v1/projects", &secret).await.json().await.unwrap();
        assert_eq!(list["total"], 1);
        let response = app.post(&format!("/api/v1/projects/{}/indicators", project["id"]), &secret, json!({
            "name": "Jeux de données publiés", "unit": "jeux", "level": "output", "direction": "increase",
            "baseline_value": "0", "baseline_date": "2024-01-01", "target_value": "20", "target_date": "2026-01-01"
        })).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let log: Value = app.get("/api/v1/audit-log?entity=indicator", &admin).await.json().await.unwrap();
        assert_eq!(log["items"][0]["api_key_id"], created["id"], "{log}");
        // Out of scope: everything else, writes included.
        assert_error(app.get("/api/v1/actors", &secret).await, 403, "forbidden").await;
        assert_error(app.get("/api/v1/dashboard", &secret).await, 403, "forbidden").await;
        assert_error(app.get("/api/v1/users", &secret).await, 403, "forbidden").await;
        assert_error(app.post("/api/v1/projects", &secret, json!({"title": "X", "axis": "Innovation"})).await, 403, "forbidden").await;
        assert_error(app.post("/api/v1/api-keys", &secret, json!({"name": "X", "scopes": ["read:actors"]})).await, 403, "forbidden").await;
        // A wrong secret with a right prefix, and a made-up key.
        let forged = format!("{}x", &secret[..secret.len() - 1]);
        assert_error(app.get("/api/v1/projects", &forged).await, 401, "unauthenticated").await;
        assert_error(app.get("/api/v1/projects", "ia_nothing_here").await, 401, "unauthenticated").await;

        let keys: Value = app.get("/api/v1/api-keys", &admin).await.json().await.unwrap();
        assert!(keys[0]["last_used_at"].is_string());
        assert!(keys[0].get("secret").is_none() && !keys.to_string().contains(&secret));

        let response = app.client.delete(app.url(&format!("/api/v1/api-keys/{}", created["id"]))).bearer_auth(&admin).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        assert_error(app.get("/api/v1/projects", &secret).await, 401, "unauthenticated").await;

        // An expiry in the past is refused; the rate limit answers 429.
        assert_error(app.post("/api/v1/api-keys", &admin, json!({"name": "X", "scopes": ["read:projects"], "expires_at": "2020-01-01T00:00:00Z"})).await, 422, "validation_failed").await;
    }
}

#[actix_web::test]
async fn api_keys_are_rate_limited_one_by_one() {
    let app = spawn_app_with(Backend::Sqlite, |config| config.auth.api_key_per_minute = 3)
        .await
        .unwrap();
    let admin = app.admin_token().await;
    let created: Value = app
        .post(
            "/api/v1/api-keys",
            &admin,
            json!({"name": "Lent", "scopes": ["read:projects"]}),
        )
        .await
        .json()
        .await
        .unwrap();
    let secret = created["secret"].as_str().unwrap();
    for _ in 0..3 {
        assert_eq!(
            app.get("/api/v1/projects", secret).await.status(),
            StatusCode::OK
        );
    }
    let limited = app.get("/api/v1/projects", secret).await;
    assert!(limited.headers().contains_key("retry-after"));
    assert_error(limited, 429, "rate_limited").await;
    let other: Value = app
        .post(
            "/api/v1/api-keys",
            &admin,
            json!({"name": "Autre", "scopes": ["read:projects"]}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        app.get("/api/v1/projects", other["secret"].as_str().unwrap())
            .await
            .status(),
        StatusCode::OK
    );
}

/// A fake SMTP relay: accepts one message and hands its text over.
async fn smtp_relay() -> (u16, tokio::sync::oneshot::Receiver<String>) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (sender, receiver) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (socket, _) = listener.accept().await.unwrap();
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read).lines();
        write.write_all(b"220 relay ESMTP\r\n").await.unwrap();
        let (mut data, mut in_data) = (String::new(), false);
        while let Ok(Some(line)) = lines.next_line().await {
            if in_data {
                if line == "." {
                    in_data = false;
                    write.write_all(b"250 queued\r\n").await.unwrap();
                } else {
                    data.push_str(&line);
                    data.push('\n');
                }
                continue;
            }
            let command = line.to_ascii_uppercase();
            let answer: &[u8] = if command.starts_with("EHLO") {
                b"250-relay\r\n250 8BITMIME\r\n"
            } else if command.starts_with("DATA") {
                in_data = true;
                b"354 go on\r\n"
            } else if command.starts_with("QUIT") {
                write.write_all(b"221 bye\r\n").await.unwrap();
                break;
            } else {
                b"250 ok\r\n"
            };
            write.write_all(answer).await.unwrap();
        }
        let _ = sender.send(data);
    });
    (port, receiver)
}

db_test! {
    async fn invitations_open_a_partner_account_once(app) {
        let admin = app.admin_token().await;
        let actor = create_actor(&app, &admin, json!({"name": "Coopérative", "kind": "association"})).await;
        let (_, manager) = app.user_with_role("manager").await;
        let invite = json!({"email": "Marie@Coop.example", "display_name": "Marie Coop", "actor_id": actor["id"]});
        assert_error(app.post("/api/v1/invitations", &manager, invite.clone()).await, 403, "forbidden").await;
        let body = assert_error(app.post("/api/v1/invitations", &admin, json!({"email": "x", "display_name": "", "actor_id": 99999})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["email", "display_name"]);
        assert_error(app.post("/api/v1/invitations", &admin, json!({"email": "y@coop.example", "display_name": "Y", "actor_id": 99999})).await, 422, "validation_failed").await;

        let response = app.post("/api/v1/invitations", &admin, invite.clone()).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let created: Value = response.json().await.unwrap();
        assert_eq!((created["emailed"].as_bool(), created["email"].as_str()), (Some(false), Some("marie@coop.example")));
        let link = created["link"].as_str().unwrap();
        let token = link.split("token=").nth(1).unwrap().to_owned();
        assert!(link.contains("/invitation?token="));
        // The account exists, inactive, and cannot sign in yet.
        assert_eq!(app.login("marie@coop.example", "Un-mot-de-passe-solide-42").await.status(), StatusCode::UNAUTHORIZED);
        assert_error(app.post("/api/v1/invitations", &admin, invite).await, 409, "already_exists").await;
        let listed: Value = app.get("/api/v1/invitations", &admin).await.json().await.unwrap();
        assert_eq!(listed[0]["actor_id"], actor["id"]);
        assert!(!listed.to_string().contains(&token), "the token is never listed");

        let accept = |token: &str, password: &str| app.request(Method::POST, "/api/v1/invitations/accept", None, Some(json!({"token": token, "password": password})));
        let body = assert_error(accept(&token, "court").await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["password"]);
        assert_error(accept("not-a-token", "Un-mot-de-passe-solide-42").await, 404, "not_found").await;
        assert_eq!(accept(&token, "Un-mot-de-passe-solide-42").await.status(), StatusCode::NO_CONTENT);
        assert_error(accept(&token, "Un-autre-mot-de-passe-99").await, 404, "not_found").await;
        let tokens = app.tokens("marie@coop.example", "Un-mot-de-passe-solide-42").await;
        let me: Value = app.get("/api/v1/me", tokens["access_token"].as_str().unwrap()).await.json().await.unwrap();
        assert_eq!((me["role"].as_str(), me["actor_id"].clone()), (Some("partner"), actor["id"].clone()));

        // A revoked invitation's link no longer works.
        let second: Value = app.post("/api/v1/invitations", &admin, json!({"email": "paul@coop.example", "display_name": "Paul", "actor_id": actor["id"]})).await.json().await.unwrap();
        let second_token = second["link"].as_str().unwrap().split("token=").nth(1).unwrap().to_owned();
        let response = app.client.delete(app.url(&format!("/api/v1/invitations/{}", second["id"]))).bearer_auth(&admin).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        assert_error(accept(&second_token, "Un-mot-de-passe-solide-42").await, 404, "not_found").await;
    }

    async fn a_contact_person_can_get_and_erase_their_data(app) {
        let admin = app.admin_token().await;
        let actor = create_actor(&app, &admin, json!({"name": "Fablab", "kind": "association"})).await;
        let contacts = format!("/api/v1/actors/{}/contacts", actor["id"]);
        let contact: Value = app.post(&contacts, &admin, json!({"name": "Léa Martin", "role": "Présidente", "email": "lea@fablab.example", "phone": "04 75 00 00 00"})).await.json().await.unwrap();
        let path = format!("{contacts}/{}", contact["id"]);
        let (_, manager) = app.user_with_role("manager").await;
        assert_error(app.get(&format!("{path}/personal-data"), &manager).await, 403, "forbidden").await;

        let export: Value = app.get(&format!("{path}/personal-data"), &admin).await.json().await.unwrap();
        assert_eq!((export["contact"]["email"].as_str(), export["organisation"].as_str()), (Some("lea@fablab.example"), Some("Fablab")));
        assert_eq!(export["history"][0]["action"], "create");

        let response = app.post(&format!("{path}/erase"), &admin, json!({})).await;
        assert_eq!(response.status(), StatusCode::OK);
        let erased: Value = response.json().await.unwrap();
        assert_eq!(erased["name"], "Contact effacé");
        assert!(erased["email"].is_null() && erased["phone"].is_null() && erased["role"].is_null());
        // Nothing of the person is left anywhere the API reads.
        let log: Value = app.get("/api/v1/audit-log?per_page=200", &admin).await.json().await.unwrap();
        let text = log.to_string();
        assert!(!text.contains("Léa") && !text.contains("lea@fablab"), "the audit log copies no personal data");
        let actions: Vec<&str> = log["items"].as_array().unwrap().iter().filter(|e| e["entity"] == "contact").map(|e| e["action"].as_str().unwrap()).collect();
        assert!(actions.contains(&"erase_personal_data") && actions.contains(&"export_personal_data"), "{actions:?}");
        let listed: Value = app.get(&contacts, &admin).await.json().await.unwrap();
        assert!(!listed.to_string().contains("Léa"));
    }
}

#[actix_web::test]
async fn invitations_are_emailed_when_smtp_is_configured() {
    let (port, message) = smtp_relay().await;
    let app = spawn_app_with(Backend::Sqlite, |config| {
        config.server.smtp = Some(backend::config::SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            from: "Innov'Action <innovaction@ville.example>".into(),
        });
        config.server.public_url = Some("https://innovaction.ville.example".into());
    })
    .await
    .unwrap();
    let admin = app.admin_token().await;
    let actor = create_actor(
        &app,
        &admin,
        json!({"name": "Coopérative", "kind": "association"}),
    )
    .await;
    let created: Value = app.post("/api/v1/invitations", &admin, json!({"email": "marie@coop.example", "display_name": "Marie", "actor_id": actor["id"]})).await.json().await.unwrap();
    assert_eq!(
        (created["emailed"].as_bool(), created["link"].is_null()),
        (Some(true), true),
        "{created}"
    );
    let text = message.await.unwrap();
    assert!(
        text.contains("https://innovaction.ville.example/invitation?token="),
        "{text}"
    );
    assert!(text.contains("marie@coop.example"));
}
