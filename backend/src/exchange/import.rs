//! `POST /api/v1/imports/{actors,projects}`: CSV files in the columns the
//! exports write. The whole file is checked row by row inside one
//! transaction; it is committed only when no row has a problem and the
//! caller did not ask for a dry run, so a dry run reports exactly what the
//! import would meet. Actors are matched on their SIRET (or, without one,
//! on their exact name among the actors without SIRET), projects on their
//! reference: a match is updated, not duplicated.

use super::columns::{self, ActorDraft, Column, LifecycleDraft, ProjectDraft};
use crate::actors::repo as actors_repo;
use crate::auth::CurrentUser;
use crate::auth::Editor;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IfMatch, Query};
use crate::projects::repo::{self as projects_repo, Lifecycle};
use crate::records::write;
use crate::settings;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::{header, StatusCode};
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use diesel::Connection;
use futures_util::future::LocalBoxFuture;
use serde::Deserialize;
use shared::actors::{Actor, ActorFields, ActorPatch, NewActor};
use shared::exchange::{ImportError, ImportKind, ImportReport};
use shared::lifecycle::{DecisionOutcome, Phase};
use shared::projects::{NewProject, Project, ProjectFields, ProjectPatch};
use shared::{ErrorBody, ErrorCode, FieldError};
use std::collections::HashMap;

/// A CSV body: `text/csv` (or `application/csv`) in UTF-8, within the
/// app's body limit.
pub struct CsvBody(pub web::Bytes);

impl FromRequest for CsvBody {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<mime::Mime>().ok());
        let csv = content_type.as_ref().is_some_and(|m| {
            matches!(
                (m.type_().as_str(), m.subtype().as_str()),
                ("text", "csv") | ("application", "csv")
            ) && m
                .get_param(mime::CHARSET)
                .is_none_or(|charset| charset == mime::UTF_8)
        });
        let body = body_bytes(req, payload);
        Box::pin(async move {
            let bytes = body.await?;
            if !csv {
                return Err(ApiError::new(
                    ErrorCode::UnsupportedContentType,
                    "send the file as `Content-Type: text/csv` in UTF-8",
                ));
            }
            Ok(CsvBody(bytes))
        })
    }
}

/// The request's body within the app's limit: 413 beyond it, 400 when it
/// cannot be read.
pub(crate) fn body_bytes(
    req: &HttpRequest,
    payload: &mut Payload,
) -> impl std::future::Future<Output = ApiResult<web::Bytes>> {
    let body = web::Bytes::from_request(req, payload);
    async move {
        body.await.map_err(|error| {
            if error.as_response_error().status_code() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(ErrorCode::PayloadTooLarge, "the request body is too large")
            } else {
                ApiError::new(ErrorCode::BadRequest, "the request body could not be read")
            }
        })
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// Check everything and report, writing nothing.
    pub dry_run: Option<bool>,
}

/// The records of a file that could be read, each with its line.
pub(crate) struct ReadFile<D> {
    pub rows: Vec<(u64, D)>,
    pub records: u64,
    pub errors: Vec<ImportError>,
    /// Whether the header names at least one of the kind's columns: a
    /// file that names none is not a file of this kind at all.
    pub recognised: bool,
}

pub(crate) fn problem(
    line: u64,
    column: Option<&str>,
    code: &str,
    message: impl Into<String>,
) -> ImportError {
    ImportError {
        line,
        column: column.map(str::to_owned),
        message: message.into(),
        code: code.to_owned(),
    }
}

/// `;` when the header line holds more of them than `,` (spreadsheets in
/// French save so), `,` otherwise.
fn separator(bytes: &[u8]) -> u8 {
    let mut quoted = false;
    let (mut commas, mut semicolons) = (0, 0);
    for byte in bytes {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

fn utf8<'a>(field: &'a [u8], line: u64, column: Option<&str>) -> Result<&'a str, ImportError> {
    std::str::from_utf8(field).map_err(|_| {
        problem(
            line,
            column,
            "invalid_encoding",
            "not UTF-8 text: save the file as \"CSV UTF-8\"",
        )
    })
}

/// Reads the header and every record into drafts, collecting every
/// problem of form (unknown columns, unreadable cells) with its place.
pub(crate) fn read_file<T, D: Default>(bytes: &[u8], columns: &[Column<T, D>]) -> ReadFile<D> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut file = ReadFile {
        rows: Vec::new(),
        records: 0,
        errors: Vec::new(),
        recognised: false,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(bytes))
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(header))
            if header
                .iter()
                .any(|f| !f.iter().all(u8::is_ascii_whitespace)) =>
        {
            header
        }
        Some(Err(error)) => {
            file.errors
                .push(problem(1, None, "invalid_csv", error.to_string()));
            return file;
        }
        _ => {
            file.errors.push(problem(
                1,
                None,
                "empty_file",
                "the file is empty: its first line names the columns",
            ));
            return file;
        }
    };
    let known: Vec<&str> = columns.iter().map(|c| c.name).collect();
    let mut readers = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for field in header.iter() {
        let name = match utf8(field, 1, None) {
            Ok(name) => name.trim().to_owned(),
            Err(error) => {
                file.errors.push(error);
                readers.push(None);
                names.push(String::new());
                continue;
            }
        };
        let column = columns::find(columns, &name);
        file.recognised |= column.is_some();
        if column.is_none() {
            file.errors.push(problem(
                1,
                Some(&name),
                "unknown_column",
                format!("unknown column; the columns are: {}", known.join(", ")),
            ));
        } else if names.contains(&name) {
            file.errors.push(problem(
                1,
                Some(&name),
                "duplicate_column",
                "this column appears twice",
            ));
        }
        readers.push(column.and_then(|c| c.import));
        names.push(name);
    }
    for (index, record) in records.enumerate() {
        let line = index as u64 + 2;
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                file.errors
                    .push(problem(line, None, "invalid_csv", error.to_string()));
                break;
            }
        };
        // Spreadsheets leave lines of empty cells after the data.
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        file.records += 1;
        if record.len() != names.len() {
            file.errors.push(problem(
                line,
                None,
                "wrong_field_count",
                format!(
                    "{} fields where the header names {}",
                    record.len(),
                    names.len()
                ),
            ));
            continue;
        }
        let mut draft = D::default();
        let mut readable = true;
        for ((field, read), name) in record.iter().zip(&readers).zip(&names) {
            let Some(read) = read else { continue };
            let result = utf8(field, line, Some(name)).and_then(|text| {
                read(&mut draft, text)
                    .map_err(|refusal| problem(line, Some(name), refusal.code, refusal.message))
            });
            if let Err(error) = result {
                file.errors.push(error);
                readable = false;
            }
        }
        if readable {
            file.rows.push((line, draft));
        }
    }
    file
}

/// What a row did.
pub(crate) enum Outcome {
    Created,
    Updated,
    Unchanged,
}

/// An error of one row, as the report lists it: one entry per field named,
/// in the column of that field when the file has one.
fn row_errors<T, D>(error: ApiError, line: u64, columns: &[Column<T, D>]) -> Vec<ImportError> {
    let column_of = |field: &str| {
        let head = field.split('.').next().unwrap_or(field);
        columns::find(columns, head).map(|c| c.name)
    };
    if error.details.is_empty() {
        return vec![problem(line, None, &error.code.to_string(), error.message)];
    }
    error
        .details
        .into_iter()
        .map(|detail| problem(line, column_of(&detail.field), &detail.code, detail.message))
        .collect()
}

pub(crate) fn stale(current: i64) -> ApiError {
    ApiError::field(
        "version",
        "version_mismatch",
        format!("changed by someone else since the export; its version is now {current}"),
    )
}

/// Runs the rows, each in a savepoint so that a refused row leaves no
/// trace, and tells whether to commit.
pub(crate) fn run<T, D>(
    conn: &mut DbConnection,
    kind: ImportKind,
    dry_run: bool,
    file: ReadFile<D>,
    columns: &[Column<T, D>],
    mut apply: impl FnMut(&mut DbConnection, u64, D) -> ApiResult<Outcome>,
) -> ApiResult<(ImportReport, bool)> {
    let mut report = ImportReport {
        kind,
        dry_run,
        rows: file.records,
        created: 0,
        updated: 0,
        unchanged: 0,
        errors: file.errors,
        applied: false,
    };
    for (line, draft) in file.rows {
        match conn.transaction(|conn| apply(conn, line, draft)) {
            Ok(Outcome::Created) => report.created += 1,
            Ok(Outcome::Updated) => report.updated += 1,
            Ok(Outcome::Unchanged) => report.unchanged += 1,
            // The database failing is not the file's fault: the whole
            // request fails.
            Err(error) if error.code.status() >= 500 => return Err(error),
            Err(error) => report.errors.extend(row_errors(error, line, columns)),
        }
    }
    report.errors.sort_by_key(|e| e.line);
    report.applied = !dry_run && report.errors.is_empty();
    let commit = report.applied;
    Ok((report, commit))
}

/// Rows naming the same record twice: the later ones are refused, as
/// their intent is unclear.
#[derive(Default)]
pub(crate) struct Keys(HashMap<String, u64>);

impl Keys {
    pub(crate) fn claim(&mut self, key: &str, line: u64, field: &str) -> ApiResult<()> {
        match self.0.get(key) {
            Some(first) => Err(ApiError::field(
                field,
                "duplicate_key",
                format!("the file already has this {field} on line {first}"),
            )),
            None => {
                self.0.insert(key.to_owned(), line);
                Ok(())
            }
        }
    }
}

/// 200 for an import applied or a dry run of a file of the kind; 422 for
/// an import refused, and for a file that is not of the kind (empty,
/// unreadable, or naming none of its columns), which no correction of
/// rows would make importable.
pub(crate) fn answer(report: ImportReport, recognised: bool) -> HttpResponse {
    let status = if report.applied || (report.dry_run && recognised) {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    HttpResponse::build(status).json(report)
}

/// How a file's rows are applied, each with its line.
pub(crate) type ApplyRow<D> = Box<dyn FnMut(&mut DbConnection, u64, D) -> ApiResult<Outcome>>;

/// Imports a file of `kind` in `columns`, in one transaction committed
/// only when no row has a problem and no dry run was asked: `file` reads
/// the rows and `rows` makes how each is applied, both in that
/// transaction (from what they read once, such as the axes).
pub(crate) async fn import_file<T: Sync + 'static, D: Default + Send + Sync + 'static>(
    state: &AppState,
    user: CurrentUser,
    query: ImportQuery,
    kind: ImportKind,
    columns: &'static [Column<T, D>],
    file: impl FnOnce(&mut DbConnection) -> ApiResult<ReadFile<D>> + Send + 'static,
    rows: impl FnOnce(&mut DbConnection, CurrentUser) -> ApiResult<ApplyRow<D>> + Send + 'static,
) -> ApiResult<HttpResponse> {
    let dry_run = query.dry_run.unwrap_or(false);
    let (report, recognised) = state
        .db
        .write_if(move |conn| {
            let file = file(conn)?;
            let recognised = file.recognised;
            let apply = rows(conn, user)?;
            let (report, commit) = run(conn, kind, dry_run, file, columns, apply)?;
            Ok(((report, recognised), commit))
        })
        .await?;
    Ok(answer(report, recognised))
}

/// Declares the endpoint that imports a CSV file of `kind` in `columns`
/// (engineers, managers, admins) through [`import_file`], named `handler`.
/// The doc comment is the operation's description.
macro_rules! csv_import {
    (
        $(#[doc = $doc:literal])*
        $path:literal => $handler:ident($kind:expr, $columns:expr), rows: $rows:expr $(,)?
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            post, path = $path,
            params(ImportQuery),
            request_body(content = String, content_type = "text/csv", description = "UTF-8, `,` or `;` between fields, optional BOM; the first line names the columns"),
            responses(ImportAnswers)
        )]
        pub async fn $handler(
            state: web::Data<AppState>,
            user: Editor,
            query: Query<ImportQuery>,
            body: CsvBody,
        ) -> ApiResult<HttpResponse> {
            // Read before the transaction, which then holds SQLite's
            // writer turn only for the rows' writes.
            let file = read_file(&body.0, $columns);
            let file = move |_: &mut DbConnection| Ok(file);
            import_file(&state, user.into_inner(), query.0, $kind, $columns, file, $rows).await
        }
    };
}

// --- Actors --------------------------------------------------------------

fn actor_key(draft: &ActorDraft) -> Option<String> {
    let raw = draft.patch.siret.clone().flatten()?;
    // An invalid SIRET is reported by the record's own checks.
    Some(shared::siret::parse_siret(&raw).unwrap_or(raw))
}

fn import_actor(
    conn: &mut DbConnection,
    user: &CurrentUser,
    draft: ActorDraft,
) -> ApiResult<Outcome> {
    let existing = match actor_key(&draft) {
        Some(siret) => actors_repo::find_by_siret(conn, &siret)?,
        None => match &draft.patch.name {
            Some(name) => {
                let mut named = actors_repo::without_siret_named(conn, name)?;
                if named.len() > 1 {
                    return Err(ApiError::field(
                        "name",
                        "ambiguous_match",
                        format!(
                            "{} actors without SIRET have this name: give the SIRET",
                            named.len()
                        ),
                    ));
                }
                named.pop()
            }
            None => None,
        },
    };
    match existing {
        Some(before) => update_actor(conn, user, before, draft),
        None => create_actor(conn, user, draft.patch),
    }
}

fn update_actor(
    conn: &mut DbConnection,
    user: &CurrentUser,
    before: Actor,
    draft: ActorDraft,
) -> ApiResult<Outcome> {
    let fields = ActorFields::patched(&before, draft.patch)
        .checked()
        .map_err(ApiError::validation)?;
    if fields == ActorFields::patched(&before, ActorPatch::default()) {
        return Ok(Outcome::Unchanged);
    }
    if draft.version.is_some_and(|v| v != before.version) {
        return Err(stale(before.version));
    }
    // The same write as the API's, at the version this run read.
    let id = before.id;
    write::update(
        conn,
        user,
        &IfMatch(Some(before.version)),
        |conn: &mut DbConnection| actors_repo::get(conn, id),
        |conn, _, expected| actors_repo::update(conn, id, expected, &fields),
    )?;
    Ok(Outcome::Updated)
}

fn create_actor(
    conn: &mut DbConnection,
    user: &CurrentUser,
    patch: ActorPatch,
) -> ApiResult<Outcome> {
    let mut missing = Vec::new();
    if patch.name.is_none() {
        missing.push(FieldError::new(
            "name",
            "required",
            "a new actor needs a name",
        ));
    }
    if patch.kind.is_none() {
        missing.push(FieldError::new(
            "kind",
            "required",
            "a new actor needs a kind",
        ));
    }
    if !missing.is_empty() {
        return Err(ApiError::validation(missing));
    }
    let new = NewActor {
        name: patch.name.unwrap_or_default(),
        kind: patch.kind,
        siret: patch.siret.flatten(),
        sector: patch.sector.flatten(),
        address: patch.address.flatten(),
        commune_insee: patch.commune_insee.flatten(),
        website: patch.website.flatten(),
        email: patch.email.flatten(),
        phone: patch.phone.flatten(),
        tags: patch.tags.unwrap_or_default(),
        notes: patch.notes.flatten(),
    };
    let fields = ActorFields::from_new(new)
        .checked()
        .map_err(ApiError::validation)?;
    write::create(conn, user, |conn| actors_repo::insert(conn, &fields), None)?;
    Ok(Outcome::Created)
}

/// What an import answers, for actors and projects alike.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
pub(crate) enum ImportAnswers {
    #[response(
        status = 200,
        description = "Dry run: what the import would do and every problem; or the import, done"
    )]
    Done(ImportReport),
    #[response(
        status = 400,
        description = "Not sent as `text/csv` in UTF-8, or a bad query value"
    )]
    NotCsv(ErrorBody),
    #[response(status = 413, description = "Body larger than the limit")]
    TooLarge(ErrorBody),
    #[response(
        status = 422,
        description = "The file has problems, each with its line and column: nothing was written; or, even in a dry run, the file names none of the columns"
    )]
    Refused(ImportReport),
}

csv_import!(
    /// Create or update actors from a CSV file (engineers, managers, admins).
    /// Columns: those of the actors export; read-only ones are ignored. Rows
    /// with a SIRET update the actor holding it; rows without one update the
    /// only actor without SIRET of that name, if there is one.
    "/api/v1/imports/actors" => actors(ImportKind::Actors, columns::ACTORS),
    rows: |_, user| {
        let mut keys = Keys::default();
        Ok(Box::new(move |conn: &mut DbConnection, line, draft: ActorDraft| {
            if let Some(siret) = actor_key(&draft) {
                keys.claim(&siret, line, "siret")?;
            }
            import_actor(conn, &user, draft)
        }))
    },
);

// --- Projects ------------------------------------------------------------

/// The lifecycle a new project comes in with, checked: `suspended_from`
/// exactly when suspended, `abandon_reason` exactly when abandoned, a
/// decision (outcome and date together) only once the project reached it,
/// and `no_go` only for an abandoned project.
pub fn new_lifecycle(draft: &LifecycleDraft) -> Result<Lifecycle, Vec<FieldError>> {
    let phase = draft.phase.unwrap_or(Phase::Commande);
    let suspended_from = draft.suspended_from.flatten();
    let abandon_reason = draft.abandon_reason.flatten();
    let decision_outcome = draft.decision_outcome.flatten();
    let decision_date = draft.decision_date.flatten();
    let mut errors = Vec::new();
    match (phase, suspended_from) {
        (Phase::Suspendu, None) => errors.push(FieldError::new(
            "suspended_from",
            "required",
            "a suspended project names the phase it left",
        )),
        (Phase::Suspendu, Some(from)) if from == Phase::Suspendu || from.is_terminal() => errors
            .push(FieldError::new(
                "suspended_from",
                "invalid_choice",
                "a project is suspended from an open phase",
            )),
        (Phase::Suspendu, Some(_)) | (_, None) => {}
        (_, Some(_)) => errors.push(FieldError::new(
            "suspended_from",
            "not_suspended",
            "only a suspended project has this",
        )),
    }
    match (phase, abandon_reason) {
        (Phase::Abandonne, None) => errors.push(FieldError::new(
            "abandon_reason",
            "required",
            "an abandoned project gives the reason",
        )),
        (Phase::Abandonne, Some(_)) | (_, None) => {}
        (_, Some(_)) => errors.push(FieldError::new(
            "abandon_reason",
            "not_abandoned",
            "only an abandoned project has this",
        )),
    }
    let reached = if phase == Phase::Suspendu {
        suspended_from.unwrap_or(Phase::Commande)
    } else {
        phase
    };
    let decided = matches!(
        reached,
        Phase::Decision
            | Phase::Realisation
            | Phase::Evaluation
            | Phase::Cloture
            | Phase::Abandonne
    );
    match (decision_outcome, decision_date) {
        (Some(_), Some(_)) | (None, None) => {}
        (Some(_), None) => errors.push(FieldError::new(
            "decision_date",
            "required",
            "a decision has a date",
        )),
        (None, Some(_)) => errors.push(FieldError::new(
            "decision_outcome",
            "required",
            "a decision has an outcome",
        )),
    }
    if (decision_outcome.is_some() || decision_date.is_some()) && !decided {
        errors.push(FieldError::new(
            "decision_outcome",
            "not_decided",
            format!("a project in `{reached}` has not been decided yet"),
        ));
    }
    if decision_outcome == Some(DecisionOutcome::NoGo) && phase != Phase::Abandonne {
        errors.push(FieldError::new(
            "decision_outcome",
            "invalid_choice",
            "a no-go decision ends in `abandonne`",
        ));
    }
    if errors.is_empty() {
        Ok(Lifecycle {
            phase,
            suspended_from,
            decision_outcome,
            abandon_reason,
            decision_date,
        })
    } else {
        Err(errors)
    }
}

/// The lifecycle columns of a row matching an existing project must say
/// what the project says: its phase moves only through transitions.
fn lifecycle_unchanged(before: &Project, draft: &LifecycleDraft) -> Vec<FieldError> {
    let differs = |field: &str, current: String| {
        FieldError::new(
            field,
            "lifecycle_locked",
            format!(
                "the lifecycle changes only through transitions; the project has `{current}` here"
            ),
        )
    };
    let show = |value: Option<&str>| value.unwrap_or("").to_owned();
    let mut errors = Vec::new();
    if draft.phase.is_some_and(|p| p != before.phase) {
        errors.push(differs("phase", before.phase.as_str().to_owned()));
    }
    if draft
        .suspended_from
        .is_some_and(|p| p != before.suspended_from)
    {
        errors.push(differs(
            "suspended_from",
            show(before.suspended_from.map(Phase::as_str)),
        ));
    }
    if draft
        .decision_outcome
        .is_some_and(|o| o != before.decision_outcome)
    {
        errors.push(differs(
            "decision_outcome",
            show(before.decision_outcome.map(DecisionOutcome::as_str)),
        ));
    }
    if draft
        .abandon_reason
        .is_some_and(|r| r != before.abandon_reason)
    {
        errors.push(differs(
            "abandon_reason",
            show(before.abandon_reason.map(|r| r.as_str())),
        ));
    }
    if draft
        .decision_date
        .is_some_and(|d| d != before.decision_date)
    {
        errors.push(differs(
            "decision_date",
            before
                .decision_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ));
    }
    errors
}

/// References are short and plain: letters, digits, `-`, `_`, `.`, `/`.
fn check_reference(reference: &str) -> Option<FieldError> {
    let plain = reference
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    (!plain || reference.chars().count() > 40).then(|| {
        FieldError::new(
            "reference",
            "invalid_reference",
            "at most 40 letters, digits, `-`, `_`, `.` or `/`",
        )
    })
}

fn import_project(
    conn: &mut DbConnection,
    user: &CurrentUser,
    axes: &[String],
    draft: ProjectDraft,
) -> ApiResult<Outcome> {
    let existing = match &draft.reference {
        Some(reference) => projects_repo::find_by_reference(conn, reference)?,
        None => None,
    };
    match existing {
        Some(before) => update_project(conn, user, axes, before, draft),
        None => create_project(conn, user, axes, draft),
    }
}

fn update_project(
    conn: &mut DbConnection,
    user: &CurrentUser,
    axes: &[String],
    before: Project,
    draft: ProjectDraft,
) -> ApiResult<Outcome> {
    let fields = ProjectFields::patched(&before, draft.patch);
    let mut problems = lifecycle_unchanged(&before, &draft.lifecycle);
    problems.extend(crate::projects::handlers::field_problems(
        conn, axes, &before, &fields,
    )?);
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    if fields == ProjectFields::patched(&before, ProjectPatch::default()) {
        return Ok(Outcome::Unchanged);
    }
    if draft.version.is_some_and(|v| v != before.version) {
        return Err(stale(before.version));
    }
    // The same write as the API's, at the version this run read.
    let id = before.id;
    let load = |conn: &mut DbConnection| projects_repo::get(conn, id);
    write::update(
        conn,
        user,
        &IfMatch(Some(before.version)),
        load,
        |conn, _, expected| projects_repo::update(conn, id, expected, &fields),
    )?;
    Ok(Outcome::Updated)
}

fn create_project(
    conn: &mut DbConnection,
    user: &CurrentUser,
    axes: &[String],
    draft: ProjectDraft,
) -> ApiResult<Outcome> {
    let patch = draft.patch;
    let mut problems = Vec::new();
    if patch.title.is_none() {
        problems.push(FieldError::new(
            "title",
            "required",
            "a new project needs a title",
        ));
    }
    if patch.axis.is_none() {
        problems.push(FieldError::new(
            "axis",
            "required",
            "a new project needs an axis",
        ));
    }
    if let Some(reference) = &draft.reference {
        problems.extend(check_reference(reference));
    }
    let new = NewProject {
        title: patch.title.unwrap_or_default(),
        summary: patch.summary.flatten(),
        description: patch.description.flatten(),
        axis: patch.axis.unwrap_or_default(),
        innovation_types: patch.innovation_types.unwrap_or_default(),
        commission_date: patch.commission_date,
        start_date: patch.start_date.flatten(),
        planned_end_date: patch.planned_end_date.flatten(),
        actual_end_date: patch.actual_end_date.flatten(),
        lead_id: patch.lead_id.flatten(),
        team: patch.team.unwrap_or_default(),
        sponsor: patch.sponsor.flatten(),
        commune_insee: patch.commune_insee.flatten(),
        area: patch.area.flatten(),
        total_cost_cents: patch.total_cost_cents.unwrap_or_default(),
        visibility: patch.visibility.unwrap_or_default(),
        tags: patch.tags.unwrap_or_default(),
    };
    let fields = ProjectFields::from_new(new, chrono::Utc::now().date_naive());
    let lifecycle = new_lifecycle(&draft.lifecycle).unwrap_or_else(|errors| {
        problems.extend(errors);
        Lifecycle::default()
    });
    if problems
        .iter()
        .all(|p| p.field != "title" && p.field != "axis")
    {
        problems.extend(fields.check(axes, lifecycle.decision_date));
    }
    problems.extend(projects_repo::check_people(conn, &fields)?);
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let project =
        projects_repo::insert_with(conn, &fields, draft.reference.as_deref(), &lifecycle)?;
    // In the import's transaction: a dry run or a refused file, rolled
    // back, announces nothing.
    crate::projects::handlers::record_creation(conn, user, &project)?;
    Ok(Outcome::Created)
}

csv_import!(
    /// Create or update projects from a CSV file (engineers, managers,
    /// admins). Columns: those of the projects export; read-only ones are
    /// ignored. A row whose `reference` exists updates that project; other
    /// rows create one, under their reference or a generated one. The
    /// lifecycle columns are taken on creation (a portfolio comes in at its
    /// phases) and must match on update.
    "/api/v1/imports/projects" => projects(ImportKind::Projects, columns::PROJECTS),
    rows: |conn, user| {
        let axes = settings::axes(conn)?;
        let mut keys = Keys::default();
        Ok(Box::new(move |conn: &mut DbConnection, line, draft: ProjectDraft| {
            if let Some(reference) = &draft.reference {
                keys.claim(reference, line, "reference")?;
            }
            import_project(conn, &user, &axes, draft)
        }))
    },
);

#[cfg(test)]
mod tests {
    use super::*;
    use shared::lifecycle::AbandonReason;

    fn codes(errors: &[ImportError]) -> Vec<(u64, Option<&str>, &str)> {
        errors
            .iter()
            .map(|e| (e.line, e.column.as_deref(), e.code.as_str()))
            .collect()
    }

    #[test]
    fn the_separator_is_the_header_lines() {
        assert_eq!(separator(b"name;kind;siret\n\"a,b\";c;d"), b';');
        assert_eq!(separator(b"name,kind\na;b;c;d"), b',');
        assert_eq!(separator(b"\"a;b;c\",d"), b',');
    }

    #[test]
    fn problems_of_form_have_a_line_and_a_column() {
        let file = "\u{feff}name;kind;colour\nA;association;bleu\n;;\nB;planet;vert\nC;company\n";
        let read = read_file(file.as_bytes(), columns::ACTORS);
        assert_eq!(read.records, 3, "the blank line is skipped");
        assert_eq!(
            codes(&read.errors),
            vec![
                (1, Some("colour"), "unknown_column"),
                (4, Some("kind"), "invalid_choice"),
                (5, None, "wrong_field_count"),
            ]
        );
        assert_eq!(read.rows.len(), 1);
        assert_eq!(read.rows[0].0, 2);
        assert_eq!(read.rows[0].1.patch.name.as_deref(), Some("A"));
    }

    #[test]
    fn empty_and_non_utf8_files_are_reported() {
        assert_eq!(
            codes(&read_file(b"", columns::ACTORS).errors),
            vec![(1, None, "empty_file")]
        );
        let latin1 = b"name,kind\nCaf\xe9,company\n";
        assert_eq!(
            codes(&read_file(latin1, columns::ACTORS).errors),
            vec![(2, Some("name"), "invalid_encoding")]
        );
    }

    #[test]
    fn a_new_project_comes_in_at_a_consistent_phase() {
        let date = chrono::NaiveDate::from_ymd_opt(2024, 5, 2);
        let ok = LifecycleDraft {
            phase: Some(Phase::Realisation),
            decision_outcome: Some(Some(DecisionOutcome::Go)),
            decision_date: Some(date),
            ..Default::default()
        };
        assert_eq!(new_lifecycle(&ok).unwrap().phase, Phase::Realisation);
        assert_eq!(
            new_lifecycle(&LifecycleDraft::default()).unwrap(),
            Lifecycle::default()
        );
        let fields = |draft: LifecycleDraft| -> Vec<String> {
            new_lifecycle(&draft)
                .unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(
            fields(LifecycleDraft {
                phase: Some(Phase::Suspendu),
                ..Default::default()
            }),
            vec!["suspended_from"]
        );
        assert_eq!(
            fields(LifecycleDraft {
                phase: Some(Phase::Cadrage),
                abandon_reason: Some(Some(AbandonReason::Time)),
                decision_outcome: Some(Some(DecisionOutcome::Go)),
                decision_date: Some(date),
                ..Default::default()
            }),
            vec!["abandon_reason", "decision_outcome"]
        );
        assert_eq!(
            fields(LifecycleDraft {
                phase: Some(Phase::Realisation),
                decision_outcome: Some(Some(DecisionOutcome::NoGo)),
                decision_date: Some(date),
                ..Default::default()
            }),
            vec!["decision_outcome"]
        );
    }

    #[test]
    fn references_are_plain() {
        assert!(check_reference("2025-042").is_none());
        assert!(check_reference("RSI/2019.7").is_none());
        assert!(check_reference("2025 042").is_some());
        assert!(check_reference(&"9".repeat(41)).is_some());
    }
}
