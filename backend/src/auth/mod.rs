//! Who is calling: password checks, tokens, login throttling, and the
//! `CurrentUser` extractor every protected handler takes.

pub mod api_keys;
pub mod confirmation;
pub mod handlers;
pub mod password;
pub mod rate_limit;
pub mod tokens;

use crate::config::Config;
use crate::error::{ApiError, ApiResult};
use crate::routes::Access;
use crate::state::AppState;
use actix_web::body::BoxBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::HttpMessage;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use shared::auth::Role;
use shared::ids::{ActorId, ApiKeyId};
use shared::UserId;
use std::marker::PhantomData;
use std::ops::Deref;
use std::time::Duration;
use tokens::Bearer;

#[derive(Clone)]
pub struct AuthService {
    pub keys: tokens::TokenKeys,
    pub hasher: password::PasswordHasher,
    pub limiter: rate_limit::LoginLimiter,
    pub api_key_limiter: api_keys::KeyLimiter,
    pub refresh_ttl: Duration,
}

impl AuthService {
    pub fn new(config: &Config) -> ApiResult<Self> {
        Ok(Self {
            keys: tokens::TokenKeys::new(&config.auth),
            hasher: password::PasswordHasher::new(config.auth.hashing_concurrency)?,
            limiter: rate_limit::LoginLimiter::new(&config.auth),
            api_key_limiter: api_keys::KeyLimiter::new(config.auth.api_key_per_minute),
            refresh_ttl: config.auth.refresh_token_ttl,
        })
    }
}

/// The signed-in, active user behind a request's bearer token. A session
/// token names the account, its role and organisation; the account is
/// confirmed against the database on every request (in the request's first
/// database task, see `confirmation`), so that a deactivation or a role
/// change takes effect at once, not when the token expires.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: UserId,
    pub role: Role,
    /// A partner's organisation.
    pub actor_id: Option<ActorId>,
    /// Set when the caller is an API key (acting for the admin who made it).
    pub api_key: Option<ApiKeyId>,
}

impl CurrentUser {
    /// 403 unless the user's role passes `allowed`.
    pub fn require(&self, allowed: fn(Role) -> bool) -> ApiResult<()> {
        if allowed(self.role) {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }
}

/// A role rule an extractor enforces.
pub trait Permission {
    fn allows(role: Role) -> bool;
}

/// The signed-in user, admitted only when their role passes `P`: a handler
/// that takes `Editor` cannot run for a viewer (403), whatever its body.
/// The endpoint table's `access` column names the same rule.
pub struct Authorized<P> {
    user: CurrentUser,
    rule: PhantomData<fn() -> P>,
}

impl<P> Deref for Authorized<P> {
    type Target = CurrentUser;

    fn deref(&self) -> &CurrentUser {
        &self.user
    }
}

impl<P> Authorized<P> {
    pub fn into_inner(self) -> CurrentUser {
        self.user
    }
}

impl<P> From<Authorized<P>> for CurrentUser {
    fn from(authorized: Authorized<P>) -> Self {
        authorized.user
    }
}

impl<P: Permission + 'static> FromRequest for Authorized<P> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = CurrentUser::from_request(req, payload);
        Box::pin(async move {
            let user = user.await?;
            user.require(P::allows)?;
            Ok(Self {
                user,
                rule: PhantomData,
            })
        })
    }
}

macro_rules! permissions {
    ($($(#[$doc:meta])* $alias:ident = $rule:ident($role_check:path);)*) => {$(
        #[doc(hidden)]
        pub enum $rule {}
        impl Permission for $rule {
            fn allows(role: Role) -> bool {
                $role_check(role)
            }
        }
        $(#[$doc])*
        pub type $alias = Authorized<$rule>;
    )*};
}

permissions! {
    /// Staff of any role (viewers included); partners get 403.
    Staff = StaffRule(Role::is_staff);
    /// Staff who edit the portfolio: engineers, managers, admins.
    Editor = EditorRule(Role::can_edit_portfolio);
    /// Managers and admins.
    Manager = ManagerRule(Role::is_manager_or_admin);
    /// Admins only.
    Admin = AdminRule(Role::is_admin);
}

fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
        .filter(|t| !t.is_empty())
}

impl CurrentUser {
    fn from_bearer(bearer: Bearer) -> Self {
        CurrentUser {
            id: bearer.id,
            role: bearer.role,
            actor_id: bearer.actor_id,
            api_key: None,
        }
    }

    /// Who the request's bearer token stands for. A session token is only
    /// verified here, and its bearer is answered to be confirmed; an API key
    /// is looked up (and its scope checked) at once.
    fn authenticate(
        req: &HttpRequest,
    ) -> LocalBoxFuture<'static, ApiResult<(CurrentUser, Option<Bearer>)>> {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(req);
        let method = req.method().clone();
        let pattern = req.match_pattern();
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("state missing")))?;
            let token = token.ok_or_else(ApiError::unauthenticated)?;
            if api_keys::is_api_key(&token) {
                let user =
                    api_keys::authenticate(&state, &token, &method, pattern.as_deref()).await?;
                return Ok((user, None));
            }
            let bearer = state.auth.keys.verify(&token)?;
            Ok((CurrentUser::from_bearer(bearer), Some(bearer)))
        })
    }
}

/// The endpoint table's `access` column, enforced on every route before
/// any of the handler's extractors run: a caller the row shuts out gets
/// 401 or 403 without their body being read. The user is kept in the
/// request for the handler's `CurrentUser` (or `Staff`, `Editor`…), and
/// confirmed in the handler's first database task, or after the handler
/// if it made none.
pub async fn admit(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let endpoint = req
        .match_pattern()
        .and_then(|pattern| crate::routes::endpoint(req.method(), &pattern));
    let access = endpoint.map_or(Access::Public, |endpoint| endpoint.access);
    if access == Access::Public {
        return next.call(req).await;
    }
    let (user, unconfirmed) = match CurrentUser::authenticate(req.request()).await {
        Ok(found) => found,
        Err(error) => return Ok(req.error_response(error)),
    };
    if !access.admits(user.role) {
        return Ok(req.error_response(ApiError::forbidden()));
    }
    req.extensions_mut().insert(user);
    let Some(bearer) = unconfirmed else {
        return next.call(req).await;
    };
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let (response, standing) = confirmation::serve(bearer, next.call(req)).await;
    let response = response?;
    match confirmation::settled(standing, state).await {
        Ok(()) => Ok(response),
        Err(error) => Ok(response.error_response(error)),
    }
}

impl FromRequest for CurrentUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if let Some(user) = req.extensions().get::<CurrentUser>() {
            return Box::pin(std::future::ready(Ok(user.clone())));
        }
        // A route the table does not guard: authenticate and confirm here.
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let authenticated = CurrentUser::authenticate(req);
        Box::pin(async move {
            let (user, unconfirmed) = authenticated.await?;
            if let (Some(bearer), Some(state)) = (unconfirmed, state) {
                state
                    .db
                    .read(move |conn| confirmation::confirm(conn, bearer))
                    .await?;
            }
            Ok(user)
        })
    }
}
