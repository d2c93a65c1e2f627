//! What the dashboard and the network read from the database, loaded in a
//! few set-wise queries and filtered in memory.

use crate::db::schema::{
    actors, evaluations, funding_lines, indicators, milestones, participants, payment_credits,
    projects,
};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::evaluations::indicators::{latest_measurements, IndicatorRow};
use chrono::{Datelike, NaiveDate};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text};
use shared::actors::ActorKind;
use shared::evaluation::{round2, EvaluationKind, EvaluationStatus};
use shared::finance::{FundingCategory, FundingStatus};
use shared::ids::{ActorId, ProjectId, UserId};
use shared::indicators::{reading, IndicatorStatusCounts};
use shared::lifecycle::{AbandonReason, Phase};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = projects)]
pub struct ProjectFacts {
    pub id: ProjectId,
    pub phase: Phase,
    pub axis: String,
    pub lead_id: Option<UserId>,
    pub commission_date: NaiveDate,
    pub decision_date: Option<NaiveDate>,
    pub total_cost_cents: i64,
    pub abandon_reason: Option<AbandonReason>,
}

/// Which projects a figure covers.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Commission year.
    pub year: Option<i32>,
    pub axis: Option<String>,
    pub lead_id: Option<UserId>,
    /// Commission date range, inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Scope {
    /// Whether the scope keeps every project.
    pub fn is_everything(&self) -> bool {
        self.year.is_none()
            && self.axis.is_none()
            && self.lead_id.is_none()
            && self.from.is_none()
            && self.to.is_none()
    }
}

/// Adds the scope's conditions on `projects` to a boxed query that reads
/// (or joins) the projects table: the same filters as `Scope::covers`.
macro_rules! within_scope {
    ($query:expr, $scope:expr) => {{
        let mut query = $query;
        let scope: &Scope = $scope;
        if let Some(year) = scope.year {
            if let (Some(first), Some(last)) = (
                NaiveDate::from_ymd_opt(year, 1, 1),
                NaiveDate::from_ymd_opt(year, 12, 31),
            ) {
                query = query.filter(projects::commission_date.between(first, last));
            }
        }
        if let Some(axis) = &scope.axis {
            query = query.filter(projects::axis.eq(axis.clone()));
        }
        if let Some(lead) = scope.lead_id {
            query = query.filter(projects::lead_id.eq(lead));
        }
        if let Some(from) = scope.from {
            query = query.filter(projects::commission_date.ge(from));
        }
        if let Some(to) = scope.to {
            query = query.filter(projects::commission_date.le(to));
        }
        query
    }};
}

pub fn projects(conn: &mut DbConnection, scope: &Scope) -> ApiResult<Vec<ProjectFacts>> {
    Ok(within_scope!(projects::table.into_boxed(), scope)
        .select(ProjectFacts::as_select())
        .load(conn)?)
}

/// Projects in scope sharing a phase, an axis and an abandonment reason:
/// how many, and their total cost.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectTally {
    pub phase: Phase,
    pub axis: String,
    pub abandon_reason: Option<AbandonReason>,
    pub projects: u64,
    pub total_cost_cents: i64,
}

/// Decided projects in scope sharing a year of decision, an instruction
/// time (decision date − commission date, in days) and a phase: how many,
/// and their total cost.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionTally {
    pub year: i32,
    pub days: i64,
    pub phase: Phase,
    pub projects: u64,
    pub total_cost_cents: i64,
}

/// Sum of the projects' total costs, an integer on both backends.
const COST_SUM: &str = "CAST(COALESCE(SUM(projects.total_cost_cents), 0) AS BIGINT)";

/// The projects in scope counted by phase, axis and abandonment reason,
/// and the decided ones by year and instruction time. PostgreSQL counts
/// them itself, so that a few thousand rows at most cross the connection
/// however large the portfolio; SQLite runs in the process, where reading
/// the projects once and counting them here is quicker than grouping them
/// twice in SQL.
pub fn tallies(
    conn: &mut DbConnection,
    scope: &Scope,
) -> ApiResult<(Vec<ProjectTally>, Vec<DecisionTally>)> {
    match conn {
        DbConnection::Postgres(_) => Ok((
            project_tallies(conn, scope)?,
            decision_tallies(conn, scope)?,
        )),
        DbConnection::Sqlite(_) => Ok(tally(&projects(conn, scope)?)),
    }
}

/// The tallies of projects already read.
pub fn tally(projects: &[ProjectFacts]) -> (Vec<ProjectTally>, Vec<DecisionTally>) {
    let mut by_kind: HashMap<(Phase, &str, Option<AbandonReason>), (u64, i64)> = HashMap::new();
    let mut by_decision: HashMap<(i32, i64, Phase), (u64, i64)> = HashMap::new();
    for p in projects {
        let kind = by_kind
            .entry((p.phase, p.axis.as_str(), p.abandon_reason))
            .or_default();
        kind.0 += 1;
        kind.1 = kind.1.saturating_add(p.total_cost_cents);
        if let Some(decided) = p.decision_date {
            let days = (decided - p.commission_date).num_days();
            let decision = by_decision
                .entry((decided.year(), days, p.phase))
                .or_default();
            decision.0 += 1;
            decision.1 = decision.1.saturating_add(p.total_cost_cents);
        }
    }
    let projects = by_kind
        .into_iter()
        .map(
            |((phase, axis, abandon_reason), (projects, total_cost_cents))| ProjectTally {
                phase,
                axis: axis.to_owned(),
                abandon_reason,
                projects,
                total_cost_cents,
            },
        )
        .collect();
    let decisions = by_decision
        .into_iter()
        .map(
            |((year, days, phase), (projects, total_cost_cents))| DecisionTally {
                year,
                days,
                phase,
                projects,
                total_cost_cents,
            },
        )
        .collect();
    (projects, decisions)
}

/// The projects in scope, counted by PostgreSQL.
fn project_tallies(conn: &mut DbConnection, scope: &Scope) -> ApiResult<Vec<ProjectTally>> {
    let query = within_scope!(
        projects::table
            .group_by((projects::phase, projects::axis, projects::abandon_reason))
            .select((
                projects::phase,
                projects::axis,
                projects::abandon_reason,
                diesel::dsl::count_star(),
                sql::<BigInt>(COST_SUM),
            ))
            .into_boxed(),
        scope
    );
    let rows: Vec<(Phase, String, Option<AbandonReason>, i64, i64)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(phase, axis, abandon_reason, projects, total_cost_cents)| ProjectTally {
                phase,
                axis,
                abandon_reason,
                projects: u64::try_from(projects).unwrap_or_default(),
                total_cost_cents,
            },
        )
        .collect())
}

/// The decided projects in scope, counted by PostgreSQL by year of
/// decision, instruction time and phase: at most a few thousand rows
/// however large the portfolio, from which the medians are exact.
fn decision_tallies(conn: &mut DbConnection, scope: &Scope) -> ApiResult<Vec<DecisionTally>> {
    let year = "CAST(EXTRACT(YEAR FROM projects.decision_date) AS INTEGER)";
    let days = "CAST(projects.decision_date - projects.commission_date AS BIGINT)";
    // Grouped by expressions, which diesel only accepts as one SQL
    // fragment, selected as fragments too.
    let query = within_scope!(
        projects::table
            .filter(projects::decision_date.is_not_null())
            .group_by(sql::<Integer>(&format!("{year}, {days}, projects.phase")))
            .select((
                sql::<Integer>(year),
                sql::<BigInt>(days),
                sql::<Text>("projects.phase"),
                diesel::dsl::count_star(),
                sql::<BigInt>(COST_SUM),
            ))
            .into_boxed(),
        scope
    );
    let rows: Vec<(i32, i64, Phase, i64, i64)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(year, days, phase, projects, total_cost_cents)| DecisionTally {
                year,
                days,
                phase,
                projects: u64::try_from(projects).unwrap_or_default(),
                total_cost_cents,
            },
        )
        .collect())
}

/// Secured (granted or paid) funding of the projects in scope that are not
/// abandoned, by category, summed by the database. The cast keeps the sum
/// an integer on both backends.
pub fn secured_by_category(
    conn: &mut DbConnection,
    scope: &Scope,
) -> ApiResult<Vec<(FundingCategory, i64)>> {
    let query = within_scope!(
        funding_lines::table
            .inner_join(projects::table)
            .filter(funding_lines::status.eq_any([FundingStatus::Granted, FundingStatus::Paid]))
            .filter(projects::phase.ne(Phase::Abandonne))
            .group_by(funding_lines::category)
            .select((
                funding_lines::category,
                sql::<BigInt>("CAST(SUM(funding_lines.amount_cents) AS BIGINT)")
            ))
            .into_boxed(),
        scope
    );
    Ok(query.load(conn)?)
}

/// CP paid by year over the projects in scope (abandoned ones included:
/// what was paid was spent), summed by the database.
pub fn paid_by_year(conn: &mut DbConnection, scope: &Scope) -> ApiResult<Vec<(i32, i64)>> {
    let query = within_scope!(
        payment_credits::table
            .inner_join(projects::table)
            .group_by(payment_credits::year)
            .select((
                payment_credits::year,
                sql::<BigInt>("CAST(SUM(payment_credits.paid_cents) AS BIGINT)")
            ))
            .into_boxed(),
        scope
    );
    Ok(query.load(conn)?)
}

/// Distinct actors taking part in at least one project in scope.
pub fn actors_engaged(conn: &mut DbConnection, scope: &Scope) -> ApiResult<i64> {
    let query = within_scope!(
        participants::table.inner_join(projects::table).into_boxed(),
        scope
    );
    Ok(query
        .select(sql::<BigInt>("COUNT(DISTINCT participants.actor_id)"))
        .get_result(conn)?)
}

/// Milestones due before `today`, not done, on projects in scope that are
/// neither closed nor abandoned.
pub fn overdue_milestones_in(
    conn: &mut DbConnection,
    scope: &Scope,
    today: NaiveDate,
) -> ApiResult<i64> {
    let query = within_scope!(
        milestones::table
            .inner_join(projects::table)
            .filter(milestones::done_date.is_null())
            .filter(milestones::due_date.lt(today))
            .filter(projects::phase.ne_all([Phase::Cloture, Phase::Abandonne]))
            .into_boxed(),
        scope
    );
    Ok(query.count().get_result(conn)?)
}

/// Every (project, actor) pair of the participants of the projects in
/// scope, an actor counted once per project whatever its number of roles.
pub fn participations(
    conn: &mut DbConnection,
    scope: &Scope,
) -> ApiResult<Vec<(ProjectId, ActorId)>> {
    let pairs = (participants::project_id, participants::actor_id);
    let order = (participants::project_id.asc(), participants::actor_id.asc());
    if scope.is_everything() {
        return Ok(participants::table
            .select(pairs)
            .distinct()
            .order(order)
            .load(conn)?);
    }
    let query = within_scope!(
        participants::table
            .inner_join(projects::table)
            .select(pairs)
            .distinct()
            .order(order)
            .into_boxed(),
        scope
    );
    Ok(query.load(conn)?)
}

pub struct ActorFacts {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
}

/// The actors taking part in the projects in scope (the whole directory
/// when the scope keeps every project).
pub fn actors(conn: &mut DbConnection, scope: &Scope) -> ApiResult<Vec<ActorFacts>> {
    let columns = (actors::id, actors::name, actors::kind);
    let rows: Vec<(ActorId, String, ActorKind)> = if scope.is_everything() {
        actors::table
            .select(columns)
            .order(actors::id.asc())
            .load(conn)?
    } else {
        within_scope!(
            participants::table
                .inner_join(actors::table)
                .inner_join(projects::table)
                .select(columns)
                .distinct()
                .order(actors::id.asc())
                .into_boxed(),
            scope
        )
        .load(conn)?
    };
    Ok(rows
        .into_iter()
        .map(|(id, name, kind)| ActorFacts { id, name, kind })
        .collect())
}

/// How many actors the directory holds.
pub fn actor_count(conn: &mut DbConnection) -> ApiResult<u64> {
    let count: i64 = actors::table.count().get_result(conn)?;
    Ok(u64::try_from(count).unwrap_or_default())
}

/// Each project in scope with submitted ex-ante evaluations: the mean of
/// their weighted scores (two decimals).
pub fn ex_ante_scores(conn: &mut DbConnection, scope: &Scope) -> ApiResult<Vec<f64>> {
    let query = within_scope!(
        evaluations::table
            .inner_join(projects::table)
            .filter(evaluations::kind.eq(EvaluationKind::ExAnte))
            .filter(evaluations::status.eq(EvaluationStatus::Submitted))
            .into_boxed(),
        scope
    );
    let rows: Vec<(ProjectId, Option<f64>)> = query
        .select((evaluations::project_id, evaluations::weighted_score))
        .load(conn)?;
    let mut by_project: BTreeMap<ProjectId, (f64, u32)> = BTreeMap::new();
    for (project, score) in rows {
        if let Some(score) = score {
            let entry = by_project.entry(project).or_default();
            entry.0 += score;
            entry.1 += 1;
        }
    }
    Ok(by_project
        .into_values()
        .map(|(sum, n)| round2(sum / f64::from(n)))
        .collect())
}

/// The indicators of the projects in scope, counted by their status.
pub fn indicator_statuses(
    conn: &mut DbConnection,
    scope: &Scope,
) -> ApiResult<IndicatorStatusCounts> {
    let query = within_scope!(
        indicators::table.inner_join(projects::table).into_boxed(),
        scope
    );
    let rows: Vec<IndicatorRow> = query.select(indicators::all_columns).load(conn)?;
    let ids: Vec<_> = rows.iter().map(|r| r.id).collect();
    let latest = latest_measurements(conn, &ids)?;
    let mut counts = IndicatorStatusCounts::default();
    for row in &rows {
        let reading = reading(&row.fields()?, latest.latest.get(&row.id).copied());
        counts.add(reading.status);
    }
    Ok(counts)
}
