//! Funding opportunities: the catalogue of calls and aid schemes, the
//! matches of a project with their reasons, applying for one, and the
//! dated funding lines of the portfolio (for the deadline badges of the
//! project list).

use super::exchange::ExportFormat;
use super::{filled, ApiError, ApiRequest};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shared::exchange::PortfolioFundingLine;
use shared::finance::FundingStatus;
use shared::ids::{OpportunityId, ProjectId};
use shared::opportunities::{
    ApplyToOpportunity, FundingOpportunity, NewFundingOpportunity, OpportunityListQuery,
    OpportunityMatch,
};
use shared::pagination::MAX_PER_PAGE;
use shared::participants::FundingLine;
use shared::Page;

pub const PER_PAGE: u32 = 20;

/// What the catalogue shows; also the page's URL query. The server sorts
/// by nearest deadline, so there is no sort to choose.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpportunityFilters {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_before: Option<NaiveDate>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub axis: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub q: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl OpportunityFilters {
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }

    /// The API's query for these filters; paging and format are the caller's.
    fn to_query(&self) -> OpportunityListQuery {
        OpportunityListQuery {
            open_on: self.open_on,
            deadline_before: self.deadline_before,
            axis: filled(&self.axis),
            q: filled(&self.q),
            ..OpportunityListQuery::default()
        }
    }
}

super::single_order_list_filters!(OpportunityFilters);

const CATALOGUE: &str = "/api/v1/funding-opportunities";

pub async fn list(filters: &OpportunityFilters) -> Result<Page<FundingOpportunity>, ApiError> {
    let query = OpportunityListQuery {
        page: Some(filters.page()),
        per_page: Some(PER_PAGE),
        ..filters.to_query()
    };
    ApiRequest::get(CATALOGUE).query_of(&query)?.fetch().await
}

/// Every opportunity the filters select, as a file to save (in the
/// columns the import reads).
pub async fn export(
    filters: &OpportunityFilters,
    format: ExportFormat,
) -> Result<web_sys::Blob, ApiError> {
    let query = OpportunityListQuery {
        format: Some(format),
        ..filters.to_query()
    };
    super::file_of(CATALOGUE, &query).await
}

fn opportunity_path(id: OpportunityId) -> String {
    format!("{CATALOGUE}/{id}")
}

pub async fn get(id: OpportunityId) -> Result<FundingOpportunity, ApiError> {
    ApiRequest::get(opportunity_path(id)).fetch().await
}

pub async fn create(opportunity: &NewFundingOpportunity) -> Result<FundingOpportunity, ApiError> {
    ApiRequest::post(CATALOGUE).json(opportunity)?.fetch().await
}

/// Replaces the opportunity whole; `version` is the one the form was
/// filled from (412 if someone saved since).
pub async fn update(
    id: OpportunityId,
    version: i64,
    opportunity: &NewFundingOpportunity,
) -> Result<FundingOpportunity, ApiError> {
    ApiRequest::put(opportunity_path(id))
        .if_match(version)
        .json(opportunity)?
        .fetch()
        .await
}

/// The funding lines applied for through it stay.
pub async fn delete(id: OpportunityId, version: i64) -> Result<(), ApiError> {
    ApiRequest::delete(opportunity_path(id))
        .if_match(version)
        .execute()
        .await
}

/// The open opportunities the project may apply for today, best first.
pub async fn matches(project: ProjectId) -> Result<Vec<OpportunityMatch>, ApiError> {
    ApiRequest::get(format!("/api/v1/projects/{project}/opportunities"))
        .fetch()
        .await
}

/// Applies for an opportunity: the answer is the new `planned` funding
/// line (409 if the project already has one for it).
pub async fn apply(
    project: ProjectId,
    opportunity: OpportunityId,
    amount_cents: Option<i64>,
) -> Result<FundingLine, ApiError> {
    ApiRequest::post(format!(
        "/api/v1/projects/{project}/opportunities/{opportunity}/apply"
    ))
    .json(&ApplyToOpportunity { amount_cents })?
    .fetch()
    .await
}

/// Pages read at most per status: the badges of a very large portfolio
/// may miss lines beyond them, the list itself does not.
const MAX_PAGES: u32 = 10;

/// The portfolio's funding lines whose dates the deadline badges watch:
/// the applications still to file or in progress, and the grants not yet
/// paid (see [`crate::components::deadline`]). The project list does not
/// carry them, so they are read from the portfolio-wide list.
pub async fn watched_lines() -> Result<Vec<FundingLine>, ApiError> {
    let mut lines = Vec::new();
    for status in [
        FundingStatus::Planned,
        FundingStatus::Requested,
        FundingStatus::Granted,
    ] {
        for page in 1..=MAX_PAGES {
            let found: Page<PortfolioFundingLine> = ApiRequest::get("/api/v1/funding-lines")
                .query("status", status.as_str())
                .query("page", page)
                .query("per_page", MAX_PER_PAGE)
                .fetch()
                .await?;
            let seen = u64::from(page) * u64::from(MAX_PER_PAGE);
            let last = found.items.is_empty() || seen >= found.total;
            lines.extend(found.items.into_iter().map(|item| item.line));
            if last {
                break;
            }
        }
    }
    Ok(lines)
}
