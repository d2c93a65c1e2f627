//! The single-page app: built files from `STATIC_DIR`, and `index.html` for
//! every other non-API path so the app's own router can take over.

use crate::error::ApiError;
use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::{HttpResponse, Responder};
use std::path::PathBuf;

pub fn service(static_dir: PathBuf) -> Files {
    let index = static_dir.join("index.html");
    Files::new("/", static_dir)
        .index_file("index.html")
        .default_handler(fn_service(move |req: ServiceRequest| {
            let index = index.clone();
            async move {
                let (req, _) = req.into_parts();
                let response = match NamedFile::open_async(&index).await {
                    Ok(file) => file
                        .customize()
                        .insert_header((header::CACHE_CONTROL, "no-cache"))
                        .respond_to(&req)
                        .map_into_boxed_body(),
                    Err(_) => not_built(),
                };
                Ok(ServiceResponse::new(req, response))
            }
        }))
}

/// Answered for every non-API path when the web app has not been built.
pub fn not_built() -> HttpResponse {
    HttpResponse::ServiceUnavailable()
        .content_type("text/html; charset=utf-8")
        .body(
            "<!DOCTYPE html><html lang=\"fr\"><meta charset=\"utf-8\"><title>Innov'Action</title>\
             <p>L'application web n'est pas construite : lancez <code>scripts/build-frontend.sh</code>. \
             The web app is not built: run <code>scripts/build-frontend.sh</code>.</p></html>",
        )
}

/// Unknown paths under `/api`: JSON 404, never the app's HTML.
pub async fn api_not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::new(
        shared::ErrorCode::NotFound,
        "no such API endpoint; see /api/docs/",
    ))
}
