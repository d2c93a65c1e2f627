use super::user_row::UserRow;
use crate::api::{self, ApiError};
use crate::components::form_field::{Alert, Status, TextField};
use crate::components::pagination::{page_count, Pagination};
use crate::components::panel::Panel;
use crate::components::table::{column_heads, PageTable};
use crate::i18n::use_lang;
use crate::session::use_session;
use shared::users::{User, UserListQuery};
use shared::Page;
use std::cell::Cell;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

const PER_PAGE: u32 = 20;

/// The page on screen. A reducer rather than a plain state: row updates
/// that finish together must each apply to the latest list, not to the
/// snapshot their callback was created with.
#[derive(Debug, Default, PartialEq)]
struct Listing(Option<Page<User>>);

enum ListingAction {
    Loaded(Page<User>),
    Updated(User),
}

impl Reducible for Listing {
    type Action = ListingAction;

    fn reduce(self: Rc<Self>, action: ListingAction) -> Rc<Self> {
        match action {
            ListingAction::Loaded(page) => Rc::new(Listing(Some(page))),
            ListingAction::Updated(updated) => {
                let Some(current) = &self.0 else {
                    return self;
                };
                let items = current
                    .items
                    .iter()
                    .map(|user| {
                        if user.id == updated.id {
                            &updated
                        } else {
                            user
                        }
                    })
                    .cloned()
                    .collect();
                Rc::new(Listing(Some(Page {
                    items,
                    ..current.clone()
                })))
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct UserListProps {
    /// Changes when the parent knows the list is out of date.
    pub generation: u32,
}

#[function_component]
pub fn UserList(props: &UserListProps) -> Html {
    let texts = use_lang().texts();
    let session = use_session();
    let page_number = use_state(|| 1_u32);
    let search = use_state(String::new);
    let search_draft = use_state(String::new);
    let reloads = use_state(|| 0_u32);
    let listing = use_reducer(Listing::default);
    let error = use_state(|| None::<ApiError>);
    let loading = use_state(|| true);
    let status = use_state(|| None::<AttrValue>);

    {
        let (listing, error, loading) = (listing.dispatcher(), error.clone(), loading.clone());
        let query = UserListQuery {
            q: api::filled(&search),
            sort: Some("email".to_owned()),
            page: Some(*page_number),
            per_page: Some(PER_PAGE),
            ..UserListQuery::default()
        };
        use_effect_with((query, props.generation, *reloads), move |(query, _, _)| {
            // An answer that arrives after a newer request was made is dropped.
            let superseded = Rc::new(Cell::new(false));
            loading.set(true);
            let (query, stale) = (query.clone(), Rc::clone(&superseded));
            spawn_local(async move {
                let answer = api::users::list(&query).await;
                if stale.get() {
                    return;
                }
                match answer {
                    Ok(answer) => {
                        listing.dispatch(ListingAction::Loaded(answer));
                        error.set(None);
                    }
                    Err(failure) => error.set(Some(failure)),
                }
                loading.set(false);
            });
            move || superseded.set(true)
        });
    }

    let on_changed = {
        let (listing, status) = (listing.dispatcher(), status.clone());
        Callback::from(move |updated: User| {
            status.set(Some((texts.user_updated)(&updated.display_name).into()));
            listing.dispatch(ListingAction::Updated(updated));
        })
    };
    let on_reload = {
        let (reloads, status) = (reloads.clone(), status.clone());
        Callback::from(move |()| {
            status.set(None);
            reloads.set(reloads.wrapping_add(1));
        })
    };
    let on_search_input = {
        let search_draft = search_draft.clone();
        Callback::from(move |value| search_draft.set(value))
    };
    let on_search = {
        let (search, search_draft, page_number) =
            (search.clone(), search_draft.clone(), page_number.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            search.set((*search_draft).clone());
            page_number.set(1);
        })
    };

    let current_user = session.user().map(|user| user.id);
    let total_pages = listing
        .0
        .as_ref()
        .map(|page| page_count(page.total, page.per_page))
        .unwrap_or(1);
    let on_page = {
        let (page_number, status) = (page_number.clone(), status.clone());
        Callback::from(move |target: u32| {
            status.set(None);
            page_number.set(target);
        })
    };

    let table = listing.0.as_ref().map(|page| {
        let table = PageTable {
            caption: texts.users_caption,
            count: (texts.users_count)(page.total),
            caption_id: "users-caption",
            testid: "users-table",
            empty: (texts.no_users, None),
            head: column_heads(&[
                texts.column_email,
                texts.column_name,
                texts.column_role,
                texts.column_organisation,
                texts.column_active,
                texts.column_actions,
            ]),
        };
        table.view(&page.items, |user| {
            html! {
                <UserRow
                    key={user.id.to_string()}
                    user={user.clone()}
                    is_self={current_user == Some(user.id)}
                    on_changed={on_changed.clone()}
                    on_reload={on_reload.clone()}
                />
            }
        })
    });

    let status_message = if *loading {
        Some(AttrValue::from(texts.loading))
    } else {
        (*status).clone()
    };
    let error_message = error
        .as_ref()
        .map(|error| AttrValue::from(texts.describe(error)));

    html! {
        <Panel heading_id="users-heading" heading={texts.users_caption}>
            <form class="search" role="search" onsubmit={on_search}>
                <TextField
                    id="user-search"
                    label={texts.search_users}
                    hint={texts.search_hint}
                    input_type="search"
                    value={(*search_draft).clone()}
                    oninput={on_search_input}
                />
                <button type="submit" class="button button--secondary">
                    { texts.search_submit }
                </button>
            </form>
            <Status message={status_message} />
            <Alert id="users-error" message={error_message} />
            { for table }
            <Pagination page={*page_number} {total_pages} label={texts.pagination} {on_page} />
        </Panel>
    }
}
