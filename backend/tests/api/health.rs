use crate::helpers::*;
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use reqwest::{Method, StatusCode};
use serde_json::Value;

db_test! {
    async fn probes_report_the_database(app) {
        let live = app.request(Method::GET, "/health/live", None, None).await;
        assert_eq!(live.status(), StatusCode::OK);
        let ready = app.request(Method::GET, "/health/ready", None, None).await;
        assert_eq!(ready.status(), StatusCode::OK);
        let body: Value = ready.json().await.unwrap();
        assert_eq!(body["database_reachable"], true);
        let expected = match app.backend { Backend::Sqlite => "sqlite", Backend::Postgres => "postgres" };
        assert_eq!(body["database"], expected);
    }

    async fn metrics_are_exposed_for_prometheus(app) {
        app.request(Method::GET, "/health/live", None, None).await;
        let metrics = app.request(Method::GET, "/metrics", None, None).await.text().await.unwrap();
        assert!(metrics.contains("innovaction_http_requests_total"), "{metrics}");
        assert!(metrics.contains("endpoint=\"/health/live\""));
    }
}

/// Cuts the application off its PostgreSQL database, then lets it back in:
/// requests get 503 with Retry-After meanwhile, and everything recovers
/// without a restart.
#[actix_web::test]
async fn postgres_outage_gives_503_then_recovers() {
    let Some(app) = spawn_postgres_app().await else {
        return;
    };
    let token = app.admin_token().await;
    let database = app.postgres_database().unwrap().to_owned();
    let mut admin = PgConnection::establish(&postgres_admin_url()).unwrap();
    admin
        .batch_execute(&format!(
            "ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS false; \
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}';"
        ))
        .unwrap();

    let ready = app.request(Method::GET, "/health/ready", None, None).await;
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(ready.headers().contains_key("retry-after"));
    let body: Value = ready.json().await.unwrap();
    assert_eq!(body["database_reachable"], false);

    let me = app.get("/api/v1/me", &token).await;
    assert!(me.headers().contains_key("retry-after"));
    assert_error(me, 503, "service_unavailable").await;
    let login = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_error(login, 503, "service_unavailable").await;

    admin
        .batch_execute(&format!(
            "ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS true"
        ))
        .unwrap();
    let ready = app.request(Method::GET, "/health/ready", None, None).await;
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(app.get("/api/v1/me", &token).await.status(), StatusCode::OK);
}
