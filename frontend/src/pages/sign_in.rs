use crate::api;
use crate::components::form_field::{message_for, Alert, TextField};
use crate::components::layout::{GoTo, PublicLayout};
use crate::components::page_title::PageTitle;
use crate::dom;
use crate::i18n::use_lang;
use crate::routes::Route;
use crate::session::{use_session, SessionState};
use shared::auth::LoginRequest;
use shared::validation::Validate;
use shared::{ErrorCode, FieldError};
use yew::platform::spawn_local;
use yew::prelude::*;

/// What went wrong with the last attempt.
#[derive(Debug, Clone, PartialEq, Default)]
struct Problems {
    fields: Vec<FieldError>,
    /// Shown in the alert region; set for every failure, so that a screen
    /// reader hears about field errors too.
    summary: Option<AttrValue>,
}

#[function_component]
pub fn SignIn() -> Html {
    let texts = use_lang().texts();
    let session = use_session();
    let email = use_state(String::new);
    let password = use_state(String::new);
    let problems = use_state(Problems::default);
    let busy = use_state(|| false);

    let onsubmit = {
        let (email, password, problems, busy) = (
            email.clone(),
            password.clone(),
            problems.clone(),
            busy.clone(),
        );
        let session = session.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let credentials = LoginRequest {
                email: email.trim().to_owned(),
                password: (*password).clone(),
            };
            let invalid = credentials.validate();
            if let Some(first) = invalid.first() {
                dom::focus(&format!("#{}", first.field));
                problems.set(Problems {
                    fields: invalid,
                    summary: Some(texts.form_has_errors.into()),
                });
                return;
            }

            busy.set(true);
            let (problems, busy, password) = (problems.clone(), busy.clone(), password.clone());
            let session = session.clone();
            spawn_local(async move {
                match api::auth::login(&credentials).await {
                    // The page then re-renders signed in and leaves for the dashboard.
                    Ok(user) => session.signed_in(user),
                    Err(error) => {
                        if error.has_code(ErrorCode::InvalidCredentials) {
                            // Never leave a refused password for the next attempt.
                            password.set(String::new());
                            dom::focus("#password");
                        }
                        problems.set(Problems {
                            summary: Some(texts.describe(&error).into()),
                            fields: error.field_errors,
                        });
                        busy.set(false);
                    }
                }
            });
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
    let summary = problems
        .summary
        .clone()
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
                        error={message_for(texts, &problems.fields, "email")}
                    />
                    <TextField
                        id="password"
                        label={texts.password}
                        input_type="password"
                        autocomplete="current-password"
                        required=true
                        value={(*password).clone()}
                        oninput={on_password}
                        error={message_for(texts, &problems.fields, "password")}
                    />
                    <button
                        type="submit"
                        class="button button--primary"
                        aria-disabled={busy.then_some("true")}
                    >
                        { if *busy { texts.signing_in } else { texts.sign_in_submit } }
                    </button>
                </form>
            </div>
        </PublicLayout>
    }
}
