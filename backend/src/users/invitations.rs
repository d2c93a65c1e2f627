//! `/api/v1/invitations`: an admin invites a partner; the account exists at
//! once but stays inactive until the partner sets a password through a
//! one-time link, valid 7 days. Only a SHA-256 of the link's token is kept.
//! The link is e-mailed when SMTP is configured and otherwise shown once to
//! the admin, to pass on.

use super::repo::{self, NewUser};
use crate::audit::{self, Change};
use crate::auth::password::refuse_common;
use crate::auth::Admin;
use crate::db::schema::{invitations, users};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::openapi::errors::Unavailable;
use crate::records::now;
use crate::secrets::random_token;
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use shared::access::{AcceptInvitation, CreatedInvitation, Invitation, NewInvitation};
use shared::auth::Role;
use shared::ids::{ActorId, InvitationId};
use shared::validation::normalize_email;
use shared::{ErrorBody, UserId};

const ENTITY: &str = "invitation";
const VALID_DAYS: i64 = 7;

fn token_hash(token: &str) -> String {
    Sha256::digest(token.trim().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An invitation with the account it was sent for, as selected.
#[derive(Queryable, Selectable)]
#[diesel(table_name = invitations)]
struct Row {
    id: InvitationId,
    user_id: UserId,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
    used_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
    #[diesel(select_expression = users::email)]
    #[diesel(select_expression_type = users::email)]
    email: String,
    #[diesel(select_expression = users::display_name)]
    #[diesel(select_expression_type = users::display_name)]
    display_name: String,
    #[diesel(select_expression = users::actor_id)]
    #[diesel(select_expression_type = users::actor_id)]
    actor_id: Option<ActorId>,
}

impl From<Row> for Invitation {
    fn from(row: Row) -> Self {
        Invitation {
            id: row.id,
            user_id: row.user_id,
            email: row.email,
            display_name: row.display_name,
            actor_id: row.actor_id,
            created_at: row.created_at.and_utc(),
            expires_at: row.expires_at.and_utc(),
            used_at: row.used_at.map(|t| t.and_utc()),
            revoked_at: row.revoked_at.map(|t| t.and_utc()),
        }
    }
}

fn select(conn: &mut DbConnection, id: Option<InvitationId>) -> ApiResult<Vec<Invitation>> {
    let mut query = invitations::table
        .inner_join(users::table.on(users::id.eq(invitations::user_id)))
        .into_boxed();
    if let Some(id) = id {
        query = query.filter(invitations::id.eq(id));
    }
    let rows: Vec<Row> = query
        .order(invitations::id.desc())
        .select(Row::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Invitation::from).collect())
}

fn get_one(conn: &mut DbConnection, id: InvitationId) -> ApiResult<Invitation> {
    select(conn, Some(id))?
        .pop()
        .ok_or_else(|| ApiError::not_found("invitation"))
}

/// The invitations, newest first (admins).
#[utoipa::path(
    get, path = "/api/v1/invitations",
    responses(
        (status = 200, description = "Invitations", body = Vec<Invitation>),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    _user: Admin,
) -> ApiResult<web::Json<Vec<Invitation>>> {
    Ok(web::Json(state.db.read(|conn| select(conn, None)).await?))
}

/// Invite a partner of an organisation (admins). Their account is created
/// inactive; the answer holds the one-time link when it was not e-mailed.
#[utoipa::path(
    post, path = "/api/v1/invitations",
    request_body = NewInvitation,
    responses(
        (status = 201, description = "Invited", body = CreatedInvitation),
        (status = 409, description = "An account already uses this e-mail", body = ErrorBody),
        (status = 422, description = "Invalid fields or unknown actor", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    request: HttpRequest,
    user: Admin,
    body: Json<NewInvitation>,
) -> ApiResult<HttpResponse> {
    let input = body.0;
    let token = random_token();
    let hash = token_hash(&token);
    // Nobody knows this password: the account opens with the link only.
    let unusable = state.auth.hasher.hash(random_token()).await?;
    let invitation = state
        .db
        .write(move |conn| {
            repo::check_actor_exists(conn, Some(input.actor_id))?;
            let account = repo::insert(
                conn,
                NewUser {
                    email: normalize_email(&input.email),
                    display_name: input.display_name.clone(),
                    role: Role::Partner,
                    password_hash: unusable,
                    actor_id: Some(input.actor_id),
                    active: false,
                },
            )?
            .to_api()?;
            audit::record(
                conn,
                Change::new(&user, "user", account.id, "create"),
                None::<&shared::users::User>,
                Some(&account),
            )?;
            let now = now();
            let id: InvitationId = diesel::insert_into(invitations::table)
                .values((
                    invitations::user_id.eq(account.id),
                    invitations::token_hash.eq(&hash),
                    invitations::created_by.eq(user.id),
                    invitations::created_at.eq(now),
                    invitations::expires_at.eq(now + Duration::days(VALID_DAYS)),
                ))
                .returning(invitations::id)
                .get_result(conn)?;
            let invitation = get_one(conn, id)?;
            audit::record(
                conn,
                Change::new(&user, ENTITY, id, "create"),
                None::<&Invitation>,
                Some(&invitation),
            )?;
            Ok(invitation)
        })
        .await?;
    let link = invitation_link(&state, &request, &token);
    let emailed = match &state.mailer {
        Some(mailer) => mailer.send_invitation(&invitation, &link).await.map_err(|e| {
            tracing::warn!(error = %e, invitation = %invitation.id, "invitation e-mail not sent");
        }).is_ok(),
        None => false,
    };
    Ok(HttpResponse::Created().json(CreatedInvitation {
        invitation,
        link: (!emailed).then_some(link),
        emailed,
    }))
}

/// `<public URL>/invitation?token=…`: the configured public URL, or the
/// address the admin reached the server at.
fn invitation_link(state: &AppState, request: &HttpRequest, token: &str) -> String {
    let base = state.public_url.clone().unwrap_or_else(|| {
        let info = request.connection_info();
        format!("{}://{}", info.scheme(), info.host())
    });
    format!("{}/invitation?token={token}", base.trim_end_matches('/'))
}

/// Revoke an invitation (admins): its link stops working; the account
/// stays inactive.
#[utoipa::path(
    delete, path = "/api/v1/invitations/{id}",
    responses(
        (status = 204, description = "Revoked"),
    )
)]
pub async fn revoke(
    state: web::Data<AppState>,
    user: Admin,
    id: web::Path<InvitationId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state
        .db
        .write(move |conn| {
            let before = get_one(conn, id)?;
            if before.revoked_at.is_none() && before.used_at.is_none() {
                diesel::update(invitations::table.find(id))
                    .set(invitations::revoked_at.eq(now()))
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

/// Set one's password with an invitation's token (no sign-in needed). The
/// link works once, for 7 days; the account is active afterwards.
#[utoipa::path(
    post, path = "/api/v1/invitations/accept",
    request_body = AcceptInvitation,
    responses(
        (status = 204, description = "Password set; sign in now"),
        (status = 404, description = "Unknown, used, revoked or expired link", body = ErrorBody),
        (status = 422, description = "Password too short, too long or too common", body = ErrorBody),
        Unavailable,
    )
)]
pub async fn accept(
    state: web::Data<AppState>,
    body: Json<AcceptInvitation>,
) -> ApiResult<HttpResponse> {
    let input = body.0;
    refuse_common(&input.password)?;
    let hash = token_hash(&input.token);
    let password_hash = state.auth.hasher.hash(input.password).await?;
    state
        .db
        .write(move |conn| {
            let found: Option<(InvitationId, UserId)> = invitations::table
                .filter(invitations::token_hash.eq(&hash))
                .filter(invitations::used_at.is_null())
                .filter(invitations::revoked_at.is_null())
                .filter(invitations::expires_at.gt(now()))
                .select((invitations::id, invitations::user_id))
                .first(conn)
                .optional()?;
            // One answer for every reason: nothing to learn by probing.
            let (id, user_id) = found.ok_or_else(|| {
                ApiError::not_found("invitation (the link is unknown, used or expired)")
            })?;
            let before = get_one(conn, id)?;
            // Used at most once, even if two requests race.
            let claimed = diesel::update(
                invitations::table
                    .find(id)
                    .filter(invitations::used_at.is_null()),
            )
            .set(invitations::used_at.eq(now()))
            .execute(conn)?;
            if claimed == 0 {
                return Err(ApiError::not_found("invitation"));
            }
            diesel::update(users::table.find(user_id))
                .set((
                    users::password_hash.eq(&password_hash),
                    users::active.eq(true),
                    users::updated_at.eq(now()),
                    users::version.eq(users::version + 1_i64),
                ))
                .execute(conn)?;
            let after = get_one(conn, id)?;
            audit::record(
                conn,
                Change {
                    actor: Some(user_id),
                    api_key: None,
                    entity: ENTITY,
                    entity_id: id.to_string(),
                    action: "accept",
                },
                Some(&before),
                Some(&after),
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
