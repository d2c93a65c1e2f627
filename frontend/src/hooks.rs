use crate::dom;
use crate::i18n::use_lang;
use yew::prelude::*;

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
