//! The actors involved in the project and their roles: the links that make
//! the territorial network.

use crate::actions::confirm_then;
use crate::api;
use crate::components::actor_picker::{ActorPicker, PickedActor};
use crate::components::form_field::{options_of, Alert, SelectField, Status, SubmitButton};
use crate::components::nav::NavLink;
use crate::components::panel::Panel;
use crate::components::row_action::{hidden_name, RowAction};
use crate::components::table::Table;
use crate::dom;
use crate::hooks::{use_loaded, use_submit};
use crate::i18n::use_lang;
use crate::routes::Route;
use shared::ids::ProjectId;
use shared::participants::{NewParticipant, Participant, ParticipantRole};
use shared::FieldError;
use yew::prelude::*;

const FIELDS: [(&str, &str); 2] = [
    ("actor_id", "participant-actor"),
    ("role", "participant-role"),
];

#[derive(Properties, PartialEq)]
pub struct ParticipantsProps {
    pub project_id: ProjectId,
    pub can_edit: bool,
    /// Links to the actors' pages; partners may open only their own
    /// organisation's, so they get names.
    #[prop_or(true)]
    pub link_actors: bool,
}

#[function_component]
pub fn Participants(props: &ParticipantsProps) -> Html {
    let texts = use_lang().texts();
    let id = props.project_id;
    let participants = use_loaded(
        id,
        |id| async move { api::projects::participants(id).await },
    );
    let actor = use_state(|| None::<PickedActor>);
    let role = use_state(|| ParticipantRole::Partner);
    let submit = use_submit(&FIELDS);

    let onsubmit = {
        let (actor, role, participants) = (actor.clone(), role.clone(), participants.clone());
        submit.on_submit(move |submit| {
            let Some(picked) = (*actor).clone() else {
                return submit.invalid(vec![FieldError::new(
                    "actor_id",
                    "required",
                    "choose an actor",
                )]);
            };
            let participant = NewParticipant {
                actor_id: picked.id,
                role: *role,
            };
            let (actor, participants) = (actor.clone(), participants.clone());
            submit.run(
                async move { api::projects::add_participant(id, &participant).await },
                move |added| {
                    actor.set(None);
                    participants.refresh(Some(
                        (texts.participant_added)(
                            &added.actor_name,
                            (texts.participant_role_name)(added.role),
                        )
                        .into(),
                    ));
                    dom::focus("#participant-actor-search");
                },
            );
        })
    };

    let remove = |participant: &Participant| {
        let (participants, participant) = (participants.clone(), participant.clone());
        Callback::from(move |_: MouseEvent| {
            let role = (texts.participant_role_name)(participant.role);
            let (participants, name) = (participants.clone(), participant.actor_name.clone());
            confirm_then(
                &(texts.confirm_remove_participant)(&participant.actor_name, role),
                || api::projects::remove_participant(id, participant.id),
                move |outcome| match outcome {
                    Ok(()) => participants.refresh(Some((texts.participant_removed)(&name).into())),
                    Err(failure) => participants.fail(failure),
                },
            );
        })
    };

    let on_actor = {
        let actor = actor.clone();
        Callback::from(move |picked: Option<PickedActor>| actor.set(picked))
    };
    let on_role = {
        let role = role.clone();
        Callback::from(move |value: String| {
            if let Ok(chosen) = value.parse() {
                role.set(chosen);
            }
        })
    };
    let role_options = options_of(
        ParticipantRole::ALL,
        ParticipantRole::as_str,
        texts.participant_role_name,
    );

    html! {
        <Panel id="acteurs" heading_id="participants-heading" heading={texts.participants_heading}>
            <Status message={participants.status()} />
            <Alert id="participants-error" message={participants.error_message(texts)} />
            { participants.view(texts, html! { <p class="notice">{ texts.no_participants }</p> }, |list| html! {
                <Table
                    caption={texts.participants_heading}
                    testid="participants"
                    head={html! {
                        <>
                            <th scope="col">{ texts.column_actor }</th>
                            <th scope="col">{ texts.column_kind }</th>
                            <th scope="col">{ texts.column_role }</th>
                            if props.can_edit {
                                <th scope="col">{ texts.column_actions }</th>
                            }
                        </>
                    }}
                >
                    { for list.iter().map(|participant| html! {
                        <tr key={participant.id.to_string()}>
                            <th scope="row">
                                if props.link_actors {
                                    <NavLink to={Route::Actor { id: participant.actor_id }}>
                                        { participant.actor_name.clone() }
                                    </NavLink>
                                } else {
                                    { participant.actor_name.clone() }
                                }
                            </th>
                            <td>{ (texts.actor_kind_name)(participant.actor_kind) }</td>
                            <td>{ (texts.participant_role_name)(participant.role) }</td>
                            if props.can_edit {
                                <td>
                                    <RowAction label={texts.remove} object={hidden_name(&participant.actor_name)}
                                               danger=true onclick={remove(participant)} />
                                </td>
                            }
                        </tr>
                    }) }
                </Table>
            }) }
            if props.can_edit {
                <Panel heading_id="add-participant-heading" heading={texts.add_participant} sub=true alert_id="add-participant-error" alert={submit.summary()}>
                    <form class="form form--grid" novalidate=true data-testid="add-participant" {onsubmit}>
                        <ActorPicker
                            id="participant-actor"
                            label={texts.column_actor}
                            selected={(*actor).clone()}
                            on_select={on_actor}
                            error={submit.error_for("actor_id")}
                        />
                        <SelectField
                            id="participant-role"
                            label={texts.column_role}
                            options={role_options}
                            value={role.as_str()}
                            onchange={on_role}
                            error={submit.error_for("role")}
                        />
                        <div class="form__actions">
                            <SubmitButton label={texts.add_participant} busy={submit.busy()} />
                        </div>
                    </form>
                </Panel>
            }
        </Panel>
    }
}
