//! Innov'Action's server: the REST API under `/api/v1`, its OpenAPI
//! document and Swagger UI, the web app's files, health probes and metrics.
//!
//! Layout: `startup` builds the server from `config`; `routes` is the one
//! route table; each resource has its module (`auth`, `users`, `audit`)
//! with thin handlers over a repository; `db` holds the connection type,
//! schema and migrations; `error` the single error type.

pub mod access;
pub mod actors;
pub mod audit;
pub mod auth;
pub mod cli;
pub mod config;
pub mod cors;
pub mod db;
pub mod demo;
pub mod error;
pub mod evaluations;
pub mod exchange;
pub mod extract;
pub mod health;
pub mod mail;
pub mod notifications;
pub mod openapi;
pub mod opportunities;
pub mod portfolio;
pub mod programming;
pub mod projects;
pub mod records;
pub mod reports;
pub mod routes;
pub mod secrets;
pub mod settings;
pub mod spa;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod users;
pub mod webhooks;
