//! `GET /api/v1/audit-log`, for admins and managers.

use crate::auth::Manager;
use crate::db::schema::audit_log;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::state::AppState;
use actix_web::web;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;
use shared::audit::AuditEntry;
use shared::ids::ApiKeyId;
use shared::{ErrorBody, Page, PageParams, UserId};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Only entries about this kind of record (`user`, `project`, ...).
    pub entity: Option<String>,
    /// Only entries about this record (requires `entity`).
    pub entity_id: Option<String>,
    /// Only changes made by this user.
    pub user_id: Option<i64>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

type AuditRow = (
    i64,
    NaiveDateTime,
    Option<UserId>,
    Option<ApiKeyId>,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// The audit trail, newest first.
#[utoipa::path(
    get, path = "/api/v1/audit-log",
    params(AuditQuery),
    responses(
        (status = 200, description = "A page of entries", body = Page<AuditEntry>),
        (status = 422, description = "Invalid page", body = ErrorBody),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    _user: Manager,
    query: Query<AuditQuery>,
) -> ApiResult<web::Json<Page<AuditEntry>>> {
    let query = query.0;
    let page = PageParams::parse(query.page, query.per_page)
        .map_err(crate::error::ApiError::validation)?;
    let (rows, total) = state
        .db
        .read(move |conn| {
            let filtered = || {
                let mut q = audit_log::table.into_boxed();
                if let Some(entity) = &query.entity {
                    q = q.filter(audit_log::entity.eq(entity.clone()));
                }
                if let Some(entity_id) = &query.entity_id {
                    q = q.filter(audit_log::entity_id.eq(entity_id.clone()));
                }
                if let Some(user_id) = query.user_id {
                    q = q.filter(audit_log::user_id.eq(user_id));
                }
                q
            };
            let total: i64 = filtered().count().get_result(conn)?;
            let rows: Vec<AuditRow> = filtered()
                .order(audit_log::id.desc())
                .offset(page.offset())
                .limit(page.limit())
                .select((
                    audit_log::id,
                    audit_log::occurred_at,
                    audit_log::user_id,
                    audit_log::api_key_id,
                    audit_log::entity,
                    audit_log::entity_id,
                    audit_log::action,
                    audit_log::before_state,
                    audit_log::after_state,
                ))
                .load(conn)?;
            Ok((rows, total))
        })
        .await?;
    let parse = |raw: Option<String>| raw.and_then(|text| serde_json::from_str(&text).ok());
    let items = rows
        .into_iter()
        .map(
            |(id, occurred_at, user_id, api_key_id, entity, entity_id, action, before, after)| {
                AuditEntry {
                    id,
                    occurred_at: occurred_at.and_utc(),
                    user_id,
                    api_key_id,
                    entity,
                    entity_id,
                    action,
                    before: parse(before),
                    after: parse(after),
                }
            },
        )
        .collect();
    Ok(web::Json(Page {
        items,
        total: u64::try_from(total).unwrap_or_default(),
        page: page.page,
        per_page: page.per_page,
    }))
}
