//! Where an invited partner sets their password, from the link of their
//! invitation (`/invitation?token=…`), then goes to sign in. Public: the
//! account is not active before this.

use crate::api;
use crate::components::account_fields::new_password_field;
use crate::components::form_field::{Alert, SubmitButton};
use crate::components::layout::PublicLayout;
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::hooks::use_submit;
use crate::i18n::use_lang;
use crate::routes::Route;
use serde::Deserialize;
use shared::access::AcceptInvitation;
use shared::validation::password_shape;
use shared::{ErrorCode, FieldError};
use yew::prelude::*;
use yew_router::prelude::*;

const FIELDS: [(&str, &str); 2] = [
    ("password", "invitation-password"),
    ("password_confirmation", "invitation-password-confirmation"),
];

#[derive(Debug, Default, Deserialize)]
struct InvitationQuery {
    #[serde(default)]
    token: String,
}

/// The password rules, and the confirmation typed the same.
fn check(password: &str, confirmation: &str) -> Vec<FieldError> {
    let mut problems = password_shape("password", password);
    if problems.is_empty() && password != confirmation {
        problems.push(FieldError::new(
            "password_confirmation",
            "mismatch",
            "the two passwords differ",
        ));
    }
    problems
}

/// The token is unknown, used, revoked or expired: nothing the partner can
/// fix but by asking for a new invitation.
fn link_is_dead(error: &api::ApiError) -> bool {
    error.has_code(ErrorCode::NotFound)
        || error.has_code(ErrorCode::Conflict)
        || error.has_code(ErrorCode::Forbidden)
        || error
            .field_errors
            .iter()
            .any(|problem| problem.field == "token")
}

#[function_component]
pub fn AcceptInvitationPage() -> Html {
    let texts = use_lang().texts();
    let token = use_location()
        .and_then(|location| location.query::<InvitationQuery>().ok())
        .unwrap_or_default()
        .token;
    let password = use_state(String::new);
    let confirmation = use_state(String::new);
    let submit = use_submit(&FIELDS);
    let dead_link = use_state(|| false);
    let accepted = use_state(|| false);

    let onsubmit = {
        let (password, confirmation, dead_link, accepted) = (
            password.clone(),
            confirmation.clone(),
            dead_link.clone(),
            accepted.clone(),
        );
        let token = token.clone();
        submit.on_submit(move |submit| {
            let problems = check(&password, &confirmation);
            if !problems.is_empty() {
                return submit.invalid(problems);
            }
            let acceptance = AcceptInvitation {
                token: token.clone(),
                password: (*password).clone(),
            };
            let (dead_link, accepted) = (dead_link.clone(), accepted.clone());
            submit.run_or_else(
                async move { api::access::accept_invitation(&acceptance).await },
                move |()| accepted.set(true),
                move |submit, error| {
                    if link_is_dead(&error) {
                        dead_link.set(true);
                    } else {
                        submit.refused(&error);
                    }
                },
            );
        })
    };

    let body = if *accepted {
        html! {
            <div data-testid="invitation-accepted">
                <p class="notice" role="status">{ texts.invitation_accepted }</p>
                <p>
                    <NavLink to={Route::SignIn} class={classes!("button", "button--primary")}>
                        { texts.go_to_sign_in }
                    </NavLink>
                </p>
            </div>
        }
    } else if token.trim().is_empty() || *dead_link {
        html! {
            <div role="alert" data-testid="invitation-invalid">
                <p>{ texts.invitation_invalid }</p>
            </div>
        }
    } else {
        html! {
            <>
                <p class="lead">{ texts.invitation_intro }</p>
                <Alert id="invitation-error" message={submit.summary()} />
                <form class="form" novalidate=true data-testid="invitation-form" {onsubmit}>
                    { new_password_field("invitation-password", texts.new_password, Some(texts.new_password_hint), &password, submit.error_for("password")) }
                    { new_password_field("invitation-password-confirmation", texts.password_confirmation, None, &confirmation, submit.error_for("password_confirmation")) }
                    <SubmitButton label={texts.set_password_submit} busy={submit.busy()} />
                </form>
            </>
        }
    };

    html! {
        <PublicLayout>
            <div class="card card--form">
                <PageTitle text={texts.invitation_title} />
                { body }
            </div>
        </PublicLayout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_follows_the_rules_and_is_confirmed() {
        let fields = |problems: Vec<FieldError>| -> Vec<String> {
            problems.into_iter().map(|problem| problem.field).collect()
        };
        assert_eq!(fields(check("court", "court")), ["password"]);
        assert_eq!(
            fields(check("Vergers-du-Pic-2025", "Vergers-du-Pic-2026")),
            ["password_confirmation"]
        );
        assert!(check("Vergers-du-Pic-2025", "Vergers-du-Pic-2025").is_empty());
    }
}
