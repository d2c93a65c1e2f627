//! Who may reach the API beyond staff accounts (administrators only,
//! except accepting an invitation): API keys for the town's other
//! systems, and invitations that open a partner's account.

use super::{ApiError, ApiRequest};
use shared::access::{
    AcceptInvitation, ApiKey, CreatedApiKey, CreatedInvitation, Invitation, NewApiKey,
    NewInvitation,
};
use shared::ids::{ApiKeyId, InvitationId};

pub async fn api_keys() -> Result<Vec<ApiKey>, ApiError> {
    ApiRequest::get("/api/v1/api-keys").fetch().await
}

/// The answer holds the key's secret, which the server never shows again.
pub async fn create_api_key(key: &NewApiKey) -> Result<CreatedApiKey, ApiError> {
    ApiRequest::post("/api/v1/api-keys")
        .json(key)?
        .fetch()
        .await
}

/// The key stops working at once; it stays listed, revoked.
pub async fn revoke_api_key(id: ApiKeyId) -> Result<(), ApiError> {
    ApiRequest::delete(format!("/api/v1/api-keys/{id}"))
        .execute()
        .await
}

pub async fn invitations() -> Result<Vec<Invitation>, ApiError> {
    ApiRequest::get("/api/v1/invitations").fetch().await
}

/// Creates the partner's account, inactive until they accept. The answer
/// holds the one-time link when no e-mail could carry it.
pub async fn invite(invitation: &NewInvitation) -> Result<CreatedInvitation, ApiError> {
    ApiRequest::post("/api/v1/invitations")
        .json(invitation)?
        .fetch()
        .await
}

pub async fn revoke_invitation(id: InvitationId) -> Result<(), ApiError> {
    ApiRequest::delete(format!("/api/v1/invitations/{id}"))
        .execute()
        .await
}

/// Public: the invited partner sets their password with the link's token.
/// No session is involved, so none is sent.
pub async fn accept_invitation(acceptance: &AcceptInvitation) -> Result<(), ApiError> {
    ApiRequest::post("/api/v1/invitations/accept")
        .without_token()
        .json(acceptance)?
        .execute()
        .await
}
