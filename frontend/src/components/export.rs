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
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Texts};
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

/// A file fetched with the session's token and handed to the browser to
/// save, its progress said in a status line: the exports and the printed
/// reports share it.
#[derive(Clone, PartialEq)]
pub struct Download {
    busy: UseStateHandle<bool>,
    message: UseStateHandle<Option<AttrValue>>,
}

#[hook]
pub fn use_download() -> Download {
    Download {
        busy: use_state(|| false),
        message: use_state(|| None::<AttrValue>),
    }
}

impl Download {
    pub fn busy(&self) -> bool {
        *self.busy
    }

    /// Fetches the file and saves it as `filename`; ignored while one is on its way.
    pub fn start<F>(&self, texts: &'static Texts, filename: String, fetch: F)
    where
        F: std::future::Future<Output = Result<web_sys::Blob, ApiError>> + 'static,
    {
        if *self.busy {
            return;
        }
        self.busy.set(true);
        self.message.set(Some(texts.exporting.into()));
        let (busy, message) = (self.busy.clone(), self.message.clone());
        spawn_local(async move {
            let outcome = match fetch.await {
                Ok(blob) => match dom::save_blob(&blob, &filename) {
                    Ok(()) => (texts.export_ready)(&filename),
                    Err(_) => texts.download_failed.to_owned(),
                },
                Err(error) => texts.describe(&error),
            };
            message.set(Some(outcome.into()));
            busy.set(false);
        });
    }

    /// The status line: read out by screen readers as it changes.
    pub fn status(&self, class: &'static str) -> Html {
        html! {
            <span {class} role="status">{ (*self.message).clone().unwrap_or_default() }</span>
        }
    }
}

#[function_component]
pub fn ExportButtons(props: &ExportButtonsProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let download = use_download();
    let label_id = format!("export-{}-label", props.list.key());

    let export = |format: ExportFormat| {
        let (download, list) = (download.clone(), props.list.clone());
        Callback::from(move |_: MouseEvent| {
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
            download.start(texts, filename, list.clone().fetch(format));
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
                        aria-disabled={download.busy().then_some("true")}
                        onclick={export(format)}
                    >
                        { label }
                    </button>
                }) }
            { download.status("export-buttons__status") }
        </div>
    }
}
