use crate::components::layout::fact;
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::phase_badge::PhaseBadge;
use crate::format;
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use crate::routes::Route;
use shared::projects::Project;
use shared::users::StaffMember;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub project: Project,
    pub staff: Vec<StaffMember>,
    pub can_edit: bool,
    /// Whether "Changer de phase" is offered: an editor, and a phase that
    /// is not terminal.
    pub can_move: bool,
    pub on_move: Callback<MouseEvent>,
    /// A partner's view: the API leaves out the lead, the team and the
    /// tags, so their lines are not shown as empty.
    #[prop_or_default]
    pub for_partner: bool,
}

/// The project's header: who, what, where it stands, and since when.
#[function_component]
pub fn Summary(props: &SummaryProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let project = &props.project;
    let lead = project
        .lead_id
        .map(|id| {
            props
                .staff
                .iter()
                .find(|member| member.id == id)
                .map(|member| member.display_name.clone())
                .unwrap_or_else(|| texts.unknown_person.to_owned())
        })
        .unwrap_or_else(|| "—".to_owned());
    let kinds = if project.innovation_types.is_empty() {
        "—".to_owned()
    } else {
        project
            .innovation_types
            .iter()
            .map(|kind| (texts.innovation_type_name)(*kind))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let instruction = match project.instruction_days {
        Some(days) => (texts.days)(days),
        None => texts.instruction_pending.to_owned(),
    };
    let location = [
        project.area.clone(),
        project
            .commune_insee
            .as_deref()
            .map(|code| (texts.insee_code)(code)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" — ");
    let location = if location.is_empty() {
        "—".to_owned()
    } else {
        location
    };
    let date = |day| html! { { format::optional_date(day, lang) } };

    html! {
        <header class="project-header">
            <p class="eyebrow" data-testid="project-reference">
                <span class="visually-hidden">{ texts.column_reference }{ " " }</span>
                { project.reference.clone() }
            </p>
            <div class="page-heading">
                <PageTitle text={project.title.clone()} />
                <div class="page-heading__actions">
                    if props.can_move {
                        <button
                            type="button"
                            id="change-phase"
                            class="button button--primary"
                            data-testid="change-phase"
                            onclick={props.on_move.clone()}
                        >
                            { texts.change_phase }
                        </button>
                    }
                    if props.can_edit {
                        <NavLink
                            to={Route::EditProject { id: project.id }}
                            class={classes!("button", "button--secondary")}
                        >
                            { texts.edit_project }
                        </NavLink>
                    }
                </div>
            </div>
            <p class="project-header__phase">
                { texts.current_phase }{ " " }
                <span data-testid="project-phase"><PhaseBadge phase={project.phase} /></span>
                if let Some(from) = project.suspended_from {
                    { " " }{ (texts.suspended_from)((texts.phase_name)(from)) }
                }
                if let Some(outcome) = project.decision_outcome {
                    { " — " }{ (texts.outcome_name)(outcome) }
                }
                if let Some(reason) = project.abandon_reason {
                    { " — " }{ (texts.abandon_reason_name)(reason) }
                }
            </p>
            if let Some(summary) = &project.summary {
                <p class="lead">{ summary.clone() }</p>
            }
            <dl class="facts">
                { fact(texts.column_axis, html! { { project.axis.clone() } }) }
                { fact(texts.innovation_types_label, html! { { kinds } }) }
                if !props.for_partner {
                    { fact(texts.column_lead, html! { { lead } }) }
                }
                { fact(texts.sponsor_label, html! { { project.sponsor.clone().unwrap_or_else(|| "—".to_owned()) } }) }
                { fact(texts.commission_date_label, date(Some(project.commission_date))) }
                { fact(texts.decision_date_label, date(project.decision_date)) }
                { fact(texts.instruction_time_label, html! { <span data-testid="instruction-days">{ instruction }</span> }) }
                { fact(texts.start_date_label, date(project.start_date)) }
                { fact(texts.planned_end_date_label, date(project.planned_end_date)) }
                { fact(texts.actual_end_date_label, date(project.actual_end_date)) }
                { fact(texts.location_label, html! { { location } }) }
                if !props.for_partner {
                    { fact(texts.visibility_label, html! { { (texts.visibility_name)(project.visibility) } }) }
                    { fact(texts.tags_label, html! { { if project.tags.is_empty() { "—".to_owned() } else { project.tags.join(", ") } } }) }
                }
            </dl>
            if let Some(description) = &project.description {
                <details class="description">
                    <summary>{ texts.description_label }</summary>
                    <p class="pre-line">{ description.clone() }</p>
                </details>
            }
        </header>
    }
}
