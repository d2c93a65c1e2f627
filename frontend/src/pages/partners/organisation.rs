//! "Mon organisation": the partner's own actor record and its contacts,
//! which they keep up to date themselves.

use crate::components::page_title::PageTitle;
use crate::i18n::use_lang;
use crate::pages::actors::ActorPage;
use crate::session::{use_is_partner, use_partner_actor};
use yew::prelude::*;

#[function_component]
pub fn MyOrganisation() -> Html {
    let texts = use_lang().texts();
    let is_partner = use_is_partner();
    match use_partner_actor() {
        Some(id) => html! { <ActorPage key={id.to_string()} {id} own_organisation=true /> },
        None => html! {
            <>
                <PageTitle text={texts.nav_my_organisation} />
                <p class="notice" data-testid="no-organisation">
                    { if is_partner { texts.no_organisation } else { texts.partners_only } }
                </p>
            </>
        },
    }
}
