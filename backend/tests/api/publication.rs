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
