//! Small reaches into the page outside Yew's tree.

use wasm_bindgen::JsCast;

pub fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|window| window.document())
}

pub fn set_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// Moves keyboard and screen-reader focus, e.g. to the first invalid field.
pub fn focus(selector: &str) {
    let element = document()
        .and_then(|document| document.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        // A failed focus leaves the reader where they were: nothing to recover.
        let _ = element.focus();
    }
}
