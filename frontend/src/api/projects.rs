//! Projects and everything recorded about them: lifecycle moves,
//! milestones, journal, documents, participants and funding lines.

use super::exchange::ExportFormat;
use super::{filled, list_filters, ApiError, ApiRequest};
use serde::{Deserialize, Serialize};
use shared::ids::{
    DocumentId, FundingLineId, JournalEntryId, MilestoneId, ParticipantId, ProjectId,
};
use shared::lifecycle::Phase;
use shared::participants::{
    FundingLine, FundingLinePatch, NewFundingLine, NewParticipant, Participant,
};
use shared::projects::{
    Document, InnovationType, JournalEntry, Milestone, MilestonePatch, NewJournalEntry,
    NewMilestone, NewProject, NewTransition, Project, ProjectListQuery, ProjectPatch, Transition,
};
use shared::{Page, UserId};
use web_sys::FormData;
use yew::Callback;

pub const PER_PAGE: u32 = 20;
pub const DEFAULT_SORT: &str = "-reference";

/// What the project list shows. Also the page's URL query, so that a
/// filtered list can be shared, bookmarked and returned to with Back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectFilters {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub q: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<Phase>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub axis: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_id: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub innovation_type: Option<InnovationType>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub tag: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commission_year: Option<i32>,
    /// Empty means [`DEFAULT_SORT`].
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sort: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

list_filters!(ProjectFilters, DEFAULT_SORT);

impl ProjectFilters {
    /// The API's query for these filters; paging and format are the caller's.
    fn to_query(&self) -> ProjectListQuery {
        ProjectListQuery {
            q: filled(&self.q),
            phase: self.phase,
            axis: Some(self.axis.clone()).filter(|axis| !axis.is_empty()),
            lead_id: self.lead_id.map(|lead| lead.0),
            innovation_type: self.innovation_type,
            tag: filled(&self.tag),
            commission_year: self.commission_year,
            sort: Some(self.sort().to_owned()),
            ..ProjectListQuery::default()
        }
    }
}

pub async fn list(filters: &ProjectFilters) -> Result<Page<Project>, ApiError> {
    let query = ProjectListQuery {
        page: Some(filters.page()),
        per_page: Some(PER_PAGE),
        ..filters.to_query()
    };
    ApiRequest::get("/api/v1/projects")
        .query_of(&query)?
        .fetch()
        .await
}

/// Every project the filters select (not only the page on screen), as a
/// file to save.
pub async fn export(
    filters: &ProjectFilters,
    format: ExportFormat,
) -> Result<web_sys::Blob, ApiError> {
    let query = ProjectListQuery {
        format: Some(format),
        ..filters.to_query()
    };
    super::file_of("/api/v1/projects", &query).await
}

fn project_path(id: ProjectId) -> String {
    format!("/api/v1/projects/{id}")
}

pub async fn get(id: ProjectId) -> Result<Project, ApiError> {
    ApiRequest::get(project_path(id)).fetch().await
}

pub async fn create(project: &NewProject) -> Result<Project, ApiError> {
    ApiRequest::post("/api/v1/projects")
        .json(project)?
        .fetch()
        .await
}

/// `version` is the one the form was filled from: 412 if someone saved since.
pub async fn update(
    id: ProjectId,
    version: i64,
    changes: &ProjectPatch,
) -> Result<Project, ApiError> {
    ApiRequest::patch(project_path(id))
        .if_match(version)
        .json(changes)?
        .fetch()
        .await
}

pub async fn delete(id: ProjectId, version: i64) -> Result<(), ApiError> {
    ApiRequest::delete(project_path(id))
        .if_match(version)
        .execute()
        .await
}

// Lifecycle

pub async fn transitions(id: ProjectId) -> Result<Vec<Transition>, ApiError> {
    ApiRequest::get(format!("{}/transitions", project_path(id)))
        .fetch()
        .await
}

/// Moves the project; the answer is the project as it now stands (plus the
/// recorded transition, which the page fetches with the history instead).
pub async fn transition(id: ProjectId, request: &NewTransition) -> Result<Project, ApiError> {
    ApiRequest::post(format!("{}/transitions", project_path(id)))
        .json(request)?
        .fetch()
        .await
}

// Milestones

pub async fn milestones(id: ProjectId) -> Result<Vec<Milestone>, ApiError> {
    ApiRequest::get(format!("{}/milestones", project_path(id)))
        .fetch()
        .await
}

pub async fn add_milestone(id: ProjectId, milestone: &NewMilestone) -> Result<Milestone, ApiError> {
    ApiRequest::post(format!("{}/milestones", project_path(id)))
        .json(milestone)?
        .fetch()
        .await
}

pub async fn update_milestone(
    id: ProjectId,
    milestone: MilestoneId,
    version: i64,
    changes: &MilestonePatch,
) -> Result<Milestone, ApiError> {
    ApiRequest::patch(format!("{}/milestones/{milestone}", project_path(id)))
        .if_match(version)
        .json(changes)?
        .fetch()
        .await
}

pub async fn delete_milestone(
    id: ProjectId,
    milestone: MilestoneId,
    version: i64,
) -> Result<(), ApiError> {
    ApiRequest::delete(format!("{}/milestones/{milestone}", project_path(id)))
        .if_match(version)
        .execute()
        .await
}

// Journal

pub async fn journal(id: ProjectId) -> Result<Vec<JournalEntry>, ApiError> {
    ApiRequest::get(format!("{}/journal", project_path(id)))
        .fetch()
        .await
}

pub async fn add_journal_entry(
    id: ProjectId,
    entry: &NewJournalEntry,
) -> Result<JournalEntry, ApiError> {
    ApiRequest::post(format!("{}/journal", project_path(id)))
        .json(entry)?
        .fetch()
        .await
}

pub async fn delete_journal_entry(
    id: ProjectId,
    entry: JournalEntryId,
    version: i64,
) -> Result<(), ApiError> {
    ApiRequest::delete(format!("{}/journal/{entry}", project_path(id)))
        .if_match(version)
        .execute()
        .await
}

// Documents

pub async fn documents(id: ProjectId) -> Result<Vec<Document>, ApiError> {
    ApiRequest::get(format!("{}/documents", project_path(id)))
        .fetch()
        .await
}

/// `form` holds one field, `file`.
pub async fn upload_document(
    id: ProjectId,
    form: &FormData,
    on_progress: Callback<Option<u8>>,
) -> Result<Document, ApiError> {
    super::upload(
        &format!("{}/documents", project_path(id)),
        form,
        on_progress,
    )
    .await
}

/// The document's content; it needs the bearer token, so it cannot be a
/// plain link.
pub async fn download_document(
    id: ProjectId,
    document: DocumentId,
) -> Result<web_sys::Blob, ApiError> {
    ApiRequest::get(format!("{}/documents/{document}", project_path(id)))
        .accept_anything()
        .blob()
        .await
}

pub async fn delete_document(id: ProjectId, document: DocumentId) -> Result<(), ApiError> {
    ApiRequest::delete(format!("{}/documents/{document}", project_path(id)))
        .execute()
        .await
}

// Participants

pub async fn participants(id: ProjectId) -> Result<Vec<Participant>, ApiError> {
    ApiRequest::get(format!("{}/participants", project_path(id)))
        .fetch()
        .await
}

pub async fn add_participant(
    id: ProjectId,
    participant: &NewParticipant,
) -> Result<Participant, ApiError> {
    ApiRequest::post(format!("{}/participants", project_path(id)))
        .json(participant)?
        .fetch()
        .await
}

pub async fn remove_participant(id: ProjectId, participant: ParticipantId) -> Result<(), ApiError> {
    ApiRequest::delete(format!("{}/participants/{participant}", project_path(id)))
        .execute()
        .await
}

// Funding lines

pub async fn funding_lines(id: ProjectId) -> Result<Vec<FundingLine>, ApiError> {
    ApiRequest::get(format!("{}/funding-lines", project_path(id)))
        .fetch()
        .await
}

pub async fn add_funding_line(
    id: ProjectId,
    line: &NewFundingLine,
) -> Result<FundingLine, ApiError> {
    ApiRequest::post(format!("{}/funding-lines", project_path(id)))
        .json(line)?
        .fetch()
        .await
}

pub async fn update_funding_line(
    id: ProjectId,
    line: FundingLineId,
    version: i64,
    changes: &FundingLinePatch,
) -> Result<FundingLine, ApiError> {
    ApiRequest::patch(format!("{}/funding-lines/{line}", project_path(id)))
        .if_match(version)
        .json(changes)?
        .fetch()
        .await
}

pub async fn delete_funding_line(
    id: ProjectId,
    line: FundingLineId,
    version: i64,
) -> Result<(), ApiError> {
    ApiRequest::delete(format!("{}/funding-lines/{line}", project_path(id)))
        .if_match(version)
        .execute()
        .await
}
