//! "Exporter": a list's rows (all of those its filters select, not only
//! the page on screen) as a CSV or XLSX file. The file is fetched with the
//! session's token, then handed to the browser to save; the token never
//! goes into a URL.

use crate::api::actors::ActorFilters;
use crate::api::exchange::ExportFormat;
use crate::api::opportunities::OpportunityFilters;
use crate::api::programming::ProgrammeFilters;
use crate::api::projects::ProjectFilters;
use crate::api::{self, ApiError};
use crate::dom;
use crate::format;
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Which list, with the filters in force.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportList {
    Projects(ProjectFilters),
    Actors(ActorFilters),
    /// The programme's projects × years grid with its totals per year.
    Programme(ProgrammeFilters),
    Opportunities(OpportunityFilters),
}

impl ExportList {
    fn key(&self) -> &'static str {
        match self {
            ExportList::Projects(_) => "projects",
            ExportList::Actors(_) => "actors",
            ExportList::Programme(_) => "programme",
            ExportList::Opportunities(_) => "opportunities",
        }
    }

    async fn fetch(self, format: ExportFormat) -> Result<web_sys::Blob, ApiError> {
        match self {
            ExportList::Projects(filters) => api::projects::export(&filters, format).await,
            ExportList::Actors(filters) => api::actors::export(&filters, format).await,
            ExportList::Programme(filters) => api::programming::export(&filters, format).await,
            ExportList::Opportunities(filters) => {
                api::opportunities::export(&filters, format).await
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportButtonsProps {
    pub list: ExportList,
}

#[function_component]
pub fn ExportButtons(props: &ExportButtonsProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let busy = use_state(|| None::<ExportFormat>);
    let message = use_state(|| None::<AttrValue>);
    let label_id = format!("export-{}-label", props.list.key());

    let export = |format: ExportFormat| {
        let (busy, message, list) = (busy.clone(), message.clone(), props.list.clone());
        Callback::from(move |_: MouseEvent| {
            if busy.is_some() {
                return;
            }
            busy.set(Some(format));
            message.set(Some(texts.exporting.into()));
            let (busy, message, list) = (busy.clone(), message.clone(), list.clone());
            spawn_local(async move {
                let stem = match &list {
                    ExportList::Projects(_) => texts.export_projects_file,
                    ExportList::Actors(_) => texts.export_actors_file,
                    ExportList::Programme(_) => texts.export_programme_file,
                    ExportList::Opportunities(_) => texts.export_opportunities_file,
                };
                let filename = format!(
                    "{stem}-{}.{}",
                    format::date_input(Some(dom::today())),
                    format.as_str()
                );
                let outcome = match list.fetch(format).await {
                    Ok(blob) => match dom::save_blob(&blob, &filename) {
                        Ok(()) => (texts.export_ready)(&filename),
                        Err(_) => texts.download_failed.to_owned(),
                    },
                    Err(error) => texts.describe(&error),
                };
                message.set(Some(outcome.into()));
                busy.set(None);
            });
        })
    };

    html! {
        <div class="export-buttons" role="group" aria-labelledby={label_id.clone()}>
            <span id={label_id} class="export-buttons__label">{ texts.export_label }</span>
            { for [(ExportFormat::Csv, texts.export_csv), (ExportFormat::Xlsx, texts.export_xlsx)]
                .into_iter()
                .map(|(format, label)| html! {
                    <button
                        type="button"
                        class="button button--secondary button--small"
                        data-testid={format!("export-{}", format.as_str())}
                        aria-disabled={busy.is_some().then_some("true")}
                        onclick={export(format)}
                    >
                        { label }
                    </button>
                }) }
            <span class="export-buttons__status" role="status">
                { (*message).clone().unwrap_or_default() }
            </span>
        </div>
    }
}
