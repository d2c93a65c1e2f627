//! Portfolio intelligence: the dashboard that computes the unit's figures,
//! the roadmap of the projects over time and the network of actors. The computations are plain functions over
//! loaded facts (`dashboard::compute`, `network::compute`), tested on
//! portfolios built by hand; `handlers` loads the facts.

pub mod dashboard;
pub mod facts;
pub mod handlers;
pub mod network;
pub mod roadmap;
