use crate::i18n::use_lang;
use crate::routes::Route;
use crate::session::use_session;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NavLinkProps {
    pub to: Route,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// A real link (it opens in a new tab, copies, shows its target) that
/// navigates inside the app on a plain click and marks the current page
/// with `aria-current="page"` (or `"true"` for a menu entry whose section
/// holds the current page, e.g. "Projets" on a project page).
#[function_component]
pub fn NavLink(props: &NavLinkProps) -> Html {
    let navigator = use_navigator();
    let current = use_route::<Route>();
    let onclick = {
        let to = props.to.clone();
        Callback::from(move |event: MouseEvent| {
            let modified =
                event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
            if event.button() != 0 || modified {
                return;
            }
            if let Some(navigator) = &navigator {
                event.prevent_default();
                navigator.push(&to);
            }
        })
    };
    let aria_current = match &current {
        Some(current) if *current == props.to => Some("page"),
        Some(current) if current.section() == props.to => Some("true"),
        _ => None,
    };
    html! {
        <a
            href={props.to.to_path()}
            class={props.class.clone()}
            aria-current={aria_current}
            {onclick}
        >
            { props.children.clone() }
        </a>
    }
}

#[function_component]
pub fn MainNav() -> Html {
    let texts = use_lang().texts();
    let session = use_session();
    let is_admin = session.user().is_some_and(|user| user.role.is_admin());
    let mut links = vec![
        (Route::Dashboard, texts.nav_dashboard),
        (Route::Projects, texts.nav_projects),
        (Route::Actors, texts.nav_actors),
        (Route::Evaluations, texts.nav_evaluations),
    ];
    if is_admin {
        links.push((Route::Administration, texts.nav_administration));
    }
    html! {
        <nav class="main-nav" aria-label={texts.main_navigation}>
            <ul>
                { for links.into_iter().map(|(route, label)| html! {
                    <li><NavLink to={route}>{ label }</NavLink></li>
                }) }
            </ul>
        </nav>
    }
}
