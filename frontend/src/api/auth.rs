//! Sign-in, token refresh and sign-out. Tokens are stored here, as soon as
//! they arrive, so that no caller can forget the rotated refresh token.

use super::{ApiError, ApiRequest};
use crate::session::tokens;
use shared::auth::{LoginRequest, RefreshRequest, TokenResponse};
use shared::users::User;
use shared::ErrorCode;

pub async fn login(credentials: &LoginRequest) -> Result<User, ApiError> {
    let issued: TokenResponse = ApiRequest::post("/api/v1/auth/login")
        .without_token()
        .json(credentials)?
        .fetch()
        .await?;
    tokens::store(&issued);
    let user = me().await;
    if user.is_err() {
        tokens::clear();
    }
    user
}

/// Trades the stored refresh token for a new pair. Callers go through
/// [`super::refresh_once`] so that concurrent refreshes are merged.
pub(super) async fn refresh() -> Result<(), ApiError> {
    let Some(refresh_token) = tokens::refresh_token() else {
        return Err(ApiError {
            status: 401,
            code: Some(ErrorCode::InvalidRefreshToken),
            message: "no refresh token stored".to_owned(),
            field_errors: Vec::new(),
        });
    };
    let answer = ApiRequest::post("/api/v1/auth/refresh")
        .without_token()
        .json(&RefreshRequest { refresh_token })?
        .fetch::<TokenResponse>()
        .await;
    match answer {
        Ok(issued) => {
            tokens::store(&issued);
            Ok(())
        }
        Err(error) => {
            if !error.is_network() {
                tokens::clear();
            }
            Err(error)
        }
    }
}

/// After a page reload only the refresh token survives: trade it for an
/// access token and find out who is signed in.
pub async fn restore() -> Result<User, ApiError> {
    super::refresh_once(None).await?;
    me().await
}

pub async fn me() -> Result<User, ApiError> {
    ApiRequest::get("/api/v1/me").fetch().await
}

/// Revokes the refresh token on the server, then forgets both tokens. The
/// local session ends even if the server cannot be told.
pub async fn logout() {
    if let Some(refresh_token) = tokens::refresh_token() {
        let revoked = ApiRequest::post("/api/v1/auth/logout")
            .without_refresh()
            .json(&RefreshRequest { refresh_token });
        if let Ok(request) = revoked {
            // Nothing useful to tell the user if revocation fails: the token
            // expires on its own, and it is gone from this browser.
            let _ = request.execute().await;
        }
    }
    tokens::clear();
}
