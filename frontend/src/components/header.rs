use crate::components::lang_switch::LangSwitch;
use crate::components::nav::NavLink;
use crate::components::notification_bell::NotificationBell;
use crate::i18n::use_lang;
use crate::routes::Route;
use crate::session::use_session;
use yew::prelude::*;

#[function_component]
pub fn AppHeader() -> Html {
    let texts = use_lang().texts();
    let session = use_session();
    let signed_in = session.user().map(|user| {
        let sign_out = {
            let session = session.clone();
            Callback::from(move |_: MouseEvent| session.sign_out())
        };
        html! {
            <div class="account">
                <NotificationBell />
                <p class="account__who">
                    <span class="visually-hidden">{ texts.signed_in_as }{ " " }</span>
                    <span class="account__name" data-testid="current-user">
                        { user.display_name.clone() }
                    </span>
                    <span class="account__role" data-testid="current-role">
                        { (texts.role_name)(user.role) }
                    </span>
                </p>
                <button
                    type="button"
                    class="button button--secondary"
                    data-testid="sign-out"
                    onclick={sign_out}
                >
                    { texts.sign_out }
                </button>
            </div>
        }
    });
    let home = match session.user() {
        // Partners have no dashboard: their home is their projects.
        Some(user) if !user.role.is_staff() => Some(Route::Projects),
        Some(_) => Some(Route::Dashboard),
        None => None,
    };
    let brand = if let Some(home) = home {
        html! { <NavLink to={home} class="brand">{ texts.app_name }</NavLink> }
    } else {
        html! { <span class="brand">{ texts.app_name }</span> }
    };
    html! {
        <header class="app-header">
            <div class="app-header__inner">
                { brand }
                <div class="app-header__tools">
                    <LangSwitch />
                    { for signed_in }
                </div>
            </div>
        </header>
    }
}
