//! The search-and-filter panel above a list or a dashboard: a search
//! landmark named after what it filters, the page's own fields, then
//! "Appliquer" and "Tout effacer".

use crate::i18n::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilterPanelProps {
    /// Prefix of the panel's heading id, e.g. `project`.
    pub id: AttrValue,
    /// Names the search landmark, e.g. "Filtrer les projets".
    pub label: AttrValue,
    pub on_apply: Callback<()>,
    pub on_reset: Callback<()>,
    /// The fields.
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn FilterPanel(props: &FilterPanelProps) -> Html {
    let texts = use_lang().texts();
    let onsubmit = {
        let on_apply = props.on_apply.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_apply.emit(());
        })
    };
    let on_reset = props.on_reset.reform(|_: MouseEvent| ());
    let heading = format!("{}-filters-heading", props.id);
    html! {
        <section class="panel" aria-labelledby={heading.clone()}>
            <h2 id={heading} class="visually-hidden">{ texts.filters_heading }</h2>
            <form class="filters" role="search" aria-label={props.label.clone()} {onsubmit}>
                { props.children.clone() }
                <div class="filters__actions">
                    <button type="submit" class="button button--secondary" data-testid="apply-filters">
                        { texts.apply_filters }
                    </button>
                    <button type="button" class="button button--link" onclick={on_reset}>
                        { texts.reset_filters }
                    </button>
                </div>
            </form>
        </section>
    }
}
