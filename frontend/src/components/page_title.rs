use crate::hooks::use_document_title;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PageTitleProps {
    pub text: AttrValue,
}

/// The page's `<h1>`, also used as the tab title. Focusable from script
/// (not by Tab) so that navigation can move focus to it.
#[function_component]
pub fn PageTitle(props: &PageTitleProps) -> Html {
    use_document_title(&props.text);
    html! { <h1 tabindex="-1">{ props.text.clone() }</h1> }
}
