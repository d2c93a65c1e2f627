//! Notifications: made when something happens (a phase changed, a partner
//! wrote, someone was named, an opportunity appeared) or by the daily
//! reminders (a date coming); one per person, object and threshold — the
//! table's unique key on `(user_id, subject_key)` makes a second one a
//! no-op, whichever instance tries. Each person's preferences say which
//! kinds they want and whether e-mail follows (`reminders` sends it).

pub mod events;
pub mod handlers;
pub mod preferences;
pub mod reminders;

use crate::db::schema::{notifications, participants, projects, users};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::records::{from_json_list, now};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use shared::auth::Role;
use shared::ids::{ProjectId, UserId};
use shared::notifications::NotificationKind;
use std::collections::BTreeSet;

/// A notification to make, the same for everyone it goes to.
#[derive(Debug, Clone)]
pub struct Notice {
    pub kind: NotificationKind,
    pub project_id: Option<ProjectId>,
    /// The object and threshold it is about (`milestone:12:7`): a person
    /// gets one notification per key, ever.
    pub subject_key: String,
    pub title: String,
    pub body: String,
    /// A path of the web app.
    pub link: String,
}

/// Makes the notice for each of `people` who wants its kind and has none
/// with its key yet. Answers how many were made.
pub fn notify(conn: &mut DbConnection, people: &[UserId], notice: &Notice) -> ApiResult<usize> {
    let mut made = 0;
    for person in people.iter().collect::<BTreeSet<_>>() {
        if !preferences::of(conn, *person)?.wants(notice.kind) {
            continue;
        }
        // In a savepoint: on PostgreSQL a refused insert would otherwise
        // abort the whole transaction.
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(notifications::table)
                .values((
                    notifications::user_id.eq(*person),
                    notifications::kind.eq(notice.kind),
                    notifications::project_id.eq(notice.project_id),
                    notifications::subject_key.eq(&notice.subject_key),
                    notifications::title.eq(&notice.title),
                    notifications::body.eq(&notice.body),
                    notifications::link.eq(&notice.link),
                    notifications::created_at.eq(now()),
                ))
                .execute(conn)
        });
        match inserted {
            Ok(_) => made += 1,
            Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {}
            Err(error) => return Err(ApiError::from(error)),
        }
    }
    Ok(made)
}

/// The project's lead and team who can still sign in.
pub fn project_people(conn: &mut DbConnection, project: ProjectId) -> ApiResult<Vec<UserId>> {
    let found: Option<(Option<UserId>, String)> = projects::table
        .find(project)
        .select((projects::lead_id, projects::team))
        .first(conn)
        .optional()?;
    let Some((lead, team)) = found else {
        return Ok(Vec::new());
    };
    let mut people: Vec<UserId> = from_json_list(&team)?;
    people.extend(lead);
    let active: Vec<UserId> = users::table
        .filter(users::id.eq_any(&people))
        .filter(users::active.eq(true))
        .select(users::id)
        .load(conn)?;
    Ok(active)
}

/// The partner accounts of the organisations a project is shared with:
/// the accounts of its participating organisations, each held to the one
/// sharing rule (`access::is_shared_with`).
pub fn project_partners(conn: &mut DbConnection, project: ProjectId) -> ApiResult<Vec<UserId>> {
    let candidates: Vec<(UserId, Option<shared::ids::ActorId>)> = users::table
        .filter(users::role.eq(Role::Partner))
        .filter(users::active.eq(true))
        .filter(
            users::actor_id.eq_any(
                participants::table
                    .filter(participants::project_id.eq(project))
                    .select(participants::actor_id.nullable()),
            ),
        )
        .select((users::id, users::actor_id))
        .load(conn)?;
    let mut shared_with = Vec::new();
    for (user, actor) in candidates {
        if let Some(actor) = actor {
            if crate::access::is_shared_with(conn, actor, project)? {
                shared_with.push(user);
            }
        }
    }
    Ok(shared_with)
}

/// The web app's page of a project.
pub fn project_link(project: ProjectId) -> String {
    format!("/projets/{project}")
}
