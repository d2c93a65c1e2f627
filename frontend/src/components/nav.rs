use crate::i18n::use_lang;
use crate::routes::Route;
use crate::session::use_session;
use shared::auth::Role;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NavLinkProps {
    pub to: Route,
    /// Query parameters, e.g. the filters of a list: `[("axis", "Innovation")]`.
    #[prop_or_default]
    pub query: Vec<(&'static str, String)>,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// Marks only its own page as current, not the pages of its section
    /// (for a menu inside a section).
    #[prop_or_default]
    pub exact: bool,
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
        let (to, query) = (props.to.clone(), props.query.clone());
        Callback::from(move |event: MouseEvent| {
            let modified =
                event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
            if event.button() != 0 || modified {
                return;
            }
            if let Some(navigator) = &navigator {
                event.prevent_default();
                if query.is_empty() {
                    navigator.push(&to);
                } else {
                    // Only fails for unserialisable queries; pairs of text are not.
                    let _ = navigator.push_with_query(&to, &query);
                }
            }
        })
    };
    let mut href = props.to.to_path();
    for (index, (name, value)) in props.query.iter().enumerate() {
        href.push(if index == 0 { '?' } else { '&' });
        href.push_str(name);
        href.push('=');
        href.push_str(&String::from(js_sys::encode_uri_component(value)));
    }
    let aria_current = match &current {
        Some(current) if *current == props.to => Some("page"),
        Some(current) if !props.exact && current.section() == props.to => Some("true"),
        _ => None,
    };
    html! {
        <a
            {href}
            class={props.class.clone()}
            aria-current={aria_current}
            data-testid={props.testid.clone()}
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
    let role = session.user().map(|user| user.role);
    let links = match role {
        // Partners see their organisation's shared projects and its record.
        Some(Role::Partner) => vec![
            (Route::Projects, texts.nav_my_projects),
            (Route::Roadmap, texts.nav_roadmap),
            (Route::MyOrganisation, texts.nav_my_organisation),
        ],
        _ => {
            let mut links = vec![
                (Route::Dashboard, texts.nav_dashboard),
                (Route::Projects, texts.nav_projects),
                (Route::Roadmap, texts.nav_roadmap),
                (Route::Actors, texts.nav_actors),
            ];
            // The network spans every project: the API shows it to staff only.
            if role.is_some_and(|role| role.is_staff()) {
                links.push((Route::Network, texts.nav_network));
                links.push((Route::Programming, texts.nav_programming));
            }
            links.push((Route::Evaluations, texts.nav_evaluations));
            // The catalogue of funding opportunities is the staff's.
            if role.is_some_and(|role| role.is_staff()) {
                links.push((Route::Opportunities, texts.nav_opportunities));
            }
            if role.is_some_and(|role| role.is_admin()) {
                links.push((Route::Administration, texts.nav_administration));
            }
            links
        }
    };
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
