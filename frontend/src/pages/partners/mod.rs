//! What a partner sees: the projects their organisation takes part in and
//! that the town shares with its partners, and their organisation's own
//! record. Only what the API opens to partners is asked for: no staff
//! lists, evaluations, documents or dashboard.

mod funding;
mod organisation;
mod project;
mod projects;

pub use organisation::MyOrganisation;
pub use project::PartnerProjectPage;
pub use projects::PartnerProjectList;
