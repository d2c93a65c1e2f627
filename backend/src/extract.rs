//! Request extractors that turn every malformed input into the API's JSON
//! error, naming the field where possible.

use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::{ready, LocalBoxFuture, Ready};
use serde::de::DeserializeOwned;
use shared::validation::Validate;
use shared::{ErrorCode, FieldError};

mod strict;

/// A JSON body, deserialised with the path of any offending field, then
/// validated by the type's own rules.
pub struct Json<T>(pub T);

/// How long a client has to send a JSON body once its headers are in
/// (`REQUEST_BODY_TIMEOUT_MS`); a slower one is answered 400 and its
/// connection is freed.
#[derive(Debug, Clone, Copy)]
pub struct BodyTimeout(pub std::time::Duration);

impl Default for BodyTimeout {
    fn default() -> Self {
        Self(std::time::Duration::from_secs(30))
    }
}

impl<T> FromRequest for Json<T>
where
    T: DeserializeOwned + Validate + 'static,
{
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type_ok = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<mime::Mime>().ok())
            .is_some_and(|m| {
                m.type_() == mime::APPLICATION
                    && (m.subtype() == mime::JSON || m.suffix() == Some(mime::JSON))
            });
        let body = web::Bytes::from_request(req, payload);
        let timeout = req.app_data::<BodyTimeout>().copied().unwrap_or_default();
        Box::pin(async move {
            let body = actix_web::rt::time::timeout(timeout.0, body)
                .await
                .map_err(|_| {
                    ApiError::new(
                        ErrorCode::BadRequest,
                        format!(
                            "the request body did not arrive within {} s",
                            timeout.0.as_secs_f32()
                        ),
                    )
                })?;
            let bytes = body.map_err(|error| {
                if error.as_response_error().status_code()
                    == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE
                {
                    ApiError::new(ErrorCode::PayloadTooLarge, "the request body is too large")
                } else {
                    ApiError::new(ErrorCode::BadRequest, "the request body could not be read")
                }
            })?;
            if !content_type_ok {
                return Err(ApiError::new(
                    ErrorCode::UnsupportedContentType,
                    "send the body as `Content-Type: application/json`",
                ));
            }
            let value = parse_json::<T>(&bytes)?;
            let problems = value.validate();
            if problems.is_empty() {
                Ok(Json(value))
            } else {
                Err(ApiError::validation(problems))
            }
        })
    }
}

/// Syntax errors are 400 `invalid_json`; well-formed JSON of the wrong
/// shape is 422 naming the field. The body is parsed whole first, then read
/// with JSON's own meaning (`strict`): objects for structs, and integral
/// numbers for integers.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|syntax| {
        ApiError::new(
            ErrorCode::InvalidJson,
            format!("the body is not valid JSON: {syntax}"),
        )
    })?;
    serde_path_to_error::deserialize(strict::Strict(&value)).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        let field = match (path.as_str(), missing_field(&inner.to_string())) {
            ("." | "", Some(missing)) => missing,
            ("." | "", None) => "body".to_owned(),
            (_, Some(missing)) => format!("{path}.{missing}"),
            (_, None) => path,
        };
        ApiError::validation(vec![FieldError::new(
            field,
            code_for(&inner),
            clean_message(&inner),
        )])
    })
}

fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next().map(str::to_owned)
}

fn code_for(error: &serde_json::Error) -> &'static str {
    let message = error.to_string();
    if message.starts_with("missing field") {
        "required"
    } else if message.starts_with("unknown field") {
        "unknown_field"
    } else if message.starts_with("unknown variant") {
        "invalid_choice"
    } else {
        "invalid_type"
    }
}

/// serde's message without its " at line 1 column 12" suffix.
fn clean_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = match message.find(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message,
    };
    if message == "expected value" {
        "invalid value for this field".to_owned()
    } else {
        message
    }
}

/// Query parameters, with the offending parameter named on error.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let raw = req.query_string();
        // Text columns cannot hold NUL (PostgreSQL refuses it outright), so
        // no search or filter can match one.
        if let Some((key, _)) =
            form_urlencoded::parse(raw.as_bytes()).find(|(_, value)| value.contains('\0'))
        {
            return ready(Err(ApiError::new(
                ErrorCode::InvalidQueryParameter,
                format!("invalid query parameter `{key}`: NUL characters are not allowed"),
            )
            .with_details(vec![FieldError::new(
                key,
                "invalid_characters",
                "NUL characters are not allowed",
            )])));
        }
        let deserializer =
            serde_urlencoded::Deserializer::new(form_urlencoded::parse(raw.as_bytes()));
        ready(
            serde_path_to_error::deserialize(deserializer)
                .map(Query)
                .map_err(|error| {
                    let field = error.path().to_string();
                    let message = error.into_inner().to_string();
                    let field = if field == "." {
                        missing_field(&message).unwrap_or_else(|| "query".to_owned())
                    } else {
                        field
                    };
                    ApiError::new(
                        ErrorCode::InvalidQueryParameter,
                        format!("invalid query parameter `{field}`: {message}"),
                    )
                    .with_details(vec![FieldError::new(
                        field,
                        "invalid_value",
                        message,
                    )])
                }),
        )
    }
}

/// Path values (ids) that do not parse get a JSON 400.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|error, _req| {
        ApiError::new(
            ErrorCode::InvalidPathParameter,
            format!("invalid path parameter: {error}"),
        )
        .into()
    })
}

/// The version a client last saw, from `If-Match: "3"` (weak tags and bare
/// numbers are accepted too). `None` when the header is absent.
pub struct IfMatch(pub Option<i64>);

/// What `If-Match` accepts, as the OpenAPI document states it: an entity tag
/// holding a version (`"3"`, weak `W/"3"`) or the bare number.
pub const IF_MATCH_PATTERN: &str = r#"^(W/)?"[0-9]{1,18}"$|^[0-9]{1,18}$"#;

/// Parses exactly the values `IF_MATCH_PATTERN` describes.
pub fn parse_if_match(value: &str) -> Option<i64> {
    let digits = match value.strip_prefix("W/").unwrap_or(value) {
        quoted if quoted.len() >= 2 && quoted.starts_with('"') && quoted.ends_with('"') => {
            &quoted[1..quoted.len() - 1]
        }
        _ if value.starts_with('"') || value.starts_with("W/") => return None,
        bare => bare,
    };
    if (1..=18).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

impl IfMatch {
    /// Requires the header (428 without it) and compares (412 when stale).
    pub fn check(&self, current: i64) -> Result<(), ApiError> {
        match self.0 {
            None => Err(ApiError::precondition_required()),
            Some(seen) if seen != current => Err(ApiError::version_mismatch(current)),
            Some(_) => Ok(()),
        }
    }

    pub fn required(&self) -> Result<i64, ApiError> {
        self.0.ok_or_else(ApiError::precondition_required)
    }
}

/// Documents the header for the operations that require it (`params(IfMatch)`
/// in their `#[utoipa::path]`); the shared contract adds its pattern and the
/// 412 and 428 answers.
impl utoipa::IntoParams for IfMatch {
    fn into_params(
        _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::{ObjectBuilder, Required, Type};
        vec![ParameterBuilder::new()
            .name("If-Match")
            .parameter_in(ParameterIn::Header)
            .required(Required::True)
            .description(Some("The version last read, e.g. \"3\""))
            .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
            .build()]
    }
}

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(value) = req.headers().get(header::IF_MATCH) else {
            return ready(Ok(IfMatch(None)));
        };
        let parsed = value.to_str().ok().and_then(|v| parse_if_match(v.trim()));
        ready(match parsed {
            Some(version) => Ok(IfMatch(Some(version))),
            None => Err(ApiError::new(
                ErrorCode::BadRequest,
                "If-Match must hold the version as an entity tag, e.g. \"3\"",
            )
            .with_details(vec![FieldError::new(
                "If-Match",
                "invalid_value",
                "not a version tag",
            )])),
        })
    }
}

/// The `ETag` header value for a version.
pub fn etag(version: i64) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        count: u32,
        inner: Option<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        weight: u8,
    }

    #[test]
    fn if_match_takes_version_tags_only() {
        assert_eq!(parse_if_match("\"3\""), Some(3));
        assert_eq!(parse_if_match("W/\"12\""), Some(12));
        assert_eq!(parse_if_match("7"), Some(7));
        for refused in [
            "",
            "\"\"",
            "\"3",
            "3\"",
            "W/3",
            "W/\"3",
            "-1",
            "\"-1\"",
            "*",
            "\"a\"",
            "1.0",
            "W/W/\"3\"",
            "1234567890123456789",
        ] {
            assert_eq!(parse_if_match(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn syntax_errors_are_400_and_shape_errors_name_the_field() {
        let error = parse_json::<Sample>(b"{\"name\": ").unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidJson);

        let error = parse_json::<Sample>(br#"{"name": "a", "count": "three"}"#).unwrap_err();
        assert_eq!(error.code, ErrorCode::ValidationFailed);
        assert_eq!(error.details[0].field, "count");
        assert_eq!(error.details[0].code, "invalid_type");

        let error = parse_json::<Sample>(br#"{"name": "a"}"#).unwrap_err();
        assert_eq!(
            (
                error.details[0].field.as_str(),
                error.details[0].code.as_str()
            ),
            ("count", "required")
        );

        let error = parse_json::<Sample>(br#"{"name": "a", "count": 1, "inner": {"weight": 300}}"#)
            .unwrap_err();
        assert_eq!(error.details[0].field, "inner.weight");

        let error = parse_json::<Sample>(br#"{"name": "a", "count": 1, "extra": 1}"#).unwrap_err();
        assert_eq!(error.details[0].code, "unknown_field");

        let error = parse_json::<Sample>(br#"{"name": "a", "count": 1} trailing"#).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidJson);
    }
}
