pub mod actors;
pub mod administration;
pub mod dashboard;
pub mod network;
pub mod not_found;
pub mod projects;
pub mod section;
pub mod sign_in;
