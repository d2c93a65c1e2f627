//! The territorial ecosystem: the actor directory and each actor's page
//! (details, contacts, projects and roles).

mod contacts;
mod detail;
mod form;
mod list;

pub use detail::ActorPage;
pub use list::ActorDirectory;
