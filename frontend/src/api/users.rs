//! User accounts (administrators only, except [`super::auth::me`]).

use super::{ApiError, ApiRequest};
use shared::users::{CreateUser, UpdateUser, User, UserListQuery};
use shared::{Page, UserId};

pub async fn list(query: &UserListQuery) -> Result<Page<User>, ApiError> {
    ApiRequest::get("/api/v1/users")
        .query_of(query)?
        .fetch()
        .await
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
