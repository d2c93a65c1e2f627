//! The route table: every endpoint the server answers, in one place. The
//! OpenAPI document must list each of them (a test checks it), and the
//! table also tells which methods a path allows, for 405 answers.

use crate::projects::{
    documents, funding, handlers as projects, journal, lifecycle, milestones, participants,
};
use crate::{
    actors, audit, auth, evaluations, exchange, health, openapi, portfolio, settings, users,
    webhooks,
};
use actix_web::http::Method;
use actix_web::{web, HttpResponse};
use std::collections::BTreeMap;

pub struct Endpoint {
    pub method: Method,
    pub path: &'static str,
    route: fn() -> actix_web::Route,
}

macro_rules! endpoints {
    ($($method:ident $path:literal => $handler:path;)*) => {
        vec![$(Endpoint {
            method: Method::$method,
            path: $path,
            route: || web::method(Method::$method).to($handler),
        }),*]
    };
}

pub fn table() -> Vec<Endpoint> {
    endpoints! {
        GET "/health/live" => health::live;
        GET "/health/ready" => health::ready;
        GET "/api/openapi.json" => openapi::openapi_json;
        POST "/api/v1/auth/login" => auth::handlers::login;
        POST "/api/v1/auth/refresh" => auth::handlers::refresh;
        POST "/api/v1/auth/logout" => auth::handlers::logout;
        GET "/api/v1/me" => users::handlers::me;
        GET "/api/v1/users" => users::handlers::list;
        POST "/api/v1/users" => users::handlers::create;
        GET "/api/v1/users/{id}" => users::handlers::get;
        PATCH "/api/v1/users/{id}" => users::handlers::update;
        POST "/api/v1/users/{id}/password" => users::handlers::reset_password;
        GET "/api/v1/audit-log" => audit::handlers::list;
        GET "/api/v1/api-keys" => auth::api_keys::list;
        POST "/api/v1/api-keys" => auth::api_keys::create;
        DELETE "/api/v1/api-keys/{id}" => auth::api_keys::revoke;
        GET "/api/v1/invitations" => users::invitations::list;
        POST "/api/v1/invitations" => users::invitations::create;
        POST "/api/v1/invitations/accept" => users::invitations::accept;
        DELETE "/api/v1/invitations/{id}" => users::invitations::revoke;
        GET "/api/v1/actors" => actors::handlers::list;
        POST "/api/v1/actors" => actors::handlers::create;
        GET "/api/v1/actors/{id}" => actors::handlers::get;
        PATCH "/api/v1/actors/{id}" => actors::handlers::update;
        DELETE "/api/v1/actors/{id}" => actors::handlers::delete;
        GET "/api/v1/actors/{id}/projects" => actors::handlers::projects;
        GET "/api/v1/actors/{id}/contacts" => actors::contacts::list;
        POST "/api/v1/actors/{id}/contacts" => actors::contacts::create;
        PUT "/api/v1/actors/{id}/contacts/{contact_id}" => actors::contacts::update;
        DELETE "/api/v1/actors/{id}/contacts/{contact_id}" => actors::contacts::delete;
        GET "/api/v1/actors/{id}/contacts/{contact_id}/personal-data" => actors::personal_data::export;
        POST "/api/v1/actors/{id}/contacts/{contact_id}/erase" => actors::personal_data::erase;
        GET "/api/v1/staff" => users::handlers::staff;
        GET "/api/v1/settings/axes" => settings::get_axes;
        PUT "/api/v1/settings/axes" => settings::put_axes;
        GET "/api/v1/projects" => projects::list;
        POST "/api/v1/projects" => projects::create;
        GET "/api/v1/projects/{id}" => projects::get;
        PATCH "/api/v1/projects/{id}" => projects::update;
        DELETE "/api/v1/projects/{id}" => projects::delete;
        GET "/api/v1/projects/{id}/transitions" => lifecycle::list;
        POST "/api/v1/projects/{id}/transitions" => lifecycle::create;
        GET "/api/v1/projects/{id}/milestones" => milestones::list;
        POST "/api/v1/projects/{id}/milestones" => milestones::create;
        PATCH "/api/v1/projects/{id}/milestones/{milestone_id}" => milestones::update;
        DELETE "/api/v1/projects/{id}/milestones/{milestone_id}" => milestones::delete;
        GET "/api/v1/projects/{id}/journal" => journal::list;
        POST "/api/v1/projects/{id}/journal" => journal::create;
        PATCH "/api/v1/projects/{id}/journal/{entry_id}" => journal::update;
        DELETE "/api/v1/projects/{id}/journal/{entry_id}" => journal::delete;
        GET "/api/v1/projects/{id}/documents" => documents::list;
        POST "/api/v1/projects/{id}/documents" => documents::upload;
        GET "/api/v1/projects/{id}/documents/{document_id}" => documents::download;
        DELETE "/api/v1/projects/{id}/documents/{document_id}" => documents::delete;
        GET "/api/v1/projects/{id}/participants" => participants::list;
        POST "/api/v1/projects/{id}/participants" => participants::create;
        DELETE "/api/v1/projects/{id}/participants/{participant_id}" => participants::delete;
        GET "/api/v1/projects/{id}/funding-lines" => funding::list;
        POST "/api/v1/projects/{id}/funding-lines" => funding::create;
        PATCH "/api/v1/projects/{id}/funding-lines/{line_id}" => funding::update;
        DELETE "/api/v1/projects/{id}/funding-lines/{line_id}" => funding::delete;
        GET "/api/v1/settings/evaluation-gate" => settings::get_evaluation_gate;
        PUT "/api/v1/settings/evaluation-gate" => settings::put_evaluation_gate;
        GET "/api/v1/evaluation-grids" => evaluations::grids::list;
        POST "/api/v1/evaluation-grids" => evaluations::grids::create;
        GET "/api/v1/evaluation-grids/{id}" => evaluations::grids::get;
        PATCH "/api/v1/evaluation-grids/{id}" => evaluations::grids::update;
        GET "/api/v1/evaluation-grids/{id}/versions" => evaluations::grids::versions;
        GET "/api/v1/evaluation-grids/{id}/versions/{version}" => evaluations::grids::version;
        GET "/api/v1/projects/{id}/evaluations" => evaluations::handlers::list;
        POST "/api/v1/projects/{id}/evaluations" => evaluations::handlers::create;
        // Literal segments sort before `{evaluation_id}` in `configure`'s
        // map, so these two are matched first.
        GET "/api/v1/projects/{id}/evaluations/consolidated" => evaluations::handlers::consolidated;
        GET "/api/v1/projects/{id}/evaluations/comparison" => evaluations::handlers::comparison;
        GET "/api/v1/projects/{id}/evaluations/{evaluation_id}" => evaluations::handlers::get;
        PATCH "/api/v1/projects/{id}/evaluations/{evaluation_id}" => evaluations::handlers::update;
        DELETE "/api/v1/projects/{id}/evaluations/{evaluation_id}" => evaluations::handlers::delete;
        POST "/api/v1/projects/{id}/evaluations/{evaluation_id}/submit" => evaluations::handlers::submit;
        POST "/api/v1/projects/{id}/evaluations/{evaluation_id}/reopen" => evaluations::handlers::reopen;
        GET "/api/v1/projects/{id}/indicators" => evaluations::indicators::list;
        POST "/api/v1/projects/{id}/indicators" => evaluations::indicators::create;
        GET "/api/v1/projects/{id}/indicators/{indicator_id}" => evaluations::indicators::get;
        PATCH "/api/v1/projects/{id}/indicators/{indicator_id}" => evaluations::indicators::update;
        DELETE "/api/v1/projects/{id}/indicators/{indicator_id}" => evaluations::indicators::delete;
        GET "/api/v1/projects/{id}/indicators/{indicator_id}/measurements" => evaluations::indicators::measurements;
        POST "/api/v1/projects/{id}/indicators/{indicator_id}/measurements" => evaluations::indicators::add_measurement;
        DELETE "/api/v1/projects/{id}/indicators/{indicator_id}/measurements/{measurement_id}" => evaluations::indicators::delete_measurement;
        GET "/api/v1/webhooks" => webhooks::handlers::list;
        POST "/api/v1/webhooks" => webhooks::handlers::create;
        GET "/api/v1/webhooks/{id}" => webhooks::handlers::get;
        PATCH "/api/v1/webhooks/{id}" => webhooks::handlers::update;
        DELETE "/api/v1/webhooks/{id}" => webhooks::handlers::delete;
        GET "/api/v1/webhooks/{id}/deliveries" => webhooks::handlers::deliveries;
        GET "/api/v1/settings/webhooks" => settings::get_webhooks;
        PUT "/api/v1/settings/webhooks" => settings::put_webhooks;
        GET "/api/v1/funding-lines" => exchange::lists::funding_lines;
        GET "/api/v1/indicators" => exchange::lists::indicators;
        POST "/api/v1/imports/actors" => exchange::import::actors;
        POST "/api/v1/imports/projects" => exchange::import::projects;
        GET "/api/v1/open-data/projects" => exchange::open_data::projects;
        GET "/api/v1/dashboard" => portfolio::handlers::dashboard;
        GET "/api/v1/network" => portfolio::handlers::network;
    }
}

/// Registers the table: one actix resource per path, whose other methods
/// get a JSON 405 with an `Allow` header.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let mut by_path: BTreeMap<&'static str, Vec<Endpoint>> = BTreeMap::new();
    for endpoint in table() {
        by_path.entry(endpoint.path).or_default().push(endpoint);
    }
    for (path, endpoints) in by_path {
        let allow = endpoints
            .iter()
            .map(|e| e.method.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let mut resource = web::resource(path);
        for endpoint in &endpoints {
            resource = resource.route((endpoint.route)());
        }
        resource = resource.default_service(web::to(move || {
            let allow = allow.clone();
            async move { HttpResponse::from(crate::error::ApiError::method_not_allowed(allow)) }
        }));
        cfg.service(resource);
    }
}
