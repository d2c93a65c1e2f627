//! Helpers every resource's repository and handlers share: JSON list
//! columns, search patterns, versioned responses.

pub mod write;

use crate::error::{ApiError, ApiResult};
use crate::extract::etag;
use actix_web::http::{header, StatusCode};
use actix_web::HttpResponse;
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::pagination::{PageParams, SortSpec};

/// Lists (tags, innovation types, team) are stored as JSON text: portable
/// across both databases and small.
pub fn to_json_list<T: Serialize>(values: &[T]) -> ApiResult<String> {
    serde_json::to_string(values).map_err(ApiError::internal)
}

pub fn from_json_list<T: DeserializeOwned>(text: &str) -> ApiResult<Vec<T>> {
    serde_json::from_str(text).map_err(|e| ApiError::internal(anyhow::anyhow!("stored list: {e}")))
}

/// Escapes LIKE's wildcards so user text matches literally (with `ESCAPE '\'`).
pub fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// `%text%`, lower-cased, for case-insensitive substring search.
pub fn contains_pattern(text: &str) -> String {
    format!("%{}%", escape_like(&text.trim().to_lowercase()))
}

/// Matches one element of a JSON list column exactly: `%"tag"%`.
pub fn json_element_pattern(value: &str) -> String {
    let quoted = serde_json::to_string(value.trim()).unwrap_or_default();
    format!("%{}%", escape_like(&quoted))
}

/// A JSON answer carrying the record's version as its `ETag`.
pub fn versioned<T: Serialize>(status: StatusCode, body: &T, version: i64) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header(etag(version))
        .json(body)
}

/// 201 for a record added to `collection`: `Location` is the collection's
/// path and the record's key, `ETag` its version.
pub fn created<R: write::Versioned>(collection: &str, record: &R) -> HttpResponse {
    let location = format!("{collection}/{}", record.key());
    created_as(location, record, record.version())
}

/// 201 with `Location` and `ETag`, for an answer that is more than the
/// record it creates.
pub fn created_as<T: Serialize>(location: String, body: &T, version: i64) -> HttpResponse {
    let mut response = versioned(StatusCode::CREATED, body, version);
    if let Ok(value) = header::HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// What every list's query string names alike: the page asked for, the
/// order for lists that can be sorted, and the file format for lists that
/// export. Implemented with [`list_query!`].
pub trait ListQuery {
    fn page(&self) -> Option<u32>;
    fn per_page(&self) -> Option<u32>;
    fn sort(&self) -> Option<&str> {
        None
    }
    fn format(&self) -> Option<shared::exchange::ExportFormat> {
        None
    }
}

/// `ListQuery` for query types with `page` and `per_page`, and `sort`
/// and `format` where listed (`Type: sort, format`).
macro_rules! list_query {
    ($($query:ty $(: $($field:ident),+)?;)*) => {
        $(impl crate::records::ListQuery for $query {
            fn page(&self) -> Option<u32> {
                self.page
            }

            fn per_page(&self) -> Option<u32> {
                self.per_page
            }

            $($(crate::records::list_query!(@$field);)+)?
        })*
    };
    (@sort) => {
        fn sort(&self) -> Option<&str> {
            self.sort.as_deref()
        }
    };
    (@format) => {
        fn format(&self) -> Option<shared::exchange::ExportFormat> {
            self.format
        }
    };
}
pub(crate) use list_query;

list_query! {
    shared::actors::ActorListQuery: sort, format;
    shared::projects::ProjectListQuery: sort, format;
    shared::users::UserListQuery: sort;
    shared::roadmap::RoadmapQuery: sort;
    shared::opportunities::OpportunityListQuery: format;
    shared::notifications::NotificationQuery;
}

/// Declares a `GET` endpoint named `handler` that answers, as JSON, what
/// `read` makes of the record the path names (with `at`) and of the
/// request's query (its type in parentheses): a plain function of the
/// connection, the caller, the address and the query, run in one read.
/// The doc comment is the operation's description; `also` lists the
/// answers particular to it.
macro_rules! read_endpoint {
    (
        $(#[doc = $doc:literal])*
        $path:literal => $handler:ident $(($query:ty))?, $(at: $address:ty,)? caller: $caller:ty,
        answer: ($answer:literal, $body:ty) $(, also: [$($also:tt)*])?, read: $read:path $(,)?
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            get, path = $path,
            $(params($query),)?
            responses((status = 200, description = $answer, body = $body), $($($also)*)?)
        )]
        pub async fn $handler(
            state: actix_web::web::Data<crate::state::AppState>,
            user: $caller,
            $(path: actix_web::web::Path<$address>,)?
            $(query: crate::extract::Query<$query>,)?
        ) -> crate::error::ApiResult<actix_web::web::Json<$body>> {
            let user: crate::auth::CurrentUser = user.into();
            $(let at: $address = path.into_inner();)?
            $(let query: $query = query.0;)?
            let answer = state
                .db
                .read(move |conn| {
                    $read(conn, &user $(, { let at: $address = at; at })? $(, { let query: $query = query; query })?)
                })
                .await?;
            Ok(actix_web::web::Json(answer))
        }
    };
}
pub(crate) use read_endpoint;

/// The page a list request asks for, checked (422 naming `page` or
/// `per_page`).
pub fn page_request(query: &impl ListQuery) -> ApiResult<PageParams> {
    PageParams::parse(query.page(), query.per_page()).map_err(ApiError::validation)
}

/// The page and sort order a list request asks for, checked (422 naming
/// `page`, `per_page` or `sort`).
pub fn list_request(
    query: &impl ListQuery,
    default_sort: &str,
    sortable: &[&str],
) -> ApiResult<(PageParams, SortSpec)> {
    Ok((
        page_request(query)?,
        sort_request(query, default_sort, sortable)?,
    ))
}

/// The sort order a list request asks for, checked (422 naming `sort`).
pub fn sort_request(
    query: &impl ListQuery,
    default_sort: &str,
    sortable: &[&str],
) -> ApiResult<SortSpec> {
    SortSpec::parse(query.sort().unwrap_or(default_sort), sortable)
        .map_err(|e| ApiError::validation(vec![e]))
}

/// Years a list can be filtered by: those a date has in the document
/// (`YYYY`) and in both databases.
pub const FILTER_YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// A year filter, checked against `FILTER_YEARS` (422 naming the parameter).
pub fn year_filter(parameter: &str, year: Option<i32>) -> ApiResult<Option<i32>> {
    match year {
        Some(year) if !FILTER_YEARS.contains(&year) => Err(ApiError::field(
            parameter,
            "out_of_range",
            format!(
                "a year between {} and {}",
                FILTER_YEARS.start(),
                FILTER_YEARS.end()
            ),
        )),
        _ => Ok(year),
    }
}

pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

pub fn total(count: i64) -> u64 {
    u64::try_from(count).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_literally() {
        assert_eq!(contains_pattern(" 50%_Off "), "%50\\%\\_off%");
        assert_eq!(json_element_pattern("énergie"), "%\"énergie\"%");
        let tags = to_json_list(&["a".to_owned(), "énergie".to_owned()]).unwrap();
        assert!(tags.contains("\"énergie\""));
        assert_eq!(
            from_json_list::<String>(&tags).unwrap(),
            vec!["a", "énergie"]
        );
    }
}
