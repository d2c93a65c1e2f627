use crate::api;
use crate::components::form_field::{Alert, SubmitButton, TextField};
use crate::components::layout::{GoTo, PublicLayout};
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::dom;
use crate::hooks::use_submit;
use crate::i18n::use_lang;
use crate::routes::Route;
use crate::session::{use_session, SessionState};
use shared::auth::LoginRequest;
use shared::validation::Validate;
use shared::ErrorCode;
use yew::prelude::*;

/// The API's field names are the inputs' ids.
const FIELDS: [(&str, &str); 2] = [("email", "email"), ("password", "password")];

#[function_component]
pub fn SignIn() -> Html {
    let texts = use_lang().texts();
    let session = use_session();
    let email = use_state(String::new);
    let password = use_state(String::new);
    let submit = use_submit(&FIELDS);

    let onsubmit = {
        let (email, password, session) = (email.clone(), password.clone(), session.clone());
        submit.on_submit(move |submit| {
            let credentials = LoginRequest {
                email: email.trim().to_owned(),
                password: (*password).clone(),
            };
            let invalid = credentials.validate();
            if !invalid.is_empty() {
                return submit.invalid(invalid);
            }
            let (session, password) = (session.clone(), password.clone());
            submit.run_or_else(
                async move { api::auth::login(&credentials).await },
                // The page then re-renders signed in and leaves for the dashboard.
                move |user| session.signed_in(user),
                move |submit, error| {
                    if error.has_code(ErrorCode::InvalidCredentials) {
                        // Never leave a refused password for the next attempt.
                        password.set(String::new());
                        dom::focus("#password");
                    }
                    submit.show(Some(texts.describe(&error).into()), error.field_errors);
                },
            );
        })
    };

    match &session.state {
        SessionState::SignedIn(_) => return html! { <GoTo route={Route::Dashboard} /> },
        SessionState::Restoring => {
            return html! {
                <PublicLayout>
                    <p class="loading" role="status">{ texts.restoring_session }</p>
                </PublicLayout>
            }
        }
        SessionState::SignedOut { .. } => {}
    }
    let expired = matches!(session.state, SessionState::SignedOut { expired: true });
    let summary = submit
        .summary()
        .or_else(|| expired.then_some(texts.session_expired.into()));

    let on_email = {
        let email = email.clone();
        Callback::from(move |value| email.set(value))
    };
    let on_password = {
        let password = password.clone();
        Callback::from(move |value| password.set(value))
    };

    html! {
        <PublicLayout>
            <div class="card card--form">
                <PageTitle text={texts.sign_in_title} />
                <p class="lead">{ texts.sign_in_intro }</p>
                <Alert id="sign-in-error" message={summary} />
                <form class="form" novalidate=true {onsubmit} aria-describedby="sign-in-error">
                    <TextField
                        id="email"
                        label={texts.email}
                        input_type="email"
                        autocomplete="username"
                        required=true
                        value={(*email).clone()}
                        oninput={on_email}
                        error={submit.error_for("email")}
                    />
                    <TextField
                        id="password"
                        label={texts.password}
                        input_type="password"
                        autocomplete="current-password"
                        required=true
                        value={(*password).clone()}
                        oninput={on_password}
                        error={submit.error_for("password")}
                    />
                    <SubmitButton label={texts.sign_in_submit} busy={submit.busy()} busy_label={texts.signing_in} />
                </form>
            </div>
            <p class="portal-link">
                <NavLink to={Route::PublicProjects} testid="portal-link">{ texts.portal_sign_in_link }</NavLink>
            </p>
        </PublicLayout>
    }
}
