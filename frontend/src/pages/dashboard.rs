use crate::components::page_title::PageTitle;
use crate::i18n::use_lang;
use crate::session::use_session;
use yew::prelude::*;

#[function_component]
pub fn Dashboard() -> Html {
    let texts = use_lang().texts();
    let session = use_session();
    let Some(user) = session.user() else {
        return html! {};
    };
    html! {
        <>
            <PageTitle text={texts.dashboard_title} />
            <section class="card welcome" aria-labelledby="welcome-title">
                <h2 id="welcome-title">{ (texts.welcome)(&user.display_name) }</h2>
                <p>
                    { texts.your_role }{ " " }
                    <strong>{ (texts.role_name)(user.role) }</strong>
                </p>
                <p>{ texts.dashboard_coming }</p>
            </section>
        </>
    }
}
