//! The header's bell: how many of the signed-in person's notifications are
//! unread, fetched again every minute and at every navigation, and a link
//! to the notifications page. The count lives in a context around the
//! signed-in layout, so that the notifications page can ask for it again
//! at once after marking some read.

use crate::api;
use crate::components::nav::NavLink;
use crate::i18n::use_lang;
use crate::routes::Route;
use gloo_timers::callback::Interval;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

/// How often the count is fetched again while the page stays open.
pub const REFRESH_EVERY_MS: u32 = 60_000;

/// The unread count as last fetched, and a way to fetch it again.
#[derive(Clone, PartialEq)]
pub struct Unread {
    /// `None` until the first answer (or while it cannot be fetched).
    pub count: Option<u64>,
    refresh: Callback<()>,
}

impl Unread {
    /// Fetches the count again, e.g. after marking notifications read.
    pub fn refresh(&self) {
        self.refresh.emit(());
    }
}

#[hook]
pub fn use_unread() -> Unread {
    use_context::<Unread>().unwrap_or_else(|| Unread {
        count: None,
        refresh: Callback::noop(),
    })
}

/// Counts the requests for a fresh count. A reducer, not a state: the
/// interval's closure is made once, and a state handle there would keep
/// the value it was made with.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Ticks(u32);

impl Reducible for Ticks {
    type Action = ();

    fn reduce(self: std::rc::Rc<Self>, (): ()) -> std::rc::Rc<Self> {
        std::rc::Rc::new(Ticks(self.0.wrapping_add(1)))
    }
}

#[derive(Properties, PartialEq)]
pub struct UnreadProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Keeps the unread count for what it wraps: fetched on mount, at every
/// navigation, every [`REFRESH_EVERY_MS`] and on demand.
#[function_component]
pub fn UnreadProvider(props: &UnreadProviderProps) -> Html {
    let count = use_state(|| None::<u64>);
    let ticks = use_reducer(Ticks::default);
    let route = use_route::<Route>();

    {
        let tick = ticks.dispatcher();
        use_effect_with((), move |_| {
            let interval = Interval::new(REFRESH_EVERY_MS, move || tick.dispatch(()));
            move || drop(interval)
        });
    }
    {
        let count = count.clone();
        use_effect_with((route, *ticks), move |_| {
            spawn_local(async move {
                // A failure keeps the last count: the bell is a hint, and
                // the next tick tries again.
                if let Ok(unread) = api::notifications::unread_count().await {
                    count.set(Some(unread));
                }
            });
        });
    }

    let refresh = {
        let tick = ticks.dispatcher();
        Callback::from(move |()| tick.dispatch(()))
    };
    let context = Unread {
        count: *count,
        refresh,
    };
    html! {
        <ContextProvider<Unread> {context}>
            { props.children.clone() }
        </ContextProvider<Unread>>
    }
}

/// A bell drawn in the text's colour; its meaning is in the link's words.
fn bell_icon() -> Html {
    html! {
        <svg class="bell__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z" />
        </svg>
    }
}

#[function_component]
pub fn NotificationBell() -> Html {
    let texts = use_lang().texts();
    let unread = use_unread();
    let count = unread.count.unwrap_or(0);
    let classes = classes!("bell", (count > 0).then_some("bell--unread"));
    html! {
        <NavLink to={Route::Notifications} class={classes} testid="notification-bell" exact=true>
            { bell_icon() }
            if count > 0 {
                <span class="bell__count" aria-hidden="true">{ display_count(count) }</span>
            }
            <span class="visually-hidden" data-testid="notification-bell-label">
                { (texts.unread_notifications)(count) }
            </span>
        </NavLink>
    }
}

/// The number drawn on the bell: past 99, "99+" keeps it small (the
/// link's words give the exact count).
pub fn display_count(count: u64) -> String {
    if count > 99 {
        "99+".to_owned()
    } else {
        count.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drawn_count_stays_small() {
        assert_eq!(display_count(3), "3");
        assert_eq!(display_count(99), "99");
        assert_eq!(display_count(100), "99+");
    }
}
