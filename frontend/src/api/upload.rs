//! File uploads. They go through `XMLHttpRequest` rather than `fetch`, the
//! only browser API that reports how much of a request body has been sent:
//! a large document or import file on a slow line needs a visible progress
//! indication.
//!
//! Same contract as [`super::ApiRequest`]: the access token is attached, a
//! 401 triggers one shared refresh and one retry, and failures come back as
//! [`ApiError`].

use super::{refresh_once, ApiError};
use crate::session::tokens;
use futures::channel::oneshot;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{FormData, ProgressEvent, XmlHttpRequest};
use yew::Callback;

/// What is sent: a multipart form (documents) or a text file with its
/// media type (a CSV import).
#[derive(Clone, Copy)]
pub enum UploadBody<'a> {
    Form(&'a FormData),
    Text {
        content_type: &'a str,
        text: &'a str,
    },
}

/// The server's answer, whatever its status, for callers that read error
/// answers themselves (an import refused with its report).
pub struct Answer {
    pub status: u16,
    pub body: String,
}

fn js_failure(error: JsValue) -> ApiError {
    ApiError::client(format!("{error:?}"))
}

/// Sends `form` by POST to `path`, reporting progress in percent (`None`
/// while the browser cannot tell the total size).
pub async fn upload<T: DeserializeOwned>(
    path: &str,
    form: &FormData,
    on_progress: Callback<Option<u8>>,
) -> Result<T, ApiError> {
    let answer = send(path, UploadBody::Form(form), on_progress).await?;
    if (200..300).contains(&answer.status) {
        serde_json::from_str(&answer.body)
            .map_err(|error| ApiError::unreadable_body(answer.status, error))
    } else {
        Err(ApiError::from_body(answer.status, &answer.body))
    }
}

/// Sends `body` by POST to `path` and hands back the answer as it came,
/// after one refresh and retry on 401. Only a request that got no answer
/// is an `Err`.
pub async fn send(
    path: &str,
    body: UploadBody<'_>,
    on_progress: Callback<Option<u8>>,
) -> Result<Answer, ApiError> {
    let token = tokens::access_token();
    let mut answer = send_once(path, body, token.as_deref(), &on_progress).await?;
    if answer.status == 401 {
        match refresh_once(token).await {
            Ok(()) => {
                let token = tokens::access_token();
                answer = send_once(path, body, token.as_deref(), &on_progress).await?;
                if answer.status == 401 {
                    tokens::session_lost();
                }
            }
            Err(error) if error.is_network() => return Err(error),
            Err(_) => tokens::session_lost(),
        }
    }
    Ok(answer)
}

async fn send_once(
    path: &str,
    body: UploadBody<'_>,
    token: Option<&str>,
    on_progress: &Callback<Option<u8>>,
) -> Result<Answer, ApiError> {
    let request = XmlHttpRequest::new().map_err(js_failure)?;
    request
        .open_with_async("POST", path, true)
        .map_err(js_failure)?;
    request
        .set_request_header("Accept", "application/json")
        .map_err(js_failure)?;
    if let Some(token) = token {
        request
            .set_request_header("Authorization", &format!("Bearer {token}"))
            .map_err(js_failure)?;
    }

    // `true` once the answer has arrived, `false` if the request failed
    // without one (network down, aborted).
    let (sender, receiver) = oneshot::channel::<bool>();
    let sender = Rc::new(RefCell::new(Some(sender)));
    let finish = |arrived: bool| {
        let sender = Rc::clone(&sender);
        Closure::<dyn FnMut()>::new(move || {
            if let Some(sender) = sender.borrow_mut().take() {
                // The receiver only goes away with this function: nothing to do.
                let _ = sender.send(arrived);
            }
        })
    };
    let (on_load, on_error, on_abort) = (finish(true), finish(false), finish(false));
    request.set_onload(Some(on_load.as_ref().unchecked_ref()));
    request.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    request.set_onabort(Some(on_abort.as_ref().unchecked_ref()));

    let on_progress = on_progress.clone();
    let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| {
        on_progress.emit(percent(
            event.length_computable(),
            event.loaded(),
            event.total(),
        ));
    });
    request
        .upload()
        .map_err(js_failure)?
        .set_onprogress(Some(progress.as_ref().unchecked_ref()));

    match body {
        UploadBody::Form(form) => request.send_with_opt_form_data(Some(form)),
        UploadBody::Text { content_type, text } => request
            .set_request_header("Content-Type", content_type)
            .and_then(|()| request.send_with_opt_str(Some(text))),
    }
    .map_err(js_failure)?;
    let arrived = receiver.await.unwrap_or(false);
    // The handlers must outlive the request; they are dropped only now.
    drop((on_load, on_error, on_abort, progress));
    if !arrived {
        return Err(ApiError::offline("the upload did not reach the server"));
    }
    Ok(Answer {
        status: request.status().map_err(js_failure)?,
        body: request
            .response_text()
            .map_err(js_failure)?
            .unwrap_or_default(),
    })
}

fn percent(known: bool, loaded: f64, total: f64) -> Option<u8> {
    if !known || total <= 0.0 {
        return None;
    }
    // Clamped to 0..=100 first, so the conversion cannot truncate.
    Some((loaded / total * 100.0).round().clamp(0.0, 100.0) as u8)
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn progress_is_a_bounded_percentage() {
        assert_eq!(percent(false, 10.0, 100.0), None);
        assert_eq!(percent(true, 10.0, 0.0), None);
        assert_eq!(percent(true, 1.0, 3.0), Some(33));
        assert_eq!(percent(true, 120.0, 100.0), Some(100));
    }
}
