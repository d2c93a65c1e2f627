//! The territorial ecosystem: actors (organisations) and their contacts.

use crate::exchange::ExportFormat;
use crate::finance::string_enum;
use crate::ids::{ActorId, ContactId, ProjectId};
use crate::lifecycle::Phase;
use crate::participants::ParticipantRole;
use crate::patch::nullable;
use crate::siret;
use crate::validation::{self as v, Validate, NAME_MAX_CHARS};
use crate::FieldError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const ADDRESS_MAX_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum ActorKind {
    Company,
    Association,
    /// Municipality or EPCI.
    Municipality,
    StateService,
    RegionDepartment,
    ResearchEducation,
    Funder,
    /// Chamber of commerce, trades or agriculture.
    Chamber,
    CitizenGroup,
    Other,
}

string_enum!(ActorKind {
    ActorKind::Company => "company",
    ActorKind::Association => "association",
    ActorKind::Municipality => "municipality",
    ActorKind::StateService => "state_service",
    ActorKind::RegionDepartment => "region_department",
    ActorKind::ResearchEducation => "research_education",
    ActorKind::Funder => "funder",
    ActorKind::Chamber => "chamber",
    ActorKind::CitizenGroup => "citizen_group",
    ActorKind::Other => "other",
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Actor {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    pub siret: Option<String>,
    /// The first nine digits of the SIRET.
    pub siren: Option<String>,
    pub sector: Option<String>,
    pub address: Option<String>,
    pub commune_insee: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// A new actor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewActor {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::trimmed_text::<{ NAME_MAX_CHARS }, false>))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = ActorKind, required = true))]
    pub kind: Option<ActorKind>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_siret))]
    pub siret: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ NAME_MAX_CHARS }>))]
    pub sector: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ ADDRESS_MAX_CHARS }>))]
    pub address: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_insee))]
    pub commune_insee: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_website))]
    pub website: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_email))]
    pub email: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_phone))]
    pub phone: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::tags::<false>))]
    pub tags: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::long_text_or_blank))]
    pub notes: Option<String>,
}

/// Changes to an actor: absent fields stay, `null` clears.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActorPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::trimmed_text::<{ NAME_MAX_CHARS }, true>))]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActorKind>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_siret))]
    pub siret: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ NAME_MAX_CHARS }>))]
    pub sector: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ ADDRESS_MAX_CHARS }>))]
    pub address: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_insee))]
    pub commune_insee: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_website))]
    pub website: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_email))]
    pub email: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_phone))]
    pub phone: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::tags::<true>))]
    pub tags: Option<Vec<String>>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::long_text_or_blank))]
    pub notes: Option<Option<String>>,
}

/// The checked values of an actor, whether new or patched.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorFields {
    pub name: String,
    pub kind: ActorKind,
    pub siret: Option<String>,
    pub sector: Option<String>,
    pub address: Option<String>,
    pub commune_insee: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
}

fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl ActorFields {
    /// Normalises (trims, blank → absent, SIRET without spaces) and checks
    /// every field, reporting all problems at once.
    pub fn checked(self) -> Result<Self, Vec<FieldError>> {
        let mut fields = ActorFields {
            name: self.name.trim().to_owned(),
            kind: self.kind,
            siret: blank_to_none(self.siret),
            sector: blank_to_none(self.sector),
            address: blank_to_none(self.address),
            commune_insee: blank_to_none(self.commune_insee),
            website: blank_to_none(self.website),
            email: blank_to_none(self.email).map(|e| e.to_lowercase()),
            phone: blank_to_none(self.phone),
            tags: v::normalize_tags(&self.tags),
            notes: self.notes.filter(|n| !n.trim().is_empty()),
        };
        let mut errors = Vec::new();
        errors.extend(v::required_text("name", &fields.name, NAME_MAX_CHARS));
        if let Some(raw) = &fields.siret {
            match siret::parse_siret(raw) {
                Ok(digits) => fields.siret = Some(digits),
                Err(error) => {
                    errors.push(FieldError::new("siret", "invalid_siret", error.message()))
                }
            }
        }
        errors.extend(v::optional_text(
            "sector",
            fields.sector.as_deref(),
            NAME_MAX_CHARS,
        ));
        errors.extend(v::optional_text(
            "address",
            fields.address.as_deref(),
            ADDRESS_MAX_CHARS,
        ));
        errors.extend(v::commune_insee(
            "commune_insee",
            fields.commune_insee.as_deref(),
        ));
        errors.extend(v::website("website", fields.website.as_deref()));
        errors.extend(v::optional_email("email", fields.email.as_deref()));
        errors.extend(v::phone("phone", fields.phone.as_deref()));
        errors.extend(v::tags("tags", &self.tags));
        errors.extend(v::long_text("notes", fields.notes.as_deref()));
        if errors.is_empty() {
            Ok(fields)
        } else {
            Err(errors)
        }
    }

    pub fn siren(&self) -> Option<String> {
        self.siret.as_deref().map(|s| siret::siren_of(s).to_owned())
    }

    pub fn from_new(new: NewActor) -> Self {
        ActorFields {
            name: new.name,
            kind: new.kind.unwrap_or(ActorKind::Other),
            siret: new.siret,
            sector: new.sector,
            address: new.address,
            commune_insee: new.commune_insee,
            website: new.website,
            email: new.email,
            phone: new.phone,
            tags: new.tags,
            notes: new.notes,
        }
    }

    pub fn patched(current: &Actor, patch: ActorPatch) -> Self {
        use crate::patch::apply;
        ActorFields {
            name: patch.name.unwrap_or_else(|| current.name.clone()),
            kind: patch.kind.unwrap_or(current.kind),
            siret: apply(&current.siret, &patch.siret),
            sector: apply(&current.sector, &patch.sector),
            address: apply(&current.address, &patch.address),
            commune_insee: apply(&current.commune_insee, &patch.commune_insee),
            website: apply(&current.website, &patch.website),
            email: apply(&current.email, &patch.email),
            phone: apply(&current.phone, &patch.phone),
            tags: patch.tags.unwrap_or_else(|| current.tags.clone()),
            notes: apply(&current.notes, &patch.notes),
        }
    }
}

impl Validate for NewActor {
    fn validate(&self) -> Vec<FieldError> {
        if self.kind.is_none() {
            return vec![FieldError::new(
                "kind",
                "required",
                "the kind of actor is required",
            )];
        }
        ActorFields::from_new(self.clone())
            .checked()
            .err()
            .unwrap_or_default()
    }
}

impl Validate for ActorPatch {
    fn validate(&self) -> Vec<FieldError> {
        // Checked against the current record in the handler.
        Vec::new()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub id: ContactId,
    pub actor_id: ActorId,
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactInput {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ NAME_MAX_CHARS }, false>))]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_text::<{ NAME_MAX_CHARS }>))]
    pub role: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_email))]
    pub email: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_phone))]
    pub phone: Option<String>,
}

impl ContactInput {
    pub fn normalized(self) -> Self {
        ContactInput {
            name: self.name.trim().to_owned(),
            role: blank_to_none(self.role),
            email: blank_to_none(self.email).map(|e| e.to_lowercase()),
            phone: blank_to_none(self.phone),
        }
    }
}

impl Validate for ContactInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        errors.extend(v::required_text("name", &self.name, NAME_MAX_CHARS));
        errors.extend(v::optional_text(
            "role",
            self.role.as_deref().filter(|r| !r.trim().is_empty()),
            NAME_MAX_CHARS,
        ));
        errors.extend(v::optional_email("email", self.email.as_deref()));
        errors.extend(v::phone(
            "phone",
            self.phone.as_deref().filter(|p| !p.trim().is_empty()),
        ));
        errors
    }
}

/// A project an actor takes part in, with its roles there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActorProject {
    pub project_id: ProjectId,
    pub reference: String,
    pub title: String,
    pub phase: Phase,
    pub roles: Vec<ParticipantRole>,
}

/// `GET /api/v1/actors`: the directory's search, as the server reads it
/// and the web app writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ActorListQuery {
    /// Text searched in name, SIRET, sector and tags.
    pub q: Option<String>,
    pub kind: Option<ActorKind>,
    /// INSEE code of the commune.
    pub commune: Option<String>,
    pub tag: Option<String>,
    /// `name`, `kind`, `commune_insee`, `created_at`, `updated_at`; `-` for descending.
    pub sort: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `csv` or `xlsx`: every matching actor as a file (also asked with
    /// `Accept`), in the columns the import reads.
    pub format: Option<ExportFormat>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_actor() -> NewActor {
        NewActor {
            name: "  Fablab des Tanneurs ".into(),
            kind: Some(ActorKind::Association),
            siret: Some("732 829 320 00074".into()),
            ..Default::default()
        }
    }

    #[test]
    fn fields_are_normalised() {
        let fields = ActorFields::from_new(new_actor()).checked().unwrap();
        assert_eq!(fields.name, "Fablab des Tanneurs");
        assert_eq!(fields.siret.as_deref(), Some("73282932000074"));
        assert_eq!(fields.siren().as_deref(), Some("732829320"));
    }

    #[test]
    fn every_bad_field_is_reported() {
        let bad = NewActor {
            name: " ".into(),
            kind: Some(ActorKind::Company),
            siret: Some("73282932000075".into()),
            website: Some("ftp://x".into()),
            email: Some("nope".into()),
            commune_insee: Some("123".into()),
            ..Default::default()
        };
        let fields: Vec<String> = bad.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec!["name", "siret", "commune_insee", "website", "email"]
        );
        let no_kind = NewActor {
            kind: None,
            ..new_actor()
        };
        assert_eq!(no_kind.validate()[0].field, "kind");
    }
}

/// Everything stored about one contact person, for their right of access.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonalDataExport {
    pub exported_at: DateTime<Utc>,
    /// The record itself: the only place their personal data is kept.
    pub contact: Contact,
    /// The organisation they are a contact of.
    pub organisation: String,
    /// The history of the record: who changed it and when (the audit log
    /// refers to the contact by id and never copies personal data).
    pub history: Vec<crate::audit::AuditEntry>,
}
