//! `/api/v1/actors`: the directory of organisations.

use super::repo::{self, ActorFilter};
use crate::access::Reader;
use crate::auth::CurrentUser;
use crate::auth::Editor;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::exchange::columns;
use crate::extract::Json;
use crate::records::write::{self, Addressed, Deletable};
use crate::records::{created, sort_request};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use shared::actors::{Actor, ActorFields, ActorListQuery, ActorPatch, ActorProject, NewActor};
use shared::ids::ActorId;
use shared::pagination::PageParams;
use shared::{ErrorBody, Page};

write::versioned_record!(Actor, "actor");

impl Addressed for Actor {
    type Address = ActorId;

    fn load(conn: &mut DbConnection, _: &CurrentUser, id: ActorId) -> ApiResult<Self> {
        repo::get(conn, id)
    }

    /// Staff, and the actor's own partners, who do not see staff notes.
    fn read(conn: &mut DbConnection, user: &CurrentUser, id: ActorId) -> ApiResult<Self> {
        let reader = crate::access::actor_reader(user, id)?;
        let actor = repo::get(conn, id)?;
        Ok(match reader.partner() {
            Some(_) => crate::access::trim_actor(actor),
            None => actor,
        })
    }
}

impl Deletable for Actor {
    /// Only an actor that takes part in nothing (409 otherwise).
    fn remove(conn: &mut DbConnection, actor: &Self) -> ApiResult<()> {
        repo::delete(conn, actor.id)
    }
}

crate::exchange::files::list_endpoint!(
    /// Search the directory, or export it.
    ///
    /// With `format=csv|xlsx` (or `Accept: text/csv` / the XLSX type) the
    /// answer is a file of every actor matching the filters, in the sort order
    /// asked, as an attachment named `acteurs-YYYY-MM-DD.csv|xlsx`.
    "/api/v1/actors" => list(ActorListQuery), caller: CurrentUser,
    answer: ("A page of actors; or the export file", Page<Actor>),
    also: [(status = 422, description = "Invalid page or sort", body = ErrorBody)],
    read: directory_page,
    file: ("acteurs", "acteurs", columns::ACTORS),
);

/// The actors matching the query, in its order; a partner sees only their
/// own organisation, without staff notes.
fn directory_page(
    conn: &mut DbConnection,
    reader: Reader,
    query: ActorListQuery,
    window: Option<PageParams>,
) -> ApiResult<(Vec<Actor>, i64)> {
    let sort = sort_request(&query, "name", repo::SORTABLE)?;
    let filter = ActorFilter {
        text: query.q.filter(|q| !q.trim().is_empty()),
        kind: query.kind,
        commune_insee: query.commune.filter(|c| !c.trim().is_empty()),
        tag: query.tag.filter(|t| !t.trim().is_empty()),
        only: reader.partner(),
    };
    let (mut items, count) = repo::list(conn, &filter, &sort, window)?;
    if reader.partner().is_some() {
        items = items.into_iter().map(crate::access::trim_actor).collect();
    }
    Ok((items, count))
}

/// Add an actor.
#[utoipa::path(
    post, path = "/api/v1/actors",
    request_body = NewActor,
    responses(
        (status = 201, description = "Created", body = Actor),
        (status = 409, description = "SIRET already used (the holder is named)", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "Invalid fields (e.g. SIRET checksum)", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    user: Editor,
    body: Json<NewActor>,
) -> ApiResult<HttpResponse> {
    let fields = ActorFields::from_new(body.0)
        .checked()
        .map_err(ApiError::validation)?;
    let actor = state
        .db
        .write(move |conn| {
            let insert = |conn: &mut DbConnection| repo::insert(conn, &fields);
            write::create(conn, &user, insert, None)
        })
        .await?;
    Ok(created("/api/v1/actors", &actor))
}

write::get_endpoint!(
    /// One actor.
    "/api/v1/actors/{id}" => get(Actor), at: ActorId,
    caller: CurrentUser, answer: "The actor; `ETag` holds its version",
);

write::update_endpoint!(
    /// Change an actor. Needs `If-Match`.
    patch "/api/v1/actors/{id}" => update(Actor), at: ActorId,
    caller: CurrentUser, body: ActorPatch,
    also: [
        (status = 409, description = "SIRET already used", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ],
);

impl write::Changeable for Actor {
    type Change = ActorPatch;

    /// Staff who edit, and the actor's own partners.
    fn admit(user: &CurrentUser, id: ActorId, mut patch: ActorPatch) -> ApiResult<ActorPatch> {
        let reader = crate::access::actor_editor(user, id)?;
        if reader.partner().is_some() {
            // Staff notes are not the partner's to read or write.
            patch.notes = None;
        }
        Ok(patch)
    }

    fn apply(
        conn: &mut DbConnection,
        before: &Self,
        expected: i64,
        patch: ActorPatch,
    ) -> ApiResult<usize> {
        let fields = ActorFields::patched(before, patch)
            .checked()
            .map_err(ApiError::validation)?;
        repo::update(conn, before.id, expected, &fields)
    }
}

write::delete_endpoint!(
    /// Remove an actor that takes part in nothing. Needs `If-Match`.
    "/api/v1/actors/{id}" => Actor, at: ActorId, caller: Editor,
    also: [(status = 409, description = "The actor takes part in projects or funds them", body = ErrorBody)],
);

crate::records::read_endpoint!(
    /// The projects an actor takes part in, with its roles.
    "/api/v1/actors/{id}/projects" => projects, at: ActorId, caller: CurrentUser,
    answer: ("Projects and roles", Vec<ActorProject>),
    read: projects_of,
);

/// The actor's projects; a partner sees those shared with them.
fn projects_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: ActorId,
) -> ApiResult<Vec<ActorProject>> {
    let reader = crate::access::actor_reader(user, id)?;
    repo::get(conn, id)?;
    let mut projects = repo::projects_of(conn, id)?;
    if let Some(actor) = reader.partner() {
        let ids: Vec<_> = projects.iter().map(|p| p.project_id).collect();
        let shared = crate::access::shared_among(conn, actor, &ids)?;
        projects.retain(|project| shared.contains(&project.project_id));
    }
    Ok(projects)
}
