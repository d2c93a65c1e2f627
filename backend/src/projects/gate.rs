//! Gates a project must pass before some moves. The move from
//! `instruction` to `decision` needs the ex-ante evaluation done: as many
//! submitted ex-ante evaluations as the `evaluation-gate` setting asks.

use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::evaluations::repo;
use crate::settings;
use shared::evaluation::decision_gate;
use shared::ids::ProjectId;

/// `Ok(None)` when the project may go to decision, `Ok(Some(why))` when not.
pub fn decision_blocker(conn: &mut DbConnection, project: ProjectId) -> ApiResult<Option<String>> {
    let gate = settings::evaluation_gate(conn)?;
    let submitted = repo::submitted_ex_ante_count(conn, project)?;
    Ok(decision_gate(gate, submitted))
}
