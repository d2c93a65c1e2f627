//! `/api/v1/actors/{id}/contacts`: the people to call at an organisation.
//! Personal data: every change is audited by id.

use super::repo;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::extract::IfMatch;
use crate::records::write::{self, Addressed, Deletable, Versioned};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use shared::actors::{Contact, ContactInput};
use shared::ids::{ActorId, ContactId};
use shared::ErrorBody;

impl Versioned for Contact {
    const ENTITY: &'static str = "contact";
    // The trail keeps a contact's id and version, never the person's details.
    const PERSONAL_DATA: bool = true;

    write::id_and_version!();
}

impl Addressed for Contact {
    type Address = (ActorId, ContactId);

    fn load(
        conn: &mut DbConnection,
        _: &CurrentUser,
        (actor, id): Self::Address,
    ) -> ApiResult<Self> {
        repo::get_contact(conn, actor, id)
    }
}

impl Deletable for Contact {
    fn remove(conn: &mut DbConnection, contact: &Self) -> ApiResult<()> {
        repo::delete_contact(conn, contact.actor_id, contact.id)
    }
}

/// An actor's contact persons.
#[utoipa::path(
    get, path = "/api/v1/actors/{id}/contacts",
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

write::create_endpoint!(
    /// Add a contact person.
    "/api/v1/actors/{id}/contacts" => create(Contact), caller: CurrentUser, body: ContactInput,
    also: [(status = 422, description = "Invalid fields", body = ErrorBody)],
);

impl write::Creatable for Contact {
    type Parent = ActorId;
    type New = ContactInput;

    /// The actor's editors: staff who edit, and its own partners.
    fn admit(user: &CurrentUser, actor: ActorId, input: ContactInput) -> ApiResult<ContactInput> {
        crate::access::actor_editor(user, actor)?;
        Ok(input.normalized())
    }

    fn insert(
        conn: &mut DbConnection,
        _: &CurrentUser,
        actor: ActorId,
        input: ContactInput,
    ) -> ApiResult<Self> {
        repo::get(conn, actor)?;
        repo::insert_contact(conn, actor, &input)
    }
}

write::update_endpoint!(
    /// Replace a contact person's details. Needs `If-Match`.
    put "/api/v1/actors/{id}/contacts/{contact_id}" => update(Contact), at: (ActorId, ContactId),
    caller: CurrentUser, body: ContactInput,
    also: [(status = 422, description = "Invalid fields", body = ErrorBody)],
);

impl write::Changeable for Contact {
    type Change = ContactInput;

    /// The actor's editors: staff who edit, and its own partners.
    fn admit(
        user: &CurrentUser,
        (actor, _): (ActorId, ContactId),
        input: ContactInput,
    ) -> ApiResult<ContactInput> {
        crate::access::actor_editor(user, actor)?;
        Ok(input.normalized())
    }

    fn apply(
        conn: &mut DbConnection,
        before: &Self,
        expected: i64,
        input: ContactInput,
    ) -> ApiResult<usize> {
        repo::update_contact(conn, before.id, expected, &input)
    }
}

/// Remove a contact person. Needs `If-Match`.
#[utoipa::path(
    delete, path = "/api/v1/actors/{id}/contacts/{contact_id}",
    params(IfMatch),
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
    write::delete_at::<Contact>(&state, user, (actor, id), if_match).await
}
