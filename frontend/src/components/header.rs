use crate::components::lang_switch::LangSwitch;
use crate::components::nav::NavLink;
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
    let brand = if session.user().is_some() {
        html! { <NavLink to={Route::Dashboard} class="brand">{ texts.app_name }</NavLink> }
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
