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

/// Today in the user's time zone. chrono's clock is not available in the
/// browser without its JavaScript bindings; `Date` is.
pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    // `getMonth` counts from 0; the values are small whole numbers.
    let (year, month, day) = (
        i32::try_from(now.get_full_year()).unwrap_or(1970),
        now.get_month() + 1,
        now.get_date(),
    );
    chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// Focuses the first of `selectors` that is on the page.
pub fn focus_first_of(selectors: &[&str]) {
    let present = |selector: &&str| {
        document()
            .and_then(|document| document.query_selector(selector).ok().flatten())
            .is_some()
    };
    if let Some(selector) = selectors.iter().copied().find(present) {
        focus(selector);
    }
}

/// Focuses `selector` if it is on the page, otherwise the page's heading
/// or main area, so that focus is never lost to the top of the document
/// (e.g. after the button that opened a dialog disappeared).
pub fn focus_or_heading(selector: &str) {
    focus_first_of(&[selector, "#contenu h1", "#contenu"]);
}

/// Saves `blob` under `filename` through a temporary link, the only way
/// to hand the browser a file that was fetched with a bearer token.
pub fn save_blob(blob: &web_sys::Blob, filename: &str) -> Result<(), wasm_bindgen::JsValue> {
    let document = document().ok_or_else(|| wasm_bindgen::JsValue::from_str("no document"))?;
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(filename);
    link.set_hidden(true);
    if let Some(body) = document.body() {
        body.append_child(&link)?;
        link.click();
        body.remove_child(&link)?;
    }
    // The download has started from the URL; give the browser a moment
    // before releasing it.
    let release = url.clone();
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&release);
    })
    .forget();
    Ok(())
}

/// Asks a yes/no question in the browser's own (accessible) dialog.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|window| window.confirm_with_message(question).ok())
        .unwrap_or(false)
}
