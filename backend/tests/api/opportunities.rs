//! Funding opportunities through the API: the catalogue and its rules,
//! which opportunities a project may apply for and why, applying, and the
//! imports from CSV and from an Aides-territoires export.

use crate::actors::create_actor;
use crate::helpers::*;
use crate::projects::{create_project, move_to};
use reqwest::StatusCode;
use serde_json::{json, Value};

pub async fn create_opportunity(app: &TestApp, token: &str, body: Value) -> Value {
    let response = app.post("/api/v1/funding-opportunities", token, body).await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

fn names(list: &Value) -> Vec<String> {
    let items = list.get("items").unwrap_or(list);
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            o.get("opportunity").unwrap_or(o)["name"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

async fn import(
    app: &TestApp,
    token: &str,
    content_type: &str,
    body: &str,
    dry_run: bool,
) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url(&format!(
            "/api/v1/imports/funding-opportunities?dry_run={dry_run}"
        )))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

db_test! {
    async fn a_project_sees_the_opportunities_it_may_apply_for_best_first(app) {
        let admin = app.admin_token().await;
        // Romans-sur-Isère: commune 26281, in the Drôme (26), in Auvergne-Rhône-Alpes (84).
        let romans = create_project(&app, &admin, json!({"title": "Tiers-lieu", "axis": "Innovation", "commune_insee": "26281", "commission_date": "2024-01-01"})).await;
        let paris = create_project(&app, &admin, json!({"title": "Halle", "axis": "Développement", "commune_insee": "75056"})).await;
        for (name, extra) in [
            ("Commune", json!({"axes": ["Innovation"], "perimeter": ["26281"], "submission_deadline": "2029-06-30", "subsidy_rate_max": 50})),
            ("Département", json!({"axes": ["Innovation"], "phases": ["commande", "cadrage"], "perimeter": ["26"], "submission_deadline": "2030-01-01"})),
            ("Région", json!({"perimeter": ["region:84"]})),
            ("Autre axe", json!({"axes": ["Développement"]})),
            ("Réalisation", json!({"phases": ["realisation"]})),
            ("Passée", json!({"submission_deadline": "2020-01-01"})),
            ("Isère", json!({"perimeter": ["38"]})),
            ("Pas encore", json!({"opens_on": "2099-01-01"})),
        ] {
            let mut body = json!({"name": name, "funder_name": "Région Auvergne-Rhône-Alpes", "scheme": "Dispositif"});
            body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            create_opportunity(&app, &admin, body).await;
        }

        let matches: Value = app.get(&format!("/api/v1/projects/{}/opportunities", romans["id"]), &admin).await.json().await.unwrap();
        // The axis, the phase and the department (70) before the axis and
        // the commune with its rate (65), before the region alone (10).
        assert_eq!(names(&matches), ["Département", "Commune", "Région"]);
        let kinds: Vec<&str> = matches[1]["reasons"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["axis", "phase", "perimeter", "deadline", "rate"]);
        let scores: Vec<i64> = matches.as_array().unwrap().iter().map(|m| m["score"].as_i64().unwrap()).collect();
        assert_eq!(scores, [70, 65, 10]);
        // On another day the deadline passed is still open.
        let back_then: Value = app.get(&format!("/api/v1/projects/{}/opportunities?on=2019-12-31", romans["id"]), &admin).await.json().await.unwrap();
        assert!(names(&back_then).contains(&"Passée".to_owned()));
        // Its phase decides too: in instruction the Département one is gone.
        for (to, date) in [("cadrage", "2024-01-10"), ("instruction", "2024-02-10")] {
            let moved = move_to(&app, &admin, &romans, json!({"to": to, "date": date, "motivation": "Étape"})).await;
            let status = moved.status();
            assert_eq!(status, StatusCode::CREATED, "{}", moved.text().await.unwrap());
        }
        let matches: Value = app.get(&format!("/api/v1/projects/{}/opportunities", romans["id"]), &admin).await.json().await.unwrap();
        assert_eq!(names(&matches), ["Commune", "Région"]);
        let matches: Value = app.get(&format!("/api/v1/projects/{}/opportunities", paris["id"]), &admin).await.json().await.unwrap();
        assert_eq!(names(&matches), ["Autre axe"]);
        assert_eq!(app.get("/api/v1/projects/999999/opportunities", &admin).await.status(), StatusCode::NOT_FOUND);

        // The catalogue's filters.
        let list = |query: &'static str| {
            let app = &app;
            let admin = admin.clone();
            async move {
                let body: Value = app.get(&format!("/api/v1/funding-opportunities?{query}"), &admin).await.json().await.unwrap();
                names(&body)
            }
        };
        assert_eq!(list("deadline_before=2029-12-31").await, ["Passée", "Commune"]);
        assert!(!list("open_on=2025-01-01").await.contains(&"Passée".to_owned()));
        assert!(!list("open_on=2025-01-01").await.contains(&"Pas encore".to_owned()));
        let innovation = list("axis=Innovation").await;
        assert!(innovation.contains(&"Région".to_owned()) && innovation.contains(&"Commune".to_owned()));
        assert!(!innovation.contains(&"Autre axe".to_owned()));
        assert_eq!(list("q=isère").await, ["Isère"]);
        assert_eq!(list("q=DÉPARTEMENT").await, ["Département"]);
        let page: Value = app.get("/api/v1/funding-opportunities?per_page=3&page=2", &admin).await.json().await.unwrap();
        assert_eq!((page["total"].as_u64(), page["items"].as_array().unwrap().len()), (Some(8), 3));
        let file = app.get("/api/v1/funding-opportunities?format=csv", &admin).await;
        assert_eq!(file.status(), StatusCode::OK);
        assert!(file.text().await.unwrap().starts_with("id,name,funder_id,funder_name,scheme,aid_types"));

        // Partners see no catalogue.
        let (_, partner) = app.user_with_role("partner").await;
        assert_eq!(app.get("/api/v1/funding-opportunities", &partner).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.get(&format!("/api/v1/projects/{}/opportunities", romans["id"]), &partner).await.status(), StatusCode::FORBIDDEN);
    }

    async fn an_opportunity_follows_its_rules(app) {
        let admin = app.admin_token().await;
        let refused = |body: Value| {
            let app = &app;
            let admin = admin.clone();
            async move { error_fields(&assert_error(app.post("/api/v1/funding-opportunities", &admin, body).await, 422, "validation_failed").await) }
        };
        assert_eq!(refused(json!({"name": "A", "funder_name": "B", "axes": ["Tourisme"]})).await, ["axes.0"]);
        assert_eq!(refused(json!({"name": "A", "funder_name": "B", "perimeter": ["26", "Drôme"]})).await, ["perimeter.1"]);
        assert_eq!(refused(json!({"name": "A", "funder_name": "B", "subsidy_rate_min": 50, "subsidy_rate_max": 20})).await, ["subsidy_rate_max"]);
        assert_eq!(refused(json!({"name": "A", "funder_name": "B", "opens_on": "2026-05-01", "submission_deadline": "2026-04-01"})).await, ["submission_deadline"]);
        assert_eq!(refused(json!({"name": "A"})).await, ["funder_name"]);
        assert_eq!(refused(json!({"name": "A", "funder_id": 999999})).await, ["funder_id"]);

        // A funder of the directory lends its name.
        let ademe = create_actor(&app, &admin, json!({"name": "ADEME", "kind": "state_service"})).await;
        let linked = create_opportunity(&app, &admin, json!({"name": "Fonds chaleur", "funder_id": ademe["id"], "url": "https://example.org/fonds-chaleur", "aid_types": ["grant", "engineering"], "recurrence": "ongoing"})).await;
        assert_eq!((linked["funder_name"].as_str(), linked["version"].as_i64()), (Some("ADEME"), Some(1)));
        let taken = app.post("/api/v1/funding-opportunities", &admin, json!({"name": "Doublon", "funder_name": "X", "url": "https://example.org/fonds-chaleur"})).await;
        assert_error(taken, 409, "already_exists").await;

        // Replaced whole, with If-Match.
        let path = format!("/api/v1/funding-opportunities/{}", linked["id"]);
        let body = json!({"name": "Fonds chaleur 2027", "funder_name": "ADEME", "url": "https://example.org/fonds-chaleur"});
        let put = |version: Option<i64>, body: Value| {
            let mut request = app.client.put(app.url(&path)).bearer_auth(&admin).json(&body);
            if let Some(version) = version {
                request = request.header("If-Match", format!("\"{version}\""));
            }
            request.send()
        };
        assert_error(put(None, body.clone()).await.unwrap(), 428, "precondition_required").await;
        let replaced: Value = put(Some(1), body.clone()).await.unwrap().json().await.unwrap();
        assert_eq!((replaced["name"].as_str(), replaced["version"].as_i64(), replaced["funder_id"].as_i64()), (Some("Fonds chaleur 2027"), Some(2), None));
        assert_error(put(Some(1), body).await.unwrap(), 412, "version_mismatch").await;

        // Audited; deleted with If-Match.
        let audit: Value = app.get("/api/v1/audit-log?entity=funding_opportunity", &admin).await.json().await.unwrap();
        let actions: Vec<&str> = audit["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["update", "create"]);
        let (_, viewer) = app.user_with_role("viewer").await;
        assert_eq!(app.post("/api/v1/funding-opportunities", &viewer, json!({"name": "A", "funder_name": "B"})).await.status(), StatusCode::FORBIDDEN);
        let deleted = app.client.delete(app.url(&path)).bearer_auth(&admin).header("If-Match", "\"2\"").send().await.unwrap();
        assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.get(&path, &admin).await.status(), StatusCode::NOT_FOUND);
    }

    async fn applying_makes_a_planned_funding_line_with_the_deadline(app) {
        let admin = app.admin_token().await;
        let project = create_project(&app, &admin, json!({"title": "Rénovation de l'école", "axis": "Investissement", "total_cost_cents": 1_000_000})).await;
        let other = create_project(&app, &admin, json!({"title": "Gymnase", "axis": "Investissement", "total_cost_cents": 500_000})).await;
        let region = create_opportunity(&app, &admin, json!({
            "name": "Bonus relance", "funder_name": "Région Auvergne-Rhône-Alpes", "scheme": "Bonus relance",
            "subsidy_rate_max": 40, "submission_deadline": "2030-03-31",
        })).await;
        let apply = |project: &Value, opportunity: &Value, body: Value| {
            let path = format!("/api/v1/projects/{}/opportunities/{}/apply", project["id"], opportunity["id"]);
            let (app, admin) = (&app, admin.clone());
            async move { app.post(&path, &admin, body).await }
        };
        let response = apply(&project, &region, json!({})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let line: Value = response.json().await.unwrap();
        assert_eq!(line["status"], "planned");
        assert_eq!(line["amount_cents"], 400_000);
        assert_eq!(line["category"], "public");
        assert_eq!(line["scheme"], "Bonus relance");
        assert_eq!(line["submission_deadline"], "2030-03-31");
        assert_eq!(line["opportunity_id"], region["id"]);
        // The funder was added to the directory, once.
        let funder: Value = app.get(&format!("/api/v1/actors/{}", line["funder_id"]), &admin).await.json().await.unwrap();
        assert_eq!((funder["name"].as_str(), funder["kind"].as_str()), (Some("Région Auvergne-Rhône-Alpes"), Some("funder")));
        assert_error(apply(&project, &region, json!({})).await, 409, "conflict").await;
        let again: Value = apply(&other, &region, json!({"amount_cents": 12_345})).await.json().await.unwrap();
        assert_eq!((again["amount_cents"].as_i64(), &again["funder_id"]), (Some(12_345), &line["funder_id"]));
        assert_error(apply(&other, &region, json!({"amount_cents": -1})).await, 422, "validation_failed").await;

        // A company's offer is private money.
        let bank = create_actor(&app, &admin, json!({"name": "Banque locale", "kind": "company"})).await;
        let offer = create_opportunity(&app, &admin, json!({"name": "Mécénat", "funder_id": bank["id"]})).await;
        let private: Value = apply(&project, &offer, json!({"amount_cents": 5_000})).await.json().await.unwrap();
        assert_eq!((private["category"].as_str(), &private["funder_id"]), (Some("private"), &bank["id"]));

        // The opportunity removed from the catalogue, the line stays.
        let gone = app.client.delete(app.url(&format!("/api/v1/funding-opportunities/{}", offer["id"]))).bearer_auth(&admin).header("If-Match", "\"1\"").send().await.unwrap();
        assert_eq!(gone.status(), StatusCode::NO_CONTENT);
        let lines: Value = app.get(&format!("/api/v1/projects/{}/funding-lines", project["id"]), &admin).await.json().await.unwrap();
        let kept = lines.as_array().unwrap().iter().find(|l| l["id"] == private["id"]).unwrap();
        assert_eq!((kept["amount_cents"].as_i64(), &kept["opportunity_id"]), (Some(5_000), &Value::Null));

        // The financing plan shows both lines; the audit log their creation.
        let plan: Value = app.get(&format!("/api/v1/projects/{}/funding-lines", project["id"]), &admin).await.json().await.unwrap();
        assert_eq!(plan.as_array().unwrap().len(), 2);
        let audit: Value = app.get("/api/v1/audit-log?entity=funding_line", &admin).await.json().await.unwrap();
        assert_eq!(audit["total"], 3);
        let (_, viewer) = app.user_with_role("viewer").await;
        let refused = app.post(&format!("/api/v1/projects/{}/opportunities/{}/apply", other["id"], offer["id"]), &viewer, json!({})).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert_eq!(apply(&project, &json!({"id": 999999}), json!({})).await.status(), StatusCode::NOT_FOUND);
    }

    async fn the_catalogue_imports_from_csv_and_aides_territoires(app) {
        let admin = app.admin_token().await;
        let csv = "name,funder_name,scheme,aid_types,axes,phases,perimeter,subsidy_rate_max,submission_deadline,recurrence,url\n\
                   DSIL,Préfecture de la Drôme,DSIL,grant,Investissement,cadrage;instruction,26,80,2030-02-28,recurring,https://example.org/dsil\n\
                   DETR,Préfecture de la Drôme,DETR,grant,,,26,,,one_off,https://example.org/detr\n";
        let (status, report) = import(&app, &admin, "text/csv", csv, true).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        assert_eq!((report["created"].as_u64(), report["applied"].as_bool()), (Some(2), Some(false)));
        let (status, report) = import(&app, &admin, "text/csv", csv, false).await;
        assert_eq!((status, report["created"].as_u64(), report["applied"].as_bool()), (StatusCode::OK, Some(2), Some(true)));
        let list: Value = app.get("/api/v1/funding-opportunities?q=dsil", &admin).await.json().await.unwrap();
        let dsil = &list["items"][0];
        assert_eq!((dsil["phases"].clone(), dsil["perimeter"].clone(), dsil["recurrence"].clone()), (json!(["cadrage", "instruction"]), json!(["26"]), json!("recurring")));
        // Again: matched on url, the unchanged rows left alone.
        let changed = csv.replace("DETR,Préfecture de la Drôme,DETR", "DETR 2027,Préfecture de la Drôme,DETR");
        let (_, report) = import(&app, &admin, "text/csv", &changed, false).await;
        assert_eq!((report["created"].as_u64(), report["updated"].as_u64(), report["unchanged"].as_u64()), (Some(0), Some(1), Some(1)));
        // A bad row refuses the whole file, naming its line and column.
        let bad = format!("{changed}Fonds,Région,,grant,,décision,26,,,,https://example.org/fonds\nAutre,Région,,,,,,,,,https://example.org/dsil\n");
        let (status, report) = import(&app, &admin, "text/csv", &bad, false).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let errors: Vec<(u64, &str, &str)> = report["errors"].as_array().unwrap().iter().map(|e| (e["line"].as_u64().unwrap(), e["column"].as_str().unwrap_or(""), e["code"].as_str().unwrap())).collect();
        assert_eq!(errors, [(4, "phases", "invalid_choice"), (5, "url", "duplicate_key")]);
        let total: Value = app.get("/api/v1/funding-opportunities", &admin).await.json().await.unwrap();
        assert_eq!(total["total"], 2);

        // An Aides-territoires export, as the API pages it.
        let lead: Value = app.get("/api/v1/me", &admin).await.json().await.unwrap();
        let (_, engineer) = app.user_with_role("engineer").await;
        let me: Value = app.get("/api/v1/me", &engineer).await.json().await.unwrap();
        let project = create_project(&app, &admin, json!({"title": "Réseau de chaleur", "axis": "Investissement", "commune_insee": "26281", "lead_id": me["id"]})).await;
        let _ = lead;
        let export = json!({"count": 2, "results": [
            {"name": "Fonds vert : rénovation énergétique des bâtiments publics", "financers": ["Ministère de la Transition écologique"],
             "perimeter": "Drôme", "mobilization_steps": ["Réflexion / conception"], "aid_types": ["Subvention"],
             "submission_deadline": "2030-12-31", "predeposit_date": null, "subvention_rate_lower_bound": 20, "subvention_rate_upper_bound": 60,
             "origin_url": "https://example.org/fonds-vert", "recurrence": "Permanente", "description": "<p>Écoles &amp; mairies</p>"},
            {"name": "Ingénierie territoriale", "financers": [{"name": "Banque des Territoires"}], "perimeter": "France",
             "mobilization_steps": ["Mise en œuvre / réalisation"], "aid_types": ["Ingénierie technique"], "url": "/aides/ingenierie/"},
        ]});
        let (status, report) = import(&app, &admin, "application/json", &export.to_string(), false).await;
        assert_eq!((status, report["created"].as_u64(), report["kind"].as_str()), (StatusCode::OK, Some(2), Some("funding_opportunities")), "{report}");
        let found: Value = app.get("/api/v1/funding-opportunities?q=fonds%20vert", &admin).await.json().await.unwrap();
        let green = &found["items"][0];
        assert_eq!(green["perimeter"], json!(["department:26"]));
        assert_eq!(green["phases"], json!(["commande", "cadrage", "instruction", "decision"]));
        assert_eq!((green["funder_name"].as_str(), green["subsidy_rate_max"].as_i64(), green["recurrence"].as_str()), (Some("Ministère de la Transition écologique"), Some(60), Some("ongoing")));
        assert_eq!(green["description"], "Écoles & mairies");
        // The project it suits in the Drôme is told, through its lead.
        let notes: Value = app.get("/api/v1/notifications", &engineer).await.json().await.unwrap();
        let titles: Vec<&str> = notes["items"].as_array().unwrap().iter().filter(|n| n["kind"] == "opportunity_match").map(|n| n["title"].as_str().unwrap()).collect();
        assert_eq!(titles, [format!("Réseau de chaleur : {}", green["name"].as_str().unwrap())], "{notes}");
        assert_eq!(notes["items"][0]["link"], format!("/projets/{}/opportunites", project["id"]));
        // Re-imported: nothing changes, nobody is told twice.
        let (_, report) = import(&app, &admin, "application/json", &export.to_string(), false).await;
        assert_eq!(report["unchanged"], 2);
        let again: Value = app.get("/api/v1/notifications", &engineer).await.json().await.unwrap();
        assert_eq!(again["total"], notes["total"]);
        // An unknown place refuses the export, naming the aid.
        let wrong = json!([{"name": "Aide", "perimeter": "Atlantide", "origin_url": "https://example.org/a"}]);
        let (status, report) = import(&app, &admin, "application/json", &wrong.to_string(), false).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!((report["errors"][0]["line"].as_u64(), report["errors"][0]["column"].as_str()), (Some(1), Some("perimeter")));
        let (_, viewer) = app.user_with_role("viewer").await;
        assert_eq!(import(&app, &viewer, "text/csv", csv, true).await.0, StatusCode::FORBIDDEN);
    }
}
