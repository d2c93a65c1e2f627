//! Choosing an actor among hundreds: a search box narrows a plain
//! `<select>`. Both are native controls, so keyboard and screen-reader use
//! need nothing special, unlike a hand-made combobox.

use crate::api;
use crate::i18n::use_lang;
use gloo_timers::callback::Timeout;
use shared::actors::Actor;
use shared::ids::ActorId;
use std::cell::Cell;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::platform::spawn_local;
use yew::prelude::*;

/// Waiting this long after the last keystroke before searching spares the
/// server a request per letter.
const SEARCH_DELAY_MS: u32 = 250;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickedActor {
    pub id: ActorId,
    pub name: String,
}

#[derive(Properties, PartialEq)]
pub struct ActorPickerProps {
    /// The select's id; the search box is `{id}-search`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub selected: Option<PickedActor>,
    pub on_select: Callback<Option<PickedActor>>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

#[function_component]
pub fn ActorPicker(props: &ActorPickerProps) -> Html {
    let texts = use_lang().texts();
    let search = use_state(String::new);
    let query = use_state(String::new);
    let results = use_state(|| None::<Vec<Actor>>);
    let failed = use_state(|| false);
    let pending = use_mut_ref(|| None::<Timeout>);

    {
        let (results, failed) = (results.clone(), failed.clone());
        use_effect_with((*query).clone(), move |query| {
            let superseded = Rc::new(Cell::new(false));
            let (query, stale) = (query.clone(), Rc::clone(&superseded));
            spawn_local(async move {
                let answer = api::actors::search(&query).await;
                if stale.get() {
                    return;
                }
                match answer {
                    Ok(page) => {
                        results.set(Some(page.items));
                        failed.set(false);
                    }
                    Err(_) => failed.set(true),
                }
            });
            move || superseded.set(true)
        });
    }

    let on_search = {
        let (search, query) = (search.clone(), query.clone());
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let value = input.value();
            search.set(value.clone());
            let query = query.clone();
            // Replacing the timer cancels the previous one.
            *pending.borrow_mut() = Some(Timeout::new(SEARCH_DELAY_MS, move || {
                query.set(value.trim().to_owned());
            }));
        })
    };

    let found: Vec<Actor> = (*results).clone().unwrap_or_default();
    let on_change = {
        let on_select = props.on_select.clone();
        let found = found.clone();
        let selected = props.selected.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let id = select.value().parse::<ActorId>().ok();
            let picked = id.and_then(|id| {
                found
                    .iter()
                    .find(|actor| actor.id == id)
                    .map(|actor| PickedActor {
                        id,
                        name: actor.name.clone(),
                    })
                    .or_else(|| selected.clone().filter(|picked| picked.id == id))
            });
            on_select.emit(picked);
        })
    };

    let id = props.id.clone();
    let search_id = format!("{id}-search");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let invalid = props.error.is_some();
    // The chosen actor stays listed even when the search no longer finds it.
    let selected_missing = props
        .selected
        .as_ref()
        .filter(|picked| !found.iter().any(|actor| actor.id == picked.id));
    let count = if *failed {
        texts.actor_search_failed.to_owned()
    } else {
        match &*results {
            None => texts.loading.to_owned(),
            Some(items) => (texts.actors_found)(items.len()),
        }
    };
    let selected_id = props.selected.as_ref().map(|picked| picked.id);
    html! {
        <div class={classes!("field", "actor-picker", invalid.then_some("field--invalid"))}>
            <label for={search_id.clone()}>{ texts.actor_search_label }</label>
            <p id={hint_id.clone()} class="field-hint">{ texts.actor_search_hint }</p>
            <input
                id={search_id}
                type="search"
                autocomplete="off"
                aria-describedby={hint_id}
                value={(*search).clone()}
                oninput={on_search}
            />
            // Announced once the user searches, not on every page load.
            <p class="field-hint" role="status">
                if *failed || !search.trim().is_empty() {
                    { count }
                }
            </p>
            <label for={id.clone()}>{ props.label.clone() }</label>
            if let Some(error) = &props.error {
                <p id={error_id.clone()} class="field-error">{ error.clone() }</p>
            }
            <select
                id={id.clone()}
                name={id.clone()}
                aria-required="true"
                aria-invalid={invalid.then_some("true")}
                aria-describedby={invalid.then_some(error_id)}
                onchange={on_change}
            >
                <option value="" selected={selected_id.is_none()}>{ texts.choose_actor }</option>
                if let Some(picked) = selected_missing {
                    <option value={picked.id.to_string()} selected=true>{ picked.name.clone() }</option>
                }
                { for found.iter().map(|actor| html! {
                    <option value={actor.id.to_string()} selected={selected_id == Some(actor.id)}>
                        { actor.name.clone() }
                        if let Some(commune) = &actor.commune_insee {
                            { format!(" ({commune})") }
                        }
                    </option>
                }) }
            </select>
        </div>
    }
}
