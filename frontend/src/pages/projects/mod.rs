//! The project portfolio: list, creation and edition, and each project's
//! page (lifecycle, financing, milestones, actors, journal, documents).

mod detail;
mod form;
mod list;

pub use detail::{
    use_section_in_view, Indicators, Journal, Milestones, Participants, ProjectPage, Summary,
    Timeline,
};
pub use form::{EditProject, NewProjectPage};
pub use list::ProjectList;
