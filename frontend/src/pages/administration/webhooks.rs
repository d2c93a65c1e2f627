//! Webhooks: the town's other systems subscribe to events of the
//! portfolio and receive each as a signed HTTP request. Listed here with
//! their state; created with a signing secret shown once; the setting for
//! receivers on the town's private network.

use super::AdminFrame;
use crate::actions::confirm_then;
use crate::api::webhooks::{
    self as hooks, NewWebhook, Webhook, WebhookEvent, WebhookPatch, WebhookSettings,
};
use crate::api::ApiError;
use crate::components::form_field::{
    options_of, without_problems, Alert, ChoiceGroup, Status, SubmitButton, TextField,
};
use crate::components::nav::NavLink;
use crate::components::panel::Panel;
use crate::components::row_action::RowAction;
use crate::components::secret::OneTimeSecret;
use crate::components::table::Table;
use crate::dom;
use crate::format;
use crate::hooks::{use_loaded, use_submit, Records};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Texts};
use crate::routes::Route;
use shared::validation::Validate;
use shared::{ErrorCode, FieldError};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

pub(super) const FIELDS: [(&str, &str); 4] = [
    ("url", "webhook-url"),
    ("events", "webhook-events"),
    ("secret", "webhook-secret"),
    ("active", "webhook-active"),
];

/// The subscription form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WebhookDraft {
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub secret: String,
    pub active: bool,
}

impl Default for WebhookDraft {
    fn default() -> Self {
        WebhookDraft {
            url: String::new(),
            events: Vec::new(),
            secret: String::new(),
            active: true,
        }
    }
}

impl WebhookDraft {
    pub fn of(webhook: &Webhook) -> Self {
        WebhookDraft {
            url: webhook.url.clone(),
            events: webhook.events.clone(),
            secret: String::new(),
            active: webhook.active,
        }
    }

    fn events(&self) -> Vec<WebhookEvent> {
        let mut events = self.events.clone();
        events.sort();
        events.dedup();
        events
    }

    pub fn to_new(&self) -> Result<NewWebhook, Vec<FieldError>> {
        let secret = Some(self.secret.trim().to_owned()).filter(|secret| !secret.is_empty());
        let new = NewWebhook {
            url: self.url.trim().to_owned(),
            events: self.events(),
            secret,
            active: self.active,
        };
        let problems = new.validate();
        without_problems(new, problems)
    }

    /// What differs from `webhook`, once the whole subscription is valid.
    pub fn to_patch(&self, webhook: &Webhook) -> Result<WebhookPatch, Vec<FieldError>> {
        let url = self.url.trim().to_owned();
        let events = self.events();
        let problems = WebhookPatch {
            url: Some(url.clone()),
            events: Some(events.clone()),
            active: None,
        }
        .validate();
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut current = webhook.events.clone();
        current.sort();
        Ok(WebhookPatch {
            url: (url != webhook.url).then_some(url),
            events: (events != current).then_some(events),
            active: (self.active != webhook.active).then_some(self.active),
        })
    }
}

/// The events as checkboxes.
pub(super) fn events_group(
    texts: &'static Texts,
    draft: &UseStateHandle<WebhookDraft>,
    error: Option<AttrValue>,
) -> Html {
    let options = options_of(
        WebhookEvent::ALL,
        WebhookEvent::as_str,
        texts.webhook_event_name,
    );
    let selected: Vec<AttrValue> = draft
        .events
        .iter()
        .map(|event| AttrValue::from(event.as_str()))
        .collect();
    let onchange = {
        let draft = draft.clone();
        Callback::from(move |(value, checked): (String, bool)| {
            let Ok(event) = value.parse::<WebhookEvent>() else {
                return;
            };
            let mut next = (*draft).clone();
            next.events.retain(|kept| *kept != event);
            if checked {
                next.events.push(event);
            }
            draft.set(next);
        })
    };
    html! {
        <ChoiceGroup
            id="webhook-events"
            legend={texts.webhook_events}
            {options}
            {selected}
            {onchange}
            multiple=true
            required=true
            {error}
        />
    }
}

/// The receiver's address, as both the creation and the edit form ask it.
pub(super) fn url_field(
    texts: &'static Texts,
    draft: &UseStateHandle<WebhookDraft>,
    error: Option<AttrValue>,
) -> Html {
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |url: String| {
            draft.set(WebhookDraft {
                url,
                ..(*draft).clone()
            })
        })
    };
    html! {
        <TextField
            id="webhook-url"
            label={texts.webhook_url}
            hint={texts.webhook_url_hint}
            input_type="url"
            autocomplete="off"
            required=true
            value={draft.url.clone()}
            {oninput}
            {error}
        />
    }
}

/// Whether the subscription receives events.
pub(super) fn active_field(texts: &'static Texts, draft: &UseStateHandle<WebhookDraft>) -> Html {
    let onchange = {
        let draft = draft.clone();
        Callback::from(move |active: bool| {
            draft.set(WebhookDraft {
                active,
                ..(*draft).clone()
            })
        })
    };
    checkbox(
        "webhook-active",
        texts.webhook_active_label,
        None,
        draft.active,
        onchange,
    )
}

/// A labelled checkbox whose state is `checked`.
fn checkbox(
    id: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    checked: bool,
    onchange: Callback<bool>,
) -> Html {
    let onchange = Callback::from(move |event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        onchange.emit(input.checked());
    });
    let hint_id = format!("{id}-hint");
    html! {
        <div class="field field--wide">
            <div class="choice">
                <input type="checkbox" {id} name={id} {checked} {onchange}
                       aria-describedby={hint.map(|_| hint_id.clone())} />
                <label for={id}>{ label }</label>
            </div>
            if let Some(hint) = hint {
                <p id={hint_id} class="field-hint">{ hint }</p>
            }
        </div>
    }
}

pub(super) fn events_list(texts: &Texts, events: &[WebhookEvent]) -> Html {
    html! {
        <ul class="plain-list">
            { for events.iter().map(|event| html! {
                <li>{ (texts.webhook_event_name)(*event) }</li>
            }) }
        </ul>
    }
}

pub(super) fn active_badge(texts: &Texts, active: bool) -> Html {
    html! {
        <span class={classes!("badge", if active { "badge--on" } else { "badge--off" })}>
            { if active { texts.webhook_on } else { texts.webhook_off } }
        </span>
    }
}

/// The list after a change made from it: its confirmation, or why it was
/// refused, and the subscriptions as they now stand.
fn changed(texts: &Texts, webhooks: &Records<Webhook>, outcome: Result<String, ApiError>) {
    match outcome {
        Ok(message) => webhooks.set_status(Some(message.into())),
        Err(failure) if failure.has_code(ErrorCode::VersionMismatch) => {
            webhooks.set_status(Some(texts.webhook_conflict.into()))
        }
        Err(failure) => webhooks.fail(failure),
    }
    webhooks.reload();
}

#[function_component]
pub fn WebhooksPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let webhooks = use_loaded((), |()| hooks::list());
    let draft = use_state(WebhookDraft::default);
    let submit = use_submit(&FIELDS);
    // The address and signing secret of the subscription just created.
    let secret = use_state(|| None::<(String, String)>);

    let onsubmit = {
        let (draft, secret, webhooks) = (draft.clone(), secret.clone(), webhooks.clone());
        submit.on_submit(move |submit| {
            let Some(new) = submit.checked(draft.to_new()) else {
                return;
            };
            secret.set(None);
            let (draft, secret, webhooks) = (draft.clone(), secret.clone(), webhooks.clone());
            submit.run(async move { hooks::create(&new).await }, move |created| {
                draft.set(WebhookDraft::default());
                webhooks.refresh(Some((texts.webhook_created)(&created.webhook.url).into()));
                secret.set(Some((created.webhook.url, created.secret)));
            });
        })
    };

    let toggle = |webhook: &Webhook| {
        let (webhooks, webhook) = (webhooks.clone(), webhook.clone());
        Callback::from(move |_: MouseEvent| {
            let (webhooks, webhook) = (webhooks.clone(), webhook.clone());
            spawn_local(async move {
                let changes = WebhookPatch {
                    active: Some(!webhook.active),
                    ..WebhookPatch::default()
                };
                let outcome = hooks::update(webhook.id, webhook.version, &changes).await;
                if outcome.is_ok() {
                    webhooks.clear_error();
                }
                changed(
                    texts,
                    &webhooks,
                    outcome.map(|saved| (texts.webhook_saved)(&saved.url)),
                );
            });
        })
    };
    let remove = |webhook: &Webhook| {
        let (webhooks, webhook) = (webhooks.clone(), webhook.clone());
        Callback::from(move |_: MouseEvent| {
            let webhooks = webhooks.clone();
            let url = webhook.url.clone();
            confirm_then(
                &(texts.confirm_delete_webhook)(&webhook.url),
                || hooks::delete(webhook.id, webhook.version),
                move |outcome| {
                    changed(
                        texts,
                        &webhooks,
                        outcome.map(|()| (texts.webhook_deleted)(&url)),
                    );
                },
            );
        })
    };
    let dismiss_secret = {
        let secret = secret.clone();
        Callback::from(move |()| {
            secret.set(None);
            dom::focus("#webhook-url");
        })
    };
    let edit = |change: fn(&mut WebhookDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            change(&mut next, value);
            draft.set(next);
        })
    };
    let table = webhooks.view_unless_failed(texts, html! { <p class="notice">{ texts.no_webhooks }</p> }, |list| html! {
            <Table
                caption={texts.webhooks_caption}
                caption_id="webhooks-caption"
                testid="webhooks"
                head={html! {
                    <>
                        <th scope="col">{ texts.column_url }</th>
                        <th scope="col">{ texts.column_events }</th>
                        <th scope="col">{ texts.column_state }</th>
                        <th scope="col">{ texts.column_updated_at }</th>
                        <th scope="col">{ texts.column_actions }</th>
                    </>
                }}
            >
                { for list.iter().map(|webhook| {
                    let for_webhook = html! {
                        <span class="visually-hidden">{ (texts.for_webhook)(&webhook.url) }</span>
                    };
                    html! {
                        <tr key={webhook.id.to_string()} data-testid={format!("webhook-{}", webhook.id)}>
                            <th scope="row" class="cell-url">
                                <NavLink to={Route::Webhook { id: webhook.id }}>{ webhook.url.clone() }</NavLink>
                            </th>
                            <td>{ events_list(texts, &webhook.events) }</td>
                            <td>{ active_badge(texts, webhook.active) }</td>
                            <td>{ format::date_time(webhook.updated_at, lang) }</td>
                            <td class="actions-cell">
                                <NavLink to={Route::Webhook { id: webhook.id }}
                                         class={classes!("button", "button--secondary", "button--small")}>
                                    { texts.webhook_details }{ for_webhook.clone() }
                                </NavLink>
                                { " " }
                                <button type="button" class="button button--secondary button--small"
                                        onclick={toggle(webhook)}>
                                    { if webhook.active { texts.deactivate } else { texts.activate } }
                                    { for_webhook.clone() }
                                </button>
                                { " " }
                                <RowAction label={texts.delete} object={for_webhook} danger=true
                                           onclick={remove(webhook)} />
                            </td>
                        </tr>
                    }
                }) }
            </Table>
    });

    html! {
        <AdminFrame title={texts.webhooks_heading}>
            <p class="lead">{ texts.webhooks_intro }</p>
            <Status message={webhooks.status()} />
            if let Some((url, value)) = &*secret {
                <OneTimeSecret
                    id="webhook-secret-value"
                    heading={texts.webhook_secret_heading}
                    label={(texts.webhook_secret_label)(url)}
                    value={value.clone()}
                    warning={texts.webhook_secret_warning}
                    on_dismiss={dismiss_secret}
                    testid="webhook-secret-panel"
                />
            }
            <Panel heading_id="webhooks-list-heading" heading={texts.webhooks_list_heading} alert_id="webhooks-error" alert={webhooks.error_message(texts)}>
                { table }
            </Panel>
            <Panel heading_id="new-webhook-heading" heading={texts.new_webhook} alert_id="new-webhook-error" alert={submit.summary()}>
                <form class="form form--grid" novalidate=true data-testid="webhook-form" {onsubmit}>
                    { url_field(texts, &draft, submit.error_for("url")) }
                    <TextField
                        id="webhook-secret"
                        label={texts.webhook_secret}
                        hint={texts.webhook_secret_hint}
                        autocomplete="off"
                        value={draft.secret.clone()}
                        oninput={edit(|d, v| d.secret = v)}
                        error={submit.error_for("secret")}
                    />
                    { events_group(texts, &draft, submit.error_for("events")) }
                    { active_field(texts, &draft) }
                    <div class="form__actions">
                        <SubmitButton label={texts.create_webhook} busy={submit.busy()} busy_label={texts.creating} testid="create-webhook" />
                    </div>
                </form>
            </Panel>
            <WebhookSettingsPanel />
        </AdminFrame>
    }
}

/// Whether subscriptions may point at private, loopback and link-local
/// addresses (a receiver on the town's own network).
#[function_component]
fn WebhookSettingsPanel() -> Html {
    let texts = use_lang().texts();
    let saved = use_state(|| None::<WebhookSettings>);
    let allow = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let status = use_state(|| None::<AttrValue>);
    let submit = use_submit(&[]);

    {
        let (saved, allow, error) = (saved.clone(), allow.clone(), error.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                match hooks::settings().await {
                    Ok(settings) => {
                        allow.set(settings.allow_private_addresses);
                        saved.set(Some(settings));
                    }
                    Err(failure) => error.set(Some(failure)),
                }
            });
        });
    }
    let on_allow = {
        let allow = allow.clone();
        Callback::from(move |checked: bool| allow.set(checked))
    };
    let onsubmit = {
        let (saved, allow, status) = (saved.clone(), allow.clone(), status.clone());
        submit.on_submit(move |submit| {
            status.set(None);
            let settings = WebhookSettings {
                allow_private_addresses: *allow,
            };
            let (saved, allow, status) = (saved.clone(), allow.clone(), status.clone());
            submit.run_or_else(
                async move { hooks::save_settings(&settings).await },
                move |settings| {
                    allow.set(settings.allow_private_addresses);
                    saved.set(Some(settings));
                    status.set(Some(texts.settings_saved.into()));
                },
                move |submit, failure| submit.set_summary(Some(texts.describe(&failure).into())),
            );
        })
    };
    // The settings that could not be read, or the last save's refusal.
    let error_message = submit.summary().or_else(|| {
        error
            .as_ref()
            .map(|failure| AttrValue::from(texts.describe(failure)))
    });
    html! {
        <Panel heading_id="webhook-settings-heading" heading={texts.webhook_settings_heading}>
            <Status message={(*status).clone()} />
            <Alert id="webhook-settings-error" message={error_message} />
            if saved.is_some() {
                <form class="form" data-testid="webhook-settings" {onsubmit}>
                    { checkbox("allow-private-addresses", texts.allow_private_addresses,
                               Some(texts.allow_private_addresses_hint), *allow, on_allow) }
                    <div class="form__actions">
                        <SubmitButton label={texts.save} busy={submit.busy()} secondary=true />
                    </div>
                </form>
            }
        </Panel>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use shared::ids::WebhookId;

    #[test]
    fn a_blank_secret_is_left_to_the_server() {
        let draft = WebhookDraft {
            url: " https://sig.ville.example/hook ".into(),
            events: vec![
                WebhookEvent::ProjectPhaseChanged,
                WebhookEvent::ProjectCreated,
            ],
            secret: "  ".into(),
            active: true,
        };
        let new = draft.to_new().unwrap();
        assert_eq!(new.url, "https://sig.ville.example/hook");
        assert_eq!(new.secret, None);
        assert_eq!(
            new.events,
            [
                WebhookEvent::ProjectCreated,
                WebhookEvent::ProjectPhaseChanged
            ]
        );
        let bad = WebhookDraft {
            events: Vec::new(),
            ..draft
        };
        assert_eq!(bad.to_new().unwrap_err()[0].field, "events");
    }

    #[test]
    fn only_changes_are_sent() {
        let webhook = Webhook {
            id: WebhookId(1),
            url: "https://sig.ville.example/hook".into(),
            events: vec![
                WebhookEvent::ProjectPhaseChanged,
                WebhookEvent::ProjectCreated,
            ],
            active: true,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 3,
        };
        let unchanged = WebhookDraft::of(&webhook).to_patch(&webhook).unwrap();
        assert_eq!(unchanged, WebhookPatch::default());
        let paused = WebhookDraft {
            active: false,
            ..WebhookDraft::of(&webhook)
        };
        assert_eq!(
            paused.to_patch(&webhook).unwrap(),
            WebhookPatch {
                active: Some(false),
                ..WebhookPatch::default()
            }
        );
    }
}
