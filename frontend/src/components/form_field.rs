//! Labelled form controls whose error message sits next to them and is tied
//! to them with `aria-describedby`, so a screen reader reads it on focus.

use crate::api::ApiError;
use crate::dom;
use crate::format;
use crate::hooks::{setter, DraftHandle, Submit};
use crate::i18n::Texts;
use chrono::NaiveDate;
use shared::users::StaffMember;
use shared::{ErrorCode, FieldError};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Whether a problem reported for `reported` (e.g. `tags.2`) concerns the
/// input holding `field` (`tags`).
fn concerns(reported: &str, field: &str) -> bool {
    reported == field
        || reported
            .strip_prefix(field)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// The translated message for `field`, if any problem concerns it.
pub fn message_for(texts: &Texts, errors: &[FieldError], field: &str) -> Option<AttrValue> {
    errors
        .iter()
        .find(|error| concerns(&error.field, field))
        .map(|error| AttrValue::from(texts.field_error(error)))
}

/// What a form's own checks make of its values: `value`, unless they
/// found problems, in which case all of them (the user fixes them in one
/// go rather than one per attempt).
pub fn without_problems<T>(value: T, problems: Vec<FieldError>) -> Result<T, Vec<FieldError>> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}

/// A date input's value; `None`, and a problem on `field`, when it is not
/// a date.
pub fn date_field(field: &str, text: &str, problems: &mut Vec<FieldError>) -> Option<NaiveDate> {
    format::parse_date_input(text).unwrap_or_else(|format::InvalidDate| {
        problems.push(FieldError::new(field, "invalid_date", "not a date"));
        None
    })
}

/// [`date_field`] for a date that must be given.
pub fn required_date_field(
    field: &str,
    text: &str,
    problems: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    if text.trim().is_empty() {
        problems.push(FieldError::new(field, "required", "give the date"));
        return None;
    }
    date_field(field, text, problems)
}

/// Moves focus to the first input in error, in the form's order (not the
/// order the rules ran in). `fields` pairs API field names with input ids.
pub fn focus_first(errors: &[FieldError], fields: &[(&str, &str)]) {
    let first = fields
        .iter()
        .find(|(name, _)| errors.iter().any(|error| concerns(&error.field, name)));
    if let Some((_, id)) = first {
        dom::focus(&format!("#{id}"));
    }
}

/// The sentence for the form's alert region: what went wrong, plus the
/// problems that no input of the form can show (they would be lost
/// otherwise).
pub fn summary_for(texts: &Texts, error: &ApiError, fields: &[(&str, &str)]) -> AttrValue {
    let mut summary = texts.describe(error);
    for problem in &error.field_errors {
        if !fields
            .iter()
            .any(|(name, _)| concerns(&problem.field, name))
        {
            summary.push(' ');
            summary.push_str(&texts.field_error(problem));
        }
    }
    summary.into()
}

/// What a table row says after one of its changes was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    /// Someone saved the record since the list was loaded (412).
    Conflict,
    Other(AttrValue),
}

impl RowProblem {
    pub fn of(texts: &Texts, error: &ApiError) -> Self {
        if error.has_code(ErrorCode::VersionMismatch) {
            RowProblem::Conflict
        } else {
            // A row has no inputs to show problems next to.
            RowProblem::Other(summary_for(texts, error, &[]))
        }
    }
}

fn described_by(id: &str, hint: bool, error: bool) -> Option<AttrValue> {
    let ids: Vec<String> = [(hint, "hint"), (error, "error")]
        .into_iter()
        .filter(|(present, _)| *present)
        .map(|(_, suffix)| format!("{id}-{suffix}"))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" ").into())
}

fn field_extras(id: &str, hint: &Option<AttrValue>, error: &Option<AttrValue>) -> Html {
    html! {
        <>
            if let Some(hint) = hint {
                <p id={format!("{id}-hint")} class="field-hint">{ hint.clone() }</p>
            }
            if let Some(error) = error {
                <p id={format!("{id}-error")} class="field-error">{ error.clone() }</p>
            }
        </>
    }
}

/// A control under its label, hint and error, in the field's box.
fn labelled(
    id: &AttrValue,
    label: &AttrValue,
    hint: &Option<AttrValue>,
    error: &Option<AttrValue>,
    wide: bool,
    control: Html,
) -> Html {
    let classes = classes!(
        "field",
        wide.then_some("field--wide"),
        error.is_some().then_some("field--invalid")
    );
    html! {
        <div class={classes}>
            <label for={id.clone()}>{ label.clone() }</label>
            { field_extras(id, hint, error) }
            { control }
        </div>
    }
}

/// A select's or a choice group's options: each of `values`, sent as its
/// `code` and shown under its `name`.
pub fn options_of<E: Copy>(
    values: impl IntoIterator<Item = E>,
    code: fn(E) -> &'static str,
    name: fn(E) -> &'static str,
) -> Vec<(AttrValue, AttrValue)> {
    values
        .into_iter()
        .map(|value| {
            (
                AttrValue::Static(code(value)),
                AttrValue::Static(name(value)),
            )
        })
        .collect()
}

/// `options` after a first one that sends nothing, labelled `prompt`
/// (e.g. "Choisir un type").
pub fn with_prompt<V, L>(
    prompt: &'static str,
    options: impl IntoIterator<Item = (V, L)>,
) -> Vec<(AttrValue, AttrValue)>
where
    V: Into<AttrValue>,
    L: Into<AttrValue>,
{
    std::iter::once((AttrValue::Static(""), AttrValue::Static(prompt)))
        .chain(
            options
                .into_iter()
                .map(|(value, label)| (value.into(), label.into())),
        )
        .collect()
}

/// A filter's options, "all" (no filter) first.
pub fn with_all<V, L>(
    texts: &Texts,
    options: impl IntoIterator<Item = (V, L)>,
) -> Vec<(AttrValue, AttrValue)>
where
    V: Into<AttrValue>,
    L: Into<AttrValue>,
{
    with_prompt(texts.filter_all, options)
}

/// The strategic-axis filter's options.
pub fn axis_options(texts: &Texts, axes: &[String]) -> Vec<(AttrValue, AttrValue)> {
    with_all(texts, axes.iter().map(|axis| (axis.clone(), axis.clone())))
}

/// The lead-engineer filter's options.
pub fn lead_options(texts: &Texts, staff: &[StaffMember]) -> Vec<(AttrValue, AttrValue)> {
    with_all(
        texts,
        staff
            .iter()
            .map(|member| (member.id.to_string(), member.display_name.clone())),
    )
}

/// The fields of a form that edit its draft: each shows one value of the
/// draft, writes it back, and shows what the last submit said of it, so
/// these three props are derived from the draft field in one place.
pub struct DraftFields<'a, T: Clone + 'static> {
    draft: &'a DraftHandle<T>,
    submit: &'a Submit,
}

impl<'a, T: Clone + 'static> DraftFields<'a, T> {
    pub fn new(draft: &'a DraftHandle<T>, submit: &'a Submit) -> Self {
        DraftFields { draft, submit }
    }

    /// The draft's value and its setter, and the error reported for the
    /// API field `field`.
    fn bind(
        &self,
        field: &str,
        value: fn(&T) -> &String,
        set: fn(&mut T, String),
    ) -> (AttrValue, Callback<String>, Option<AttrValue>) {
        (
            AttrValue::from(value(&self.draft.0).clone()),
            setter(self.draft, set),
            self.submit.error_for(field),
        )
    }

    /// A [`TextField`]'s props; its other props are set next to them.
    pub fn text(
        &self,
        id: impl Into<AttrValue>,
        label: impl Into<AttrValue>,
        field: &str,
        value: fn(&T) -> &String,
        set: fn(&mut T, String),
    ) -> TextFieldProps {
        let (value, oninput, error) = self.bind(field, value, set);
        TextFieldProps {
            id: id.into(),
            label: label.into(),
            value,
            oninput,
            input_type: AttrValue::Static(TEXT_INPUT),
            autocomplete: None,
            inputmode: None,
            required: false,
            hint: None,
            error,
            testid: None,
            maxlength: None,
        }
    }

    /// A [`TextAreaField`]'s props; its other props are set next to them.
    pub fn area(
        &self,
        id: impl Into<AttrValue>,
        label: impl Into<AttrValue>,
        field: &str,
        value: fn(&T) -> &String,
        set: fn(&mut T, String),
    ) -> TextAreaFieldProps {
        let (value, oninput, error) = self.bind(field, value, set);
        TextAreaFieldProps {
            id: id.into(),
            label: label.into(),
            value,
            oninput,
            rows: TEXT_AREA_ROWS,
            required: false,
            hint: None,
            error,
        }
    }

    /// A [`SelectField`]'s props, choosing among `options`; its other
    /// props are set next to them.
    pub fn select(
        &self,
        id: impl Into<AttrValue>,
        label: impl Into<AttrValue>,
        options: Vec<(AttrValue, AttrValue)>,
        field: &str,
        value: fn(&T) -> &String,
        set: fn(&mut T, String),
    ) -> SelectFieldProps {
        let (value, onchange, error) = self.bind(field, value, set);
        SelectFieldProps {
            id: id.into(),
            label: label.into(),
            options,
            value,
            onchange,
            required: false,
            hint: None,
            error,
            testid: None,
        }
    }
}

const TEXT_INPUT: &str = "text";
const TEXT_AREA_ROWS: u32 = 4;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// Also the input's `name`, and the prefix of its hint and error ids.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or(AttrValue::Static(TEXT_INPUT))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    /// The virtual keyboard to offer, e.g. `decimal` for amounts.
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// The most characters the server takes, when it states a bound.
    #[prop_or_default]
    pub maxlength: Option<usize>,
}

#[function_component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let oninput = {
        let oninput = props.oninput.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            oninput.emit(input.value());
        })
    };
    let id = props.id.clone();
    let invalid = props.error.is_some();
    let input = html! {
        <input
            id={id.clone()}
            name={id.clone()}
            type={props.input_type.clone()}
            value={props.value.clone()}
            autocomplete={props.autocomplete.clone()}
            inputmode={props.inputmode.clone()}
            maxlength={props.maxlength.map(|max| max.to_string())}
            data-testid={props.testid.clone()}
            aria-required={props.required.then_some("true")}
            aria-invalid={invalid.then_some("true")}
            aria-describedby={described_by(&id, props.hint.is_some(), invalid)}
            {oninput}
        />
    };
    labelled(&id, &props.label, &props.hint, &props.error, false, input)
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// `(value, label)` pairs, in display order.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

#[function_component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let onchange = {
        let onchange = props.onchange.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            onchange.emit(select.value());
        })
    };
    let id = props.id.clone();
    let invalid = props.error.is_some();
    let select = html! {
        <select
            id={id.clone()}
            name={id.clone()}
            data-testid={props.testid.clone()}
            aria-required={props.required.then_some("true")}
            aria-invalid={invalid.then_some("true")}
            aria-describedby={described_by(&id, props.hint.is_some(), invalid)}
            {onchange}
        >
            { for props.options.iter().map(|(value, label)| html! {
                <option value={value.clone()} selected={*value == props.value}>
                    { label.clone() }
                </option>
            }) }
        </select>
    };
    labelled(&id, &props.label, &props.hint, &props.error, false, select)
}

#[derive(Properties, PartialEq)]
pub struct TextAreaFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or(TEXT_AREA_ROWS)]
    pub rows: u32,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

#[function_component]
pub fn TextAreaField(props: &TextAreaFieldProps) -> Html {
    let oninput = {
        let oninput = props.oninput.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            oninput.emit(area.value());
        })
    };
    let id = props.id.clone();
    let invalid = props.error.is_some();
    let area = html! {
        <textarea
            id={id.clone()}
            name={id.clone()}
            rows={props.rows.to_string()}
            value={props.value.clone()}
            aria-required={props.required.then_some("true")}
            aria-invalid={invalid.then_some("true")}
            aria-describedby={described_by(&id, props.hint.is_some(), invalid)}
            {oninput}
        />
    };
    labelled(&id, &props.label, &props.hint, &props.error, true, area)
}

#[derive(Properties, PartialEq)]
pub struct ChoiceGroupProps {
    /// Prefix of the inputs' ids; the first one is `{id}-0`, the target
    /// of focus when the group is in error.
    pub id: AttrValue,
    pub legend: AttrValue,
    /// `(value, label)` pairs, in display order.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// Checked values: one for radios, any number for checkboxes.
    pub selected: Vec<AttrValue>,
    /// `(value, checked)` whenever an input changes.
    pub onchange: Callback<(String, bool)>,
    /// Checkboxes when true, radio buttons otherwise.
    #[prop_or_default]
    pub multiple: bool,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

/// Radio buttons or checkboxes in a `fieldset` whose `legend` names the
/// question; the hint and error belong to the group.
#[function_component]
pub fn ChoiceGroup(props: &ChoiceGroupProps) -> Html {
    let id = props.id.clone();
    let invalid = props.error.is_some();
    let classes = classes!("field", "choice-group", invalid.then_some("field--invalid"));
    let kind = if props.multiple { "checkbox" } else { "radio" };
    html! {
        <fieldset
            class={classes}
            id={id.clone()}
            aria-describedby={described_by(&id, props.hint.is_some(), invalid)}
            aria-invalid={invalid.then_some("true")}
            aria-required={(props.required && !props.multiple).then_some("true")}
            role={(!props.multiple).then_some("radiogroup")}
        >
            <legend>{ props.legend.clone() }</legend>
            { field_extras(&id, &props.hint, &props.error) }
            <div class="choice-group__options">
                { for props.options.iter().enumerate().map(|(index, (value, label))| {
                    let input_id = format!("{id}-{index}");
                    let onchange = {
                        let onchange = props.onchange.clone();
                        let value = value.to_string();
                        Callback::from(move |event: Event| {
                            let input: HtmlInputElement = event.target_unchecked_into();
                            onchange.emit((value.clone(), input.checked()));
                        })
                    };
                    html! {
                        <div class="choice">
                            <input
                                type={kind}
                                id={input_id.clone()}
                                name={id.clone()}
                                value={value.clone()}
                                checked={props.selected.contains(value)}
                                {onchange}
                            />
                            <label for={input_id}>{ label.clone() }</label>
                        </div>
                    }
                }) }
            </div>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct AlertProps {
    pub id: AttrValue,
    #[prop_or_default]
    pub message: Option<AttrValue>,
}

/// A live region that exists before it has anything to say: screen readers
/// announce changes to a region they already know more reliably than a
/// region that appears.
#[function_component]
pub fn Alert(props: &AlertProps) -> Html {
    html! {
        <div id={props.id.clone()} class="alert" role="alert">
            if let Some(message) = &props.message {
                <p>{ message.clone() }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ConflictAlertProps {
    /// Someone else saved the record since the form was filled.
    pub conflict: bool,
    pub message: AttrValue,
    pub on_reload: Callback<MouseEvent>,
    /// "Recharger" unless given.
    #[prop_or_default]
    pub button_label: Option<AttrValue>,
    #[prop_or_default]
    pub button_id: Option<AttrValue>,
    /// Takes focus to the reload button when the conflict appears (it
    /// needs `button_id`), the one way forward.
    #[prop_or_default]
    pub focus: bool,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub button_testid: Option<AttrValue>,
}

/// An [`Alert`] for a save refused because someone else saved first: what
/// happened, and the button that fetches their version.
#[function_component]
pub fn ConflictAlert(props: &ConflictAlertProps) -> Html {
    let texts = crate::i18n::use_lang().texts();
    let target = props
        .focus
        .then(|| props.button_id.clone())
        .flatten()
        .filter(|_| props.conflict);
    use_effect_with(target, |target| {
        if let Some(id) = target {
            dom::focus(&format!("#{id}"));
        }
    });
    html! {
        <div class="alert" role="alert" data-testid={props.testid.clone()}>
            if props.conflict {
                <p>{ props.message.clone() }</p>
                <button
                    type="button"
                    id={props.button_id.clone()}
                    class="button button--secondary"
                    data-testid={props.button_testid.clone()}
                    onclick={props.on_reload.clone()}
                >
                    { props.button_label.clone().unwrap_or(AttrValue::Static(texts.reload)) }
                </button>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SubmitButtonProps {
    pub label: AttrValue,
    /// A request is on its way: the button says so and is marked disabled,
    /// staying focusable (the form ignores the click).
    pub busy: bool,
    /// What the button says while busy, if not its label.
    #[prop_or_default]
    pub busy_label: Option<AttrValue>,
    /// Marked disabled for another reason, e.g. a conflict to resolve first.
    #[prop_or_default]
    pub blocked: bool,
    #[prop_or_default]
    pub secondary: bool,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// A form's submit button, as every form shows its sending state.
#[function_component]
pub fn SubmitButton(props: &SubmitButtonProps) -> Html {
    let class = classes!(
        "button",
        if props.secondary {
            "button--secondary"
        } else {
            "button--primary"
        }
    );
    let label = match (&props.busy_label, props.busy) {
        (Some(busy_label), true) => busy_label.clone(),
        _ => props.label.clone(),
    };
    html! {
        <button
            type="submit"
            {class}
            data-testid={props.testid.clone()}
            aria-disabled={(props.busy || props.blocked).then_some("true")}
        >
            { label }
        </button>
    }
}

#[derive(Properties, PartialEq)]
pub struct CancelButtonProps {
    pub onclick: Callback<MouseEvent>,
}

/// "Annuler", next to a form's submit button: leaves the form unsent.
#[function_component]
pub fn CancelButton(props: &CancelButtonProps) -> Html {
    let texts = crate::i18n::use_lang().texts();
    html! {
        <button type="button" class="button button--secondary" onclick={props.onclick.clone()}>
            { texts.cancel }
        </button>
    }
}

#[derive(Properties, PartialEq)]
pub struct StatusProps {
    #[prop_or_default]
    pub message: Option<AttrValue>,
}

/// Polite confirmation of a success, read when the reader is idle.
#[function_component]
pub fn Status(props: &StatusProps) -> Html {
    html! {
        <div class="status" role="status">
            if let Some(message) = &props.message {
                <p>{ message.clone() }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_on_list_items_belong_to_the_list() {
        assert!(concerns("tags", "tags"));
        assert!(concerns("tags.2", "tags"));
        assert!(!concerns("tagsx", "tags"));
        assert!(!concerns("title", "tags"));
    }

    #[test]
    fn describedby_lists_hint_then_error() {
        assert_eq!(described_by("email", false, false), None);
        assert_eq!(
            described_by("password", true, true).as_deref(),
            Some("password-hint password-error")
        );
        assert_eq!(
            described_by("email", false, true).as_deref(),
            Some("email-error")
        );
    }
}
