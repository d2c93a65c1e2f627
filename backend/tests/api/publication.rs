//! The national open-data files: the public projects in the "projets des
//! collectivités" schema and the town's grants in SCDL *Subventions*,
//! their rows checked by hand and the files validated by frictionless
//! against `docs/schemas/`.

use crate::actors::create_actor;
use crate::helpers::*;
use crate::projects::{create_project, move_to};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn siret(body: &str) -> String {
    shared::siret::with_check_digit(body)
}

/// frictionless from tools/open-data-venv; `None` (skipped) only outside CI.
fn frictionless() -> Option<PathBuf> {
    let program =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools/open-data-venv/bin/frictionless");
    if program.exists() {
        return Some(program);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "run scripts/setup.sh --open-data"
    );
    eprintln!("skipped: frictionless is not installed (scripts/setup.sh --open-data)");
    None
}

/// Validates a CSV file against a schema of docs/schemas/; answers the report.
fn validate(program: &Path, csv: &str, schema: &str) -> Value {
    let dir = std::env::temp_dir().join(format!(
        "innovaction-open-data-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    // frictionless reads only paths inside its working directory.
    std::fs::write(dir.join("data.csv"), csv).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../docs/schemas")
            .join(schema),
        dir.join("schema.json"),
    )
    .unwrap();
    let output = std::process::Command::new(program)
        .args(["validate", "--json", "--schema", "schema.json", "data.csv"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn rows(csv: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(csv.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .unwrap()
}

async fn text(app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = app.client.get(app.url(path)).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

db_test! {
    async fn the_national_files_follow_their_schemas(app) {
        let admin = app.admin_token().await;
        // Without the town's identity the grants cannot be published.
        let (status, body) = text(&app, "/api/v1/open-data/subventions.csv").await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let town_siret = siret("2126028190001");
        let put = |token: &str, body: Value| app.client.put(app.url("/api/v1/settings/town")).bearer_auth(token).json(&body).send();
        let wrong = put(&admin, json!({"name": "Ville", "siret": "21260281900011"})).await.unwrap();
        assert_eq!(error_fields(&assert_error(wrong, 422, "validation_failed").await), ["siret"]);
        let (_, manager) = app.user_with_role("manager").await;
        assert_eq!(put(&manager, json!({"name": "Ville", "siret": town_siret})).await.unwrap().status(), StatusCode::FORBIDDEN);
        let spaced = format!("{} {} {}", &town_siret[..3], &town_siret[3..9], &town_siret[9..]);
        let saved: Value = put(&admin, json!({"name": "Commune de Romans-sur-Isère", "siret": spaced})).await.unwrap().json().await.unwrap();
        assert_eq!(saved["siret"], town_siret.as_str());
        assert_eq!(app.get("/api/v1/settings/town", &manager).await.status(), StatusCode::OK);

        let association = create_actor(&app, &admin, json!({"name": "Les Ateliers du Vercors", "kind": "association", "siret": siret("7328293200007")})).await;
        let no_siret = create_actor(&app, &admin, json!({"name": "Collectif sans SIRET", "kind": "citizen_group"})).await;
        let town = create_actor(&app, &admin, json!({"name": "Ville de Romans", "kind": "municipality", "siret": town_siret})).await;
        let funder = create_actor(&app, &admin, json!({"name": "Région", "kind": "funder"})).await;
        let project = |title: &str, visibility: &str| json!({"title": title, "axis": "Innovation", "visibility": visibility, "commission_date": "2024-01-15", "total_cost_cents": 12_345_678, "summary": "Un lieu partagé", "start_date": "2024-06-01"});
        let tiers_lieu = create_project(&app, &admin, project("Tiers-lieu des Tanneurs", "public")).await;
        let cantine = create_project(&app, &admin, project("Cantine bio", "internal")).await;
        let mairie = create_project(&app, &admin, project("Rénovation de la mairie", "public")).await;
        let collectif = create_project(&app, &admin, project("Jardin partagé", "public")).await;
        for (project, actor) in [(&tiers_lieu, &association), (&cantine, &association), (&mairie, &town), (&collectif, &no_siret)] {
            let joined = app.post(&format!("/api/v1/projects/{}/participants", project["id"]), &admin, json!({"actor_id": actor["id"], "role": "lead"})).await;
            assert_eq!(joined.status(), StatusCode::CREATED);
        }
        let line = |project: &Value, body: Value| {
            let path = format!("/api/v1/projects/{}/funding-lines", project["id"]);
            let (app, admin) = (&app, admin.clone());
            async move {
                let response = app.post(&path, &admin, body).await;
                assert_eq!(response.status(), StatusCode::CREATED);
                response.json::<Value>().await.unwrap()
            }
        };
        let grant = line(&tiers_lieu, json!({"funder_id": town["id"], "category": "city", "amount_cents": 2_500_000, "status": "granted", "label": "Fonctionnement", "requested_on": "2024-02-01", "decided_on": "2024-03-10", "convention_date": "2024-03-20", "decision_ref": "DEL-2024-031"})).await;
        let schedule = app.client.put(app.url(&format!("/api/v1/projects/{}/funding-lines/{}/schedule", tiers_lieu["id"], grant["id"])))
            .bearer_auth(&admin).header("If-Match", "\"1\"")
            .json(&json!({"years": [{"year": 2024, "expected_cents": 1_500_000, "received_cents": 0}, {"year": 2025, "expected_cents": 1_000_000, "received_cents": 0}]}))
            .send().await.unwrap();
        assert_eq!(schedule.status(), StatusCode::OK);
        line(&cantine, json!({"funder_id": town["id"], "category": "city", "amount_cents": 100_050, "status": "paid", "requested_on": "2024-01-20", "decided_on": "2024-02-01", "paid_on": "2024-04-05"})).await;
        // Not grants of the town to others: the region's money, a plan, the
        // town's own project, a beneficiary without SIRET.
        line(&tiers_lieu, json!({"funder_id": funder["id"], "category": "public", "amount_cents": 4_000_000, "status": "granted", "requested_on": "2024-01-20", "decided_on": "2024-03-01"})).await;
        line(&tiers_lieu, json!({"funder_id": town["id"], "category": "city", "amount_cents": 10_000, "status": "planned"})).await;
        line(&mairie, json!({"funder_id": town["id"], "category": "city", "amount_cents": 90_000, "status": "granted", "requested_on": "2024-01-20", "decided_on": "2024-03-01"})).await;
        line(&collectif, json!({"funder_id": town["id"], "category": "city", "amount_cents": 30_000, "status": "granted", "requested_on": "2024-01-20", "decided_on": "2024-03-01"})).await;

        let (status, subventions) = text(&app, "/api/v1/open-data/subventions.csv").await;
        assert_eq!(status, StatusCode::OK, "{subventions}");
        let grants = rows(&subventions);
        assert_eq!(grants.len(), 2, "{subventions}");
        let first: Vec<&str> = grants[0].iter().collect();
        assert_eq!(first, [
            "Commune de Romans-sur-Isère", town_siret.as_str(), "2024-03-20", "DEL-2024-031",
            "Les Ateliers du Vercors", association["siret"].as_str().unwrap(), "Tiers-lieu des Tanneurs — Fonctionnement",
            "25000.00", "aide en numéraire", "échelonné", "2024-01-01/2025-12-31", "", "non", "1",
        ]);
        let second: Vec<&str> = grants[1].iter().collect();
        assert_eq!((second[2], second[7], second[9], second[10]), ("2024-02-01", "1000.50", "unique", "2024-04-05"));

        // The public projects: the mapped phases, the lead's SIRET, the
        // town's for its own, an id stable from one publication to the next.
        for (to, date) in [("cadrage", "2024-02-01"), ("abandonne", "2024-03-01")] {
            let body = if to == "abandonne" { json!({"to": to, "date": date, "motivation": "Plus de local", "reason": "other"}) } else { json!({"to": to, "date": date, "motivation": "Étape"}) };
            let moved = move_to(&app, &admin, &collectif, body).await;
            let status = moved.status();
            assert_eq!(status, StatusCode::CREATED, "{}", moved.text().await.unwrap());
        }
        let (status, projets) = text(&app, "/api/v1/open-data/projets.csv").await;
        assert_eq!(status, StatusCode::OK);
        let published = rows(&projets);
        let by_name = |name: &str| published.iter().find(|r| r.get(3) == Some(name)).cloned();
        assert!(by_name("Cantine bio").is_none(), "an internal project stays out");
        let tiers = by_name("Tiers-lieu des Tanneurs").unwrap();
        assert_eq!((tiers.get(5), tiers.get(6), tiers.get(7), tiers.get(8)), (Some("123456"), Some("2024-06-01"), Some("Idée"), Some("En cours")));
        assert_eq!(tiers.get(10), association["siret"].as_str());
        assert_eq!(by_name("Rénovation de la mairie").unwrap().get(10), Some(town_siret.as_str()));
        let jardin = by_name("Jardin partagé").unwrap();
        assert_eq!((jardin.get(7), jardin.get(8), jardin.get(10)), (Some("Idée"), Some("Abandonné"), Some(town_siret.as_str())));
        let (_, again) = text(&app, "/api/v1/open-data/projets.csv").await;
        assert_eq!(rows(&again)[0].get(0), published[0].get(0));

        // A public project's page for the portal: its timeline without the
        // motivations, its funders with what they secured, largest first.
        let sheet: Value = app.client.get(app.url(&format!("/api/v1/open-data/projects/{}", collectif["reference"].as_str().unwrap()))).send().await.unwrap().json().await.unwrap();
        assert_eq!(sheet["timeline"], json!([{"phase": "commande", "date": "2024-01-15"}, {"phase": "cadrage", "date": "2024-02-01"}, {"phase": "abandonne", "date": "2024-03-01"}]));
        assert!(!sheet.to_string().contains("Plus de local"));
        let sheet: Value = app.client.get(app.url(&format!("/api/v1/open-data/projects/{}", tiers_lieu["reference"].as_str().unwrap()))).send().await.unwrap().json().await.unwrap();
        assert_eq!(sheet["funders"], json!([
            {"name": "Région", "category": "public", "secured_cents": 4_000_000},
            {"name": "Ville de Romans", "category": "city", "secured_cents": 2_500_000},
        ]));
        assert_eq!(sheet["project"]["title"], "Tiers-lieu des Tanneurs");
        assert!(sheet["project"].get("description").is_none() && sheet["project"].get("lead_id").is_none());
        let hidden = app.client.get(app.url(&format!("/api/v1/open-data/projects/{}", cantine["reference"].as_str().unwrap()))).send().await.unwrap();
        assert_eq!(hidden.status(), StatusCode::NOT_FOUND);

        let Some(program) = frictionless() else { return };
        for (csv, schema) in [(&subventions, "subventions.json"), (&projets, "projets.json")] {
            let report = validate(&program, csv, schema);
            assert_eq!(report["valid"], true, "{schema}: {report:#}");
        }
        // And the schemas are not lenient: a file breaking them is refused.
        let broken = subventions.replacen(&town_siret, "123", 1);
        assert_eq!(validate(&program, &broken, "subventions.json")["valid"], false);
        let broken = projets.replacen("Idée", "Rêve", 1);
        assert_eq!(validate(&program, &broken, "projets.json")["valid"], false);
    }
}

fn indicator(name: &str, public: Option<bool>) -> Value {
    let mut body = json!({
        "name": name, "unit": "emplois", "level": "outcome", "direction": "increase",
        "baseline_value": "0", "baseline_date": "2024-01-01", "target_value": "40", "target_date": "2026-01-01",
    });
    if let Some(public) = public {
        body["public"] = json!(public);
    }
    body
}

async fn define(app: &TestApp, token: &str, project: &Value, body: Value) -> Value {
    let response = app
        .post(
            &format!("/api/v1/projects/{}/indicators", project["id"]),
            token,
            body,
        )
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

async fn measure(app: &TestApp, token: &str, indicator: &Value, date: &str, value: &str) {
    let path = format!(
        "/api/v1/projects/{}/indicators/{}/measurements",
        indicator["project_id"], indicator["id"]
    );
    let body = json!({"date": date, "value": value, "comment": "Compté par l'agent de la Maison des projets"});
    assert_eq!(
        app.post(&path, token, body).await.status(),
        StatusCode::CREATED
    );
}

async fn anonymous(app: &TestApp, path: &str) -> reqwest::Response {
    app.client.get(app.url(path)).send().await.unwrap()
}

async fn sheet_of(app: &TestApp, project: &Value) -> reqwest::Response {
    anonymous(
        app,
        &format!(
            "/api/v1/open-data/projects/{}",
            project["reference"].as_str().unwrap()
        ),
    )
    .await
}

/// The titles a portal search answers, in order.
async fn found(app: &TestApp, query: &str) -> Vec<String> {
    let response = anonymous(app, &format!("/api/v1/open-data/projects?{query}")).await;
    let status = response.status();
    let page: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_owned())
        .collect()
}

db_test! {
    async fn an_indicator_is_private_until_marked_public(app) {
        let admin = app.admin_token().await;
        let project = create_project(&app, &admin, json!({"title": "Tiers-lieu", "axis": "Innovation", "visibility": "public"})).await;
        // Clients that know nothing of the flag keep creating private ones.
        let private = define(&app, &admin, &project, indicator("Emplois", None)).await;
        assert_eq!(private["public"], false);
        let public = define(&app, &admin, &project, indicator("Visiteurs", Some(true))).await;
        assert_eq!(public["public"], true);
        let path = format!("/api/v1/projects/{}/indicators/{}", project["id"], private["id"]);
        let changed = app.patch(&path, &admin, private["version"].as_i64(), json!({"public": true})).await;
        assert_eq!(changed.status(), StatusCode::OK);
        let changed: Value = changed.json().await.unwrap();
        assert_eq!((changed["public"].clone(), changed["name"].clone()), (json!(true), json!("Emplois")));
        // Another change leaves it as it is.
        let renamed: Value = app.patch(&path, &admin, changed["version"].as_i64(), json!({"name": "Emplois créés"})).await.json().await.unwrap();
        assert_eq!(renamed["public"], true);
        let read: Value = app.get(&path, &admin).await.json().await.unwrap();
        assert_eq!(read["public"], true);
        let bad = app.patch(&path, &admin, read["version"].as_i64(), json!({"public": "oui"})).await;
        assert!(bad.status().is_client_error());
        // The audit trail has the change, like any other field's.
        let log: Value = app.get(&format!("/api/v1/audit-log?entity=indicator&entity_id={}", private["id"]), &admin).await.json().await.unwrap();
        let publication = log["items"].as_array().unwrap().iter()
            .find(|e| e["before"]["public"] == false && e["after"]["public"] == true)
            .cloned();
        assert!(publication.is_some(), "{log}");
        // And the portfolio's export says which are published.
        let csv = app.client.get(app.url("/api/v1/indicators?format=csv")).bearer_auth(&admin).send().await.unwrap().text().await.unwrap();
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        assert!(header.contains(&"public"), "{csv}");
    }

    async fn the_sheet_shows_the_public_indicators_of_a_public_project_and_nothing_internal(app) {
        let admin = app.admin_token().await;
        let funder = create_actor(&app, &admin, json!({"name": "Région Auvergne-Rhône-Alpes", "kind": "funder", "notes": "Interlocutrice exigeante"})).await;
        let contact = app.post(&format!("/api/v1/actors/{}/contacts", funder["id"]), &admin, json!({"name": "Claire Martin", "email": "claire.martin@region.example"})).await;
        assert_eq!(contact.status(), StatusCode::CREATED);
        let body = |title: &str, visibility: &str| json!({
            "title": title, "axis": "Innovation", "visibility": visibility, "commission_date": "2024-01-15",
            "summary": "Un lieu partagé", "description": "Description interne du montage", "lead_id": 1, "total_cost_cents": 1_000_000,
        });
        let published = create_project(&app, &admin, body("Tiers-lieu des Tanneurs", "public")).await;
        let internal = create_project(&app, &admin, body("Cantine bio", "internal")).await;
        let partners = create_project(&app, &admin, body("Atelier vélo", "partners")).await;
        let line = json!({"funder_id": funder["id"], "category": "public", "amount_cents": 400_000, "status": "granted", "requested_on": "2024-01-20", "decided_on": "2024-03-01"});
        let granted = app.post(&format!("/api/v1/projects/{}/funding-lines", published["id"]), &admin, line).await;
        assert_eq!(granted.status(), StatusCode::CREATED);
        let moved = move_to(&app, &admin, &published, json!({"to": "cadrage", "date": "2024-02-01", "motivation": "Motivation confidentielle"})).await;
        assert_eq!(moved.status(), StatusCode::CREATED);

        let visitors = define(&app, &admin, &published, json!({
            "name": "Visiteurs par mois", "unit": "personnes", "level": "output", "direction": "increase",
            "description": "Compté à l'entrée", "baseline_value": "0", "baseline_date": "2024-01-01",
            "target_value": "400", "target_date": "2026-01-01", "public": true,
        })).await;
        let secret = define(&app, &admin, &published, indicator("Dépenses de gardiennage", Some(false))).await;
        for project in [&internal, &partners] {
            define(&app, &admin, project, indicator("Repas servis", Some(true))).await;
        }
        measure(&app, &admin, &visitors, "2025-01-01", "180.5").await;
        measure(&app, &admin, &visitors, "2024-07-01", "90").await;
        measure(&app, &admin, &secret, "2024-07-01", "12").await;

        let response = sheet_of(&app, &published).await;
        assert_eq!(response.status(), StatusCode::OK);
        let sheet: Value = response.json().await.unwrap();
        let indicators = sheet["indicators"].as_array().unwrap();
        assert_eq!(indicators.len(), 1, "{sheet:#}");
        let shown = &indicators[0];
        assert_eq!(shown["name"], "Visiteurs par mois");
        assert_eq!((shown["unit"].clone(), shown["level"].clone(), shown["direction"].clone()), (json!("personnes"), json!("output"), json!("increase")));
        assert_eq!((shown["baseline_value"].clone(), shown["target_value"].clone(), shown["target_date"].clone()), (json!("0"), json!("400"), json!("2026-01-01")));
        assert_eq!(shown["measurements"], json!([
            {"measured_on": "2024-07-01", "value": "90"},
            {"measured_on": "2025-01-01", "value": "180.5"},
        ]));
        assert_eq!((shown["latest_value"].clone(), shown["latest_date"].clone()), (json!("180.5"), json!("2025-01-01")));
        // The staff's reading of the same indicator: one rule for both.
        let staff: Value = app.get(&format!("/api/v1/projects/{}/indicators/{}", published["id"], visitors["id"]), &admin).await.json().await.unwrap();
        for field in ["progress", "expected_progress", "status", "achieved"] {
            assert_eq!(shown[field], staff[field], "{field}");
        }
        assert_eq!(sheet["funders"], json!([{"name": "Région Auvergne-Rhône-Alpes", "category": "public", "secured_cents": 400_000}]));
        assert_eq!(sheet["timeline"].as_array().unwrap().len(), 2);

        // Nothing internal: no private indicator, no people, no comments,
        // no notes, no motivations, no ids, no descriptions.
        let text = sheet.to_string();
        for internal in ["Dépenses de gardiennage", "Repas servis", "@", "Claire Martin", "Admin", "Compté par", "Compté à l'entrée", "Interlocutrice", "Motivation confidentielle", "Description interne", "recorded_by", "lead_id", "\"id\"", "project_id", "version", "comment", "description"] {
            assert!(!text.contains(internal), "{internal} in {text}");
        }
        // The projects that are not public have no sheet at all.
        for hidden in [&internal, &partners] {
            assert_error(sheet_of(&app, hidden).await, 404, "not_found").await;
        }
        // Withdrawn from the portal, the indicator leaves the sheet.
        let path = format!("/api/v1/projects/{}/indicators/{}", published["id"], visitors["id"]);
        let current: Value = app.get(&path, &admin).await.json().await.unwrap();
        let withdrawn = app.patch(&path, &admin, current["version"].as_i64(), json!({"public": false})).await;
        assert_eq!(withdrawn.status(), StatusCode::OK);
        let sheet: Value = sheet_of(&app, &published).await.json().await.unwrap();
        assert_eq!(sheet["indicators"], json!([]));
    }

    async fn the_portal_searches_the_public_projects(app) {
        let admin = app.admin_token().await;
        let project = |title: &str, summary: &str, area: &str, visibility: &str| json!({"title": title, "summary": summary, "area": area, "axis": "Innovation", "visibility": visibility});
        let tanneurs = create_project(&app, &admin, project("Tiers-lieu des Tanneurs", "Un lieu partagé", "Centre ancien", "public")).await;
        create_project(&app, &admin, project("Jardin partagé", "Potagers", "Quartier de la Monnaie", "public")).await;
        create_project(&app, &admin, project("Réseau de chaleur", "100% renouvelable", "Les Balmes", "public")).await;
        create_project(&app, &admin, project("Tanneurs : étude interne", "Confidentiel", "Centre ancien", "internal")).await;
        let moved = move_to(&app, &admin, &tanneurs, json!({"to": "cadrage", "date": chrono::Utc::now().date_naive().to_string(), "motivation": "Étape"})).await;
        assert_eq!(moved.status(), StatusCode::CREATED);

        assert_eq!(found(&app, "").await.len(), 3, "only the public ones");
        // Whatever the case, in the title, the summary, the area or the reference.
        assert_eq!(found(&app, "q=TANNEURS").await, ["Tiers-lieu des Tanneurs"]);
        assert_eq!(found(&app, "q=partag").await, ["Tiers-lieu des Tanneurs", "Jardin partagé"], "by reference");
        assert_eq!(found(&app, "q=monnaie").await, ["Jardin partagé"]);
        let reference = tanneurs["reference"].as_str().unwrap();
        assert_eq!(found(&app, &format!("q={reference}")).await, ["Tiers-lieu des Tanneurs"]);
        // Blank searches nothing; wildcards are plain characters.
        assert_eq!(found(&app, "q=%20%20").await.len(), 3);
        assert_eq!(found(&app, "q=100%25").await, ["Réseau de chaleur"]);
        assert_eq!(found(&app, "q=_").await, Vec::<String>::new());
        // By phase, alone or with the text.
        assert_eq!(found(&app, "phase=cadrage").await, ["Tiers-lieu des Tanneurs"]);
        assert_eq!(found(&app, "phase=commande&q=partag").await, ["Jardin partagé"]);
        let page: Value = anonymous(&app, "/api/v1/open-data/projects?q=partag&per_page=1").await.json().await.unwrap();
        assert_eq!((page["total"].clone(), page["items"].as_array().unwrap().len()), (json!(2), 1));
        // The files answer the same search.
        let csv = anonymous(&app, "/api/v1/open-data/projects?format=csv&q=tanneurs").await.text().await.unwrap();
        assert_eq!(rows(&csv).len(), 1, "{csv}");
        assert!(csv.contains("Tiers-lieu des Tanneurs") && !csv.contains("interne"));
        let xlsx = anonymous(&app, "/api/v1/open-data/projects?format=xlsx&phase=cadrage").await;
        assert_eq!(xlsx.status(), StatusCode::OK);
        // The bounds the document states.
        let long = format!("/api/v1/open-data/projects?q={}", "a".repeat(201));
        assert_eq!(error_fields(&assert_error(anonymous(&app, &long).await, 422, "validation_failed").await), ["q"]);
        assert_eq!(found(&app, &format!("q={}", "a".repeat(200))).await, Vec::<String>::new());
        assert_error(anonymous(&app, "/api/v1/open-data/projects?phase=ailleurs").await, 400, "invalid_query_parameter").await;
    }

    async fn the_files_schemas_and_dictionary_are_served(app) {
        for (name, file) in [("projets.json", include_str!("../../../docs/schemas/projets.json")), ("subventions.json", include_str!("../../../docs/schemas/subventions.json"))] {
            let response = anonymous(&app, &format!("/api/v1/open-data/schemas/{name}")).await;
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(response.headers()["content-type"], "application/schema+json");
            let served: Value = response.json().await.unwrap();
            assert_eq!(served, serde_json::from_str::<Value>(file).unwrap());
            assert!(served["fields"].is_array());
        }
        for unknown in ["projets", "OPEN_DATA.md", "..%2F..%2FCargo.toml", "subventions.csv"] {
            assert_error(anonymous(&app, &format!("/api/v1/open-data/schemas/{unknown}")).await, 404, "not_found").await;
        }
        let dictionary = anonymous(&app, "/api/v1/open-data/dictionary").await;
        assert_eq!(dictionary.status(), StatusCode::OK);
        assert!(dictionary.headers()["content-type"].to_str().unwrap().starts_with("text/markdown"));
        assert!(dictionary.text().await.unwrap().contains("secured_city_cents"));
    }
}
