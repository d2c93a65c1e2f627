//! The route table: French paths, since they are what users see and share.

use crate::api::exchange::ImportKind;
use crate::components::layout::{AuthenticatedLayout, GoTo, PortalLayout};
use crate::components::role_gate::{staff_only, ByRole};
use crate::pages::actors::{ActorDirectory, ActorPage};
use crate::pages::administration::{
    Administration, ApiKeysPage, CapacityPage, InvitationsPage, WebhookPage, WebhooksPage,
};
use crate::pages::dashboard::Dashboard;
use crate::pages::evaluations::{
    ComparisonPage, ConsolidatedPage, EvaluationPage, EvaluationsHub, GridPage, NewGridPage,
};
use crate::pages::import::ImportWizard;
use crate::pages::indicators::IndicatorPage;
use crate::pages::invitation::AcceptInvitationPage;
use crate::pages::network::NetworkPage;
use crate::pages::not_found::NotFound;
use crate::pages::notifications::{NotificationPreferencesPage, NotificationsPage};
use crate::pages::opportunities::{OpportunityCatalogue, OpportunityPage};
use crate::pages::partners::{MyOrganisation, PartnerProjectList, PartnerProjectPage};
use crate::pages::portal::{PublicProjectList, PublicProjectPage};
use crate::pages::programming::ProgrammingPage;
use crate::pages::projects::{EditProject, NewProjectPage, ProjectList, ProjectPage};
use crate::pages::roadmap::RoadmapPage;
use crate::pages::sign_in::SignIn;
use shared::ids::{
    ActorId, EvaluationGridId, EvaluationId, IndicatorId, OpportunityId, ProjectId, WebhookId,
};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Dashboard,
    #[at("/connexion")]
    SignIn,
    /// Where an invited partner sets their password (`?token=`); public.
    #[at("/invitation")]
    Invitation,
    /// The public portal: the public projects, searchable (`?q=&phase=`),
    /// and the open-data files. No sign-in.
    #[at("/public/projects")]
    PublicProjects,
    /// A public project's sheet, by its reference; no sign-in.
    #[at("/public/projects/:reference")]
    PublicProject { reference: String },
    /// The staff's portfolio, or a partner's "Mes projets".
    #[at("/projets")]
    Projects,
    #[at("/projets/nouveau")]
    NewProject,
    #[at("/projets/import")]
    ImportProjects,
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
    // Funding opportunities and notifications. A project's page opened at
    // one of its sections, as notifications link to them.
    #[at("/projets/:id/opportunites")]
    ProjectOpportunities { id: ProjectId },
    #[at("/projets/:id/journal")]
    ProjectJournal { id: ProjectId },
    #[at("/projets/:id/evaluations")]
    ProjectEvaluations { id: ProjectId },
    /// The catalogue of funding opportunities (staff).
    #[at("/opportunites")]
    Opportunities,
    #[at("/opportunites/import")]
    ImportOpportunities,
    #[at("/opportunites/:id")]
    Opportunity { id: OpportunityId },
    /// The signed-in person's notifications, partners included.
    #[at("/notifications")]
    Notifications,
    #[at("/notifications/preferences")]
    NotificationPreferences,
    #[at("/acteurs")]
    Actors,
    #[at("/acteurs/import")]
    ImportActors,
    #[at("/acteurs/:id")]
    Actor { id: ActorId },
    /// A partner's own organisation.
    #[at("/mon-organisation")]
    MyOrganisation,
    #[at("/reseau")]
    Network,
    /// The portfolio over time: phases, decisions and milestones, filtered
    /// like the project list (`?phase=`…); staff and partners.
    #[at("/feuille-de-route")]
    Roadmap,
    /// The multi-year investment programme: the projects × years grid.
    #[at("/programmation")]
    Programming,
    #[at("/evaluations")]
    Evaluations,
    #[at("/evaluations/grilles/nouvelle")]
    NewGrid,
    #[at("/evaluations/grilles/:id")]
    Grid { id: EvaluationGridId },
    #[at("/administration")]
    Administration,
    #[at("/administration/invitations")]
    Invitations,
    #[at("/administration/cles-api")]
    ApiKeys,
    #[at("/administration/webhooks")]
    Webhooks,
    #[at("/administration/webhooks/:id")]
    Webhook { id: WebhookId },
    /// The town's investment capacity by year.
    #[at("/administration/capacite-investissement")]
    InvestmentCapacity,
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
            | Route::Indicator { .. }
            | Route::ProjectOpportunities { .. }
            | Route::ProjectJournal { .. }
            | Route::ProjectEvaluations { .. }
            | Route::ImportProjects => Route::Projects,
            Route::Opportunity { .. } | Route::ImportOpportunities => Route::Opportunities,
            Route::NotificationPreferences => Route::Notifications,
            Route::Actor { .. } | Route::ImportActors => Route::Actors,
            Route::NewGrid | Route::Grid { .. } => Route::Evaluations,
            Route::Invitations
            | Route::ApiKeys
            | Route::Webhooks
            | Route::Webhook { .. }
            | Route::InvestmentCapacity => Route::Administration,
            other => other.clone(),
        }
    }
}

/// Everything but the sign-in and invitation pages needs a session.
/// Partners get their own pages for projects and are told the staff's
/// pages are not for them.
pub fn switch(route: Route) -> Html {
    let page = match route {
        Route::SignIn => return html! { <SignIn /> },
        Route::Invitation => return html! { <AcceptInvitationPage /> },
        Route::PublicProjects => {
            return html! { <PortalLayout><PublicProjectList /></PortalLayout> }
        }
        Route::PublicProject { reference } => {
            let key = reference.clone();
            return html! {
                <PortalLayout>
                    <PublicProjectPage {key} {reference} />
                </PortalLayout>
            };
        }
        Route::Dashboard => html! {
            <ByRole partner={html! { <GoTo route={Route::Projects} /> }}>
                <Dashboard />
            </ByRole>
        },
        Route::Projects => html! {
            <ByRole partner={html! { <PartnerProjectList /> }}>
                <ProjectList />
            </ByRole>
        },
        Route::NewProject => staff_only(html! { <NewProjectPage /> }),
        Route::ImportProjects => staff_only(html! { <ImportWizard kind={ImportKind::Projects} /> }),
        Route::Project { id } => html! {
            <ByRole partner={html! { <PartnerProjectPage key={id.to_string()} {id} /> }}>
                <ProjectPage key={id.to_string()} {id} />
            </ByRole>
        },
        Route::EditProject { id } => {
            staff_only(html! { <EditProject key={id.to_string()} {id} /> })
        }
        Route::Evaluation { id, eid } => staff_only(html! {
            <EvaluationPage key={format!("{id}-{eid}")} project_id={id} id={eid} />
        }),
        Route::Consolidated { id } => staff_only(html! {
            <ConsolidatedPage key={id.to_string()} project_id={id} />
        }),
        Route::Comparison { id } => staff_only(html! {
            <ComparisonPage key={id.to_string()} project_id={id} />
        }),
        Route::Indicator { id, iid } => {
            html! { <IndicatorPage key={format!("{id}-{iid}")} project_id={id} id={iid} /> }
        }
        Route::ProjectOpportunities { id } => staff_only(html! {
            <ProjectPage key={id.to_string()} {id} section={Some(AttrValue::Static("opportunites"))} />
        }),
        Route::ProjectJournal { id } => html! {
            <ByRole partner={html! {
                <PartnerProjectPage key={id.to_string()} {id} section={Some(AttrValue::Static("journal"))} />
            }}>
                <ProjectPage key={id.to_string()} {id} section={Some(AttrValue::Static("journal"))} />
            </ByRole>
        },
        Route::ProjectEvaluations { id } => staff_only(html! {
            <ProjectPage key={id.to_string()} {id} section={Some(AttrValue::Static("evaluations"))} />
        }),
        Route::Opportunities => staff_only(html! { <OpportunityCatalogue /> }),
        Route::ImportOpportunities => {
            staff_only(html! { <ImportWizard kind={ImportKind::FundingOpportunities} /> })
        }
        Route::Opportunity { id } => {
            staff_only(html! { <OpportunityPage key={id.to_string()} {id} /> })
        }
        Route::Notifications => html! { <NotificationsPage /> },
        Route::NotificationPreferences => html! { <NotificationPreferencesPage /> },
        Route::Actors => staff_only(html! { <ActorDirectory /> }),
        Route::ImportActors => staff_only(html! { <ImportWizard kind={ImportKind::Actors} /> }),
        Route::Actor { id } => staff_only(html! { <ActorPage key={id.to_string()} {id} /> }),
        Route::MyOrganisation => html! { <MyOrganisation /> },
        Route::Network => staff_only(html! { <NetworkPage /> }),
        Route::Roadmap => html! { <RoadmapPage /> },
        Route::Programming => staff_only(html! { <ProgrammingPage /> }),
        Route::Evaluations => staff_only(html! { <EvaluationsHub /> }),
        Route::NewGrid => staff_only(html! { <NewGridPage /> }),
        Route::Grid { id } => staff_only(html! { <GridPage key={id.to_string()} {id} /> }),
        Route::Administration => staff_only(html! { <Administration /> }),
        Route::Invitations => staff_only(html! { <InvitationsPage /> }),
        Route::ApiKeys => staff_only(html! { <ApiKeysPage /> }),
        Route::Webhooks => staff_only(html! { <WebhooksPage /> }),
        Route::Webhook { id } => staff_only(html! { <WebhookPage key={id.to_string()} {id} /> }),
        Route::InvestmentCapacity => staff_only(html! { <CapacityPage /> }),
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
        assert_eq!(Route::recognize("/programmation"), Some(Route::Programming));
        assert_eq!(Route::Programming.section(), Route::Programming);
        assert_eq!(Route::recognize("/feuille-de-route"), Some(Route::Roadmap));
        assert_eq!(Route::Roadmap.section(), Route::Roadmap);
    }

    #[test]
    fn the_portal_paths_take_a_reference() {
        assert_eq!(
            Route::recognize("/public/projects"),
            Some(Route::PublicProjects)
        );
        assert_eq!(
            Route::recognize("/public/projects/2025-042"),
            Some(Route::PublicProject {
                reference: "2025-042".into()
            })
        );
        assert_eq!(
            Route::PublicProject {
                reference: "2025-042".into()
            }
            .to_path(),
            "/public/projects/2025-042"
        );
    }

    #[test]
    fn partner_admin_and_exchange_paths() {
        assert_eq!(Route::recognize("/invitation"), Some(Route::Invitation));
        assert_eq!(
            Route::recognize("/mon-organisation"),
            Some(Route::MyOrganisation)
        );
        assert_eq!(
            Route::recognize("/projets/import"),
            Some(Route::ImportProjects)
        );
        assert_eq!(
            Route::recognize("/acteurs/import"),
            Some(Route::ImportActors)
        );
        assert_eq!(Route::ImportActors.section(), Route::Actors);
        assert_eq!(
            Route::recognize("/administration/webhooks/3"),
            Some(Route::Webhook { id: WebhookId(3) })
        );
        assert_eq!(Route::ApiKeys.to_path(), "/administration/cles-api");
        assert_eq!(
            Route::recognize("/administration/capacite-investissement"),
            Some(Route::InvestmentCapacity)
        );
        assert_eq!(Route::InvestmentCapacity.section(), Route::Administration);
        assert_eq!(
            Route::Webhook { id: WebhookId(3) }.section(),
            Route::Administration
        );
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

    #[test]
    fn opportunity_and_notification_paths() {
        assert_eq!(
            Route::recognize("/opportunites"),
            Some(Route::Opportunities)
        );
        assert_eq!(
            Route::recognize("/opportunites/import"),
            Some(Route::ImportOpportunities)
        );
        assert_eq!(
            Route::recognize("/opportunites/5"),
            Some(Route::Opportunity {
                id: OpportunityId(5)
            })
        );
        assert_eq!(
            Route::Opportunity {
                id: OpportunityId(5)
            }
            .section(),
            Route::Opportunities
        );
        assert_eq!(Route::ImportOpportunities.section(), Route::Opportunities);
        assert_eq!(
            Route::recognize("/notifications"),
            Some(Route::Notifications)
        );
        assert_eq!(
            Route::recognize("/notifications/preferences"),
            Some(Route::NotificationPreferences)
        );
        assert_eq!(
            Route::NotificationPreferences.section(),
            Route::Notifications
        );
    }

    /// The links the server writes in notifications (`/projets/{id}` and
    /// its `/opportunites`, `/journal` and `/evaluations`) are pages.
    #[test]
    fn notification_links_are_pages() {
        let id = ProjectId(8);
        assert_eq!(Route::recognize("/projets/8"), Some(Route::Project { id }));
        assert_eq!(
            Route::recognize("/projets/8/opportunites"),
            Some(Route::ProjectOpportunities { id })
        );
        assert_eq!(
            Route::recognize("/projets/8/journal"),
            Some(Route::ProjectJournal { id })
        );
        assert_eq!(
            Route::recognize("/projets/8/evaluations"),
            Some(Route::ProjectEvaluations { id })
        );
        assert_eq!(
            Route::recognize("/projets/8/modifier"),
            Some(Route::EditProject { id })
        );
        assert_eq!(Route::ProjectJournal { id }.section(), Route::Projects);
    }
}
