//! A project's CP by year (`/projects/{id}/payment-credits`) and a funding
//! line's receipts by year (`/projects/{id}/funding-lines/{line_id}/schedule`).
//! Each is sent whole with `If-Match`: the CP under the project's version,
//! the schedule under the line's. A change moves that version on, so two
//! people editing the same grid cannot overwrite each other.

use crate::auth::{CurrentUser, Editor, Staff};
use crate::db::schema::{funding_lines, funding_schedules, payment_credits, projects};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::records::now;
use crate::records::write::{self, Addressed, Effect, Versioned};
use diesel::prelude::*;
use shared::ids::{FundingLineId, ProjectId};
use shared::programming::{
    CreditYear, FundingSchedule, LineSchedule, PaymentCredits, ProjectPaymentCredits, ScheduleYear,
};
use shared::webhooks::WebhookEvent;
use shared::ErrorBody;

impl Versioned for ProjectPaymentCredits {
    const ENTITY: &'static str = "payment_credits";

    fn key(&self) -> impl std::fmt::Display {
        self.project_id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn effect(_before: &Self, after: &Self) -> Effect {
        let change = serde_json::json!({
            "project_id": after.project_id,
            "change": "payment_credits",
            "years": after.years,
        });
        Effect::with_event("update", WebhookEvent::ProgrammeChanged, change)
    }
}

impl Addressed for ProjectPaymentCredits {
    type Address = ProjectId;

    fn load(conn: &mut DbConnection, _: &CurrentUser, project: ProjectId) -> ApiResult<Self> {
        let (ap_cents, version): (Option<i64>, i64) = projects::table
            .find(project)
            .select((projects::ap_cents, projects::version))
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found("project"))?;
        Ok(ProjectPaymentCredits {
            project_id: project,
            ap_cents,
            version,
            years: credits_of(conn, project)?,
        })
    }
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = payment_credits)]
struct CreditRow {
    project_id: ProjectId,
    year: i32,
    planned_cents: i64,
    paid_cents: i64,
}

/// A project's CP by year, oldest first.
pub fn credits_of(conn: &mut DbConnection, project: ProjectId) -> ApiResult<Vec<CreditYear>> {
    let rows: Vec<CreditRow> = payment_credits::table
        .filter(payment_credits::project_id.eq(project))
        .order(payment_credits::year.asc())
        .select(CreditRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| CreditYear {
            year: row.year,
            planned_cents: row.planned_cents,
            paid_cents: row.paid_cents,
        })
        .collect())
}

/// Writes the project's CP in place of those it had. The rules are the
/// caller's to have checked ([`PaymentCredits::check`]).
fn replace_credits(
    conn: &mut DbConnection,
    project: ProjectId,
    credits: &PaymentCredits,
) -> ApiResult<()> {
    diesel::delete(payment_credits::table.filter(payment_credits::project_id.eq(project)))
        .execute(conn)?;
    // One row at a time: the multi-backend connection has no batch
    // insert, and a project has a few years.
    for c in &credits.years {
        diesel::insert_into(payment_credits::table)
            .values(CreditRow {
                project_id: project,
                year: c.year,
                planned_cents: c.planned_cents,
                paid_cents: c.paid_cents,
            })
            .execute(conn)?;
    }
    Ok(())
}

/// Sets a project's CP outside a request (the demo portfolio): checked
/// against the project's AP in force as `PUT …/payment-credits` checks
/// them (422), without moving its version.
pub fn set_credits(
    conn: &mut DbConnection,
    project: ProjectId,
    credits: &PaymentCredits,
) -> ApiResult<()> {
    let ap_cents: Option<i64> = projects::table
        .find(project)
        .select(projects::ap_cents)
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("project"))?;
    let problems = credits.check(ap_cents);
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    replace_credits(conn, project, credits)
}

write::get_endpoint!(
    /// The project's CP by year, with its AP; the `ETag` is the project's
    /// version.
    "/api/v1/projects/{id}/payment-credits" => get_credits(ProjectPaymentCredits), at: ProjectId,
    caller: Staff, answer: "The CP, by year",
);

write::update_endpoint!(
    /// Replace the project's CP (every year: those left out have none). Each
    /// year once, `paid_cents ≤ planned_cents`, and under an AP the sum
    /// planned at most the AP. Needs `If-Match` with the project's version,
    /// which the change moves on.
    put "/api/v1/projects/{id}/payment-credits" => put_credits(ProjectPaymentCredits), at: ProjectId,
    caller: Editor, body: PaymentCredits,
    also: [(status = 422, description = "A rule of the CP broken (the field named)", body = ErrorBody)],
);

impl write::Changeable for ProjectPaymentCredits {
    type Change = PaymentCredits;

    fn apply(
        conn: &mut DbConnection,
        before: &Self,
        expected: i64,
        credits: PaymentCredits,
    ) -> ApiResult<usize> {
        let problems = credits.check(before.ap_cents);
        if !problems.is_empty() {
            return Err(ApiError::validation(problems));
        }
        let project = before.project_id;
        let moved = write::guarded_update!(
            conn,
            projects,
            project,
            expected,
            (
                projects::version.eq(expected + 1),
                projects::updated_at.eq(now())
            )
        )?;
        if moved == 0 {
            return Ok(0);
        }
        replace_credits(conn, project, &credits)?;
        Ok(moved)
    }
}

impl Versioned for LineSchedule {
    const ENTITY: &'static str = "funding_schedule";

    fn key(&self) -> impl std::fmt::Display {
        self.funding_line_id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn effect(_before: &Self, after: &Self) -> Effect {
        let change = serde_json::json!({
            "project_id": after.project_id,
            "funding_line_id": after.funding_line_id,
            "change": "funding_schedule",
            "years": after.years,
        });
        Effect::with_event("update", WebhookEvent::ProgrammeChanged, change)
    }
}

impl Addressed for LineSchedule {
    type Address = (ProjectId, FundingLineId);

    fn load(
        conn: &mut DbConnection,
        _: &CurrentUser,
        (project, line): Self::Address,
    ) -> ApiResult<Self> {
        let (amount_cents, version): (i64, i64) = funding_lines::table
            .find(line)
            .filter(funding_lines::project_id.eq(project))
            .select((funding_lines::amount_cents, funding_lines::version))
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found("funding line"))?;
        Ok(LineSchedule {
            funding_line_id: line,
            project_id: project,
            amount_cents,
            version,
            years: schedule_of(conn, line)?,
        })
    }
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = funding_schedules)]
struct ScheduleRow {
    funding_line_id: FundingLineId,
    year: i32,
    expected_cents: i64,
    received_cents: i64,
}

fn schedule_of(conn: &mut DbConnection, line: FundingLineId) -> ApiResult<Vec<ScheduleYear>> {
    let rows: Vec<ScheduleRow> = funding_schedules::table
        .filter(funding_schedules::funding_line_id.eq(line))
        .order(funding_schedules::year.asc())
        .select(ScheduleRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| ScheduleYear {
            year: row.year,
            expected_cents: row.expected_cents,
            received_cents: row.received_cents,
        })
        .collect())
}

/// Writes the line's schedule in place of the one it had. The rules are
/// the caller's to have checked ([`FundingSchedule::check`]).
fn replace_schedule(
    conn: &mut DbConnection,
    line: FundingLineId,
    schedule: &FundingSchedule,
) -> ApiResult<()> {
    diesel::delete(funding_schedules::table.filter(funding_schedules::funding_line_id.eq(line)))
        .execute(conn)?;
    // One row at a time, as for the CP.
    for s in &schedule.years {
        diesel::insert_into(funding_schedules::table)
            .values(ScheduleRow {
                funding_line_id: line,
                year: s.year,
                expected_cents: s.expected_cents,
                received_cents: s.received_cents,
            })
            .execute(conn)?;
    }
    Ok(())
}

/// Sets a funding line's schedule outside a request (the demo portfolio):
/// checked against the line's amount as `PUT …/schedule` checks it (422),
/// without moving its version.
pub fn set_schedule(
    conn: &mut DbConnection,
    line: FundingLineId,
    schedule: &FundingSchedule,
) -> ApiResult<()> {
    let amount_cents: i64 = funding_lines::table
        .find(line)
        .select(funding_lines::amount_cents)
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("funding line"))?;
    let problems = schedule.check(amount_cents);
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    replace_schedule(conn, line, schedule)
}

/// Σ receipts expected of a line: its amount may not go below it.
pub fn scheduled_cents(conn: &mut DbConnection, line: FundingLineId) -> ApiResult<i64> {
    Ok(schedule_of(conn, line)?
        .iter()
        .map(|s| s.expected_cents)
        .sum())
}

write::get_endpoint!(
    /// The funding line's receipts by year; the `ETag` is the line's version.
    "/api/v1/projects/{id}/funding-lines/{line_id}/schedule" => get_schedule(LineSchedule), at: (ProjectId, FundingLineId),
    caller: Staff, answer: "The receipts, by year",
);

write::update_endpoint!(
    /// Replace the funding line's schedule. Each year once,
    /// `received_cents ≤ expected_cents`, the sum expected at most the line's
    /// amount. Needs `If-Match` with the line's version, which the change
    /// moves on.
    put "/api/v1/projects/{id}/funding-lines/{line_id}/schedule" => put_schedule(LineSchedule), at: (ProjectId, FundingLineId),
    caller: Editor, body: FundingSchedule,
    also: [(status = 422, description = "A rule of the schedule broken (the field named)", body = ErrorBody)],
);

impl write::Changeable for LineSchedule {
    type Change = FundingSchedule;

    fn apply(
        conn: &mut DbConnection,
        before: &Self,
        expected: i64,
        schedule: FundingSchedule,
    ) -> ApiResult<usize> {
        let problems = schedule.check(before.amount_cents);
        if !problems.is_empty() {
            return Err(ApiError::validation(problems));
        }
        let line = before.funding_line_id;
        let moved = write::guarded_update!(
            conn,
            funding_lines,
            line,
            expected,
            (
                funding_lines::version.eq(expected + 1),
                funding_lines::updated_at.eq(now())
            )
        )?;
        if moved == 0 {
            return Ok(0);
        }
        replace_schedule(conn, line, &schedule)?;
        Ok(moved)
    }
}
