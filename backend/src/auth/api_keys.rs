//! API keys for the town's other systems: `ia_<prefix>_<secret>` sent as a
//! bearer token. Only a SHA-256 of the whole key is stored (the secret is
//! 256 random bits, so a slow hash adds nothing). Each key has scopes, and
//! each endpoint open to keys names the one scope it needs: anything else
//! is refused with 403. Keys are rate-limited one by one.

use super::CurrentUser;
use crate::audit::{self, Change};
use crate::auth::Admin;
use crate::db::schema::{api_keys, users};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::records::now;
use crate::secrets::random_token;
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{web, HttpResponse};
use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sha2::{Digest, Sha256};
use shared::access::{ApiKey, CreatedApiKey, NewApiKey, Scope};
use shared::auth::Role;
use shared::ids::ApiKeyId;
use shared::{ErrorBody, ErrorCode, UserId};
use std::num::NonZeroU32;
use std::sync::Arc;
use subtle::ConstantTimeEq;

const ENTITY: &str = "api_key";
const PREFIX: &str = "ia_";

/// Requests per key per minute, one bucket per key.
#[derive(Clone)]
pub struct KeyLimiter(Arc<DefaultKeyedRateLimiter<i64>>);

impl KeyLimiter {
    pub fn new(per_minute: u32) -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN));
        Self(Arc::new(RateLimiter::keyed(quota)))
    }

    fn check(&self, key: ApiKeyId) -> ApiResult<()> {
        self.0.check_key(&key.0).map_err(|not_until| {
            let wait = not_until.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            ));
            ApiError::rate_limited(wait.as_secs().max(1))
        })
    }
}

pub fn is_api_key(token: &str) -> bool {
    token.starts_with(PREFIX)
}

fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The scope an endpoint asks of an API key, from the endpoint table;
/// `None`: closed to keys.
pub fn scope_for(method: &Method, pattern: &str) -> Option<Scope> {
    crate::routes::endpoint(method, pattern)?.scope
}

/// A key as stored: its secret only as a digest.
#[derive(Queryable, Selectable)]
#[diesel(table_name = api_keys)]
struct KeyRow {
    id: ApiKeyId,
    name: String,
    prefix: String,
    secret_hash: String,
    scopes: String,
    created_by: UserId,
    created_at: NaiveDateTime,
    expires_at: Option<NaiveDateTime>,
    last_used_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
}

fn to_api(row: &KeyRow) -> ApiResult<ApiKey> {
    Ok(ApiKey {
        id: row.id,
        name: row.name.clone(),
        prefix: format!("{PREFIX}{}", row.prefix),
        scopes: serde_json::from_str(&row.scopes).map_err(ApiError::internal)?,
        created_by: row.created_by,
        created_at: row.created_at.and_utc(),
        expires_at: row.expires_at.map(|t| t.and_utc()),
        last_used_at: row.last_used_at.map(|t| t.and_utc()),
        revoked_at: row.revoked_at.map(|t| t.and_utc()),
    })
}

/// Who an API key acts as, if it is valid, unexpired, unrevoked, its
/// creator still an active admin, and its scopes cover the endpoint.
pub async fn authenticate(
    state: &AppState,
    token: &str,
    method: &Method,
    pattern: Option<&str>,
) -> ApiResult<CurrentUser> {
    let prefix = token
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.split_once('_'))
        .map(|(prefix, _)| prefix.to_owned())
        .ok_or_else(ApiError::unauthenticated)?;
    let presented = digest(token);
    let found = state
        .db
        .read(move |conn| {
            Ok(api_keys::table
                .inner_join(users::table.on(users::id.eq(api_keys::created_by)))
                .filter(api_keys::prefix.eq(&prefix))
                .select((KeyRow::as_select(), users::active, users::role))
                .first::<(KeyRow, bool, Role)>(conn)
                .optional()?)
        })
        .await?;
    let Some((row, creator_active, creator_role)) = found else {
        return Err(ApiError::unauthenticated());
    };
    let stored = hex_decode(&row.secret_hash);
    let matches: bool = stored.ct_eq(&presented).into();
    let expired = row
        .expires_at
        .is_some_and(|at| at <= Utc::now().naive_utc());
    if !matches
        || row.revoked_at.is_some()
        || expired
        || !creator_active
        || creator_role != Role::Admin
    {
        return Err(ApiError::unauthenticated());
    }
    let key = to_api(&row)?;
    state.auth.api_key_limiter.check(key.id)?;
    let needed = pattern.and_then(|p| scope_for(method, p));
    if !needed.is_some_and(|scope| key.scopes.contains(&scope)) {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "this API key's scopes do not cover this endpoint",
        ));
    }
    // Last use is kept to the minute: no write on every request.
    let stale = row
        .last_used_at
        .is_none_or(|at| Utc::now().naive_utc() - at > Duration::minutes(1));
    if stale {
        let id = key.id;
        state
            .db
            .write(move |conn| {
                diesel::update(api_keys::table.find(id))
                    .set(api_keys::last_used_at.eq(now()))
                    .execute(conn)?;
                Ok(())
            })
            .await?;
    }
    Ok(CurrentUser {
        id: key.created_by,
        // Keys read the whole portfolio like a manager; the scope check
        // above is what limits them.
        role: Role::Manager,
        actor_id: None,
        api_key: Some(key.id),
    })
}

fn hex_decode(text: &str) -> Vec<u8> {
    (0..text.len() / 2)
        .filter_map(|i| u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

fn get_one(conn: &mut DbConnection, id: ApiKeyId) -> ApiResult<ApiKey> {
    let row: KeyRow = api_keys::table
        .find(id)
        .select(KeyRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("API key"))?;
    to_api(&row)
}

/// The API keys, newest first (admins).
#[utoipa::path(
    get, path = "/api/v1/api-keys",
    responses(
        (status = 200, description = "Keys, without their secrets", body = Vec<ApiKey>),
    )
)]
pub async fn list(state: web::Data<AppState>, _user: Admin) -> ApiResult<web::Json<Vec<ApiKey>>> {
    let keys = state
        .db
        .read(|conn| {
            let rows: Vec<KeyRow> = api_keys::table
                .order(api_keys::id.desc())
                .select(KeyRow::as_select())
                .load(conn)?;
            rows.iter().map(to_api).collect::<ApiResult<Vec<_>>>()
        })
        .await?;
    Ok(web::Json(keys))
}

/// Create a key (admins). Its secret is in this answer only.
#[utoipa::path(
    post, path = "/api/v1/api-keys",
    request_body = NewApiKey,
    responses(
        (status = 201, description = "Created; keep the secret now", body = CreatedApiKey),
        (status = 422, description = "No name, no scope, or an expiry in the past", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    user: Admin,
    body: Json<NewApiKey>,
) -> ApiResult<HttpResponse> {
    if user.api_key.is_some() {
        return Err(ApiError::forbidden());
    }
    let input = body.0;
    if input.expires_at.is_some_and(|at| at <= Utc::now()) {
        return Err(ApiError::field(
            "expires_at",
            "in_past",
            "an expiry must be in the future",
        ));
    }
    let prefix: String = random_token()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(10)
        .collect();
    let secret = format!("{PREFIX}{prefix}_{}", random_token());
    let hash = hex(&digest(&secret));
    let mut scopes = input.scopes.clone();
    scopes.sort();
    scopes.dedup();
    let scopes_text = serde_json::to_string(&scopes).map_err(ApiError::internal)?;
    let key = state
        .db
        .write(move |conn| {
            let id: ApiKeyId = diesel::insert_into(api_keys::table)
                .values((
                    api_keys::name.eq(input.name.trim()),
                    api_keys::prefix.eq(&prefix),
                    api_keys::secret_hash.eq(&hash),
                    api_keys::scopes.eq(&scopes_text),
                    api_keys::created_by.eq(user.id),
                    api_keys::created_at.eq(now()),
                    api_keys::expires_at.eq(input.expires_at.map(|at| at.naive_utc())),
                ))
                .returning(api_keys::id)
                .get_result(conn)?;
            let key = get_one(conn, id)?;
            audit::record(
                conn,
                Change::new(&user, ENTITY, id, "create"),
                None::<&ApiKey>,
                Some(&key),
            )?;
            Ok(key)
        })
        .await?;
    Ok(HttpResponse::Created().json(CreatedApiKey { key, secret }))
}

/// Revoke a key (admins): it stops working at once.
#[utoipa::path(
    delete, path = "/api/v1/api-keys/{id}",
    responses(
        (status = 204, description = "Revoked"),
    )
)]
pub async fn revoke(
    state: web::Data<AppState>,
    user: Admin,
    id: web::Path<ApiKeyId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state
        .db
        .write(move |conn| {
            let before = get_one(conn, id)?;
            if before.revoked_at.is_none() {
                diesel::update(api_keys::table.find(id))
                    .set(api_keys::revoked_at.eq(now()))
                    .execute(conn)?;
                let after = get_one(conn, id)?;
                audit::record(
                    conn,
                    Change::new(&user, ENTITY, id, "revoke"),
                    Some(&before),
                    Some(&after),
                )?;
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_endpoint_open_to_keys_names_its_scope() {
        let get = Method::GET;
        assert_eq!(
            scope_for(&get, "/api/v1/projects/{id}"),
            Some(Scope::ReadProjects)
        );
        assert_eq!(
            scope_for(&get, "/api/v1/dashboard"),
            Some(Scope::ReadDashboard)
        );
        assert_eq!(
            scope_for(
                &Method::POST,
                "/api/v1/projects/{id}/indicators/{indicator_id}/measurements"
            ),
            Some(Scope::WriteIndicators)
        );
        // Writes other than indicators, the journal, users and the audit
        // log are closed to keys.
        assert_eq!(scope_for(&Method::POST, "/api/v1/projects"), None);
        assert_eq!(scope_for(&get, "/api/v1/projects/{id}/journal"), None);
        assert_eq!(scope_for(&get, "/api/v1/users"), None);
        assert_eq!(scope_for(&get, "/api/v1/audit-log"), None);
        assert_eq!(scope_for(&get, "/api/v1/api-keys"), None);
    }

    #[test]
    fn hashes_round_trip() {
        let bytes = digest("ia_abc_secret");
        assert_eq!(hex_decode(&hex(&bytes)), bytes);
    }
}
