//! `/api/v1/projects/{id}/funding-lines`: the financing plan. Each line's
//! status follows the funding process; the project's `finance` figures
//! (secured, gap, leverage) are computed from these lines.

use super::repo;
use crate::actors::repo as actors_repo;
use crate::auth::CurrentUser;
use crate::auth::Editor;
use crate::db::schema::{actors, funding_lines};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::records::now;
use crate::records::write::{self, Addressed, Deletable, Effect, Versioned};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::finance::{FundingCategory, FundingStatus};
use shared::ids::{ActorId, FundingLineId, OpportunityId, ProjectId};
use shared::participants::{FundingFields, FundingLine, FundingLinePatch, NewFundingLine};
use shared::webhooks::WebhookEvent;
use shared::ErrorBody;

/// What a creation or a change of a funding line writes.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = funding_lines, treat_none_as_null = true)]
struct FundingLineValues<'a> {
    funder_id: ActorId,
    category: FundingCategory,
    amount_cents: i64,
    status: FundingStatus,
    label: Option<&'a str>,
    requested_on: Option<NaiveDate>,
    decided_on: Option<NaiveDate>,
    paid_on: Option<NaiveDate>,
    scheme: Option<&'a str>,
    convention_date: Option<NaiveDate>,
    decision_ref: Option<&'a str>,
    lapse_date: Option<NaiveDate>,
    submission_deadline: Option<NaiveDate>,
    updated_at: NaiveDateTime,
    version: i64,
}

impl<'a> FundingLineValues<'a> {
    fn new(fields: &'a FundingFields, version: i64) -> Self {
        FundingLineValues {
            funder_id: fields.funder_id,
            category: fields.category,
            amount_cents: fields.amount_cents,
            status: fields.status,
            label: fields.label.as_deref(),
            requested_on: fields.requested_on,
            decided_on: fields.decided_on,
            paid_on: fields.paid_on,
            scheme: fields.scheme.as_deref(),
            convention_date: fields.convention_date,
            decision_ref: fields.decision_ref.as_deref(),
            lapse_date: fields.lapse_date,
            submission_deadline: fields.submission_deadline,
            updated_at: now(),
            version,
        }
    }
}

impl Versioned for FundingLine {
    const ENTITY: &'static str = "funding_line";

    write::id_and_version!();

    fn effect(before: &Self, after: &Self) -> Effect {
        if after.status == before.status {
            return Effect::update();
        }
        let change = serde_json::json!({
            "project_id": after.project_id,
            "from": before.status,
            "to": after.status,
            "funding_line": after,
        });
        Effect::with_event(
            "status_change",
            WebhookEvent::FundingLineStatusChanged,
            change,
        )
    }
}

impl Addressed for FundingLine {
    type Address = (ProjectId, FundingLineId);

    fn load(
        conn: &mut DbConnection,
        _: &CurrentUser,
        (project, id): Self::Address,
    ) -> ApiResult<Self> {
        get_one(conn, project, id)
    }
}

impl Deletable for FundingLine {
    fn remove(conn: &mut DbConnection, line: &Self) -> ApiResult<()> {
        diesel::delete(funding_lines::table.find(line.id)).execute(conn)?;
        Ok(())
    }
}

/// A funding line with its funder's name, as selected (the funder joined).
#[derive(Queryable, Selectable)]
#[diesel(table_name = funding_lines)]
pub struct Row {
    id: FundingLineId,
    project_id: ProjectId,
    funder_id: ActorId,
    category: FundingCategory,
    amount_cents: i64,
    status: FundingStatus,
    label: Option<String>,
    requested_on: Option<NaiveDate>,
    decided_on: Option<NaiveDate>,
    paid_on: Option<NaiveDate>,
    scheme: Option<String>,
    convention_date: Option<NaiveDate>,
    decision_ref: Option<String>,
    lapse_date: Option<NaiveDate>,
    submission_deadline: Option<NaiveDate>,
    opportunity_id: Option<OpportunityId>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i64,
    #[diesel(select_expression = actors::name)]
    #[diesel(select_expression_type = actors::name)]
    funder_name: String,
}

impl From<Row> for FundingLine {
    fn from(row: Row) -> Self {
        FundingLine {
            id: row.id,
            project_id: row.project_id,
            funder_id: row.funder_id,
            funder_name: row.funder_name,
            category: row.category,
            amount_cents: row.amount_cents,
            status: row.status,
            label: row.label,
            requested_on: row.requested_on,
            decided_on: row.decided_on,
            paid_on: row.paid_on,
            scheme: row.scheme,
            convention_date: row.convention_date,
            decision_ref: row.decision_ref,
            lapse_date: row.lapse_date,
            submission_deadline: row.submission_deadline,
            opportunity_id: row.opportunity_id,
            allowed_statuses: row.status.allowed_moves().to_vec(),
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            version: row.version,
        }
    }
}

/// A project's funding lines (or one of them), oldest first.
pub fn select_lines(
    conn: &mut DbConnection,
    project: ProjectId,
    only: Option<FundingLineId>,
) -> ApiResult<Vec<FundingLine>> {
    let mut query = funding_lines::table
        .inner_join(actors::table)
        .filter(funding_lines::project_id.eq(project))
        .into_boxed();
    if let Some(id) = only {
        query = query.filter(funding_lines::id.eq(id));
    }
    let rows: Vec<Row> = query
        .order(funding_lines::id.asc())
        .select(Row::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(FundingLine::from).collect())
}

fn get_one(
    conn: &mut DbConnection,
    project: ProjectId,
    id: FundingLineId,
) -> ApiResult<FundingLine> {
    select_lines(conn, project, Some(id))?
        .pop()
        .ok_or_else(|| ApiError::not_found("funding line"))
}

fn ensure_funder(conn: &mut DbConnection, funder: ActorId) -> ApiResult<()> {
    match actors_repo::find(conn, funder)? {
        Some(_) => Ok(()),
        None => Err(ApiError::field(
            "funder_id",
            "unknown_actor",
            "the funder must be an actor of the directory",
        )),
    }
}

/// Writes a new line of the project's financing plan, at version 1, and
/// the opportunity it was applied for through, if any. The fields are the
/// caller's to have checked ([`FundingFields::check`]).
pub fn insert_line(
    conn: &mut DbConnection,
    project: ProjectId,
    fields: &FundingFields,
    opportunity: Option<OpportunityId>,
) -> ApiResult<FundingLineId> {
    Ok(diesel::insert_into(funding_lines::table)
        .values((
            FundingLineValues::new(fields, 1),
            funding_lines::project_id.eq(project),
            funding_lines::opportunity_id.eq(opportunity),
            funding_lines::created_at.eq(now()),
        ))
        .returning(funding_lines::id)
        .get_result(conn)?)
}

/// Records a new line of an existing project, with its audit entry.
pub fn create_line(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project: ProjectId,
    fields: &FundingFields,
    opportunity: Option<OpportunityId>,
) -> ApiResult<FundingLine> {
    write::create(
        conn,
        user,
        |conn| {
            let id = insert_line(conn, project, fields, opportunity)?;
            get_one(conn, project, id)
        },
        None,
    )
}

crate::records::read_endpoint!(
    /// The project's financing plan.
    "/api/v1/projects/{id}/funding-lines" => list, at: ProjectId, caller: CurrentUser,
    answer: ("Funding lines", Vec<FundingLine>),
    read: lines_of,
);

/// A project's funding lines; a partner's own only.
fn lines_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project: ProjectId,
) -> ApiResult<Vec<FundingLine>> {
    let reader = crate::access::project_reader(conn, user, project)?;
    let mut lines = select_lines(conn, project, None)?;
    if let Some(actor) = reader.partner() {
        lines.retain(|line| line.funder_id == actor);
    }
    Ok(lines)
}

write::create_endpoint!(
    /// Add a funding line (status `planned` unless given: an existing
    /// portfolio may bring lines already granted or paid).
    "/api/v1/projects/{id}/funding-lines" => create(FundingLine), caller: Editor, body: NewFundingLine,
    also: [(status = 422, description = "Invalid fields, unknown funder", body = ErrorBody)],
);

impl write::Creatable for FundingLine {
    type Parent = ProjectId;
    type New = NewFundingLine;

    fn insert(
        conn: &mut DbConnection,
        _: &CurrentUser,
        project: ProjectId,
        new: NewFundingLine,
    ) -> ApiResult<Self> {
        let fields = FundingFields::from_new(new);
        repo::ensure_exists(conn, project)?;
        ensure_funder(conn, fields.funder_id)?;
        let id = insert_line(conn, project, &fields, None)?;
        get_one(conn, project, id)
    }
}

write::update_endpoint!(
    /// Change a funding line; a status change must follow the funding process
    /// (`planned → requested → granted | refused`, `granted → paid`). Needs `If-Match`.
    patch "/api/v1/projects/{id}/funding-lines/{line_id}" => update(FundingLine), at: (ProjectId, FundingLineId),
    caller: Editor, body: FundingLinePatch,
    also: [(status = 422, description = "Invalid fields or status move", body = ErrorBody)],
);

impl write::Changeable for FundingLine {
    type Change = FundingLinePatch;

    fn apply(
        conn: &mut DbConnection,
        before: &Self,
        expected: i64,
        patch: FundingLinePatch,
    ) -> ApiResult<usize> {
        let fields = FundingFields::patched(before, patch).map_err(ApiError::validation)?;
        let problems = fields.check();
        if !problems.is_empty() {
            return Err(ApiError::validation(problems));
        }
        if fields.funder_id != before.funder_id {
            ensure_funder(conn, fields.funder_id)?;
        }
        if fields.amount_cents < before.amount_cents {
            let scheduled = crate::programming::credits::scheduled_cents(conn, before.id)?;
            if fields.amount_cents < scheduled {
                return Err(ApiError::field(
                    "amount_cents",
                    "below_schedule",
                    "the amount cannot be below the receipts its schedule expects",
                ));
            }
        }
        write::guarded_update!(
            conn,
            funding_lines,
            before.id,
            expected,
            FundingLineValues::new(&fields, expected + 1)
        )
    }
}

write::delete_endpoint!(
    /// Remove a funding line. Needs `If-Match`.
    "/api/v1/projects/{id}/funding-lines/{line_id}" => FundingLine, at: (ProjectId, FundingLineId), caller: Editor
);
