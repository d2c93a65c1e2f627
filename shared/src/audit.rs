//! Audit-log entries as the API shows them.

use crate::ids::{ApiKeyId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    /// Who made the change; absent for system actions.
    pub user_id: Option<UserId>,
    /// The API key the change came through (acting for `user_id`).
    pub api_key_id: Option<ApiKeyId>,
    /// Kind of record changed, e.g. `user`, `project`.
    pub entity: String,
    pub entity_id: String,
    /// e.g. `create`, `update`, `delete`, `transition`.
    pub action: String,
    /// State before the change (any JSON value), absent for creations.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Value>))]
    pub before: Option<serde_json::Value>,
    /// State after the change (any JSON value), absent for deletions.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Value>))]
    pub after: Option<serde_json::Value>,
}
