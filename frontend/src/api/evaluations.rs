//! Evaluation grids, the evaluations of a project, their consolidation and
//! the ex-ante/ex-post comparison, and the gate before the decision.

use super::{ApiError, ApiRequest};
use shared::evaluation::{
    Comparison, Consolidation, Evaluation, EvaluationGate, EvaluationGrid, EvaluationGridPatch,
    EvaluationKind, EvaluationPatch, GridVersion, NewEvaluation, NewEvaluationGrid, ReopenRequest,
};
use shared::ids::{EvaluationGridId, EvaluationId, ProjectId};

// Grids

fn grid_path(id: EvaluationGridId) -> String {
    format!("/api/v1/evaluation-grids/{id}")
}

/// Grids, optionally of one kind and only the active ones.
pub async fn grids(
    kind: Option<EvaluationKind>,
    active: Option<bool>,
) -> Result<Vec<EvaluationGrid>, ApiError> {
    let mut request = ApiRequest::get("/api/v1/evaluation-grids");
    if let Some(kind) = kind {
        request = request.query("kind", kind);
    }
    if let Some(active) = active {
        request = request.query("active", active);
    }
    request.fetch().await
}

pub async fn grid(id: EvaluationGridId) -> Result<EvaluationGrid, ApiError> {
    ApiRequest::get(grid_path(id)).fetch().await
}

pub async fn create_grid(grid: &NewEvaluationGrid) -> Result<EvaluationGrid, ApiError> {
    ApiRequest::post("/api/v1/evaluation-grids")
        .json(grid)?
        .fetch()
        .await
}

/// Every saved change makes a new version of the grid.
pub async fn update_grid(
    id: EvaluationGridId,
    version: i64,
    changes: &EvaluationGridPatch,
) -> Result<EvaluationGrid, ApiError> {
    ApiRequest::patch(grid_path(id))
        .if_match(version)
        .json(changes)?
        .fetch()
        .await
}

pub async fn grid_versions(id: EvaluationGridId) -> Result<Vec<GridVersion>, ApiError> {
    ApiRequest::get(format!("{}/versions", grid_path(id)))
        .fetch()
        .await
}

// Evaluations of a project

fn evaluations_path(project: ProjectId) -> String {
    format!("/api/v1/projects/{project}/evaluations")
}

fn evaluation_path(project: ProjectId, id: EvaluationId) -> String {
    format!("{}/{id}", evaluations_path(project))
}

/// The evaluations the caller may see (blind review: others' only once
/// the caller has submitted their own of the same kind).
pub async fn list(
    project: ProjectId,
    kind: Option<EvaluationKind>,
) -> Result<Vec<Evaluation>, ApiError> {
    let mut request = ApiRequest::get(evaluations_path(project));
    if let Some(kind) = kind {
        request = request.query("kind", kind);
    }
    request.fetch().await
}

pub async fn get(project: ProjectId, id: EvaluationId) -> Result<Evaluation, ApiError> {
    ApiRequest::get(evaluation_path(project, id)).fetch().await
}

/// Starts a draft owned by the caller.
pub async fn create(
    project: ProjectId,
    evaluation: &NewEvaluation,
) -> Result<Evaluation, ApiError> {
    ApiRequest::post(evaluations_path(project))
        .json(evaluation)?
        .fetch()
        .await
}

/// Merges `changes` into a draft; 412 if someone saved since `version`.
pub async fn update(
    project: ProjectId,
    id: EvaluationId,
    version: i64,
    changes: &EvaluationPatch,
) -> Result<Evaluation, ApiError> {
    ApiRequest::patch(evaluation_path(project, id))
        .if_match(version)
        .json(changes)?
        .fetch()
        .await
}

pub async fn delete(project: ProjectId, id: EvaluationId, version: i64) -> Result<(), ApiError> {
    ApiRequest::delete(evaluation_path(project, id))
        .if_match(version)
        .execute()
        .await
}

/// 422 with a detail per missing score or recommendation; 409 if already
/// submitted.
pub async fn submit(project: ProjectId, id: EvaluationId) -> Result<Evaluation, ApiError> {
    ApiRequest::post(format!("{}/submit", evaluation_path(project, id)))
        .fetch()
        .await
}

/// Back to draft (managers and admins), with the reason.
pub async fn reopen(
    project: ProjectId,
    id: EvaluationId,
    request: &ReopenRequest,
) -> Result<Evaluation, ApiError> {
    ApiRequest::post(format!("{}/reopen", evaluation_path(project, id)))
        .json(request)?
        .fetch()
        .await
}

/// The submitted evaluations of one kind taken together; 403 for an
/// evaluator who has not submitted their own yet.
pub async fn consolidated(
    project: ProjectId,
    kind: EvaluationKind,
) -> Result<Consolidation, ApiError> {
    ApiRequest::get(format!("{}/consolidated", evaluations_path(project)))
        .query("kind", kind)
        .fetch()
        .await
}

pub async fn comparison(project: ProjectId) -> Result<Comparison, ApiError> {
    ApiRequest::get(format!("{}/comparison", evaluations_path(project)))
        .fetch()
        .await
}

// The gate before the decision

pub async fn gate() -> Result<EvaluationGate, ApiError> {
    ApiRequest::get("/api/v1/settings/evaluation-gate")
        .fetch()
        .await
}

pub async fn save_gate(gate: &EvaluationGate) -> Result<EvaluationGate, ApiError> {
    ApiRequest::put("/api/v1/settings/evaluation-gate")
        .json(gate)?
        .fetch()
        .await
}
