//! The portfolio: every project, searchable, filterable and sortable. The
//! filters live in the URL, so that a list can be shared and Back returns
//! to it as it was. A project whose funding lines have a deadline near or
//! passed says so next to its title.

use crate::api;
use crate::api::projects::ProjectFilters;
use crate::components::deadline::{by_project, DeadlineBadge};
use crate::components::export::{ExportButtons, ExportList};
use crate::components::filters::{project_filters, ProjectFilterDraft};
use crate::components::form_field::{Alert, Status};
use crate::components::nav::NavLink;
use crate::components::page_title::ListHeading;
use crate::components::pagination::Pagination;
use crate::components::phase_badge::PhaseBadge;
use crate::components::sort_header::sort_header;
use crate::components::table::PageTable;
use crate::format;
use crate::hooks::{use_axes, use_fetch, use_filter_form, use_loaded, use_staff};
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use crate::routes::Route;
use crate::session::use_can_edit;
use shared::projects::Project;
use yew::prelude::*;

#[function_component]
pub fn ProjectList() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let can_edit = use_can_edit();
    let form = use_filter_form(
        Route::Projects,
        ProjectFilterDraft::from_filters,
        |draft, current: &ProjectFilters| draft.to_filters(&current.sort),
    );
    let (on_sort, on_page) = (form.on_sort(), form.on_page());
    let filters = &form.filters;
    // Until they arrive (or if they cannot be fetched) the filters offer the
    // default axes and no lead filter: the list itself still works.
    let axes = use_axes();
    let staff = use_staff();
    let fetched = use_fetch(filters.clone(), |filters| async move {
        api::projects::list(&filters).await
    });
    // The list does not carry its lines' dates: they come from the
    // portfolio's lines, once. Without them the list simply has no badge.
    let watched = use_loaded((), |()| api::opportunities::watched_lines());
    let deadlines = by_project(
        watched.value().map_or(&[][..], Vec::as_slice),
        crate::dom::today(),
    );

    let lead_name = |project: &Project| -> String {
        project
            .lead_id
            .and_then(|id| staff.iter().find(|member| member.id == id))
            .map(|member| member.display_name.clone())
            .unwrap_or_else(|| "—".to_owned())
    };
    let sort = AttrValue::from(filters.sort().to_owned());
    let header = |label, field| sort_header(texts, &sort, &on_sort, label, field);

    let table = fetched.data.as_ref().map(|page| {
        let table = PageTable {
            caption: texts.projects_caption,
count: (texts.projects_count)(page.total),
            caption_id: "projects-caption",
            testid: "projects-table",
            empty: (texts.no_projects, Some("no-projects")),
            head: html! {
                <>
                    { header(texts.column_reference, "reference") }
                    { header(texts.column_title, "title") }
                    { header(texts.column_phase, "phase") }
                    { header(texts.column_axis, "axis") }
                    <th scope="col">{ texts.column_lead }</th>
                    { header(texts.column_total_cost, "total_cost_cents") }
                    <th scope="col">{ texts.column_leverage }</th>
                </>
            },
        };
        table.view(&page.items, |project| html! {
            <tr key={project.id.to_string()} data-testid={format!("project-row-{}", project.id)}>
                <th scope="row">
                    <NavLink to={Route::Project { id: project.id }}>
                        { project.reference.clone() }
                    </NavLink>
                </th>
                <td>
                    { project.title.clone() }
                    if let Some(deadline) = deadlines.get(&project.id) {
                        { " " }
                        <DeadlineBadge deadline={*deadline} testid={format!("project-deadline-{}", project.id)} />
                    }
                </td>
                <td><PhaseBadge phase={project.phase} /></td>
                <td>{ project.axis.clone() }</td>
                <td>{ lead_name(project) }</td>
                <td class="number">{ format::euros(project.total_cost_cents, lang) }</td>
                <td class="number">{ format::leverage(project.finance.leverage, lang) }</td>
            </tr>
        })
    });

    let total_pages = fetched.page_count();
    let status = fetched.loading_message(texts);
    let error_message = fetched.error_message(texts);

    html! {
        <>
            <ListHeading title={texts.projects_title} {can_edit} import={Route::ImportProjects} import_testid="import-projects">
                <NavLink to={Route::NewProject} class={classes!("button", "button--primary")}>
                    { texts.new_project }
                </NavLink>
            </ListHeading>
            { project_filters(texts, texts.filter_projects, &form, &axes, &staff) }
            <section class="panel" aria-labelledby="projects-caption-heading">
                <h2 id="projects-caption-heading" class="visually-hidden">{ texts.projects_caption }</h2>
                <Status message={status} />
                <Alert id="projects-error" message={error_message} />
                <ExportButtons list={ExportList::Projects(filters.clone())} />
                { for table }
                <Pagination
                    page={filters.page()}
                    {total_pages}
                    label={texts.projects_pagination}
                    {on_page}
                />
            </section>
        </>
    }
}
