//! Exchange files: lists exported as CSV or XLSX, and imports of actors,
//! projects and funding opportunities (CSV, or an Aides-territoires JSON
//! export for the opportunities) with their report.

use super::upload::{self, UploadBody};
use super::ApiError;
pub use shared::exchange::{ExportFormat, ImportKind, ImportReport};
use yew::Callback;

/// What the import wizard offers to bring in.
pub const IMPORT_KINDS: [ImportKind; 3] = [
    ImportKind::Actors,
    ImportKind::Projects,
    ImportKind::FundingOpportunities,
];

/// How an import file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Csv,
    /// The JSON of an Aides-territoires export (funding opportunities only).
    AidesTerritoires,
}

impl ImportFormat {
    /// The format of a chosen file, by its media type or its name: JSON
    /// only where the kind accepts it, CSV otherwise.
    pub fn of_file(kind: ImportKind, name: &str, media_type: &str) -> Self {
        let json = media_type == "application/json" || name.to_lowercase().ends_with(".json");
        if json && accepts_json(kind) {
            ImportFormat::AidesTerritoires
        } else {
            ImportFormat::Csv
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            ImportFormat::Csv => "text/csv; charset=utf-8",
            ImportFormat::AidesTerritoires => "application/json",
        }
    }
}

/// Whether the kind also reads an Aides-territoires JSON export.
pub fn accepts_json(kind: ImportKind) -> bool {
    kind == ImportKind::FundingOpportunities
}

/// Sends a file to import. A dry run only checks it; otherwise every row
/// is written or none is. Either way the report comes back, also when the
/// server refuses the file for its errors (422).
pub async fn import(
    kind: ImportKind,
    format: ImportFormat,
    text: &str,
    dry_run: bool,
    on_progress: Callback<Option<u8>>,
) -> Result<ImportReport, ApiError> {
    // Paths spell the kind with hyphens (`funding-opportunities`).
    let mut path = format!("/api/v1/imports/{}", kind.as_str().replace('_', "-"));
    if dry_run {
        path.push_str("?dry_run=true");
    }
    let body = UploadBody::Text {
        content_type: format.content_type(),
        text,
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
        let body = r#"{"kind":"actors","dry_run":false,"rows":2,"created":0,"updated":0,"unchanged":0,
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

    #[test]
    fn only_opportunities_are_sent_as_json() {
        let opportunities = ImportKind::FundingOpportunities;
        assert_eq!(
            ImportFormat::of_file(opportunities, "aides.JSON", ""),
            ImportFormat::AidesTerritoires
        );
        assert_eq!(
            ImportFormat::of_file(opportunities, "export", "application/json"),
            ImportFormat::AidesTerritoires
        );
        assert_eq!(
            ImportFormat::of_file(opportunities, "aides.csv", "text/csv"),
            ImportFormat::Csv
        );
        assert_eq!(
            ImportFormat::of_file(ImportKind::Actors, "acteurs.json", "application/json"),
            ImportFormat::Csv
        );
        assert_eq!(
            ImportFormat::AidesTerritoires.content_type(),
            "application/json"
        );
    }
}
