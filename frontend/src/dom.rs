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

/// Focuses the input `selector`, its text selected (typing replaces it)
/// or the caret after it (typing adds to it).
pub fn focus_input(selector: &str, select: bool) {
    let input = document()
        .and_then(|document| document.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        let _ = input.focus();
        if select {
            input.select();
        } else {
            let end = u32::try_from(input.value().encode_utf16().count()).unwrap_or(0);
            let _ = input.set_selection_range(end, end);
        }
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

/// Selects the text of the input `selector`, e.g. for a manual copy.
pub fn select_text(selector: &str) {
    let input = document()
        .and_then(|document| document.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        let _ = input.focus();
        input.select();
    }
}

/// How many minutes the user's time zone is ahead of UTC at `moment`
/// (summer time included), as the browser knows it.
pub fn utc_offset_minutes(moment: chrono::DateTime<chrono::Utc>) -> i32 {
    let millis = moment.timestamp_millis() as f64;
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis));
    // `getTimezoneOffset` counts the other way (UTC minus local), in minutes.
    -(date.get_timezone_offset().round() as i32)
}

/// The current moment, from the browser's clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Reads a chosen file as UTF-8 text, reporting how much has been read in
/// percent (`None` while the browser cannot tell). `Err` if the browser
/// could not read it (file gone, permission withdrawn).
pub async fn read_text(
    file: &web_sys::File,
    on_progress: yew::Callback<Option<u8>>,
) -> Result<String, ()> {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;

    let reader = web_sys::FileReader::new().map_err(drop)?;
    let (sender, receiver) = futures::channel::oneshot::channel::<bool>();
    let sender = Rc::new(RefCell::new(Some(sender)));
    let finish = |read: bool| {
        let sender = Rc::clone(&sender);
        Closure::<dyn FnMut()>::new(move || {
            if let Some(sender) = sender.borrow_mut().take() {
                // The receiver only goes away with this function.
                let _ = sender.send(read);
            }
        })
    };
    let (on_load, on_error, on_abort) = (finish(true), finish(false), finish(false));
    reader.set_onload(Some(on_load.as_ref().unchecked_ref()));
    reader.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    reader.set_onabort(Some(on_abort.as_ref().unchecked_ref()));
    let progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
            let known = event.length_computable() && event.total() > 0.0;
            // Clamped to 0..=100 first, so the conversion cannot truncate.
            on_progress.emit(known.then(|| {
                (event.loaded() / event.total() * 100.0)
                    .round()
                    .clamp(0.0, 100.0) as u8
            }));
        });
    reader.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    reader.read_as_text(file).map_err(drop)?;
    let read = receiver.await.unwrap_or(false);
    // The handlers must outlive the reading; they are dropped only now.
    drop((on_load, on_error, on_abort, progress));
    if !read {
        return Err(());
    }
    reader
        .result()
        .ok()
        .and_then(|text| text.as_string())
        .ok_or(())
}

/// Brings the element `selector` into view and focus, e.g. the section of
/// a page a link pointed to; an element that is not focusable becomes so
/// from script only (not by Tab).
pub fn reveal(selector: &str) {
    let element = document()
        .and_then(|document| document.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        if !element.has_attribute("tabindex") {
            let _ = element.set_attribute("tabindex", "-1");
        }
        element.scroll_into_view();
        let _ = element.focus();
    }
}

/// [`focus`] once the next render has put `selector` on the page, e.g. an
/// input just added to a list.
pub fn focus_later(selector: &str) {
    let selector = selector.to_owned();
    gloo_timers::callback::Timeout::new(0, move || focus(&selector)).forget();
}
