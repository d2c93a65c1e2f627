//! `GET /api/v1/roadmap`: each project's phases over time, its decisions
//! and milestones, filtered and paged like the project list.

use crate::evaluations::submit_ex_ante;
use crate::helpers::*;
use crate::projects::{create_project, move_to};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn moved(app: &TestApp, token: &str, project: &Value, body: Value) {
    let response = move_to(app, token, project, body).await;
    let status = response.status();
    let answer: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{answer}");
}

fn step(to: &str, date: &str) -> Value {
    json!({"to": to, "date": date, "motivation": format!("Comité du {date}")})
}

async fn milestone(app: &TestApp, token: &str, project: &Value, body: Value) -> Value {
    let response = app
        .post(
            &format!("/api/v1/projects/{}/milestones", project["id"]),
            token,
            body,
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn roadmap(app: &TestApp, token: &str, query: &str) -> Value {
    let response = app.get(&format!("/api/v1/roadmap{query}"), token).await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn references(roadmap: &Value) -> Vec<String> {
    roadmap["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["reference"].as_str().unwrap().to_owned())
        .collect()
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

db_test! {
    async fn phases_decisions_and_milestones_come_from_the_lifecycle(app) {
        let admin = app.admin_token().await;
        let carried = create_project(&app, &admin, json!({"title": "Tiers-lieu", "axis": "Innovation", "commission_date": "2024-01-15", "planned_end_date": "2026-06-30"})).await;
        moved(&app, &admin, &carried, step("cadrage", "2024-02-01")).await;
        moved(&app, &admin, &carried, step("instruction", "2024-04-01")).await;
        submit_ex_ante(&app, &admin, &carried, 4).await;
        moved(&app, &admin, &carried, json!({"to": "decision", "date": "2024-06-10", "motivation": "Conseil municipal", "outcome": "go_with_conditions"})).await;
        moved(&app, &admin, &carried, step("realisation", "2024-07-01")).await;
        let done = milestone(&app, &admin, &carried, json!({"title": "Travaux", "due_date": "2024-09-01", "done_date": "2024-08-25"})).await;
        let due = milestone(&app, &admin, &carried, json!({"title": "Ouverture", "due_date": "2025-03-01"})).await;
        let undated = milestone(&app, &admin, &carried, json!({"title": "Bilan"})).await;

        let refused = create_project(&app, &admin, json!({"title": "Navette", "axis": "Prospective", "commission_date": "2023-11-02"})).await;
        moved(&app, &admin, &refused, step("cadrage", "2023-12-01")).await;
        moved(&app, &admin, &refused, step("instruction", "2024-01-05")).await;
        submit_ex_ante(&app, &admin, &refused, 1).await;
        moved(&app, &admin, &refused, json!({"to": "decision", "date": "2024-03-20", "motivation": "Pas de financement", "outcome": "no_go", "reason": "financing"})).await;

        let plan = roadmap(&app, &admin, "").await;
        // The oldest commission first.
        assert_eq!(references(&plan), vec![refused["reference"].as_str().unwrap(), carried["reference"].as_str().unwrap()]);
        assert_eq!((plan["total"].as_i64(), plan["page"].as_i64(), plan["per_page"].as_i64()), (Some(2), Some(1), Some(50)));
        assert_eq!(plan["from"], "2023-11-02");
        assert_eq!(plan["to"], today(), "a project under way runs to today");

        let ended = &plan["items"][0];
        assert_eq!(ended["phase"], "abandonne");
        assert_eq!(ended["phases"], json!([
            {"phase": "commande", "from": "2023-11-02", "to": "2023-12-01"},
            {"phase": "cadrage", "from": "2023-12-01", "to": "2024-01-05"},
            {"phase": "instruction", "from": "2024-01-05", "to": "2024-03-20"},
            {"phase": "abandonne", "from": "2024-03-20", "to": null},
        ]), "the no-go passes through `decision` the same day");
        assert_eq!(ended["decisions"], json!([
            {"date": "2024-03-20", "kind": "no_go", "reason": "financing", "motivation": "Pas de financement"},
        ]), "one decision, with the abandonment's reason");
        assert_eq!(ended["milestones"], json!([]));

        let project = &plan["items"][1];
        assert_eq!((project["id"].clone(), project["title"].as_str(), project["axis"].as_str()), (carried["id"].clone(), Some("Tiers-lieu"), Some("Innovation")));
        assert_eq!((project["commission_date"].as_str(), project["planned_end_date"].as_str()), (Some("2024-01-15"), Some("2026-06-30")));
        assert_eq!(project["phases"], json!([
            {"phase": "commande", "from": "2024-01-15", "to": "2024-02-01"},
            {"phase": "cadrage", "from": "2024-02-01", "to": "2024-04-01"},
            {"phase": "instruction", "from": "2024-04-01", "to": "2024-06-10"},
            {"phase": "decision", "from": "2024-06-10", "to": "2024-07-01"},
            {"phase": "realisation", "from": "2024-07-01", "to": null},
        ]));
        assert_eq!(project["decisions"], json!([
            {"date": "2024-06-10", "kind": "go_with_conditions", "reason": null, "motivation": "Conseil municipal"},
        ]));
        assert_eq!(project["milestones"], json!([
            {"id": done["id"], "title": "Travaux", "due_date": "2024-09-01", "done_date": "2024-08-25"},
            {"id": due["id"], "title": "Ouverture", "due_date": "2025-03-01", "done_date": null},
            {"id": undated["id"], "title": "Bilan", "due_date": null, "done_date": null},
        ]), "by due date, the undated last");

        // A later abandonment is a decision of its own.
        moved(&app, &admin, &carried, json!({"to": "abandonne", "date": "2025-01-10", "motivation": "Partenaire retiré", "reason": "partners"})).await;
        let plan = roadmap(&app, &admin, "").await;
        let decisions = &plan["items"][1]["decisions"];
        assert_eq!(decisions[1], json!({"date": "2025-01-10", "kind": "abandonment", "reason": "partners", "motivation": "Partenaire retiré"}));
        assert_eq!(plan["to"], "2026-06-30", "nothing under way: the planned end is the last day");
    }

    async fn the_list_filters_and_orders_apply(app) {
        let admin = app.admin_token().await;
        let (engineer, _) = app.user_with_role("engineer").await;
        let a = create_project(&app, &admin, json!({"title": "Circuits courts", "axis": "Développement", "commission_date": "2023-05-01", "tags": ["alimentation"], "lead_id": engineer["id"]})).await;
        let b = create_project(&app, &admin, json!({"title": "Tiers-lieu numérique", "axis": "Innovation", "commission_date": "2024-02-01", "innovation_types": ["social"]})).await;
        let c = create_project(&app, &admin, json!({"title": "Halle gourmande", "axis": "Attractivité", "commission_date": "2024-09-01"})).await;
        moved(&app, &admin, &b, step("cadrage", "2024-03-01")).await;
        let reference = |p: &Value| p["reference"].as_str().unwrap().to_owned();

        assert_eq!(references(&roadmap(&app, &admin, "").await), vec![reference(&a), reference(&b), reference(&c)]);
        assert_eq!(references(&roadmap(&app, &admin, "?phase=cadrage").await), vec![reference(&b)]);
        let by_axis = roadmap(&app, &admin, "?axis=Attractivit%C3%A9").await;
        assert_eq!((references(&by_axis), by_axis["total"].as_i64()), (vec![reference(&c)], Some(1)));
        assert_eq!(by_axis["from"], "2024-09-01");
        assert_eq!(references(&roadmap(&app, &admin, "?q=tiers").await), vec![reference(&b)]);
        assert_eq!(references(&roadmap(&app, &admin, "?tag=alimentation").await), vec![reference(&a)]);
        assert_eq!(references(&roadmap(&app, &admin, "?innovation_type=social").await), vec![reference(&b)]);
        assert_eq!(references(&roadmap(&app, &admin, &format!("?lead_id={}", engineer["id"])).await), vec![reference(&a)]);
        assert_eq!(references(&roadmap(&app, &admin, "?commission_year=2024").await), vec![reference(&b), reference(&c)]);
        assert_eq!(references(&roadmap(&app, &admin, "?sort=-commission_date").await), vec![reference(&c), reference(&b), reference(&a)]);
        assert_eq!(references(&roadmap(&app, &admin, "?sort=title").await), vec![reference(&a), reference(&c), reference(&b)]);
        // Blank texts filter nothing, as in the list.
        assert_eq!(roadmap(&app, &admin, "?q=&axis=&tag=").await["total"], 3);

        let nothing = roadmap(&app, &admin, "?q=introuvable").await;
        assert_eq!((nothing["items"].clone(), nothing["total"].as_i64()), (json!([]), Some(0)));
        assert!(nothing["from"].is_null() && nothing["to"].is_null());

        // The same projects as the list, for the same filters.
        let list: Value = app.get("/api/v1/projects?commission_year=2024&sort=commission_date", &admin).await.json().await.unwrap();
        assert_eq!(references(&list), references(&roadmap(&app, &admin, "?commission_year=2024").await));
    }

    async fn partners_see_only_what_is_shared_with_them(app) {
        let admin = app.admin_token().await;
        let (partner, token) = app.user_with_role("partner").await;
        let project = |title: &str, visibility: &str| json!({"title": title, "axis": "Innovation", "commission_date": "2024-01-10", "visibility": visibility});
        let shared = create_project(&app, &admin, project("Partagé", "partners")).await;
        let internal = create_project(&app, &admin, project("Interne", "internal")).await;
        let elsewhere = create_project(&app, &admin, project("Sans le partenaire", "partners")).await;
        for taking_part in [&shared, &internal] {
            let response = app.post(&format!("/api/v1/projects/{}/participants", taking_part["id"]), &admin, json!({"actor_id": partner["actor_id"], "role": "partner"})).await;
            assert_eq!(response.status(), StatusCode::CREATED);
        }
        moved(&app, &admin, &shared, json!({"to": "abandonne", "date": "2024-05-01", "motivation": "Motivation interne", "reason": "time"})).await;
        milestone(&app, &admin, &shared, json!({"title": "Réunion de lancement", "due_date": "2024-02-01"})).await;

        let seen = roadmap(&app, &token, "").await;
        assert_eq!((references(&seen), seen["total"].as_i64()), (vec![shared["reference"].as_str().unwrap().to_owned()], Some(1)));
        let item = &seen["items"][0];
        assert_eq!(item["decisions"], json!([{"date": "2024-05-01", "kind": "abandonment", "reason": "time", "motivation": null}]), "no internal motivation");
        assert_eq!(item["milestones"][0]["title"], "Réunion de lancement");
        assert_eq!(roadmap(&app, &token, "?q=Interne").await["total"], 0, "not even counted");

        let staff = roadmap(&app, &admin, "").await;
        assert_eq!(staff["total"], 3);
        assert_eq!(staff["items"][0]["decisions"][0]["motivation"], "Motivation interne");
        let _ = (&internal, &elsewhere);
    }

    async fn pages_are_bounded_and_bad_input_is_refused(app) {
        let admin = app.admin_token().await;
        for (title, date) in [("Un", "2024-01-01"), ("Deux", "2024-02-01"), ("Trois", "2024-03-01")] {
            create_project(&app, &admin, json!({"title": title, "axis": "Innovation", "commission_date": date})).await;
        }
        let first = roadmap(&app, &admin, "?per_page=2").await;
        assert_eq!((first["items"].as_array().unwrap().len(), first["total"].as_i64(), first["per_page"].as_i64()), (2, Some(3), Some(2)));
        assert_eq!(first["from"], "2024-01-01");
        let second = roadmap(&app, &admin, "?per_page=2&page=2").await;
        assert_eq!((second["items"][0]["title"].as_str(), second["page"].as_i64()), (Some("Trois"), Some(2)));
        assert_eq!(second["from"], "2024-03-01", "the span is the page's");
        assert_eq!(roadmap(&app, &admin, "?per_page=200").await["per_page"], 200);

        for (query, field) in [("per_page=201", "per_page"), ("per_page=0", "per_page"), ("page=0", "page"), ("sort=budget", "sort"), ("commission_year=0", "commission_year")] {
            let body = assert_error(app.get(&format!("/api/v1/roadmap?{query}"), &admin).await, 422, "validation_failed").await;
            assert_eq!(error_fields(&body), vec![field], "{query}");
        }
        for query in ["phase=finie", "per_page=beaucoup", "format=csv"] {
            assert_error(app.get(&format!("/api/v1/roadmap?{query}"), &admin).await, 400, "invalid_query_parameter").await;
        }
        assert_eq!(app.request(reqwest::Method::GET, "/api/v1/roadmap", None, None).await.status(), StatusCode::UNAUTHORIZED);
    }
}
