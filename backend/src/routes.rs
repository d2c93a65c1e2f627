//! The route table: every endpoint the server answers, in one place. The
//! OpenAPI document must list each of them (a test checks it), and the
//! table also tells which methods a path allows, for 405 answers.

use crate::{audit, auth, health, openapi, users};
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
