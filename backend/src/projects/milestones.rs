//! `/api/v1/projects/{id}/milestones`: the project's schedule.

use super::repo;
use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::auth::Editor;
use crate::db::schema::milestones;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IfMatch, Json};
use crate::openapi::errors::{
    BadRequest, NotFound, PreconditionRequired, Stale, Unauthenticated, Unavailable,
};
use crate::records::{created, now, versioned};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::ids::{MilestoneId, ProjectId};
use shared::patch::apply;
use shared::projects::{Milestone, MilestonePatch, NewMilestone};
use shared::ErrorBody;

const ENTITY: &str = "milestone";

type Row = (
    MilestoneId,
    ProjectId,
    String,
    Option<NaiveDate>,
    Option<NaiveDate>,
    NaiveDateTime,
    NaiveDateTime,
    i64,
);

fn to_api(
    (id, project_id, title, due_date, done_date, created_at, updated_at, version): Row,
) -> Milestone {
    Milestone {
        id,
        project_id,
        title,
        due_date,
        done_date,
        created_at: created_at.and_utc(),
        updated_at: updated_at.and_utc(),
        version,
    }
}

fn get_one(conn: &mut DbConnection, project: ProjectId, id: MilestoneId) -> ApiResult<Milestone> {
    milestones::table
        .filter(milestones::id.eq(id))
        .filter(milestones::project_id.eq(project))
        .select(milestones::all_columns)
        .first::<Row>(conn)
        .optional()?
        .map(to_api)
        .ok_or_else(|| ApiError::not_found("milestone"))
}

/// The project's milestones, by due date.
#[utoipa::path(
    get, path = "/api/v1/projects/{id}/milestones",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "Milestones", body = Vec<Milestone>),
        (status = 403, description = "Not staff", body = ErrorBody),
        BadRequest, Unauthenticated, NotFound, Unavailable,
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<ProjectId>,
) -> ApiResult<web::Json<Vec<Milestone>>> {
    let project = id.into_inner();
    let items = state
        .db
        .read(move |conn| {
            crate::access::project_reader(conn, &user, project)?;
            let rows: Vec<Row> = milestones::table
                .filter(milestones::project_id.eq(project))
                .order((milestones::due_date.asc(), milestones::id.asc()))
                .select(milestones::all_columns)
                .load(conn)?;
            Ok(rows.into_iter().map(to_api).collect())
        })
        .await?;
    Ok(web::Json(items))
}

/// Add a milestone.
#[utoipa::path(
    post, path = "/api/v1/projects/{id}/milestones",
    params(("id" = i64, Path, description = "Project id")),
    request_body = NewMilestone,
    responses(
        (status = 201, description = "Created", body = Milestone),
        (status = 403, description = "Not allowed to edit", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
        BadRequest, Unauthenticated, NotFound, Unavailable,
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    user: Editor,
    id: web::Path<ProjectId>,
    body: Json<NewMilestone>,
) -> ApiResult<HttpResponse> {
    let project = id.into_inner();
    let input = body.0;
    let milestone = state
        .db
        .write(move |conn| {
            repo::ensure_exists(conn, project)?;
            let now = now();
            let row: Row = diesel::insert_into(milestones::table)
                .values((
                    milestones::project_id.eq(project),
                    milestones::title.eq(input.title.trim()),
                    milestones::due_date.eq(input.due_date),
                    milestones::done_date.eq(input.done_date),
                    milestones::created_at.eq(now),
                    milestones::updated_at.eq(now),
                    milestones::version.eq(1_i64),
                ))
                .returning(milestones::all_columns)
                .get_result(conn)?;
            let milestone = to_api(row);
            audit::record(
                conn,
                Change::new(&user, ENTITY, milestone.id, "create"),
                None::<&Milestone>,
                Some(&milestone),
            )?;
            Ok(milestone)
        })
        .await?;
    Ok(created(
        format!("/api/v1/projects/{project}/milestones/{}", milestone.id),
        &milestone,
        milestone.version,
    ))
}

/// Change a milestone (e.g. mark it done). Needs `If-Match`.
#[utoipa::path(
    patch, path = "/api/v1/projects/{id}/milestones/{milestone_id}",
    params(
        ("id" = i64, Path, description = "Project id"),
        ("milestone_id" = i64, Path, description = "Milestone id"),
        ("If-Match" = String, Header, description = "The version last read"),
    ),
    request_body = MilestonePatch,
    responses(
        (status = 200, description = "Updated", body = Milestone),
        (status = 403, description = "Not allowed to edit", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
        BadRequest, Unauthenticated, NotFound, Stale, PreconditionRequired, Unavailable,
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    user: Editor,
    path: web::Path<(ProjectId, MilestoneId)>,
    if_match: IfMatch,
    body: Json<MilestonePatch>,
) -> ApiResult<HttpResponse> {
    let (project, id) = path.into_inner();
    let expected = if_match.required()?;
    let patch = body.0;
    let milestone = state
        .db
        .write(move |conn| {
            let before = get_one(conn, project, id)?;
            if_match.check(before.version)?;
            let title = patch
                .title
                .map(|t| t.trim().to_owned())
                .unwrap_or_else(|| before.title.clone());
            let updated = diesel::update(
                milestones::table
                    .find(id)
                    .filter(milestones::version.eq(expected)),
            )
            .set((
                milestones::title.eq(title),
                milestones::due_date.eq(apply(&before.due_date, &patch.due_date)),
                milestones::done_date.eq(apply(&before.done_date, &patch.done_date)),
                milestones::updated_at.eq(now()),
                milestones::version.eq(expected + 1),
            ))
            .execute(conn)?;
            if updated == 0 {
                return Err(ApiError::version_mismatch(
                    get_one(conn, project, id)?.version,
                ));
            }
            let after = get_one(conn, project, id)?;
            audit::record(
                conn,
                Change::new(&user, ENTITY, id, "update"),
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })
        .await?;
    Ok(versioned(StatusCode::OK, &milestone, milestone.version))
}

/// Remove a milestone. Needs `If-Match`.
#[utoipa::path(
    delete, path = "/api/v1/projects/{id}/milestones/{milestone_id}",
    params(
        ("id" = i64, Path, description = "Project id"),
        ("milestone_id" = i64, Path, description = "Milestone id"),
        ("If-Match" = String, Header, description = "The version last read"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Not allowed to edit", body = ErrorBody),
        BadRequest, Unauthenticated, NotFound, Stale, PreconditionRequired, Unavailable,
    )
)]
pub async fn delete(
    state: web::Data<AppState>,
    user: Editor,
    path: web::Path<(ProjectId, MilestoneId)>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let (project, id) = path.into_inner();
    if_match.required()?;
    state
        .db
        .write(move |conn| {
            let before = get_one(conn, project, id)?;
            if_match.check(before.version)?;
            diesel::delete(milestones::table.find(id)).execute(conn)?;
            audit::record(
                conn,
                Change::new(&user, ENTITY, id, "delete"),
                Some(&before),
                None::<&Milestone>,
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
