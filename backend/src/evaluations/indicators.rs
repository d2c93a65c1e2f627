//! `/api/v1/projects/{id}/indicators` and their measurements. Values are
//! stored as the exact decimal text they were given; progress and status
//! are derived on every read from the latest measurement.

use crate::access::project_reader;
use crate::auth::CurrentUser;
use crate::auth::Editor;
use crate::db::schema::{indicator_measurements, indicators};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IfMatch, Json};
use crate::projects::repo as projects;
use crate::records::write::{self, Addressed, Deletable};
use crate::records::{created, now};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use rust_decimal::Decimal;
use shared::ids::{IndicatorId, MeasurementId, ProjectId, UserId};
use shared::indicators::{
    reading, Direction, Indicator, IndicatorAchievement, IndicatorFields, IndicatorLevel,
    IndicatorPatch, Measurement, NewMeasurement,
};
use shared::validation::Validate;
use shared::webhooks::WebhookEvent;
use shared::ErrorBody;
use std::collections::HashMap;
use std::str::FromStr;

write::versioned_record!(Indicator, "indicator");

impl Addressed for Indicator {
    type Address = (ProjectId, IndicatorId);

    fn load(
        conn: &mut DbConnection,
        _: &CurrentUser,
        (project, id): Self::Address,
    ) -> ApiResult<Self> {
        get_one(conn, project, id)
    }

    /// For whoever may read the project.
    fn read(
        conn: &mut DbConnection,
        user: &CurrentUser,
        (project, id): Self::Address,
    ) -> ApiResult<Self> {
        project_reader(conn, user, project)?;
        get_one(conn, project, id)
    }
}

impl Deletable for Indicator {
    /// The indicator and its measurements.
    fn remove(conn: &mut DbConnection, indicator: &Self) -> ApiResult<()> {
        diesel::delete(
            indicator_measurements::table
                .filter(indicator_measurements::indicator_id.eq(indicator.id)),
        )
        .execute(conn)?;
        diesel::delete(indicators::table.find(indicator.id)).execute(conn)?;
        Ok(())
    }
}

write::versioned_record!(Measurement, "indicator_measurement");

/// What a creation or a change of an indicator writes.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = indicators, treat_none_as_null = true)]
struct IndicatorValues<'a> {
    name: &'a str,
    unit: &'a str,
    level: IndicatorLevel,
    direction: Direction,
    description: Option<&'a str>,
    baseline_value: String,
    baseline_date: NaiveDate,
    target_value: String,
    target_date: NaiveDate,
    public: bool,
    updated_at: NaiveDateTime,
    version: i64,
}

impl<'a> IndicatorValues<'a> {
    fn new(fields: &'a IndicatorFields, version: i64) -> Self {
        IndicatorValues {
            name: fields.name.trim(),
            unit: fields.unit.trim(),
            level: fields.level,
            direction: fields.direction,
            description: fields.description.as_deref(),
            baseline_value: fields.baseline_value.to_string(),
            baseline_date: fields.baseline_date,
            target_value: fields.target_value.to_string(),
            target_date: fields.target_date,
            public: fields.public,
            updated_at: now(),
            version,
        }
    }
}

#[derive(Debug, Clone, Queryable)]
pub struct IndicatorRow {
    pub id: IndicatorId,
    pub project_id: ProjectId,
    pub name: String,
    pub unit: String,
    pub level: IndicatorLevel,
    pub direction: Direction,
    pub description: Option<String>,
    pub baseline_value: String,
    pub baseline_date: NaiveDate,
    pub target_value: String,
    pub target_date: NaiveDate,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
    pub public: bool,
}

pub fn decimal(text: &str) -> ApiResult<Decimal> {
    Decimal::from_str(text)
        .map_err(|e| ApiError::internal(anyhow::anyhow!("stored decimal `{text}`: {e}")))
}

impl IndicatorRow {
    pub fn fields(&self) -> ApiResult<IndicatorFields> {
        Ok(IndicatorFields {
            name: self.name.clone(),
            unit: self.unit.clone(),
            level: self.level,
            direction: self.direction,
            description: self.description.clone(),
            baseline_value: decimal(&self.baseline_value)?,
            baseline_date: self.baseline_date,
            target_value: decimal(&self.target_value)?,
            target_date: self.target_date,
            public: self.public,
        })
    }
}

/// The latest measurement (by date, then by entry) of each indicator, and
/// their counts.
pub struct Latest {
    pub latest: HashMap<IndicatorId, (NaiveDate, Decimal)>,
    pub counts: HashMap<IndicatorId, u64>,
}

pub fn latest_measurements(conn: &mut DbConnection, ids: &[IndicatorId]) -> ApiResult<Latest> {
    let mut latest = HashMap::new();
    let mut counts: HashMap<IndicatorId, u64> = HashMap::new();
    for (id, date, value) in measured_values(conn, ids)? {
        *counts.entry(id).or_default() += 1;
        latest.insert(id, (date, value));
    }
    Ok(Latest { latest, counts })
}

/// Every measurement of these indicators as (indicator, date, value), each
/// indicator's in the order they were measured.
pub fn measured_values(
    conn: &mut DbConnection,
    ids: &[IndicatorId],
) -> ApiResult<Vec<(IndicatorId, NaiveDate, Decimal)>> {
    let mut values = Vec::new();
    // Chunks keep the IN list within every database's parameter limit.
    for chunk in ids.chunks(500) {
        let rows: Vec<(IndicatorId, NaiveDate, String)> = indicator_measurements::table
            .filter(indicator_measurements::indicator_id.eq_any(chunk))
            .order((
                indicator_measurements::indicator_id.asc(),
                indicator_measurements::measured_on.asc(),
                indicator_measurements::id.asc(),
            ))
            .select((
                indicator_measurements::indicator_id,
                indicator_measurements::measured_on,
                indicator_measurements::value,
            ))
            .load(conn)?;
        for (id, date, value) in rows {
            values.push((id, date, decimal(&value)?));
        }
    }
    Ok(values)
}

pub fn to_api(row: IndicatorRow, latest: &Latest) -> ApiResult<Indicator> {
    let fields = row.fields()?;
    Ok(Indicator {
        id: row.id,
        project_id: row.project_id,
        reading: reading(&fields, latest.latest.get(&row.id).copied()),
        fields,
        measurements_count: latest.counts.get(&row.id).copied().unwrap_or(0),
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
        version: row.version,
    })
}

fn rows_of(conn: &mut DbConnection, project: ProjectId) -> ApiResult<Vec<IndicatorRow>> {
    Ok(indicators::table
        .filter(indicators::project_id.eq(project))
        .order(indicators::id.asc())
        .select(indicators::all_columns)
        .load(conn)?)
}

pub fn of_project(conn: &mut DbConnection, project: ProjectId) -> ApiResult<Vec<Indicator>> {
    let rows = rows_of(conn, project)?;
    let ids: Vec<IndicatorId> = rows.iter().map(|r| r.id).collect();
    let latest = latest_measurements(conn, &ids)?;
    rows.into_iter().map(|row| to_api(row, &latest)).collect()
}

/// What each indicator of the project achieved, for the comparison.
pub fn achievements(
    conn: &mut DbConnection,
    project: ProjectId,
) -> ApiResult<Vec<IndicatorAchievement>> {
    Ok(of_project(conn, project)?
        .into_iter()
        .map(|indicator| IndicatorAchievement {
            indicator_id: indicator.id,
            name: indicator.fields.name,
            unit: indicator.fields.unit,
            level: indicator.fields.level,
            target_value: indicator.fields.target_value,
            reading: indicator.reading,
        })
        .collect())
}

pub fn get_one(
    conn: &mut DbConnection,
    project: ProjectId,
    id: IndicatorId,
) -> ApiResult<Indicator> {
    let row: IndicatorRow = indicators::table
        .filter(indicators::id.eq(id))
        .filter(indicators::project_id.eq(project))
        .select(indicators::all_columns)
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("indicator"))?;
    let latest = latest_measurements(conn, &[id])?;
    to_api(row, &latest)
}

crate::records::read_endpoint!(
    /// The project's indicators with their progress and status.
    "/api/v1/projects/{id}/indicators" => list, at: ProjectId, caller: CurrentUser,
    answer: ("Indicators", Vec<Indicator>),
    read: indicators_of,
);

fn indicators_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project: ProjectId,
) -> ApiResult<Vec<Indicator>> {
    project_reader(conn, user, project)?;
    of_project(conn, project)
}

write::create_endpoint!(
    /// Define an indicator: what is measured, from which baseline to which
    /// target. Values are decimals, sent as strings (or numbers).
    "/api/v1/projects/{id}/indicators" => create(Indicator), caller: Editor, body: IndicatorFields,
    also: [(status = 422, description = "Invalid fields", body = ErrorBody)],
);

impl write::Creatable for Indicator {
    type Parent = ProjectId;
    type New = IndicatorFields;

    fn insert(
        conn: &mut DbConnection,
        _: &CurrentUser,
        project: ProjectId,
        fields: IndicatorFields,
    ) -> ApiResult<Self> {
        projects::ensure_exists(conn, project)?;
        let id: IndicatorId = diesel::insert_into(indicators::table)
            .values((
                IndicatorValues::new(&fields, 1),
                indicators::project_id.eq(project),
                indicators::created_at.eq(now()),
            ))
            .returning(indicators::id)
            .get_result(conn)?;
        get_one(conn, project, id)
    }
}

write::get_endpoint!(
    /// One indicator with its progress and status.
    "/api/v1/projects/{id}/indicators/{indicator_id}" => get(Indicator), at: (ProjectId, IndicatorId),
    caller: CurrentUser, answer: "The indicator",
);

write::update_endpoint!(
    /// Change an indicator's definition. Needs `If-Match`.
    patch "/api/v1/projects/{id}/indicators/{indicator_id}" => update(Indicator), at: (ProjectId, IndicatorId),
    caller: Editor, body: IndicatorPatch,
    also: [(status = 422, description = "Invalid fields", body = ErrorBody)],
);

impl write::Changeable for Indicator {
    type Change = IndicatorPatch;

    fn apply(
        conn: &mut DbConnection,
        before: &Self,
        expected: i64,
        patch: IndicatorPatch,
    ) -> ApiResult<usize> {
        let fields = patch.applied_to(&before.fields);
        let problems = fields.validate();
        if !problems.is_empty() {
            return Err(ApiError::validation(problems));
        }
        write::guarded_update!(
            conn,
            indicators,
            before.id,
            expected,
            IndicatorValues::new(&fields, expected + 1)
        )
    }
}

write::delete_endpoint!(
    /// Remove an indicator and its measurements. Needs `If-Match`.
    "/api/v1/projects/{id}/indicators/{indicator_id}" => Indicator, at: (ProjectId, IndicatorId), caller: Editor
);

/// A measurement as stored (its value as decimal text).
#[derive(Queryable, Selectable)]
#[diesel(table_name = indicator_measurements)]
struct MeasurementRow {
    id: MeasurementId,
    indicator_id: IndicatorId,
    measured_on: NaiveDate,
    value: String,
    comment: Option<String>,
    recorded_by: Option<UserId>,
    created_at: NaiveDateTime,
    version: i64,
}

fn measurement_to_api(row: MeasurementRow) -> ApiResult<Measurement> {
    Ok(Measurement {
        id: row.id,
        indicator_id: row.indicator_id,
        date: row.measured_on,
        value: decimal(&row.value)?,
        comment: row.comment,
        recorded_by: row.recorded_by,
        created_at: row.created_at.and_utc(),
        version: row.version,
    })
}

fn get_measurement(
    conn: &mut DbConnection,
    indicator: IndicatorId,
    id: MeasurementId,
) -> ApiResult<Measurement> {
    let row: MeasurementRow = indicator_measurements::table
        .filter(indicator_measurements::id.eq(id))
        .filter(indicator_measurements::indicator_id.eq(indicator))
        .select(MeasurementRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("measurement"))?;
    measurement_to_api(row)
}

/// An indicator's measurements, oldest first.
pub fn measurements_of(
    conn: &mut DbConnection,
    indicator: IndicatorId,
) -> ApiResult<Vec<Measurement>> {
    let rows: Vec<MeasurementRow> = indicator_measurements::table
        .filter(indicator_measurements::indicator_id.eq(indicator))
        .order((
            indicator_measurements::measured_on.asc(),
            indicator_measurements::id.asc(),
        ))
        .select(MeasurementRow::as_select())
        .load(conn)?;
    rows.into_iter().map(measurement_to_api).collect()
}

crate::records::read_endpoint!(
    /// The indicator's measurements, by date.
    "/api/v1/projects/{id}/indicators/{indicator_id}/measurements" => measurements, at: (ProjectId, IndicatorId), caller: CurrentUser,
    answer: ("Measurements, oldest first", Vec<Measurement>),
    read: readings_of,
);

fn readings_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    (project, id): (ProjectId, IndicatorId),
) -> ApiResult<Vec<Measurement>> {
    project_reader(conn, user, project)?;
    get_one(conn, project, id)?;
    measurements_of(conn, id)
}

/// Record a measurement, dated between the baseline and today.
#[utoipa::path(
    post, path = "/api/v1/projects/{id}/indicators/{indicator_id}/measurements",
    request_body = NewMeasurement,
    responses(
        (status = 201, description = "Recorded", body = Measurement),
        (status = 422, description = "Date before the baseline or in the future", body = ErrorBody),
    )
)]
pub async fn add_measurement(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(ProjectId, IndicatorId)>,
    body: Json<NewMeasurement>,
) -> ApiResult<HttpResponse> {
    // Partners record measurements on the projects shared with them (the
    // table's EditorOrPartner; the project is checked below).
    let (project, indicator) = path.into_inner();
    let input = body.0;
    let measurement = state
        .db
        .write(move |conn| {
            project_reader(conn, &user, project)?;
            let definition = get_one(conn, project, indicator)?.fields;
            let problems = input.check_date(&definition, chrono::Utc::now().date_naive());
            if !problems.is_empty() {
                return Err(ApiError::validation(problems));
            }
            let row: MeasurementRow = diesel::insert_into(indicator_measurements::table)
                .values((
                    indicator_measurements::indicator_id.eq(indicator),
                    indicator_measurements::measured_on.eq(input.date),
                    indicator_measurements::value.eq(input.value.to_string()),
                    indicator_measurements::comment.eq(input
                        .comment
                        .as_deref()
                        .map(str::trim)
                        .filter(|c| !c.is_empty())),
                    indicator_measurements::recorded_by.eq(user.id),
                    indicator_measurements::created_at.eq(now()),
                    indicator_measurements::version.eq(1_i64),
                ))
                .returning(indicator_measurements::all_columns)
                .get_result(conn)?;
            let measurement = measurement_to_api(row)?;
            let added = serde_json::json!({ "project_id": project, "indicator_id": indicator, "measurement": &measurement });
            let event = (WebhookEvent::IndicatorMeasurementAdded, added);
            write::create(conn, &user, |_| Ok(measurement), Some(event))
        })
        .await?;
    Ok(created(
        &format!("/api/v1/projects/{project}/indicators/{indicator}/measurements"),
        &measurement,
    ))
}

/// Remove a measurement entered by mistake. Needs `If-Match`.
#[utoipa::path(
    delete, path = "/api/v1/projects/{id}/indicators/{indicator_id}/measurements/{measurement_id}",
    params(IfMatch),
    responses(
        (status = 204, description = "Deleted"),
    )
)]
pub async fn delete_measurement(
    state: web::Data<AppState>,
    user: Editor,
    path: web::Path<(ProjectId, IndicatorId, MeasurementId)>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let (project, indicator, id) = path.into_inner();
    if_match.required()?;
    state
        .db
        .write(move |conn| {
            get_one(conn, project, indicator)?;
            let load = |conn: &mut DbConnection| get_measurement(conn, indicator, id);
            write::delete(conn, &user, &if_match, load, |conn, _| {
                diesel::delete(indicator_measurements::table.find(id)).execute(conn)?;
                Ok(())
            })?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
