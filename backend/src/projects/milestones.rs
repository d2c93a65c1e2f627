//! `/api/v1/projects/{id}/milestones`: the project's schedule.

use super::repo;
use crate::auth::CurrentUser;
use crate::auth::Editor;
use crate::db::schema::milestones;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::records::now;
use crate::records::write::{self, Addressed, Deletable};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::ids::{MilestoneId, ProjectId};
use shared::patch::apply;
use shared::projects::{Milestone, MilestonePatch, NewMilestone};
use shared::ErrorBody;

/// A milestone as stored.
#[derive(Queryable, Selectable)]
#[diesel(table_name = milestones)]
struct MilestoneRow {
    id: MilestoneId,
    project_id: ProjectId,
    title: String,
    due_date: Option<NaiveDate>,
    done_date: Option<NaiveDate>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i64,
}

impl From<MilestoneRow> for Milestone {
    fn from(row: MilestoneRow) -> Self {
        Milestone {
            id: row.id,
            project_id: row.project_id,
            title: row.title,
            due_date: row.due_date,
            done_date: row.done_date,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            version: row.version,
        }
    }
}

/// What a creation or a change writes.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = milestones, treat_none_as_null = true)]
struct MilestoneValues<'a> {
    title: &'a str,
    due_date: Option<NaiveDate>,
    done_date: Option<NaiveDate>,
    updated_at: NaiveDateTime,
    version: i64,
}

write::versioned_record!(Milestone, "milestone");

impl Addressed for Milestone {
    type Address = (ProjectId, MilestoneId);

    fn load(
        conn: &mut DbConnection,
        _: &CurrentUser,
        (project, id): Self::Address,
    ) -> ApiResult<Self> {
        milestones::table
            .filter(milestones::id.eq(id))
            .filter(milestones::project_id.eq(project))
            .select(MilestoneRow::as_select())
            .first(conn)
            .optional()?
            .map(Milestone::from)
            .ok_or_else(|| ApiError::not_found("milestone"))
    }
}

impl Deletable for Milestone {
    fn remove(conn: &mut DbConnection, milestone: &Self) -> ApiResult<()> {
        diesel::delete(milestones::table.find(milestone.id)).execute(conn)?;
        Ok(())
    }
}

/// A project's milestones by due date.
pub fn of_project(conn: &mut DbConnection, project: ProjectId) -> ApiResult<Vec<Milestone>> {
    let rows: Vec<MilestoneRow> = milestones::table
        .filter(milestones::project_id.eq(project))
        .order((milestones::due_date.asc(), milestones::id.asc()))
        .select(MilestoneRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Milestone::from).collect())
}

crate::records::read_endpoint!(
    /// The project's milestones, by due date.
    "/api/v1/projects/{id}/milestones" => list, at: ProjectId, caller: CurrentUser,
    answer: ("Milestones", Vec<Milestone>),
    read: milestones_of,
);

fn milestones_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project: ProjectId,
) -> ApiResult<Vec<Milestone>> {
    crate::access::project_reader(conn, user, project)?;
    of_project(conn, project)
}

write::create_endpoint!(
    /// Add a milestone.
    "/api/v1/projects/{id}/milestones" => create(Milestone), caller: Editor, body: NewMilestone,
    also: [(status = 422, description = "Invalid fields", body = ErrorBody)],
);

impl write::Creatable for Milestone {
    type Parent = ProjectId;
    type New = NewMilestone;

    fn insert(
        conn: &mut DbConnection,
        _: &CurrentUser,
        project: ProjectId,
        input: NewMilestone,
    ) -> ApiResult<Self> {
        repo::ensure_exists(conn, project)?;
        let values = MilestoneValues {
            title: input.title.trim(),
            due_date: input.due_date,
            done_date: input.done_date,
            updated_at: now(),
            version: 1,
        };
        let row: MilestoneRow = diesel::insert_into(milestones::table)
            .values((
                values,
                milestones::project_id.eq(project),
                milestones::created_at.eq(now()),
            ))
            .returning(milestones::all_columns)
            .get_result(conn)?;
        Ok(Milestone::from(row))
    }
}

write::update_endpoint!(
    /// Change a milestone (e.g. mark it done). Needs `If-Match`.
    patch "/api/v1/projects/{id}/milestones/{milestone_id}" => update(Milestone), at: (ProjectId, MilestoneId),
    caller: Editor, body: MilestonePatch,
    also: [(status = 422, description = "Invalid fields", body = ErrorBody)],
);

impl write::Changeable for Milestone {
    type Change = MilestonePatch;

    fn apply(
        conn: &mut DbConnection,
        before: &Self,
        expected: i64,
        patch: MilestonePatch,
    ) -> ApiResult<usize> {
        let title = patch
            .title
            .as_deref()
            .map(str::trim)
            .unwrap_or(&before.title);
        let changes = MilestoneValues {
            title,
            due_date: apply(&before.due_date, &patch.due_date),
            done_date: apply(&before.done_date, &patch.done_date),
            updated_at: now(),
            version: expected + 1,
        };
        write::guarded_update!(conn, milestones, before.id, expected, changes)
    }
}

write::delete_endpoint!(
    /// Remove a milestone. Needs `If-Match`.
    "/api/v1/projects/{id}/milestones/{milestone_id}" => Milestone, at: (ProjectId, MilestoneId), caller: Editor
);
