//! Both migration sets are compiled into the binary and applied at start-up.

use super::DbConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

const SQLITE: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Applies what is pending; returns the versions applied now.
pub fn run_pending(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    let applied = match conn {
        DbConnection::Sqlite(conn) => conn.run_pending_migrations(SQLITE),
        DbConnection::Postgres(conn) => conn.run_pending_migrations(POSTGRES),
    }
    .map_err(|e| anyhow::anyhow!("applying migrations failed: {e}"))?;
    Ok(applied.iter().map(ToString::to_string).collect())
}
