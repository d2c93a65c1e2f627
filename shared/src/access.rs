//! Who may reach what beyond staff roles: API keys' scopes, partner
//! invitations.

use crate::ids::{ActorId, ApiKeyId, InvitationId, UserId};
use crate::validation::{self as v, Validate};
use crate::FieldError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What an API key may do. Each endpoint open to keys needs one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Scope {
    /// Projects and what is recorded about them (lifecycle, milestones,
    /// participants, funding lines, indicators), exports included.
    #[serde(rename = "read:projects")]
    ReadProjects,
    /// The actors' directory and their contacts.
    #[serde(rename = "read:actors")]
    ReadActors,
    /// The dashboard's figures and the network.
    #[serde(rename = "read:dashboard")]
    ReadDashboard,
    /// Submitted evaluations, their consolidation and the grids.
    #[serde(rename = "read:evaluations")]
    ReadEvaluations,
    /// Indicators and their measurements: create, change, delete.
    #[serde(rename = "write:indicators")]
    WriteIndicators,
}

crate::finance::string_enum!(Scope {
    Scope::ReadProjects => "read:projects",
    Scope::ReadActors => "read:actors",
    Scope::ReadDashboard => "read:dashboard",
    Scope::ReadEvaluations => "read:evaluations",
    Scope::WriteIndicators => "write:indicators",
});

/// An API key as listed: never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKey {
    pub id: ApiKeyId,
    pub name: String,
    /// The key's first characters, to recognise it in logs and lists.
    pub prefix: String,
    pub scopes: Vec<Scope>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A key just created, with its secret: shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApiKey {
    #[serde(flatten)]
    pub key: ApiKey,
    /// Send it as `Authorization: Bearer <secret>`. It cannot be shown again.
    pub secret: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewApiKey {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ v::NAME_MAX_CHARS }, false>))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::scopes))]
    pub scopes: Vec<Scope>,
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

impl Validate for NewApiKey {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = v::required_text("name", &self.name, v::NAME_MAX_CHARS)
            .into_iter()
            .collect();
        if self.scopes.is_empty() {
            errors.push(FieldError::new(
                "scopes",
                "required",
                "a key needs at least one scope",
            ));
        }
        errors
    }
}

/// An invitation as the admin sees it: never the token, except in the link
/// shown once at creation when no e-mail could be sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    pub id: InvitationId,
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub actor_id: Option<ActorId>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedInvitation {
    #[serde(flatten)]
    pub invitation: Invitation,
    /// The one-time link to set a password, to pass on to the partner:
    /// present when no e-mail was sent.
    pub link: Option<String>,
    /// The invitation went out by e-mail.
    pub emailed: bool,
}

/// Invite a partner: creates their account, inactive until they set a
/// password through the link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::email))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ v::NAME_MAX_CHARS }, false>))]
    pub display_name: String,
    pub actor_id: ActorId,
}

impl Validate for NewInvitation {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        errors.extend(v::email("email", &self.email));
        errors.extend(v::display_name("display_name", &self.display_name));
        errors
    }
}

pub const INVITATION_TOKEN_MAX_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitation {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::invitation_token))]
    pub token: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::password))]
    pub password: String,
}

impl Validate for AcceptInvitation {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = v::password_shape("password", &self.password);
        if self.token.trim().is_empty() || self.token.chars().count() > INVITATION_TOKEN_MAX_CHARS {
            errors.push(FieldError::new(
                "token",
                "invalid",
                "not an invitation token",
            ));
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_read_as_written() {
        for scope in Scope::ALL {
            let json = serde_json::to_string(&scope).unwrap();
            assert_eq!(json, format!("\"{}\"", scope.as_str()));
            assert_eq!(scope.as_str().parse::<Scope>().unwrap(), scope);
        }
        assert!(serde_json::from_str::<Scope>("\"write:everything\"").is_err());
    }
}
