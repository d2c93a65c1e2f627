//! "Évaluations": the evaluations of the project the user may see (blind
//! review: others' only once one's own of the same kind is submitted),
//! starting one against an active grid, the consolidated view and the
//! comparison, and, while the project is in instruction, how far the
//! ex-ante evaluation is from what the decision needs.

use crate::api::{self, ApiError};
use crate::components::form_field::{Alert, SelectField, SubmitButton};
use crate::components::nav::NavLink;
use crate::components::panel::Panel;
use crate::components::table::Table;
use crate::hooks::{text_setter, use_submit};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Texts};
use crate::pages::evaluations::{format_score, kind_options};
use crate::routes::Route;
use crate::session::use_session;
use shared::evaluation::{
    Evaluation, EvaluationGate, EvaluationGrid, EvaluationKind, EvaluationStatus, NewEvaluation,
};
use shared::ids::EvaluationGridId;
use shared::lifecycle::Phase;
use shared::projects::Project;
use shared::UserId;
use std::collections::BTreeMap;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

/// The grid to start with: the one chosen if it is of `kind`, else the
/// first active grid of `kind`.
fn chosen_grid(
    grids: &[EvaluationGrid],
    kind: EvaluationKind,
    chosen: &str,
) -> Option<EvaluationGridId> {
    let of_kind = || grids.iter().filter(|grid| grid.kind == kind);
    of_kind()
        .find(|grid| grid.id.to_string() == chosen)
        .or_else(|| of_kind().next())
        .map(|grid| grid.id)
}

/// The user's own evaluations first, then the others by evaluator.
fn ordered(mut list: Vec<Evaluation>, me: Option<UserId>) -> Vec<Evaluation> {
    list.sort_by(|a, b| {
        (
            Some(a.evaluator_id) != me,
            a.kind.as_str(),
            &a.evaluator_name,
            a.id,
        )
            .cmp(&(
                Some(b.evaluator_id) != me,
                b.kind.as_str(),
                &b.evaluator_name,
                b.id,
            ))
    });
    list
}

#[derive(Properties, PartialEq)]
pub struct EvaluationsProps {
    pub project: Project,
    /// Bumped by the page when the project moved.
    pub generation: u32,
}

#[function_component]
pub fn Evaluations(props: &EvaluationsProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let session = use_session();
    let navigator = use_navigator();
    let id = props.project.id;
    let evaluations = use_state(|| None::<Vec<Evaluation>>);
    let grids = use_state(Vec::<EvaluationGrid>::new);
    let gate = use_state(|| None::<EvaluationGate>);
    let error = use_state(|| None::<ApiError>);
    let kind = use_state(|| EvaluationKind::ExAnte);
    let grid_choice = use_state(String::new);
    let submit = use_submit(&[("kind", "start-kind"), ("grid_id", "start-grid")]);

    let user = session.user();
    let me = user.map(|user| user.id);
    let can_evaluate = user.is_some_and(|user| user.role.can_edit_portfolio());
    let is_manager = user.is_some_and(|user| user.role.is_manager_or_admin());

    {
        let (evaluations, error) = (evaluations.clone(), error.clone());
        use_effect_with((id, props.generation), move |(id, _)| {
            let id = *id;
            spawn_local(async move {
                match api::evaluations::list(id, None).await {
                    Ok(list) => {
                        evaluations.set(Some(ordered(list, me)));
                        error.set(None);
                    }
                    Err(failure) => error.set(Some(failure)),
                }
            });
        });
    }
    {
        let (grids, gate) = (grids.clone(), gate.clone());
        use_effect_with(can_evaluate, move |can_evaluate| {
            let can_evaluate = *can_evaluate;
            spawn_local(async move {
                // Without them, no evaluation can be started or the gate is
                // not spelled out; the list still shows.
                if let Ok(found) = api::evaluations::gate().await {
                    gate.set(Some(found));
                }
                if can_evaluate {
                    if let Ok(list) = api::evaluations::grids(None, Some(true)).await {
                        grids.set(list);
                    }
                }
            });
        });
    }

    let own_of = |kind: EvaluationKind| -> Option<Evaluation> {
        evaluations.as_ref().and_then(|list| {
            list.iter()
                .find(|e| Some(e.evaluator_id) == me && e.kind == kind)
                .cloned()
        })
    };
    let own_current = own_of(*kind);
    let chosen = chosen_grid(&grids, *kind, &grid_choice);

    let onsubmit = {
        let (navigator, kind) = (navigator.clone(), *kind);
        submit.on_submit(move |submit| {
            let Some(grid_id) = chosen else {
                return submit.set_summary(Some(texts.no_active_grid.into()));
            };
            let request = NewEvaluation {
                kind,
                grid_id,
                scores: BTreeMap::new(),
                recommendation: None,
                comment: None,
            };
            let navigator = navigator.clone();
            submit.run_or_else(
                async move { api::evaluations::create(id, &request).await },
                move |created| {
                    if let Some(navigator) = &navigator {
                        navigator.push(&Route::Evaluation {
                            id,
                            eid: created.id,
                        });
                    }
                },
                |submit, failure| submit.set_summary(Some(submit.summary_of(&failure))),
            );
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |value: String| {
            if let Ok(chosen) = value.parse() {
                kind.set(chosen);
            }
        })
    };
    let on_grid = text_setter(&grid_choice);

    let error_message = error
        .as_ref()
        .map(|failure| AttrValue::from(texts.describe(failure)));
    let grid_options: Vec<(AttrValue, AttrValue)> = grids
        .iter()
        .filter(|grid| grid.kind == *kind)
        .map(|grid| {
            (
                grid.id.to_string().into(),
                format!("{} ({})", grid.name, (texts.version_number)(grid.version)).into(),
            )
        })
        .collect();
    let submitted_ex_ante = evaluations.as_ref().map_or(0, |list| {
        list.iter()
            .filter(|e| e.kind == EvaluationKind::ExAnte && e.status == EvaluationStatus::Submitted)
            .count() as u64
    });
    let own_ex_ante_submitted =
        own_of(EvaluationKind::ExAnte).is_some_and(|own| own.status == EvaluationStatus::Submitted);
    let counts_known = is_manager || own_ex_ante_submitted;

    html! {
        <Panel id="evaluations" heading_id="evaluations-heading" heading={texts.evaluations_title}>
            if props.project.phase == Phase::Instruction {
                if let Some(gate) = *gate {
                    { gate_notice(texts, gate, submitted_ex_ante, counts_known) }
                }
            }
            <Alert id="evaluations-error" message={error_message} />
            if !is_manager {
                <p class="field-hint">{ texts.blind_review_hint }</p>
            }
            {
                match &*evaluations {
                    None => html! { <p class="loading">{ texts.loading }</p> },
                    Some(list) if list.is_empty() => html! {
                        <p class="notice" data-testid="no-evaluations">{ texts.no_evaluations }</p>
                    },
                    Some(list) => html! {
                        <Table caption={texts.evaluations_title} testid="evaluations" head={html! {
                            <>
                                <th scope="col">{ texts.evaluator }</th>
                                <th scope="col">{ texts.evaluation_kind }</th>
                                <th scope="col">{ texts.column_status }</th>
                                <th scope="col" class="number">{ texts.weighted_score }</th>
                                <th scope="col">{ texts.recommendation }</th>
                                <th scope="col">{ texts.column_actions }</th>
                            </>
                        }}>
                            { for list.iter().map(|evaluation| {
                                let own = Some(evaluation.evaluator_id) == me;
                                let action = if own && evaluation.status == EvaluationStatus::Draft {
                                    texts.continue_evaluation
                                } else {
                                    texts.see
                                };
                                html! {
                                    <tr key={evaluation.id.to_string()} data-testid="evaluation-row"
                                        data-evaluator={evaluation.evaluator_name.clone()}>
                                        <th scope="row">
                                            { evaluation.evaluator_name.clone() }
                                            if own {
                                                { " " }<span class="muted">{ texts.you }</span>
                                            }
                                        </th>
                                        <td>{ (texts.evaluation_kind_name)(evaluation.kind) }</td>
                                        <td>{ (texts.evaluation_status_name)(evaluation.status) }</td>
                                        <td class="number" data-testid="evaluation-score">
                                            { evaluation.weighted_score.map(|s| format_score(s, lang)).unwrap_or_else(|| "—".to_owned()) }
                                        </td>
                                        <td>{ evaluation.recommendation.map(texts.recommendation_name).unwrap_or("—") }</td>
                                        <td>
                                            <NavLink to={Route::Evaluation { id, eid: evaluation.id }}
                                                     testid={if own { "open-own-evaluation" } else { "open-evaluation" }}>
                                                { action }
                                                <span class="visually-hidden">
                                                    { " " }{ (texts.evaluation_by)(&evaluation.evaluator_name) }
                                                </span>
                                            </NavLink>
                                        </td>
                                    </tr>
                                }
                            }) }
                        </Table>
                    },
                }
            }
            <p class="evaluation__links">
                <NavLink to={Route::Consolidated { id }} query={vec![("kind", "ex_ante".to_owned())]}
                         testid="consolidated-link">
                    { texts.consolidated_view }
                </NavLink>
                { " · " }
                <NavLink to={Route::Comparison { id }} testid="comparison-link">{ texts.comparison_link }</NavLink>
            </p>
            if can_evaluate {
                <Panel heading_id="start-evaluation-heading" heading={texts.start_evaluation} sub=true alert_id="start-evaluation-error" alert={submit.summary()}>
                    <form class="form form--grid" novalidate=true data-testid="start-evaluation-form" {onsubmit}>
                        <SelectField id="start-kind" label={texts.evaluation_kind} options={kind_options(texts)}
                                     value={kind.as_str()} onchange={on_kind} />
                        if own_current.is_none() {
                            if grid_options.is_empty() {
                                <p class="notice">{ texts.no_active_grid }</p>
                            } else {
                                <SelectField id="start-grid" label={texts.grid} options={grid_options}
                                             value={chosen.map(|g| g.to_string()).unwrap_or_default()}
                                             onchange={on_grid} />
                                <div class="form__actions">
                                    <SubmitButton label={texts.start_evaluation} busy={submit.busy()} testid="start-evaluation" />
                                </div>
                            }
                        }
                    </form>
                    if let Some(own) = own_current {
                        <p class="notice" data-testid="own-evaluation-exists">
                            { (texts.own_evaluation_exists)((texts.evaluation_kind_name)(own.kind)) }{ " " }
                            <NavLink to={Route::Evaluation { id, eid: own.id }}>
                                { if own.status == EvaluationStatus::Draft { texts.continue_evaluation } else { texts.see } }
                            </NavLink>
                        </p>
                    }
                </Panel>
            }
        </Panel>
    }
}

fn gate_notice(texts: &Texts, gate: EvaluationGate, submitted: u64, counts_known: bool) -> Html {
    let needed = u64::from(gate.min_ex_ante_evaluations);
    let open = counts_known && submitted >= needed;
    html! {
        <div class={classes!("gate", open.then_some("gate--open"))} data-testid="evaluation-gate">
            <p>
                <strong>{ texts.decision_gate }{ texts.colon }</strong>
                if counts_known {
                    <span data-testid="gate-count">{ (texts.gate_count)(submitted, needed) }</span>
                    { " " }
                    if open {
                        <span class="tag tag--done"><span aria-hidden="true">{ "✓ " }</span>{ texts.gate_open }</span>
                    } else {
                        <span class="tag tag--overdue"><span aria-hidden="true">{ "⚠ " }</span>
                            { (texts.gate_missing)(needed.saturating_sub(submitted)) }</span>
                    }
                } else {
                    { (texts.gate_needed)(needed) }
                }
            </p>
        </div>
    }
}
