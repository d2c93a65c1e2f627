//! Funding opportunities: the catalogue of calls for projects and aid
//! schemes (`/api/v1/funding-opportunities`), which of them a project may
//! apply for now, applying (a planned funding line), and their import from
//! a CSV file or an Aides-territoires export. The matching rules are
//! `shared::opportunities`'; here are their storage and their writes.

pub mod handlers;
pub mod import;

use crate::auth::CurrentUser;
use crate::db::schema::funding_opportunities;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::records::write::{self, Addressed, Deletable};
use crate::records::{from_json_list, now, to_json_list};
use crate::settings;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use shared::ids::{ActorId, OpportunityId};
use shared::opportunities::{FundingOpportunity, NewFundingOpportunity, Recurrence};
use shared::FieldError;

write::versioned_record!(FundingOpportunity, "funding_opportunity");

impl Addressed for FundingOpportunity {
    type Address = OpportunityId;

    fn load(conn: &mut DbConnection, _: &CurrentUser, id: OpportunityId) -> ApiResult<Self> {
        get(conn, id)
    }
}

impl Deletable for FundingOpportunity {
    fn remove(conn: &mut DbConnection, opportunity: &Self) -> ApiResult<()> {
        // Lines applied for through it keep their funder and amounts; the
        // foreign key forgets the link.
        diesel::delete(funding_opportunities::table.find(opportunity.id)).execute(conn)?;
        Ok(())
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = funding_opportunities)]
pub struct Row {
    id: OpportunityId,
    name: String,
    funder_id: Option<ActorId>,
    funder_name: String,
    scheme: Option<String>,
    aid_types: String,
    axes: String,
    phases: String,
    perimeter: String,
    subsidy_rate_min: Option<i32>,
    subsidy_rate_max: Option<i32>,
    opens_on: Option<NaiveDate>,
    predeposit_date: Option<NaiveDate>,
    submission_deadline: Option<NaiveDate>,
    recurrence: Recurrence,
    url: Option<String>,
    description: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i64,
}

impl Row {
    pub fn into_api(self) -> ApiResult<FundingOpportunity> {
        Ok(FundingOpportunity {
            id: self.id,
            name: self.name,
            funder_id: self.funder_id,
            funder_name: self.funder_name,
            scheme: self.scheme,
            aid_types: from_json_list(&self.aid_types)?,
            axes: from_json_list(&self.axes)?,
            phases: from_json_list(&self.phases)?,
            perimeter: from_json_list(&self.perimeter)?,
            subsidy_rate_min: self.subsidy_rate_min,
            subsidy_rate_max: self.subsidy_rate_max,
            opens_on: self.opens_on,
            predeposit_date: self.predeposit_date,
            submission_deadline: self.submission_deadline,
            recurrence: self.recurrence,
            url: self.url,
            description: self.description,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
            version: self.version,
        })
    }
}

pub fn find(conn: &mut DbConnection, id: OpportunityId) -> ApiResult<Option<FundingOpportunity>> {
    funding_opportunities::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Row::into_api)
        .transpose()
}

pub fn get(conn: &mut DbConnection, id: OpportunityId) -> ApiResult<FundingOpportunity> {
    find(conn, id)?.ok_or_else(|| ApiError::not_found("funding opportunity"))
}

pub fn find_by_url(conn: &mut DbConnection, url: &str) -> ApiResult<Option<FundingOpportunity>> {
    funding_opportunities::table
        .filter(funding_opportunities::url.eq(url))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Row::into_api)
        .transpose()
}

/// An opportunity checked against the directory and the settings, ready
/// to be written: the funder's name is the linked actor's when not given.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub new: NewFundingOpportunity,
    pub funder_name: String,
}

/// Every rule of an opportunity: its own (`shared`), its axes among the
/// configured ones, its funder in the directory.
pub fn check(conn: &mut DbConnection, new: NewFundingOpportunity) -> ApiResult<Checked> {
    let new = new.normalized();
    let mut problems = new.check();
    let axes = settings::axes(conn)?;
    for (index, axis) in new.axes.iter().enumerate() {
        if !axes.contains(axis) {
            problems.push(FieldError::new(
                format!("axes.{index}"),
                "unknown_axis",
                format!("not one of the configured axes: {}", axes.join(", ")),
            ));
        }
    }
    let mut funder_name = new.funder_name.clone();
    if let Some(funder) = new.funder_id {
        match crate::actors::repo::find(conn, funder)? {
            Some(actor) => {
                funder_name.get_or_insert(actor.name);
            }
            None => problems.push(FieldError::new(
                "funder_id",
                "unknown_actor",
                "no actor has this id",
            )),
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    Ok(Checked {
        funder_name: funder_name.unwrap_or_default(),
        new,
    })
}

/// What a creation or a replacement writes.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = funding_opportunities, treat_none_as_null = true)]
struct Values<'a> {
    name: &'a str,
    funder_id: Option<ActorId>,
    funder_name: &'a str,
    scheme: Option<&'a str>,
    aid_types: String,
    axes: String,
    phases: String,
    perimeter: String,
    subsidy_rate_min: Option<i32>,
    subsidy_rate_max: Option<i32>,
    opens_on: Option<NaiveDate>,
    predeposit_date: Option<NaiveDate>,
    submission_deadline: Option<NaiveDate>,
    recurrence: Recurrence,
    url: Option<&'a str>,
    description: Option<&'a str>,
    updated_at: NaiveDateTime,
    version: i64,
}

impl<'a> Values<'a> {
    fn new(checked: &'a Checked, version: i64) -> ApiResult<Self> {
        let new = &checked.new;
        Ok(Values {
            name: &new.name,
            funder_id: new.funder_id,
            funder_name: &checked.funder_name,
            scheme: new.scheme.as_deref(),
            aid_types: to_json_list(&new.aid_types)?,
            axes: to_json_list(&new.axes)?,
            phases: to_json_list(&new.phases)?,
            perimeter: to_json_list(&new.perimeter)?,
            subsidy_rate_min: new.subsidy_rate_min,
            subsidy_rate_max: new.subsidy_rate_max,
            opens_on: new.opens_on,
            predeposit_date: new.predeposit_date,
            submission_deadline: new.submission_deadline,
            recurrence: new.recurrence,
            url: new.url.as_deref(),
            description: new.description.as_deref(),
            updated_at: now(),
            version,
        })
    }
}

fn url_taken(id: OpportunityId) -> ApiError {
    ApiError::already_exists(
        "url",
        format!("opportunity {id} already has this page: change that one"),
    )
}

fn map_unique(error: DieselError) -> ApiError {
    match error {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            ApiError::already_exists("url", "another opportunity already has this page")
        }
        other => other.into(),
    }
}

fn ensure_url_free(
    conn: &mut DbConnection,
    url: Option<&str>,
    except: Option<OpportunityId>,
) -> ApiResult<()> {
    let Some(url) = url else { return Ok(()) };
    match find_by_url(conn, url)? {
        Some(other) if Some(other.id) != except => Err(url_taken(other.id)),
        _ => Ok(()),
    }
}

/// Records a new opportunity with its audit entry, and tells the people
/// of the projects it suits today.
pub fn create(
    conn: &mut DbConnection,
    user: &CurrentUser,
    checked: &Checked,
) -> ApiResult<FundingOpportunity> {
    ensure_url_free(conn, checked.new.url.as_deref(), None)?;
    let opportunity = write::create(
        conn,
        user,
        |conn| {
            let id: OpportunityId = diesel::insert_into(funding_opportunities::table)
                .values((
                    Values::new(checked, 1)?,
                    funding_opportunities::created_at.eq(now()),
                ))
                .returning(funding_opportunities::id)
                .get_result(conn)
                .map_err(map_unique)?;
            get(conn, id)
        },
        None,
    )?;
    crate::notifications::events::opportunity_published(conn, &opportunity, today())?;
    Ok(opportunity)
}

/// Replaces an opportunity the caller read at `expected` (the write
/// service's guarded update): answers the rows changed.
pub fn replace(
    conn: &mut DbConnection,
    id: OpportunityId,
    expected: i64,
    checked: &Checked,
) -> ApiResult<usize> {
    ensure_url_free(conn, checked.new.url.as_deref(), Some(id))?;
    diesel::update(
        funding_opportunities::table
            .find(id)
            .filter(funding_opportunities::version.eq(expected)),
    )
    .set(Values::new(checked, expected + 1)?)
    .execute(conn)
    .map_err(map_unique)
}

/// The opportunity as written, for comparing a re-import with what is kept.
pub fn as_written(opportunity: &FundingOpportunity) -> NewFundingOpportunity {
    NewFundingOpportunity {
        name: opportunity.name.clone(),
        funder_id: opportunity.funder_id,
        funder_name: Some(opportunity.funder_name.clone()),
        scheme: opportunity.scheme.clone(),
        aid_types: opportunity.aid_types.clone(),
        axes: opportunity.axes.clone(),
        phases: opportunity.phases.clone(),
        perimeter: opportunity.perimeter.clone(),
        subsidy_rate_min: opportunity.subsidy_rate_min,
        subsidy_rate_max: opportunity.subsidy_rate_max,
        opens_on: opportunity.opens_on,
        predeposit_date: opportunity.predeposit_date,
        submission_deadline: opportunity.submission_deadline,
        recurrence: opportunity.recurrence,
        url: opportunity.url.clone(),
        description: opportunity.description.clone(),
    }
    .normalized()
}

/// The day matches are computed for: today in UTC.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}
