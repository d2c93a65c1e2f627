//! Structured logs (one line per request with its id, method, path, status
//! and latency) and the JSON error fallback for answers actix builds itself.

use crate::error::{code_for_status, ApiError};
use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::header;
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, ResponseError};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::EnvFilter;

/// `LOG_FORMAT=json` for log collectors; human-readable otherwise. Request
/// spans are logged when they close, with their duration.
pub fn init_logging() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn"));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_span_events(FmtSpan::CLOSE)
        .with_target(false);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.compact().try_init()
    };
}

/// Turns any error answer that is not already JSON (actix's own 404, 405,
/// 413, extractor failures) into the API's error body.
pub fn json_error_fallback<B: MessageBody + 'static>(
    response: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let is_html_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_json || is_html_page {
        return Ok(ErrorHandlerResponse::Response(
            response.map_into_left_body(),
        ));
    }
    let status = response.status();
    let (request, _) = response.into_parts();
    let error = ApiError::new(
        code_for_status(status),
        status.canonical_reason().unwrap_or("error").to_lowercase(),
    );
    let mut replacement: HttpResponse<BoxBody> = error.error_response();
    *replacement.status_mut() = status;
    let replacement: HttpResponse<EitherBody<B>> = replacement.map_into_right_body();
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(
        request,
        replacement,
    )))
}
