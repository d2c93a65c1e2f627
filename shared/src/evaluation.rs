//! Evaluations: weighted grids scored 0–5, the weighted score, the
//! consolidation of several evaluators, the ex-ante/ex-post comparison
//! and the gate before the decision. Definitions: `docs/METRICS.md`.

use crate::auth::Role;
use crate::finance::string_enum;
use crate::ids::{EvaluationGridId, EvaluationId, ProjectId, UserId};
use crate::indicators::IndicatorAchievement;
use crate::lifecycle::Phase;
use crate::patch::nullable;
use crate::validation::{self as v, Validate};
use crate::FieldError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The top of the scoring scale.
pub const MAX_SCORE: u8 = 5;
pub const CRITERION_KEY_MAX_CHARS: usize = 60;
pub const CRITERION_WEIGHT_MAX: f64 = 100.0;
pub const SCORE_COMMENT_MAX_CHARS: usize = 5_000;
/// The most submitted ex-ante evaluations the gate may ask for.
pub const MAX_EX_ANTE_EVALUATIONS: u32 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum EvaluationKind {
    /// Before the decision: does the project deserve a go?
    ExAnte,
    Intermediate,
    /// After completion: what did it achieve?
    ExPost,
}

string_enum!(EvaluationKind {
    EvaluationKind::ExAnte => "ex_ante",
    EvaluationKind::Intermediate => "intermediate",
    EvaluationKind::ExPost => "ex_post",
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Criterion {
    /// Stable identifier used in scores, e.g. `strategic_relevance`.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::criterion_key))]
    pub key: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ v::NAME_MAX_CHARS }, false>))]
    pub label: String,
    #[serde(default)]
    pub description: String,
    /// Relative weight, greater than zero.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::criterion_weight))]
    pub weight: f64,
}

/// The default ex-ante grid (source document: "integrated ex-ante evaluation").
pub fn default_ex_ante_criteria() -> Vec<Criterion> {
    [
        (
            "strategic_relevance",
            "Pertinence stratégique",
            "Cohérence avec le projet de territoire et les axes du mandat.",
            3.0,
        ),
        (
            "territorial_impact",
            "Impact territorial",
            "Emplois, attractivité, services rendus aux habitants.",
            3.0,
        ),
        (
            "financial_leverage",
            "Effet de levier financier",
            "Financements publics et privés mobilisés pour un euro communal.",
            2.0,
        ),
        (
            "feasibility",
            "Faisabilité",
            "Maturité technique, foncier, calendrier, capacité de portage.",
            2.0,
        ),
        (
            "innovation",
            "Degré d'innovation",
            "Nouveauté pour le territoire : technologique, sociale, organisationnelle.",
            2.0,
        ),
        (
            "partnerships",
            "Partenariats mobilisés",
            "Acteurs engagés et travail en réseau.",
            2.0,
        ),
        (
            "risks",
            "Maîtrise des risques",
            "Risques identifiés et mesures prévues (5 = risques maîtrisés).",
            1.0,
        ),
        (
            "social_environmental",
            "Impact social et environnemental",
            "Inclusion, sobriété, climat, biodiversité.",
            2.0,
        ),
    ]
    .into_iter()
    .map(|(key, label, description, weight)| Criterion {
        key: key.into(),
        label: label.into(),
        description: description.into(),
        weight,
    })
    .collect()
}

pub fn check_criteria(criteria: &[Criterion]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if criteria.is_empty() {
        errors.push(FieldError::new(
            "criteria",
            "required",
            "a grid needs at least one criterion",
        ));
    }
    for (index, criterion) in criteria.iter().enumerate() {
        let field = |name: &str| format!("criteria.{index}.{name}");
        let key_ok = !criterion.key.is_empty()
            && criterion.key.len() <= CRITERION_KEY_MAX_CHARS
            && criterion
                .key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !key_ok {
            errors.push(FieldError::new(
                field("key"),
                "invalid_key",
                "a key is lower-case letters, digits and _",
            ));
        } else if criteria[..index].iter().any(|c| c.key == criterion.key) {
            errors.push(FieldError::new(
                field("key"),
                "duplicate",
                "two criteria share this key",
            ));
        }
        if let Some(mut error) = v::required_text("label", &criterion.label, v::NAME_MAX_CHARS) {
            error.field = field("label");
            errors.push(error);
        }
        if !(criterion.weight.is_finite()
            && criterion.weight > 0.0
            && criterion.weight <= CRITERION_WEIGHT_MAX)
        {
            errors.push(FieldError::new(
                field("weight"),
                "out_of_range",
                "a weight is greater than 0 (and at most 100)",
            ));
        }
    }
    errors
}

/// One criterion's score and the evaluator's comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionScore {
    /// 0 to 5.
    pub score: u8,
    #[serde(default)]
    pub comment: String,
}

pub type Scores = BTreeMap<String, CriterionScore>;

/// Scores must name the grid's criteria and stay within 0–5; with
/// `complete`, every criterion must be scored.
pub fn check_scores(criteria: &[Criterion], scores: &Scores, complete: bool) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (key, value) in scores {
        if !criteria.iter().any(|c| &c.key == key) {
            errors.push(FieldError::new(
                format!("scores.{key}"),
                "unknown_criterion",
                "this grid has no such criterion",
            ));
        } else if value.score > MAX_SCORE {
            errors.push(FieldError::new(
                format!("scores.{key}.score"),
                "out_of_range",
                "a score is between 0 and 5",
            ));
        }
        if value.comment.chars().count() > SCORE_COMMENT_MAX_CHARS {
            errors.push(FieldError::new(
                format!("scores.{key}.comment"),
                "too_long",
                "at most 5000 characters",
            ));
        }
    }
    if complete {
        for criterion in criteria {
            if !scores.contains_key(&criterion.key) {
                errors.push(FieldError::new(
                    format!("scores.{}", criterion.key),
                    "required",
                    "score every criterion before submitting",
                ));
            }
        }
    }
    errors
}

/// Σ weight·score ÷ (5 · Σ weight) × 100 over the scored criteria, rounded
/// to two decimals (half away from zero). `None` when nothing is scored.
pub fn weighted_score(criteria: &[Criterion], scores: &Scores) -> Option<f64> {
    let (mut weighted, mut weights) = (0.0, 0.0);
    for criterion in criteria {
        if let Some(s) = scores.get(&criterion.key) {
            weighted += criterion.weight * f64::from(s.score);
            weights += criterion.weight;
        }
    }
    (weights > 0.0).then(|| round2(weighted / (f64::from(MAX_SCORE) * weights) * 100.0))
}

/// Two decimals, half away from zero.
pub fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum EvaluationStatus {
    Draft,
    Submitted,
}

string_enum!(EvaluationStatus {
    EvaluationStatus::Draft => "draft",
    EvaluationStatus::Submitted => "submitted",
});

/// Per-criterion consolidation of several submitted evaluations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionConsolidation {
    pub key: String,
    pub label: String,
    pub weight: f64,
    pub count: u64,
    pub mean: f64,
    pub min: u8,
    pub max: u8,
    /// max − min.
    pub spread: u8,
}

pub fn consolidate(criteria: &[Criterion], evaluations: &[&Scores]) -> Vec<CriterionConsolidation> {
    criteria
        .iter()
        .filter_map(|criterion| {
            let scores: Vec<u8> = evaluations
                .iter()
                .filter_map(|s| s.get(&criterion.key))
                .map(|s| s.score)
                .collect();
            let (min, max) = (scores.iter().min()?, scores.iter().max()?);
            let sum: u32 = scores.iter().map(|s| u32::from(*s)).sum();
            Some(CriterionConsolidation {
                key: criterion.key.clone(),
                label: criterion.label.clone(),
                weight: criterion.weight,
                count: scores.len() as u64,
                mean: round2(f64::from(sum) / scores.len() as f64),
                min: *min,
                max: *max,
                spread: max - min,
            })
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum Recommendation {
    Go,
    GoWithConditions,
    NoGo,
}

string_enum!(Recommendation {
    Recommendation::Go => "go",
    Recommendation::GoWithConditions => "go_with_conditions",
    Recommendation::NoGo => "no_go",
});

/// A grid as it stands now. Every saved change makes a new `version`;
/// evaluations keep the version they were submitted against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvaluationGrid {
    pub id: EvaluationGridId,
    pub name: String,
    pub kind: EvaluationKind,
    pub criteria: Vec<Criterion>,
    /// Scores run from 0 to this value.
    pub scale_max: u8,
    /// Inactive grids are kept for the evaluations that used them but are
    /// not offered for new ones.
    pub active: bool,
    /// Submitted evaluations scored against any version of this grid.
    pub submitted_evaluations: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// One version of a grid, as evaluations scored against it see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GridVersion {
    pub grid_id: EvaluationGridId,
    pub version: i64,
    pub name: String,
    pub kind: EvaluationKind,
    pub criteria: Vec<Criterion>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewEvaluationGrid {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ v::NAME_MAX_CHARS }, false>))]
    pub name: String,
    pub kind: EvaluationKind,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::criteria::<false>))]
    pub criteria: Vec<Criterion>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

impl Validate for NewEvaluationGrid {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = v::required_text("name", &self.name, v::NAME_MAX_CHARS)
            .into_iter()
            .collect();
        errors.extend(check_criteria(&self.criteria));
        errors
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EvaluationGridPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ v::NAME_MAX_CHARS }, true>))]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::criteria::<true>))]
    pub criteria: Option<Vec<Criterion>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

impl Validate for EvaluationGridPatch {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = self
            .name
            .as_deref()
            .and_then(|name| v::required_text("name", name, v::NAME_MAX_CHARS))
            .into_iter()
            .collect();
        if let Some(criteria) = &self.criteria {
            errors.extend(check_criteria(criteria));
        }
        errors
    }
}

/// A score as a client sends it: any JSON number, so that 7 or 2.5 get a
/// clear 422 naming the criterion rather than a parse error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ScoreInput {
    /// An integer from 0 to 5.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::score))]
    pub score: f64,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::score_comment))]
    pub comment: Option<String>,
}

/// Scores to set, by criterion key; `null` removes a criterion's score.
pub type ScoresInput = BTreeMap<String, Option<ScoreInput>>;

/// Applies `changes` to `scores`, listing what is out of range, unknown to
/// the grid or too long.
pub fn merge_scores(
    criteria: &[Criterion],
    scores: &mut Scores,
    changes: &ScoresInput,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (key, change) in changes {
        if !criteria.iter().any(|c| &c.key == key) {
            errors.push(FieldError::new(
                format!("scores.{key}"),
                "unknown_criterion",
                "this grid has no such criterion",
            ));
            continue;
        }
        let Some(input) = change else {
            scores.remove(key);
            continue;
        };
        let in_scale =
            input.score.fract() == 0.0 && (0.0..=f64::from(MAX_SCORE)).contains(&input.score);
        if !in_scale {
            errors.push(FieldError::new(
                format!("scores.{key}.score"),
                "out_of_range",
                "a score is a whole number from 0 to 5",
            ));
            continue;
        }
        let comment = input.comment.as_deref().unwrap_or("").trim().to_owned();
        if comment.chars().count() > SCORE_COMMENT_MAX_CHARS {
            errors.push(FieldError::new(
                format!("scores.{key}.comment"),
                "too_long",
                "at most 5000 characters",
            ));
            continue;
        }
        scores.insert(
            key.clone(),
            CriterionScore {
                // In range and whole, checked above.
                score: input.score as u8,
                comment,
            },
        );
    }
    errors
}

/// One evaluator's evaluation of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evaluation {
    pub id: EvaluationId,
    pub project_id: ProjectId,
    pub kind: EvaluationKind,
    pub grid_id: EvaluationGridId,
    /// The grid version the scores refer to; fixed once submitted.
    pub grid_version: i64,
    /// The criteria of that grid version, in order.
    pub criteria: Vec<Criterion>,
    pub evaluator_id: UserId,
    pub evaluator_name: String,
    pub status: EvaluationStatus,
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeMap<String, CriterionScore>))]
    pub scores: Scores,
    /// Σ weight·score ÷ (5·Σ weight) × 100 over the scored criteria, two
    /// decimals; absent while nothing is scored.
    pub weighted_score: Option<f64>,
    pub recommendation: Option<Recommendation>,
    /// General opinion, conditions of a go.
    pub comment: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewEvaluation {
    pub kind: EvaluationKind,
    pub grid_id: EvaluationGridId,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::new_evaluation_scores))]
    pub scores: ScoresInput,
    #[serde(default)]
    pub recommendation: Option<Recommendation>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::long_text::<true>))]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EvaluationPatch {
    /// Merged into the current scores; `null` for a key removes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::evaluation_patch_scores))]
    pub scores: Option<ScoresInput>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Recommendation>))]
    pub recommendation: Option<Option<Recommendation>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::long_text::<true>))]
    pub comment: Option<Option<String>>,
}

/// Why a submitted evaluation goes back to draft (kept in the audit log).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReopenRequest {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::long_text::<true>))]
    pub reason: Option<String>,
}

impl Validate for NewEvaluation {
    fn validate(&self) -> Vec<FieldError> {
        v::long_text("comment", self.comment.as_deref())
            .into_iter()
            .collect()
    }
}

impl Validate for EvaluationPatch {
    fn validate(&self) -> Vec<FieldError> {
        v::long_text("comment", self.comment.as_ref().and_then(|c| c.as_deref()))
            .into_iter()
            .collect()
    }
}

impl Validate for ReopenRequest {
    fn validate(&self) -> Vec<FieldError> {
        v::long_text("reason", self.reason.as_deref())
            .into_iter()
            .collect()
    }
}

/// What the blind review needs to know about an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvaluationMeta {
    pub evaluator_id: UserId,
    pub kind: EvaluationKind,
    pub status: EvaluationStatus,
}

/// Blind review: a draft is seen only by its author; a submitted one by
/// managers and admins, and by the other evaluators once they have
/// submitted their own evaluation of the same kind on the same project.
/// `submitted_kinds` are the kinds the viewer has submitted on the project.
pub fn visible_to(
    viewer: UserId,
    role: Role,
    submitted_kinds: &[EvaluationKind],
    evaluation: EvaluationMeta,
) -> bool {
    if evaluation.evaluator_id == viewer {
        return true;
    }
    evaluation.status == EvaluationStatus::Submitted
        && (role.is_manager_or_admin() || submitted_kinds.contains(&evaluation.kind))
}

/// May the viewer see the consolidation of one kind of evaluation?
pub fn may_consolidate(
    role: Role,
    submitted_kinds: &[EvaluationKind],
    kind: EvaluationKind,
) -> bool {
    role.is_manager_or_admin() || submitted_kinds.contains(&kind)
}

/// What submitting needs: every criterion scored and a recommendation.
pub fn check_submission(
    criteria: &[Criterion],
    scores: &Scores,
    recommendation: Option<Recommendation>,
) -> Vec<FieldError> {
    let mut errors = check_scores(criteria, scores, true);
    if recommendation.is_none() {
        errors.push(FieldError::new(
            "recommendation",
            "required",
            "choose go, go with conditions or no-go before submitting",
        ));
    }
    errors
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendationCounts {
    pub go: u64,
    pub go_with_conditions: u64,
    pub no_go: u64,
}

impl RecommendationCounts {
    pub fn add(&mut self, recommendation: Recommendation) {
        match recommendation {
            Recommendation::Go => self.go += 1,
            Recommendation::GoWithConditions => self.go_with_conditions += 1,
            Recommendation::NoGo => self.no_go += 1,
        }
    }
}

/// One submitted evaluation in a consolidated view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvaluatorResult {
    pub evaluation_id: EvaluationId,
    pub evaluator_id: UserId,
    pub evaluator_name: String,
    pub grid_version: i64,
    pub weighted_score: Option<f64>,
    pub recommendation: Option<Recommendation>,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// The submitted evaluations of one kind on a project, taken together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consolidation {
    pub project_id: ProjectId,
    pub kind: EvaluationKind,
    /// Submitted evaluations taken into account.
    pub evaluations: u64,
    /// Per criterion: mean, min, max and spread of the scores given.
    pub criteria: Vec<CriterionConsolidation>,
    /// Mean of the evaluations' weighted scores, two decimals.
    pub mean_weighted_score: Option<f64>,
    pub recommendations: RecommendationCounts,
    pub evaluators: Vec<EvaluatorResult>,
}

/// Takes submitted evaluations of one kind together. Criteria are matched
/// by key across grid versions; labels and weights come from the most
/// recent version that has the criterion.
pub fn consolidation(
    project_id: ProjectId,
    kind: EvaluationKind,
    evaluations: &[Evaluation],
) -> Consolidation {
    let mut by_recency: Vec<&Evaluation> = evaluations.iter().collect();
    by_recency.sort_by_key(|e| std::cmp::Reverse(e.grid_version));
    let mut criteria: Vec<Criterion> = Vec::new();
    for evaluation in &by_recency {
        for criterion in &evaluation.criteria {
            if !criteria.iter().any(|c| c.key == criterion.key) {
                criteria.push(criterion.clone());
            }
        }
    }
    let all_scores: Vec<&Scores> = evaluations.iter().map(|e| &e.scores).collect();
    let weighted: Vec<f64> = evaluations
        .iter()
        .filter_map(|e| e.weighted_score)
        .collect();
    let mut recommendations = RecommendationCounts::default();
    for recommendation in evaluations.iter().filter_map(|e| e.recommendation) {
        recommendations.add(recommendation);
    }
    Consolidation {
        project_id,
        kind,
        evaluations: evaluations.len() as u64,
        criteria: consolidate(&criteria, &all_scores),
        mean_weighted_score: (!weighted.is_empty())
            .then(|| round2(weighted.iter().sum::<f64>() / weighted.len() as f64)),
        recommendations,
        evaluators: evaluations
            .iter()
            .map(|e| EvaluatorResult {
                evaluation_id: e.id,
                evaluator_id: e.evaluator_id,
                evaluator_name: e.evaluator_name.clone(),
                grid_version: e.grid_version,
                weighted_score: e.weighted_score,
                recommendation: e.recommendation,
                submitted_at: e.submitted_at,
            })
            .collect(),
    }
}

/// One criterion before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionComparison {
    pub key: String,
    pub label: String,
    pub ex_ante_mean: Option<f64>,
    pub ex_post_mean: Option<f64>,
    /// ex-post − ex-ante, when both exist.
    pub delta: Option<f64>,
}

pub fn compare_criteria(
    ex_ante: &Consolidation,
    ex_post: &Consolidation,
) -> Vec<CriterionComparison> {
    let mut rows: Vec<CriterionComparison> = ex_ante
        .criteria
        .iter()
        .map(|c| CriterionComparison {
            key: c.key.clone(),
            label: c.label.clone(),
            ex_ante_mean: Some(c.mean),
            ex_post_mean: None,
            delta: None,
        })
        .collect();
    for after in &ex_post.criteria {
        match rows.iter_mut().find(|r| r.key == after.key) {
            Some(row) => {
                row.ex_post_mean = Some(after.mean);
                row.delta = row.ex_ante_mean.map(|before| round2(after.mean - before));
            }
            None => rows.push(CriterionComparison {
                key: after.key.clone(),
                label: after.label.clone(),
                ex_ante_mean: None,
                ex_post_mean: Some(after.mean),
                delta: None,
            }),
        }
    }
    rows
}

/// The ex-ante promise beside the ex-post result and what the indicators
/// achieved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comparison {
    pub project_id: ProjectId,
    pub phase: Phase,
    /// The project is closed: the ex-post evaluation is due.
    pub closed: bool,
    pub ex_ante: Consolidation,
    pub ex_post: Consolidation,
    /// ex-post mean weighted score − ex-ante one, when both exist.
    pub score_delta: Option<f64>,
    pub criteria: Vec<CriterionComparison>,
    pub indicators: Vec<IndicatorAchievement>,
    /// Indicators whose latest measurement reached the target.
    pub indicators_achieved: u64,
    /// Mean progress of the measured indicators, capped at 100 each.
    pub mean_indicator_progress: Option<f64>,
}

/// How many submitted ex-ante evaluations the move to decision needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EvaluationGate {
    /// 0 lets projects reach decision without evaluation.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::evaluation_gate_minimum))]
    pub min_ex_ante_evaluations: u32,
}

impl Default for EvaluationGate {
    fn default() -> Self {
        Self {
            min_ex_ante_evaluations: 1,
        }
    }
}

impl Validate for EvaluationGate {
    fn validate(&self) -> Vec<FieldError> {
        if self.min_ex_ante_evaluations > MAX_EX_ANTE_EVALUATIONS {
            vec![FieldError::new(
                "min_ex_ante_evaluations",
                "out_of_range",
                "between 0 and 20",
            )]
        } else {
            Vec::new()
        }
    }
}

/// Why a project may not go to decision yet, if it may not.
pub fn decision_gate(gate: EvaluationGate, submitted_ex_ante: u64) -> Option<String> {
    let needed = u64::from(gate.min_ex_ante_evaluations);
    (submitted_ex_ante < needed).then(|| {
        format!(
            "the ex-ante evaluation is not done: {submitted_ex_ante} of the {needed} submitted \
             ex-ante evaluations the decision needs"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Vec<Criterion> {
        vec![
            Criterion {
                key: "a".into(),
                label: "A".into(),
                description: String::new(),
                weight: 3.0,
            },
            Criterion {
                key: "b".into(),
                label: "B".into(),
                description: String::new(),
                weight: 1.0,
            },
        ]
    }

    fn scores(a: u8, b: u8) -> Scores {
        [("a", a), ("b", b)]
            .into_iter()
            .map(|(k, s)| {
                (
                    k.to_owned(),
                    CriterionScore {
                        score: s,
                        comment: String::new(),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn weighted_scores() {
        // (3·4 + 1·2) / (5·4) × 100 = 70
        assert_eq!(weighted_score(&grid(), &scores(4, 2)), Some(70.0));
        assert_eq!(weighted_score(&grid(), &scores(5, 5)), Some(100.0));
        assert_eq!(weighted_score(&grid(), &scores(0, 0)), Some(0.0));
        // (3·1 + 1·2) / 20 × 100 = 25; and 1/3 rounds to two decimals.
        assert_eq!(weighted_score(&grid(), &scores(1, 2)), Some(25.0));
        let thirds = vec![Criterion {
            key: "a".into(),
            label: "A".into(),
            description: String::new(),
            weight: 3.0,
        }];
        let one: Scores = [(
            "a".to_owned(),
            CriterionScore {
                score: 1,
                comment: String::new(),
            },
        )]
        .into();
        assert_eq!(weighted_score(&thirds, &one), Some(20.0));
        assert_eq!(round2(100.0 / 3.0), 33.33);
        assert_eq!(weighted_score(&grid(), &Scores::new()), None);
    }

    #[test]
    fn scores_are_checked_against_the_grid() {
        let mut bad = scores(6, 2);
        bad.insert(
            "z".into(),
            CriterionScore {
                score: 1,
                comment: String::new(),
            },
        );
        let fields: Vec<String> = check_scores(&grid(), &bad, false)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["scores.a.score", "scores.z"]);
        let partial: Scores = [(
            "a".to_owned(),
            CriterionScore {
                score: 1,
                comment: String::new(),
            },
        )]
        .into();
        assert!(check_scores(&grid(), &partial, false).is_empty());
        assert_eq!(check_scores(&grid(), &partial, true)[0].field, "scores.b");
    }

    #[test]
    fn consolidation_per_criterion() {
        let (one, two, three) = (scores(4, 2), scores(2, 2), scores(3, 5));
        let c = consolidate(&grid(), &[&one, &two, &three]);
        assert_eq!(
            (c[0].mean, c[0].min, c[0].max, c[0].spread, c[0].count),
            (3.0, 2, 4, 2, 3)
        );
        assert_eq!((c[1].mean, c[1].spread), (3.0, 3));
    }

    #[test]
    fn blind_review() {
        let (alice, bob) = (UserId(1), UserId(2));
        let draft = EvaluationMeta {
            evaluator_id: alice,
            kind: EvaluationKind::ExAnte,
            status: EvaluationStatus::Draft,
        };
        let submitted = EvaluationMeta {
            status: EvaluationStatus::Submitted,
            ..draft
        };
        assert!(visible_to(alice, Role::Engineer, &[], draft));
        assert!(!visible_to(bob, Role::Engineer, &[], draft));
        assert!(
            !visible_to(bob, Role::Manager, &[], draft),
            "drafts stay private"
        );
        assert!(!visible_to(bob, Role::Engineer, &[], submitted));
        assert!(!visible_to(
            bob,
            Role::Engineer,
            &[EvaluationKind::ExPost],
            submitted
        ));
        assert!(visible_to(
            bob,
            Role::Engineer,
            &[EvaluationKind::ExAnte],
            submitted
        ));
        assert!(visible_to(bob, Role::Manager, &[], submitted));
        assert!(!may_consolidate(Role::Viewer, &[], EvaluationKind::ExAnte));
        assert!(may_consolidate(Role::Admin, &[], EvaluationKind::ExAnte));
    }

    #[test]
    fn merging_scores() {
        let mut current = scores(4, 2);
        let changes: ScoresInput =
            serde_json::from_str(r#"{"a": {"score": 5, "comment": " solide "}, "b": null}"#)
                .unwrap();
        assert!(merge_scores(&grid(), &mut current, &changes).is_empty());
        assert_eq!(current["a"].score, 5);
        assert_eq!(current["a"].comment, "solide");
        assert!(!current.contains_key("b"));
        let bad: ScoresInput = serde_json::from_str(
            r#"{"a": {"score": 6}, "b": {"score": 2.5}, "c": {"score": 1}, "z": {"score": -1}}"#,
        )
        .unwrap();
        let fields: Vec<String> = merge_scores(&grid(), &mut current, &bad)
            .into_iter()
            .map(|e| format!("{} {}", e.field, e.code))
            .collect();
        assert_eq!(
            fields,
            vec![
                "scores.a.score out_of_range",
                "scores.b.score out_of_range",
                "scores.c unknown_criterion",
                "scores.z unknown_criterion"
            ]
        );
        assert_eq!(
            current["a"].score, 5,
            "refused changes leave the scores alone"
        );
    }

    #[test]
    fn submission_needs_every_score_and_a_recommendation() {
        let codes: Vec<String> = check_submission(&grid(), &Scores::new(), None)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(codes, vec!["scores.a", "scores.b", "recommendation"]);
        assert!(check_submission(&grid(), &scores(1, 1), Some(Recommendation::NoGo)).is_empty());
        assert!(
            decision_gate(EvaluationGate::default(), 0).is_some(),
            "one evaluation by default"
        );
        assert_eq!(decision_gate(EvaluationGate::default(), 1), None);
        assert_eq!(
            decision_gate(
                EvaluationGate {
                    min_ex_ante_evaluations: 0
                },
                0
            ),
            None
        );
    }

    #[test]
    fn consolidation_across_evaluators() {
        let evaluation = |id: i64, a: u8, b: u8, recommendation| Evaluation {
            id: EvaluationId(id),
            project_id: ProjectId(1),
            kind: EvaluationKind::ExAnte,
            grid_id: EvaluationGridId(1),
            grid_version: 1,
            criteria: grid(),
            evaluator_id: UserId(id),
            evaluator_name: format!("E{id}"),
            status: EvaluationStatus::Submitted,
            scores: scores(a, b),
            weighted_score: weighted_score(&grid(), &scores(a, b)),
            recommendation: Some(recommendation),
            comment: None,
            submitted_at: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 2,
        };
        let all = [
            evaluation(1, 4, 2, Recommendation::Go),
            evaluation(2, 2, 2, Recommendation::Go),
            evaluation(3, 3, 5, Recommendation::NoGo),
        ];
        let c = consolidation(ProjectId(1), EvaluationKind::ExAnte, &all);
        assert_eq!(c.evaluations, 3);
        // 70, 40 and 70: mean 60.
        assert_eq!(c.mean_weighted_score, Some(60.0));
        assert_eq!((c.recommendations.go, c.recommendations.no_go), (2, 1));
        assert_eq!(c.criteria[0].spread, 2);
        let before = c.clone();
        let after = consolidation(ProjectId(1), EvaluationKind::ExPost, &all[..1]);
        let rows = compare_criteria(&before, &after);
        assert_eq!(rows[0].delta, Some(1.0));
        assert_eq!(rows[1].delta, Some(-1.0));
    }

    #[test]
    fn default_grid_is_valid() {
        let criteria = default_ex_ante_criteria();
        assert_eq!(criteria.len(), 8);
        assert!(check_criteria(&criteria).is_empty());
        let mut bad = criteria.clone();
        bad[1].key = bad[0].key.clone();
        bad[2].weight = 0.0;
        let fields: Vec<String> = check_criteria(&bad).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["criteria.1.key", "criteria.2.weight"]);
    }
}
