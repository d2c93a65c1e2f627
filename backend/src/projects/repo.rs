//! Project rows, their finance, and the queries behind the list.

use crate::db::schema::{funding_lines, projects, reference_counters, users};
use crate::db::{DbConnection, MultiBackend};
use crate::error::{ApiError, ApiResult};
use crate::records::{from_json_list, now, to_json_list};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use shared::auth::Role;
use shared::finance::{Finance, FundingAmount, FundingCategory, FundingStatus};
use shared::ids::{ActorId, ProjectId, UserId};
use shared::lifecycle::{allowed_moves, AbandonReason, DecisionOutcome, Phase};
use shared::pagination::{PageParams, SortSpec};
use shared::projects::{
    instruction_days, InnovationType, Project, ProjectCriteria, ProjectFields, Visibility,
};
use shared::FieldError;
use std::collections::HashMap;

#[derive(Debug, Clone, Queryable)]
pub struct ProjectRow {
    pub id: ProjectId,
    pub reference: String,
    pub title: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub axis: String,
    pub innovation_types: String,
    pub phase: Phase,
    pub suspended_from: Option<Phase>,
    pub decision_outcome: Option<DecisionOutcome>,
    pub abandon_reason: Option<AbandonReason>,
    pub commission_date: NaiveDate,
    pub decision_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub planned_end_date: Option<NaiveDate>,
    pub actual_end_date: Option<NaiveDate>,
    pub lead_id: Option<UserId>,
    pub team: String,
    pub sponsor: Option<String>,
    pub commune_insee: Option<String>,
    pub area: Option<String>,
    pub total_cost_cents: i64,
    pub visibility: Visibility,
    pub tags: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
    /// The AP in force (the latest revision's amount).
    pub ap_cents: Option<i64>,
}

impl ProjectRow {
    pub fn to_api(self, finance: Finance) -> ApiResult<Project> {
        Ok(Project {
            id: self.id,
            reference: self.reference,
            title: self.title,
            summary: self.summary,
            description: self.description,
            axis: self.axis,
            innovation_types: from_json_list(&self.innovation_types)?,
            phase: self.phase,
            suspended_from: self.suspended_from,
            decision_outcome: self.decision_outcome,
            abandon_reason: self.abandon_reason,
            commission_date: self.commission_date,
            decision_date: self.decision_date,
            start_date: self.start_date,
            planned_end_date: self.planned_end_date,
            actual_end_date: self.actual_end_date,
            lead_id: self.lead_id,
            team: from_json_list(&self.team)?,
            sponsor: self.sponsor,
            commune_insee: self.commune_insee,
            area: self.area,
            total_cost_cents: self.total_cost_cents,
            visibility: self.visibility,
            tags: from_json_list(&self.tags)?,
            instruction_days: instruction_days(self.commission_date, self.decision_date),
            finance,
            allowed_transitions: allowed_moves(self.phase, self.suspended_from),
            ap_cents: self.ap_cents,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
            version: self.version,
        })
    }
}

/// Whose funding lines [`funding_amounts`] reads.
#[derive(Debug, Clone, Copy)]
pub enum FundedBy {
    /// Every funder's, granted or paid: the lines the figures count.
    AnySecured,
    /// One funder's, in any status: what a partner sees of its own funding.
    Funder(ActorId),
}

/// The amounts of the given projects' funding lines, by project.
pub fn funding_amounts(
    conn: &mut DbConnection,
    projects: &[ProjectId],
    funded_by: FundedBy,
) -> ApiResult<HashMap<ProjectId, Vec<FundingAmount>>> {
    let secured = [FundingStatus::Granted, FundingStatus::Paid];
    let mut amounts: HashMap<ProjectId, Vec<FundingAmount>> = HashMap::new();
    // Bounded lists of ids: SQLite takes at most 32 766 parameters.
    for chunk in projects.chunks(500) {
        let query = funding_lines::table.into_boxed();
        // One project (its own page, its sheet) by equality: PostgreSQL
        // keeps a generic plan for `project_id = $1`, whereas for
        // `= ANY($1)` it finds a plan for a one-element list cheaper than
        // the generic one and plans the statement again at every run.
        let query = match chunk {
            [project] => query.filter(funding_lines::project_id.eq(*project)),
            _ => query.filter(funding_lines::project_id.eq_any(chunk)),
        };
        let query = match funded_by {
            FundedBy::AnySecured => query.filter(funding_lines::status.eq_any(secured)),
            FundedBy::Funder(actor) => query.filter(funding_lines::funder_id.eq(actor)),
        };
        let found: Vec<(ProjectId, FundingCategory, FundingStatus, i64)> = query
            .select((
                funding_lines::project_id,
                funding_lines::category,
                funding_lines::status,
                funding_lines::amount_cents,
            ))
            .load(conn)?;
        for (project, category, status, amount_cents) in found {
            amounts.entry(project).or_default().push(FundingAmount {
                category,
                status,
                amount_cents,
            });
        }
    }
    Ok(amounts)
}

/// Secured funding of the given projects, by project. Only granted and
/// paid lines are read: the others do not enter the figures.
pub fn finances(
    conn: &mut DbConnection,
    rows: &[(ProjectId, i64)],
) -> ApiResult<HashMap<ProjectId, Finance>> {
    let ids: Vec<ProjectId> = rows.iter().map(|(id, _)| *id).collect();
    let mut lines = funding_amounts(conn, &ids, FundedBy::AnySecured)?;
    Ok(rows
        .iter()
        .map(|(id, total_cost)| {
            (
                *id,
                Finance::compute(*total_cost, lines.remove(id).unwrap_or_default()),
            )
        })
        .collect())
}

fn with_finance(conn: &mut DbConnection, rows: Vec<ProjectRow>) -> ApiResult<Vec<Project>> {
    let keys: Vec<(ProjectId, i64)> = rows.iter().map(|r| (r.id, r.total_cost_cents)).collect();
    let mut finances = finances(conn, &keys)?;
    rows.into_iter()
        .map(|row| {
            let finance = finances
                .remove(&row.id)
                .unwrap_or_else(|| Finance::compute(row.total_cost_cents, []));
            row.to_api(finance)
        })
        .collect()
}

pub fn find(conn: &mut DbConnection, id: ProjectId) -> ApiResult<Option<Project>> {
    let row: Option<ProjectRow> = projects::table
        .find(id)
        .select(projects::all_columns)
        .first(conn)
        .optional()?;
    Ok(with_finance(conn, row.into_iter().collect())?.pop())
}

pub fn get(conn: &mut DbConnection, id: ProjectId) -> ApiResult<Project> {
    find(conn, id)?.ok_or_else(|| ApiError::not_found("project"))
}

/// 404 unless the project exists; for sub-resources.
pub fn ensure_exists(conn: &mut DbConnection, id: ProjectId) -> ApiResult<()> {
    let count: i64 = projects::table
        .filter(projects::id.eq(id))
        .count()
        .get_result(conn)?;
    if count == 0 {
        Err(ApiError::not_found("project"))
    } else {
        Ok(())
    }
}

/// The lead and team must be active staff accounts.
pub fn check_people(conn: &mut DbConnection, fields: &ProjectFields) -> ApiResult<Vec<FieldError>> {
    let mut wanted: Vec<UserId> = fields.team.clone();
    wanted.extend(fields.lead_id);
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let staff: Vec<UserId> = users::table
        .filter(users::id.eq_any(&wanted))
        .filter(users::active.eq(true))
        .filter(users::role.ne(Role::Partner))
        .select(users::id)
        .load(conn)?;
    let mut errors = Vec::new();
    if let Some(lead) = fields.lead_id {
        if !staff.contains(&lead) {
            errors.push(FieldError::new(
                "lead_id",
                "unknown_user",
                "the lead must be an active staff member",
            ));
        }
    }
    for (index, member) in fields.team.iter().enumerate() {
        if !staff.contains(member) {
            errors.push(FieldError::new(
                format!("team.{index}"),
                "unknown_user",
                "team members must be active staff",
            ));
        }
    }
    Ok(errors)
}

/// The next reference of a commission year: `2025-001`, `2025-002`, … The
/// increment is one statement, so concurrent creations never share one.
fn next_reference(conn: &mut DbConnection, year: i32) -> ApiResult<String> {
    for _ in 0..3 {
        let bumped: Option<i32> = diesel::update(reference_counters::table.find(year))
            .set(reference_counters::last_number.eq(reference_counters::last_number + 1))
            .returning(reference_counters::last_number)
            .get_result(conn)
            .optional()?;
        let number = match bumped {
            Some(number) => number,
            None => {
                // First project of that year: start after any reference
                // already there (brought in by an import).
                let prefix = format!("{year}-");
                let existing: Vec<String> = projects::table
                    .filter(projects::reference.like(format!("{prefix}%")))
                    .select(projects::reference)
                    .load(conn)?;
                let highest = existing
                    .iter()
                    .filter_map(|r| r.strip_prefix(&prefix)?.parse::<i32>().ok())
                    .max()
                    .unwrap_or(0);
                match diesel::insert_into(reference_counters::table)
                    .values((
                        reference_counters::year.eq(year),
                        reference_counters::last_number.eq(highest + 1),
                    ))
                    .execute(conn)
                {
                    Ok(_) => highest + 1,
                    Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
                        continue
                    }
                    Err(other) => return Err(other.into()),
                }
            }
        };
        let reference = format!("{year}-{number:03}");
        let taken: i64 = projects::table
            .filter(projects::reference.eq(&reference))
            .count()
            .get_result(conn)?;
        if taken == 0 {
            return Ok(reference);
        }
    }
    Err(ApiError::conflict(
        "could not allocate a project reference; retry",
    ))
}

/// Where a project stands in its lifecycle when it is recorded. New
/// projects start in `commande`; an import may bring a project at the
/// phase it has already reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Lifecycle {
    pub phase: Phase,
    pub suspended_from: Option<Phase>,
    pub decision_outcome: Option<DecisionOutcome>,
    pub abandon_reason: Option<AbandonReason>,
    pub decision_date: Option<NaiveDate>,
}

impl Default for Lifecycle {
    fn default() -> Self {
        Self {
            phase: Phase::Commande,
            suspended_from: None,
            decision_outcome: None,
            abandon_reason: None,
            decision_date: None,
        }
    }
}

pub fn insert(conn: &mut DbConnection, fields: &ProjectFields) -> ApiResult<Project> {
    insert_with(conn, fields, None, &Lifecycle::default())
}

/// The project of this reference, if any.
pub fn find_by_reference(conn: &mut DbConnection, reference: &str) -> ApiResult<Option<Project>> {
    let id: Option<ProjectId> = projects::table
        .filter(projects::reference.eq(reference))
        .select(projects::id)
        .first(conn)
        .optional()?;
    id.map(|id| get(conn, id)).transpose()
}

/// A reference brought in from elsewhere in the generated form
/// (`2025-042`) moves its year's counter past it, so that the references
/// generated next do not collide with it.
fn keep_counter_ahead(conn: &mut DbConnection, reference: &str) -> ApiResult<()> {
    let Some((year, number)) = reference.split_once('-') else {
        return Ok(());
    };
    let (Ok(year), Ok(number)) = (year.parse::<i32>(), number.parse::<i32>()) else {
        return Ok(());
    };
    diesel::update(
        reference_counters::table
            .find(year)
            .filter(reference_counters::last_number.lt(number)),
    )
    .set(reference_counters::last_number.eq(number))
    .execute(conn)?;
    Ok(())
}

/// Records a project under the given reference (generated when `None`,
/// which the caller has checked is free) at the given point of its
/// lifecycle.
pub fn insert_with(
    conn: &mut DbConnection,
    fields: &ProjectFields,
    reference: Option<&str>,
    lifecycle: &Lifecycle,
) -> ApiResult<Project> {
    let reference = match reference {
        Some(reference) => {
            keep_counter_ahead(conn, reference)?;
            reference.to_owned()
        }
        None => next_reference(conn, fields.commission_date.year())?,
    };
    let now = now();
    let row: ProjectRow = diesel::insert_into(projects::table)
        .values((
            ProjectValues::new(fields, 1, now)?,
            projects::reference.eq(&reference),
            projects::phase.eq(lifecycle.phase),
            projects::suspended_from.eq(lifecycle.suspended_from),
            projects::decision_outcome.eq(lifecycle.decision_outcome),
            projects::abandon_reason.eq(lifecycle.abandon_reason),
            projects::decision_date.eq(lifecycle.decision_date),
            projects::created_at.eq(now),
        ))
        .returning(projects::all_columns)
        .get_result(conn)?;
    row.to_api(Finance::compute(fields.total_cost_cents, []))
}

/// What a creation or a change writes of a project's own fields (its
/// lifecycle moves by transitions only).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = projects, treat_none_as_null = true)]
struct ProjectValues<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    description: Option<&'a str>,
    axis: &'a str,
    innovation_types: String,
    commission_date: NaiveDate,
    start_date: Option<NaiveDate>,
    planned_end_date: Option<NaiveDate>,
    actual_end_date: Option<NaiveDate>,
    lead_id: Option<UserId>,
    team: String,
    sponsor: Option<&'a str>,
    commune_insee: Option<&'a str>,
    area: Option<&'a str>,
    total_cost_cents: i64,
    visibility: Visibility,
    tags: String,
    updated_at: NaiveDateTime,
    version: i64,
}

impl<'a> ProjectValues<'a> {
    fn new(fields: &'a ProjectFields, version: i64, at: NaiveDateTime) -> ApiResult<Self> {
        Ok(ProjectValues {
            title: &fields.title,
            summary: fields.summary.as_deref(),
            description: fields.description.as_deref(),
            axis: &fields.axis,
            innovation_types: to_json_list(&fields.innovation_types)?,
            commission_date: fields.commission_date,
            start_date: fields.start_date,
            planned_end_date: fields.planned_end_date,
            actual_end_date: fields.actual_end_date,
            lead_id: fields.lead_id,
            team: to_json_list(&fields.team)?,
            sponsor: fields.sponsor.as_deref(),
            commune_insee: fields.commune_insee.as_deref(),
            area: fields.area.as_deref(),
            total_cost_cents: fields.total_cost_cents,
            visibility: fields.visibility,
            tags: to_json_list(&fields.tags)?,
            updated_at: at,
            version,
        })
    }
}

/// Writes the new fields if the project is still at `expected` (the write
/// service's guarded update): answers the rows changed.
pub fn update(
    conn: &mut DbConnection,
    id: ProjectId,
    expected: i64,
    fields: &ProjectFields,
) -> ApiResult<usize> {
    let changes = ProjectValues::new(fields, expected + 1, now())?;
    crate::records::write::guarded_update!(conn, projects, id, expected, changes)
}

pub fn delete(conn: &mut DbConnection, id: ProjectId) -> ApiResult<()> {
    diesel::delete(projects::table.find(id)).execute(conn)?;
    Ok(())
}

#[derive(Debug, Default, Clone)]
pub struct ProjectFilter {
    pub text: Option<String>,
    pub phase: Option<Phase>,
    pub axis: Option<String>,
    pub lead_id: Option<UserId>,
    pub innovation_type: Option<InnovationType>,
    pub tag: Option<String>,
    pub commission_year: Option<i32>,
    /// Only the projects shared with this partner organisation.
    pub shared_with: Option<ActorId>,
}

impl ProjectFilter {
    /// The list's criteria as a filter for this reader (a partner's
    /// organisation, `None` for staff): blank texts filter nothing, and the
    /// commission year is checked (422 naming it).
    pub fn of(criteria: ProjectCriteria, shared_with: Option<ActorId>) -> ApiResult<Self> {
        let filled = |text: Option<String>| text.filter(|t| !t.trim().is_empty());
        Ok(ProjectFilter {
            text: filled(criteria.q),
            phase: criteria.phase,
            axis: filled(criteria.axis),
            lead_id: criteria.lead_id.map(UserId),
            innovation_type: criteria.innovation_type,
            tag: filled(criteria.tag),
            commission_year: crate::records::year_filter(
                "commission_year",
                criteria.commission_year,
            )?,
            shared_with,
        })
    }

    /// Whether the filter keeps every project: no criterion is set.
    pub fn keeps_all(&self) -> bool {
        let ProjectFilter {
            text,
            phase,
            axis,
            lead_id,
            innovation_type,
            tag,
            commission_year,
            shared_with,
        } = self;
        text.is_none()
            && phase.is_none()
            && axis.is_none()
            && lead_id.is_none()
            && innovation_type.is_none()
            && tag.is_none()
            && commission_year.is_none()
            && shared_with.is_none()
    }
}

pub const SORTABLE: &[&str] = &[
    "reference",
    "title",
    "phase",
    "axis",
    "commission_date",
    "decision_date",
    "total_cost_cents",
    "created_at",
    "updated_at",
];

/// Adds a `ProjectFilter`'s conditions on `projects` to a boxed query
/// that reads or joins the projects table, so that the list, its exports
/// and the programme (which joins CP, funding lines and schedules to the
/// projects) keep the same projects.
macro_rules! filter_projects {
    ($query:expr, $filter:expr) => {{
        use chrono::NaiveDate;
        use $crate::db::lower;
        use $crate::db::schema::projects;
        use $crate::records::{contains_pattern, json_element_pattern};
        let mut query = $query;
        let filter: &$crate::projects::repo::ProjectFilter = $filter;
        if let Some(text) = &filter.text {
            let pattern = contains_pattern(text);
            query = query.filter(
                lower(projects::reference)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(projects::title).like(pattern.clone()).escape('\\'))
                    .or(lower(projects::summary.assume_not_null())
                        .like(pattern)
                        .escape('\\')),
            );
        }
        if let Some(actor) = filter.shared_with {
            query = query.filter($crate::access::shared_with(actor));
        }
        if let Some(phase) = filter.phase {
            query = query.filter(projects::phase.eq(phase));
        }
        if let Some(axis) = &filter.axis {
            query = query.filter(projects::axis.eq(axis.clone()));
        }
        if let Some(lead) = filter.lead_id {
            query = query.filter(projects::lead_id.eq(lead));
        }
        if let Some(kind) = filter.innovation_type {
            query = query.filter(
                projects::innovation_types
                    .like(json_element_pattern(kind.as_str()))
                    .escape('\\'),
            );
        }
        if let Some(tag) = &filter.tag {
            query = query.filter(projects::tags.like(json_element_pattern(tag)).escape('\\'));
        }
        if let Some(year) = filter.commission_year {
            let first = NaiveDate::from_ymd_opt(year, 1, 1);
            let last = NaiveDate::from_ymd_opt(year, 12, 31);
            if let (Some(first), Some(last)) = (first, last) {
                query = query.filter(projects::commission_date.between(first, last));
            }
        }
        query
    }};
}
pub(crate) use filter_projects;

/// The projects matching the filter, as a query to select from or count.
pub fn filtered(filter: &ProjectFilter) -> projects::BoxedQuery<'static, MultiBackend> {
    filter_projects!(projects::table.into_boxed(), filter)
}

/// A page of the projects matching the filter, or all of them (`None`,
/// for exports), with their count.
pub fn list(
    conn: &mut DbConnection,
    filter: &ProjectFilter,
    sort: &SortSpec,
    page: Option<PageParams>,
) -> ApiResult<(Vec<Project>, i64)> {
    let total: i64 = filtered(filter).count().get_result(conn)?;
    let query = ordered(filtered(filter).select(projects::all_columns), sort);
    let rows: Vec<ProjectRow> = match page {
        Some(page) => query.offset(page.offset()).limit(page.limit()).load(conn)?,
        None => query.load(conn)?,
    };
    Ok((with_finance(conn, rows)?, total))
}

/// A query on the projects in the order `sort` names (one of
/// [`SORTABLE`]), whatever it selects: the list and the roadmap order
/// alike.
pub fn ordered<ST: 'static>(
    query: projects::BoxedQuery<'static, MultiBackend, ST>,
    sort: &SortSpec,
) -> projects::BoxedQuery<'static, MultiBackend, ST> {
    use projects as p;
    match (sort.field.as_str(), sort.descending) {
        ("title", false) => query.order((p::title.asc(), p::id.asc())),
        ("title", true) => query.order((p::title.desc(), p::id.desc())),
        ("phase", false) => query.order((p::phase.asc(), p::reference.asc())),
        ("phase", true) => query.order((p::phase.desc(), p::reference.asc())),
        ("axis", false) => query.order((p::axis.asc(), p::reference.asc())),
        ("axis", true) => query.order((p::axis.desc(), p::reference.asc())),
        ("commission_date", false) => query.order((p::commission_date.asc(), p::id.asc())),
        ("commission_date", true) => query.order((p::commission_date.desc(), p::id.desc())),
        ("decision_date", false) => query.order((p::decision_date.asc(), p::id.asc())),
        ("decision_date", true) => query.order((p::decision_date.desc(), p::id.desc())),
        ("total_cost_cents", false) => query.order((p::total_cost_cents.asc(), p::id.asc())),
        ("total_cost_cents", true) => query.order((p::total_cost_cents.desc(), p::id.desc())),
        ("created_at", false) => query.order((p::created_at.asc(), p::id.asc())),
        ("created_at", true) => query.order((p::created_at.desc(), p::id.desc())),
        ("updated_at", false) => query.order((p::updated_at.asc(), p::id.asc())),
        ("updated_at", true) => query.order((p::updated_at.desc(), p::id.desc())),
        (_, false) => query.order(p::reference.asc()),
        (_, true) => query.order(p::reference.desc()),
    }
}
