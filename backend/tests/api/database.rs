use crate::helpers::*;
use backend::config::DatabaseUrl;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::sql_types::{Integer, Text};
use shared::actors::ActorKind;
use shared::auth::Role;
use shared::evaluation::{EvaluationKind, EvaluationStatus, Recommendation};
use shared::finance::{FundingCategory, FundingStatus};
use shared::indicators::{Direction, IndicatorLevel};
use shared::lifecycle::{AbandonReason, DecisionOutcome, Phase};
use shared::notifications::{EmailFrequency, NotificationKind};
use shared::opportunities::Recurrence;
use shared::participants::ParticipantRole;
use shared::projects::{JournalKind, Visibility};
use shared::webhooks::{DeliveryStatus, WebhookEvent};
use std::collections::{BTreeMap, BTreeSet};

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

#[derive(QueryableByName)]
struct ColumnType {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
}

type ColumnTypes = BTreeMap<(String, String), String>;

/// Column types in PostgreSQL's words. SQLite keeps each column's declared
/// type; an `INTEGER PRIMARY KEY AUTOINCREMENT` is its 64-bit rowid, which
/// PostgreSQL spells `BIGINT`.
fn sqlite_column_types(conn: &mut SqliteConnection) -> ColumnTypes {
    diesel::sql_query(
        "SELECT m.name AS table_name, p.name AS column_name, \
                CASE WHEN p.pk = 1 AND m.sql LIKE '%AUTOINCREMENT%' THEN 'rowid' ELSE p.type END AS data_type \
         FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name != '__diesel_schema_migrations'",
    )
    .load::<ColumnType>(conn)
    .unwrap()
    .into_iter()
    .map(|c| {
        let data_type = match c.data_type.to_ascii_uppercase().as_str() {
            "ROWID" | "BIGINT" => "bigint".to_owned(),
            "INTEGER" => "integer".to_owned(),
            "TEXT" => "text".to_owned(),
            "BOOLEAN" => "boolean".to_owned(),
            "TIMESTAMP" => "timestamp without time zone".to_owned(),
            "DATE" => "date".to_owned(),
            "REAL" => "double precision".to_owned(),
            other => format!("unexpected SQLite type {other}"),
        };
        ((c.table_name, c.column_name), data_type)
    })
    .collect()
}

fn postgres_column_types(conn: &mut PgConnection) -> ColumnTypes {
    diesel::sql_query(
        "SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type \
         FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name != '__diesel_schema_migrations'",
    )
    .load::<ColumnType>(conn)
    .unwrap()
    .into_iter()
    .map(|c| ((c.table_name, c.column_name), c.data_type))
    .collect()
}

/// The values each CHECK constraint allows, by table and column.
type Checks = BTreeMap<(String, String), BTreeSet<String>>;

/// `column IN ('a', 'b')` (SQLite keeps the text as written) or
/// `((column = ANY (ARRAY['a'::text, 'b'::text])))` (as PostgreSQL gives it
/// back): the column and the quoted values. Anything else panics, so that
/// a check of another shape is noticed rather than skipped.
fn parse_check(clause: &str) -> (String, BTreeSet<String>) {
    let body = clause.trim_start_matches(['(', ' ']);
    let column: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let rest = body[column.len()..].trim_start();
    assert!(
        rest.starts_with("IN (") || rest.starts_with("= ANY (ARRAY["),
        "a check of an unexpected shape: {clause}"
    );
    let values: BTreeSet<String> = rest
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    assert!(!values.is_empty(), "no values in {clause}");
    (column, values)
}

#[derive(QueryableByName)]
struct TableSql {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    sql: String,
}

fn sqlite_checks(conn: &mut SqliteConnection) -> Checks {
    let tables = diesel::sql_query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .load::<TableSql>(conn)
    .unwrap();
    let mut checks = Checks::new();
    for table in tables {
        for (at, _) in table.sql.match_indices("CHECK (") {
            let clause = &table.sql[at + "CHECK (".len()..];
            let end = clause.find(')').expect("a closing parenthesis");
            let (column, values) = parse_check(&clause[..=end]);
            let previous = checks.insert((table.name.clone(), column), values);
            assert!(previous.is_none(), "one check per column in {}", table.name);
        }
    }
    checks
}

#[derive(QueryableByName)]
struct Constraint {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    definition: String,
}

fn postgres_checks(conn: &mut PgConnection) -> Checks {
    let constraints = diesel::sql_query(
        "SELECT rel.relname::text AS table_name, att.attname::text AS column_name, \
                pg_get_constraintdef(c.oid) AS definition \
         FROM pg_constraint c \
         JOIN pg_class rel ON rel.oid = c.conrelid \
         JOIN pg_namespace ns ON ns.oid = rel.relnamespace \
         JOIN pg_attribute att ON att.attrelid = c.conrelid AND att.attnum = ANY (c.conkey) \
         WHERE c.contype = 'c' AND ns.nspname = current_schema()",
    )
    .load::<Constraint>(conn)
    .unwrap();
    let mut checks = Checks::new();
    for constraint in constraints {
        let clause = constraint
            .definition
            .strip_prefix("CHECK ")
            .expect("a CHECK definition");
        let (column, values) = parse_check(clause);
        assert_eq!(column, constraint.column_name, "{}", constraint.definition);
        let previous = checks.insert((constraint.table_name.clone(), column), values);
        assert!(
            previous.is_none(),
            "one check per column in {}",
            constraint.table_name
        );
    }
    checks
}

/// A column holding a shared enum, and its variants' names.
struct EnumColumn {
    table: &'static str,
    column: &'static str,
    nullable: bool,
    names: BTreeSet<String>,
}

fn names(all: impl IntoIterator<Item = &'static str>) -> BTreeSet<String> {
    all.into_iter().map(str::to_owned).collect()
}

/// Every column the backend stores an enum in, with the Rust type's
/// variants: adding a variant in Rust without the migration that allows
/// it fails the tests below.
fn enum_columns() -> Vec<EnumColumn> {
    let column = |table, column, nullable, names| EnumColumn {
        table,
        column,
        nullable,
        names,
    };
    vec![
        column("users", "role", false, names(Role::ALL.map(Role::as_str))),
        column(
            "actors",
            "kind",
            false,
            names(ActorKind::ALL.map(ActorKind::as_str)),
        ),
        column(
            "projects",
            "phase",
            false,
            names(Phase::ALL.map(Phase::as_str)),
        ),
        column(
            "projects",
            "suspended_from",
            true,
            names(Phase::ALL.map(Phase::as_str)),
        ),
        column(
            "projects",
            "decision_outcome",
            true,
            names(DecisionOutcome::ALL.map(DecisionOutcome::as_str)),
        ),
        column(
            "projects",
            "abandon_reason",
            true,
            names(AbandonReason::ALL.map(AbandonReason::as_str)),
        ),
        column(
            "projects",
            "visibility",
            false,
            names(Visibility::ALL.map(Visibility::as_str)),
        ),
        column(
            "project_transitions",
            "from_phase",
            false,
            names(Phase::ALL.map(Phase::as_str)),
        ),
        column(
            "project_transitions",
            "to_phase",
            false,
            names(Phase::ALL.map(Phase::as_str)),
        ),
        column(
            "project_transitions",
            "outcome",
            true,
            names(DecisionOutcome::ALL.map(DecisionOutcome::as_str)),
        ),
        column(
            "project_transitions",
            "reason",
            true,
            names(AbandonReason::ALL.map(AbandonReason::as_str)),
        ),
        column(
            "journal_entries",
            "kind",
            false,
            names(JournalKind::ALL.map(JournalKind::as_str)),
        ),
        column(
            "participants",
            "role",
            false,
            names(ParticipantRole::ALL.map(ParticipantRole::as_str)),
        ),
        column(
            "funding_lines",
            "category",
            false,
            names(FundingCategory::ALL.map(FundingCategory::as_str)),
        ),
        column(
            "funding_lines",
            "status",
            false,
            names(FundingStatus::ALL.map(FundingStatus::as_str)),
        ),
        column(
            "evaluation_grids",
            "kind",
            false,
            names(EvaluationKind::ALL.map(EvaluationKind::as_str)),
        ),
        column(
            "evaluation_grid_versions",
            "kind",
            false,
            names(EvaluationKind::ALL.map(EvaluationKind::as_str)),
        ),
        column(
            "evaluations",
            "kind",
            false,
            names(EvaluationKind::ALL.map(EvaluationKind::as_str)),
        ),
        column(
            "evaluations",
            "status",
            false,
            names(EvaluationStatus::ALL.map(EvaluationStatus::as_str)),
        ),
        column(
            "evaluations",
            "recommendation",
            true,
            names(Recommendation::ALL.map(Recommendation::as_str)),
        ),
        column(
            "indicators",
            "level",
            false,
            names(IndicatorLevel::ALL.map(IndicatorLevel::as_str)),
        ),
        column(
            "indicators",
            "direction",
            false,
            names(Direction::ALL.map(Direction::as_str)),
        ),
        column(
            "webhook_events",
            "event",
            false,
            names(WebhookEvent::ALL.map(WebhookEvent::as_str)),
        ),
        column(
            "webhook_deliveries",
            "event",
            false,
            names(WebhookEvent::ALL.map(WebhookEvent::as_str)),
        ),
        column(
            "webhook_deliveries",
            "status",
            false,
            names(DeliveryStatus::ALL.map(DeliveryStatus::as_str)),
        ),
        column(
            "funding_opportunities",
            "recurrence",
            false,
            names(Recurrence::ALL.map(Recurrence::as_str)),
        ),
        column(
            "notifications",
            "kind",
            false,
            names(NotificationKind::ALL.map(NotificationKind::as_str)),
        ),
        column(
            "notification_preferences",
            "email",
            false,
            names(EmailFrequency::ALL.map(EmailFrequency::as_str)),
        ),
    ]
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

    let types_in_sqlite = sqlite_column_types(&mut sqlite);
    assert_eq!(types_in_sqlite.len(), from_sqlite.len());
    assert_eq!(types_in_sqlite, postgres_column_types(&mut postgres));
}

/// Each enum column has a CHECK allowing exactly its variants' names, the
/// same in both databases, and no other column has one.
#[actix_web::test]
async fn both_migration_sets_check_each_enum_column_against_its_variants() {
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
    let expected: Checks = enum_columns()
        .into_iter()
        .map(|c| ((c.table.to_owned(), c.column.to_owned()), c.names))
        .collect();
    assert_eq!(sqlite_checks(&mut sqlite), expected);
    assert_eq!(postgres_checks(&mut postgres), expected);
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
    let backend::db::DbConnection::Sqlite(conn) = &mut **conn else {
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

/// One `UPDATE` of one row of `column`, rolled back whatever its outcome.
fn probe(
    conn: &mut backend::db::DbConnection,
    column: &EnumColumn,
    value: Option<&str>,
) -> Result<usize, DieselError> {
    let (row, parameter) = match conn {
        backend::db::DbConnection::Sqlite(_) => ("rowid", "?"),
        backend::db::DbConnection::Postgres(_) => ("ctid", "$1"),
    };
    let sql = format!(
        "UPDATE {table} SET {column} = {parameter} WHERE {row} = (SELECT {row} FROM {table} LIMIT 1)",
        table = column.table,
        column = column.column,
    );
    let mut outcome = None;
    let _ = conn.transaction::<(), DieselError, _>(|conn| {
        outcome = Some(
            diesel::sql_query(sql)
                .bind::<diesel::sql_types::Nullable<Text>, _>(value)
                .execute(conn),
        );
        Err(DieselError::RollbackTransaction)
    });
    outcome.unwrap()
}

// On a full portfolio, each enum column takes every variant's name (and
// NULL where it is nullable) and refuses any other text.
db_test! {
    async fn each_enum_column_refuses_text_that_names_no_variant(app) {
        let config = app.config.clone();
        actix_web::web::block(move || backend::cli::seed_demo(&config))
            .await
            .unwrap()
            .unwrap();
        let database = backend::db::Database::new(&app.config.database).unwrap();
        let mut conn = database.get().unwrap();
        let conn: &mut backend::db::DbConnection = &mut conn;
        // The demo sends no webhooks and has no opportunity nor notification:
        // one of each.
        conn.batch_execute(
            "INSERT INTO webhooks (url, events, secret, active, created_at, updated_at, version) \
             VALUES ('https://example.org/hook', '[]', 'secret', TRUE, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1); \
             INSERT INTO webhook_events (event, payload, created_at) \
             VALUES ('project.created', '{}', '2026-01-01 00:00:00'); \
             INSERT INTO webhook_deliveries (webhook_id, event_id, event, status, attempts, created_at) \
             SELECT w.id, e.id, 'project.created', 'pending', 0, '2026-01-01 00:00:00' FROM webhooks w, webhook_events e; \
             INSERT INTO funding_opportunities (name, funder_name, aid_types, axes, phases, perimeter, recurrence, created_at, updated_at, version) \
             VALUES ('Appel à projets', 'État', '[]', '[]', '[]', '[]', 'one_off', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1); \
             INSERT INTO notifications (user_id, kind, subject_key, title, body, link, created_at) \
             SELECT MIN(id), 'mention', 'probe', 'Titre', 'Texte', '/', '2026-01-01 00:00:00' FROM users; \
             INSERT INTO notification_preferences (user_id, email, reminder_days, events, updated_at) \
             SELECT MIN(id), 'daily', '[30]', '{}', '2026-01-01 00:00:00' FROM users",
        )
        .unwrap();
        for column in enum_columns() {
            let at = format!("{}.{}", column.table, column.column);
            for name in &column.names {
                match probe(conn, &column, Some(name)) {
                    Ok(1) => {}
                    // Unique indexes are checked after CHECK constraints:
                    // the value passed (participants' role is unique per
                    // project and actor).
                    Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {}
                    other => panic!("{at} = {name}: {other:?}"),
                }
            }
            match probe(conn, &column, Some("not_a_variant")) {
                Err(DieselError::DatabaseError(DatabaseErrorKind::CheckViolation, _)) => {}
                other => panic!("{at} took text naming no variant: {other:?}"),
            }
            if column.nullable {
                assert_eq!(probe(conn, &column, None).unwrap(), 1, "{at} = NULL");
            }
        }
    }
}
