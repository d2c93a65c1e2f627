//! The OpenAPI 3.1 document and the Swagger UI that browses it, both served
//! from the binary (no CDN: the town's network may have no internet).

use crate::routes::{Access, Tag};
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::tag::TagBuilder;
use utoipa::{Modify, OpenApi};

pub mod contract;

use contract::SharedRules;

/// What the document says besides its operations, which come from the
/// endpoint table (`routes::table`).
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Innov'Action API",
        description = "Portfolio of territorial projects: lifecycle, financing and leverage, actors and their network, evaluations. Conventions: see the API guide (snake_case JSON, integer cents, `If-Match` for updates, JSON errors with stable codes).",
        license(name = "AGPL-3.0-or-later"),
    ),
    components(schemas(shared::ErrorBody, shared::ErrorDetail, shared::FieldError, shared::ErrorCode, shared::exchange::ExportFormat, crate::exchange::files::CsvFile, crate::exchange::files::XlsxFile, crate::reports::PdfFile, shared::i18n::Lang, shared::exchange::ImportReport, shared::programming::CreditYear, shared::programming::ScheduleYear, shared::programming::CapacityYear)),
    modifiers(&BearerAuth),
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

/// The document: each row of the endpoint table with its handler's
/// description, its `operationId`, tag, who may call it and the scope an
/// API key needs; then the rules every operation shares.
pub fn document() -> anyhow::Result<utoipa::openapi::OpenApi> {
    let mut openapi = ApiDoc::openapi();
    let mut schemas = Vec::new();
    for endpoint in crate::routes::table() {
        let documentation = &endpoint.documentation;
        let documented_methods = serde_json::to_value((documentation.method)())?;
        let documented_path = (documentation.path)();
        let declared_method = endpoint.method.as_str().to_lowercase();
        anyhow::ensure!(
            documented_path == endpoint.path && documented_methods == serde_json::json!([declared_method]),
            "{}: the table says {} {} but its handler documents {documented_methods} {documented_path}",
            endpoint.operation_id,
            endpoint.method,
            endpoint.path
        );
        let mut operation = (documentation.operation)();
        operation.operation_id = Some(endpoint.operation_id.to_owned());
        operation.tags = Some(vec![endpoint.tag.name().to_owned()]);
        if endpoint.access != Access::Public {
            operation.security = Some(vec![SecurityRequirement::new(
                "bearer",
                Vec::<String>::new(),
            )]);
        }
        contract::document_access_errors(&mut operation, endpoint.access);
        let mut who = format!("Who may call: {}.", endpoint.access.describe());
        if let Some(scope) = endpoint.scope {
            who.push_str(&format!(" API keys: scope `{}`.", scope.as_str()));
        }
        operation.description = Some(match operation.description.take() {
            Some(description) => format!("{description}\n\n{who}"),
            None => who,
        });
        (documentation.schemas)(&mut schemas);
        openapi
            .paths
            .add_path_operation(endpoint.path, (documentation.method)(), operation);
    }
    let components = openapi.components.get_or_insert_with(Default::default);
    components.schemas.extend(schemas);
    openapi.tags = Some(
        Tag::ALL
            .iter()
            .map(|tag| {
                TagBuilder::new()
                    .name(tag.name())
                    .description(Some(tag.description()))
                    .build()
            })
            .collect(),
    );
    SharedRules.modify(&mut openapi);
    Ok(openapi)
}

/// The document as served, built once.
pub fn document_json() -> anyhow::Result<String> {
    let document = document()?.to_pretty_json()?;
    Ok(contract::name_link_fields(&document))
}

/// This document.
#[utoipa::path(
    get, path = "/api/openapi.json",
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

/// Error answers described once for the operations that give them but
/// are not covered by the rules `contract` applies to every operation (a
/// public operation that still reads the database).
pub mod errors {
    use shared::ErrorBody;

    #[derive(utoipa::IntoResponses)]
    #[response(
        status = 503,
        description = "Database unreachable; retry after Retry-After seconds"
    )]
    #[allow(dead_code)]
    pub struct Unavailable(ErrorBody);
}
