//! Rules every operation shares, written into the document from the same
//! constants the server enforces them with, so the two cannot drift:
//!
//! - `If-Match` holds a version tag (`extract::IF_MATCH_PATTERN`);
//! - year filters lie in `records::FILTER_YEARS`, and free text in a query
//!   holds no NUL;
//! - `page` starts at 1, `per_page` is at most `MAX_PER_PAGE`, and `sort`
//!   names one of the list's sortable fields, `-` first for descending;
//! - an operation reading a JSON body may answer what the body's extractor
//!   answers: 400 (not JSON, or not sent as JSON), 413 (too large) and 422
//!   (invalid fields);
//! - an operation with path or query parameters may answer 400 when one does
//!   not parse, and one addressing a record by its path 404;
//! - a list with a `format` parameter answers CSV and XLSX files too;
//! - an operation taking `If-Match` may answer 412 (stale) and 428 (missing);
//! - an operation for signed-in callers may answer 401 and 503, and 403
//!   when its access rule shuts some roles out;
//! - a creation (`POST` answering 201) links to the operations on what it
//!   created: the new record's `id` fills their path, its `ETag` their
//!   `If-Match`, so clients and testing tools can follow one record through
//!   its life.

use crate::extract::IF_MATCH_PATTERN;
use crate::records::FILTER_YEARS;
use crate::routes::Access;
use shared::exchange::{CSV_MIME, XLSX_MIME};
use shared::pagination::MAX_PER_PAGE;
use utoipa::openapi::link::LinkBuilder;
use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn, PathItem};
use utoipa::openapi::schema::{KnownFormat, SchemaFormat, SchemaType};
use utoipa::openapi::Required;
use utoipa::openapi::{ContentBuilder, ObjectBuilder, Ref, RefOr, ResponseBuilder, Schema, Type};
use utoipa::Modify;

/// The lists with a `sort` parameter and the fields each sorts by.
fn sortable_fields(path: &str) -> Option<&'static [&'static str]> {
    match path {
        "/api/v1/actors" => Some(crate::actors::repo::SORTABLE),
        "/api/v1/projects" | "/api/v1/roadmap" => Some(crate::projects::repo::SORTABLE),
        "/api/v1/users" => Some(crate::users::repo::SORTABLE),
        _ => None,
    }
}

/// `^-?(a|b|c)$` for the given field names.
pub fn sort_pattern(fields: &[&str]) -> String {
    format!("^-?({})$", fields.join("|"))
}

pub struct SharedRules;

impl Modify for SharedRules {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let targets = link_targets(&openapi.paths.paths);
        for (path, item) in openapi.paths.paths.iter_mut() {
            let sortable = sortable_fields(path);
            for (method, operation) in operations(item) {
                document_path_parameters(path, operation);
                document_export_files(operation);
                for parameter in operation.parameters.iter_mut().flatten() {
                    constrain(parameter, sortable);
                }
                document_extractor_errors(operation);
                if method == "post" {
                    link_creation(path, operation, &targets);
                }
            }
        }
    }
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = (&'static str, &mut Operation)> {
    [
        ("get", &mut item.get),
        ("put", &mut item.put),
        ("post", &mut item.post),
        ("delete", &mut item.delete),
        ("patch", &mut item.patch),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.as_mut().map(|op| (method, op)))
}

/// An operation a creation can link to.
struct LinkTarget {
    path: String,
    method: &'static str,
    takes_if_match: bool,
}

fn link_targets(paths: &utoipa::openapi::path::PathsMap<String, PathItem>) -> Vec<LinkTarget> {
    let mut targets = Vec::new();
    for (path, item) in paths {
        let mut item = item.clone();
        for (method, operation) in operations(&mut item) {
            targets.push(LinkTarget {
                path: path.clone(),
                method,
                takes_if_match: operation
                    .parameters
                    .iter()
                    .flatten()
                    .any(|p| p.name == "If-Match"),
            });
        }
    }
    targets
}

/// Every `{name}` of a path is a record's id (or a grid's version number),
/// a 64-bit integer; each is described after the collection it follows
/// (`/funding-lines/{line_id}`: "Funding line id"), so handlers need not
/// repeat them. A handler describing one itself keeps its words.
fn document_path_parameters(path: &str, operation: &mut Operation) {
    let segments: Vec<&str> = path.split('/').collect();
    let mut documented = Vec::new();
    for pair in segments.windows(2) {
        let [collection, segment] = pair else {
            continue;
        };
        let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            continue;
        };
        let parameters = operation.parameters.get_or_insert_with(Vec::new);
        if let Some(index) = parameters.iter().position(|p| p.name == name) {
            documented.push(parameters.remove(index));
            continue;
        }
        let description = parameter_description(collection, name);
        documented.push(
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .description(Some(description))
                .schema(Some(
                    ObjectBuilder::new()
                        .schema_type(Type::Integer)
                        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64))),
                ))
                .build(),
        );
    }
    if documented.is_empty() {
        return;
    }
    // Path parameters first, in the path's order, as utoipa writes them.
    let others = operation.parameters.take().unwrap_or_default();
    documented.extend(others);
    operation.parameters = Some(documented);
}

/// `funding-lines/{line_id}` → "Funding line id", `journal/{entry_id}` →
/// "Journal entry id", `versions/{version}` → "Version number".
fn parameter_description(collection: &str, name: &str) -> String {
    let label = singular_label(collection);
    match name.strip_suffix("_id") {
        Some(record) if !label.to_lowercase().ends_with(&record.replace('_', " ")) => {
            format!("{label} {} id", record.replace('_', " "))
        }
        _ if name == "id" || name.ends_with("_id") => format!("{label} id"),
        _ => format!("{label} number"),
    }
}

/// `funding-lines` → `Funding line`, `api-keys` → `API key`.
fn singular_label(collection: &str) -> String {
    let singular = collection.strip_suffix('s').unwrap_or(collection);
    let words = singular.replace('-', " ");
    match words.strip_prefix("api ") {
        Some(rest) => format!("API {rest}"),
        None => {
            let mut chars = words.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

/// A list with a `format` parameter answers the file asked for instead of
/// the page (`exchange::files::Listing`): CSV or XLSX beside the JSON.
fn document_export_files(operation: &mut Operation) {
    let exports = operation
        .parameters
        .iter()
        .flatten()
        .any(|p| matches!(p.parameter_in, ParameterIn::Query) && p.name == "format");
    if !exports {
        return;
    }
    if let Some(RefOr::T(response)) = operation.responses.responses.get_mut("200") {
        for (content_type, schema) in [(CSV_MIME, "CsvFile"), (XLSX_MIME, "XlsxFile")] {
            response.content.insert(
                content_type.to_owned(),
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name(schema)))
                    .build(),
            );
        }
    }
}

/// The path parameters of a templated path, in order.
fn path_parameters(path: &str) -> Vec<&str> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .collect()
}

/// `#/paths/~1api~1v1~1actors~1{id}/get`
fn operation_ref(path: &str, method: &str) -> String {
    format!(
        "#/paths/{}/{method}",
        path.replace('~', "~0").replace('/', "~1")
    )
}

/// utoipa writes a link's `operationRef` as `operation_ref`; no other key
/// of the document has that name, as a test checks.
pub fn name_link_fields(document: &str) -> String {
    document.replace("\"operation_ref\": ", "\"operationRef\": ")
}

fn link_creation(collection: &str, operation: &mut Operation, targets: &[LinkTarget]) {
    let Some(RefOr::T(created)) = operation.responses.responses.get_mut("201") else {
        return;
    };
    let known = path_parameters(collection);
    for target in targets {
        let Some(rest) = target
            .path
            .strip_prefix(collection)
            .and_then(|rest| rest.strip_prefix('/'))
        else {
            continue;
        };
        let mut segments = rest.split('/');
        let Some(new_id) = segments
            .next()
            .and_then(|s| s.strip_prefix('{')?.strip_suffix('}'))
        else {
            continue;
        };
        // Only operations whose every path value is then known.
        let unknown = path_parameters(&target.path)
            .into_iter()
            .any(|name| name != new_id && !known.contains(&name));
        if unknown {
            continue;
        }
        let mut link = LinkBuilder::new()
            .operation_ref(operation_ref(&target.path, target.method))
            .parameter(format!("path.{new_id}"), "$response.body#/id");
        for name in &known {
            link = link.parameter(format!("path.{name}"), format!("$request.path.{name}"));
        }
        if target.takes_if_match {
            link = link.parameter("header.If-Match", "$response.header.ETag");
        }
        let name = format!("{}{}", target.method, target.path)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect::<String>();
        created.links.insert(name, RefOr::T(link.build()));
    }
}

fn constrain(parameter: &mut Parameter, sortable: Option<&[&str]>) {
    match (&parameter.parameter_in, parameter.name.as_str()) {
        (ParameterIn::Header, "If-Match") => {
            parameter.schema = Some(RefOr::T(Schema::Object(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some(IF_MATCH_PATTERN))
                    .build(),
            )));
        }
        (ParameterIn::Query, "page") => {
            if let Some(RefOr::T(Schema::Object(object))) = parameter.schema.as_mut() {
                // An unsigned 32-bit number, which `int32` would not cover.
                object.format = None;
                object.minimum = Some(1.into());
                object.maximum = Some(u32::MAX.into());
            }
        }
        (ParameterIn::Query, "per_page") => {
            if let Some(RefOr::T(Schema::Object(object))) = parameter.schema.as_mut() {
                object.format = None;
                object.minimum = Some(1.into());
                object.maximum = Some(MAX_PER_PAGE.into());
            }
        }
        (ParameterIn::Query, "year" | "commission_year") => {
            if let Some(RefOr::T(Schema::Object(object))) = parameter.schema.as_mut() {
                object.minimum = Some((*FILTER_YEARS.start()).into());
                object.maximum = Some((*FILTER_YEARS.end()).into());
            }
        }
        (ParameterIn::Query, _) if takes_free_text(parameter) => {
            if let Some(RefOr::T(Schema::Object(object))) = parameter.schema.as_mut() {
                object.pattern = Some(NO_NUL_PATTERN.to_owned());
            }
        }
        (ParameterIn::Query, "sort") => {
            if let (Some(fields), Some(RefOr::T(Schema::Object(object)))) =
                (sortable, parameter.schema.as_mut())
            {
                object.pattern = Some(sort_pattern(fields));
            }
        }
        _ => {}
    }
}

/// Any text but NUL, which the query extractor refuses.
const NO_NUL_PATTERN: &str = r"^[^\u0000]*$";

/// A text query parameter with no pattern or list of values of its own.
fn takes_free_text(parameter: &Parameter) -> bool {
    let Some(RefOr::T(Schema::Object(object))) = parameter.schema.as_ref() else {
        return false;
    };
    let text = match &object.schema_type {
        SchemaType::Type(kind) => *kind == Type::String,
        SchemaType::Array(kinds) => kinds.contains(&Type::String),
        SchemaType::AnyValue => false,
    };
    text && object.pattern.is_none() && object.enum_values.is_none() && parameter.name != "sort"
}

fn document_extractor_errors(operation: &mut Operation) {
    let takes_json = operation
        .request_body
        .as_ref()
        .is_some_and(|body| body.content.contains_key("application/json"));
    let parameters = operation.parameters.as_deref().unwrap_or_default();
    let has_parameters = parameters
        .iter()
        .any(|p| matches!(p.parameter_in, ParameterIn::Path | ParameterIn::Query));
    let addresses_a_record = parameters
        .iter()
        .any(|p| matches!(p.parameter_in, ParameterIn::Path));
    let if_match = parameters.iter().find(|p| p.name == "If-Match");
    let takes_if_match = if_match.is_some();
    let needs_if_match = if_match.is_some_and(|p| matches!(p.required, Required::True));
    if takes_json || has_parameters {
        add_error(operation, 400, "Malformed JSON body, path or query value");
    }
    if takes_json {
        add_error(operation, 413, "Body larger than the limit");
        add_error(operation, 422, "Invalid fields, each named with its rule");
    }
    if addresses_a_record {
        add_error(operation, 404, "No such resource");
    }
    if takes_if_match {
        add_error(
            operation,
            412,
            "Changed by someone else since it was read (stale If-Match)",
        );
    }
    if needs_if_match {
        add_error(operation, 428, "If-Match is required");
    }
}

/// The answers that follow from who may call an operation (the endpoint
/// table's access column): a signed-in caller's account is read from the
/// database on every request, so 401 and 503 go together; 403 where the
/// rule can refuse a signed-in caller.
pub fn document_access_errors(operation: &mut Operation, access: Access) {
    if access == Access::Public {
        return;
    }
    add_error(
        operation,
        401,
        "Not signed in, or the token is invalid or expired",
    );
    add_error(
        operation,
        503,
        "Database unreachable; retry after Retry-After seconds",
    );
    // Roles a row shuts out get 403; so does a partner account with no
    // organisation on the rows open to partners, and any account on
    // another's record.
    if access != Access::SignedIn {
        let description = format!("Not allowed: for {} only", access.describe());
        add_error(operation, 403, &description);
    }
}

/// Documents an error answer with the error body, unless the operation
/// already describes that status in its own words.
fn add_error(operation: &mut Operation, status: u16, description: &str) {
    operation
        .responses
        .responses
        .entry(status.to_string())
        .or_insert_with(|| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("ErrorBody")))
                            .build(),
                    )
                    .build(),
            )
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_parameters_are_named_after_their_collection() {
        assert_eq!(singular_label("funding-lines"), "Funding line");
        assert_eq!(singular_label("api-keys"), "API key");
        assert_eq!(singular_label("evaluation-grids"), "Evaluation grid");
        assert_eq!(singular_label("versions"), "Version");
        assert_eq!(
            parameter_description("funding-lines", "line_id"),
            "Funding line id"
        );
        assert_eq!(
            parameter_description("journal", "entry_id"),
            "Journal entry id"
        );
        assert_eq!(parameter_description("projects", "id"), "Project id");
        assert_eq!(
            parameter_description("versions", "version"),
            "Version number"
        );
    }

    #[test]
    fn operation_refs_escape_the_path() {
        assert_eq!(
            operation_ref("/api/v1/actors/{id}", "get"),
            "#/paths/~1api~1v1~1actors~1{id}/get"
        );
        assert_eq!(path_parameters("/a/{id}/b/{line_id}"), ["id", "line_id"]);
    }

    #[test]
    fn every_link_names_an_existing_operation() {
        let text = crate::openapi::document_json().unwrap();
        assert!(!text.contains("operation_ref"));
        let document: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut links = 0;
        for (path, item) in document["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                for response in operation["responses"].as_object().unwrap().values() {
                    let Some(named) = response.get("links").and_then(|l| l.as_object()) else {
                        continue;
                    };
                    for (name, link) in named {
                        let target = link["operationRef"].as_str().unwrap();
                        let pointer = target.strip_prefix('#').unwrap();
                        assert!(
                            document.pointer(pointer).is_some(),
                            "{method} {path}: link {name} leads nowhere"
                        );
                        links += 1;
                    }
                }
            }
        }
        assert!(links > 30, "only {links} links");
    }

    #[test]
    fn sort_patterns_name_the_fields() {
        assert_eq!(sort_pattern(&["name", "kind"]), "^-?(name|kind)$");
    }
}
