//! *Feuille de route*: the portfolio over time. Each project's phases as
//! bars, its decisions as diamonds and its milestones as dots, under the
//! project list's filters (kept in the URL the same way, so that a view
//! can be shared and printed). The same data as a table for those who do
//! not read the drawing, and a print layout: landscape, without the
//! navigation and filters.

mod chart;

use crate::api;
use crate::api::projects::ProjectFilters;
use crate::components::chart::legend_item;
use crate::components::filters::{project_filters, ProjectFilterDraft};
use crate::components::form_field::{Alert, Status};
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::pagination::{page_count, Pagination};
use crate::components::phase_badge::PhaseBadge;
use crate::format;
use crate::hooks::{use_axes, use_fetch, use_filter_form, use_staff};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang};
use crate::routes::Route;
use chart::{decision_sample, milestone_sample, RoadmapChart};
use shared::lifecycle::Phase;
use shared::roadmap::{Roadmap, RoadmapProject};
use yew::prelude::*;

#[function_component]
pub fn RoadmapPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let form = use_filter_form(
        Route::Roadmap,
        ProjectFilterDraft::from_filters,
        |draft, current: &ProjectFilters| draft.to_filters(&current.sort),
    );
    let axes = use_axes();
    let staff = use_staff();
    let fetched = use_fetch(form.filters.clone(), |filters| async move {
        api::portfolio::roadmap(&filters).await
    });
    let on_page = form.on_page();
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            // Only fails where printing is unavailable; nothing to tell then.
            let _ = window.print();
        }
    });
    let total_pages = fetched
        .data
        .as_ref()
        .map_or(1, |roadmap| page_count(roadmap.total, roadmap.per_page));
    let today = crate::dom::today();

    html! {
        <div class="roadmap-page">
            <div class="page-heading">
                <PageTitle text={texts.roadmap_title} />
                <div class="page-heading__actions no-print">
                    <button type="button" class="button button--secondary" data-testid="print-roadmap"
                            onclick={on_print}>
                        { texts.print }
                    </button>
                </div>
            </div>
            <p class="lead">{ texts.roadmap_intro }</p>
            <div class="no-print">
                { project_filters(texts, texts.filter_roadmap, &form, &axes, &staff) }
            </div>
            <section class="panel roadmap" aria-labelledby="roadmap-chart-heading">
                <h2 id="roadmap-chart-heading">
                    { texts.roadmap_chart_heading }
                    if let Some(roadmap) = &fetched.data {
                        { " — " }{ (texts.projects_count)(roadmap.total) }
                    }
                </h2>
                <Status message={fetched.loading_message(texts)} />
                <Alert id="roadmap-error" message={fetched.error_message(texts)} />
                if let Some(roadmap) = &fetched.data {
                    { view(roadmap, today, lang) }
                }
                <div class="no-print">
                    <Pagination page={form.filters.page()} {total_pages}
                                label={texts.roadmap_pagination} {on_page} />
                </div>
            </section>
        </div>
    }
}

/// The drawing, its legend and its table; a sentence when no project
/// matches.
fn view(roadmap: &Roadmap, today: chrono::NaiveDate, lang: Lang) -> Html {
    let texts = lang.texts();
    let (Some(from), Some(to)) = (roadmap.from, roadmap.to) else {
        return html! { <p class="notice" data-testid="no-roadmap">{ texts.no_projects }</p> };
    };
    html! {
        <>
            { legend(lang) }
            <div class="roadmap__chart">
                <RoadmapChart projects={roadmap.items.clone()} {from} {to} {today} {lang} />
            </div>
            <details class="chart__data roadmap__data" data-testid="roadmap-data">
                <summary>{ texts.show_data }</summary>
                <div class="chart__table">{ table(&roadmap.items, lang) }</div>
            </details>
        </>
    }
}

fn legend(lang: Lang) -> Html {
    let texts = lang.texts();
    let phases = Phase::ALL.into_iter().map(|phase| {
        html! {
            <li>
                <svg width="22" height="14" aria-hidden="true" focusable="false">
                    <rect class={classes!("roadmap__bar", format!("roadmap__bar--{}", phase.as_str()))}
                          x="1" y="1" width="20" height="12" />
                </svg>
                { " " }<PhaseBadge {phase} />
            </li>
        }
    });
    let today_sample =
        html! { <line class="roadmap__today-sample" x1="8" x2="8" y1="0" y2="14" /> };
    let planned_sample = html! {
        <g class="roadmap__planned">
            <line x1="0" x2="20" y1="7" y2="7" />
            <line x1="20" x2="20" y1="1" y2="13" />
        </g>
    };
    html! {
        <div class="roadmap__legend">
            <h3 class="visually-hidden">{ texts.roadmap_legend }</h3>
            <ul class="chart-legend" aria-label={texts.roadmap_legend}>
                { for phases }
                { legend_item("16", decision_sample(), texts.legend_decision) }
                { legend_item("16", milestone_sample(true), texts.legend_milestone_done) }
                { legend_item("16", milestone_sample(false), texts.legend_milestone_due) }
                { legend_item("22", planned_sample, texts.legend_planned_end) }
                { legend_item("16", today_sample, texts.legend_today) }
            </ul>
        </div>
    }
}

/// The text alternative: every project's phases, decisions and milestones.
fn table(projects: &[RoadmapProject], lang: Lang) -> Html {
    let texts = lang.texts();
    let date = |day| format::date(day, lang);
    let rows = projects.iter().map(|project| {
        let phases = project.phases.iter().map(|span| {
            let name = (texts.phase_name)(span.phase);
            html! { <li>{ (texts.roadmap_span)(name, &date(span.from), span.to.map(date).as_deref()) }</li> }
        });
        let decisions = project.decisions.iter().map(|decision| {
            let text = (texts.roadmap_decision)(
                (texts.decision_kind_name)(decision.kind),
                &date(decision.date),
                decision.reason.map(texts.abandon_reason_name),
            );
            html! { <li>{ text }</li> }
        });
        let milestones = project.milestones.iter().map(|milestone| {
            let text = (texts.roadmap_milestone)(
                &milestone.title,
                milestone.due_date.map(date).as_deref(),
                milestone.done_date.map(date).as_deref(),
            );
            html! { <li>{ text }</li> }
        });
        let planned = project
            .planned_end_date
            .map(|end| html! { <li>{ (texts.roadmap_planned_end)(&date(end)) }</li> });
        html! {
            <tr key={project.id.to_string()}>
                <th scope="row">
                    <NavLink to={Route::Project { id: project.id }}>{ project.reference.clone() }</NavLink>
                    { " " }{ project.title.clone() }
                </th>
                <td><PhaseBadge phase={project.phase} /></td>
                <td><ul class="plain-list">{ for phases }{ for planned }</ul></td>
                <td><ul class="plain-list">{ for decisions }</ul></td>
                <td><ul class="plain-list">{ for milestones }</ul></td>
            </tr>
        }
    });
    html! {
        <table class="table table--compact" data-testid="roadmap-table">
            <caption>{ texts.roadmap_table_caption }</caption>
            <thead>
                <tr>
                    <th scope="col">{ texts.column_title }</th>
                    <th scope="col">{ texts.column_phase }</th>
                    <th scope="col">{ texts.column_phases }</th>
                    <th scope="col">{ texts.column_decisions }</th>
                    <th scope="col">{ texts.column_milestones }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
