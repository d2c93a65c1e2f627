//! `/api/v1/projects/{id}/evaluations`: drafts owned by their evaluator,
//! submitted once, reopened by a manager; blind review between evaluators.

use super::{grids, indicators, repo};
use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::auth::{Editor, Manager, Staff};
use crate::db::schema::evaluations;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IfMatch, Json};
use crate::projects::repo as projects;
use crate::records::write::{self, Addressed};
use crate::records::{now, versioned};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use shared::evaluation::{
    check_submission, compare_criteria, consolidation, may_consolidate, merge_scores,
    weighted_score, Comparison, Consolidation, Evaluation, EvaluationKind, EvaluationPatch,
    EvaluationStatus, NewEvaluation, ReopenRequest, Scores,
};
use shared::ids::{EvaluationId, ProjectId};
use shared::lifecycle::Phase;
use shared::{ErrorBody, FieldError};

const ENTITY: &str = "evaluation";

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct KindFilter {
    /// Only evaluations of this kind.
    pub kind: Option<EvaluationKind>,
}

crate::records::read_endpoint!(
    /// The project's evaluations the caller may see: their own, and the
    /// others' submitted ones once they have submitted theirs of the same kind
    /// (managers and admins see every submitted one). Drafts stay private.
    "/api/v1/projects/{id}/evaluations" => list(KindFilter), at: ProjectId, caller: Staff,
    answer: ("Evaluations, oldest first", Vec<Evaluation>),
    read: visible,
);

fn visible(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project: ProjectId,
    filter: KindFilter,
) -> ApiResult<Vec<Evaluation>> {
    projects::ensure_exists(conn, project)?;
    repo::visible(conn, project, filter.kind, user.id, user.role)
}

write::create_endpoint!(
    /// Start an evaluation: a draft owned by the caller, scored against the
    /// grid's current version (engineers, managers and admins).
    "/api/v1/projects/{id}/evaluations" => create(Evaluation), caller: Editor, body: NewEvaluation,
    answer: "Draft created",
    also: [
        (status = 403, description = "Not allowed to evaluate", body = ErrorBody),
        (status = 422, description = "Unknown or inactive grid, wrong kind, bad scores", body = ErrorBody),
    ],
);

impl write::Creatable for Evaluation {
    type Parent = ProjectId;
    type New = NewEvaluation;

    fn insert(
        conn: &mut DbConnection,
        user: &CurrentUser,
        project: ProjectId,
        input: NewEvaluation,
    ) -> ApiResult<Self> {
        projects::ensure_exists(conn, project)?;
        let grid = match grids::get_one(conn, input.grid_id) {
            Err(e) if e.code == shared::ErrorCode::NotFound => {
                return Err(ApiError::field(
                    "grid_id",
                    "not_found",
                    "no evaluation grid has this id",
                ))
            }
            other => other?,
        };
        let mut problems = Vec::new();
        if !grid.active {
            problems.push(FieldError::new(
                "grid_id",
                "inactive",
                "this grid is no longer used for new evaluations",
            ));
        }
        if grid.kind != input.kind {
            problems.push(FieldError::new(
                "kind",
                "kind_mismatch",
                format!("this grid is for {} evaluations", grid.kind.as_str()),
            ));
        }
        let mut scores = Scores::new();
        problems.extend(merge_scores(&grid.criteria, &mut scores, &input.scores));
        if !problems.is_empty() {
            return Err(ApiError::validation(problems));
        }
        let now = now();
        let id: EvaluationId = diesel::insert_into(evaluations::table)
            .values((
                evaluations::project_id.eq(project),
                evaluations::kind.eq(input.kind),
                evaluations::grid_id.eq(grid.id),
                evaluations::grid_version.eq(grid.version),
                evaluations::evaluator_id.eq(user.id),
                evaluations::status.eq(EvaluationStatus::Draft),
                evaluations::scores.eq(repo::scores_text(&scores)?),
                evaluations::weighted_score.eq(weighted_score(&grid.criteria, &scores)),
                evaluations::recommendation.eq(input.recommendation),
                evaluations::comment.eq(clean(input.comment)),
                evaluations::created_at.eq(now),
                evaluations::updated_at.eq(now),
                evaluations::version.eq(1_i64),
            ))
            .returning(evaluations::id)
            .get_result(conn)?;
        repo::get_visible(conn, project, id, user.id, user.role)
    }
}

fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

write::get_endpoint!(
    /// One evaluation, if the caller may see it.
    "/api/v1/projects/{id}/evaluations/{evaluation_id}" => get(Evaluation), at: (ProjectId, EvaluationId),
    caller: Staff, answer: "The evaluation",
);

/// The caller's own draft, for a change: 404 when hidden, 403 when
/// someone else's, 409 when already submitted.
fn own_draft(
    conn: &mut DbConnection,
    project: ProjectId,
    id: EvaluationId,
    user: &CurrentUser,
) -> ApiResult<Evaluation> {
    let evaluation = repo::get_visible(conn, project, id, user.id, user.role)?;
    if evaluation.evaluator_id != user.id {
        return Err(ApiError::forbidden());
    }
    if evaluation.status == EvaluationStatus::Submitted {
        return Err(ApiError::conflict(
            "this evaluation is submitted and can no longer change; a manager may reopen it",
        ));
    }
    Ok(evaluation)
}

write::versioned_record!(Evaluation, ENTITY);

/// Changed by its evaluator only, while a draft.
impl Addressed for Evaluation {
    type Address = (ProjectId, EvaluationId);

    fn load(
        conn: &mut DbConnection,
        user: &CurrentUser,
        (project, id): Self::Address,
    ) -> ApiResult<Self> {
        own_draft(conn, project, id, user)
    }

    /// Read when visible: one's own, or the others' submitted ones after
    /// one's own (blind review).
    fn read(
        conn: &mut DbConnection,
        user: &CurrentUser,
        (project, id): Self::Address,
    ) -> ApiResult<Self> {
        repo::get_visible(conn, project, id, user.id, user.role)
    }
}

write::update_endpoint!(
    /// Update scores, recommendation or comment of one's own draft. Scores are
    /// merged: a criterion given replaces its score, `null` removes it. Needs
    /// `If-Match`.
    patch "/api/v1/projects/{id}/evaluations/{evaluation_id}" => update(Evaluation), at: (ProjectId, EvaluationId),
    caller: Editor, body: EvaluationPatch,
    also: [
        (status = 403, description = "Not the evaluator", body = ErrorBody),
        (status = 409, description = "Already submitted", body = ErrorBody),
        (status = 422, description = "Scores out of range or unknown criteria", body = ErrorBody),
    ],
);

impl write::Changeable for Evaluation {
    type Change = EvaluationPatch;

    fn apply(
        conn: &mut DbConnection,
        before: &Self,
        expected: i64,
        patch: EvaluationPatch,
    ) -> ApiResult<usize> {
        let mut scores = before.scores.clone();
        if let Some(changes) = &patch.scores {
            let problems = merge_scores(&before.criteria, &mut scores, changes);
            if !problems.is_empty() {
                return Err(ApiError::validation(problems));
            }
        }
        let recommendation = shared::patch::apply(&before.recommendation, &patch.recommendation);
        let comment = match patch.comment {
            Some(change) => clean(change),
            None => before.comment.clone(),
        };
        let changes = (
            evaluations::scores.eq(repo::scores_text(&scores)?),
            evaluations::weighted_score.eq(weighted_score(&before.criteria, &scores)),
            evaluations::recommendation.eq(recommendation),
            evaluations::comment.eq(comment),
            evaluations::updated_at.eq(now()),
            evaluations::version.eq(expected + 1),
        );
        write::guarded_update!(conn, evaluations, before.id, expected, changes)
    }
}

write::delete_endpoint!(
    /// Discard one's own draft. Needs `If-Match`.
    "/api/v1/projects/{id}/evaluations/{evaluation_id}" => Evaluation, at: (ProjectId, EvaluationId), caller: Editor,
    also: [
        (status = 403, description = "Not the evaluator", body = ErrorBody),
        (status = 409, description = "Submitted evaluations are kept", body = ErrorBody),
    ],
);

impl write::Deletable for Evaluation {
    fn remove(conn: &mut DbConnection, evaluation: &Self) -> ApiResult<()> {
        diesel::delete(evaluations::table.find(evaluation.id)).execute(conn)?;
        Ok(())
    }
}

/// Submit one's own draft: every criterion scored and a recommendation
/// given. It cannot change afterwards (a second submit gets 409). An
/// `If-Match` header, when sent, must hold the current version.
#[utoipa::path(
    post, path = "/api/v1/projects/{id}/evaluations/{evaluation_id}/submit",
    params(
        ("If-Match" = Option<String>, Header, description = "The version last read; when sent, the request is refused (412) if the record has changed since"),
    ),
    responses(
        (status = 200, description = "Submitted", body = Evaluation),
        (status = 403, description = "Not the evaluator", body = ErrorBody),
        (status = 409, description = "Already submitted", body = ErrorBody),
        (status = 422, description = "Criteria left unscored or no recommendation", body = ErrorBody),
    )
)]
pub async fn submit(
    state: web::Data<AppState>,
    user: Editor,
    path: web::Path<(ProjectId, EvaluationId)>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let (project, id) = path.into_inner();
    let evaluation = state
        .db
        .write(move |conn| {
            let before = own_draft(conn, project, id, &user)?;
            if if_match.0.is_some() {
                if_match.check(before.version)?;
            }
            let problems =
                check_submission(&before.criteria, &before.scores, before.recommendation);
            if !problems.is_empty() {
                return Err(ApiError::validation(problems));
            }
            set_status(conn, &before, EvaluationStatus::Submitted)?;
            let after = repo::get_visible(conn, project, id, user.id, user.role)?;
            crate::webhooks::emit(
                conn,
                shared::webhooks::WebhookEvent::EvaluationSubmitted,
                &serde_json::json!({ "project_id": project, "evaluation": &after }),
            )?;
            audit::record(
                conn,
                Change::new(&user, ENTITY, id, "submit"),
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })
        .await?;
    Ok(versioned(StatusCode::OK, &evaluation, evaluation.version))
}

fn set_status(
    conn: &mut DbConnection,
    before: &Evaluation,
    status: EvaluationStatus,
) -> ApiResult<()> {
    let submitted_at = (status == EvaluationStatus::Submitted).then(now);
    let updated = diesel::update(
        evaluations::table
            .find(before.id)
            .filter(evaluations::version.eq(before.version)),
    )
    .set((
        evaluations::status.eq(status),
        evaluations::submitted_at.eq(submitted_at),
        evaluations::updated_at.eq(now()),
        evaluations::version.eq(before.version + 1),
    ))
    .execute(conn)?;
    if updated == 0 {
        return Err(ApiError::version_mismatch(before.version + 1));
    }
    Ok(())
}

/// What the audit log keeps of a reopening: the evaluation and why.
#[derive(Serialize)]
struct Reopened<'a> {
    evaluation: &'a Evaluation,
    reason: Option<&'a str>,
}

/// Send a submitted evaluation back to draft so its evaluator can correct
/// it (managers and admins; audited with the reason).
#[utoipa::path(
    post, path = "/api/v1/projects/{id}/evaluations/{evaluation_id}/reopen",
    params(
        ("If-Match" = Option<String>, Header, description = "The version last read; when sent, the request is refused (412) if the record has changed since"),
    ),
    request_body = ReopenRequest,
    responses(
        (status = 200, description = "Back to draft", body = Evaluation),
        (status = 409, description = "Not submitted", body = ErrorBody),
    )
)]
pub async fn reopen(
    state: web::Data<AppState>,
    user: Manager,
    path: web::Path<(ProjectId, EvaluationId)>,
    if_match: IfMatch,
    body: Json<ReopenRequest>,
) -> ApiResult<HttpResponse> {
    let (project, id) = path.into_inner();
    let reason = clean(body.0.reason);
    let evaluation = state
        .db
        .write(move |conn| {
            let before = repo::get_visible(conn, project, id, user.id, user.role)?;
            if before.status != EvaluationStatus::Submitted {
                return Err(ApiError::conflict(
                    "only a submitted evaluation can be reopened",
                ));
            }
            if if_match.0.is_some() {
                if_match.check(before.version)?;
            }
            set_status(conn, &before, EvaluationStatus::Draft)?;
            // Back in draft, it is its evaluator's alone again.
            let after = repo::get(conn, project, id)?;
            audit::record(
                conn,
                Change::new(&user, ENTITY, id, "reopen"),
                Some(&before),
                Some(&Reopened {
                    evaluation: &after,
                    reason: reason.as_deref(),
                }),
            )?;
            Ok(after)
        })
        .await?;
    Ok(versioned(StatusCode::OK, &evaluation, evaluation.version))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ConsolidationQuery {
    /// The kind of evaluations to take together (`ex_ante` by default).
    pub kind: Option<EvaluationKind>,
}

crate::records::read_endpoint!(
    /// The submitted evaluations of one kind taken together: per criterion
    /// mean, min, max and spread, the mean weighted score and the
    /// recommendations. Managers and admins, and evaluators who submitted
    /// their own of that kind.
    "/api/v1/projects/{id}/evaluations/consolidated" => consolidated(ConsolidationQuery), at: ProjectId,
    caller: Staff, answer: ("The consolidation", Consolidation),
    also: [(status = 403, description = "Blind review: submit your own evaluation first", body = ErrorBody)],
    read: consolidation_of,
);

/// The consolidation of the project's submitted evaluations of the kind
/// asked, if the caller may see it.
fn consolidation_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project: ProjectId,
    query: ConsolidationQuery,
) -> ApiResult<Consolidation> {
    let kind = query.kind.unwrap_or(EvaluationKind::ExAnte);
    projects::ensure_exists(conn, project)?;
    let opened = repo::submitted_kinds(conn, project, user.id)?;
    if !may_consolidate(user.role, &opened, kind) {
        return Err(ApiError::forbidden());
    }
    Ok(consolidation(
        project,
        kind,
        &repo::submitted(conn, project, kind)?,
    ))
}

/// The ex-ante consolidation beside the ex-post one, criterion by
/// criterion, with what the indicators achieved. Meant for closed
/// projects; a side the caller may not see yet (blind review) is empty.
#[utoipa::path(
    get, path = "/api/v1/projects/{id}/evaluations/comparison",
    responses(
        (status = 200, description = "The comparison", body = Comparison),
    )
)]
pub async fn comparison(
    state: web::Data<AppState>,
    user: Staff,
    id: web::Path<ProjectId>,
) -> ApiResult<web::Json<Comparison>> {
    let project = id.into_inner();
    let view = state
        .db
        .read(move |conn| {
            let phase = projects::get(conn, project)?.phase;
            let opened = repo::submitted_kinds(conn, project, user.id)?;
            let mut side = |kind| -> ApiResult<Consolidation> {
                let evaluations = if may_consolidate(user.role, &opened, kind) {
                    repo::submitted(conn, project, kind)?
                } else {
                    Vec::new()
                };
                Ok(consolidation(project, kind, &evaluations))
            };
            let ex_ante = side(EvaluationKind::ExAnte)?;
            let ex_post = side(EvaluationKind::ExPost)?;
            let achievements = indicators::achievements(conn, project)?;
            let measured: Vec<f64> = achievements
                .iter()
                .filter_map(|a| a.reading.progress)
                .map(|p| p.clamp(0.0, 100.0))
                .collect();
            Ok(Comparison {
                project_id: project,
                phase,
                closed: phase == Phase::Cloture,
                score_delta: ex_ante
                    .mean_weighted_score
                    .zip(ex_post.mean_weighted_score)
                    .map(|(before, after)| shared::evaluation::round2(after - before)),
                criteria: compare_criteria(&ex_ante, &ex_post),
                indicators_achieved: achievements.iter().filter(|a| a.reading.achieved).count()
                    as u64,
                mean_indicator_progress: (!measured.is_empty()).then(|| {
                    shared::evaluation::round2(measured.iter().sum::<f64>() / measured.len() as f64)
                }),
                indicators: achievements,
                ex_ante,
                ex_post,
            })
        })
        .await?;
    Ok(web::Json(view))
}
