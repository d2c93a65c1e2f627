#![allow(clippy::unwrap_used, clippy::expect_used)]
//! API tests: the real application over HTTP, on SQLite and on PostgreSQL.
//! Every test written with `db_test!` runs once per database.

#[macro_use]
mod helpers;

mod access;
mod actors;
mod auth;
mod cli;
mod database;
mod errors;
mod evaluations;
mod exchange;
mod health;
mod notifications;
mod openapi;
mod opportunities;
mod portfolio;
mod programming;
mod projects;
mod publication;
mod reports;
mod roadmap;
mod users;
mod web_app;
mod webhooks;
