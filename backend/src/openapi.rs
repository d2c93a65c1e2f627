//! The OpenAPI 3.1 document and the Swagger UI that browses it, both served
//! from the binary (no CDN: the town's network may have no internet).

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

pub mod contract;

use contract::SharedRules;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Innov'Action API",
        description = "Portfolio of territorial projects: lifecycle, financing and leverage, actors and their network, evaluations. Conventions: see the API guide (snake_case JSON, integer cents, `If-Match` for updates, JSON errors with stable codes).",
        license(name = "AGPL-3.0-or-later"),
    ),
    paths(
        crate::health::live,
        crate::health::ready,
        crate::openapi::openapi_json,
        crate::auth::handlers::login,
        crate::auth::handlers::refresh,
        crate::auth::handlers::logout,
        crate::users::handlers::me,
        crate::users::handlers::list,
        crate::users::handlers::create,
        crate::users::handlers::get,
        crate::users::handlers::update,
        crate::users::handlers::reset_password,
        crate::audit::handlers::list,
        crate::auth::api_keys::list,
        crate::auth::api_keys::create,
        crate::auth::api_keys::revoke,
        crate::users::invitations::list,
        crate::users::invitations::create,
        crate::users::invitations::accept,
        crate::users::invitations::revoke,
        crate::actors::handlers::list,
        crate::actors::handlers::create,
        crate::actors::handlers::get,
        crate::actors::handlers::update,
        crate::actors::handlers::delete,
        crate::actors::handlers::projects,
        crate::actors::contacts::list,
        crate::actors::contacts::create,
        crate::actors::contacts::update,
        crate::actors::contacts::delete,
        crate::actors::personal_data::export,
        crate::actors::personal_data::erase,
        crate::users::handlers::staff,
        crate::settings::get_axes,
        crate::settings::put_axes,
        crate::projects::handlers::list,
        crate::projects::handlers::create,
        crate::projects::handlers::get,
        crate::projects::handlers::update,
        crate::projects::handlers::delete,
        crate::projects::lifecycle::list,
        crate::projects::lifecycle::create,
        crate::projects::milestones::list,
        crate::projects::milestones::create,
        crate::projects::milestones::update,
        crate::projects::milestones::delete,
        crate::projects::journal::list,
        crate::projects::journal::create,
        crate::projects::journal::update,
        crate::projects::journal::delete,
        crate::projects::documents::list,
        crate::projects::documents::upload,
        crate::projects::documents::download,
        crate::projects::documents::delete,
        crate::projects::participants::list,
        crate::projects::participants::create,
        crate::projects::participants::delete,
        crate::projects::funding::list,
        crate::projects::funding::create,
        crate::projects::funding::update,
        crate::projects::funding::delete,
        crate::settings::get_evaluation_gate,
        crate::settings::put_evaluation_gate,
        crate::evaluations::grids::list,
        crate::evaluations::grids::create,
        crate::evaluations::grids::get,
        crate::evaluations::grids::update,
        crate::evaluations::grids::versions,
        crate::evaluations::grids::version,
        crate::evaluations::handlers::list,
        crate::evaluations::handlers::create,
        crate::evaluations::handlers::consolidated,
        crate::evaluations::handlers::comparison,
        crate::evaluations::handlers::get,
        crate::evaluations::handlers::update,
        crate::evaluations::handlers::delete,
        crate::evaluations::handlers::submit,
        crate::evaluations::handlers::reopen,
        crate::evaluations::indicators::list,
        crate::evaluations::indicators::create,
        crate::evaluations::indicators::get,
        crate::evaluations::indicators::update,
        crate::evaluations::indicators::delete,
        crate::evaluations::indicators::measurements,
        crate::evaluations::indicators::add_measurement,
        crate::evaluations::indicators::delete_measurement,
        crate::webhooks::handlers::list,
        crate::webhooks::handlers::create,
        crate::webhooks::handlers::get,
        crate::webhooks::handlers::update,
        crate::webhooks::handlers::delete,
        crate::webhooks::handlers::deliveries,
        crate::settings::get_webhooks,
        crate::settings::put_webhooks,
        crate::exchange::lists::funding_lines,
        crate::exchange::lists::indicators,
        crate::exchange::import::actors,
        crate::exchange::import::projects,
        crate::exchange::open_data::projects,
        crate::portfolio::handlers::dashboard,
        crate::portfolio::handlers::network,
    ),
    components(schemas(shared::ErrorBody, shared::ErrorDetail, shared::FieldError, shared::ErrorCode, shared::exchange::ExportFormat)),
    modifiers(&BearerAuth, &SharedRules),
    tags(
        (name = "auth", description = "Sign in, refresh, sign out"),
        (name = "users", description = "Accounts and roles"),
        (name = "audit", description = "Who changed what"),
        (name = "access", description = "API keys for the town's systems, partner invitations"),
        (name = "actors", description = "The territorial ecosystem: organisations and their contacts"),
        (name = "projects", description = "The portfolio: projects, lifecycle, financing, knowledge base"),
        (name = "evaluations", description = "Evaluation grids, evaluations with blind review, consolidation, impact indicators"),
        (name = "portfolio", description = "The dashboard's figures and the actors' network"),
        (name = "exchange", description = "CSV imports of actors and projects, and the public projects as open data; exports are the lists' `format=csv|xlsx`"),
        (name = "webhooks", description = "Signed notifications of events to the town's other systems, their deliveries and retries"),
        (name = "health", description = "Probes"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The document as served, built once.
pub fn document_json() -> anyhow::Result<String> {
    let document = ApiDoc::openapi().to_pretty_json()?;
    Ok(contract::name_link_fields(&document))
}

/// This document.
#[utoipa::path(
    get, path = "/api/openapi.json", tag = "health",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json"))
)]
pub async fn openapi_json(document: web::Data<OpenApiDocument>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(mime::APPLICATION_JSON)
        .body(document.0.clone())
}

pub struct OpenApiDocument(pub String);

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const SWAGGER_ASSETS: &[Asset] = &[
    Asset {
        name: "index.html",
        content_type: "text/html; charset=utf-8",
        bytes: include_bytes!("../assets/swagger-ui/index.html"),
    },
    Asset {
        name: "swagger-ui.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../assets/swagger-ui/swagger-ui.css"),
    },
    Asset {
        name: "swagger-ui-bundle.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../assets/swagger-ui/swagger-ui-bundle.js"),
    },
    Asset {
        name: "swagger-initializer.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../assets/swagger-ui/swagger-initializer.js"),
    },
    Asset {
        name: "favicon-32x32.png",
        content_type: "image/png",
        bytes: include_bytes!("../assets/swagger-ui/favicon-32x32.png"),
    },
];

/// `/api/docs` → `/api/docs/` so the UI's relative asset paths resolve.
pub async fn docs_redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, "/api/docs/"))
        .finish()
}

pub async fn docs_asset(path: web::Path<String>) -> HttpResponse {
    let name = path.into_inner();
    let name = if name.is_empty() {
        "index.html"
    } else {
        name.as_str()
    };
    match SWAGGER_ASSETS.iter().find(|asset| asset.name == name) {
        Some(asset) => HttpResponse::Ok()
            .content_type(asset.content_type)
            .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
            .body(asset.bytes),
        None => crate::error::ApiError::not_found("documentation asset").into(),
    }
}

impl From<crate::error::ApiError> for HttpResponse {
    fn from(error: crate::error::ApiError) -> Self {
        actix_web::ResponseError::error_response(&error)
    }
}

/// Error answers many operations share, each documented once; an operation
/// names those it can give. Answers whose meaning depends on the operation
/// (403, 409, 413, 422) stay described where they are.
pub mod errors {
    use shared::ErrorBody;

    macro_rules! error_response {
        ($name:ident, $status:literal, $description:literal) => {
            #[derive(utoipa::IntoResponses)]
            #[response(status = $status, description = $description)]
            #[allow(dead_code)]
            pub struct $name(ErrorBody);
        };
    }

    error_response!(BadRequest, 400, "Malformed JSON body, path or query value");
    error_response!(
        Unauthenticated,
        401,
        "Not signed in, or the token is invalid or expired"
    );
    error_response!(NotFound, 404, "No such resource");
    error_response!(
        Stale,
        412,
        "Changed by someone else since it was read (stale If-Match)"
    );
    error_response!(PreconditionRequired, 428, "If-Match is required");
    error_response!(
        Unavailable,
        503,
        "Database unreachable; retry after Retry-After seconds"
    );
}
