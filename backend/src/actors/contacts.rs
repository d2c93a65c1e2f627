//! `/api/v1/actors/{id}/contacts`: the people to call at an organisation.
//! Personal data: every change is audited by id.

use super::repo;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::records::write::{self, Addressed, Deletable, Versioned};
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
    /// The actor's editors: staff who edit, and its own partners.
    fn may_remove(user: &CurrentUser, (actor, _): Self::Address) -> ApiResult<()> {
        crate::access::actor_editor(user, actor)?;
        Ok(())
    }

    fn remove(conn: &mut DbConnection, contact: &Self) -> ApiResult<()> {
        repo::delete_contact(conn, contact.actor_id, contact.id)
    }
}

crate::records::read_endpoint!(
    /// An actor's contact persons.
    "/api/v1/actors/{id}/contacts" => list, at: ActorId, caller: CurrentUser,
    answer: ("Contacts", Vec<Contact>),
    read: contacts_of,
);

fn contacts_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    actor: ActorId,
) -> ApiResult<Vec<Contact>> {
    crate::access::actor_reader(user, actor)?;
    repo::get(conn, actor)?;
    repo::contacts_of(conn, actor)
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

write::delete_endpoint!(
    /// Remove a contact person. Needs `If-Match`.
    "/api/v1/actors/{id}/contacts/{contact_id}" => Contact, at: (ActorId, ContactId), caller: CurrentUser
);
