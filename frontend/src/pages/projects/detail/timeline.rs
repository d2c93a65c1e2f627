//! The project's lifecycle, oldest first: the commission letter, then every
//! recorded move with its date, motivation and, for decisions and
//! abandonments, what was decided and why.

use crate::api::{self, ApiError};
use crate::components::panel::Panel;
use crate::components::phase_badge::PhaseBadge;
use crate::format;
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use shared::projects::{Project, Transition};
use shared::users::StaffMember;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub project: Project,
    pub staff: Vec<StaffMember>,
    /// Changes after a move, to fetch the history again.
    pub generation: u32,
}

#[function_component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let transitions = use_state(|| None::<Vec<Transition>>);
    let error = use_state(|| None::<ApiError>);
    let id = props.project.id;

    {
        let (transitions, error) = (transitions.clone(), error.clone());
        use_effect_with((id, props.generation), move |(id, _)| {
            let id = *id;
            spawn_local(async move {
                match api::projects::transitions(id).await {
                    Ok(list) => {
                        transitions.set(Some(list));
                        error.set(None);
                    }
                    Err(failure) => error.set(Some(failure)),
                }
            });
        });
    }

    let author = |transition: &Transition| {
        transition.user_id.and_then(|id| {
            props
                .staff
                .iter()
                .find(|member| member.id == id)
                .map(|member| member.display_name.clone())
        })
    };
    let error_message = error
        .as_ref()
        .map(|failure| AttrValue::from(texts.describe(failure)));
    let commission = props.project.commission_date;

    html! {
        <Panel id="cycle-de-vie" heading_id="lifecycle-heading" heading={texts.lifecycle_heading} alert_id="timeline-error" alert={error_message}>
            <ol class="timeline" data-testid="timeline">
                <li class="timeline__item">
                    <p class="timeline__when">
                        <time datetime={format::date_input(Some(commission))}>
                            { format::date(commission, lang) }
                        </time>
                    </p>
                    <p class="timeline__what">{ texts.commission_received }</p>
                </li>
                { for transitions.iter().flatten().map(|transition| html! {
                    <li class="timeline__item" key={transition.id.to_string()}
                        data-testid={format!("transition-{}", transition.id)}>
                        <p class="timeline__when">
                            <time datetime={format::date_input(Some(transition.date))}>
                                { format::date(transition.date, lang) }
                            </time>
                            if let Some(name) = author(transition) {
                                { " — " }{ (texts.recorded_by)(&name) }
                            }
                        </p>
                        <p class="timeline__what">
                            <PhaseBadge phase={transition.from} />
                            <span aria-hidden="true">{ " → " }</span>
                            <span class="visually-hidden">{ " " }{ texts.moved_to }{ " " }</span>
                            <PhaseBadge phase={transition.to} />
                        </p>
                        // Partners are not shown the internal motivation.
                        if !transition.motivation.is_empty() {
                            <p class="pre-line">{ transition.motivation.clone() }</p>
                        }
                        if let Some(outcome) = transition.outcome {
                            <p><strong>{ texts.decision_outcome }{ texts.colon }</strong>{ (texts.outcome_name)(outcome) }</p>
                        }
                        if let Some(reason) = transition.reason {
                            <p><strong>{ texts.abandon_reason }{ texts.colon }</strong>{ (texts.abandon_reason_name)(reason) }</p>
                        }
                        if let Some(comment) = &transition.comment {
                            <p class="pre-line muted">{ comment.clone() }</p>
                        }
                    </li>
                }) }
            </ol>
        </Panel>
    }
}
