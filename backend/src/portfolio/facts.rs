//! What the dashboard and the network read from the database, loaded in a
//! few set-wise queries and filtered in memory.

use crate::db::schema::{actors, milestones, participants, projects};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::records::stored;
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use shared::actors::ActorKind;
use shared::finance::FundingCategory;
use shared::ids::{ActorId, ProjectId, UserId};
use shared::lifecycle::{AbandonReason, Phase};

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

impl Scope {
    pub fn covers(&self, project: &ProjectFacts) -> bool {
        self.year
            .is_none_or(|y| project.commission_date.year() == y)
            && self.axis.as_ref().is_none_or(|a| &project.axis == a)
            && self.lead_id.is_none_or(|l| project.lead_id == Some(l))
            && self.from.is_none_or(|from| project.commission_date >= from)
            && self.to.is_none_or(|to| project.commission_date <= to)
    }
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
    let rows: Vec<ProjectRow> = projects::table
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
        if scope.covers(&project) {
            facts.push(project);
        }
    }
    Ok(facts)
}

#[derive(QueryableByName)]
struct SecuredRow {
    #[diesel(sql_type = BigInt)]
    project_id: i64,
    #[diesel(sql_type = Text)]
    category: String,
    #[diesel(sql_type = BigInt)]
    total: i64,
}

/// Secured (granted or paid) funding per project and category. Summed by
/// the database; the cast keeps the sum an integer on both backends.
pub fn secured_funding(
    conn: &mut DbConnection,
) -> ApiResult<Vec<(ProjectId, FundingCategory, i64)>> {
    let rows: Vec<SecuredRow> = diesel::sql_query(
        "SELECT project_id, category, CAST(SUM(amount_cents) AS BIGINT) AS total \
         FROM funding_lines WHERE status IN ('granted', 'paid') GROUP BY project_id, category",
    )
    .load(conn)?;
    rows.into_iter()
        .map(|row| Ok((ProjectId(row.project_id), stored(&row.category)?, row.total)))
        .collect()
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

/// Projects of the milestones due before `today` and not done.
pub fn overdue_milestones(conn: &mut DbConnection, today: NaiveDate) -> ApiResult<Vec<ProjectId>> {
    Ok(milestones::table
        .filter(milestones::done_date.is_null())
        .filter(milestones::due_date.lt(today))
        .select(milestones::project_id)
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
