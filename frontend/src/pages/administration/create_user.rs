use crate::api;
use crate::components::account_fields::{display_name_field, email_field, new_password_field};
use crate::components::actor_picker::{ActorPicker, PickedActor};
use crate::components::form_field::{options_of, SelectField, Status, SubmitButton};
use crate::components::nav::NavLink;
use crate::components::panel::Panel;
use crate::hooks::use_submit;
use crate::i18n::use_lang;
use crate::routes::Route;
use shared::auth::Role;
use shared::users::{CreateUser, User};
use shared::validation::Validate;
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
    let submit = use_submit(&FIELDS);
    let created = use_state(|| None::<AttrValue>);

    let onsubmit = {
        let (email, display_name, role, actor, password, created) = (
            email.clone(),
            display_name.clone(),
            role.clone(),
            actor.clone(),
            password.clone(),
            created.clone(),
        );
        let on_created = props.on_created.clone();
        submit.on_submit(move |submit| {
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
                return submit.invalid(invalid);
            }
            let (email, display_name, actor, password, created) = (
                email.clone(),
                display_name.clone(),
                actor.clone(),
                password.clone(),
                created.clone(),
            );
            let on_created = on_created.clone();
            submit.run_or_else(
                async move { api::users::create(&account).await },
                move |user| {
                    email.set(String::new());
                    display_name.set(String::new());
                    actor.set(None);
                    password.set(String::new());
                    created.set(Some((texts.user_created)(&user.email).into()));
                    on_created.emit(user);
                },
                // The only unique value in this form.
                |submit, error| submit.refused_unique(&error, "email"),
            );
        })
    };

    let on_role = {
        let role = role.clone();
        Callback::from(move |value: String| {
            if let Ok(chosen) = value.parse::<Role>() {
                role.set(chosen);
            }
        })
    };
    let role_options = options_of(Role::ALL, Role::as_str, texts.role_name);
    let on_actor = {
        let actor = actor.clone();
        Callback::from(move |picked: Option<PickedActor>| actor.set(picked))
    };

    html! {
        <Panel heading_id="create-user-heading" heading={texts.create_user_heading} alert_id="create-user-error" alert={submit.summary()}>
            <Status message={(*created).clone()} />
            <form
                class="form form--grid"
                novalidate=true
                data-testid="create-user-form"
                {onsubmit}
            >
                { email_field(texts, input_id("email"), &email, submit.error_for("email")) }
                { display_name_field(texts, input_id("display_name"), &display_name, submit.error_for("display_name")) }
                <SelectField
                    id={input_id("role")}
                    label={texts.role}
                    options={role_options}
                    value={role.as_str()}
                    onchange={on_role}
                    error={submit.error_for("role")}
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
                        error={submit.error_for("actor_id")}
                    />
                }
                { new_password_field(input_id("password"), texts.initial_password, Some(texts.initial_password_hint), &password, submit.error_for("password")) }
                <div class="form__actions">
                    <SubmitButton label={texts.create_user_submit} busy={submit.busy()} busy_label={texts.creating} />
                </div>
            </form>
        </Panel>
    }
}
