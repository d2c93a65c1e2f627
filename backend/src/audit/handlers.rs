//! `GET /api/v1/audit-log`, for admins and managers.

use crate::auth::{CurrentUser, Manager};
use crate::db::schema::audit_log;
use crate::db::DbConnection;
use crate::error::ApiResult;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;
use shared::audit::AuditEntry;
use shared::ids::ApiKeyId;
use shared::{ErrorBody, Page, UserId};

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

/// An audit entry as stored (its states as JSON text).
#[derive(Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    id: i64,
    occurred_at: NaiveDateTime,
    user_id: Option<UserId>,
    api_key_id: Option<ApiKeyId>,
    entity: String,
    entity_id: String,
    action: String,
    before_state: Option<String>,
    after_state: Option<String>,
}

impl From<AuditRow> for AuditEntry {
    fn from(row: AuditRow) -> Self {
        // States were written by the server as JSON; one that no longer
        // parses is shown as absent rather than failing the whole page.
        let state = |raw: Option<String>| raw.and_then(|text| serde_json::from_str(&text).ok());
        AuditEntry {
            id: row.id,
            occurred_at: row.occurred_at.and_utc(),
            user_id: row.user_id,
            api_key_id: row.api_key_id,
            entity: row.entity,
            entity_id: row.entity_id,
            action: row.action,
            before: state(row.before_state),
            after: state(row.after_state),
        }
    }
}

crate::records::list_query! {
    AuditQuery;
}

crate::records::read_endpoint!(
    /// The audit trail, newest first.
    "/api/v1/audit-log" => list(AuditQuery), caller: Manager,
    answer: ("A page of entries", Page<AuditEntry>),
    also: [(status = 422, description = "Invalid page", body = ErrorBody)],
    read: trail,
);

/// The page of entries the query asks for, filtered by entity, record and
/// author.
fn trail(
    conn: &mut DbConnection,
    _: &CurrentUser,
    query: AuditQuery,
) -> ApiResult<Page<AuditEntry>> {
    let page = crate::records::page_request(&query)?;
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
        .select(AuditRow::as_select())
        .load(conn)?;
    Ok(Page {
        items: rows.into_iter().map(AuditEntry::from).collect(),
        total: u64::try_from(total).unwrap_or_default(),
        page: page.page,
        per_page: page.per_page,
    })
}
