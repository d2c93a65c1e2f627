//! User accounts (administrators only, except [`super::auth::me`]).

use super::{ApiError, ApiRequest};
use shared::users::{CreateUser, UpdateUser, User};
use shared::{Page, UserId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserListQuery {
    pub page: u32,
    pub per_page: u32,
    /// Free-text search on e-mail and name; empty means all.
    pub search: String,
    pub sort: &'static str,
}

pub async fn list(query: &UserListQuery) -> Result<Page<User>, ApiError> {
    let mut request = ApiRequest::get("/api/v1/users")
        .query("page", query.page)
        .query("per_page", query.per_page)
        .query("sort", query.sort);
    let search = query.search.trim();
    if !search.is_empty() {
        request = request.query("q", search);
    }
    request.fetch().await
}

pub async fn create(user: &CreateUser) -> Result<User, ApiError> {
    ApiRequest::post("/api/v1/users").json(user)?.fetch().await
}

/// `version` is the one the change was based on: the server refuses it
/// with 412 `version_mismatch` if someone saved in between.
pub async fn update(id: UserId, version: i64, changes: &UpdateUser) -> Result<User, ApiError> {
    ApiRequest::patch(format!("/api/v1/users/{id}"))
        .if_match(version)
        .json(changes)?
        .fetch()
        .await
}
