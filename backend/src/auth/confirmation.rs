//! A session token names an account, its role and organisation; the
//! account must still be active with that role and organisation when the
//! request is served. Checking it in a blocking task of its own would cost
//! every request a second trip to the thread pool, so the request's first
//! database task (`Database::read`, `Database::write_if`) confirms it before
//! its own work, on the same connection and, for a write, in the same
//! transaction. A request whose handler reads nothing is confirmed after
//! the handler, by `settled`. API keys are looked up before the handler
//! (their scope decides whether it runs), so they need no confirmation.
//!
//! A token that no longer matches its account gets 401: the web app then
//! refreshes it, and the new token carries the account as it is now.

use super::tokens::Bearer;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::users::repo as users_repo;
use actix_web::web;
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Confirmation {
    Pending(Bearer),
    Confirmed,
    Refused,
}

tokio::task_local! {
    /// Where the request being served stands.
    static REQUEST: Rc<Cell<Confirmation>>;
}

/// Serves a request whose bearer is yet to be confirmed; answers the
/// handler's output and whether the bearer was confirmed meanwhile.
pub async fn serve<F: Future>(bearer: Bearer, handler: F) -> (F::Output, Standing) {
    let state = Rc::new(Cell::new(Confirmation::Pending(bearer)));
    let output = REQUEST.scope(state.clone(), handler).await;
    (output, Standing(state.get()))
}

/// Where a served request ended.
pub struct Standing(Confirmation);

/// Whether the request ended confirmed; if its handler made no database
/// task, the account is confirmed now.
pub async fn settled(standing: Standing, state: Option<web::Data<AppState>>) -> ApiResult<()> {
    match standing.0 {
        Confirmation::Confirmed => Ok(()),
        Confirmation::Refused => Err(ApiError::unauthenticated()),
        Confirmation::Pending(bearer) => {
            let state =
                state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("state missing")))?;
            state.db.read(move |conn| confirm(conn, bearer)).await
        }
    }
}

/// Whether the account a token names is as it is now: active, with the
/// token's role and organisation.
fn matches(conn: &mut DbConnection, bearer: Bearer) -> ApiResult<bool> {
    Ok(users_repo::standing(conn, bearer.id)? == Some(bearer))
}

/// 401 unless the account a token names is as the token says.
pub fn confirm(conn: &mut DbConnection, bearer: Bearer) -> ApiResult<()> {
    if matches(conn, bearer)? {
        Ok(())
    } else {
        Err(ApiError::unauthenticated())
    }
}

/// What a database task must confirm before its own work: the bearer of
/// the request it serves, if not confirmed yet. A request already refused
/// may not reach the database at all.
pub fn to_confirm() -> ApiResult<Option<Bearer>> {
    match REQUEST.try_with(|state| state.get()) {
        Ok(Confirmation::Pending(bearer)) => Ok(Some(bearer)),
        Ok(Confirmation::Refused) => Err(ApiError::unauthenticated()),
        Ok(Confirmation::Confirmed) | Err(_) => Ok(None),
    }
}

/// Records what a database task found when it confirmed the bearer
/// (`None`: it did not get that far, e.g. the database was unreachable,
/// and the bearer stays to be confirmed).
pub fn record(outcome: Option<bool>) {
    let Some(confirmed) = outcome else {
        return;
    };
    let standing = if confirmed {
        Confirmation::Confirmed
    } else {
        Confirmation::Refused
    };
    // Outside a request (the webhook worker, commands) there is nothing
    // to record.
    let _ = REQUEST.try_with(|state| state.set(standing));
}

/// Confirms `bearer`, if given, on the task's connection before its work:
/// the outcome to [`record`], and the error that ends the task instead.
pub fn confirm_first(
    conn: &mut DbConnection,
    bearer: Option<Bearer>,
) -> (Option<bool>, ApiResult<()>) {
    let Some(bearer) = bearer else {
        return (None, Ok(()));
    };
    match matches(conn, bearer) {
        Ok(true) => (Some(true), Ok(())),
        Ok(false) => (Some(false), Err(ApiError::unauthenticated())),
        Err(unreachable) => (None, Err(unreachable)),
    }
}
