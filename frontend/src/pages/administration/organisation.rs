//! A partner account's organisation, by name, linking to its page. Names
//! are fetched once per actor and kept for the visit: a list of accounts
//! often names the same organisation several times.

use crate::api;
use crate::components::nav::NavLink;
use crate::i18n::use_lang;
use crate::routes::Route;
use shared::ids::ActorId;
use std::cell::RefCell;
use std::collections::HashMap;
use yew::platform::spawn_local;
use yew::prelude::*;

thread_local! {
    static NAMES: RefCell<HashMap<ActorId, String>> = RefCell::new(HashMap::new());
}

fn known(id: ActorId) -> Option<String> {
    NAMES.with(|names| names.borrow().get(&id).cloned())
}

#[derive(Properties, PartialEq)]
pub struct ActorNameProps {
    pub id: ActorId,
}

#[function_component]
pub fn ActorName(props: &ActorNameProps) -> Html {
    let texts = use_lang().texts();
    let id = props.id;
    let name = use_state(move || known(id));
    {
        let name = name.clone();
        use_effect_with(id, move |id| {
            let id = *id;
            if known(id).is_none() {
                spawn_local(async move {
                    if let Ok(actor) = api::actors::get(id).await {
                        NAMES.with(|names| names.borrow_mut().insert(id, actor.name.clone()));
                        name.set(Some(actor.name));
                    }
                });
            } else {
                name.set(known(id));
            }
        });
    }
    match &*name {
        Some(name) => html! { <NavLink to={Route::Actor { id }}>{ name.clone() }</NavLink> },
        None => html! { <span class="muted">{ texts.loading }</span> },
    }
}
