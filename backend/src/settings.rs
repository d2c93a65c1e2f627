//! Settings an administrator changes at run time, kept as JSON in the
//! `settings` table: the strategic axes a town works along, the number of
//! ex-ante evaluations the decision needs, and where webhooks may go.

use crate::audit::{self, Change};
use crate::auth::{Admin, Staff};
use crate::db::schema::{projects, settings};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::records::now;
use crate::state::AppState;
use actix_web::web;
use diesel::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::evaluation::EvaluationGate;
use shared::projects::{Axes, DEFAULT_AXES};
use shared::publication::TownIdentity;
use shared::webhooks::WebhookSettings;
use shared::ErrorBody;

const AXES_KEY: &str = "axes";
const EVALUATION_GATE_KEY: &str = "evaluation_gate";
const WEBHOOKS_KEY: &str = "webhooks";
const TOWN_KEY: &str = "town";

/// A setting's stored value, `None` when never set.
pub fn read<T: DeserializeOwned>(conn: &mut DbConnection, key: &str) -> ApiResult<Option<T>> {
    let stored: Option<String> = settings::table
        .find(key)
        .select(settings::value)
        .first(conn)
        .optional()?;
    stored
        .map(|text| serde_json::from_str(&text).map_err(ApiError::internal))
        .transpose()
}

/// Stores a setting, creating or replacing it.
pub fn write<T: Serialize>(conn: &mut DbConnection, key: &str, value: &T) -> ApiResult<()> {
    let text = serde_json::to_string(value).map_err(ApiError::internal)?;
    let updated = diesel::update(settings::table.find(key))
        .set((settings::value.eq(&text), settings::updated_at.eq(now())))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(settings::table)
            .values((
                settings::key.eq(key),
                settings::value.eq(&text),
                settings::updated_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The configured axes, or the source document's five by default.
pub fn axes(conn: &mut DbConnection) -> ApiResult<Vec<String>> {
    Ok(read(conn, AXES_KEY)?
        .unwrap_or_else(|| DEFAULT_AXES.iter().map(|a| (*a).to_owned()).collect()))
}

/// How many submitted ex-ante evaluations the decision needs (1 unless set).
pub fn evaluation_gate(conn: &mut DbConnection) -> ApiResult<EvaluationGate> {
    Ok(read(conn, EVALUATION_GATE_KEY)?.unwrap_or_default())
}

/// Where webhooks may be sent (private addresses refused unless set).
pub fn webhook_settings(conn: &mut DbConnection) -> ApiResult<WebhookSettings> {
    Ok(read(conn, WEBHOOKS_KEY)?.unwrap_or_default())
}

/// Who the town is, for its publications; `None` until an admin says.
pub fn town(conn: &mut DbConnection) -> ApiResult<Option<TownIdentity>> {
    read(conn, TOWN_KEY)
}

/// The town's name and SIRET, as its open data names it (the granting
/// authority of its SCDL grants). 404 until set.
#[utoipa::path(
    get, path = "/api/v1/settings/town",
    responses(
        (status = 200, description = "The town", body = TownIdentity),
        (status = 404, description = "Not set yet", body = ErrorBody),
    )
)]
pub async fn get_town(
    state: web::Data<AppState>,
    _user: Staff,
) -> ApiResult<web::Json<TownIdentity>> {
    let town = state.db.read(town).await?;
    town.map(web::Json)
        .ok_or_else(|| ApiError::not_found("town identity"))
}

/// Set the town's name and SIRET (admins).
#[utoipa::path(
    put, path = "/api/v1/settings/town",
    request_body = TownIdentity,
    responses(
        (status = 200, description = "Saved", body = TownIdentity),
        (status = 422, description = "A blank name, or a SIRET whose check digit is wrong", body = ErrorBody),
    )
)]
pub async fn put_town(
    state: web::Data<AppState>,
    user: Admin,
    body: Json<TownIdentity>,
) -> ApiResult<web::Json<TownIdentity>> {
    let new = body.0.normalized();
    let saved = new.clone();
    state
        .db
        .write(move |conn| {
            let before = town(conn)?;
            write(conn, TOWN_KEY, &new)?;
            audit::record(
                conn,
                Change::new(&user, "settings", TOWN_KEY, "update"),
                before.as_ref(),
                Some(&new),
            )
        })
        .await?;
    Ok(web::Json(saved))
}

/// The strategic axes projects are filed under.
#[utoipa::path(
    get, path = "/api/v1/settings/axes",
    responses(
        (status = 200, description = "Axes in display order", body = Axes),
    )
)]
pub async fn get_axes(state: web::Data<AppState>, _user: Staff) -> ApiResult<web::Json<Axes>> {
    let axes = state.db.read(axes).await?;
    Ok(web::Json(Axes { axes }))
}

/// Replace the list of axes (admins). An axis still used by a project
/// cannot be removed.
#[utoipa::path(
    put, path = "/api/v1/settings/axes",
    request_body = Axes,
    responses(
        (status = 200, description = "Saved", body = Axes),
        (status = 409, description = "A removed axis is still used by projects", body = ErrorBody),
        (status = 422, description = "Empty, blank or duplicate axes", body = ErrorBody),
    )
)]
pub async fn put_axes(
    state: web::Data<AppState>,
    user: Admin,
    body: Json<Axes>,
) -> ApiResult<web::Json<Axes>> {
    let new_axes: Vec<String> = body.0.axes.iter().map(|a| a.trim().to_owned()).collect();
    let saved = new_axes.clone();
    state
        .db
        .write(move |conn| {
            let before = axes(conn)?;
            let in_use: Vec<String> = projects::table
                .select(projects::axis)
                .distinct()
                .load(conn)?;
            let orphaned: Vec<&String> = in_use
                .iter()
                .filter(|axis| !new_axes.contains(axis))
                .collect();
            if !orphaned.is_empty() {
                return Err(ApiError::conflict(format!(
                    "axes still used by projects cannot be removed: {}",
                    orphaned
                        .iter()
                        .map(|a| a.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            write(conn, AXES_KEY, &new_axes)?;
            audit::record(
                conn,
                Change::new(&user, "settings", AXES_KEY, "update"),
                Some(&before),
                Some(&new_axes),
            )
        })
        .await?;
    Ok(web::Json(Axes { axes: saved }))
}

/// How many submitted ex-ante evaluations a project needs before its move
/// from instruction to decision.
#[utoipa::path(
    get, path = "/api/v1/settings/evaluation-gate",
    responses(
        (status = 200, description = "The gate", body = EvaluationGate),
    )
)]
pub async fn get_evaluation_gate(
    state: web::Data<AppState>,
    _user: Staff,
) -> ApiResult<web::Json<EvaluationGate>> {
    Ok(web::Json(state.db.read(evaluation_gate).await?))
}

/// Set the number of submitted ex-ante evaluations the decision needs
/// (admins; 0 turns the gate off).
#[utoipa::path(
    put, path = "/api/v1/settings/evaluation-gate",
    request_body = EvaluationGate,
    responses(
        (status = 200, description = "Saved", body = EvaluationGate),
        (status = 422, description = "Out of range", body = ErrorBody),
    )
)]
pub async fn put_evaluation_gate(
    state: web::Data<AppState>,
    user: Admin,
    body: Json<EvaluationGate>,
) -> ApiResult<web::Json<EvaluationGate>> {
    let gate = body.0;
    state
        .db
        .write(move |conn| {
            let before = evaluation_gate(conn)?;
            write(conn, EVALUATION_GATE_KEY, &gate)?;
            audit::record(
                conn,
                Change::new(&user, "settings", EVALUATION_GATE_KEY, "update"),
                Some(&before),
                Some(&gate),
            )
        })
        .await?;
    Ok(web::Json(gate))
}

/// The webhook settings (admins).
#[utoipa::path(
    get, path = "/api/v1/settings/webhooks",
    responses(
        (status = 200, description = "The settings", body = WebhookSettings),
    )
)]
pub async fn get_webhooks(
    state: web::Data<AppState>,
    _user: Admin,
) -> ApiResult<web::Json<WebhookSettings>> {
    Ok(web::Json(state.db.read(webhook_settings).await?))
}

/// Allow or refuse webhooks to private, loopback and link-local addresses
/// (admins). Checked again at each delivery.
#[utoipa::path(
    put, path = "/api/v1/settings/webhooks",
    request_body = WebhookSettings,
    responses(
        (status = 200, description = "Saved", body = WebhookSettings),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
pub async fn put_webhooks(
    state: web::Data<AppState>,
    user: Admin,
    body: Json<WebhookSettings>,
) -> ApiResult<web::Json<WebhookSettings>> {
    let new = body.0;
    state
        .db
        .write(move |conn| {
            let before = webhook_settings(conn)?;
            write(conn, WEBHOOKS_KEY, &new)?;
            audit::record(
                conn,
                Change::new(&user, "settings", WEBHOOKS_KEY, "update"),
                Some(&before),
                Some(&new),
            )
        })
        .await?;
    Ok(web::Json(new))
}
