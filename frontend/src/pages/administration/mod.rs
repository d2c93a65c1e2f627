//! The administration: user accounts, partner invitations, API keys and
//! webhooks, each on its page under one menu.

mod api_keys;
mod capacity;
mod create_user;
mod invitations;
mod organisation;
mod user_list;
mod user_row;
mod webhook;
mod webhooks;

pub use api_keys::ApiKeysPage;
pub use capacity::CapacityPage;
pub use invitations::InvitationsPage;
pub use webhook::WebhookPage;
pub use webhooks::WebhooksPage;

use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::i18n::use_lang;
use crate::routes::Route;
use crate::session::use_session;
use create_user::CreateUserForm;
use shared::users::User;
use user_list::UserList;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AdminFrameProps {
    /// The page's title, also its `<h1>`.
    pub title: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

/// What every administration page has: the check that the user is an
/// administrator, the title, and the menu of the administration's pages.
#[function_component]
pub fn AdminFrame(props: &AdminFrameProps) -> Html {
    let texts = use_lang().texts();
    let session = use_session();
    let is_admin = session.user().is_some_and(|user| user.role.is_admin());
    if !is_admin {
        return html! {
            <>
                <PageTitle text={texts.administration_title} />
                <p class="notice" data-testid="admin-only">{ texts.admin_only }</p>
            </>
        };
    }
    let sections = [
        (Route::Administration, texts.users_heading),
        (Route::Invitations, texts.invitations_heading),
        (Route::ApiKeys, texts.api_keys_heading),
        (Route::Webhooks, texts.webhooks_heading),
        (Route::InvestmentCapacity, texts.capacity_heading),
    ];
    html! {
        <>
            <p class="eyebrow">{ texts.administration_title }</p>
            <PageTitle text={props.title.clone()} />
            <nav class="subnav" aria-label={texts.admin_sections}>
                <ul>
                    { for sections.into_iter().map(|(route, label)| html! {
                        <li><NavLink to={route} exact=true>{ label }</NavLink></li>
                    }) }
                </ul>
            </nav>
            { props.children.clone() }
        </>
    }
}

/// User accounts: list, role changes, activation, and account creation.
#[function_component]
pub fn Administration() -> Html {
    let texts = use_lang().texts();
    // Bumped to make the list fetch again, e.g. to show a new account.
    let list_generation = use_state(|| 0_u32);
    let on_created = {
        let list_generation = list_generation.clone();
        Callback::from(move |_: User| list_generation.set(list_generation.wrapping_add(1)))
    };
    html! {
        <AdminFrame title={texts.users_heading}>
            <UserList generation={*list_generation} />
            <CreateUserForm {on_created} />
        </AdminFrame>
    }
}
