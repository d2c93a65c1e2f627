//! Accounts: `me` and the admins' `users` resource.

pub mod handlers;
pub mod invitations;
pub mod repo;
