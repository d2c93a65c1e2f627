//! A modal dialog on the browser's own `<dialog>`: `showModal()` makes the
//! rest of the page inert (unreachable by mouse, keyboard and screen
//! reader) and Escape closes it. On top of that, Tab cycles inside the
//! dialog instead of leaving for the browser's toolbar, the first field gets
//! focus on opening, and focus returns to where it was on closing.

use crate::dom;
use crate::i18n::use_lang;
use wasm_bindgen::JsCast;
use web_sys::{HtmlDialogElement, HtmlElement};
use yew::prelude::*;

const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// The dialog's id; its title is `{id}-title`.
    pub id: AttrValue,
    pub title: AttrValue,
    /// Escape, the close button, or the parent's cancel action.
    pub on_close: Callback<()>,
    /// Where focus goes back to when the dialog closes, if the element that
    /// opened it is gone by then.
    pub return_focus: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

fn focusable_in(dialog: &HtmlDialogElement) -> Vec<HtmlElement> {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect()
}

#[function_component]
pub fn Modal(props: &ModalProps) -> Html {
    let texts = use_lang().texts();
    let dialog = use_node_ref();

    {
        let dialog = dialog.clone();
        let return_focus = props.return_focus.to_string();
        use_effect_with((), move |_| {
            let opener = dom::document()
                .and_then(|document| document.active_element())
                .and_then(|element| element.dyn_into::<HtmlElement>().ok());
            let element = dialog.cast::<HtmlDialogElement>();
            if let Some(dialog) = &element {
                // Already open if the browser refused (nothing better to do).
                let _ = dialog.show_modal();
                // The first field, rather than the close button, which comes
                // first in the markup.
                let first_field = dialog
                    .query_selector("input, select, textarea")
                    .ok()
                    .flatten()
                    .and_then(|element| element.dyn_into::<HtmlElement>().ok());
                if let Some(field) = first_field {
                    let _ = field.focus();
                }
            }
            move || {
                // While the dialog is modal the rest of the page is inert and
                // cannot take focus: close it before giving focus back.
                if let Some(dialog) = element {
                    dialog.close();
                }
                match opener.filter(|opener| opener.is_connected()) {
                    Some(opener) => {
                        let _ = opener.focus();
                    }
                    None => dom::focus_or_heading(&return_focus),
                }
            }
        });
    }

    // The browser's Escape handling would close the dialog behind Yew's
    // back; the parent decides instead (it removes the dialog).
    let oncancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |event: Event| {
            event.prevent_default();
            on_close.emit(());
        })
    };
    let onkeydown = {
        let dialog = dialog.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() != "Tab" {
                return;
            }
            let Some(dialog) = dialog.cast::<HtmlDialogElement>() else {
                return;
            };
            let focusable = focusable_in(&dialog);
            let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
                return;
            };
            let active = dom::document().and_then(|document| document.active_element());
            let at = |element: &HtmlElement| {
                active
                    .as_ref()
                    .is_some_and(|active| active == element.unchecked_ref::<web_sys::Element>())
            };
            if event.shift_key() && at(first) {
                event.prevent_default();
                let _ = last.focus();
            } else if !event.shift_key() && at(last) {
                event.prevent_default();
                let _ = first.focus();
            }
        })
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };

    let title_id = format!("{}-title", props.id);
    html! {
        <dialog
            ref={dialog}
            id={props.id.clone()}
            class="modal"
            aria-labelledby={title_id.clone()}
            {oncancel}
            {onkeydown}
        >
            <div class="modal__header">
                <h2 id={title_id}>{ props.title.clone() }</h2>
                <button
                    type="button"
                    class="modal__close"
                    aria-label={texts.close_dialog}
                    onclick={close}
                >
                    <span aria-hidden="true">{ "×" }</span>
                </button>
            </div>
            { props.children.clone() }
        </dialog>
    }
}
