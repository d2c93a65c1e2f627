//! The single-page app: built files from `STATIC_DIR`, and `index.html` for
//! every other non-API path so the app's own router can take over.

use crate::error::ApiError;
use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, AcceptEncoding, ContentEncoding, Encoding};
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse, Responder};
use std::path::{Path, PathBuf};

/// The bundle's files that have a compressed copy: plain names ending in
/// `.wasm`, `.js` or `.css`, at the root (one pattern each: the router
/// takes no alternatives within a segment).
pub const ASSET_PATHS: [&str; 3] = [
    r"/{asset:[A-Za-z0-9_][A-Za-z0-9_.-]*\.wasm}",
    r"/{asset:[A-Za-z0-9_][A-Za-z0-9_.-]*\.js}",
    r"/{asset:[A-Za-z0-9_][A-Za-z0-9_.-]*\.css}",
];

/// The web app's build folder, for the handlers that read it.
#[derive(Clone)]
pub struct StaticDir(pub PathBuf);

/// Whether `name` is a plain file name of the build folder (no folder, no
/// `..`), with an extension the build compresses.
fn compressible_asset(name: &str) -> bool {
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    plain
        && Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "wasm" | "js" | "css"))
}

/// Whether the browser prefers gzip to the file as it is, by its
/// `Accept-Encoding` and its quality values.
fn accepts_gzip(req: &HttpRequest) -> bool {
    let offered = [Encoding::gzip(), Encoding::identity()];
    req.get_header::<AcceptEncoding>()
        .and_then(|accepted| accepted.negotiate(offered.iter()))
        == Some(Encoding::gzip())
}

/// `GET /{asset}` for the bundle's WebAssembly, JavaScript and CSS: the
/// copy `scripts/build-frontend.sh` compressed once with `gzip -9` when
/// the browser accepts gzip (the WebAssembly module shrinks to a third),
/// the file itself otherwise; any other path goes on to the folder's
/// files.
pub async fn asset(
    req: HttpRequest,
    name: web::Path<String>,
    dir: web::Data<StaticDir>,
) -> HttpResponse {
    let name = name.into_inner();
    if !compressible_asset(&name) {
        return HttpResponse::NotFound().finish();
    }
    let plain = dir.0.join(&name);
    let compressed = dir.0.join(format!("{name}.gz"));
    let file = if accepts_gzip(&req) && compressed.is_file() && plain.is_file() {
        NamedFile::open_async(&compressed).await.map(|file| {
            let extension = plain
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default();
            file.set_content_type(actix_files::file_extension_to_mime(extension))
                .set_content_encoding(ContentEncoding::Gzip)
        })
    } else {
        NamedFile::open_async(&plain).await
    };
    match file {
        Ok(file) => file
            .disable_content_disposition()
            .customize()
            .insert_header((header::VARY, "Accept-Encoding"))
            .respond_to(&req)
            .map_into_boxed_body(),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn only_plain_names_of_compressed_kinds_are_assets() {
        for name in [
            "innovaction_bg.wasm",
            "innovaction.js",
            "styles.css",
            "boot.js",
        ] {
            assert!(compressible_asset(name), "{name}");
        }
        for name in [
            "index.html",
            "../secret.js",
            "a/b.js",
            ".js",
            "",
            "x.wasm.gz",
            "%2e%2e.js",
        ] {
            assert!(!compressible_asset(name), "{name}");
        }
    }

    #[test]
    fn gzip_is_sent_only_to_browsers_that_accept_it() {
        let with = |value: &str| {
            accepts_gzip(
                &TestRequest::default()
                    .insert_header((header::ACCEPT_ENCODING, value))
                    .to_http_request(),
            )
        };
        assert!(with("gzip, deflate, br, zstd"));
        assert!(with("br;q=1.0, GZIP;q=0.5"));
        assert!(!with("br, zstd"));
        assert!(!with("gzip;q=0, br"));
        assert!(!accepts_gzip(&TestRequest::default().to_http_request()));
    }
}
