//! The outbox: an event is written in the same transaction as the change it
//! describes, with one pending delivery per active subscription to it. If
//! the change is rolled back, so is the event; once it is committed, the
//! delivery worker of any instance sends it, even after a restart.

use crate::db::schema::{webhook_deliveries, webhook_events, webhooks};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::records::{from_json_list, now};
use diesel::prelude::*;
use serde::Serialize;
use shared::ids::WebhookId;
use shared::webhooks::{DeliveryStatus, WebhookEvent};

/// Records `event` with `data` as the `data` of the body sent. Nothing is
/// written when no active subscription wants the event.
pub fn emit<T: Serialize + ?Sized>(
    conn: &mut DbConnection,
    event: WebhookEvent,
    data: &T,
) -> ApiResult<()> {
    let active: Vec<(WebhookId, String)> = webhooks::table
        .filter(webhooks::active.eq(true))
        .select((webhooks::id, webhooks::events))
        .load(conn)?;
    let mut subscribers = Vec::new();
    for (id, events) in active {
        if from_json_list::<WebhookEvent>(&events)?.contains(&event) {
            subscribers.push(id);
        }
    }
    if subscribers.is_empty() {
        return Ok(());
    }
    let payload = serde_json::to_string(data).map_err(ApiError::internal)?;
    let now = now();
    let event_id: i64 = diesel::insert_into(webhook_events::table)
        .values((
            webhook_events::event.eq(event),
            webhook_events::payload.eq(&payload),
            webhook_events::created_at.eq(now),
        ))
        .returning(webhook_events::id)
        .get_result(conn)?;
    for webhook in subscribers {
        diesel::insert_into(webhook_deliveries::table)
            .values((
                webhook_deliveries::webhook_id.eq(webhook),
                webhook_deliveries::event_id.eq(event_id),
                webhook_deliveries::event.eq(event),
                webhook_deliveries::status.eq(DeliveryStatus::Pending),
                webhook_deliveries::attempts.eq(0),
                webhook_deliveries::next_attempt_at.eq(Some(now)),
                webhook_deliveries::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}
