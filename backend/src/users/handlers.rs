//! `me` and `users`: thin handlers over the repository and the rules.

use super::repo::{self, NewUser, UserChanges, UserFilter};
use crate::audit::{self, Change};
use crate::auth::password::refuse_common;
use crate::auth::CurrentUser;
use crate::auth::{Admin, Staff};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::records::write::{self, Addressed};
use crate::records::{created, list_request, versioned};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use shared::auth::Role;
use shared::users::{CreateUser, ResetPassword, StaffMember, UpdateUser, User, UserListQuery};
use shared::{ErrorBody, Page, UserId};

const ENTITY: &str = "user";

write::versioned_record!(User, ENTITY);

/// Accounts are changed, never deleted (deactivated instead: the audit
/// trail keeps naming them).
impl Addressed for User {
    type Address = UserId;

    fn load(conn: &mut DbConnection, _: &CurrentUser, id: UserId) -> ApiResult<Self> {
        repo::find(conn, id)?
            .ok_or_else(|| ApiError::not_found("user"))?
            .to_api()
    }

    /// Admins, and the user themself.
    fn read(conn: &mut DbConnection, user: &CurrentUser, id: UserId) -> ApiResult<Self> {
        if user.id != id {
            user.require(Role::is_admin)?;
        }
        Self::load(conn, user, id)
    }
}

/// The signed-in user.
#[utoipa::path(
    get, path = "/api/v1/me",
    responses(
        (status = 200, description = "The signed-in user", body = User),
    )
)]
pub async fn me(state: web::Data<AppState>, user: CurrentUser) -> ApiResult<HttpResponse> {
    let row = state
        .db
        .read(move |conn| repo::find(conn, user.id))
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
    let user = row.to_api()?;
    Ok(versioned(StatusCode::OK, &user, user.version))
}

/// Create an account (admins).
#[utoipa::path(
    post, path = "/api/v1/users",
    request_body = CreateUser,
    responses(
        (status = 201, description = "Created", body = User),
        (status = 409, description = "E-mail already used", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "Invalid fields (password under 12 characters or common, bad e-mail...)", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    actor: Admin,
    body: Json<CreateUser>,
) -> ApiResult<HttpResponse> {
    let mut input = body.0;
    refuse_common(&input.password)?;
    // Moved out rather than copied: the hasher takes the only plaintext.
    let password = std::mem::take(&mut input.password);
    let password_hash = state.auth.hasher.hash(password).await?;
    let new = NewUser::active(input, password_hash);
    let user = state
        .db
        .write(move |conn| {
            repo::check_actor_exists(conn, new.actor_id)?;
            let insert = |conn: &mut DbConnection| repo::insert(conn, new)?.to_api();
            write::create(conn, &actor, insert, None)
        })
        .await?;
    Ok(created("/api/v1/users", &user))
}

crate::records::read_endpoint!(
    /// List accounts (admins).
    "/api/v1/users" => list(UserListQuery), caller: Admin,
    answer: ("A page of users", Page<User>),
    also: [(status = 422, description = "Invalid page or sort", body = ErrorBody)],
    read: accounts,
);

/// The page of accounts the query asks for, in its order.
fn accounts(
    conn: &mut DbConnection,
    _: &CurrentUser,
    query: UserListQuery,
) -> ApiResult<Page<User>> {
    let (page, sort) = list_request(&query, "email", repo::SORTABLE)?;
    let filter = UserFilter {
        text: query
            .q
            .filter(|q| !q.trim().is_empty())
            .map(|q| q.trim().to_owned()),
        role: query.role,
        active: query.active,
    };
    let (rows, total) = repo::list(conn, &filter, &sort, page)?;
    Ok(Page {
        items: rows
            .iter()
            .map(repo::UserRow::to_api)
            .collect::<ApiResult<_>>()?,
        total,
        page: page.page,
        per_page: page.per_page,
    })
}

write::get_endpoint!(
    /// One account (admins, or the user themself).
    "/api/v1/users/{id}" => get(User), at: UserId,
    caller: CurrentUser, answer: "The user; `ETag` holds its version",
);

write::update_endpoint!(
    /// Change a user's name, role or active flag (admins). Needs `If-Match`.
    patch "/api/v1/users/{id}" => update(User), at: UserId,
    caller: Admin, body: UpdateUser,
    also: [
        (status = 409, description = "Would leave no active admin", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ],
);

impl write::Changeable for User {
    type Change = UpdateUser;

    fn apply(
        conn: &mut DbConnection,
        before: &Self,
        expected: i64,
        changes: UpdateUser,
    ) -> ApiResult<usize> {
        let next = UserChanges {
            display_name: changes
                .display_name
                .unwrap_or_else(|| before.display_name.clone()),
            role: changes.role.unwrap_or(before.role),
            active: changes.active.unwrap_or(before.active),
            actor_id: shared::patch::apply(&before.actor_id, &changes.actor_id),
        };
        if let Some(problem) = shared::users::check_actor(next.role, next.actor_id) {
            return Err(ApiError::validation(vec![problem]));
        }
        repo::check_actor_exists(conn, next.actor_id)?;
        let stays_admin = next.role == Role::Admin && next.active;
        if before.role == Role::Admin
            && before.active
            && !stays_admin
            && repo::count_active_admins(conn)? <= 1
        {
            return Err(ApiError::conflict(
                "this is the last active admin; make another admin first",
            ));
        }
        let deactivated = before.active && !next.active;
        let changed = repo::update(conn, before.id, expected, next)?;
        if deactivated && changed > 0 {
            repo::revoke_sessions(conn, before.id)?;
        }
        Ok(changed)
    }
}

/// Set a new password for a user (admins). Ends the user's sessions.
#[utoipa::path(
    post, path = "/api/v1/users/{id}/password",
    request_body = ResetPassword,
    responses(
        (status = 204, description = "Password replaced"),
        (status = 422, description = "Password too short or common", body = ErrorBody),
    )
)]
pub async fn reset_password(
    state: web::Data<AppState>,
    actor: Admin,
    id: web::Path<UserId>,
    body: Json<ResetPassword>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let password = body.0.password;
    refuse_common(&password)?;
    let hash = state.auth.hasher.hash(password).await?;
    state
        .db
        .write(move |conn| {
            repo::find(conn, id)?.ok_or_else(|| ApiError::not_found("user"))?;
            repo::set_password(conn, id, &hash)?;
            audit::record(
                conn,
                Change::new(&actor, ENTITY, id, "reset_password"),
                None::<&()>,
                None::<&()>,
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Active staff members, to choose a project's lead and team.
#[utoipa::path(
    get, path = "/api/v1/staff",
    responses(
        (status = 200, description = "Active staff, by name", body = Vec<StaffMember>),
    )
)]
pub async fn staff(
    state: web::Data<AppState>,
    _actor: Staff,
) -> ApiResult<web::Json<Vec<StaffMember>>> {
    let members = state.db.read(repo::active_staff).await?;
    Ok(web::Json(members))
}
