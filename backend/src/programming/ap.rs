//! `/api/v1/projects/{id}/ap-revisions`: the votes of a project's AP. A
//! revision is never changed: the council votes a new one. The project
//! keeps the amount in force (`projects.ap_cents`) for its lists.

use super::announce;
use crate::auth::CurrentUser;
use crate::auth::{Editor, Staff};
use crate::db::schema::{ap_revisions, payment_credits, projects};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::projects::repo;
use crate::records::now;
use crate::records::write::{self, Versioned};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::ids::{ApRevisionId, ProjectId, UserId};
use shared::programming::{current_ap, ApRevision, NewApRevision};
use shared::ErrorBody;

impl Versioned for ApRevision {
    const ENTITY: &'static str = "ap_revision";

    fn key(&self) -> impl std::fmt::Display {
        self.id
    }

    /// A revision is written once and never changed.
    fn version(&self) -> i64 {
        1
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = ap_revisions)]
struct Row {
    id: ApRevisionId,
    project_id: ProjectId,
    amount_cents: i64,
    voted_on: NaiveDate,
    deliberation_ref: String,
    comment: Option<String>,
    created_by: Option<UserId>,
    created_at: NaiveDateTime,
}

impl From<Row> for ApRevision {
    fn from(row: Row) -> Self {
        ApRevision {
            id: row.id,
            project_id: row.project_id,
            amount_cents: row.amount_cents,
            voted_on: row.voted_on,
            deliberation_ref: row.deliberation_ref,
            comment: row.comment,
            created_by: row.created_by,
            created_at: row.created_at.and_utc(),
        }
    }
}

/// The project's revisions, oldest vote first.
pub fn revisions(conn: &mut DbConnection, project: ProjectId) -> ApiResult<Vec<ApRevision>> {
    let rows: Vec<Row> = ap_revisions::table
        .filter(ap_revisions::project_id.eq(project))
        .order((ap_revisions::voted_on.asc(), ap_revisions::id.asc()))
        .select(Row::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(ApRevision::from).collect())
}

/// Σ CP paid on the project, every year.
pub fn paid_cents(conn: &mut DbConnection, project: ProjectId) -> ApiResult<i64> {
    let paid: Vec<i64> = payment_credits::table
        .filter(payment_credits::project_id.eq(project))
        .select(payment_credits::paid_cents)
        .load(conn)?;
    Ok(paid.iter().sum())
}

/// Records a vote of the project's AP, refused (422) below the CP already
/// paid, and keeps the AP in force on the project. Answers the revision and
/// the AP now in force. The request and the demo portfolio both vote
/// through here; the audit entry and the event are the request's.
pub fn vote(
    conn: &mut DbConnection,
    project: ProjectId,
    new: NewApRevision,
    by: Option<UserId>,
) -> ApiResult<(ApRevision, Option<i64>)> {
    let problems = new.check(paid_cents(conn, project)?);
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let new = new.normalized();
    let row: Row = diesel::insert_into(ap_revisions::table)
        .values((
            ap_revisions::project_id.eq(project),
            ap_revisions::amount_cents.eq(new.amount_cents),
            ap_revisions::voted_on.eq(new.voted_on),
            ap_revisions::deliberation_ref.eq(&new.deliberation_ref),
            ap_revisions::comment.eq(&new.comment),
            ap_revisions::created_by.eq(by),
            ap_revisions::created_at.eq(now()),
        ))
        .returning(ap_revisions::all_columns)
        .get_result(conn)?;
    let in_force = current_ap(&revisions(conn, project)?);
    diesel::update(projects::table.find(project))
        .set(projects::ap_cents.eq(in_force))
        .execute(conn)?;
    Ok((ApRevision::from(row), in_force))
}

crate::records::read_endpoint!(
    /// The project's AP votes, oldest first.
    "/api/v1/projects/{id}/ap-revisions" => list, at: ProjectId, caller: Staff,
    answer: ("The revisions, oldest vote first", Vec<ApRevision>),
    read: revisions_of,
);

fn revisions_of(
    conn: &mut DbConnection,
    _: &CurrentUser,
    project: ProjectId,
) -> ApiResult<Vec<ApRevision>> {
    repo::ensure_exists(conn, project)?;
    revisions(conn, project)
}

/// Record a vote of the project's AP. The latest vote is the AP in force
/// (`ap_cents` on the project); it cannot be below the CP already paid.
#[utoipa::path(
    post, path = "/api/v1/projects/{id}/ap-revisions",
    request_body = NewApRevision,
    responses(
        (status = 201, description = "Recorded", body = ApRevision),
        (status = 422, description = "Invalid fields, or below the CP paid (`amount_cents`)", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    user: Editor,
    id: web::Path<ProjectId>,
    body: Json<NewApRevision>,
) -> ApiResult<HttpResponse> {
    let project = id.into_inner();
    let user = user.into_inner();
    let new = body.0;
    let revision = state
        .db
        .write(move |conn| {
            repo::ensure_exists(conn, project)?;
            let mut in_force = None;
            let revision = write::create(
                conn,
                &user,
                |conn| {
                    let (revision, ap) = vote(conn, project, new, Some(user.id))?;
                    in_force = ap;
                    Ok(revision)
                },
                None,
            )?;
            announce(
                conn,
                serde_json::json!({
                    "project_id": project,
                    "change": "ap_revision",
                    "ap_cents": in_force,
                    "revision": revision,
                }),
            )?;
            Ok(revision)
        })
        .await?;
    Ok(HttpResponse::Created().json(revision))
}
