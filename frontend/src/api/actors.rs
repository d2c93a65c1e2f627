//! The actor directory: organisations, their contacts and their projects.

use super::exchange::ExportFormat;
use super::{filled, list_filters, ApiError, ApiRequest};
use serde::{Deserialize, Serialize};
use shared::actors::{
    Actor, ActorKind, ActorListQuery, ActorPatch, ActorProject, Contact, ContactInput, NewActor,
};
use shared::ids::{ActorId, ContactId};
use shared::Page;

pub const PER_PAGE: u32 = 20;
pub const DEFAULT_SORT: &str = "name";

/// What the directory shows; also the page's URL query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActorFilters {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub q: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActorKind>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub commune: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub tag: String,
    /// Empty means [`DEFAULT_SORT`].
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sort: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

list_filters!(ActorFilters, DEFAULT_SORT);

impl ActorFilters {
    /// The API's query for these filters; paging and format are the caller's.
    fn to_query(&self) -> ActorListQuery {
        ActorListQuery {
            q: filled(&self.q),
            kind: self.kind,
            commune: filled(&self.commune),
            tag: filled(&self.tag),
            sort: Some(self.sort().to_owned()),
            ..ActorListQuery::default()
        }
    }
}

pub async fn list(filters: &ActorFilters) -> Result<Page<Actor>, ApiError> {
    list_page(filters, PER_PAGE).await
}

/// A short list of matches, to pick an actor in a form.
pub async fn search(text: &str) -> Result<Page<Actor>, ApiError> {
    let filters = ActorFilters {
        q: text.to_owned(),
        ..ActorFilters::default()
    };
    list_page(&filters, 20).await
}

async fn list_page(filters: &ActorFilters, per_page: u32) -> Result<Page<Actor>, ApiError> {
    let query = ActorListQuery {
        page: Some(filters.page()),
        per_page: Some(per_page),
        ..filters.to_query()
    };
    ApiRequest::get("/api/v1/actors")
        .query_of(&query)?
        .fetch()
        .await
}

/// Every actor the filters select, as a file to save.
pub async fn export(
    filters: &ActorFilters,
    format: ExportFormat,
) -> Result<web_sys::Blob, ApiError> {
    let query = ActorListQuery {
        format: Some(format),
        ..filters.to_query()
    };
    super::file_of("/api/v1/actors", &query).await
}

fn actor_path(id: ActorId) -> String {
    format!("/api/v1/actors/{id}")
}

pub async fn get(id: ActorId) -> Result<Actor, ApiError> {
    ApiRequest::get(actor_path(id)).fetch().await
}

pub async fn create(actor: &NewActor) -> Result<Actor, ApiError> {
    ApiRequest::post("/api/v1/actors")
        .json(actor)?
        .fetch()
        .await
}

pub async fn update(id: ActorId, version: i64, changes: &ActorPatch) -> Result<Actor, ApiError> {
    ApiRequest::patch(actor_path(id))
        .if_match(version)
        .json(changes)?
        .fetch()
        .await
}

/// Refused with 409 `conflict` while the actor takes part in projects.
pub async fn delete(id: ActorId, version: i64) -> Result<(), ApiError> {
    ApiRequest::delete(actor_path(id))
        .if_match(version)
        .execute()
        .await
}

pub async fn projects(id: ActorId) -> Result<Vec<ActorProject>, ApiError> {
    ApiRequest::get(format!("{}/projects", actor_path(id)))
        .fetch()
        .await
}

pub async fn contacts(id: ActorId) -> Result<Vec<Contact>, ApiError> {
    ApiRequest::get(format!("{}/contacts", actor_path(id)))
        .fetch()
        .await
}

pub async fn add_contact(id: ActorId, contact: &ContactInput) -> Result<Contact, ApiError> {
    ApiRequest::post(format!("{}/contacts", actor_path(id)))
        .json(contact)?
        .fetch()
        .await
}

pub async fn update_contact(
    id: ActorId,
    contact: ContactId,
    version: i64,
    input: &ContactInput,
) -> Result<Contact, ApiError> {
    ApiRequest::put(contact_path(id, contact))
        .if_match(version)
        .json(input)?
        .fetch()
        .await
}

pub async fn delete_contact(id: ActorId, contact: ContactId, version: i64) -> Result<(), ApiError> {
    ApiRequest::delete(contact_path(id, contact))
        .if_match(version)
        .execute()
        .await
}

fn contact_path(id: ActorId, contact: ContactId) -> String {
    format!("{}/contacts/{contact}", actor_path(id))
}

/// Everything stored about a contact person (their right of access), as
/// a JSON document to save and hand over.
pub async fn personal_data(id: ActorId, contact: ContactId) -> Result<web_sys::Blob, ApiError> {
    ApiRequest::get(format!("{}/personal-data", contact_path(id, contact)))
        .blob()
        .await
}

/// Erases a contact's personal data for good (their right to erasure);
/// the answer is the contact as it remains.
pub async fn erase_contact(id: ActorId, contact: ContactId) -> Result<Contact, ApiError> {
    ApiRequest::post(format!("{}/erase", contact_path(id, contact)))
        .fetch()
        .await
}
