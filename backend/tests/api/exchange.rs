//! Exchange files: CSV and XLSX exports of the lists, CSV imports of
//! actors and projects (dry run, all or nothing, matching), their round
//! trips, and the open data of public projects.

use crate::actors::{create_actor, SIRET_A, SIRET_B};
use crate::helpers::*;
use crate::projects::create_project;
use calamine::{Data, Reader, Xlsx};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeMap;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file as its header and its records, each record by header name.
struct Csv {
    headers: Vec<String>,
    rows: Vec<BTreeMap<String, String>>,
}

fn parse_csv(text: &str) -> Csv {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            assert_eq!(record.len(), headers.len());
            headers
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    Csv { headers, rows }
}

/// Writes records back under the same header, with `;` between fields and
/// a BOM, as a spreadsheet in French would.
fn write_csv(file: &Csv) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    writer.write_record(&file.headers).unwrap();
    for row in &file.rows {
        writer
            .write_record(file.headers.iter().map(|h| row[h].as_str()))
            .unwrap();
    }
    format!(
        "\u{feff}{}",
        String::from_utf8(writer.into_inner().unwrap()).unwrap()
    )
}

async fn download(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    let response = app.get(path, token).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response
}

async fn export_csv(app: &TestApp, path: &str, token: &str) -> Csv {
    let response = download(app, path, token).await;
    assert!(header(&response, "content-type").starts_with("text/csv"));
    parse_csv(&response.text().await.unwrap())
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

async fn import(app: &TestApp, token: &str, kind: &str, file: &str, dry_run: bool) -> (u16, Value) {
    let query = if dry_run { "?dry_run=true" } else { "" };
    let response = app
        .client
        .post(app.url(&format!("/api/v1/imports/{kind}{query}")))
        .bearer_auth(token)
        .header("content-type", "text/csv; charset=utf-8")
        .body(file.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// `(line, column, code)` of each problem of a report.
fn problems(report: &Value) -> Vec<(u64, Option<String>, String)> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["column"].as_str().map(str::to_owned),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn at(line: u64, column: &str, code: &str) -> (u64, Option<String>, String) {
    (line, Some(column.to_owned()), code.to_owned())
}

async fn total(app: &TestApp, path: &str, token: &str) -> u64 {
    let page: Value = app.get(path, token).await.json().await.unwrap();
    page["total"].as_u64().unwrap()
}

async fn line(app: &TestApp, token: &str, project: &Value, body: Value) -> Value {
    let response = app
        .post(
            &format!("/api/v1/projects/{}/funding-lines", project["id"]),
            token,
            body,
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn indicator(app: &TestApp, token: &str, project: &Value, name: &str) -> Value {
    let response = app.post(&format!("/api/v1/projects/{}/indicators", project["id"]), token, json!({
        "name": name, "unit": "personnes", "level": "output", "direction": "increase",
        "baseline_value": "0", "baseline_date": "2024-01-01", "target_value": "120.5", "target_date": "2026-01-01"
    })).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn move_project(app: &TestApp, token: &str, project: &Value, to: &str, date: &str) {
    let response = app
        .post(
            &format!("/api/v1/projects/{}/transitions", project["id"]),
            token,
            json!({"to": to, "date": date, "motivation": "Étape suivante"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

fn today() -> String {
    chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

db_test! {
    async fn lists_export_every_matching_row_as_csv_or_xlsx(app) {
        let admin = app.admin_token().await;
        let funder = create_actor(&app, &admin, json!({"name": "Région", "kind": "region_department", "siret": SIRET_A, "tags": ["financeur", "a;b"]})).await;
        create_actor(&app, &admin, json!({"name": "Association du quartier", "kind": "association"})).await;
        let first = create_project(&app, &admin, json!({"title": "Tiers-lieu", "axis": "Innovation", "commission_date": "2024-01-10",
            "innovation_types": ["social", "public_service"], "total_cost_cents": 120_000_000, "tags": ["=SUM(A1)"],
            "description": "Deux lignes\net des \"guillemets\", des virgules"})).await;
        let second = create_project(&app, &admin, json!({"title": "Navette autonome", "axis": "Prospective", "commission_date": "2024-03-01"})).await;
        line(&app, &admin, &first, json!({"funder_id": funder["id"], "category": "public", "amount_cents": 30_000_000, "status": "granted"})).await;
        line(&app, &admin, &second, json!({"funder_id": funder["id"], "category": "public", "amount_cents": 5_000_00})).await;
        indicator(&app, &admin, &first, "Usagers").await;

        // Every project, not one page, in the JSON field names.
        let response = download(&app, "/api/v1/projects?format=csv&per_page=1&sort=-reference", &admin).await;
        assert_eq!(header(&response, "content-disposition"), format!("attachment; filename=\"projets-{}.csv\"", today()));
        let file = parse_csv(&response.text().await.unwrap());
        for name in ["id", "reference", "title", "innovation_types", "phase", "commission_date", "total_cost_cents", "visibility", "tags", "secured_cents", "leverage", "version"] {
            assert!(file.headers.iter().any(|h| h == name), "{name}");
        }
        assert_eq!(file.rows.len(), 2);
        let tiers = &file.rows[1];
        assert_eq!(file.rows[0]["reference"], second["reference"].as_str().unwrap(), "sorted as asked");
        assert_eq!(tiers["title"], "Tiers-lieu");
        assert_eq!(tiers["description"], "Deux lignes\net des \"guillemets\", des virgules");
        assert_eq!(tiers["innovation_types"], "social;public_service");
        assert_eq!(tiers["commission_date"], "2024-01-10");
        assert_eq!(tiers["total_cost_cents"], "120000000");
        assert_eq!(tiers["secured_cents"], "30000000");
        assert_eq!(tiers["tags"], "'=SUM(A1)", "a formula is defused");
        // Filters apply to exports as to pages.
        assert_eq!(export_csv(&app, "/api/v1/projects?format=csv&axis=Prospective", &admin).await.rows.len(), 1);

        // Content negotiation.
        let response = app.client.get(app.url("/api/v1/actors")).bearer_auth(&admin).header("accept", "text/csv").send().await.unwrap();
        assert_eq!(header(&response, "content-disposition"), format!("attachment; filename=\"acteurs-{}.csv\"", today()));
        let actors = parse_csv(&response.text().await.unwrap());
        assert_eq!(actors.rows.len(), 2);
        assert_eq!(actors.rows[1]["siret"], SIRET_A);
        assert_eq!(actors.rows[1]["tags"], "financeur;a\\;b");
        let response = app.client.get(app.url("/api/v1/actors")).bearer_auth(&admin).header("accept", "application/json").send().await.unwrap();
        assert!(header(&response, "content-type").starts_with("application/json"));

        // XLSX: a workbook whose cells hold text, numbers and dates.
        let response = download(&app, "/api/v1/projects?format=xlsx", &admin).await;
        assert_eq!(header(&response, "content-type"), XLSX);
        assert_eq!(header(&response, "content-disposition"), format!("attachment; filename=\"projets-{}.xlsx\"", today()));
        let mut workbook = Xlsx::new(std::io::Cursor::new(response.bytes().await.unwrap().to_vec())).unwrap();
        let sheet = workbook.worksheet_range("projets").unwrap();
        let column = |name: &str| file.headers.iter().position(|h| h == name).unwrap() as u32;
        assert_eq!(sheet.get_value((0, column("title"))), Some(&Data::String("title".into())));
        assert_eq!(sheet.get_value((1, column("title"))), Some(&Data::String("Tiers-lieu".into())));
        assert_eq!(sheet.get_value((1, column("total_cost_cents"))), Some(&Data::Float(120_000_000.0)));
        assert!(matches!(sheet.get_value((1, column("commission_date"))), Some(Data::DateTime(_))));
        assert_eq!(sheet.height(), 3);

        // The portfolio's funding lines and indicators: pages and files.
        let page: Value = app.get(&format!("/api/v1/funding-lines?project_id={}", first["id"]), &admin).await.json().await.unwrap();
        assert_eq!((page["total"].as_u64(), page["per_page"].as_u64()), (Some(1), Some(50)));
        assert_eq!(page["items"][0]["project_reference"], first["reference"]);
        assert_eq!(page["items"][0]["amount_cents"], 30_000_000);
        assert_eq!(page["items"][0]["funder_name"], "Région");
        let lines = export_csv(&app, "/api/v1/funding-lines?format=csv&per_page=1", &admin).await;
        assert_eq!(lines.rows.len(), 2);
        assert_eq!(lines.rows[1]["amount_cents"], "500000");
        assert_eq!(lines.rows[1]["status"], "planned");
        assert_eq!(total(&app, "/api/v1/funding-lines?status=granted", &admin).await, 1);
        let page: Value = app.get("/api/v1/indicators", &admin).await.json().await.unwrap();
        assert_eq!(page["items"][0]["name"], "Usagers");
        assert_eq!(page["items"][0]["project_title"], "Tiers-lieu");
        let response = download(&app, "/api/v1/indicators?format=xlsx", &admin).await;
        assert_eq!(header(&response, "content-disposition"), format!("attachment; filename=\"indicateurs-{}.xlsx\"", today()));
        let mut workbook = Xlsx::new(std::io::Cursor::new(response.bytes().await.unwrap().to_vec())).unwrap();
        let sheet = workbook.worksheet_range("indicateurs").unwrap();
        assert_eq!(sheet.get_value((0, 11)), Some(&Data::String("target_value".into())));
        assert_eq!(sheet.get_value((1, 11)), Some(&Data::Float(120.5)));
        assert_error(app.get("/api/v1/indicators?format=pdf", &admin).await, 400, "invalid_query_parameter").await;
    }

    async fn a_dry_run_reports_every_problem_with_its_line_and_column(app) {
        let admin = app.admin_token().await;
        let bad_siret = format!("{}{}", &SIRET_B[..13], (SIRET_B.as_bytes()[13] - b'0' + 1) % 10);
        let file = format!(
            "\u{feff}name;kind;siret;email;colour\n\
             Fab'Lab;association;{SIRET_A};contact@fablab.example;bleu\n\
             Mairie;municipality;{bad_siret};;\n\
             Ferme;planet;;;\n\
             ;company;;;\n\
             ;;;;\n\
             Atelier;company;;pas-un-mail;\n"
        );
        let (status, report) = import(&app, &admin, "actors", &file, true).await;
        assert_eq!(status, 200, "{report}");
        assert_eq!((report["kind"].as_str(), report["dry_run"].as_bool(), report["applied"].as_bool()), (Some("actors"), Some(true), Some(false)));
        assert_eq!((report["rows"].as_u64(), report["created"].as_u64()), (Some(5), Some(1)), "{report}");
        assert_eq!(problems(&report), vec![
            at(1, "colour", "unknown_column"),
            at(3, "siret", "invalid_siret"),
            at(4, "kind", "invalid_choice"),
            at(5, "name", "required"),
            at(7, "email", "invalid_email"),
        ], "{report}");
        assert!(report["errors"][0]["message"].as_str().unwrap().contains("siret"));
        assert_eq!(total(&app, "/api/v1/actors", &admin).await, 0, "a dry run writes nothing");

        // Without the problems, the dry run says what the import will do.
        let file = format!("name,kind,siret\nFab'Lab,association,{SIRET_A}\nAtelier,company,\n");
        let (status, report) = import(&app, &admin, "actors", &file, true).await;
        assert_eq!((status, report["created"].as_u64(), report["errors"].as_array().map(Vec::len)), (200, Some(2), Some(0)));
        assert_eq!(total(&app, "/api/v1/actors", &admin).await, 0);

        // Wrong bodies: not CSV, too large, empty.
        let response = app.client.post(app.url("/api/v1/imports/actors")).bearer_auth(&admin).json(&json!({"name": "x"})).send().await.unwrap();
        assert_error(response, 400, "unsupported_content_type").await;
        let response = app.client.post(app.url("/api/v1/imports/actors")).bearer_auth(&admin).header("content-type", "text/csv; charset=latin1").body("name\n").send().await.unwrap();
        assert_error(response, 400, "unsupported_content_type").await;
        let response = app.client.post(app.url("/api/v1/imports/projects")).bearer_auth(&admin).header("content-type", "text/csv").body(vec![b'a'; 2 * 1024 * 1024]).send().await.unwrap();
        assert_error(response, 413, "payload_too_large").await;
        let (status, report) = import(&app, &admin, "projects", "", false).await;
        assert_eq!((status, problems(&report)), (422, vec![(1, None, "empty_file".to_owned())]));
        // A file naming none of the kind's columns is refused even in a dry run.
        let (status, report) = import(&app, &admin, "projects", "", true).await;
        assert_eq!((status, problems(&report)), (422, vec![(1, None, "empty_file".to_owned())]));
        let (status, report) = import(&app, &admin, "actors", "{}", true).await;
        assert_eq!((status, problems(&report)), (422, vec![at(1, "{}", "unknown_column")]), "{report}");
        let (status, report) = import(&app, &admin, "actors", "nom;genre\nFab'Lab;association\n", true).await;
        assert_eq!((status, report["dry_run"].as_bool(), report["created"].as_u64()), (422, Some(true), Some(0)), "{report}");

        // Only staff who edit may import.
        assert_error(app.client.post(app.url("/api/v1/imports/actors")).header("content-type", "text/csv").body("name\n").send().await.unwrap(), 401, "unauthenticated").await;
        let (_, viewer) = app.user_with_role("viewer").await;
        assert_error(app.client.post(app.url("/api/v1/imports/actors")).bearer_auth(&viewer).header("content-type", "text/csv").body("name\n").send().await.unwrap(), 403, "forbidden").await;
        let (_, engineer) = app.user_with_role("engineer").await;
        assert_eq!(import(&app, &engineer, "actors", "name,kind\nAtelier,company\n", true).await.0, 200);
    }

    async fn an_import_with_one_bad_row_applies_nothing(app) {
        let admin = app.admin_token().await;
        let audit_before = total(&app, "/api/v1/audit-log", &admin).await;
        let file = "title,axis,commission_date,total_cost_cents,visibility,innovation_types\n\
                    Tiers-lieu,Innovation,2024-01-10,120000000,public,social;public_service\n\
                    Navette,Inconnu,2024-02-01,5000,internal,\n\
                    Ferme urbaine,Développement,2024-03-05,800000,partners,\n";
        let (status, report) = import(&app, &admin, "projects", file, false).await;
        assert_eq!(status, 422, "{report}");
        assert_eq!((report["applied"].as_bool(), report["dry_run"].as_bool()), (Some(false), Some(false)));
        assert_eq!(problems(&report), vec![at(3, "axis", "invalid_choice")]);
        assert_eq!(total(&app, "/api/v1/projects", &admin).await, 0, "the good rows were not kept either");
        assert_eq!(total(&app, "/api/v1/audit-log", &admin).await, audit_before);

        let (status, report) = import(&app, &admin, "projects", &file.replace("Inconnu", "Prospective"), false).await;
        assert_eq!((status, report["applied"].as_bool(), report["created"].as_u64()), (200, Some(true), Some(3)), "{report}");
        let projects = export_csv(&app, "/api/v1/projects?format=csv", &admin).await;
        let references: Vec<&str> = projects.rows.iter().map(|r| r["reference"].as_str()).collect();
        assert_eq!(references, vec!["2024-001", "2024-002", "2024-003"]);
        assert_eq!(projects.rows[0]["innovation_types"], "social;public_service");
        assert_eq!(projects.rows[0]["phase"], "commande");
        let log: Value = app.get("/api/v1/audit-log?entity=project", &admin).await.json().await.unwrap();
        assert_eq!(log["total"], 3, "each change is audited");
        assert_eq!(log["items"][0]["action"], "create");

        // References brought in keep theirs, and generation goes on after them.
        let (status, report) = import(&app, &admin, "projects", "reference,title,axis,commission_date\n2024-040,Ancien projet,Innovation,2024-06-01\n2024-040,Doublon,Innovation,2024-06-01\n", false).await;
        assert_eq!((status, problems(&report)), (422, vec![at(3, "reference", "duplicate_key")]));
        import(&app, &admin, "projects", "reference,title,axis,commission_date\n2024-040,Ancien projet,Innovation,2024-06-01\n", false).await;
        let created = create_project(&app, &admin, json!({"title": "Suivant", "axis": "Innovation", "commission_date": "2024-07-01"})).await;
        assert_eq!(created["reference"], "2024-041");
    }

    async fn an_exported_file_modified_and_imported_updates_without_duplicates(app) {
        let admin = app.admin_token().await;
        let me: Value = app.get("/api/v1/me", &admin).await.json().await.unwrap();
        create_actor(&app, &admin, json!({"name": "Scierie", "kind": "company", "siret": SIRET_A, "sector": "Bois"})).await;
        create_actor(&app, &admin, json!({"name": "Comité des fêtes", "kind": "association"})).await;
        let project = create_project(&app, &admin, json!({"title": "Tiers-lieu", "axis": "Innovation", "commission_date": "2024-01-10", "lead_id": me["id"], "team": [me["id"]]})).await;
        create_project(&app, &admin, json!({"title": "Navette", "axis": "Prospective", "commission_date": "2024-02-10"})).await;

        let mut actors = export_csv(&app, "/api/v1/actors?format=csv", &admin).await;
        actors.rows[1].insert("sector".to_owned(), "Bois et forêt".to_owned());
        actors.rows[0].insert("tags".to_owned(), "fêtes;quartier".to_owned());
        let (status, report) = import(&app, &admin, "actors", &write_csv(&actors), false).await;
        assert_eq!((status, report["created"].as_u64(), report["updated"].as_u64(), report["unchanged"].as_u64()), (200, Some(0), Some(2), Some(0)), "{report}");
        let after = export_csv(&app, "/api/v1/actors?format=csv", &admin).await;
        assert_eq!(after.rows.len(), 2, "matched on SIRET, and on the name of an actor without one");
        assert_eq!(after.rows[1]["sector"], "Bois et forêt");
        assert_eq!(after.rows[0]["tags"], "fêtes;quartier");
        assert_eq!(after.rows[1]["version"], "2");

        let mut projects = export_csv(&app, "/api/v1/projects?format=csv", &admin).await;
        projects.rows[0].insert("title".to_owned(), "Tiers-lieu des Récollets".to_owned());
        projects.rows[0].insert("total_cost_cents".to_owned(), "250000000".to_owned());
        let (status, report) = import(&app, &admin, "projects", &write_csv(&projects), false).await;
        assert_eq!((status, report["created"].as_u64(), report["updated"].as_u64(), report["unchanged"].as_u64()), (200, Some(0), Some(1), Some(1)), "{report}");
        let fetched: Value = app.get(&format!("/api/v1/projects/{}", project["id"]), &admin).await.json().await.unwrap();
        assert_eq!((fetched["title"].as_str(), fetched["total_cost_cents"].as_i64(), fetched["version"].as_i64()), (Some("Tiers-lieu des Récollets"), Some(250_000_000), Some(2)));
        assert_eq!(fetched["team"], json!([me["id"]]));
        assert_eq!(total(&app, "/api/v1/projects", &admin).await, 2);

        // The same file again: its rows are stale now, and change nothing.
        let (status, report) = import(&app, &admin, "projects", &write_csv(&projects), false).await;
        assert_eq!((status, report["updated"].as_u64(), report["unchanged"].as_u64()), (200, Some(0), Some(2)));
        // A stale row that would change something is refused.
        projects.rows[0].insert("title".to_owned(), "Autre titre".to_owned());
        let (status, report) = import(&app, &admin, "projects", &write_csv(&projects), false).await;
        assert_eq!((status, problems(&report)), (422, vec![at(2, "version", "version_mismatch")]));
        // The phase moves only through transitions.
        let mut projects = export_csv(&app, "/api/v1/projects?format=csv", &admin).await;
        projects.rows[1].insert("phase".to_owned(), "realisation".to_owned());
        let (status, report) = import(&app, &admin, "projects", &write_csv(&projects), true).await;
        assert_eq!((status, problems(&report)), (200, vec![at(3, "phase", "lifecycle_locked")]));
    }

    async fn an_export_imported_into_a_fresh_database_gives_the_same_data(app) {
        let admin = app.admin_token().await;
        let me: Value = app.get("/api/v1/me", &admin).await.json().await.unwrap();
        create_actor(&app, &admin, json!({"name": "Scierie", "kind": "company", "siret": SIRET_A, "sector": "Bois",
            "address": "1 rue du Port, 26100 Romans", "commune_insee": "26281", "website": "https://scierie.example",
            "email": "contact@scierie.example", "phone": "+33 4 75 00 00 00", "tags": ["bois", "a;b"], "notes": "=Note"})).await;
        create_actor(&app, &admin, json!({"name": "Comité des fêtes", "kind": "association"})).await;
        let moved = create_project(&app, &admin, json!({"title": "Tiers-lieu", "summary": "Un lieu", "description": "Texte\nlong",
            "axis": "Innovation", "innovation_types": ["social", "organisational"], "commission_date": "2024-01-10",
            "start_date": "2024-03-01", "planned_end_date": "2025-06-30", "lead_id": me["id"], "team": [me["id"]],
            "sponsor": "Adjointe au maire", "commune_insee": "26281", "area": "Centre", "total_cost_cents": 120_000_000,
            "visibility": "public", "tags": ["lieu", "+1"]})).await;
        let suspended = create_project(&app, &admin, json!({"title": "Navette", "axis": "Prospective", "commission_date": "2023-11-02"})).await;
        move_project(&app, &admin, &moved, "cadrage", "2024-02-01").await;
        move_project(&app, &admin, &suspended, "cadrage", "2024-01-05").await;
        move_project(&app, &admin, &suspended, "suspendu", "2024-04-01").await;
        // A project that came in already decided and under way.
        let (status, report) = import(&app, &admin, "projects", "reference,title,axis,commission_date,phase,decision_outcome,decision_date\nRSI-2019/7,Halle gourmande,Attractivité,2019-03-01,realisation,go_with_conditions,2019-09-15\n", false).await;
        assert_eq!(status, 200, "{report}");

        let actors = download(&app, "/api/v1/actors?format=csv", &admin).await.text().await.unwrap();
        let projects = download(&app, "/api/v1/projects?format=csv", &admin).await.text().await.unwrap();

        let fresh = spawn_app(app.backend).await;
        let fresh_admin = fresh.admin_token().await;
        let (status, report) = import(&fresh, &fresh_admin, "actors", &actors, false).await;
        assert_eq!((status, report["created"].as_u64()), (200, Some(2)), "{report}");
        let (status, report) = import(&fresh, &fresh_admin, "projects", &projects, false).await;
        assert_eq!((status, report["created"].as_u64()), (200, Some(3)), "{report}");

        // Everything but the records' own ids, times and versions.
        let comparable = |file: &str| {
            let mut file = parse_csv(file);
            for row in &mut file.rows {
                for own in ["id", "created_at", "updated_at", "version"] {
                    row.remove(own);
                }
            }
            (file.headers, file.rows)
        };
        let again = download(&fresh, "/api/v1/actors?format=csv", &fresh_admin).await.text().await.unwrap();
        assert_eq!(comparable(&again), comparable(&actors));
        let again = download(&fresh, "/api/v1/projects?format=csv", &fresh_admin).await.text().await.unwrap();
        let (_, rows) = comparable(&again);
        assert_eq!(rows.iter().map(|r| r["phase"].as_str()).collect::<Vec<_>>(), vec!["suspendu", "cadrage", "realisation"]);
        assert_eq!(rows[0]["suspended_from"], "cadrage");
        assert_eq!(rows[2]["instruction_days"], "198");
        assert_eq!(comparable(&again), comparable(&projects));
    }

    async fn open_data_lists_public_projects_without_personal_data(app) {
        let admin = app.admin_token().await;
        let me: Value = app.get("/api/v1/me", &admin).await.json().await.unwrap();
        let city = create_actor(&app, &admin, json!({"name": "Ville", "kind": "municipality"})).await;
        let region = create_actor(&app, &admin, json!({"name": "Région", "kind": "region_department"})).await;
        let public = create_project(&app, &admin, json!({"title": "Jardins partagés", "summary": "Des jardins", "axis": "Développement",
            "commission_date": "2024-01-10", "innovation_types": ["social"], "lead_id": me["id"], "team": [me["id"]],
            "sponsor": "Madame l'adjointe Dupont", "commune_insee": "26281", "area": "Les Balmes", "total_cost_cents": 50_000_000,
            "visibility": "public", "description": "Analyse interne confidentielle", "tags": ["interne"]})).await;
        create_project(&app, &admin, json!({"title": "Projet partenaires", "axis": "Innovation", "visibility": "partners"})).await;
        create_project(&app, &admin, json!({"title": "Projet interne", "axis": "Innovation"})).await;
        line(&app, &admin, &public, json!({"funder_id": city["id"], "category": "city", "amount_cents": 10_000_000, "status": "granted"})).await;
        line(&app, &admin, &public, json!({"funder_id": region["id"], "category": "public", "amount_cents": 30_000_000, "status": "paid"})).await;
        line(&app, &admin, &public, json!({"funder_id": region["id"], "category": "private", "amount_cents": 5_000_000, "status": "planned"})).await;
        let response = app.post(&format!("/api/v1/actors/{}/contacts", city["id"]), &admin, json!({"name": "Camille Martin", "email": "camille@ville.example"})).await;
        assert_eq!(response.status(), StatusCode::CREATED);

        let response = app.request(Method::GET, "/api/v1/open-data/projects", None, None).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(header(&response, "cache-control").contains("public"));
        let text = response.text().await.unwrap();
        for personal in ["Dupont", "Camille", "Analyse interne", "lead_id", "team", "sponsor", "description", "admin@"] {
            assert!(!text.contains(personal), "{personal} leaked: {text}");
        }
        let page: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(page["total"], 1);
        let item = &page["items"][0];
        let mut fields: Vec<&str> = item.as_object().unwrap().keys().map(String::as_str).collect();
        fields.sort();
        let mut expected = vec!["reference", "title", "summary", "axis", "phase", "innovation_types", "commission_date",
            "decision_date", "start_date", "planned_end_date", "actual_end_date", "commune_insee", "area", "total_cost_cents",
            "secured_city_cents", "secured_public_cents", "secured_private_cents", "leverage", "updated_at"];
        expected.sort();
        assert_eq!(fields, expected, "the documented schema, exactly");
        assert_eq!((item["title"].as_str(), item["secured_city_cents"].as_i64(), item["secured_public_cents"].as_i64(), item["secured_private_cents"].as_i64()),
                   (Some("Jardins partagés"), Some(10_000_000), Some(30_000_000), Some(0)));
        assert_eq!(item["leverage"], 3.0);
        assert_eq!(item["innovation_types"], json!(["social"]));

        let response = app.request(Method::GET, "/api/v1/open-data/projects?format=csv", None, None).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(header(&response, "content-disposition").contains("projets-donnees-ouvertes-"));
        let file = parse_csv(&response.text().await.unwrap());
        assert_eq!(file.headers, vec!["reference", "title", "summary", "axis", "phase", "innovation_types", "commission_date",
            "decision_date", "start_date", "planned_end_date", "actual_end_date", "commune_insee", "area", "total_cost_cents",
            "secured_city_cents", "secured_public_cents", "secured_private_cents", "leverage", "updated_at"]);
        assert_eq!(file.rows.len(), 1);
        assert_eq!(file.rows[0]["secured_public_cents"], "30000000");
        let response = app.client.get(app.url("/api/v1/open-data/projects")).header("accept", "text/csv").send().await.unwrap();
        assert!(header(&response, "content-type").starts_with("text/csv"));
        assert_error(app.request(Method::GET, "/api/v1/open-data/projects?per_page=500", None, None).await, 422, "validation_failed").await;
    }

    async fn partners_export_only_what_they_see(app) {
        let admin = app.admin_token().await;
        let actor_a = create_actor(&app, &admin, json!({"name": "Association A", "kind": "association", "notes": "Note interne"})).await;
        let actor_b = create_actor(&app, &admin, json!({"name": "Entreprise B", "kind": "company"})).await;
        let shared = create_project(&app, &admin, json!({"title": "Partagé avec A", "axis": "Innovation", "visibility": "partners", "description": "Analyse interne", "tags": ["sensible"]})).await;
        let internal = create_project(&app, &admin, json!({"title": "Interne avec A", "axis": "Innovation"})).await;
        let other = create_project(&app, &admin, json!({"title": "Partagé avec B", "axis": "Innovation", "visibility": "partners"})).await;
        for (project, actor) in [(&shared, &actor_a), (&internal, &actor_a), (&other, &actor_b), (&shared, &actor_b)] {
            let response = app.post(&format!("/api/v1/projects/{}/participants", project["id"]), &admin, json!({"actor_id": actor["id"], "role": "partner"})).await;
            assert_eq!(response.status(), StatusCode::CREATED);
        }
        line(&app, &admin, &shared, json!({"funder_id": actor_a["id"], "category": "private", "amount_cents": 1_000_000, "status": "granted"})).await;
        line(&app, &admin, &shared, json!({"funder_id": actor_b["id"], "category": "private", "amount_cents": 5_000_000, "status": "granted"})).await;
        line(&app, &admin, &other, json!({"funder_id": actor_b["id"], "category": "private", "amount_cents": 7_000_000, "status": "granted"})).await;
        for project in [&shared, &internal, &other] {
            indicator(&app, &admin, project, &format!("Usagers de {}", project["title"].as_str().unwrap())).await;
        }
        let email = format!("partenaire-{}@test.example", uuid::Uuid::new_v4().simple());
        let response = app.post("/api/v1/users", &admin, json!({"email": email, "display_name": "Partenaire A", "role": "partner", "password": "Mot-de-passe-de-test-solide", "actor_id": actor_a["id"]})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let partner = app.tokens(&email, "Mot-de-passe-de-test-solide").await["access_token"].as_str().unwrap().to_owned();

        let projects = export_csv(&app, "/api/v1/projects?format=csv", &partner).await;
        assert_eq!(projects.rows.len(), 1);
        let row = &projects.rows[0];
        assert_eq!((row["title"].as_str(), row["description"].as_str(), row["tags"].as_str()), ("Partagé avec A", "", ""));
        assert_eq!(row["secured_cents"], "1000000", "only A's own money");
        let lines = export_csv(&app, "/api/v1/funding-lines?format=csv", &partner).await;
        assert_eq!(lines.rows.iter().map(|r| r["amount_cents"].as_str()).collect::<Vec<_>>(), vec!["1000000"]);
        assert_eq!(total(&app, "/api/v1/funding-lines", &partner).await, 1);
        let indicators = export_csv(&app, "/api/v1/indicators?format=csv", &partner).await;
        assert_eq!(indicators.rows.iter().map(|r| r["project_title"].as_str()).collect::<Vec<_>>(), vec!["Partagé avec A"]);
        let actors = export_csv(&app, "/api/v1/actors?format=csv", &partner).await;
        assert_eq!(actors.rows.len(), 1);
        assert_eq!((actors.rows[0]["name"].as_str(), actors.rows[0]["notes"].as_str()), ("Association A", ""));
        let response = app.client.get(app.url("/api/v1/projects?format=xlsx")).bearer_auth(&partner).send().await.unwrap();
        let mut workbook = Xlsx::new(std::io::Cursor::new(response.bytes().await.unwrap().to_vec())).unwrap();
        assert_eq!(workbook.worksheet_range("projets").unwrap().height(), 2);
        assert_error(app.client.post(app.url("/api/v1/imports/projects")).bearer_auth(&partner).header("content-type", "text/csv").body("title\nX\n").send().await.unwrap(), 403, "forbidden").await;
    }
}
