//! The route table: French paths, since they are what users see and share.

use crate::components::layout::AuthenticatedLayout;
use crate::pages::administration::Administration;
use crate::pages::dashboard::Dashboard;
use crate::pages::not_found::NotFound;
use crate::pages::section::{Section, UnderConstruction};
use crate::pages::sign_in::SignIn;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Dashboard,
    #[at("/connexion")]
    SignIn,
    #[at("/projets")]
    Projects,
    #[at("/acteurs")]
    Actors,
    #[at("/evaluations")]
    Evaluations,
    #[at("/administration")]
    Administration,
    #[not_found]
    #[at("/404")]
    NotFound,
}

/// Everything but the sign-in page needs a session.
pub fn switch(route: Route) -> Html {
    let page = match route {
        Route::SignIn => return html! { <SignIn /> },
        Route::Dashboard => html! { <Dashboard /> },
        Route::Projects => html! { <UnderConstruction section={Section::Projects} /> },
        Route::Actors => html! { <UnderConstruction section={Section::Actors} /> },
        Route::Evaluations => html! { <UnderConstruction section={Section::Evaluations} /> },
        Route::Administration => html! { <Administration /> },
        Route::NotFound => html! { <NotFound /> },
    };
    html! { <AuthenticatedLayout>{ page }</AuthenticatedLayout> }
}
