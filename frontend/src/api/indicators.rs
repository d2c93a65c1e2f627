//! A project's impact indicators and their measurements. Values are exact
//! decimals, sent and received as strings.

use super::{ApiError, ApiRequest};
use shared::ids::{IndicatorId, MeasurementId, ProjectId};
use shared::indicators::{Indicator, IndicatorFields, IndicatorPatch, Measurement, NewMeasurement};

fn indicators_path(project: ProjectId) -> String {
    format!("/api/v1/projects/{project}/indicators")
}

fn indicator_path(project: ProjectId, id: IndicatorId) -> String {
    format!("{}/{id}", indicators_path(project))
}

pub async fn list(project: ProjectId) -> Result<Vec<Indicator>, ApiError> {
    ApiRequest::get(indicators_path(project)).fetch().await
}

pub async fn get(project: ProjectId, id: IndicatorId) -> Result<Indicator, ApiError> {
    ApiRequest::get(indicator_path(project, id)).fetch().await
}

pub async fn create(project: ProjectId, fields: &IndicatorFields) -> Result<Indicator, ApiError> {
    ApiRequest::post(indicators_path(project))
        .json(fields)?
        .fetch()
        .await
}

pub async fn update(
    project: ProjectId,
    id: IndicatorId,
    version: i64,
    changes: &IndicatorPatch,
) -> Result<Indicator, ApiError> {
    ApiRequest::patch(indicator_path(project, id))
        .if_match(version)
        .json(changes)?
        .fetch()
        .await
}

pub async fn delete(project: ProjectId, id: IndicatorId, version: i64) -> Result<(), ApiError> {
    ApiRequest::delete(indicator_path(project, id))
        .if_match(version)
        .execute()
        .await
}

pub async fn measurements(
    project: ProjectId,
    id: IndicatorId,
) -> Result<Vec<Measurement>, ApiError> {
    ApiRequest::get(format!("{}/measurements", indicator_path(project, id)))
        .fetch()
        .await
}

pub async fn add_measurement(
    project: ProjectId,
    id: IndicatorId,
    measurement: &NewMeasurement,
) -> Result<Measurement, ApiError> {
    ApiRequest::post(format!("{}/measurements", indicator_path(project, id)))
        .json(measurement)?
        .fetch()
        .await
}

pub async fn delete_measurement(
    project: ProjectId,
    id: IndicatorId,
    measurement: MeasurementId,
    version: i64,
) -> Result<(), ApiError> {
    ApiRequest::delete(format!(
        "{}/measurements/{measurement}",
        indicator_path(project, id)
    ))
    .if_match(version)
    .execute()
    .await
}
