//! A secret the server shows once (an API key, a webhook's signing
//! secret, an invitation link): in a read-only field with a copy button
//! and a plain warning that it will not be shown again.

use crate::dom;
use crate::i18n::use_lang;
use wasm_bindgen_futures::JsFuture;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OneTimeSecretProps {
    /// The field's id; the heading is `{id}-heading`.
    pub id: AttrValue,
    pub heading: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    /// Why it matters and what to do with it.
    pub warning: AttrValue,
    pub on_dismiss: Callback<()>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

#[function_component]
pub fn OneTimeSecret(props: &OneTimeSecretProps) -> Html {
    let texts = use_lang().texts();
    let heading = format!("{}-heading", props.id);
    let warning = format!("{}-warning", props.id);
    // Focus lands on the secret, so that its label and warning are read
    // and it can be copied at once.
    {
        let id = props.id.clone();
        use_effect_with(props.value.clone(), move |_| dom::focus(&format!("#{id}")));
    }
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    let select_all = Callback::from(|event: FocusEvent| {
        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
        input.select();
    });
    html! {
        <section class="panel panel--secret" aria-labelledby={heading.clone()} data-testid={props.testid.clone()}>
            <h2 id={heading}>{ props.heading.clone() }</h2>
            <p id={warning.clone()} class="secret-warning">
                <span aria-hidden="true">{ "⚠ " }</span>{ props.warning.clone() }
            </p>
            <div class="field field--wide">
                <label for={props.id.clone()}>{ props.label.clone() }</label>
                <div class="copy-field">
                    <input
                        id={props.id.clone()}
                        class="copy-field__value"
                        type="text"
                        readonly=true
                        spellcheck="false"
                        autocomplete="off"
                        value={props.value.clone()}
                        aria-describedby={warning}
                        onfocus={select_all}
                    />
                    <CopyButton target={props.id.clone()} value={props.value.clone()} />
                </div>
            </div>
            <button type="button" class="button button--secondary" onclick={dismiss}>
                { texts.secret_dismiss }
            </button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The input holding the value, selected if the clipboard refuses.
    pub target: AttrValue,
    pub value: AttrValue,
}

/// Copies `value` with the Clipboard API; where the browser refuses (no
/// secure context, permission denied), selects the text and says how to
/// copy it by hand.
#[function_component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let texts = use_lang().texts();
    let outcome = use_state(|| None::<bool>);
    let onclick = {
        let (outcome, value, target) = (outcome.clone(), props.value.clone(), props.target.clone());
        Callback::from(move |_: MouseEvent| {
            let (outcome, value, target) = (outcome.clone(), value.clone(), target.clone());
            spawn_local(async move {
                let copied = match web_sys::window().map(|window| window.navigator().clipboard()) {
                    Some(clipboard) => JsFuture::from(clipboard.write_text(&value)).await.is_ok(),
                    None => false,
                };
                if !copied {
                    dom::select_text(&format!("#{target}"));
                }
                outcome.set(Some(copied));
            });
        })
    };
    html! {
        <>
            <button type="button" class="button button--primary" data-testid="copy-secret" {onclick}>
                { texts.copy }
            </button>
            <span class="copy-field__status" role="status">
                { match *outcome {
                    Some(true) => texts.copied,
                    Some(false) => texts.copy_failed,
                    None => "",
                } }
            </span>
        </>
    }
}
