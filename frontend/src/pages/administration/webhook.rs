//! One webhook: its subscription (address, events, active) to change, and
//! the log of its deliveries with their status, attempts, last answer and
//! next attempt.

use super::webhooks::{active_badge, active_field, events_group, url_field, WebhookDraft, FIELDS};
use super::AdminFrame;
use crate::api::webhooks::{self as hooks, DeliveryStatus, Webhook};
use crate::api::ApiError;
use crate::components::form_field::{Alert, Status, SubmitButton};
use crate::components::nav::NavLink;
use crate::components::panel::Panel;
use crate::components::table::Table;
use crate::format;
use crate::hooks::{use_loaded, use_submit};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Texts};
use crate::routes::Route;
use shared::ids::WebhookId;
use shared::ErrorCode;
use yew::platform::spawn_local;
use yew::prelude::*;

fn delivery_tag(texts: &Texts, status: DeliveryStatus) -> Html {
    let (class, icon) = match status {
        DeliveryStatus::Pending => ("tag tag--risk", "… "),
        DeliveryStatus::Delivered => ("tag tag--done", "✓ "),
        DeliveryStatus::Failed => ("tag tag--overdue", "⚠ "),
    };
    html! {
        <span class={class} data-status={status.as_str()}>
            <span aria-hidden="true">{ icon }</span>
            { (texts.delivery_status_name)(status) }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct WebhookPageProps {
    pub id: WebhookId,
}

#[function_component]
pub fn WebhookPage(props: &WebhookPageProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let id = props.id;
    let webhook = use_state(|| None::<Webhook>);
    let error = use_state(|| None::<ApiError>);
    let reloads = use_state(|| 0_u32);
    let deliveries = use_loaded(id, |id| async move {
        hooks::deliveries(id).await.map(|mut list| {
            list.sort_by_key(|delivery| std::cmp::Reverse((delivery.created_at, delivery.id)));
            list
        })
    });
    let status = use_state(|| None::<AttrValue>);
    let draft = use_state(WebhookDraft::default);
    let submit = use_submit(&FIELDS);

    {
        let (webhook, draft, error) = (webhook.clone(), draft.clone(), error.clone());
        use_effect_with((id, *reloads), move |(id, _)| {
            let id = *id;
            spawn_local(async move {
                match hooks::get(id).await {
                    Ok(loaded) => {
                        draft.set(WebhookDraft::of(&loaded));
                        webhook.set(Some(loaded));
                        error.set(None);
                    }
                    Err(failure) => error.set(Some(failure)),
                }
            });
        });
    }
    let Some(current) = (*webhook).clone() else {
        return match &*error {
            Some(failure) => html! {
                <AdminFrame title={if failure.has_code(ErrorCode::NotFound) { texts.webhook_not_found } else { texts.webhooks_heading }}>
                    <Alert id="webhook-error" message={Some(AttrValue::from(texts.describe(failure)))} />
                    <p><NavLink to={Route::Webhooks}>{ texts.back_to_webhooks }</NavLink></p>
                </AdminFrame>
            },
            None => html! { <p class="loading" role="status">{ texts.loading }</p> },
        };
    };

    let onsubmit = {
        let (current, draft, status, webhook, reloads) = (
            current.clone(),
            draft.clone(),
            status.clone(),
            webhook.clone(),
            reloads.clone(),
        );
        submit.on_submit(move |submit| {
            let Some(changes) = submit.checked(draft.to_patch(&current)) else {
                return;
            };
            let (draft, status, webhook, reloads) = (
                draft.clone(),
                status.clone(),
                webhook.clone(),
                reloads.clone(),
            );
            let (id, version) = (current.id, current.version);
            submit.run_or_else(
                async move { hooks::update(id, version, &changes).await },
                move |saved| {
                    status.set(Some((texts.webhook_saved)(&saved.url).into()));
                    draft.set(WebhookDraft::of(&saved));
                    webhook.set(Some(saved));
                },
                move |submit, failure| {
                    if failure.has_code(ErrorCode::VersionMismatch) {
                        submit.set_summary(Some(texts.webhook_conflict.into()));
                        reloads.set(reloads.wrapping_add(1));
                    } else {
                        submit.refused(&failure);
                    }
                },
            );
        })
    };
    let refresh_deliveries = {
        let deliveries = deliveries.clone();
        Callback::from(move |_: MouseEvent| deliveries.reload())
    };

    let log = match deliveries.list() {
        None if deliveries.error().is_none() => html! { <p class="loading">{ texts.loading }</p> },
        None => html! {},
        Some([]) => {
            html! { <p class="notice" data-testid="no-deliveries">{ texts.no_deliveries }</p> }
        }
        Some(list) => html! {
            <Table
                caption={(texts.deliveries_caption)(list.len())}
                caption_id="deliveries-caption"
                testid="deliveries"
                compact=true
                head={html! {
                    <>
                        <th scope="col">{ texts.column_created_at }</th>
                        <th scope="col">{ texts.column_event }</th>
                        <th scope="col">{ texts.column_status }</th>
                        <th scope="col" class="number">{ texts.column_attempts }</th>
                        <th scope="col" class="number">{ texts.column_last_code }</th>
                        <th scope="col">{ texts.column_error }</th>
                        <th scope="col">{ texts.column_next_attempt }</th>
                    </>
                }}
            >
                { for list.iter().map(|delivery| html! {
                    <tr key={delivery.id.to_string()} data-testid="delivery-row">
                        <th scope="row">{ format::date_time(delivery.created_at, lang) }</th>
                        <td>
                            { (texts.webhook_event_name)(delivery.event) }
                            <span class="small-text muted">{ format!(" (#{})", delivery.event_id) }</span>
                        </td>
                        <td>
                            { delivery_tag(texts, delivery.status) }
                            if let Some(at) = delivery.delivered_at {
                                <span class="small-text muted">{ " " }{ format::date_time(at, lang) }</span>
                            }
                        </td>
                        <td class="number">{ delivery.attempts }</td>
                        <td class="number">
                            { delivery.last_status_code.map(|code| code.to_string()).unwrap_or_else(|| "—".to_owned()) }
                        </td>
                        <td class="cell-error">{ delivery.last_error.clone().unwrap_or_else(|| "—".to_owned()) }</td>
                        <td>{ format::optional_date_time(delivery.next_attempt_at, lang) }</td>
                    </tr>
                }) }
            </Table>
        },
    };

    html! {
        <AdminFrame title={(texts.webhook_title)(&current.url)}>
            <p><NavLink to={Route::Webhooks}>{ texts.back_to_webhooks }</NavLink></p>
            <p>{ active_badge(texts, current.active) }</p>
            <Status message={(*status).clone()} />
            <Panel heading_id="edit-webhook-heading" heading={texts.edit_webhook}>
                <p class="field-hint">{ texts.webhook_secret_kept }</p>
                <Alert id="edit-webhook-error" message={submit.summary()} />
                <form class="form form--grid" novalidate=true data-testid="edit-webhook-form" {onsubmit}>
                    { url_field(texts, &draft, submit.error_for("url")) }
                    { events_group(texts, &draft, submit.error_for("events")) }
                    { active_field(texts, &draft) }
                    <div class="form__actions">
                        <SubmitButton label={texts.save_changes} busy={submit.busy()} />
                    </div>
                </form>
            </Panel>
            <section class="panel" aria-labelledby="deliveries-heading">
                <div class="page-heading">
                    <h2 id="deliveries-heading">{ texts.deliveries_heading }</h2>
                    <button type="button" class="button button--secondary button--small" onclick={refresh_deliveries}>
                        { texts.reload }
                    </button>
                </div>
                <p class="field-hint">{ texts.deliveries_hint }</p>
                <Alert id="deliveries-error" message={deliveries.error_message(texts)} />
                { log }
            </section>
        </AdminFrame>
    }
}
