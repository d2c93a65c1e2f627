//! The public portal's reads: the public projects, searched, and one
//! project's public sheet. Sent without a token: they are the same for
//! everyone, signed in or not.

use super::{filled, ApiError, ApiRequest};
use serde::{Deserialize, Serialize};
use shared::exchange::{OpenDataProject, OpenDataQuery, PublicProjectSheet};
use shared::lifecycle::Phase;
use shared::Page;

pub const PER_PAGE: u32 = 20;

/// Where the open-data files are, for the portal's links.
pub const PROJECTS_PATH: &str = "/api/v1/open-data/projects";
pub const NATIONAL_PROJECTS_PATH: &str = "/api/v1/open-data/projets.csv";
pub const GRANTS_PATH: &str = "/api/v1/open-data/subventions.csv";
pub const DICTIONARY_PATH: &str = "/api/v1/open-data/dictionary";

/// The schema of a national file, by its name (`projets.json`).
pub fn schema_path(name: &str) -> String {
    format!("/api/v1/open-data/schemas/{name}")
}

/// The portal's search, kept in the page's URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalFilters {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub q: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Phase>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl PortalFilters {
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }

    /// The API's query for these filters, at their page.
    pub fn to_query(&self) -> OpenDataQuery {
        OpenDataQuery {
            q: filled(&self.q),
            phase: self.phase,
            page: Some(self.page()),
            per_page: Some(PER_PAGE),
            format: None,
        }
    }
}

// The portal lists public projects in one order, by reference.
super::single_order_list_filters!(PortalFilters);

pub async fn projects(filters: &PortalFilters) -> Result<Page<OpenDataProject>, ApiError> {
    ApiRequest::get(PROJECTS_PATH)
        .without_token()
        .query_of(&filters.to_query())?
        .fetch()
        .await
}

pub async fn sheet(reference: &str) -> Result<PublicProjectSheet, ApiError> {
    let reference = String::from(js_sys::encode_uri_component(reference));
    ApiRequest::get(format!("{PROJECTS_PATH}/{reference}"))
        .without_token()
        .fetch()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ListFilters;

    #[test]
    fn blank_searches_are_not_sent_and_pages_start_at_one() {
        let filters = PortalFilters {
            q: "  ".into(),
            page: Some(0),
            ..PortalFilters::default()
        };
        let query = filters.to_query();
        assert_eq!((query.q, query.page), (None, Some(1)));
        let searched = PortalFilters {
            q: " Tanneurs ".into(),
            phase: Some(Phase::Cadrage),
            page: Some(3),
        };
        assert_eq!(searched.sorted_by(String::new()).page, None);
        let query = searched.to_query();
        assert_eq!(
            (query.q.as_deref(), query.phase),
            (Some("Tanneurs"), Some(Phase::Cadrage))
        );
    }
}
