//! A project as its partners see it: the summary, the phase and its
//! history, milestones, the organisations involved, the partner's own
//! funding lines, the indicators (with measurement entry on their page)
//! and the exchanges with the town. Internal records (evaluations,
//! documents, internal journal entries, motivations) are not asked for:
//! the API keeps them from partners.

use super::funding::PartnerFunding;
use crate::api;
use crate::components::form_field::Alert;
use crate::components::page_title::PageTitle;
use crate::components::report::ProjectSheetButton;
use crate::hooks::use_loaded;
use crate::i18n::use_lang;
use crate::pages::projects::{
    use_section_in_view, Indicators, Journal, Milestones, Participants, Summary, Timeline,
};
use shared::ids::ProjectId;
use shared::ErrorCode;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PartnerProjectPageProps {
    pub id: ProjectId,
    /// The id of the section to bring into view, e.g. `journal`.
    #[prop_or_default]
    pub section: Option<AttrValue>,
}

#[function_component]
pub fn PartnerProjectPage(props: &PartnerProjectPageProps) -> Html {
    let texts = use_lang().texts();
    let id = props.id;
    let project = use_loaded(id, |id| async move { api::projects::get(id).await });
    use_section_in_view(props.section.clone(), project.value().is_some());

    let Some(current) = project.value().cloned() else {
        return match project.error() {
            Some(failure) => {
                // A project that is not shared with the partner's
                // organisation does not exist for them.
                let not_found = failure.has_code(ErrorCode::NotFound);
                html! {
                    <div data-testid={not_found.then_some("project-not-found")}>
                        <PageTitle text={if not_found { texts.project_not_found } else { texts.nav_my_projects }} />
                        <Alert id="project-error" message={Some(AttrValue::from(texts.describe(failure)))} />
                    </div>
                }
            }
            None => html! { <p class="loading" role="status">{ texts.loading }</p> },
        };
    };

    html! {
        <article class="project" data-testid="project-page">
            <Summary project={current.clone()} staff={Vec::new()} can_edit=false can_move=false
                     on_move={Callback::noop()} for_partner=true />
            <ProjectSheetButton project_id={id} reference={AttrValue::from(current.reference.clone())} />
            <nav class="on-this-page" aria-label={texts.on_this_page}>
                <ul>
                    <li><a href="#cycle-de-vie">{ texts.lifecycle_heading }</a></li>
                    <li><a href="#jalons">{ texts.milestones_heading }</a></li>
                    <li><a href="#acteurs">{ texts.participants_heading }</a></li>
                    <li><a href="#financement">{ texts.partner_funding_heading }</a></li>
                    <li><a href="#indicateurs">{ texts.indicators_heading }</a></li>
                    <li><a href="#journal">{ texts.partner_journal_heading }</a></li>
                </ul>
            </nav>
            <Timeline project={current.clone()} staff={Vec::new()} generation={0} />
            <Milestones project_id={id} can_edit=false />
            <Participants project_id={id} can_edit=false link_actors=false />
            <PartnerFunding project_id={id} />
            <Indicators project_id={id} can_edit=false />
            <Journal project_id={id} can_edit=false for_partner=true />
        </article>
    }
}
