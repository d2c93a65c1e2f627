//! `/api/v1/webhooks`: subscriptions and their deliveries (admins).

use super::address::{self, Refusal};
use crate::auth::Admin;
use crate::auth::CurrentUser;
use crate::db::schema::{webhook_deliveries, webhooks};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IfMatch, Json};
use crate::records::write::{self, Addressed, Deletable};
use crate::records::{created_as, from_json_list, now, to_json_list, versioned};
use crate::secrets::random_token;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;
use shared::ids::{DeliveryId, WebhookId};
use shared::webhooks::{
    CreatedWebhook, Delivery, DeliveryStatus, NewWebhook, Webhook, WebhookEvent, WebhookPatch,
};
use shared::ErrorBody;

const ENTITY: &str = "webhook";

write::versioned_record!(Webhook, ENTITY);

impl Addressed for Webhook {
    type Address = WebhookId;

    fn load(conn: &mut DbConnection, _: &CurrentUser, id: WebhookId) -> ApiResult<Self> {
        get_one(conn, id)
    }
}

impl Deletable for Webhook {
    /// The subscription and its deliveries.
    fn remove(conn: &mut DbConnection, webhook: &Self) -> ApiResult<()> {
        let deliveries =
            webhook_deliveries::table.filter(webhook_deliveries::webhook_id.eq(webhook.id));
        diesel::delete(deliveries).execute(conn)?;
        diesel::delete(webhooks::table.find(webhook.id)).execute(conn)?;
        Ok(())
    }
}
/// Deliveries listed at most, newest first.
const DELIVERIES_SHOWN: i64 = 200;

/// A subscription as stored.
#[derive(Queryable, Selectable)]
#[diesel(table_name = webhooks)]
struct Row {
    id: WebhookId,
    url: String,
    events: String,
    active: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i64,
}

/// The subscription (its secret is never selected).
fn to_api(row: Row) -> ApiResult<Webhook> {
    Ok(Webhook {
        id: row.id,
        url: row.url,
        events: from_json_list(&row.events)?,
        active: row.active,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
        version: row.version,
    })
}

fn get_one(conn: &mut DbConnection, id: WebhookId) -> ApiResult<Webhook> {
    let row: Row = webhooks::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("webhook"))?;
    to_api(row)
}

/// Each event once, in the order of `WebhookEvent::ALL`.
fn normalized(events: &[WebhookEvent]) -> Vec<WebhookEvent> {
    WebhookEvent::ALL
        .into_iter()
        .filter(|event| events.contains(event))
        .collect()
}

/// The URL as it will be stored, once its scheme and host are allowed.
async fn checked_url(state: &AppState, raw: &str) -> ApiResult<String> {
    let settings = state.db.read(crate::settings::webhook_settings).await?;
    match address::check_subscription(raw, settings.allow_private_addresses).await {
        Ok(url) => Ok(url.to_string()),
        Err(refusal @ (Refusal::Invalid(_) | Refusal::Unresolved(_))) => {
            Err(ApiError::field("url", "invalid_url", refusal.message()))
        }
        Err(Refusal::Internal(message)) => Err(ApiError::field("url", "private_address", message)),
    }
}

/// The subscriptions, newest first (admins).
#[utoipa::path(
    get, path = "/api/v1/webhooks",
    responses(
        (status = 200, description = "Subscriptions, without their secrets", body = Vec<Webhook>),
    )
)]
pub async fn list(state: web::Data<AppState>, _user: Admin) -> ApiResult<web::Json<Vec<Webhook>>> {
    let items = state
        .db
        .read(|conn| {
            let rows: Vec<Row> = webhooks::table
                .order(webhooks::id.desc())
                .select(Row::as_select())
                .load(conn)?;
            rows.into_iter().map(to_api).collect()
        })
        .await?;
    Ok(web::Json(items))
}

/// Subscribe a URL to events (admins). The signing secret is in this
/// answer only.
#[utoipa::path(
    post, path = "/api/v1/webhooks",
    request_body = NewWebhook,
    responses(
        (status = 201, description = "Created; keep the secret now", body = CreatedWebhook),
        (status = 422, description = "A URL that is not http(s) or points to a private address (unless allowed), no event, or a short secret", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    user: Admin,
    body: Json<NewWebhook>,
) -> ApiResult<HttpResponse> {
    let input = body.0;
    let url = checked_url(&state, &input.url).await?;
    let events = to_json_list(&normalized(&input.events))?;
    let secret = input
        .secret
        .unwrap_or_else(|| format!("whsec_{}", random_token()));
    let stored_secret = secret.clone();
    let webhook = state
        .db
        .write(move |conn| {
            let insert = |conn: &mut DbConnection| {
                let now = now();
                let id: WebhookId = diesel::insert_into(webhooks::table)
                    .values((
                        webhooks::url.eq(&url),
                        webhooks::events.eq(&events),
                        webhooks::secret.eq(&stored_secret),
                        webhooks::active.eq(input.active),
                        webhooks::created_at.eq(now),
                        webhooks::updated_at.eq(now),
                        webhooks::version.eq(1_i64),
                    ))
                    .returning(webhooks::id)
                    .get_result(conn)?;
                get_one(conn, id)
            };
            write::create(conn, &user, insert, None)
        })
        .await?;
    let version = webhook.version;
    let location = format!("/api/v1/webhooks/{}", webhook.id);
    Ok(created_as(
        location,
        &CreatedWebhook { webhook, secret },
        version,
    ))
}

write::get_endpoint!(
    /// One subscription; `ETag` holds its version.
    "/api/v1/webhooks/{id}" => get(Webhook), at: WebhookId,
    caller: Admin, answer: "The subscription, without its secret",
);

/// Change a subscription's URL, events or activity (admins). Needs
/// `If-Match`. Deliveries still pending when it is deactivated are given
/// up.
#[utoipa::path(
    patch, path = "/api/v1/webhooks/{id}",
    params(IfMatch),
    request_body = WebhookPatch,
    responses(
        (status = 200, description = "Updated", body = Webhook),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    user: Admin,
    id: web::Path<WebhookId>,
    if_match: IfMatch,
    body: Json<WebhookPatch>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    if_match.required()?;
    let patch = body.0;
    let url = match &patch.url {
        Some(raw) => Some(checked_url(&state, raw).await?),
        None => None,
    };
    let webhook = state
        .db
        .write(move |conn| {
            write::update(
                conn,
                &user,
                &if_match,
                |conn| get_one(conn, id),
                |conn, before, expected| {
                    let events = normalized(patch.events.as_deref().unwrap_or(&before.events));
                    Ok(diesel::update(
                        webhooks::table
                            .find(id)
                            .filter(webhooks::version.eq(expected)),
                    )
                    .set((
                        webhooks::url.eq(url.unwrap_or_else(|| before.url.clone())),
                        webhooks::events.eq(to_json_list(&events)?),
                        webhooks::active.eq(patch.active.unwrap_or(before.active)),
                        webhooks::updated_at.eq(now()),
                        webhooks::version.eq(expected + 1),
                    ))
                    .execute(conn)?)
                },
            )
        })
        .await?;
    Ok(versioned(StatusCode::OK, &webhook, webhook.version))
}

write::delete_endpoint!(
    /// Remove a subscription and its deliveries (admins). Needs `If-Match`.
    "/api/v1/webhooks/{id}" => Webhook, at: WebhookId, caller: Admin
);

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DeliveriesQuery {
    /// Only deliveries in this state.
    pub status: Option<DeliveryStatus>,
}

/// A delivery attempt's record, as stored.
#[derive(Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries)]
struct DeliveryRow {
    id: DeliveryId,
    webhook_id: WebhookId,
    event_id: i64,
    event: WebhookEvent,
    status: DeliveryStatus,
    attempts: i32,
    last_status_code: Option<i32>,
    last_error: Option<String>,
    next_attempt_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    delivered_at: Option<NaiveDateTime>,
}

impl From<DeliveryRow> for Delivery {
    fn from(row: DeliveryRow) -> Self {
        Delivery {
            id: row.id,
            webhook_id: row.webhook_id,
            event: row.event,
            event_id: row.event_id,
            status: row.status,
            attempts: u32::try_from(row.attempts).unwrap_or_default(),
            last_status_code: row
                .last_status_code
                .and_then(|code| u16::try_from(code).ok()),
            last_error: row.last_error,
            next_attempt_at: row.next_attempt_at.map(|at| at.and_utc()),
            created_at: row.created_at.and_utc(),
            delivered_at: row.delivered_at.map(|at| at.and_utc()),
        }
    }
}

crate::records::read_endpoint!(
    /// The subscription's deliveries, newest first (the 200 latest), with
    /// their state, attempts and last error (admins).
    "/api/v1/webhooks/{id}/deliveries" => deliveries(DeliveriesQuery), at: WebhookId, caller: Admin,
    answer: ("Deliveries, newest first", Vec<Delivery>),
    read: deliveries_of,
);

fn deliveries_of(
    conn: &mut DbConnection,
    _: &CurrentUser,
    id: WebhookId,
    query: DeliveriesQuery,
) -> ApiResult<Vec<Delivery>> {
    let status = query.status;
    get_one(conn, id)?;
    let mut rows = webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(id))
        .into_boxed();
    if let Some(status) = status {
        rows = rows.filter(webhook_deliveries::status.eq(status));
    }
    let rows: Vec<DeliveryRow> = rows
        .order(webhook_deliveries::id.desc())
        .select(DeliveryRow::as_select())
        .limit(DELIVERIES_SHOWN)
        .load(conn)?;
    Ok(rows.into_iter().map(Delivery::from).collect())
}
