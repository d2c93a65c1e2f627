//! `/api/v1/actors/{id}/contacts`: the people to call at an organisation.
//! Personal data: every change is audited by id.

use super::repo;
use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::error::ApiResult;
use crate::extract::{IfMatch, Json};
use crate::records::{created, versioned};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use shared::actors::{Contact, ContactInput};
use shared::ids::{ActorId, ContactId};
use shared::ErrorBody;

const ENTITY: &str = "contact";

/// An actor's contact persons.
#[utoipa::path(
    get, path = "/api/v1/actors/{id}/contacts",
    params(("id" = i64, Path, description = "Actor id")),
    responses(
        (status = 200, description = "Contacts", body = Vec<Contact>),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<ActorId>,
) -> ApiResult<web::Json<Vec<Contact>>> {
    let actor = id.into_inner();
    crate::access::actor_reader(&user, actor)?;
    let contacts = state
        .db
        .read(move |conn| {
            repo::get(conn, actor)?;
            repo::contacts_of(conn, actor)
        })
        .await?;
    Ok(web::Json(contacts))
}

/// Add a contact person.
#[utoipa::path(
    post, path = "/api/v1/actors/{id}/contacts",
    params(("id" = i64, Path, description = "Actor id")),
    request_body = ContactInput,
    responses(
        (status = 201, description = "Created", body = Contact),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<ActorId>,
    body: Json<ContactInput>,
) -> ApiResult<HttpResponse> {
    let actor = id.into_inner();
    crate::access::actor_editor(&user, actor)?;
    let input = body.0.normalized();
    let contact = state
        .db
        .write(move |conn| {
            repo::get(conn, actor)?;
            let contact = repo::insert_contact(conn, actor, &input)?;
            audit::record(
                conn,
                Change::new(&user, ENTITY, contact.id, "create"),
                None::<&()>,
                Some(&contact.id),
            )?;
            Ok(contact)
        })
        .await?;
    Ok(created(
        format!("/api/v1/actors/{actor}/contacts/{}", contact.id),
        &contact,
        contact.version,
    ))
}

/// Replace a contact person's details. Needs `If-Match`.
#[utoipa::path(
    put, path = "/api/v1/actors/{id}/contacts/{contact_id}",
    params(
        ("id" = i64, Path, description = "Actor id"),
        ("contact_id" = i64, Path, description = "Contact id"),
        ("If-Match" = String, Header, description = "The version last read"),
    ),
    request_body = ContactInput,
    responses(
        (status = 200, description = "Updated", body = Contact),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(ActorId, ContactId)>,
    if_match: IfMatch,
    body: Json<ContactInput>,
) -> ApiResult<HttpResponse> {
    let (actor, id) = path.into_inner();
    crate::access::actor_editor(&user, actor)?;
    let expected = if_match.required()?;
    let input = body.0.normalized();
    let contact = state
        .db
        .write(move |conn| {
            let before = repo::get_contact(conn, actor, id)?;
            if_match.check(before.version)?;
            let after = repo::update_contact(conn, actor, id, expected, &input)?;
            // Contacts are personal data: the trail keeps ids, not details.
            audit::record(
                conn,
                Change::new(&user, ENTITY, id, "update"),
                Some(&before.version),
                Some(&after.version),
            )?;
            Ok(after)
        })
        .await?;
    Ok(versioned(StatusCode::OK, &contact, contact.version))
}

/// Remove a contact person. Needs `If-Match`.
#[utoipa::path(
    delete, path = "/api/v1/actors/{id}/contacts/{contact_id}",
    params(
        ("id" = i64, Path, description = "Actor id"),
        ("contact_id" = i64, Path, description = "Contact id"),
        ("If-Match" = String, Header, description = "The version last read"),
    ),
    responses(
        (status = 204, description = "Deleted"),
    )
)]
pub async fn delete(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(ActorId, ContactId)>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let (actor, id) = path.into_inner();
    crate::access::actor_editor(&user, actor)?;
    if_match.required()?;
    state
        .db
        .write(move |conn| {
            let before = repo::get_contact(conn, actor, id)?;
            if_match.check(before.version)?;
            repo::delete_contact(conn, actor, id)?;
            audit::record(
                conn,
                Change::new(&user, ENTITY, id, "delete"),
                Some(&before.id),
                None::<&()>,
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
