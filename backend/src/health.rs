//! Liveness and readiness probes for load balancers and orchestrators.

use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use shared::health::Health;

fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The process is up.
#[utoipa::path(
    get, path = "/health/live",
    responses((status = 200, description = "Alive", body = Health))
)]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
        database: None,
        database_reachable: None,
        version: version(),
    })
}

/// The database answers; 503 (with `Retry-After`) while it does not. The
/// pool reconnects by itself, so this turns green again without a restart.
#[utoipa::path(
    get, path = "/health/ready",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "Database unreachable", body = Health),
    )
)]
pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    let reachable = state.db.ping().await;
    let body = Health {
        status: if reachable { "ok" } else { "unavailable" }.into(),
        database: Some(state.db.backend().into()),
        database_reachable: Some(reachable),
        version: version(),
    };
    if reachable {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable()
            .insert_header((header::RETRY_AFTER, "5"))
            .json(body)
    }
}
