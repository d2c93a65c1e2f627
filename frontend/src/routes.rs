//! The route table: French paths, since they are what users see and share.

use crate::components::layout::AuthenticatedLayout;
use crate::pages::actors::{ActorDirectory, ActorPage};
use crate::pages::administration::Administration;
use crate::pages::dashboard::Dashboard;
use crate::pages::network::NetworkPage;
use crate::pages::not_found::NotFound;
use crate::pages::projects::{EditProject, NewProjectPage, ProjectList, ProjectPage};
use crate::pages::section::{Section, UnderConstruction};
use crate::pages::sign_in::SignIn;
use shared::ids::{ActorId, ProjectId};
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
    #[at("/projets/nouveau")]
    NewProject,
    #[at("/projets/:id")]
    Project { id: ProjectId },
    #[at("/projets/:id/modifier")]
    EditProject { id: ProjectId },
    #[at("/acteurs")]
    Actors,
    #[at("/acteurs/:id")]
    Actor { id: ActorId },
    #[at("/reseau")]
    Network,
    #[at("/evaluations")]
    Evaluations,
    #[at("/administration")]
    Administration,
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The main-navigation entry a page belongs to, so that the menu shows
    /// where a project or actor page sits.
    pub fn section(&self) -> Route {
        match self {
            Route::NewProject | Route::Project { .. } | Route::EditProject { .. } => {
                Route::Projects
            }
            Route::Actor { .. } => Route::Actors,
            other => other.clone(),
        }
    }
}

/// Everything but the sign-in page needs a session.
pub fn switch(route: Route) -> Html {
    let page = match route {
        Route::SignIn => return html! { <SignIn /> },
        Route::Dashboard => html! { <Dashboard /> },
        Route::Projects => html! { <ProjectList /> },
        Route::NewProject => html! { <NewProjectPage /> },
        Route::Project { id } => html! { <ProjectPage key={id.to_string()} {id} /> },
        Route::EditProject { id } => html! { <EditProject key={id.to_string()} {id} /> },
        Route::Actors => html! { <ActorDirectory /> },
        Route::Actor { id } => html! { <ActorPage key={id.to_string()} {id} /> },
        Route::Network => html! { <NetworkPage /> },
        Route::Evaluations => html! { <UnderConstruction section={Section::Evaluations} /> },
        Route::Administration => html! { <Administration /> },
        Route::NotFound => html! { <NotFound /> },
    };
    html! { <AuthenticatedLayout>{ page }</AuthenticatedLayout> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_paths_and_their_sections() {
        assert_eq!(
            Route::recognize("/projets/nouveau"),
            Some(Route::NewProject)
        );
        assert_eq!(
            Route::recognize("/projets/42"),
            Some(Route::Project { id: ProjectId(42) })
        );
        assert_eq!(
            Route::recognize("/projets/42/modifier"),
            Some(Route::EditProject { id: ProjectId(42) })
        );
        assert_eq!(
            Route::recognize("/acteurs/7"),
            Some(Route::Actor { id: ActorId(7) })
        );
        assert_eq!(
            Route::Project { id: ProjectId(1) }.section(),
            Route::Projects
        );
        assert_eq!(Route::Project { id: ProjectId(1) }.to_path(), "/projets/1");
        assert_eq!(Route::recognize("/reseau"), Some(Route::Network));
    }
}
