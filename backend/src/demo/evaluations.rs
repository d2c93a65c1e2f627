//! The demo portfolio's evaluations and indicators: every project that
//! reached a decision was scored ex ante by two or three engineers, the
//! projects under way or done measure one or two indicators each year, and
//! the closed ones have their ex-post evaluation.

use super::Sequence;
use crate::db::schema::{evaluations, indicator_measurements, indicators, projects};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::evaluations::grids;
use crate::evaluations::repo::scores_text;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::evaluation::{
    weighted_score, Criterion, CriterionScore, EvaluationGrid, EvaluationKind, EvaluationStatus,
    NewEvaluationGrid, Recommendation, Scores,
};
use shared::ids::{ProjectId, UserId};
use shared::indicators::{Direction, IndicatorLevel};
use shared::lifecycle::{DecisionOutcome, Phase};

/// Measurements stop here, so that the demo is the same whatever the day.
const MEASURED_UNTIL: (i32, u32, u32) = (2025, 12, 31);

/// (name, unit, level, direction, baseline, target) of the indicators
/// projects commonly follow.
const INDICATORS: [(&str, &str, IndicatorLevel, Direction, i64, i64); 6] = [
    (
        "Emplois créés ou maintenus",
        "emplois",
        IndicatorLevel::Outcome,
        Direction::Increase,
        0,
        40,
    ),
    (
        "Fréquentation annuelle",
        "visiteurs",
        IndicatorLevel::Output,
        Direction::Increase,
        0,
        12_000,
    ),
    (
        "Émissions de gaz à effet de serre",
        "tCO2e/an",
        IndicatorLevel::Impact,
        Direction::Decrease,
        480,
        300,
    ),
    (
        "Surface réhabilitée",
        "m²",
        IndicatorLevel::Output,
        Direction::Increase,
        0,
        2_500,
    ),
    (
        "Entreprises accompagnées",
        "entreprises",
        IndicatorLevel::Outcome,
        Direction::Increase,
        0,
        30,
    ),
    (
        "Habitants touchés",
        "habitants",
        IndicatorLevel::Impact,
        Direction::Increase,
        0,
        5_000,
    ),
];

fn cutoff() -> ApiResult<NaiveDate> {
    let (y, m, d) = MEASURED_UNTIL;
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("bad demo cutoff")))
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = projects)]
struct ProjectFacts {
    id: ProjectId,
    phase: Phase,
    #[diesel(column_name = decision_outcome)]
    outcome: Option<DecisionOutcome>,
    #[diesel(column_name = commission_date)]
    commission: NaiveDate,
    #[diesel(column_name = decision_date)]
    decided: Option<NaiveDate>,
    #[diesel(column_name = start_date)]
    started: Option<NaiveDate>,
    #[diesel(column_name = planned_end_date)]
    planned_end: Option<NaiveDate>,
    #[diesel(column_name = actual_end_date)]
    ended: Option<NaiveDate>,
}

pub fn seed(conn: &mut DbConnection, random: &mut Sequence, engineers: &[UserId]) -> ApiResult<()> {
    grids::install_default(conn)?;
    let ex_ante = grid_of_kind(conn, EvaluationKind::ExAnte)?;
    let ex_post = grids::create_grid(
        conn,
        &NewEvaluationGrid {
            name: "Bilan ex-post".into(),
            kind: EvaluationKind::ExPost,
            criteria: ex_post_criteria(),
            active: true,
        },
    )?;
    let rows: Vec<ProjectFacts> = projects::table
        .order(projects::id.asc())
        .select(ProjectFacts::as_select())
        .load(conn)?;
    for project in rows {
        evaluate_ex_ante(conn, random, engineers, &ex_ante, &project)?;
        if project.phase == Phase::Cloture {
            evaluate_ex_post(conn, random, engineers, &ex_post, &project)?;
        }
        if project.started.is_some() {
            follow_indicators(conn, random, &project)?;
        }
    }
    Ok(())
}

fn grid_of_kind(conn: &mut DbConnection, kind: EvaluationKind) -> ApiResult<EvaluationGrid> {
    let id = crate::db::schema::evaluation_grids::table
        .filter(crate::db::schema::evaluation_grids::kind.eq(kind))
        .order(crate::db::schema::evaluation_grids::id.asc())
        .select(crate::db::schema::evaluation_grids::id)
        .first(conn)?;
    grids::get_one(conn, id)
}

fn ex_post_criteria() -> Vec<Criterion> {
    [
        ("objectives", "Objectifs atteints", 3.0),
        ("territorial_impact", "Impact territorial constaté", 3.0),
        ("financial_leverage", "Levier financier obtenu", 2.0),
        ("schedule_budget", "Respect du calendrier et du budget", 2.0),
        ("partnerships", "Partenariats durables", 2.0),
        ("sustainability", "Pérennité", 2.0),
    ]
    .into_iter()
    .map(|(key, label, weight)| Criterion {
        key: key.into(),
        label: label.into(),
        description: String::new(),
        weight,
    })
    .collect()
}

/// Scores around `level` (0–5), one point either way.
fn scores_around(random: &mut Sequence, criteria: &[Criterion], level: u8) -> Scores {
    criteria
        .iter()
        .map(|criterion| {
            let score = match random.below(4) {
                0 => level.saturating_sub(1),
                3 => (level + 1).min(5),
                _ => level,
            };
            (
                criterion.key.clone(),
                CriterionScore {
                    score,
                    comment: String::new(),
                },
            )
        })
        .collect()
}

fn recommendation_for(score: f64) -> Recommendation {
    if score >= 65.0 {
        Recommendation::Go
    } else if score >= 45.0 {
        Recommendation::GoWithConditions
    } else {
        Recommendation::NoGo
    }
}

/// Distinct evaluators, starting from a project-dependent engineer.
fn evaluators(random: &mut Sequence, engineers: &[UserId], count: usize) -> Vec<UserId> {
    let first = random.below(engineers.len());
    (0..count.min(engineers.len()))
        .map(|i| engineers[(first + i * 3) % engineers.len()])
        .collect()
}

fn at_noon(date: NaiveDate) -> ApiResult<NaiveDateTime> {
    date.and_hms_opt(12, 0, 0)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("bad demo time")))
}

#[allow(clippy::too_many_arguments)]
fn insert_evaluation(
    conn: &mut DbConnection,
    project: ProjectId,
    grid: &EvaluationGrid,
    evaluator: UserId,
    scores: &Scores,
    status: EvaluationStatus,
    recommendation: Option<Recommendation>,
    on: NaiveDate,
) -> ApiResult<()> {
    let at = at_noon(on)?;
    diesel::insert_into(evaluations::table)
        .values((
            evaluations::project_id.eq(project),
            evaluations::kind.eq(grid.kind),
            evaluations::grid_id.eq(grid.id),
            evaluations::grid_version.eq(grid.version),
            evaluations::evaluator_id.eq(evaluator),
            evaluations::status.eq(status),
            evaluations::scores.eq(scores_text(scores)?),
            evaluations::weighted_score.eq(weighted_score(&grid.criteria, scores)),
            evaluations::recommendation.eq(recommendation),
            evaluations::submitted_at.eq((status == EvaluationStatus::Submitted).then_some(at)),
            evaluations::created_at.eq(at),
            evaluations::updated_at.eq(at),
            evaluations::version.eq(if status == EvaluationStatus::Submitted {
                2_i64
            } else {
                1
            }),
        ))
        .execute(conn)?;
    Ok(())
}

/// Decided projects have two or three submitted ex-ante evaluations, a
/// little before the decision; projects in instruction one submitted and
/// one still in draft.
fn evaluate_ex_ante(
    conn: &mut DbConnection,
    random: &mut Sequence,
    engineers: &[UserId],
    grid: &EvaluationGrid,
    project: &ProjectFacts,
) -> ApiResult<()> {
    let refused = project.outcome == Some(DecisionOutcome::NoGo);
    let level = if refused {
        2
    } else {
        3 + (random.below(3) == 0) as u8
    };
    match project.decided {
        Some(decided) => {
            let count = 2 + random.below(2);
            for evaluator in evaluators(random, engineers, count) {
                let scores = scores_around(random, &grid.criteria, level);
                let score = weighted_score(&grid.criteria, &scores).unwrap_or(0.0);
                let on = (decided - Duration::days(10 + random.below(20) as i64))
                    .max(project.commission);
                insert_evaluation(
                    conn,
                    project.id,
                    grid,
                    evaluator,
                    &scores,
                    EvaluationStatus::Submitted,
                    Some(recommendation_for(score)),
                    on,
                )?;
            }
        }
        None if project.phase == Phase::Instruction => {
            let pair = evaluators(random, engineers, 2);
            for (index, evaluator) in pair.into_iter().enumerate() {
                let scores = scores_around(random, &grid.criteria, level);
                let score = weighted_score(&grid.criteria, &scores).unwrap_or(0.0);
                let (status, recommendation) = if index == 0 {
                    (EvaluationStatus::Submitted, Some(recommendation_for(score)))
                } else {
                    (EvaluationStatus::Draft, None)
                };
                let on = project.commission + Duration::days(30);
                insert_evaluation(
                    conn,
                    project.id,
                    grid,
                    evaluator,
                    &scores,
                    status,
                    recommendation,
                    on,
                )?;
            }
        }
        None => {}
    }
    Ok(())
}

fn evaluate_ex_post(
    conn: &mut DbConnection,
    random: &mut Sequence,
    engineers: &[UserId],
    grid: &EvaluationGrid,
    project: &ProjectFacts,
) -> ApiResult<()> {
    let Some(ended) = project.ended else {
        return Ok(());
    };
    let level = 2 + random.below(3) as u8;
    for evaluator in evaluators(random, engineers, 2) {
        let scores = scores_around(random, &grid.criteria, level);
        let score = weighted_score(&grid.criteria, &scores).unwrap_or(0.0);
        insert_evaluation(
            conn,
            project.id,
            grid,
            evaluator,
            &scores,
            EvaluationStatus::Submitted,
            Some(recommendation_for(score)),
            (ended + Duration::days(30)).min(cutoff()?),
        )?;
    }
    Ok(())
}

/// One or two indicators from the start of the works to the planned end
/// (three years when none is planned), measured every year until
/// `MEASURED_UNTIL`, some ahead of their path and some behind.
fn follow_indicators(
    conn: &mut DbConnection,
    random: &mut Sequence,
    project: &ProjectFacts,
) -> ApiResult<()> {
    let Some(started) = project.started else {
        return Ok(());
    };
    let cutoff = cutoff()?;
    let target_date = project
        .planned_end
        .filter(|end| *end > started)
        .unwrap_or(started + Duration::days(3 * 365));
    let count = 1 + random.below(2);
    let first = random.below(INDICATORS.len());
    for n in 0..count {
        let (name, unit, level, direction, baseline, target) =
            INDICATORS[(first + n * 2) % INDICATORS.len()];
        let now = at_noon(started)?;
        let id: shared::ids::IndicatorId = diesel::insert_into(indicators::table)
            .values((
                indicators::project_id.eq(project.id),
                indicators::name.eq(name),
                indicators::unit.eq(unit),
                indicators::level.eq(level),
                indicators::direction.eq(direction),
                indicators::baseline_value.eq(baseline.to_string()),
                indicators::baseline_date.eq(started),
                indicators::target_value.eq(target.to_string()),
                indicators::target_date.eq(target_date),
                // The first is published: the portal shows it while the
                // project is public.
                indicators::public.eq(n == 0),
                indicators::created_at.eq(now),
                indicators::updated_at.eq(now),
                indicators::version.eq(1_i64),
            ))
            .returning(indicators::id)
            .get_result(conn)?;
        // How the project fares against its path: 55 % to 115 %.
        let pace = 55 + random.below(61) as i64;
        let span = (target_date - started).num_days().max(1);
        let mut year = 1;
        while let Some(on) = started.with_year(started.year() + year) {
            if on > cutoff || on > target_date + Duration::days(365) {
                break;
            }
            let elapsed = (on - started).num_days().min(span);
            let expected = (target - baseline) * elapsed / span;
            let value = baseline + expected * pace / 100;
            diesel::insert_into(indicator_measurements::table)
                .values((
                    indicator_measurements::indicator_id.eq(id),
                    indicator_measurements::measured_on.eq(on),
                    indicator_measurements::value.eq(value.to_string()),
                    indicator_measurements::created_at.eq(at_noon(on)?),
                    indicator_measurements::version.eq(1_i64),
                ))
                .execute(conn)?;
            year += 1;
        }
    }
    Ok(())
}
