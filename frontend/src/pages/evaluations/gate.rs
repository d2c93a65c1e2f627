//! The decision gate: how many submitted ex-ante evaluations a project
//! needs before it moves from instruction to decision. Staff read it;
//! admins change it (the server refuses anyone else).

use crate::api;
use crate::api::ApiError;
use crate::components::form_field::{without_problems, Alert, Status, SubmitButton, TextField};
use crate::components::panel::Panel;
use crate::hooks::use_submit;
use crate::i18n::use_lang;
use crate::session::use_session;
use shared::evaluation::EvaluationGate;
use shared::validation::Validate;
use shared::FieldError;
use yew::platform::spawn_local;
use yew::prelude::*;

const FIELD: &str = "min_ex_ante_evaluations";

/// The gate the text typed asks for, or why it is not one: a whole
/// number within the shared rule's bounds.
fn gate_from(text: &str) -> Result<EvaluationGate, Vec<FieldError>> {
    let count = text
        .trim()
        .parse::<u32>()
        .map_err(|_| vec![FieldError::new(FIELD, "out_of_range", "between 0 and 20")])?;
    let gate = EvaluationGate {
        min_ex_ante_evaluations: count,
    };
    let problems = gate.validate();
    without_problems(gate, problems)
}

#[function_component]
pub fn DecisionGatePanel() -> Html {
    let texts = use_lang().texts();
    let session = use_session();
    let can_change = session.user().is_some_and(|user| user.role.is_admin());
    let saved = use_state(|| None::<EvaluationGate>);
    let typed = use_state(String::new);
    let submit = use_submit(&[(FIELD, "gate-minimum")]);
    let error = use_state(|| None::<ApiError>);
    let status = use_state(|| None::<AttrValue>);

    {
        let (saved, typed, error) = (saved.clone(), typed.clone(), error.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                match api::evaluations::gate().await {
                    Ok(gate) => {
                        typed.set(gate.min_ex_ante_evaluations.to_string());
                        saved.set(Some(gate));
                    }
                    Err(failure) => error.set(Some(failure)),
                }
            });
        });
    }
    let oninput = {
        let (typed, status) = (typed.clone(), status.clone());
        Callback::from(move |text: String| {
            typed.set(text);
            status.set(None);
        })
    };
    let onsubmit = {
        let (saved, typed, status) = (saved.clone(), typed.clone(), status.clone());
        submit.on_submit(move |submit| {
            status.set(None);
            let gate = match gate_from(&typed) {
                Ok(gate) => gate,
                Err(found) => {
                    submit.set_field_errors(found);
                    crate::dom::focus("#gate-minimum");
                    return;
                }
            };
            submit.set_field_errors(Vec::new());
            let (saved, typed, status) = (saved.clone(), typed.clone(), status.clone());
            submit.run_or_else(
                async move { api::evaluations::save_gate(&gate).await },
                move |gate| {
                    typed.set(gate.min_ex_ante_evaluations.to_string());
                    saved.set(Some(gate));
                    status.set(Some(texts.settings_saved.into()));
                },
                move |submit, failure| {
                    submit.show(Some(texts.describe(&failure).into()), failure.field_errors);
                },
            );
        })
    };
    // The gate that could not be read, or the last save's refusal.
    let error_message = submit.summary().or_else(|| {
        error
            .as_ref()
            .map(|failure| AttrValue::from(texts.describe(failure)))
    });
    html! {
        <Panel heading_id="gate-heading" heading={texts.gate_heading} testid="decision-gate">
            <Status message={(*status).clone()} />
            <Alert id="gate-error" message={error_message} />
            {
                match (*saved, can_change) {
                    (None, _) => html! {},
                    (Some(gate), false) => html! {
                        <p data-testid="gate-rule">{ (texts.gate_rule)(gate.min_ex_ante_evaluations) }</p>
                    },
                    (Some(_), true) => html! {
                        <form class="form" data-testid="gate-form" {onsubmit}>
                            <TextField id="gate-minimum" label={texts.gate_minimum}
                                       value={(*typed).clone()} oninput={oninput}
                                       input_type="number" inputmode="numeric"
                                       hint={Some(AttrValue::from(texts.gate_minimum_hint))}
                                       error={submit.error_for(FIELD)}
                                       testid="gate-minimum" />
                            <div class="form__actions">
                                <SubmitButton label={texts.save} busy={submit.busy()} secondary=true />
                            </div>
                        </form>
                    },
                }
            }
        </Panel>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimum_is_a_whole_number_within_the_rule() {
        assert_eq!(gate_from(" 2 ").map(|g| g.min_ex_ante_evaluations), Ok(2));
        assert_eq!(gate_from("0").map(|g| g.min_ex_ante_evaluations), Ok(0));
        for bad in ["", "-1", "1.5", "deux", "21"] {
            let problems = gate_from(bad).expect_err(bad);
            assert_eq!(
                (problems[0].field.as_str(), problems[0].code.as_str()),
                (FIELD, "out_of_range"),
                "{bad}"
            );
        }
    }
}
