//! The connection enum and a pool manager that opens exactly the backend
//! the URL names.

use crate::config::DatabaseUrl;
use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::{Connection, ConnectionError, PgConnection, SqliteConnection};
use std::ops::{Deref, DerefMut};
use std::time::{Duration, Instant};

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// SQLite settings applied to every connection: concurrent readers with one
/// writer (WAL), enforced foreign keys, and waiting rather than failing
/// when the file is busy. The file is also read through a memory map (up
/// to 256 MiB of address space): every connection then shares the
/// system's cache of the file instead of copying its pages into a small
/// cache of its own, which halves the time of the reports that read the
/// whole portfolio (docs/BENCHMARKS.md).
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = NORMAL; \
     PRAGMA foreign_keys = ON; \
     PRAGMA busy_timeout = 5000; \
     PRAGMA mmap_size = 268435456;";

pub struct Manager {
    url: DatabaseUrl,
}

impl Manager {
    pub fn new(url: DatabaseUrl) -> anyhow::Result<Self> {
        if let DatabaseUrl::Sqlite(path) = &url {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating the data directory {}", parent.display()))?;
            }
        }
        Ok(Self { url })
    }

    pub fn establish(url: &DatabaseUrl) -> Result<DbConnection, diesel::r2d2::Error> {
        match url {
            DatabaseUrl::Postgres(url) => PgConnection::establish(url)
                .map(DbConnection::Postgres)
                .map_err(diesel::r2d2::Error::ConnectionError),
            DatabaseUrl::Sqlite(path) => {
                let path = path.to_str().ok_or_else(|| {
                    diesel::r2d2::Error::ConnectionError(ConnectionError::InvalidConnectionUrl(
                        "the SQLite path is not valid UTF-8".into(),
                    ))
                })?;
                let mut conn = SqliteConnection::establish(path)
                    .map_err(diesel::r2d2::Error::ConnectionError)?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(diesel::r2d2::Error::QueryError)?;
                // SQLite's own lower() folds ASCII letters only: "Énergie"
                // would not be found by "énergie". This one folds every
                // letter, as PostgreSQL's does and as the search patterns
                // are folded (`records::contains_pattern`).
                unicode::lower_utils::register_impl(&mut conn, |text: Option<String>| {
                    text.map(|text| text.to_lowercase())
                })
                .map_err(diesel::r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }
}

/// SQLite's `lower`, replaced on each connection (see `establish`).
mod unicode {
    diesel::define_sql_function!(
        /// Lower-cases every letter; null stays null (a searched optional
        /// column may hold none).
        fn lower(
            text: diesel::sql_types::Nullable<diesel::sql_types::Text>,
        ) -> diesel::sql_types::Nullable<diesel::sql_types::Text>
    );
}

/// A connection given back within this long was working then: the pool
/// lends it again without asking the database first. Under load that saves
/// a round trip per request; a connection that sat idle longer (the
/// database may have restarted meanwhile) is checked before it is lent.
const RECENTLY_USED: Duration = Duration::from_millis(500);

/// A pooled connection, with what the pool needs to decide, without a
/// round trip, whether to lend it again.
pub struct Pooled {
    conn: DbConnection,
    /// When it was last given back to the pool.
    returned_at: Instant,
    /// A query on it failed as only a lost connection fails: the pool drops
    /// it instead of lending it again.
    lost: bool,
}

impl Pooled {
    /// Marks the connection as lost (the database answered 503-worthy
    /// errors on it): the pool opens a new one in its place.
    pub fn mark_lost(&mut self) {
        self.lost = true;
    }
}

impl Deref for Pooled {
    type Target = DbConnection;

    fn deref(&self) -> &DbConnection {
        &self.conn
    }
}

impl DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut DbConnection {
        &mut self.conn
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = Pooled;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Pooled, Self::Error> {
        Ok(Pooled {
            conn: Self::establish(&self.url)?,
            returned_at: Instant::now(),
            lost: false,
        })
    }

    fn is_valid(&self, pooled: &mut Pooled) -> Result<(), Self::Error> {
        if pooled.returned_at.elapsed() < RECENTLY_USED {
            return Ok(());
        }
        pooled
            .conn
            .batch_execute("SELECT 1")
            .map_err(diesel::r2d2::Error::QueryError)
    }

    /// Called as the connection comes back: remembers when, and drops it if
    /// it was lost.
    fn has_broken(&self, pooled: &mut Pooled) -> bool {
        pooled.returned_at = Instant::now();
        pooled.lost
    }
}
