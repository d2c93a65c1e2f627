//! `/api/v1/programming/scenarios`: what-ifs over the whole programme —
//! projects moved by some years or left out — kept to be compared with
//! the plan. Nothing in a scenario changes a project.

use super::handlers::years_of;
use super::plan::{self, PlanCache};
use crate::auth::{CurrentUser, Editor, Staff};
use crate::db::schema::{programming_scenarios, projects};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::projects::repo::ProjectFilter;
use crate::records::write::{self, Addressed, Deletable};
use crate::records::{created_as, from_json_list, now, to_json_list};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::ids::{ProjectId, ScenarioId, UserId};
use shared::programming::{
    self as rules, NewScenario, Scenario, ScenarioQuery, ScenarioShift, ScenarioSummary,
};
use shared::{ErrorBody, FieldError};
use std::collections::HashSet;

write::versioned_record!(ScenarioSummary, "programming_scenario");

impl Addressed for ScenarioSummary {
    type Address = ScenarioId;

    fn load(conn: &mut DbConnection, _: &CurrentUser, id: ScenarioId) -> ApiResult<Self> {
        let row: Row = programming_scenarios::table
            .find(id)
            .select(Row::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found("scenario"))?;
        row.into_summary()
    }
}

impl Deletable for ScenarioSummary {
    fn remove(conn: &mut DbConnection, scenario: &Self) -> ApiResult<()> {
        diesel::delete(programming_scenarios::table.find(scenario.id)).execute(conn)?;
        Ok(())
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = programming_scenarios)]
struct Row {
    id: ScenarioId,
    name: String,
    shifts: String,
    excluded: String,
    created_by: Option<UserId>,
    created_at: NaiveDateTime,
    version: i64,
}

impl Row {
    fn into_summary(self) -> ApiResult<ScenarioSummary> {
        Ok(ScenarioSummary {
            id: self.id,
            name: self.name,
            shifts: from_json_list::<ScenarioShift>(&self.shifts)?,
            excluded: from_json_list(&self.excluded)?,
            created_by: self.created_by,
            created_at: self.created_at.and_utc(),
            version: self.version,
        })
    }
}

/// The scenario's years set against the plan's, over the years asked or
/// those either covers.
fn evaluate(
    conn: &mut DbConnection,
    plans: &PlanCache,
    scenario: ScenarioSummary,
    from: Option<i32>,
    to: Option<i32>,
) -> ApiResult<Scenario> {
    let plan = plan::load_shared(conn, plans, &ProjectFilter::default())?;
    let what_if = NewScenario {
        name: scenario.name.clone(),
        shifts: scenario.shifts.clone(),
        excluded: scenario.excluded.clone(),
    };
    let moved = rules::apply_scenario(&plan, &what_if);
    let this_year = chrono::Datelike::year(&chrono::Utc::now());
    let (plan_first, plan_last) = rules::default_range(&plan, this_year);
    let (moved_first, moved_last) = rules::default_range(&moved, this_year);
    let (from, to) = years_of(
        &plan,
        Some(from.unwrap_or(plan_first.min(moved_first))),
        Some(to.unwrap_or(plan_last.max(moved_last))),
    )?;
    let planned = rules::programme(&plan, from, to).years;
    let years = rules::programme(&moved, from, to).years;
    Ok(Scenario {
        scenario,
        from,
        to,
        difference: rules::difference(&years, &planned),
        years,
        plan: planned,
    })
}

/// The projects a scenario names must exist (422 naming the entry).
fn unknown_projects(conn: &mut DbConnection, new: &NewScenario) -> ApiResult<Vec<FieldError>> {
    let named: Vec<ProjectId> = new.projects().collect();
    let mut known: HashSet<ProjectId> = HashSet::new();
    for chunk in named.chunks(500) {
        let found: Vec<ProjectId> = projects::table
            .filter(projects::id.eq_any(chunk))
            .select(projects::id)
            .load(conn)?;
        known.extend(found);
    }
    let unknown = |field: String| FieldError::new(field, "unknown_project", "no such project");
    let mut problems: Vec<FieldError> = new
        .shifts
        .iter()
        .enumerate()
        .filter(|(_, s)| !known.contains(&s.project_id))
        .map(|(i, _)| unknown(format!("shifts.{i}.project_id")))
        .collect();
    problems.extend(
        new.excluded
            .iter()
            .enumerate()
            .filter(|(_, p)| !known.contains(p))
            .map(|(i, _)| unknown(format!("excluded.{i}"))),
    );
    Ok(problems)
}

/// The scenarios, newest first.
#[utoipa::path(
    get, path = "/api/v1/programming/scenarios",
    responses(
        (status = 200, description = "The scenarios", body = Vec<ScenarioSummary>),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    _user: Staff,
) -> ApiResult<web::Json<Vec<ScenarioSummary>>> {
    let scenarios = state
        .db
        .read(|conn| {
            let rows: Vec<Row> = programming_scenarios::table
                .order(programming_scenarios::id.desc())
                .select(Row::as_select())
                .load(conn)?;
            rows.into_iter().map(Row::into_summary).collect()
        })
        .await?;
    Ok(web::Json(scenarios))
}

/// Keep a scenario: projects moved by a number of years (their CP and
/// their lines' receipts together) and projects left out. Answers it with
/// its years recomputed and the difference with the plan.
#[utoipa::path(
    post, path = "/api/v1/programming/scenarios",
    request_body = NewScenario,
    responses(
        (status = 201, description = "Kept", body = Scenario),
        (status = 422, description = "Blank name, a project named twice or unknown, a shift out of range", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    user: Editor,
    body: Json<NewScenario>,
) -> ApiResult<HttpResponse> {
    let problems = body.0.check();
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let new = body.0.normalized();
    let user = user.into_inner();
    let plans = state.plans.clone();
    let scenario = state
        .db
        .write(move |conn| {
            let problems = unknown_projects(conn, &new)?;
            if !problems.is_empty() {
                return Err(ApiError::validation(problems));
            }
            let summary = write::create(
                conn,
                &user,
                |conn| {
                    let id: ScenarioId = diesel::insert_into(programming_scenarios::table)
                        .values((
                            programming_scenarios::name.eq(&new.name),
                            programming_scenarios::shifts.eq(to_json_list(&new.shifts)?),
                            programming_scenarios::excluded.eq(to_json_list(&new.excluded)?),
                            programming_scenarios::created_by.eq(user.id),
                            programming_scenarios::created_at.eq(now()),
                            programming_scenarios::updated_at.eq(now()),
                            programming_scenarios::version.eq(1),
                        ))
                        .returning(programming_scenarios::id)
                        .get_result(conn)?;
                    ScenarioSummary::load(conn, &user, id)
                },
                None,
            )?;
            // The transaction writes the scenario alone, none of what the
            // plan is read from.
            evaluate(conn, &plans, summary, None, None)
        })
        .await?;
    Ok(created_as(
        format!("/api/v1/programming/scenarios/{}", scenario.scenario.id),
        &scenario,
        scenario.scenario.version,
    ))
}

/// A scenario: the years as it would make them, the same years as
/// planned, and the difference, year by year.
#[utoipa::path(
    get, path = "/api/v1/programming/scenarios/{id}",
    params(ScenarioQuery),
    responses(
        (status = 200, description = "The scenario and its figures", body = Scenario),
        (status = 422, description = "Years out of range, reversed or too wide", body = ErrorBody),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    user: Staff,
    id: web::Path<ScenarioId>,
    query: Query<ScenarioQuery>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let user = user.into_inner();
    let (from, to) = (query.0.from, query.0.to);
    let plans = state.plans.clone();
    let scenario = state
        .db
        .read(move |conn| {
            let summary = ScenarioSummary::load(conn, &user, id)?;
            evaluate(conn, &plans, summary, from, to)
        })
        .await?;
    Ok(crate::records::versioned(
        actix_web::http::StatusCode::OK,
        &scenario,
        scenario.scenario.version,
    ))
}

write::delete_endpoint!(
    /// Forget a scenario. Needs `If-Match`.
    "/api/v1/programming/scenarios/{id}" => ScenarioSummary, at: ScenarioId, caller: Editor
);
