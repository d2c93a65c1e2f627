//! The endpoint table: every operation the server answers, declared once.
//! Each row gives the method and path, the handler, the operation's stable
//! `operationId`, its tag, who may call it and the scope an API key needs.
//! Routing (`configure`), the OpenAPI document's paths (`openapi::document`)
//! and the API-key check (`api_keys::authenticate`) all read this table;
//! nothing else lists endpoints.
//!
//! The handler's `#[utoipa::path]` describes what is particular to it
//! (parameters, body, answers); utoipa needs its method and path there too,
//! and `openapi::document` refuses to build when the two disagree.

use crate::projects::{
    documents, funding, handlers as projects, journal, lifecycle, milestones, participants,
};
use crate::{
    actors, audit, auth, evaluations, exchange, health, notifications, openapi, opportunities,
    portfolio, programming, reports, settings, users, webhooks,
};
use actix_web::http::Method;
use actix_web::middleware::from_fn;
use actix_web::{web, HttpResponse};
use shared::access::Scope;
use shared::auth::Role;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;
use utoipa::openapi::path::Operation;
use utoipa::openapi::schema::Schema;
use utoipa::openapi::RefOr;

/// Who may call an operation. The handler enforces it with the extractor
/// of the same name (`auth::Staff`, `auth::Editor`…); the access matrix
/// test (`tests/api/access.rs`) calls every row as every kind of caller
/// and checks the answers against this column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in account.
    SignedIn,
    /// Staff of any role, and partners on what is shared with their
    /// organisation (anything else answers 404 to them).
    StaffOrPartner,
    /// Staff who edit the portfolio, and partners on what is theirs.
    EditorOrPartner,
    /// Staff of any role (viewers included).
    Staff,
    /// Staff who edit the portfolio: engineers, managers, admins.
    Editor,
    /// Managers and admins.
    Manager,
    /// Admins, and any account on its own record.
    SelfOrAdmin,
    /// Admins only.
    Admin,
}

impl Access {
    /// Whether a signed-in account of this role gets past the row (the
    /// handler then checks the object for partners).
    pub fn admits(self, role: Role) -> bool {
        match self {
            Access::Public | Access::SignedIn | Access::StaffOrPartner | Access::SelfOrAdmin => {
                true
            }
            Access::EditorOrPartner => role == Role::Partner || role.can_edit_portfolio(),
            Access::Staff => role.is_staff(),
            Access::Editor => role.can_edit_portfolio(),
            Access::Manager => role.is_manager_or_admin(),
            Access::Admin => role.is_admin(),
        }
    }

    /// The sentence the document gives each operation.
    pub fn describe(self) -> &'static str {
        match self {
            Access::Public => "anyone, without signing in",
            Access::SignedIn => "any signed-in account",
            Access::StaffOrPartner => "staff, and partners on what is shared with their organisation",
            Access::EditorOrPartner => {
                "staff who edit the portfolio (engineers, managers, admins), and partners on what is theirs"
            }
            Access::Staff => "staff of any role",
            Access::Editor => "staff who edit the portfolio (engineers, managers, admins)",
            Access::Manager => "managers and admins",
            Access::SelfOrAdmin => "admins, and any account on its own record",
            Access::Admin => "admins",
        }
    }
}

/// The document's tags: one per area of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tag {
    Auth,
    Users,
    Audit,
    Access,
    Actors,
    Projects,
    Evaluations,
    Portfolio,
    Programming,
    Opportunities,
    Notifications,
    Reports,
    Exchange,
    Webhooks,
    Health,
}

impl Tag {
    pub const ALL: [Tag; 15] = [
        Tag::Auth,
        Tag::Users,
        Tag::Audit,
        Tag::Access,
        Tag::Actors,
        Tag::Projects,
        Tag::Evaluations,
        Tag::Portfolio,
        Tag::Programming,
        Tag::Opportunities,
        Tag::Notifications,
        Tag::Reports,
        Tag::Exchange,
        Tag::Webhooks,
        Tag::Health,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Tag::Auth => "auth",
            Tag::Users => "users",
            Tag::Audit => "audit",
            Tag::Access => "access",
            Tag::Actors => "actors",
            Tag::Projects => "projects",
            Tag::Evaluations => "evaluations",
            Tag::Portfolio => "portfolio",
            Tag::Programming => "programming",
            Tag::Opportunities => "opportunities",
            Tag::Notifications => "notifications",
            Tag::Reports => "reports",
            Tag::Exchange => "exchange",
            Tag::Webhooks => "webhooks",
            Tag::Health => "health",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Tag::Auth => "Sign in, refresh, sign out",
            Tag::Users => "Accounts and roles",
            Tag::Audit => "Who changed what",
            Tag::Access => "API keys for the town's systems, partner invitations",
            Tag::Actors => "The territorial ecosystem: organisations and their contacts",
            Tag::Projects => "The portfolio: projects, lifecycle, financing, knowledge base",
            Tag::Evaluations => {
                "Evaluation grids, evaluations with blind review, consolidation, impact indicators"
            }
            Tag::Portfolio => {
                "The dashboard's figures, the roadmap of the projects over time and the actors' network"
            }
            Tag::Programming => {
                "Money over time: each project's AP and its revisions, CP by year, funding schedules, the town's investment capacity, the programme and its scenarios"
            }
            Tag::Opportunities => {
                "Funding opportunities: the catalogue of calls and aid schemes, its import (CSV or Aides-territoires), the ones a project may apply for now and applying"
            }
            Tag::Notifications => {
                "Each person's notifications (deadlines, phase changes, partners' notes, mentions, opportunities) and their preferences"
            }
            Tag::Reports => {
                "Printed documents: a project's sheet and the annual report, as tagged PDF (PDF/UA-1) in French or English"
            }
            Tag::Exchange => {
                "CSV imports of actors and projects, and the public projects as open data; exports are the lists' `format=csv|xlsx`"
            }
            Tag::Webhooks => {
                "Signed notifications of events to the town's other systems, their deliveries and retries"
            }
            Tag::Health => "Probes",
        }
    }
}

type SchemaList = Vec<(String, RefOr<Schema>)>;

/// The handler's own description, from its `#[utoipa::path]`.
pub struct Documentation {
    pub method: fn() -> Vec<utoipa::openapi::path::HttpMethod>,
    pub path: fn() -> String,
    pub operation: fn() -> Operation,
    /// The schemas its parameters, body and answers name.
    pub schemas: fn(&mut SchemaList),
}

pub struct Endpoint {
    pub method: Method,
    pub path: &'static str,
    pub operation_id: &'static str,
    pub tag: Tag,
    pub access: Access,
    /// The scope an API key needs; `None`: closed to API keys.
    pub scope: Option<Scope>,
    pub documentation: Documentation,
    route: fn() -> actix_web::Route,
}

/// `module::handler` → `module::__path_handler`, the type utoipa's
/// attribute generates beside a handler.
macro_rules! documentation {
    ([$($prefix:tt)*] $last:ident) => {
        pastey::paste! {
            Documentation {
                method: <$($prefix)* [<__path_ $last>] as utoipa::Path>::methods,
                path: <$($prefix)* [<__path_ $last>] as utoipa::Path>::path,
                operation: <$($prefix)* [<__path_ $last>] as utoipa::Path>::operation,
                schemas: <$($prefix)* [<__path_ $last>] as utoipa::__dev::SchemaReferences>::schemas,
            }
        }
    };
    ([$($prefix:tt)*] $head:ident $($rest:ident)+) => {
        documentation!([$($prefix)* $head ::] $($rest)+)
    };
}

macro_rules! endpoints {
    ($(
        $method:ident $path:literal => $($handler:ident)::+,
        $operation_id:literal, $tag:ident, $access:ident, $scope:ident;
    )*) => {
        vec![$(Endpoint {
            method: Method::$method,
            path: $path,
            operation_id: $operation_id,
            tag: Tag::$tag,
            access: Access::$access,
            scope: endpoints!(@scope $scope),
            documentation: documentation!([] $($handler)+),
            route: || web::method(Method::$method).to($($handler)::+),
        }),*]
    };
    (@scope None) => { None };
    (@scope $scope:ident) => { Some(Scope::$scope) };
}

/// Every endpoint. Path parameters are named alike wherever they mean the
/// same thing (`{id}` the first resource), which the access test relies on.
pub fn table() -> Vec<Endpoint> {
    endpoints! {
        // method path => handler, operationId, tag, who may call, API-key scope;
        GET "/health/live" => health::live, "getLiveness", Health, Public, None;
        GET "/health/ready" => health::ready, "getReadiness", Health, Public, None;
        GET "/api/openapi.json" => openapi::openapi_json, "getOpenApiDocument", Health, Public, None;

        POST "/api/v1/auth/login" => auth::handlers::login, "signIn", Auth, Public, None;
        POST "/api/v1/auth/refresh" => auth::handlers::refresh, "refreshSession", Auth, Public, None;
        POST "/api/v1/auth/logout" => auth::handlers::logout, "signOut", Auth, Public, None;

        GET "/api/v1/me" => users::handlers::me, "getCurrentUser", Users, SignedIn, None;
        GET "/api/v1/users" => users::handlers::list, "listUsers", Users, Admin, None;
        POST "/api/v1/users" => users::handlers::create, "createUser", Users, Admin, None;
        GET "/api/v1/users/{id}" => users::handlers::get, "getUser", Users, SelfOrAdmin, None;
        PATCH "/api/v1/users/{id}" => users::handlers::update, "updateUser", Users, Admin, None;
        POST "/api/v1/users/{id}/password" => users::handlers::reset_password, "resetUserPassword", Users, Admin, None;
        GET "/api/v1/staff" => users::handlers::staff, "listStaff", Users, Staff, None;

        GET "/api/v1/audit-log" => audit::handlers::list, "listAuditEntries", Audit, Manager, None;

        GET "/api/v1/api-keys" => auth::api_keys::list, "listApiKeys", Access, Admin, None;
        POST "/api/v1/api-keys" => auth::api_keys::create, "createApiKey", Access, Admin, None;
        DELETE "/api/v1/api-keys/{id}" => auth::api_keys::revoke, "revokeApiKey", Access, Admin, None;
        GET "/api/v1/invitations" => users::invitations::list, "listInvitations", Access, Admin, None;
        POST "/api/v1/invitations" => users::invitations::create, "createInvitation", Access, Admin, None;
        POST "/api/v1/invitations/accept" => users::invitations::accept, "acceptInvitation", Access, Public, None;
        DELETE "/api/v1/invitations/{id}" => users::invitations::revoke, "revokeInvitation", Access, Admin, None;

        GET "/api/v1/actors" => actors::handlers::list, "listActors", Actors, StaffOrPartner, ReadActors;
        POST "/api/v1/actors" => actors::handlers::create, "createActor", Actors, Editor, None;
        GET "/api/v1/actors/{id}" => actors::handlers::get, "getActor", Actors, StaffOrPartner, ReadActors;
        PATCH "/api/v1/actors/{id}" => actors::handlers::update, "updateActor", Actors, EditorOrPartner, None;
        DELETE "/api/v1/actors/{id}" => actors::handlers::delete, "deleteActor", Actors, Editor, None;
        GET "/api/v1/actors/{id}/projects" => actors::handlers::projects, "listActorProjects", Actors, StaffOrPartner, ReadActors;
        GET "/api/v1/actors/{id}/contacts" => actors::contacts::list, "listActorContacts", Actors, StaffOrPartner, ReadActors;
        POST "/api/v1/actors/{id}/contacts" => actors::contacts::create, "createContact", Actors, EditorOrPartner, None;
        PUT "/api/v1/actors/{id}/contacts/{contact_id}" => actors::contacts::update, "updateContact", Actors, EditorOrPartner, None;
        DELETE "/api/v1/actors/{id}/contacts/{contact_id}" => actors::contacts::delete, "deleteContact", Actors, EditorOrPartner, None;
        GET "/api/v1/actors/{id}/contacts/{contact_id}/personal-data" => actors::personal_data::export, "exportContactPersonalData", Actors, Admin, None;
        POST "/api/v1/actors/{id}/contacts/{contact_id}/erase" => actors::personal_data::erase, "eraseContact", Actors, Admin, None;

        GET "/api/v1/settings/axes" => settings::get_axes, "getAxes", Projects, Staff, None;
        PUT "/api/v1/settings/axes" => settings::put_axes, "updateAxes", Projects, Admin, None;
        GET "/api/v1/settings/town" => settings::get_town, "getTownIdentity", Exchange, Staff, None;
        PUT "/api/v1/settings/town" => settings::put_town, "updateTownIdentity", Exchange, Admin, None;

        GET "/api/v1/projects" => projects::list, "listProjects", Projects, StaffOrPartner, ReadProjects;
        POST "/api/v1/projects" => projects::create, "createProject", Projects, Editor, None;
        GET "/api/v1/projects/{id}" => projects::get, "getProject", Projects, StaffOrPartner, ReadProjects;
        PATCH "/api/v1/projects/{id}" => projects::update, "updateProject", Projects, Editor, None;
        DELETE "/api/v1/projects/{id}" => projects::delete, "deleteProject", Projects, Manager, None;
        GET "/api/v1/projects/{id}/transitions" => lifecycle::list, "listProjectTransitions", Projects, StaffOrPartner, ReadProjects;
        POST "/api/v1/projects/{id}/transitions" => lifecycle::create, "createTransition", Projects, Editor, None;
        GET "/api/v1/projects/{id}/milestones" => milestones::list, "listProjectMilestones", Projects, StaffOrPartner, ReadProjects;
        POST "/api/v1/projects/{id}/milestones" => milestones::create, "createMilestone", Projects, Editor, None;
        PATCH "/api/v1/projects/{id}/milestones/{milestone_id}" => milestones::update, "updateMilestone", Projects, Editor, None;
        DELETE "/api/v1/projects/{id}/milestones/{milestone_id}" => milestones::delete, "deleteMilestone", Projects, Editor, None;
        GET "/api/v1/projects/{id}/journal" => journal::list, "listProjectJournal", Projects, StaffOrPartner, None;
        POST "/api/v1/projects/{id}/journal" => journal::create, "createJournalEntry", Projects, EditorOrPartner, None;
        PATCH "/api/v1/projects/{id}/journal/{entry_id}" => journal::update, "updateJournalEntry", Projects, Editor, None;
        DELETE "/api/v1/projects/{id}/journal/{entry_id}" => journal::delete, "deleteJournalEntry", Projects, Editor, None;
        GET "/api/v1/projects/{id}/documents" => documents::list, "listProjectDocuments", Projects, Staff, None;
        POST "/api/v1/projects/{id}/documents" => documents::upload, "uploadDocument", Projects, Editor, None;
        GET "/api/v1/projects/{id}/documents/{document_id}" => documents::download, "downloadDocument", Projects, Staff, None;
        DELETE "/api/v1/projects/{id}/documents/{document_id}" => documents::delete, "deleteDocument", Projects, Editor, None;
        GET "/api/v1/projects/{id}/participants" => participants::list, "listProjectParticipants", Projects, StaffOrPartner, ReadProjects;
        POST "/api/v1/projects/{id}/participants" => participants::create, "createParticipant", Projects, Editor, None;
        DELETE "/api/v1/projects/{id}/participants/{participant_id}" => participants::delete, "deleteParticipant", Projects, Editor, None;
        GET "/api/v1/projects/{id}/funding-lines" => funding::list, "listProjectFundingLines", Projects, StaffOrPartner, ReadProjects;
        POST "/api/v1/projects/{id}/funding-lines" => funding::create, "createFundingLine", Projects, Editor, None;
        PATCH "/api/v1/projects/{id}/funding-lines/{line_id}" => funding::update, "updateFundingLine", Projects, Editor, None;
        DELETE "/api/v1/projects/{id}/funding-lines/{line_id}" => funding::delete, "deleteFundingLine", Projects, Editor, None;

        GET "/api/v1/projects/{id}/ap-revisions" => programming::ap::list, "listApRevisions", Programming, Staff, ReadProjects;
        POST "/api/v1/projects/{id}/ap-revisions" => programming::ap::create, "createApRevision", Programming, Editor, None;
        GET "/api/v1/projects/{id}/payment-credits" => programming::credits::get_credits, "getPaymentCredits", Programming, Staff, ReadProjects;
        PUT "/api/v1/projects/{id}/payment-credits" => programming::credits::put_credits, "replacePaymentCredits", Programming, Editor, None;
        GET "/api/v1/projects/{id}/funding-lines/{line_id}/schedule" => programming::credits::get_schedule, "getFundingSchedule", Programming, Staff, ReadProjects;
        PUT "/api/v1/projects/{id}/funding-lines/{line_id}/schedule" => programming::credits::put_schedule, "replaceFundingSchedule", Programming, Editor, None;
        GET "/api/v1/settings/investment-capacity" => programming::capacity::get, "getInvestmentCapacity", Programming, Staff, ReadDashboard;
        PUT "/api/v1/settings/investment-capacity" => programming::capacity::put, "updateInvestmentCapacity", Programming, Admin, None;
        GET "/api/v1/programming" => programming::handlers::programme, "getProgramme", Programming, Staff, ReadDashboard;
        GET "/api/v1/programming/scenarios" => programming::scenarios::list, "listScenarios", Programming, Staff, ReadDashboard;
        POST "/api/v1/programming/scenarios" => programming::scenarios::create, "createScenario", Programming, Editor, None;
        GET "/api/v1/programming/scenarios/{id}" => programming::scenarios::get, "getScenario", Programming, Staff, ReadDashboard;
        DELETE "/api/v1/programming/scenarios/{id}" => programming::scenarios::delete, "deleteScenario", Programming, Editor, None;

        GET "/api/v1/settings/evaluation-gate" => settings::get_evaluation_gate, "getEvaluationGate", Evaluations, Staff, None;
        PUT "/api/v1/settings/evaluation-gate" => settings::put_evaluation_gate, "updateEvaluationGate", Evaluations, Admin, None;
        GET "/api/v1/evaluation-grids" => evaluations::grids::list, "listEvaluationGrids", Evaluations, Staff, ReadEvaluations;
        POST "/api/v1/evaluation-grids" => evaluations::grids::create, "createEvaluationGrid", Evaluations, Manager, None;
        GET "/api/v1/evaluation-grids/{id}" => evaluations::grids::get, "getEvaluationGrid", Evaluations, Staff, ReadEvaluations;
        PATCH "/api/v1/evaluation-grids/{id}" => evaluations::grids::update, "updateEvaluationGrid", Evaluations, Manager, None;
        GET "/api/v1/evaluation-grids/{id}/versions" => evaluations::grids::versions, "listEvaluationGridVersions", Evaluations, Staff, ReadEvaluations;
        GET "/api/v1/evaluation-grids/{id}/versions/{version}" => evaluations::grids::version, "getEvaluationGridVersion", Evaluations, Staff, ReadEvaluations;
        GET "/api/v1/projects/{id}/evaluations" => evaluations::handlers::list, "listProjectEvaluations", Evaluations, Staff, ReadEvaluations;
        POST "/api/v1/projects/{id}/evaluations" => evaluations::handlers::create, "createEvaluation", Evaluations, Editor, None;
        // Literal segments sort before `{evaluation_id}` in `configure`'s
        // map, so these two are matched first.
        GET "/api/v1/projects/{id}/evaluations/consolidated" => evaluations::handlers::consolidated, "getConsolidatedEvaluation", Evaluations, Staff, ReadEvaluations;
        GET "/api/v1/projects/{id}/evaluations/comparison" => evaluations::handlers::comparison, "compareEvaluations", Evaluations, Staff, ReadEvaluations;
        GET "/api/v1/projects/{id}/evaluations/{evaluation_id}" => evaluations::handlers::get, "getEvaluation", Evaluations, Staff, ReadEvaluations;
        PATCH "/api/v1/projects/{id}/evaluations/{evaluation_id}" => evaluations::handlers::update, "updateEvaluation", Evaluations, Editor, None;
        DELETE "/api/v1/projects/{id}/evaluations/{evaluation_id}" => evaluations::handlers::delete, "deleteEvaluation", Evaluations, Editor, None;
        POST "/api/v1/projects/{id}/evaluations/{evaluation_id}/submit" => evaluations::handlers::submit, "submitEvaluation", Evaluations, Editor, None;
        POST "/api/v1/projects/{id}/evaluations/{evaluation_id}/reopen" => evaluations::handlers::reopen, "reopenEvaluation", Evaluations, Manager, None;
        GET "/api/v1/projects/{id}/indicators" => evaluations::indicators::list, "listProjectIndicators", Evaluations, StaffOrPartner, ReadProjects;
        POST "/api/v1/projects/{id}/indicators" => evaluations::indicators::create, "createIndicator", Evaluations, Editor, WriteIndicators;
        GET "/api/v1/projects/{id}/indicators/{indicator_id}" => evaluations::indicators::get, "getIndicator", Evaluations, StaffOrPartner, ReadProjects;
        PATCH "/api/v1/projects/{id}/indicators/{indicator_id}" => evaluations::indicators::update, "updateIndicator", Evaluations, Editor, WriteIndicators;
        DELETE "/api/v1/projects/{id}/indicators/{indicator_id}" => evaluations::indicators::delete, "deleteIndicator", Evaluations, Editor, WriteIndicators;
        GET "/api/v1/projects/{id}/indicators/{indicator_id}/measurements" => evaluations::indicators::measurements, "listIndicatorMeasurements", Evaluations, StaffOrPartner, ReadProjects;
        POST "/api/v1/projects/{id}/indicators/{indicator_id}/measurements" => evaluations::indicators::add_measurement, "createMeasurement", Evaluations, EditorOrPartner, WriteIndicators;
        DELETE "/api/v1/projects/{id}/indicators/{indicator_id}/measurements/{measurement_id}" => evaluations::indicators::delete_measurement, "deleteMeasurement", Evaluations, Editor, WriteIndicators;

        GET "/api/v1/webhooks" => webhooks::handlers::list, "listWebhooks", Webhooks, Admin, None;
        POST "/api/v1/webhooks" => webhooks::handlers::create, "createWebhook", Webhooks, Admin, None;
        GET "/api/v1/webhooks/{id}" => webhooks::handlers::get, "getWebhook", Webhooks, Admin, None;
        PATCH "/api/v1/webhooks/{id}" => webhooks::handlers::update, "updateWebhook", Webhooks, Admin, None;
        DELETE "/api/v1/webhooks/{id}" => webhooks::handlers::delete, "deleteWebhook", Webhooks, Admin, None;
        GET "/api/v1/webhooks/{id}/deliveries" => webhooks::handlers::deliveries, "listWebhookDeliveries", Webhooks, Admin, None;
        GET "/api/v1/settings/webhooks" => settings::get_webhooks, "getWebhookSettings", Webhooks, Admin, None;
        PUT "/api/v1/settings/webhooks" => settings::put_webhooks, "updateWebhookSettings", Webhooks, Admin, None;

        GET "/api/v1/funding-lines" => exchange::lists::funding_lines, "listFundingLines", Projects, StaffOrPartner, ReadProjects;
        GET "/api/v1/indicators" => exchange::lists::indicators, "listIndicators", Evaluations, StaffOrPartner, ReadProjects;
        POST "/api/v1/imports/actors" => exchange::import::actors, "importActors", Exchange, Editor, None;
        POST "/api/v1/imports/projects" => exchange::import::projects, "importProjects", Exchange, Editor, None;
        POST "/api/v1/imports/funding-opportunities" => opportunities::import::import, "importFundingOpportunities", Opportunities, Editor, None;
        GET "/api/v1/funding-opportunities" => opportunities::handlers::list, "listFundingOpportunities", Opportunities, Staff, ReadProjects;
        POST "/api/v1/funding-opportunities" => opportunities::handlers::create, "createFundingOpportunity", Opportunities, Editor, None;
        GET "/api/v1/funding-opportunities/{id}" => opportunities::handlers::get, "getFundingOpportunity", Opportunities, Staff, ReadProjects;
        PUT "/api/v1/funding-opportunities/{id}" => opportunities::handlers::update, "updateFundingOpportunity", Opportunities, Editor, None;
        DELETE "/api/v1/funding-opportunities/{id}" => opportunities::handlers::delete, "deleteFundingOpportunity", Opportunities, Editor, None;
        GET "/api/v1/projects/{id}/opportunities" => opportunities::handlers::project_matches, "listProjectOpportunities", Opportunities, Staff, ReadProjects;
        POST "/api/v1/projects/{id}/opportunities/{opportunity_id}/apply" => opportunities::handlers::apply, "applyToOpportunity", Opportunities, Editor, None;
        GET "/api/v1/notifications" => notifications::handlers::list, "listNotifications", Notifications, SignedIn, None;
        POST "/api/v1/notifications/read-all" => notifications::handlers::read_all, "readAllNotifications", Notifications, SignedIn, None;
        POST "/api/v1/notifications/{id}/read" => notifications::handlers::read, "readNotification", Notifications, SignedIn, None;
        GET "/api/v1/me/notification-preferences" => notifications::preferences::get, "getNotificationPreferences", Notifications, SignedIn, None;
        PUT "/api/v1/me/notification-preferences" => notifications::preferences::put, "updateNotificationPreferences", Notifications, SignedIn, None;
        GET "/api/v1/open-data/projects" => exchange::open_data::projects, "listOpenDataProjects", Exchange, Public, None;
        GET "/api/v1/open-data/projects/{reference}" => exchange::open_data::project_sheet, "getPublicProjectSheet", Exchange, Public, None;
        GET "/api/v1/open-data/projets.csv" => exchange::national::projets_csv, "getNationalProjectsFile", Exchange, Public, None;
        GET "/api/v1/open-data/subventions.csv" => exchange::national::subventions_csv, "getScdlGrantsFile", Exchange, Public, None;
        GET "/api/v1/open-data/schemas/{name}" => exchange::open_data::schema, "getOpenDataSchema", Exchange, Public, None;
        GET "/api/v1/open-data/dictionary" => exchange::open_data::dictionary, "getOpenDataDictionary", Exchange, Public, None;

        GET "/api/v1/dashboard" => portfolio::handlers::dashboard, "getDashboard", Portfolio, Staff, ReadDashboard;
        GET "/api/v1/projects/{id}/report.pdf" => reports::project_report, "getProjectReport", Reports, StaffOrPartner, ReadProjects;
        GET "/api/v1/reports/annual.pdf" => reports::annual_report, "getAnnualReport", Reports, Staff, ReadDashboard;
        GET "/api/v1/network" => portfolio::handlers::network, "getNetwork", Portfolio, Staff, ReadDashboard;
        GET "/api/v1/roadmap" => portfolio::roadmap::roadmap, "getPortfolioRoadmap", Portfolio, StaffOrPartner, ReadProjects;
    }
}

/// The table, built once, and its rows by method and path.
static TABLE: LazyLock<Vec<Endpoint>> = LazyLock::new(table);
static BY_ROUTE: LazyLock<HashMap<(Method, &'static str), &'static Endpoint>> =
    LazyLock::new(|| {
        TABLE
            .iter()
            .map(|endpoint| ((endpoint.method.clone(), endpoint.path), endpoint))
            .collect()
    });

/// The row a request matched, from its method and matched path pattern.
pub fn endpoint(method: &Method, pattern: &str) -> Option<&'static Endpoint> {
    BY_ROUTE.get(&(method.clone(), pattern)).copied()
}

/// Registers the table: one actix resource per path, whose other methods
/// get a JSON 405 with an `Allow` header.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let mut by_path: BTreeMap<&'static str, Vec<&Endpoint>> = BTreeMap::new();
    for endpoint in TABLE.iter() {
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
            let route = (endpoint.route)();
            resource = resource.route(route.wrap(from_fn(crate::auth::admit)));
        }
        resource = resource.default_service(web::to(move || {
            let allow = allow.clone();
            async move { HttpResponse::from(crate::error::ApiError::method_not_allowed(allow)) }
        }));
        cfg.service(resource);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn operation_ids_are_unique_camel_case_verb_noun() {
        let mut seen = HashSet::new();
        for endpoint in table() {
            let id = endpoint.operation_id;
            assert!(seen.insert(id), "{id} is used twice");
            assert!(
                id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                    && id.chars().all(|c| c.is_ascii_alphanumeric())
                    && id.chars().any(|c| c.is_ascii_uppercase()),
                "{id} is not camelCase verb+noun"
            );
        }
    }

    #[test]
    fn method_and_path_appear_once() {
        let mut seen = HashSet::new();
        for endpoint in table() {
            assert!(
                seen.insert((endpoint.method.clone(), endpoint.path)),
                "{} {} is declared twice",
                endpoint.method,
                endpoint.path
            );
        }
    }

    #[test]
    fn rows_agree_with_their_handlers_documentation() {
        // `openapi::document` refuses a row whose method or path differs
        // from its handler's attribute.
        if let Err(error) = crate::openapi::document() {
            panic!("{error}");
        }
    }

    #[test]
    fn api_keys_reach_only_reads_and_indicator_writes() {
        for endpoint in table() {
            let Some(scope) = endpoint.scope else {
                continue;
            };
            let read = endpoint.method == Method::GET;
            assert!(
                read != (scope == Scope::WriteIndicators),
                "{} {} has scope {scope:?}",
                endpoint.method,
                endpoint.path
            );
            assert!(
                !matches!(
                    endpoint.access,
                    Access::Public | Access::Admin | Access::SelfOrAdmin
                ),
                "{}: keys act as a manager",
                endpoint.operation_id
            );
        }
    }
}
