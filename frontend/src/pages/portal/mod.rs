//! The public portal, without signing in: the public projects, searchable,
//! with the open-data files and their dictionary; and each public
//! project's sheet. Everything shown comes from the open-data API, which
//! publishes nothing internal.

mod list;
mod sheet;

pub use list::PublicProjectList;
pub use sheet::PublicProjectPage;
