//! `/public/projects/{reference}`: a public project's sheet, what the
//! open-data API publishes of it: its identity, its timeline, its funders
//! and its public indicators, each charted against its target. A reference
//! that no public project has is a "not found" page.

use crate::api::open_data;
use crate::components::form_field::{Alert, Status};
use crate::components::layout::fact;
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::phase_badge::PhaseBadge;
use crate::components::table::Table;
use crate::format;
use crate::hooks::use_fetch;
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang};
use crate::pages::indicators::{progress_text, status_tag, value_text, IndicatorChart};
use crate::routes::Route;
use shared::exchange::{OpenDataProject, PublicFunder, PublicIndicator, PublicStep};
use shared::indicators::IndicatorFields;
use shared::ErrorCode;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PublicProjectPageProps {
    pub reference: String,
}

#[function_component]
pub fn PublicProjectPage(props: &PublicProjectPageProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let fetched = use_fetch(props.reference.clone(), |reference| async move {
        open_data::sheet(&reference).await
    });
    let back = html! {
        <p>
            <NavLink to={Route::PublicProjects} testid="portal-back">
                <span aria-hidden="true">{ "← " }</span>{ texts.portal_back_to_list }
            </NavLink>
        </p>
    };
    let missing = fetched
        .error
        .as_ref()
        .is_some_and(|error| error.has_code(ErrorCode::NotFound));
    if missing {
        return html! {
            <div data-testid="portal-not-found">
                <PageTitle text={texts.portal_not_found_title} />
                <p>{ texts.portal_not_found_text }</p>
                { back }
            </div>
        };
    }
    let Some(sheet) = fetched.data.as_ref() else {
        return html! {
            <>
                { back }
                <Status message={fetched.loading_message(texts)} />
                <Alert id="portal-sheet-error" message={fetched.error_message(texts)} />
            </>
        };
    };
    let project = &sheet.project;
    html! {
        <article data-testid="portal-sheet">
            { back }
            <PageTitle text={project.title.clone()} />
            <p class="facts--inline">
                <span data-testid="portal-reference">{ project.reference.clone() }</span>
                { " " }<PhaseBadge phase={project.phase} />
            </p>
            if let Some(summary) = &project.summary {
                <p class="lead pre-line">{ summary.clone() }</p>
            }
            <Alert id="portal-sheet-error" message={fetched.error_message(texts)} />
            { identity(project, lang) }
            { timeline(&sheet.timeline, lang) }
            { funders(&sheet.funders, lang) }
            { indicators(&sheet.indicators, lang) }
        </article>
    }
}

fn section(id: &'static str, heading: &'static str, body: Html) -> Html {
    let heading_id = format!("{id}-heading");
    html! {
        <section class="panel" aria-labelledby={heading_id.clone()} data-testid={id}>
            <h2 id={heading_id}>{ heading }</h2>
            { body }
        </section>
    }
}

fn identity(project: &OpenDataProject, lang: Lang) -> Html {
    let texts = lang.texts();
    let dash = || "—".to_owned();
    let text = |value: &Option<String>| html! { { value.clone().unwrap_or_else(dash) } };
    let day = |value| html! { { format::optional_date(value, lang) } };
    let secured = project
        .secured_city_cents
        .saturating_add(project.secured_public_cents)
        .saturating_add(project.secured_private_cents);
    let kinds = project
        .innovation_types
        .iter()
        .map(|kind| (texts.innovation_type_name)(*kind))
        .collect::<Vec<_>>()
        .join(", ");
    section(
        "portal-identity",
        texts.portal_identity_heading,
        html! {
            <dl class="facts">
                { fact(texts.column_reference, html! { { project.reference.clone() } }) }
                { fact(texts.column_phase, html! { <PhaseBadge phase={project.phase} /> }) }
                { fact(texts.column_axis, html! { { project.axis.clone() } }) }
                { fact(texts.innovation_types_label, html! { { if kinds.is_empty() { dash() } else { kinds } } }) }
                { fact(texts.area_label, text(&project.area)) }
                { fact(texts.commune_insee_label, text(&project.commune_insee)) }
                { fact(texts.commission_date_label, day(Some(project.commission_date))) }
                { fact(texts.decision_date_label, day(project.decision_date)) }
                { fact(texts.start_date_label, day(project.start_date)) }
                { fact(texts.planned_end_date_label, day(project.planned_end_date)) }
                { fact(texts.actual_end_date_label, day(project.actual_end_date)) }
                { fact(texts.column_total_cost, html! { { format::euros(project.total_cost_cents, lang) } }) }
                { fact(texts.secured_funding, html! { <span data-testid="portal-secured">{ format::euros(secured, lang) }</span> }) }
                { fact(texts.column_leverage, html! { { format::leverage(project.leverage, lang) } }) }
            </dl>
        },
    )
}

fn timeline(steps: &[PublicStep], lang: Lang) -> Html {
    let texts = lang.texts();
    section(
        "portal-timeline",
        texts.portal_timeline_heading,
        html! {
            <ol class="timeline">
                { for steps.iter().map(|step| html! {
                    <li class="timeline__item" data-testid={format!("portal-step-{}", step.phase.as_str())}>
                        <p class="timeline__when">
                            <time datetime={format::date_input(Some(step.date))}>{ format::date(step.date, lang) }</time>
                        </p>
                        <p class="timeline__what"><PhaseBadge phase={step.phase} /></p>
                    </li>
                }) }
            </ol>
        },
    )
}

fn funders(funders: &[PublicFunder], lang: Lang) -> Html {
    let texts = lang.texts();
    let body = if funders.is_empty() {
        html! { <p class="notice">{ texts.portal_no_funders }</p> }
    } else {
        html! {
            <Table caption={texts.portal_funders_caption} testid="portal-funders-table" head={html! {
                <>
                    <th scope="col">{ texts.column_funder }</th>
                    <th scope="col">{ texts.column_category }</th>
                    <th scope="col" class="number">{ texts.portal_secured_amount }</th>
                </>
            }}>
                { for funders.iter().map(|funder| html! {
                    <tr>
                        <th scope="row">{ funder.name.clone() }</th>
                        <td>{ (texts.category_name)(funder.category) }</td>
                        <td class="number">{ format::euros(funder.secured_cents, lang) }</td>
                    </tr>
                }) }
            </Table>
        }
    };
    section("portal-funders", texts.portal_funders_heading, body)
}

fn indicators(indicators: &[PublicIndicator], lang: Lang) -> Html {
    let texts = lang.texts();
    let body = if indicators.is_empty() {
        html! { <p class="notice">{ texts.portal_no_indicators }</p> }
    } else {
        html! {
            { for indicators.iter().enumerate().map(|(index, indicator)| public_indicator(index, indicator, lang)) }
        }
    };
    section("portal-indicators", texts.portal_indicators_heading, body)
}

/// One indicator: its chart against the target, then its reading.
fn public_indicator(index: usize, indicator: &PublicIndicator, lang: Lang) -> Html {
    let texts = lang.texts();
    let unit = indicator.unit.as_str();
    let reading = &indicator.reading;
    // The chart draws a definition: the published part of one.
    let fields = IndicatorFields {
        name: indicator.name.clone(),
        unit: indicator.unit.clone(),
        level: indicator.level,
        direction: indicator.direction,
        description: None,
        baseline_value: indicator.baseline_value,
        baseline_date: indicator.baseline_date,
        target_value: indicator.target_value,
        target_date: indicator.target_date,
        public: true,
    };
    let measurements = indicator
        .measurements
        .iter()
        .map(|m| (m.measured_on, m.value))
        .collect::<Vec<_>>();
    let facts = html! {
        <dl class="facts" data-testid={format!("portal-indicator-facts-{index}")}>
            { fact(texts.indicator_level, html! { { (texts.indicator_level_name)(indicator.level) } }) }
            { fact(texts.indicator_direction, html! { { (texts.direction_name)(indicator.direction) } }) }
            { fact(texts.baseline, html! { <>{ value_text(&indicator.baseline_value, unit, lang) }{ " — " }{ format::date(indicator.baseline_date, lang) }</> }) }
            { fact(texts.target, html! { <>{ value_text(&indicator.target_value, unit, lang) }{ " — " }{ format::date(indicator.target_date, lang) }</> }) }
            { fact(texts.latest_value, html! {
                <>
                    { reading.latest_value.map(|v| value_text(&v, unit, lang)).unwrap_or_else(|| "—".to_owned()) }
                    if let Some(day) = reading.latest_date {
                        { " — " }{ format::date(day, lang) }
                    }
                </>
            }) }
            { fact(texts.progress, html! { { progress_text(reading.progress, lang) } }) }
            { fact(texts.column_status, status_tag(texts, reading.status)) }
        </dl>
    };
    html! {
        <IndicatorChart
            id={format!("portal-indicator-{index}")}
            {fields}
            {measurements}
            heading_level={3}
            note={facts}
        />
    }
}
