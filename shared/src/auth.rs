//! Sign-in, tokens and roles.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a user may do. Staff roles first; `partner` users belong to one
/// actor and see only what concerns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum Role {
    Admin,
    Manager,
    Engineer,
    Viewer,
    Partner,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Manager,
        Role::Engineer,
        Role::Viewer,
        Role::Partner,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Engineer => "engineer",
            Role::Viewer => "viewer",
            Role::Partner => "partner",
        }
    }

    /// Staff see the whole portfolio; partners only their own projects.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Partner)
    }

    /// Creates and edits portfolio records (projects, actors, funding...).
    pub fn can_edit_portfolio(self) -> bool {
        matches!(self, Role::Admin | Role::Manager | Role::Engineer)
    }

    /// Reads the audit log and takes decisions.
    pub fn is_manager_or_admin(self) -> bool {
        matches!(self, Role::Admin | Role::Manager)
    }

    /// Manages user accounts, API keys and settings.
    pub fn is_admin(self) -> bool {
        matches!(self, Role::Admin)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{0}`; expected one of admin, manager, engineer, viewer, partner")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

crate::finance::text_column!(Role);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::not_blank))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::not_empty))]
    pub password: String,
}

/// Answer to a successful login or refresh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    /// A JWT to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Lifetime of the access token in seconds.
    pub expires_in: u64,
    /// Opaque, single-use token for `auth/refresh`; rotated on every use.
    pub refresh_token: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::not_empty))]
    pub refresh_token: String,
}

impl crate::validation::Validate for LoginRequest {
    fn validate(&self) -> Vec<crate::FieldError> {
        let mut errors = Vec::new();
        if self.email.trim().is_empty() {
            errors.push(crate::FieldError::new(
                "email",
                "required",
                "an e-mail address is required",
            ));
        }
        if self.password.is_empty() {
            errors.push(crate::FieldError::new(
                "password",
                "required",
                "a password is required",
            ));
        }
        errors
    }
}

impl crate::validation::Validate for RefreshRequest {
    fn validate(&self) -> Vec<crate::FieldError> {
        if self.refresh_token.is_empty() {
            vec![crate::FieldError::new(
                "refresh_token",
                "required",
                "a refresh token is required",
            )]
        } else {
            vec![]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
            assert_eq!(
                serde_json::to_value(role).unwrap(),
                serde_json::Value::String(role.as_str().into())
            );
        }
        assert!("root".parse::<Role>().is_err());
    }

    #[test]
    fn only_staff_editors_edit_the_portfolio() {
        let editors: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.can_edit_portfolio())
            .collect();
        assert_eq!(editors, vec![Role::Admin, Role::Manager, Role::Engineer]);
        assert!(!Role::Partner.is_staff());
        assert!(Role::Viewer.is_staff());
        assert!(Role::Admin.is_admin() && !Role::Manager.is_admin());
    }
}
