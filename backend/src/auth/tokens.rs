//! Access tokens (short-lived JWTs, HS256 only) and refresh tokens (opaque,
//! stored as SHA-256 digests, single use).

use crate::config::AuthConfig;
use crate::error::ApiError;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::auth::Role;
use shared::ids::ActorId;
use shared::{ErrorCode, UserId};

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub exp: u64,
    pub iat: u64,
    pub nbf: u64,
    pub iss: String,
    pub aud: String,
    pub jti: String,
    /// The account's role when the token was issued: the endpoint table's
    /// access rule is applied to it before anything is read, and the
    /// account is confirmed in the request's first database task.
    pub role: Role,
    /// A partner's organisation, likewise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<ActorId>,
}

/// What a valid access token vouches for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bearer {
    pub id: UserId,
    pub role: Role,
    pub actor_id: Option<ActorId>,
}

#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
    pub access_ttl_secs: u64,
}

impl TokenKeys {
    pub fn new(config: &AuthConfig) -> Self {
        // The algorithm is pinned: a token claiming any other (including
        // "none") is refused.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&config.issuer]);
        validation.set_audience(&[&config.audience]);
        validation.set_required_spec_claims(&["exp", "nbf", "iat", "iss", "aud", "sub"]);
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(&config.jwt_secret),
            decoding: DecodingKey::from_secret(&config.jwt_secret),
            validation,
            issuer: config.issuer.clone(),
            audience: config.audience.clone(),
            access_ttl_secs: config.access_token_ttl.as_secs(),
        }
    }

    pub fn issue(&self, bearer: Bearer) -> Result<String, ApiError> {
        let now = now_secs();
        let claims = Claims {
            sub: bearer.id.to_string(),
            exp: now + self.access_ttl_secs,
            iat: now,
            nbf: now,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            jti: uuid::Uuid::new_v4().to_string(),
            role: bearer.role,
            org: bearer.actor_id,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(ApiError::internal)
    }

    /// Who a valid token names, as it was issued; any defect is the same 401.
    pub fn verify(&self, token: &str) -> Result<Bearer, ApiError> {
        let data = decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|_| ApiError::unauthenticated())?;
        if data.claims.iat > now_secs() + 5 || data.claims.jti.is_empty() {
            return Err(ApiError::unauthenticated());
        }
        let id = data
            .claims
            .sub
            .parse()
            .map_err(|_| ApiError::unauthenticated())?;
        Ok(Bearer {
            id,
            role: data.claims.role,
            actor_id: data.claims.org,
        })
    }
}

pub fn now_secs() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap_or_default()
}

/// Refresh tokens are stored as digests: a leaked table grants nothing.
pub fn digest(refresh_token: &str) -> String {
    let hash = Sha256::digest(refresh_token.as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn invalid_refresh_token() -> ApiError {
    ApiError::new(
        ErrorCode::InvalidRefreshToken,
        "the refresh token is unknown, expired or already used; sign in again",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn config(secret: &str) -> AuthConfig {
        AuthConfig {
            jwt_secret: secret.as_bytes().to_vec(),
            issuer: "innovaction".into(),
            audience: "innovaction-api".into(),
            access_token_ttl: Duration::from_secs(900),
            refresh_token_ttl: Duration::from_secs(3600),
            login_per_ip_per_minute: 10,
            login_per_account_per_quarter_hour: 5,
            hashing_concurrency: 1,
            api_key_per_minute: 60,
        }
    }

    #[test]
    fn a_token_round_trips_and_carries_every_claim() {
        let keys = TokenKeys::new(&config("0123456789abcdef0123456789abcdef"));
        let partner = Bearer {
            id: UserId(7),
            role: Role::Partner,
            actor_id: Some(ActorId(3)),
        };
        let token = keys.issue(partner).unwrap();
        assert_eq!(keys.verify(&token).unwrap(), partner);
        let payload = token.split('.').nth(1).unwrap();
        use base64::Engine;
        let json: serde_json::Value = serde_json::from_slice(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(payload)
                .unwrap(),
        )
        .unwrap();
        for claim in [
            "sub", "exp", "iat", "nbf", "iss", "aud", "jti", "role", "org",
        ] {
            assert!(json.get(claim).is_some(), "missing {claim}");
        }
        assert!(json["exp"].as_u64().unwrap() - json["iat"].as_u64().unwrap() <= 900);
    }

    #[test]
    fn foreign_expired_or_unsigned_tokens_are_refused() {
        let keys = TokenKeys::new(&config("0123456789abcdef0123456789abcdef"));
        let other = TokenKeys::new(&config("fedcba9876543210fedcba9876543210"));
        let admin = Bearer {
            id: UserId(1),
            role: Role::Admin,
            actor_id: None,
        };
        assert!(keys.verify(&other.issue(admin).unwrap()).is_err());

        let secret = b"0123456789abcdef0123456789abcdef";
        let now = now_secs();
        let claims = |exp: u64, aud: &str, alg: Algorithm| {
            let claims = Claims {
                sub: "1".into(),
                exp,
                iat: now - 1000,
                nbf: now - 1000,
                iss: "innovaction".into(),
                aud: aud.into(),
                jti: "x".into(),
                role: Role::Admin,
                org: None,
            };
            encode(
                &Header::new(alg),
                &claims,
                &EncodingKey::from_secret(secret),
            )
            .unwrap()
        };
        assert!(
            keys.verify(&claims(now - 100, "innovaction-api", Algorithm::HS256))
                .is_err(),
            "expired"
        );
        assert!(
            keys.verify(&claims(now + 100, "elsewhere", Algorithm::HS256))
                .is_err(),
            "audience"
        );
        assert!(
            keys.verify(&claims(now + 100, "innovaction-api", Algorithm::HS512))
                .is_err(),
            "algorithm"
        );
        assert!(keys
            .verify(&claims(now + 100, "innovaction-api", Algorithm::HS256))
            .is_ok());
        // An unsigned token ("alg": "none") is never accepted.
        let unsigned = format!(
            "{}.{}.",
            "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0",
            claims(now + 100, "innovaction-api", Algorithm::HS256)
                .split('.')
                .nth(1)
                .unwrap()
        );
        assert!(keys.verify(&unsigned).is_err());
    }

    #[test]
    fn digests_are_stable_and_distinct() {
        assert_eq!(digest("a"), digest("a"));
        assert_ne!(digest("a"), digest("b"));
        assert_eq!(digest("a").len(), 64);
    }
}
