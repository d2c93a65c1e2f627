//! Evaluation rows: loading them with their grid version's criteria and
//! their evaluator's name, and the blind-review filter.

use super::grids;
use crate::db::schema::{evaluations, users};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::records::now;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::auth::Role;
use shared::evaluation::{
    visible_to, weighted_score, Criterion, Evaluation, EvaluationGrid, EvaluationKind,
    EvaluationMeta, EvaluationStatus, Recommendation, Scores,
};
use shared::ids::{EvaluationGridId, EvaluationId, ProjectId, UserId};
use std::collections::HashMap;

#[derive(Debug, Clone, Queryable)]
pub struct EvaluationRow {
    pub id: EvaluationId,
    pub project_id: ProjectId,
    pub kind: EvaluationKind,
    pub grid_id: EvaluationGridId,
    pub grid_version: i64,
    pub evaluator_id: UserId,
    pub status: EvaluationStatus,
    pub scores: String,
    pub weighted_score: Option<f64>,
    pub recommendation: Option<Recommendation>,
    pub comment: Option<String>,
    pub submitted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

impl EvaluationRow {
    pub fn meta(&self) -> EvaluationMeta {
        EvaluationMeta {
            evaluator_id: self.evaluator_id,
            kind: self.kind,
            status: self.status,
        }
    }
}

pub fn parse_scores(text: &str) -> ApiResult<Scores> {
    serde_json::from_str(text).map_err(|e| ApiError::internal(anyhow::anyhow!("scores: {e}")))
}

pub fn scores_text(scores: &Scores) -> ApiResult<String> {
    serde_json::to_string(scores).map_err(ApiError::internal)
}

/// Grid versions' criteria, loaded once per version.
#[derive(Default)]
struct CriteriaCache(HashMap<(EvaluationGridId, i64), Vec<Criterion>>);

impl CriteriaCache {
    fn get(
        &mut self,
        conn: &mut DbConnection,
        grid: EvaluationGridId,
        version: i64,
    ) -> ApiResult<Vec<Criterion>> {
        if let Some(criteria) = self.0.get(&(grid, version)) {
            return Ok(criteria.clone());
        }
        let criteria = grids::version_of(conn, grid, version)?.criteria;
        self.0.insert((grid, version), criteria.clone());
        Ok(criteria)
    }
}

fn to_api(
    conn: &mut DbConnection,
    cache: &mut CriteriaCache,
    row: EvaluationRow,
    evaluator_name: String,
) -> ApiResult<Evaluation> {
    Ok(Evaluation {
        id: row.id,
        project_id: row.project_id,
        kind: row.kind,
        grid_id: row.grid_id,
        grid_version: row.grid_version,
        criteria: cache.get(conn, row.grid_id, row.grid_version)?,
        evaluator_id: row.evaluator_id,
        evaluator_name,
        status: row.status,
        scores: parse_scores(&row.scores)?,
        weighted_score: row.weighted_score,
        recommendation: row.recommendation,
        comment: row.comment,
        submitted_at: row.submitted_at.map(|t| t.and_utc()),
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
        version: row.version,
    })
}

fn with_names(
    conn: &mut DbConnection,
    rows: Vec<(EvaluationRow, String)>,
) -> ApiResult<Vec<Evaluation>> {
    let mut cache = CriteriaCache::default();
    rows.into_iter()
        .map(|(row, name)| to_api(conn, &mut cache, row, name))
        .collect()
}

/// A project's evaluations (of one kind, when given), oldest first.
pub fn of_project(
    conn: &mut DbConnection,
    project: ProjectId,
    kind: Option<EvaluationKind>,
) -> ApiResult<Vec<(EvaluationRow, String)>> {
    let mut query = evaluations::table
        .inner_join(users::table)
        .filter(evaluations::project_id.eq(project))
        .into_boxed();
    if let Some(kind) = kind {
        query = query.filter(evaluations::kind.eq(kind));
    }
    Ok(query
        .order(evaluations::id.asc())
        .select((evaluations::all_columns, users::display_name))
        .load(conn)?)
}

/// The kinds the user has submitted an evaluation of on the project: what
/// opens the others' submitted evaluations of that kind to them.
pub fn submitted_kinds(
    conn: &mut DbConnection,
    project: ProjectId,
    user: UserId,
) -> ApiResult<Vec<EvaluationKind>> {
    Ok(evaluations::table
        .filter(evaluations::project_id.eq(project))
        .filter(evaluations::evaluator_id.eq(user))
        .filter(evaluations::status.eq(EvaluationStatus::Submitted))
        .select(evaluations::kind)
        .distinct()
        .load(conn)?)
}

/// The evaluations of a project the user may see, blind review applied.
pub fn visible(
    conn: &mut DbConnection,
    project: ProjectId,
    kind: Option<EvaluationKind>,
    user: UserId,
    role: Role,
) -> ApiResult<Vec<Evaluation>> {
    let opened = submitted_kinds(conn, project, user)?;
    let mut rows = Vec::new();
    for (row, name) in of_project(conn, project, kind)? {
        if visible_to(user, role, &opened, row.meta()) {
            rows.push((row, name));
        }
    }
    with_names(conn, rows)
}

/// Submitted evaluations of one kind on a project (for consolidation).
pub fn submitted(
    conn: &mut DbConnection,
    project: ProjectId,
    kind: EvaluationKind,
) -> ApiResult<Vec<Evaluation>> {
    let rows = of_project(conn, project, Some(kind))?
        .into_iter()
        .filter(|(row, _)| row.status == EvaluationStatus::Submitted)
        .collect();
    with_names(conn, rows)
}

/// One evaluation of the project, whoever may see it: for answers about a
/// change the caller was allowed to make.
pub fn get(conn: &mut DbConnection, project: ProjectId, id: EvaluationId) -> ApiResult<Evaluation> {
    let row: Option<(EvaluationRow, String)> = evaluations::table
        .inner_join(users::table)
        .filter(evaluations::id.eq(id))
        .filter(evaluations::project_id.eq(project))
        .select((evaluations::all_columns, users::display_name))
        .first(conn)
        .optional()?;
    let mut found = with_names(conn, row.into_iter().collect())?;
    found.pop().ok_or_else(|| ApiError::not_found("evaluation"))
}

/// One evaluation, if it exists on this project and the user may see it:
/// otherwise 404, so that nobody learns of a hidden evaluation.
pub fn get_visible(
    conn: &mut DbConnection,
    project: ProjectId,
    id: EvaluationId,
    user: UserId,
    role: Role,
) -> ApiResult<Evaluation> {
    let evaluation = get(conn, project, id)?;
    let opened = submitted_kinds(conn, project, user)?;
    let meta = EvaluationMeta {
        evaluator_id: evaluation.evaluator_id,
        kind: evaluation.kind,
        status: evaluation.status,
    };
    if visible_to(user, role, &opened, meta) {
        Ok(evaluation)
    } else {
        Err(ApiError::not_found("evaluation"))
    }
}

/// After a grid changes, its drafts follow the new version: scores of
/// criteria that no longer exist are dropped and the score recomputed.
pub fn move_drafts_to(conn: &mut DbConnection, grid: &EvaluationGrid) -> ApiResult<()> {
    let drafts: Vec<(EvaluationId, String, i64)> = evaluations::table
        .filter(evaluations::grid_id.eq(grid.id))
        .filter(evaluations::status.eq(EvaluationStatus::Draft))
        .select((evaluations::id, evaluations::scores, evaluations::version))
        .load(conn)?;
    for (id, scores, version) in drafts {
        let mut scores = parse_scores(&scores)?;
        scores.retain(|key, _| grid.criteria.iter().any(|c| &c.key == key));
        diesel::update(evaluations::table.find(id))
            .set((
                evaluations::grid_version.eq(grid.version),
                evaluations::scores.eq(scores_text(&scores)?),
                evaluations::weighted_score.eq(weighted_score(&grid.criteria, &scores)),
                evaluations::updated_at.eq(now()),
                evaluations::version.eq(version + 1),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Submitted ex-ante evaluations of a project: what the decision gate counts.
pub fn submitted_ex_ante_count(conn: &mut DbConnection, project: ProjectId) -> ApiResult<u64> {
    let count: i64 = evaluations::table
        .filter(evaluations::project_id.eq(project))
        .filter(evaluations::kind.eq(EvaluationKind::ExAnte))
        .filter(evaluations::status.eq(EvaluationStatus::Submitted))
        .count()
        .get_result(conn)?;
    Ok(u64::try_from(count).unwrap_or_default())
}
