//! The one path every versioned change takes, inside the caller's
//! transaction: the version the client last read (`If-Match`) is checked,
//! the change is applied only to that version (so two concurrent writers
//! cannot both win), the record is read back, and the audit entry and the
//! webhook event are written with it. Handlers and the CSV import alike
//! go through here, so none of these steps can be forgotten or drift.

use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::IfMatch;
use crate::records::versioned;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use serde::Serialize;
use shared::webhooks::WebhookEvent;
use std::fmt::Display;

/// A record kept with a version number, as the API answers it.
pub trait Versioned: Serialize {
    /// Its name in the audit log.
    const ENTITY: &'static str;
    fn key(&self) -> impl Display;
    fn version(&self) -> i64;

    /// What a change from `before` to `after` is called in the audit log,
    /// and the event it sends, if any. Most changes are plain updates.
    fn effect(_before: &Self, _after: &Self) -> Effect {
        Effect::update()
    }

    /// Personal data (a contact person's details) stays out of the audit
    /// trail, which keeps only the record's id and version.
    const PERSONAL_DATA: bool = false;
}

/// A versioned record as its own path addresses it
/// (`/projects/{id}/milestones/{milestone_id}`…): how it is read for the
/// caller, who may only reach what they may see ([`Deletable`] says how it
/// is removed, for the records that can be).
pub trait Addressed: Versioned + Send + Sized + 'static {
    /// The path's parameters, parent first.
    type Address: Copy + Send + 'static;

    fn load(conn: &mut DbConnection, user: &CurrentUser, at: Self::Address) -> ApiResult<Self>;

    /// The record as a `GET` of its path answers it to the caller: as it
    /// is loaded for a change, unless some callers may read it and not
    /// change it (a partner on a project shared with them), or see only
    /// part of it.
    fn read(conn: &mut DbConnection, user: &CurrentUser, at: Self::Address) -> ApiResult<Self> {
        Self::load(conn, user, at)
    }
}

/// A `GET` of an addressed record: [`Addressed::read`], answered with its
/// version as `ETag`.
pub async fn get_at<R: Addressed>(
    state: &AppState,
    user: CurrentUser,
    at: R::Address,
) -> ApiResult<HttpResponse> {
    let record = state.db.read(move |conn| R::read(conn, &user, at)).await?;
    Ok(versioned(StatusCode::OK, &record, record.version()))
}

/// Declares the endpoint that reads an addressed record, named `handler`:
/// [`get_at`], 200 with the record and its `ETag`, described as `answer`.
/// The doc comment is the operation's description.
macro_rules! get_endpoint {
    (
        $(#[doc = $doc:literal])*
        $path:literal => $handler:ident($record:ty), at: $address:ty,
        caller: $caller:ty, answer: $answer:literal $(,)?
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            get, path = $path,
            responses((status = 200, description = $answer, body = $record))
        )]
        pub async fn $handler(
            state: actix_web::web::Data<crate::state::AppState>,
            user: $caller,
            path: actix_web::web::Path<$address>,
        ) -> crate::error::ApiResult<actix_web::HttpResponse> {
            crate::records::write::get_at::<$record>(&state, user.into(), path.into_inner()).await
        }
    };
}
pub(crate) use get_endpoint;

/// A record added under the record its path names
/// (`POST /projects/{id}/milestones`).
pub trait Creatable: Versioned + Send + Sized + 'static {
    /// The path's parameter: the record it is added to.
    type Parent: Copy + Display + Send + 'static;
    /// What the request's body holds.
    type New: Send + 'static;

    /// Checks, before anything is read, that the caller may add to what
    /// the path names, and keeps of the input what the caller may set.
    /// Most records leave it to the endpoint's role.
    fn admit(_user: &CurrentUser, _parent: Self::Parent, new: Self::New) -> ApiResult<Self::New> {
        Ok(new)
    }

    /// Checks the input against the parent as it is (404 when it is
    /// gone), writes the row at version 1 and answers the record as read
    /// back.
    fn insert(
        conn: &mut DbConnection,
        user: &CurrentUser,
        parent: Self::Parent,
        new: Self::New,
    ) -> ApiResult<Self>;

    /// What the new record sets off once recorded, in the same
    /// transaction (a notification); most set off nothing.
    fn created(_conn: &mut DbConnection, _user: &CurrentUser, _record: &Self) -> ApiResult<()> {
        Ok(())
    }
}

/// A `POST` adding a record under `parent`: [`Creatable::admit`], then
/// [`create`] with [`Creatable::insert`]; answers 201 with the record,
/// `Location` in `collection`.
pub async fn create_in<R: Creatable>(
    state: &AppState,
    user: CurrentUser,
    parent: R::Parent,
    new: R::New,
    collection: String,
) -> ApiResult<HttpResponse> {
    let new = R::admit(&user, parent, new)?;
    let record = state
        .db
        .write(move |conn| {
            let insert = |conn: &mut DbConnection| R::insert(conn, &user, parent, new);
            let record = create(conn, &user, insert, None)?;
            R::created(conn, &user, &record)?;
            Ok(record)
        })
        .await?;
    Ok(crate::records::created(&collection, &record))
}

/// Declares the endpoint that adds a record under its parent's path
/// (`post`), named `handler`: the body taken as the record's
/// [`Creatable::New`] through [`create_in`], 201 with the record
/// (described as `answer`, `Created` unless named). The doc comment is the
/// operation's description; `also` lists the answers particular to it.
macro_rules! create_endpoint {
    (
        $(#[doc = $doc:literal])*
        $path:literal => $handler:ident($record:ty), caller: $caller:ty, body: $body:ty,
        answer: $answer:literal $(, also: [$($also:tt)*])? $(,)?
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            post, path = $path,
            request_body = $body,
            responses(
                (status = 201, description = $answer, body = $record),
                $($($also)*)?
            )
        )]
        pub async fn $handler(
            state: actix_web::web::Data<crate::state::AppState>,
            user: $caller,
            path: actix_web::web::Path<<$record as crate::records::write::Creatable>::Parent>,
            body: crate::extract::Json<$body>,
        ) -> crate::error::ApiResult<actix_web::HttpResponse> {
            let parent = path.into_inner();
            let collection = $path.replace("{id}", &parent.to_string());
            crate::records::write::create_in::<$record>(&state, user.into(), parent, body.0, collection)
                .await
        }
    };
    (
        $(#[doc = $doc:literal])*
        $path:literal => $handler:ident($record:ty), caller: $caller:ty, body: $body:ty
        $(, also: [$($also:tt)*])? $(,)?
    ) => {
        crate::records::write::create_endpoint!(
            $(#[doc = $doc])*
            $path => $handler($record), caller: $caller, body: $body,
            answer: "Created" $(, also: [$($also)*])?
        );
    };
}
pub(crate) use create_endpoint;

/// An addressed record that can be deleted.
pub trait Deletable: Addressed {
    /// Checks, before anything is read, that the caller may remove what
    /// the path names; most records leave it to the endpoint's role.
    fn may_remove(_user: &CurrentUser, _at: Self::Address) -> ApiResult<()> {
        Ok(())
    }

    /// Deletes the record's row and whatever exists only through it.
    fn remove(conn: &mut DbConnection, record: &Self) -> ApiResult<()>;
}

/// An addressed record that can be changed (`PATCH` or `PUT`).
pub trait Changeable: Addressed {
    /// What the request's body asks to change.
    type Change: Send + 'static;

    /// Checks, before anything is read, that the caller may change what
    /// the path names, and keeps of the change what the caller may set.
    /// Most records leave it to the endpoint's role.
    fn admit(
        _user: &CurrentUser,
        _at: Self::Address,
        change: Self::Change,
    ) -> ApiResult<Self::Change> {
        Ok(change)
    }

    /// Checks the change against the record as it is and writes it,
    /// guarded by `expected` ([`guarded_update!`]); answers the rows
    /// changed (none: someone else got there first, 412).
    fn apply(
        conn: &mut DbConnection,
        before: &Self,
        expected: i64,
        change: Self::Change,
    ) -> ApiResult<usize>;
}

/// A `PATCH` or `PUT` of an addressed record: [`Changeable::admit`],
/// `If-Match` required, then [`update`] with [`Changeable::apply`];
/// answers the record as changed, with its new `ETag`.
pub async fn change_at<R: Changeable>(
    state: &AppState,
    user: CurrentUser,
    at: R::Address,
    if_match: IfMatch,
    change: R::Change,
) -> ApiResult<HttpResponse> {
    let change = R::admit(&user, at, change)?;
    if_match.required()?;
    let record = state
        .db
        .write(move |conn| {
            let load = |conn: &mut DbConnection| R::load(conn, &user, at);
            let apply = |conn: &mut DbConnection, before: &R, expected| {
                R::apply(conn, before, expected, change)
            };
            update(conn, &user, &if_match, load, apply)
        })
        .await?;
    Ok(versioned(StatusCode::OK, &record, record.version()))
}

/// Declares the endpoint that changes an addressed record (`patch` or
/// `put`), named `handler`: `If-Match` required, the body taken as the
/// record's [`Changeable::Change`] through [`change_at`], 200 with the
/// record as changed. The doc comment is the operation's description;
/// `also` lists the answers particular to it.
macro_rules! update_endpoint {
    (
        $(#[doc = $doc:literal])*
        $method:ident $path:literal => $handler:ident($record:ty), at: $address:ty,
        caller: $caller:ty, body: $body:ty $(, also: [$($also:tt)*])? $(,)?
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            $method, path = $path,
            params(crate::extract::IfMatch),
            request_body = $body,
            responses(
                (status = 200, description = "Updated", body = $record),
                $($($also)*)?
            )
        )]
        pub async fn $handler(
            state: actix_web::web::Data<crate::state::AppState>,
            user: $caller,
            path: actix_web::web::Path<$address>,
            if_match: crate::extract::IfMatch,
            body: crate::extract::Json<$body>,
        ) -> crate::error::ApiResult<actix_web::HttpResponse> {
            let at = path.into_inner();
            crate::records::write::change_at::<$record>(&state, user.into(), at, if_match, body.0)
                .await
        }
    };
}
pub(crate) use update_endpoint;

/// A `DELETE` of an addressed record: [`Deletable::may_remove`], `If-Match`
/// required, then [`delete`].
pub async fn delete_at<R: Deletable>(
    state: &AppState,
    user: CurrentUser,
    at: R::Address,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    R::may_remove(&user, at)?;
    if_match.required()?;
    state
        .db
        .write(move |conn| {
            let load = |conn: &mut DbConnection| R::load(conn, &user, at);
            delete(conn, &user, &if_match, load, R::remove)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Declares the `DELETE` endpoint of an addressed record, named `delete`:
/// `If-Match` required, the record removed through [`delete_at`], 204. The
/// doc comment is the operation's description; `also` lists the answers
/// particular to it. The endpoint table names it like any handler.
macro_rules! delete_endpoint {
    (
        $(#[doc = $doc:literal])*
        $path:literal => $record:ty, at: $address:ty, caller: $caller:ty
        $(, also: [$($also:tt)*])? $(,)?
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            delete, path = $path,
            params(crate::extract::IfMatch),
            responses((status = 204, description = "Deleted"), $($($also)*)?)
        )]
        pub async fn delete(
            state: actix_web::web::Data<crate::state::AppState>,
            user: $caller,
            path: actix_web::web::Path<$address>,
            if_match: crate::extract::IfMatch,
        ) -> crate::error::ApiResult<actix_web::HttpResponse> {
            crate::records::write::delete_at::<$record>(&state, user.into(), path.into_inner(), if_match)
                .await
        }
    };
}
pub(crate) use delete_endpoint;

/// `UPDATE table SET changes WHERE id = id AND version = expected`, the
/// guarded write [`update`]'s `apply` makes; answers the rows changed.
macro_rules! guarded_update {
    ($conn:expr, $table:ident, $id:expr, $expected:expr, $changes:expr) => {
        diesel::update(
            $table::table
                .find($id)
                .filter($table::version.eq($expected)),
        )
        .set($changes)
        .execute($conn)
        .map_err(crate::error::ApiError::from)
    };
}
pub(crate) use guarded_update;

/// `key` and `version` of a record whose fields are `id` and `version`,
/// as every versioned record of the API's is.
macro_rules! id_and_version {
    () => {
        fn key(&self) -> impl std::fmt::Display {
            self.id
        }

        fn version(&self) -> i64 {
            self.version
        }
    };
}
pub(crate) use id_and_version;

/// `Versioned` for a record whose fields are `id` and `version`, recorded
/// in the audit log under `entity`, each change a plain update.
macro_rules! versioned_record {
    ($record:ty, $entity:expr) => {
        impl crate::records::write::Versioned for $record {
            const ENTITY: &'static str = $entity;

            crate::records::write::id_and_version!();
        }
    };
}
pub(crate) use versioned_record;

/// How a change is recorded: its audit action and its webhook event.
pub struct Effect {
    pub action: &'static str,
    pub event: Option<(WebhookEvent, serde_json::Value)>,
}

impl Effect {
    pub fn update() -> Self {
        Effect {
            action: "update",
            event: None,
        }
    }

    pub fn with_event(action: &'static str, event: WebhookEvent, data: serde_json::Value) -> Self {
        Effect {
            action,
            event: Some((event, data)),
        }
    }
}

fn record_effect<R: Versioned>(
    conn: &mut DbConnection,
    user: &CurrentUser,
    key: impl Display,
    effect: Effect,
    before: Option<&R>,
    after: Option<&R>,
) -> ApiResult<()> {
    if let Some((event, data)) = &effect.event {
        crate::webhooks::emit(conn, *event, data)?;
    }
    audit::record(
        conn,
        Change::new(user, R::ENTITY, key, effect.action),
        before.map(audited).transpose()?.as_ref(),
        after.map(audited).transpose()?.as_ref(),
    )
}

/// What the audit trail keeps of a record's state (its id is the entry's
/// own `entity_id`).
fn audited<R: Versioned>(record: &R) -> ApiResult<serde_json::Value> {
    if R::PERSONAL_DATA {
        Ok(serde_json::json!({ "version": record.version() }))
    } else {
        serde_json::to_value(record).map_err(ApiError::internal)
    }
}

/// Records a creation: `insert` writes the row and answers the record as
/// read back; the audit entry (and `event`, if given) follow.
pub fn create<R: Versioned>(
    conn: &mut DbConnection,
    user: &CurrentUser,
    insert: impl FnOnce(&mut DbConnection) -> ApiResult<R>,
    event: Option<(WebhookEvent, serde_json::Value)>,
) -> ApiResult<R> {
    let created = insert(conn)?;
    let effect = Effect {
        action: "create",
        event,
    };
    record_effect(conn, user, created.key(), effect, None, Some(&created))?;
    Ok(created)
}

/// Changes the record `load` reads, if the client saw its current version.
/// `apply` writes the change guarded by that version (`… WHERE version =
/// expected`, setting `expected + 1`) and answers how many rows it
/// changed: none means someone else got there first (412).
pub fn update<R: Versioned>(
    conn: &mut DbConnection,
    user: &CurrentUser,
    if_match: &IfMatch,
    load: impl Fn(&mut DbConnection) -> ApiResult<R>,
    apply: impl FnOnce(&mut DbConnection, &R, i64) -> ApiResult<usize>,
) -> ApiResult<R> {
    update_as(conn, user, Seen::Required(if_match), load, apply, R::effect)
}

/// What a change is checked against before it is applied.
pub enum Seen<'a> {
    /// The version the client read: `If-Match` must be sent (428).
    Required(&'a IfMatch),
    /// Compared when sent: a change checked by its own rule otherwise (a
    /// lifecycle move, against the phase it leaves).
    IfSent(&'a IfMatch),
}

/// [`update`], with the precondition and the effect (audit action and
/// event) named by the caller.
pub fn update_as<R: Versioned>(
    conn: &mut DbConnection,
    user: &CurrentUser,
    seen: Seen<'_>,
    load: impl Fn(&mut DbConnection) -> ApiResult<R>,
    apply: impl FnOnce(&mut DbConnection, &R, i64) -> ApiResult<usize>,
    effect: impl FnOnce(&R, &R) -> Effect,
) -> ApiResult<R> {
    let before = load(conn)?;
    match seen {
        Seen::Required(if_match) => if_match.check(before.version())?,
        Seen::IfSent(if_match) if if_match.0.is_some() => if_match.check(before.version())?,
        Seen::IfSent(_) => {}
    }
    let expected = before.version();
    if apply(conn, &before, expected)? == 0 {
        return Err(ApiError::version_mismatch(load(conn)?.version()));
    }
    let after = load(conn)?;
    let effect = effect(&before, &after);
    record_effect(conn, user, after.key(), effect, Some(&before), Some(&after))?;
    Ok(after)
}

/// Deletes the record `load` reads, if the client saw its current version.
pub fn delete<R: Versioned>(
    conn: &mut DbConnection,
    user: &CurrentUser,
    if_match: &IfMatch,
    load: impl FnOnce(&mut DbConnection) -> ApiResult<R>,
    remove: impl FnOnce(&mut DbConnection, &R) -> ApiResult<()>,
) -> ApiResult<R> {
    let before = load(conn)?;
    if_match.check(before.version())?;
    remove(conn, &before)?;
    let effect = Effect {
        action: "delete",
        event: None,
    };
    record_effect(conn, user, before.key(), effect, Some(&before), None)?;
    Ok(before)
}
