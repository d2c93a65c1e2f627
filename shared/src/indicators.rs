//! Impact indicators: what a project promised to change, measured over
//! time. Values are exact decimals; progress and status are derived.
//! Definitions and thresholds: `docs/METRICS.md`.

use crate::finance::string_enum;
use crate::ids::{IndicatorId, MeasurementId, ProjectId, UserId};
use crate::patch::nullable;
use crate::validation::{self as v, Validate};
use crate::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::prelude::ToPrimitive;
/// Values are exact decimals; the web app names the type from here.
pub use rust_decimal::Decimal;
use rust_decimal::RoundingStrategy;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum IndicatorLevel {
    Output,
    Outcome,
    Impact,
}

string_enum!(IndicatorLevel {
    IndicatorLevel::Output => "output",
    IndicatorLevel::Outcome => "outcome",
    IndicatorLevel::Impact => "impact",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum Direction {
    Increase,
    Decrease,
}

string_enum!(Direction {
    Direction::Increase => "increase",
    Direction::Decrease => "decrease",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IndicatorStatus {
    OnTrack,
    AtRisk,
    OffTrack,
}

string_enum!(IndicatorStatus {
    IndicatorStatus::OnTrack => "on_track",
    IndicatorStatus::AtRisk => "at_risk",
    IndicatorStatus::OffTrack => "off_track",
});

/// Points of progress an indicator may lag behind the straight path from
/// baseline to target and still be on track, or at risk.
pub const ON_TRACK_TOLERANCE: f64 = 10.0;
pub const AT_RISK_TOLERANCE: f64 = 25.0;

/// Progress towards the target in %: 0 at the baseline, 100 at the target,
/// whichever the direction (below 0 when moving away, above 100 beyond).
/// Computed on exact decimals, rounded to one decimal; `None` as well when
/// the figures are too far apart for a decimal to hold the ratio.
pub fn progress(baseline: Decimal, target: Decimal, latest: Decimal) -> Option<f64> {
    let span = target.checked_sub(baseline)?;
    if span.is_zero() {
        return None;
    }
    let ratio = latest
        .checked_sub(baseline)?
        .checked_div(span)?
        .checked_mul(Decimal::ONE_HUNDRED)?;
    ratio
        .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
        .to_f64()
}

/// Progress expected on `date` along the straight path from the baseline
/// (0 %) on its date to the target (100 %) on its date, within 0–100.
pub fn expected_progress(
    baseline_date: NaiveDate,
    target_date: NaiveDate,
    date: NaiveDate,
) -> Option<f64> {
    let total = (target_date - baseline_date).num_days();
    if total <= 0 {
        return None;
    }
    let elapsed = (date - baseline_date).num_days().clamp(0, total);
    Some(elapsed as f64 / total as f64 * 100.0)
}

/// On track when the progress lags the expected one by at most 10 points,
/// at risk up to 25 points, off track beyond.
pub fn status(progress: f64, expected: f64) -> IndicatorStatus {
    let lag = expected - progress;
    if lag <= ON_TRACK_TOLERANCE {
        IndicatorStatus::OnTrack
    } else if lag <= AT_RISK_TOLERANCE {
        IndicatorStatus::AtRisk
    } else {
        IndicatorStatus::OffTrack
    }
}

/// The figures an indicator's measurements give, against its baseline and
/// target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reading {
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, required = true))]
    pub latest_value: Option<Decimal>,
    pub latest_date: Option<NaiveDate>,
    /// % of the way from baseline (0) to target (100), one decimal.
    pub progress: Option<f64>,
    /// % the straight path from baseline to target expects on the latest
    /// measurement's date.
    pub expected_progress: Option<f64>,
    /// Absent until something is measured.
    pub status: Option<IndicatorStatus>,
    /// The latest measurement reached the target.
    pub achieved: bool,
}

/// Reads the latest measurement (`None` when there is none yet).
pub fn reading(indicator: &IndicatorFields, latest: Option<(NaiveDate, Decimal)>) -> Reading {
    let Some((date, value)) = latest else {
        return Reading {
            latest_value: None,
            latest_date: None,
            progress: None,
            expected_progress: None,
            status: None,
            achieved: false,
        };
    };
    let progress = progress(indicator.baseline_value, indicator.target_value, value);
    let expected = expected_progress(indicator.baseline_date, indicator.target_date, date)
        .map(|e| (e * 10.0).round() / 10.0);
    Reading {
        latest_value: Some(value),
        latest_date: Some(date),
        progress,
        expected_progress: expected,
        status: progress.zip(expected).map(|(p, e)| status(p, e)),
        achieved: progress.is_some_and(|p| p >= 100.0),
    }
}

/// An indicator's definition, as created. (Unknown fields are not refused
/// here: the definition is flattened into `Indicator`, which serde cannot
/// combine with `deny_unknown_fields`.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorFields {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ v::NAME_MAX_CHARS }, false>))]
    pub name: String,
    /// e.g. `emplois`, `m²`, `tCO2e`, `%`.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::indicator_unit))]
    pub unit: String,
    pub level: IndicatorLevel,
    pub direction: Direction,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::long_text::<true>))]
    pub description: Option<String>,
    /// A decimal, as a string (`"12.5"`) or a number.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::baseline_value))]
    pub baseline_value: Decimal,
    pub baseline_date: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::target_value))]
    pub target_value: Decimal,
    pub target_date: NaiveDate,
    /// Shown on the public portal with its measurements, while the project
    /// is public. Private unless said otherwise.
    #[serde(default)]
    pub public: bool,
}

pub const UNIT_MAX_CHARS: usize = 40;

impl Validate for IndicatorFields {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = [
            v::required_text("name", &self.name, v::NAME_MAX_CHARS),
            v::required_text("unit", &self.unit, UNIT_MAX_CHARS),
            v::long_text("description", self.description.as_deref()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let towards = match self.direction {
            Direction::Increase => self.target_value > self.baseline_value,
            Direction::Decrease => self.target_value < self.baseline_value,
        };
        if !towards {
            errors.push(FieldError::new(
                "target_value",
                "inconsistent_direction",
                match self.direction {
                    Direction::Increase => "an increase needs a target above the baseline",
                    Direction::Decrease => "a decrease needs a target below the baseline",
                },
            ));
        }
        if self.target_date <= self.baseline_date {
            errors.push(FieldError::new(
                "target_date",
                "before_baseline",
                "the target date comes after the baseline date",
            ));
        }
        errors
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Indicator {
    pub id: IndicatorId,
    pub project_id: ProjectId,
    #[serde(flatten)]
    pub fields: IndicatorFields,
    #[serde(flatten)]
    pub reading: Reading,
    pub measurements_count: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IndicatorPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ v::NAME_MAX_CHARS }, true>))]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ UNIT_MAX_CHARS }, true>))]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<IndicatorLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::long_text::<true>))]
    pub description: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::nullable_decimal))]
    pub baseline_value: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::nullable_decimal))]
    pub target_value: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<bool>,
}

impl IndicatorPatch {
    /// The definition after the patch; validate the result, not the patch.
    pub fn applied_to(&self, current: &IndicatorFields) -> IndicatorFields {
        IndicatorFields {
            name: self.name.clone().unwrap_or_else(|| current.name.clone()),
            unit: self.unit.clone().unwrap_or_else(|| current.unit.clone()),
            level: self.level.unwrap_or(current.level),
            direction: self.direction.unwrap_or(current.direction),
            description: crate::patch::apply(&current.description, &self.description),
            baseline_value: self.baseline_value.unwrap_or(current.baseline_value),
            baseline_date: self.baseline_date.unwrap_or(current.baseline_date),
            target_value: self.target_value.unwrap_or(current.target_value),
            target_date: self.target_date.unwrap_or(current.target_date),
            public: self.public.unwrap_or(current.public),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Measurement {
    pub id: MeasurementId,
    pub indicator_id: IndicatorId,
    pub date: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub value: Decimal,
    pub comment: Option<String>,
    pub recorded_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMeasurement {
    pub date: NaiveDate,
    /// A decimal, as a string (`"12.5"`) or a number.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::measurement_value))]
    pub value: Decimal,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::long_text::<true>))]
    pub comment: Option<String>,
}

impl Validate for NewMeasurement {
    fn validate(&self) -> Vec<FieldError> {
        v::long_text("comment", self.comment.as_deref())
            .into_iter()
            .collect()
    }
}

impl Validate for IndicatorPatch {
    /// Each field given on its own; the whole definition after the patch is
    /// checked again by the handler.
    fn validate(&self) -> Vec<FieldError> {
        [
            self.name
                .as_deref()
                .and_then(|name| v::required_text("name", name, v::NAME_MAX_CHARS)),
            self.unit
                .as_deref()
                .and_then(|unit| v::required_text("unit", unit, UNIT_MAX_CHARS)),
            v::long_text(
                "description",
                self.description.as_ref().and_then(|d| d.as_deref()),
            ),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

impl NewMeasurement {
    /// Measurements start at the baseline and cannot be dated in the future.
    pub fn check_date(&self, indicator: &IndicatorFields, today: NaiveDate) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.date < indicator.baseline_date {
            errors.push(FieldError::new(
                "date",
                "before_baseline",
                "a measurement cannot predate the baseline",
            ));
        } else if self.date > today {
            errors.push(FieldError::new(
                "date",
                "in_future",
                "a measurement cannot be dated in the future",
            ));
        }
        errors
    }
}

/// One indicator in the ex-ante/ex-post comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorAchievement {
    pub indicator_id: IndicatorId,
    pub name: String,
    pub unit: String,
    pub level: IndicatorLevel,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub target_value: Decimal,
    #[serde(flatten)]
    pub reading: Reading,
}

/// Counts of indicators by status, for the dashboard.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorStatusCounts {
    pub on_track: u64,
    pub at_risk: u64,
    pub off_track: u64,
    /// No measurement yet.
    pub not_measured: u64,
}

impl IndicatorStatusCounts {
    pub fn add(&mut self, status: Option<IndicatorStatus>) {
        match status {
            Some(IndicatorStatus::OnTrack) => self.on_track += 1,
            Some(IndicatorStatus::AtRisk) => self.at_risk += 1,
            Some(IndicatorStatus::OffTrack) => self.off_track += 1,
            None => self.not_measured += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn progress_respects_the_direction() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(progress(d("10"), d("20"), d("15")), Some(50.0));
        assert_eq!(
            progress(d("100"), d("50"), d("75")),
            Some(50.0),
            "a decrease"
        );
        assert_eq!(
            progress(d("100"), d("50"), d("110")),
            Some(-20.0),
            "moving away"
        );
        assert_eq!(
            progress(d("0.1"), d("0.3"), d("0.2")),
            Some(50.0),
            "no float drift"
        );
        assert_eq!(progress(d("1"), d("1"), d("2")), None);
        // Too far apart for a decimal: no progress rather than a panic.
        assert_eq!(progress(Decimal::MIN, Decimal::MAX, Decimal::ZERO), None);
    }

    #[test]
    fn status_against_the_straight_path() {
        let date = |m: u32| NaiveDate::from_ymd_opt(2024, m, 1).unwrap();
        let half = expected_progress(date(1), date(11), date(6)).unwrap();
        assert!((half - 50.0).abs() < 1.0);
        assert_eq!(expected_progress(date(1), date(11), date(12)), Some(100.0));
        assert_eq!(status(45.0, 50.0), IndicatorStatus::OnTrack);
        assert_eq!(status(40.0, 50.0), IndicatorStatus::OnTrack);
        assert_eq!(status(30.0, 50.0), IndicatorStatus::AtRisk);
        assert_eq!(status(24.0, 50.0), IndicatorStatus::OffTrack);
    }

    fn definition() -> IndicatorFields {
        IndicatorFields {
            name: "Emplois créés".into(),
            unit: "emplois".into(),
            level: IndicatorLevel::Outcome,
            direction: Direction::Increase,
            description: None,
            baseline_value: Decimal::from(0),
            baseline_date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            target_value: Decimal::from(40),
            target_date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            public: false,
        }
    }

    #[test]
    fn reading_compares_the_latest_measurement_with_the_path() {
        let fields = definition();
        let unmeasured = reading(&fields, None);
        assert_eq!((unmeasured.status, unmeasured.progress), (None, None));
        // Halfway through the period (2025-01-01 is 366 of 731 days).
        let halfway = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let ahead = reading(&fields, Some((halfway, Decimal::from(22))));
        assert_eq!(ahead.progress, Some(55.0));
        assert_eq!(ahead.expected_progress, Some(50.1));
        assert_eq!(ahead.status, Some(IndicatorStatus::OnTrack));
        let behind = reading(&fields, Some((halfway, Decimal::from(12))));
        assert_eq!(behind.status, Some(IndicatorStatus::AtRisk));
        let stalled = reading(&fields, Some((halfway, Decimal::from(4))));
        assert_eq!(stalled.status, Some(IndicatorStatus::OffTrack));
        let done = reading(&fields, Some((halfway, Decimal::from(40))));
        assert!(done.achieved);
    }

    #[test]
    fn a_definition_must_point_the_right_way() {
        assert!(definition().validate().is_empty());
        let mut wrong = definition();
        wrong.direction = Direction::Decrease;
        wrong.target_date = wrong.baseline_date;
        let codes: Vec<String> = wrong.validate().into_iter().map(|e| e.code).collect();
        assert_eq!(codes, vec!["inconsistent_direction", "before_baseline"]);
    }

    #[test]
    fn a_patch_publishes_or_withdraws_and_leaves_the_flag_alone_otherwise() {
        let private = definition();
        let publish: IndicatorPatch = serde_json::from_str(r#"{"public": true}"#).unwrap();
        assert!(publish.applied_to(&private).public);
        let rename: IndicatorPatch = serde_json::from_str(r#"{"name": "Emplois"}"#).unwrap();
        let public = publish.applied_to(&private);
        assert!(rename.applied_to(&public).public);
        let withdraw = IndicatorPatch {
            public: Some(false),
            ..IndicatorPatch::default()
        };
        assert!(!withdraw.applied_to(&public).public);
    }

    #[test]
    fn decimals_survive_the_round_trip() {
        let parsed: NewMeasurement =
            serde_json::from_str(r#"{"date": "2025-01-01", "value": "0.1"}"#).unwrap();
        assert_eq!(serde_json::to_value(parsed.value).unwrap(), "0.1");
        let number: NewMeasurement =
            serde_json::from_str(r#"{"date": "2025-01-01", "value": 1234.56}"#).unwrap();
        assert_eq!(number.value.to_string(), "1234.56");
    }
}
