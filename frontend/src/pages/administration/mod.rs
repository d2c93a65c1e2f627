//! User accounts: list, role changes, activation, and account creation.

mod create_user;
mod user_list;
mod user_row;

use crate::components::page_title::PageTitle;
use crate::i18n::use_lang;
use crate::session::use_session;
use create_user::CreateUserForm;
use shared::users::User;
use user_list::UserList;
use yew::prelude::*;

#[function_component]
pub fn Administration() -> Html {
    let texts = use_lang().texts();
    let session = use_session();
    // Bumped to make the list fetch again, e.g. to show a new account.
    let list_generation = use_state(|| 0_u32);

    let is_admin = session.user().is_some_and(|user| user.role.is_admin());
    if !is_admin {
        return html! {
            <>
                <PageTitle text={texts.administration_title} />
                <p class="notice" data-testid="admin-only">{ texts.admin_only }</p>
            </>
        };
    }

    let on_created = {
        let list_generation = list_generation.clone();
        Callback::from(move |_: User| list_generation.set(list_generation.wrapping_add(1)))
    };
    html! {
        <>
            <PageTitle text={texts.administration_title} />
            <UserList generation={*list_generation} />
            <CreateUserForm {on_created} />
        </>
    }
}
