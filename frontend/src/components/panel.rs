//! A titled part of a page: its box, the heading that names it for
//! screen readers, and its alert region when it has one.

use crate::components::form_field::Alert;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// The heading's id, which names the panel.
    pub heading_id: AttrValue,
    pub heading: AttrValue,
    /// An anchor to the panel, e.g. for the project page's table of contents.
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Inside another panel: a lesser box and heading level.
    #[prop_or_default]
    pub sub: bool,
    /// The alert region's id; the region exists (empty) before it has
    /// anything to say, see [`Alert`].
    #[prop_or_default]
    pub alert_id: Option<AttrValue>,
    #[prop_or_default]
    pub alert: Option<AttrValue>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn Panel(props: &PanelProps) -> Html {
    let heading_id = props.heading_id.clone();
    let heading = if props.sub {
        html! { <h3 id={heading_id.clone()}>{ props.heading.clone() }</h3> }
    } else {
        html! { <h2 id={heading_id.clone()}>{ props.heading.clone() }</h2> }
    };
    html! {
        <section
            class={if props.sub { "subpanel" } else { "panel" }}
            id={props.id.clone()}
            aria-labelledby={heading_id}
            data-testid={props.testid.clone()}
        >
            { heading }
            if let Some(alert_id) = &props.alert_id {
                <Alert id={alert_id.clone()} message={props.alert.clone()} />
            }
            { props.children.clone() }
        </section>
    }
}
