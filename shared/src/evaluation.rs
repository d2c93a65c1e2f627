//! Evaluations: weighted grids scored 0–5, the weighted score, the
//! consolidation of several evaluators, and impact indicators with their
//! progress and status. Definitions: `docs/METRICS.md`.

use crate::finance::string_enum;
use crate::validation as v;
use crate::FieldError;
use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The top of the scoring scale.
pub const MAX_SCORE: u8 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
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
    pub key: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
    /// Relative weight, greater than zero.
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
            && criterion.key.len() <= 60
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
        if !(criterion.weight.is_finite() && criterion.weight > 0.0 && criterion.weight <= 100.0) {
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
        if value.comment.chars().count() > 5_000 {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IndicatorLevel {
    Output,
    Outcome,
    Impact,
}

string_enum!(IndicatorLevel {
    IndicatorLevel::Output => "output",
    IndicatorLevel::Outcome => "outcome",
    IndicatorLevel::Impact => "impact",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
}

string_enum!(Direction {
    Direction::Increase => "increase",
    Direction::Decrease => "decrease",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IndicatorStatus {
    OnTrack,
    AtRisk,
    OffTrack,
}

string_enum!(IndicatorStatus {
    IndicatorStatus::OnTrack => "on_track",
    IndicatorStatus::AtRisk => "at_risk",
    IndicatorStatus::OffTrack => "off_track",
});

/// Points of progress an indicator may lag behind the straight path from
/// baseline to target and still be on track, or at risk.
pub const ON_TRACK_TOLERANCE: f64 = 10.0;
pub const AT_RISK_TOLERANCE: f64 = 25.0;

/// Progress towards the target in %: 0 at the baseline, 100 at the target,
/// whichever the direction (below 0 when moving away, above 100 beyond).
/// Computed on exact decimals, rounded to one decimal.
pub fn progress(baseline: Decimal, target: Decimal, latest: Decimal) -> Option<f64> {
    let span = target - baseline;
    if span.is_zero() {
        return None;
    }
    let ratio = (latest - baseline) / span * Decimal::ONE_HUNDRED;
    ratio.round_dp(1).to_f64()
}

/// Progress expected on `date` along the straight path from the baseline
/// (0 %) on its date to the target (100 %) on its date, within 0–100.
pub fn expected_progress(
    baseline_date: NaiveDate,
    target_date: NaiveDate,
    date: NaiveDate,
) -> Option<f64> {
    let total = (target_date - baseline_date).num_days();
    if total <= 0 {
        return None;
    }
    let elapsed = (date - baseline_date).num_days().clamp(0, total);
    Some(elapsed as f64 / total as f64 * 100.0)
}

/// On track when the progress lags the expected one by at most 10 points,
/// at risk up to 25 points, off track beyond.
pub fn status(progress: f64, expected: f64) -> IndicatorStatus {
    let lag = expected - progress;
    if lag <= ON_TRACK_TOLERANCE {
        IndicatorStatus::OnTrack
    } else if lag <= AT_RISK_TOLERANCE {
        IndicatorStatus::AtRisk
    } else {
        IndicatorStatus::OffTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

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

    #[test]
    fn progress_respects_the_direction() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(progress(d("10"), d("20"), d("15")), Some(50.0));
        assert_eq!(
            progress(d("100"), d("50"), d("75")),
            Some(50.0),
            "a decrease"
        );
        assert_eq!(
            progress(d("100"), d("50"), d("110")),
            Some(-20.0),
            "moving away"
        );
        assert_eq!(
            progress(d("0.1"), d("0.3"), d("0.2")),
            Some(50.0),
            "no float drift"
        );
        assert_eq!(progress(d("1"), d("1"), d("2")), None);
    }

    #[test]
    fn status_against_the_straight_path() {
        let date = |m: u32| NaiveDate::from_ymd_opt(2024, m, 1).unwrap();
        let half = expected_progress(date(1), date(11), date(6)).unwrap();
        assert!((half - 50.0).abs() < 1.0);
        assert_eq!(expected_progress(date(1), date(11), date(12)), Some(100.0));
        assert_eq!(status(45.0, 50.0), IndicatorStatus::OnTrack);
        assert_eq!(status(40.0, 50.0), IndicatorStatus::OnTrack);
        assert_eq!(status(30.0, 50.0), IndicatorStatus::AtRisk);
        assert_eq!(status(24.0, 50.0), IndicatorStatus::OffTrack);
    }
}
