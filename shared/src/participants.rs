//! Who does what in a project, and the money each funder brings.

use crate::actors::ActorKind;
use crate::finance::{string_enum, FundingCategory, FundingStatus};
use crate::ids::{ActorId, FundingLineId, ParticipantId, ProjectId};
use crate::patch::nullable;
use crate::validation::{self as v, Validate};
use crate::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum ParticipantRole {
    Lead,
    Partner,
    Funder,
    Beneficiary,
    Contractor,
    Expert,
}

string_enum!(ParticipantRole {
    ParticipantRole::Lead => "lead",
    ParticipantRole::Partner => "partner",
    ParticipantRole::Funder => "funder",
    ParticipantRole::Beneficiary => "beneficiary",
    ParticipantRole::Contractor => "contractor",
    ParticipantRole::Expert => "expert",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Participant {
    pub id: ParticipantId,
    pub project_id: ProjectId,
    pub actor_id: ActorId,
    pub actor_name: String,
    pub actor_kind: ActorKind,
    pub role: ParticipantRole,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewParticipant {
    pub actor_id: ActorId,
    pub role: ParticipantRole,
}

impl Validate for NewParticipant {
    fn validate(&self) -> Vec<FieldError> {
        Vec::new()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundingLine {
    pub id: FundingLineId,
    pub project_id: ProjectId,
    pub funder_id: ActorId,
    pub funder_name: String,
    pub category: FundingCategory,
    pub amount_cents: i64,
    pub status: FundingStatus,
    pub label: Option<String>,
    pub requested_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    /// The aid scheme (DETR, DSIL, FEDER…).
    pub scheme: Option<String>,
    /// The date of the grant agreement (SCDL `dateConvention`).
    pub convention_date: Option<NaiveDate>,
    /// The reference of the act deciding the grant (SCDL `referenceDecision`).
    pub decision_ref: Option<String>,
    /// When an unclaimed grant is lost.
    pub lapse_date: Option<NaiveDate>,
    /// When the application must be filed.
    pub submission_deadline: Option<NaiveDate>,
    /// The funding opportunity the line was applied for through.
    pub opportunity_id: Option<crate::ids::OpportunityId>,
    /// Statuses this line may move to next.
    pub allowed_statuses: Vec<FundingStatus>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewFundingLine {
    pub funder_id: ActorId,
    pub category: FundingCategory,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount_cents::<false>))]
    pub amount_cents: i64,
    /// Defaults to `planned`; an existing portfolio may bring lines already granted or paid.
    #[serde(default)]
    pub status: Option<FundingStatus>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ v::NAME_MAX_CHARS }>))]
    pub label: Option<String>,
    #[serde(default)]
    pub requested_on: Option<NaiveDate>,
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
    #[serde(default)]
    pub paid_on: Option<NaiveDate>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ SCHEME_MAX_CHARS }>))]
    pub scheme: Option<String>,
    #[serde(default)]
    pub convention_date: Option<NaiveDate>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ DECISION_REF_MAX_CHARS }>))]
    pub decision_ref: Option<String>,
    /// Not before the convention.
    #[serde(default)]
    pub lapse_date: Option<NaiveDate>,
    #[serde(default)]
    pub submission_deadline: Option<NaiveDate>,
}

pub const SCHEME_MAX_CHARS: usize = 100;
pub const DECISION_REF_MAX_CHARS: usize = 100;

/// Changes to a funding line: absent fields stay, `null` clears a date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FundingLinePatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funder_id: Option<ActorId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<FundingCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount_cents::<true>))]
    pub amount_cents: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<FundingStatus>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ v::NAME_MAX_CHARS }>))]
    pub label: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    pub requested_on: Option<Option<NaiveDate>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    pub decided_on: Option<Option<NaiveDate>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    pub paid_on: Option<Option<NaiveDate>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ SCHEME_MAX_CHARS }>))]
    pub scheme: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    pub convention_date: Option<Option<NaiveDate>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ DECISION_REF_MAX_CHARS }>))]
    pub decision_ref: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    pub lapse_date: Option<Option<NaiveDate>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    pub submission_deadline: Option<Option<NaiveDate>>,
}

/// The checked values of a funding line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundingFields {
    pub funder_id: ActorId,
    pub category: FundingCategory,
    pub amount_cents: i64,
    pub status: FundingStatus,
    pub label: Option<String>,
    pub requested_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub scheme: Option<String>,
    pub convention_date: Option<NaiveDate>,
    pub decision_ref: Option<String>,
    pub lapse_date: Option<NaiveDate>,
    pub submission_deadline: Option<NaiveDate>,
}

/// A trimmed optional text, blank meaning none.
fn trimmed(value: Option<String>) -> Option<String> {
    value.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty())
}

impl FundingFields {
    pub fn from_new(new: NewFundingLine) -> Self {
        FundingFields {
            funder_id: new.funder_id,
            category: new.category,
            amount_cents: new.amount_cents,
            status: new.status.unwrap_or(FundingStatus::Planned),
            label: trimmed(new.label),
            requested_on: new.requested_on,
            decided_on: new.decided_on,
            paid_on: new.paid_on,
            scheme: trimmed(new.scheme),
            convention_date: new.convention_date,
            decision_ref: trimmed(new.decision_ref),
            lapse_date: new.lapse_date,
            submission_deadline: new.submission_deadline,
        }
    }

    /// Applies a patch, refusing a status move the funding process does not
    /// allow (`planned → requested → granted | refused → …`, `granted → paid`).
    pub fn patched(
        current: &FundingLine,
        patch: FundingLinePatch,
    ) -> Result<Self, Vec<FieldError>> {
        use crate::patch::apply;
        let status = patch.status.unwrap_or(current.status);
        if !current.status.can_move_to(status) {
            let allowed: Vec<&str> = current
                .status
                .allowed_moves()
                .iter()
                .map(|s| s.as_str())
                .collect();
            return Err(vec![FieldError::new(
                "status",
                "invalid_status_move",
                format!(
                    "a {} line cannot become {}; allowed: {}",
                    current.status,
                    status,
                    if allowed.is_empty() {
                        "none".to_owned()
                    } else {
                        allowed.join(", ")
                    }
                ),
            )]);
        }
        Ok(FundingFields {
            funder_id: patch.funder_id.unwrap_or(current.funder_id),
            category: patch.category.unwrap_or(current.category),
            amount_cents: patch.amount_cents.unwrap_or(current.amount_cents),
            status,
            label: trimmed(apply(&current.label, &patch.label)),
            requested_on: apply(&current.requested_on, &patch.requested_on),
            decided_on: apply(&current.decided_on, &patch.decided_on),
            paid_on: apply(&current.paid_on, &patch.paid_on),
            scheme: trimmed(apply(&current.scheme, &patch.scheme)),
            convention_date: apply(&current.convention_date, &patch.convention_date),
            decision_ref: trimmed(apply(&current.decision_ref, &patch.decision_ref)),
            lapse_date: apply(&current.lapse_date, &patch.lapse_date),
            submission_deadline: apply(&current.submission_deadline, &patch.submission_deadline),
        })
    }

    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        errors.extend(v::amount_cents("amount_cents", self.amount_cents));
        errors.extend(v::optional_text(
            "label",
            self.label.as_deref(),
            v::NAME_MAX_CHARS,
        ));
        errors.extend(v::optional_text(
            "scheme",
            self.scheme.as_deref(),
            SCHEME_MAX_CHARS,
        ));
        errors.extend(v::optional_text(
            "decision_ref",
            self.decision_ref.as_deref(),
            DECISION_REF_MAX_CHARS,
        ));
        if let (Some(convention), Some(lapse)) = (self.convention_date, self.lapse_date) {
            if lapse < convention {
                errors.push(FieldError::new(
                    "lapse_date",
                    "before_convention",
                    "a grant cannot lapse before its agreement",
                ));
            }
        }
        if let (Some(requested), Some(decided)) = (self.requested_on, self.decided_on) {
            if decided < requested {
                errors.push(FieldError::new(
                    "decided_on",
                    "before_request",
                    "a decision cannot precede the request",
                ));
            }
        }
        if let (Some(decided), Some(paid)) = (self.decided_on, self.paid_on) {
            if paid < decided {
                errors.push(FieldError::new(
                    "paid_on",
                    "before_decision",
                    "a payment cannot precede the decision",
                ));
            }
        }
        if self.paid_on.is_some() && self.status != FundingStatus::Paid {
            errors.push(FieldError::new(
                "paid_on",
                "not_paid",
                "only a paid line has a payment date",
            ));
        }
        errors
    }
}

impl Validate for NewFundingLine {
    fn validate(&self) -> Vec<FieldError> {
        FundingFields::from_new(self.clone()).check()
    }
}

impl Validate for FundingLinePatch {
    fn validate(&self) -> Vec<FieldError> {
        self.amount_cents
            .and_then(|a| v::amount_cents("amount_cents", a))
            .into_iter()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(status: FundingStatus) -> FundingLine {
        FundingLine {
            id: FundingLineId(1),
            project_id: ProjectId(1),
            funder_id: ActorId(1),
            funder_name: "Région".into(),
            category: FundingCategory::Public,
            amount_cents: 1000,
            status,
            label: None,
            requested_on: None,
            decided_on: None,
            paid_on: None,
            scheme: None,
            convention_date: None,
            decision_ref: None,
            lapse_date: None,
            submission_deadline: None,
            opportunity_id: None,
            allowed_statuses: vec![],
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 1,
        }
    }

    #[test]
    fn patches_follow_the_status_process() {
        let to = |status| FundingLinePatch {
            status: Some(status),
            ..Default::default()
        };
        assert!(FundingFields::patched(
            &line(FundingStatus::Planned),
            to(FundingStatus::Requested)
        )
        .is_ok());
        let error = FundingFields::patched(&line(FundingStatus::Planned), to(FundingStatus::Paid))
            .unwrap_err();
        assert_eq!(error[0].field, "status");
        assert!(error[0].message.contains("requested"));
        assert!(
            FundingFields::patched(&line(FundingStatus::Refused), to(FundingStatus::Granted))
                .is_err()
        );
    }

    #[test]
    fn dates_and_amounts_are_checked() {
        let mut fields = FundingFields::from_new(NewFundingLine {
            funder_id: ActorId(1),
            category: FundingCategory::City,
            amount_cents: -5,
            status: Some(FundingStatus::Granted),
            label: None,
            requested_on: NaiveDate::from_ymd_opt(2024, 5, 1),
            decided_on: NaiveDate::from_ymd_opt(2024, 4, 1),
            paid_on: NaiveDate::from_ymd_opt(2024, 6, 1),
            scheme: Some("  DSIL ".into()),
            convention_date: NaiveDate::from_ymd_opt(2024, 6, 1),
            decision_ref: Some("   ".into()),
            lapse_date: NaiveDate::from_ymd_opt(2024, 5, 31),
            submission_deadline: None,
        });
        assert_eq!(fields.scheme.as_deref(), Some("DSIL"));
        assert_eq!(fields.decision_ref, None);
        let fields_in_error: Vec<String> = fields.check().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields_in_error,
            vec!["amount_cents", "lapse_date", "decided_on", "paid_on"]
        );
        fields.lapse_date = None;
        fields.amount_cents = 5;
        fields.decided_on = NaiveDate::from_ymd_opt(2024, 5, 2);
        fields.status = FundingStatus::Paid;
        assert!(fields.check().is_empty());
    }
}
