//! The one way the app talks to the backend.
//!
//! [`ApiRequest::send`] attaches the access token, answers a 401 by
//! refreshing the session once and retrying, and turns every failure into an
//! [`ApiError`] carrying the API's error code and per-field details.

pub mod access;
pub mod actors;
pub mod auth;
mod error;
pub mod evaluations;
pub mod exchange;
pub mod indicators;
pub mod notifications;
pub mod open_data;
pub mod opportunities;
pub mod portfolio;
pub mod programming;
pub mod projects;
pub mod reports;
pub mod settings;
mod upload;
pub mod users;
pub mod webhooks;

pub use error::ApiError;
pub use upload::upload;

use crate::session::tokens;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Auth {
    /// Sign-in and refresh: a stale token must not be sent, nor refreshed.
    None,
    /// Sends the token and recovers from its expiry.
    Bearer,
    /// Sends the token if there is one, but a 401 is final (sign-out).
    BearerOnce,
}

/// A request under construction; nothing is sent before [`ApiRequest::send`].
pub struct ApiRequest {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Option<String>,
    if_match: Option<i64>,
    accept: &'static str,
    auth: Auth,
}

impl ApiRequest {
    fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            if_match: None,
            accept: "application/json",
            auth: Auth::Bearer,
        }
    }

    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::Get, path)
    }

    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::Post, path)
    }

    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::Put, path)
    }

    pub fn patch(path: impl Into<String>) -> Self {
        Self::new(Method::Patch, path)
    }

    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::Delete, path)
    }

    /// For downloads, whose answer is the file itself, not JSON.
    pub fn accept_anything(mut self) -> Self {
        self.accept = "*/*";
        self
    }

    fn without_token(mut self) -> Self {
        self.auth = Auth::None;
        self
    }

    fn without_refresh(mut self) -> Self {
        self.auth = Auth::BearerOnce;
        self
    }

    pub fn query(mut self, name: &'static str, value: impl ToString) -> Self {
        self.query.push((name.to_owned(), value.to_string()));
        self
    }

    /// Every field of `query` (a struct the server reads with the same
    /// type) as a parameter; `None` fields are left out.
    pub fn query_of<Q: Serialize>(mut self, query: &Q) -> Result<Self, ApiError> {
        let fields = match serde_json::to_value(query).map_err(ApiError::client)? {
            serde_json::Value::Object(fields) => fields,
            other => return Err(ApiError::client(format!("not a query: {other}"))),
        };
        for (name, value) in fields {
            match value {
                serde_json::Value::Null => {}
                serde_json::Value::String(text) => self.query.push((name, text)),
                other => self.query.push((name, other.to_string())),
            }
        }
        Ok(self)
    }

    /// Optimistic concurrency: the server answers 412 if `version` is stale.
    pub fn if_match(mut self, version: i64) -> Self {
        self.if_match = Some(version);
        self
    }

    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self, ApiError> {
        // Serialised once, so a retry after refresh sends the same bytes.
        self.body = Some(serde_json::to_string(body).map_err(ApiError::client)?);
        Ok(self)
    }

    pub async fn fetch<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        let response = self.send().await?;
        response.json::<T>().await.map_err(ApiError::unreadable)
    }

    /// For answers without a body (204).
    pub async fn execute(self) -> Result<(), ApiError> {
        self.send().await.map(drop)
    }

    /// The answer's body as a browser `Blob`, e.g. a document to save.
    pub async fn blob(self) -> Result<web_sys::Blob, ApiError> {
        let response = web_sys::Response::from(self.send().await?);
        let promise = response
            .blob()
            .map_err(|error| ApiError::client(format!("{error:?}")))?;
        let blob = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|error| ApiError::client(format!("{error:?}")))?;
        blob.dyn_into::<web_sys::Blob>()
            .map_err(|error| ApiError::client(format!("{error:?}")))
    }

    /// Sends the request; any non-2xx answer becomes an `Err`.
    async fn send(self) -> Result<Response, ApiError> {
        let token = match self.auth {
            Auth::None => None,
            Auth::Bearer | Auth::BearerOnce => tokens::access_token(),
        };
        let response = self.dispatch(token.as_deref()).await?;
        if response.status() != 401 || self.auth != Auth::Bearer {
            return successful(response).await;
        }

        match refresh_once(token).await {
            Ok(()) => {
                let retried = self.dispatch(tokens::access_token().as_deref()).await?;
                if retried.status() == 401 {
                    tokens::session_lost();
                }
                successful(retried).await
            }
            // The server was not reached: the session may still be good.
            Err(error) if error.is_network() => Err(error),
            Err(_) => {
                tokens::session_lost();
                successful(response).await
            }
        }
    }

    async fn dispatch(&self, token: Option<&str>) -> Result<Response, ApiError> {
        let mut builder: RequestBuilder = match self.method {
            Method::Get => Request::get(&self.path),
            Method::Post => Request::post(&self.path),
            Method::Put => Request::put(&self.path),
            Method::Patch => Request::patch(&self.path),
            Method::Delete => Request::delete(&self.path),
        };
        builder = builder.header("Accept", self.accept);
        if !self.query.is_empty() {
            builder = builder.query(
                self.query
                    .iter()
                    .map(|(name, value)| (name.as_str(), value.as_str())),
            );
        }
        if let Some(token) = token {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        if let Some(version) = self.if_match {
            builder = builder.header("If-Match", &format!("\"{version}\""));
        }
        let request = match &self.body {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body.as_str()),
            None => builder.build(),
        }
        .map_err(ApiError::client)?;
        request.send().await.map_err(ApiError::network)
    }
}

/// Filters of a list that can be sorted and paged, kept in the page's URL.
pub trait ListFilters: Sized {
    /// The same filters in `sort` order, from the first page.
    fn sorted_by(&self, sort: String) -> Self;
    /// The same filters at `page`.
    fn at_page(&self, page: u32) -> Self;
}

/// For a list's filters with `sort` (empty for `$default`) and `page`
/// fields: the sort and page in force, and [`ListFilters`].
macro_rules! list_filters {
    ($filters:ident, $default:expr) => {
        impl $filters {
            pub fn sort(&self) -> &str {
                if self.sort.is_empty() {
                    $default
                } else {
                    &self.sort
                }
            }

            pub fn page(&self) -> u32 {
                self.page.unwrap_or(1).max(1)
            }
        }

        impl $crate::api::ListFilters for $filters {
            fn sorted_by(&self, sort: String) -> Self {
                Self {
                    sort,
                    page: None,
                    ..self.clone()
                }
            }

            fn at_page(&self, page: u32) -> Self {
                Self {
                    page: Some(page),
                    ..self.clone()
                }
            }
        }
    };
}
use list_filters;

/// [`ListFilters`] for a list with one order (a `page` field, no `sort`):
/// a sort only goes back to the first page.
macro_rules! single_order_list_filters {
    ($filters:ident) => {
        impl $crate::api::ListFilters for $filters {
            fn sorted_by(&self, _sort: String) -> Self {
                Self {
                    page: None,
                    ..self.clone()
                }
            }

            fn at_page(&self, page: u32) -> Self {
                Self {
                    page: Some(page),
                    ..self.clone()
                }
            }
        }
    };
}
use single_order_list_filters;

/// The file answered at `path` for `query` (a list's rows as CSV or XLSX,
/// a printed report), to save.
async fn file_of<Q: Serialize>(path: &str, query: &Q) -> Result<web_sys::Blob, ApiError> {
    ApiRequest::get(path)
        .query_of(query)?
        .accept_anything()
        .blob()
        .await
}

/// `Some(text)` unless it is blank once trimmed: for search boxes, whose
/// stray spaces mean nothing.
pub(crate) fn filled(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

async fn successful(response: Response) -> Result<Response, ApiError> {
    if response.ok() {
        Ok(response)
    } else {
        Err(ApiError::from_response(response).await)
    }
}

type RefreshFuture = Shared<LocalBoxFuture<'static, Result<(), ApiError>>>;

thread_local! {
    static REFRESH_IN_FLIGHT: RefCell<Option<RefreshFuture>> = const { RefCell::new(None) };
}

/// Refresh tokens are single-use: requests that fail together must share
/// one refresh, or all but the first would present a spent token and end
/// the session.
pub(crate) async fn refresh_once(stale_access_token: Option<String>) -> Result<(), ApiError> {
    if tokens::access_token() != stale_access_token {
        // Another request already refreshed while this one was in flight.
        return Ok(());
    }
    let refresh = REFRESH_IN_FLIGHT.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| auth::refresh().boxed_local().shared())
            .clone()
    });
    let outcome = refresh.await;
    REFRESH_IN_FLIGHT.with(|slot| slot.borrow_mut().take());
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::lifecycle::Phase;
    use shared::projects::ProjectListQuery;

    #[test]
    fn a_query_sends_the_fields_set_under_the_servers_names() {
        let query = ProjectListQuery {
            q: Some("tiers-lieu".into()),
            phase: Some(Phase::Instruction),
            lead_id: Some(7),
            page: Some(2),
            ..ProjectListQuery::default()
        };
        let request = ApiRequest::get("/api/v1/projects")
            .query_of(&query)
            .unwrap();
        let mut sent = request.query;
        sent.sort();
        let expected: Vec<(String, String)> = [
            ("lead_id", "7"),
            ("page", "2"),
            ("phase", "instruction"),
            ("q", "tiers-lieu"),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
        assert_eq!(sent, expected);
    }

    #[test]
    fn blank_search_text_is_no_filter() {
        assert_eq!(filled("  "), None);
        assert_eq!(filled(" fablab "), Some("fablab".to_owned()));
    }
}
