//! The national open-data files, without signing in:
//! `GET /api/v1/open-data/projets.csv`, the public projects in the
//! "projets des collectivités" schema, and `GET /api/v1/open-data/subventions.csv`,
//! the town's grants to projects others lead in SCDL *Subventions* 2.0.
//! Their schemas are in `docs/schemas/`, their columns in `docs/OPEN_DATA.md`.

use super::files::{csv_bytes, Cell, Table};
use crate::db::schema::{
    actors, funding_lines, funding_schedules, participants, project_transitions, projects,
};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::openapi::errors::Unavailable;
use crate::settings;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime, SecondsFormat};
use diesel::prelude::*;
use shared::finance::{FundingCategory, FundingStatus};
use shared::ids::{ActorId, FundingLineId, ProjectId};
use shared::lifecycle::Phase;
use shared::participants::ParticipantRole;
use shared::projects::Visibility;
use shared::publication::{grant_object, payment_conditions, payment_period, projet_phase};
use shared::{ErrorBody, ErrorCode};
use std::borrow::Cow;
use std::collections::HashMap;

/// A project's lead organisation: its id, name and SIRET.
type Lead = (ActorId, String, Option<String>);

/// The organisation leading each project, when the participants name one.
fn leads(conn: &mut DbConnection, ids: &[ProjectId]) -> ApiResult<HashMap<ProjectId, Lead>> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(ProjectId, ActorId, String, Option<String>)> = participants::table
            .inner_join(actors::table)
            .filter(participants::project_id.eq_any(chunk))
            .filter(participants::role.eq(ParticipantRole::Lead))
            .order(participants::id.asc())
            .select((
                participants::project_id,
                actors::id,
                actors::name,
                actors::siret,
            ))
            .load(conn)?;
        for (project, actor, name, siret) in rows {
            found.entry(project).or_insert((actor, name, siret));
        }
    }
    Ok(found)
}

/// The phase each abandoned project left, from its last move.
fn abandoned_from(
    conn: &mut DbConnection,
    ids: &[ProjectId],
) -> ApiResult<HashMap<ProjectId, Phase>> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(ProjectId, Phase)> = project_transitions::table
            .filter(project_transitions::project_id.eq_any(chunk))
            .filter(project_transitions::to_phase.eq(Phase::Abandonne))
            .order(project_transitions::id.asc())
            .select((
                project_transitions::project_id,
                project_transitions::from_phase,
            ))
            .load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}

fn instant(at: NaiveDateTime) -> String {
    at.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn csv_file(table: &Table, name: &str) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        // Portals and caches may keep it a few minutes.
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(csv_bytes(table)?))
}

const PROJETS_COLUMNS: [&str; 22] = [
    "id",
    "createdAt",
    "updatedAt",
    "nom",
    "description",
    "budgetPrevisionnel",
    "dateDebutPrevisionnelle",
    "phase",
    "phaseStatut",
    "programme",
    "porteurCodeSiret",
    "porteurReferentEmail",
    "porteurReferentTelephone",
    "porteurReferentPrenom",
    "porteurReferentNom",
    "porteurReferentFonction",
    "competences",
    "leviers",
    "mecId",
    "tetId",
    "recocoId",
    "collectiviteIds",
];

type ProjetRow = (
    ProjectId,
    String,
    String,
    Option<String>,
    i64,
    Option<NaiveDate>,
    Phase,
    Option<Phase>,
    Option<NaiveDate>,
    NaiveDateTime,
    NaiveDateTime,
);

fn projets(conn: &mut DbConnection, today: NaiveDate) -> ApiResult<Table> {
    let rows: Vec<ProjetRow> = projects::table
        .filter(projects::visibility.eq(Visibility::Public))
        .order(projects::reference.asc())
        .select((
            projects::id,
            projects::reference,
            projects::title,
            projects::summary,
            projects::total_cost_cents,
            projects::start_date,
            projects::phase,
            projects::suspended_from,
            projects::planned_end_date,
            projects::created_at,
            projects::updated_at,
        ))
        .load(conn)?;
    let ids: Vec<ProjectId> = rows.iter().map(|r| r.0).collect();
    let leads = leads(conn, &ids)?;
    let abandoned = abandoned_from(conn, &ids)?;
    let town = settings::town(conn)?;
    let town_siret = town.as_ref().map(|t| t.siret.clone());
    let namespace = town_siret.clone().unwrap_or_else(|| "innovaction".into());
    let mut table = Table {
        sheet: "projets",
        headers: PROJETS_COLUMNS.iter().map(|c| Cow::Borrowed(*c)).collect(),
        rows: Vec::new(),
    };
    for (
        id,
        reference,
        title,
        summary,
        cost,
        start,
        phase,
        suspended_from,
        planned_end,
        created,
        updated,
    ) in rows
    {
        let from = match phase {
            Phase::Abandonne => abandoned.get(&id).copied(),
            _ => suspended_from,
        };
        let (national, status) = projet_phase(phase, from, planned_end, today);
        // The same project keeps the same id from one publication to the next.
        let uuid = uuid::Uuid::new_v5(
            &uuid::Uuid::NAMESPACE_URL,
            format!("urn:innovaction:{namespace}:projet:{reference}").as_bytes(),
        );
        let porteur = leads
            .get(&id)
            .and_then(|(_, _, siret)| siret.clone())
            .or_else(|| town_siret.clone());
        let mut cells = vec![
            Cell::Text(uuid.to_string()),
            Cell::Text(instant(created)),
            Cell::Text(instant(updated)),
            Cell::text(&title),
            Cell::optional_text(summary.as_deref()),
            Cell::Integer(cost / 100),
            Cell::optional_date(start),
            Cell::optional_text(national),
            Cell::text(status),
            Cell::Empty,
            Cell::optional_text(porteur.as_deref()),
        ];
        // The referent's contact, the competences, levers and other
        // platforms' ids: nothing of people is published, the rest is not kept.
        cells.resize(PROJETS_COLUMNS.len(), Cell::Empty);
        table.rows.push(cells);
    }
    Ok(table)
}

/// The public projects in the national schema "projets des collectivités"
/// (`docs/schemas/projets.json`), with our phases mapped as
/// `docs/OPEN_DATA.md` says. No sign-in.
#[utoipa::path(
    get, path = "/api/v1/open-data/projets.csv",
    responses(
        (status = 200, description = "The public projects, one CSV row each", content_type = "text/csv", body = String),
        Unavailable,
    )
)]
pub async fn projets_csv(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let today = chrono::Utc::now().date_naive();
    let table = state.db.read(move |conn| projets(conn, today)).await?;
    csv_file(&table, "projets.csv")
}

const SUBVENTIONS_COLUMNS: [&str; 14] = [
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "idBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "idRAE",
    "notificationUE",
    "pourcentageSubvention",
];

type GrantRow = (
    FundingLineId,
    ProjectId,
    String,
    Option<String>,
    i64,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<String>,
);

/// Euros with the point as decimal separator, as SCDL asks.
fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}{}.{:02}", cents / 100, cents % 100)
}

fn subventions(conn: &mut DbConnection) -> ApiResult<Table> {
    let town = settings::town(conn)?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::Conflict,
            "the town's name and SIRET are not set yet (PUT /api/v1/settings/town): the grants cannot name their granting authority",
        )
    })?;
    let lines: Vec<GrantRow> = funding_lines::table
        .inner_join(projects::table)
        .filter(funding_lines::category.eq(FundingCategory::City))
        .filter(funding_lines::status.eq_any([FundingStatus::Granted, FundingStatus::Paid]))
        .order(funding_lines::id.asc())
        .select((
            funding_lines::id,
            funding_lines::project_id,
            projects::title,
            funding_lines::label,
            funding_lines::amount_cents,
            funding_lines::convention_date,
            funding_lines::decided_on,
            funding_lines::paid_on,
            funding_lines::decision_ref,
        ))
        .load(conn)?;
    let ids: Vec<ProjectId> = lines.iter().map(|l| l.1).collect();
    let leads = leads(conn, &ids)?;
    let line_ids: Vec<FundingLineId> = lines.iter().map(|l| l.0).collect();
    let mut years: HashMap<FundingLineId, Vec<i32>> = HashMap::new();
    for chunk in line_ids.chunks(500) {
        let rows: Vec<(FundingLineId, i32)> = funding_schedules::table
            .filter(funding_schedules::funding_line_id.eq_any(chunk))
            .select((funding_schedules::funding_line_id, funding_schedules::year))
            .load(conn)?;
        for (line, year) in rows {
            years.entry(line).or_default().push(year);
        }
    }
    let mut table = Table {
        sheet: "subventions",
        headers: SUBVENTIONS_COLUMNS
            .iter()
            .map(|c| Cow::Borrowed(*c))
            .collect(),
        rows: Vec::new(),
    };
    for (line, project, title, label, amount, convention, decided, paid, decision_ref) in lines {
        // A grant needs a beneficiary with a SIRET other than the town's,
        // and the day it was agreed.
        let Some((_, beneficiary, Some(siret))) = leads.get(&project) else {
            continue;
        };
        if *siret == town.siret {
            continue;
        }
        let Some(agreed) = convention.or(decided) else {
            continue;
        };
        let scheduled = years.get(&line).map(Vec::as_slice).unwrap_or_default();
        table.rows.push(vec![
            Cell::text(&town.name),
            Cell::text(&town.siret),
            Cell::Date(agreed),
            Cell::optional_text(decision_ref.as_deref()),
            Cell::text(beneficiary),
            Cell::text(siret),
            Cell::Text(grant_object(&title, label.as_deref())),
            Cell::Text(euros(amount)),
            Cell::text("aide en numéraire"),
            Cell::text(payment_conditions(scheduled)),
            Cell::Text(payment_period(paid, scheduled, agreed)),
            Cell::Empty,
            // Nothing recorded says a grant was notified to the EU as
            // state aid: the town's grants to projects are not, by default.
            Cell::text("non"),
            Cell::text("1"),
        ]);
    }
    Ok(table)
}

/// The town's granted and paid grants (city money) to projects another
/// organisation leads, in SCDL *Subventions* 2.0
/// (`docs/schemas/subventions.json`). No sign-in. Needs the town's name and
/// SIRET (`PUT /api/v1/settings/town`).
#[utoipa::path(
    get, path = "/api/v1/open-data/subventions.csv",
    responses(
        (status = 200, description = "One CSV row per grant", content_type = "text/csv", body = String),
        (status = 409, description = "The town's name and SIRET are not set", body = ErrorBody),
        Unavailable,
    )
)]
pub async fn subventions_csv(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let table = state.db.read(subventions).await?;
    csv_file(&table, "subventions.csv")
}

#[cfg(test)]
mod tests {
    #[test]
    fn amounts_are_euros_with_a_point() {
        assert_eq!(super::euros(123_456), "1234.56");
        assert_eq!(super::euros(5), "0.05");
        assert_eq!(super::euros(-250), "-2.50");
    }
}
