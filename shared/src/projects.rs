//! Projects: their record, lifecycle moves, milestones, journal and
//! documents — the unit's knowledge base.

use crate::exchange::ExportFormat;
use crate::finance::{string_enum, Finance};
use crate::ids::{DocumentId, JournalEntryId, MilestoneId, ProjectId, TransitionId, UserId};
use crate::lifecycle::{allowed_moves, AbandonReason, DecisionOutcome, Phase};
use crate::patch::nullable;
use crate::validation::{self as v, Validate};
use crate::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The five strategic axes of the source document, the default list.
pub const DEFAULT_AXES: [&str; 5] = [
    "Développement",
    "Prospective",
    "Innovation",
    "Attractivité",
    "Investissement",
];

pub const SUMMARY_MAX_CHARS: usize = 1000;
pub const MOTIVATION_MAX_CHARS: usize = 2000;
pub const TEAM_MAX_MEMBERS: usize = 50;
pub const AXIS_MAX_CHARS: usize = 100;

/// Kinds of innovation (Oslo manual, plus public-service innovation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InnovationType {
    Technological,
    Social,
    Organisational,
    Marketing,
    BusinessModel,
    PublicService,
}

string_enum!(InnovationType {
    InnovationType::Technological => "technological",
    InnovationType::Social => "social",
    InnovationType::Organisational => "organisational",
    InnovationType::Marketing => "marketing",
    InnovationType::BusinessModel => "business_model",
    InnovationType::PublicService => "public_service",
});

/// Who may see a project beyond the staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum Visibility {
    #[default]
    Internal,
    /// Partners taking part in it.
    Partners,
    /// Everyone (published as open data).
    Public,
}

string_enum!(Visibility {
    Visibility::Internal => "internal",
    Visibility::Partners => "partners",
    Visibility::Public => "public",
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Project {
    pub id: ProjectId,
    /// Human-readable and unique: year of commission and a number, `2025-042`.
    pub reference: String,
    pub title: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub axis: String,
    pub innovation_types: Vec<InnovationType>,
    pub phase: Phase,
    /// While suspended: the phase the project will resume to.
    pub suspended_from: Option<Phase>,
    pub decision_outcome: Option<DecisionOutcome>,
    pub abandon_reason: Option<AbandonReason>,
    pub commission_date: NaiveDate,
    pub decision_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub planned_end_date: Option<NaiveDate>,
    pub actual_end_date: Option<NaiveDate>,
    pub lead_id: Option<UserId>,
    pub team: Vec<UserId>,
    pub sponsor: Option<String>,
    pub commune_insee: Option<String>,
    pub area: Option<String>,
    pub total_cost_cents: i64,
    pub visibility: Visibility,
    pub tags: Vec<String>,
    /// Days from commission to decision, once decided.
    pub instruction_days: Option<i64>,
    pub finance: Finance,
    /// Phases the project may move to now.
    pub allowed_transitions: Vec<Phase>,
    /// The autorisation de programme in force: the latest revision's
    /// amount; absent when none was voted (or for partners).
    pub ap_cents: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// Instruction time: decision date minus commission date, in days.
pub fn instruction_days(commission: NaiveDate, decision: Option<NaiveDate>) -> Option<i64> {
    decision.map(|d| (d - commission).num_days())
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewProject {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ v::NAME_MAX_CHARS }, false>))]
    pub title: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ SUMMARY_MAX_CHARS }>))]
    pub summary: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::long_text_or_blank))]
    pub description: Option<String>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ v::NAME_MAX_CHARS }, false>))]
    pub axis: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::innovation_types::<false>))]
    pub innovation_types: Vec<InnovationType>,
    /// Date of the commission letter; today when absent.
    #[serde(default)]
    pub commission_date: Option<NaiveDate>,
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    #[serde(default)]
    pub planned_end_date: Option<NaiveDate>,
    #[serde(default)]
    pub actual_end_date: Option<NaiveDate>,
    #[serde(default)]
    pub lead_id: Option<UserId>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::team::<false>))]
    pub team: Vec<UserId>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ v::NAME_MAX_CHARS }>))]
    pub sponsor: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_insee))]
    pub commune_insee: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ v::NAME_MAX_CHARS }>))]
    pub area: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount_cents::<false>))]
    pub total_cost_cents: i64,
    #[serde(default)]
    pub visibility: Visibility,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::tags::<false>))]
    pub tags: Vec<String>,
}

/// Changes to a project: absent fields stay, `null` clears. The phase is
/// not here: it moves only through transitions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProjectPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::trimmed_text::<{ v::NAME_MAX_CHARS }, true>))]
    pub title: Option<String>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ SUMMARY_MAX_CHARS }>))]
    pub summary: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::long_text_or_blank))]
    pub description: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::trimmed_text::<{ v::NAME_MAX_CHARS }, true>))]
    pub axis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::innovation_types::<true>))]
    pub innovation_types: Option<Vec<InnovationType>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commission_date: Option<NaiveDate>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    pub start_date: Option<Option<NaiveDate>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    pub planned_end_date: Option<Option<NaiveDate>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    pub actual_end_date: Option<Option<NaiveDate>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub lead_id: Option<Option<UserId>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::team::<true>))]
    pub team: Option<Vec<UserId>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ v::NAME_MAX_CHARS }>))]
    pub sponsor: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_insee))]
    pub commune_insee: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ v::NAME_MAX_CHARS }>))]
    pub area: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount_cents::<true>))]
    pub total_cost_cents: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::tags::<true>))]
    pub tags: Option<Vec<String>>,
}

impl Validate for ProjectPatch {
    fn validate(&self) -> Vec<FieldError> {
        // Checked as a whole against the current record in the handler.
        Vec::new()
    }
}

/// The editable values of a project, checked together.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectFields {
    pub title: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub axis: String,
    pub innovation_types: Vec<InnovationType>,
    pub commission_date: NaiveDate,
    pub start_date: Option<NaiveDate>,
    pub planned_end_date: Option<NaiveDate>,
    pub actual_end_date: Option<NaiveDate>,
    pub lead_id: Option<UserId>,
    pub team: Vec<UserId>,
    pub sponsor: Option<String>,
    pub commune_insee: Option<String>,
    pub area: Option<String>,
    pub total_cost_cents: i64,
    pub visibility: Visibility,
    pub tags: Vec<String>,
}

fn trimmed(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl ProjectFields {
    pub fn from_new(new: NewProject, today: NaiveDate) -> Self {
        ProjectFields {
            title: new.title.trim().to_owned(),
            summary: trimmed(new.summary),
            description: new.description.filter(|d| !d.trim().is_empty()),
            axis: new.axis.trim().to_owned(),
            innovation_types: new.innovation_types,
            commission_date: new.commission_date.unwrap_or(today),
            start_date: new.start_date,
            planned_end_date: new.planned_end_date,
            actual_end_date: new.actual_end_date,
            lead_id: new.lead_id,
            team: new.team,
            sponsor: trimmed(new.sponsor),
            commune_insee: trimmed(new.commune_insee),
            area: trimmed(new.area),
            total_cost_cents: new.total_cost_cents,
            visibility: new.visibility,
            tags: new.tags,
        }
    }

    pub fn patched(current: &Project, patch: ProjectPatch) -> Self {
        use crate::patch::apply;
        ProjectFields {
            title: patch
                .title
                .map(|t| t.trim().to_owned())
                .unwrap_or_else(|| current.title.clone()),
            summary: trimmed(apply(&current.summary, &patch.summary)),
            description: apply(&current.description, &patch.description)
                .filter(|d| !d.trim().is_empty()),
            axis: patch
                .axis
                .map(|a| a.trim().to_owned())
                .unwrap_or_else(|| current.axis.clone()),
            innovation_types: patch
                .innovation_types
                .unwrap_or_else(|| current.innovation_types.clone()),
            commission_date: patch.commission_date.unwrap_or(current.commission_date),
            start_date: apply(&current.start_date, &patch.start_date),
            planned_end_date: apply(&current.planned_end_date, &patch.planned_end_date),
            actual_end_date: apply(&current.actual_end_date, &patch.actual_end_date),
            lead_id: apply(&current.lead_id, &patch.lead_id),
            team: patch.team.unwrap_or_else(|| current.team.clone()),
            sponsor: trimmed(apply(&current.sponsor, &patch.sponsor)),
            commune_insee: trimmed(apply(&current.commune_insee, &patch.commune_insee)),
            area: trimmed(apply(&current.area, &patch.area)),
            total_cost_cents: patch.total_cost_cents.unwrap_or(current.total_cost_cents),
            visibility: patch.visibility.unwrap_or(current.visibility),
            tags: patch.tags.unwrap_or_else(|| current.tags.clone()),
        }
    }

    /// Every rule that needs no database: the axis against the configured
    /// list, dates in order, amounts, texts. `decision_date` (if decided)
    /// must not precede a changed commission date.
    pub fn check(&self, axes: &[String], decision_date: Option<NaiveDate>) -> Vec<FieldError> {
        let mut errors = Vec::new();
        errors.extend(v::required_text("title", &self.title, v::NAME_MAX_CHARS));
        errors.extend(v::optional_text(
            "summary",
            self.summary.as_deref(),
            SUMMARY_MAX_CHARS,
        ));
        errors.extend(v::long_text("description", self.description.as_deref()));
        if !axes.iter().any(|a| a == &self.axis) {
            errors.push(FieldError::new(
                "axis",
                "invalid_choice",
                format!("unknown axis; configured axes: {}", axes.join(", ")),
            ));
        }
        let mut seen = Vec::new();
        for (index, kind) in self.innovation_types.iter().enumerate() {
            if seen.contains(kind) {
                errors.push(FieldError::new(
                    format!("innovation_types.{index}"),
                    "duplicate",
                    "listed twice",
                ));
            }
            seen.push(*kind);
        }
        if let (Some(start), Some(end)) = (self.start_date, self.planned_end_date) {
            if end < start {
                errors.push(FieldError::new(
                    "planned_end_date",
                    "before_start",
                    "the planned end precedes the start",
                ));
            }
        }
        if let (Some(start), Some(end)) = (self.start_date, self.actual_end_date) {
            if end < start {
                errors.push(FieldError::new(
                    "actual_end_date",
                    "before_start",
                    "the end precedes the start",
                ));
            }
        }
        if let Some(start) = self.start_date {
            if start < self.commission_date {
                errors.push(FieldError::new(
                    "start_date",
                    "before_commission",
                    "a project cannot start before its commission",
                ));
            }
        }
        if let Some(decision) = decision_date {
            if decision < self.commission_date {
                errors.push(FieldError::new(
                    "commission_date",
                    "after_decision",
                    "the commission cannot follow the decision already recorded",
                ));
            }
        }
        errors.extend(v::optional_text(
            "sponsor",
            self.sponsor.as_deref(),
            v::NAME_MAX_CHARS,
        ));
        errors.extend(v::commune_insee(
            "commune_insee",
            self.commune_insee.as_deref(),
        ));
        errors.extend(v::optional_text(
            "area",
            self.area.as_deref(),
            v::NAME_MAX_CHARS,
        ));
        errors.extend(v::amount_cents("total_cost_cents", self.total_cost_cents));
        errors.extend(v::tags("tags", &self.tags));
        if self.team.len() > TEAM_MAX_MEMBERS {
            errors.push(FieldError::new(
                "team",
                "too_many",
                "at most 50 team members",
            ));
        }
        errors
    }
}

impl Validate for NewProject {
    fn validate(&self) -> Vec<FieldError> {
        // The axis is checked against the configured list in the handler.
        let mut errors = Vec::new();
        errors.extend(v::required_text("title", &self.title, v::NAME_MAX_CHARS));
        errors.extend(v::required_text("axis", &self.axis, v::NAME_MAX_CHARS));
        errors
    }
}

/// A lifecycle move as requested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewTransition {
    pub to: Phase,
    /// When it happened (may be in the past, never before the commission).
    pub date: NaiveDate,
    /// Why: recorded in the project's history.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::transition_motivation))]
    pub motivation: String,
    /// Required when moving to `decision`.
    #[serde(default)]
    pub outcome: Option<DecisionOutcome>,
    /// Required when moving to `abandonne`.
    #[serde(default)]
    pub reason: Option<AbandonReason>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::long_text::<true>))]
    pub comment: Option<String>,
}

impl Validate for NewTransition {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        errors.extend(
            v::required_text("motivation", self.motivation.trim(), MOTIVATION_MAX_CHARS).map(
                |mut e| {
                    e.field = "motivation".into();
                    e
                },
            ),
        );
        if self.motivation.trim().is_empty() {
            errors.retain(|e| e.field != "motivation");
            errors.push(FieldError::new(
                "motivation",
                "required",
                "say why the project moves",
            ));
        }
        errors.extend(v::long_text("comment", self.comment.as_deref()));
        errors
    }
}

/// Why a requested move cannot happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitionRefusal {
    /// Not a move from the current phase; lists the allowed ones.
    NotAllowed { from: Phase, allowed: Vec<Phase> },
    /// The move is allowed but its fields are not right.
    Invalid(Vec<FieldError>),
}

/// What a project looks like to the transition rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LifecycleState {
    pub phase: Phase,
    pub suspended_from: Option<Phase>,
    pub commission_date: NaiveDate,
}

/// Checks a requested move against the table and its field rules.
pub fn check_transition(
    state: LifecycleState,
    request: &NewTransition,
) -> Result<(), TransitionRefusal> {
    let allowed = allowed_moves(state.phase, state.suspended_from);
    if !allowed.contains(&request.to) {
        return Err(TransitionRefusal::NotAllowed {
            from: state.phase,
            allowed,
        });
    }
    let mut errors = Vec::new();
    if request.date < state.commission_date {
        errors.push(FieldError::new(
            "date",
            "before_commission",
            format!(
                "a move cannot precede the commission date ({})",
                state.commission_date
            ),
        ));
    }
    match (request.to, request.outcome) {
        (Phase::Decision, None) => errors.push(FieldError::new(
            "outcome",
            "required",
            "a decision records its outcome: go, go_with_conditions or no_go",
        )),
        (Phase::Decision, Some(_)) => {}
        (_, Some(_)) => errors.push(FieldError::new(
            "outcome",
            "not_applicable",
            "only a move to `decision` has an outcome",
        )),
        (_, None) => {}
    }
    let ends_abandoned =
        request.to == Phase::Abandonne || request.outcome == Some(DecisionOutcome::NoGo);
    match (ends_abandoned, request.reason) {
        (true, None) if request.to == Phase::Abandonne => errors.push(FieldError::new(
            "reason",
            "required",
            "give the reason: financing, partners, market_relevance, time or other",
        )),
        (false, Some(_)) => errors.push(FieldError::new(
            "reason",
            "not_applicable",
            "only an abandonment has a reason",
        )),
        _ => {}
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(TransitionRefusal::Invalid(errors))
    }
}

/// A project's lifecycle fields, as a move finds and leaves them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LifecycleFields {
    pub phase: Phase,
    pub suspended_from: Option<Phase>,
    pub decision_outcome: Option<DecisionOutcome>,
    pub decision_date: Option<NaiveDate>,
    pub abandon_reason: Option<AbandonReason>,
    pub start_date: Option<NaiveDate>,
    pub actual_end_date: Option<NaiveDate>,
}

impl LifecycleFields {
    pub fn of(project: &Project) -> Self {
        LifecycleFields {
            phase: project.phase,
            suspended_from: project.suspended_from,
            decision_outcome: project.decision_outcome,
            decision_date: project.decision_date,
            abandon_reason: project.abandon_reason,
            start_date: project.start_date,
            actual_end_date: project.actual_end_date,
        }
    }
}

/// What an accepted move does (see [`move_effects`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoveEffects {
    /// The project's lifecycle fields after the move.
    pub after: LifecycleFields,
    /// A no-go decision ends the project: the abandonment recorded right
    /// after the decision, with its reason (`other` when none was given).
    pub then_abandoned: Option<AbandonReason>,
}

/// The effects of a move [`check_transition`] accepted, as a plain rule:
/// a suspension remembers the phase it left, a decision its date and
/// outcome, a no-go abandons the project, the first move into
/// `realisation` starts it and the first into `cloture` ends it (dates
/// already set are kept).
pub fn move_effects(before: LifecycleFields, request: &NewTransition) -> MoveEffects {
    let then_abandoned = (request.outcome == Some(DecisionOutcome::NoGo))
        .then(|| request.reason.unwrap_or(AbandonReason::Other));
    let phase = if then_abandoned.is_some() {
        Phase::Abandonne
    } else {
        request.to
    };
    let abandon_reason = then_abandoned.or(match request.to {
        Phase::Abandonne => request.reason,
        _ => None,
    });
    let after = LifecycleFields {
        phase,
        suspended_from: (phase == Phase::Suspendu).then_some(before.phase),
        decision_outcome: request.outcome.or(before.decision_outcome),
        decision_date: match request.to {
            Phase::Decision => Some(request.date),
            _ => before.decision_date,
        },
        abandon_reason,
        start_date: match request.to {
            Phase::Realisation => before.start_date.or(Some(request.date)),
            _ => before.start_date,
        },
        actual_end_date: match request.to {
            Phase::Cloture => before.actual_end_date.or(Some(request.date)),
            _ => before.actual_end_date,
        },
    };
    MoveEffects {
        after,
        then_abandoned,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transition {
    pub id: TransitionId,
    pub project_id: ProjectId,
    pub from: Phase,
    pub to: Phase,
    pub date: NaiveDate,
    pub motivation: String,
    pub outcome: Option<DecisionOutcome>,
    pub reason: Option<AbandonReason>,
    pub comment: Option<String>,
    /// Who recorded it.
    pub user_id: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Milestone {
    pub id: MilestoneId,
    pub project_id: ProjectId,
    pub title: String,
    pub due_date: Option<NaiveDate>,
    pub done_date: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

impl Milestone {
    /// Due before `today` and not done.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.done_date.is_none() && self.due_date.is_some_and(|due| due < today)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMilestone {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ v::NAME_MAX_CHARS }, false>))]
    pub title: String,
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    #[serde(default)]
    pub done_date: Option<NaiveDate>,
}

impl Validate for NewMilestone {
    fn validate(&self) -> Vec<FieldError> {
        v::required_text("title", &self.title, v::NAME_MAX_CHARS)
            .into_iter()
            .collect()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MilestonePatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ v::NAME_MAX_CHARS }, true>))]
    pub title: Option<String>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    pub due_date: Option<Option<NaiveDate>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    pub done_date: Option<Option<NaiveDate>>,
}

impl Validate for MilestonePatch {
    fn validate(&self) -> Vec<FieldError> {
        self.title
            .as_deref()
            .and_then(|t| v::required_text("title", t, v::NAME_MAX_CHARS))
            .into_iter()
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum JournalKind {
    Note,
    Decision,
    /// A lesson learned, for the next projects.
    Lesson,
    /// An exchange with the project's partners: the only kind they see,
    /// and the kind of what they write.
    Partner,
}

string_enum!(JournalKind {
    JournalKind::Note => "note",
    JournalKind::Decision => "decision",
    JournalKind::Lesson => "lesson",
    JournalKind::Partner => "partner",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JournalEntry {
    pub id: JournalEntryId,
    pub project_id: ProjectId,
    pub kind: JournalKind,
    pub body: String,
    pub author_id: Option<UserId>,
    pub author_name: Option<String>,
    pub date: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewJournalEntry {
    pub kind: JournalKind,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_long_text::<false>))]
    pub body: String,
    /// Defaults to today.
    #[serde(default)]
    pub date: Option<NaiveDate>,
}

impl Validate for NewJournalEntry {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.body.trim().is_empty() {
            errors.push(FieldError::new("body", "required", "write something"));
        }
        errors.extend(v::long_text("body", Some(&self.body)));
        errors
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct JournalEntryPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<JournalKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_long_text::<true>))]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

impl Validate for JournalEntryPatch {
    fn validate(&self) -> Vec<FieldError> {
        match &self.body {
            Some(body) if body.trim().is_empty() => {
                vec![FieldError::new("body", "required", "write something")]
            }
            Some(body) => v::long_text("body", Some(body)).into_iter().collect(),
            None => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Document {
    pub id: DocumentId,
    pub project_id: ProjectId,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: DateTime<Utc>,
}

/// Axes a town works along, in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Axes {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::axes))]
    pub axes: Vec<String>,
}

impl Validate for Axes {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.axes.is_empty() {
            errors.push(FieldError::new(
                "axes",
                "required",
                "keep at least one axis",
            ));
        }
        for (index, axis) in self.axes.iter().enumerate() {
            if let Some(mut error) = v::required_text("axes", axis, AXIS_MAX_CHARS) {
                error.field = format!("axes.{index}");
                errors.push(error);
            } else if self.axes[..index].iter().any(|a| a.trim() == axis.trim()) {
                errors.push(FieldError::new(
                    format!("axes.{index}"),
                    "duplicate",
                    "listed twice",
                ));
            }
        }
        errors
    }
}

/// `GET /api/v1/projects`: the portfolio's search, as the server reads it
/// and the web app writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ProjectListQuery {
    /// Text searched in reference, title and summary.
    pub q: Option<String>,
    pub phase: Option<Phase>,
    pub axis: Option<String>,
    pub lead_id: Option<i64>,
    pub innovation_type: Option<InnovationType>,
    pub tag: Option<String>,
    /// Year of the commission letter.
    pub commission_year: Option<i32>,
    /// `reference`, `title`, `phase`, `axis`, `commission_date`, `decision_date`,
    /// `total_cost_cents`, `created_at`, `updated_at`; `-` for descending.
    pub sort: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `csv` or `xlsx`: every matching project as a file (also asked with
    /// `Accept`), in the columns the import reads.
    pub format: Option<ExportFormat>,
}

/// The project list's filters, as every view of the portfolio that is
/// "filtered like the project list" reads them (the list, the programme,
/// the roadmap): one set of criteria, one way of applying them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectCriteria {
    pub q: Option<String>,
    pub phase: Option<Phase>,
    pub axis: Option<String>,
    pub lead_id: Option<i64>,
    pub innovation_type: Option<InnovationType>,
    pub tag: Option<String>,
    pub commission_year: Option<i32>,
}

impl ProjectListQuery {
    pub fn criteria(&self) -> ProjectCriteria {
        ProjectCriteria {
            q: self.q.clone(),
            phase: self.phase,
            axis: self.axis.clone(),
            lead_id: self.lead_id,
            innovation_type: self.innovation_type,
            tag: self.tag.clone(),
            commission_year: self.commission_year,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(phase: Phase) -> LifecycleFields {
        LifecycleFields {
            phase,
            suspended_from: None,
            decision_outcome: None,
            decision_date: None,
            abandon_reason: None,
            start_date: None,
            actual_end_date: None,
        }
    }

    fn move_to(to: Phase, date: (i32, u32, u32)) -> NewTransition {
        NewTransition {
            to,
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            motivation: "parce que".into(),
            outcome: None,
            reason: None,
            comment: None,
        }
    }

    #[test]
    fn a_no_go_decision_abandons_the_project() {
        let mut request = move_to(Phase::Decision, (2025, 3, 1));
        request.outcome = Some(DecisionOutcome::NoGo);
        let effects = move_effects(fields(Phase::Instruction), &request);
        assert_eq!(effects.then_abandoned, Some(AbandonReason::Other));
        assert_eq!(effects.after.phase, Phase::Abandonne);
        assert_eq!(effects.after.abandon_reason, Some(AbandonReason::Other));
        assert_eq!(effects.after.decision_outcome, Some(DecisionOutcome::NoGo));
        assert_eq!(effects.after.decision_date, Some(request.date));

        request.reason = Some(AbandonReason::Financing);
        let effects = move_effects(fields(Phase::Instruction), &request);
        assert_eq!(effects.then_abandoned, Some(AbandonReason::Financing));
    }

    #[test]
    fn a_go_keeps_the_decision_and_moves_on() {
        let mut request = move_to(Phase::Decision, (2025, 3, 1));
        request.outcome = Some(DecisionOutcome::Go);
        let effects = move_effects(fields(Phase::Instruction), &request);
        assert_eq!(effects.then_abandoned, None);
        assert_eq!(effects.after.phase, Phase::Decision);
        assert_eq!(effects.after.abandon_reason, None);
    }

    #[test]
    fn a_suspension_remembers_the_phase_it_left_and_resuming_forgets_it() {
        let suspended = move_effects(
            fields(Phase::Realisation),
            &move_to(Phase::Suspendu, (2025, 5, 1)),
        );
        assert_eq!(suspended.after.suspended_from, Some(Phase::Realisation));
        let resumed = move_effects(suspended.after, &move_to(Phase::Realisation, (2025, 6, 1)));
        assert_eq!(resumed.after.suspended_from, None);
    }

    #[test]
    fn start_and_end_dates_are_set_once() {
        let started = move_effects(
            fields(Phase::Decision),
            &move_to(Phase::Realisation, (2025, 4, 1)),
        );
        assert_eq!(
            started.after.start_date,
            NaiveDate::from_ymd_opt(2025, 4, 1)
        );
        let suspended = move_effects(started.after, &move_to(Phase::Suspendu, (2025, 5, 1)));
        let resumed = move_effects(suspended.after, &move_to(Phase::Realisation, (2025, 6, 1)));
        assert_eq!(
            resumed.after.start_date,
            NaiveDate::from_ymd_opt(2025, 4, 1)
        );
        let closed = move_effects(resumed.after, &move_to(Phase::Cloture, (2026, 1, 10)));
        assert_eq!(
            closed.after.actual_end_date,
            NaiveDate::from_ymd_opt(2026, 1, 10)
        );
        let abandoned = move_effects(
            fields(Phase::Cadrage),
            &NewTransition {
                reason: Some(AbandonReason::Partners),
                ..move_to(Phase::Abandonne, (2025, 2, 1))
            },
        );
        assert_eq!(
            abandoned.after.abandon_reason,
            Some(AbandonReason::Partners)
        );
        assert_eq!(abandoned.then_abandoned, None);
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn state(phase: Phase) -> LifecycleState {
        LifecycleState {
            phase,
            suspended_from: None,
            commission_date: date(2024, 3, 1),
        }
    }

    fn request(to: Phase) -> NewTransition {
        NewTransition {
            to,
            date: date(2024, 6, 1),
            motivation: "Comité du 1er juin".into(),
            outcome: None,
            reason: None,
            comment: None,
        }
    }

    #[test]
    fn instruction_time_in_days() {
        assert_eq!(
            instruction_days(date(2024, 1, 1), Some(date(2024, 3, 1))),
            Some(60)
        );
        assert_eq!(instruction_days(date(2024, 1, 1), None), None);
    }

    #[test]
    fn illegal_moves_list_the_allowed_ones() {
        let refusal =
            check_transition(state(Phase::Commande), &request(Phase::Realisation)).unwrap_err();
        assert_eq!(
            refusal,
            TransitionRefusal::NotAllowed {
                from: Phase::Commande,
                allowed: vec![Phase::Cadrage, Phase::Suspendu, Phase::Abandonne]
            }
        );
    }

    #[test]
    fn a_decision_needs_its_outcome_and_an_abandonment_its_reason() {
        let TransitionRefusal::Invalid(errors) =
            check_transition(state(Phase::Instruction), &request(Phase::Decision)).unwrap_err()
        else {
            panic!()
        };
        assert_eq!(errors[0].field, "outcome");
        let mut go = request(Phase::Decision);
        go.outcome = Some(DecisionOutcome::Go);
        assert!(check_transition(state(Phase::Instruction), &go).is_ok());
        let mut no_go = request(Phase::Decision);
        no_go.outcome = Some(DecisionOutcome::NoGo);
        no_go.reason = Some(AbandonReason::Financing);
        assert!(check_transition(state(Phase::Instruction), &no_go).is_ok());

        let TransitionRefusal::Invalid(errors) =
            check_transition(state(Phase::Cadrage), &request(Phase::Abandonne)).unwrap_err()
        else {
            panic!()
        };
        assert_eq!(errors[0].field, "reason");
        let mut misplaced = request(Phase::Cadrage);
        misplaced.reason = Some(AbandonReason::Time);
        assert!(check_transition(state(Phase::Commande), &misplaced).is_err());
    }

    #[test]
    fn no_move_before_the_commission() {
        let mut early = request(Phase::Cadrage);
        early.date = date(2024, 2, 28);
        let TransitionRefusal::Invalid(errors) =
            check_transition(state(Phase::Commande), &early).unwrap_err()
        else {
            panic!()
        };
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code.as_str()),
            ("date", "before_commission")
        );
        early.date = date(2024, 3, 1);
        assert!(
            check_transition(state(Phase::Commande), &early).is_ok(),
            "the same day is fine"
        );
    }

    #[test]
    fn project_fields_rules() {
        let axes: Vec<String> = DEFAULT_AXES.iter().map(|a| a.to_string()).collect();
        let mut fields = ProjectFields::from_new(
            NewProject {
                title: "Tiers-lieu".into(),
                axis: "Innovation".into(),
                ..Default::default()
            },
            date(2025, 1, 10),
        );
        assert!(fields.check(&axes, None).is_empty());
        assert_eq!(fields.commission_date, date(2025, 1, 10));
        fields.axis = "Tourisme".into();
        fields.start_date = Some(date(2024, 1, 1));
        fields.total_cost_cents = -1;
        let errors: Vec<String> = fields
            .check(&axes, Some(date(2024, 12, 1)))
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            errors,
            vec!["axis", "start_date", "commission_date", "total_cost_cents"]
        );
    }
}
