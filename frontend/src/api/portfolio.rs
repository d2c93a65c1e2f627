//! The portfolio's figures, its roadmap and the actors' network, as
//! computed by the server (definitions in `docs/METRICS.md`): the app only
//! draws them.

use super::projects::ProjectFilters;
use super::{filled, ApiError, ApiRequest};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shared::portfolio::{Dashboard, Network};
use shared::roadmap::{Roadmap, RoadmapQuery};
use shared::UserId;

/// Projects on a page of the roadmap.
pub const ROADMAP_PER_PAGE: u32 = 50;

/// The roadmap query for the project list's filters: the same criteria;
/// the sort only when one was chosen (the roadmap's own order, by
/// commission date, otherwise).
pub fn roadmap_query(filters: &ProjectFilters) -> RoadmapQuery {
    RoadmapQuery {
        q: filled(&filters.q),
        phase: filters.phase,
        axis: filled(&filters.axis),
        lead_id: filters.lead_id.map(|lead| lead.0),
        innovation_type: filters.innovation_type,
        tag: filled(&filters.tag),
        commission_year: filters.commission_year,
        sort: filled(&filters.sort),
        page: Some(filters.page()),
        per_page: Some(ROADMAP_PER_PAGE),
    }
}

pub async fn roadmap(filters: &ProjectFilters) -> Result<Roadmap, ApiError> {
    ApiRequest::get("/api/v1/roadmap")
        .query_of(&roadmap_query(filters))?
        .fetch()
        .await
}

/// What the dashboard covers. Also the page's URL query, with the API's
/// own parameter names, so that a filtered dashboard can be shared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DashboardFilters {
    /// Year of the commission letter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub axis: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_id: Option<UserId>,
}

pub async fn dashboard(filters: &DashboardFilters) -> Result<Dashboard, ApiError> {
    let mut request = ApiRequest::get("/api/v1/dashboard");
    if let Some(year) = filters.year {
        request = request.query("year", year);
    }
    if !filters.axis.is_empty() {
        request = request.query("axis", &filters.axis);
    }
    if let Some(lead) = filters.lead_id {
        request = request.query("lead_id", lead);
    }
    request.fetch().await
}

/// Which projects form the network: one axis, and an inclusive range of
/// commission dates. Also the network page's URL query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkFilters {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub axis: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

pub async fn network(filters: &NetworkFilters) -> Result<Network, ApiError> {
    let mut request = ApiRequest::get("/api/v1/network");
    if !filters.axis.is_empty() {
        request = request.query("axis", &filters.axis);
    }
    if let Some(from) = filters.from {
        request = request.query("from", from.format("%Y-%m-%d"));
    }
    if let Some(to) = filters.to {
        request = request.query("to", to.format("%Y-%m-%d"));
    }
    request.fetch().await
}
