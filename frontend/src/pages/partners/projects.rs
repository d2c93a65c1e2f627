//! "Mes projets": the projects shared with the partner's organisation.

use crate::api;
use crate::api::projects::ProjectFilters;
use crate::components::form_field::{Alert, Status};
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::pagination::Pagination;
use crate::components::phase_badge::PhaseBadge;
use crate::components::table::{column_heads, PageTable};
use crate::format;
use crate::hooks::use_fetch;
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use crate::routes::Route;
use yew::prelude::*;

#[function_component]
pub fn PartnerProjectList() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let page = use_state(|| 1_u32);
    let fetched = use_fetch(*page, |page| async move {
        let filters = ProjectFilters {
            sort: "title".to_owned(),
            page: Some(page),
            ..ProjectFilters::default()
        };
        api::projects::list(&filters).await
    });
    let on_page = {
        let page = page.clone();
        Callback::from(move |target: u32| page.set(target))
    };

    let table = fetched.data.as_ref().map(|projects| {
        let table = PageTable {
            caption: texts.my_projects_caption,
            count: (texts.projects_count)(projects.total),
            caption_id: "my-projects-caption",
            testid: "my-projects",
            empty: (texts.no_my_projects, Some("no-projects")),
            head: column_heads(&[
                texts.column_reference,
                texts.column_title,
                texts.column_phase,
                texts.column_axis,
                texts.planned_end_date_label,
            ]),
        };
        table.view(&projects.items, |project| html! {
            <tr key={project.id.to_string()} data-testid={format!("project-row-{}", project.id)}>
                <th scope="row">
                    <NavLink to={Route::Project { id: project.id }}>
                        { project.reference.clone() }
                    </NavLink>
                </th>
                <td>{ project.title.clone() }</td>
                <td><PhaseBadge phase={project.phase} /></td>
                <td>{ project.axis.clone() }</td>
                <td>{ format::optional_date(project.planned_end_date, lang) }</td>
            </tr>
        })
    });
    let total_pages = fetched.page_count();
    let status = fetched.loading_message(texts);
    let error_message = fetched.error_message(texts);

    html! {
        <>
            <PageTitle text={texts.nav_my_projects} />
            <p class="lead">{ texts.my_projects_intro }</p>
            <section class="panel" aria-labelledby="my-projects-heading">
                <h2 id="my-projects-heading" class="visually-hidden">{ texts.my_projects_caption }</h2>
                <Status message={status} />
                <Alert id="my-projects-error" message={error_message} />
                { for table }
                <Pagination
                    page={*page}
                    {total_pages}
                    label={texts.projects_pagination}
                    {on_page}
                />
            </section>
        </>
    }
}
