//! The small buttons that act on one record of a list ("Supprimer",
//! "Révoquer"…): the visible verb, and for screen readers the record it
//! acts on, so that a list of them does not read as the same button again
//! and again.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RowActionProps {
    /// The visible verb.
    pub label: AttrValue,
    /// The rest of the accessible name: usually a visually hidden span
    /// naming the record.
    pub object: Html,
    /// Destructive (deleting, revoking): drawn as a warning.
    #[prop_or_default]
    pub danger: bool,
    pub onclick: Callback<MouseEvent>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

#[function_component]
pub fn RowAction(props: &RowActionProps) -> Html {
    let kind = if props.danger {
        "button--danger"
    } else {
        "button--secondary"
    };
    html! {
        <button type="button" class={classes!("button", kind, "button--small")}
                data-testid={props.testid.clone()} onclick={props.onclick.clone()}>
            { props.label.clone() }{ props.object.clone() }
        </button>
    }
}

/// A visually hidden name for a record, read after an action's verb.
pub fn hidden_name(name: &str) -> Html {
    html! { <span class="visually-hidden">{ " " }{ name.to_owned() }</span> }
}
