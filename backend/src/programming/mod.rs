//! Money over time: each project's autorisation de programme (AP) and its
//! revisions, its crédits de paiement (CP) by year, each funding line's
//! receipts by year, the town's investment capacity, and the programme
//! (PPI) computed from them with its what-if scenarios. The rules and the
//! figures are `shared::programming`'s; this module stores and loads.
//! Partners see none of it: every endpoint here is for staff.

pub mod ap;
pub mod capacity;
pub mod credits;
pub mod handlers;
pub mod plan;
pub mod scenarios;

use crate::db::DbConnection;
use crate::error::ApiResult;
use shared::webhooks::WebhookEvent;

/// Tells the town's other systems that the programme changed, and what.
fn announce(conn: &mut DbConnection, change: serde_json::Value) -> ApiResult<()> {
    crate::webhooks::emit(conn, WebhookEvent::ProgrammeChanged, &change)
}
