//! `/api/v1/projects`: the portfolio's records.

use super::repo::{self, ProjectFilter};
use crate::access::Reader;
use crate::auth::CurrentUser;
use crate::auth::{Editor, Manager};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::exchange::columns;
use crate::extract::{IfMatch, Json};
use crate::records::write::{self, Addressed};
use crate::records::{created, sort_request};
use crate::settings;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use shared::ids::ProjectId;
use shared::pagination::PageParams;
use shared::projects::{NewProject, Project, ProjectFields, ProjectListQuery, ProjectPatch};
use shared::{ErrorBody, Page};

pub const ENTITY: &str = "project";

write::versioned_record!(Project, ENTITY);

impl Addressed for Project {
    type Address = ProjectId;

    fn load(conn: &mut DbConnection, _: &CurrentUser, id: ProjectId) -> ApiResult<Self> {
        repo::get(conn, id)
    }

    /// Staff, and the partners it is shared with, who see only their own
    /// funding lines in its finance.
    fn read(conn: &mut DbConnection, user: &CurrentUser, id: ProjectId) -> ApiResult<Self> {
        let reader = crate::access::record_reader(conn, user, id)?;
        let project = repo::get(conn, id)?;
        match reader.partner() {
            Some(actor) => {
                let mut own = crate::access::own_funding(conn, actor, &[id])?;
                let lines = own.remove(&id).unwrap_or_default();
                Ok(crate::access::trim_project(project, lines))
            }
            None => Ok(project),
        }
    }
}

/// What is wrong with a project's new fields, from the API or an import:
/// the fields' own rules (the axes in use, dates around the decision) and
/// people who must be active staff.
pub fn field_problems(
    conn: &mut DbConnection,
    axes: &[String],
    before: &Project,
    fields: &ProjectFields,
) -> ApiResult<Vec<shared::FieldError>> {
    let mut problems = fields.check(axes, before.decision_date);
    problems.extend(repo::check_people(conn, fields)?);
    Ok(problems)
}

crate::exchange::files::list_endpoint!(
    /// Search the portfolio, or export it.
    ///
    /// With `format=csv|xlsx` (or `Accept: text/csv` / the XLSX type) the
    /// answer is a file of every project matching the filters, in the sort
    /// order asked, as an attachment named `projets-YYYY-MM-DD.csv|xlsx`.
    "/api/v1/projects" => list(ProjectListQuery), caller: CurrentUser,
    answer: ("A page of projects, each with its finance; or the export file", Page<Project>),
    also: [(status = 422, description = "Invalid page or sort", body = ErrorBody)],
    read: portfolio_page,
    file: ("projets", "projets", columns::PROJECTS),
);

/// The projects matching the query, in its order; a partner sees those
/// shared with them, with only their own funding lines.
fn portfolio_page(
    conn: &mut DbConnection,
    reader: Reader,
    query: ProjectListQuery,
    window: Option<PageParams>,
) -> ApiResult<(Vec<Project>, i64)> {
    let sort = sort_request(&query, "reference", repo::SORTABLE)?;
    let filter = ProjectFilter::of(query.criteria(), reader.partner())?;
    let (items, count) = repo::list(conn, &filter, &sort, window)?;
    let Some(actor) = reader.partner() else {
        return Ok((items, count));
    };
    let ids: Vec<ProjectId> = items.iter().map(|p| p.id).collect();
    let mut own = crate::access::own_funding(conn, actor, &ids)?;
    let trimmed = items
        .into_iter()
        .map(|p| {
            let lines = own.remove(&p.id).unwrap_or_default();
            crate::access::trim_project(p, lines)
        })
        .collect();
    Ok((trimmed, count))
}

/// Record a new project, from its commission letter. It starts in
/// `commande`; its reference is generated from the commission year.
#[utoipa::path(
    post, path = "/api/v1/projects",
    request_body = NewProject,
    responses(
        (status = 201, description = "Created", body = Project),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    user: Editor,
    body: Json<NewProject>,
) -> ApiResult<HttpResponse> {
    let fields = ProjectFields::from_new(body.0, chrono::Utc::now().date_naive());
    let project = state
        .db
        .write(move |conn| {
            let mut problems = fields.check(&settings::axes(conn)?, None);
            problems.extend(repo::check_people(conn, &fields)?);
            if !problems.is_empty() {
                return Err(ApiError::validation(problems));
            }
            let project = repo::insert(conn, &fields)?;
            record_creation(conn, &user, &project)?;
            Ok(project)
        })
        .await?;
    Ok(created("/api/v1/projects", &project))
}

/// What follows the creation of a project, however it came in (the API or
/// an import), in its transaction: the `project.created` event and the
/// audit entry.
pub fn record_creation(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project: &Project,
) -> ApiResult<()> {
    let event = (
        shared::webhooks::WebhookEvent::ProjectCreated,
        serde_json::json!({ "project": project }),
    );
    write::create(conn, user, |_| Ok(project.clone()), Some(event))?;
    Ok(())
}

write::get_endpoint!(
    /// One project with its finance, instruction time and allowed moves.
    "/api/v1/projects/{id}" => get(Project), at: ProjectId,
    caller: CurrentUser, answer: "The project; `ETag` holds its version",
);

write::update_endpoint!(
    /// Change a project's record. The phase moves only through transitions.
    /// Needs `If-Match`.
    patch "/api/v1/projects/{id}" => update(Project), at: ProjectId,
    caller: Editor, body: ProjectPatch,
    also: [(status = 422, description = "Invalid fields", body = ErrorBody)],
);

impl write::Changeable for Project {
    type Change = ProjectPatch;

    fn apply(
        conn: &mut DbConnection,
        before: &Self,
        expected: i64,
        patch: ProjectPatch,
    ) -> ApiResult<usize> {
        let fields = ProjectFields::patched(before, patch);
        let axes = settings::axes(conn)?;
        let problems = field_problems(conn, &axes, before, &fields)?;
        if !problems.is_empty() {
            return Err(ApiError::validation(problems));
        }
        repo::update(conn, before.id, expected, &fields)
    }
}

/// Delete a project and everything recorded about it (managers and
/// admins). Needs `If-Match`.
#[utoipa::path(
    delete, path = "/api/v1/projects/{id}",
    params(IfMatch),
    responses(
        (status = 204, description = "Deleted"),
    )
)]
pub async fn delete(
    state: web::Data<AppState>,
    user: Manager,
    id: web::Path<ProjectId>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    if_match.required()?;
    let documents = state
        .db
        .write(move |conn| {
            // Read in the same transaction: the files go once it committed.
            let documents = super::documents::storage_keys(conn, id)?;
            let load = |conn: &mut DbConnection| repo::get(conn, id);
            write::delete(conn, &user, &if_match, load, |conn, _| {
                repo::delete(conn, id)
            })?;
            Ok(documents)
        })
        .await?;
    super::documents::remove_files(&state, documents);
    Ok(HttpResponse::NoContent().finish())
}
