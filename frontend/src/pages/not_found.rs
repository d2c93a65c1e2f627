use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::i18n::use_lang;
use crate::routes::Route;
use yew::prelude::*;

#[function_component]
pub fn NotFound() -> Html {
    let texts = use_lang().texts();
    html! {
        <div data-testid="not-found">
            <PageTitle text={texts.not_found_title} />
            <p>{ texts.not_found_text }</p>
            <p><NavLink to={Route::Dashboard}>{ texts.back_to_dashboard }</NavLink></p>
        </div>
    }
}
