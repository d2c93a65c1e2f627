//! What the dashboard and the network read from the database, loaded in a
//! few set-wise queries and filtered in memory.

use crate::db::schema::{
    actors, evaluations, funding_lines, indicators, milestones, participants, projects,
};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::evaluations::indicators::{latest_measurements, IndicatorRow};
use crate::records::stored;
use chrono::NaiveDate;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use shared::actors::ActorKind;
use shared::evaluation::{round2, EvaluationKind, EvaluationStatus};
use shared::finance::{FundingCategory, FundingStatus};
use shared::ids::{ActorId, ProjectId, UserId};
use shared::indicators::{reading, IndicatorStatusCounts};
use shared::lifecycle::{AbandonReason, Phase};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
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

type ProjectRow = (
    ProjectId,
    String,
    String,
    Option<UserId>,
    NaiveDate,
    Option<NaiveDate>,
    i64,
    Option<String>,
);

pub fn projects(conn: &mut DbConnection, scope: &Scope) -> ApiResult<Vec<ProjectFacts>> {
    let rows: Vec<ProjectRow> = within_scope!(projects::table.into_boxed(), scope)
        .select((
            projects::id,
            projects::phase,
            projects::axis,
            projects::lead_id,
            projects::commission_date,
            projects::decision_date,
            projects::total_cost_cents,
            projects::abandon_reason,
        ))
        .load(conn)?;
    let mut facts = Vec::with_capacity(rows.len());
    for (
        id,
        phase,
        axis,
        lead_id,
        commission_date,
        decision_date,
        total_cost_cents,
        abandon_reason,
    ) in rows
    {
        let project = ProjectFacts {
            id,
            phase: stored(&phase)?,
            axis,
            lead_id,
            commission_date,
            decision_date,
            total_cost_cents,
            abandon_reason: abandon_reason.as_deref().map(stored).transpose()?,
        };
        facts.push(project);
    }
    Ok(facts)
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
            .filter(funding_lines::status.eq_any([
                FundingStatus::Granted.as_str(),
                FundingStatus::Paid.as_str()
            ]))
            .filter(projects::phase.ne(Phase::Abandonne.as_str()))
            .group_by(funding_lines::category)
            .select((
                funding_lines::category,
                sql::<BigInt>("CAST(SUM(funding_lines.amount_cents) AS BIGINT)")
            ))
            .into_boxed(),
        scope
    );
    let rows: Vec<(String, i64)> = query.load(conn)?;
    rows.into_iter()
        .map(|(category, total)| Ok((stored(&category)?, total)))
        .collect()
}

/// Distinct actors taking part in at least one project in scope.
pub fn actors_engaged(conn: &mut DbConnection, scope: &Scope) -> ApiResult<i64> {
    let query = within_scope!(
        participants::table.inner_join(projects::table).into_boxed(),
        scope
    );
    let actors: Vec<ActorId> = query.select(participants::actor_id).distinct().load(conn)?;
    Ok(actors.len() as i64)
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
            .filter(projects::phase.ne_all([Phase::Cloture.as_str(), Phase::Abandonne.as_str()]))
            .into_boxed(),
        scope
    );
    Ok(query.count().get_result(conn)?)
}

/// Every (project, actor) pair of the participants, an actor counted once
/// per project whatever its number of roles.
pub fn participations(conn: &mut DbConnection) -> ApiResult<Vec<(ProjectId, ActorId)>> {
    Ok(participants::table
        .select((participants::project_id, participants::actor_id))
        .distinct()
        .order((participants::project_id.asc(), participants::actor_id.asc()))
        .load(conn)?)
}

pub struct ActorFacts {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
}

pub fn actors(conn: &mut DbConnection) -> ApiResult<Vec<ActorFacts>> {
    let rows: Vec<(ActorId, String, String)> = actors::table
        .select((actors::id, actors::name, actors::kind))
        .order(actors::id.asc())
        .load(conn)?;
    rows.into_iter()
        .map(|(id, name, kind)| {
            Ok(ActorFacts {
                id,
                name,
                kind: stored(&kind)?,
            })
        })
        .collect()
}

/// Each project in scope with submitted ex-ante evaluations: the mean of
/// their weighted scores (two decimals).
pub fn ex_ante_scores(conn: &mut DbConnection, scope: &Scope) -> ApiResult<Vec<f64>> {
    let query = within_scope!(
        evaluations::table
            .inner_join(projects::table)
            .filter(evaluations::kind.eq(EvaluationKind::ExAnte.as_str()))
            .filter(evaluations::status.eq(EvaluationStatus::Submitted.as_str()))
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
