use crate::components::header::AppHeader;
use crate::components::lang_switch::LangSwitch;
use crate::components::nav::{MainNav, NavLink};
use crate::components::notification_bell::UnreadProvider;
use crate::dom;
use crate::i18n::use_lang;
use crate::routes::Route;
use crate::session::{use_session, SessionState};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    #[prop_or_default]
    pub children: Html,
}

#[derive(Properties, PartialEq)]
pub struct GoToProps {
    pub route: Route,
}

/// Redirects by replacing the history entry, so that Back does not land on
/// a page that would redirect again.
#[function_component]
pub fn GoTo(props: &GoToProps) -> Html {
    let navigator = use_navigator();
    let route = props.route.clone();
    use_effect_with((), move |_| {
        if let Some(navigator) = navigator {
            navigator.replace(&route);
        }
    });
    html! {}
}

fn skip_link(label: &'static str) -> Html {
    html! { <a class="skip-link" href="#contenu">{ label }</a> }
}

/// The frame of pages that need no session (sign-in).
#[function_component]
pub fn PublicLayout(props: &LayoutProps) -> Html {
    let texts = use_lang().texts();
    html! {
        <>
            { skip_link(texts.skip_to_content) }
            <AppHeader />
            <main id="contenu" class="main main--narrow" tabindex="-1">
                { props.children.clone() }
            </main>
        </>
    }
}

/// The frame of the public portal: the portal's own header (its name, the
/// languages, the staff's way in), no staff navigation, and the page. The
/// same for everyone, signed in or not.
#[function_component]
pub fn PortalLayout(props: &LayoutProps) -> Html {
    let texts = use_lang().texts();
    let route = use_route::<Route>();
    let first_render = use_mut_ref(|| true);
    // As in the signed-in frame: a new page's heading takes the focus.
    use_effect_with(route, move |_| {
        if std::mem::replace(&mut *first_render.borrow_mut(), false) {
            return;
        }
        dom::focus_first_of(&["#contenu h1", "#contenu"]);
    });
    html! {
        <>
            { skip_link(texts.skip_to_content) }
            <header class="app-header">
                <div class="app-header__inner">
                    <NavLink to={Route::PublicProjects} class="brand" exact=true>
                        { texts.app_name }{ " — " }{ texts.portal_name }
                    </NavLink>
                    <div class="app-header__tools">
                        <LangSwitch />
                        <NavLink to={Route::SignIn} testid="portal-sign-in">{ texts.portal_sign_in }</NavLink>
                    </div>
                </div>
            </header>
            <main id="contenu" class="main portal" tabindex="-1">
                { props.children.clone() }
            </main>
        </>
    }
}

/// Header, navigation and main area around every signed-in page; sends
/// visitors without a session to the sign-in page.
#[function_component]
pub fn AuthenticatedLayout(props: &LayoutProps) -> Html {
    let texts = use_lang().texts();
    let session = use_session();
    let route = use_route::<Route>();
    let first_render = use_mut_ref(|| true);

    // A client-side navigation changes no page for assistive technology:
    // moving focus to the new heading announces it, as a page load would.
    use_effect_with(route, move |_| {
        if std::mem::replace(&mut *first_render.borrow_mut(), false) {
            return;
        }
        // Pages still loading have no heading yet: the main area then.
        dom::focus_first_of(&["#contenu h1", "#contenu"]);
    });

    match &session.state {
        SessionState::Restoring => html! {
            <PublicLayout>
                <p class="loading" role="status">{ texts.restoring_session }</p>
            </PublicLayout>
        },
        SessionState::SignedOut { .. } => html! { <GoTo route={Route::SignIn} /> },
        // The unread count is shared by the header's bell and the
        // notifications page.
        SessionState::SignedIn(_) => html! {
            <UnreadProvider>
                { skip_link(texts.skip_to_content) }
                <AppHeader />
                <MainNav />
                <main id="contenu" class="main" tabindex="-1">
                    { props.children.clone() }
                </main>
            </UnreadProvider>
        },
    }
}

/// One entry of a facts list (`<dl class="facts">`): a label and its value.
pub fn fact(label: &'static str, value: Html) -> Html {
    html! {
        <div class="facts__item">
            <dt>{ label }</dt>
            <dd>{ value }</dd>
        </div>
    }
}
