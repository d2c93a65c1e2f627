//! Building and running the HTTP server. Tests build the same application
//! on port 0 and talk to it over HTTP.

use crate::auth::AuthService;
use crate::config::Config;
use crate::db::{migrations, Database};
use crate::openapi::{self, OpenApiDocument};
use crate::state::AppState;
use crate::{cors, extract, routes, spa, telemetry};
use actix_web::dev::Server;
use actix_web::middleware::{from_fn, DefaultHeaders, ErrorHandlers};
use actix_web::{guard, web, App, HttpServer};
use actix_web_prom::{PrometheusMetrics, PrometheusMetricsBuilder};
use anyhow::Context;
use std::net::TcpListener;
use tracing_actix_web::TracingLogger;

pub struct Application {
    server: Server,
    port: u16,
    pub state: AppState,
}

/// Applies pending migrations and installs the reference data every
/// database starts with (the default ex-ante grid), failing with a clear
/// message when the database cannot be reached.
pub fn migrate(config: &Config) -> anyhow::Result<Vec<String>> {
    let mut conn =
        crate::db::connection::Manager::establish(&config.database.url).with_context(|| {
            format!(
                "cannot connect to the {} database at {}",
                config.database.url.backend_name(),
                config.database.url.redacted()
            )
        })?;
    let applied = migrations::run_pending(&mut conn)?;
    crate::evaluations::grids::install_default(&mut conn)
        .map_err(|e| anyhow::anyhow!("installing the default evaluation grid: {}", e.message))?;
    Ok(applied)
}

const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let migrate_config = config.clone();
        let applied = web::block(move || migrate(&migrate_config)).await??;
        if !applied.is_empty() {
            tracing::info!(migrations = ?applied, "database migrated");
        }
        let db = Database::new(&config.database)?;
        let auth_config = config.clone();
        let auth = web::block(move || AuthService::new(&auth_config))
            .await?
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let state = AppState {
            db,
            auth,
            trust_proxy: config.server.trust_proxy,
            documents_dir: config.data_dir.join("documents"),
            max_upload_bytes: config.server.max_upload_bytes,
            public_url: config.server.public_url.clone(),
            mailer: config.server.smtp.clone().map(crate::mail::Mailer::new),
            plans: Default::default(),
        };
        if config.webhooks.worker {
            crate::webhooks::worker::spawn(state.db.clone(), config.webhooks.clone());
        }
        if config.server.reminders {
            crate::notifications::reminders::spawn(
                state.db.clone(),
                state.mailer.clone(),
                state.public_url.clone(),
            );
        }
        let listener = TcpListener::bind(config.server.bind)
            .with_context(|| format!("cannot listen on {}", config.server.bind))?;
        let port = listener.local_addr()?.port();
        let document = web::Data::new(OpenApiDocument(openapi::document_json()?));
        let metrics = prometheus_metrics()?;
        let data = web::Data::new(state.clone());
        let static_dir = config.server.static_dir.clone();
        let serve_app = static_dir.join("index.html").is_file();
        if !serve_app {
            tracing::warn!(dir = %static_dir.display(), "web app not built; serving the API only");
        }
        let json_limit = config.server.json_limit;
        let workers = config.server.workers.max(1);
        let cors_origins = cors::AllowedOrigins::new(config.server.cors_allowed_origins.clone());
        let body_timeout = extract::BodyTimeout(config.server.request_body_timeout);
        let client_request_timeout = config.server.client_request_timeout;

        let server = HttpServer::new(move || {
            let app = App::new()
                .wrap(ErrorHandlers::new().default_handler(telemetry::json_error_fallback))
                .wrap(from_fn({
                    let origins = cors_origins.clone();
                    move |req, next| cors::middleware(origins.clone(), req, next)
                }))
                .wrap(
                    DefaultHeaders::new()
                        .add(("X-Content-Type-Options", "nosniff"))
                        .add(("X-Frame-Options", "DENY"))
                        .add(("Referrer-Policy", "no-referrer"))
                        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY)),
                )
                .wrap(metrics.clone())
                .wrap(TracingLogger::default())
                .app_data(data.clone())
                .app_data(document.clone())
                .app_data(web::PayloadConfig::new(json_limit))
                .app_data(body_timeout)
                .app_data(extract::path_config())
                .configure(routes::configure)
                .route("/api/docs", web::get().to(openapi::docs_redirect))
                .route("/api/docs/{file:.*}", web::get().to(openapi::docs_asset))
                .service(web::scope("/api").default_service(web::to(spa::api_not_found)));
            if serve_app {
                spa::ASSET_PATHS
                    .iter()
                    .fold(
                        app.app_data(web::Data::new(spa::StaticDir(static_dir.clone()))),
                        |app, path| {
                            let get_or_head = guard::Any(guard::Get()).or(guard::Head());
                            app.route(path, web::route().guard(get_or_head).to(spa::asset))
                        },
                    )
                    .service(spa::service(static_dir.clone()))
            } else {
                app.default_service(web::to(|req: actix_web::HttpRequest| async move {
                    let path = req.path();
                    if path.starts_with("/health") || path.starts_with("/metrics") {
                        actix_web::HttpResponse::from(crate::error::ApiError::not_found("page"))
                    } else {
                        spa::not_built()
                    }
                }))
            }
        })
        .workers(workers)
        .client_request_timeout(client_request_timeout)
        .listen(listener)?
        .run();
        Ok(Self {
            server,
            port,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn prometheus_metrics() -> anyhow::Result<PrometheusMetrics> {
    PrometheusMetricsBuilder::new("innovaction")
        .endpoint("/metrics")
        .mask_unmatched_patterns("UNMATCHED")
        .build()
        .map_err(|e| anyhow::anyhow!("metrics registry: {e}"))
}
