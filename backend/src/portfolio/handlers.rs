//! `GET /api/v1/dashboard` and `GET /api/v1/network`.

use super::dashboard::{self, DashboardInput};
use super::facts::{self, Scope};
use super::network;
use crate::auth::CurrentUser;
use crate::auth::Staff;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::settings;
use chrono::NaiveDate;
use serde::Deserialize;
use shared::portfolio::{Dashboard, Network};
use shared::{ErrorBody, UserId};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DashboardQuery {
    /// Only projects commissioned that year.
    pub year: Option<i32>,
    pub axis: Option<String>,
    pub lead_id: Option<i64>,
}

/// The dashboard's figures over `scope` (the annual report reads them too).
pub fn figures(conn: &mut DbConnection, scope: &Scope) -> ApiResult<Dashboard> {
    let (projects, decisions) = facts::tallies(conn, scope)?;
    let axes = settings::axes(conn)?;
    let secured = facts::secured_by_category(conn, scope)?;
    let engaged = facts::actors_engaged(conn, scope)?;
    let overdue = facts::overdue_milestones_in(conn, scope, chrono::Utc::now().date_naive())?;
    let ex_ante_scores = facts::ex_ante_scores(conn, scope)?;
    let indicators_by_status = facts::indicator_statuses(conn, scope)?;
    let paid_by_year = facts::paid_by_year(conn, scope)?;
    let capacity = crate::programming::capacity::investment_capacity(conn)?;
    Ok(dashboard::compute(DashboardInput {
        projects: &projects,
        decisions: &decisions,
        axes: &axes,
        secured: &secured,
        actors_engaged: u64::try_from(engaged).unwrap_or_default(),
        overdue_milestones: u64::try_from(overdue).unwrap_or_default(),
        ex_ante_scores: &ex_ante_scores,
        indicators_by_status,
        paid_by_year: &paid_by_year,
        capacity_reference_year: capacity.reference_year,
    }))
}

crate::records::read_endpoint!(
    /// The portfolio's figures: projects by phase and axis, investment,
    /// secured funding and leverage, instruction times by year of decision,
    /// actors engaged, abandonment reasons, overdue milestones.
    "/api/v1/dashboard" => dashboard(DashboardQuery), caller: Staff,
    answer: ("The figures", Dashboard),
    also: [(status = 422, description = "Year out of range", body = ErrorBody)],
    read: dashboard_of,
);

/// The figures over the query's scope (422 for a year out of range).
fn dashboard_of(
    conn: &mut DbConnection,
    _: &CurrentUser,
    query: DashboardQuery,
) -> ApiResult<Dashboard> {
    let scope = Scope {
        year: crate::records::year_filter("year", query.year)?,
        axis: query.axis.filter(|a| !a.trim().is_empty()),
        lead_id: query.lead_id.map(UserId),
        from: None,
        to: None,
    };
    figures(conn, &scope)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NetworkQuery {
    pub axis: Option<String>,
    /// Only projects commissioned on or after this date.
    pub from: Option<NaiveDate>,
    /// Only projects commissioned on or before this date.
    pub to: Option<NaiveDate>,
}

/// The network of actors over `scope`.
pub fn network_of(conn: &mut DbConnection, scope: &Scope) -> ApiResult<Network> {
    let projects = facts::projects(conn, scope)?;
    let participations = facts::participations(conn, scope)?;
    let directory = facts::actors(conn, scope)?;
    let actors_total = facts::actor_count(conn)?;
    Ok(network::compute(
        &projects,
        &participations,
        &directory,
        actors_total,
    ))
}

crate::records::read_endpoint!(
    /// The network of actors: nodes, weighted links and metrics.
    "/api/v1/network" => network(NetworkQuery), caller: Staff,
    answer: ("The network", Network),
    read: network_in,
);

/// The network over the query's axis and commission dates.
fn network_in(conn: &mut DbConnection, _: &CurrentUser, query: NetworkQuery) -> ApiResult<Network> {
    let scope = Scope {
        year: None,
        axis: query.axis.filter(|a| !a.trim().is_empty()),
        lead_id: None,
        from: query.from,
        to: query.to,
    };
    network_of(conn, &scope)
}
