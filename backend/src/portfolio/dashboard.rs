//! The dashboard's figures, from facts. Definitions: `docs/METRICS.md`.

use super::facts::{DecisionTally, ProjectTally};
use shared::finance::{leverage, FundingCategory};
use shared::indicators::IndicatorStatusCounts;
use shared::lifecycle::{AbandonReason, Phase};
use shared::portfolio::{Dashboard, ScoreDistribution, YearInstruction, YearInvestment};
use shared::programming::{self, investment_capacity_ratio};
use shared::statistics::{median, percentile};
use std::collections::BTreeMap;

/// What the figures are computed from: the projects in scope as the
/// database counted them, and the totals it summed over them.
pub struct DashboardInput<'a> {
    pub projects: &'a [ProjectTally],
    /// The decided projects in scope, by year and instruction time.
    pub decisions: &'a [DecisionTally],
    pub axes: &'a [String],
    /// Secured funding of the projects not abandoned, by category.
    pub secured: &'a [(FundingCategory, i64)],
    pub actors_engaged: u64,
    pub overdue_milestones: u64,
    /// Each evaluated project's mean ex-ante weighted score.
    pub ex_ante_scores: &'a [f64],
    pub indicators_by_status: IndicatorStatusCounts,
    /// CP paid by year.
    pub paid_by_year: &'a [(i32, i64)],
    /// The year the investment capacity ratio compares with, when set.
    pub capacity_reference_year: Option<i32>,
}

pub fn compute(input: DashboardInput<'_>) -> Dashboard {
    let projects = input.projects;

    let mut by_phase: BTreeMap<String, u64> = Phase::ALL
        .iter()
        .map(|p| (p.as_str().to_owned(), 0))
        .collect();
    let mut by_axis: BTreeMap<String, u64> = input.axes.iter().map(|a| (a.clone(), 0)).collect();
    let mut reasons: BTreeMap<String, u64> = AbandonReason::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), 0))
        .collect();
    let mut by_decision_year: BTreeMap<i32, (u64, i64)> = BTreeMap::new();
    let mut instruction: BTreeMap<i32, Vec<i64>> = BTreeMap::new();
    let mut investment = 0_i64;
    let mut total = 0_u64;
    for tally in projects {
        total += tally.projects;
        *by_phase.entry(tally.phase.as_str().to_owned()).or_default() += tally.projects;
        *by_axis.entry(tally.axis.clone()).or_default() += tally.projects;
        if tally.phase == Phase::Abandonne {
            let reason = tally.abandon_reason.unwrap_or(AbandonReason::Other);
            *reasons.entry(reason.as_str().to_owned()).or_default() += tally.projects;
        } else {
            investment = investment.saturating_add(tally.total_cost_cents);
        }
    }
    for tally in input.decisions {
        let count = usize::try_from(tally.projects).unwrap_or_default();
        instruction
            .entry(tally.year)
            .or_default()
            .extend(std::iter::repeat_n(tally.days, count));
        if tally.phase != Phase::Abandonne {
            let year = by_decision_year.entry(tally.year).or_default();
            year.0 += tally.projects;
            year.1 = year.1.saturating_add(tally.total_cost_cents);
        }
    }

    let mut secured: BTreeMap<String, i64> = ["city", "public", "private"]
        .iter()
        .map(|c| ((*c).to_owned(), 0))
        .collect();
    for (category, amount) in input.secured {
        let total = secured.entry(category.as_str().to_owned()).or_default();
        *total = total.saturating_add(*amount);
    }
    let city = secured
        .get(FundingCategory::City.as_str())
        .copied()
        .unwrap_or(0);
    let all_secured: i64 = secured.values().sum();

    let instruction_days: Vec<YearInstruction> = instruction
        .into_iter()
        .filter_map(|(year, days)| {
            Some(YearInstruction {
                year,
                count: days.len() as u64,
                median: median(&days)?,
                p90: percentile(&days, 90)?,
            })
        })
        .collect();
    let instruction_median_ratio = match (instruction_days.first(), instruction_days.last()) {
        (Some(first), Some(last)) if instruction_days.len() >= 2 && last.median > 0.0 => {
            Some(first.median / last.median)
        }
        _ => None,
    };

    let paid_by_year = programming::paid_by_year(input.paid_by_year.iter().copied());
    Dashboard {
        projects_total: total,
        projects_by_phase: by_phase,
        projects_by_axis: by_axis,
        investment_cents: investment,
        investment_by_year: by_decision_year
            .into_iter()
            .map(|(year, (projects, investment_cents))| YearInvestment {
                year,
                projects,
                investment_cents,
            })
            .collect(),
        leverage: leverage(all_secured - city, city),
        gap_cents: investment.saturating_sub(all_secured),
        secured_cents_by_category: secured,
        instruction_days,
        instruction_median_ratio,
        actors_engaged: input.actors_engaged,
        abandonment_reasons: reasons,
        overdue_milestones: input.overdue_milestones,
        ex_ante_scores: ScoreDistribution::of(input.ex_ante_scores),
        indicators_by_status: input.indicators_by_status,
        investment_capacity_ratio: investment_capacity_ratio(
            &paid_by_year,
            input.capacity_reference_year,
        ),
        paid_by_year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::facts::{tally, ProjectFacts};
    use chrono::NaiveDate;
    use shared::ids::{ProjectId, UserId};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn project(
        id: i64,
        phase: Phase,
        axis: &str,
        commission: NaiveDate,
        decision: Option<NaiveDate>,
        cost: i64,
    ) -> ProjectFacts {
        ProjectFacts {
            id: ProjectId(id),
            phase,
            axis: axis.into(),
            lead_id: Some(UserId(1)),
            commission_date: commission,
            decision_date: decision,
            total_cost_cents: cost,
            abandon_reason: (phase == Phase::Abandonne).then_some(AbandonReason::Financing),
        }
    }

    #[test]
    fn figures_of_a_small_known_portfolio() {
        let projects = vec![
            // Decided in 2020 after 100 and 300 days; in 2023 after 25, 50 and 100.
            project(
                1,
                Phase::Realisation,
                "Innovation",
                date(2020, 1, 1),
                Some(date(2020, 4, 10)),
                1_000,
            ),
            project(
                2,
                Phase::Cloture,
                "Innovation",
                date(2019, 12, 1),
                Some(date(2020, 9, 26)),
                2_000,
            ),
            project(
                3,
                Phase::Realisation,
                "Investissement",
                date(2023, 1, 1),
                Some(date(2023, 1, 26)),
                4_000,
            ),
            project(
                4,
                Phase::Evaluation,
                "Investissement",
                date(2023, 1, 1),
                Some(date(2023, 2, 20)),
                8_000,
            ),
            project(
                5,
                Phase::Abandonne,
                "Prospective",
                date(2023, 1, 1),
                Some(date(2023, 4, 11)),
                16_000,
            ),
            project(
                6,
                Phase::Cadrage,
                "Innovation",
                date(2024, 5, 1),
                None,
                32_000,
            ),
        ];
        let axes: Vec<String> = [
            "Innovation",
            "Investissement",
            "Prospective",
            "Attractivité",
        ]
        .map(String::from)
        .to_vec();
        // Already summed by the database over the projects not abandoned.
        let secured = vec![
            (FundingCategory::City, 100),
            (FundingCategory::Public, 300),
            (FundingCategory::Private, 200),
        ];
        let (tallies, decisions) = tally(&projects);
        let d = compute(DashboardInput {
            paid_by_year: &[],
            capacity_reference_year: None,
            projects: &tallies,
            decisions: &decisions,
            axes: &axes,
            secured: &secured,
            actors_engaged: 2,
            overdue_milestones: 3,
            ex_ante_scores: &[72.5, 40.0],
            indicators_by_status: IndicatorStatusCounts {
                on_track: 1,
                ..Default::default()
            },
        });
        assert_eq!(d.ex_ante_scores.evaluated_projects, 2);
        assert_eq!(d.ex_ante_scores.bands[3].projects, 1);
        assert_eq!(d.indicators_by_status.on_track, 1);

        assert_eq!(d.projects_total, 6);
        assert_eq!(d.projects_by_phase["realisation"], 2);
        assert_eq!(d.projects_by_phase["commande"], 0);
        assert_eq!(d.projects_by_axis["Innovation"], 3);
        assert_eq!(d.projects_by_axis["Attractivité"], 0);
        assert_eq!(d.investment_cents, 1_000 + 2_000 + 4_000 + 8_000 + 32_000);
        assert_eq!(
            d.investment_by_year,
            vec![
                YearInvestment {
                    year: 2020,
                    projects: 2,
                    investment_cents: 3_000
                },
                YearInvestment {
                    year: 2023,
                    projects: 2,
                    investment_cents: 12_000
                },
            ]
        );
        assert_eq!(d.secured_cents_by_category["city"], 100);
        assert_eq!(d.secured_cents_by_category["public"], 300);
        assert_eq!(d.secured_cents_by_category["private"], 200);
        assert_eq!(d.leverage, Some(5.0));
        assert_eq!(d.gap_cents, 47_000 - 600);
        assert_eq!(d.instruction_days.len(), 2);
        assert_eq!(
            (
                d.instruction_days[0].year,
                d.instruction_days[0].count,
                d.instruction_days[0].median,
                d.instruction_days[0].p90
            ),
            (2020, 2, 200.0, 300)
        );
        assert_eq!(
            (
                d.instruction_days[1].year,
                d.instruction_days[1].count,
                d.instruction_days[1].median,
                d.instruction_days[1].p90
            ),
            (2023, 3, 50.0, 100)
        );
        assert_eq!(d.instruction_median_ratio, Some(4.0));
        assert_eq!(d.actors_engaged, 2);
        assert_eq!(d.abandonment_reasons["financing"], 1);
        assert_eq!(d.abandonment_reasons["time"], 0);
        assert_eq!(d.overdue_milestones, 3);
    }

    #[test]
    fn an_empty_portfolio_has_no_ratios() {
        let d = compute(DashboardInput {
            paid_by_year: &[],
            capacity_reference_year: None,
            projects: &[],
            decisions: &[],
            axes: &[],
            secured: &[],
            actors_engaged: 0,
            overdue_milestones: 0,
            ex_ante_scores: &[],
            indicators_by_status: IndicatorStatusCounts::default(),
        });
        assert_eq!(
            (
                d.projects_total,
                d.investment_cents,
                d.leverage,
                d.instruction_median_ratio
            ),
            (0, 0, None, None)
        );
        assert_eq!(d.projects_by_phase.len(), 9);
    }
}
