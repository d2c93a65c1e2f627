//! `/api/v1/funding-lines` and `/api/v1/indicators`: the funding lines and
//! indicators of the whole portfolio, each with its project, as JSON pages
//! or export files. Partners see what they see project by project: the
//! indicators of the projects shared with them, and their own funding
//! lines there.

use super::columns;
use crate::access::{shared_with, Reader};
use crate::auth::CurrentUser;
use crate::db::schema::{actors, funding_lines, indicators, projects};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::evaluations::indicators::{
    latest_measurements, to_api as indicator_to_api, IndicatorRow,
};
use crate::projects::funding::Row as LineRow;
use diesel::prelude::*;
use serde::Deserialize;
use shared::exchange::{ExportFormat, PortfolioFundingLine, PortfolioIndicator};
use shared::finance::{FundingCategory, FundingStatus};
use shared::ids::{ActorId, IndicatorId, ProjectId};
use shared::indicators::IndicatorLevel;
use shared::pagination::PageParams;
use shared::{ErrorBody, Page};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FundingLineListQuery {
    pub project_id: Option<i64>,
    pub funder_id: Option<i64>,
    pub category: Option<FundingCategory>,
    pub status: Option<FundingStatus>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `csv` or `xlsx`: every matching line as a file (also asked with `Accept`).
    pub format: Option<ExportFormat>,
}

crate::records::list_query! {
    FundingLineListQuery: format;
    IndicatorListQuery: format;
}

crate::exchange::files::list_endpoint!(
    /// The funding lines of the portfolio, by project reference.
    ///
    /// With `format=csv|xlsx` (or `Accept`), every matching line as a file
    /// named `financements-YYYY-MM-DD.csv|xlsx`.
    "/api/v1/funding-lines" => funding_lines(FundingLineListQuery), caller: CurrentUser,
    answer: ("A page of funding lines with their project; or the export file", Page<PortfolioFundingLine>),
    also: [
        (status = 403, description = "A partner account without an organisation", body = ErrorBody),
        (status = 422, description = "Invalid page", body = ErrorBody),
    ],
    read: funding_lines_page,
    file: ("financements", "financements", columns::FUNDING_LINES),
);

fn funding_lines_page(
    conn: &mut DbConnection,
    reader: Reader,
    query: FundingLineListQuery,
    window: Option<PageParams>,
) -> ApiResult<(Vec<PortfolioFundingLine>, i64)> {
    let filtered = || {
        let mut q = funding_lines::table
            .inner_join(actors::table)
            .inner_join(projects::table)
            .into_boxed();
        if let Some(project) = query.project_id {
            q = q.filter(funding_lines::project_id.eq(ProjectId(project)));
        }
        if let Some(funder) = query.funder_id {
            q = q.filter(funding_lines::funder_id.eq(ActorId(funder)));
        }
        if let Some(category) = query.category {
            q = q.filter(funding_lines::category.eq(category));
        }
        if let Some(status) = query.status {
            q = q.filter(funding_lines::status.eq(status));
        }
        if let Some(actor) = reader.partner() {
            // As on a project's own list: the partner's lines, on
            // the projects shared with it.
            q = q
                .filter(funding_lines::funder_id.eq(actor))
                .filter(shared_with(actor));
        }
        q
    };
    let count: i64 = filtered().count().get_result(conn)?;
    let query = filtered()
        .order((projects::reference.asc(), funding_lines::id.asc()))
        .select((LineRow::as_select(), projects::reference, projects::title));
    let rows: Vec<(LineRow, String, String)> = match window {
        Some(page) => query.offset(page.offset()).limit(page.limit()).load(conn)?,
        None => query.load(conn)?,
    };
    let items = rows
        .into_iter()
        .map(
            |(row, project_reference, project_title)| PortfolioFundingLine {
                line: row.into(),
                project_reference,
                project_title,
            },
        )
        .collect::<Vec<_>>();
    Ok((items, count))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct IndicatorListQuery {
    pub project_id: Option<i64>,
    pub level: Option<IndicatorLevel>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `csv` or `xlsx`: every matching indicator as a file (also asked with `Accept`).
    pub format: Option<ExportFormat>,
}

crate::exchange::files::list_endpoint!(
    /// The impact indicators of the portfolio with their progress and status,
    /// by project reference.
    ///
    /// With `format=csv|xlsx` (or `Accept`), every matching indicator as a file
    /// named `indicateurs-YYYY-MM-DD.csv|xlsx`.
    "/api/v1/indicators" => indicators(IndicatorListQuery), caller: CurrentUser,
    answer: ("A page of indicators with their project; or the export file", Page<PortfolioIndicator>),
    also: [
        (status = 403, description = "A partner account without an organisation", body = ErrorBody),
        (status = 422, description = "Invalid page", body = ErrorBody),
    ],
    read: indicators_page,
    file: ("indicateurs", "indicateurs", columns::INDICATORS),
);

fn indicators_page(
    conn: &mut DbConnection,
    reader: Reader,
    query: IndicatorListQuery,
    window: Option<PageParams>,
) -> ApiResult<(Vec<PortfolioIndicator>, i64)> {
    let filtered = || {
        let mut q = indicators::table.inner_join(projects::table).into_boxed();
        if let Some(project) = query.project_id {
            q = q.filter(indicators::project_id.eq(ProjectId(project)));
        }
        if let Some(level) = query.level {
            q = q.filter(indicators::level.eq(level));
        }
        if let Some(actor) = reader.partner() {
            q = q.filter(shared_with(actor));
        }
        q
    };
    let count: i64 = filtered().count().get_result(conn)?;
    let query = filtered()
        .order((projects::reference.asc(), indicators::id.asc()))
        .select((
            indicators::all_columns,
            projects::reference,
            projects::title,
        ));
    let rows: Vec<(IndicatorRow, String, String)> = match window {
        Some(page) => query.offset(page.offset()).limit(page.limit()).load(conn)?,
        None => query.load(conn)?,
    };
    let ids: Vec<IndicatorId> = rows.iter().map(|(row, _, _)| row.id).collect();
    let latest = latest_measurements(conn, &ids)?;
    let items = rows
        .into_iter()
        .map(|(row, project_reference, project_title)| {
            Ok(PortfolioIndicator {
                indicator: indicator_to_api(row, &latest)?,
                project_reference,
                project_title,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok((items, count))
}
