//! Audit-log entries as the API shows them.

use crate::ids::UserId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    /// Who made the change; absent for system actions.
    pub user_id: Option<UserId>,
    /// Kind of record changed, e.g. `user`, `project`.
    pub entity: String,
    pub entity_id: String,
    /// e.g. `create`, `update`, `delete`, `transition`.
    pub action: String,
    /// State before the change (JSON), absent for creations.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    /// State after the change (JSON), absent for deletions.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
}
