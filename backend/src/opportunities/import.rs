//! `POST /api/v1/imports/funding-opportunities`: the catalogue from a CSV
//! file in the columns the list exports, or from the JSON of an
//! Aides-territoires export. Either way the rows go through the same
//! checks and writes as the API's, inside one transaction committed only
//! when no row has a problem and no dry run was asked; an opportunity is
//! matched on its `url`, so importing a file again updates it.

use super::{as_written, check, create, find_by_url, replace, today, Checked};
use crate::auth::{CurrentUser, Editor};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::exchange::columns::{choice, choices, date, integer, names, text, Column, Refusal};
use crate::exchange::files::{join_list, Cell};
use crate::exchange::import::{
    body_bytes, import_file, problem, read_file, ApplyRow, ImportQuery, Keys, Outcome, ReadFile,
};
use crate::extract::{IfMatch, Query};
use crate::records::write;
use crate::settings;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use futures_util::future::LocalBoxFuture;
use serde_json::Value;
use shared::exchange::ImportKind;
use shared::lifecycle::Phase;
use shared::opportunities::{
    aid_type_of, fold, perimeter_of_name, phases_of_step, recurrence_of, AidType,
    FundingOpportunity, NewFundingOpportunity, Recurrence,
};
use shared::{ErrorBody, ErrorCode};

type Draft = NewFundingOpportunity;

fn rate(raw: &str) -> Result<Option<i32>, Refusal> {
    integer(raw)?
        .map(|r| {
            i32::try_from(r).map_err(|_| Refusal {
                code: "out_of_range",
                message: "a rate between 0 and 100 %".into(),
            })
        })
        .transpose()
}

fn texts(raw: &str) -> Vec<String> {
    crate::exchange::files::split_list(raw)
}

/// The catalogue's columns, for its export and its import alike.
pub const COLUMNS: &[Column<FundingOpportunity, Draft>] = &[
    Column {
        name: "id",
        export: |o| Cell::Integer(o.id.0),
        import: None,
    },
    Column {
        name: "name",
        export: |o| Cell::text(&o.name),
        import: Some(|d, raw| {
            d.name = text(raw).unwrap_or_default();
            Ok(())
        }),
    },
    Column {
        name: "funder_id",
        export: |o| o.funder_id.map_or(Cell::Empty, |f| Cell::Integer(f.0)),
        import: Some(|d, raw| {
            d.funder_id = integer(raw)?.map(shared::ids::ActorId);
            Ok(())
        }),
    },
    Column {
        name: "funder_name",
        export: |o| Cell::text(&o.funder_name),
        import: Some(|d, raw| {
            d.funder_name = text(raw);
            Ok(())
        }),
    },
    Column {
        name: "scheme",
        export: |o| Cell::optional_text(o.scheme.as_deref()),
        import: Some(|d, raw| {
            d.scheme = text(raw);
            Ok(())
        }),
    },
    Column {
        name: "aid_types",
        export: |o| Cell::text(&join_list(&o.aid_types)),
        import: Some(|d, raw| {
            d.aid_types = choices(raw, &names(&AidType::ALL, AidType::as_str))?;
            Ok(())
        }),
    },
    Column {
        name: "axes",
        export: |o| Cell::text(&join_list(&o.axes)),
        import: Some(|d, raw| {
            d.axes = texts(raw);
            Ok(())
        }),
    },
    Column {
        name: "phases",
        export: |o| Cell::text(&join_list(&o.phases)),
        import: Some(|d, raw| {
            d.phases = choices(raw, &names(&Phase::ALL, Phase::as_str))?;
            Ok(())
        }),
    },
    Column {
        name: "perimeter",
        export: |o| Cell::text(&join_list(&o.perimeter)),
        import: Some(|d, raw| {
            d.perimeter = texts(raw);
            Ok(())
        }),
    },
    Column {
        name: "subsidy_rate_min",
        export: |o| {
            o.subsidy_rate_min
                .map_or(Cell::Empty, |r| Cell::Integer(r.into()))
        },
        import: Some(|d, raw| {
            d.subsidy_rate_min = rate(raw)?;
            Ok(())
        }),
    },
    Column {
        name: "subsidy_rate_max",
        export: |o| {
            o.subsidy_rate_max
                .map_or(Cell::Empty, |r| Cell::Integer(r.into()))
        },
        import: Some(|d, raw| {
            d.subsidy_rate_max = rate(raw)?;
            Ok(())
        }),
    },
    Column {
        name: "opens_on",
        export: |o| Cell::optional_date(o.opens_on),
        import: Some(|d, raw| {
            d.opens_on = date(raw)?;
            Ok(())
        }),
    },
    Column {
        name: "predeposit_date",
        export: |o| Cell::optional_date(o.predeposit_date),
        import: Some(|d, raw| {
            d.predeposit_date = date(raw)?;
            Ok(())
        }),
    },
    Column {
        name: "submission_deadline",
        export: |o| Cell::optional_date(o.submission_deadline),
        import: Some(|d, raw| {
            d.submission_deadline = date(raw)?;
            Ok(())
        }),
    },
    Column {
        name: "recurrence",
        export: |o| Cell::text(o.recurrence.as_str()),
        import: Some(|d, raw| {
            d.recurrence =
                choice(raw, &names(&Recurrence::ALL, Recurrence::as_str))?.unwrap_or_default();
            Ok(())
        }),
    },
    Column {
        name: "url",
        export: |o| Cell::optional_text(o.url.as_deref()),
        import: Some(|d, raw| {
            d.url = text(raw);
            Ok(())
        }),
    },
    Column {
        name: "description",
        export: |o| Cell::optional_text(o.description.as_deref()),
        import: Some(|d, raw| {
            d.description = text(raw);
            Ok(())
        }),
    },
    Column {
        name: "version",
        export: |o| Cell::Integer(o.version),
        import: None,
    },
];

// --- Aides-territoires ---------------------------------------------------

/// Where the aids of Aides-territoires live, for their relative `url`s.
const AIDES_TERRITOIRES: &str = "https://aides-territoires.beta.gouv.fr";

fn string_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.trim().to_owned()).filter(|t| !t.is_empty()),
        Value::Object(object) => object.get("name").and_then(string_of),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// A field that may be one string or a list of them (or of `{name}`).
fn strings_of(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(string_of).collect(),
        Some(other) => string_of(other).into_iter().collect(),
        None => Vec::new(),
    }
}

/// Markup taken out of a description written in HTML.
fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&quot;", "\"");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One aid of an Aides-territoires export as an opportunity of ours, or
/// the problems of its fields (each named as the export names it).
fn aid(value: &Value, axes: &[String]) -> Result<Draft, Vec<(&'static str, String)>> {
    let mut problems: Vec<(&'static str, String)> = Vec::new();
    let field = |name: &str| value.get(name).filter(|v| !v.is_null());
    let mut draft = Draft {
        name: field("name").and_then(string_of).unwrap_or_default(),
        ..Draft::default()
    };
    let financers = strings_of(field("financers").or(field("financers_full")));
    draft.funder_name = financers.first().cloned();
    let others = financers.get(1..).unwrap_or_default();
    let mut aid_types = Vec::new();
    for label in strings_of(field("aid_types").or(field("aid_types_full"))) {
        match aid_type_of(&label) {
            Some(kind) if !aid_types.contains(&kind) => aid_types.push(kind),
            Some(_) => {}
            None => problems.push(("aid_types", format!("unknown aid type « {label} »"))),
        }
    }
    draft.aid_types = aid_types;
    let mut phases: Vec<Phase> = Vec::new();
    for step in strings_of(field("mobilization_steps")) {
        for phase in phases_of_step(&step) {
            if !phases.contains(phase) {
                phases.push(*phase);
            }
        }
    }
    draft.phases = phases;
    // A category naming one of the town's axes links the aid to it; the
    // others say nothing of the axes, and the aid is for every one.
    let categories: Vec<String> = strings_of(field("categories"))
        .iter()
        .flat_map(|c| c.split(['|', '/']).map(fold).collect::<Vec<_>>())
        .collect();
    draft.axes = axes
        .iter()
        .filter(|axis| categories.contains(&fold(axis)))
        .cloned()
        .collect();
    match field("perimeter").and_then(string_of) {
        Some(name) => match perimeter_of_name(&name) {
            Ok(codes) => draft.perimeter = codes,
            Err(message) => problems.push(("perimeter", message)),
        },
        None => draft.perimeter = Vec::new(),
    }
    let day = |name: &'static str, problems: &mut Vec<(&'static str, String)>| {
        let text = field(name).and_then(string_of)?;
        // Dates come as `YYYY-MM-DD`, sometimes with a time.
        let head = text.get(..10).unwrap_or(&text);
        match chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                problems.push((name, format!("`{text}` is not a YYYY-MM-DD date")));
                None
            }
        }
    };
    draft.opens_on = day("start_date", &mut problems);
    draft.predeposit_date = day("predeposit_date", &mut problems);
    draft.submission_deadline = day("submission_deadline", &mut problems);
    let percent = |name: &'static str, problems: &mut Vec<(&'static str, String)>| {
        let value = field(name)?;
        match value.as_f64() {
            Some(rate) if (0.0..=100.0).contains(&rate) => Some(rate.round() as i32),
            _ => {
                problems.push((name, "a rate between 0 and 100 %".into()));
                None
            }
        }
    };
    draft.subsidy_rate_min = percent("subvention_rate_lower_bound", &mut problems);
    draft.subsidy_rate_max = percent("subvention_rate_upper_bound", &mut problems);
    if let Some(label) = field("recurrence").and_then(string_of) {
        match recurrence_of(&label) {
            Some(recurrence) => draft.recurrence = recurrence,
            None => problems.push(("recurrence", format!("unknown recurrence « {label} »"))),
        }
    }
    draft.url = field("origin_url")
        .and_then(string_of)
        .or_else(|| {
            field("url").and_then(string_of).map(|url| {
                if url.starts_with('/') {
                    format!("{AIDES_TERRITOIRES}{url}")
                } else {
                    url
                }
            })
        })
        .or_else(|| field("application_url").and_then(string_of));
    let mut description = field("description")
        .and_then(string_of)
        .map(|d| plain_text(&d))
        .unwrap_or_default();
    if !others.is_empty() {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&format!("Cofinanceurs : {}.", others.join(", ")));
    }
    draft.description = Some(description).filter(|d| !d.is_empty());
    if let Some(program) = strings_of(field("programs")).first() {
        draft.scheme = Some(program.clone());
    }
    if problems.is_empty() {
        Ok(draft)
    } else {
        Err(problems)
    }
}

/// The aids of an export: a list, or an API page's `results`.
fn read_aides_territoires(bytes: &[u8], axes: &[String]) -> ReadFile<Draft> {
    let mut file = ReadFile {
        rows: Vec::new(),
        records: 0,
        errors: Vec::new(),
        recognised: false,
    };
    let document: Value = match serde_json::from_slice(bytes) {
        Ok(document) => document,
        Err(error) => {
            file.errors.push(problem(
                u64::try_from(error.line()).unwrap_or(1).max(1),
                None,
                "invalid_json",
                error.to_string(),
            ));
            return file;
        }
    };
    let aids = match &document {
        Value::Array(aids) => aids.as_slice(),
        Value::Object(page) => match page.get("results") {
            Some(Value::Array(aids)) => aids.as_slice(),
            _ => &[],
        },
        _ => &[],
    };
    if aids.is_empty() {
        file.errors.push(problem(
            1,
            None,
            "empty_file",
            "no aid: send the export's list of aids, or an API page with its `results`",
        ));
        return file;
    }
    file.recognised = aids.iter().any(|a| a.get("name").is_some());
    for (index, value) in aids.iter().enumerate() {
        // The aids are numbered from 1, as the report's lines are.
        let line = index as u64 + 1;
        file.records += 1;
        match aid(value, axes) {
            Ok(draft) => file.rows.push((line, draft)),
            Err(problems) => file.errors.extend(
                problems
                    .into_iter()
                    .map(|(field, message)| problem(line, Some(field), "invalid_value", message)),
            ),
        }
    }
    file
}

// --- The import ------------------------------------------------------------

/// What the import was sent.
pub enum ImportBody {
    Csv(web::Bytes),
    AidesTerritoires(web::Bytes),
}

impl FromRequest for ImportBody {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let essence = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<mime::Mime>().ok())
            .filter(|m| m.get_param(mime::CHARSET).is_none_or(|c| c == mime::UTF_8))
            .map(|m| (m.type_().to_string(), m.subtype().to_string()));
        let body = body_bytes(req, payload);
        Box::pin(async move {
            let bytes = body.await?;
            match essence.as_ref().map(|(t, s)| (t.as_str(), s.as_str())) {
                Some(("text" | "application", "csv")) => Ok(ImportBody::Csv(bytes)),
                Some(("application", "json")) => Ok(ImportBody::AidesTerritoires(bytes)),
                _ => Err(ApiError::new(
                    ErrorCode::UnsupportedContentType,
                    "send a CSV file as `text/csv`, or an Aides-territoires export as `application/json`, in UTF-8",
                )),
            }
        })
    }
}

/// One row: the opportunity with its `url` updated (or left as it is),
/// or a new one.
fn import_row(conn: &mut DbConnection, user: &CurrentUser, draft: Draft) -> ApiResult<Outcome> {
    let checked: Checked = check(conn, draft)?;
    let existing = match checked.new.url.as_deref() {
        Some(url) => find_by_url(conn, url)?,
        None => None,
    };
    let Some(before) = existing else {
        create(conn, user, &checked)?;
        return Ok(Outcome::Created);
    };
    let mut kept = as_written(&before);
    kept.funder_name = Some(before.funder_name.clone());
    let mut wanted = checked.new.clone();
    wanted.funder_name = Some(checked.funder_name.clone());
    if kept == wanted {
        return Ok(Outcome::Unchanged);
    }
    let id = before.id;
    let opportunity = write::update(
        conn,
        user,
        &IfMatch(Some(before.version)),
        |conn: &mut DbConnection| super::get(conn, id),
        |conn, _, expected| replace(conn, id, expected, &checked),
    )?;
    crate::notifications::events::opportunity_published(conn, &opportunity, today())?;
    Ok(Outcome::Updated)
}

/// What the import answers.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
pub(crate) enum OpportunityImportAnswers {
    #[response(
        status = 200,
        description = "Dry run: what the import would do and every problem; or the import, done"
    )]
    Done(shared::exchange::ImportReport),
    #[response(
        status = 400,
        description = "Neither `text/csv` nor `application/json` in UTF-8, or a bad query value"
    )]
    NotAFile(ErrorBody),
    #[response(status = 413, description = "Body larger than the limit")]
    TooLarge(ErrorBody),
    #[response(
        status = 422,
        description = "The file has problems, each with its line (for JSON: the aid's position, from 1) and column: nothing was written; or, even in a dry run, the file is not one of opportunities"
    )]
    Refused(shared::exchange::ImportReport),
}

/// Create or update funding opportunities from a CSV file (the columns of
/// the catalogue's export) or an Aides-territoires export (a JSON list of
/// aids, or an API page with `results`: `name`, `financers`,
/// `perimeter`, `mobilization_steps`, `aid_types`, `start_date`,
/// `predeposit_date`, `submission_deadline`,
/// `subvention_rate_lower_bound`/`upper_bound`, `recurrence`,
/// `origin_url`, `description`, `programs`, `categories`). Matched on
/// `url`: an opportunity with that page is updated. The people of the
/// projects a new or changed opportunity suits are notified.
#[utoipa::path(
    post, path = "/api/v1/imports/funding-opportunities",
    params(ImportQuery),
    request_body(
        description = "A CSV file (UTF-8, `,` or `;`, optional BOM, the first line naming the columns) or an Aides-territoires JSON export",
        content(
            (String = "text/csv"),
            (Vec<serde_json::Value> = "application/json"),
        )
    ),
    responses(OpportunityImportAnswers)
)]
pub async fn import(
    state: web::Data<AppState>,
    user: Editor,
    query: Query<ImportQuery>,
    body: ImportBody,
) -> ApiResult<HttpResponse> {
    let file = move |conn: &mut DbConnection| {
        Ok(match &body {
            ImportBody::Csv(bytes) => read_file(bytes, COLUMNS),
            ImportBody::AidesTerritoires(bytes) => {
                read_aides_territoires(bytes, &settings::axes(conn)?)
            }
        })
    };
    let rows = |_: &mut DbConnection, user: CurrentUser| -> ApiResult<ApplyRow<Draft>> {
        let mut keys = Keys::default();
        Ok(Box::new(move |conn, line, draft: Draft| {
            if let Some(url) = draft.url.as_deref().map(str::trim) {
                keys.claim(url, line, "url")?;
            }
            import_row(conn, &user, draft)
        }))
    };
    let kind = ImportKind::FundingOpportunities;
    import_file(
        &state,
        user.into_inner(),
        query.0,
        kind,
        COLUMNS,
        file,
        rows,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_aides_territoires_aid_reads_as_an_opportunity() {
        let axes = vec!["Mobilité".to_owned(), "Énergie".to_owned()];
        let value = json!({
            "name": "Fonds vert : rénovation énergétique",
            "financers": ["Ministère de la Transition écologique", "ADEME"],
            "perimeter": "Auvergne-Rhône-Alpes",
            "mobilization_steps": ["Réflexion / conception", "Mise en œuvre / réalisation"],
            "aid_types": ["Subvention", "Ingénierie technique"],
            "submission_deadline": "2027-03-31",
            "start_date": "2026-09-01T00:00:00",
            "subvention_rate_lower_bound": 20,
            "subvention_rate_upper_bound": 80.4,
            "origin_url": "https://example.org/fonds-vert",
            "recurrence": "Ponctuelle",
            "categories": ["Énergie / Transition énergétique"],
            "programs": ["Fonds vert"],
            "description": "<p>Pour les bâtiments &amp; les écoles</p>",
        });
        let draft = aid(&value, &axes).unwrap();
        assert_eq!(
            draft.funder_name.as_deref(),
            Some("Ministère de la Transition écologique")
        );
        assert_eq!(draft.perimeter, ["region:84"]);
        assert_eq!(draft.phases.len(), 5);
        assert_eq!(draft.aid_types, [AidType::Grant, AidType::Engineering]);
        assert_eq!(draft.axes, ["Énergie"]);
        assert_eq!(draft.subsidy_rate_max, Some(80));
        assert_eq!(draft.opens_on, chrono::NaiveDate::from_ymd_opt(2026, 9, 1));
        assert_eq!(draft.scheme.as_deref(), Some("Fonds vert"));
        assert_eq!(
            draft.description.as_deref(),
            Some("Pour les bâtiments & les écoles\n\nCofinanceurs : ADEME.")
        );

        let wrong = json!({"name": "x", "perimeter": "Atlantide", "submission_deadline": "demain", "subvention_rate_upper_bound": 140});
        let fields: Vec<&str> = aid(&wrong, &axes)
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            fields,
            [
                "perimeter",
                "submission_deadline",
                "subvention_rate_upper_bound"
            ]
        );
    }

    #[test]
    fn a_page_of_the_api_and_a_list_both_read() {
        let page = json!({"count": 1, "results": [{"name": "Aide", "url": "/aides/aide/"}]});
        let file = read_aides_territoires(page.to_string().as_bytes(), &[]);
        assert!(file.recognised);
        assert_eq!(
            file.rows[0].1.url.as_deref(),
            Some("https://aides-territoires.beta.gouv.fr/aides/aide/")
        );
        let empty = read_aides_territoires(b"[]", &[]);
        assert_eq!(empty.errors[0].code, "empty_file");
        let broken = read_aides_territoires(b"{", &[]);
        assert_eq!(broken.errors[0].code, "invalid_json");
    }
}
