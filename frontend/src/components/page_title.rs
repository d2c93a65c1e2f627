use crate::components::nav::NavLink;
use crate::hooks::use_document_title;
use crate::i18n::use_lang;
use crate::routes::Route;
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

#[derive(Properties, PartialEq)]
pub struct ListHeadingProps {
    pub title: AttrValue,
    /// The actions are for those who may add to the list.
    pub can_edit: bool,
    /// The page that imports into the list, and its link's test id.
    pub import: Route,
    pub import_testid: AttrValue,
    /// How to add one entry, after the import link.
    #[prop_or_default]
    pub children: Html,
}

/// A list page's title, with its import link and its way of adding an
/// entry for those who may.
#[function_component]
pub fn ListHeading(props: &ListHeadingProps) -> Html {
    let texts = use_lang().texts();
    html! {
        <div class="page-heading">
            <PageTitle text={props.title.clone()} />
            if props.can_edit {
                <div class="page-heading__actions">
                    <NavLink to={props.import.clone()} class={classes!("button", "button--secondary")}
                             testid={props.import_testid.clone()}>
                        { texts.import_link }
                    </NavLink>
                    { props.children.clone() }
                </div>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct PanelToggleProps {
    /// The button's id and test id; the panel it opens is `{id}-panel`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub expanded: bool,
    pub onclick: Callback<MouseEvent>,
}

/// The primary button that opens and closes the panel of a new entry.
#[function_component]
pub fn PanelToggle(props: &PanelToggleProps) -> Html {
    html! {
        <button
            type="button"
            id={props.id.clone()}
            class="button button--primary"
            aria-expanded={if props.expanded { "true" } else { "false" }}
            aria-controls={format!("{}-panel", props.id)}
            data-testid={props.id.clone()}
            onclick={props.onclick.clone()}
        >
            { props.label.clone() }
        </button>
    }
}
