//! Writing exchange files: the format a list is asked in, and the CSV or
//! XLSX file of a table of cells.
//!
//! CSV follows RFC 4180: UTF-8 without BOM, `,` between fields, CRLF
//! between records. A text cell that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is
//! written after a `'`, which the import takes off again.

use super::columns::Column;
use crate::error::{ApiError, ApiResult};
use crate::records::total;
use actix_web::http::header::{self, Accept, Header};
use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde::Serialize;
use shared::exchange::{ExportFormat, CSV_MIME, LIST_SEPARATOR, XLSX_MIME};
use shared::pagination::PageParams;
use shared::Page;
use std::borrow::Cow;

/// One value of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    /// Exact in CSV; a number in XLSX.
    Decimal(Decimal),
    Float(f64),
    Bool(bool),
    Date(NaiveDate),
    /// RFC 3339 in UTC, as text in both formats.
    Instant(DateTime<Utc>),
}

impl Cell {
    pub fn text(value: &str) -> Cell {
        Cell::Text(value.to_owned())
    }

    pub fn optional_text(value: Option<&str>) -> Cell {
        value.map_or(Cell::Empty, Cell::text)
    }

    pub fn optional_date(value: Option<NaiveDate>) -> Cell {
        value.map_or(Cell::Empty, Cell::Date)
    }

    pub fn optional_integer(value: Option<i64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Integer)
    }

    pub fn optional_float(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Float)
    }

    /// A list joined with `;` (see `join_list`).
    pub fn list<T: std::fmt::Display>(values: &[T]) -> Cell {
        Cell::Text(join_list(values))
    }

    /// The cell as CSV text, guarded against formula injection.
    pub fn to_csv(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) if runs_as_formula(text) => format!("'{text}"),
            Cell::Text(text) => text.clone(),
            Cell::Integer(value) => value.to_string(),
            Cell::Decimal(value) => value.normalize().to_string(),
            Cell::Float(value) => value.to_string(),
            Cell::Bool(value) => value.to_string(),
            Cell::Date(date) => date.format("%Y-%m-%d").to_string(),
            Cell::Instant(instant) => instant.to_rfc3339_opts(SecondsFormat::Secs, true),
        }
    }
}

/// Would a spreadsheet read this text as a formula?
pub fn runs_as_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Elements joined with `;`; an element's own `;` and `\` are escaped with
/// `\` so that the list reads back the same.
pub fn join_list<T: std::fmt::Display>(values: &[T]) -> String {
    values
        .iter()
        .map(|value| {
            value
                .to_string()
                .replace('\\', "\\\\")
                .replace(LIST_SEPARATOR, "\\;")
        })
        .collect::<Vec<_>>()
        .join(&LIST_SEPARATOR.to_string())
}

/// The inverse of `join_list`: elements trimmed, empty ones dropped.
pub fn split_list(text: &str) -> Vec<String> {
    let mut elements = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => current.push(chars.next().unwrap_or('\\')),
            c if c == LIST_SEPARATOR => elements.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    elements.push(current);
    elements
        .into_iter()
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty())
        .collect()
}

/// A sheet of an export: the header names and the rows under them.
pub struct Table {
    /// The XLSX sheet's name.
    pub sheet: &'static str,
    /// Column names: fixed for a record's columns, made for a programme's
    /// years.
    pub headers: Vec<Cow<'static, str>>,
    pub rows: Vec<Vec<Cell>>,
}

/// The format asked for: the `format` query value when given, else the
/// best-ranked `Accept` type the list answers in, else JSON.
pub fn negotiate(req: &HttpRequest, format: Option<ExportFormat>) -> ExportFormat {
    if let Some(format) = format {
        return format;
    }
    let Ok(accept) = Accept::parse(req) else {
        return ExportFormat::Json;
    };
    for mime in accept.ranked() {
        let essence = mime.essence_str();
        if essence == CSV_MIME {
            return ExportFormat::Csv;
        }
        if essence == XLSX_MIME {
            return ExportFormat::Xlsx;
        }
        if essence == "application/json" || essence == "*/*" || essence == "application/*" {
            return ExportFormat::Json;
        }
    }
    ExportFormat::Json
}

pub fn csv_bytes(table: &Table) -> ApiResult<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(table.headers.iter().map(|h| h.as_bytes()))
        .map_err(ApiError::internal)?;
    for row in &table.rows {
        writer
            .write_record(row.iter().map(Cell::to_csv))
            .map_err(ApiError::internal)?;
    }
    writer
        .into_inner()
        .map_err(|e| ApiError::internal(anyhow::anyhow!("writing CSV: {e}")))
}

/// One sheet with a bold, frozen, filterable header row; dates are real
/// spreadsheet dates shown `yyyy-mm-dd`.
pub fn xlsx_bytes(table: &Table) -> ApiResult<Vec<u8>> {
    xlsx(table).map_err(ApiError::internal)
}

fn xlsx(table: &Table) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(table.sheet)?;
    let bold = Format::new().set_bold();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (column, header) in (0_u16..).zip(&table.headers) {
        sheet.write_string_with_format(0, column, header.as_ref(), &bold)?;
    }
    for (row, cells) in (1_u32..).zip(&table.rows) {
        for (column, cell) in (0_u16..).zip(cells) {
            match cell {
                Cell::Empty => {}
                Cell::Text(text) => {
                    sheet.write_string(row, column, text)?;
                }
                Cell::Integer(value) => {
                    // Exact up to 2^53 cents, far beyond any amount here.
                    sheet.write_number(row, column, *value as f64)?;
                }
                Cell::Decimal(value) => {
                    match value.to_f64() {
                        Some(number) => sheet.write_number(row, column, number)?,
                        None => sheet.write_string(row, column, value.to_string())?,
                    };
                }
                Cell::Float(value) => {
                    sheet.write_number(row, column, *value)?;
                }
                Cell::Bool(value) => {
                    sheet.write_boolean(row, column, *value)?;
                }
                Cell::Date(date) => {
                    match excel_date(*date) {
                        Some(excel) => {
                            sheet.write_date_with_format(row, column, excel, &date_format)?
                        }
                        // Before 1900 Excel has no dates: kept as text.
                        None => sheet.write_string(row, column, cell.to_csv())?,
                    };
                }
                Cell::Instant(_) => {
                    sheet.write_string(row, column, cell.to_csv())?;
                }
            }
        }
    }
    if !table.headers.is_empty() {
        let last_column = u16::try_from(table.headers.len() - 1).unwrap_or(u16::MAX);
        let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, last_row, last_column)?;
    }
    workbook.save_to_buffer()
}

fn excel_date(date: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(date.year()).ok().filter(|y| *y >= 1900)?;
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

/// The file as an attachment named `{stem}-YYYY-MM-DD.{csv|xlsx}`.
/// A list asked for as a page of JSON or as a file of every match.
pub struct Listing {
    pub format: ExportFormat,
    pub page: PageParams,
}

impl Listing {
    /// The page a list's query asks for, in the format it asks for
    /// (`format`, else `Accept`).
    pub fn of(req: &HttpRequest, query: &impl crate::records::ListQuery) -> ApiResult<Self> {
        Ok(Listing {
            format: negotiate(req, query.format()),
            page: crate::records::page_request(query)?,
        })
    }

    /// The rows to read: the page, or all of them for a file.
    pub fn window(&self) -> Option<PageParams> {
        (self.format == ExportFormat::Json).then_some(self.page)
    }

    /// The answer: the page as JSON, or the items under `columns` as a
    /// file named `{stem}-YYYY-MM-DD.csv|xlsx` (its sheet `sheet`).
    pub fn answer<T: Serialize, D>(
        &self,
        items: Vec<T>,
        count: i64,
        sheet: &'static str,
        stem: &str,
        columns: &[Column<T, D>],
    ) -> ApiResult<HttpResponse> {
        if self.format != ExportFormat::Json {
            return download(
                self.format,
                &super::columns::table(sheet, columns, &items),
                stem,
            );
        }
        Ok(HttpResponse::Ok().json(Page {
            items,
            total: total(count),
            page: self.page.page,
            per_page: self.page.per_page,
        }))
    }
}

pub fn download(format: ExportFormat, table: &Table, stem: &str) -> ApiResult<HttpResponse> {
    let (bytes, content_type, extension) = match format {
        ExportFormat::Xlsx => (xlsx_bytes(table)?, XLSX_MIME, "xlsx"),
        ExportFormat::Csv | ExportFormat::Json => {
            (csv_bytes(table)?, "text/csv; charset=utf-8", "csv")
        }
    };
    let today = Utc::now().date_naive().format("%Y-%m-%d");
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{stem}-{today}.{extension}\""),
        ))
        .body(bytes))
}

/// Declares a list endpoint that answers a page of JSON or, in the format
/// asked, a file of every match ([`Listing`]), named `handler`. The caller
/// is checked as a reader first (403 for a partner without an
/// organisation), then the page and format; `read` answers the items and
/// how many match, on `window` (none: all of them, for a file); the file
/// is `file`'s sheet, stem and columns. The doc comment is the operation's
/// description; `also` lists the answers particular to it.
macro_rules! list_endpoint {
    (
        $(#[doc = $doc:literal])*
        $path:literal => $handler:ident($query:ty), caller: $caller:ty,
        answer: ($answer:literal, $body:ty), also: [$($also:tt)*],
        read: $read:path, file: ($sheet:expr, $stem:expr, $columns:expr) $(,)?
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            get, path = $path,
            params($query),
            responses((status = 200, description = $answer, body = $body), $($also)*)
        )]
        pub async fn $handler(
            req: actix_web::HttpRequest,
            state: actix_web::web::Data<crate::state::AppState>,
            user: $caller,
            query: crate::extract::Query<$query>,
        ) -> crate::error::ApiResult<actix_web::HttpResponse> {
            let reader = crate::access::Reader::of(&user)?;
            let query = query.0;
            let listing = crate::exchange::files::Listing::of(&req, &query)?;
            let window = listing.window();
            let (items, count) = state
                .db
                .read(move |conn| $read(conn, reader, query, window))
                .await?;
            listing.answer(items, count, $sheet, $stem, $columns)
        }
    };
}
pub(crate) use list_endpoint;

/// Schema of an XLSX answer in the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct XlsxFile(Vec<u8>);

/// Schema of a CSV answer in the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, example = "reference,title\r\n2025-001,Tiers-lieu\r\n")]
#[allow(dead_code)]
pub struct CsvFile(String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip_even_with_separators_inside() {
        let values = vec!["a".to_owned(), "b;c".to_owned(), "d\\e".to_owned()];
        let joined = join_list(&values);
        assert_eq!(joined, "a;b\\;c;d\\\\e");
        assert_eq!(split_list(&joined), values);
        assert_eq!(split_list(" x ; ;y;"), vec!["x", "y"]);
        assert!(split_list("").is_empty());
    }

    #[test]
    fn formulas_are_defused_in_csv_only_for_text() {
        assert_eq!(Cell::text("=1+1").to_csv(), "'=1+1");
        assert_eq!(Cell::text("+33 4 75").to_csv(), "'+33 4 75");
        assert_eq!(Cell::Integer(-5).to_csv(), "-5");
        assert_eq!(Cell::text("Tiers-lieu").to_csv(), "Tiers-lieu");
    }

    #[test]
    fn csv_is_rfc_4180() {
        let table = Table {
            sheet: "t",
            headers: vec!["a".into(), "b".into()],
            rows: vec![vec![Cell::text("x, \"y\""), Cell::Integer(1)]],
        };
        let text = String::from_utf8(csv_bytes(&table).unwrap()).unwrap();
        assert_eq!(text, "a,b\r\n\"x, \"\"y\"\"\",1\r\n");
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let table = Table {
            sheet: "t",
            headers: vec!["date".into()],
            rows: vec![vec![Cell::Date(
                NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            )]],
        };
        assert!(xlsx_bytes(&table).unwrap().starts_with(b"PK"));
    }
}
