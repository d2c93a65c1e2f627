//! The one error type of request handling.
//!
//! Policy: repositories return `ApiError` directly (diesel errors convert
//! into it); handlers return `Result<_, ApiError>`; start-up and commands use
//! `anyhow`. Every error reaches the client as the JSON body of `API.md`
//! with a stable code; a 500 never carries internals, which are logged
//! instead.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use shared::{ErrorBody, ErrorCode, ErrorDetail, FieldError};
use std::fmt;

/// Seconds a client is told to wait when the database is unreachable.
const UNAVAILABLE_RETRY_AFTER_SECS: u64 = 5;

pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub details: Vec<FieldError>,
    pub retry_after_secs: Option<u64>,
    /// Allowed methods, for 405.
    pub allow: Option<String>,
    /// What went wrong inside, for the logs only.
    source: Option<anyhow::Error>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: Vec::new(),
            retry_after_secs: None,
            allow: None,
            source: None,
        }
    }

    pub fn with_details(mut self, details: Vec<FieldError>) -> Self {
        self.details = details;
        self
    }

    pub fn validation(details: Vec<FieldError>) -> Self {
        Self::new(
            ErrorCode::ValidationFailed,
            "the request has invalid fields",
        )
        .with_details(details)
    }

    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError::new(field, code, message)])
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    pub fn forbidden() -> Self {
        Self::new(ErrorCode::Forbidden, "you are not allowed to do this")
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            ErrorCode::Unauthenticated,
            "missing or invalid credentials; send `Authorization: Bearer <token>`",
        )
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }

    pub fn already_exists(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Self::new(ErrorCode::AlreadyExists, message.clone()).with_details(vec![FieldError::new(
            field,
            "already_exists",
            message,
        )])
    }

    pub fn version_mismatch(current: i64) -> Self {
        Self::new(
            ErrorCode::VersionMismatch,
            format!("the resource was changed by someone else; its current version is {current}"),
        )
    }

    pub fn precondition_required() -> Self {
        Self::new(
            ErrorCode::PreconditionRequired,
            "send the resource's version in an `If-Match` header",
        )
    }

    pub fn rate_limited(retry_after_secs: u64) -> Self {
        let mut error = Self::new(ErrorCode::RateLimited, "too many attempts; retry later");
        error.retry_after_secs = Some(retry_after_secs.max(1));
        error
    }

    pub fn unavailable(source: impl Into<anyhow::Error>) -> Self {
        let mut error = Self::new(
            ErrorCode::ServiceUnavailable,
            "the database cannot be reached; retry shortly",
        );
        error.retry_after_secs = Some(UNAVAILABLE_RETRY_AFTER_SECS);
        error.source = Some(source.into());
        error
    }

    pub fn internal(source: impl Into<anyhow::Error>) -> Self {
        let mut error = Self::new(ErrorCode::InternalError, "an internal error occurred");
        error.source = Some(source.into());
        error
    }

    pub fn method_not_allowed(allow: String) -> Self {
        let mut error = Self::new(
            ErrorCode::MethodNotAllowed,
            format!("method not allowed here; allowed: {allow}"),
        );
        error.allow = Some(allow);
        error
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message.clone(),
                details: self.details.clone(),
            },
        }
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(source) = &self.source {
            write!(f, " ({source:#})")?;
        }
        Ok(())
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        match (&self.source, self.code) {
            (Some(source), ErrorCode::InternalError) => {
                tracing::error!(error = %format!("{source:#}"), "request failed")
            }
            (Some(source), _) => tracing::warn!(code = %self.code, error = %format!("{source:#}")),
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code());
        if let Some(seconds) = self.retry_after_secs {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        if let Some(allow) = &self.allow {
            response.insert_header((header::ALLOW, allow.clone()));
        }
        response.json(self.body())
    }
}

impl From<DieselError> for ApiError {
    fn from(error: DieselError) -> Self {
        match &error {
            DieselError::NotFound => Self::not_found("resource"),
            DieselError::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                _,
            ) => Self::unavailable(error),
            DieselError::DatabaseError(_, info) if connection_lost(info.message()) => {
                Self::unavailable(error)
            }
            DieselError::DatabaseError(_, info) if unstorable_value(info.message()) => {
                let mut refused = Self::field(
                    "body",
                    "out_of_range",
                    "a value lies outside what the database can store (a date before year 1, a NUL character...)",
                );
                refused.source = Some(error.into());
                refused
            }
            _ => Self::internal(error),
        }
    }
}

/// PostgreSQL reports a server shutting down or a killed session as a plain
/// database error; those mean "unreachable", not "bug".
fn connection_lost(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    [
        "terminating connection",
        "server closed the connection",
        "connection refused",
        "no connection to the server",
        "could not connect",
    ]
    .iter()
    .any(|needle| message.contains(needle))
}

/// A value the client sent that passed the checks but that PostgreSQL
/// cannot store or compare (years before 4713 BC, NUL in text): the
/// client's input, not a bug, and SQLite would have taken it.
fn unstorable_value(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    ["out of range", "field overflow", "invalid byte sequence"]
        .iter()
        .any(|needle| message.contains(needle))
}

impl From<r2d2::Error> for ApiError {
    fn from(error: r2d2::Error) -> Self {
        Self::unavailable(error)
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        Self::internal(anyhow::anyhow!("blocking task failed: {error}"))
    }
}

/// The generic code for a bare status produced outside our handlers
/// (actix's own 404/405/413 and the like).
pub fn code_for_status(status: StatusCode) -> ErrorCode {
    match status.as_u16() {
        401 => ErrorCode::Unauthenticated,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        405 => ErrorCode::MethodNotAllowed,
        413 => ErrorCode::PayloadTooLarge,
        429 => ErrorCode::RateLimited,
        503 => ErrorCode::ServiceUnavailable,
        400..=499 => ErrorCode::BadRequest,
        _ => ErrorCode::InternalError,
    }
}
