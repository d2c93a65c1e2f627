//! `GET /api/v1/open-data/projects`: the public projects, for the town's
//! open-data portal, without signing in, searchable; each one's sheet with
//! its timeline, funders and public indicators; and the files' schemas and
//! data dictionary. Only projects whose visibility is `public` are
//! published, and only the columns of `OpenDataProject`: nothing about
//! people. `docs/OPEN_DATA.md` is the data dictionary.

use super::columns::OPEN_DATA_PROJECTS;
use super::files;
use crate::db::schema::{actors, funding_lines, indicators, project_transitions, projects};
use crate::db::{coalesce, lower, DbConnection};
use crate::error::{ApiError, ApiResult};
use crate::evaluations::indicators::{measured_values, IndicatorRow};
use crate::extract::Query;
use crate::openapi::errors::Unavailable;
use crate::records::{contains_pattern, from_json_list};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::exchange::{
    OpenDataProject, OpenDataQuery, OpenDataSchema, PublicFunder, PublicIndicator,
    PublicMeasurement, PublicProjectSheet, PublicStep,
};
use shared::finance::{leverage, FundingCategory, FundingStatus};
use shared::ids::{IndicatorId, ProjectId};
use shared::lifecycle::Phase;
use shared::pagination::PageParams;
use shared::projects::Visibility;
use shared::validation::Validate;
use shared::{ErrorBody, Page};
use std::collections::HashMap;

/// Which public projects: one by its reference, or those a search finds.
#[derive(Default)]
struct Selection<'a> {
    reference: Option<&'a str>,
    /// Searched, lower-cased, in reference, title, summary and area.
    text: Option<&'a str>,
    phase: Option<Phase>,
}

/// The published columns only: personal fields are never read.
#[derive(Queryable, Selectable)]
#[diesel(table_name = projects)]
struct Row {
    id: ProjectId,
    reference: String,
    title: String,
    summary: Option<String>,
    axis: String,
    phase: Phase,
    innovation_types: String,
    commission_date: NaiveDate,
    decision_date: Option<NaiveDate>,
    start_date: Option<NaiveDate>,
    planned_end_date: Option<NaiveDate>,
    actual_end_date: Option<NaiveDate>,
    commune_insee: Option<String>,
    area: Option<String>,
    total_cost_cents: i64,
    updated_at: NaiveDateTime,
}

fn public_projects(
    conn: &mut DbConnection,
    page: Option<PageParams>,
    selection: &Selection,
) -> ApiResult<(Vec<OpenDataProject>, i64)> {
    let public = || {
        let mut public = projects::table
            .filter(projects::visibility.eq(Visibility::Public))
            .into_boxed();
        if let Some(reference) = selection.reference {
            public = public.filter(projects::reference.eq(reference.to_owned()));
        }
        if let Some(text) = selection.text {
            let pattern = contains_pattern(text);
            // The optional texts read as empty where absent.
            public = public.filter(
                lower(projects::reference)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(projects::title).like(pattern.clone()).escape('\\'))
                    .or(lower(coalesce(projects::summary, ""))
                        .like(pattern.clone())
                        .escape('\\'))
                    .or(lower(coalesce(projects::area, ""))
                        .like(pattern)
                        .escape('\\')),
            );
        }
        if let Some(phase) = selection.phase {
            public = public.filter(projects::phase.eq(phase));
        }
        public
    };
    let count: i64 = public().count().get_result(conn)?;
    let query = public()
        .order(projects::reference.asc())
        .select(Row::as_select());
    let rows: Vec<Row> = match page {
        Some(page) => query.offset(page.offset()).limit(page.limit()).load(conn)?,
        None => query.load(conn)?,
    };
    let ids: Vec<ProjectId> = rows.iter().map(|r| r.id).collect();
    let mut secured = secured_by_category(conn, &ids)?;
    let items = rows
        .into_iter()
        .map(|row| {
            let by_category = secured.remove(&row.id).unwrap_or_default();
            let amount = |category| by_category.get(&category).copied().unwrap_or(0);
            let (city, public, private) = (
                amount(FundingCategory::City),
                amount(FundingCategory::Public),
                amount(FundingCategory::Private),
            );
            Ok(OpenDataProject {
                reference: row.reference,
                title: row.title,
                summary: row.summary,
                axis: row.axis,
                phase: row.phase,
                innovation_types: from_json_list(&row.innovation_types)?,
                commission_date: row.commission_date,
                decision_date: row.decision_date,
                start_date: row.start_date,
                planned_end_date: row.planned_end_date,
                actual_end_date: row.actual_end_date,
                commune_insee: row.commune_insee,
                area: row.area,
                total_cost_cents: row.total_cost_cents,
                secured_city_cents: city,
                secured_public_cents: public,
                secured_private_cents: private,
                leverage: leverage(public.saturating_add(private), city),
                updated_at: row.updated_at.and_utc(),
            })
        })
        .collect::<ApiResult<_>>()?;
    Ok((items, count))
}

/// Granted and paid funding of each project, by category: the secured
/// lines the project pages read (`projects::repo::funding_amounts`), summed.
fn secured_by_category(
    conn: &mut DbConnection,
    ids: &[ProjectId],
) -> ApiResult<HashMap<ProjectId, HashMap<FundingCategory, i64>>> {
    let lines = crate::projects::repo::funding_amounts(
        conn,
        ids,
        crate::projects::repo::FundedBy::AnySecured,
    )?;
    Ok(lines
        .into_iter()
        .map(|(project, amounts)| {
            let mut sums: HashMap<FundingCategory, i64> = HashMap::new();
            for amount in amounts {
                let sum = sums.entry(amount.category).or_default();
                *sum = sum.saturating_add(amount.amount_cents);
            }
            (project, sums)
        })
        .collect())
}

/// The public projects, as open data: a JSON page, or every public project
/// as CSV (`?format=csv` or `Accept: text/csv`) or XLSX; `q` and `phase`
/// narrow all three alike. No sign-in; the schema is stable and documented
/// in `docs/OPEN_DATA.md`.
#[utoipa::path(
    get, path = "/api/v1/open-data/projects",
    params(OpenDataQuery),
    responses(
        (status = 200, description = "The public projects, by reference", body = Page<OpenDataProject>),
        (status = 422, description = "Invalid page, or `q` longer than 200 characters", body = ErrorBody),
        Unavailable,
    )
)]
pub async fn projects(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: Query<OpenDataQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.0;
    let mut problems = query.validate();
    let page = PageParams::parse(query.page, query.per_page);
    if let Err(invalid) = &page {
        problems.extend(invalid.iter().cloned());
    }
    let page = match page {
        Ok(page) if problems.is_empty() => page,
        _ => return Err(ApiError::validation(problems)),
    };
    let listing = files::Listing {
        format: files::negotiate(&req, query.format),
        page,
    };
    let window = listing.window();
    let (items, count) = state
        .db
        .read(move |conn| {
            let selection = Selection {
                text: query.text(),
                phase: query.phase,
                ..Selection::default()
            };
            public_projects(conn, window, &selection)
        })
        .await?;
    let mut response = listing.answer(
        items,
        count,
        "projets",
        "projets-donnees-ouvertes",
        OPEN_DATA_PROJECTS,
    )?;
    // Portals and caches may keep it a few minutes.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("public, max-age=300"),
    );
    Ok(response)
}

/// A public project's timeline: the commission, then each move.
fn timeline(conn: &mut DbConnection, reference: &str) -> ApiResult<Vec<PublicStep>> {
    let (id, commission): (ProjectId, NaiveDate) = projects::table
        .filter(projects::reference.eq(reference))
        .select((projects::id, projects::commission_date))
        .first(conn)?;
    let moves: Vec<(Phase, NaiveDate)> = project_transitions::table
        .filter(project_transitions::project_id.eq(id))
        .order((
            project_transitions::transition_date.asc(),
            project_transitions::id.asc(),
        ))
        .select((
            project_transitions::to_phase,
            project_transitions::transition_date,
        ))
        .load(conn)?;
    let mut steps = vec![PublicStep {
        phase: Phase::Commande,
        date: commission,
    }];
    steps.extend(
        moves
            .into_iter()
            .map(|(phase, date)| PublicStep { phase, date }),
    );
    Ok(steps)
}

/// Its funders with the money granted or paid, largest first.
fn funders(conn: &mut DbConnection, reference: &str) -> ApiResult<Vec<PublicFunder>> {
    let lines: Vec<(String, FundingCategory, i64)> = funding_lines::table
        .inner_join(projects::table)
        .inner_join(actors::table)
        .filter(projects::reference.eq(reference))
        .filter(funding_lines::status.eq_any([FundingStatus::Granted, FundingStatus::Paid]))
        .select((
            actors::name,
            funding_lines::category,
            funding_lines::amount_cents,
        ))
        .load(conn)?;
    let mut funders: Vec<PublicFunder> = Vec::new();
    for (name, category, amount) in lines {
        match funders
            .iter_mut()
            .find(|f| f.name == name && f.category == category)
        {
            Some(funder) => funder.secured_cents = funder.secured_cents.saturating_add(amount),
            None => funders.push(PublicFunder {
                name,
                category,
                secured_cents: amount,
            }),
        }
    }
    funders.sort_by(|a, b| {
        b.secured_cents
            .cmp(&a.secured_cents)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(funders)
}

/// The indicators of a project marked public, with their measurements:
/// dates and values only, not who recorded them nor their comments.
fn public_indicators(
    conn: &mut DbConnection,
    project: ProjectId,
) -> ApiResult<Vec<PublicIndicator>> {
    let rows: Vec<IndicatorRow> = indicators::table
        .filter(indicators::project_id.eq(project))
        .filter(indicators::public.eq(true))
        .order(indicators::id.asc())
        .select(indicators::all_columns)
        .load(conn)?;
    let ids: Vec<IndicatorId> = rows.iter().map(|r| r.id).collect();
    let mut measured: HashMap<IndicatorId, Vec<PublicMeasurement>> = HashMap::new();
    for (id, measured_on, value) in measured_values(conn, &ids)? {
        measured
            .entry(id)
            .or_default()
            .push(PublicMeasurement { measured_on, value });
    }
    rows.into_iter()
        .map(|row| {
            let measurements = measured.remove(&row.id).unwrap_or_default();
            Ok(PublicIndicator::new(&row.fields()?, measurements))
        })
        .collect()
}

/// A public project's page for the portal, by its reference: its published
/// record, its timeline, its funders and its public indicators. No
/// sign-in; a project that is not public answers 404 as if it did not
/// exist.
#[utoipa::path(
    get, path = "/api/v1/open-data/projects/{reference}",
    params(("reference" = String, Path, description = "The project's reference, `2025-042`")),
    responses(
        (status = 200, description = "The project's public sheet", body = PublicProjectSheet),
        (status = 404, description = "No public project has this reference", body = ErrorBody),
        Unavailable,
    )
)]
pub async fn project_sheet(
    state: web::Data<AppState>,
    reference: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let reference = reference.into_inner();
    let sheet = state
        .db
        .read(move |conn| {
            let selection = Selection {
                reference: Some(&reference),
                ..Selection::default()
            };
            let (mut found, _) = public_projects(conn, None, &selection)?;
            let project = found
                .pop()
                .ok_or_else(|| ApiError::not_found("public project"))?;
            let id: ProjectId = projects::table
                .filter(projects::reference.eq(&reference))
                .select(projects::id)
                .first(conn)?;
            Ok(PublicProjectSheet {
                timeline: timeline(conn, &reference)?,
                funders: funders(conn, &reference)?,
                indicators: public_indicators(conn, id)?,
                project,
            })
        })
        .await?;
    let mut response = HttpResponse::Ok().json(sheet);
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("public, max-age=300"),
    );
    Ok(response)
}

/// The Table Schema of a national open-data file, `projets.json` for
/// `projets.csv` or `subventions.json` for `subventions.csv`, as the
/// portal links it beside the file. No sign-in.
#[utoipa::path(
    get, path = "/api/v1/open-data/schemas/{name}",
    params(("name" = inline(OpenDataSchema), Path, description = "The schema's file name")),
    responses(
        (status = 200, description = "The Table Schema (Frictionless)", content_type = "application/schema+json", body = Object),
        (status = 404, description = "No schema has this name", body = ErrorBody),
    )
)]
pub async fn schema(name: web::Path<String>) -> ApiResult<HttpResponse> {
    let schema: OpenDataSchema = name
        .parse()
        .map_err(|_| ApiError::not_found("open-data schema"))?;
    let text = match schema {
        OpenDataSchema::Projets => include_str!("../../../docs/schemas/projets.json"),
        OpenDataSchema::Subventions => include_str!("../../../docs/schemas/subventions.json"),
    };
    Ok(HttpResponse::Ok()
        .content_type("application/schema+json")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(text))
}

/// The data dictionary of every open-data file: what each column means,
/// its type and its rules (`docs/OPEN_DATA.md`), in Markdown. No sign-in.
#[utoipa::path(
    get, path = "/api/v1/open-data/dictionary",
    responses(
        (status = 200, description = "The data dictionary, in Markdown", content_type = "text/markdown", body = String),
    )
)]
pub async fn dictionary() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/markdown; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../../docs/OPEN_DATA.md"))
}
