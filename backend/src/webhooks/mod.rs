//! Webhooks: admins subscribe a URL to events; each event is recorded in
//! the outbox with the change that caused it and delivered by the worker,
//! signed, and retried until the receiver accepts it. See docs/WEBHOOKS.md.

mod address;
pub mod handlers;
pub mod outbox;
mod signature;
pub mod worker;

pub use outbox::emit;
