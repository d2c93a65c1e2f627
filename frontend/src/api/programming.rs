//! Money over time: a project's AP and its revisions, its CP by year, a
//! funding line's schedule, the town's investment capacity, the programme
//! (the projects × years grid) and its scenarios. Definitions of every
//! figure: `docs/METRICS.md`, "Programme".

use super::exchange::ExportFormat;
use super::{filled, ApiError, ApiRequest};
use serde::{Deserialize, Serialize};
use shared::ids::{FundingLineId, ProjectId, ScenarioId};
use shared::programming::{
    ApRevision, FundingSchedule, InvestmentCapacity, LineSchedule, NewApRevision, NewScenario,
    PaymentCredits, Programme, ProgrammeQuery, ProjectPaymentCredits, Scenario, ScenarioQuery,
    ScenarioSummary,
};

fn project_path(id: ProjectId) -> String {
    format!("/api/v1/projects/{id}")
}

// AP

/// The votes, oldest first.
pub async fn ap_revisions(project: ProjectId) -> Result<Vec<ApRevision>, ApiError> {
    ApiRequest::get(format!("{}/ap-revisions", project_path(project)))
        .fetch()
        .await
}

pub async fn vote_ap(project: ProjectId, revision: &NewApRevision) -> Result<ApRevision, ApiError> {
    ApiRequest::post(format!("{}/ap-revisions", project_path(project)))
        .json(revision)?
        .fetch()
        .await
}

// CP and schedules

pub async fn payment_credits(project: ProjectId) -> Result<ProjectPaymentCredits, ApiError> {
    ApiRequest::get(format!("{}/payment-credits", project_path(project)))
        .fetch()
        .await
}

/// Replaces every year of the project's CP. `version` is the project's:
/// 412 if it was changed since, and the answer carries the new one.
pub async fn replace_payment_credits(
    project: ProjectId,
    version: i64,
    credits: &PaymentCredits,
) -> Result<ProjectPaymentCredits, ApiError> {
    ApiRequest::put(format!("{}/payment-credits", project_path(project)))
        .if_match(version)
        .json(credits)?
        .fetch()
        .await
}

fn schedule_path(project: ProjectId, line: FundingLineId) -> String {
    format!("{}/funding-lines/{line}/schedule", project_path(project))
}

pub async fn schedule(project: ProjectId, line: FundingLineId) -> Result<LineSchedule, ApiError> {
    ApiRequest::get(schedule_path(project, line)).fetch().await
}

/// Replaces every year of the line's schedule; `version` is the line's.
pub async fn replace_schedule(
    project: ProjectId,
    line: FundingLineId,
    version: i64,
    schedule: &FundingSchedule,
) -> Result<LineSchedule, ApiError> {
    ApiRequest::put(schedule_path(project, line))
        .if_match(version)
        .json(schedule)?
        .fetch()
        .await
}

// Investment capacity

const CAPACITY_PATH: &str = "/api/v1/settings/investment-capacity";

pub async fn investment_capacity() -> Result<InvestmentCapacity, ApiError> {
    ApiRequest::get(CAPACITY_PATH).fetch().await
}

pub async fn save_investment_capacity(
    capacity: &InvestmentCapacity,
) -> Result<InvestmentCapacity, ApiError> {
    ApiRequest::put(CAPACITY_PATH).json(capacity)?.fetch().await
}

// The programme

/// The years and projects the programme page shows. Also the page's URL
/// query, so that a view can be shared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgrammeFilters {
    /// First year; the server's default (the first year with any CP,
    /// receipt or capacity) when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<i32>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub axis: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub q: String,
}

impl ProgrammeFilters {
    fn to_query(&self) -> ProgrammeQuery {
        ProgrammeQuery {
            from: self.from,
            to: self.to,
            q: filled(&self.q),
            axis: Some(self.axis.clone()).filter(|axis| !axis.is_empty()),
            ..ProgrammeQuery::default()
        }
    }

    /// The scenarios are computed over the same years.
    pub fn years(&self) -> ScenarioQuery {
        ScenarioQuery {
            from: self.from,
            to: self.to,
        }
    }
}

pub async fn programme(filters: &ProgrammeFilters) -> Result<Programme, ApiError> {
    ApiRequest::get("/api/v1/programming")
        .query_of(&filters.to_query())?
        .fetch()
        .await
}

/// The grid with its totals per year, as a spreadsheet to save.
pub async fn export(
    filters: &ProgrammeFilters,
    format: ExportFormat,
) -> Result<web_sys::Blob, ApiError> {
    let query = ProgrammeQuery {
        format: Some(format),
        ..filters.to_query()
    };
    super::file_of("/api/v1/programming", &query).await
}

// Scenarios

const SCENARIOS_PATH: &str = "/api/v1/programming/scenarios";

/// Newest first.
pub async fn scenarios() -> Result<Vec<ScenarioSummary>, ApiError> {
    ApiRequest::get(SCENARIOS_PATH).fetch().await
}

pub async fn create_scenario(scenario: &NewScenario) -> Result<Scenario, ApiError> {
    ApiRequest::post(SCENARIOS_PATH)
        .json(scenario)?
        .fetch()
        .await
}

/// The scenario's years, the plan's and their difference, over `years`.
pub async fn scenario(id: ScenarioId, years: &ScenarioQuery) -> Result<Scenario, ApiError> {
    ApiRequest::get(format!("{SCENARIOS_PATH}/{id}"))
        .query_of(years)?
        .fetch()
        .await
}

pub async fn delete_scenario(id: ScenarioId, version: i64) -> Result<(), ApiError> {
    ApiRequest::delete(format!("{SCENARIOS_PATH}/{id}"))
        .if_match(version)
        .execute()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_programme_is_asked_for_the_years_and_axis_chosen() {
        let filters = ProgrammeFilters {
            from: Some(2024),
            to: Some(2030),
            axis: "Investissement".into(),
            q: "  ".into(),
        };
        let query = filters.to_query();
        assert_eq!((query.from, query.to), (Some(2024), Some(2030)));
        assert_eq!(query.axis.as_deref(), Some("Investissement"));
        assert_eq!(query.q, None);
        assert_eq!(query.format, None);
        let years = filters.years();
        assert_eq!((years.from, years.to), (Some(2024), Some(2030)));
        assert_eq!(
            ProgrammeFilters::default().to_query(),
            ProgrammeQuery::default()
        );
    }
}
