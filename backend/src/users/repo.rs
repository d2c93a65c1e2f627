//! User rows and their queries.

use crate::db::schema::{actors, refresh_tokens, users};
use crate::db::{lower, DbConnection};
use crate::error::{ApiError, ApiResult};
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use shared::auth::Role;
use shared::ids::ActorId;
use shared::pagination::{PageParams, SortSpec};
use shared::users::{CreateUser, User};
use shared::validation::normalize_email;
use shared::UserId;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
    pub actor_id: Option<ActorId>,
}

impl UserRow {
    /// What an access token issued to this account vouches for.
    pub fn bearer(&self) -> crate::auth::tokens::Bearer {
        crate::auth::tokens::Bearer {
            id: self.id,
            role: self.role,
            actor_id: self.actor_id,
        }
    }

    /// What the API shows: never the password hash.
    pub fn to_api(&self) -> ApiResult<User> {
        Ok(User {
            id: self.id,
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
            actor_id: self.actor_id,
            active: self.active,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
            version: self.version,
        })
    }
}

pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    pub actor_id: Option<ActorId>,
    /// Invited accounts stay inactive until their password is set.
    pub active: bool,
}

impl NewUser {
    /// An account created active (by an admin, or on the command line),
    /// as `input` asks for it, with its password's hash.
    pub fn active(input: CreateUser, password_hash: String) -> Self {
        NewUser {
            email: normalize_email(&input.email),
            display_name: input.display_name,
            role: input.role,
            password_hash,
            actor_id: input.actor_id,
            active: true,
        }
    }
}

/// 422 on `actor_id` unless it names an existing actor.
pub fn check_actor_exists(conn: &mut DbConnection, actor: Option<ActorId>) -> ApiResult<()> {
    let Some(actor) = actor else {
        return Ok(());
    };
    let found: i64 = actors::table
        .filter(actors::id.eq(actor))
        .count()
        .get_result(conn)?;
    if found == 0 {
        return Err(ApiError::field(
            "actor_id",
            "not_found",
            "no actor has this id",
        ));
    }
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: UserId) -> ApiResult<Option<UserRow>> {
    Ok(users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

/// What an access token for the account would vouch for now, if it is
/// active: checked on every signed-in request, so it reads only the role
/// and organisation (never the password hash).
pub fn standing(
    conn: &mut DbConnection,
    id: UserId,
) -> ApiResult<Option<crate::auth::tokens::Bearer>> {
    let found: Option<(Role, Option<ActorId>)> = users::table
        .filter(users::id.eq(id))
        .filter(users::active.eq(true))
        .select((users::role, users::actor_id))
        .first(conn)
        .optional()?;
    Ok(found.map(|(role, actor_id)| crate::auth::tokens::Bearer { id, role, actor_id }))
}

pub fn find_by_email(
    conn: &mut DbConnection,
    normalized_email: &str,
) -> ApiResult<Option<UserRow>> {
    Ok(users::table
        .filter(users::email.eq(normalized_email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn insert(conn: &mut DbConnection, new: NewUser) -> ApiResult<UserRow> {
    let now = Utc::now().naive_utc();
    diesel::insert_into(users::table)
        .values((
            users::email.eq(&new.email),
            users::display_name.eq(new.display_name.trim()),
            users::role.eq(new.role),
            users::password_hash.eq(&new.password_hash),
            users::active.eq(new.active),
            users::actor_id.eq(new.actor_id),
            users::created_at.eq(now),
            users::updated_at.eq(now),
            users::version.eq(1_i64),
        ))
        .returning(users::all_columns)
        .get_result::<UserRow>(conn)
        .map_err(|error| match error {
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                ApiError::already_exists("email", "a user with this e-mail address already exists")
            }
            other => other.into(),
        })
}

#[derive(Debug, Default)]
pub struct UserFilter {
    pub text: Option<String>,
    pub role: Option<Role>,
    pub active: Option<bool>,
}

pub const SORTABLE: &[&str] = &["email", "display_name", "role", "created_at"];

pub fn list(
    conn: &mut DbConnection,
    filter: &UserFilter,
    sort: &SortSpec,
    page: PageParams,
) -> ApiResult<(Vec<UserRow>, u64)> {
    let filtered = || {
        let mut query = users::table.into_boxed();
        if let Some(text) = &filter.text {
            let pattern = format!(
                "%{}%",
                text.to_lowercase().replace('%', "\\%").replace('_', "\\_")
            );
            query = query.filter(
                users::email
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(users::display_name).like(pattern).escape('\\')),
            );
        }
        if let Some(role) = filter.role {
            query = query.filter(users::role.eq(role));
        }
        if let Some(active) = filter.active {
            query = query.filter(users::active.eq(active));
        }
        query
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let mut query = filtered().select(UserRow::as_select());
    query = match (sort.field.as_str(), sort.descending) {
        ("display_name", false) => query.order((users::display_name.asc(), users::id.asc())),
        ("display_name", true) => query.order((users::display_name.desc(), users::id.desc())),
        ("role", false) => query.order((users::role.asc(), users::id.asc())),
        ("role", true) => query.order((users::role.desc(), users::id.desc())),
        ("created_at", false) => query.order((users::created_at.asc(), users::id.asc())),
        ("created_at", true) => query.order((users::created_at.desc(), users::id.desc())),
        (_, false) => query.order(users::email.asc()),
        (_, true) => query.order(users::email.desc()),
    };
    let rows = query.offset(page.offset()).limit(page.limit()).load(conn)?;
    Ok((rows, u64::try_from(total).unwrap_or_default()))
}

pub struct UserChanges {
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub actor_id: Option<ActorId>,
}

/// Writes the changes only if the row is still at `expected_version`; the
/// version check and the write are one statement, so two concurrent
/// editors cannot both win.
/// Writes an account's new values if it is still at `expected` (the
/// write service's guarded update): answers the rows changed.
pub fn update(
    conn: &mut DbConnection,
    id: UserId,
    expected: i64,
    changes: UserChanges,
) -> ApiResult<usize> {
    let values = (
        users::display_name.eq(changes.display_name.trim().to_owned()),
        users::role.eq(changes.role),
        users::active.eq(changes.active),
        users::actor_id.eq(changes.actor_id),
        users::updated_at.eq(Utc::now().naive_utc()),
        users::version.eq(expected + 1),
    );
    crate::records::write::guarded_update!(conn, users, id, expected, values)
}

pub fn set_password(conn: &mut DbConnection, id: UserId, password_hash: &str) -> ApiResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(password_hash),
            users::updated_at.eq(Utc::now().naive_utc()),
            users::version.eq(users::version + 1_i64),
        ))
        .execute(conn)?;
    revoke_sessions(conn, id)
}

/// Ends every session of a user (password reset, deactivation).
pub fn revoke_sessions(conn: &mut DbConnection, id: UserId) -> ApiResult<()> {
    diesel::update(refresh_tokens::table)
        .filter(refresh_tokens::user_id.eq(id))
        .filter(refresh_tokens::revoked_at.is_null())
        .set(refresh_tokens::revoked_at.eq(Utc::now().naive_utc()))
        .execute(conn)?;
    Ok(())
}

pub fn count_active_admins(conn: &mut DbConnection) -> ApiResult<i64> {
    Ok(users::table
        .filter(users::role.eq(Role::Admin))
        .filter(users::active.eq(true))
        .count()
        .get_result(conn)?)
}

pub fn active_staff(conn: &mut DbConnection) -> ApiResult<Vec<shared::users::StaffMember>> {
    let rows: Vec<(UserId, String, Role)> = users::table
        .filter(users::active.eq(true))
        .filter(users::role.ne(Role::Partner))
        .order((users::display_name.asc(), users::id.asc()))
        .select((users::id, users::display_name, users::role))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, display_name, role)| shared::users::StaffMember {
            id,
            display_name,
            role,
        })
        .collect())
}
