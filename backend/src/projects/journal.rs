//! `/api/v1/projects/{id}/journal`: notes, decisions and lessons learned —
//! the unit's memory of each project.

use crate::auth::CurrentUser;
use crate::auth::Editor;
use crate::db::schema::{journal_entries, users};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::records::now;
use crate::records::write::{self, Addressed, Deletable};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::auth::Role;
use shared::ids::{JournalEntryId, ProjectId, UserId};
use shared::projects::{JournalEntry, JournalEntryPatch, JournalKind, NewJournalEntry};
use shared::ErrorBody;

write::versioned_record!(JournalEntry, "journal_entry");

impl Addressed for JournalEntry {
    type Address = (ProjectId, JournalEntryId);

    /// An entry as its author, or a manager, may change it (403 for others).
    fn load(
        conn: &mut DbConnection,
        user: &CurrentUser,
        (project, id): Self::Address,
    ) -> ApiResult<Self> {
        let entry = get_one(conn, project, id)?;
        if entry.author_id != Some(user.id) {
            user.require(Role::is_manager_or_admin)?;
        }
        Ok(entry)
    }
}

impl Deletable for JournalEntry {
    fn remove(conn: &mut DbConnection, entry: &Self) -> ApiResult<()> {
        diesel::delete(journal_entries::table.find(entry.id)).execute(conn)?;
        Ok(())
    }
}

/// An entry with its author's name, as selected (the author joined).
#[derive(Queryable, Selectable)]
#[diesel(table_name = journal_entries)]
struct Row {
    id: JournalEntryId,
    project_id: ProjectId,
    kind: JournalKind,
    body: String,
    author_id: Option<UserId>,
    entry_date: NaiveDate,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i64,
    #[diesel(select_expression = users::display_name.nullable())]
    #[diesel(select_expression_type = diesel::dsl::Nullable<users::display_name>)]
    author_name: Option<String>,
}

impl From<Row> for JournalEntry {
    fn from(row: Row) -> Self {
        JournalEntry {
            id: row.id,
            project_id: row.project_id,
            kind: row.kind,
            body: row.body,
            author_id: row.author_id,
            author_name: row.author_name,
            date: row.entry_date,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            version: row.version,
        }
    }
}

fn select_entries(
    conn: &mut DbConnection,
    project: ProjectId,
    only: Option<JournalEntryId>,
) -> ApiResult<Vec<JournalEntry>> {
    let mut query = journal_entries::table
        .left_join(users::table)
        .filter(journal_entries::project_id.eq(project))
        .into_boxed();
    if let Some(id) = only {
        query = query.filter(journal_entries::id.eq(id));
    }
    let rows: Vec<Row> = query
        .order((
            journal_entries::entry_date.desc(),
            journal_entries::id.desc(),
        ))
        .select(Row::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(JournalEntry::from).collect())
}

fn get_one(
    conn: &mut DbConnection,
    project: ProjectId,
    id: JournalEntryId,
) -> ApiResult<JournalEntry> {
    select_entries(conn, project, Some(id))?
        .pop()
        .ok_or_else(|| ApiError::not_found("journal entry"))
}

crate::records::read_endpoint!(
    /// The project's journal, newest first.
    "/api/v1/projects/{id}/journal" => list, at: ProjectId, caller: CurrentUser,
    answer: ("Entries, newest first", Vec<JournalEntry>),
    read: entries_of,
);

/// A project's entries; a partner sees those written for partners.
fn entries_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project: ProjectId,
) -> ApiResult<Vec<JournalEntry>> {
    let reader = crate::access::project_reader(conn, user, project)?;
    let mut entries = select_entries(conn, project, None)?;
    if reader.partner().is_some() {
        entries.retain(|entry| entry.kind == JournalKind::Partner);
    }
    Ok(entries)
}

write::create_endpoint!(
    /// Write in the journal; the signed-in user is the author.
    "/api/v1/projects/{id}/journal" => create(JournalEntry), caller: CurrentUser, body: NewJournalEntry,
    also: [
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ],
);

impl write::Creatable for JournalEntry {
    type Parent = ProjectId;
    type New = NewJournalEntry;

    fn insert(
        conn: &mut DbConnection,
        user: &CurrentUser,
        project: ProjectId,
        mut input: NewJournalEntry,
    ) -> ApiResult<Self> {
        if crate::access::project_reader(conn, user, project)?
            .partner()
            .is_some()
        {
            // What partners write is an exchange with partners.
            input.kind = JournalKind::Partner;
        }
        let now = now();
        let id: JournalEntryId = diesel::insert_into(journal_entries::table)
            .values((
                journal_entries::project_id.eq(project),
                journal_entries::kind.eq(input.kind),
                journal_entries::body.eq(input.body.trim()),
                journal_entries::author_id.eq(user.id),
                journal_entries::entry_date.eq(input.date.unwrap_or_else(|| now.date())),
                journal_entries::created_at.eq(now),
                journal_entries::updated_at.eq(now),
                journal_entries::version.eq(1_i64),
            ))
            .returning(journal_entries::id)
            .get_result(conn)?;
        get_one(conn, project, id)
    }

    fn created(conn: &mut DbConnection, user: &CurrentUser, entry: &Self) -> ApiResult<()> {
        crate::notifications::events::journal_written(conn, user, entry)
    }
}

write::update_endpoint!(
    /// Correct an entry (its author, or a manager). Needs `If-Match`.
    patch "/api/v1/projects/{id}/journal/{entry_id}" => update(JournalEntry), at: (ProjectId, JournalEntryId),
    caller: Editor, body: JournalEntryPatch,
    also: [
        (status = 403, description = "Neither the author nor a manager", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ],
);

impl write::Changeable for JournalEntry {
    type Change = JournalEntryPatch;

    fn apply(
        conn: &mut DbConnection,
        before: &Self,
        expected: i64,
        patch: JournalEntryPatch,
    ) -> ApiResult<usize> {
        write::guarded_update!(
            conn,
            journal_entries,
            before.id,
            expected,
            (
                journal_entries::kind.eq(patch.kind.unwrap_or(before.kind)),
                journal_entries::body.eq(patch
                    .body
                    .as_deref()
                    .map(str::trim)
                    .unwrap_or(&before.body)),
                journal_entries::entry_date.eq(patch.date.unwrap_or(before.date)),
                journal_entries::updated_at.eq(now()),
                journal_entries::version.eq(expected + 1),
            )
        )
    }
}

write::delete_endpoint!(
    /// Remove an entry (its author, or a manager). Needs `If-Match`.
    "/api/v1/projects/{id}/journal/{entry_id}" => JournalEntry, at: (ProjectId, JournalEntryId), caller: Editor,
    also: [(status = 403, description = "Neither the author nor a manager", body = ErrorBody)]
);
