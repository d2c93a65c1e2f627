//! The printed reports: the project sheet and the annual report, read back
//! with poppler's tools (`pdftotext`, `pdfinfo`, `pdffonts`), which must
//! find the figures the API answers, written the way the web app writes
//! them, in French and in English.

use crate::actors::create_actor;
use crate::helpers::*;
use crate::projects::{create_project, move_to};
use reqwest::StatusCode;
use serde_json::{json, Value};
use shared::format;
use shared::i18n::Lang;
use std::path::PathBuf;
use std::process::Command;

/// Whether poppler's tools are here; they must be in CI.
fn poppler() -> bool {
    let found = Command::new("pdftotext").arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "run scripts/setup.sh --pdf"
        );
        eprintln!("skipped: poppler-utils is not installed (scripts/setup.sh --pdf)");
    }
    found
}

/// Runs a poppler tool on the file; answers what it printed.
fn poppler_tool(program: &str, pdf: &[u8], args: &[&str]) -> String {
    let path: PathBuf = std::env::temp_dir().join(format!(
        "innovaction-report-{}.pdf",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new(program)
        .args(args)
        .arg(&path)
        .args(if program == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The text of the PDF with every kind of space as a plain one, so that
/// figures compare whatever space groups their thousands.
fn text_of(pdf: &[u8]) -> String {
    let text = poppler_tool("pdftotext", pdf, &["-layout"]);
    let spaced: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    spaced
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn plain(text: &str) -> String {
    text.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

async fn pdf(app: &TestApp, path: &str, token: &str) -> Vec<u8> {
    let response = app.get(path, token).await;
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let bytes = response.bytes().await.unwrap().to_vec();
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(content_type, "application/pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    bytes
}

async fn partner_token(app: &TestApp, admin: &str, actor: &Value) -> String {
    let email = format!("partenaire-{}@test.example", uuid::Uuid::new_v4().simple());
    let password = "Mot-de-passe-de-test-solide";
    let created = app
        .post("/api/v1/users", admin, json!({"email": email, "display_name": "Partenaire", "role": "partner", "password": password, "actor_id": actor["id"]}))
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    app.tokens(&email, password).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

db_test! {
    async fn the_project_sheet_prints_what_the_api_answers(app) {
        let admin = app.admin_token().await;
        let town = create_actor(&app, &admin, json!({"name": "Ville de Romans", "kind": "municipality"})).await;
        let region = create_actor(&app, &admin, json!({"name": "Région Auvergne-Rhône-Alpes", "kind": "funder"})).await;
        let association = create_actor(&app, &admin, json!({"name": "Les Ateliers du Vercors", "kind": "association"})).await;
        let project = create_project(&app, &admin, json!({
            "title": "Tiers-lieu des Tanneurs", "axis": "Attractivité", "visibility": "partners",
            "commission_date": "2024-01-15", "total_cost_cents": 125_000_050, "summary": "Un lieu partagé pour les artisans du quartier",
            "sponsor": "Direction du développement", "area": "Quartier des Tanneurs",
        })).await;
        let base = format!("/api/v1/projects/{}", project["id"]);
        let joined = app.post(&format!("{base}/participants"), &admin, json!({"actor_id": association["id"], "role": "partner"})).await;
        assert_eq!(joined.status(), StatusCode::CREATED);
        for body in [
            json!({"funder_id": town["id"], "category": "city", "amount_cents": 20_000_000, "status": "granted", "requested_on": "2024-02-01", "decided_on": "2024-03-01"}),
            json!({"funder_id": region["id"], "category": "public", "amount_cents": 80_000_000, "status": "granted", "scheme": "FEDER", "requested_on": "2024-02-01", "decided_on": "2024-03-10"}),
            json!({"funder_id": association["id"], "category": "private", "amount_cents": 1_500_000, "status": "planned"}),
        ] {
            let created = app.post(&format!("{base}/funding-lines"), &admin, body).await;
            assert_eq!(created.status(), StatusCode::CREATED);
        }
        let moved = move_to(&app, &admin, &project, json!({"to": "cadrage", "date": "2024-02-20", "motivation": "Étude de faisabilité validée par le comité"})).await;
        assert_eq!(moved.status(), StatusCode::CREATED);
        let ap = app.post(&format!("{base}/ap-revisions"), &admin, json!({"amount_cents": 100_000_000, "voted_on": "2024-03-28", "deliberation_ref": "DEL-2024-117"})).await;
        assert_eq!(ap.status(), StatusCode::CREATED);
        let version = app.get(&base, &admin).await.json::<Value>().await.unwrap()["version"].as_i64().unwrap();
        let credits = app.client.put(app.url(&format!("{base}/payment-credits"))).bearer_auth(&admin)
            .header("If-Match", format!("\"{version}\""))
            .json(&json!({"years": [{"year": 2024, "planned_cents": 30_000_000, "paid_cents": 12_345_600}, {"year": 2025, "planned_cents": 60_000_000, "paid_cents": 0}]}))
            .send().await.unwrap();
        assert_eq!(credits.status(), StatusCode::OK, "{}", credits.text().await.unwrap());
        let milestone = app.post(&format!("{base}/milestones"), &admin, json!({"title": "Ouverture au public", "due_date": "2025-09-01"})).await;
        assert_eq!(milestone.status(), StatusCode::CREATED);
        let indicator = app.post(&format!("{base}/indicators"), &admin, json!({
            "name": "Artisans accueillis", "unit": "personnes", "level": "outcome", "direction": "increase",
            "baseline_value": "0", "baseline_date": "2024-01-15", "target_value": "40", "target_date": "2026-12-31",
        })).await;
        let status = indicator.status();
        let indicator: Value = indicator.json().await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{indicator}");
        let measured = app.post(&format!("{base}/indicators/{}/measurements", indicator["id"]), &admin, json!({"date": "2024-06-30", "value": "12"})).await;
        assert_eq!(measured.status(), StatusCode::CREATED);

        let partner = partner_token(&app, &admin, &association).await;
        // Rights first: they do not need poppler.
        let internal = create_project(&app, &admin, json!({"title": "Projet interne", "axis": "Innovation", "commission_date": "2024-01-10"})).await;
        assert_error(app.get(&format!("/api/v1/projects/{}/report.pdf", internal["id"]), &partner).await, 404, "not_found").await;
        assert_error(app.get("/api/v1/projects/999999/report.pdf", &admin).await, 404, "not_found").await;
        let unknown = assert_error(app.get(&format!("{base}/report.pdf?lang=de"), &admin).await, 400, "invalid_query_parameter").await;
        assert!(unknown.to_string().contains("lang"), "{unknown}");
        assert_eq!(app.client.get(app.url(&format!("{base}/report.pdf"))).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);

        let sheet = pdf(&app, &format!("{base}/report.pdf"), &admin).await;
        let english = pdf(&app, &format!("{base}/report.pdf?lang=en"), &admin).await;
        let partner_sheet = pdf(&app, &format!("{base}/report.pdf"), &partner).await;
        if !poppler() {
            return;
        }
        let info = poppler_tool("pdfinfo", &sheet, &[]);
        assert!(info.contains("Tagged:          yes"), "{info}");
        assert!(info.contains("Title:           Fiche projet"), "{info}");
        let fonts = poppler_tool("pdffonts", &sheet, &[]);
        let faces: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!faces.is_empty() && faces.iter().all(|line| line.contains(" yes yes yes ")), "every font embedded, subset, with Unicode: {fonts}");

        let shown: Value = app.get(&base, &admin).await.json().await.unwrap();
        let finance = &shown["finance"];
        let text = text_of(&sheet);
        for expected in [
            "Fiche projet".to_owned(),
            "Tiers-lieu des Tanneurs".to_owned(),
            project["reference"].as_str().unwrap().to_owned(),
            "Attractivité".to_owned(),
            "Étude de faisabilité validée par le comité".to_owned(),
            "Région Auvergne-Rhône-Alpes".to_owned(),
            "FEDER".to_owned(),
            plain(&format::euros(finance["total_cost_cents"].as_i64().unwrap(), Lang::Fr)),
            plain(&format::euros(finance["secured_cents"].as_i64().unwrap(), Lang::Fr)),
            plain(&format::euros(finance["gap_cents"].as_i64().unwrap(), Lang::Fr)),
            plain(&format::leverage(finance["leverage"].as_f64(), Lang::Fr)),
            plain(&format::euros(shown["ap_cents"].as_i64().unwrap(), Lang::Fr)),
            "DEL-2024-117".to_owned(),
            plain(&format::euros(12_345_600, Lang::Fr)),
            "Artisans accueillis".to_owned(),
            "12 personnes".to_owned(),
            "Ouverture au public".to_owned(),
            plain(&format::date(chrono::NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(), Lang::Fr)),
        ] {
            assert!(text.contains(&expected), "{expected:?} not in the sheet:\n{text}");
        }
        assert_eq!(finance["leverage"].as_f64(), Some(4.0));
        assert!(text.contains("1 € → 4,00 €"), "{text}");
        assert!(text.contains("1 250 000,50 €"), "{text}");

        let text = text_of(&english);
        for expected in ["Project sheet", "Financing plan", "Milestones", "€1,250,000.50", "€1 → €4.00", "1 September 2025"] {
            assert!(text.contains(expected), "{expected:?} not in the English sheet:\n{text}");
        }

        // The partner's sheet: the trimmed view, as on the API.
        let text = text_of(&partner_sheet);
        assert!(text.contains("Tiers-lieu des Tanneurs") && text.contains("Les Ateliers du Vercors"), "{text}");
        for hidden in ["Étude de faisabilité", "Région Auvergne-Rhône-Alpes", "DEL-2024-117", "Évaluation ex ante"] {
            assert!(!text.contains(hidden), "{hidden:?} shown to a partner:\n{text}");
        }
    }

    async fn the_annual_report_prints_the_dashboard_of_the_year(app) {
        let admin = app.admin_token().await;
        let town = create_actor(&app, &admin, json!({"name": "Ville", "kind": "municipality"})).await;
        let state = create_actor(&app, &admin, json!({"name": "Préfecture", "kind": "funder"})).await;
        for (title, commission, cost) in [("Maison des projets", "2023-03-01", 50_000_000_i64), ("Halle gourmande", "2024-02-01", 150_000_000), ("Vélo-école", "2024-05-15", 2_000_000)] {
            let project = create_project(&app, &admin, json!({"title": title, "axis": "Innovation", "commission_date": commission, "total_cost_cents": cost})).await;
            let base = format!("/api/v1/projects/{}", project["id"]);
            for (funder, category, amount) in [(&town, "city", cost / 6), (&state, "public", cost / 2)] {
                let created = app.post(&format!("{base}/funding-lines"), &admin, json!({"funder_id": funder["id"], "category": category, "amount_cents": amount, "status": "granted", "requested_on": commission, "decided_on": commission})).await;
                assert_eq!(created.status(), StatusCode::CREATED);
            }
            for (to, date) in [("cadrage", "2024-06-01"), ("instruction", "2024-07-01")] {
                assert_eq!(move_to(&app, &admin, &project, json!({"to": to, "date": date, "motivation": "Étape"})).await.status(), StatusCode::CREATED);
            }
        }
        let (_, viewer) = app.user_with_role("viewer").await;
        assert_error(app.get("/api/v1/reports/annual.pdf?year=10000", &admin).await, 422, "validation_failed").await;
        assert_error(app.get("/api/v1/reports/annual.pdf?year=2024&lang=es", &admin).await, 400, "invalid_query_parameter").await;
        let partner = partner_token(&app, &admin, &town).await;
        assert_error(app.get("/api/v1/reports/annual.pdf?year=2024", &partner).await, 403, "forbidden").await;

        let report = pdf(&app, "/api/v1/reports/annual.pdf?year=2024", &viewer).await;
        let english = pdf(&app, "/api/v1/reports/annual.pdf?year=2024&lang=en", &admin).await;
        if !poppler() {
            return;
        }
        let info = poppler_tool("pdfinfo", &report, &[]);
        assert!(info.contains("Tagged:          yes") && info.contains("Rapport annuel 2024"), "{info}");
        let the_year: Value = app.get("/api/v1/dashboard?year=2024", &admin).await.json().await.unwrap();
        assert_eq!(the_year["projects_total"], 2);
        let text = text_of(&report);
        for expected in [
            "Rapport annuel 2024".to_owned(),
            "Projets 2 3".to_owned(),
            format!("Investissement {} {}", plain(&format::euros(152_000_000, Lang::Fr)), plain(&format::euros(202_000_000, Lang::Fr))),
            format!("Effet levier {} {}", plain(&format::leverage(the_year["leverage"].as_f64(), Lang::Fr)), plain(&format::leverage(Some(3.0), Lang::Fr))),
            "Motifs d'abandon".to_owned(),
            "Statut des indicateurs".to_owned(),
            "Réseau d'acteurs".to_owned(),
        ] {
            assert!(text.contains(&expected), "{expected:?} not in the annual report:\n{text}");
        }
        let text = text_of(&english);
        for expected in ["Annual report 2024", "Projects 2 3", "Investment €1,520,000 €2,020,000", "Network of actors"] {
            assert!(text.contains(expected), "{expected:?} not in the English report:\n{text}");
        }
    }
}
