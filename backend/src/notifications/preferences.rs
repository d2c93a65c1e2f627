//! `GET/PUT /api/v1/me/notification-preferences`: which kinds a person
//! wants, how far ahead dates are recalled, and how often e-mail goes out.

use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::db::schema::notification_preferences;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::records::now;
use crate::state::AppState;
use actix_web::web;
use diesel::prelude::*;
use shared::ids::UserId;
use shared::notifications::{EmailFrequency, NotificationKind, NotificationPreferences};
use shared::ErrorBody;
use std::collections::BTreeMap;

/// A person's preferences, the defaults when never set.
pub fn of(conn: &mut DbConnection, user: UserId) -> ApiResult<NotificationPreferences> {
    let stored: Option<(EmailFrequency, String, String)> = notification_preferences::table
        .find(user)
        .select((
            notification_preferences::email,
            notification_preferences::reminder_days,
            notification_preferences::events,
        ))
        .first(conn)
        .optional()?;
    let Some((email, days, events)) = stored else {
        return Ok(NotificationPreferences::default());
    };
    let reminder_days: Vec<u32> = serde_json::from_str(&days).map_err(ApiError::internal)?;
    let events: BTreeMap<NotificationKind, bool> =
        serde_json::from_str(&events).map_err(ApiError::internal)?;
    Ok(NotificationPreferences {
        email,
        reminder_days,
        events,
    })
}

fn store(conn: &mut DbConnection, user: UserId, new: &NotificationPreferences) -> ApiResult<()> {
    let days = serde_json::to_string(&new.reminder_days).map_err(ApiError::internal)?;
    let events = serde_json::to_string(&new.events).map_err(ApiError::internal)?;
    let changed = diesel::update(notification_preferences::table.find(user))
        .set((
            notification_preferences::email.eq(new.email),
            notification_preferences::reminder_days.eq(&days),
            notification_preferences::events.eq(&events),
            notification_preferences::updated_at.eq(now()),
        ))
        .execute(conn)?;
    if changed == 0 {
        diesel::insert_into(notification_preferences::table)
            .values((
                notification_preferences::user_id.eq(user),
                notification_preferences::email.eq(new.email),
                notification_preferences::reminder_days.eq(&days),
                notification_preferences::events.eq(&events),
                notification_preferences::updated_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// My notification preferences, every kind listed.
#[utoipa::path(
    get, path = "/api/v1/me/notification-preferences",
    responses(
        (status = 200, description = "The preferences", body = NotificationPreferences),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> ApiResult<web::Json<NotificationPreferences>> {
    let id = user.id;
    let preferences = state.db.read(move |conn| of(conn, id)).await?;
    Ok(web::Json(preferences.complete()))
}

/// Set my notification preferences: `email` (`off`, `immediate`, `daily`,
/// `weekly`), the reminder thresholds in days, and kinds turned on or off
/// (a kind not listed stays on).
#[utoipa::path(
    put, path = "/api/v1/me/notification-preferences",
    request_body = NotificationPreferences,
    responses(
        (status = 200, description = "Saved", body = NotificationPreferences),
        (status = 422, description = "A threshold twice or out of range", body = ErrorBody),
    )
)]
pub async fn put(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: Json<NotificationPreferences>,
) -> ApiResult<web::Json<NotificationPreferences>> {
    let new = body.0.complete();
    let saved = new.clone();
    state
        .db
        .write(move |conn| {
            let before = of(conn, user.id)?.complete();
            store(conn, user.id, &new)?;
            audit::record(
                conn,
                Change::new(&user, "notification_preferences", user.id, "update"),
                Some(&before),
                Some(&new),
            )
        })
        .await?;
    Ok(web::Json(saved))
}
