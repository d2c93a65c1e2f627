//! The fields of the forms that make or complete an account (creating a
//! user, inviting a partner, accepting an invitation): the same label,
//! input type and autofill hint wherever they are asked. Each is bound to
//! the text state it edits.

use crate::components::form_field::TextField;
use crate::hooks::text_setter;
use crate::i18n::Texts;
use yew::prelude::*;

/// The e-mail address of an account being made for someone else: the
/// browser must not fill in the administrator's own.
pub fn email_field(
    texts: &Texts,
    id: &'static str,
    state: &UseStateHandle<String>,
    error: Option<AttrValue>,
) -> Html {
    html! {
        <TextField {id} label={texts.email} input_type="email" autocomplete="off" required=true
                   value={(**state).clone()} oninput={text_setter(state)} {error} />
    }
}

/// The name an account is shown under.
pub fn display_name_field(
    texts: &Texts,
    id: &'static str,
    state: &UseStateHandle<String>,
    error: Option<AttrValue>,
) -> Html {
    html! {
        <TextField {id} label={texts.display_name} autocomplete="off" required=true
                   value={(**state).clone()} oninput={text_setter(state)} {error} />
    }
}

/// A password being chosen, which password managers may offer to make.
pub fn new_password_field(
    id: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    state: &UseStateHandle<String>,
    error: Option<AttrValue>,
) -> Html {
    html! {
        <TextField {id} {label} {hint} input_type="password" autocomplete="new-password" required=true
                   value={(**state).clone()} oninput={text_setter(state)} {error} />
    }
}
