//! `/api/v1/actors`: the directory of organisations.

use super::repo::{self, ActorFilter};
use crate::auth::CurrentUser;
use crate::auth::Editor;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::exchange::columns;
use crate::exchange::files::Listing;
use crate::extract::{IfMatch, Json, Query};
use crate::records::write::{self, Addressed, Deletable};
use crate::records::{created, sort_request, versioned};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use shared::actors::{Actor, ActorFields, ActorListQuery, ActorPatch, ActorProject, NewActor};
use shared::ids::ActorId;
use shared::{ErrorBody, Page};

write::versioned_record!(Actor, "actor");

impl Addressed for Actor {
    type Address = ActorId;

    fn load(conn: &mut DbConnection, _: &CurrentUser, id: ActorId) -> ApiResult<Self> {
        repo::get(conn, id)
    }
}

impl Deletable for Actor {
    /// Only an actor that takes part in nothing (409 otherwise).
    fn remove(conn: &mut DbConnection, actor: &Self) -> ApiResult<()> {
        repo::delete(conn, actor.id)
    }
}

/// Search the directory, or export it.
///
/// With `format=csv|xlsx` (or `Accept: text/csv` / the XLSX type) the
/// answer is a file of every actor matching the filters, in the sort order
/// asked, as an attachment named `acteurs-YYYY-MM-DD.csv|xlsx`.
#[utoipa::path(
    get, path = "/api/v1/actors",
    params(ActorListQuery),
    responses(
        (status = 200, description = "A page of actors; or the export file", body = Page<Actor>),
        (status = 422, description = "Invalid page or sort", body = ErrorBody),
    )
)]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    query: Query<ActorListQuery>,
) -> ApiResult<HttpResponse> {
    let reader = crate::access::Reader::of(&user)?;
    let query = query.0;
    let listing = Listing::of(&req, &query)?;
    let sort = sort_request(&query, "name", repo::SORTABLE)?;
    let filter = ActorFilter {
        text: query.q.filter(|q| !q.trim().is_empty()),
        kind: query.kind,
        commune_insee: query.commune.filter(|c| !c.trim().is_empty()),
        tag: query.tag.filter(|t| !t.trim().is_empty()),
        only: reader.partner(),
    };
    let window = listing.window();
    let (mut items, count) = state
        .db
        .read(move |conn| repo::list(conn, &filter, &sort, window))
        .await?;
    if reader.partner().is_some() {
        items = items.into_iter().map(crate::access::trim_actor).collect();
    }
    listing.answer(items, count, "acteurs", "acteurs", columns::ACTORS)
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

/// One actor.
#[utoipa::path(
    get, path = "/api/v1/actors/{id}",
    responses(
        (status = 200, description = "The actor; `ETag` holds its version", body = Actor),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<ActorId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let reader = crate::access::actor_reader(&user, id)?;
    let mut actor = state.db.read(move |conn| repo::get(conn, id)).await?;
    if reader.partner().is_some() {
        actor = crate::access::trim_actor(actor);
    }
    Ok(versioned(StatusCode::OK, &actor, actor.version))
}

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

/// Remove an actor that takes part in nothing. Needs `If-Match`.
#[utoipa::path(
    delete, path = "/api/v1/actors/{id}",
    params(IfMatch),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "The actor takes part in projects or funds them", body = ErrorBody),
    )
)]
pub async fn delete(
    state: web::Data<AppState>,
    user: Editor,
    id: web::Path<ActorId>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    write::delete_at::<Actor>(&state, user.into_inner(), id.into_inner(), if_match).await
}

/// The projects an actor takes part in, with its roles.
#[utoipa::path(
    get, path = "/api/v1/actors/{id}/projects",
    responses(
        (status = 200, description = "Projects and roles", body = Vec<ActorProject>),
    )
)]
pub async fn projects(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<ActorId>,
) -> ApiResult<web::Json<Vec<ActorProject>>> {
    let id = id.into_inner();
    let reader = crate::access::actor_reader(&user, id)?;
    let projects = state
        .db
        .read(move |conn| {
            repo::get(conn, id)?;
            let mut projects = repo::projects_of(conn, id)?;
            if let Some(actor) = reader.partner() {
                let ids: Vec<_> = projects.iter().map(|p| p.project_id).collect();
                let shared = crate::access::shared_among(conn, actor, &ids)?;
                projects.retain(|project| shared.contains(&project.project_id));
            }
            Ok(projects)
        })
        .await?;
    Ok(web::Json(projects))
}
