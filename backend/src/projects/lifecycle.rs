//! `/api/v1/projects/{id}/transitions`: moving a project through its
//! lifecycle, and its history.

use super::{gate, repo};
use crate::auth::CurrentUser;
use crate::auth::Editor;
use crate::db::schema::{project_transitions, projects};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IfMatch, Json};
use crate::records::write::{self, Effect, Seen};
use crate::records::{now, versioned};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use shared::ids::{ProjectId, TransitionId, UserId};
use shared::lifecycle::{AbandonReason, DecisionOutcome, Phase};
use shared::projects::{
    check_transition, move_effects, LifecycleFields, LifecycleState, NewTransition, Project,
    Transition, TransitionRefusal,
};
use shared::webhooks::WebhookEvent;
use shared::{ErrorBody, ErrorCode, FieldError};
use std::cell::RefCell;
use std::collections::HashMap;

/// A move as stored.
#[derive(Queryable, Selectable)]
#[diesel(table_name = project_transitions)]
struct TransitionRow {
    id: TransitionId,
    project_id: ProjectId,
    from_phase: Phase,
    to_phase: Phase,
    transition_date: NaiveDate,
    motivation: String,
    outcome: Option<DecisionOutcome>,
    reason: Option<AbandonReason>,
    comment: Option<String>,
    user_id: Option<UserId>,
    created_at: NaiveDateTime,
}

impl From<TransitionRow> for Transition {
    fn from(row: TransitionRow) -> Self {
        Transition {
            id: row.id,
            project_id: row.project_id,
            from: row.from_phase,
            to: row.to_phase,
            date: row.transition_date,
            motivation: row.motivation,
            outcome: row.outcome,
            reason: row.reason,
            comment: row.comment,
            user_id: row.user_id,
            created_at: row.created_at.and_utc(),
        }
    }
}

pub fn history(conn: &mut DbConnection, project: ProjectId) -> ApiResult<Vec<Transition>> {
    let rows: Vec<TransitionRow> = project_transitions::table
        .filter(project_transitions::project_id.eq(project))
        .order(project_transitions::id.asc())
        .select(TransitionRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Transition::from).collect())
}

/// The histories of several projects at once (one query), each oldest
/// first; a project that never moved has none.
pub fn histories(
    conn: &mut DbConnection,
    projects: &[ProjectId],
) -> ApiResult<HashMap<ProjectId, Vec<Transition>>> {
    let rows: Vec<TransitionRow> = project_transitions::table
        .filter(project_transitions::project_id.eq_any(projects))
        .order((
            project_transitions::project_id.asc(),
            project_transitions::id.asc(),
        ))
        .select(TransitionRow::as_select())
        .load(conn)?;
    let mut by_project: HashMap<ProjectId, Vec<Transition>> = HashMap::new();
    for row in rows {
        by_project
            .entry(row.project_id)
            .or_default()
            .push(row.into());
    }
    Ok(by_project)
}

struct Move<'a> {
    project: ProjectId,
    from: Phase,
    to: Phase,
    date: NaiveDate,
    motivation: &'a str,
    outcome: Option<DecisionOutcome>,
    reason: Option<AbandonReason>,
    comment: Option<&'a str>,
    user: UserId,
}

fn insert_move(conn: &mut DbConnection, step: &Move<'_>) -> ApiResult<Transition> {
    let row: TransitionRow = diesel::insert_into(project_transitions::table)
        .values((
            project_transitions::project_id.eq(step.project),
            project_transitions::from_phase.eq(step.from),
            project_transitions::to_phase.eq(step.to),
            project_transitions::transition_date.eq(step.date),
            project_transitions::motivation.eq(step.motivation.trim()),
            project_transitions::outcome.eq(step.outcome),
            project_transitions::reason.eq(step.reason),
            project_transitions::comment.eq(step.comment),
            project_transitions::user_id.eq(step.user),
            project_transitions::created_at.eq(now()),
        ))
        .returning(project_transitions::all_columns)
        .get_result(conn)?;
    Ok(row.into())
}

fn refusal_to_error(refusal: TransitionRefusal) -> ApiError {
    match refusal {
        TransitionRefusal::NotAllowed { from, allowed } => {
            let names: Vec<&str> = allowed.iter().map(|p| p.as_str()).collect();
            let message = if names.is_empty() {
                format!("a project in `{from}` cannot move any more")
            } else {
                format!(
                    "a project in `{from}` can only move to: {}",
                    names.join(", ")
                )
            };
            ApiError::new(ErrorCode::Conflict, message).with_details(
                allowed
                    .iter()
                    .map(|phase| FieldError::new("to", "allowed", phase.as_str()))
                    .collect(),
            )
        }
        TransitionRefusal::Invalid(problems) => ApiError::validation(problems),
    }
}

/// The project after a move, with the move itself.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TransitionOutcome {
    #[serde(flatten)]
    pub project: Project,
    /// The move just recorded (a no-go decision also records the
    /// following abandonment, visible in the history).
    pub transition: Transition,
}

crate::records::read_endpoint!(
    /// The project's lifecycle history, oldest first.
    "/api/v1/projects/{id}/transitions" => list, at: ProjectId, caller: CurrentUser,
    answer: ("Moves, oldest first", Vec<Transition>),
    read: history_of,
);

fn history_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: ProjectId,
) -> ApiResult<Vec<Transition>> {
    let reader = crate::access::project_reader(conn, user, id)?;
    let history = history(conn, id)?;
    Ok(match reader.partner() {
        Some(_) => history
            .into_iter()
            .map(crate::access::trim_transition)
            .collect(),
        None => history,
    })
}

/// Move a project to another phase. Only the moves of the lifecycle table
/// are allowed (409 lists them); reaching `decision` records the outcome
/// and the decision date, and a no-go ends in `abandonne`. `If-Match` is
/// optional here: when sent, it must be current.
#[utoipa::path(
    post, path = "/api/v1/projects/{id}/transitions",
    params(
        ("If-Match" = Option<String>, Header, description = "The version last read; when sent, the request is refused (412) if the record has changed since"),
    ),
    request_body = NewTransition,
    responses(
        (status = 201, description = "Moved; the project as it is now, with the move", body = TransitionOutcome),
        (status = 409, description = "Move not allowed from the current phase (details list the allowed ones), or a gate is closed", body = ErrorBody),
        (status = 422, description = "Missing outcome or reason, date before the commission", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    user: Editor,
    id: web::Path<ProjectId>,
    if_match: IfMatch,
    body: Json<NewTransition>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let request = body.0;
    let outcome = state
        .db
        .write(move |conn| {
            let recorded: RefCell<Option<Transition>> = RefCell::new(None);
            let load = |conn: &mut DbConnection| repo::get(conn, id);
            let change = |conn: &mut DbConnection, before: &Project, _expected| {
                let lifecycle = LifecycleState {
                    phase: before.phase,
                    suspended_from: before.suspended_from,
                    commission_date: before.commission_date,
                };
                check_transition(lifecycle, &request).map_err(refusal_to_error)?;
                if before.phase == Phase::Instruction && request.to == Phase::Decision {
                    if let Some(why) = gate::decision_blocker(conn, id)? {
                        return Err(ApiError::conflict(why));
                    }
                }
                let moved = apply(conn, before, &request, user.id)?;
                let changed = usize::from(moved.is_some());
                *recorded.borrow_mut() = moved;
                Ok(changed)
            };
            let effect = |before: &Project, after: &Project| {
                let change = serde_json::json!({
                    "project_id": id,
                    "from": before.phase,
                    "to": after.phase,
                    "transition": &*recorded.borrow(),
                    "project": after,
                });
                Effect::with_event("transition", WebhookEvent::ProjectPhaseChanged, change)
            };
            let project =
                write::update_as(conn, &user, Seen::IfSent(&if_match), load, change, effect)?;
            let transition = recorded
                .into_inner()
                .ok_or_else(|| ApiError::internal(anyhow::anyhow!("move not recorded")))?;
            crate::notifications::events::phase_changed(conn, &user, &project, &transition)?;
            Ok(TransitionOutcome {
                project,
                transition,
            })
        })
        .await?;
    Ok(versioned(
        StatusCode::CREATED,
        &outcome,
        outcome.project.version,
    ))
}

/// Records the move (and a no-go's abandonment) and updates the project;
/// `None` when the project's version moved meanwhile (nothing is kept: the
/// caller's transaction is rolled back).
fn apply(
    conn: &mut DbConnection,
    project: &Project,
    request: &NewTransition,
    user: UserId,
) -> ApiResult<Option<Transition>> {
    let step = Move {
        project: project.id,
        from: project.phase,
        to: request.to,
        date: request.date,
        motivation: &request.motivation,
        outcome: request.outcome,
        reason: if request.to == Phase::Abandonne {
            request.reason
        } else {
            None
        },
        comment: request.comment.as_deref(),
        user,
    };
    let transition = insert_move(conn, &step)?;
    let effects = move_effects(LifecycleFields::of(project), request);
    if let Some(reason) = effects.then_abandoned {
        insert_move(
            conn,
            &Move {
                from: Phase::Decision,
                to: Phase::Abandonne,
                reason: Some(reason),
                outcome: None,
                ..step
            },
        )?;
    }
    let after = effects.after;
    // Guarded by the version read at the start: of two concurrent moves
    // from the same phase, only one lands.
    let updated = diesel::update(
        projects::table
            .find(project.id)
            .filter(projects::version.eq(project.version)),
    )
    .set((
        projects::phase.eq(after.phase),
        projects::suspended_from.eq(after.suspended_from),
        projects::decision_outcome.eq(after.decision_outcome),
        projects::decision_date.eq(after.decision_date),
        projects::abandon_reason.eq(after.abandon_reason),
        projects::start_date.eq(after.start_date),
        projects::actual_end_date.eq(after.actual_end_date),
        projects::updated_at.eq(now()),
        projects::version.eq(project.version + 1),
    ))
    .execute(conn)?;
    Ok((updated > 0).then_some(transition))
}
