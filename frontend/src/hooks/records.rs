//! A list of records that a panel shows and changes: a project's
//! milestones, an actor's contacts, the API keys.

use crate::api::ApiError;
use crate::i18n::Texts;
use std::future::Future;
use yew::platform::spawn_local;
use yew::prelude::*;

/// The records as last fetched, the panel's last confirmation, and its last
/// failure (fetching them or changing one), which the next successful
/// fetch clears.
pub struct Records<T: 'static> {
    list: UseStateHandle<Option<Vec<T>>>,
    error: UseStateHandle<Option<ApiError>>,
    status: UseStateHandle<Option<AttrValue>>,
    reloads: UseStateHandle<u32>,
}

// Derived, it would ask `T: Clone` for handles that clone without it.
impl<T> Clone for Records<T> {
    fn clone(&self) -> Self {
        Records {
            list: self.list.clone(),
            error: self.error.clone(),
            status: self.status.clone(),
            reloads: self.reloads.clone(),
        }
    }
}

impl<T> Records<T> {
    /// `None` until the first answer.
    pub fn list(&self) -> Option<&[T]> {
        self.list.as_deref()
    }

    pub fn error(&self) -> Option<&ApiError> {
        self.error.as_ref()
    }

    /// The records as the panel shows them: "loading" until they arrive,
    /// `empty` when there are none, else `content`.
    pub fn view(&self, texts: &Texts, empty: Html, content: impl FnOnce(&[T]) -> Html) -> Html {
        match self.list() {
            None => html! { <p class="loading">{ texts.loading }</p> },
            Some([]) => empty,
            Some(list) => content(list),
        }
    }

    /// [`Records::view`], but nothing while the first fetch has failed:
    /// the alert region says why.
    pub fn view_unless_failed(
        &self,
        texts: &Texts,
        empty: Html,
        content: impl FnOnce(&[T]) -> Html,
    ) -> Html {
        if self.list.is_none() && self.error.is_some() {
            return html! {};
        }
        self.view(texts, empty, content)
    }

    /// The failure in words, for the panel's alert region.
    pub fn error_message(&self, texts: &Texts) -> Option<AttrValue> {
        self.error
            .as_ref()
            .map(|failure| AttrValue::from(texts.describe(failure)))
    }

    /// The panel's confirmation of its last change, for its status region.
    pub fn status(&self) -> Option<AttrValue> {
        (*self.status).clone()
    }

    pub fn set_status(&self, message: Option<AttrValue>) {
        self.status.set(message);
    }

    /// A change was refused.
    pub fn fail(&self, failure: ApiError) {
        self.error.set(Some(failure));
    }

    /// A change went through: an earlier refusal is no longer news.
    pub fn clear_error(&self) {
        self.error.set(None);
    }

    /// Fetches the records again, e.g. after someone else changed one.
    pub fn reload(&self) {
        self.reloads.set(self.reloads.wrapping_add(1));
    }

    /// Says `message` and fetches the records again, after a change.
    pub fn refresh(&self, message: Option<AttrValue>) {
        self.status.set(message);
        self.reload();
    }
}

/// The records `fetch(deps)` answers, fetched again whenever `deps` change
/// and on [`Records::reload`]. One hook rather than four states and an
/// effect in each panel, so that they all behave alike: the list stays on
/// screen while it is fetched again, and a failure stays until a fetch
/// succeeds.
#[hook]
pub fn use_records<D, T, F, Fut>(deps: D, fetch: F) -> Records<T>
where
    D: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = Result<Vec<T>, ApiError>> + 'static,
{
    let list = use_state(|| None::<Vec<T>>);
    let error = use_state(|| None::<ApiError>);
    let status = use_state(|| None::<AttrValue>);
    let reloads = use_state(|| 0_u32);
    {
        let (list, error) = (list.clone(), error.clone());
        use_effect_with((deps, *reloads), move |(deps, _)| {
            let answer = fetch(deps.clone());
            spawn_local(async move {
                match answer.await {
                    Ok(found) => {
                        list.set(Some(found));
                        error.set(None);
                    }
                    Err(failure) => error.set(Some(failure)),
                }
            });
        });
    }
    Records {
        list,
        error,
        status,
        reloads,
    }
}
