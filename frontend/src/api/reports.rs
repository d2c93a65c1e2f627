//! The printed reports, as PDF files to save.

use super::ApiError;
use serde::Serialize;
use shared::i18n::Lang;
use shared::ids::ProjectId;

#[derive(Serialize)]
struct ReportQuery {
    lang: Lang,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
}

/// The project sheet, as the caller may see it.
pub async fn project_sheet(id: ProjectId, lang: Lang) -> Result<web_sys::Blob, ApiError> {
    super::file_of(
        &format!("/api/v1/projects/{id}/report.pdf"),
        &ReportQuery { lang, year: None },
    )
    .await
}

/// The annual report of `year`.
pub async fn annual(year: i32, lang: Lang) -> Result<web_sys::Blob, ApiError> {
    super::file_of(
        "/api/v1/reports/annual.pdf",
        &ReportQuery {
            lang,
            year: Some(year),
        },
    )
    .await
}
