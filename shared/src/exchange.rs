//! Exchange files and open data: the export formats, the report of a CSV
//! import, the portfolio-wide lists of funding lines and indicators, and
//! the published record of a public project.

use crate::finance::string_enum;
use crate::indicators::Indicator;
use crate::lifecycle::Phase;
use crate::participants::FundingLine;
use crate::projects::InnovationType;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What a list answers in: JSON pages (the default), or every matching
/// row as a CSV or XLSX file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    #[default]
    Json,
    Csv,
    Xlsx,
}

string_enum!(ExportFormat {
    ExportFormat::Json => "json",
    ExportFormat::Csv => "csv",
    ExportFormat::Xlsx => "xlsx",
});

/// The MIME type of a CSV file.
pub const CSV_MIME: &str = "text/csv";
/// The MIME type of an XLSX workbook.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// How the elements of a list (tags, innovation types, team) are joined in
/// one cell. An element holding `;` or `\` escapes it with `\`.
pub const LIST_SEPARATOR: char = ';';

/// What a CSV import brings in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Actors,
    Projects,
    FundingOpportunities,
}

string_enum!(ImportKind {
    ImportKind::Actors => "actors",
    ImportKind::Projects => "projects",
    ImportKind::FundingOpportunities => "funding_opportunities",
});

/// One problem of an import file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportError {
    /// The row as a spreadsheet numbers it: the header is line 1, the
    /// first record line 2.
    pub line: u64,
    /// The column's header name; absent for a problem of the whole row.
    pub column: Option<String>,
    pub message: String,
    /// Stable code of the rule that failed, e.g. `required`,
    /// `invalid_siret`, `unknown_column`.
    pub code: String,
}

/// What an import did, or would do in a dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub kind: ImportKind,
    pub dry_run: bool,
    /// Records read (blank lines are skipped).
    pub rows: u64,
    /// Records that create a new actor or project.
    pub created: u64,
    /// Records that change an existing one (matched on SIRET or reference).
    pub updated: u64,
    /// Records that match an existing one and change nothing.
    pub unchanged: u64,
    /// Every problem found, in file order. Any problem means nothing is written.
    pub errors: Vec<ImportError>,
    /// Whether the changes were written (never in a dry run).
    pub applied: bool,
}

/// A funding line of the portfolio-wide list, with its project named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortfolioFundingLine {
    #[serde(flatten)]
    pub line: FundingLine,
    pub project_reference: String,
    pub project_title: String,
}

/// An indicator of the portfolio-wide list, with its project named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortfolioIndicator {
    #[serde(flatten)]
    pub indicator: Indicator,
    pub project_reference: String,
    pub project_title: String,
}

/// A public project as published for the open-data portal. The schema is
/// stable (see `docs/OPEN_DATA.md`); it holds no personal data: no lead,
/// team, sponsor or contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenDataProject {
    /// Unique and stable: year of commission and a number, `2025-042`.
    pub reference: String,
    pub title: String,
    pub summary: Option<String>,
    /// The town's strategic axis.
    pub axis: String,
    pub phase: Phase,
    pub innovation_types: Vec<InnovationType>,
    pub commission_date: NaiveDate,
    pub decision_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub planned_end_date: Option<NaiveDate>,
    pub actual_end_date: Option<NaiveDate>,
    /// INSEE code of the commune.
    pub commune_insee: Option<String>,
    pub area: Option<String>,
    /// Total cost, in euro cents.
    pub total_cost_cents: i64,
    /// Funding granted or paid by the town, in euro cents.
    pub secured_city_cents: i64,
    /// Funding granted or paid by other public bodies, in euro cents.
    pub secured_public_cents: i64,
    /// Funding granted or paid by private funders, in euro cents.
    pub secured_private_cents: i64,
    /// Euros of secured funding from others per euro of the town's;
    /// absent when the town puts nothing in.
    pub leverage: Option<f64>,
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_as_their_query_values() {
        for format in [ExportFormat::Json, ExportFormat::Csv, ExportFormat::Xlsx] {
            assert_eq!(format.as_str().parse::<ExportFormat>(), Ok(format));
            assert_eq!(
                serde_json::to_value(format).unwrap(),
                serde_json::json!(format.as_str())
            );
        }
    }
}

/// A step of a public project's life: the phase it entered, and when. The
/// motivations are the unit's own and stay out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicStep {
    pub phase: Phase,
    pub date: NaiveDate,
}

/// Who funds a public project, with the money granted or paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicFunder {
    pub name: String,
    pub category: crate::finance::FundingCategory,
    pub secured_cents: i64,
}

/// A public project's page on the portal: its published record, its
/// timeline from the commission on, and its funders, largest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicProjectSheet {
    pub project: OpenDataProject,
    pub timeline: Vec<PublicStep>,
    pub funders: Vec<PublicFunder>,
}
