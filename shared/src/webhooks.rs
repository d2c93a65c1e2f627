//! Webhooks: the town's other systems subscribe to events of the portfolio
//! and receive each one as a signed HTTP `POST`.

use crate::ids::{DeliveryId, WebhookId};
use crate::validation::Validate;
use crate::FieldError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a subscription can be notified of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum WebhookEvent {
    /// A project was created.
    #[serde(rename = "project.created")]
    ProjectCreated,
    /// A project moved to another phase of its lifecycle.
    #[serde(rename = "project.phase_changed")]
    ProjectPhaseChanged,
    /// A funding line's status changed (requested, granted, paid...).
    #[serde(rename = "funding_line.status_changed")]
    FundingLineStatusChanged,
    /// An evaluation was submitted.
    #[serde(rename = "evaluation.submitted")]
    EvaluationSubmitted,
    /// A measurement of an impact indicator was recorded.
    #[serde(rename = "indicator.measurement_added")]
    IndicatorMeasurementAdded,
    /// The investment programme changed: an AP revision, a project's CP,
    /// a funding line's schedule or the town's capacity.
    #[serde(rename = "programme.changed")]
    ProgrammeChanged,
}

crate::finance::string_enum!(WebhookEvent {
    WebhookEvent::ProjectCreated => "project.created",
    WebhookEvent::ProjectPhaseChanged => "project.phase_changed",
    WebhookEvent::FundingLineStatusChanged => "funding_line.status_changed",
    WebhookEvent::EvaluationSubmitted => "evaluation.submitted",
    WebhookEvent::IndicatorMeasurementAdded => "indicator.measurement_added",
    WebhookEvent::ProgrammeChanged => "programme.changed",
});

/// A subscription as listed: never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Webhook {
    pub id: WebhookId,
    /// Where events are sent (`http` or `https`).
    pub url: String,
    pub events: Vec<WebhookEvent>,
    /// An inactive subscription receives nothing.
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// A subscription just created, with its signing secret: shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedWebhook {
    #[serde(flatten)]
    pub webhook: Webhook,
    /// The key of the `X-Innovaction-Signature` HMAC. It cannot be shown
    /// again.
    pub secret: String,
}

pub const WEBHOOK_URL_MAX_CHARS: usize = 2000;
pub const WEBHOOK_SECRET_MIN_CHARS: usize = 16;
pub const WEBHOOK_SECRET_MAX_CHARS: usize = 200;

fn default_active() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewWebhook {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::webhook_url::<false>))]
    pub url: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::webhook_events::<false>))]
    pub events: Vec<WebhookEvent>,
    /// The signing secret; one is generated when absent.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::webhook_secret))]
    pub secret: Option<String>,
    #[serde(default = "default_active")]
    #[cfg_attr(feature = "openapi", schema(default = true))]
    pub active: bool,
}

impl Validate for NewWebhook {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        errors.extend(webhook_url("url", &self.url));
        errors.extend(webhook_events("events", &self.events));
        errors.extend(webhook_secret("secret", self.secret.as_deref()));
        errors
    }
}

/// Change a subscription; absent fields stay as they are. The secret is
/// kept: to change it, create a new subscription.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WebhookPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::webhook_url::<true>))]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::webhook_events::<true>))]
    pub events: Option<Vec<WebhookEvent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

impl Validate for WebhookPatch {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if let Some(url) = &self.url {
            errors.extend(webhook_url("url", url));
        }
        if let Some(events) = &self.events {
            errors.extend(webhook_events("events", events));
        }
        errors
    }
}

/// An `http://` or `https://` address with a host, without spaces. Whether
/// the host is private is the server's check (it resolves names).
pub fn webhook_url(field: &str, value: &str) -> Option<FieldError> {
    webhook_url_within(field, value, WEBHOOK_URL_MAX_CHARS)
}

/// `webhook_url` with another bound than `WEBHOOK_URL_MAX_CHARS`.
pub fn webhook_url_within(field: &str, value: &str, max_chars: usize) -> Option<FieldError> {
    let value = value.trim();
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    let host_present = rest
        .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/') && !rest.starts_with('?'));
    if value.is_empty() {
        Some(FieldError::new(field, "required", "a URL is required"))
    } else if value.chars().count() > max_chars {
        Some(FieldError::new(
            field,
            "too_long",
            format!("at most {max_chars} characters"),
        ))
    } else if !host_present || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some(FieldError::new(
            field,
            "invalid_url",
            "a web address starting with http:// or https://",
        ))
    } else {
        None
    }
}

fn webhook_events(field: &str, events: &[WebhookEvent]) -> Option<FieldError> {
    events
        .is_empty()
        .then(|| FieldError::new(field, "required", "a subscription needs at least one event"))
}

fn webhook_secret(field: &str, secret: Option<&str>) -> Option<FieldError> {
    let secret = secret?;
    let length = secret.chars().count();
    if length < WEBHOOK_SECRET_MIN_CHARS {
        Some(FieldError::new(
            field,
            "too_short",
            format!("a secret needs at least {WEBHOOK_SECRET_MIN_CHARS} characters"),
        ))
    } else if length > WEBHOOK_SECRET_MAX_CHARS {
        Some(FieldError::new(
            field,
            "too_long",
            format!("a secret has at most {WEBHOOK_SECRET_MAX_CHARS} characters"),
        ))
    } else if secret.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some(FieldError::new(
            field,
            "invalid",
            "a secret holds no spaces or control characters",
        ))
    } else {
        None
    }
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum DeliveryStatus {
    /// Not delivered yet: waiting for its first or next attempt.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// Every attempt failed; no more will be made.
    Failed,
}

crate::finance::string_enum!(DeliveryStatus {
    DeliveryStatus::Pending => "pending",
    DeliveryStatus::Delivered => "delivered",
    DeliveryStatus::Failed => "failed",
});

/// One event sent (or to be sent) to one subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Delivery {
    pub id: DeliveryId,
    pub webhook_id: WebhookId,
    pub event: WebhookEvent,
    /// The event's id, the `id` of the body sent: the same for every
    /// subscription and every retry, for receivers to drop duplicates.
    pub event_id: i64,
    pub status: DeliveryStatus,
    /// Attempts made so far.
    pub attempts: u32,
    /// The HTTP status of the last answer, if one came.
    pub last_status_code: Option<u16>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When the next attempt is due (pending deliveries only).
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// Settings of webhooks (admins).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    /// Allow subscriptions to private, loopback and link-local addresses
    /// (a receiver on the town's own network). Off by default: such
    /// addresses would let a subscription reach internal services.
    pub allow_private_addresses: bool,
}

impl Validate for WebhookSettings {
    fn validate(&self) -> Vec<FieldError> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_read_as_written() {
        for event in WebhookEvent::ALL {
            let json = serde_json::to_string(&event).unwrap();
            assert_eq!(json, format!("\"{}\"", event.as_str()));
            assert_eq!(event.as_str().parse::<WebhookEvent>().unwrap(), event);
        }
        assert!(serde_json::from_str::<WebhookEvent>("\"project.deleted\"").is_err());
    }

    #[test]
    fn new_subscriptions_are_checked_field_by_field() {
        let new: NewWebhook = serde_json::from_str(
            r#"{"url": "https://sig.example/hook", "events": ["project.created"]}"#,
        )
        .unwrap();
        assert!(new.active && new.secret.is_none());
        assert!(new.validate().is_empty());
        let bad = NewWebhook {
            url: "ftp://sig.example".into(),
            events: vec![],
            secret: Some("short".into()),
            active: true,
        };
        let fields: Vec<String> = bad.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["url", "events", "secret"]);
        for refused in [
            "",
            "https://",
            "http:///path",
            "https://a b",
            "javascript:alert(1)",
        ] {
            assert!(webhook_url("url", refused).is_some(), "{refused:?}");
        }
        assert!(webhook_url("url", "http://127.0.0.1:8080/x").is_none());
    }
}
