//! Partner invitations: each one creates a partner's account, inactive
//! until they set their password through the one-time link. The link goes
//! out by e-mail when the server can send it; otherwise it is shown here,
//! once, for the administrator to pass on.

use super::organisation::ActorName;
use super::AdminFrame;
use crate::actions::confirm_then;
use crate::api;
use crate::components::account_fields::{display_name_field, email_field};
use crate::components::actor_picker::{ActorPicker, PickedActor};
use crate::components::form_field::{Status, SubmitButton};
use crate::components::panel::Panel;
use crate::components::row_action::RowAction;
use crate::components::secret::OneTimeSecret;
use crate::components::table::Table;
use crate::dom;
use crate::format;
use crate::hooks::{use_loaded, use_submit};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Texts};
use chrono::{DateTime, Utc};
use shared::access::{Invitation, NewInvitation};
use shared::validation;
use shared::FieldError;
use yew::prelude::*;

const FIELDS: [(&str, &str); 3] = [
    ("email", "invitation-email"),
    ("display_name", "invitation-name"),
    ("actor_id", "invitation-actor"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InvitationState {
    Pending,
    Accepted,
    Revoked,
    Expired,
}

fn state_of(invitation: &Invitation, now: DateTime<Utc>) -> InvitationState {
    if invitation.used_at.is_some() {
        InvitationState::Accepted
    } else if invitation.revoked_at.is_some() {
        InvitationState::Revoked
    } else if invitation.expires_at <= now {
        InvitationState::Expired
    } else {
        InvitationState::Pending
    }
}

fn state_tag(texts: &Texts, state: InvitationState) -> Html {
    let (class, label) = match state {
        InvitationState::Pending => ("tag tag--risk", texts.invitation_pending),
        InvitationState::Accepted => ("tag tag--done", texts.invitation_accepted_state),
        InvitationState::Revoked => ("tag", texts.revoked),
        InvitationState::Expired => ("tag tag--overdue", texts.expired),
    };
    html! { <span class={class}>{ label }</span> }
}

/// The invitation to send, or every problem of the form at once.
fn checked(
    email: &str,
    display_name: &str,
    actor: Option<&PickedActor>,
) -> Result<NewInvitation, Vec<FieldError>> {
    let mut problems = Vec::new();
    problems.extend(validation::email("email", email));
    problems.extend(validation::display_name("display_name", display_name));
    if actor.is_none() {
        problems.push(FieldError::new(
            "actor_id",
            "required",
            "choose the organisation",
        ));
    }
    match actor {
        Some(picked) if problems.is_empty() => Ok(NewInvitation {
            email: email.trim().to_owned(),
            display_name: display_name.trim().to_owned(),
            actor_id: picked.id,
        }),
        _ => Err(problems),
    }
}

#[function_component]
pub fn InvitationsPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let invitations = use_loaded((), |()| async {
        api::access::invitations().await.map(|mut list| {
            list.sort_by_key(|invitation| std::cmp::Reverse(invitation.created_at));
            list
        })
    });
    let email = use_state(String::new);
    let display_name = use_state(String::new);
    let actor = use_state(|| None::<PickedActor>);
    let submit = use_submit(&FIELDS);
    // The link of the invitation just made, when no e-mail carried it.
    let link = use_state(|| None::<(String, String)>);

    let onsubmit = {
        let (email, display_name, actor, link, invitations) = (
            email.clone(),
            display_name.clone(),
            actor.clone(),
            link.clone(),
            invitations.clone(),
        );
        submit.on_submit(move |submit| {
            let Some(new) = submit.checked(checked(&email, &display_name, actor.as_ref())) else {
                return;
            };
            link.set(None);
            let (email, display_name, actor, link, invitations) = (
                email.clone(),
                display_name.clone(),
                actor.clone(),
                link.clone(),
                invitations.clone(),
            );
            submit.run_or_else(
                async move { api::access::invite(&new).await },
                move |created| {
                    email.set(String::new());
                    display_name.set(String::new());
                    actor.set(None);
                    let invited = created.invitation.email.clone();
                    let message = match created.link {
                        Some(url) => {
                            let message = (texts.invitation_created)(&invited);
                            link.set(Some((invited, url)));
                            message
                        }
                        None => (texts.invitation_emailed)(&invited),
                    };
                    invitations.refresh(Some(message.into()));
                },
                |submit, failure| submit.refused_unique(&failure, "email"),
            );
        })
    };

    let revoke = |invitation: &Invitation| {
        let (invitations, invitation) = (invitations.clone(), invitation.clone());
        Callback::from(move |_: MouseEvent| {
            let invitations = invitations.clone();
            let email = invitation.email.clone();
            confirm_then(
                &(texts.confirm_revoke_invitation)(&invitation.email),
                || api::access::revoke_invitation(invitation.id),
                move |outcome| match outcome {
                    Ok(()) => invitations.refresh(Some((texts.invitation_revoked)(&email).into())),
                    Err(failure) => invitations.fail(failure),
                },
            );
        })
    };
    let dismiss_link = {
        let link = link.clone();
        Callback::from(move |()| {
            link.set(None);
            dom::focus("#invitation-email");
        })
    };
    let on_actor = {
        let actor = actor.clone();
        Callback::from(move |picked: Option<PickedActor>| actor.set(picked))
    };
    let now = dom::now();

    let table = invitations.view_unless_failed(texts, html! { <p class="notice">{ texts.no_invitations }</p> }, |list| html! {
            <Table
                caption={texts.invitations_caption}
                caption_id="invitations-caption"
                testid="invitations"
                head={html! {
                    <>
                        <th scope="col">{ texts.column_email }</th>
                        <th scope="col">{ texts.column_name }</th>
                        <th scope="col">{ texts.column_organisation }</th>
                        <th scope="col">{ texts.column_created_at }</th>
                        <th scope="col">{ texts.column_expires_at }</th>
                        <th scope="col">{ texts.column_state }</th>
                        <th scope="col">{ texts.column_actions }</th>
                    </>
                }}
            >
                { for list.iter().map(|invitation| {
                    let state = state_of(invitation, now);
                    html! {
                        <tr key={invitation.id.to_string()} data-testid={format!("invitation-{}", invitation.id)}>
                            <th scope="row" class="cell-email">{ invitation.email.clone() }</th>
                            <td>{ invitation.display_name.clone() }</td>
                            <td>
                                if let Some(actor) = invitation.actor_id {
                                    <ActorName id={actor} />
                                } else {
                                    { "—" }
                                }
                            </td>
                            <td>{ format::date_time(invitation.created_at, lang) }</td>
                            <td>{ format::date_time(invitation.expires_at, lang) }</td>
                            <td>
                                { state_tag(texts, state) }
                                if let Some(used) = invitation.used_at {
                                    <span class="small-text muted">{ " " }{ format::date_time(used, lang) }</span>
                                }
                            </td>
                            <td>
                                if state == InvitationState::Pending {
                                    <RowAction label={texts.revoke} danger=true onclick={revoke(invitation)}
                                               object={html! { <span class="visually-hidden">{ (texts.for_user)(&invitation.email) }</span> }} />
                                }
                            </td>
                        </tr>
                    }
                }) }
            </Table>
    });

    html! {
        <AdminFrame title={texts.invitations_heading}>
            <p class="lead">{ texts.invitations_intro }</p>
            <Status message={invitations.status()} />
            if let Some((invited, url)) = &*link {
                <OneTimeSecret
                    id="invitation-link"
                    heading={texts.invitation_link_heading}
                    label={(texts.invitation_link_label)(invited)}
                    value={url.clone()}
                    warning={texts.invitation_link_warning}
                    on_dismiss={dismiss_link}
                    testid="invitation-link-panel"
                />
            }
            <Panel heading_id="invitations-heading" heading={texts.invitations_list_heading} alert_id="invitations-error" alert={invitations.error_message(texts)}>
                { table }
            </Panel>
            <Panel heading_id="invite-heading" heading={texts.invite_partner} alert_id="invite-error" alert={submit.summary()}>
                <form class="form form--grid" novalidate=true data-testid="invite-form" {onsubmit}>
                    { email_field(texts, "invitation-email", &email, submit.error_for("email")) }
                    { display_name_field(texts, "invitation-name", &display_name, submit.error_for("display_name")) }
                    <ActorPicker
                        id="invitation-actor"
                        label={texts.partner_organisation}
                        selected={(*actor).clone()}
                        on_select={on_actor}
                        error={submit.error_for("actor_id")}
                    />
                    <div class="form__actions">
                        <SubmitButton label={texts.invite_submit} busy={submit.busy()} busy_label={texts.creating} testid="send-invitation" />
                    </div>
                </form>
            </Panel>
        </AdminFrame>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ids::{InvitationId, UserId};

    #[test]
    fn an_invitation_needs_an_address_a_name_and_an_organisation() {
        let fields = |problems: Vec<FieldError>| -> Vec<String> {
            problems.into_iter().map(|problem| problem.field).collect()
        };
        assert_eq!(
            fields(checked("pas-une-adresse", " ", None).unwrap_err()),
            ["email", "display_name", "actor_id"]
        );
        let actor = PickedActor {
            id: shared::ids::ActorId(4),
            name: "Association A".into(),
        };
        let new = checked(" camille@asso.example ", "Camille", Some(&actor)).unwrap();
        assert_eq!(new.email, "camille@asso.example");
        assert_eq!(new.actor_id, actor.id);
    }

    #[test]
    fn an_invitation_is_pending_until_used_revoked_or_expired() {
        let now = "2025-06-01T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let invitation = Invitation {
            id: InvitationId(1),
            user_id: UserId(2),
            email: "camille@asso.example".into(),
            display_name: "Camille".into(),
            actor_id: None,
            created_at: now,
            expires_at: "2025-06-08T12:00:00Z".parse().unwrap(),
            used_at: None,
            revoked_at: None,
        };
        assert_eq!(state_of(&invitation, now), InvitationState::Pending);
        let later = "2025-06-09T00:00:00Z".parse().unwrap();
        assert_eq!(state_of(&invitation, later), InvitationState::Expired);
        let used = Invitation {
            used_at: Some(now),
            ..invitation.clone()
        };
        assert_eq!(state_of(&used, later), InvitationState::Accepted);
        let revoked = Invitation {
            revoked_at: Some(now),
            ..invitation
        };
        assert_eq!(state_of(&revoked, now), InvitationState::Revoked);
    }
}
