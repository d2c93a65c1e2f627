use crate::api;
use crate::components::actor_picker::{ActorPicker, PickedActor};
use crate::components::form_field::{message_for, Alert, SelectField, Status, TextField};
use crate::components::nav::NavLink;
use crate::dom;
use crate::i18n::use_lang;
use crate::routes::Route;
use shared::auth::Role;
use shared::users::{CreateUser, User};
use shared::validation::Validate;
use shared::{ErrorCode, FieldError};
use yew::platform::spawn_local;
use yew::prelude::*;

/// The API's field names, and the ids of the inputs that hold them.
const FIELDS: [(&str, &str); 5] = [
    ("email", "new-user-email"),
    ("display_name", "new-user-name"),
    ("role", "new-user-role"),
    ("actor_id", "new-user-actor"),
    ("password", "new-user-password"),
];

fn input_id(field: &str) -> &'static str {
    FIELDS
        .iter()
        .find(|(name, _)| *name == field)
        .map_or("new-user-email", |(_, id)| id)
}

fn focus_first(errors: &[FieldError]) {
    // Follow the form's order, not the order the rules ran in.
    let first = FIELDS
        .iter()
        .find(|(name, _)| errors.iter().any(|error| error.field == *name));
    if let Some((_, id)) = first {
        dom::focus(&format!("#{id}"));
    }
}

#[derive(Properties, PartialEq)]
pub struct CreateUserFormProps {
    pub on_created: Callback<User>,
}

#[function_component]
pub fn CreateUserForm(props: &CreateUserFormProps) -> Html {
    let texts = use_lang().texts();
    let email = use_state(String::new);
    let display_name = use_state(String::new);
    // The least privileged staff role, so that a hurried admin grants too little.
    let role = use_state(|| Role::Viewer);
    // A partner's organisation, chosen in the directory.
    let actor = use_state(|| None::<PickedActor>);
    let password = use_state(String::new);
    let field_errors = use_state(Vec::<FieldError>::new);
    let summary = use_state(|| None::<AttrValue>);
    let created = use_state(|| None::<AttrValue>);
    let busy = use_state(|| false);

    let onsubmit = {
        let (email, display_name, role, actor, password) = (
            email.clone(),
            display_name.clone(),
            role.clone(),
            actor.clone(),
            password.clone(),
        );
        let (field_errors, summary, created, busy) = (
            field_errors.clone(),
            summary.clone(),
            created.clone(),
            busy.clone(),
        );
        let on_created = props.on_created.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            created.set(None);
            let account = CreateUser {
                email: email.trim().to_owned(),
                display_name: display_name.trim().to_owned(),
                role: *role,
                password: (*password).clone(),
                actor_id: (*role == Role::Partner)
                    .then(|| actor.as_ref().map(|picked| picked.id))
                    .flatten(),
            };
            let invalid = account.validate();
            if !invalid.is_empty() {
                focus_first(&invalid);
                field_errors.set(invalid);
                summary.set(Some(texts.form_has_errors.into()));
                return;
            }

            busy.set(true);
            let (email, display_name, actor, password) = (
                email.clone(),
                display_name.clone(),
                actor.clone(),
                password.clone(),
            );
            let (field_errors, summary, created, busy) = (
                field_errors.clone(),
                summary.clone(),
                created.clone(),
                busy.clone(),
            );
            let on_created = on_created.clone();
            spawn_local(async move {
                match api::users::create(&account).await {
                    Ok(user) => {
                        email.set(String::new());
                        display_name.set(String::new());
                        actor.set(None);
                        password.set(String::new());
                        field_errors.set(Vec::new());
                        summary.set(None);
                        created.set(Some((texts.user_created)(&user.email).into()));
                        on_created.emit(user);
                    }
                    Err(error) => {
                        let mut problems = error.field_errors.clone();
                        if problems.is_empty() && error.has_code(ErrorCode::AlreadyExists) {
                            // The only unique value in this form.
                            problems.push(FieldError::new(
                                "email",
                                "already_exists",
                                error.message.clone(),
                            ));
                        }
                        focus_first(&problems);
                        field_errors.set(problems);
                        summary.set(Some(texts.describe(&error).into()));
                    }
                }
                busy.set(false);
            });
        })
    };

    let setter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    let on_role = {
        let role = role.clone();
        Callback::from(move |value: String| {
            if let Ok(chosen) = value.parse::<Role>() {
                role.set(chosen);
            }
        })
    };
    let role_options: Vec<(AttrValue, AttrValue)> = Role::ALL
        .into_iter()
        .map(|option| (option.as_str().into(), (texts.role_name)(option).into()))
        .collect();
    let error_for = |field: &str| message_for(texts, &field_errors, field);
    let on_actor = {
        let actor = actor.clone();
        Callback::from(move |picked: Option<PickedActor>| actor.set(picked))
    };

    html! {
        <section class="panel" aria-labelledby="create-user-heading">
            <h2 id="create-user-heading">{ texts.create_user_heading }</h2>
            <Alert id="create-user-error" message={(*summary).clone()} />
            <Status message={(*created).clone()} />
            <form
                class="form form--grid"
                novalidate=true
                data-testid="create-user-form"
                {onsubmit}
            >
                <TextField
                    id={input_id("email")}
                    label={texts.email}
                    input_type="email"
                    autocomplete="off"
                    required=true
                    value={(*email).clone()}
                    oninput={setter(&email)}
                    error={error_for("email")}
                />
                <TextField
                    id={input_id("display_name")}
                    label={texts.display_name}
                    autocomplete="off"
                    required=true
                    value={(*display_name).clone()}
                    oninput={setter(&display_name)}
                    error={error_for("display_name")}
                />
                <SelectField
                    id={input_id("role")}
                    label={texts.role}
                    options={role_options}
                    value={role.as_str()}
                    onchange={on_role}
                    error={error_for("role")}
                />
                if *role == Role::Partner {
                    <div class="field field--wide">
                        <p class="field-hint">
                            { texts.partner_account_hint }{ " " }
                            <NavLink to={Route::Invitations}>{ texts.invite_partner }</NavLink>
                        </p>
                    </div>
                    <ActorPicker
                        id={input_id("actor_id")}
                        label={texts.partner_organisation}
                        selected={(*actor).clone()}
                        on_select={on_actor}
                        error={error_for("actor_id")}
                    />
                }
                <TextField
                    id={input_id("password")}
                    label={texts.initial_password}
                    hint={texts.initial_password_hint}
                    input_type="password"
                    autocomplete="new-password"
                    required=true
                    value={(*password).clone()}
                    oninput={setter(&password)}
                    error={error_for("password")}
                />
                <div class="form__actions">
                    <button
                        type="submit"
                        class="button button--primary"
                        aria-disabled={busy.then_some("true")}
                    >
                        { if *busy { texts.creating } else { texts.create_user_submit } }
                    </button>
                </div>
            </form>
        </section>
    }
}
