//! Accounts: `me` and the admins' `users` resource.

pub mod handlers;
pub mod repo;
