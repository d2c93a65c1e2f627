//! User accounts as the API shows them.

use crate::auth::Role;
use crate::ids::{ActorId, UserId};
use crate::validation::{self, Validate};
use crate::FieldError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The organisation a `partner` account belongs to (none for staff).
    pub actor_id: Option<ActorId>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version; send it back as `If-Match`.
    pub version: i64,
}

/// A partner account belongs to exactly one actor; staff accounts to none.
pub fn check_actor(role: Role, actor_id: Option<ActorId>) -> Option<FieldError> {
    match (role, actor_id) {
        (Role::Partner, None) => Some(FieldError::new(
            "actor_id",
            "required",
            "a partner account belongs to an organisation (actor_id)",
        )),
        (Role::Partner, Some(_)) | (_, None) => None,
        (_, Some(_)) => Some(FieldError::new(
            "actor_id",
            "not_allowed",
            "only partner accounts belong to an organisation",
        )),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateUser {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::email))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ validation::NAME_MAX_CHARS }, false>))]
    pub display_name: String,
    pub role: Role,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::password))]
    pub password: String,
    /// Required for `partner` accounts: their organisation.
    #[serde(default)]
    pub actor_id: Option<ActorId>,
}

impl Validate for CreateUser {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        errors.extend(validation::email("email", &self.email));
        errors.extend(validation::display_name("display_name", &self.display_name));
        errors.extend(validation::password_shape("password", &self.password));
        errors.extend(check_actor(self.role, self.actor_id));
        errors
    }
}

/// Changes an admin may make to an account; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ validation::NAME_MAX_CHARS }, true>))]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// A partner's organisation; checked against the resulting role.
    #[serde(
        default,
        deserialize_with = "crate::patch::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub actor_id: Option<Option<ActorId>>,
}

impl Validate for UpdateUser {
    fn validate(&self) -> Vec<FieldError> {
        self.display_name
            .as_deref()
            .and_then(|name| validation::display_name("display_name", name))
            .into_iter()
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetPassword {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::password))]
    pub password: String,
}

impl Validate for ResetPassword {
    fn validate(&self) -> Vec<FieldError> {
        validation::password_shape("password", &self.password)
    }
}

/// A staff member as others see them (to choose a project lead, a team).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub id: UserId,
    pub display_name: String,
    pub role: Role,
}

/// `GET /api/v1/users`: the accounts' search, as the server reads it and
/// the web app writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct UserListQuery {
    /// Text searched in e-mail and display name.
    pub q: Option<String>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    /// `email`, `display_name`, `role`, `created_at`; prefix `-` for descending.
    pub sort: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}
