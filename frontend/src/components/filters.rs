//! The search-and-filter panel above a list or a dashboard: a search
//! landmark named after what it filters, the page's own fields, then
//! "Appliquer" and "Tout effacer". Also the filter fields that several
//! of them share.

use crate::components::form_field::{axis_options, lead_options, SelectField, TextField};
use crate::hooks::FilterActions;
use crate::i18n::{use_lang, Texts};
use shared::users::StaffMember;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilterPanelProps {
    /// Prefix of the panel's heading id, e.g. `project`.
    pub id: AttrValue,
    /// Names the search landmark, e.g. "Filtrer les projets".
    pub label: AttrValue,
    pub actions: FilterActions,
    /// The fields.
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn FilterPanel(props: &FilterPanelProps) -> Html {
    let texts = use_lang().texts();
    let onsubmit = {
        let apply = props.actions.apply.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            apply.emit(());
        })
    };
    let on_reset = props.actions.reset.reform(|_: MouseEvent| ());
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

/// A list's search box; `hint` says what it searches.
pub fn search_filter(
    texts: &Texts,
    id: &'static str,
    hint: &'static str,
    value: &str,
    oninput: Callback<String>,
) -> Html {
    html! {
        <TextField {id} label={texts.search_label} {hint} input_type="search"
                   value={value.to_owned()} {oninput} />
    }
}

/// The filter on one tag.
pub fn tag_filter(texts: &Texts, id: &'static str, value: &str, oninput: Callback<String>) -> Html {
    html! { <TextField {id} label={texts.tag_label} value={value.to_owned()} {oninput} /> }
}

/// The strategic-axis filter, "all" first.
pub fn axis_filter(
    texts: &Texts,
    id: &'static str,
    axes: &[String],
    value: &str,
    onchange: Callback<String>,
) -> Html {
    let options = axis_options(texts, axes);
    html! { <SelectField {id} label={texts.column_axis} {options} value={value.to_owned()} {onchange} /> }
}

/// The lead-engineer filter, "all" first.
pub fn lead_filter(
    texts: &Texts,
    id: &'static str,
    staff: &[StaffMember],
    value: &str,
    onchange: Callback<String>,
) -> Html {
    let options = lead_options(texts, staff);
    html! { <SelectField {id} label={texts.column_lead} {options} value={value.to_owned()} {onchange} /> }
}

/// The commission-year filter, typed as digits.
pub fn year_filter(
    texts: &Texts,
    id: &'static str,
    hint: Option<&'static str>,
    value: &str,
    oninput: Callback<String>,
) -> Html {
    html! {
        <TextField {id} label={texts.commission_year_label} {hint} inputmode="numeric"
                   value={value.to_owned()} {oninput} />
    }
}
