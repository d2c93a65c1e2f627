//! What the project promised before the decision beside what it achieved:
//! the ex-ante and ex-post mean weighted scores, each criterion's change,
//! and how far the indicators went towards their targets.

use super::{format_delta, format_mean, format_score};
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
use crate::pages::indicators::{progress_text, status_tag};
use crate::routes::Route;
use shared::evaluation::{Comparison, EvaluationKind};
use shared::ids::ProjectId;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ComparisonPageProps {
    pub project_id: ProjectId,
}

#[function_component]
pub fn ComparisonPage(props: &ComparisonPageProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let project_id = props.project_id;
    let project = use_fetch(project_id, |id| async move { api::projects::get(id).await });
    let fetched = use_fetch(project_id, |id| async move {
        api::evaluations::comparison(id).await
    });
    let error_message = fetched.error_message(texts);

    html! {
        <article class="comparison" data-testid="comparison-page">
            <p class="eyebrow">
                <NavLink to={Route::Project { id: project_id }}>
                    { project.data.as_ref().map(|p| format!("{} — {}", p.reference, p.title)).unwrap_or_else(|| texts.back_to_project.to_owned()) }
                </NavLink>
            </p>
            <PageTitle text={texts.comparison_title} />
            <Alert id="comparison-error" message={error_message} />
            if let Some(comparison) = fetched.data.as_deref() {
                { body(texts, lang, project_id, comparison) }
            } else if fetched.loading {
                <p class="loading" role="status">{ texts.loading }</p>
            }
        </article>
    }
}

fn score_or_dash(score: Option<f64>, lang: Lang) -> String {
    score
        .map(|s| format_score(s, lang))
        .unwrap_or_else(|| "—".to_owned())
}

fn body(texts: &'static Texts, lang: Lang, project_id: ProjectId, c: &Comparison) -> Html {
    let consolidated = |kind: EvaluationKind| {
        html! {
            <NavLink to={Route::Consolidated { id: project_id }} query={vec![("kind", kind.as_str().to_owned())]}>
                { (texts.consolidated_title)((texts.evaluation_kind_name)(kind)) }
            </NavLink>
        }
    };
    html! {
        <>
            if !c.closed {
                <p class="notice">{ texts.comparison_not_closed }</p>
            }
            <section class="headline" aria-labelledby="comparison-scores">
                <h2 id="comparison-scores" class="visually-hidden">{ texts.headline_heading }</h2>
                <dl class="kpis">
                    <div class="kpi">
                        <dt class="kpi__label">{ texts.ex_ante_score }</dt>
                        <dd class="kpi__value" data-testid="ex-ante-score">{ score_or_dash(c.ex_ante.mean_weighted_score, lang) }</dd>
                        <dd class="kpi__hint">{ (texts.evaluations_n)(c.ex_ante.evaluations) }{ " — " }{ consolidated(EvaluationKind::ExAnte) }</dd>
                    </div>
                    <div class="kpi">
                        <dt class="kpi__label">{ texts.ex_post_score }</dt>
                        <dd class="kpi__value" data-testid="ex-post-score">{ score_or_dash(c.ex_post.mean_weighted_score, lang) }</dd>
                        <dd class="kpi__hint">{ (texts.evaluations_n)(c.ex_post.evaluations) }{ " — " }{ consolidated(EvaluationKind::ExPost) }</dd>
                    </div>
                    <div class="kpi">
                        <dt class="kpi__label">{ texts.score_change }</dt>
                        <dd class="kpi__value" data-testid="score-delta">
                            { c.score_delta.map(|d| format_delta(d, lang)).unwrap_or_else(|| "—".to_owned()) }
                        </dd>
                        <dd class="kpi__hint">{ texts.score_change_hint }</dd>
                    </div>
                </dl>
            </section>
            <Panel heading_id="comparison-criteria-heading" heading={texts.per_criterion_heading}>
                if c.criteria.is_empty() {
                    <p class="notice">{ texts.no_submitted_evaluations }</p>
                } else {
                    <Table
                        caption={texts.per_criterion_heading}
                        testid="comparison-criteria"
                        head={html! {
                            <>
                                <th scope="col">{ texts.criterion }</th>
                                <th scope="col" class="number">{ texts.ex_ante_mean }</th>
                                <th scope="col" class="number">{ texts.ex_post_mean }</th>
                                <th scope="col" class="number">{ texts.delta }</th>
                            </>
                        }}
                    >
                        { for c.criteria.iter().map(|row| html! {
                            <tr>
                                <th scope="row">{ row.label.clone() }</th>
                                <td class="number">{ row.ex_ante_mean.map(|m| format_mean(m, lang)).unwrap_or_else(|| "—".to_owned()) }</td>
                                <td class="number">{ row.ex_post_mean.map(|m| format_mean(m, lang)).unwrap_or_else(|| "—".to_owned()) }</td>
                                <td class="number">{ row.delta.map(|d| format_delta(d, lang)).unwrap_or_else(|| "—".to_owned()) }</td>
                            </tr>
                        }) }
                    </Table>
                }
            </Panel>
            <Panel heading_id="comparison-indicators-heading" heading={texts.indicators_heading}>
                <p>
                    { (texts.indicators_achieved_of)(c.indicators_achieved, c.indicators.len() as u64) }
                    if let Some(mean) = c.mean_indicator_progress {
                        { " — " }{ texts.mean_progress }{ texts.colon }{ format!("{}\u{a0}%", format::one_decimal(mean, lang)) }
                    }
                </p>
                if c.indicators.is_empty() {
                    <p class="notice">{ texts.no_indicators }</p>
                } else {
                    <Table
                        caption={texts.indicators_heading}
                        testid="comparison-indicators"
                        head={html! {
                            <>
                                <th scope="col">{ texts.indicator }</th>
                                <th scope="col">{ texts.indicator_level }</th>
                                <th scope="col" class="number">{ texts.target_value }</th>
                                <th scope="col" class="number">{ texts.latest_value }</th>
                                <th scope="col" class="number">{ texts.progress }</th>
                                <th scope="col">{ texts.column_status }</th>
                                <th scope="col">{ texts.achieved }</th>
                            </>
                        }}
                    >
                        { for c.indicators.iter().map(|indicator| html! {
                            <tr>
                                <th scope="row">
                                    <NavLink to={Route::Indicator { id: project_id, iid: indicator.indicator_id }}>
                                        { indicator.name.clone() }
                                    </NavLink>
                                </th>
                                <td>{ (texts.indicator_level_name)(indicator.level) }</td>
                                <td class="number">{ format::with_unit(&format::decimal_text(&indicator.target_value.to_string(), lang), &indicator.unit) }</td>
                                <td class="number">
                                    { indicator.reading.latest_value.map(|v| format::with_unit(&format::decimal_text(&v.to_string(), lang), &indicator.unit)).unwrap_or_else(|| "—".to_owned()) }
                                </td>
                                <td class="number">{ progress_text(indicator.reading.progress, lang) }</td>
                                <td>{ status_tag(texts, indicator.reading.status) }</td>
                                <td>{ if indicator.reading.achieved { texts.active_yes } else { texts.active_no } }</td>
                            </tr>
                        }) }
                    </Table>
                }
            </Panel>
        </>
    }
}
