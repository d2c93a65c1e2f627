//! The portfolio dashboard and the actors' network, as the API answers
//! them. Definitions of every figure: `docs/METRICS.md`.

use crate::actors::ActorKind;
use crate::evaluation::round2;
use crate::ids::{ActorId, ProjectId};
use crate::indicators::IndicatorStatusCounts;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    /// Projects matching the filters.
    pub projects_total: u64,
    /// Every phase, with its count (zero included).
    pub projects_by_phase: BTreeMap<String, u64>,
    /// Every configured axis (and any other in use), with its count.
    pub projects_by_axis: BTreeMap<String, u64>,
    /// Total cost of the projects not abandoned.
    pub investment_cents: i64,
    /// Total cost of the projects decided each year (by year of decision;
    /// abandoned ones excluded).
    pub investment_by_year: Vec<YearInvestment>,
    /// Secured (granted or paid) funding of the projects not abandoned, by
    /// category: `city`, `public`, `private`.
    pub secured_cents_by_category: BTreeMap<String, i64>,
    /// Secured funding from others ÷ the city's own secured funding;
    /// absent when the city secured nothing.
    pub leverage: Option<f64>,
    /// Investment minus all secured funding.
    pub gap_cents: i64,
    /// Instruction time (commission → decision, in days) by year of decision.
    pub instruction_days: Vec<YearInstruction>,
    /// Median of the first year with decisions ÷ median of the last one
    /// (the "instruction times divided by 4"); absent with fewer than two
    /// years or a zero last median.
    pub instruction_median_ratio: Option<f64>,
    /// Distinct actors taking part in at least one of the projects.
    pub actors_engaged: u64,
    /// Abandoned projects by reason (every reason, zero included).
    pub abandonment_reasons: BTreeMap<String, u64>,
    /// Milestones due before today and not done, on projects neither
    /// closed nor abandoned.
    pub overdue_milestones: u64,
    /// Projects' consolidated ex-ante scores (mean of their submitted
    /// ex-ante evaluations' weighted scores), in bands of 20 points.
    pub ex_ante_scores: ScoreDistribution,
    /// Indicators of the projects by their status (latest measurement
    /// against the straight path to the target).
    pub indicators_by_status: IndicatorStatusCounts,
    /// Σ CP paid per year (years without any left out).
    pub paid_by_year: Vec<crate::programming::YearPaid>,
    /// CP paid in the last year that has any ÷ CP paid in the reference
    /// year (a setting; by default the first year with any): the source
    /// document's "investment capacity × 2". Absent without CP paid.
    pub investment_capacity_ratio: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreDistribution {
    /// Projects with at least one submitted ex-ante evaluation.
    pub evaluated_projects: u64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Five bands: [0, 20), [20, 40), [40, 60), [60, 80), [80, 100].
    pub bands: Vec<ScoreBand>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreBand {
    pub from: u8,
    pub to: u8,
    pub projects: u64,
}

impl ScoreDistribution {
    /// Bands of 20 points; 100 falls in the last one.
    pub fn of(scores: &[f64]) -> Self {
        let mut bands: Vec<ScoreBand> = (0..5)
            .map(|i| ScoreBand {
                from: i * 20,
                to: i * 20 + 20,
                projects: 0,
            })
            .collect();
        for score in scores {
            let index = ((score / 20.0).floor().max(0.0) as usize).min(4);
            bands[index].projects += 1;
        }
        let mean =
            (!scores.is_empty()).then(|| round2(scores.iter().sum::<f64>() / scores.len() as f64));
        Self {
            evaluated_projects: scores.len() as u64,
            mean,
            median: crate::statistics::median_f64(scores).map(round2),
            bands,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearInvestment {
    pub year: i32,
    pub projects: u64,
    pub investment_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearInstruction {
    pub year: i32,
    pub count: u64,
    /// Median in days (mean of the two middle values when even).
    pub median: f64,
    /// 90th percentile in days (nearest rank).
    pub p90: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Network {
    pub nodes: Vec<NetworkNode>,
    pub edges: Vec<NetworkEdge>,
    pub metrics: NetworkMetrics,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NetworkNode {
    pub actor_id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    /// Actors it shares at least one project with.
    pub degree: u64,
    /// Sum of its edges' weights (shared projects, counted per partner).
    pub weighted_degree: u64,
    /// Projects it takes part in.
    pub projects: Vec<ProjectId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NetworkEdge {
    pub source: ActorId,
    pub target: ActorId,
    /// Projects both take part in.
    pub weight: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NetworkMetrics {
    pub node_count: u64,
    pub edge_count: u64,
    /// Edges ÷ possible edges, 2E / (N(N−1)); 0 below two nodes.
    pub density: f64,
    /// Connected components among the nodes.
    pub components: u64,
    /// Nodes in the largest component.
    pub largest_component: u64,
    /// Actors of the directory taking part in no project (within the filters).
    pub isolated: u64,
    /// The most connected actors, by degree then weighted degree.
    pub top_connected: Vec<ConnectedActor>,
    /// Nodes and edges of the network as it stood at the end of each year
    /// (by commission year of the projects).
    pub growth: Vec<NetworkGrowth>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectedActor {
    pub actor_id: ActorId,
    pub name: String,
    pub degree: u64,
    pub weighted_degree: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NetworkGrowth {
    pub year: i32,
    pub nodes: u64,
    pub edges: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_fall_in_bands_of_twenty() {
        let distribution = ScoreDistribution::of(&[0.0, 19.99, 20.0, 64.5, 100.0, 80.0]);
        let counts: Vec<u64> = distribution.bands.iter().map(|b| b.projects).collect();
        assert_eq!(counts, vec![2, 1, 0, 1, 2]);
        assert_eq!(distribution.evaluated_projects, 6);
        assert_eq!(distribution.median, Some(42.25));
        assert_eq!(distribution.mean, Some(47.42));
        assert_eq!(ScoreDistribution::of(&[]).mean, None);
    }
}
