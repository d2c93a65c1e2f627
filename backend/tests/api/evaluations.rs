use crate::helpers::*;
use crate::projects::{create_project, move_to};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// The default ex-ante grid installed at start-up.
pub async fn default_grid(app: &TestApp, token: &str) -> Value {
    let grids: Value = app
        .get("/api/v1/evaluation-grids?kind=ex_ante", token)
        .await
        .json()
        .await
        .unwrap();
    grids[0].clone()
}

/// Every criterion of the grid scored with `score`.
fn all_scores(grid: &Value, score: u8) -> Value {
    let mut scores = serde_json::Map::new();
    for criterion in grid["criteria"].as_array().unwrap() {
        scores.insert(
            criterion["key"].as_str().unwrap().to_owned(),
            json!({"score": score, "comment": "vu"}),
        );
    }
    Value::Object(scores)
}

fn evaluations_of(project: &Value) -> String {
    format!("/api/v1/projects/{}/evaluations", project["id"])
}

async fn start(app: &TestApp, token: &str, project: &Value, body: Value) -> Value {
    let response = app.post(&evaluations_of(project), token, body).await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

async fn submit(
    app: &TestApp,
    token: &str,
    project: &Value,
    evaluation: &Value,
) -> reqwest::Response {
    app.post(
        &format!("{}/{}/submit", evaluations_of(project), evaluation["id"]),
        token,
        json!({}),
    )
    .await
}

/// Scores every criterion of the default grid with `score`, recommends
/// `go` and submits: the ex-ante evaluation the decision gate asks for.
pub async fn submit_ex_ante(app: &TestApp, token: &str, project: &Value, score: u8) -> Value {
    let grid = default_grid(app, token).await;
    let draft = start(
        app,
        token,
        project,
        json!({"kind": "ex_ante", "grid_id": grid["id"], "scores": all_scores(&grid, score), "recommendation": "go"}),
    )
    .await;
    let response = submit(app, token, project, &draft).await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn project_in_instruction(app: &TestApp, token: &str, title: &str) -> Value {
    let project = create_project(
        app,
        token,
        json!({"title": title, "axis": "Innovation", "commission_date": "2024-01-15"}),
    )
    .await;
    for to in ["cadrage", "instruction"] {
        let response = move_to(
            app,
            token,
            &project,
            json!({"to": to, "date": "2024-02-01", "motivation": "étape"}),
        )
        .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    project
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

db_test! {
    async fn the_default_ex_ante_grid_is_installed(app) {
        let (_, viewer) = app.user_with_role("viewer").await;
        let grid = default_grid(&app, &viewer).await;
        let keys: Vec<&str> = grid["criteria"].as_array().unwrap().iter().map(|c| c["key"].as_str().unwrap()).collect();
        assert_eq!(keys, vec![
            "strategic_relevance", "territorial_impact", "financial_leverage", "feasibility",
            "innovation", "partnerships", "risks", "social_environmental",
        ]);
        assert_eq!((grid["kind"].as_str(), grid["scale_max"].as_i64(), grid["version"].as_i64()), (Some("ex_ante"), Some(5), Some(1)));
        assert!(grid["criteria"].as_array().unwrap().iter().all(|c| c["weight"].as_f64().unwrap() > 0.0));
        let (_, engineer) = app.user_with_role("engineer").await;
        assert_error(app.post("/api/v1/evaluation-grids", &engineer, json!({"name": "X", "kind": "ex_post", "criteria": grid["criteria"]})).await, 403, "forbidden").await;
    }

    async fn grids_are_checked_and_versioned(app) {
        let (_, manager) = app.user_with_role("manager").await;
        let body = assert_error(app.post("/api/v1/evaluation-grids", &manager, json!({
            "name": " ", "kind": "ex_post",
            "criteria": [{"key": "Impact réel", "label": "", "weight": 0}, {"key": "b", "label": "B", "weight": 1}, {"key": "b", "label": "B2", "weight": 1}]
        })).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["name", "criteria.0.key", "criteria.0.label", "criteria.0.weight", "criteria.2.key"]);
        assert_error(app.post("/api/v1/evaluation-grids", &manager, json!({"name": "Vide", "kind": "ex_post", "criteria": []})).await, 422, "validation_failed").await;

        let response = app.post("/api/v1/evaluation-grids", &manager, json!({
            "name": "Bilan", "kind": "ex_post",
            "criteria": [
                {"key": "results", "label": "Résultats", "description": "Objectifs atteints", "weight": 3},
                {"key": "costs", "label": "Coûts", "weight": 1}
            ]
        })).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        assert_eq!(response.headers()["etag"], "\"1\"");
        let grid: Value = response.json().await.unwrap();
        let grid_path = format!("/api/v1/evaluation-grids/{}", grid["id"]);

        // A submitted evaluation on version 1, and a draft.
        let project = create_project(&app, &manager, json!({"title": "Halle", "axis": "Innovation", "commission_date": "2023-01-01"})).await;
        let submitted = start(&app, &manager, &project, json!({
            "kind": "ex_post", "grid_id": grid["id"], "recommendation": "go",
            "scores": {"results": {"score": 4}, "costs": {"score": 2}}
        })).await;
        assert_eq!(submit(&app, &manager, &project, &submitted).await.status(), StatusCode::OK);
        let (_, engineer) = app.user_with_role("engineer").await;
        let draft = start(&app, &engineer, &project, json!({
            "kind": "ex_post", "grid_id": grid["id"], "scores": {"results": {"score": 3}, "costs": {"score": 5}}
        })).await;

        // Editing is a new version; stale and missing If-Match are refused.
        let change = json!({"criteria": [
            {"key": "results", "label": "Résultats obtenus", "weight": 2},
            {"key": "lasting", "label": "Pérennité", "weight": 2}
        ]});
        assert_error(app.patch(&grid_path, &manager, None, change.clone()).await, 428, "precondition_required").await;
        assert_error(app.patch(&grid_path, &manager, Some(7), change.clone()).await, 412, "version_mismatch").await;
        let response = app.patch(&grid_path, &manager, Some(1), change).await;
        assert_eq!(response.status(), StatusCode::OK);
        let edited: Value = response.json().await.unwrap();
        assert_eq!((edited["version"].as_i64(), edited["submitted_evaluations"].as_i64()), (Some(2), Some(1)));

        // The submitted evaluation keeps version 1 and its criteria.
        let kept: Value = app.get(&format!("{}/{}", evaluations_of(&project), submitted["id"]), &manager).await.json().await.unwrap();
        assert_eq!(kept["grid_version"], 1);
        assert_eq!(kept["criteria"][1]["key"], "costs");
        assert_eq!(kept["weighted_score"], 70.0);
        // The draft follows the grid: the removed criterion's score is gone.
        let moved: Value = app.get(&format!("{}/{}", evaluations_of(&project), draft["id"]), &engineer).await.json().await.unwrap();
        assert_eq!(moved["grid_version"], 2);
        assert_eq!(moved["scores"], json!({"results": {"score": 3, "comment": ""}}));
        assert_eq!(moved["weighted_score"], 60.0);

        let versions: Value = app.get(&format!("{grid_path}/versions"), &manager).await.json().await.unwrap();
        assert_eq!(versions.as_array().unwrap().len(), 2);
        assert_eq!(versions[0]["criteria"][1]["key"], "costs");
        let first: Value = app.get(&format!("{grid_path}/versions/1"), &engineer).await.json().await.unwrap();
        assert_eq!(first["name"], "Bilan");
        assert_error(app.get(&format!("{grid_path}/versions/9"), &engineer).await, 404, "not_found").await;

        // An inactive grid is not offered for new evaluations.
        app.patch(&grid_path, &manager, Some(2), json!({"active": false})).await;
        let body = assert_error(app.post(&evaluations_of(&project), &manager, json!({"kind": "ex_post", "grid_id": grid["id"]})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["grid_id"]);
        let active: Value = app.get("/api/v1/evaluation-grids?active=true&kind=ex_post", &manager).await.json().await.unwrap();
        assert!(active.as_array().unwrap().is_empty());
    }

    async fn an_evaluation_is_scored_then_submitted_once(app) {
        let (_, engineer) = app.user_with_role("engineer").await;
        let grid = default_grid(&app, &engineer).await;
        let project = project_in_instruction(&app, &engineer, "Fab lab").await;
        let draft = start(&app, &engineer, &project, json!({"kind": "ex_ante", "grid_id": grid["id"]})).await;
        assert_eq!((draft["status"].as_str(), draft["version"].as_i64()), (Some("draft"), Some(1)));
        assert!(draft["weighted_score"].is_null());
        let path = format!("{}/{}", evaluations_of(&project), draft["id"]);

        // Bad scores are named, whole or in part, and change nothing.
        let body = assert_error(app.patch(&path, &engineer, Some(1), json!({"scores": {
            "feasibility": {"score": 6}, "innovation": {"score": -1}, "risks": {"score": 2.5},
            "beauty": {"score": 3}
        }})).await, 422, "validation_failed").await;
        let mut fields = error_fields(&body);
        fields.sort();
        assert_eq!(fields, vec!["scores.beauty", "scores.feasibility.score", "scores.innovation.score", "scores.risks.score"]);
        let body = assert_error(app.patch(&path, &engineer, Some(1), json!({"scores": {"feasibility": {"score": "5"}}})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["scores.feasibility.score"]);
        assert_error(app.patch(&path, &engineer, None, json!({"scores": {}})).await, 428, "precondition_required").await;

        // Weighted score: Σ weight·score ÷ (5·Σ weight) × 100 on what is scored.
        let response = app.patch(&path, &engineer, Some(1), json!({"scores": {
            "strategic_relevance": {"score": 5, "comment": "Au cœur du mandat"},
            "financial_leverage": {"score": 2}
        }})).await;
        assert_eq!(response.status(), StatusCode::OK);
        let partial: Value = response.json().await.unwrap();
        // (3·5 + 2·2) / (5·5) × 100 = 76
        assert_eq!(partial["weighted_score"], 76.0);
        assert_eq!(partial["scores"]["strategic_relevance"]["comment"], "Au cœur du mandat");

        let body = assert_error(submit(&app, &engineer, &project, &partial).await, 422, "validation_failed").await;
        let fields = error_fields(&body);
        assert_eq!(fields.len(), 7, "six criteria unscored and no recommendation: {fields:?}");
        assert!(fields.contains(&"recommendation".to_owned()) && fields.contains(&"scores.risks".to_owned()));

        let mut scores = all_scores(&grid, 3);
        scores["strategic_relevance"] = json!({"score": 5});
        scores["risks"] = json!({"score": 1});
        let response = app.patch(&path, &engineer, Some(2), json!({"scores": scores, "recommendation": "go_with_conditions", "comment": "Sous réserve du foncier"})).await;
        assert_eq!(response.status(), StatusCode::OK);
        // Weights 3,3,2,2,2,2,1,2 (17): 3·5 + 3·3 + 4·2·3 + 1·1 + 2·3 = 55 of 85.
        let complete: Value = response.json().await.unwrap();
        assert_eq!(complete["weighted_score"], 64.71);

        let response = submit(&app, &engineer, &project, &complete).await;
        assert_eq!(response.status(), StatusCode::OK);
        let done: Value = response.json().await.unwrap();
        assert_eq!((done["status"].as_str(), done["recommendation"].as_str()), (Some("submitted"), Some("go_with_conditions")));
        assert!(done["submitted_at"].is_string());
        assert_error(submit(&app, &engineer, &project, &done).await, 409, "conflict").await;
        assert_error(app.patch(&path, &engineer, done["version"].as_i64(), json!({"comment": "trop tard"})).await, 409, "conflict").await;

        // A manager may reopen it, and the audit log says who and why.
        assert_error(app.post(&format!("{path}/reopen"), &engineer, json!({})).await, 403, "forbidden").await;
        let (_, manager) = app.user_with_role("manager").await;
        let response = app.post(&format!("{path}/reopen"), &manager, json!({"reason": "Coquille sur les risques"})).await;
        assert_eq!(response.status(), StatusCode::OK);
        let reopened: Value = response.json().await.unwrap();
        assert_eq!((reopened["status"].as_str(), reopened["submitted_at"].is_null()), (Some("draft"), true));
        assert_error(app.post(&format!("{path}/reopen"), &manager, json!({})).await, 404, "not_found").await;
        let admin = app.admin_token().await;
        let log: Value = app.get(&format!("/api/v1/audit-log?entity=evaluation&entity_id={}", draft["id"]), &admin).await.json().await.unwrap();
        let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert!(actions.contains(&"reopen") && actions.contains(&"submit"), "{actions:?}");
        let reopen = log["items"].as_array().unwrap().iter().find(|e| e["action"] == "reopen").unwrap();
        assert_eq!(reopen["after"]["reason"], "Coquille sur les risques");

        // The evaluator may correct it and submit again.
        let response = app.patch(&path, &engineer, reopened["version"].as_i64(), json!({"scores": {"risks": {"score": 3}}})).await;
        let corrected: Value = response.json().await.unwrap();
        assert_eq!(submit(&app, &engineer, &project, &corrected).await.status(), StatusCode::OK);
    }

    async fn evaluators_review_blind(app) {
        let (alice, alice_token) = app.user_with_role("engineer").await;
        let (_, bob_token) = app.user_with_role("engineer").await;
        let (_, manager) = app.user_with_role("manager").await;
        let (_, viewer) = app.user_with_role("viewer").await;
        let project = project_in_instruction(&app, &manager, "Maison du vélo").await;
        let grid = default_grid(&app, &manager).await;

        let alices = submit_ex_ante(&app, &alice_token, &project, 4).await;
        assert_eq!(alices["evaluator_id"], alice["id"]);
        let bobs = start(&app, &bob_token, &project, json!({"kind": "ex_ante", "grid_id": grid["id"], "scores": all_scores(&grid, 2)})).await;

        // Bob, not yet submitted, sees only his draft; Alice's is hidden, not forbidden.
        let list: Value = app.get(&evaluations_of(&project), &bob_token).await.json().await.unwrap();
        assert_eq!(ids(&list), vec![bobs["id"].as_i64().unwrap()]);
        assert_error(app.get(&format!("{}/{}", evaluations_of(&project), alices["id"]), &bob_token).await, 404, "not_found").await;
        assert_error(app.get(&format!("{}/consolidated", evaluations_of(&project)), &bob_token).await, 403, "forbidden").await;
        // Alice, submitted, sees her own but never Bob's draft; nor does the manager.
        let list: Value = app.get(&evaluations_of(&project), &alice_token).await.json().await.unwrap();
        assert_eq!(ids(&list), vec![alices["id"].as_i64().unwrap()]);
        let list: Value = app.get(&evaluations_of(&project), &manager).await.json().await.unwrap();
        assert_eq!(ids(&list), vec![alices["id"].as_i64().unwrap()]);
        assert_error(app.get(&format!("{}/{}", evaluations_of(&project), bobs["id"]), &manager).await, 404, "not_found").await;
        // Nobody edits another's draft.
        assert_error(app.patch(&format!("{}/{}", evaluations_of(&project), bobs["id"]), &alice_token, Some(1), json!({"comment": "x"})).await, 404, "not_found").await;
        // Viewers are not evaluators: they see nothing.
        let list: Value = app.get(&evaluations_of(&project), &viewer).await.json().await.unwrap();
        assert!(list.as_array().unwrap().is_empty());
        assert_error(app.post(&evaluations_of(&project), &viewer, json!({"kind": "ex_ante", "grid_id": grid["id"]})).await, 403, "forbidden").await;

        // Once Bob submits, each sees the other's.
        let response = app.patch(&format!("{}/{}", evaluations_of(&project), bobs["id"]), &bob_token, Some(1), json!({"recommendation": "no_go"})).await;
        let bobs: Value = response.json().await.unwrap();
        assert_eq!(submit(&app, &bob_token, &project, &bobs).await.status(), StatusCode::OK);
        let list: Value = app.get(&evaluations_of(&project), &bob_token).await.json().await.unwrap();
        assert_eq!(list.as_array().unwrap().len(), 2);
        assert_eq!(list[0]["scores"]["feasibility"]["score"], 4);
        let list: Value = app.get(&evaluations_of(&project), &manager).await.json().await.unwrap();
        assert_eq!(list.as_array().unwrap().len(), 2);

        // The consolidation: 4 and 2 on every criterion.
        let response = app.get(&format!("{}/consolidated?kind=ex_ante", evaluations_of(&project)), &manager).await;
        assert_eq!(response.status(), StatusCode::OK);
        let view: Value = response.json().await.unwrap();
        assert_eq!(view["evaluations"], 2);
        assert_eq!(view["criteria"].as_array().unwrap().len(), 8);
        let first = &view["criteria"][0];
        assert_eq!((first["mean"].as_f64(), first["min"].as_i64(), first["max"].as_i64(), first["spread"].as_i64()), (Some(3.0), Some(2), Some(4), Some(2)));
        assert_eq!(view["mean_weighted_score"], 60.0);
        assert_eq!(view["recommendations"], json!({"go": 1, "go_with_conditions": 0, "no_go": 1}));
        assert_eq!(view["evaluators"].as_array().unwrap().len(), 2);
        let for_bob: Value = app.get(&format!("{}/consolidated", evaluations_of(&project)), &bob_token).await.json().await.unwrap();
        assert_eq!(for_bob["evaluations"], 2);
        assert_error(app.get(&format!("{}/consolidated", evaluations_of(&project)), &viewer).await, 403, "forbidden").await;
        assert_error(app.get(&format!("{}/consolidated?kind=later", evaluations_of(&project)), &manager).await, 400, "invalid_query_parameter").await;
    }

    async fn the_decision_waits_for_the_ex_ante_evaluation(app) {
        let admin = app.admin_token().await;
        let decide = json!({"to": "decision", "date": "2024-03-01", "motivation": "Comité", "outcome": "go"});
        let project = project_in_instruction(&app, &admin, "Ombrières").await;
        let body = assert_error(move_to(&app, &admin, &project, decide.clone()).await, 409, "conflict").await;
        assert!(body["error"]["message"].as_str().unwrap().contains("ex-ante"), "{body}");
        // A draft does not count.
        let grid = default_grid(&app, &admin).await;
        start(&app, &admin, &project, json!({"kind": "ex_ante", "grid_id": grid["id"]})).await;
        assert_error(move_to(&app, &admin, &project, decide.clone()).await, 409, "conflict").await;
        let (_, engineer) = app.user_with_role("engineer").await;
        submit_ex_ante(&app, &engineer, &project, 3).await;
        assert_eq!(move_to(&app, &admin, &project, decide.clone()).await.status(), StatusCode::CREATED);

        // The minimum is a setting (admins only).
        let gate: Value = app.get("/api/v1/settings/evaluation-gate", &engineer).await.json().await.unwrap();
        assert_eq!(gate, json!({"min_ex_ante_evaluations": 1}));
        assert_error(app.request(Method::PUT, "/api/v1/settings/evaluation-gate", Some(&engineer), Some(json!({"min_ex_ante_evaluations": 2}))).await, 403, "forbidden").await;
        assert_error(app.request(Method::PUT, "/api/v1/settings/evaluation-gate", Some(&admin), Some(json!({"min_ex_ante_evaluations": -1}))).await, 422, "validation_failed").await;
        let response = app.request(Method::PUT, "/api/v1/settings/evaluation-gate", Some(&admin), Some(json!({"min_ex_ante_evaluations": 2}))).await;
        assert_eq!(response.status(), StatusCode::OK);
        let second = project_in_instruction(&app, &admin, "Cantine bio").await;
        submit_ex_ante(&app, &engineer, &second, 3).await;
        let body = assert_error(move_to(&app, &admin, &second, decide.clone()).await, 409, "conflict").await;
        assert!(body["error"]["message"].as_str().unwrap().contains("1 of the 2"), "{body}");
        submit_ex_ante(&app, &admin, &second, 4).await;
        assert_eq!(move_to(&app, &admin, &second, decide).await.status(), StatusCode::CREATED);
    }

    async fn indicators_keep_exact_values_and_derive_progress(app) {
        let (_, engineer) = app.user_with_role("engineer").await;
        let project = create_project(&app, &engineer, json!({"title": "Réseau de chaleur", "axis": "Investissement", "commission_date": "2022-01-01"})).await;
        let path = format!("/api/v1/projects/{}/indicators", project["id"]);

        let body = assert_error(app.post(&path, &engineer, json!({
            "name": "", "unit": "t", "level": "impact", "direction": "decrease",
            "baseline_value": "10", "baseline_date": "2024-01-01", "target_value": "12", "target_date": "2023-01-01"
        })).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["name", "target_value", "target_date"]);
        assert_error(app.post(&path, &engineer, json!({
            "name": "X", "unit": "t", "level": "global", "direction": "decrease",
            "baseline_value": "10", "baseline_date": "2024-01-01", "target_value": "2", "target_date": "2026-01-01"
        })).await, 422, "validation_failed").await;
        let body = assert_error(app.post(&path, &engineer, json!({
            "name": "X", "unit": "t", "level": "impact", "direction": "decrease",
            "baseline_value": "dix", "baseline_date": "2024-01-01", "target_value": "2", "target_date": "2026-01-01"
        })).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["baseline_value"]);

        // CO2 avoided down from 1000.10 t to 400.10 t between 2024 and 2026.
        let response = app.post(&path, &engineer, json!({
            "name": "Émissions de CO2", "unit": "tCO2e", "level": "impact", "direction": "decrease",
            "baseline_value": "1000.10", "baseline_date": "2024-01-01", "target_value": "400.10", "target_date": "2026-01-01"
        })).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let indicator: Value = response.json().await.unwrap();
        assert_eq!((indicator["baseline_value"].as_str(), indicator["target_value"].as_str()), (Some("1000.10"), Some("400.10")));
        assert!(indicator["status"].is_null() && indicator["progress"].is_null());
        let measurements = format!("{path}/{}/measurements", indicator["id"]);

        let body = assert_error(app.post(&measurements, &engineer, json!({"date": "2023-12-31", "value": "990"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["date"]);
        assert_error(app.post(&measurements, &engineer, json!({"date": "2999-01-01", "value": "990"})).await, 422, "validation_failed").await;

        // Halfway in time (2025-01-01); the value keeps its two decimals.
        let response = app.post(&measurements, &engineer, json!({"date": "2025-01-01", "value": "700.30", "comment": "Relevé annuel"})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let measured: Value = response.json().await.unwrap();
        assert_eq!(measured["value"], "700.30");
        let read: Value = app.get(&format!("{path}/{}", indicator["id"]), &engineer).await.json().await.unwrap();
        // (1000.10 − 700.30) ÷ 600 = 49.97 % → 50.0, against 50.1 % expected: on track.
        assert_eq!((read["progress"].as_f64(), read["expected_progress"].as_f64()), (Some(50.0), Some(50.1)));
        assert_eq!((read["status"].as_str(), read["latest_value"].as_str(), read["measurements_count"].as_i64()), (Some("on_track"), Some("700.30"), Some(1)));

        // A later, worse measurement becomes the latest: off track.
        app.post(&measurements, &engineer, json!({"date": "2025-12-01", "value": 950})).await;
        let read: Value = app.get(&format!("{path}/{}", indicator["id"]), &engineer).await.json().await.unwrap();
        assert_eq!((read["status"].as_str(), read["latest_value"].as_str()), (Some("off_track"), Some("950")));
        let list: Value = app.get(&measurements, &engineer).await.json().await.unwrap();
        assert_eq!(list.as_array().unwrap().len(), 2);

        // Deleting the latest needs If-Match and brings the earlier one back.
        let latest = &list[1];
        let delete_path = format!("{measurements}/{}", latest["id"]);
        assert_error(app.request(Method::DELETE, &delete_path, Some(&engineer), None).await, 428, "precondition_required").await;
        let response = app.client.delete(app.url(&delete_path)).bearer_auth(&engineer).header("If-Match", "\"1\"").send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        let read: Value = app.get(&format!("{path}/{}", indicator["id"]), &engineer).await.json().await.unwrap();
        assert_eq!(read["status"], "on_track");

        // A patch is checked as a whole: the direction must still fit.
        let body = assert_error(app.patch(&format!("{path}/{}", indicator["id"]), &engineer, Some(1), json!({"direction": "increase"})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), vec!["target_value"]);
        let response = app.patch(&format!("{path}/{}", indicator["id"]), &engineer, Some(1), json!({"target_value": "100.10"})).await;
        let patched: Value = response.json().await.unwrap();
        assert_eq!((patched["target_value"].as_str(), patched["version"].as_i64()), (Some("100.10"), Some(2)));

        // The dashboard counts indicators by status.
        let dashboard: Value = app.get("/api/v1/dashboard", &engineer).await.json().await.unwrap();
        assert_eq!(dashboard["indicators_by_status"]["on_track"].as_i64().unwrap() + dashboard["indicators_by_status"]["at_risk"].as_i64().unwrap() + dashboard["indicators_by_status"]["off_track"].as_i64().unwrap(), 1);
        let (_, viewer) = app.user_with_role("viewer").await;
        let valid = json!({
            "name": "Visiteurs", "unit": "personnes", "level": "output", "direction": "increase",
            "baseline_value": "0", "baseline_date": "2024-01-01", "target_value": "10", "target_date": "2025-01-01"
        });
        assert_error(app.post(&path, &viewer, valid).await, 403, "forbidden").await;
    }

    async fn ex_post_is_compared_with_ex_ante(app) {
        let admin = app.admin_token().await;
        let project = project_in_instruction(&app, &admin, "Tiers-lieu").await;
        submit_ex_ante(&app, &admin, &project, 4).await;
        let (_, engineer) = app.user_with_role("engineer").await;
        submit_ex_ante(&app, &engineer, &project, 2).await;
        let steps = [
            json!({"to": "decision", "date": "2024-03-01", "motivation": "Comité", "outcome": "go"}),
            json!({"to": "realisation", "date": "2024-04-01", "motivation": "Lancement"}),
            json!({"to": "evaluation", "date": "2025-01-01", "motivation": "Livré"}),
            json!({"to": "cloture", "date": "2025-06-01", "motivation": "Bilan"}),
        ];
        for step in steps {
            assert_eq!(move_to(&app, &admin, &project, step).await.status(), StatusCode::CREATED);
        }
        let grid: Value = app.post("/api/v1/evaluation-grids", &admin, json!({
            "name": "Bilan", "kind": "ex_post",
            "criteria": [{"key": "strategic_relevance", "label": "Pertinence", "weight": 1}, {"key": "results", "label": "Résultats", "weight": 1}]
        })).await.json().await.unwrap();
        let ex_post = start(&app, &admin, &project, json!({
            "kind": "ex_post", "grid_id": grid["id"], "recommendation": "go",
            "scores": {"strategic_relevance": {"score": 5}, "results": {"score": 4}}
        })).await;
        submit(&app, &admin, &project, &ex_post).await;
        let indicators = format!("/api/v1/projects/{}/indicators", project["id"]);
        let indicator: Value = app.post(&indicators, &admin, json!({
            "name": "Usagers", "unit": "personnes", "level": "outcome", "direction": "increase",
            "baseline_value": 0, "baseline_date": "2024-04-01", "target_value": 200, "target_date": "2025-06-01"
        })).await.json().await.unwrap();
        app.post(&format!("{indicators}/{}/measurements", indicator["id"]), &admin, json!({"date": "2025-06-01", "value": "230"})).await;

        let response = app.get(&format!("{}/comparison", evaluations_of(&project)), &admin).await;
        assert_eq!(response.status(), StatusCode::OK);
        let comparison: Value = response.json().await.unwrap();
        assert_eq!(comparison["closed"], true);
        assert_eq!((comparison["ex_ante"]["mean_weighted_score"].as_f64(), comparison["ex_post"]["mean_weighted_score"].as_f64()), (Some(60.0), Some(90.0)));
        assert_eq!(comparison["score_delta"], 30.0);
        let relevance = comparison["criteria"].as_array().unwrap().iter().find(|c| c["key"] == "strategic_relevance").unwrap();
        assert_eq!((relevance["ex_ante_mean"].as_f64(), relevance["ex_post_mean"].as_f64(), relevance["delta"].as_f64()), (Some(3.0), Some(5.0), Some(2.0)));
        assert_eq!(comparison["indicators_achieved"], 1);
        assert_eq!(comparison["indicators"][0]["progress"], 115.0);
        assert_eq!(comparison["mean_indicator_progress"], 100.0);

        let dashboard: Value = app.get("/api/v1/dashboard", &admin).await.json().await.unwrap();
        assert_eq!(dashboard["ex_ante_scores"]["evaluated_projects"], 1);
        assert_eq!(dashboard["ex_ante_scores"]["bands"][3]["projects"], 1);
    }
}
