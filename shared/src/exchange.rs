//! Exchange files and open data: the export formats, the report of a CSV
//! import, the portfolio-wide lists of funding lines and indicators, and
//! the published record of a public project.

use crate::finance::string_enum;
use crate::indicators::{reading, Direction, Indicator, IndicatorFields, IndicatorLevel, Reading};
use crate::lifecycle::Phase;
use crate::participants::FundingLine;
use crate::projects::InnovationType;
use crate::validation::Validate;
use crate::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
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

    fn definition() -> IndicatorFields {
        serde_json::from_value(serde_json::json!({
            "name": "Emplois créés", "unit": "emplois", "level": "outcome",
            "direction": "increase", "baseline_value": "0", "baseline_date": "2024-01-01",
            "target_value": "40", "target_date": "2026-01-01",
        }))
        .unwrap()
    }

    fn measured(date: &str, value: i64) -> PublicMeasurement {
        PublicMeasurement {
            measured_on: date.parse().unwrap(),
            value: Decimal::from(value),
        }
    }

    #[test]
    fn a_definition_sent_without_the_flag_stays_private() {
        assert!(!definition().public);
    }

    #[test]
    fn a_public_indicator_reads_its_latest_measurement() {
        let fields = definition();
        let indicator = PublicIndicator::new(
            &fields,
            vec![
                measured("2025-01-01", 12),
                measured("2024-06-01", 5),
                // Of one day, the last given is the latest.
                measured("2025-01-01", 22),
            ],
        );
        let dates: Vec<String> = indicator
            .measurements
            .iter()
            .map(|m| m.measured_on.to_string())
            .collect();
        assert_eq!(dates, ["2024-06-01", "2025-01-01", "2025-01-01"]);
        assert_eq!(indicator.reading.latest_value, Some(Decimal::from(22)));
        // The staff's own rules: 55 % where 50.1 % is expected.
        let halfway = "2025-01-01".parse().unwrap();
        assert_eq!(
            indicator.reading,
            reading(&fields, Some((halfway, Decimal::from(22))))
        );
        assert_eq!(
            indicator.reading.status,
            Some(crate::indicators::IndicatorStatus::OnTrack)
        );
        let unmeasured = PublicIndicator::new(&fields, Vec::new());
        assert_eq!(
            (unmeasured.reading.status, unmeasured.reading.achieved),
            (None, false)
        );
    }

    #[test]
    fn the_portal_search_is_bounded_and_blank_searches_nothing() {
        let query = |q: &str| OpenDataQuery {
            q: Some(q.into()),
            ..OpenDataQuery::default()
        };
        assert_eq!(query("  Tanneurs ").text(), Some("Tanneurs"));
        assert_eq!(query("   ").text(), None);
        assert!(query(&"é".repeat(SEARCH_MAX_CHARS)).validate().is_empty());
        let long = query(&"é".repeat(SEARCH_MAX_CHARS + 1)).validate();
        assert_eq!(
            (long[0].field.as_str(), long[0].code.as_str()),
            ("q", "too_long")
        );
    }

    #[test]
    fn schemas_are_named_by_their_file() {
        for schema in OpenDataSchema::ALL {
            assert_eq!(schema.as_str().parse::<OpenDataSchema>(), Ok(schema));
            assert_eq!(serde_json::to_value(schema).unwrap(), schema.as_str());
            assert!(schema.as_str().ends_with(".json"));
        }
        assert!("OPEN_DATA.md".parse::<OpenDataSchema>().is_err());
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
/// timeline from the commission on, its funders, largest first, and the
/// indicators the unit chose to publish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicProjectSheet {
    pub project: OpenDataProject,
    pub timeline: Vec<PublicStep>,
    pub funders: Vec<PublicFunder>,
    /// Only the indicators marked public, in the order they were defined.
    #[serde(default)]
    pub indicators: Vec<PublicIndicator>,
}

/// A measurement as published: its date and value. Who recorded it, and
/// their comment, stay with the unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicMeasurement {
    pub measured_on: NaiveDate,
    /// A decimal, as a string.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub value: Decimal,
}

/// A public indicator of a public project: what it measures, from which
/// baseline to which target, every measurement, and the reading of the
/// latest one (`docs/METRICS.md` gives the rules of progress and status).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicIndicator {
    pub name: String,
    pub unit: String,
    pub level: IndicatorLevel,
    pub direction: Direction,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub baseline_value: Decimal,
    pub baseline_date: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub target_value: Decimal,
    pub target_date: NaiveDate,
    #[serde(flatten)]
    pub reading: Reading,
    /// Oldest first.
    pub measurements: Vec<PublicMeasurement>,
}

impl PublicIndicator {
    /// The published form of a definition and its measurements, read
    /// against the latest: the last by date, and of one day the last given
    /// (as the staff's pages read it).
    pub fn new(fields: &IndicatorFields, mut measurements: Vec<PublicMeasurement>) -> Self {
        // A stable sort keeps the entry order within a day.
        measurements.sort_by_key(|m| m.measured_on);
        let latest = measurements.last().map(|m| (m.measured_on, m.value));
        PublicIndicator {
            name: fields.name.clone(),
            unit: fields.unit.clone(),
            level: fields.level,
            direction: fields.direction,
            baseline_value: fields.baseline_value,
            baseline_date: fields.baseline_date,
            target_value: fields.target_value,
            target_date: fields.target_date,
            reading: reading(fields, latest),
            measurements,
        }
    }
}

/// The longest text `q` a portal search takes, in characters.
pub const SEARCH_MAX_CHARS: usize = 200;

/// `GET /api/v1/open-data/projects`: the portal's search, as the server
/// reads it and the portal writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct OpenDataQuery {
    /// Text searched, whatever its case, in the reference, title, summary
    /// and area; blank searches nothing. At most 200 characters.
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Only the projects in this phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Phase>,
    /// `json` (a page), `csv` or `xlsx` (every matching public project).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<ExportFormat>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

impl OpenDataQuery {
    /// The text to search, trimmed; `None` when blank.
    pub fn text(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }
}

impl Validate for OpenDataQuery {
    fn validate(&self) -> Vec<FieldError> {
        match &self.q {
            Some(q) if q.chars().count() > SEARCH_MAX_CHARS => vec![FieldError::new(
                "q",
                "too_long",
                format!("at most {SEARCH_MAX_CHARS} characters"),
            )],
            _ => Vec::new(),
        }
    }
}

/// The Table Schemas of the national open-data files, by the name they
/// are served under (`/api/v1/open-data/schemas/{name}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum OpenDataSchema {
    /// The schema of `projets.csv`: "projets des collectivités".
    #[serde(rename = "projets.json")]
    Projets,
    /// The schema of `subventions.csv`: SCDL *Subventions*.
    #[serde(rename = "subventions.json")]
    Subventions,
}

string_enum!(OpenDataSchema {
    OpenDataSchema::Projets => "projets.json",
    OpenDataSchema::Subventions => "subventions.json",
});

impl OpenDataSchema {
    /// The data file this schema describes, under `/api/v1/open-data/`.
    pub fn data_file(self) -> &'static str {
        match self {
            OpenDataSchema::Projets => "projets.csv",
            OpenDataSchema::Subventions => "subventions.csv",
        }
    }
}
