//! `GET /api/v1/programming`: the programme by year and the projects ×
//! years grid, as JSON or as the spreadsheet finance departments work in.

use super::plan;
use crate::auth::Staff;
use crate::error::{ApiError, ApiResult};
use crate::exchange::files::{download, negotiate, Cell, Table};
use crate::extract::Query;
use crate::projects::repo::ProjectFilter;
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Datelike;
use shared::exchange::ExportFormat;
use shared::programming::{self as rules, Plan, Programme, ProgrammeQuery};
use shared::ErrorBody;
use std::borrow::Cow;

/// The years asked, or those the plan covers; checked.
pub fn years_of(plan: &Plan, from: Option<i32>, to: Option<i32>) -> ApiResult<(i32, i32)> {
    let (from, to) = match (from, to) {
        (Some(from), Some(to)) => (from, to),
        _ => {
            let (first, last) = rules::default_range(plan, chrono::Utc::now().year());
            let from = from.unwrap_or(first.min(to.unwrap_or(first)));
            (from, to.unwrap_or(last.max(from)))
        }
    };
    let problems = rules::check_range(from, to);
    if problems.is_empty() {
        Ok((from, to))
    } else {
        Err(ApiError::validation(problems))
    }
}

/// The investment programme: for each year from `from` to `to`, the CP
/// planned and paid, the receipts expected, received and likely, the net
/// need against the town's capacity; and the programmed projects (with an
/// AP or CP, not abandoned) with their CP by year. Filtered like the
/// project list.
///
/// With `format=xlsx|csv` (or `Accept`) the answer is the grid as a file,
/// `programmation-YYYY-MM-DD.xlsx|csv`: a row per project, a column per
/// year, then the totals per year.
#[utoipa::path(
    get, path = "/api/v1/programming",
    params(ProgrammeQuery),
    responses(
        (status = 200, description = "The programme; or the grid as a file", body = Programme),
        (status = 422, description = "Years out of range, reversed or too wide", body = ErrorBody),
    )
)]
pub async fn programme(
    req: HttpRequest,
    state: web::Data<AppState>,
    _user: Staff,
    query: Query<ProgrammeQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.0;
    let filter = ProjectFilter::of(query.criteria(), None)?;
    let format = negotiate(&req, query.format);
    let (from, to) = (query.from, query.to);
    let plans = state.plans.clone();
    let programme = state
        .db
        .read(move |conn| {
            let plan = plan::load_shared(conn, &plans, &filter)?;
            let (from, to) = years_of(&plan, from, to)?;
            Ok(rules::programme(&plan, from, to))
        })
        .await?;
    if format == ExportFormat::Json {
        return Ok(HttpResponse::Ok().json(programme));
    }
    download(format, &sheet(&programme), "programmation")
}

/// One of a year's figures, when it has it.
type YearFigure = fn(&rules::ProgrammeYear) -> Option<i64>;

fn euros(cents: i64) -> Cell {
    Cell::Float(cents as f64 / 100.0)
}

/// The grid as finance departments read it: amounts in euros, a column
/// per year of CP planned, and under the projects the year's totals.
fn sheet(programme: &Programme) -> Table {
    let years: Vec<i32> = programme.years.iter().map(|y| y.year).collect();
    let mut headers: Vec<Cow<'static, str>> = ["Référence", "Projet", "Phase", "Axe", "AP (€)"]
        .into_iter()
        .map(Cow::Borrowed)
        .collect();
    headers.extend(years.iter().map(|y| Cow::Owned(format!("CP {y} (€)"))));
    headers.push(Cow::Borrowed("Total CP (€)"));
    headers.push(Cow::Borrowed("CP payés (€)"));
    let mut rows: Vec<Vec<Cell>> = programme
        .projects
        .iter()
        .map(|row| {
            let mut cells = vec![
                Cell::text(&row.reference),
                Cell::text(&row.title),
                Cell::text(row.phase.as_str()),
                Cell::text(&row.axis),
                row.ap_cents.map_or(Cell::Empty, euros),
            ];
            cells.extend(years.iter().map(|year| {
                row.years
                    .iter()
                    .find(|c| c.year == *year)
                    .map_or(Cell::Empty, |c| euros(c.planned_cents))
            }));
            cells.push(euros(row.planned_cents));
            cells.push(euros(row.paid_cents));
            cells
        })
        .collect();
    let totals: [(&str, YearFigure); 7] = [
        ("Total CP prévus", |y| Some(y.planned_cents)),
        ("CP payés", |y| Some(y.paid_cents)),
        ("Recettes attendues", |y| Some(y.expected_receipts_cents)),
        ("Recettes probables", |y| Some(y.likely_receipts_cents)),
        ("Recettes perçues", |y| Some(y.received_cents)),
        ("Besoin net", |y| Some(y.net_need_cents)),
        ("Capacité", |y| y.capacity_cents),
    ];
    // A blank row between the projects and the totals, as wide as the
    // others: CSV readers (and the writer) expect one width per file.
    rows.push(vec![Cell::Empty; headers.len()]);
    for (label, value) in totals {
        let mut cells = vec![
            Cell::Empty,
            Cell::text(label),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ];
        cells.extend(
            programme
                .years
                .iter()
                .map(|y| value(y).map_or(Cell::Empty, euros)),
        );
        // The two project-total columns stay blank on the year rows.
        cells.resize(headers.len(), Cell::Empty);
        rows.push(cells);
    }
    Table {
        sheet: "Programmation",
        headers,
        rows,
    }
}
