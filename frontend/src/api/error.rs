use gloo_net::http::Response;
use shared::{ErrorBody, ErrorCode, FieldError};
use std::fmt;

/// A failed request, as the interface needs it: the HTTP status, the API's
/// stable error code, and the problems per input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// 0 when no HTTP answer arrived (offline, server down, request refused
    /// by the browser).
    pub status: u16,
    /// `None` when the answer was not the API's JSON error body, e.g. a
    /// proxy's error page.
    pub code: Option<ErrorCode>,
    /// The server's English explanation, for logs and unknown codes.
    pub message: String,
    pub field_errors: Vec<FieldError>,
}

impl ApiError {
    pub fn is_network(&self) -> bool {
        self.status == 0 && self.code.is_none()
    }

    pub fn has_code(&self, code: ErrorCode) -> bool {
        self.code == Some(code)
    }

    /// An error without the API's problems by field.
    fn plain(status: u16, code: Option<ErrorCode>, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            field_errors: Vec::new(),
        }
    }

    fn of_body(status: u16, body: ErrorBody) -> Self {
        Self {
            status,
            code: Some(body.error.code),
            message: body.error.message,
            field_errors: body.error.details,
        }
    }

    pub(super) async fn from_response(response: Response) -> Self {
        let status = response.status();
        match response.json::<ErrorBody>().await {
            Ok(body) => Self::of_body(status, body),
            Err(_) => Self::plain(status, None, response.status_text()),
        }
    }

    /// The API's error body as text, e.g. from an upload.
    pub(super) fn from_body(status: u16, body: &str) -> Self {
        match serde_json::from_str::<ErrorBody>(body) {
            Ok(body) => Self::of_body(status, body),
            Err(_) => Self::plain(status, None, format!("HTTP {status}")),
        }
    }

    /// No answer arrived, for transports other than `fetch`.
    pub(super) fn offline(message: &str) -> Self {
        Self::plain(0, None, message)
    }

    pub(super) fn unreadable_body(status: u16, error: serde_json::Error) -> Self {
        Self::plain(status, None, error.to_string())
    }

    pub(super) fn network(error: gloo_net::Error) -> Self {
        Self::plain(0, None, error.to_string())
    }

    /// A request that could not even be built: a bug, not a user problem.
    pub(super) fn client(error: impl fmt::Display) -> Self {
        Self::plain(0, Some(ErrorCode::BadRequest), error.to_string())
    }

    /// A 2xx answer whose body is not what this version of the app expects.
    pub(super) fn unreadable(error: gloo_net::Error) -> Self {
        Self::plain(200, None, error.to_string())
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Some(code) => write!(f, "{} {code}: {}", self.status, self.message),
            None => write!(f, "{}: {}", self.status, self.message),
        }
    }
}
