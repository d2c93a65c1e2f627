//! Pages that differ for partners. Partners belong to an organisation and
//! see only the projects it shares with the town: their pages are their
//! own, and the staff's pages tell them plainly they are not for them
//! (rather than failing on a refused request).

use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::i18n::use_lang;
use crate::routes::Route;
use crate::session::use_is_partner;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ByRoleProps {
    /// What partners get.
    pub partner: Html,
    /// What staff get.
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn ByRole(props: &ByRoleProps) -> Html {
    if use_is_partner() {
        props.partner.clone()
    } else {
        props.children.clone()
    }
}

/// A staff page, which partners are told is not theirs.
pub fn staff_only(page: Html) -> Html {
    html! { <ByRole partner={html! { <StaffOnlyNotice /> }}>{ page }</ByRole> }
}

#[function_component]
fn StaffOnlyNotice() -> Html {
    let texts = use_lang().texts();
    html! {
        <div data-testid="staff-only">
            <PageTitle text={texts.staff_only_title} />
            <p class="notice">{ texts.staff_only }</p>
            <p><NavLink to={Route::Projects}>{ texts.nav_my_projects }</NavLink></p>
        </div>
    }
}
