use crate::i18n::LangProvider;
use crate::routes::{switch, Route};
use crate::session::SessionProvider;
use yew::prelude::*;
use yew_router::prelude::*;

#[function_component]
pub fn App() -> Html {
    html! {
        <LangProvider>
            <SessionProvider>
                <BrowserRouter>
                    <Switch<Route> render={switch} />
                </BrowserRouter>
            </SessionProvider>
        </LangProvider>
    }
}
