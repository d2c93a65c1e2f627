//! The route table: French paths, since they are what users see and share.

use crate::components::layout::AuthenticatedLayout;
use crate::pages::actors::{ActorDirectory, ActorPage};
use crate::pages::administration::Administration;
use crate::pages::dashboard::Dashboard;
use crate::pages::evaluations::{
    ComparisonPage, ConsolidatedPage, EvaluationPage, EvaluationsHub, GridPage, NewGridPage,
};
use crate::pages::indicators::IndicatorPage;
use crate::pages::network::NetworkPage;
use crate::pages::not_found::NotFound;
use crate::pages::projects::{EditProject, NewProjectPage, ProjectList, ProjectPage};
use crate::pages::sign_in::SignIn;
use shared::ids::{ActorId, EvaluationGridId, EvaluationId, IndicatorId, ProjectId};
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
    /// One evaluation: the form while it is the author's draft.
    #[at("/projets/:id/evaluations/:eid")]
    Evaluation { id: ProjectId, eid: EvaluationId },
    /// The submitted evaluations of one kind (`?kind=`) taken together.
    #[at("/projets/:id/evaluations/consolidee")]
    Consolidated { id: ProjectId },
    #[at("/projets/:id/evaluations/comparaison")]
    Comparison { id: ProjectId },
    /// One indicator: its chart, measurements and definition.
    #[at("/projets/:id/indicateurs/:iid")]
    Indicator { id: ProjectId, iid: IndicatorId },
    #[at("/acteurs")]
    Actors,
    #[at("/acteurs/:id")]
    Actor { id: ActorId },
    #[at("/reseau")]
    Network,
    #[at("/evaluations")]
    Evaluations,
    #[at("/evaluations/grilles/nouvelle")]
    NewGrid,
    #[at("/evaluations/grilles/:id")]
    Grid { id: EvaluationGridId },
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
            Route::NewProject
            | Route::Project { .. }
            | Route::EditProject { .. }
            | Route::Evaluation { .. }
            | Route::Consolidated { .. }
            | Route::Comparison { .. }
            | Route::Indicator { .. } => Route::Projects,
            Route::Actor { .. } => Route::Actors,
            Route::NewGrid | Route::Grid { .. } => Route::Evaluations,
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
        Route::Evaluation { id, eid } => {
            html! { <EvaluationPage key={format!("{id}-{eid}")} project_id={id} id={eid} /> }
        }
        Route::Consolidated { id } => {
            html! { <ConsolidatedPage key={id.to_string()} project_id={id} /> }
        }
        Route::Comparison { id } => {
            html! { <ComparisonPage key={id.to_string()} project_id={id} /> }
        }
        Route::Indicator { id, iid } => {
            html! { <IndicatorPage key={format!("{id}-{iid}")} project_id={id} id={iid} /> }
        }
        Route::Actors => html! { <ActorDirectory /> },
        Route::Actor { id } => html! { <ActorPage key={id.to_string()} {id} /> },
        Route::Network => html! { <NetworkPage /> },
        Route::Evaluations => html! { <EvaluationsHub /> },
        Route::NewGrid => html! { <NewGridPage /> },
        Route::Grid { id } => html! { <GridPage key={id.to_string()} {id} /> },
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

    #[test]
    fn evaluation_paths() {
        assert_eq!(
            Route::recognize("/projets/4/evaluations/9"),
            Some(Route::Evaluation {
                id: ProjectId(4),
                eid: EvaluationId(9)
            })
        );
        assert_eq!(
            Route::recognize("/projets/4/evaluations/consolidee"),
            Some(Route::Consolidated { id: ProjectId(4) })
        );
        assert_eq!(
            Route::recognize("/projets/4/evaluations/comparaison"),
            Some(Route::Comparison { id: ProjectId(4) })
        );
        assert_eq!(
            Route::recognize("/projets/4/indicateurs/2"),
            Some(Route::Indicator {
                id: ProjectId(4),
                iid: IndicatorId(2)
            })
        );
        assert_eq!(
            Route::recognize("/evaluations/grilles/nouvelle"),
            Some(Route::NewGrid)
        );
        assert_eq!(
            Route::recognize("/evaluations/grilles/3"),
            Some(Route::Grid {
                id: EvaluationGridId(3)
            })
        );
        assert_eq!(
            Route::Consolidated { id: ProjectId(4) }.section(),
            Route::Projects
        );
        assert_eq!(Route::NewGrid.section(), Route::Evaluations);
    }
}
