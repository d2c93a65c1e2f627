//! "Changer de phase": a modal dialog that offers only the moves the
//! lifecycle allows from the current phase, and asks for what each move
//! must record (an outcome for a decision, a reason for an abandonment).

use crate::api;
use crate::components::form_field::{
    options_of, required_date_field, with_prompt, without_problems, Alert, CancelButton,
    ChoiceGroup, DraftFields, SelectField, SubmitButton, TextAreaField, TextField,
};
use crate::components::modal::Modal;
use crate::components::phase_badge::PhaseBadge;
use crate::dom;
use crate::format;
use crate::hooks::{edit, use_draft, use_submit};
use crate::i18n::{use_lang, Texts};
use chrono::NaiveDate;
use shared::lifecycle::{allowed_moves, AbandonReason, DecisionOutcome, Phase};
use shared::projects::{NewTransition, Project};
use shared::validation::Validate;
use shared::{ErrorCode, FieldError};
use yew::prelude::*;

const OUTCOMES: [DecisionOutcome; 3] = [
    DecisionOutcome::Go,
    DecisionOutcome::GoWithConditions,
    DecisionOutcome::NoGo,
];

/// API field names and the inputs that hold them, in the form's order.
const FIELDS: [(&str, &str); 6] = [
    ("to", "transition-to-0"),
    ("date", "transition-date"),
    ("outcome", "transition-outcome-0"),
    ("reason", "transition-reason"),
    ("motivation", "transition-motivation"),
    ("comment", "transition-comment"),
];

/// The moves to offer: the lifecycle table's, narrowed to what the server
/// says is possible right now when it says so.
pub fn offered_moves(project: &Project) -> Vec<Phase> {
    allowed_moves(project.phase, project.suspended_from)
        .into_iter()
        .filter(|phase| {
            project.allowed_transitions.is_empty() || project.allowed_transitions.contains(phase)
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct TransitionDraft {
    to: Option<Phase>,
    date: String,
    outcome: Option<DecisionOutcome>,
    reason: String,
    motivation: String,
    comment: String,
}

impl TransitionDraft {
    fn new(today: NaiveDate, moves: &[Phase]) -> Self {
        TransitionDraft {
            // A single possible move is preselected.
            to: match moves {
                [only] => Some(*only),
                _ => None,
            },
            date: format::date_input(Some(today)),
            outcome: None,
            reason: String::new(),
            motivation: String::new(),
            comment: String::new(),
        }
    }

    fn asks_outcome(&self) -> bool {
        self.to == Some(Phase::Decision)
    }

    /// A reason is required to abandon, and may explain a no-go.
    fn asks_reason(&self) -> bool {
        self.to == Some(Phase::Abandonne)
            || (self.asks_outcome() && self.outcome == Some(DecisionOutcome::NoGo))
    }

    /// The request, or every problem the server would also refuse.
    fn to_request(&self) -> Result<NewTransition, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.to.is_none() {
            errors.push(FieldError::new("to", "required", "choose the new phase"));
        }
        let date = required_date_field("date", &self.date, &mut errors);
        let outcome = self.outcome.filter(|_| self.asks_outcome());
        if self.asks_outcome() && outcome.is_none() {
            errors.push(FieldError::new(
                "outcome",
                "required",
                "record the decision",
            ));
        }
        let reason = if self.asks_reason() {
            self.reason.parse::<AbandonReason>().ok()
        } else {
            None
        };
        if self.to == Some(Phase::Abandonne) && reason.is_none() {
            errors.push(FieldError::new("reason", "required", "say why"));
        }
        let comment = Some(self.comment.trim().to_owned()).filter(|c| !c.is_empty());
        let (Some(to), Some(date)) = (self.to, date) else {
            let partial = NewTransition {
                to: Phase::Commande,
                date: NaiveDate::default(),
                motivation: self.motivation.clone(),
                outcome,
                reason,
                comment,
            };
            errors.extend(partial.validate());
            return Err(errors);
        };
        let request = NewTransition {
            to,
            date,
            motivation: self.motivation.trim().to_owned(),
            outcome,
            reason,
            comment,
        };
        errors.extend(request.validate());
        without_problems(request, errors)
    }
}

/// The phases a 409 says are possible, from its details (one per phase,
/// on field `to`), whichever of code or message carries the name.
fn phases_in(errors: &[FieldError]) -> Vec<Phase> {
    errors
        .iter()
        .filter(|error| error.field == "to")
        .filter_map(|error| {
            error
                .code
                .parse::<Phase>()
                .or_else(|_| error.message.trim().parse::<Phase>())
                .ok()
        })
        .collect()
}

fn refused_move_message(texts: &Texts, allowed: &[Phase]) -> String {
    let names: Vec<&str> = allowed
        .iter()
        .map(|phase| (texts.phase_name)(*phase))
        .collect();
    (texts.move_no_longer_possible)(&names.join(", "))
}

#[derive(Properties, PartialEq)]
pub struct TransitionDialogProps {
    pub project: Project,
    pub on_moved: Callback<Project>,
    pub on_close: Callback<()>,
    /// The project changed under the dialog (someone else moved it): the
    /// page reloads it, which refreshes the moves offered here.
    pub on_stale: Callback<()>,
}

#[function_component]
pub fn TransitionDialog(props: &TransitionDialogProps) -> Html {
    let texts = use_lang().texts();
    let project = &props.project;
    let moves = offered_moves(project);
    let draft = {
        let moves = moves.clone();
        use_draft(move || TransitionDraft::new(dom::today(), &moves))
    };
    let submit = use_submit(&FIELDS);

    // A reload may remove the chosen move (someone else moved the project).
    {
        let draft = draft.clone();
        use_effect_with(moves.clone(), move |moves| {
            let moves = moves.clone();
            edit(&draft, move |draft| {
                if draft.to.is_some_and(|to| !moves.contains(&to)) {
                    draft.to = None;
                }
            });
        });
    }

    let onsubmit = {
        let draft = draft.clone();
        let (on_moved, on_stale, id) = (props.on_moved.clone(), props.on_stale.clone(), project.id);
        submit.on_submit(move |submit| {
            let Some(request) = submit.checked(draft.0.to_request()) else {
                return;
            };
            let (on_moved, on_stale) = (on_moved.clone(), on_stale.clone());
            let to = request.to;
            submit.run_or_else(
                async move { api::projects::transition(id, &request).await },
                move |project| on_moved.emit(project),
                move |submit, error| {
                    if !error.has_code(ErrorCode::Conflict) {
                        return submit.refused(&error);
                    }
                    let allowed = phases_in(&error.field_errors);
                    if error.field_errors.is_empty() {
                        // The move is allowed but a gate is closed (the
                        // decision needs a submitted ex-ante evaluation).
                        let message = if to == Phase::Decision {
                            (texts.decision_gate_closed)(&error.message)
                        } else {
                            texts.describe(&error)
                        };
                        submit.show(Some(message.into()), Vec::new());
                    } else {
                        // Not an input mistake: the project is no longer
                        // where the dialog thought it was.
                        submit.show(
                            Some(refused_move_message(texts, &allowed).into()),
                            Vec::new(),
                        );
                        on_stale.emit(());
                        dom::focus("#transition-to-0");
                    }
                },
            );
        })
    };

    let on_to = {
        let draft = draft.clone();
        Callback::from(move |(value, checked): (String, bool)| {
            if checked {
                edit(&draft, move |draft| draft.to = value.parse().ok());
            }
        })
    };
    let on_outcome = {
        let draft = draft.clone();
        Callback::from(move |(value, checked): (String, bool)| {
            if checked {
                edit(&draft, move |draft| draft.outcome = value.parse().ok());
            }
        })
    };
    let cancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };

    let move_options = options_of(moves.iter().copied(), Phase::as_str, texts.phase_name);
    let outcome_options = options_of(OUTCOMES, DecisionOutcome::as_str, texts.outcome_name);
    let reason_required = draft.0.to == Some(Phase::Abandonne);
    let reason_options = with_prompt(
        texts.choose_reason,
        options_of(
            AbandonReason::ALL,
            AbandonReason::as_str,
            texts.abandon_reason_name,
        ),
    );
    let selected =
        |value: Option<&'static str>| value.map(AttrValue::from).into_iter().collect::<Vec<_>>();

    let fields = DraftFields::new(&draft, &submit);
    html! {
        <Modal
            id="transition-dialog"
            title={texts.change_phase}
            on_close={props.on_close.clone()}
            return_focus="#change-phase"
        >
            <p>
                { texts.current_phase }{ " " }<PhaseBadge phase={project.phase} />
            </p>
            <Alert id="transition-error" message={submit.summary()} />
            <form class="form" novalidate=true data-testid="transition-form" {onsubmit}>
                <ChoiceGroup
                    id="transition-to"
                    legend={texts.new_phase}
                    options={move_options}
                    selected={selected(draft.0.to.map(Phase::as_str))}
                    onchange={on_to}
                    required=true
                    error={submit.error_for("to")}
                />
                <TextField
                    input_type="date"
                    required=true
                    ..fields.text("transition-date", texts.transition_date, "date", |d| &d.date, |d, v| d.date = v)
                />
                if draft.0.asks_outcome() {
                    <ChoiceGroup
                        id="transition-outcome"
                        legend={texts.decision_outcome}
                        options={outcome_options}
                        selected={selected(draft.0.outcome.map(DecisionOutcome::as_str))}
                        onchange={on_outcome}
                        required=true
                        hint={texts.no_go_hint}
                        error={submit.error_for("outcome")}
                    />
                }
                if draft.0.asks_reason() {
                    <SelectField
                        required={reason_required}
                        ..fields.select("transition-reason", if reason_required { texts.abandon_reason } else { texts.abandon_reason_optional }, reason_options, "reason", |d| &d.reason, |d, v| d.reason = v)
                    />
                }
                <TextAreaField
                    hint={texts.motivation_hint}
                    required=true
                    ..fields.area("transition-motivation", texts.motivation, "motivation", |d| &d.motivation, |d, v| d.motivation = v)
                />
                <TextAreaField
                    rows={2}
                    ..fields.area("transition-comment", texts.comment_optional, "comment", |d| &d.comment, |d, v| d.comment = v)
                />
                <div class="form__actions">
                    <SubmitButton label={texts.confirm_transition} busy={submit.busy()} busy_label={texts.saving} testid="confirm-transition" />
                    <CancelButton onclick={cancel} />
                </div>
            </form>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 2).unwrap()
    }

    fn draft(to: Phase) -> TransitionDraft {
        TransitionDraft {
            to: Some(to),
            motivation: "Comité de pilotage".into(),
            ..TransitionDraft::new(day(), &[])
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_single_move_is_preselected() {
        assert_eq!(
            TransitionDraft::new(day(), &[Phase::Cadrage]).to,
            Some(Phase::Cadrage)
        );
        assert_eq!(
            TransitionDraft::new(day(), &[Phase::Cadrage, Phase::Suspendu]).to,
            None
        );
        assert_eq!(TransitionDraft::new(day(), &[]).date, "2025-06-02");
    }

    #[test]
    fn a_plain_move_needs_a_phase_a_date_and_a_motivation() {
        let request = draft(Phase::Cadrage).to_request().unwrap();
        assert_eq!(request.to, Phase::Cadrage);
        assert_eq!(request.date, day());
        assert_eq!((request.outcome, request.reason), (None, None));

        let empty = TransitionDraft {
            date: String::new(),
            ..TransitionDraft::new(day(), &[])
        };
        assert_eq!(
            fields(empty.to_request().unwrap_err()),
            ["to", "date", "motivation"]
        );
    }

    #[test]
    fn a_decision_needs_its_outcome_and_an_abandonment_its_reason() {
        assert_eq!(
            fields(draft(Phase::Decision).to_request().unwrap_err()),
            ["outcome"]
        );
        let mut no_go = draft(Phase::Decision);
        no_go.outcome = Some(DecisionOutcome::NoGo);
        no_go.reason = "financing".into();
        let request = no_go.to_request().unwrap();
        assert_eq!(request.reason, Some(AbandonReason::Financing));

        assert_eq!(
            fields(draft(Phase::Abandonne).to_request().unwrap_err()),
            ["reason"]
        );
        let mut given_up = draft(Phase::Abandonne);
        given_up.reason = "partners".into();
        given_up.outcome = Some(DecisionOutcome::Go);
        let request = given_up.to_request().unwrap();
        assert_eq!(
            request.outcome, None,
            "an outcome left from another choice is not sent"
        );
    }

    #[test]
    fn a_reason_is_not_sent_with_a_move_that_has_none() {
        let mut resumed = draft(Phase::Instruction);
        resumed.reason = "time".into();
        assert_eq!(resumed.to_request().unwrap().reason, None);
    }

    #[test]
    fn refused_moves_list_the_phases_the_server_allows() {
        let details = vec![
            FieldError::new("to", "cadrage", "cadrage"),
            FieldError::new("to", "allowed", "abandonne"),
            FieldError::new("date", "x", "x"),
        ];
        assert_eq!(phases_in(&details), [Phase::Cadrage, Phase::Abandonne]);
    }
}
