//! `/api/v1/projects/{id}/participants`: which actors take part, in which
//! roles. One actor may hold several roles in a project.

use super::repo;
use crate::actors::repo as actors_repo;
use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::auth::Editor;
use crate::db::schema::{actors, participants};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::records::now;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use shared::actors::ActorKind;
use shared::ids::{ActorId, ParticipantId, ProjectId};
use shared::participants::{NewParticipant, Participant, ParticipantRole};
use shared::ErrorBody;

const ENTITY: &str = "participant";

/// A participation with its actor's name and kind, as selected.
#[derive(Queryable, Selectable)]
#[diesel(table_name = participants)]
struct Row {
    id: ParticipantId,
    project_id: ProjectId,
    actor_id: ActorId,
    role: ParticipantRole,
    created_at: NaiveDateTime,
    #[diesel(select_expression = actors::name)]
    #[diesel(select_expression_type = actors::name)]
    actor_name: String,
    #[diesel(select_expression = actors::kind)]
    #[diesel(select_expression_type = actors::kind)]
    actor_kind: ActorKind,
}

impl From<Row> for Participant {
    fn from(row: Row) -> Self {
        Participant {
            id: row.id,
            project_id: row.project_id,
            actor_id: row.actor_id,
            actor_name: row.actor_name,
            actor_kind: row.actor_kind,
            role: row.role,
            created_at: row.created_at.and_utc(),
        }
    }
}

pub fn of_project(conn: &mut DbConnection, project: ProjectId) -> ApiResult<Vec<Participant>> {
    let rows: Vec<Row> = participants::table
        .inner_join(actors::table)
        .filter(participants::project_id.eq(project))
        .order((actors::name.asc(), participants::role.asc()))
        .select(Row::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Participant::from).collect())
}

crate::records::read_endpoint!(
    /// Actors taking part in the project, with their roles.
    "/api/v1/projects/{id}/participants" => list, at: ProjectId, caller: CurrentUser,
    answer: ("Participants", Vec<Participant>),
    read: participants_of,
);

fn participants_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project: ProjectId,
) -> ApiResult<Vec<Participant>> {
    crate::access::project_reader(conn, user, project)?;
    of_project(conn, project)
}

/// Give an actor a role in the project.
#[utoipa::path(
    post, path = "/api/v1/projects/{id}/participants",
    request_body = NewParticipant,
    responses(
        (status = 201, description = "Added", body = Participant),
        (status = 409, description = "The actor already has this role here", body = ErrorBody),
        (status = 422, description = "Unknown actor or role", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    user: Editor,
    id: web::Path<ProjectId>,
    body: Json<NewParticipant>,
) -> ApiResult<HttpResponse> {
    let project = id.into_inner();
    let input = body.0;
    let participant = state
        .db
        .write(move |conn| {
            repo::ensure_exists(conn, project)?;
            if actors_repo::find(conn, input.actor_id)?.is_none() {
                return Err(ApiError::field(
                    "actor_id",
                    "unknown_actor",
                    "no actor has this id",
                ));
            }
            let id: ParticipantId = diesel::insert_into(participants::table)
                .values((
                    participants::project_id.eq(project),
                    participants::actor_id.eq(input.actor_id),
                    participants::role.eq(input.role),
                    participants::created_at.eq(now()),
                ))
                .returning(participants::id)
                .get_result(conn)
                .map_err(|error| match error {
                    DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                        ApiError::already_exists(
                            "role",
                            "this actor already has this role in the project",
                        )
                    }
                    other => other.into(),
                })?;
            let participant = of_project(conn, project)?
                .into_iter()
                .find(|p| p.id == id)
                .ok_or_else(|| ApiError::not_found("participant"))?;
            audit::record(
                conn,
                Change::new(&user, ENTITY, id, "create"),
                None::<&Participant>,
                Some(&participant),
            )?;
            Ok(participant)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/projects/{project}/participants/{}", participant.id),
        ))
        .json(participant))
}

/// Remove an actor's role from the project.
#[utoipa::path(
    delete, path = "/api/v1/projects/{id}/participants/{participant_id}",
    responses(
        (status = 204, description = "Removed"),
    )
)]
pub async fn delete(
    state: web::Data<AppState>,
    user: Editor,
    path: web::Path<(ProjectId, ParticipantId)>,
) -> ApiResult<HttpResponse> {
    let (project, id) = path.into_inner();
    state
        .db
        .write(move |conn| {
            let before = of_project(conn, project)?
                .into_iter()
                .find(|p| p.id == id)
                .ok_or_else(|| ApiError::not_found("participant"))?;
            diesel::delete(participants::table.find(id)).execute(conn)?;
            audit::record(
                conn,
                Change::new(&user, ENTITY, id, "delete"),
                Some(&before),
                None::<&Participant>,
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
