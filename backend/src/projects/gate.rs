//! Gates a project must pass before some moves. The move from
//! `instruction` to `decision` asks here whether the ex-ante evaluation is
//! done; until evaluations exist, nothing holds the move back.

use crate::db::DbConnection;
use crate::error::ApiResult;
use shared::ids::ProjectId;

/// `Ok(None)` when the project may go to decision, `Ok(Some(why))` when not.
pub fn decision_blocker(
    _conn: &mut DbConnection,
    _project: ProjectId,
) -> ApiResult<Option<String>> {
    Ok(None)
}
