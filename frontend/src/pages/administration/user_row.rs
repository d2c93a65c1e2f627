use super::organisation::ActorName;
use crate::api;
use crate::components::form_field::RowProblem;
use crate::hooks::use_submit;
use crate::i18n::use_lang;
use shared::auth::Role;
use shared::users::{UpdateUser, User};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UserRowProps {
    pub user: User,
    /// Administrators cannot demote or deactivate themselves: that could
    /// leave the town without anyone able to manage accounts.
    pub is_self: bool,
    pub on_changed: Callback<User>,
    pub on_reload: Callback<()>,
}

#[function_component]
pub fn UserRow(props: &UserRowProps) -> Html {
    let texts = use_lang().texts();
    let user = &props.user;
    let role = use_state(|| user.role);
    let submit = use_submit(&[]);
    let problem = use_state(|| None::<RowProblem>);

    // A newer version (saved here, or fetched by a reload) replaces the draft
    // and any message about the old one.
    {
        let (role, problem) = (role.clone(), problem.clone());
        use_effect_with((user.version, user.role), move |(_, saved_role)| {
            role.set(*saved_role);
            problem.set(None);
        });
    }

    // Both actions send the change with the version the row was drawn from.
    // Buttons stay enabled while busy (guarded here instead) so that
    // keyboard focus is not thrown out of the table.
    let save = {
        let (user, submit, problem) = (user.clone(), submit.clone(), problem.clone());
        let on_changed = props.on_changed.clone();
        move |changes: UpdateUser| {
            if submit.busy() {
                return;
            }
            problem.set(None);
            let (problem, on_changed) = (problem.clone(), on_changed.clone());
            let (id, version) = (user.id, user.version);
            submit.run_or_else(
                async move { api::users::update(id, version, &changes).await },
                move |updated| on_changed.emit(updated),
                move |_, error| problem.set(Some(RowProblem::of(texts, &error))),
            );
        }
    };

    let on_role_change = {
        let role = role.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Ok(chosen) = select.value().parse::<Role>() {
                role.set(chosen);
            }
        })
    };
    let unchanged = *role == user.role;
    let on_save_role = {
        let (save, role) = (save.clone(), role.clone());
        let was_partner = user.role == Role::Partner;
        Callback::from(move |_: MouseEvent| {
            if unchanged {
                return;
            }
            save(UpdateUser {
                role: Some(*role),
                // Staff accounts belong to no organisation.
                actor_id: (was_partner && *role != Role::Partner).then_some(None),
                ..UpdateUser::default()
            })
        })
    };
    let on_toggle_active = {
        let active = user.active;
        Callback::from(move |_: MouseEvent| {
            save(UpdateUser {
                active: Some(!active),
                ..UpdateUser::default()
            })
        })
    };
    let on_reload = props.on_reload.reform(|_: MouseEvent| ());

    let id = user.id;
    let name = &user.display_name;
    let roles: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|option| *option != Role::Partner || user.role == Role::Partner)
        .collect();
    let locked = props.is_self;
    let for_user = html! { <span class="visually-hidden">{ (texts.for_user)(name) }</span> };
    let problem_view = match &*problem {
        None => html! {},
        Some(RowProblem::Conflict) => html! {
            <>
                <p data-testid={format!("conflict-{id}")}>{ texts.version_conflict }</p>
                <button type="button" class="button button--secondary" onclick={on_reload}>
                    { texts.reload_list }
                </button>
            </>
        },
        Some(RowProblem::Other(message)) => html! { <p>{ message.clone() }</p> },
    };

    html! {
        <tr data-testid={format!("user-row-{id}")} aria-busy={submit.busy().then_some("true")}>
            <th scope="row" class="cell-email">{ user.email.clone() }</th>
            <td>
                { name.clone() }
                if locked {
                    { " " }<span class="muted">{ texts.you }</span>
                }
            </td>
            <td>
                <div class="inline-form">
                    <label class="visually-hidden" for={format!("role-{id}")}>
                        { (texts.role_of)(name) }
                    </label>
                    <select
                        id={format!("role-{id}")}
                        data-testid={format!("role-select-{id}")}
                        disabled={locked}
                        onchange={on_role_change}
                    >
                        // A partner account needs its organisation: it is
                        // created as such (form or invitation), not by
                        // changing a staff account's role here.
                        { for roles.into_iter().map(|option| html! {
                            <option value={option.as_str()} selected={option == *role}>
                                { (texts.role_name)(option) }
                            </option>
                        }) }
                    </select>
                    <button
                        type="button"
                        class="button button--secondary button--small"
                        data-testid={format!("save-role-{id}")}
                        disabled={locked}
                        aria-disabled={(unchanged || submit.busy()).then_some("true")}
                        onclick={on_save_role}
                    >
                        { texts.save_role }{ for_user.clone() }
                    </button>
                </div>
            </td>
            <td>
                if let Some(actor) = user.actor_id {
                    <ActorName id={actor} />
                } else {
                    { "—" }
                }
            </td>
            <td>
                <span class={classes!("badge", if user.active { "badge--on" } else { "badge--off" })}>
                    { if user.active { texts.active_yes } else { texts.active_no } }
                </span>
            </td>
            <td>
                <button
                    type="button"
                    class="button button--secondary button--small"
                    data-testid={format!("toggle-active-{id}")}
                    disabled={locked}
                    aria-disabled={submit.busy().then_some("true")}
                    onclick={on_toggle_active}
                >
                    { if user.active { texts.deactivate } else { texts.activate } }{ for_user }
                </button>
                if locked {
                    <p class="muted small">{ texts.own_account_locked }</p>
                }
                <div class="row-alert" role="alert">{ problem_view }</div>
            </td>
        </tr>
    }
}
