//! The portfolio: projects and everything recorded about them.

pub mod documents;
pub mod funding;
pub mod gate;
pub mod handlers;
pub mod journal;
pub mod lifecycle;
pub mod milestones;
pub mod participants;
pub mod repo;
