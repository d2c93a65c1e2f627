//! Reads what the programme is computed from, for the projects a filter
//! keeps: one query for the projects, one for their CP, one for their
//! funding lines, one for the lines' schedules, one for the funders'
//! decided lines (none when every line was read); the figures themselves
//! are `shared::programming`'s.
//!
//! The whole portfolio's plan is tens of thousands of rows, so each query
//! reads one table alone when no filter needs the projects' columns (no
//! join, no sort in the database: a join of the schedules with the lines
//! made PostgreSQL hash 100,000 lines on every request), and its rows are
//! put in place as they are decoded rather than gathered first. The plan
//! comes out the same whatever order the rows came in.
//!
//! The whole portfolio's plan is also kept in memory ([`PlanCache`]) for
//! as long as nothing it is read from has changed, which the database's
//! `plan` generation tells: triggers move it on with every change to the
//! projects, their CP, the funding lines, their schedules and the settings,
//! in the writing transaction. Each instance keeps its own copy and checks
//! it against the database on every request, so instances behind a load
//! balancer never answer from a plan another one has changed.

use super::capacity::investment_capacity;
use crate::db::schema::{
    data_generations, funding_lines, funding_schedules, payment_credits, projects,
};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::projects::repo::{self, filter_projects, ProjectFilter};
use diesel::connection::DefaultLoadingMode;
use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel::QueryResult;
use shared::finance::{FundingCategory, FundingStatus};
use shared::ids::{ActorId, FundingLineId, ProjectId};
use shared::lifecycle::Phase;
use shared::programming::{
    success_rates, CreditYear, InvestmentCapacity, Plan, PlannedProject, ScheduleYear,
    ScheduledLine,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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

/// One year of a project's CP.
type CreditRow = (ProjectId, i32, i64, i64);
/// A funding line, as the programme needs it.
type LineRow = (
    FundingLineId,
    ProjectId,
    ActorId,
    FundingCategory,
    FundingStatus,
);
/// One year of a line's schedule.
type ScheduleRow = (FundingLineId, i32, i64, i64);

/// The whole portfolio's plan as last read, with the `plan` generation it
/// was read at. Cloning shares it.
#[derive(Clone, Default)]
pub struct PlanCache(Arc<Mutex<Option<KeptPlan>>>);

/// A plan and the generation it was read at.
type KeptPlan = (i64, Arc<Plan>);

impl PlanCache {
    /// The plan kept, if it was read at `generation`.
    fn current(&self, generation: i64) -> Option<Arc<Plan>> {
        let kept = self.0.lock().ok()?;
        kept.as_ref()
            .filter(|(read_at, _)| *read_at == generation)
            .map(|(_, plan)| Arc::clone(plan))
    }

    /// Keeps `plan`, unless a plan read at a later generation is kept
    /// already (two requests may read it at once).
    fn keep(&self, generation: i64, plan: &Arc<Plan>) {
        if let Ok(mut kept) = self.0.lock() {
            if kept
                .as_ref()
                .is_none_or(|(read_at, _)| *read_at <= generation)
            {
                *kept = Some((generation, Arc::clone(plan)));
            }
        }
    }
}

/// The plan of the projects `filter` keeps: the whole portfolio's from
/// `cache` while its generation is the database's, else read (and, for
/// the whole portfolio, kept). The generation is read first, so a plan
/// kept is never older than the generation it is kept under. Not for a
/// transaction that has itself changed what the plan is read from, whose
/// generation would not be the committed one.
pub fn load_shared(
    conn: &mut DbConnection,
    cache: &PlanCache,
    filter: &ProjectFilter,
) -> ApiResult<Arc<Plan>> {
    if !filter.keeps_all() {
        return Ok(Arc::new(load(conn, filter)?));
    }
    let generation: i64 = data_generations::table
        .filter(data_generations::name.eq("plan"))
        .select(data_generations::value)
        .load::<i64>(conn)?
        .into_iter()
        .sum();
    if let Some(plan) = cache.current(generation) {
        return Ok(plan);
    }
    let plan = Arc::new(load(conn, filter)?);
    cache.keep(generation, &plan);
    Ok(plan)
}

/// The plan of the projects `filter` keeps, read on one connection.
pub fn load(conn: &mut DbConnection, filter: &ProjectFilter) -> ApiResult<Plan> {
    let records = Records::read(conn, filter)?;
    let schedules = Schedules::read(conn, filter)?;
    Ok(assemble(records, schedules))
}

/// The projects with their CP, and their funding lines.
struct Records {
    projects: Vec<PlannedProject>,
    lines: Lines,
    /// Every line was read: the funders' record, counted from them.
    success_rates: Option<HashMap<ActorId, f64>>,
}

/// The lines' schedules, the town's capacity, and the funders' record
/// when the lines read are not all of them.
struct Schedules {
    /// Each line's schedule, by line id.
    by_line: Vec<(FundingLineId, Vec<ScheduleYear>)>,
    success_rates: Option<HashMap<ActorId, f64>>,
    capacity: InvestmentCapacity,
}

fn assemble(records: Records, schedules: Schedules) -> Plan {
    let Records {
        projects,
        mut lines,
        success_rates,
    } = records;
    lines.add_schedules(schedules.by_line);
    Plan {
        projects,
        lines: lines.scheduled(),
        success_rates: success_rates
            .or(schedules.success_rates)
            .unwrap_or_default(),
        capacity: schedules.capacity,
    }
}

impl Records {
    fn read(conn: &mut DbConnection, filter: &ProjectFilter) -> ApiResult<Self> {
        let mut planned: Vec<PlannedProject> = Vec::new();
        let rows = repo::filtered(filter)
            .order(projects::reference.asc())
            .select(ProjectRow::as_select())
            .load_iter::<ProjectRow, DefaultLoadingMode>(conn)?;
        for row in rows {
            let row = row?;
            planned.push(PlannedProject {
                id: row.id,
                reference: row.reference,
                title: row.title,
                phase: row.phase,
                axis: row.axis,
                ap_cents: row.ap_cents,
                version: row.version,
                credits: Vec::new(),
            });
        }

        let credit_columns = (
            payment_credits::project_id,
            payment_credits::year,
            payment_credits::planned_cents,
            payment_credits::paid_cents,
        );
        if filter.keeps_all() {
            let rows = payment_credits::table
                .select(credit_columns)
                .load_iter::<CreditRow, DefaultLoadingMode>(conn)?;
            add_credits(&mut planned, rows)?;
        } else {
            let rows = filter_projects!(
                payment_credits::table
                    .inner_join(projects::table)
                    .into_boxed(),
                filter
            )
            .select(credit_columns)
            .load_iter::<CreditRow, DefaultLoadingMode>(conn)?;
            add_credits(&mut planned, rows)?;
        }

        let line_columns = (
            funding_lines::id,
            funding_lines::project_id,
            funding_lines::funder_id,
            funding_lines::category,
            funding_lines::status,
        );
        let lines = if filter.keeps_all() {
            Lines::read(
                funding_lines::table
                    .select(line_columns)
                    .load_iter::<LineRow, DefaultLoadingMode>(conn)?,
            )?
        } else {
            Lines::read(
                filter_projects!(
                    funding_lines::table
                        .inner_join(projects::table)
                        .into_boxed(),
                    filter
                )
                .select(line_columns)
                .load_iter::<LineRow, DefaultLoadingMode>(conn)?,
            )?
        };
        // Every line of the portfolio was read: their funders' record
        // needs no other query.
        let success_rates = filter
            .keeps_all()
            .then(|| success_rates(lines.0.iter().map(|(_, l)| (l.funder_id, l.status))));
        Ok(Records {
            projects: planned,
            lines,
            success_rates,
        })
    }
}

impl Schedules {
    fn read(conn: &mut DbConnection, filter: &ProjectFilter) -> ApiResult<Self> {
        let schedule_columns = (
            funding_schedules::funding_line_id,
            funding_schedules::year,
            funding_schedules::expected_cents,
            funding_schedules::received_cents,
        );
        let by_line = if filter.keeps_all() {
            by_line(
                funding_schedules::table
                    .select(schedule_columns)
                    .load_iter::<ScheduleRow, DefaultLoadingMode>(conn)?,
            )?
        } else {
            by_line(
                filter_projects!(
                    funding_schedules::table
                        .inner_join(funding_lines::table.inner_join(projects::table))
                        .into_boxed(),
                    filter
                )
                .select(schedule_columns)
                .load_iter::<ScheduleRow, DefaultLoadingMode>(conn)?,
            )?
        };
        Ok(Schedules {
            by_line,
            success_rates: (!filter.keeps_all())
                .then(|| funder_success_rates(conn))
                .transpose()?,
            capacity: investment_capacity(conn)?,
        })
    }
}

/// The schedules' rows gathered by line, in the order of the lines: the
/// rows mostly come so, each line's years together.
fn by_line(
    rows: impl Iterator<Item = QueryResult<ScheduleRow>>,
) -> ApiResult<Vec<(FundingLineId, Vec<ScheduleYear>)>> {
    let mut lines: Vec<(FundingLineId, Vec<ScheduleYear>)> = Vec::new();
    for row in rows {
        let (line, year, expected_cents, received_cents) = row?;
        let entry = ScheduleYear {
            year,
            expected_cents,
            received_cents,
        };
        match lines.last_mut() {
            Some((last, years)) if *last == line => years.push(entry),
            _ => lines.push((line, vec![entry])),
        }
    }
    if !lines.is_sorted_by_key(|(id, _)| *id) {
        lines.sort_by_key(|(id, _)| *id);
        lines.dedup_by(|(id, years), (kept_id, kept)| {
            let same = id == kept_id;
            if same {
                kept.append(years);
            }
            same
        });
    }
    Ok(lines)
}

/// Gives each project its CP, in the order of the years.
fn add_credits(
    planned: &mut [PlannedProject],
    rows: impl Iterator<Item = QueryResult<CreditRow>>,
) -> ApiResult<()> {
    let at: HashMap<ProjectId, usize> = planned
        .iter()
        .enumerate()
        .map(|(index, project)| (project.id, index))
        .collect();
    for row in rows {
        let (project, year, planned_cents, paid_cents) = row?;
        // A project created since its list was read has no place yet.
        if let Some(index) = at.get(&project) {
            planned[*index].credits.push(CreditYear {
                year,
                planned_cents,
                paid_cents,
            });
        }
    }
    for project in planned {
        project.credits.sort_unstable_by_key(|c| c.year);
    }
    Ok(())
}

/// The lines read, by id, each with the years of its schedule.
struct Lines(Vec<(FundingLineId, ScheduledLine)>);

impl Lines {
    fn read(rows: impl Iterator<Item = QueryResult<LineRow>>) -> ApiResult<Self> {
        let mut lines = Vec::new();
        for row in rows {
            let (id, project_id, funder_id, category, status) = row?;
            let line = ScheduledLine {
                project_id,
                funder_id,
                category,
                status,
                schedule: Vec::new(),
            };
            lines.push((id, line));
        }
        if !lines.is_sorted_by_key(|(id, _)| *id) {
            lines.sort_unstable_by_key(|(id, _)| *id);
        }
        Ok(Lines(lines))
    }

    /// Gives each line its schedule: both lists are in the order of the
    /// lines. A line added since the lines were read has no place yet.
    fn add_schedules(&mut self, schedules: Vec<(FundingLineId, Vec<ScheduleYear>)>) {
        let mut at = 0;
        for (line, years) in schedules {
            while self.0.get(at).is_some_and(|(id, _)| *id < line) {
                at += 1;
            }
            match self.0.get_mut(at) {
                Some((id, kept)) if *id == line => kept.schedule = years,
                Some(_) => {}
                None => break,
            }
        }
    }

    /// The lines that have a schedule (the others expect nothing), each
    /// schedule in the order of the years.
    fn scheduled(self) -> Vec<ScheduledLine> {
        self.0
            .into_iter()
            .filter(|(_, line)| !line.schedule.is_empty())
            .map(|(_, mut line)| {
                line.schedule.sort_unstable_by_key(|s| s.year);
                line
            })
            .collect()
    }
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
