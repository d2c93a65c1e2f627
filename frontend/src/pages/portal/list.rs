//! `/public/projects`: the public projects, searched by text and phase
//! (the search lives in the URL, so that it can be shared), then the
//! open-data files to download with their schemas and dictionary.

use crate::api::open_data::{
    self, PortalFilters, DICTIONARY_PATH, GRANTS_PATH, NATIONAL_PROJECTS_PATH, PROJECTS_PATH,
};
use crate::components::filters::FilterPanel;
use crate::components::form_field::{options_of, with_all, Alert, SelectField, Status, TextField};
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::pagination::Pagination;
use crate::components::phase_badge::PhaseBadge;
use crate::components::table::PageTable;
use crate::format;
use crate::hooks::{use_fetch, use_filter_form};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Texts};
use crate::routes::Route;
use shared::exchange::{OpenDataSchema, SEARCH_MAX_CHARS};
use shared::lifecycle::Phase;
use yew::prelude::*;

/// The search as typed; applied to the URL on submit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct SearchDraft {
    q: String,
    phase: String,
}

impl SearchDraft {
    fn from_filters(filters: &PortalFilters) -> Self {
        SearchDraft {
            q: filters.q.clone(),
            phase: filters
                .phase
                .map(|phase| phase.as_str().to_owned())
                .unwrap_or_default(),
        }
    }

    /// From the first page; a phase that does not parse means any phase.
    fn to_filters(&self, _current: &PortalFilters) -> PortalFilters {
        PortalFilters {
            q: self.q.trim().chars().take(SEARCH_MAX_CHARS).collect(),
            phase: self.phase.parse().ok(),
            page: None,
        }
    }
}

#[function_component]
pub fn PublicProjectList() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let form = use_filter_form(
        Route::PublicProjects,
        SearchDraft::from_filters,
        SearchDraft::to_filters,
    );
    let on_page = form.on_page();
    let (filters, draft) = (&form.filters, form.values());
    let fetched = use_fetch(filters.clone(), |filters| async move {
        open_data::projects(&filters).await
    });
    let phase_options = with_all(
        texts,
        options_of(Phase::ALL, Phase::as_str, texts.phase_name),
    );

    let table = fetched.data.as_ref().map(|page| {
        let table = PageTable {
            caption: texts.portal_projects_caption,
count: (texts.projects_count)(page.total),
            caption_id: "portal-projects-caption",
            testid: "portal-projects",
            empty: (texts.portal_no_projects, Some("portal-no-projects")),
            head: html! {
                <>
                    <th scope="col">{ texts.column_reference }</th>
                    <th scope="col">{ texts.column_title }</th>
                    <th scope="col">{ texts.column_phase }</th>
                    <th scope="col">{ texts.area_label }</th>
                    <th scope="col" class="number">{ texts.column_total_cost }</th>
                    <th scope="col" class="number">{ texts.secured_funding }</th>
                    <th scope="col" class="number">{ texts.column_leverage }</th>
                </>
            },
        };
        table.view(&page.items, |project| {
            let secured = project
                .secured_city_cents
                .saturating_add(project.secured_public_cents)
                .saturating_add(project.secured_private_cents);
            html! {
                <tr key={project.reference.clone()} data-testid={format!("portal-project-{}", project.reference)}>
                    <th scope="row">
                        <NavLink to={Route::PublicProject { reference: project.reference.clone() }}>
                            { project.reference.clone() }
                        </NavLink>
                    </th>
                    <td>{ project.title.clone() }</td>
                    <td><PhaseBadge phase={project.phase} /></td>
                    <td>{ project.area.clone().unwrap_or_else(|| "—".to_owned()) }</td>
                    <td class="number">{ format::euros(project.total_cost_cents, lang) }</td>
                    <td class="number">{ format::euros(secured, lang) }</td>
                    <td class="number">{ format::leverage(project.leverage, lang) }</td>
                </tr>
            }
        })
    });

    html! {
        <>
            <PageTitle text={texts.portal_title} />
            <p class="lead">{ texts.portal_intro }</p>
            <FilterPanel id="portal" label={texts.portal_search_label} actions={form.actions.clone()}>
                <TextField id="portal-q" label={texts.search_label} hint={texts.portal_search_hint}
                           input_type="search" maxlength={SEARCH_MAX_CHARS}
                           value={draft.q.clone()} oninput={form.field(|d, v| d.q = v)} />
                <SelectField id="portal-phase" label={texts.column_phase} options={phase_options}
                             value={draft.phase.clone()} onchange={form.field(|d, v| d.phase = v)} />
            </FilterPanel>
            <Status message={fetched.loading_message(texts)} />
            <Alert id="portal-error" message={fetched.error_message(texts)} />
            { for table }
            <Pagination page={filters.page()} total_pages={fetched.page_count()}
                        label={texts.portal_pagination} {on_page} />
            { open_data_files(texts) }
        </>
    }
}

/// The files, each a plain link: the browser downloads them.
fn open_data_files(texts: &Texts) -> Html {
    let schema = |schema: OpenDataSchema| {
        html! {
            <a href={open_data::schema_path(schema.as_str())} data-testid={format!("schema-{}", schema.as_str())}>
                { (texts.open_data_schema_of)(schema.data_file()) }
            </a>
        }
    };
    html! {
        <section class="panel" aria-labelledby="open-data-heading" data-testid="open-data">
            <h2 id="open-data-heading">{ texts.open_data_heading }</h2>
            <p>{ texts.open_data_intro }</p>
            <ul class="open-data">
                <li>
                    { texts.open_data_projects }{ "\u{a0}: " }
                    { for [("csv", "CSV"), ("xlsx", "XLSX"), ("json", "JSON")].into_iter().enumerate().map(|(index, (format, name))| html! {
                        <>
                            if index > 0 { { " · " } }
                            <a href={format!("{PROJECTS_PATH}?format={format}")}
                               aria-label={(texts.open_data_projects_format)(name)}
                               data-testid={format!("open-data-projects-{format}")}>{ name }</a>
                        </>
                    }) }
                </li>
                <li>
                    <a href={NATIONAL_PROJECTS_PATH} data-testid="open-data-projets">{ texts.open_data_national_projects }</a>
                    { " — " }{ schema(OpenDataSchema::Projets) }
                </li>
                <li>
                    <a href={GRANTS_PATH} data-testid="open-data-subventions">{ texts.open_data_grants }</a>
                    { " — " }{ schema(OpenDataSchema::Subventions) }
                    <br />
                    <span class="field-hint">{ texts.open_data_grants_note }</span>
                </li>
                <li>
                    <a href={DICTIONARY_PATH} data-testid="open-data-dictionary">{ texts.open_data_dictionary }</a>
                </li>
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_starts_from_the_first_page_within_its_bound() {
        let draft = SearchDraft {
            q: format!("  {}  ", "a".repeat(SEARCH_MAX_CHARS + 5)),
            phase: "cadrage".into(),
        };
        let current = PortalFilters {
            page: Some(4),
            ..PortalFilters::default()
        };
        let filters = draft.to_filters(&current);
        assert_eq!(filters.q.chars().count(), SEARCH_MAX_CHARS);
        assert_eq!((filters.phase, filters.page), (Some(Phase::Cadrage), None));
        let any = SearchDraft {
            phase: String::new(),
            ..SearchDraft::default()
        };
        assert_eq!(any.to_filters(&current).phase, None);
        assert_eq!(SearchDraft::from_filters(&filters).phase, "cadrage");
    }
}
