use crate::i18n::use_lang;
use shared::lifecycle::Phase;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PhaseBadgeProps {
    pub phase: Phase,
}

/// The phase's name in a tinted pill: the colour only repeats the text.
#[function_component]
pub fn PhaseBadge(props: &PhaseBadgeProps) -> Html {
    let texts = use_lang().texts();
    html! {
        <span class={classes!("phase", format!("phase--{}", props.phase.as_str()))}
              data-phase={props.phase.as_str()}>
            { (texts.phase_name)(props.phase) }
        </span>
    }
}
