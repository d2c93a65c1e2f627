//! What a page or panel fetched and changes: a project, its milestones,
//! an actor's contacts, the API keys.

use crate::api::ApiError;
use crate::i18n::Texts;
use std::future::Future;
use yew::platform::spawn_local;
use yew::prelude::*;

/// The value as last fetched, the page's last confirmation, and its last
/// failure (fetching the value or changing it), which the next successful
/// fetch clears.
pub struct Loaded<V: 'static> {
    value: UseStateHandle<Option<V>>,
    error: UseStateHandle<Option<ApiError>>,
    status: UseStateHandle<Option<AttrValue>>,
    reloads: UseStateHandle<u32>,
}

/// Records a panel lists.
pub type Records<T> = Loaded<Vec<T>>;

// Derived, it would ask `V: Clone` for handles that clone without it.
impl<V> Clone for Loaded<V> {
    fn clone(&self) -> Self {
        Loaded {
            value: self.value.clone(),
            error: self.error.clone(),
            status: self.status.clone(),
            reloads: self.reloads.clone(),
        }
    }
}

impl<V> Loaded<V> {
    /// `None` until the first answer.
    pub fn value(&self) -> Option<&V> {
        self.value.as_ref()
    }

    /// A newer version, e.g. the one a change answered with.
    pub fn set(&self, value: V) {
        self.value.set(Some(value));
    }

    pub fn error(&self) -> Option<&ApiError> {
        self.error.as_ref()
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

impl<T> Records<T> {
    /// `None` until the first answer.
    pub fn list(&self) -> Option<&[T]> {
        self.value.as_deref()
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
        if self.value.is_none() && self.error.is_some() {
            return html! {};
        }
        self.view(texts, empty, content)
    }
}

/// The value `fetch(deps)` answers, fetched again whenever `deps` change
/// and on [`Loaded::reload`]. One hook rather than four states and an
/// effect in each page and panel, so that they all behave alike: the
/// value stays on screen while it is fetched again, and a failure stays
/// until a fetch succeeds.
#[hook]
pub fn use_loaded<D, V, F, Fut>(deps: D, fetch: F) -> Loaded<V>
where
    D: PartialEq + Clone + 'static,
    V: 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = Result<V, ApiError>> + 'static,
{
    let value = use_state(|| None::<V>);
    let error = use_state(|| None::<ApiError>);
    let status = use_state(|| None::<AttrValue>);
    let reloads = use_state(|| 0_u32);
    {
        let (value, error) = (value.clone(), error.clone());
        use_effect_with((deps, *reloads), move |(deps, _)| {
            let answer = fetch(deps.clone());
            spawn_local(async move {
                match answer.await {
                    Ok(found) => {
                        value.set(Some(found));
                        error.set(None);
                    }
                    Err(failure) => error.set(Some(failure)),
                }
            });
        });
    }
    Loaded {
        value,
        error,
        status,
        reloads,
    }
}
