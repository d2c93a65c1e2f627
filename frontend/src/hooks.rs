use crate::dom;
use crate::i18n::use_lang;
use yew::prelude::*;

/// Names the browser tab after the page, the first thing a screen reader
/// announces after navigation.
#[hook]
pub fn use_document_title(page: &'static str) {
    let texts = use_lang().texts();
    let title = (texts.document_title)(page);
    use_effect_with(title, |title| dom::set_title(title));
}
