//! Webhooks (administrators only): subscriptions of the town's other
//! systems to events of the portfolio, their deliveries, and the setting
//! that lets them point at the town's private network.
//!
//! The types mirror the API's until they are shared with the server.

use super::{ApiError, ApiRequest};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shared::ids::{DeliveryId, WebhookId};
use shared::FieldError;
use std::fmt;
use std::str::FromStr;

/// What a subscription can be notified of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum WebhookEvent {
    #[serde(rename = "project.created")]
    ProjectCreated,
    #[serde(rename = "project.phase_changed")]
    ProjectPhaseChanged,
    #[serde(rename = "funding_line.status_changed")]
    FundingLineStatusChanged,
    #[serde(rename = "evaluation.submitted")]
    EvaluationSubmitted,
    #[serde(rename = "indicator.measurement_added")]
    IndicatorMeasurementAdded,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 5] = [
        WebhookEvent::ProjectCreated,
        WebhookEvent::ProjectPhaseChanged,
        WebhookEvent::FundingLineStatusChanged,
        WebhookEvent::EvaluationSubmitted,
        WebhookEvent::IndicatorMeasurementAdded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::ProjectCreated => "project.created",
            WebhookEvent::ProjectPhaseChanged => "project.phase_changed",
            WebhookEvent::FundingLineStatusChanged => "funding_line.status_changed",
            WebhookEvent::EvaluationSubmitted => "evaluation.submitted",
            WebhookEvent::IndicatorMeasurementAdded => "indicator.measurement_added",
        }
    }
}

impl fmt::Display for WebhookEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for WebhookEvent {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        WebhookEvent::ALL
            .into_iter()
            .find(|event| event.as_str() == s)
            .ok_or(())
    }
}

/// A subscription as listed: never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Webhook {
    pub id: WebhookId,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// A subscription just created, with its signing secret: shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedWebhook {
    #[serde(flatten)]
    pub webhook: Webhook,
    pub secret: String,
}

pub const WEBHOOK_SECRET_MIN_CHARS: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewWebhook {
    pub url: String,
    pub events: Vec<WebhookEvent>,
    /// One is generated when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    pub active: bool,
}

/// Absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<WebhookEvent>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

/// The checks the server makes without resolving the host: an `http://`
/// or `https://` address with a host and no spaces, at least one event,
/// a secret long enough if one is given.
pub fn check(url: &str, events: &[WebhookEvent], secret: Option<&str>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let host_present = rest
        .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/') && !rest.starts_with('?'));
    if url.is_empty() {
        errors.push(FieldError::new("url", "required", "a URL is required"));
    } else if !host_present || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        errors.push(FieldError::new(
            "url",
            "invalid_url",
            "a web address starting with http:// or https://",
        ));
    }
    if events.is_empty() {
        errors.push(FieldError::new(
            "events",
            "required",
            "a subscription needs at least one event",
        ));
    }
    if let Some(secret) = secret {
        if secret.chars().count() < WEBHOOK_SECRET_MIN_CHARS {
            errors.push(FieldError::new(
                "secret",
                "too_short",
                format!("a secret needs at least {WEBHOOK_SECRET_MIN_CHARS} characters"),
            ));
        } else if secret.chars().any(|c| c.is_whitespace() || c.is_control()) {
            errors.push(FieldError::new(
                "secret",
                "invalid",
                "a secret holds no spaces or control characters",
            ));
        }
    }
    errors
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    Pending,
    Delivered,
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }
}

/// One event sent (or to be sent) to one subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub id: DeliveryId,
    pub webhook_id: WebhookId,
    pub event: WebhookEvent,
    pub event_id: i64,
    pub status: DeliveryStatus,
    pub attempts: u32,
    pub last_status_code: Option<u16>,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookSettings {
    pub allow_private_addresses: bool,
}

fn webhook_path(id: WebhookId) -> String {
    format!("/api/v1/webhooks/{id}")
}

pub async fn list() -> Result<Vec<Webhook>, ApiError> {
    ApiRequest::get("/api/v1/webhooks").fetch().await
}

pub async fn get(id: WebhookId) -> Result<Webhook, ApiError> {
    ApiRequest::get(webhook_path(id)).fetch().await
}

/// The answer holds the signing secret, which the server never shows again.
pub async fn create(webhook: &NewWebhook) -> Result<CreatedWebhook, ApiError> {
    ApiRequest::post("/api/v1/webhooks")
        .json(webhook)?
        .fetch()
        .await
}

/// `version` is the one the change was based on: 412 if someone saved since.
pub async fn update(
    id: WebhookId,
    version: i64,
    changes: &WebhookPatch,
) -> Result<Webhook, ApiError> {
    ApiRequest::patch(webhook_path(id))
        .if_match(version)
        .json(changes)?
        .fetch()
        .await
}

pub async fn delete(id: WebhookId, version: i64) -> Result<(), ApiError> {
    ApiRequest::delete(webhook_path(id))
        .if_match(version)
        .execute()
        .await
}

/// The subscription's deliveries, newest first as the server lists them.
pub async fn deliveries(id: WebhookId) -> Result<Vec<Delivery>, ApiError> {
    ApiRequest::get(format!("{}/deliveries", webhook_path(id)))
        .fetch()
        .await
}

pub async fn settings() -> Result<WebhookSettings, ApiError> {
    ApiRequest::get("/api/v1/settings/webhooks").fetch().await
}

pub async fn save_settings(settings: &WebhookSettings) -> Result<WebhookSettings, ApiError> {
    ApiRequest::put("/api/v1/settings/webhooks")
        .json(settings)?
        .fetch()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_read_as_the_api_writes_them() {
        for event in WebhookEvent::ALL {
            let json = serde_json::to_string(&event).unwrap();
            assert_eq!(json, format!("\"{}\"", event.as_str()));
            assert_eq!(event.as_str().parse::<WebhookEvent>(), Ok(event));
        }
    }

    #[test]
    fn subscriptions_are_checked_like_the_server_does() {
        let fields = |errors: Vec<FieldError>| -> Vec<String> {
            errors.into_iter().map(|e| e.field).collect()
        };
        assert!(check(
            "https://sig.example/hook",
            &[WebhookEvent::ProjectCreated],
            None
        )
        .is_empty());
        assert_eq!(
            fields(check("ftp://sig.example", &[], Some("short"))),
            ["url", "events", "secret"]
        );
        for refused in ["https://", "http:///path", "https://a b"] {
            assert_eq!(
                fields(check(refused, &[WebhookEvent::ProjectCreated], None)),
                ["url"]
            );
        }
    }
}
