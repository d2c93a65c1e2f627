//! One project: its summary, then one section per kind of record. Each
//! section loads and saves its own records; the page holds the project
//! itself and reloads it when a section changes what it shows (the phase,
//! the financing figures). Opened at a section (a notification's link),
//! it brings that section into view once the project is there.

mod chart;
mod documents;
mod evaluations;
mod finance;
mod indicators;
mod journal;
mod milestones;
mod opportunities;
mod participants;
mod programming;
mod schedule;
mod summary;
mod timeline;
mod transition;

use crate::api;
use crate::components::form_field::{Alert, Status};
use crate::components::page_title::PageTitle;
use crate::components::report::ProjectSheetButton;
use crate::hooks::use_loaded;
use crate::i18n::use_lang;
use crate::session::use_can_edit;
use documents::Documents;
use evaluations::Evaluations;
use finance::FinancePanel;
pub use indicators::Indicators;
pub use journal::Journal;
pub use milestones::Milestones;
use opportunities::Opportunities;
pub use participants::Participants;
use programming::ProgrammingPanel;
use shared::ids::ProjectId;
use shared::participants::FundingLine;
use shared::projects::Project;
use shared::users::StaffMember;
use shared::ErrorCode;
pub use summary::Summary;
pub use timeline::Timeline;
use transition::TransitionDialog;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProjectPageProps {
    pub id: ProjectId,
    /// The id of the section to bring into view, e.g. `journal`.
    #[prop_or_default]
    pub section: Option<AttrValue>,
}

#[function_component]
pub fn ProjectPage(props: &ProjectPageProps) -> Html {
    let texts = use_lang().texts();
    let can_edit = use_can_edit();
    let id = props.id;
    let project = use_loaded(id, |id| async move { api::projects::get(id).await });
    let history = use_state(|| 0_u32);
    let staff = use_state(Vec::<StaffMember>::new);
    let moving = use_state(|| false);
    let status = use_state(|| None::<AttrValue>);
    // Bumped when a line is added from outside the financing plan.
    let funding_generation = use_state(|| 0_u32);
    use_section_in_view(props.section.clone(), project.value().is_some());

    {
        let staff = staff.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                // Without the list, the lead shows as unknown; nothing else depends on it.
                if let Ok(members) = api::settings::staff().await {
                    staff.set(members);
                }
            });
        });
    }

    let reload = {
        let project = project.clone();
        Callback::from(move |()| project.reload())
    };
    let open_dialog = {
        let (moving, status) = (moving.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            status.set(None);
            moving.set(true);
        })
    };
    let close_dialog = {
        let moving = moving.clone();
        Callback::from(move |()| moving.set(false))
    };
    let on_moved = {
        let (project, moving, history, status) = (
            project.clone(),
            moving.clone(),
            history.clone(),
            status.clone(),
        );
        Callback::from(move |moved: Project| {
            status.set(Some(
                (texts.phase_changed)((texts.phase_name)(moved.phase)).into(),
            ));
            project.set(moved);
            history.set(history.wrapping_add(1));
            moving.set(false);
        })
    };

    let on_applied = {
        let (project, funding_generation) = (project.clone(), funding_generation.clone());
        Callback::from(move |_: FundingLine| {
            funding_generation.set(funding_generation.wrapping_add(1));
            project.reload();
        })
    };

    let Some(current) = project.value().cloned() else {
        return match project.error() {
            Some(failure) => {
                let not_found = failure.has_code(ErrorCode::NotFound);
                html! {
                    <>
                        <PageTitle text={if not_found { texts.project_not_found } else { texts.projects_title }} />
                        <Alert id="project-error" message={Some(AttrValue::from(texts.describe(failure)))} />
                    </>
                }
            }
            None => html! { <p class="loading" role="status">{ texts.loading }</p> },
        };
    };

    let error_message = project.error_message(texts);
    let can_move = can_edit && !current.allowed_transitions.is_empty();

    html! {
        <article class="project" data-testid="project-page">
            <Summary
                project={current.clone()}
                staff={(*staff).clone()}
                {can_edit}
                {can_move}
                on_move={open_dialog}
            />
            <ProjectSheetButton project_id={id} reference={AttrValue::from(current.reference.clone())} />
            <Status message={(*status).clone()} />
            <Alert id="project-reload-error" message={error_message} />
            <nav class="on-this-page" aria-label={texts.on_this_page}>
                <ul>
                    <li><a href="#cycle-de-vie">{ texts.lifecycle_heading }</a></li>
                    <li><a href="#financement">{ texts.finance_heading }</a></li>
                    <li><a href="#programmation">{ texts.project_programming_heading }</a></li>
                    <li><a href="#opportunites">{ texts.project_opportunities_heading }</a></li>
                    <li><a href="#jalons">{ texts.milestones_heading }</a></li>
                    <li><a href="#acteurs">{ texts.participants_heading }</a></li>
                    <li><a href="#journal">{ texts.journal_heading }</a></li>
                    <li><a href="#documents">{ texts.documents_heading }</a></li>
                    <li><a href="#evaluations">{ texts.evaluations_title }</a></li>
                    <li><a href="#indicateurs">{ texts.indicators_heading }</a></li>
                </ul>
            </nav>
            <Timeline
                project={current.clone()}
                staff={(*staff).clone()}
                generation={*history}
            />
            <FinancePanel project={current.clone()} {can_edit} on_changed={reload.clone()}
                          generation={*funding_generation} />
            <ProgrammingPanel project={current.clone()} {can_edit} on_changed={reload.clone()} />
            <Opportunities project_id={id} total_cost_cents={current.total_cost_cents} {can_edit} {on_applied} />
            <Milestones project_id={id} {can_edit} />
            <Participants project_id={id} {can_edit} />
            <Journal project_id={id} {can_edit} />
            <Documents project_id={id} {can_edit} />
            <Evaluations project={current.clone()} generation={*history} />
            <Indicators project_id={id} {can_edit} />
            if *moving && can_move {
                <TransitionDialog
                    project={current}
                    {on_moved}
                    on_close={close_dialog}
                    on_stale={reload}
                />
            }
        </article>
    }
}

/// Brings the section `section` (its id) into view once the page has its
/// content. The sections above it load their own records and grow: a
/// moment later, it is still where the reader was taken.
#[hook]
pub fn use_section_in_view(section: Option<AttrValue>, ready: bool) {
    use_effect_with((section, ready), |(section, ready)| {
        let pending = match (section, ready) {
            (Some(section), true) => {
                let selector = format!("#{section}");
                Some(gloo_timers::callback::Timeout::new(400, move || {
                    crate::dom::reveal(&selector)
                }))
            }
            _ => None,
        };
        move || drop(pending)
    });
}
