//! The web app's files: the bundle's compressed copies go to browsers that
//! accept gzip, the files themselves to the others, and every other path
//! to the app's page.

use crate::helpers::{spawn_app_with, Backend};
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, VARY};

const WASM: &[u8] = b"\0asm\x01\0\0\0 the module";
const WASM_GZ: &[u8] = b"\x1f\x8b the compressed module";

fn build_folder() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "innovaction-dist-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!DOCTYPE html><title>app</title>").unwrap();
    std::fs::write(dir.join("innovaction_bg.wasm"), WASM).unwrap();
    std::fs::write(dir.join("innovaction_bg.wasm.gz"), WASM_GZ).unwrap();
    std::fs::write(dir.join("styles.css"), "body { margin: 0 }").unwrap();
    dir
}

#[actix_web::test]
async fn the_bundle_is_sent_compressed_to_browsers_that_accept_it() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let dir = build_folder();
        let static_dir = dir.clone();
        let Some(app) =
            spawn_app_with(backend, move |config| config.server.static_dir = static_dir).await
        else {
            continue;
        };
        let get = |path: &str, encoding: Option<&str>| {
            let mut request = app.client.get(app.url(path));
            if let Some(encoding) = encoding {
                request = request.header(ACCEPT_ENCODING, encoding);
            }
            request.send()
        };

        let response = get("/innovaction_bg.wasm", Some("gzip, deflate, br, zstd"))
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let header = |response: &reqwest::Response, name| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        assert_eq!(header(&response, CONTENT_ENCODING).as_deref(), Some("gzip"));
        assert_eq!(
            header(&response, CONTENT_TYPE).as_deref(),
            Some("application/wasm")
        );
        assert_eq!(header(&response, VARY).as_deref(), Some("Accept-Encoding"));
        assert!(
            header(&response, "x-content-type-options".parse().unwrap()).is_some(),
            "security headers as on every answer"
        );
        assert_eq!(response.bytes().await.unwrap().as_ref(), WASM_GZ);

        // HEAD says what GET would send.
        let response = app
            .client
            .head(app.url("/innovaction_bg.wasm"))
            .header(ACCEPT_ENCODING, "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(
            (
                response.status().as_u16(),
                header(&response, CONTENT_ENCODING).as_deref()
            ),
            (200, Some("gzip"))
        );
        assert_eq!(
            header(&response, reqwest::header::CONTENT_LENGTH),
            Some(WASM_GZ.len().to_string())
        );

        for refusing in [None, Some("br"), Some("gzip;q=0")] {
            let response = get("/innovaction_bg.wasm", refusing).await.unwrap();
            assert_eq!(header(&response, CONTENT_ENCODING), None, "{refusing:?}");
            assert_eq!(
                response.bytes().await.unwrap().as_ref(),
                WASM,
                "{refusing:?}"
            );
        }

        // Without a compressed copy, the file itself.
        let response = get("/styles.css", Some("gzip")).await.unwrap();
        assert_eq!(
            (
                response.status().as_u16(),
                header(&response, CONTENT_ENCODING)
            ),
            (200, None)
        );
        assert!(header(&response, CONTENT_TYPE)
            .unwrap()
            .starts_with("text/css"));
        assert_eq!(response.text().await.unwrap(), "body { margin: 0 }");

        assert_eq!(
            get("/missing.js", Some("gzip")).await.unwrap().status(),
            404
        );
        // The app's own routes still get its page.
        let response = get("/projets/12", Some("gzip")).await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response
            .text()
            .await
            .unwrap()
            .contains("<title>app</title>"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
