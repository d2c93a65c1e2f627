use crate::i18n::{use_lang, Lang};
use yew::prelude::*;

/// Two toggle buttons, each labelled in its own language.
#[function_component]
pub fn LangSwitch() -> Html {
    let lang = use_lang();
    html! {
        <div class="lang-switch" role="group" aria-label={lang.texts().language}>
            { for Lang::ALL.into_iter().map(|option| {
                let set = lang.set.clone();
                let onclick = Callback::from(move |_: MouseEvent| set.emit(option));
                html! {
                    <button
                        type="button"
                        lang={option.code()}
                        aria-pressed={if option == lang.lang { "true" } else { "false" }}
                        data-testid={format!("lang-{}", option.code())}
                        {onclick}
                    >
                        { option.native_name() }
                    </button>
                }
            }) }
        </div>
    }
}
