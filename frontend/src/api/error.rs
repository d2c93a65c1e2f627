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

    pub(super) async fn from_response(response: Response) -> Self {
        let status = response.status();
        match response.json::<ErrorBody>().await {
            Ok(body) => Self {
                status,
                code: Some(body.error.code),
                message: body.error.message,
                field_errors: body.error.details,
            },
            Err(_) => Self {
                status,
                code: None,
                message: response.status_text(),
                field_errors: Vec::new(),
            },
        }
    }

    /// The API's error body as text, e.g. from an upload.
    pub(super) fn from_body(status: u16, body: &str) -> Self {
        match serde_json::from_str::<ErrorBody>(body) {
            Ok(body) => Self {
                status,
                code: Some(body.error.code),
                message: body.error.message,
                field_errors: body.error.details,
            },
            Err(_) => Self {
                status,
                code: None,
                message: format!("HTTP {status}"),
                field_errors: Vec::new(),
            },
        }
    }

    /// No answer arrived, for transports other than `fetch`.
    pub(super) fn offline(message: &str) -> Self {
        Self {
            status: 0,
            code: None,
            message: message.to_owned(),
            field_errors: Vec::new(),
        }
    }

    pub(super) fn unreadable_body(status: u16, error: serde_json::Error) -> Self {
        Self {
            status,
            code: None,
            message: error.to_string(),
            field_errors: Vec::new(),
        }
    }

    pub(super) fn network(error: gloo_net::Error) -> Self {
        Self {
            status: 0,
            code: None,
            message: error.to_string(),
            field_errors: Vec::new(),
        }
    }

    /// A request that could not even be built: a bug, not a user problem.
    pub(super) fn client(error: impl fmt::Display) -> Self {
        Self {
            status: 0,
            code: Some(ErrorCode::BadRequest),
            message: error.to_string(),
            field_errors: Vec::new(),
        }
    }

    /// A 2xx answer whose body is not what this version of the app expects.
    pub(super) fn unreadable(error: gloo_net::Error) -> Self {
        Self {
            status: 200,
            code: None,
            message: error.to_string(),
            field_errors: Vec::new(),
        }
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
