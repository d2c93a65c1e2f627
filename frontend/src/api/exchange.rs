//! Exchange files: lists exported as CSV or XLSX, and CSV imports of
//! actors and projects with their report.
//!
//! The import types mirror the API's until they are shared with the server.

use super::upload::{self, UploadBody};
use super::ApiError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use yew::Callback;

/// The file formats a list can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 2] = [ExportFormat::Csv, ExportFormat::Xlsx];

    /// The `format` query value, also the file's extension.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a CSV import brings in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Actors,
    Projects,
}

impl ImportKind {
    pub const ALL: [ImportKind; 2] = [ImportKind::Actors, ImportKind::Projects];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Actors => "actors",
            ImportKind::Projects => "projects",
        }
    }
}

impl FromStr for ImportKind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        ImportKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or(())
    }
}

/// One problem of an import file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportError {
    /// As a spreadsheet numbers rows: the header is line 1.
    pub line: u64,
    /// The column's header name; absent for a problem of the whole row.
    #[serde(default)]
    pub column: Option<String>,
    pub message: String,
    #[serde(default)]
    pub code: String,
}

/// What an import did, or would do in a dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub kind: ImportKind,
    pub dry_run: bool,
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    #[serde(default)]
    pub unchanged: u64,
    pub errors: Vec<ImportError>,
    pub applied: bool,
}

/// Sends a CSV file to import. A dry run only checks it; otherwise every
/// row is written or none is. Either way the report comes back, also when
/// the server refuses the file for its errors (422).
pub async fn import(
    kind: ImportKind,
    csv: &str,
    dry_run: bool,
    on_progress: Callback<Option<u8>>,
) -> Result<ImportReport, ApiError> {
    let mut path = format!("/api/v1/imports/{}", kind.as_str());
    if dry_run {
        path.push_str("?dry_run=true");
    }
    let body = UploadBody::Text {
        content_type: "text/csv; charset=utf-8",
        text: csv,
    };
    let answer = upload::send(&path, body, on_progress).await?;
    report_from(answer.status, &answer.body)
}

fn report_from(status: u16, body: &str) -> Result<ImportReport, ApiError> {
    let success = (200..300).contains(&status);
    match serde_json::from_str::<ImportReport>(body) {
        Ok(report) if success || status == 422 => Ok(report),
        Err(error) if success => Err(ApiError::unreadable_body(status, error)),
        _ => Err(ApiError::from_body(status, body)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ErrorCode;

    #[test]
    fn a_refused_import_still_brings_its_report() {
        let body = r#"{"kind":"actors","dry_run":false,"rows":2,"created":0,"updated":0,
            "errors":[{"line":3,"column":"siret","message":"bad","code":"invalid_siret"}],"applied":false}"#;
        let report = report_from(422, body).unwrap();
        assert_eq!(report.errors[0].column.as_deref(), Some("siret"));
        assert_eq!(report.unchanged, 0);
        let error = report_from(
            413,
            r#"{"error":{"code":"payload_too_large","message":"too big"}}"#,
        )
        .unwrap_err();
        assert_eq!(error.code, Some(ErrorCode::PayloadTooLarge));
        let error = report_from(
            422,
            r#"{"error":{"code":"validation_failed","message":"x"}}"#,
        )
        .unwrap_err();
        assert_eq!(error.code, Some(ErrorCode::ValidationFailed));
    }
}
