//! One evaluation. The author's draft is a form made for the keyboard: each
//! criterion is a group of radio buttons 0–5 (arrows move within it, a
//! digit sets it), Tab goes on to its comment then to the next criterion,
//! and the weighted score follows every change. A submitted evaluation
//! reads only; managers may send it back to draft.

use super::{format_score, recommendation_options};
use crate::actions::confirm_then;
use crate::api::{self, ApiError};
use crate::components::form_field::{
    message_for, Alert, CancelButton, ChoiceGroup, ConflictAlert, DraftFields, Status,
    SubmitButton, TextAreaField,
};
use crate::components::modal::Modal;
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::panel::Panel;
use crate::components::table::Table;
use crate::dom;
use crate::format;
use crate::hooks::{edit, replace, text_setter, use_draft, use_submit, DraftHandle};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang, Texts};
use crate::routes::Route;
use crate::session::use_session;
use shared::evaluation::{
    check_submission, weighted_score, CriterionScore, Evaluation, EvaluationPatch,
    EvaluationStatus, Recommendation, ReopenRequest, ScoreInput, Scores, ScoresInput, MAX_SCORE,
};
use shared::ids::{EvaluationId, ProjectId};
use shared::projects::Project;
use shared::{ErrorCode, FieldError};
use std::collections::BTreeMap;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

/// The form's values: the scores given so far, every criterion's comment
/// (kept while its score is not given yet), the recommendation and the
/// general comment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvaluationDraft {
    pub scores: BTreeMap<String, u8>,
    pub comments: BTreeMap<String, String>,
    pub recommendation: Option<Recommendation>,
    pub comment: String,
}

impl EvaluationDraft {
    pub fn of(evaluation: &Evaluation) -> Self {
        EvaluationDraft {
            scores: evaluation
                .scores
                .iter()
                .map(|(key, score)| (key.clone(), score.score))
                .collect(),
            comments: evaluation
                .scores
                .iter()
                .filter(|(_, score)| !score.comment.is_empty())
                .map(|(key, score)| (key.clone(), score.comment.clone()))
                .collect(),
            recommendation: evaluation.recommendation,
            comment: evaluation.comment.clone().unwrap_or_default(),
        }
    }

    /// The scores as the shared rules take them.
    pub fn scores(&self) -> Scores {
        self.scores
            .iter()
            .map(|(key, score)| {
                (
                    key.clone(),
                    CriterionScore {
                        score: *score,
                        comment: self
                            .comments
                            .get(key)
                            .map(|c| c.trim().to_owned())
                            .unwrap_or_default(),
                    },
                )
            })
            .collect()
    }

    /// Everything the form holds, as a patch of `saved`: every score given,
    /// `null` for a score taken back, the recommendation and the comment.
    pub fn patch(&self, saved: &Evaluation) -> EvaluationPatch {
        let mut scores: ScoresInput = self
            .scores()
            .into_iter()
            .map(|(key, score)| {
                let comment = Some(score.comment).filter(|c| !c.is_empty());
                (
                    key,
                    Some(ScoreInput {
                        score: f64::from(score.score),
                        comment,
                    }),
                )
            })
            .collect();
        for key in saved.scores.keys() {
            scores.entry(key.clone()).or_insert(None);
        }
        let comment = self.comment.trim();
        EvaluationPatch {
            scores: Some(scores),
            recommendation: Some(self.recommendation),
            comment: Some((!comment.is_empty()).then(|| comment.to_owned())),
        }
    }
}

/// The API's field for a criterion's score, which its problems start with.
fn score_field(key: &str) -> String {
    format!("scores.{key}")
}

/// The radio button of `score` in `key`'s group, by attribute: a key may
/// start with a digit, which an id selector would not accept.
fn radio_selector(key: &str, score: u8) -> String {
    format!("input[name=\"score-{key}\"][value=\"{score}\"]")
}

/// Field names and the ids of their inputs, in the form's order.
fn form_fields(evaluation: &Evaluation) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = evaluation
        .criteria
        .iter()
        .map(|criterion| {
            (
                score_field(&criterion.key),
                format!("score-{}-0", criterion.key),
            )
        })
        .collect();
    fields.push(("recommendation".into(), "recommendation-0".into()));
    fields.push(("comment".into(), "evaluation-comment".into()));
    fields
}

#[derive(Properties, PartialEq)]
pub struct EvaluationPageProps {
    pub project_id: ProjectId,
    pub id: EvaluationId,
}

#[function_component]
pub fn EvaluationPage(props: &EvaluationPageProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let session = use_session();
    let navigator = use_navigator();
    let (project_id, id) = (props.project_id, props.id);
    let evaluation = use_state(|| None::<Evaluation>);
    let project = use_state(|| None::<Project>);
    let error = use_state(|| None::<ApiError>);
    let reloads = use_state(|| 0_u32);
    let draft = use_draft(EvaluationDraft::default);
    let submit = use_submit(evaluation.as_ref().map(form_fields).unwrap_or_default());
    let status = use_state(|| None::<AttrValue>);
    let conflict = use_state(|| false);
    let reopening = use_state(|| false);

    {
        let (evaluation, error, draft, conflict) = (
            evaluation.clone(),
            error.clone(),
            draft.clone(),
            conflict.clone(),
        );
        use_effect_with((project_id, id, *reloads), move |(project_id, id, _)| {
            let (project_id, id) = (*project_id, *id);
            spawn_local(async move {
                match api::evaluations::get(project_id, id).await {
                    Ok(loaded) => {
                        replace(&draft, EvaluationDraft::of(&loaded));
                        evaluation.set(Some(loaded));
                        error.set(None);
                        conflict.set(false);
                    }
                    Err(failure) => error.set(Some(failure)),
                }
            });
        });
    }
    {
        let project = project.clone();
        use_effect_with(project_id, move |project_id| {
            let project_id = *project_id;
            spawn_local(async move {
                // Only for the heading's link back; the page works without it.
                if let Ok(loaded) = api::projects::get(project_id).await {
                    project.set(Some(loaded));
                }
            });
        });
    }

    let Some(current) = (*evaluation).clone() else {
        return match &*error {
            Some(failure) => html! {
                <>
                    <PageTitle text={texts.evaluation_heading} />
                    <Alert id="evaluation-error" message={Some(AttrValue::from(texts.describe(failure)))} />
                    <p><NavLink to={Route::Project { id: project_id }}>{ texts.back_to_project }</NavLink></p>
                </>
            },
            None => html! { <p class="loading" role="status">{ texts.loading }</p> },
        };
    };

    let user = session.user();
    let is_author = user.is_some_and(|user| user.id == current.evaluator_id);
    let is_manager = user.is_some_and(|user| user.role.is_manager_or_admin());
    let editable = is_author && current.status == EvaluationStatus::Draft;

    let on_reload = {
        let (reloads, submit) = (reloads.clone(), submit.clone());
        Callback::from(move |_: MouseEvent| {
            submit.clear();
            reloads.set(reloads.wrapping_add(1));
        })
    };

    // Saves the draft, then, for a submission, submits it.
    let send = {
        let (evaluation, draft, status, conflict, submit) = (
            evaluation.clone(),
            draft.clone(),
            status.clone(),
            conflict.clone(),
            submit.clone(),
        );
        Callback::from(move |submitting: bool| {
            let Some(saved) = (*evaluation).clone() else {
                return;
            };
            if submit.busy() {
                return;
            }
            if submitting {
                let problems =
                    check_submission(&saved.criteria, &draft.0.scores(), draft.0.recommendation);
                if !problems.is_empty() {
                    return submit.invalid_with(texts.evaluation_incomplete, problems);
                }
                if !dom::confirm(texts.confirm_submit_evaluation) {
                    return;
                }
            }
            let unchanged = draft.0 == EvaluationDraft::of(&saved);
            let changes = draft.0.patch(&saved);
            status.set(None);
            let (evaluation, status, conflict) =
                (evaluation.clone(), status.clone(), conflict.clone());
            let stored = evaluation.clone();
            submit.run_or_else(
                async move {
                    let mut outcome = if submitting && unchanged {
                        Ok(saved.clone())
                    } else {
                        api::evaluations::update(
                            saved.project_id,
                            saved.id,
                            saved.version,
                            &changes,
                        )
                        .await
                    };
                    if let (true, Ok(updated)) = (submitting, &outcome) {
                        // The saved draft is the new state, even if the submission fails.
                        stored.set(Some(updated.clone()));
                        outcome = api::evaluations::submit(saved.project_id, saved.id).await;
                    }
                    outcome
                },
                move |updated| {
                    let message = if updated.status == EvaluationStatus::Submitted {
                        texts.evaluation_submitted
                    } else {
                        texts.evaluation_saved
                    };
                    status.set(Some(message.into()));
                    evaluation.set(Some(updated));
                    if submitting {
                        dom::focus_or_heading("#evaluation-status");
                    }
                },
                move |submit, failure| {
                    if failure.has_code(ErrorCode::VersionMismatch) {
                        submit.set_summary(None);
                        conflict.set(true);
                        dom::focus("#reload-evaluation");
                    } else {
                        submit.refused(&failure);
                    }
                },
            );
        })
    };
    let onsubmit = {
        let send = send.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            send.emit(false);
        })
    };
    let on_submit_click = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(true))
    };
    let on_delete = {
        let (current, error, navigator) = (current.clone(), error.clone(), navigator.clone());
        Callback::from(move |_: MouseEvent| {
            let (error, navigator) = (error.clone(), navigator.clone());
            confirm_then(
                texts.confirm_delete_evaluation,
                || api::evaluations::delete(current.project_id, current.id, current.version),
                move |outcome| match outcome {
                    Ok(()) => {
                        if let Some(navigator) = &navigator {
                            navigator.push(&Route::Project { id: project_id });
                        }
                    }
                    Err(failure) => error.set(Some(failure)),
                },
            );
        })
    };
    let open_reopen = {
        let reopening = reopening.clone();
        Callback::from(move |_: MouseEvent| reopening.set(true))
    };
    let close_reopen = {
        let reopening = reopening.clone();
        Callback::from(move |()| reopening.set(false))
    };
    let on_reopened = {
        let (evaluation, draft, reopening, status) = (
            evaluation.clone(),
            draft.clone(),
            reopening.clone(),
            status.clone(),
        );
        Callback::from(move |reopened: Evaluation| {
            replace(&draft, EvaluationDraft::of(&reopened));
            evaluation.set(Some(reopened));
            reopening.set(false);
            status.set(Some(texts.evaluation_reopened.into()));
        })
    };

    let dirty = draft.0 != EvaluationDraft::of(&current);
    let live = weighted_score(&current.criteria, &draft.0.scores());
    let error_message = error
        .as_ref()
        .map(|failure| AttrValue::from(texts.describe(failure)));
    let title = (texts.evaluation_of_kind)((texts.evaluation_kind_name)(current.kind));

    let fields = DraftFields::new(&draft, &submit);
    html! {
        <article class="evaluation" data-testid="evaluation-page">
            <p class="eyebrow">
                <NavLink to={Route::Project { id: project_id }}>
                    { project.as_ref().map(|p| format!("{} — {}", p.reference, p.title)).unwrap_or_else(|| texts.back_to_project.to_owned()) }
                </NavLink>
            </p>
            <div class="page-heading">
                <PageTitle text={title} />
                if is_manager && current.status == EvaluationStatus::Submitted {
                    <div class="page-heading__actions">
                        <button type="button" id="reopen-evaluation" class="button button--secondary"
                                data-testid="reopen-evaluation" onclick={open_reopen}>
                            { texts.reopen_evaluation }
                        </button>
                    </div>
                }
            </div>
            <dl class="facts">
                <div class="facts__item">
                    <dt>{ texts.evaluator }</dt>
                    <dd data-testid="evaluator">{ current.evaluator_name.clone() }</dd>
                </div>
                <div class="facts__item">
                    <dt>{ texts.column_status }</dt>
                    <dd id="evaluation-status" tabindex="-1" data-testid="evaluation-status">
                        { status_tag(texts, current.status) }
                    </dd>
                </div>
                <div class="facts__item">
                    <dt>{ texts.grid_version_label }</dt>
                    <dd>{ (texts.version_number)(current.grid_version) }</dd>
                </div>
                if let Some(at) = current.submitted_at {
                    <div class="facts__item">
                        <dt>{ texts.submitted_on }</dt>
                        <dd>{ format::date(at.date_naive(), lang) }</dd>
                    </div>
                }
            </dl>
            <Status message={(*status).clone()} />
            <Alert id="evaluation-load-error" message={error_message} />
            <ConflictAlert conflict={*conflict} message={texts.evaluation_conflict} {on_reload}
                           button_id="reload-evaluation" testid="evaluation-conflict" />
            if editable {
                <p class="notice">{ texts.evaluation_keyboard_help }</p>
                <Alert id="evaluation-form-error" message={submit.summary()} />
                <form class="form evaluation-form" novalidate=true data-testid="evaluation-form" {onsubmit}>
                    { for current.criteria.iter().map(|criterion| {
                        let key = criterion.key.clone();
                        criterion_fields(texts, lang, &draft, submit.field_errors(), criterion, key)
                    }) }
                    <p class="live-score">
                        { texts.weighted_score }{ texts.colon }
                        <output data-testid="live-score" aria-live="polite">
                            { live.map(|score| format_score(score, lang)).unwrap_or_else(|| "—".to_owned()) }
                        </output>
                    </p>
                    <ChoiceGroup
                        id="recommendation"
                        legend={texts.recommendation}
                        options={recommendation_options(texts)}
                        selected={draft.0.recommendation.map(|r| AttrValue::from(r.as_str())).into_iter().collect::<Vec<_>>()}
                        onchange={{
                            let draft = draft.clone();
                            Callback::from(move |(value, checked): (String, bool)| {
                                if checked {
                                    edit(&draft, move |d| d.recommendation = value.parse().ok());
                                }
                            })
                        }}
                        required=true
                        error={submit.error_for("recommendation")}
                    />
                    <TextAreaField
                        hint={texts.general_comment_hint}
                        ..fields.area("evaluation-comment", texts.general_comment, "comment", |d| &d.comment, |d, v| d.comment = v)
                    />
                    <div class="form__actions">
                        <SubmitButton label={texts.save_draft} busy={submit.busy()} busy_label={texts.saving} secondary=true testid="save-evaluation" />
                        <button type="button" class="button button--primary" data-testid="submit-evaluation"
                                aria-disabled={submit.busy().then_some("true")} onclick={on_submit_click}>
                            { texts.submit_evaluation }
                        </button>
                        <button type="button" class="button button--danger" data-testid="delete-evaluation"
                                onclick={on_delete}>
                            { texts.delete_draft }
                        </button>
                    </div>
                    if dirty {
                        <p class="small-text muted" data-testid="unsaved">{ texts.unsaved_changes }</p>
                    }
                </form>
            } else {
                { read_only(texts, lang, &current) }
            }
            <p class="evaluation__links">
                <NavLink to={Route::Project { id: project_id }}>{ texts.back_to_project }</NavLink>
                if current.status == EvaluationStatus::Submitted {
                    { " · " }
                    <NavLink to={Route::Consolidated { id: project_id }}
                             query={vec![("kind", current.kind.as_str().to_owned())]}>
                        { texts.consolidated_view }
                    </NavLink>
                }
            </p>
            if *reopening {
                <ReopenDialog evaluation={current.clone()} on_reopened={on_reopened} on_close={close_reopen} />
            }
        </article>
    }
}

fn status_tag(texts: &Texts, status: EvaluationStatus) -> Html {
    let class = match status {
        EvaluationStatus::Draft => "tag",
        EvaluationStatus::Submitted => "tag tag--done",
    };
    html! { <span class={class}>{ (texts.evaluation_status_name)(status) }</span> }
}

/// One criterion: its 0–5 radio group, then its comment.
fn criterion_fields(
    texts: &'static Texts,
    lang: Lang,
    draft: &DraftHandle<EvaluationDraft>,
    field_errors: &[FieldError],
    criterion: &shared::evaluation::Criterion,
    key: String,
) -> Html {
    let group = format!("criterion-{key}");
    let error = message_for(texts, field_errors, &score_field(&key));
    let invalid = error.is_some();
    let selected = draft.0.scores.get(&key).copied();
    let hint_id = format!("{group}-hint");
    let error_id = format!("{group}-error");
    let described = if invalid {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let comment_id = format!("comment-{key}");
    let on_comment = {
        let (draft, key) = (draft.clone(), key.clone());
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let (key, value) = (key.clone(), area.value());
            edit(&draft, move |d| {
                d.comments.insert(key, value);
            })
        })
    };
    let weight = format::decimal_text(&criterion.weight.to_string(), lang);
    html! {
        <div class="criterion" data-testid={format!("criterion-{key}")}>
            <fieldset
                class={classes!("field", "choice-group", "criterion__scale", invalid.then_some("field--invalid"))}
                id={group.clone()}
                role="radiogroup"
                aria-required="true"
                aria-invalid={invalid.then_some("true")}
                aria-describedby={described}
            >
                <legend>
                    { criterion.label.clone() }
                    <span class="criterion__weight">{ " " }{ (texts.weight_of)(&weight) }</span>
                </legend>
                <p id={hint_id} class="field-hint">
                    if !criterion.description.is_empty() {
                        { criterion.description.clone() }{ " " }
                    }
                    { texts.score_hint }
                </p>
                if let Some(error) = &error {
                    <p id={error_id} class="field-error">{ error.clone() }</p>
                }
                <div class="choice-group__options scale">
                    { for (0..=MAX_SCORE).map(|score| {
                        let input_id = format!("score-{key}-{score}");
                        let onchange = {
                            let (draft, key) = (draft.clone(), key.clone());
                            Callback::from(move |event: Event| {
                                let input: HtmlInputElement = event.target_unchecked_into();
                                if input.checked() {
                                    let key = key.clone();
                                    edit(&draft, move |d| {
                                        d.scores.insert(key, score);
                                    });
                                }
                            })
                        };
                        let onkeydown = {
                            let (draft, key) = (draft.clone(), key.clone());
                            Callback::from(move |event: KeyboardEvent| {
                                if event.ctrl_key() || event.meta_key() || event.alt_key() {
                                    return;
                                }
                                let Some(typed) = digit(&event.key()) else {
                                    return;
                                };
                                event.prevent_default();
                                let key = key.clone();
                                dom::focus(&radio_selector(&key, typed));
                                edit(&draft, move |d| {
                                    d.scores.insert(key, typed);
                                });
                            })
                        };
                        html! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    id={input_id.clone()}
                                    name={format!("score-{key}")}
                                    value={score.to_string()}
                                    checked={selected == Some(score)}
                                    {onchange}
                                    {onkeydown}
                                />
                                <label for={input_id}>{ score.to_string() }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
            <div class="field field--wide criterion__comment">
                <label for={comment_id.clone()}>
                    { texts.criterion_comment }
                    <span class="visually-hidden">{ " — " }{ criterion.label.clone() }</span>
                </label>
                <textarea
                    id={comment_id.clone()}
                    name={comment_id}
                    rows="2"
                    value={draft.0.comments.get(&key).cloned().unwrap_or_default()}
                    oninput={on_comment}
                />
            </div>
        </div>
    }
}

/// A score typed on the keyboard: `0` to `5`.
fn digit(key: &str) -> Option<u8> {
    key.parse::<u8>().ok().filter(|score| *score <= MAX_SCORE)
}

fn read_only(texts: &'static Texts, lang: Lang, evaluation: &Evaluation) -> Html {
    html! {
        <Panel heading_id="scores-heading" heading={texts.scores_heading} testid="evaluation-readonly">
            <Table caption={texts.scores_heading} testid="evaluation-scores" head={html! {
                <>
                    <th scope="col">{ texts.criterion }</th>
                    <th scope="col" class="number">{ texts.weight }</th>
                    <th scope="col" class="number">{ texts.score }</th>
                    <th scope="col">{ texts.criterion_comment }</th>
                </>
            }}>
                { for evaluation.criteria.iter().map(|criterion| {
                    let score = evaluation.scores.get(&criterion.key);
                    html! {
                        <tr>
                            <th scope="row">{ criterion.label.clone() }</th>
                            <td class="number">{ format::decimal_text(&criterion.weight.to_string(), lang) }</td>
                            <td class="number">{ score.map(|s| format!("{}/{MAX_SCORE}", s.score)).unwrap_or_else(|| "—".to_owned()) }</td>
                            <td class="pre-line">{ score.map(|s| s.comment.clone()).unwrap_or_default() }</td>
                        </tr>
                    }
                }) }
            </Table>
            <dl class="facts">
                <div class="facts__item">
                    <dt>{ texts.weighted_score }</dt>
                    <dd data-testid="weighted-score">
                        { evaluation.weighted_score.map(|s| format_score(s, lang)).unwrap_or_else(|| "—".to_owned()) }
                    </dd>
                </div>
                <div class="facts__item">
                    <dt>{ texts.recommendation }</dt>
                    <dd data-testid="recommendation">
                        { evaluation.recommendation.map(texts.recommendation_name).unwrap_or("—") }
                    </dd>
                </div>
            </dl>
            if let Some(comment) = &evaluation.comment {
                <h3>{ texts.general_comment }</h3>
                <p class="pre-line">{ comment.clone() }</p>
            }
        </Panel>
    }
}

#[derive(Properties, PartialEq)]
struct ReopenDialogProps {
    evaluation: Evaluation,
    on_reopened: Callback<Evaluation>,
    on_close: Callback<()>,
}

/// "Rouvrir": back to draft, with the reason kept in the audit log.
#[function_component]
fn ReopenDialog(props: &ReopenDialogProps) -> Html {
    let texts = use_lang().texts();
    let reason = use_state(String::new);
    let submit = use_submit(&[("reason", "reopen-reason")]);
    let onsubmit = {
        let reason = reason.clone();
        let (evaluation, on_reopened) = (props.evaluation.clone(), props.on_reopened.clone());
        submit.on_submit(move |submit| {
            let trimmed = reason.trim().to_owned();
            let request = ReopenRequest {
                reason: (!trimmed.is_empty()).then_some(trimmed),
            };
            let on_reopened = on_reopened.clone();
            let (project, id) = (evaluation.project_id, evaluation.id);
            submit.run_or_else(
                async move { api::evaluations::reopen(project, id, &request).await },
                move |reopened| on_reopened.emit(reopened),
                |submit, failure| submit.set_summary(Some(submit.summary_of(&failure))),
            );
        })
    };
    let cancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let on_reason = text_setter(&reason);
    html! {
        <Modal id="reopen-dialog" title={texts.reopen_evaluation} on_close={props.on_close.clone()}
               return_focus="#evaluation-status">
            <p>{ texts.reopen_hint }</p>
            <Alert id="reopen-error" message={submit.summary()} />
            <form class="form" novalidate=true {onsubmit}>
                <TextAreaField id="reopen-reason" label={texts.reopen_reason} rows={3}
                               value={(*reason).clone()} oninput={on_reason} />
                <div class="form__actions">
                    <SubmitButton label={texts.reopen_evaluation} busy={submit.busy()} testid="confirm-reopen" />
                    <CancelButton onclick={cancel} />
                </div>
            </form>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use shared::evaluation::{default_ex_ante_criteria, EvaluationKind};
    use shared::ids::EvaluationGridId;
    use shared::UserId;

    fn evaluation(scores: &[(&str, u8)]) -> Evaluation {
        Evaluation {
            id: EvaluationId(1),
            project_id: ProjectId(1),
            kind: EvaluationKind::ExAnte,
            grid_id: EvaluationGridId(1),
            grid_version: 1,
            criteria: default_ex_ante_criteria(),
            evaluator_id: UserId(1),
            evaluator_name: "A".into(),
            status: EvaluationStatus::Draft,
            scores: scores
                .iter()
                .map(|(key, score)| {
                    (
                        (*key).to_owned(),
                        CriterionScore {
                            score: *score,
                            comment: String::new(),
                        },
                    )
                })
                .collect(),
            weighted_score: None,
            recommendation: None,
            comment: None,
            submitted_at: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 1,
        }
    }

    #[test]
    fn the_patch_sends_every_score_and_clears_the_ones_taken_back() {
        let saved = evaluation(&[("feasibility", 2), ("risks", 4)]);
        let mut draft = EvaluationDraft::of(&saved);
        draft.scores.remove("risks");
        draft.scores.insert("innovation".into(), 5);
        draft
            .comments
            .insert("innovation".into(), "  Première en France  ".into());
        draft
            .comments
            .insert("partnerships".into(), "sans note".into());
        draft.recommendation = Some(Recommendation::Go);
        let patch = draft.patch(&saved);
        let scores = patch.scores.unwrap();
        assert_eq!(scores.len(), 3);
        assert_eq!(scores["feasibility"].as_ref().unwrap().score, 2.0);
        let innovation = scores["innovation"].as_ref().unwrap();
        assert_eq!(innovation.comment.as_deref(), Some("Première en France"));
        assert_eq!(scores["risks"], None);
        assert_eq!(patch.recommendation, Some(Some(Recommendation::Go)));
        assert_eq!(patch.comment, Some(None));
    }

    #[test]
    fn digits_zero_to_five_are_scores() {
        assert_eq!(digit("0"), Some(0));
        assert_eq!(digit("5"), Some(5));
        assert_eq!(digit("6"), None);
        assert_eq!(digit("a"), None);
        assert_eq!(digit("Tab"), None);
    }

    #[test]
    fn problems_on_a_score_point_to_its_first_radio() {
        let fields = form_fields(&evaluation(&[]));
        assert_eq!(
            fields[0],
            (
                "scores.strategic_relevance".into(),
                "score-strategic_relevance-0".into()
            )
        );
        assert_eq!(fields.last().unwrap().0, "comment");
    }
}
