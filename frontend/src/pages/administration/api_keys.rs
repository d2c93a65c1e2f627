//! API keys: what lets the town's other systems (GIS, data warehouse,
//! open-data portal) use the API within chosen scopes. A key's secret is
//! shown once, when it is created; afterwards only its prefix is.

use super::AdminFrame;
use crate::actions::confirm_then;
use crate::api;
use crate::components::form_field::{
    options_of, without_problems, ChoiceGroup, Status, SubmitButton, TextField,
};
use crate::components::panel::Panel;
use crate::components::row_action::{hidden_name, RowAction};
use crate::components::secret::OneTimeSecret;
use crate::components::table::Table;
use crate::dom;
use crate::format;
use crate::hooks::{use_loaded, use_submit};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Texts};
use chrono::{DateTime, NaiveDate, Utc};
use shared::access::{ApiKey, NewApiKey, Scope};
use shared::validation::Validate;
use shared::FieldError;
use yew::prelude::*;

const FIELDS: [(&str, &str); 3] = [
    ("name", "api-key-name"),
    ("scopes", "api-key-scopes"),
    ("expires_at", "api-key-expires"),
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct KeyDraft {
    name: String,
    scopes: Vec<Scope>,
    /// A date (`YYYY-MM-DD`); the key works until that day is over (UTC).
    expires_on: String,
}

impl KeyDraft {
    fn to_new(&self, today: NaiveDate) -> Result<NewApiKey, Vec<FieldError>> {
        let mut problems = Vec::new();
        let expires_at = match format::parse_date_input(&self.expires_on) {
            Ok(Some(day)) if day < today => {
                problems.push(FieldError::new("expires_at", "in_past", "a date to come"));
                None
            }
            Ok(day) => day
                .and_then(|day| day.and_hms_opt(23, 59, 59))
                .map(|moment| moment.and_utc()),
            Err(format::InvalidDate) => {
                problems.push(FieldError::new("expires_at", "invalid_date", "not a date"));
                None
            }
        };
        let mut scopes = self.scopes.clone();
        scopes.sort();
        scopes.dedup();
        let key = NewApiKey {
            name: self.name.trim().to_owned(),
            scopes,
            expires_at,
        };
        let mut all = key.validate();
        all.extend(problems);
        without_problems(key, all)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyState {
    Active,
    Revoked,
    Expired,
}

fn state_of(key: &ApiKey, now: DateTime<Utc>) -> KeyState {
    if key.revoked_at.is_some() {
        KeyState::Revoked
    } else if key.expires_at.is_some_and(|expiry| expiry <= now) {
        KeyState::Expired
    } else {
        KeyState::Active
    }
}

fn state_tag(texts: &Texts, state: KeyState) -> Html {
    let (class, label) = match state {
        KeyState::Active => ("tag tag--done", texts.key_active),
        KeyState::Revoked => ("tag", texts.revoked),
        KeyState::Expired => ("tag tag--overdue", texts.expired),
    };
    html! { <span class={class}>{ label }</span> }
}

#[function_component]
pub fn ApiKeysPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let keys = use_loaded((), |()| async {
        api::access::api_keys().await.map(|mut list| {
            list.sort_by_key(|key| std::cmp::Reverse(key.created_at));
            list
        })
    });
    let draft = use_state(KeyDraft::default);
    let submit = use_submit(&FIELDS);
    // The name and secret of the key just created: shown this once.
    let secret = use_state(|| None::<(String, String)>);

    let onsubmit = {
        let (draft, secret, keys) = (draft.clone(), secret.clone(), keys.clone());
        submit.on_submit(move |submit| {
            let Some(key) = submit.checked(draft.to_new(dom::today())) else {
                return;
            };
            secret.set(None);
            let (draft, secret, keys) = (draft.clone(), secret.clone(), keys.clone());
            submit.run(
                async move { api::access::create_api_key(&key).await },
                move |created| {
                    draft.set(KeyDraft::default());
                    keys.refresh(Some((texts.api_key_created)(&created.key.name).into()));
                    secret.set(Some((created.key.name, created.secret)));
                },
            );
        })
    };

    let revoke = |key: &ApiKey| {
        let (keys, key) = (keys.clone(), key.clone());
        Callback::from(move |_: MouseEvent| {
            let keys = keys.clone();
            let name = key.name.clone();
            confirm_then(
                &(texts.confirm_revoke_api_key)(&key.name),
                || api::access::revoke_api_key(key.id),
                move |outcome| match outcome {
                    Ok(()) => keys.refresh(Some((texts.api_key_revoked)(&name).into())),
                    Err(failure) => keys.fail(failure),
                },
            );
        })
    };
    let dismiss_secret = {
        let secret = secret.clone();
        Callback::from(move |()| {
            secret.set(None);
            dom::focus("#api-key-name");
        })
    };
    let edit = |change: fn(&mut KeyDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            change(&mut next, value);
            draft.set(next);
        })
    };
    let on_scope = {
        let draft = draft.clone();
        Callback::from(move |(value, checked): (String, bool)| {
            let Ok(scope) = value.parse::<Scope>() else {
                return;
            };
            let mut next = (*draft).clone();
            next.scopes.retain(|kept| *kept != scope);
            if checked {
                next.scopes.push(scope);
            }
            draft.set(next);
        })
    };
    let scope_options = options_of(Scope::ALL, Scope::as_str, texts.scope_name);
    let selected_scopes: Vec<AttrValue> = draft
        .scopes
        .iter()
        .map(|scope| AttrValue::from(scope.as_str()))
        .collect();
    let now = dom::now();

    let table = keys.view_unless_failed(texts, html! { <p class="notice">{ texts.no_api_keys }</p> }, |list| html! {
            <Table
                caption={texts.api_keys_caption}
                caption_id="api-keys-caption"
                testid="api-keys"
                head={html! {
                    <>
                        <th scope="col">{ texts.column_name }</th>
                        <th scope="col">{ texts.column_prefix }</th>
                        <th scope="col">{ texts.column_scopes }</th>
                        <th scope="col">{ texts.column_created_at }</th>
                        <th scope="col">{ texts.column_expires_at }</th>
                        <th scope="col">{ texts.column_last_used }</th>
                        <th scope="col">{ texts.column_state }</th>
                        <th scope="col">{ texts.column_actions }</th>
                    </>
                }}
            >
                { for list.iter().map(|key| {
                    let state = state_of(key, now);
                    html! {
                        <tr key={key.id.to_string()} data-testid={format!("api-key-{}", key.id)}>
                            <th scope="row">{ key.name.clone() }</th>
                            <td><code>{ format!("{}…", key.prefix) }</code></td>
                            <td>
                                <ul class="plain-list">
                                    { for key.scopes.iter().map(|scope| html! {
                                        <li>{ (texts.scope_name)(*scope) }</li>
                                    }) }
                                </ul>
                            </td>
                            <td>{ format::date_time(key.created_at, lang) }</td>
                            <td>
                                { key.expires_at.map(|at| format::date_time(at, lang)).unwrap_or_else(|| texts.no_expiry.to_owned()) }
                            </td>
                            <td>
                                { key.last_used_at.map(|at| format::date_time(at, lang)).unwrap_or_else(|| texts.never_used.to_owned()) }
                            </td>
                            <td>
                                { state_tag(texts, state) }
                                if let Some(revoked) = key.revoked_at {
                                    <span class="small-text muted">{ " " }{ format::date_time(revoked, lang) }</span>
                                }
                            </td>
                            <td>
                                if state == KeyState::Active {
                                    <RowAction label={texts.revoke} object={hidden_name(&key.name)} danger=true
                                               onclick={revoke(key)} testid="revoke-api-key" />
                                }
                            </td>
                        </tr>
                    }
                }) }
            </Table>
    });

    html! {
        <AdminFrame title={texts.api_keys_heading}>
            <p class="lead">{ texts.api_keys_intro }</p>
            <Status message={keys.status()} />
            if let Some((name, value)) = &*secret {
                <OneTimeSecret
                    id="api-key-secret"
                    heading={texts.api_key_secret_heading}
                    label={(texts.api_key_secret_label)(name)}
                    value={value.clone()}
                    warning={texts.api_key_secret_warning}
                    on_dismiss={dismiss_secret}
                    testid="api-key-secret-panel"
                />
            }
            <Panel heading_id="api-keys-list-heading" heading={texts.api_keys_list_heading} alert_id="api-keys-error" alert={keys.error_message(texts)}>
                { table }
            </Panel>
            <Panel heading_id="new-api-key-heading" heading={texts.new_api_key} alert_id="new-api-key-error" alert={submit.summary()}>
                <form class="form form--grid" novalidate=true data-testid="api-key-form" {onsubmit}>
                    <TextField
                        id="api-key-name"
                        label={texts.key_name}
                        hint={texts.key_name_hint}
                        autocomplete="off"
                        required=true
                        value={draft.name.clone()}
                        oninput={edit(|d, v| d.name = v)}
                        error={submit.error_for("name")}
                    />
                    <TextField
                        id="api-key-expires"
                        label={texts.key_expires}
                        hint={texts.key_expires_hint}
                        input_type="date"
                        value={draft.expires_on.clone()}
                        oninput={edit(|d, v| d.expires_on = v)}
                        error={submit.error_for("expires_at")}
                    />
                    <ChoiceGroup
                        id="api-key-scopes"
                        legend={texts.key_scopes}
                        options={scope_options}
                        selected={selected_scopes}
                        onchange={on_scope}
                        multiple=true
                        required=true
                        error={submit.error_for("scopes")}
                    />
                    <div class="form__actions">
                        <SubmitButton label={texts.create_api_key} busy={submit.busy()} busy_label={texts.creating} testid="create-api-key" />
                    </div>
                </form>
            </Panel>
        </AdminFrame>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_needs_a_name_and_a_scope_and_expires_at_the_end_of_its_day() {
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let fields = |problems: Vec<FieldError>| -> Vec<String> {
            problems.into_iter().map(|problem| problem.field).collect()
        };
        let empty = KeyDraft::default();
        assert_eq!(fields(empty.to_new(today).unwrap_err()), ["name", "scopes"]);
        let past = KeyDraft {
            name: "SIG".into(),
            scopes: vec![Scope::ReadProjects],
            expires_on: "2025-05-31".into(),
        };
        assert_eq!(fields(past.to_new(today).unwrap_err()), ["expires_at"]);
        let key = KeyDraft {
            expires_on: "2025-12-31".into(),
            scopes: vec![
                Scope::WriteIndicators,
                Scope::ReadProjects,
                Scope::ReadProjects,
            ],
            ..past
        }
        .to_new(today)
        .unwrap();
        assert_eq!(key.scopes, [Scope::ReadProjects, Scope::WriteIndicators]);
        assert_eq!(
            key.expires_at.unwrap().to_rfc3339(),
            "2025-12-31T23:59:59+00:00"
        );
        let forever = KeyDraft {
            expires_on: String::new(),
            ..KeyDraft::default()
        };
        assert!(forever.to_new(today).is_err());
    }
}
