//! Notifications: what tells a project's people that something needs
//! them — a milestone due, a deadline or a lapse coming, a phase changed,
//! an evaluation awaited, a partner's message, a new opportunity, a
//! mention — and how each person wants to hear of it.

use crate::finance::string_enum;
use crate::ids::{NotificationId, ProjectId};
use crate::validation::Validate;
use crate::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum NotificationKind {
    /// A milestone of my project is due in a few days.
    MilestoneDue,
    /// A milestone of my project is past due and not done.
    MilestoneOverdue,
    /// A funding line's application closes in a few days.
    SubmissionDeadline,
    /// A granted line lapses in a few days if not claimed.
    LapseDate,
    /// A project of mine changed phase.
    PhaseChanged,
    /// My project is in instruction and awaits its ex-ante evaluations.
    EvaluationAwaited,
    /// A partner wrote on my project's journal.
    PartnerJournal,
    /// A new opportunity matches one of my projects.
    OpportunityMatch,
    /// Someone named me (`@e-mail`) in a journal entry.
    Mention,
}

string_enum!(NotificationKind {
    NotificationKind::MilestoneDue => "milestone_due",
    NotificationKind::MilestoneOverdue => "milestone_overdue",
    NotificationKind::SubmissionDeadline => "submission_deadline",
    NotificationKind::LapseDate => "lapse_date",
    NotificationKind::PhaseChanged => "phase_changed",
    NotificationKind::EvaluationAwaited => "evaluation_awaited",
    NotificationKind::PartnerJournal => "partner_journal",
    NotificationKind::OpportunityMatch => "opportunity_match",
    NotificationKind::Mention => "mention",
});

/// When notifications go out by e-mail as well.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum EmailFrequency {
    Off,
    /// At the next run of the reminders, as they come.
    Immediate,
    /// One digest a day.
    #[default]
    Daily,
    /// One digest a week, on Mondays.
    Weekly,
}

string_enum!(EmailFrequency {
    EmailFrequency::Off => "off",
    EmailFrequency::Immediate => "immediate",
    EmailFrequency::Daily => "daily",
    EmailFrequency::Weekly => "weekly",
});

pub const REMINDER_DAYS_MAX: u32 = 365;
pub const REMINDER_THRESHOLDS_MAX: usize = 10;

/// `GET/PUT /api/v1/me/notification-preferences`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NotificationPreferences {
    #[serde(default)]
    pub email: EmailFrequency,
    /// How many days ahead a due date is recalled, each once.
    #[serde(default = "default_reminder_days")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::reminder_days))]
    pub reminder_days: Vec<u32>,
    /// Kinds turned on or off; a kind not listed is on.
    #[serde(default)]
    pub events: BTreeMap<NotificationKind, bool>,
}

fn default_reminder_days() -> Vec<u32> {
    vec![30, 7, 1]
}

impl Default for NotificationPreferences {
    fn default() -> Self {
        NotificationPreferences {
            email: EmailFrequency::default(),
            reminder_days: default_reminder_days(),
            events: BTreeMap::new(),
        }
    }
}

impl NotificationPreferences {
    pub fn wants(&self, kind: NotificationKind) -> bool {
        self.events.get(&kind).copied().unwrap_or(true)
    }

    /// Every kind listed with its choice, the thresholds in decreasing
    /// order: the answer of `GET`.
    pub fn complete(mut self) -> Self {
        for kind in NotificationKind::ALL {
            let wanted = self.wants(kind);
            self.events.insert(kind, wanted);
        }
        self.reminder_days = self
            .reminder_days
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .rev()
            .collect();
        self
    }
}

impl Validate for NotificationPreferences {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.reminder_days.len() > REMINDER_THRESHOLDS_MAX {
            errors.push(FieldError::new(
                "reminder_days",
                "too_many",
                format!("at most {REMINDER_THRESHOLDS_MAX} thresholds"),
            ));
        }
        let mut seen = BTreeSet::new();
        for (index, days) in self.reminder_days.iter().enumerate() {
            if *days > REMINDER_DAYS_MAX {
                errors.push(FieldError::new(
                    format!("reminder_days.{index}"),
                    "out_of_range",
                    format!("between 0 and {REMINDER_DAYS_MAX} days"),
                ));
            }
            if !seen.insert(*days) {
                errors.push(FieldError::new(
                    format!("reminder_days.{index}"),
                    "duplicate",
                    "each threshold once",
                ));
            }
        }
        errors
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: NotificationId,
    pub kind: NotificationKind,
    pub project_id: Option<ProjectId>,
    pub title: String,
    pub body: String,
    /// The page of the web app it is about.
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/notifications`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationList {
    /// Mine, newest first.
    pub items: Vec<Notification>,
    /// How many of mine are unread (all of them, not only this page).
    pub unread: u64,
    pub total: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct NotificationQuery {
    /// Only the unread ones.
    pub unread: Option<bool>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// A reminder due for a date: the threshold it answers (the tightest of
/// those the date is within), or `None` when no threshold is reached.
/// Past the date, no threshold answers (the overdue reminder does).
pub fn reminder_threshold(due: NaiveDate, today: NaiveDate, thresholds: &[u32]) -> Option<u32> {
    let left = (due - today).num_days();
    if left < 0 {
        return None;
    }
    thresholds
        .iter()
        .copied()
        .filter(|t| i64::from(*t) >= left)
        .min()
}

/// The e-mail addresses named `@e-mail` in a text, lower-cased, each once.
pub fn mentions(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let before_ok = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "([,;:".contains(c));
        if !before_ok {
            continue;
        }
        let address: String = text[at + 1..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || "._%+-@".contains(*c))
            .collect();
        let address = address.trim_end_matches(['.', '-']).to_lowercase();
        if crate::validation::email("mention", &address).is_none() && !found.contains(&address) {
            found.push(address);
        }
    }
    found
}

/// Whether a digest of this frequency goes out on `day` (weekly ones on
/// Mondays).
pub fn digest_due(frequency: EmailFrequency, day: NaiveDate) -> bool {
    use chrono::Datelike;
    match frequency {
        EmailFrequency::Off => false,
        EmailFrequency::Immediate | EmailFrequency::Daily => true,
        EmailFrequency::Weekly => day.weekday() == chrono::Weekday::Mon,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_reminder_answers_the_tightest_threshold_reached() {
        let due = day(2026, 6, 30);
        let thresholds = [30, 7, 1];
        assert_eq!(reminder_threshold(due, day(2026, 5, 1), &thresholds), None);
        assert_eq!(
            reminder_threshold(due, day(2026, 5, 31), &thresholds),
            Some(30)
        );
        assert_eq!(
            reminder_threshold(due, day(2026, 6, 25), &thresholds),
            Some(7)
        );
        assert_eq!(
            reminder_threshold(due, day(2026, 6, 30), &thresholds),
            Some(1)
        );
        assert_eq!(reminder_threshold(due, day(2026, 7, 1), &thresholds), None);
        assert_eq!(reminder_threshold(due, day(2026, 6, 1), &[]), None);
    }

    #[test]
    fn mentions_are_addresses_after_an_at_sign() {
        assert_eq!(
            mentions("Vu avec @Lea.Martin@ville.example et (@paul@ville.example), écrire à contact@x.example ; @lea.martin@ville.example."),
            ["lea.martin@ville.example", "paul@ville.example"]
        );
        assert!(mentions("@ nobody").is_empty());
    }

    #[test]
    fn preferences_default_and_complete() {
        let mut preferences = NotificationPreferences::default();
        assert_eq!(preferences.email, EmailFrequency::Daily);
        assert!(preferences.wants(NotificationKind::Mention));
        preferences.events.insert(NotificationKind::Mention, false);
        preferences.reminder_days = vec![1, 30, 7];
        let complete = preferences.complete();
        assert_eq!(complete.events.len(), NotificationKind::ALL.len());
        assert!(!complete.wants(NotificationKind::Mention));
        assert_eq!(complete.reminder_days, [30, 7, 1]);
        let bad = NotificationPreferences {
            reminder_days: vec![7, 7, 400],
            ..Default::default()
        };
        let fields: Vec<String> = bad.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["reminder_days.1", "reminder_days.2"]);
    }

    #[test]
    fn weekly_digests_go_out_on_mondays() {
        assert!(digest_due(EmailFrequency::Weekly, day(2026, 12, 7)));
        assert!(!digest_due(EmailFrequency::Weekly, day(2026, 12, 8)));
        assert!(digest_due(EmailFrequency::Daily, day(2026, 12, 8)));
        assert!(!digest_due(EmailFrequency::Off, day(2026, 12, 7)));
    }
}
