//! `/api/v1/notifications`: mine, newest first, and marking them read.

use crate::auth::CurrentUser;
use crate::db::schema::notifications;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::records::now;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::ids::{NotificationId, ProjectId, UserId};
use shared::notifications::{Notification, NotificationKind, NotificationList, NotificationQuery};
use shared::ErrorBody;

#[derive(Queryable, Selectable)]
#[diesel(table_name = notifications)]
pub struct Row {
    pub id: NotificationId,
    pub user_id: UserId,
    pub kind: NotificationKind,
    pub project_id: Option<ProjectId>,
    pub title: String,
    pub body: String,
    pub link: String,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}

impl From<Row> for Notification {
    fn from(row: Row) -> Self {
        Notification {
            id: row.id,
            kind: row.kind,
            project_id: row.project_id,
            title: row.title,
            body: row.body,
            link: row.link,
            created_at: row.created_at.and_utc(),
            read_at: row.read_at.map(|t| t.and_utc()),
        }
    }
}

crate::records::read_endpoint!(
    /// My notifications, newest first, with how many are unread.
    "/api/v1/notifications" => list(NotificationQuery), caller: CurrentUser,
    answer: ("A page of my notifications", NotificationList),
    also: [(status = 422, description = "Invalid page", body = ErrorBody)],
    read: mine,
);

/// The caller's page of notifications, and how many are unread.
fn mine(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: NotificationQuery,
) -> ApiResult<NotificationList> {
    let page = crate::records::page_request(&query)?;
    let only_unread = query.unread.unwrap_or(false);
    let me = user.id;
    let mine = || {
        let mut mine = notifications::table
            .filter(notifications::user_id.eq(me))
            .into_boxed();
        if only_unread {
            mine = mine.filter(notifications::read_at.is_null());
        }
        mine
    };
    let total: i64 = mine().count().get_result(conn)?;
    let unread: i64 = notifications::table
        .filter(notifications::user_id.eq(me))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)?;
    let rows: Vec<Row> = mine()
        .order(notifications::id.desc())
        .offset(page.offset())
        .limit(page.limit())
        .select(Row::as_select())
        .load(conn)?;
    Ok(NotificationList {
        items: rows.into_iter().map(Notification::from).collect(),
        unread: u64::try_from(unread).unwrap_or_default(),
        total: u64::try_from(total).unwrap_or_default(),
    })
}

/// Mark one of my notifications read (again is harmless).
#[utoipa::path(
    post, path = "/api/v1/notifications/{id}/read",
    responses(
        (status = 200, description = "Read", body = Notification),
    )
)]
pub async fn read(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<NotificationId>,
) -> ApiResult<web::Json<Notification>> {
    let id = id.into_inner();
    let me = user.id;
    let notification = state
        .db
        .write(move |conn| {
            // Someone else's notification does not exist for me.
            let mine = notifications::table
                .find(id)
                .filter(notifications::user_id.eq(me));
            let row: Row = mine
                .select(Row::as_select())
                .first(conn)
                .optional()?
                .ok_or_else(|| ApiError::not_found("notification"))?;
            if row.read_at.is_some() {
                return Ok(Notification::from(row));
            }
            diesel::update(mine)
                .set(notifications::read_at.eq(now()))
                .execute(conn)?;
            let row: Row = mine.select(Row::as_select()).first(conn)?;
            Ok(Notification::from(row))
        })
        .await?;
    Ok(web::Json(notification))
}

/// Mark all my notifications read.
#[utoipa::path(
    post, path = "/api/v1/notifications/read-all",
    responses(
        (status = 204, description = "All read"),
    )
)]
pub async fn read_all(state: web::Data<AppState>, user: CurrentUser) -> ApiResult<HttpResponse> {
    let me = user.id;
    state
        .db
        .write(move |conn| {
            diesel::update(
                notifications::table
                    .filter(notifications::user_id.eq(me))
                    .filter(notifications::read_at.is_null()),
            )
            .set(notifications::read_at.eq(now()))
            .execute(conn)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
