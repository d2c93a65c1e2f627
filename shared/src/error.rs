//! The one error body every API answer uses (see `docs/API.md`).

use serde::{Deserialize, Serialize};

/// `{ "error": { "code", "message", "details": [...] } }`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `validation_failed`.
    pub code: ErrorCode,
    /// Human-readable explanation (English); clients translate by `code`.
    pub message: String,
    /// Per-field problems, for validation errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<FieldError>,
}

/// One problem with one input field. `field` is a dotted path into the
/// request (`email`, `criteria.2.weight`), or a query/path parameter name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    /// Stable code of the rule that failed, e.g. `too_short`, `required`.
    #[serde(default)]
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

/// Every error code the API may answer. Adding one is an API change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the body is not valid JSON.
    InvalidJson,
    /// 400: the body is not `application/json`.
    UnsupportedContentType,
    /// 400: a path parameter has the wrong form.
    InvalidPathParameter,
    /// 400: a query parameter has the wrong form.
    InvalidQueryParameter,
    /// 400: any other malformed request.
    BadRequest,
    /// 401: no valid credentials.
    Unauthenticated,
    /// 401: login refused (same answer for unknown e-mail and wrong password).
    InvalidCredentials,
    /// 401: refresh token unknown, expired or revoked.
    InvalidRefreshToken,
    /// 403: authenticated but not allowed.
    Forbidden,
    /// 404
    NotFound,
    /// 405
    MethodNotAllowed,
    /// 409: a unique value is already used.
    AlreadyExists,
    /// 409: the request contradicts the current state.
    Conflict,
    /// 412: `If-Match` names an older version.
    VersionMismatch,
    /// 413
    PayloadTooLarge,
    /// 422: well-formed but invalid input; see `details`.
    ValidationFailed,
    /// 428: `If-Match` is required.
    PreconditionRequired,
    /// 429
    RateLimited,
    /// 500: nothing internal is leaked.
    InternalError,
    /// 503: the database cannot be reached; retry later.
    ServiceUnavailable,
}

impl ErrorCode {
    /// The HTTP status that goes with the code.
    pub fn status(self) -> u16 {
        use ErrorCode::*;
        match self {
            InvalidJson
            | UnsupportedContentType
            | InvalidPathParameter
            | InvalidQueryParameter
            | BadRequest => 400,
            Unauthenticated | InvalidCredentials | InvalidRefreshToken => 401,
            Forbidden => 403,
            NotFound => 404,
            MethodNotAllowed => 405,
            AlreadyExists | Conflict => 409,
            VersionMismatch => 412,
            PayloadTooLarge => 413,
            ValidationFailed => 422,
            PreconditionRequired => 428,
            RateLimited => 429,
            InternalError => 500,
            ServiceUnavailable => 503,
        }
    }

    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            InvalidJson => "invalid_json",
            UnsupportedContentType => "unsupported_content_type",
            InvalidPathParameter => "invalid_path_parameter",
            InvalidQueryParameter => "invalid_query_parameter",
            BadRequest => "bad_request",
            Unauthenticated => "unauthenticated",
            InvalidCredentials => "invalid_credentials",
            InvalidRefreshToken => "invalid_refresh_token",
            Forbidden => "forbidden",
            NotFound => "not_found",
            MethodNotAllowed => "method_not_allowed",
            AlreadyExists => "already_exists",
            Conflict => "conflict",
            VersionMismatch => "version_mismatch",
            PayloadTooLarge => "payload_too_large",
            ValidationFailed => "validation_failed",
            PreconditionRequired => "precondition_required",
            RateLimited => "rate_limited",
            InternalError => "internal_error",
            ServiceUnavailable => "service_unavailable",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_serialises_as_its_stable_name() {
        for code in [
            ErrorCode::InvalidJson,
            ErrorCode::ValidationFailed,
            ErrorCode::VersionMismatch,
            ErrorCode::ServiceUnavailable,
        ] {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::String(code.as_str().to_owned())
            );
        }
    }

    #[test]
    fn body_omits_empty_details() {
        let body = ErrorBody {
            error: ErrorDetail {
                code: ErrorCode::NotFound,
                message: "no such user".into(),
                details: vec![],
            },
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"error": {"code": "not_found", "message": "no such user"}})
        );
    }
}
