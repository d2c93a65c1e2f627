//! The submitted evaluations of one kind taken together: the radar of the
//! per-criterion means within the band of scores given, the table of
//! means and spreads (a wide spread means the evaluators disagree), the
//! mean weighted score, the recommendations and who evaluated.

use super::radar::RadarChart;
use super::{format_mean, format_score, KINDS};
use crate::api;
use crate::components::form_field::Alert;
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::panel::Panel;
use crate::components::table::Table;
use crate::format;
use crate::hooks::use_fetch;
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang, Texts};
use crate::routes::Route;
use serde::{Deserialize, Serialize};
use shared::evaluation::{Consolidation, EvaluationKind};
use shared::ids::ProjectId;
use shared::ErrorCode;
use yew::prelude::*;
use yew_router::prelude::*;

/// Scores this far apart on one criterion call for a discussion.
pub const HIGH_SPREAD: u8 = 2;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct KindQuery {
    kind: Option<EvaluationKind>,
}

#[derive(Properties, PartialEq)]
pub struct ConsolidatedPageProps {
    pub project_id: ProjectId,
}

#[function_component]
pub fn ConsolidatedPage(props: &ConsolidatedPageProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let navigator = use_navigator();
    let project_id = props.project_id;
    let kind = use_location()
        .and_then(|location| location.query::<KindQuery>().ok())
        .and_then(|query| query.kind)
        .unwrap_or(EvaluationKind::ExAnte);
    let project = use_fetch(project_id, |id| async move { api::projects::get(id).await });
    let fetched = use_fetch((project_id, kind), |(id, kind)| async move {
        api::evaluations::consolidated(id, kind).await
    });

    let title = (texts.consolidated_title)((texts.evaluation_kind_name)(kind));
    let switch = |choice: EvaluationKind| {
        let navigator = navigator.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(navigator) = &navigator {
                let query = KindQuery { kind: Some(choice) };
                // Only fails for unserialisable queries, which this is not.
                let _ = navigator.push_with_query(&Route::Consolidated { id: project_id }, &query);
            }
        })
    };
    let forbidden = fetched
        .error
        .as_ref()
        .is_some_and(|error| error.has_code(ErrorCode::Forbidden));
    let error_message = fetched
        .error
        .as_ref()
        .filter(|_| !forbidden)
        .map(|error| AttrValue::from(texts.describe(error)));

    html! {
        <article class="consolidation" data-testid="consolidated-page">
            <p class="eyebrow">
                <NavLink to={Route::Project { id: project_id }}>
                    { project.data.as_ref().map(|p| format!("{} — {}", p.reference, p.title)).unwrap_or_else(|| texts.back_to_project.to_owned()) }
                </NavLink>
            </p>
            <PageTitle text={title} />
            <div class="view-switch" role="group" aria-label={texts.evaluation_kind}>
                { for KINDS.into_iter().map(|choice| html! {
                    <button type="button" class="button button--secondary"
                            aria-pressed={if choice == kind { "true" } else { "false" }}
                            onclick={switch(choice)}>
                        { (texts.evaluation_kind_name)(choice) }
                    </button>
                }) }
            </div>
            <Alert id="consolidation-error" message={error_message} />
            if forbidden {
                <p class="notice" data-testid="consolidation-forbidden">{ texts.consolidated_forbidden }</p>
            } else if let Some(consolidation) = fetched.data.as_deref() {
                if consolidation.evaluations == 0 {
                    <p class="notice" data-testid="no-consolidation">{ texts.no_submitted_evaluations }</p>
                } else {
                    { body(texts, lang, project_id, consolidation) }
                }
            } else if fetched.loading {
                <p class="loading" role="status">{ texts.loading }</p>
            }
            <p>
                <NavLink to={Route::Comparison { id: project_id }}>{ texts.comparison_link }</NavLink>
                { " · " }
                <NavLink to={Route::Project { id: project_id }}>{ texts.back_to_project }</NavLink>
            </p>
        </article>
    }
}

fn body(texts: &'static Texts, lang: Lang, project_id: ProjectId, c: &Consolidation) -> Html {
    let counts = c.recommendations;
    html! {
        <>
            <section class="headline" aria-labelledby="consolidation-figures">
                <h2 id="consolidation-figures" class="visually-hidden">{ texts.headline_heading }</h2>
                <dl class="kpis">
                    <div class="kpi">
                        <dt class="kpi__label">{ texts.mean_weighted_score }</dt>
                        <dd class="kpi__value" data-testid="mean-weighted-score">
                            { c.mean_weighted_score.map(|s| format_score(s, lang)).unwrap_or_else(|| "—".to_owned()) }
                        </dd>
                        <dd class="kpi__hint">{ texts.mean_weighted_score_hint }</dd>
                    </div>
                    <div class="kpi">
                        <dt class="kpi__label">{ texts.submitted_evaluations }</dt>
                        <dd class="kpi__value" data-testid="evaluations-count">{ format::integer(c.evaluations, lang) }</dd>
                        <dd class="kpi__hint">{ texts.submitted_evaluations_hint }</dd>
                    </div>
                    <div class="kpi">
                        <dt class="kpi__label">{ texts.recommendations }</dt>
                        <dd class="kpi__value kpi__value--list" data-testid="recommendation-counts">
                            <ul class="plain-list">
                                <li>{ (texts.recommendation_name)(shared::evaluation::Recommendation::Go) }{ texts.colon }<strong>{ counts.go }</strong></li>
                                <li>{ (texts.recommendation_name)(shared::evaluation::Recommendation::GoWithConditions) }{ texts.colon }<strong>{ counts.go_with_conditions }</strong></li>
                                <li>{ (texts.recommendation_name)(shared::evaluation::Recommendation::NoGo) }{ texts.colon }<strong>{ counts.no_go }</strong></li>
                            </ul>
                        </dd>
                    </div>
                </dl>
            </section>
            if c.criteria.len() >= 3 {
                <RadarChart criteria={c.criteria.clone()} />
            } else {
                <p class="notice">{ texts.radar_needs_three }</p>
            }
            <Panel heading_id="criteria-consolidation-heading" heading={texts.per_criterion_heading}>
                <p class="field-hint">{ texts.spread_hint }</p>
                <Table
                    caption={texts.per_criterion_heading}
                    testid="criteria-consolidation"
                    head={html! {
                        <>
                            <th scope="col">{ texts.criterion }</th>
                            <th scope="col" class="number">{ texts.weight }</th>
                            <th scope="col" class="number">{ texts.scores_given }</th>
                            <th scope="col" class="number">{ texts.mean }</th>
                            <th scope="col" class="number">{ texts.min_score }</th>
                            <th scope="col" class="number">{ texts.max_score }</th>
                            <th scope="col" class="number">{ texts.spread }</th>
                        </>
                    }}
                >
                    { for c.criteria.iter().map(|criterion| {
                        let high = criterion.spread >= HIGH_SPREAD;
                        html! {
                            <tr class={classes!(high.then_some("row--warning"))}
                                data-testid={format!("consolidated-{}", criterion.key)}>
                                <th scope="row">{ criterion.label.clone() }</th>
                                <td class="number">{ format::decimal_text(&criterion.weight.to_string(), lang) }</td>
                                <td class="number">{ criterion.count }</td>
                                <td class="number">{ format_mean(criterion.mean, lang) }</td>
                                <td class="number">{ criterion.min }</td>
                                <td class="number">{ criterion.max }</td>
                                <td class="number">
                                    { criterion.spread }
                                    if high {
                                        { " " }
                                        <span class="tag tag--overdue" data-testid="high-spread">
                                            <span aria-hidden="true">{ "⚠ " }</span>{ texts.high_spread }
                                        </span>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </Table>
            </Panel>
            <Panel heading_id="evaluators-heading" heading={texts.evaluators_heading}>
                <Table caption={texts.evaluators_heading} testid="evaluators" head={html! {
                    <>
                        <th scope="col">{ texts.evaluator }</th>
                        <th scope="col" class="number">{ texts.grid_version_label }</th>
                        <th scope="col" class="number">{ texts.weighted_score }</th>
                        <th scope="col">{ texts.recommendation }</th>
                        <th scope="col">{ texts.submitted_on }</th>
                    </>
                }}>
                    { for c.evaluators.iter().map(|evaluator| html! {
                        <tr data-testid="evaluator-row">
                            <th scope="row">
                                <NavLink to={Route::Evaluation { id: project_id, eid: evaluator.evaluation_id }}>
                                    { evaluator.evaluator_name.clone() }
                                </NavLink>
                            </th>
                            <td class="number">{ (texts.version_number)(evaluator.grid_version) }</td>
                            <td class="number">{ evaluator.weighted_score.map(|s| format_score(s, lang)).unwrap_or_else(|| "—".to_owned()) }</td>
                            <td>{ evaluator.recommendation.map(texts.recommendation_name).unwrap_or("—") }</td>
                            <td>{ evaluator.submitted_at.map(|at| format::date(at.date_naive(), lang)).unwrap_or_else(|| "—".to_owned()) }</td>
                        </tr>
                    }) }
                </Table>
            </Panel>
        </>
    }
}
