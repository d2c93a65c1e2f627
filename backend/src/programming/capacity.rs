//! `/api/v1/settings/investment-capacity`: what the town can put into
//! investment each year, and the reference year of the dashboard's
//! investment capacity ratio. Kept as a setting: one small document.

use super::announce;
use crate::audit::{self, Change};
use crate::auth::{Admin, Staff};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::settings;
use crate::state::AppState;
use actix_web::web;
use shared::programming::InvestmentCapacity;
use shared::ErrorBody;

const KEY: &str = "investment_capacity";

/// The capacity as set (no year when never set).
pub fn investment_capacity(conn: &mut DbConnection) -> ApiResult<InvestmentCapacity> {
    Ok(settings::read(conn, KEY)?.unwrap_or_default())
}

/// Sets the capacity outside a request (the demo portfolio), checked as
/// `PUT /api/v1/settings/investment-capacity` checks it (422).
pub fn set_investment_capacity(
    conn: &mut DbConnection,
    capacity: InvestmentCapacity,
) -> ApiResult<()> {
    let problems = capacity.check();
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    settings::write(conn, KEY, &capacity.sorted())
}

/// The town's investment capacity by year.
#[utoipa::path(
    get, path = "/api/v1/settings/investment-capacity",
    responses(
        (status = 200, description = "The capacity, by year", body = InvestmentCapacity),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    _user: Staff,
) -> ApiResult<web::Json<InvestmentCapacity>> {
    Ok(web::Json(state.db.read(investment_capacity).await?))
}

/// Set the town's investment capacity (admins): every year at once, each
/// once; `reference_year` names the year the investment capacity ratio
/// compares with (by default the first year with CP paid).
#[utoipa::path(
    put, path = "/api/v1/settings/investment-capacity",
    request_body = InvestmentCapacity,
    responses(
        (status = 200, description = "Saved", body = InvestmentCapacity),
        (status = 422, description = "A year twice, out of range, or a negative amount", body = ErrorBody),
    )
)]
pub async fn put(
    state: web::Data<AppState>,
    user: Admin,
    body: Json<InvestmentCapacity>,
) -> ApiResult<web::Json<InvestmentCapacity>> {
    let problems = body.0.check();
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let new = body.0.sorted();
    let saved = new.clone();
    state
        .db
        .write(move |conn| {
            let before = investment_capacity(conn)?;
            settings::write(conn, KEY, &new)?;
            audit::record(
                conn,
                Change::new(&user, "settings", KEY, "update"),
                Some(&before),
                Some(&new),
            )?;
            announce(
                conn,
                serde_json::json!({ "change": "investment_capacity", "capacity": new }),
            )
        })
        .await?;
    Ok(web::Json(saved))
}
