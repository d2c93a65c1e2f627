//! The signed-in person's notifications and how they want to hear of them.

use super::{ApiError, ApiRequest};
use shared::ids::NotificationId;
use shared::notifications::{
    Notification, NotificationList, NotificationPreferences, NotificationQuery,
};

pub const PER_PAGE: u32 = 20;

/// A page of my notifications, newest first, with how many are unread.
pub async fn list(page: u32) -> Result<NotificationList, ApiError> {
    let query = NotificationQuery {
        unread: None,
        page: Some(page.max(1)),
        per_page: Some(PER_PAGE),
    };
    ApiRequest::get("/api/v1/notifications")
        .query_of(&query)?
        .fetch()
        .await
}

/// How many of my notifications are unread, for the header's bell: the
/// smallest page, of which only the count is read.
pub async fn unread_count() -> Result<u64, ApiError> {
    let query = NotificationQuery {
        unread: Some(true),
        page: Some(1),
        per_page: Some(1),
    };
    let list: NotificationList = ApiRequest::get("/api/v1/notifications")
        .query_of(&query)?
        .fetch()
        .await?;
    Ok(list.unread)
}

pub async fn mark_read(id: NotificationId) -> Result<Notification, ApiError> {
    ApiRequest::post(format!("/api/v1/notifications/{id}/read"))
        .fetch()
        .await
}

pub async fn mark_all_read() -> Result<(), ApiError> {
    ApiRequest::post("/api/v1/notifications/read-all")
        .execute()
        .await
}

const PREFERENCES: &str = "/api/v1/me/notification-preferences";

/// Every kind listed, the thresholds in decreasing order.
pub async fn preferences() -> Result<NotificationPreferences, ApiError> {
    ApiRequest::get(PREFERENCES).fetch().await
}

pub async fn save_preferences(
    preferences: &NotificationPreferences,
) -> Result<NotificationPreferences, ApiError> {
    ApiRequest::put(PREFERENCES)
        .json(preferences)?
        .fetch()
        .await
}
