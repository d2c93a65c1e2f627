//! `auth/login`, `auth/refresh`, `auth/logout`.

use super::tokens::{digest, invalid_refresh_token, Bearer};
use crate::db::schema::refresh_tokens;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::openapi::errors::Unavailable;
use crate::state::AppState;
use crate::users::repo as users_repo;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use diesel::prelude::*;
use shared::auth::{LoginRequest, RefreshRequest, TokenResponse};
use shared::validation::normalize_email;
use shared::{ErrorBody, ErrorCode, UserId};
use std::net::{IpAddr, Ipv4Addr};

fn client_ip(req: &HttpRequest, trust_proxy: bool) -> IpAddr {
    let from_proxy = trust_proxy
        .then(|| {
            req.connection_info()
                .realip_remote_addr()
                .map(str::to_owned)
        })
        .flatten()
        .and_then(|addr| addr.parse::<IpAddr>().ok());
    from_proxy
        .or_else(|| req.peer_addr().map(|addr| addr.ip()))
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

fn invalid_credentials() -> ApiError {
    ApiError::new(
        ErrorCode::InvalidCredentials,
        "e-mail or password is incorrect",
    )
}

/// Issues an access token and a new refresh token for `user`.
fn issue_tokens(
    conn: &mut DbConnection,
    state: &AppState,
    bearer: Bearer,
) -> ApiResult<TokenResponse> {
    let user = bearer.id;
    let refresh_token = crate::secrets::random_token();
    let now = Utc::now().naive_utc();
    let ttl = chrono::Duration::from_std(state.auth.refresh_ttl).map_err(ApiError::internal)?;
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::user_id.eq(user),
            refresh_tokens::token_hash.eq(digest(&refresh_token)),
            refresh_tokens::issued_at.eq(now),
            refresh_tokens::expires_at.eq(now + ttl),
        ))
        .execute(conn)?;
    Ok(TokenResponse {
        access_token: state.auth.keys.issue(bearer)?,
        token_type: "Bearer".to_owned(),
        expires_in: state.auth.keys.access_ttl_secs,
        refresh_token,
    })
}

/// Sign in with e-mail and password.
#[utoipa::path(
    post, path = "/api/v1/auth/login",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 422, description = "Missing fields", body = ErrorBody),
        (status = 401, description = "Wrong e-mail or password, or the account is disabled", body = ErrorBody),
        (status = 429, description = "Too many attempts; see Retry-After", body = ErrorBody),
        Unavailable,
    )
)]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let LoginRequest { email, password } = body.0;
    let email = normalize_email(&email);
    state
        .auth
        .limiter
        .check(client_ip(&req, state.trust_proxy), &email)
        .map_err(ApiError::rate_limited)?;

    // No account's address holds a NUL, and PostgreSQL cannot even be
    // asked about one: such an address is simply unknown.
    let lookup = email.clone();
    let user = if lookup.contains('\0') {
        None
    } else {
        state
            .db
            .read(move |conn| users_repo::find_by_email(conn, &lookup))
            .await?
    };
    let password_matches = state
        .auth
        .hasher
        .verify(password, user.as_ref().map(|u| u.password_hash.clone()))
        .await?;
    let user = match user {
        Some(user) if password_matches && user.active => user,
        _ => {
            state.auth.limiter.record_failure(&email);
            tracing::info!(event = "login_failed", "login refused");
            return Err(invalid_credentials());
        }
    };
    let state_for_tokens = state.clone();
    let bearer = user.bearer();
    let tokens = state
        .db
        .write(move |conn| issue_tokens(conn, &state_for_tokens, bearer))
        .await?;
    tracing::info!(event = "login", user_id = %user.id);
    Ok(HttpResponse::Ok().json(tokens))
}

/// Exchange a refresh token for new tokens. Each refresh token works once;
/// presenting a used one again revokes every session of its user, since
/// it means the token was stolen.
#[utoipa::path(
    post, path = "/api/v1/auth/refresh",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = TokenResponse),
        (status = 401, description = "Refresh token unknown, expired or already used", body = ErrorBody),
        (status = 422, description = "Missing field", body = ErrorBody),
        Unavailable,
    )
)]
pub async fn refresh(
    state: web::Data<AppState>,
    body: Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let presented = digest(&body.0.refresh_token);
    let state_in = state.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let now = Utc::now().naive_utc();
            let found: Option<(
                i64,
                UserId,
                chrono::NaiveDateTime,
                Option<chrono::NaiveDateTime>,
            )> = refresh_tokens::table
                .filter(refresh_tokens::token_hash.eq(&presented))
                .select((
                    refresh_tokens::id,
                    refresh_tokens::user_id,
                    refresh_tokens::expires_at,
                    refresh_tokens::revoked_at,
                ))
                .first(conn)
                .optional()?;
            let Some((id, user_id, expires_at, revoked_at)) = found else {
                return Ok(None);
            };
            if revoked_at.is_some() {
                diesel::update(refresh_tokens::table)
                    .filter(refresh_tokens::user_id.eq(user_id))
                    .filter(refresh_tokens::revoked_at.is_null())
                    .set(refresh_tokens::revoked_at.eq(now))
                    .execute(conn)?;
                tracing::warn!(event = "refresh_token_reused", user_id = %user_id);
                return Ok(None);
            }
            if expires_at <= now {
                return Ok(None);
            }
            let Some(user) = users_repo::find(conn, user_id)?.filter(|u| u.active) else {
                return Ok(None);
            };
            // Only the first of two concurrent refreshes with one token wins.
            let claimed = diesel::update(
                refresh_tokens::table
                    .find(id)
                    .filter(refresh_tokens::revoked_at.is_null()),
            )
            .set(refresh_tokens::revoked_at.eq(now))
            .execute(conn)?;
            if claimed == 0 {
                return Ok(None);
            }
            issue_tokens(conn, &state_in, user.bearer()).map(Some)
        })
        .await?;
    outcome
        .map(|tokens| HttpResponse::Ok().json(tokens))
        .ok_or_else(invalid_refresh_token)
}

/// Revoke a refresh token (sign out). Answers 204 whether or not the token
/// was still valid, so it reveals nothing.
#[utoipa::path(
    post, path = "/api/v1/auth/logout",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Signed out"),
        (status = 422, description = "Missing field", body = ErrorBody),
        Unavailable,
    )
)]
pub async fn logout(
    state: web::Data<AppState>,
    body: Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let presented = digest(&body.0.refresh_token);
    state
        .db
        .write(move |conn| {
            diesel::update(refresh_tokens::table)
                .filter(refresh_tokens::token_hash.eq(presented))
                .filter(refresh_tokens::revoked_at.is_null())
                .set(refresh_tokens::revoked_at.eq(Utc::now().naive_utc()))
                .execute(conn)
                .map_err(ApiError::from)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
