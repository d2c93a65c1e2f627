//! Steps that several pages take the same way.

use crate::api::ApiError;
use crate::dom;
use std::future::Future;
use yew::platform::spawn_local;

/// A deletion: asks `question` in the browser's own (accessible) dialog,
/// then, if confirmed, sends `request` and hands its outcome to `outcome`.
/// Nothing is sent when the user says no.
pub fn confirm_then<Fut>(
    question: &str,
    request: impl FnOnce() -> Fut,
    outcome: impl FnOnce(Result<(), ApiError>) + 'static,
) where
    Fut: Future<Output = Result<(), ApiError>> + 'static,
{
    if !dom::confirm(question) {
        return;
    }
    let sent = request();
    spawn_local(async move { outcome(sent.await) });
}
