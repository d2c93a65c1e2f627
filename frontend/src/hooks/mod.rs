use crate::api::{self, ApiError, ListFilters};
use crate::components::pagination::page_count;
use crate::dom;
use crate::i18n::{use_lang, Texts};
use crate::routes::Route;
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::projects::DEFAULT_AXES;
use shared::users::StaffMember;
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

mod records;
mod submit;

pub use records::{use_loaded, Records};
pub use submit::{use_submit, Submit};

/// Names the browser tab after the page, the first thing a screen reader
/// announces after navigation.
#[hook]
pub fn use_document_title(page: &str) {
    let texts = use_lang().texts();
    let title = (texts.document_title)(page);
    use_effect_with(title, |title| dom::set_title(title));
}

/// The values of a form being filled in. A reducer, not a plain state: two
/// keystrokes that arrive before the next render must both land, which a
/// callback holding a snapshot of the draft would not guarantee.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft<T>(pub T);

pub enum DraftAction<T> {
    Replace(T),
    Edit(Box<dyn FnOnce(&mut T)>),
}

impl<T: Clone> Reducible for Draft<T> {
    type Action = DraftAction<T>;

    fn reduce(self: std::rc::Rc<Self>, action: DraftAction<T>) -> std::rc::Rc<Self> {
        match action {
            DraftAction::Replace(value) => std::rc::Rc::new(Draft(value)),
            DraftAction::Edit(edit) => {
                let mut value = self.0.clone();
                edit(&mut value);
                std::rc::Rc::new(Draft(value))
            }
        }
    }
}

pub type DraftHandle<T> = UseReducerHandle<Draft<T>>;

#[hook]
pub fn use_draft<T, F>(init: F) -> DraftHandle<T>
where
    T: Clone + 'static,
    F: FnOnce() -> T,
{
    use_reducer(move || Draft(init()))
}

/// A callback that stores a text input's value in `state`.
pub fn text_setter(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |value: String| state.set(value))
}

/// A callback that stores a text input's value with `set`.
pub fn setter<T: Clone + 'static>(
    draft: &DraftHandle<T>,
    set: fn(&mut T, String),
) -> Callback<String> {
    let dispatcher = draft.dispatcher();
    Callback::from(move |value: String| {
        dispatcher.dispatch(DraftAction::Edit(Box::new(move |draft| set(draft, value))));
    })
}

pub fn replace<T: Clone + 'static>(draft: &DraftHandle<T>, value: T) {
    draft.dispatch(DraftAction::Replace(value));
}

pub fn edit<T: Clone + 'static>(draft: &DraftHandle<T>, change: impl FnOnce(&mut T) + 'static) {
    draft.dispatch(DraftAction::Edit(Box::new(change)));
}

/// What a page knows of data it asked the server for.
#[derive(Debug)]
pub struct Fetch<T> {
    /// The latest answer; kept while a newer request is in flight or after
    /// it failed, so the page does not blank out.
    pub data: Option<Rc<T>>,
    pub error: Option<ApiError>,
    pub loading: bool,
}

impl<T> Default for Fetch<T> {
    fn default() -> Self {
        Fetch {
            data: None,
            error: None,
            loading: true,
        }
    }
}

impl<T> Fetch<T> {
    /// For the page's status region while a request is in flight.
    pub fn loading_message(&self, texts: &Texts) -> Option<AttrValue> {
        self.loading.then_some(AttrValue::from(texts.loading))
    }

    /// The last failure in words, for the page's alert region.
    pub fn error_message(&self, texts: &Texts) -> Option<AttrValue> {
        self.error
            .as_ref()
            .map(|error| AttrValue::from(texts.describe(error)))
    }
}

impl<T> Fetch<shared::Page<T>> {
    /// How many pages the list has, one while it is unknown.
    pub fn page_count(&self) -> u32 {
        self.data
            .as_ref()
            .map(|page| page_count(page.total, page.per_page))
            .unwrap_or(1)
    }
}

pub enum FetchAction<T> {
    Start,
    Done(Result<T, ApiError>),
}

impl<T: 'static> Reducible for Fetch<T> {
    type Action = FetchAction<T>;

    fn reduce(self: Rc<Self>, action: FetchAction<T>) -> Rc<Self> {
        Rc::new(match action {
            FetchAction::Start => Fetch {
                data: self.data.clone(),
                error: self.error.clone(),
                loading: true,
            },
            FetchAction::Done(Ok(data)) => Fetch {
                data: Some(Rc::new(data)),
                error: None,
                loading: false,
            },
            FetchAction::Done(Err(error)) => Fetch {
                data: self.data.clone(),
                error: Some(error),
                loading: false,
            },
        })
    }
}

/// Fetches with `fetch(deps)` whenever `deps` (e.g. the filters in the URL)
/// change. An answer that arrives after a newer request was made is
/// dropped: a slow first answer must not overwrite a quick second one.
#[hook]
pub fn use_fetch<D, T, F, Fut>(deps: D, fetch: F) -> UseReducerHandle<Fetch<T>>
where
    D: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_reducer(Fetch::<T>::default);
    let dispatcher = state.dispatcher();
    use_effect_with(deps, move |deps| {
        let superseded = Rc::new(Cell::new(false));
        dispatcher.dispatch(FetchAction::Start);
        let (answer, stale) = (fetch(deps.clone()), Rc::clone(&superseded));
        spawn_local(async move {
            let answer = answer.await;
            if !stale.get() {
                dispatcher.dispatch(FetchAction::Done(answer));
            }
        });
        move || superseded.set(true)
    });
    state
}

/// The town's strategic axes for filters: the defaults until the
/// configured list arrives (or if it cannot be fetched: filtering still
/// works with them).
#[hook]
pub fn use_axes() -> Rc<Vec<String>> {
    let axes = use_state(|| {
        Rc::new(
            DEFAULT_AXES
                .iter()
                .map(|axis| axis.to_string())
                .collect::<Vec<_>>(),
        )
    });
    {
        let axes = axes.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok(configured) = api::settings::axes().await {
                    axes.set(Rc::new(configured.axes));
                }
            });
        });
    }
    Rc::clone(&axes)
}

/// The staff who may lead a project, for filters; empty if the list
/// cannot be fetched (the filter then offers "all" only).
#[hook]
pub fn use_staff() -> Rc<Vec<StaffMember>> {
    let staff = use_state(|| Rc::new(Vec::new()));
    {
        let staff = staff.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok(members) = api::settings::staff().await {
                    staff.set(Rc::new(members));
                }
            });
        });
    }
    Rc::clone(&staff)
}

/// Filters kept in the URL query of `route`, so that a filtered view can be
/// shared, bookmarked and returned to with Back: the current ones (the
/// defaults when the query does not parse, e.g. a hand-edited URL), and a
/// callback that applies new ones by navigating.
#[hook]
fn use_url_filters<F>(route: Route) -> (F, Callback<F>)
where
    F: Serialize + DeserializeOwned + Default + 'static,
{
    let navigator = use_navigator();
    let filters = use_location()
        .and_then(|location| location.query::<F>().ok())
        .unwrap_or_default();
    let go = Callback::from(move |filters: F| {
        if let Some(navigator) = &navigator {
            // Only fails for unserialisable queries, which filters are not.
            let _ = navigator.push_with_query(&route, &filters);
        }
    });
    (filters, go)
}

/// The filter form as typed, applied to the URL on submit. Back and Forward
/// change the URL under the form: the draft follows.
#[hook]
fn use_filter_draft<F, D>(filters: &F, from_filters: fn(&F) -> D) -> DraftHandle<D>
where
    F: PartialEq + Clone + 'static,
    D: Clone + 'static,
{
    let draft = use_draft(|| from_filters(filters));
    {
        let draft = draft.clone();
        use_effect_with(filters.clone(), move |filters| {
            replace(&draft, from_filters(filters));
        });
    }
    draft
}

/// What the filter panel's two buttons do; they always go together.
#[derive(Clone, PartialEq)]
pub struct FilterActions {
    /// Applies the form's values.
    pub apply: Callback<()>,
    /// Back to the unfiltered view.
    pub reset: Callback<()>,
}

/// A filter form over filters kept in the URL (see `components::filters`).
pub struct FilterForm<F, D: Clone + 'static> {
    /// The filters in force, from the URL.
    pub filters: F,
    /// The form's values as typed.
    pub draft: DraftHandle<D>,
    /// Applies other filters (e.g. a sort or a page) by navigating.
    pub go: Callback<F>,
    /// For the filter panel's buttons.
    pub actions: FilterActions,
}

impl<F, D: Clone + 'static> FilterForm<F, D> {
    /// The form's values as typed.
    pub fn values(&self) -> &D {
        &self.draft.0
    }

    /// A callback that stores one field's input with `set`.
    pub fn field(&self, set: fn(&mut D, String)) -> Callback<String> {
        setter(&self.draft, set)
    }
}

impl<F, D> FilterForm<F, D>
where
    F: ListFilters + Clone + 'static,
    D: Clone + 'static,
{
    /// For the sort headers: the list in another order, from its first page.
    pub fn on_sort(&self) -> Callback<String> {
        let (go, filters) = (self.go.clone(), self.filters.clone());
        Callback::from(move |sort| go.emit(filters.sorted_by(sort)))
    }

    /// For the pagination.
    pub fn on_page(&self) -> Callback<u32> {
        let (go, filters) = (self.go.clone(), self.filters.clone());
        Callback::from(move |page| go.emit(filters.at_page(page)))
    }
}

/// The filters of `route` and their form: `from_filters` fills the form,
/// `to_filters` reads it back, given the filters in force (e.g. to keep
/// the current sort).
#[hook]
pub fn use_filter_form<F, D>(
    route: Route,
    from_filters: fn(&F) -> D,
    to_filters: fn(&D, &F) -> F,
) -> FilterForm<F, D>
where
    F: Serialize + DeserializeOwned + Default + PartialEq + Clone + 'static,
    D: Clone + 'static,
{
    let (filters, go) = use_url_filters::<F>(route);
    let draft = use_filter_draft(&filters, from_filters);
    let apply = {
        let (go, draft, current) = (go.clone(), draft.clone(), filters.clone());
        Callback::from(move |()| go.emit(to_filters(&draft.0, &current)))
    };
    let reset = go.reform(|()| F::default());
    FilterForm {
        filters,
        draft,
        go,
        actions: FilterActions { apply, reset },
    }
}
