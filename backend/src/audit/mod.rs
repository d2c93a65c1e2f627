//! The audit trail: who changed what, when, with the state before and
//! after. Written in the same transaction as the change it records.

pub mod handlers;

use crate::db::schema::audit_log;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use chrono::Utc;
use diesel::prelude::*;
use serde::Serialize;
use shared::ids::ApiKeyId;
use shared::UserId;

pub struct Change<'a> {
    pub actor: Option<UserId>,
    /// The API key the change came through, if any.
    pub api_key: Option<ApiKeyId>,
    pub entity: &'a str,
    pub entity_id: String,
    pub action: &'a str,
}

impl<'a> Change<'a> {
    /// A change made by the signed-in user to `entity` number `id`.
    pub fn new(
        user: &crate::auth::CurrentUser,
        entity: &'a str,
        id: impl std::fmt::Display,
        action: &'a str,
    ) -> Self {
        Change {
            actor: Some(user.id),
            api_key: user.api_key,
            entity,
            entity_id: id.to_string(),
            action,
        }
    }
}

pub fn record<B: Serialize, A: Serialize>(
    conn: &mut DbConnection,
    change: Change<'_>,
    before: Option<&B>,
    after: Option<&A>,
) -> ApiResult<()> {
    let before = before
        .map(serde_json::to_string)
        .transpose()
        .map_err(ApiError::internal)?;
    let after = after
        .map(serde_json::to_string)
        .transpose()
        .map_err(ApiError::internal)?;
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::occurred_at.eq(Utc::now().naive_utc()),
            audit_log::user_id.eq(change.actor),
            audit_log::api_key_id.eq(change.api_key),
            audit_log::entity.eq(change.entity),
            audit_log::entity_id.eq(change.entity_id),
            audit_log::action.eq(change.action),
            audit_log::before_state.eq(before),
            audit_log::after_state.eq(after),
        ))
        .execute(conn)?;
    Ok(())
}
