//! Reads what the programme is computed from, for the projects a filter
//! keeps: one query for the projects, one for their CP, one for their
//! funding lines, one for the lines' schedules, one for the funders'
//! decided lines; the figures themselves are `shared::programming`'s.

use super::capacity::investment_capacity;
use crate::db::schema::{funding_lines, funding_schedules, payment_credits, projects};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::projects::repo::{self, filter_projects, ProjectFilter};
use diesel::dsl::count_star;
use diesel::prelude::*;
use shared::finance::{FundingCategory, FundingStatus};
use shared::ids::{ActorId, FundingLineId, ProjectId};
use shared::lifecycle::Phase;
use shared::programming::{
    success_rates, CreditYear, Plan, PlannedProject, ScheduleYear, ScheduledLine,
};
use std::collections::HashMap;

#[derive(Queryable, Selectable)]
#[diesel(table_name = projects)]
struct ProjectRow {
    id: ProjectId,
    reference: String,
    title: String,
    phase: Phase,
    axis: String,
    ap_cents: Option<i64>,
    version: i64,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = funding_lines)]
struct LineRow {
    id: FundingLineId,
    project_id: ProjectId,
    funder_id: ActorId,
    category: FundingCategory,
    status: FundingStatus,
}

/// The plan of the projects `filter` keeps.
pub fn load(conn: &mut DbConnection, filter: &ProjectFilter) -> ApiResult<Plan> {
    let rows: Vec<ProjectRow> = repo::filtered(filter)
        .order(projects::reference.asc())
        .select(ProjectRow::as_select())
        .load(conn)?;
    let credits: Vec<(ProjectId, i32, i64, i64)> = filter_projects!(
        payment_credits::table
            .inner_join(projects::table)
            .into_boxed(),
        filter
    )
    .order((payment_credits::project_id, payment_credits::year))
    .select((
        payment_credits::project_id,
        payment_credits::year,
        payment_credits::planned_cents,
        payment_credits::paid_cents,
    ))
    .load(conn)?;
    let mut credits_by_project: HashMap<ProjectId, Vec<CreditYear>> = HashMap::new();
    for (project, year, planned_cents, paid_cents) in credits {
        credits_by_project
            .entry(project)
            .or_default()
            .push(CreditYear {
                year,
                planned_cents,
                paid_cents,
            });
    }
    let lines: Vec<LineRow> = filter_projects!(
        funding_lines::table
            .inner_join(projects::table)
            .into_boxed(),
        filter
    )
    .select(LineRow::as_select())
    .load(conn)?;
    let schedules: Vec<(FundingLineId, i32, i64, i64)> = filter_projects!(
        funding_schedules::table
            .inner_join(funding_lines::table.inner_join(projects::table))
            .into_boxed(),
        filter
    )
    .order((funding_schedules::funding_line_id, funding_schedules::year))
    .select((
        funding_schedules::funding_line_id,
        funding_schedules::year,
        funding_schedules::expected_cents,
        funding_schedules::received_cents,
    ))
    .load(conn)?;
    let mut schedule_by_line: HashMap<FundingLineId, Vec<ScheduleYear>> = HashMap::new();
    for (line, year, expected_cents, received_cents) in schedules {
        schedule_by_line
            .entry(line)
            .or_default()
            .push(ScheduleYear {
                year,
                expected_cents,
                received_cents,
            });
    }
    Ok(Plan {
        projects: rows
            .into_iter()
            .map(|row| PlannedProject {
                credits: credits_by_project.remove(&row.id).unwrap_or_default(),
                id: row.id,
                reference: row.reference,
                title: row.title,
                phase: row.phase,
                axis: row.axis,
                ap_cents: row.ap_cents,
                version: row.version,
            })
            .collect(),
        lines: lines
            .into_iter()
            .map(|line| ScheduledLine {
                schedule: schedule_by_line.remove(&line.id).unwrap_or_default(),
                project_id: line.project_id,
                funder_id: line.funder_id,
                category: line.category,
                status: line.status,
            })
            .collect(),
        success_rates: funder_success_rates(conn)?,
        capacity: investment_capacity(conn)?,
    })
}

/// Every funder's success rate over the whole portfolio's decided lines
/// (a funder's record does not depend on the filter asked).
fn funder_success_rates(conn: &mut DbConnection) -> ApiResult<HashMap<ActorId, f64>> {
    let decided = [
        FundingStatus::Granted,
        FundingStatus::Paid,
        FundingStatus::Refused,
    ];
    let tallies: Vec<(ActorId, FundingStatus, i64)> = funding_lines::table
        .filter(funding_lines::status.eq_any(decided))
        .group_by((funding_lines::funder_id, funding_lines::status))
        .select((
            funding_lines::funder_id,
            funding_lines::status,
            count_star(),
        ))
        .load(conn)?;
    Ok(success_rates(tallies.into_iter().flat_map(
        |(funder, status, count)| {
            std::iter::repeat_n((funder, status), usize::try_from(count).unwrap_or(0))
        },
    )))
}
