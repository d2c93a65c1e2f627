//! `/api/v1/funding-opportunities` and a project's opportunities: the
//! catalogue (staff), the matches of a project, applying for one.

use super::{check, create as create_opportunity, get as get_opportunity, replace, today, Row};
use crate::access::Reader;
use crate::actors::repo as actors_repo;
use crate::auth::{CurrentUser, Editor, Staff};
use crate::db::schema::{funding_lines, funding_opportunities, projects};
use crate::db::{coalesce, lower, DbConnection, MultiBackend};
use crate::error::{ApiError, ApiResult};
use crate::extract::{IfMatch, Json, Query};
use crate::projects::funding::create_line;
use crate::projects::repo as projects_repo;
use crate::records::write::{self, Addressed};
use crate::records::{contains_pattern, created, json_element_pattern, versioned};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;
use shared::actors::{ActorFields, ActorKind, NewActor};
use shared::finance::{FundingCategory, FundingStatus};
use shared::ids::{ActorId, OpportunityId, ProjectId};
use shared::opportunities::{
    default_amount, matches_for, ApplyToOpportunity, FundingOpportunity, NewFundingOpportunity,
    OpportunityListQuery, OpportunityMatch, ProjectProfile,
};
use shared::pagination::Page;
use shared::pagination::PageParams;
use shared::participants::{FundingFields, FundingLine};
use shared::ErrorBody;

crate::exchange::files::list_endpoint!(
    /// The catalogue, nearest deadline first (those without one last); or,
    /// with `format=csv|xlsx`, every match as a file in the columns the import
    /// reads.
    "/api/v1/funding-opportunities" => list(OpportunityListQuery), caller: Staff,
    answer: ("A page of opportunities; or the file", Page<FundingOpportunity>),
    also: [(status = 422, description = "Invalid page", body = ErrorBody)],
    read: catalogue_page,
    file: ("Opportunités", "opportunites", super::import::COLUMNS),
);

fn catalogue_page(
    conn: &mut DbConnection,
    _: Reader,
    query: OpportunityListQuery,
    window: Option<PageParams>,
) -> ApiResult<(Vec<FundingOpportunity>, i64)> {
    let filtered = || {
        let mut found = funding_opportunities::table.into_boxed();
        if let Some(day) = query.open_on {
            found = open_window(found, day);
        }
        if let Some(day) = query.deadline_before {
            found = found.filter(funding_opportunities::submission_deadline.le(day));
        }
        if let Some(axis) = query.axis.as_deref().filter(|a| !a.trim().is_empty()) {
            found = found.filter(
                funding_opportunities::axes
                    .eq("[]")
                    .or(funding_opportunities::axes
                        .like(json_element_pattern(axis))
                        .escape('\\')),
            );
        }
        if let Some(text) = query.q.as_deref().filter(|q| !q.trim().is_empty()) {
            let pattern = contains_pattern(text);
            use funding_opportunities as f;
            found = found.filter(
                lower(f::name)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(f::funder_name).like(pattern.clone()).escape('\\'))
                    .or(lower(coalesce(f::scheme, ""))
                        .like(pattern.clone())
                        .escape('\\'))
                    .or(lower(coalesce(f::description, ""))
                        .like(pattern)
                        .escape('\\')),
            );
        }
        found
    };
    let count: i64 = filtered().count().get_result(conn)?;
    let query = filtered()
        .order((
            funding_opportunities::submission_deadline.is_null().asc(),
            funding_opportunities::submission_deadline.asc(),
            funding_opportunities::name.asc(),
            funding_opportunities::id.asc(),
        ))
        .select(Row::as_select());
    let rows: Vec<Row> = match window {
        Some(page) => query.offset(page.offset()).limit(page.limit()).load(conn)?,
        None => query.load(conn)?,
    };
    let items = rows
        .into_iter()
        .map(Row::into_api)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok((items, count))
}

/// Add an opportunity to the catalogue. The people of every project it
/// suits today are notified.
#[utoipa::path(
    post, path = "/api/v1/funding-opportunities",
    request_body = NewFundingOpportunity,
    responses(
        (status = 201, description = "Created", body = FundingOpportunity),
        (status = 409, description = "Another opportunity has this `url`", body = ErrorBody),
        (status = 422, description = "Invalid fields: rates reversed, a deadline before the opening, an unknown axis or funder, a code that is no INSEE code", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    user: Editor,
    body: Json<NewFundingOpportunity>,
) -> ApiResult<HttpResponse> {
    let user = user.into_inner();
    let new = body.0;
    let opportunity = state
        .db
        .write(move |conn| {
            let checked = check(conn, new)?;
            create_opportunity(conn, &user, &checked)
        })
        .await?;
    Ok(created("/api/v1/funding-opportunities", &opportunity))
}

write::get_endpoint!(
    /// One opportunity.
    "/api/v1/funding-opportunities/{id}" => get(FundingOpportunity), at: OpportunityId,
    caller: Staff, answer: "The opportunity",
);

/// Replace an opportunity (every field, as on creation). Needs
/// `If-Match`. The projects it now suits are notified, once each.
#[utoipa::path(
    put, path = "/api/v1/funding-opportunities/{id}",
    params(IfMatch),
    request_body = NewFundingOpportunity,
    responses(
        (status = 200, description = "Replaced", body = FundingOpportunity),
        (status = 409, description = "Another opportunity has this `url`", body = ErrorBody),
        (status = 422, description = "Invalid fields, as on creation", body = ErrorBody),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    user: Editor,
    id: web::Path<OpportunityId>,
    if_match: IfMatch,
    body: Json<NewFundingOpportunity>,
) -> ApiResult<HttpResponse> {
    if_match.required()?;
    let user = user.into_inner();
    let id = id.into_inner();
    let new = body.0;
    let opportunity = state
        .db
        .write(move |conn| {
            let checked = check(conn, new)?;
            let opportunity = write::update(
                conn,
                &user,
                &if_match,
                |conn: &mut DbConnection| FundingOpportunity::load(conn, &user, id),
                |conn, _, expected| replace(conn, id, expected, &checked),
            )?;
            crate::notifications::events::opportunity_published(conn, &opportunity, today())?;
            Ok(opportunity)
        })
        .await?;
    Ok(versioned(StatusCode::OK, &opportunity, opportunity.version))
}

write::delete_endpoint!(
    /// Remove an opportunity from the catalogue; the funding lines applied
    /// for through it stay. Needs `If-Match`.
    "/api/v1/funding-opportunities/{id}" => FundingOpportunity, at: OpportunityId, caller: Editor
);

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MatchQuery {
    /// The day to match on; today by default.
    pub on: Option<NaiveDate>,
}

/// What a project brings to the match, and whether it exists.
fn profile(conn: &mut DbConnection, project: ProjectId) -> ApiResult<ProjectProfile> {
    let project = projects_repo::get(conn, project)?;
    Ok(ProjectProfile {
        axis: project.axis,
        phase: project.phase,
        commune_insee: project.commune_insee,
    })
}

/// The opportunities open on the day (both ends in SQL; axis, phase and
/// perimeter are the matching rules').
fn open_on(conn: &mut DbConnection, day: NaiveDate) -> ApiResult<Vec<FundingOpportunity>> {
    let rows: Vec<Row> = open_window(funding_opportunities::table.into_boxed(), day)
        .select(Row::as_select())
        .load(conn)?;
    rows.into_iter().map(Row::into_api).collect()
}

/// Those open on `day`, as `shared::opportunities::is_open_on` says:
/// opened by then (or with no opening) and the deadline not passed.
fn open_window(
    query: funding_opportunities::BoxedQuery<'static, MultiBackend>,
    day: NaiveDate,
) -> funding_opportunities::BoxedQuery<'static, MultiBackend> {
    query
        .filter(
            funding_opportunities::opens_on
                .is_null()
                .or(funding_opportunities::opens_on.le(day)),
        )
        .filter(
            funding_opportunities::submission_deadline
                .is_null()
                .or(funding_opportunities::submission_deadline.ge(day)),
        )
}

/// The open opportunities the project may apply for now — its axis, its
/// phase, its commune inside the perimeter, the deadline not passed —
/// best first, each with the reasons it matches.
#[utoipa::path(
    get, path = "/api/v1/projects/{id}/opportunities",
    params(MatchQuery),
    responses((status = 200, description = "The matches, best first", body = Vec<OpportunityMatch>))
)]
pub async fn project_matches(
    state: web::Data<AppState>,
    _user: Staff,
    id: web::Path<ProjectId>,
    query: Query<MatchQuery>,
) -> ApiResult<web::Json<Vec<OpportunityMatch>>> {
    let project = id.into_inner();
    let day = query.0.on.unwrap_or_else(today);
    let matches = state
        .db
        .read(move |conn| {
            let profile = profile(conn, project)?;
            Ok(matches_for(&open_on(conn, day)?, &profile, day))
        })
        .await?;
    Ok(web::Json(matches))
}

/// The funder the line goes to: the linked actor, else the directory's
/// only funder of that name, else a new funder actor.
fn funder_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    opportunity: &FundingOpportunity,
) -> ApiResult<(ActorId, ActorKind)> {
    if let Some(id) = opportunity.funder_id {
        if let Some(actor) = actors_repo::find(conn, id)? {
            return Ok((actor.id, actor.kind));
        }
    }
    let named = actors_repo::named(conn, &opportunity.funder_name)?;
    if let Some(actor) = named
        .iter()
        .find(|a| a.kind == ActorKind::Funder)
        .or(named.first())
    {
        return Ok((actor.id, actor.kind));
    }
    let fields = ActorFields::from_new(NewActor {
        name: opportunity.funder_name.clone(),
        kind: Some(ActorKind::Funder),
        ..NewActor::default()
    })
    .checked()
    .map_err(ApiError::validation)?;
    let actor = write::create(conn, user, |conn| actors_repo::insert(conn, &fields), None)?;
    Ok((actor.id, actor.kind))
}

/// Apply for an opportunity: a `planned` funding line of the project for
/// its funder and scheme, carrying its submission deadline. The amount is
/// the one given, or the project's total cost times the maximum rate.
#[utoipa::path(
    post, path = "/api/v1/projects/{id}/opportunities/{opportunity_id}/apply",
    request_body = ApplyToOpportunity,
    responses(
        (status = 201, description = "The funding line created", body = FundingLine),
        (status = 409, description = "The project already has a line for this opportunity", body = ErrorBody),
        (status = 422, description = "A negative amount", body = ErrorBody),
    )
)]
pub async fn apply(
    state: web::Data<AppState>,
    user: Editor,
    path: web::Path<(ProjectId, OpportunityId)>,
    body: Json<ApplyToOpportunity>,
) -> ApiResult<HttpResponse> {
    let (project, opportunity) = path.into_inner();
    let user = user.into_inner();
    let asked = body.0.amount_cents;
    let line = state
        .db
        .write(move |conn| {
            let total_cost: i64 = projects::table
                .find(project)
                .select(projects::total_cost_cents)
                .first(conn)
                .optional()?
                .ok_or_else(|| ApiError::not_found("project"))?;
            let opportunity = get_opportunity(conn, opportunity)?;
            let already: i64 = funding_lines::table
                .filter(funding_lines::project_id.eq(project))
                .filter(funding_lines::opportunity_id.eq(opportunity.id))
                .count()
                .get_result(conn)?;
            if already > 0 {
                return Err(ApiError::conflict(
                    "the project already has a funding line for this opportunity",
                ));
            }
            let (funder_id, kind) = funder_of(conn, &user, &opportunity)?;
            let category = match kind {
                ActorKind::Company => FundingCategory::Private,
                _ => FundingCategory::Public,
            };
            let fields = FundingFields {
                funder_id,
                category,
                amount_cents: asked
                    .unwrap_or_else(|| default_amount(total_cost, opportunity.subsidy_rate_max)),
                status: FundingStatus::Planned,
                label: Some(opportunity.name.clone()),
                requested_on: None,
                decided_on: None,
                paid_on: None,
                scheme: opportunity.scheme.clone(),
                convention_date: None,
                decision_ref: None,
                lapse_date: None,
                submission_deadline: opportunity.submission_deadline,
            };
            create_line(conn, &user, project, &fields, Some(opportunity.id))
        })
        .await?;
    Ok(created(
        &format!("/api/v1/projects/{project}/funding-lines"),
        &line,
    ))
}
