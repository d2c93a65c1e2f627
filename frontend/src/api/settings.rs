//! Reference lists the forms choose from: the town's strategic axes and
//! the staff who may lead a project.

use super::{ApiError, ApiRequest};
use shared::projects::Axes;
use shared::users::StaffMember;

pub async fn axes() -> Result<Axes, ApiError> {
    ApiRequest::get("/api/v1/settings/axes").fetch().await
}

pub async fn staff() -> Result<Vec<StaffMember>, ApiError> {
    ApiRequest::get("/api/v1/staff").fetch().await
}
