//! Webhooks (administrators only): subscriptions of the town's other
//! systems to events of the portfolio, their deliveries, and the setting
//! that lets them point at the town's private network.

use super::{ApiError, ApiRequest};
use shared::ids::WebhookId;
pub use shared::webhooks::{
    CreatedWebhook, Delivery, DeliveryStatus, NewWebhook, Webhook, WebhookEvent, WebhookPatch,
    WebhookSettings,
};

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
