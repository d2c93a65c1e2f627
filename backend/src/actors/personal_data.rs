//! Rights of contact persons (GDPR articles 15 and 17): an export of
//! everything stored about them, and an erasure that removes their personal
//! data while the history stays coherent. Contacts' personal data lives in
//! `actor_contacts` only: the audit log records contacts by id, so erasing
//! the record erases the person everywhere. Both acts are audited.

use super::repo;
use crate::audit::handlers::AuditRow;
use crate::audit::{self, Change};
use crate::auth::Admin;
use crate::db::schema::{actor_contacts, audit_log};
use crate::error::ApiResult;
use crate::records::now;
use crate::state::AppState;
use actix_web::web;
use chrono::Utc;
use diesel::prelude::*;
use shared::actors::{Contact, PersonalDataExport};
use shared::audit::AuditEntry;
use shared::ids::{ActorId, ContactId};

const ENTITY: &str = "contact";
/// What an erased contact is called from then on.
pub const ERASED_NAME: &str = "Contact effacé";

/// Everything stored about a contact person, as JSON (admins).
#[utoipa::path(
    get, path = "/api/v1/actors/{id}/contacts/{contact_id}/personal-data",
    responses(
        (status = 200, description = "The personal data export", body = PersonalDataExport),
    )
)]
pub async fn export(
    state: web::Data<AppState>,
    user: Admin,
    path: web::Path<(ActorId, ContactId)>,
) -> ApiResult<web::Json<PersonalDataExport>> {
    let (actor, id) = path.into_inner();
    let export = state
        .db
        .write(move |conn| {
            let contact = repo::get_contact(conn, actor, id)?;
            let organisation = repo::get(conn, actor)?.name;
            let rows: Vec<AuditRow> = audit_log::table
                .filter(audit_log::entity.eq(ENTITY))
                .filter(audit_log::entity_id.eq(id.to_string()))
                .order(audit_log::id.asc())
                .select(AuditRow::as_select())
                .load(conn)?;
            let history = rows.into_iter().map(AuditEntry::from).collect();
            audit::record(
                conn,
                Change::new(&user, ENTITY, id, "export_personal_data"),
                None::<&ContactId>,
                Some(&id),
            )?;
            Ok(PersonalDataExport {
                exported_at: Utc::now(),
                contact,
                organisation,
                history,
            })
        })
        .await?;
    Ok(web::Json(export))
}

/// Erase a contact person's personal data (admins): the record stays, so
/// that the history and the organisation's other data remain coherent,
/// but it no longer says who the person was or how to reach them.
#[utoipa::path(
    post, path = "/api/v1/actors/{id}/contacts/{contact_id}/erase",
    responses(
        (status = 200, description = "Erased", body = Contact),
    )
)]
pub async fn erase(
    state: web::Data<AppState>,
    user: Admin,
    path: web::Path<(ActorId, ContactId)>,
) -> ApiResult<web::Json<Contact>> {
    let (actor, id) = path.into_inner();
    let contact = state
        .db
        .write(move |conn| {
            repo::get_contact(conn, actor, id)?;
            diesel::update(actor_contacts::table.find(id))
                .set((
                    actor_contacts::name.eq(ERASED_NAME),
                    actor_contacts::role.eq(None::<String>),
                    actor_contacts::email.eq(None::<String>),
                    actor_contacts::phone.eq(None::<String>),
                    actor_contacts::updated_at.eq(now()),
                    actor_contacts::version.eq(actor_contacts::version + 1_i64),
                ))
                .execute(conn)?;
            audit::record(
                conn,
                Change::new(&user, ENTITY, id, "erase_personal_data"),
                Some(&id),
                Some(&id),
            )?;
            repo::get_contact(conn, actor, id)
        })
        .await?;
    Ok(web::Json(contact))
}
