use crate::actors::create_actor;
use crate::evaluations::submit_ex_ante;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

pub async fn create_project(app: &TestApp, token: &str, body: Value) -> Value {
    let response = app.post("/api/v1/projects", token, body).await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

pub async fn move_to(
    app: &TestApp,
    token: &str,
    project: &Value,
    body: Value,
) -> reqwest::Response {
    app.post(
        &format!("/api/v1/projects/{}/transitions", project["id"]),
        token,
        body,
    )
    .await
}

fn step(to: &str, date: &str) -> Value {
    json!({"to": to, "date": date, "motivation": format!("Passage en {to}")})
}

db_test! {
    async fn a_project_starts_in_commande_with_a_generated_reference(app) {
        let admin = app.admin_token().await;
        let me: Value = app.get("/api/v1/me", &admin).await.json().await.unwrap();
        let first = create_project(&app, &admin, json!({
            "title": "Tiers-lieu des Tanneurs", "summary": "Un lieu partagé", "axis": "Innovation",
            "innovation_types": ["social", "public_service"], "commission_date": "2024-03-15",
            "lead_id": me["id"], "team": [me["id"]], "sponsor": "Adjointe à l'innovation",
            "commune_insee": "26281", "area": "Centre ancien", "total_cost_cents": 120_000_000, "visibility": "partners",
            "tags": ["quartier"]
        })).await;
        assert_eq!(first["reference"], "2024-001");
        assert_eq!(first["phase"], "commande");
        assert_eq!(first["allowed_transitions"], json!(["cadrage", "suspendu", "abandonne"]));
        assert_eq!(first["instruction_days"], Value::Null);
        assert_eq!(first["finance"]["total_cost_cents"], 120_000_000);
        assert_eq!(first["finance"]["leverage"], Value::Null);
        let second = create_project(&app, &admin, json!({"title": "Second", "axis": "Prospective", "commission_date": "2024-06-01"})).await;
        assert_eq!(second["reference"], "2024-002");
        let other_year = create_project(&app, &admin, json!({"title": "Autre année", "axis": "Prospective", "commission_date": "2025-01-10"})).await;
        assert_eq!(other_year["reference"], "2025-001");
        assert_eq!(other_year["visibility"], "internal");
    }

    async fn bad_project_fields_are_named(app) {
        let admin = app.admin_token().await;
        let body = assert_error(app.post("/api/v1/projects", &admin, json!({"title": "X", "axis": "Tourisme"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["axis"]);
        let body = assert_error(app.post("/api/v1/projects", &admin, json!({
            "title": "X", "axis": "Innovation", "commission_date": "2024-05-01", "start_date": "2024-04-01",
            "total_cost_cents": -5, "lead_id": 9999, "commune_insee": "abc"
        })).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["start_date", "commune_insee", "total_cost_cents", "lead_id"]);
        let body = assert_error(app.post("/api/v1/projects", &admin, json!({"title": "X", "axis": "Innovation", "commission_date": "2024-13-01"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["commission_date"]);
        let body = assert_error(app.post("/api/v1/projects", &admin, json!({"title": "X", "axis": "Innovation", "innovation_types": ["magic"]})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["innovation_types[0]"]);
        let body = assert_error(app.post("/api/v1/projects", &admin, json!({"title": "X", "axis": "Innovation", "total_cost_cents": 12.5})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["total_cost_cents"]);
        let (partner, _) = app.user_with_role("partner").await;
        let body = assert_error(app.post("/api/v1/projects", &admin, json!({"title": "X", "axis": "Innovation", "lead_id": partner["id"]})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["lead_id"]);
        let list: Value = app.get("/api/v1/projects", &admin).await.json().await.unwrap();
        assert_eq!(list["total"], 0, "nothing half-written");
    }

    async fn the_list_filters_sorts_and_pages(app) {
        let app = &app;
        let admin = app.admin_token().await;
        let me: Value = app.get("/api/v1/me", &admin).await.json().await.unwrap();
        create_project(app, &admin, json!({"title": "Maison du vélo", "axis": "Développement", "commission_date": "2023-02-01", "innovation_types": ["social"], "tags": ["mobilité"], "total_cost_cents": 500})).await;
        create_project(app, &admin, json!({"title": "Halle gourmande", "summary": "Circuits courts", "axis": "Attractivité", "commission_date": "2024-02-01", "lead_id": me["id"], "total_cost_cents": 300})).await;
        let third = create_project(app, &admin, json!({"title": "Réseau de chaleur", "axis": "Investissement", "commission_date": "2024-09-01", "innovation_types": ["technological", "social"], "tags": ["énergie"], "total_cost_cents": 900})).await;
        assert_eq!(move_to(app, &admin, &third, step("cadrage", "2024-10-01")).await.status(), StatusCode::CREATED);

        let refs = |page: &Value| -> Vec<String> { page["items"].as_array().unwrap().iter().map(|p| p["reference"].as_str().unwrap().to_owned()).collect() };
        let get = |query: &str| { let admin = admin.clone(); let path = format!("/api/v1/projects?{query}"); async move { app.get(&path, &admin).await.json::<Value>().await.unwrap() } };
        assert_eq!(refs(&get("").await), vec!["2023-001", "2024-001", "2024-002"]);
        assert_eq!(refs(&get("phase=cadrage").await), vec!["2024-002"]);
        assert_eq!(refs(&get("axis=Attractivit%C3%A9").await), vec!["2024-001"]);
        assert_eq!(refs(&get(&format!("lead_id={}", me["id"])).await), vec!["2024-001"]);
        assert_eq!(refs(&get("innovation_type=social").await), vec!["2023-001", "2024-002"]);
        assert_eq!(refs(&get("tag=%C3%A9nergie").await), vec!["2024-002"]);
        assert_eq!(refs(&get("commission_year=2024").await), vec!["2024-001", "2024-002"]);
        assert_eq!(refs(&get("q=circuits").await), vec!["2024-001"]);
        assert_eq!(refs(&get("q=2023-0").await), vec!["2023-001"]);
        assert_eq!(refs(&get("sort=-total_cost_cents").await), vec!["2024-002", "2023-001", "2024-001"]);
        let page = get("sort=title&per_page=2&page=2").await;
        assert_eq!((refs(&page), page["total"].as_i64()), (vec!["2024-002".to_owned()], Some(3)));
        assert!(page["items"][0]["finance"].is_object());
        assert_error(app.get("/api/v1/projects?phase=done", &admin).await, 400, "invalid_query_parameter").await;
        assert_error(app.get("/api/v1/projects?commission_year=twenty", &admin).await, 400, "invalid_query_parameter").await;
    }

    async fn the_lifecycle_runs_from_commande_to_cloture(app) {
        let admin = app.admin_token().await;
        let project = create_project(&app, &admin, json!({"title": "Pépinière", "axis": "Développement", "commission_date": "2022-01-10"})).await;
        for (to, date) in [("cadrage", "2022-02-01"), ("instruction", "2022-03-01")] {
            assert_eq!(move_to(&app, &admin, &project, step(to, date)).await.status(), StatusCode::CREATED);
        }
        submit_ex_ante(&app, &admin, &project, 4).await;
        let body = assert_error(move_to(&app, &admin, &project, step("decision", "2022-04-01")).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["outcome"]);
        let response = move_to(&app, &admin, &project, json!({"to": "decision", "date": "2022-04-11", "motivation": "Conseil municipal", "outcome": "go_with_conditions"})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let decided: Value = response.json().await.unwrap();
        assert_eq!(decided["phase"], "decision");
        assert_eq!(decided["decision_outcome"], "go_with_conditions");
        assert_eq!(decided["decision_date"], "2022-04-11");
        assert_eq!(decided["instruction_days"], 91);
        assert_eq!(decided["transition"]["to"], "decision");
        for (to, date) in [("realisation", "2022-05-01"), ("evaluation", "2023-05-01"), ("cloture", "2023-09-01")] {
            assert_eq!(move_to(&app, &admin, &project, step(to, date)).await.status(), StatusCode::CREATED);
        }
        let closed: Value = app.get(&format!("/api/v1/projects/{}", project["id"]), &admin).await.json().await.unwrap();
        assert_eq!(closed["phase"], "cloture");
        assert_eq!(closed["start_date"], "2022-05-01");
        assert_eq!(closed["actual_end_date"], "2023-09-01");
        assert_eq!(closed["allowed_transitions"], json!([]));
        let body = assert_error(move_to(&app, &admin, &project, step("realisation", "2023-10-01")).await, 409, "conflict").await;
        assert!(body["error"]["details"].as_array().is_none_or(|d| d.is_empty()));

        let history: Value = app.get(&format!("/api/v1/projects/{}/transitions", project["id"]), &admin).await.json().await.unwrap();
        let moves: Vec<(String, String)> = history.as_array().unwrap().iter().map(|t| (t["from"].as_str().unwrap().to_owned(), t["to"].as_str().unwrap().to_owned())).collect();
        assert_eq!(moves.len(), 6);
        assert_eq!(moves[0], ("commande".to_owned(), "cadrage".to_owned()));
        assert_eq!(history[2]["motivation"], "Conseil municipal");
        assert_eq!(history[2]["outcome"], "go_with_conditions");
        assert!(history[2]["user_id"].as_i64().is_some());
    }

    async fn illegal_moves_get_409_with_the_allowed_phases(app) {
        let admin = app.admin_token().await;
        let project = create_project(&app, &admin, json!({"title": "Skate-park", "axis": "Attractivité", "commission_date": "2024-01-01"})).await;
        let body = assert_error(move_to(&app, &admin, &project, step("realisation", "2024-02-01")).await, 409, "conflict").await;
        let allowed: Vec<&str> = body["error"]["details"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
        assert_eq!(allowed, vec!["cadrage", "suspendu", "abandonne"]);
        assert!(body["error"]["message"].as_str().unwrap().contains("cadrage"));
        let body = assert_error(move_to(&app, &admin, &project, step("cadrage", "2023-12-31")).await, 422, "validation_failed").await;
        assert_eq!(body["error"]["details"][0]["code"], "before_commission");
        let body = assert_error(move_to(&app, &admin, &project, json!({"to": "cadrage", "date": "2024-02-01", "motivation": "  "})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["motivation"]);
        let body = assert_error(move_to(&app, &admin, &project, json!({"to": "nowhere", "date": "2024-02-01", "motivation": "x"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["to"]);
        let unchanged: Value = app.get(&format!("/api/v1/projects/{}", project["id"]), &admin).await.json().await.unwrap();
        assert_eq!((unchanged["phase"].as_str(), unchanged["version"].as_i64()), (Some("commande"), Some(1)));
    }

    async fn suspension_resumes_where_it_left_and_no_go_abandons(app) {
        let admin = app.admin_token().await;
        let project = create_project(&app, &admin, json!({"title": "Navette fluviale", "axis": "Prospective", "commission_date": "2021-01-01"})).await;
        move_to(&app, &admin, &project, step("cadrage", "2021-02-01")).await;
        move_to(&app, &admin, &project, step("instruction", "2021-03-01")).await;
        let paused: Value = move_to(&app, &admin, &project, step("suspendu", "2021-04-01")).await.json().await.unwrap();
        assert_eq!((paused["phase"].as_str(), paused["suspended_from"].as_str()), (Some("suspendu"), Some("instruction")));
        assert_eq!(paused["allowed_transitions"], json!(["instruction", "abandonne"]));
        assert_error(move_to(&app, &admin, &project, step("cadrage", "2021-05-01")).await, 409, "conflict").await;
        let resumed: Value = move_to(&app, &admin, &project, step("instruction", "2021-05-01")).await.json().await.unwrap();
        assert_eq!((resumed["phase"].as_str(), resumed["suspended_from"].is_null()), (Some("instruction"), true));

        submit_ex_ante(&app, &admin, &project, 1).await;
        let response = move_to(&app, &admin, &project, json!({"to": "decision", "date": "2021-06-01", "motivation": "Pas de marché", "outcome": "no_go", "reason": "market_relevance"})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let ended: Value = response.json().await.unwrap();
        assert_eq!((ended["phase"].as_str(), ended["abandon_reason"].as_str(), ended["decision_outcome"].as_str()), (Some("abandonne"), Some("market_relevance"), Some("no_go")));
        assert_eq!(ended["instruction_days"], 151);
        let history: Value = app.get(&format!("/api/v1/projects/{}/transitions", project["id"]), &admin).await.json().await.unwrap();
        let last = history.as_array().unwrap().last().unwrap();
        assert_eq!((last["from"].as_str(), last["to"].as_str(), last["reason"].as_str()), (Some("decision"), Some("abandonne"), Some("market_relevance")));

        let other = create_project(&app, &admin, json!({"title": "Autre", "axis": "Prospective", "commission_date": "2021-01-01"})).await;
        let body = assert_error(move_to(&app, &admin, &other, step("abandonne", "2021-02-01")).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["reason"]);
        let gone: Value = move_to(&app, &admin, &other, json!({"to": "abandonne", "date": "2021-02-01", "motivation": "Budget", "reason": "financing", "comment": "Coupes budgétaires"})).await.json().await.unwrap();
        assert_eq!((gone["phase"].as_str(), gone["abandon_reason"].as_str()), (Some("abandonne"), Some("financing")));
    }

    async fn two_writers_one_412_nothing_lost(app) {
        let admin = app.admin_token().await;
        let (_, engineer) = app.user_with_role("engineer").await;
        let project = create_project(&app, &admin, json!({"title": "Éclairage", "axis": "Investissement", "total_cost_cents": 100})).await;
        let path = format!("/api/v1/projects/{}", project["id"]);
        let (first, second) = futures_util::join!(
            app.patch(&path, &admin, Some(1), json!({"summary": "Version de l'admin"})),
            app.patch(&path, &engineer, Some(1), json!({"total_cost_cents": 250}))
        );
        let statuses = [first.status().as_u16(), second.status().as_u16()];
        assert!(statuses.contains(&200) && statuses.contains(&412), "{statuses:?}");
        // The loser reloads and applies its change on top: both survive.
        let current: Value = app.get(&path, &admin).await.json().await.unwrap();
        assert_eq!(current["version"], 2);
        let retry = if statuses[0] == 412 {
            app.patch(&path, &admin, Some(2), json!({"summary": "Version de l'admin"})).await
        } else {
            app.patch(&path, &engineer, Some(2), json!({"total_cost_cents": 250})).await
        };
        assert_eq!(retry.status(), StatusCode::OK);
        let merged: Value = app.get(&path, &admin).await.json().await.unwrap();
        assert_eq!((merged["summary"].as_str(), merged["total_cost_cents"].as_i64(), merged["version"].as_i64()), (Some("Version de l'admin"), Some(250), Some(3)));
        assert_error(app.patch(&path, &admin, Some(3), json!({"phase": "cloture"})).await, 422, "validation_failed").await;
    }

    async fn the_financing_plan_computes_secured_gap_and_leverage(app) {
        let app = &app;
        let admin = app.admin_token().await;
        let city = create_actor(app, &admin, json!({"name": "Ville de Romans-sur-Isère", "kind": "municipality"})).await;
        let region = create_actor(app, &admin, json!({"name": "Région Auvergne-Rhône-Alpes", "kind": "region_department"})).await;
        let bank = create_actor(app, &admin, json!({"name": "Banque des Territoires", "kind": "funder"})).await;
        let project = create_project(app, &admin, json!({"title": "Friche industrielle", "axis": "Investissement", "total_cost_cents": 800_000_00})).await;
        let lines = format!("/api/v1/projects/{}/funding-lines", project["id"]);
        let add = |body: Value| { let admin = admin.clone(); let lines = lines.clone(); async move { let r = app.post(&lines, &admin, body).await; assert_eq!(r.status(), StatusCode::CREATED); r.json::<Value>().await.unwrap() } };
        let finance = || { let admin = admin.clone(); let path = format!("/api/v1/projects/{}", project["id"]); async move { app.get(&path, &admin).await.json::<Value>().await.unwrap()["finance"].clone() } };

        add(json!({"funder_id": city["id"], "category": "city", "amount_cents": 100_000_00, "status": "granted"})).await;
        assert_eq!(finance().await["leverage"], 0.0);
        let regional = add(json!({"funder_id": region["id"], "category": "public", "amount_cents": 300_000_00})).await;
        assert_eq!(regional["status"], "planned");
        assert_eq!(regional["allowed_statuses"], json!(["requested"]));
        add(json!({"funder_id": bank["id"], "category": "private", "amount_cents": 200_000_00, "status": "paid", "decided_on": "2024-01-05", "paid_on": "2024-02-01"})).await;
        let f = finance().await;
        assert_eq!((f["city_cents"].as_i64(), f["secured_others_cents"].as_i64(), f["secured_cents"].as_i64(), f["gap_cents"].as_i64()), (Some(100_000_00), Some(200_000_00), Some(300_000_00), Some(500_000_00)));
        assert_eq!(f["leverage"], 2.0);

        let line = format!("{lines}/{}", regional["id"]);
        let body = assert_error(app.patch(&line, &admin, Some(1), json!({"status": "paid"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["status"]);
        assert_eq!(app.patch(&line, &admin, Some(1), json!({"status": "requested", "requested_on": "2024-03-01"})).await.status(), StatusCode::OK);
        let granted: Value = app.patch(&line, &admin, Some(2), json!({"status": "granted", "decided_on": "2024-06-01"})).await.json().await.unwrap();
        assert_eq!(granted["allowed_statuses"], json!(["paid"]));
        let f = finance().await;
        assert_eq!((f["secured_cents"].as_i64(), f["gap_cents"].as_i64()), (Some(600_000_00), Some(200_000_00)));
        assert_eq!(f["leverage"], 5.0, "1 € of city money levers 5 €");

        let body = assert_error(app.post(&lines, &admin, json!({"funder_id": 99999, "category": "public", "amount_cents": 1})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["funder_id"]);
        let body = assert_error(app.post(&lines, &admin, json!({"funder_id": bank["id"], "category": "crowd", "amount_cents": 1})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["category"]);
        let body = assert_error(app.post(&lines, &admin, json!({"funder_id": bank["id"], "category": "private", "amount_cents": -1})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["amount_cents"]);
        let delete = app.client.delete(app.url(&line)).bearer_auth(&admin).header("If-Match", "\"3\"").send().await.unwrap();
        assert_eq!(delete.status(), StatusCode::NO_CONTENT);
        assert_eq!(finance().await["leverage"], 2.0);
        let log: Value = app.get("/api/v1/audit-log?entity=funding_line", &admin).await.json().await.unwrap();
        let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, vec!["delete", "status_change", "status_change", "create", "create", "create"]);
    }

    async fn participants_hold_roles(app) {
        let admin = app.admin_token().await;
        let actor = create_actor(&app, &admin, json!({"name": "Agglo", "kind": "municipality"})).await;
        let project = create_project(&app, &admin, json!({"title": "Incubateur", "axis": "Innovation"})).await;
        let path = format!("/api/v1/projects/{}/participants", project["id"]);
        assert_eq!(app.post(&path, &admin, json!({"actor_id": actor["id"], "role": "partner"})).await.status(), StatusCode::CREATED);
        let funder: Value = app.post(&path, &admin, json!({"actor_id": actor["id"], "role": "funder"})).await.json().await.unwrap();
        assert_eq!(funder["actor_name"], "Agglo");
        assert_error(app.post(&path, &admin, json!({"actor_id": actor["id"], "role": "funder"})).await, 409, "already_exists").await;
        let body = assert_error(app.post(&path, &admin, json!({"actor_id": 4242, "role": "funder"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["actor_id"]);
        assert_error(app.post(&path, &admin, json!({"actor_id": actor["id"], "role": "sponsor"})).await, 422, "validation_failed").await;

        let roles: Value = app.get(&format!("/api/v1/actors/{}/projects", actor["id"]), &admin).await.json().await.unwrap();
        assert_eq!(roles[0]["roles"], json!(["funder", "partner"]));
        // An actor with roles cannot be deleted.
        let delete = app.client.delete(app.url(&format!("/api/v1/actors/{}", actor["id"]))).bearer_auth(&admin).header("If-Match", "\"1\"").send().await.unwrap();
        assert_error(delete, 409, "conflict").await;
        let remove = app.client.delete(app.url(&format!("{path}/{}", funder["id"]))).bearer_auth(&admin).send().await.unwrap();
        assert_eq!(remove.status(), StatusCode::NO_CONTENT);
        let list: Value = app.get(&path, &admin).await.json().await.unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1);
    }

    async fn milestones_and_journal_form_the_knowledge_base(app) {
        let admin = app.admin_token().await;
        let project = create_project(&app, &admin, json!({"title": "Cantine bio", "axis": "Développement"})).await;
        let milestones = format!("/api/v1/projects/{}/milestones", project["id"]);
        let milestone: Value = app.post(&milestones, &admin, json!({"title": "Appel d'offres", "due_date": "2020-01-01"})).await.json().await.unwrap();
        assert_error(app.post(&milestones, &admin, json!({"title": ""})).await, 422, "validation_failed").await;
        let done: Value = app.patch(&format!("{milestones}/{}", milestone["id"]), &admin, Some(1), json!({"done_date": "2020-02-01"})).await.json().await.unwrap();
        assert_eq!((done["done_date"].as_str(), done["due_date"].as_str(), done["version"].as_i64()), (Some("2020-02-01"), Some("2020-01-01"), Some(2)));

        let journal = format!("/api/v1/projects/{}/journal", project["id"]);
        let (_, engineer) = app.user_with_role("engineer").await;
        let entry: Value = app.post(&journal, &engineer, json!({"kind": "lesson", "body": "Associer les parents dès le cadrage", "date": "2024-05-02"})).await.json().await.unwrap();
        assert_eq!((entry["kind"].as_str(), entry["author_name"].as_str()), (Some("lesson"), Some("Un engineer")));
        assert_error(app.post(&journal, &admin, json!({"kind": "gossip", "body": "x"})).await, 422, "validation_failed").await;
        let (_, other_engineer) = app.user_with_role("engineer").await;
        assert_error(app.patch(&format!("{journal}/{}", entry["id"]), &other_engineer, Some(1), json!({"body": "Réécrit"})).await, 403, "forbidden").await;
        assert_eq!(app.patch(&format!("{journal}/{}", entry["id"]), &admin, Some(1), json!({"body": "Précisé"})).await.status(), StatusCode::OK);
        let entries: Value = app.get(&journal, &admin).await.json().await.unwrap();
        assert_eq!(entries[0]["body"], "Précisé");
    }

    async fn documents_are_checked_stored_and_served_to_staff(app) {
        let admin = app.admin_token().await;
        let project = create_project(&app, &admin, json!({"title": "Étude de marché", "axis": "Prospective"})).await;
        let path = format!("/api/v1/projects/{}/documents", project["id"]);
        let upload = |name: &'static str, mime: &'static str, bytes: Vec<u8>| {
            let part = reqwest::multipart::Part::bytes(bytes).file_name(name).mime_str(mime).unwrap();
            app.client.post(app.url(&path)).bearer_auth(&admin).multipart(reqwest::multipart::Form::new().part("file", part)).send()
        };
        let pdf = b"%PDF-1.7\n% une etude\n".to_vec();
        let response = upload("../étude.pdf", "application/pdf", pdf.clone()).await.unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let document: Value = response.json().await.unwrap();
        assert_eq!((document["filename"].as_str(), document["size_bytes"].as_i64()), (Some("étude.pdf"), Some(pdf.len() as i64)));

        let body = assert_error(upload("virus.pdf", "application/pdf", b"MZ\x90\x00binary".to_vec()).await.unwrap(), 422, "validation_failed").await;
        assert_eq!(body["error"]["details"][0]["code"], "unsupported_type");
        assert_error(upload("x.exe", "application/x-msdownload", b"MZ".to_vec()).await.unwrap(), 422, "validation_failed").await;
        assert_error(upload("big.txt", "text/plain", vec![b'a'; 65 * 1024]).await.unwrap(), 413, "payload_too_large").await;

        let download = app.get(&format!("{path}/{}", document["id"]), &admin).await;
        assert_eq!(download.status(), StatusCode::OK);
        assert_eq!(download.headers()["content-type"], "application/pdf");
        assert!(download.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        assert_eq!(download.bytes().await.unwrap().to_vec(), pdf);
        assert_error(app.request(reqwest::Method::GET, &format!("{path}/{}", document["id"]), None, None).await, 401, "unauthenticated").await;
        let (_, partner) = app.user_with_role("partner").await;
        assert_error(app.get(&format!("{path}/{}", document["id"]), &partner).await, 403, "forbidden").await;
        let other = create_project(&app, &admin, json!({"title": "Autre", "axis": "Prospective"})).await;
        assert_error(app.get(&format!("/api/v1/projects/{}/documents/{}", other["id"], document["id"]), &admin).await, 404, "not_found").await;

        let list: Value = app.get(&path, &admin).await.json().await.unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1);
        let delete = app.client.delete(app.url(&format!("{path}/{}", document["id"]))).bearer_auth(&admin).send().await.unwrap();
        assert_eq!(delete.status(), StatusCode::NO_CONTENT);
        assert_error(app.get(&format!("{path}/{}", document["id"]), &admin).await, 404, "not_found").await;
        let stored = std::fs::read_dir(app.config.data_dir.join("documents")).unwrap().count();
        assert_eq!(stored, 0, "the file is gone too");
    }

    async fn roles_decide_who_writes(app) {
        let admin = app.admin_token().await;
        let project = create_project(&app, &admin, json!({"title": "Jardins partagés", "axis": "Développement"})).await;
        let path = format!("/api/v1/projects/{}", project["id"]);
        let (_, viewer) = app.user_with_role("viewer").await;
        assert_eq!(app.get(&path, &viewer).await.status(), StatusCode::OK);
        assert_eq!(app.get(&format!("{path}/transitions"), &viewer).await.status(), StatusCode::OK);
        assert_error(app.patch(&path, &viewer, Some(1), json!({"title": "X"})).await, 403, "forbidden").await;
        assert_error(move_to(&app, &viewer, &project, step("cadrage", "2030-01-01")).await, 403, "forbidden").await;
        assert_error(app.post("/api/v1/projects", &viewer, json!({"title": "X", "axis": "Innovation"})).await, 403, "forbidden").await;
        let (_, partner) = app.user_with_role("partner").await;
        // A partner not taking part: the project does not exist for them.
        for sub in ["", "/transitions", "/milestones", "/journal", "/participants", "/funding-lines"] {
            assert_error(app.get(&format!("{path}{sub}"), &partner).await, 404, "not_found").await;
        }
        assert_error(app.get(&format!("{path}/documents"), &partner).await, 403, "forbidden").await;
        let none: Value = app.get("/api/v1/projects", &partner).await.json().await.unwrap();
        assert_eq!(none["total"], 0);
        let (_, engineer) = app.user_with_role("engineer").await;
        let delete = app.client.delete(app.url(&path)).bearer_auth(&engineer).header("If-Match", "\"1\"").send().await.unwrap();
        assert_error(delete, 403, "forbidden").await;
        let delete = app.client.delete(app.url(&path)).bearer_auth(&admin).header("If-Match", "\"1\"").send().await.unwrap();
        assert_eq!(delete.status(), StatusCode::NO_CONTENT);
        let log: Value = app.get(&format!("/api/v1/audit-log?entity=project&entity_id={}", project["id"]), &admin).await.json().await.unwrap();
        let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, vec!["delete", "create"]);
    }

    async fn axes_are_configurable(app) {
        let admin = app.admin_token().await;
        let axes: Value = app.get("/api/v1/settings/axes", &admin).await.json().await.unwrap();
        assert_eq!(axes["axes"], json!(["Développement", "Prospective", "Innovation", "Attractivité", "Investissement"]));
        create_project(&app, &admin, json!({"title": "P", "axis": "Innovation"})).await;
        let put = |body: Value| app.client.put(app.url("/api/v1/settings/axes")).bearer_auth(&admin).json(&body).send();
        assert_error(put(json!({"axes": ["Transition écologique"]})).await.unwrap(), 409, "conflict").await;
        assert_error(put(json!({"axes": []})).await.unwrap(), 422, "validation_failed").await;
        assert_error(put(json!({"axes": ["A", "A"]})).await.unwrap(), 422, "validation_failed").await;
        assert_eq!(put(json!({"axes": ["Innovation", "Transition écologique"]})).await.unwrap().status(), StatusCode::OK);
        create_project(&app, &admin, json!({"title": "Q", "axis": "Transition écologique"})).await;
        assert_error(app.post("/api/v1/projects", &admin, json!({"title": "R", "axis": "Prospective"})).await, 422, "validation_failed").await;
        let (_, engineer) = app.user_with_role("engineer").await;
        let response = app.client.put(app.url("/api/v1/settings/axes")).bearer_auth(&engineer).json(&json!({"axes": ["X"]})).send().await.unwrap();
        assert_error(response, 403, "forbidden").await;
    }
}
