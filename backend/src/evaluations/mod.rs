//! Evaluation: versioned grids, evaluations with blind review and their
//! consolidation, and impact indicators measured over time.

pub mod grids;
pub mod handlers;
pub mod indicators;
pub mod repo;
