//! The actors directory: organisations of the territory and their contact
//! persons.

pub mod contacts;
pub mod handlers;
pub mod personal_data;
pub mod repo;
