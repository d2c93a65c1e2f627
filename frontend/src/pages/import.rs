//! The import wizard: actors, projects or funding opportunities in number
//! from a CSV file (or, for opportunities, the JSON of an Aides-territoires
//! export). The file is read in the browser and its first rows previewed; a dry run
//! reports every problem by line and column (or what would be created and
//! updated); then the import writes every row or none. Reading, sending
//! and the server's work each show their progress.

use crate::api::exchange::{
    self, accepts_json, ImportFormat, ImportKind, ImportReport, IMPORT_KINDS,
};
use crate::components::form_field::{options_of, summary_for, Alert, ChoiceGroup, Status};
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::panel::Panel;
use crate::components::table::Table;
use crate::dom;
use crate::i18n::{use_lang, Texts};
use crate::routes::Route;
use shared::exchange::ImportError;
use shared::FieldError;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 10;

/// The start of a CSV file, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Preview {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Records after the header, blank lines left out.
    total: usize,
}

/// The separator of the header line: `;` (what a French spreadsheet
/// writes), a tab, or `,`, whichever appears most outside quotes.
fn separator(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let mut counts = [(';', 0_usize), ('\t', 0), (',', 0)];
    for c in first.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            for (candidate, count) in counts.iter_mut() {
                if c == *candidate {
                    *count += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, count)| *count)
        .filter(|(_, count)| *count > 0)
        .map_or(',', |(candidate, _)| candidate)
}

/// Every record of `text` (RFC 4180: quoted fields may hold separators,
/// line breaks and doubled quotes), blank lines left out.
fn records(text: &str, separator: char) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut end_record = |record: &mut Vec<String>, field: &mut String| {
        record.push(std::mem::take(field));
        let blank = record.len() == 1 && record[0].trim().is_empty();
        let done = std::mem::take(record);
        if !blank {
            records.push(done);
        }
    };
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (c, false) if c == separator => record.push(std::mem::take(&mut field)),
            ('\r', false) if chars.peek() == Some(&'\n') => {}
            ('\n' | '\r', false) => end_record(&mut record, &mut field),
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        end_record(&mut record, &mut field);
    }
    records
}

/// The columns an Aides-territoires preview shows, as the export names
/// them.
const AID_COLUMNS: [&str; 4] = ["name", "financers", "perimeter", "submission_deadline"];

/// The start of an Aides-territoires export (a list of aids, or an API
/// page with its `results`); `None` if it is not such a document, which
/// the server's dry run then explains.
fn json_preview(text: &str) -> Option<Preview> {
    use serde_json::Value;
    let document: Value =
        serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()?;
    let aids = match &document {
        Value::Array(aids) => aids,
        Value::Object(page) => match page.get("results") {
            Some(Value::Array(aids)) => aids,
            _ => return None,
        },
        _ => return None,
    };
    fn cell(value: Option<&Value>) -> String {
        match value {
            Some(Value::String(text)) => text.clone(),
            Some(Value::Number(number)) => number.to_string(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| cell(Some(item)))
                .collect::<Vec<_>>()
                .join(", "),
            Some(Value::Object(object)) => cell(object.get("name")),
            _ => String::new(),
        }
    }
    Some(Preview {
        header: AID_COLUMNS.iter().map(|name| (*name).to_owned()).collect(),
        total: aids.len(),
        rows: aids
            .iter()
            .take(PREVIEW_ROWS)
            .map(|aid| {
                AID_COLUMNS
                    .iter()
                    .map(|name| cell(aid.get(*name)))
                    .collect()
            })
            .collect(),
    })
}

fn preview(text: &str) -> Preview {
    let mut all = records(text, separator(text)).into_iter();
    let header = all.next().unwrap_or_default();
    let rest: Vec<Vec<String>> = all.collect();
    Preview {
        header,
        total: rest.len(),
        rows: rest.into_iter().take(PREVIEW_ROWS).collect(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Progress {
    Idle,
    Reading(Option<u8>),
    Sending {
        dry_run: bool,
        percent: Option<u8>,
    },
    /// Sent; the server checks (and, unless a dry run, writes).
    Processing {
        dry_run: bool,
    },
}

impl Progress {
    fn text(self, texts: &Texts) -> Option<String> {
        match self {
            Progress::Idle => None,
            Progress::Reading(Some(percent)) => Some((texts.import_reading)(percent)),
            Progress::Reading(None) => Some(texts.import_reading_file.to_owned()),
            Progress::Sending {
                percent: Some(percent),
                ..
            } => Some((texts.upload_progress)(percent)),
            Progress::Sending { percent: None, .. } => Some(texts.uploading.to_owned()),
            Progress::Processing { dry_run: true } => Some(texts.import_checking.to_owned()),
            Progress::Processing { dry_run: false } => Some(texts.import_applying.to_owned()),
        }
    }

    /// The `<progress>` value; none while the amount is unknown, which
    /// the browser shows as an indeterminate bar.
    fn value(self) -> Option<u8> {
        match self {
            Progress::Reading(percent) | Progress::Sending { percent, .. } => percent,
            Progress::Idle | Progress::Processing { .. } => None,
        }
    }
}

/// The file as read.
#[derive(Debug, PartialEq)]
struct Loaded {
    name: String,
    /// As the browser names it, e.g. `application/json`.
    media_type: String,
    text: Rc<String>,
    preview: Preview,
}

impl Loaded {
    fn new(name: String, media_type: String, text: String) -> Self {
        let json = ImportFormat::of_file(ImportKind::FundingOpportunities, &name, &media_type)
            == ImportFormat::AidesTerritoires;
        let preview = json
            .then(|| json_preview(&text))
            .flatten()
            .unwrap_or_else(|| preview(&text));
        Loaded {
            name,
            media_type,
            text: Rc::new(text),
            preview,
        }
    }

    /// How to send it as `kind`: JSON only where the kind reads it.
    fn format(&self, kind: ImportKind) -> ImportFormat {
        ImportFormat::of_file(kind, &self.name, &self.media_type)
    }
}

/// A problem of the file in the interface's language when its rule is
/// known, else in the server's words.
fn problem_text(texts: &Texts, error: &ImportError) -> String {
    texts.field_error(&FieldError::new(
        error.column.clone().unwrap_or_default(),
        &error.code,
        error.message.clone(),
    ))
}

#[derive(Properties, PartialEq)]
pub struct ImportWizardProps {
    /// What the page was opened for; the first step can change it.
    pub kind: ImportKind,
}

#[function_component]
pub fn ImportWizard(props: &ImportWizardProps) -> Html {
    let texts = use_lang().texts();
    let kind = use_state(|| props.kind);
    let loaded = use_state(|| None::<Rc<Loaded>>);
    let progress = use_state(|| Progress::Idle);
    // The last answer for the current file and kind: a dry run's, or a
    // refused import's.
    let report = use_state(|| None::<ImportReport>);
    let done = use_state(|| None::<ImportReport>);
    let problem = use_state(|| None::<AttrValue>);

    let forget_answers = {
        let (report, done, problem) = (report.clone(), done.clone(), problem.clone());
        move || {
            report.set(None);
            done.set(None);
            problem.set(None);
        }
    };

    let on_kind = {
        let (kind, forget_answers) = (kind.clone(), forget_answers.clone());
        Callback::from(move |(value, checked): (String, bool)| {
            if let (true, Ok(chosen)) = (checked, value.parse::<ImportKind>()) {
                kind.set(chosen);
                forget_answers();
            }
        })
    };

    let on_file = {
        let (loaded, progress, problem, forget_answers) = (
            loaded.clone(),
            progress.clone(),
            problem.clone(),
            forget_answers.clone(),
        );
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Emptied, so that choosing the same file again once corrected
            // reads it again; its name stays in the preview.
            input.set_value("");
            if *progress != Progress::Idle {
                return;
            }
            forget_answers();
            loaded.set(None);
            progress.set(Progress::Reading(None));
            let on_read = {
                let progress = progress.clone();
                Callback::from(move |percent| progress.set(Progress::Reading(percent)))
            };
            let (loaded, progress, problem) = (loaded.clone(), progress.clone(), problem.clone());
            spawn_local(async move {
                match dom::read_text(&file, on_read).await {
                    Ok(text) => {
                        loaded.set(Some(Rc::new(Loaded::new(file.name(), file.type_(), text))));
                    }
                    Err(()) => problem.set(Some(texts.file_read_failed.into())),
                }
                progress.set(Progress::Idle);
            });
        })
    };

    let send = |dry_run: bool| {
        let (kind, loaded, progress, report, done, problem) = (
            kind.clone(),
            loaded.clone(),
            progress.clone(),
            report.clone(),
            done.clone(),
            problem.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(file) = (*loaded).clone() else {
                return;
            };
            let ready = dry_run
                || report
                    .as_ref()
                    .is_some_and(|checked| checked.dry_run && checked.errors.is_empty());
            if *progress != Progress::Idle || !ready {
                return;
            }
            problem.set(None);
            done.set(None);
            progress.set(Progress::Sending {
                dry_run,
                percent: Some(0),
            });
            let on_progress = {
                let progress = progress.clone();
                Callback::from(move |percent: Option<u8>| {
                    progress.set(match percent {
                        Some(100) => Progress::Processing { dry_run },
                        percent => Progress::Sending { dry_run, percent },
                    })
                })
            };
            let (kind, progress, report, done, problem) = (
                *kind,
                progress.clone(),
                report.clone(),
                done.clone(),
                problem.clone(),
            );
            spawn_local(async move {
                let format = file.format(kind);
                let answer = exchange::import(kind, format, &file.text, dry_run, on_progress).await;
                progress.set(Progress::Idle);
                match answer {
                    Ok(answer) if answer.applied => {
                        report.set(None);
                        done.set(Some(answer));
                        dom::focus("#import-done");
                    }
                    Ok(answer) => {
                        if !dry_run {
                            problem.set(Some(texts.import_refused.into()));
                        }
                        report.set(Some(answer));
                        dom::focus("#import-report");
                    }
                    // No input of the wizard shows a problem by field.
                    Err(error) => problem.set(Some(summary_for(texts, &error, &[]))),
                }
            });
        })
    };

    let busy = *progress != Progress::Idle;
    let kind_options = options_of(IMPORT_KINDS, ImportKind::as_str, texts.import_kind_name);
    let (list_route, list_title) = match *kind {
        ImportKind::Actors => (Route::Actors, texts.actors_title),
        ImportKind::Projects => (Route::Projects, texts.projects_title),
        ImportKind::FundingOpportunities => (Route::Opportunities, texts.opportunities_title),
    };
    let json = accepts_json(*kind);
    let accept = if json {
        ".csv,text/csv,.json,application/json"
    } else {
        ".csv,text/csv"
    };
    let checked_ok = report
        .as_ref()
        .is_some_and(|checked| checked.dry_run && checked.errors.is_empty());

    let progress_view = progress.text(texts).map(|text| {
        html! {
            <div class="upload-progress" data-testid="import-progress">
                <progress
                    id="import-progress"
                    max="100"
                    value={progress.value().map(|percent| percent.to_string())}
                    aria-label={texts.import_progress_label}
                />
                <span role="status">{ text }</span>
            </div>
        }
    });

    let preview_view = loaded.as_ref().map(|file| {
        let preview = &file.preview;
        if preview.total == 0 {
            return html! { <p class="notice" data-testid="import-empty">{ texts.import_empty }</p> };
        }
        html! {
            <div class="table-wrap" role="region" aria-labelledby="import-preview-caption" tabindex="0">
                <table class="table table--compact" data-testid="import-preview">
                    <caption id="import-preview-caption">
                        { (texts.import_preview_caption)(preview.rows.len(), preview.total, &file.name) }
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{ texts.column_line }</th>
                            { for preview.header.iter().map(|name| html! { <th scope="col">{ name.clone() }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for preview.rows.iter().enumerate().map(|(index, row)| html! {
                            <tr>
                                <th scope="row">{ index + 2 }</th>
                                { for row.iter().map(|cell| html! { <td>{ cell.clone() }</td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        }
    });

    let report_view = report.as_ref().map(|checked| {
        if checked.errors.is_empty() {
            return html! {
                <p class="notice notice--ok" data-testid="import-check-ok">
                    { (texts.import_check_ok)(checked.rows, checked.created, checked.updated, checked.unchanged) }
                </p>
            };
        }
        html! {
            <>
                <p>{ texts.import_fix_and_retry }</p>
                <Table
                    caption={(texts.import_errors_caption)(checked.errors.len())}
                    caption_id="import-errors-caption"
                    testid="import-errors"
                    compact=true
                    head={html! {
                        <>
                            <th scope="col">{ texts.column_line }</th>
                            <th scope="col">{ texts.column_column }</th>
                            <th scope="col">{ texts.column_problem }</th>
                        </>
                    }}
                >
                    { for checked.errors.iter().map(|error| html! {
                        <tr data-testid="import-error">
                            <th scope="row">{ error.line }</th>
                            <td>{ error.column.clone().unwrap_or_else(|| "—".to_owned()) }</td>
                            <td>{ problem_text(texts, error) }</td>
                        </tr>
                    }) }
                </Table>
            </>
        }
    });

    html! {
        <>
            <PageTitle text={match *kind {
                ImportKind::FundingOpportunities => texts.import_title_csv_or_json,
                ImportKind::Actors | ImportKind::Projects => texts.import_title,
            }} />
            <p class="lead">{ texts.import_intro }</p>
            <Alert id="import-error" message={(*problem).clone()} />
            <Panel heading_id="import-kind-heading" heading={texts.import_step_kind}>
                <ChoiceGroup
                    id="import-kind"
                    legend={texts.import_kind_legend}
                    options={kind_options}
                    selected={vec![AttrValue::from(kind.as_str())]}
                    onchange={on_kind}
                    required=true
                />
            </Panel>
            <Panel heading_id="import-file-heading" heading={texts.import_step_file}>
                <div class="field">
                    <label for="import-file">{ texts.import_file }</label>
                    <p id="import-file-hint" class="field-hint">
                        { texts.import_file_hint }
                        if json {
                            { " " }{ texts.import_json_hint }
                        }
                    </p>
                    <input
                        id="import-file"
                        name="file"
                        type="file"
                        {accept}
                        aria-describedby="import-file-hint"
                        disabled={busy}
                        onchange={on_file}
                    />
                    if let Some(file) = &*loaded {
                        <p class="field-hint" data-testid="import-file-name">
                            { (texts.import_file_read)(&file.name, file.preview.total) }
                        </p>
                    }
                </div>
                { for progress_view }
            </Panel>
            if loaded.is_some() {
                <Panel heading_id="import-preview-heading" heading={texts.import_step_preview}>
                    { for preview_view }
                </Panel>
                <Panel heading_id="import-check-heading" heading={texts.import_step_check}>
                    <p>{ texts.import_check_hint }</p>
                    <button type="button" class="button button--secondary" data-testid="import-dry-run"
                            aria-disabled={busy.then_some("true")} onclick={send(true)}>
                        { texts.import_dry_run }
                    </button>
                    <div id="import-report" tabindex="-1" data-testid="import-report">
                        { for report_view }
                    </div>
                </Panel>
                <Panel heading_id="import-apply-heading" heading={texts.import_step_apply}>
                    <p>{ texts.import_apply_hint }</p>
                    <button type="button" class="button button--primary" data-testid="import-apply"
                            aria-disabled={(busy || !checked_ok).then_some("true")} onclick={send(false)}>
                        { texts.import_apply }
                    </button>
                    <div id="import-done" tabindex="-1">
                        <Status message={done.as_ref().map(|applied| AttrValue::from((texts.import_done)(applied.created, applied.updated)))} />
                        if done.is_some() {
                            <p>
                                <NavLink to={list_route}>{ list_title }</NavLink>
                            </p>
                        }
                    </div>
                </Panel>
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_french_spreadsheet_export_is_read() {
        let text = "\u{feff}nom;type;notes\r\nAssociation A;association;\"Dit \"\"bonjour\"\"; deux lignes\nfin\"\r\n\r\nEntreprise B;company;\r\n";
        let preview = preview(text);
        assert_eq!(preview.header, ["nom", "type", "notes"]);
        assert_eq!(preview.total, 2);
        assert_eq!(
            preview.rows[0],
            [
                "Association A",
                "association",
                "Dit \"bonjour\"; deux lignes\nfin"
            ]
        );
        assert_eq!(preview.rows[1], ["Entreprise B", "company", ""]);
    }

    #[test]
    fn commas_and_a_missing_last_newline() {
        let read = preview("reference,title\n2025-001,\"Tiers-lieu, numérique\"");
        assert_eq!(read.header, ["reference", "title"]);
        assert_eq!(read.rows, [["2025-001", "Tiers-lieu, numérique"]]);
        assert_eq!(separator("a\tb\tc\n"), '\t');
        assert_eq!(
            preview(""),
            Preview {
                header: vec![],
                rows: vec![],
                total: 0
            }
        );
    }

    #[test]
    fn an_aides_territoires_export_is_previewed_by_aid() {
        let page = r#"{"count": 2, "results": [
            {"name": "Fonds vert", "financers": [{"name": "État"}, "ADEME"],
             "perimeter": "Drôme", "submission_deadline": "2026-09-30"},
            {"name": "Leader", "perimeter": {"name": "France"}}
        ]}"#;
        let preview = json_preview(page).unwrap();
        assert_eq!(preview.total, 2);
        assert_eq!(preview.header[0], "name");
        assert_eq!(
            preview.rows[0],
            ["Fonds vert", "État, ADEME", "Drôme", "2026-09-30"]
        );
        assert_eq!(preview.rows[1], ["Leader", "", "France", ""]);
        assert_eq!(json_preview("[]").map(|p| p.total), Some(0));
        assert_eq!(json_preview("{\"aids\": 3}"), None);
        assert_eq!(json_preview("nom;type"), None);
        let loaded = Loaded::new("aides.json".into(), String::new(), page.into());
        assert_eq!(loaded.preview.total, 2);
        assert_eq!(
            loaded.format(ImportKind::FundingOpportunities),
            ImportFormat::AidesTerritoires
        );
        assert_eq!(loaded.format(ImportKind::Projects), ImportFormat::Csv);
    }

    #[test]
    fn the_preview_keeps_the_first_rows_and_counts_them_all() {
        let mut text = String::from("name\n");
        for index in 0..25 {
            text.push_str(&format!("Acteur {index}\n"));
        }
        let preview = preview(&text);
        assert_eq!((preview.rows.len(), preview.total), (PREVIEW_ROWS, 25));
    }
}
