//! Where the credentials live. The access token stays in memory, out of
//! reach of anything that reads storage; the refresh token goes to
//! sessionStorage, which survives a reload of this tab but not its closing.

use gloo_storage::{SessionStorage, Storage};
use shared::auth::TokenResponse;
use std::cell::RefCell;
use yew::Callback;

const REFRESH_TOKEN_KEY: &str = "innovaction.refresh_token";

thread_local! {
    static ACCESS_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static ON_SESSION_LOST: RefCell<Option<Callback<()>>> = const { RefCell::new(None) };
}

pub fn access_token() -> Option<String> {
    ACCESS_TOKEN.with(|token| token.borrow().clone())
}

pub fn refresh_token() -> Option<String> {
    SessionStorage::get::<String>(REFRESH_TOKEN_KEY)
        .ok()
        .filter(|token| !token.is_empty())
}

pub fn store(issued: &TokenResponse) {
    ACCESS_TOKEN.with(|token| *token.borrow_mut() = Some(issued.access_token.clone()));
    // Without storage the session still works; it just will not survive a reload.
    let _ = SessionStorage::set(REFRESH_TOKEN_KEY, &issued.refresh_token);
}

pub fn clear() {
    ACCESS_TOKEN.with(|token| token.borrow_mut().take());
    SessionStorage::delete(REFRESH_TOKEN_KEY);
}

/// Lets the session provider hear about expiry detected deep in a request.
pub fn on_session_lost(callback: Callback<()>) {
    ON_SESSION_LOST.with(|slot| *slot.borrow_mut() = Some(callback));
}

/// The server refused the tokens and no refresh could fix it.
pub fn session_lost() {
    clear();
    let callback = ON_SESSION_LOST.with(|slot| slot.borrow().clone());
    if let Some(callback) = callback {
        callback.emit(());
    }
}
