//! The portfolio dashboard and the actors' network, as the API answers
//! them. Definitions of every figure: `docs/METRICS.md`.

use crate::actors::ActorKind;
use crate::ids::{ActorId, ProjectId};
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
