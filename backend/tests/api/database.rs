use crate::helpers::*;
use backend::config::DatabaseUrl;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use std::collections::BTreeSet;

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    nullable: String,
}

fn sqlite_columns(conn: &mut SqliteConnection) -> BTreeSet<(String, String, bool)> {
    diesel::sql_query(
        "SELECT m.name AS table_name, p.name AS column_name, \
                CASE WHEN p.\"notnull\" = 1 OR p.pk = 1 THEN 'NO' ELSE 'YES' END AS nullable \
         FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name != '__diesel_schema_migrations'",
    )
    .load::<Column>(conn)
    .unwrap()
    .into_iter()
    .map(|c| (c.table_name, c.column_name, c.nullable == "YES"))
    .collect()
}

fn postgres_columns(conn: &mut PgConnection) -> BTreeSet<(String, String, bool)> {
    diesel::sql_query(
        "SELECT table_name::text AS table_name, column_name::text AS column_name, is_nullable::text AS nullable \
         FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name != '__diesel_schema_migrations'",
    )
    .load::<Column>(conn)
    .unwrap()
    .into_iter()
    .map(|c| (c.table_name, c.column_name, c.nullable == "YES"))
    .collect()
}

/// Both migration sets must describe the same schema, column for column.
#[actix_web::test]
async fn both_migration_sets_produce_the_same_tables_and_columns() {
    let sqlite_app = spawn_app(Backend::Sqlite).await;
    let Some(postgres_app) = spawn_postgres_app().await else {
        return;
    };
    let DatabaseUrl::Sqlite(path) = &sqlite_app.config.database.url else {
        unreachable!()
    };
    let mut sqlite = SqliteConnection::establish(path.to_str().unwrap()).unwrap();
    let mut postgres =
        PgConnection::establish(&postgres_url_for(postgres_app.postgres_database().unwrap()))
            .unwrap();
    let from_sqlite = sqlite_columns(&mut sqlite);
    let from_postgres = postgres_columns(&mut postgres);
    assert!(
        from_sqlite.len() > 10,
        "the schema was read: {from_sqlite:?}"
    );
    assert_eq!(from_sqlite, from_postgres);
}

#[test]
fn both_migration_sets_have_the_same_steps() {
    let list = |backend: &str| -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../migrations")
            .join(backend);
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert!(!list("sqlite").is_empty());
    assert_eq!(list("sqlite"), list("postgres"));
}

/// A PostgreSQL URL whose server is down is an error naming PostgreSQL,
/// never a silent fall-back to a SQLite file.
#[test]
fn an_unreachable_postgres_fails_clearly_without_sqlite_fallback() {
    let (mut config, data_dir, _) = test_config(Backend::Sqlite);
    config.database.url =
        DatabaseUrl::parse("postgres://postgres@127.0.0.1:1/innovaction").unwrap();
    let error = backend::startup::migrate(&config).unwrap_err();
    let message = format!("{error:#}");
    assert!(message.contains("postgres"), "{message}");
    let files: Vec<_> = std::fs::read_dir(&data_dir).unwrap().collect();
    assert!(
        files.is_empty(),
        "no file was created in the data directory"
    );
    std::fs::remove_dir_all(data_dir).unwrap();
}

#[derive(QueryableByName)]
struct Pragma {
    #[diesel(sql_type = Text)]
    journal_mode: String,
}

#[derive(QueryableByName)]
struct ForeignKeys {
    #[diesel(sql_type = Integer)]
    foreign_keys: i32,
}

#[actix_web::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys() {
    let app = spawn_app(Backend::Sqlite).await;
    let database = backend::db::Database::new(&app.config.database).unwrap();
    let mut conn = database.get().unwrap();
    let backend::db::DbConnection::Sqlite(conn) = &mut *conn else {
        unreachable!()
    };
    let mode = diesel::sql_query("PRAGMA journal_mode")
        .get_result::<Pragma>(conn)
        .unwrap();
    assert_eq!(mode.journal_mode, "wal");
    let fk = diesel::sql_query("PRAGMA foreign_keys")
        .get_result::<ForeignKeys>(conn)
        .unwrap();
    assert_eq!(fk.foreign_keys, 1);
    let violation = conn.batch_execute("INSERT INTO refresh_tokens (user_id, token_hash, issued_at, expires_at) VALUES (424242, 'x', '2026-01-01 00:00:00', '2026-01-02 00:00:00')");
    assert!(violation.is_err(), "foreign keys are enforced");
}
