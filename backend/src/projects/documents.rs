//! `/api/v1/projects/{id}/documents`: files attached to a project (studies,
//! deliberations, conventions). Stored under the data directory; the
//! database keeps their metadata and checksum. The declared type must be
//! an office or image format and must match what the content really is.

use super::repo;
use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::auth::{Editor, Staff};
use crate::db::schema::documents;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::records::now;
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use shared::ids::{DocumentId, ProjectId, UserId};
use shared::projects::Document;
use shared::{ErrorBody, ErrorCode};
use std::path::PathBuf;

const ENTITY: &str = "document";

/// The upload form: the file in a part named `file`. Other parts are
/// ignored, but their names, as every header value, hold no control
/// character but tab, or the body does not parse (400).
pub struct UploadForm;

/// A part's name, as `Content-Disposition` can carry it.
const PART_NAME_PATTERN: &str = r"^[^\u0000-\u0008\u000A-\u001F\u007F]*$";

impl utoipa::PartialSchema for UploadForm {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .description(Some("The upload form: the file in a part named `file`."))
            .property(
                "file",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary))),
            )
            .required("file")
            .property_names(Some(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some(PART_NAME_PATTERN)),
            ))
            .into()
    }
}

impl utoipa::ToSchema for UploadForm {}

/// Formats a project file may have: (content type, detected by sniffing?).
const ALLOWED: &[(&str, bool)] = &[
    ("application/pdf", true),
    ("image/png", true),
    ("image/jpeg", true),
    ("image/gif", true),
    ("image/webp", true),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        true,
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        true,
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        true,
    ),
    ("application/vnd.oasis.opendocument.text", true),
    ("application/vnd.oasis.opendocument.spreadsheet", true),
    ("application/vnd.oasis.opendocument.presentation", true),
    ("text/plain", false),
    ("text/csv", false),
];

/// Checks the declared type against the list and the bytes: binary formats
/// must be recognised as what they claim, text must be UTF-8 text.
pub fn accepted_type(declared: &str, content: &[u8]) -> Result<&'static str, String> {
    let declared = declared
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let Some((allowed, sniffable)) = ALLOWED.iter().find(|(t, _)| *t == declared) else {
        return Err(format!("files of type `{declared}` are not accepted; send PDF, images, office documents or text"));
    };
    if *sniffable {
        let detected = infer::get(content).map(|kind| kind.mime_type());
        // Office files are zip archives: some detectors only see the zip.
        let zip_family = declared.contains("openxmlformats") || declared.contains("opendocument");
        match detected {
            Some(found) if found == *allowed => Ok(allowed),
            Some("application/zip") if zip_family => Ok(allowed),
            _ => Err(format!("the content is not a {declared} file")),
        }
    } else if std::str::from_utf8(content).is_ok() && !content.contains(&0) {
        Ok(allowed)
    } else {
        Err("a text file must be UTF-8 text".to_owned())
    }
}

/// A file name safe to store and to send back: no path, no control
/// characters, bounded length.
pub fn clean_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "document".to_owned()
    } else {
        cleaned
    }
}

/// A document's record; the file itself is under `storage_key`.
#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = documents)]
struct Row {
    id: DocumentId,
    project_id: ProjectId,
    filename: String,
    content_type: String,
    size_bytes: i64,
    sha256: String,
    storage_key: String,
    uploaded_by: Option<UserId>,
    uploaded_at: NaiveDateTime,
}

fn to_api(row: &Row) -> Document {
    Document {
        id: row.id,
        project_id: row.project_id,
        filename: row.filename.clone(),
        content_type: row.content_type.clone(),
        size_bytes: row.size_bytes,
        sha256: row.sha256.clone(),
        uploaded_by: row.uploaded_by,
        uploaded_at: row.uploaded_at.and_utc(),
    }
}

fn find_row(conn: &mut DbConnection, project: ProjectId, id: DocumentId) -> ApiResult<Row> {
    documents::table
        .filter(documents::id.eq(id))
        .filter(documents::project_id.eq(project))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("document"))
}

pub fn storage_keys(conn: &mut DbConnection, project: ProjectId) -> ApiResult<Vec<String>> {
    Ok(documents::table
        .filter(documents::project_id.eq(project))
        .select(documents::storage_key)
        .load(conn)?)
}

fn path_of(state: &AppState, key: &str) -> PathBuf {
    state.documents_dir.join(key)
}

/// Deletes stored files once their rows are gone; a leftover file is
/// logged, never an error for the client.
pub fn remove_files(state: &AppState, keys: Vec<String>) {
    for key in keys {
        if let Err(error) = std::fs::remove_file(path_of(state, &key)) {
            tracing::warn!(%key, %error, "could not remove a document file");
        }
    }
}

crate::records::read_endpoint!(
    /// The project's documents.
    "/api/v1/projects/{id}/documents" => list, at: ProjectId, caller: Staff,
    answer: ("Documents", Vec<Document>),
    read: documents_of,
);

fn documents_of(
    conn: &mut DbConnection,
    _: &CurrentUser,
    project: ProjectId,
) -> ApiResult<Vec<Document>> {
    repo::ensure_exists(conn, project)?;
    let rows: Vec<Row> = documents::table
        .filter(documents::project_id.eq(project))
        .order(documents::uploaded_at.desc())
        .select(Row::as_select())
        .load(conn)?;
    Ok(rows.iter().map(to_api).collect())
}

/// Attach a file: `multipart/form-data` with one part named `file`.
#[utoipa::path(
    post, path = "/api/v1/projects/{id}/documents",
    request_body(content = UploadForm, content_type = "multipart/form-data", description = "One part named `file`"),
    responses(
        (status = 201, description = "Stored", body = Document),
        (status = 413, description = "File larger than the limit", body = ErrorBody),
        (status = 422, description = "Type not accepted or not matching the content", body = ErrorBody),
    )
)]
pub async fn upload(
    state: web::Data<AppState>,
    user: Editor,
    id: web::Path<ProjectId>,
    req: actix_web::HttpRequest,
    mut payload: Multipart,
) -> ApiResult<HttpResponse> {
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !is_multipart {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            "send the file as multipart/form-data, in a part named `file`",
        ));
    }
    let project = id.into_inner();
    state
        .db
        .read(move |conn| repo::ensure_exists(conn, project))
        .await?;
    let limit = state.max_upload_bytes;
    let mut upload: Option<(String, String, Vec<u8>)> = None;
    while let Some(part) = payload.next().await {
        let mut part = part.map_err(|e| {
            ApiError::new(
                ErrorCode::BadRequest,
                format!("malformed multipart body: {e}"),
            )
        })?;
        if part.name() != Some("file") {
            continue;
        }
        let filename = clean_filename(
            part.content_disposition()
                .and_then(|d| d.get_filename())
                .unwrap_or("document"),
        );
        let declared = part
            .content_type()
            .map(ToString::to_string)
            .unwrap_or_default();
        let mut content = Vec::new();
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(|e| {
                ApiError::new(ErrorCode::BadRequest, format!("upload interrupted: {e}"))
            })?;
            if content.len() + chunk.len() > limit {
                return Err(ApiError::new(
                    ErrorCode::PayloadTooLarge,
                    format!("a document is limited to {} MiB", limit / (1024 * 1024)),
                ));
            }
            content.extend_from_slice(&chunk);
        }
        upload = Some((filename, declared, content));
        break;
    }
    let (filename, declared, content) = upload.ok_or_else(|| {
        ApiError::new(
            ErrorCode::BadRequest,
            "send the file in a multipart part named `file`",
        )
    })?;
    if content.is_empty() {
        return Err(ApiError::field("file", "empty", "the file is empty"));
    }
    let content_type = accepted_type(&declared, &content)
        .map_err(|why| ApiError::field("file", "unsupported_type", why))?;
    let sha256: String = Sha256::digest(&content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let key = uuid::Uuid::new_v4().simple().to_string();
    let path = path_of(&state, &key);
    let size = i64::try_from(content.len()).map_err(ApiError::internal)?;
    let dir = state.documents_dir.clone();
    web::block(move || {
        std::fs::create_dir_all(&dir)?;
        std::fs::write(&path, &content)
    })
    .await?
    .map_err(ApiError::internal)?;

    let stored_key = key.clone();
    let saved = state
        .db
        .write(move |conn| {
            let row: Row = diesel::insert_into(documents::table)
                .values((
                    documents::project_id.eq(project),
                    documents::filename.eq(&filename),
                    documents::content_type.eq(content_type),
                    documents::size_bytes.eq(size),
                    documents::sha256.eq(&sha256),
                    documents::storage_key.eq(&stored_key),
                    documents::uploaded_by.eq(user.id),
                    documents::uploaded_at.eq(now()),
                ))
                .returning(documents::all_columns)
                .get_result(conn)?;
            let document = to_api(&row);
            audit::record(
                conn,
                Change::new(&user, ENTITY, document.id, "create"),
                None::<&Document>,
                Some(&document),
            )?;
            Ok(document)
        })
        .await;
    match saved {
        Ok(document) => Ok(HttpResponse::Created()
            .insert_header((
                header::LOCATION,
                format!("/api/v1/projects/{project}/documents/{}", document.id),
            ))
            .json(document)),
        Err(error) => {
            remove_files(&state, vec![key]);
            Err(error)
        }
    }
}

/// `attachment` with an ASCII name for old clients and the exact UTF-8
/// name (RFC 5987) for the others.
fn attachment(filename: &str) -> ContentDisposition {
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c
            } else {
                '_'
            }
        })
        .collect();
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(ascii),
            DispositionParam::FilenameExt(header::ExtendedValue {
                charset: header::Charset::Ext("UTF-8".to_owned()),
                language_tag: None,
                value: filename.as_bytes().to_vec(),
            }),
        ],
    }
}

/// Download a document.
#[utoipa::path(
    get, path = "/api/v1/projects/{id}/documents/{document_id}",
    responses(
        (status = 200, description = "The file, as an attachment"),
    )
)]
pub async fn download(
    state: web::Data<AppState>,
    _user: Staff,
    path: web::Path<(ProjectId, DocumentId)>,
) -> ApiResult<HttpResponse> {
    let (project, id) = path.into_inner();
    let row = state
        .db
        .read(move |conn| find_row(conn, project, id))
        .await?;
    let document = to_api(&row);
    let file = path_of(&state, &row.storage_key);
    let bytes = web::block(move || std::fs::read(file))
        .await?
        .map_err(|e| ApiError::internal(anyhow::anyhow!("document {id} unreadable: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type(document.content_type.clone())
        .insert_header(attachment(&document.filename))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes))
}

/// Remove a document and its file.
#[utoipa::path(
    delete, path = "/api/v1/projects/{id}/documents/{document_id}",
    responses(
        (status = 204, description = "Deleted"),
    )
)]
pub async fn delete(
    state: web::Data<AppState>,
    user: Editor,
    path: web::Path<(ProjectId, DocumentId)>,
) -> ApiResult<HttpResponse> {
    let (project, id) = path.into_inner();
    let key = state
        .db
        .write(move |conn| {
            let row = find_row(conn, project, id)?;
            diesel::delete(documents::table.find(id)).execute(conn)?;
            let document = to_api(&row);
            audit::record(
                conn,
                Change::new(&user, ENTITY, id, "delete"),
                Some(&document),
                None::<&Document>,
            )?;
            Ok(row.storage_key)
        })
        .await?;
    remove_files(&state, vec![key]);
    Ok(HttpResponse::NoContent().finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_must_match_the_content() {
        let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n";
        assert_eq!(accepted_type("application/pdf", pdf), Ok("application/pdf"));
        assert!(accepted_type("application/pdf", b"MZ\x90\x00 executable").is_err());
        assert!(accepted_type("application/x-msdownload", b"MZ").is_err());
        assert_eq!(
            accepted_type("text/plain; charset=utf-8", "Compte rendu".as_bytes()),
            Ok("text/plain")
        );
        assert!(accepted_type("text/plain", &[0xff, 0xfe, 0x00]).is_err());
        let png = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0];
        assert_eq!(accepted_type("image/png", &png), Ok("image/png"));
        assert!(accepted_type("image/jpeg", &png).is_err());
    }

    #[test]
    fn file_names_lose_their_paths() {
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("C:\\docs\\étude.pdf"), "étude.pdf");
        assert_eq!(clean_filename(".."), "document");
        assert_eq!(clean_filename("a\"b\n.pdf"), "ab.pdf");
    }
}
