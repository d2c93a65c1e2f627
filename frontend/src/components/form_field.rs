//! Labelled form controls whose error message sits next to them and is tied
//! to them with `aria-describedby`, so a screen reader reads it on focus.

use crate::i18n::Texts;
use shared::FieldError;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The translated message for `field`, if any problem concerns it.
pub fn message_for(texts: &Texts, errors: &[FieldError], field: &str) -> Option<AttrValue> {
    errors
        .iter()
        .find(|error| error.field == field)
        .map(|error| AttrValue::from(texts.field_error(error)))
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

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// Also the input's `name`, and the prefix of its hint and error ids.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
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
    let classes = classes!("field", invalid.then_some("field--invalid"));
    html! {
        <div class={classes}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            { field_extras(&id, &props.hint, &props.error) }
            <input
                id={id.clone()}
                name={id.clone()}
                type={props.input_type.clone()}
                value={props.value.clone()}
                autocomplete={props.autocomplete.clone()}
                aria-required={props.required.then_some("true")}
                aria-invalid={invalid.then_some("true")}
                aria-describedby={described_by(&id, props.hint.is_some(), invalid)}
                {oninput}
            />
        </div>
    }
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
    pub error: Option<AttrValue>,
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
    let classes = classes!("field", invalid.then_some("field--invalid"));
    html! {
        <div class={classes}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            { field_extras(&id, &None, &props.error) }
            <select
                id={id.clone()}
                name={id.clone()}
                aria-invalid={invalid.then_some("true")}
                aria-describedby={described_by(&id, false, invalid)}
                {onchange}
            >
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={*value == props.value}>
                        { label.clone() }
                    </option>
                }) }
            </select>
        </div>
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
