use crate::actors::create_actor;
use crate::evaluations::submit_ex_ante;
use crate::helpers::*;
use crate::projects::{create_project, move_to};
use reqwest::StatusCode;
use serde_json::{json, Value};
use shared::programming::{FundingSchedule, LineSchedule, PaymentCredits, ProjectPaymentCredits};

/// The demo's programme over 2015–2026 is filled, and every project's AP,
/// CP and funding schedules keep the rules the API applies and agree with
/// its phase: a project whose works are over is paid in full and so are
/// its grants, one in realisation partly, one decided but not started not
/// at all.
async fn assert_demo_money(app: &TestApp, token: &str, projects: &[Value]) {
    let programme: Value = app
        .get("/api/v1/programming?from=2015&to=2026", token)
        .await
        .json()
        .await
        .unwrap();
    let years = programme["years"].as_array().unwrap();
    assert_eq!(years.len(), 12);
    for year in years {
        let planned = year["planned_cents"].as_i64().unwrap();
        assert!(planned > 0, "no CP planned in {}", year["year"]);
        assert!(year["paid_cents"].as_i64().unwrap() <= planned, "{year}");
        assert!(
            year["received_cents"].as_i64().unwrap()
                <= year["expected_receipts_cents"].as_i64().unwrap(),
            "{year}"
        );
    }
    let rows = programme["projects"].as_array().unwrap();
    assert!(rows.len() >= 60, "{} projects programmed", rows.len());
    assert!(rows
        .iter()
        .all(|row| !row["over_authorisation"].as_bool().unwrap()));

    let mut revised = 0;
    for project in projects {
        let id = project["id"].as_i64().unwrap();
        let phase = project["phase"].as_str().unwrap();
        let cost = project["total_cost_cents"].as_i64().unwrap();
        let body: Value = app
            .get(&format!("/api/v1/projects/{id}/payment-credits"), token)
            .await
            .json()
            .await
            .unwrap();
        let credits: ProjectPaymentCredits = serde_json::from_value(body).unwrap();
        let years = PaymentCredits {
            years: credits.years.clone(),
        };
        assert_eq!(years.check(credits.ap_cents), [], "project {id}");
        let (planned, paid) = (years.planned_cents(), years.paid_cents());
        assert!(
            planned <= cost,
            "project {id}: CP {planned} over its cost {cost}"
        );
        match phase {
            "evaluation" | "cloture" => assert_eq!((planned, paid), (cost, cost), "project {id}"),
            "realisation" => assert!(0 < paid && paid < planned, "project {id}"),
            "decision" => {
                assert_eq!(paid, 0, "project {id}");
                assert!(credits.years.iter().all(|c| c.year > 2026), "project {id}");
            }
            "commande" | "cadrage" | "suspendu" | "abandonne" => {
                assert_eq!(planned, 0, "project {id} in {phase}")
            }
            _ => assert_eq!(paid, 0, "project {id} in {phase}"),
        }
        let decided = !project["decision_date"].is_null() && phase != "abandonne";
        assert_eq!(credits.ap_cents.is_some(), decided, "project {id}");
        if phase == "cloture" {
            assert_eq!(credits.ap_cents, Some(paid), "a closed AP is the CP paid");
        }
        let votes: Value = app
            .get(&format!("/api/v1/projects/{id}/ap-revisions"), token)
            .await
            .json()
            .await
            .unwrap();
        if votes.as_array().unwrap().len() >= 2 {
            revised += 1;
        }

        let lines: Value = app
            .get(&format!("/api/v1/projects/{id}/funding-lines"), token)
            .await
            .json()
            .await
            .unwrap();
        for line in lines.as_array().unwrap() {
            let path = format!(
                "/api/v1/projects/{id}/funding-lines/{}/schedule",
                line["id"]
            );
            let body: Value = app.get(&path, token).await.json().await.unwrap();
            let schedule: LineSchedule = serde_json::from_value(body).unwrap();
            let years = FundingSchedule {
                years: schedule.years.clone(),
            };
            assert_eq!(
                years.check(schedule.amount_cents),
                [],
                "line {}",
                line["id"]
            );
            let expected: i64 = schedule.years.iter().map(|s| s.expected_cents).sum();
            let received: i64 = schedule.years.iter().map(|s| s.received_cents).sum();
            let status = line["status"].as_str().unwrap();
            if line["category"] == "city" {
                // The town's own money is no receipt.
                assert_eq!(expected, 0, "line {}", line["id"]);
                continue;
            }
            match status {
                "paid" => assert_eq!(received, schedule.amount_cents, "line {}", line["id"]),
                "granted" => assert!(received < expected, "line {}", line["id"]),
                _ => assert_eq!(received, 0, "line {}", line["id"]),
            }
            if status != "refused" && decided {
                assert_eq!(expected, schedule.amount_cents, "line {}", line["id"]);
            }
            if status == "granted" || status == "paid" {
                assert!(
                    !line["convention_date"].is_null() && !line["decision_ref"].is_null()
                        || line["category"] == "city",
                    "{line}"
                );
            }
            if line["category"] != "city" {
                assert!(!line["scheme"].is_null(), "{line}");
            }
        }
    }
    assert!(revised >= 20, "{revised} projects with a revised AP");
}

/// Takes a project from commande to decision on the given dates.
async fn decide(app: &TestApp, token: &str, project: &Value, decided_on: &str, outcome: &str) {
    let commission = project["commission_date"].as_str().unwrap().to_owned();
    for to in ["cadrage", "instruction"] {
        let response = move_to(
            app,
            token,
            project,
            json!({"to": to, "date": commission, "motivation": "étape"}),
        )
        .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    submit_ex_ante(app, token, project, 3).await;
    let mut body =
        json!({"to": "decision", "date": decided_on, "motivation": "Comité", "outcome": outcome});
    if outcome == "no_go" {
        body["reason"] = json!("financing");
    }
    assert_eq!(
        move_to(app, token, project, body).await.status(),
        StatusCode::CREATED
    );
}

/// Ids of the projects that went through a decision (their decision date set).
async fn projects_decided(app: &TestApp, token: &str) -> Vec<i64> {
    let page: Value = app
        .get("/api/v1/projects?per_page=200", token)
        .await
        .json()
        .await
        .unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["decision_date"].is_null())
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

db_test! {
    async fn the_dashboard_computes_a_known_portfolio(app) {
        let app = &app;
        let admin = app.admin_token().await;
        let me: Value = app.get("/api/v1/me", &admin).await.json().await.unwrap();
        let city = create_actor(app, &admin, json!({"name": "Ville", "kind": "municipality"})).await;
        let region = create_actor(app, &admin, json!({"name": "Région", "kind": "region_department"})).await;
        let firm = create_actor(app, &admin, json!({"name": "Entreprise", "kind": "company"})).await;

        // 2020: decided after 100 and 300 days; 2023: after 25, 50 and 100 (the last one a no-go).
        let p1 = create_project(app, &admin, json!({"title": "P1", "axis": "Innovation", "commission_date": "2020-01-01", "total_cost_cents": 1_000_00, "lead_id": me["id"]})).await;
        let p2 = create_project(app, &admin, json!({"title": "P2", "axis": "Innovation", "commission_date": "2019-12-01", "total_cost_cents": 2_000_00})).await;
        let p3 = create_project(app, &admin, json!({"title": "P3", "axis": "Investissement", "commission_date": "2023-01-01", "total_cost_cents": 4_000_00})).await;
        let p4 = create_project(app, &admin, json!({"title": "P4", "axis": "Investissement", "commission_date": "2023-01-01", "total_cost_cents": 8_000_00})).await;
        let p5 = create_project(app, &admin, json!({"title": "P5", "axis": "Prospective", "commission_date": "2023-01-01", "total_cost_cents": 16_000_00})).await;
        create_project(app, &admin, json!({"title": "P6", "axis": "Innovation", "commission_date": "2024-05-01", "total_cost_cents": 32_000_00})).await;
        decide(app, &admin, &p1, "2020-04-10", "go").await;
        decide(app, &admin, &p2, "2020-09-26", "go").await;
        decide(app, &admin, &p3, "2023-01-26", "go").await;
        decide(app, &admin, &p4, "2023-02-20", "go_with_conditions").await;
        decide(app, &admin, &p5, "2023-04-11", "no_go").await;

        let fund = |project: &Value, funder: &Value, category: &str, amount: i64, status: &str| {
            let path = format!("/api/v1/projects/{}/funding-lines", project["id"]);
            let body = json!({"funder_id": funder["id"], "category": category, "amount_cents": amount, "status": status});
            let admin = admin.clone();
            async move { assert_eq!(app.post(&path, &admin, body).await.status(), StatusCode::CREATED) }
        };
        fund(&p1, &city, "city", 100_00, "granted").await;
        fund(&p1, &region, "public", 300_00, "paid").await;
        fund(&p1, &firm, "private", 999_00, "requested").await;
        fund(&p3, &firm, "private", 200_00, "granted").await;
        fund(&p5, &city, "city", 5_000_00, "granted").await;
        for (project, actor) in [(&p1, &city), (&p1, &region), (&p3, &city)] {
            let path = format!("/api/v1/projects/{}/participants", project["id"]);
            assert_eq!(app.post(&path, &admin, json!({"actor_id": actor["id"], "role": "partner"})).await.status(), StatusCode::CREATED);
        }
        let milestones = format!("/api/v1/projects/{}/milestones", p1["id"]);
        app.post(&milestones, &admin, json!({"title": "En retard", "due_date": "2021-01-01"})).await;
        app.post(&milestones, &admin, json!({"title": "Fait", "due_date": "2021-01-01", "done_date": "2021-01-02"})).await;
        app.post(&milestones, &admin, json!({"title": "À venir", "due_date": "2999-01-01"})).await;

        let d: Value = app.get("/api/v1/dashboard", &admin).await.json().await.unwrap();
        assert_eq!(d["projects_total"], 6);
        assert_eq!(d["projects_by_phase"]["decision"], 4);
        assert_eq!(d["projects_by_phase"]["abandonne"], 1);
        assert_eq!(d["projects_by_phase"]["commande"], 1);
        assert_eq!(d["projects_by_axis"]["Innovation"], 3);
        assert_eq!(d["projects_by_axis"]["Attractivité"], 0);
        assert_eq!(d["investment_cents"], 47_000_00);
        assert_eq!(d["investment_by_year"], json!([
            {"year": 2020, "projects": 2, "investment_cents": 3_000_00},
            {"year": 2023, "projects": 2, "investment_cents": 12_000_00}
        ]));
        assert_eq!(d["secured_cents_by_category"], json!({"city": 100_00, "public": 300_00, "private": 200_00}));
        assert_eq!(d["leverage"], 5.0);
        assert_eq!(d["gap_cents"], 47_000_00 - 600_00);
        assert_eq!(d["instruction_days"], json!([
            {"year": 2020, "count": 2, "median": 200.0, "p90": 300},
            {"year": 2023, "count": 3, "median": 50.0, "p90": 100}
        ]));
        assert_eq!(d["instruction_median_ratio"], 4.0);
        assert_eq!(d["actors_engaged"], 2);
        assert_eq!(d["abandonment_reasons"]["financing"], 1);
        assert_eq!(d["overdue_milestones"], 1);

        let by_axis: Value = app.get("/api/v1/dashboard?axis=Investissement", &admin).await.json().await.unwrap();
        assert_eq!((by_axis["projects_total"].as_u64(), by_axis["investment_cents"].as_i64()), (Some(2), Some(12_000_00)));
        assert_eq!(by_axis["leverage"], Value::Null);
        assert_eq!(by_axis["secured_cents_by_category"]["private"], 200_00);
        let by_year: Value = app.get("/api/v1/dashboard?year=2020", &admin).await.json().await.unwrap();
        assert_eq!((by_year["projects_total"].as_u64(), by_year["actors_engaged"].as_u64()), (Some(1), Some(2)));
        let by_lead: Value = app.get(&format!("/api/v1/dashboard?lead_id={}", me["id"]), &admin).await.json().await.unwrap();
        assert_eq!(by_lead["projects_total"], 1);
        assert_eq!(by_lead["overdue_milestones"], 1);
        assert_error(app.get("/api/v1/dashboard?year=soon", &admin).await, 400, "invalid_query_parameter").await;
        let (_, partner) = app.user_with_role("partner").await;
        assert_error(app.get("/api/v1/dashboard", &partner).await, 403, "forbidden").await;
    }

    async fn the_network_links_actors_sharing_projects(app) {
        let app = &app;
        let admin = app.admin_token().await;
        let mut actors = Vec::new();
        for name in ["A", "B", "C", "D", "E"] {
            actors.push(create_actor(app, &admin, json!({"name": name, "kind": "association"})).await);
        }
        let p1 = create_project(app, &admin, json!({"title": "P1", "axis": "Innovation", "commission_date": "2020-03-01"})).await;
        let p2 = create_project(app, &admin, json!({"title": "P2", "axis": "Innovation", "commission_date": "2021-03-01"})).await;
        let p3 = create_project(app, &admin, json!({"title": "P3", "axis": "Prospective", "commission_date": "2022-03-01"})).await;
        let join = |project: &Value, actor: usize, role: &str| {
            let path = format!("/api/v1/projects/{}/participants", project["id"]);
            let body = json!({"actor_id": actors[actor]["id"], "role": role});
            let admin = admin.clone();
            async move { assert_eq!(app.post(&path, &admin, body).await.status(), StatusCode::CREATED) }
        };
        // P1 = {A, B, C}, P2 = {A, B} (B twice, in two roles), P3 = {D}; E in nothing.
        join(&p1, 0, "lead").await;
        join(&p1, 1, "partner").await;
        join(&p1, 2, "funder").await;
        join(&p2, 0, "lead").await;
        join(&p2, 1, "partner").await;
        join(&p2, 1, "funder").await;
        join(&p3, 3, "lead").await;

        let n: Value = app.get("/api/v1/network", &admin).await.json().await.unwrap();
        let id = |i: usize| actors[i]["id"].clone();
        assert_eq!(n["edges"], json!([
            {"source": id(0), "target": id(1), "weight": 2},
            {"source": id(0), "target": id(2), "weight": 1},
            {"source": id(1), "target": id(2), "weight": 1}
        ]));
        let m = &n["metrics"];
        assert_eq!((m["node_count"].as_u64(), m["edge_count"].as_u64(), m["components"].as_u64(), m["largest_component"].as_u64(), m["isolated"].as_u64()), (Some(4), Some(3), Some(2), Some(3), Some(1)));
        assert_eq!(m["density"], 0.5);
        assert_eq!(m["top_connected"][0]["name"], "A");
        assert_eq!(m["growth"], json!([
            {"year": 2020, "nodes": 3, "edges": 3},
            {"year": 2021, "nodes": 3, "edges": 3},
            {"year": 2022, "nodes": 4, "edges": 3}
        ]));
        let a = n["nodes"].as_array().unwrap().iter().find(|node| node["name"] == "A").unwrap();
        assert_eq!((a["degree"].as_u64(), a["weighted_degree"].as_u64(), a["kind"].as_str()), (Some(2), Some(3), Some("association")));

        let filtered: Value = app.get("/api/v1/network?axis=Prospective", &admin).await.json().await.unwrap();
        assert_eq!((filtered["metrics"]["node_count"].as_u64(), filtered["metrics"]["isolated"].as_u64()), (Some(1), Some(4)));
        let dated: Value = app.get("/api/v1/network?from=2021-01-01&to=2021-12-31", &admin).await.json().await.unwrap();
        assert_eq!(dated["edges"], json!([{"source": id(0), "target": id(1), "weight": 1}]));
        assert_error(app.get("/api/v1/network?from=yesterday", &admin).await, 400, "invalid_query_parameter").await;
    }
}

db_test! {
    async fn the_demo_portfolio_shows_the_source_documents_figures(app) {
        let config = app.config.clone();
        let seed = || { let config = config.clone(); actix_web::web::block(move || backend::cli::seed_demo(&config)) };
        let first = seed().await.unwrap().unwrap();
        assert_eq!(first.portfolio.map(|(projects, _)| projects), Some(96));
        let second = seed().await.unwrap().unwrap();
        assert!(second.portfolio.is_none(), "a second run adds nothing");

        let admin = app.admin_token().await;
        let d: Value = app.get("/api/v1/dashboard", &admin).await.json().await.unwrap();
        assert_eq!(d["projects_total"], 96);
        for (phase, count) in d["projects_by_phase"].as_object().unwrap() {
            assert!(count.as_u64().unwrap() > 0, "no project in {phase}");
        }
        for (axis, count) in d["projects_by_axis"].as_object().unwrap() {
            assert!(count.as_u64().unwrap() > 0, "no project on {axis}");
        }
        let investment = d["investment_cents"].as_i64().unwrap();
        assert!((180_000_000_00..=200_000_000_00).contains(&investment), "{investment}");
        let leverage = d["leverage"].as_f64().unwrap();
        assert!((4.5..=5.5).contains(&leverage), "{leverage}");
        let ratio = d["instruction_median_ratio"].as_f64().unwrap();
        assert!((3.5..=4.5).contains(&ratio), "{ratio}");
        let medians: Vec<f64> = d["instruction_days"].as_array().unwrap().iter().map(|y| y["median"].as_f64().unwrap()).collect();
        assert!(medians.windows(2).all(|w| w[1] < w[0]), "instruction times fall every year: {medians:?}");
        assert!(d["actors_engaged"].as_u64().unwrap() >= 150);
        // Every decided project was evaluated ex ante, and those in
        // instruction have one evaluation submitted; indicators are followed.
        let decided = projects_decided(&app, &admin).await;
        let in_instruction = d["projects_by_phase"]["instruction"].as_u64().unwrap() as usize;
        assert_eq!(d["ex_ante_scores"]["evaluated_projects"].as_u64().unwrap() as usize, decided.len() + in_instruction);
        let statuses = &d["indicators_by_status"];
        assert!(statuses["on_track"].as_u64().unwrap() > 0 && statuses["off_track"].as_u64().unwrap() > 0, "{statuses}");
        let first = &decided[0];
        let view: Value = app.get(&format!("/api/v1/projects/{first}/evaluations/consolidated"), &admin).await.json().await.unwrap();
        assert!(view["evaluations"].as_u64().unwrap() >= 2, "{view}");

        let projects: Value = app.get("/api/v1/projects?per_page=200", &admin).await.json().await.unwrap();
        let total_cost: i64 = projects["items"].as_array().unwrap().iter().map(|p| p["total_cost_cents"].as_i64().unwrap()).sum();
        assert!((195_000_000_00..=205_000_000_00).contains(&total_cost), "about 200 M€: {total_cost}");
        // The CP paid in the last year are about twice those of the first
        // (the source document's "capacité d'investissement × 2").
        let capacity = d["investment_capacity_ratio"].as_f64().unwrap();
        assert!((1.8..=2.2).contains(&capacity), "{capacity}: {}", d["paid_by_year"]);
        assert_demo_money(&app, &admin, projects["items"].as_array().unwrap()).await;

        let actors: Value = app.get("/api/v1/actors?per_page=200", &admin).await.json().await.unwrap();
        assert!(actors["total"].as_u64().unwrap() >= 200);
        let mut kinds = std::collections::BTreeSet::new();
        let mut page = 1;
        loop {
            let batch: Value = app.get(&format!("/api/v1/actors?per_page=200&page={page}"), &admin).await.json().await.unwrap();
            let items = batch["items"].as_array().unwrap();
            if items.is_empty() { break; }
            for actor in items {
                kinds.insert(actor["kind"].as_str().unwrap().to_owned());
                let siret = actor["siret"].as_str().unwrap();
                assert!(shared::siret::parse_siret(siret).is_ok(), "{siret}");
            }
            page += 1;
        }
        assert_eq!(kinds.len(), 10, "every kind of actor: {kinds:?}");
        let network: Value = app.get("/api/v1/network", &admin).await.json().await.unwrap();
        assert!(network["metrics"]["largest_component"].as_u64().unwrap() >= 150, "a network, not bilateral links");
    }
}
