//! Persistence: one diesel connection type over SQLite and PostgreSQL, a
//! pool, and the bridge that keeps blocking database work off the async
//! runtime.

pub mod connection;
pub mod migrations;
pub mod schema;

pub use connection::{DbConnection, MultiBackend};

use crate::auth::confirmation;
use crate::auth::tokens::Bearer;
use crate::config::{DatabaseConfig, DatabaseUrl};
use crate::error::{ApiError, ApiResult};
use diesel::connection::SimpleConnection;
use diesel::Connection;
use std::sync::{Arc, Mutex};

diesel::define_sql_function!(
    /// Lower-cases text, for case-insensitive search on both backends.
    fn lower(text: diesel::sql_types::Text) -> diesel::sql_types::Text
);

diesel::define_sql_function!(
    /// The text, or `fallback` where it is null (for searching optional
    /// columns).
    fn coalesce(
        text: diesel::sql_types::Nullable<diesel::sql_types::Text>,
        fallback: diesel::sql_types::Text
    ) -> diesel::sql_types::Text
);

/// A transaction for a write. On SQLite it begins `IMMEDIATE`, taking the
/// write lock at once: another process writing the same file (the
/// `send-reminders` command beside the server, say) is then waited for
/// (`busy_timeout`) rather than met as "database is locked" at the first
/// write after a read. PostgreSQL's transactions need no such care.
fn write_transaction<T, E>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let DbConnection::Sqlite(sqlite) = conn else {
        return conn.transaction(work);
    };
    AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
    match work(conn) {
        Ok(value) => {
            match <DbConnection as Connection>::TransactionManager::commit_transaction(conn) {
                Ok(()) => Ok(value),
                Err(error) => {
                    let _ = <DbConnection as Connection>::TransactionManager::rollback_transaction(
                        conn,
                    );
                    Err(error.into())
                }
            }
        }
        Err(error) => {
            <DbConnection as Connection>::TransactionManager::rollback_transaction(conn)?;
            Err(error)
        }
    }
}

pub type Pool = r2d2::Pool<connection::Manager>;

/// A task whose query failed as on a lost connection (503) leaves the
/// connection out of the pool: the next request gets a new one.
fn forget_if_lost<T>(conn: &mut connection::Pooled, result: &ApiResult<T>) {
    if matches!(result, Err(error) if error.code == shared::ErrorCode::ServiceUnavailable) {
        conn.mark_lost();
    }
}

#[derive(Clone)]
pub struct Database {
    pool: Pool,
    backend: &'static str,
    /// SQLite allows one writer at a time; taking turns here instead of
    /// inside SQLite avoids "database is locked" when two write
    /// transactions that began as readers both try to upgrade.
    sqlite_writer: Option<Arc<Mutex<()>>>,
}

impl Database {
    /// Builds the pool without connecting: a database that is down at this
    /// moment is reported by the caller (migrations) or per request (503).
    pub fn new(config: &DatabaseConfig) -> anyhow::Result<Self> {
        let manager = connection::Manager::new(config.url.clone())?;
        let pool = r2d2::Pool::builder()
            .max_size(config.pool_size)
            .min_idle(Some(0))
            .connection_timeout(config.connect_timeout)
            .test_on_check_out(true)
            .error_handler(Box::new(r2d2::NopErrorHandler))
            .build_unchecked(manager);
        Ok(Self {
            pool,
            backend: config.url.backend_name(),
            sqlite_writer: matches!(config.url, DatabaseUrl::Sqlite(_))
                .then(|| Arc::new(Mutex::new(()))),
        })
    }

    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// Runs read-only work on a blocking thread.
    pub async fn read<T, F>(&self, work: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.on_connection(None, move |conn, bearer| {
            // The request's account first, on the same connection.
            let (confirmed, checked) = confirmation::confirm_first(conn, bearer);
            (confirmed, checked.and_then(|()| work(conn)))
        })
        .await
    }

    /// Runs work in one transaction on a blocking thread: it all lands or
    /// nothing does.
    pub async fn write<T, F>(&self, work: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.write_if(|conn| work(conn).map(|value| (value, true)))
            .await
    }

    /// Runs work in one transaction that is committed only if the work
    /// says so (`(value, true)`), and rolled back otherwise: a rehearsal
    /// (dry run) meets exactly the checks the real run would.
    pub async fn write_if<T, F>(&self, work: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<(T, bool)> + Send + 'static,
        T: Send + 'static,
    {
        enum Undone<T> {
            Kept(T),
            Failed(ApiError),
        }
        impl<T> From<diesel::result::Error> for Undone<T> {
            fn from(error: diesel::result::Error) -> Self {
                Undone::Failed(error.into())
            }
        }
        let writer = self.sqlite_writer.clone();
        self.on_connection(writer, move |conn, bearer| {
            let mut confirmed = None;
            // The request's account is confirmed in the transaction that
            // writes on its behalf.
            let outcome = write_transaction(conn, |conn| {
                let (outcome, checked) = confirmation::confirm_first(conn, bearer);
                confirmed = outcome;
                checked.map_err(Undone::Failed)?;
                match work(conn) {
                    Ok((value, true)) => Ok(value),
                    Ok((value, false)) => Err(Undone::Kept(value)),
                    Err(error) => Err(Undone::Failed(error)),
                }
            });
            let result = match outcome {
                Ok(value) | Err(Undone::Kept(value)) => Ok(value),
                Err(Undone::Failed(error)) => Err(error),
            };
            (confirmed, result)
        })
        .await
    }

    /// Runs `task` on a blocking thread with a pooled connection (after
    /// SQLite's writer turn, given `writer`), handing it the request's
    /// account still to confirm; records what the task found of it, and
    /// drops a connection the task found lost.
    async fn on_connection<T, F>(&self, writer: Option<Arc<Mutex<()>>>, task: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection, Option<Bearer>) -> (Option<bool>, ApiResult<T>)
            + Send
            + 'static,
        T: Send + 'static,
    {
        let bearer = confirmation::to_confirm()?;
        let pool = self.pool.clone();
        let (confirmed, result) = actix_web::web::block(move || {
            // SQLite's writer turn first, then a connection: a writer
            // waiting for its turn must not hold one of the pool's
            // connections that readers could use meanwhile.
            let _turn = writer
                .as_ref()
                .map(|lock| lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
            let mut conn = match pool.get() {
                Ok(conn) => conn,
                Err(error) => return (None, Err(error.into())),
            };
            let (confirmed, result) = task(&mut conn, bearer);
            forget_if_lost(&mut conn, &result);
            (confirmed, result)
        })
        .await?;
        confirmation::record(confirmed);
        result
    }

    /// Whether the database answers now (readiness probe).
    pub async fn ping(&self) -> bool {
        self.read(|conn| conn.batch_execute("SELECT 1").map_err(ApiError::from))
            .await
            .is_ok()
    }

    /// Synchronous access for commands and start-up.
    pub fn get(&self) -> Result<r2d2::PooledConnection<connection::Manager>, r2d2::Error> {
        self.pool.get()
    }
}
