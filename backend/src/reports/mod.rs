//! The printed documents: a project's sheet and the annual report, as
//! tagged PDF in French or English. The records are read in the database
//! task; the layout and the PDF are made in a blocking task of their own,
//! so that no connection waits on them.

mod annual;
mod labels;
pub mod pdf;
mod project_sheet;

use crate::auth::{CurrentUser, Staff};
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::openapi::errors::Unavailable;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use chrono::{Datelike, Utc};
use serde::Deserialize;
use shared::i18n::Lang;
use shared::ids::ProjectId;
use shared::ErrorBody;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SheetQuery {
    /// The document's language: `fr` (the default) or `en`.
    pub lang: Option<Lang>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AnnualQuery {
    /// The year reported on; the current year by default.
    pub year: Option<i32>,
    /// The document's language: `fr` (the default) or `en`.
    pub lang: Option<Lang>,
}

/// Schema of a PDF answer in the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct PdfFile(Vec<u8>);

/// Lays the report out off the async threads and answers it inline, with
/// a file name for those who save it.
async fn answer(report: pdf::Report, file_name: String) -> ApiResult<HttpResponse> {
    let created = Utc::now().naive_utc();
    let bytes = web::block(move || report.render(created))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{file_name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes))
}

/// The project sheet (*fiche projet*) as PDF: identity, phases and
/// decisions with their motivations, the financing plan with its
/// leverage, the AP and CP by year, the consolidated ex-ante evaluation,
/// the indicators with their chart, the milestones. Same rights as the
/// project: a partner gets the trimmed view (their own funding lines, no
/// motivations, no programming, no evaluation).
#[utoipa::path(
    get, path = "/api/v1/projects/{id}/report.pdf",
    params(SheetQuery),
    responses(
        (status = 200, description = "The sheet, a tagged PDF/UA-1 file", content_type = "application/pdf", body = PdfFile),
        (status = 400, description = "Unknown language", body = ErrorBody),
        (status = 404, description = "No such project (or not shared with the partner)", body = ErrorBody),
        Unavailable,
    )
)]
pub async fn project_report(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<ProjectId>,
    query: Query<SheetQuery>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let lang = query.0.lang.unwrap_or_default();
    let today = Utc::now().date_naive();
    let report = state
        .db
        .read(move |conn| {
            let data = project_sheet::gather(conn, &user, id)?;
            Ok(project_sheet::compose(&data, lang, today))
        })
        .await?;
    let name = format!("fiche-projet-{}-{}.pdf", id.0, lang.code());
    answer(report, name).await
}

/// The annual report as PDF: the dashboard's figures for the year
/// (projects commissioned that year) and since the start (up to the
/// year's end): projects by phase, investment, secured funding and
/// leverage, instruction times and their ratio, actors and the network's
/// growth, abandonment reasons, indicator statuses, CP paid and the
/// investment capacity ratio, with their charts.
#[utoipa::path(
    get, path = "/api/v1/reports/annual.pdf",
    params(AnnualQuery),
    responses(
        (status = 200, description = "The report, a tagged PDF/UA-1 file", content_type = "application/pdf", body = PdfFile),
        (status = 400, description = "Unknown language", body = ErrorBody),
        (status = 422, description = "Year out of range", body = ErrorBody),
        Unavailable,
    )
)]
pub async fn annual_report(
    state: web::Data<AppState>,
    _user: Staff,
    query: Query<AnnualQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.0;
    let today = Utc::now().date_naive();
    let year = crate::records::year_filter("year", query.year)?.unwrap_or(today.year());
    let lang = query.lang.unwrap_or_default();
    let report = state
        .db
        .read(move |conn| {
            let data = annual::gather(conn, year)?;
            Ok(annual::compose(&data, lang, today))
        })
        .await?;
    answer(report, format!("rapport-annuel-{year}-{}.pdf", lang.code())).await
}
