//! What every form that sends something goes through: busy while the
//! request is in flight, then either done or refused with a summary for the
//! alert region and a message by input. Written once here so that every
//! form behaves the same for the keyboard and the screen reader (focus on
//! the first input in error, problems no input can show kept in the
//! summary) and ignores a second submit while the first is on its way.

use crate::api::ApiError;
use crate::components::form_field::{focus_first, message_for, summary_for};
use crate::i18n::{use_lang, Texts};
use shared::{ErrorCode, FieldError};
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// The API's field names and the ids of the inputs that hold them, in the
/// form's order: where focus goes when a field is in error, and which
/// problems the summary must spell out because no input shows them.
#[derive(Debug, Clone, PartialEq)]
pub enum FormFields {
    Fixed(&'static [(&'static str, &'static str)]),
    /// For forms whose inputs depend on the data, e.g. a grid's criteria.
    Built(Rc<[(String, String)]>),
}

impl FormFields {
    fn pairs(&self) -> Vec<(&str, &str)> {
        match self {
            FormFields::Fixed(fields) => fields.to_vec(),
            FormFields::Built(fields) => fields
                .iter()
                .map(|(name, id)| (name.as_str(), id.as_str()))
                .collect(),
        }
    }
}

impl<const N: usize> From<&'static [(&'static str, &'static str); N]> for FormFields {
    fn from(fields: &'static [(&'static str, &'static str); N]) -> Self {
        FormFields::Fixed(fields)
    }
}

impl From<Vec<(String, String)>> for FormFields {
    fn from(fields: Vec<(String, String)>) -> Self {
        FormFields::Built(fields.into())
    }
}

/// The form's sending state and what it shows of its last attempt.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SubmitState {
    busy: bool,
    /// For the form's alert region.
    summary: Option<AttrValue>,
    field_errors: Vec<FieldError>,
}

pub enum SubmitAction {
    Busy(bool),
    Show {
        summary: Option<AttrValue>,
        field_errors: Vec<FieldError>,
    },
    Summary(Option<AttrValue>),
    FieldErrors(Vec<FieldError>),
}

impl Reducible for SubmitState {
    type Action = SubmitAction;

    fn reduce(self: Rc<Self>, action: SubmitAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SubmitAction::Busy(busy) => next.busy = busy,
            SubmitAction::Show {
                summary,
                field_errors,
            } => {
                next.summary = summary;
                next.field_errors = field_errors;
            }
            SubmitAction::Summary(summary) => next.summary = summary,
            SubmitAction::FieldErrors(field_errors) => next.field_errors = field_errors,
        }
        Rc::new(next)
    }
}

/// A form's submit lifecycle; see [`use_submit`].
#[derive(Clone)]
pub struct Submit {
    texts: &'static Texts,
    fields: FormFields,
    state: UseReducerHandle<SubmitState>,
    /// Set the moment a request leaves, not at the next render: a double
    /// click must not send twice.
    in_flight: Rc<RefCell<bool>>,
}

impl Submit {
    /// A request is on its way (for `aria-disabled`, `aria-busy` and the
    /// button's "…ing" label).
    pub fn busy(&self) -> bool {
        self.state.busy
    }

    /// The alert region's sentence, if the last attempt failed.
    pub fn summary(&self) -> Option<AttrValue> {
        self.state.summary.clone()
    }

    pub fn field_errors(&self) -> &[FieldError] {
        &self.state.field_errors
    }

    /// The message for the input holding `field`, if a problem concerns it.
    pub fn error_for(&self, field: &str) -> Option<AttrValue> {
        message_for(self.texts, &self.state.field_errors, field)
    }

    /// The form's `onsubmit`: the browser does not submit the form itself,
    /// and a submit while a request is in flight is ignored.
    pub fn on_submit(&self, submit: impl Fn(&Submit) + 'static) -> Callback<SubmitEvent> {
        let this = self.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !*this.in_flight.borrow() {
                submit(&this);
            }
        })
    }

    /// The form's own checks failed: nothing is sent.
    pub fn invalid(&self, problems: Vec<FieldError>) {
        self.invalid_with(self.texts.form_has_errors, problems);
    }

    /// What the form's own checks made of its values: the request to send,
    /// or `None` once their problems are shown.
    pub fn checked<T>(&self, checked: Result<T, Vec<FieldError>>) -> Option<T> {
        checked.map_err(|problems| self.invalid(problems)).ok()
    }

    /// [`Submit::invalid`] with a summary of the form's own.
    pub fn invalid_with(&self, summary: impl Into<AttrValue>, problems: Vec<FieldError>) {
        focus_first(&problems, &self.fields.pairs());
        self.show(Some(summary.into()), problems);
    }

    pub fn show(&self, summary: Option<AttrValue>, field_errors: Vec<FieldError>) {
        self.state.dispatch(SubmitAction::Show {
            summary,
            field_errors,
        });
    }

    /// Changes the summary, keeping the messages by input.
    pub fn set_summary(&self, summary: Option<AttrValue>) {
        self.state.dispatch(SubmitAction::Summary(summary));
    }

    /// Changes the messages by input, keeping the summary.
    pub fn set_field_errors(&self, field_errors: Vec<FieldError>) {
        self.state.dispatch(SubmitAction::FieldErrors(field_errors));
    }

    pub fn clear(&self) {
        self.show(None, Vec::new());
    }

    /// How a form shows a refused request unless it knows better: focus on
    /// the first input in error, the API's problems by input, and a summary
    /// that also spells out those no input shows.
    pub fn refused(&self, error: &ApiError) {
        self.refused_with(error, error.field_errors.clone());
    }

    /// Whether `error` says someone saved the record since the form was
    /// filled (412). If so, `conflict` is set and the summary cleared: the
    /// form's conflict alert says what happened and offers their version.
    pub fn conflicted(&self, error: &ApiError, conflict: &UseStateHandle<bool>) -> bool {
        let stale = error.has_code(ErrorCode::VersionMismatch);
        if stale {
            self.set_summary(None);
            conflict.set(true);
        }
        stale
    }

    /// [`Submit::refused`] for a form with one value the server keeps
    /// unique (`field`): a duplicate refused without details is that one.
    pub fn refused_unique(&self, error: &ApiError, field: &str) {
        let mut problems = error.field_errors.clone();
        if problems.is_empty() && error.has_code(ErrorCode::AlreadyExists) {
            problems.push(FieldError::new(
                field,
                "already_exists",
                error.message.clone(),
            ));
        }
        self.refused_with(error, problems);
    }

    fn refused_with(&self, error: &ApiError, problems: Vec<FieldError>) {
        focus_first(&problems, &self.fields.pairs());
        self.show(Some(self.summary_of(error)), problems);
    }

    /// The summary [`Submit::refused`] would show for `error`.
    pub fn summary_of(&self, error: &ApiError) -> AttrValue {
        summary_for(self.texts, error, &self.fields.pairs())
    }

    /// Sends `request` unless one is in flight. On success the summary and
    /// the messages are cleared before `on_success`; a refusal is shown
    /// with [`Submit::refused`].
    pub fn run<T, Fut>(&self, request: Fut, on_success: impl FnOnce(T) + 'static)
    where
        T: 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        self.run_or_else(request, on_success, |submit, error| submit.refused(&error));
    }

    /// [`Submit::run`] for a form that shows some refusals its own way.
    pub fn run_or_else<T, Fut>(
        &self,
        request: Fut,
        on_success: impl FnOnce(T) + 'static,
        on_error: impl FnOnce(&Submit, ApiError) + 'static,
    ) where
        T: 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        if self.in_flight.replace(true) {
            return;
        }
        self.state.dispatch(SubmitAction::Busy(true));
        let submit = self.clone();
        spawn_local(async move {
            let outcome = request.await;
            submit.in_flight.replace(false);
            submit.state.dispatch(SubmitAction::Busy(false));
            match outcome {
                Ok(value) => {
                    submit.clear();
                    on_success(value);
                }
                Err(error) => on_error(&submit, error),
            }
        });
    }
}

/// The submit lifecycle of a form whose inputs are `fields`: whether it is
/// sending, what went wrong with the last attempt, and how to send.
///
/// One hook rather than busy, summary and messages kept by each form: the
/// steps are the same everywhere, and a form that spelled them its own way
/// would sooner or later forget one (clearing busy, focusing the first
/// input in error, ignoring a second click).
#[hook]
pub fn use_submit<F>(fields: F) -> Submit
where
    F: Into<FormFields>,
{
    let texts = use_lang().texts();
    let state = use_reducer(SubmitState::default);
    let in_flight = use_mut_ref(|| false);
    Submit {
        texts,
        fields: fields.into(),
        state,
        in_flight,
    }
}
