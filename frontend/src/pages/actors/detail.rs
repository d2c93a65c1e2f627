//! One actor: its details (editable in place), contacts, and the projects
//! it takes part in with its roles there.

use super::contacts::Contacts;
use super::form::ActorForm;
use crate::actions::confirm_then;
use crate::api::{self, ApiError};
use crate::components::form_field::{Alert, Status};
use crate::components::layout::fact;
use crate::components::layout::GoTo;
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::panel::Panel;
use crate::components::phase_badge::PhaseBadge;
use crate::dom;
use crate::i18n::use_lang;
use crate::routes::Route;
use crate::session::{use_can_edit, use_session};
use shared::actors::{Actor, ActorProject};
use shared::ids::ActorId;
use shared::ErrorCode;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ActorPageProps {
    pub id: ActorId,
    /// A partner's own organisation: they keep its record and contacts up
    /// to date, but neither delete it nor read the staff's notes.
    #[prop_or_default]
    pub own_organisation: bool,
}

#[function_component]
pub fn ActorPage(props: &ActorPageProps) -> Html {
    let texts = use_lang().texts();
    let staff_editor = use_can_edit();
    let is_admin = use_session()
        .user()
        .is_some_and(|user| user.role.is_admin());
    let own = props.own_organisation;
    let can_edit = staff_editor || own;
    let id = props.id;
    let actor = use_state(|| None::<Actor>);
    let error = use_state(|| None::<ApiError>);
    let reloads = use_state(|| 0_u32);
    let editing = use_state(|| false);
    let status = use_state(|| None::<AttrValue>);
    let projects = use_state(|| None::<Vec<ActorProject>>);
    let delete_problem = use_state(|| None::<AttrValue>);
    let deleted = use_state(|| false);

    {
        let (actor, error) = (actor.clone(), error.clone());
        use_effect_with((id, *reloads), move |(id, _)| {
            let id = *id;
            spawn_local(async move {
                match api::actors::get(id).await {
                    Ok(loaded) => {
                        actor.set(Some(loaded));
                        error.set(None);
                    }
                    Err(failure) => error.set(Some(failure)),
                }
            });
        });
    }
    {
        let projects = projects.clone();
        use_effect_with(id, move |id| {
            let id = *id;
            spawn_local(async move {
                // The section says "none" rather than failing the page.
                projects.set(Some(api::actors::projects(id).await.unwrap_or_default()));
            });
        });
    }
    use_effect_with(*editing, |editing| {
        if *editing {
            dom::focus("#actor-name");
        }
    });

    let on_saved = {
        let (actor, editing, status) = (actor.clone(), editing.clone(), status.clone());
        Callback::from(move |saved: Actor| {
            status.set(Some((texts.actor_saved)(&saved.name).into()));
            actor.set(Some(saved));
            editing.set(false);
            dom::focus("#edit-actor");
        })
    };
    let on_reload = {
        let reloads = reloads.clone();
        Callback::from(move |()| reloads.set(reloads.wrapping_add(1)))
    };
    let start_edit = {
        let (editing, status) = (editing.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            status.set(None);
            editing.set(true);
        })
    };
    let stop_edit = {
        let editing = editing.clone();
        Callback::from(move |()| {
            editing.set(false);
            dom::focus("#edit-actor");
        })
    };
    let on_delete = {
        let (actor, delete_problem, deleted) =
            (actor.clone(), delete_problem.clone(), deleted.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(current) = (*actor).clone() else {
                return;
            };
            let (delete_problem, deleted) = (delete_problem.clone(), deleted.clone());
            confirm_then(
                &(texts.confirm_delete_actor)(&current.name),
                || api::actors::delete(current.id, current.version),
                move |outcome| match outcome {
                    Ok(()) => deleted.set(true),
                    Err(failure) if failure.has_code(ErrorCode::Conflict) => {
                        delete_problem.set(Some(texts.actor_in_projects.into()));
                    }
                    Err(failure) => delete_problem.set(Some(texts.describe(&failure).into())),
                },
            );
        })
    };

    if *deleted {
        return html! { <GoTo route={Route::Actors} /> };
    }
    let Some(current) = (*actor).clone() else {
        return match &*error {
            Some(failure) => html! {
                <>
                    <PageTitle text={if failure.has_code(ErrorCode::NotFound) { texts.actor_not_found } else { texts.actors_title }} />
                    <Alert id="actor-error" message={Some(AttrValue::from(texts.describe(failure)))} />
                </>
            },
            None => html! { <p class="loading" role="status">{ texts.loading }</p> },
        };
    };

    let text = |value: &Option<String>| value.clone().unwrap_or_else(|| "—".to_owned());
    let website = match &current.website {
        Some(url) => {
            html! { <a href={url.clone()} rel="noopener noreferrer" target="_blank">{ url.clone() }</a> }
        }
        None => html! { { "—" } },
    };
    let email = match &current.email {
        Some(address) => html! { <a href={format!("mailto:{address}")}>{ address.clone() }</a> },
        None => html! { { "—" } },
    };

    html! {
        <article class="actor" data-testid="actor-page">
            <div class="page-heading">
                <PageTitle text={current.name.clone()} />
                if can_edit && !*editing {
                    <div class="page-heading__actions">
                        <button type="button" id="edit-actor" class="button button--secondary" onclick={start_edit}>
                            { texts.edit_actor }
                        </button>
                    </div>
                }
            </div>
            <p class="eyebrow">
                if own {
                    { texts.nav_my_organisation }{ " — " }
                }
                { (texts.actor_kind_name)(current.kind) }
            </p>
            <Status message={(*status).clone()} />
            <Panel heading_id="actor-details-heading" heading={texts.actor_details}>
                if *editing {
                    <ActorForm
                        initial={Some(current.clone())}
                        {on_saved}
                        on_cancel={Some(stop_edit)}
                        {on_reload}
                        show_notes={!own}
                    />
                } else {
                    <dl class="facts">
                        { fact(texts.siret, html! { <span data-testid="actor-siret">{ text(&current.siret) }</span> }) }
                        { fact(texts.siren, html! { { text(&current.siren) } }) }
                        { fact(texts.sector, html! { { text(&current.sector) } }) }
                        { fact(texts.address, html! { { text(&current.address) } }) }
                        { fact(texts.commune_insee_label, html! { { text(&current.commune_insee) } }) }
                        { fact(texts.website, website) }
                        { fact(texts.email, email) }
                        { fact(texts.phone, html! { { text(&current.phone) } }) }
                        { fact(texts.tags_label, html! { { if current.tags.is_empty() { "—".to_owned() } else { current.tags.join(", ") } } }) }
                    </dl>
                    if let Some(notes) = &current.notes {
                        <h3>{ texts.notes }</h3>
                        <p class="pre-line">{ notes.clone() }</p>
                    }
                }
            </Panel>
            <Contacts actor_id={id} {can_edit} can_erase={is_admin} />
            <Panel heading_id="actor-projects-heading" heading={texts.actor_projects_heading}>
                {
                    match &*projects {
                        None => html! { <p class="loading">{ texts.loading }</p> },
                        Some(list) if list.is_empty() => html! { <p class="notice">{ texts.no_actor_projects }</p> },
                        Some(list) => html! {
                            <ul class="plain-list" data-testid="actor-projects">
                                { for list.iter().map(|project| html! {
                                    <li key={project.project_id.to_string()}>
                                        <NavLink to={Route::Project { id: project.project_id }}>
                                            { format!("{} — {}", project.reference, project.title) }
                                        </NavLink>
                                        { " " }<PhaseBadge phase={project.phase} />
                                        <span class="muted">
                                            { " — " }
                                            { project.roles.iter().map(|role| (texts.participant_role_name)(*role)).collect::<Vec<_>>().join(", ") }
                                        </span>
                                    </li>
                                }) }
                            </ul>
                        },
                    }
                }
            </Panel>
            if staff_editor {
                <section class="panel panel--danger" aria-labelledby="delete-actor-heading">
                    <h2 id="delete-actor-heading">{ texts.delete_actor }</h2>
                    <p>{ texts.delete_actor_hint }</p>
                    <Alert id="delete-actor-error" message={(*delete_problem).clone()} />
                    <button type="button" class="button button--danger" onclick={on_delete}>
                        { texts.delete_actor }
                    </button>
                </section>
            }
        </article>
    }
}
