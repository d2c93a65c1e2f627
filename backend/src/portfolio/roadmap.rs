//! `GET /api/v1/roadmap`: a page of the portfolio's projects, each with its
//! phases over time, its decisions and its milestones. Four queries
//! whatever the page holds: the count, the page, the page's moves and the
//! page's milestones; the spans and decisions are `shared::roadmap`'s.

use crate::access::{self, Reader};
use crate::auth::CurrentUser;
use crate::db::schema::{milestones, projects};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::projects::lifecycle;
use crate::projects::repo::{self, ProjectFilter};
use crate::records::{list_request, total};
use chrono::NaiveDate;
use diesel::prelude::*;
use shared::ids::{MilestoneId, ProjectId};
use shared::lifecycle::{DecisionOutcome, Phase};
use shared::pagination::{PageParams, SortSpec};
use shared::roadmap::{self as rules, Roadmap, RoadmapMilestone, RoadmapProject, RoadmapQuery};
use shared::ErrorBody;
use std::collections::HashMap;

/// What the roadmap reads of a project's own row.
type ProjectLine = (
    ProjectId,
    String,
    String,
    String,
    Phase,
    NaiveDate,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<DecisionOutcome>,
);

crate::records::read_endpoint!(
    /// The portfolio's roadmap: each project's phases, decisions and milestones.
    ///
    /// For each project matching the filters (those of the project list; a
    /// partner sees only the projects shared with their organisation): its
    /// phases as back-to-back spans from its commission, cut by its recorded
    /// lifecycle moves (the current one open-ended), its decisions and its
    /// milestones; and the days the page covers.
    ///
    /// A decision is what a steering committee decides: the go, go with
    /// conditions or no-go at the decision gate (`instruction` → `decision`),
    /// and an abandonment from any other phase (a no-go's own abandonment is
    /// folded into it, with its reason). Suspensions and resumptions show as
    /// the `suspendu` span. A decision the project's record holds without a
    /// recorded move (an import) is placed on its decision date.
    ///
    /// Ordered by commission date (oldest first) unless `sort` names another
    /// of the list's orders; paged like the list, at most 200 projects a page.
    "/api/v1/roadmap" => roadmap(RoadmapQuery), caller: CurrentUser,
    answer: ("A page of the roadmap and the days it covers", Roadmap),
    also: [(status = 422, description = "Invalid page, per_page (1 to 200), sort or commission year", body = ErrorBody)],
    read: roadmap_of,
);

/// The page of the roadmap the query asks for, of the projects the caller
/// may see.
fn roadmap_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: RoadmapQuery,
) -> ApiResult<Roadmap> {
    let reader = Reader::of(user)?;
    let (page, sort) = list_request(&query, "commission_date", repo::SORTABLE)?;
    let filter = ProjectFilter::of(query.criteria(), reader.partner())?;
    let today = chrono::Utc::now().date_naive();
    load(conn, &filter, &sort, page, reader, today)
}

fn load(
    conn: &mut DbConnection,
    filter: &ProjectFilter,
    sort: &SortSpec,
    page: PageParams,
    reader: Reader,
    today: NaiveDate,
) -> ApiResult<Roadmap> {
    let count: i64 = repo::filtered(filter).count().get_result(conn)?;
    let lines: Vec<ProjectLine> = repo::ordered(
        repo::filtered(filter).select((
            projects::id,
            projects::reference,
            projects::title,
            projects::axis,
            projects::phase,
            projects::commission_date,
            projects::planned_end_date,
            projects::decision_date,
            projects::decision_outcome,
        )),
        sort,
    )
    .offset(page.offset())
    .limit(page.limit())
    .load(conn)?;
    let ids: Vec<ProjectId> = lines.iter().map(|line| line.0).collect();
    let mut moves = lifecycle::histories(conn, &ids)?;
    let mut milestones = milestones_of(conn, &ids)?;
    let items: Vec<RoadmapProject> = lines
        .into_iter()
        .map(|line| {
            let (id, reference, title, axis, phase, commission, planned_end, decided, outcome) =
                line;
            let mut history = moves.remove(&id).unwrap_or_default();
            if reader.partner().is_some() {
                history = history.into_iter().map(access::trim_transition).collect();
            }
            RoadmapProject {
                id,
                reference,
                title,
                axis,
                phase,
                commission_date: commission,
                planned_end_date: planned_end,
                phases: rules::phase_spans(commission, phase, &history),
                decisions: rules::decisions(&history, decided.zip(outcome)),
                milestones: milestones.remove(&id).unwrap_or_default(),
            }
        })
        .collect();
    let span = rules::span(&items, today);
    Ok(Roadmap {
        items,
        total: total(count),
        page: page.page,
        per_page: page.per_page,
        from: span.map(|(from, _)| from),
        to: span.map(|(_, to)| to),
    })
}

/// The milestones of the given projects, by project, by due date (those
/// without one last).
fn milestones_of(
    conn: &mut DbConnection,
    ids: &[ProjectId],
) -> ApiResult<HashMap<ProjectId, Vec<RoadmapMilestone>>> {
    type Line = (
        ProjectId,
        MilestoneId,
        String,
        Option<NaiveDate>,
        Option<NaiveDate>,
    );
    let lines: Vec<Line> = milestones::table
        .filter(milestones::project_id.eq_any(ids))
        .select((
            milestones::project_id,
            milestones::id,
            milestones::title,
            milestones::due_date,
            milestones::done_date,
        ))
        .load(conn)?;
    let mut by_project: HashMap<ProjectId, Vec<RoadmapMilestone>> = HashMap::new();
    for (project, id, title, due_date, done_date) in lines {
        by_project
            .entry(project)
            .or_default()
            .push(RoadmapMilestone {
                id,
                title,
                due_date,
                done_date,
            });
    }
    for list in by_project.values_mut() {
        list.sort_by_key(|m| (m.due_date.is_none(), m.due_date, m.id));
    }
    Ok(by_project)
}
