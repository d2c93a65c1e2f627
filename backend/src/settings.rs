//! Portfolio settings: the strategic axes a town works along.

use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::db::schema::{projects, settings};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::openapi::errors::{BadRequest, Unauthenticated, Unavailable};
use crate::records::now;
use crate::state::AppState;
use actix_web::web;
use diesel::prelude::*;
use shared::auth::Role;
use shared::projects::{Axes, DEFAULT_AXES};
use shared::ErrorBody;

const AXES_KEY: &str = "axes";

/// The configured axes, or the source document's five by default.
pub fn axes(conn: &mut DbConnection) -> ApiResult<Vec<String>> {
    let stored: Option<String> = settings::table
        .find(AXES_KEY)
        .select(settings::value)
        .first(conn)
        .optional()?;
    match stored {
        Some(text) => serde_json::from_str(&text).map_err(ApiError::internal),
        None => Ok(DEFAULT_AXES.iter().map(|a| (*a).to_owned()).collect()),
    }
}

/// The strategic axes projects are filed under.
#[utoipa::path(
    get, path = "/api/v1/settings/axes", tag = "projects",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Axes in display order", body = Axes),
        (status = 403, description = "Not staff", body = ErrorBody),
        Unauthenticated, Unavailable,
    )
)]
pub async fn get_axes(state: web::Data<AppState>, user: CurrentUser) -> ApiResult<web::Json<Axes>> {
    user.require(Role::is_staff)?;
    let axes = state.db.read(axes).await?;
    Ok(web::Json(Axes { axes }))
}

/// Replace the list of axes (admins). An axis still used by a project
/// cannot be removed.
#[utoipa::path(
    put, path = "/api/v1/settings/axes", tag = "projects",
    request_body = Axes,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved", body = Axes),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 409, description = "A removed axis is still used by projects", body = ErrorBody),
        (status = 422, description = "Empty, blank or duplicate axes", body = ErrorBody),
        BadRequest, Unauthenticated, Unavailable,
    )
)]
pub async fn put_axes(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: Json<Axes>,
) -> ApiResult<web::Json<Axes>> {
    user.require(Role::is_admin)?;
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
            let value = serde_json::to_string(&new_axes).map_err(ApiError::internal)?;
            let updated = diesel::update(settings::table.find(AXES_KEY))
                .set((settings::value.eq(&value), settings::updated_at.eq(now())))
                .execute(conn)?;
            if updated == 0 {
                diesel::insert_into(settings::table)
                    .values((
                        settings::key.eq(AXES_KEY),
                        settings::value.eq(&value),
                        settings::updated_at.eq(now()),
                    ))
                    .execute(conn)?;
            }
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
