//! The signed-in person's notifications, newest first: the unread ones
//! marked in words and drawn apart, each opening the page it is about
//! (which marks it read), "Marquer comme lue" one by one or all at once,
//! and the preferences one click away. The page number lives in the URL.

mod preferences;

pub use preferences::NotificationPreferencesPage;

use crate::api;
use crate::components::form_field::{Alert, Status};
use crate::components::nav::NavLink;
use crate::components::notification_bell::use_unread;
use crate::components::page_title::PageTitle;
use crate::components::pagination::{page_count, Pagination};
use crate::components::row_action::{hidden_name, RowAction};
use crate::dom;
use crate::format;
use crate::hooks::{use_fetch, use_filter_form, use_submit};
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use crate::routes::Route;
use serde::{Deserialize, Serialize};
use shared::notifications::Notification;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

/// The page's URL query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NotificationFilters {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl NotificationFilters {
    fn page(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }
}

impl api::ListFilters for NotificationFilters {
    fn sorted_by(&self, _sort: String) -> Self {
        Self::default()
    }

    fn at_page(&self, page: u32) -> Self {
        Self { page: Some(page) }
    }
}

/// Where a notification's link leads inside the app; a link the app does
/// not know (written by a newer server) leads to the "not found" page.
pub fn target_of(link: &str) -> Route {
    Route::recognize(link).unwrap_or(Route::NotFound)
}

#[function_component]
pub fn NotificationsPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let unread = use_unread();
    let form = use_filter_form(
        Route::Notifications,
        |_: &NotificationFilters| (),
        |(), _| NotificationFilters::default(),
    );
    let on_page = form.on_page();
    let filters = form.filters.clone();
    // Bumped after a change, to fetch the page again.
    let generation = use_state(|| 0_u32);
    let fetched = use_fetch((filters.page(), *generation), |(page, _)| async move {
        api::notifications::list(page).await
    });
    let status = use_state(|| None::<AttrValue>);
    let mark_all = use_submit(&[]);

    let changed = {
        let (generation, unread, status) = (generation.clone(), unread.clone(), status.clone());
        Callback::from(move |message: Option<AttrValue>| {
            status.set(message);
            generation.set(generation.wrapping_add(1));
            unread.refresh();
        })
    };
    let on_mark_all = {
        let (mark_all, changed) = (mark_all.clone(), changed.clone());
        Callback::from(move |_: MouseEvent| {
            let changed = changed.clone();
            mark_all.run(api::notifications::mark_all_read(), move |()| {
                changed.emit(Some(texts.all_notifications_read.into()));
                // The button goes with the last unread notification.
                dom::focus("#contenu h1");
            });
        })
    };

    let list = fetched.data.as_ref().map(|list| {
        if list.items.is_empty() {
            return html! { <p class="notice" data-testid="no-notifications">{ texts.no_notifications }</p> };
        }
        html! {
            <ol class="notifications" data-testid="notifications" aria-labelledby="notifications-list-heading">
                { for list.items.iter().map(|notification| html! {
                    <NotificationItem key={notification.id.to_string()} notification={notification.clone()}
                                      on_changed={changed.clone()} />
                }) }
            </ol>
        }
    });
    let total_pages = fetched
        .data
        .as_ref()
        .map(|list| page_count(list.total, api::notifications::PER_PAGE))
        .unwrap_or(1);
    let unread_count = fetched.data.as_ref().map_or(0, |list| list.unread);
    let summary = fetched
        .data
        .as_ref()
        .map(|list| (texts.notifications_summary)(list.total, list.unread));

    html! {
        <>
            <div class="page-heading">
                <PageTitle text={texts.notifications_title} />
                <div class="page-heading__actions">
                    <NavLink to={Route::NotificationPreferences} class={classes!("button", "button--secondary")}
                             testid="notification-preferences">
                        { texts.notification_preferences_title }
                    </NavLink>
                    if unread_count > 0 {
                        <button type="button" class="button button--primary" data-testid="mark-all-read"
                                aria-disabled={mark_all.busy().then_some("true")} onclick={on_mark_all}>
                            { texts.mark_all_read }
                        </button>
                    }
                </div>
            </div>
            <section class="panel" aria-labelledby="notifications-list-heading">
                <h2 id="notifications-list-heading">{ texts.notifications_list_heading }</h2>
                if let Some(summary) = summary {
                    <p data-testid="notifications-summary">{ summary }</p>
                }
                <Status message={(*status).clone().or_else(|| fetched.loading_message(texts))} />
                <Alert id="notifications-error" message={mark_all.summary().or_else(|| fetched.error_message(texts))} />
                { for list }
                <Pagination page={filters.page()} {total_pages} label={texts.notifications_pagination} {on_page} />
            </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NotificationItemProps {
    notification: Notification,
    /// Marked read: the list and the bell must be fetched again.
    on_changed: Callback<Option<AttrValue>>,
}

#[function_component]
fn NotificationItem(props: &NotificationItemProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let navigator = use_navigator();
    let notification = &props.notification;
    let submit = use_submit(&[]);
    let unread = notification.read_at.is_none();
    let id = notification.id;

    let on_mark = {
        let (submit, on_changed) = (submit.clone(), props.on_changed.clone());
        let title = notification.title.clone();
        Callback::from(move |_: MouseEvent| {
            let (on_changed, title) = (on_changed.clone(), title.clone());
            submit.run(api::notifications::mark_read(id), move |_| {
                on_changed.emit(Some((texts.notification_read)(&title).into()));
                // The button goes once the list is fetched again: focus
                // stays on the notification, at its link.
                dom::focus(&format!("#notification-{id}-link"));
            });
        })
    };
    // Opening it marks it read; a plain click stays in the app, a click
    // for a new tab or window leaves that to the browser.
    let on_open = {
        let target = target_of(&notification.link);
        let on_changed = props.on_changed.clone();
        Callback::from(move |event: MouseEvent| {
            if unread {
                let on_changed = on_changed.clone();
                spawn_local(async move {
                    if api::notifications::mark_read(id).await.is_ok() {
                        on_changed.emit(None);
                    }
                });
            }
            let modified =
                event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
            if event.button() != 0 || modified {
                return;
            }
            if let Some(navigator) = &navigator {
                event.prevent_default();
                navigator.push(&target);
            }
        })
    };

    let classes = classes!("notification", unread.then_some("notification--unread"));
    html! {
        <li class={classes} data-testid={format!("notification-{id}")}
            data-unread={if unread { "true" } else { "false" }}>
            <p class="notification__head">
                if unread {
                    <span class="tag tag--unread" data-testid="unread-tag">{ texts.unread_tag }</span>{ " " }
                }
                <a id={format!("notification-{id}-link")} href={notification.link.clone()}
                   class="notification__title" onclick={on_open} data-testid="notification-link">
                    { notification.title.clone() }
                </a>
            </p>
            <p class="notification__body">{ notification.body.clone() }</p>
            <p class="notification__meta">
                <span>{ (texts.notification_kind_name)(notification.kind) }</span>
                { " · " }
                <time datetime={notification.created_at.to_rfc3339()}>
                    { format::date_time(notification.created_at, lang) }
                </time>
            </p>
            if unread {
                <RowAction label={texts.mark_read} object={hidden_name(&notification.title)}
                           onclick={on_mark} testid="mark-read" />
            }
            <div class="row-alert" role="alert">
                if let Some(summary) = submit.summary() {
                    <p>{ summary }</p>
                }
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ids::ProjectId;

    #[test]
    fn links_open_the_pages_they_name() {
        assert_eq!(
            target_of("/projets/3/opportunites"),
            Route::ProjectOpportunities { id: ProjectId(3) }
        );
        assert_eq!(target_of("/projets/3"), Route::Project { id: ProjectId(3) });
        assert_eq!(target_of("/ailleurs/9"), Route::NotFound);
    }

    #[test]
    fn paging_keeps_nothing_else() {
        use crate::api::ListFilters;
        let filters = NotificationFilters::default().at_page(3);
        assert_eq!(filters.page(), 3);
        assert_eq!(filters.sorted_by("x".into()).page(), 1);
        assert_eq!(NotificationFilters { page: Some(0) }.page(), 1);
    }
}
