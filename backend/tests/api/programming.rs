//! Money over time through the API: AP revisions, CP by year, funding
//! schedules, the town's capacity, the programme of a hand-computed
//! portfolio, its spreadsheet, scenarios, the dashboard's figures.

use crate::actors::create_actor;
use crate::helpers::*;
use crate::projects::{create_project, move_to};
use calamine::{Data, Reader, Xlsx};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn put(
    app: &TestApp,
    path: &str,
    token: &str,
    version: Option<i64>,
    body: Value,
) -> reqwest::Response {
    let mut request = app.client.put(app.url(path)).bearer_auth(token).json(&body);
    if let Some(version) = version {
        request = request.header("If-Match", format!("\"{version}\""));
    }
    request.send().await.unwrap()
}

async fn json_of(response: reqwest::Response, status: StatusCode) -> Value {
    let actual = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(actual, status, "{body}");
    body
}

async fn version_of(app: &TestApp, token: &str, project: &Value) -> i64 {
    let current: Value = app
        .get(&format!("/api/v1/projects/{}", project["id"]), token)
        .await
        .json()
        .await
        .unwrap();
    current["version"].as_i64().unwrap()
}

/// Replaces a project's CP, reading its version first.
async fn set_credits(app: &TestApp, token: &str, project: &Value, years: Value) -> Value {
    let version = version_of(app, token, project).await;
    let path = format!("/api/v1/projects/{}/payment-credits", project["id"]);
    json_of(
        put(app, &path, token, Some(version), json!({"years": years})).await,
        StatusCode::OK,
    )
    .await
}

async fn add_line(app: &TestApp, token: &str, project: &Value, body: Value) -> Value {
    let path = format!("/api/v1/projects/{}/funding-lines", project["id"]);
    json_of(app.post(&path, token, body).await, StatusCode::CREATED).await
}

async fn set_schedule(app: &TestApp, token: &str, line: &Value, years: Value) -> Value {
    let path = format!(
        "/api/v1/projects/{}/funding-lines/{}/schedule",
        line["project_id"], line["id"]
    );
    let version = line["version"].as_i64().unwrap();
    json_of(
        put(app, &path, token, Some(version), json!({"years": years})).await,
        StatusCode::OK,
    )
    .await
}

async fn vote_ap(
    app: &TestApp,
    token: &str,
    project: &Value,
    amount: i64,
    voted_on: &str,
) -> reqwest::Response {
    app.post(
        &format!("/api/v1/projects/{}/ap-revisions", project["id"]),
        token,
        json!({"amount_cents": amount, "voted_on": voted_on, "deliberation_ref": format!("DEL-{voted_on}")}),
    )
    .await
}

/// A portfolio whose programme is computed by hand in the test below:
/// P1 (AP 5 000) with CP 2024 1 000 (800 paid) and 2025 2 000; P2 with CP
/// 2025 500 (200 paid), on its own axis; P3 abandoned with CP 2025 9 000.
/// The Region granted three lines (one on P3) and was refused one
/// (success rate 3/4); its line on P1 is still requested. A firm that never had a decision
/// (rate 0.5) has a planned line on P2. The town's own line and the
/// refused one bring no receipt.
struct Portfolio {
    p1: Value,
    p2: Value,
    p3: Value,
    requested: Value,
}

async fn portfolio(app: &TestApp, admin: &str) -> Portfolio {
    let city = create_actor(app, admin, json!({"name": "Ville", "kind": "municipality"})).await;
    let region = create_actor(
        app,
        admin,
        json!({"name": "Région", "kind": "region_department"}),
    )
    .await;
    let firm = create_actor(app, admin, json!({"name": "Entreprise", "kind": "company"})).await;
    let p1 = create_project(app, admin, json!({"title": "P1", "axis": "Innovation", "commission_date": "2023-01-01", "total_cost_cents": 5_000})).await;
    let p2 = create_project(app, admin, json!({"title": "P2", "axis": "Investissement", "commission_date": "2023-01-01", "total_cost_cents": 2_000})).await;
    let p3 = create_project(app, admin, json!({"title": "P3", "axis": "Innovation", "commission_date": "2023-01-01", "total_cost_cents": 9_000})).await;
    assert_eq!(
        vote_ap(app, admin, &p1, 5_000, "2023-03-01").await.status(),
        StatusCode::CREATED
    );
    set_credits(app, admin, &p1, json!([{"year": 2025, "planned_cents": 2_000, "paid_cents": 0}, {"year": 2024, "planned_cents": 1_000, "paid_cents": 800}])).await;
    set_credits(
        app,
        admin,
        &p2,
        json!([{"year": 2025, "planned_cents": 500, "paid_cents": 200}]),
    )
    .await;
    set_credits(
        app,
        admin,
        &p3,
        json!([{"year": 2025, "planned_cents": 9_000, "paid_cents": 0}]),
    )
    .await;

    let line = |funder: &Value, category: &str, amount: i64, status: &str| json!({"funder_id": funder["id"], "category": category, "amount_cents": amount, "status": status});
    let granted = add_line(app, admin, &p1, line(&region, "public", 300, "granted")).await;
    set_schedule(
        app,
        admin,
        &granted,
        json!([{"year": 2024, "expected_cents": 300, "received_cents": 300}]),
    )
    .await;
    add_line(app, admin, &p2, line(&region, "public", 50, "granted")).await;
    let refused = add_line(app, admin, &p2, line(&region, "public", 700, "refused")).await;
    set_schedule(
        app,
        admin,
        &refused,
        json!([{"year": 2025, "expected_cents": 700, "received_cents": 0}]),
    )
    .await;
    let requested = add_line(app, admin, &p1, line(&region, "public", 1_000, "requested")).await;
    let requested = set_schedule(
        app,
        admin,
        &requested,
        json!([{"year": 2025, "expected_cents": 1_000, "received_cents": 0}]),
    )
    .await;
    let planned = add_line(app, admin, &p2, line(&firm, "private", 101, "planned")).await;
    set_schedule(
        app,
        admin,
        &planned,
        json!([{"year": 2025, "expected_cents": 101, "received_cents": 0}]),
    )
    .await;
    let own = add_line(app, admin, &p2, line(&city, "city", 400, "granted")).await;
    set_schedule(
        app,
        admin,
        &own,
        json!([{"year": 2025, "expected_cents": 400, "received_cents": 0}]),
    )
    .await;
    // P3's granted line would count if P3 were still programmed.
    let abandoned = add_line(app, admin, &p3, line(&region, "public", 5_000, "granted")).await;
    set_schedule(
        app,
        admin,
        &abandoned,
        json!([{"year": 2025, "expected_cents": 5_000, "received_cents": 0}]),
    )
    .await;
    let response = move_to(app, admin, &p3, json!({"to": "abandonne", "date": "2024-06-01", "motivation": "Plus de financement", "reason": "financing"})).await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let capacity = json!({"years": [{"year": 2025, "capacity_cents": 1_000}, {"year": 2024, "capacity_cents": 1_500}]});
    json_of(
        put(
            app,
            "/api/v1/settings/investment-capacity",
            admin,
            None,
            capacity,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    Portfolio {
        p1,
        p2,
        p3,
        requested,
    }
}

fn year(years: &Value, wanted: i64) -> &Value {
    years
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == wanted)
        .unwrap_or_else(|| panic!("no {wanted} in {years}"))
}

db_test! {
    async fn ap_revisions_follow_the_votes_and_stay_above_the_cp_paid(app) {
        let admin = app.admin_token().await;
        let project = create_project(&app, &admin, json!({"title": "Médiathèque", "axis": "Investissement", "commission_date": "2023-01-01", "total_cost_cents": 2_000_000_00})).await;
        let path = format!("/api/v1/projects/{}/ap-revisions", project["id"]);
        assert_eq!(project["ap_cents"], Value::Null);
        let none: Value = app.get(&path, &admin).await.json().await.unwrap();
        assert_eq!(none, json!([]));

        let first = json_of(vote_ap(&app, &admin, &project, 1_500_000_00, "2024-02-01").await, StatusCode::CREATED).await;
        assert_eq!(first["amount_cents"], 1_500_000_00);
        assert_eq!(first["deliberation_ref"], "DEL-2024-02-01");
        // A later vote recorded first, then an earlier one: the AP in
        // force is the latest vote's.
        json_of(vote_ap(&app, &admin, &project, 1_800_000_00, "2025-03-10").await, StatusCode::CREATED).await;
        json_of(vote_ap(&app, &admin, &project, 1_200_000_00, "2023-11-20").await, StatusCode::CREATED).await;
        let listed: Value = app.get(&path, &admin).await.json().await.unwrap();
        let votes: Vec<&str> = listed.as_array().unwrap().iter().map(|r| r["voted_on"].as_str().unwrap()).collect();
        assert_eq!(votes, ["2023-11-20", "2024-02-01", "2025-03-10"]);
        let current: Value = app.get(&format!("/api/v1/projects/{}", project["id"]), &admin).await.json().await.unwrap();
        assert_eq!(current["ap_cents"], 1_800_000_00);

        // Below the CP already paid: refused, naming the amount.
        set_credits(&app, &admin, &project, json!([{"year": 2024, "planned_cents": 900_000_00, "paid_cents": 700_000_00}, {"year": 2025, "planned_cents": 400_000_00, "paid_cents": 100_000_00}])).await;
        let body = assert_error(vote_ap(&app, &admin, &project, 799_999_99, "2026-01-15").await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), ["amount_cents"]);
        json_of(vote_ap(&app, &admin, &project, 800_000_00, "2026-01-15").await, StatusCode::CREATED).await;

        let blank = app.post(&path, &admin, json!({"amount_cents": 10, "voted_on": "2026-02-01", "deliberation_ref": "  "})).await;
        assert_eq!(error_fields(&assert_error(blank, 422, "validation_failed").await), ["deliberation_ref"]);
        let unknown = app.post(&path, &admin, json!({"amount_cents": 10, "voted_on": "2026-02-01", "deliberation_ref": "D", "extra": 1})).await;
        assert_eq!(unknown.status().as_u16(), 422);

        let (_, viewer) = app.user_with_role("viewer").await;
        assert_eq!(vote_ap(&app, &viewer, &project, 10, "2026-02-01").await.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.get(&path, &viewer).await.status(), StatusCode::OK);
        let (_, partner) = app.user_with_role("partner").await;
        assert_eq!(app.get(&path, &partner).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.get("/api/v1/projects/999999/ap-revisions", &admin).await.status(), StatusCode::NOT_FOUND);

        let audit: Value = app.get("/api/v1/audit-log?entity=ap_revision", &admin).await.json().await.unwrap();
        assert_eq!(audit["total"], 4, "{audit}");
    }

    async fn payment_credits_need_if_match_and_follow_their_rules(app) {
        let admin = app.admin_token().await;
        let project = create_project(&app, &admin, json!({"title": "Gymnase", "axis": "Investissement", "commission_date": "2023-01-01", "total_cost_cents": 3_000})).await;
        let path = format!("/api/v1/projects/{}/payment-credits", project["id"]);
        let version = project["version"].as_i64().unwrap();
        let years = json!({"years": [{"year": 2025, "planned_cents": 500, "paid_cents": 0}]});

        assert_error(put(&app, &path, &admin, None, years.clone()).await, 428, "precondition_required").await;
        assert_error(put(&app, &path, &admin, Some(version + 5), years.clone()).await, 412, "version_mismatch").await;

        let refused = |years: Value| {
            let (app, admin, path) = (&app, admin.clone(), path.clone());
            async move {
                let body = assert_error(put(app, &path, &admin, Some(version), json!({"years": years})).await, 422, "validation_failed").await;
                error_fields(&body)
            }
        };
        assert_eq!(refused(json!([{"year": 2024, "planned_cents": 100, "paid_cents": 101}])).await, ["years.0.paid_cents"]);
        assert_eq!(refused(json!([{"year": 2024, "planned_cents": 100, "paid_cents": 0}, {"year": 2024, "planned_cents": 1, "paid_cents": 0}])).await, ["years.1.year"]);
        assert_eq!(refused(json!([{"year": 2024, "planned_cents": -1, "paid_cents": 0}])).await, ["years.0.planned_cents"]);
        assert_eq!(refused(json!([{"year": 2024, "planned_cents": 10, "paid_cents": -1}])).await, ["years.0.paid_cents"]);

        let saved = json_of(put(&app, &path, &admin, Some(version), json!({"years": [
            {"year": 2026, "planned_cents": 1_000, "paid_cents": 0},
            {"year": 2025, "planned_cents": 1_500, "paid_cents": 1_500},
        ]})).await, StatusCode::OK).await;
        assert_eq!(saved["version"], version + 1);
        assert_eq!(saved["years"], json!([
            {"year": 2025, "planned_cents": 1_500, "paid_cents": 1_500},
            {"year": 2026, "planned_cents": 1_000, "paid_cents": 0},
        ]));
        let response = app.get(&path, &admin).await;
        assert_eq!(response.headers()["etag"], format!("\"{}\"", version + 1));
        let read: Value = response.json().await.unwrap();
        assert_eq!(read["years"], saved["years"]);
        // The old version is stale now.
        assert_error(put(&app, &path, &admin, Some(version), years.clone()).await, 412, "version_mismatch").await;

        // Under an AP, the CP planned add up to at most the AP.
        assert_eq!(vote_ap(&app, &admin, &project, 2_400, "2025-01-10").await.status(), StatusCode::CREATED);
        let body = assert_error(put(&app, &path, &admin, Some(version + 1), json!({"years": [
            {"year": 2025, "planned_cents": 1_500, "paid_cents": 1_500},
            {"year": 2026, "planned_cents": 1_000, "paid_cents": 0},
        ]})).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&body), ["years.1.planned_cents"]);
        json_of(put(&app, &path, &admin, Some(version + 1), json!({"years": [
            {"year": 2025, "planned_cents": 1_500, "paid_cents": 1_500},
            {"year": 2026, "planned_cents": 900, "paid_cents": 0},
        ]})).await, StatusCode::OK).await;

        let (_, engineer) = app.user_with_role("engineer").await;
        let (_, viewer) = app.user_with_role("viewer").await;
        assert_eq!(put(&app, &path, &viewer, Some(version + 2), years.clone()).await.status(), StatusCode::FORBIDDEN);
        json_of(put(&app, &path, &engineer, Some(version + 2), json!({"years": []})).await, StatusCode::OK).await;
        let audit: Value = app.get(&format!("/api/v1/audit-log?entity=payment_credits&entity_id={}", project["id"]), &admin).await.json().await.unwrap();
        assert_eq!(audit["total"], 3, "{audit}");
    }

    async fn a_funding_schedule_stays_within_its_line(app) {
        let admin = app.admin_token().await;
        let state = create_actor(&app, &admin, json!({"name": "État", "kind": "state_service"})).await;
        let project = create_project(&app, &admin, json!({"title": "Voirie", "axis": "Investissement", "commission_date": "2023-01-01", "total_cost_cents": 10_000})).await;
        let line = add_line(&app, &admin, &project, json!({
            "funder_id": state["id"], "category": "public", "amount_cents": 1_000, "status": "granted",
            "scheme": " DSIL ", "convention_date": "2024-04-02", "decision_ref": "ARR-2024-17", "lapse_date": "2027-04-02",
        })).await;
        assert_eq!(line["scheme"], "DSIL");
        assert_eq!(line["convention_date"], "2024-04-02");
        assert_eq!(line["decision_ref"], "ARR-2024-17");
        assert_eq!(line["lapse_date"], "2027-04-02");
        let lines_path = format!("/api/v1/projects/{}/funding-lines", project["id"]);
        let lapsing = app.post(&lines_path, &admin, json!({"funder_id": state["id"], "category": "public", "amount_cents": 1, "convention_date": "2024-04-02", "lapse_date": "2024-04-01"})).await;
        assert_eq!(error_fields(&assert_error(lapsing, 422, "validation_failed").await), ["lapse_date"]);

        let path = format!("{lines_path}/{}/schedule", line["id"]);
        let version = line["version"].as_i64().unwrap();
        let empty: Value = app.get(&path, &admin).await.json().await.unwrap();
        assert_eq!(empty["years"], json!([]));
        assert_eq!(empty["amount_cents"], 1_000);
        assert_error(put(&app, &path, &admin, None, json!({"years": []})).await, 428, "precondition_required").await;
        let over = put(&app, &path, &admin, Some(version), json!({"years": [
            {"year": 2024, "expected_cents": 600, "received_cents": 600},
            {"year": 2025, "expected_cents": 500, "received_cents": 0},
        ]})).await;
        assert_eq!(error_fields(&assert_error(over, 422, "validation_failed").await), ["years.1.expected_cents"]);
        let received = put(&app, &path, &admin, Some(version), json!({"years": [{"year": 2024, "expected_cents": 100, "received_cents": 150}]})).await;
        assert_eq!(error_fields(&assert_error(received, 422, "validation_failed").await), ["years.0.received_cents"]);

        let saved = set_schedule(&app, &admin, &line, json!([
            {"year": 2025, "expected_cents": 400, "received_cents": 0},
            {"year": 2024, "expected_cents": 600, "received_cents": 600},
        ])).await;
        assert_eq!(saved["version"], version + 1);
        assert_eq!(saved["years"][0]["year"], 2024);
        // The line's own version moved with it; its amount may not fall
        // below what the schedule expects.
        let lowered = app.patch(&format!("{lines_path}/{}", line["id"]), &admin, Some(version + 1), json!({"amount_cents": 999})).await;
        assert_eq!(error_fields(&assert_error(lowered, 422, "validation_failed").await), ["amount_cents"]);
        let raised = app.patch(&format!("{lines_path}/{}", line["id"]), &admin, Some(version + 1), json!({"amount_cents": 1_200, "scheme": null})).await;
        let raised = json_of(raised, StatusCode::OK).await;
        assert_eq!(raised["scheme"], Value::Null);
        assert_eq!(app.get(&format!("{lines_path}/999999/schedule"), &admin).await.status(), StatusCode::NOT_FOUND);
        let (_, partner) = app.user_with_role("partner").await;
        assert_eq!(app.get(&path, &partner).await.status(), StatusCode::FORBIDDEN);
    }

    async fn the_programme_adds_up_a_hand_computed_portfolio(app) {
        let admin = app.admin_token().await;
        // A subscription to programme changes, where nothing listens: its
        // deliveries show what was announced.
        let allowed = put(&app, "/api/v1/settings/webhooks", &admin, None, json!({"allow_private_addresses": true})).await;
        assert_eq!(allowed.status(), StatusCode::OK);
        let hook = json_of(app.post("/api/v1/webhooks", &admin, json!({"url": "http://127.0.0.1:9/hook", "events": ["programme.changed"]})).await, StatusCode::CREATED).await;
        let Portfolio { p1, p2, p3, .. } = portfolio(&app, &admin).await;

        let programme = json_of(app.get("/api/v1/programming?from=2024&to=2026", &admin).await, StatusCode::OK).await;
        assert_eq!((programme["from"].as_i64(), programme["to"].as_i64()), (Some(2024), Some(2026)));
        assert_eq!(*year(&programme["years"], 2024), json!({
            "year": 2024, "planned_cents": 1_000, "paid_cents": 800, "expected_receipts_cents": 300,
            "received_cents": 300, "likely_receipts_cents": 300, "net_need_cents": 700,
            "capacity_cents": 1_500, "over_capacity": false,
        }));
        // 2025: CP 2 000 + 500 (P3 abandoned); receipts 1 000 requested of
        // the Region + 101 planned of the firm (not the refused line, not
        // the town's own); likely 1 000 × 3/4 + 101 × 0.5 = 800.5; net
        // need 2 500 − 1 101 = 1 399 > capacity 1 000.
        assert_eq!(*year(&programme["years"], 2025), json!({
            "year": 2025, "planned_cents": 2_500, "paid_cents": 200, "expected_receipts_cents": 1_101,
            "received_cents": 0, "likely_receipts_cents": 801, "net_need_cents": 1_399,
            "capacity_cents": 1_000, "over_capacity": true,
        }));
        assert_eq!(year(&programme["years"], 2026)["capacity_cents"], Value::Null);
        assert_eq!(year(&programme["years"], 2026)["over_capacity"], false);
        let rows = programme["projects"].as_array().unwrap();
        let ids: Vec<&Value> = rows.iter().map(|r| &r["project_id"]).collect();
        assert_eq!(ids, [&p1["id"], &p2["id"]], "programmed projects, not the abandoned one");
        assert_eq!(rows[0]["ap_cents"], 5_000);
        assert_eq!(rows[0]["planned_cents"], 3_000);
        assert_eq!(rows[0]["over_authorisation"], false);
        assert_eq!(rows[1]["paid_cents"], 200);
        assert!(!ids.contains(&&p3["id"]));

        // Without years asked: those the plan covers.
        let default = json_of(app.get("/api/v1/programming", &admin).await, StatusCode::OK).await;
        assert_eq!((default["from"].as_i64(), default["to"].as_i64()), (Some(2024), Some(2025)));
        // The project list's filters.
        let investment = json_of(app.get("/api/v1/programming?axis=Investissement&from=2025&to=2025", &admin).await, StatusCode::OK).await;
        assert_eq!(investment["years"][0]["planned_cents"], 500);
        assert_eq!(investment["years"][0]["expected_receipts_cents"], 101);
        assert_eq!(investment["projects"].as_array().unwrap().len(), 1);

        for (query, field) in [("from=2026&to=2024", "to"), ("from=1000&to=2024", "from"), ("from=2000&to=2099", "to")] {
            let body = assert_error(app.get(&format!("/api/v1/programming?{query}"), &admin).await, 422, "validation_failed").await;
            assert_eq!(error_fields(&body), [field], "{query}");
        }

        // The spreadsheet: a row per project, a column per year, in euros.
        let response = app.get("/api/v1/programming?from=2024&to=2026&format=xlsx", &admin).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()["content-disposition"].to_str().unwrap().contains("programmation-"));
        let bytes = response.bytes().await.unwrap();
        let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let sheet = workbook.worksheet_range("Programmation").unwrap();
        let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
        let headers: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {headers:?}"));
        assert_eq!(rows[1][0], Data::String(p1["reference"].as_str().unwrap().to_owned()));
        assert_eq!(rows[1][column("CP 2024 (€)")], Data::Float(10.0));
        assert_eq!(rows[1][column("CP 2025 (€)")], Data::Float(20.0));
        assert_eq!(rows[1][column("AP (€)")], Data::Float(50.0));
        let need = rows.iter().find(|r| r.get(1) == Some(&Data::String("Besoin net".into()))).unwrap();
        assert_eq!(need[column("CP 2025 (€)")], Data::Float(13.99));

        // The same grid as CSV: one width for every row, the blank one too.
        let response = app.get("/api/v1/programming?from=2024&to=2026&format=csv", &admin).await;
        assert_eq!(response.status(), StatusCode::OK);
        let text = response.text().await.unwrap();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
        assert_eq!(records.len(), rows.len());
        assert!(records.iter().all(|r| r.len() == headers.len()));
        let need = records.iter().find(|r| r.get(1) == Some("Besoin net")).unwrap();
        assert_eq!(need.get(column("CP 2025 (€)")).map(|c| c.replace(',', ".")), Some("13.99".to_owned()));
        // A year with nothing programmed still makes a file.
        assert_eq!(app.get("/api/v1/programming?from=1950&to=1950&format=csv", &admin).await.status(), StatusCode::OK);

        // The dashboard: CP paid by year and the capacity ratio (the last
        // year with CP paid ÷ the reference year, the first by default).
        let dashboard = json_of(app.get("/api/v1/dashboard", &admin).await, StatusCode::OK).await;
        assert_eq!(dashboard["paid_by_year"], json!([{"year": 2024, "paid_cents": 800}, {"year": 2025, "paid_cents": 200}]));
        assert_eq!(dashboard["investment_capacity_ratio"], 0.25);
        let capacity = json!({"years": [{"year": 2025, "capacity_cents": 1_000}], "reference_year": 2025});
        let saved = json_of(put(&app, "/api/v1/settings/investment-capacity", &admin, None, capacity).await, StatusCode::OK).await;
        assert_eq!(saved["reference_year"], 2025);
        let dashboard = json_of(app.get("/api/v1/dashboard", &admin).await, StatusCode::OK).await;
        assert_eq!(dashboard["investment_capacity_ratio"], 1.0);
        let filtered = json_of(app.get("/api/v1/dashboard?axis=Innovation", &admin).await, StatusCode::OK).await;
        assert_eq!(filtered["paid_by_year"], json!([{"year": 2024, "paid_cents": 800}]));

        // Partners see no programme; only admins set the capacity.
        let (_, partner) = app.user_with_role("partner").await;
        assert_eq!(app.get("/api/v1/programming", &partner).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.get("/api/v1/settings/investment-capacity", &partner).await.status(), StatusCode::FORBIDDEN);
        let (_, manager) = app.user_with_role("manager").await;
        assert_eq!(put(&app, "/api/v1/settings/investment-capacity", &manager, None, json!({"years": []})).await.status(), StatusCode::FORBIDDEN);
        let twice = put(&app, "/api/v1/settings/investment-capacity", &admin, None, json!({"years": [{"year": 2025, "capacity_cents": 1}, {"year": 2025, "capacity_cents": 2}]})).await;
        assert_eq!(error_fields(&assert_error(twice, 422, "validation_failed").await), ["years.1.year"]);

        // Every change announced: the AP vote, three projects' CP, the six
        // schedules, the capacity twice.
        let deliveries: Value = app.get(&format!("/api/v1/webhooks/{}/deliveries", hook["id"]), &admin).await.json().await.unwrap();
        let deliveries = deliveries.as_array().unwrap();
        assert_eq!(deliveries.len(), 12, "{deliveries:#?}");
        assert!(deliveries.iter().all(|d| d["event"] == "programme.changed"));
    }

    async fn a_kept_programme_follows_every_change_whoever_makes_it(app) {
        use diesel::connection::SimpleConnection;
        let admin = app.admin_token().await;
        let Portfolio { p1, p2, requested, .. } = portfolio(&app, &admin).await;
        let path = "/api/v1/programming?from=2024&to=2025";
        // A second instance on the same database, as behind a load
        // balancer: each keeps the plan it read.
        let other = spawn_instance(&app, |_| {}).await;
        let year_2025 = |programme: &Value| year(&programme["years"], 2025).clone();
        let both = || async {
            let here = json_of(app.get(path, &admin).await, StatusCode::OK).await;
            let there = json_of(other.get(path, &admin).await, StatusCode::OK).await;
            assert_eq!(here, there, "both instances answer the same programme");
            year_2025(&here)
        };
        let before = both().await;
        assert_eq!((before["planned_cents"].as_i64(), before["expected_receipts_cents"].as_i64()), (Some(2_500), Some(1_101)));

        // Through the API of the first instance.
        set_credits(&app, &admin, &p1, json!([{"year": 2024, "planned_cents": 1_000, "paid_cents": 800}, {"year": 2025, "planned_cents": 2_100, "paid_cents": 0}])).await;
        assert_eq!(both().await["planned_cents"], 2_600);

        // Outside the API, as the town's own SQL would: a receipt lowered,
        // a project's CP removed, a line refused, the capacity rewritten.
        let database = backend::db::Database::new(&app.config.database).unwrap();
        let mut conn = database.get().unwrap();
        let conn: &mut backend::db::DbConnection = &mut conn;
        let sql = |conn: &mut backend::db::DbConnection, statement: String| conn.batch_execute(&statement).unwrap();
        sql(conn, format!("UPDATE funding_schedules SET expected_cents = 900 WHERE funding_line_id = {} AND year = 2025", requested["funding_line_id"]));
        assert_eq!(both().await["expected_receipts_cents"], 1_001);
        sql(conn, format!("DELETE FROM payment_credits WHERE project_id = {}", p2["id"]));
        assert_eq!(both().await["planned_cents"], 2_100);
        sql(conn, format!("UPDATE funding_lines SET status = 'refused' WHERE id = {}", requested["funding_line_id"]));
        assert_eq!(both().await["expected_receipts_cents"], 101, "a refused line brings nothing");
        sql(conn, "UPDATE settings SET value = '{\"years\":[{\"year\":2025,\"capacity_cents\":3000}]}' WHERE key = 'investment_capacity'".to_owned());
        let after = both().await;
        assert_eq!((after["capacity_cents"].as_i64(), after["over_capacity"].as_bool()), (Some(3_000), Some(false)));
    }

    async fn a_scenario_recomputes_the_years_without_touching_the_projects(app) {
        let admin = app.admin_token().await;
        let Portfolio { p1, p2, requested, .. } = portfolio(&app, &admin).await;
        let before = json_of(app.get("/api/v1/programming?from=2024&to=2026", &admin).await, StatusCode::OK).await;

        let scenario = json_of(app.post("/api/v1/programming/scenarios", &admin, json!({
            "name": "  Report de P1, sans P2 ",
            "shifts": [{"project_id": p1["id"], "years": 1}],
            "excluded": [p2["id"]],
        })).await, StatusCode::CREATED).await;
        assert_eq!(scenario["name"], "Report de P1, sans P2");
        let id = scenario["id"].as_i64().unwrap();
        // P1 moved a year later with its Region receipt; P2 left out.
        let planned: Vec<i64> = scenario["years"].as_array().unwrap().iter().map(|y| y["planned_cents"].as_i64().unwrap()).collect();
        assert_eq!((scenario["from"].as_i64(), scenario["to"].as_i64()), (Some(2024), Some(2026)));
        assert_eq!(planned, [0, 1_000, 2_000]);
        assert_eq!(year(&scenario["years"], 2026)["expected_receipts_cents"], 1_000);
        assert_eq!(year(&scenario["years"], 2025)["over_capacity"], false);
        let delta: Vec<i64> = scenario["difference"].as_array().unwrap().iter().map(|y| y["planned_cents"].as_i64().unwrap()).collect();
        assert_eq!(delta, [-1_000, -1_500, 2_000]);
        assert_eq!(scenario["plan"], before["years"]);

        let read = json_of(app.get(&format!("/api/v1/programming/scenarios/{id}?from=2025&to=2026"), &admin).await, StatusCode::OK).await;
        assert_eq!(read["years"][0]["year"], 2025);
        assert_eq!(read["difference"][1]["net_need_cents"], 2_000 - 1_000);
        let listed: Value = app.get("/api/v1/programming/scenarios", &admin).await.json().await.unwrap();
        assert_eq!(listed[0]["id"], id);

        // Nothing in the plan moved.
        let after = json_of(app.get("/api/v1/programming?from=2024&to=2026", &admin).await, StatusCode::OK).await;
        assert_eq!(after, before);
        let schedule: Value = app.get(&format!("/api/v1/projects/{}/funding-lines/{}/schedule", p1["id"], requested["funding_line_id"]), &admin).await.json().await.unwrap();
        assert_eq!(schedule["years"][0]["year"], 2025);

        let bad = app.post("/api/v1/programming/scenarios", &admin, json!({"name": "X", "shifts": [{"project_id": 999999, "years": 1}], "excluded": [p1["id"]]})).await;
        assert_eq!(error_fields(&assert_error(bad, 422, "validation_failed").await), ["shifts.0.project_id"]);
        let twice = app.post("/api/v1/programming/scenarios", &admin, json!({"name": "X", "shifts": [{"project_id": p1["id"], "years": 1}, {"project_id": p1["id"], "years": 2}]})).await;
        assert_eq!(error_fields(&assert_error(twice, 422, "validation_failed").await), ["shifts.1.project_id"]);
        let far = app.post("/api/v1/programming/scenarios", &admin, json!({"name": "X", "shifts": [{"project_id": p1["id"], "years": 31}]})).await;
        assert_eq!(error_fields(&assert_error(far, 422, "validation_failed").await), ["shifts.0.years"]);

        let (_, viewer) = app.user_with_role("viewer").await;
        assert_eq!(app.get(&format!("/api/v1/programming/scenarios/{id}"), &viewer).await.status(), StatusCode::OK);
        assert_eq!(app.post("/api/v1/programming/scenarios", &viewer, json!({"name": "X"})).await.status(), StatusCode::FORBIDDEN);

        let path = format!("/api/v1/programming/scenarios/{id}");
        let stale = app.client.delete(app.url(&path)).bearer_auth(&admin).header("If-Match", "\"7\"").send().await.unwrap();
        assert_error(stale, 412, "version_mismatch").await;
        let deleted = app.client.delete(app.url(&path)).bearer_auth(&admin).header("If-Match", "\"1\"").send().await.unwrap();
        assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.request(Method::GET, &path, Some(&admin), None).await.status(), StatusCode::NOT_FOUND);
        let audit: Value = app.get("/api/v1/audit-log?entity=programming_scenario", &admin).await.json().await.unwrap();
        assert_eq!(audit["total"], 2, "{audit}");
    }
}
