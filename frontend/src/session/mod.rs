//! Who is signed in, shared with every component through a context.

pub mod tokens;

use crate::api;
use shared::auth::Role;
use shared::ids::ActorId;
use shared::users::User;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    /// A refresh token survived a reload; waiting to learn whether it is good.
    Restoring,
    SignedOut {
        /// The server ended the session (as opposed to the user signing out),
        /// which the sign-in page explains.
        expired: bool,
    },
    SignedIn(Rc<User>),
}

impl SessionState {
    pub fn user(&self) -> Option<&User> {
        match self {
            SessionState::SignedIn(user) => Some(user),
            _ => None,
        }
    }
}

pub enum SessionAction {
    SignedIn(User),
    SignedOut,
    Expired,
}

impl Reducible for SessionState {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: SessionAction) -> Rc<Self> {
        Rc::new(match action {
            SessionAction::SignedIn(user) => SessionState::SignedIn(Rc::new(user)),
            SessionAction::SignedOut => SessionState::SignedOut { expired: false },
            SessionAction::Expired => SessionState::SignedOut { expired: true },
        })
    }
}

/// What components see: the state and a way to change it.
#[derive(Clone, PartialEq)]
pub struct Session {
    pub state: SessionState,
    /// `None` outside a provider, where there is no session to change.
    dispatcher: Option<UseReducerDispatcher<SessionState>>,
}

impl Session {
    pub fn user(&self) -> Option<&User> {
        self.state.user()
    }

    pub fn signed_in(&self, user: User) {
        if let Some(dispatcher) = &self.dispatcher {
            dispatcher.dispatch(SessionAction::SignedIn(user));
        }
    }

    /// Tells the server, forgets the tokens, then updates the state; the
    /// authenticated layout reacts by sending the user to the sign-in page.
    pub fn sign_out(&self) {
        let dispatcher = self.dispatcher.clone();
        spawn_local(async move {
            api::auth::logout().await;
            if let Some(dispatcher) = dispatcher {
                dispatcher.dispatch(SessionAction::SignedOut);
            }
        });
    }
}

#[hook]
pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(|| Session {
        state: SessionState::SignedOut { expired: false },
        dispatcher: None,
    })
}

#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let state = use_reducer(|| {
        if tokens::refresh_token().is_some() {
            SessionState::Restoring
        } else {
            SessionState::SignedOut { expired: false }
        }
    });

    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let dispatcher = state.dispatcher();
            tokens::on_session_lost(Callback::from(move |()| {
                dispatcher.dispatch(SessionAction::Expired);
            }));
            if *state == SessionState::Restoring {
                let dispatcher = state.dispatcher();
                spawn_local(async move {
                    let action = match api::auth::restore().await {
                        Ok(user) => SessionAction::SignedIn(user),
                        Err(_) => SessionAction::SignedOut,
                    };
                    dispatcher.dispatch(action);
                });
            }
        });
    }

    let session = Session {
        state: (*state).clone(),
        dispatcher: Some(state.dispatcher()),
    };
    html! {
        <ContextProvider<Session> context={session}>
            { props.children.clone() }
        </ContextProvider<Session>>
    }
}

/// Whether the signed-in user may change portfolio records (projects,
/// actors, funding...). Viewers read only: pages hide their write controls,
/// and the server refuses them anyway.
#[hook]
pub fn use_can_edit() -> bool {
    use_session()
        .user()
        .is_some_and(|user| user.role.can_edit_portfolio())
}

/// Whether the signed-in user manages the portfolio's methods (evaluation
/// grids): a manager or an administrator.
#[hook]
pub fn use_can_manage() -> bool {
    use_session()
        .user()
        .is_some_and(|user| user.role.is_manager_or_admin())
}

/// Whether the signed-in user is a partner: someone of an organisation
/// taking part in projects, who sees only what is shared with it.
#[hook]
pub fn use_is_partner() -> bool {
    use_session()
        .user()
        .is_some_and(|user| user.role == Role::Partner)
}

/// The organisation a partner account belongs to.
#[hook]
pub fn use_partner_actor() -> Option<ActorId> {
    use_session()
        .user()
        .filter(|user| user.role == Role::Partner)
        .and_then(|user| user.actor_id)
}
