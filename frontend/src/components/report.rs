//! "Imprimer": the printed reports (the project sheet, the annual report)
//! made by the server as PDF in the interface's language, and saved.

use crate::api;
use crate::components::export::use_download;
use crate::dom;
use crate::i18n::{use_lang, LangTexts};
use chrono::Datelike;
use shared::ids::ProjectId;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProjectSheetButtonProps {
    pub project_id: ProjectId,
    pub reference: AttrValue,
}

/// The project sheet as PDF, for a steering committee.
#[function_component]
pub fn ProjectSheetButton(props: &ProjectSheetButtonProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let download = use_download();
    let onclick = {
        let (download, id) = (download.clone(), props.project_id);
        let filename = format!("{}-{}.pdf", texts.sheet_file, props.reference);
        Callback::from(move |_: MouseEvent| {
            download.start(
                texts,
                filename.clone(),
                api::reports::project_sheet(id, lang),
            );
        })
    };
    html! {
        <div class="report-button">
            <button type="button" class="button button--secondary button--small"
                    data-testid="project-sheet-pdf"
                    aria-disabled={download.busy().then_some("true")} {onclick}>
                { texts.sheet_button }
            </button>
            { download.status("report-button__status") }
        </div>
    }
}

/// The annual report of a chosen year as PDF.
#[function_component]
pub fn AnnualReportButton() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let download = use_download();
    let this_year = dom::today().year();
    let year = use_state(|| this_year);
    let onchange = {
        let year = year.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Ok(chosen) = select.value().parse() {
                year.set(chosen);
            }
        })
    };
    let onclick = {
        let (download, year) = (download.clone(), *year);
        Callback::from(move |_: MouseEvent| {
            let filename = format!("{}-{year}.pdf", texts.annual_report_file);
            download.start(texts, filename, api::reports::annual(year, lang));
        })
    };
    html! {
        <div class="report-button" role="group" aria-labelledby="annual-report-label">
            <span id="annual-report-label" class="export-buttons__label">{ texts.annual_report_label }</span>
            <label class="visually-hidden" for="annual-report-year">{ texts.annual_report_year }</label>
            <select id="annual-report-year" data-testid="annual-report-year" {onchange}>
                { for (this_year - 11..=this_year).rev().map(|y| html! {
                    <option value={y.to_string()} selected={y == *year}>{ y }</option>
                }) }
            </select>
            <button type="button" class="button button--secondary button--small"
                    data-testid="annual-report-pdf"
                    aria-disabled={download.busy().then_some("true")} {onclick}>
                { texts.annual_report_button }
            </button>
            { download.status("report-button__status") }
        </div>
    }
}
