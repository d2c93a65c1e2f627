//! Types and rules that the backend and the web app must agree on.
//!
//! Everything here compiles to WebAssembly: persistence and documentation
//! derives sit behind the `diesel` and `openapi` features, which only the
//! backend turns on.

pub mod access;
pub mod actors;
pub mod audit;
pub mod auth;
pub mod error;
pub mod evaluation;
pub mod exchange;
pub mod finance;
pub mod format;
pub mod health;
pub mod i18n;
pub mod ids;
pub mod indicators;
pub mod lifecycle;
pub mod notifications;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod opportunities;
pub mod pagination;
pub mod participants;
pub mod patch;
pub mod portfolio;
pub mod programming;
pub mod projects;
pub mod publication;
pub mod roadmap;
pub mod siret;
pub mod statistics;
pub mod users;
pub mod validation;
pub mod webhooks;

pub use error::{ErrorBody, ErrorCode, ErrorDetail, FieldError};
pub use ids::UserId;
pub use pagination::{Page, PageParams};
