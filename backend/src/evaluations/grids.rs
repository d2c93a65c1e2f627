//! `/api/v1/evaluation-grids`: the weighted criteria evaluations are scored
//! against. Every saved change is a new version, kept in
//! `evaluation_grid_versions`; submitted evaluations stay on theirs, drafts
//! follow the grid.

use super::repo;
use crate::auth::CurrentUser;
use crate::auth::{Manager, Staff};
use crate::db::schema::{evaluation_grid_versions, evaluation_grids, evaluations};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::records::write::{self, Addressed};
use crate::records::{created, now, total};
use crate::settings;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Deserialize;
use shared::evaluation::{
    default_ex_ante_criteria, Criterion, EvaluationGrid, EvaluationGridPatch, EvaluationKind,
    EvaluationStatus, GridVersion, NewEvaluationGrid, MAX_SCORE,
};
use shared::ids::EvaluationGridId;
use shared::ErrorBody;
use std::collections::HashMap;

const ENTITY: &str = "evaluation_grid";
/// Remembers that the default grid was installed, so that an admin who
/// deletes or renames it does not get it back at the next start.
const DEFAULT_GRID_KEY: &str = "default_ex_ante_grid";

write::versioned_record!(EvaluationGrid, ENTITY);

impl Addressed for EvaluationGrid {
    type Address = EvaluationGridId;

    fn load(conn: &mut DbConnection, _: &CurrentUser, id: EvaluationGridId) -> ApiResult<Self> {
        get_one(conn, id)
    }
}

/// A grid as stored (its criteria as JSON).
#[derive(Queryable, Selectable)]
#[diesel(table_name = evaluation_grids)]
struct Row {
    id: EvaluationGridId,
    name: String,
    kind: EvaluationKind,
    criteria: String,
    active: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i64,
}

fn to_api(row: Row, submitted_evaluations: u64) -> ApiResult<EvaluationGrid> {
    Ok(EvaluationGrid {
        id: row.id,
        name: row.name,
        kind: row.kind,
        criteria: parse_criteria(&row.criteria)?,
        scale_max: MAX_SCORE,
        active: row.active,
        submitted_evaluations,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
        version: row.version,
    })
}

pub fn parse_criteria(text: &str) -> ApiResult<Vec<Criterion>> {
    serde_json::from_str(text).map_err(|e| ApiError::internal(anyhow::anyhow!("criteria: {e}")))
}

fn criteria_text(criteria: &[Criterion]) -> ApiResult<String> {
    serde_json::to_string(criteria).map_err(ApiError::internal)
}

/// Submitted evaluations per grid.
fn submitted_counts(conn: &mut DbConnection) -> ApiResult<HashMap<EvaluationGridId, u64>> {
    let rows: Vec<(EvaluationGridId, i64)> = evaluations::table
        .filter(evaluations::status.eq(EvaluationStatus::Submitted))
        .group_by(evaluations::grid_id)
        .select((evaluations::grid_id, count_star()))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, n)| (id, total(n))).collect())
}

pub fn get_one(conn: &mut DbConnection, id: EvaluationGridId) -> ApiResult<EvaluationGrid> {
    let row: Row = evaluation_grids::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("evaluation grid"))?;
    let submitted: i64 = evaluations::table
        .filter(evaluations::grid_id.eq(id))
        .filter(evaluations::status.eq(EvaluationStatus::Submitted))
        .count()
        .get_result(conn)?;
    to_api(row, total(submitted))
}

/// The criteria of one version of a grid.
pub fn version_of(
    conn: &mut DbConnection,
    grid: EvaluationGridId,
    version: i64,
) -> ApiResult<GridVersion> {
    let row: (
        EvaluationGridId,
        i64,
        String,
        EvaluationKind,
        String,
        NaiveDateTime,
    ) = evaluation_grid_versions::table
        .find((grid, version))
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("grid version"))?;
    let (grid_id, version, name, kind, criteria, created_at) = row;
    Ok(GridVersion {
        grid_id,
        version,
        name,
        kind,
        criteria: parse_criteria(&criteria)?,
        created_at: created_at.and_utc(),
    })
}

fn save_version(conn: &mut DbConnection, grid: &EvaluationGrid) -> ApiResult<()> {
    diesel::insert_into(evaluation_grid_versions::table)
        .values((
            evaluation_grid_versions::grid_id.eq(grid.id),
            evaluation_grid_versions::version.eq(grid.version),
            evaluation_grid_versions::name.eq(&grid.name),
            evaluation_grid_versions::kind.eq(grid.kind),
            evaluation_grid_versions::criteria.eq(criteria_text(&grid.criteria)?),
            evaluation_grid_versions::created_at.eq(grid.updated_at.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Stores a new grid and its first version.
pub fn create_grid(
    conn: &mut DbConnection,
    input: &NewEvaluationGrid,
) -> ApiResult<EvaluationGrid> {
    let now = now();
    let row: Row = diesel::insert_into(evaluation_grids::table)
        .values((
            evaluation_grids::name.eq(input.name.trim()),
            evaluation_grids::kind.eq(input.kind),
            evaluation_grids::criteria.eq(criteria_text(&input.criteria)?),
            evaluation_grids::active.eq(input.active),
            evaluation_grids::created_at.eq(now),
            evaluation_grids::updated_at.eq(now),
            evaluation_grids::version.eq(1_i64),
        ))
        .returning(evaluation_grids::all_columns)
        .get_result(conn)?;
    let grid = to_api(row, 0)?;
    save_version(conn, &grid)?;
    Ok(grid)
}

/// Installs the default ex-ante grid once, at start-up.
pub fn install_default(conn: &mut DbConnection) -> ApiResult<()> {
    if settings::read::<EvaluationGridId>(conn, DEFAULT_GRID_KEY)?.is_some() {
        return Ok(());
    }
    let grid = create_grid(
        conn,
        &NewEvaluationGrid {
            name: "Évaluation ex-ante".into(),
            kind: EvaluationKind::ExAnte,
            criteria: default_ex_ante_criteria(),
            active: true,
        },
    )?;
    settings::write(conn, DEFAULT_GRID_KEY, &grid.id)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct GridFilter {
    /// Only grids of this kind.
    pub kind: Option<EvaluationKind>,
    /// Only active (`true`) or inactive (`false`) grids.
    pub active: Option<bool>,
}

crate::records::read_endpoint!(
    /// The evaluation grids, by kind then name.
    "/api/v1/evaluation-grids" => list(GridFilter), caller: Staff,
    answer: ("Grids", Vec<EvaluationGrid>),
    read: grids_by,
);

/// The grids the filter keeps, each with how many submitted evaluations
/// used it.
fn grids_by(
    conn: &mut DbConnection,
    _: &CurrentUser,
    filter: GridFilter,
) -> ApiResult<Vec<EvaluationGrid>> {
    let mut query = evaluation_grids::table.into_boxed();
    if let Some(kind) = filter.kind {
        query = query.filter(evaluation_grids::kind.eq(kind));
    }
    if let Some(active) = filter.active {
        query = query.filter(evaluation_grids::active.eq(active));
    }
    let rows: Vec<Row> = query
        .order((evaluation_grids::kind.asc(), evaluation_grids::name.asc()))
        .select(Row::as_select())
        .load(conn)?;
    let counts = submitted_counts(conn)?;
    rows.into_iter()
        .map(|row| {
            let submitted = counts.get(&row.id).copied().unwrap_or(0);
            to_api(row, submitted)
        })
        .collect::<ApiResult<Vec<_>>>()
}

/// Create a grid (admins and managers).
#[utoipa::path(
    post, path = "/api/v1/evaluation-grids",
    request_body = NewEvaluationGrid,
    responses(
        (status = 201, description = "Created", body = EvaluationGrid),
        (status = 422, description = "Invalid name or criteria", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    user: Manager,
    body: Json<NewEvaluationGrid>,
) -> ApiResult<HttpResponse> {
    let input = body.0;
    let grid = state
        .db
        .write(move |conn| write::create(conn, &user, |conn| create_grid(conn, &input), None))
        .await?;
    Ok(created("/api/v1/evaluation-grids", &grid))
}

write::get_endpoint!(
    /// One grid as it stands now.
    "/api/v1/evaluation-grids/{id}" => get(EvaluationGrid), at: EvaluationGridId,
    caller: Staff, answer: "The grid",
);

write::update_endpoint!(
    /// Change a grid (admins and managers). Needs `If-Match`. The change is a
    /// new version: submitted evaluations keep the version they were scored
    /// against; drafts move to the new one and lose the scores of removed
    /// criteria.
    patch "/api/v1/evaluation-grids/{id}" => update(EvaluationGrid), at: EvaluationGridId,
    caller: Manager, body: EvaluationGridPatch,
    also: [(status = 422, description = "Invalid name or criteria", body = ErrorBody)],
);

impl write::Changeable for EvaluationGrid {
    type Change = EvaluationGridPatch;

    fn apply(
        conn: &mut DbConnection,
        before: &Self,
        expected: i64,
        patch: EvaluationGridPatch,
    ) -> ApiResult<usize> {
        let name = patch
            .name
            .as_deref()
            .map(|n| n.trim().to_owned())
            .unwrap_or_else(|| before.name.clone());
        let criteria = patch.criteria.unwrap_or_else(|| before.criteria.clone());
        let changes = (
            evaluation_grids::name.eq(name),
            evaluation_grids::criteria.eq(criteria_text(&criteria)?),
            evaluation_grids::active.eq(patch.active.unwrap_or(before.active)),
            evaluation_grids::updated_at.eq(now()),
            evaluation_grids::version.eq(expected + 1),
        );
        let changed = write::guarded_update!(conn, evaluation_grids, before.id, expected, changes)?;
        if changed > 0 {
            // The new version is kept, and drafts move to it.
            let after = get_one(conn, before.id)?;
            save_version(conn, &after)?;
            repo::move_drafts_to(conn, &after)?;
        }
        Ok(changed)
    }
}

crate::records::read_endpoint!(
    /// Every version of a grid, oldest first.
    "/api/v1/evaluation-grids/{id}/versions" => versions, at: EvaluationGridId, caller: Staff,
    answer: ("Versions", Vec<GridVersion>),
    read: versions_of,
);

fn versions_of(
    conn: &mut DbConnection,
    _: &CurrentUser,
    id: EvaluationGridId,
) -> ApiResult<Vec<GridVersion>> {
    get_one(conn, id)?;
    let numbers: Vec<i64> = evaluation_grid_versions::table
        .filter(evaluation_grid_versions::grid_id.eq(id))
        .order(evaluation_grid_versions::version.asc())
        .select(evaluation_grid_versions::version)
        .load(conn)?;
    numbers
        .into_iter()
        .map(|version| version_of(conn, id, version))
        .collect::<ApiResult<Vec<_>>>()
}

/// One version of a grid, as the evaluations scored against it see it.
#[utoipa::path(
    get, path = "/api/v1/evaluation-grids/{id}/versions/{version}",
    responses(
        (status = 200, description = "The version", body = GridVersion),
    )
)]
pub async fn version(
    state: web::Data<AppState>,
    _user: Staff,
    path: web::Path<(EvaluationGridId, i64)>,
) -> ApiResult<web::Json<GridVersion>> {
    let (id, version) = path.into_inner();
    let found = state
        .db
        .read(move |conn| version_of(conn, id, version))
        .await?;
    Ok(web::Json(found))
}
