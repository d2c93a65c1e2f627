//! Actor rows and queries.

use crate::db::schema::{actor_contacts, actors, funding_lines, participants, projects};
use crate::db::{lower, DbConnection};
use crate::error::{ApiError, ApiResult};
use crate::records::{contains_pattern, from_json_list, json_element_pattern, now, to_json_list};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use shared::actors::{Actor, ActorFields, ActorKind, ActorProject, Contact, ContactInput};
use shared::ids::{ActorId, ContactId, ProjectId};
use shared::lifecycle::Phase;
use shared::pagination::{PageParams, SortSpec};
use shared::participants::ParticipantRole;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Queryable)]
pub struct ActorRow {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    pub siret: Option<String>,
    pub siren: Option<String>,
    pub sector: Option<String>,
    pub address: Option<String>,
    pub commune_insee: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub tags: String,
    pub notes: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

impl ActorRow {
    pub fn to_api(self) -> ApiResult<Actor> {
        Ok(Actor {
            id: self.id,
            name: self.name,
            kind: self.kind,
            siret: self.siret,
            siren: self.siren,
            sector: self.sector,
            address: self.address,
            commune_insee: self.commune_insee,
            website: self.website,
            email: self.email,
            phone: self.phone,
            tags: from_json_list(&self.tags)?,
            notes: self.notes,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
            version: self.version,
        })
    }
}

pub fn find(conn: &mut DbConnection, id: ActorId) -> ApiResult<Option<Actor>> {
    actors::table
        .find(id)
        .select(actors::all_columns)
        .first::<ActorRow>(conn)
        .optional()?
        .map(ActorRow::to_api)
        .transpose()
}

pub fn get(conn: &mut DbConnection, id: ActorId) -> ApiResult<Actor> {
    find(conn, id)?.ok_or_else(|| ApiError::not_found("actor"))
}

/// The actor holding this SIRET (14 digits), if any.
pub fn find_by_siret(conn: &mut DbConnection, siret: &str) -> ApiResult<Option<Actor>> {
    let id: Option<ActorId> = actors::table
        .filter(actors::siret.eq(siret))
        .select(actors::id)
        .first(conn)
        .optional()?;
    id.map(|id| get(conn, id)).transpose()
}

/// The actors without a SIRET whose name is this one, letter case aside.
pub fn without_siret_named(conn: &mut DbConnection, name: &str) -> ApiResult<Vec<Actor>> {
    let rows: Vec<ActorRow> = actors::table
        .filter(actors::siret.is_null())
        // Both sides through the database's own `lower`, so they fold alike.
        .filter(lower(actors::name).eq(lower(name.trim())))
        .order(actors::id.asc())
        .select(actors::all_columns)
        .load(conn)?;
    rows.into_iter().map(ActorRow::to_api).collect()
}

/// The actors of this name, letter case aside, oldest first.
pub fn named(conn: &mut DbConnection, name: &str) -> ApiResult<Vec<Actor>> {
    let rows: Vec<ActorRow> = actors::table
        .filter(lower(actors::name).eq(lower(name.trim())))
        .order(actors::id.asc())
        .select(actors::all_columns)
        .load(conn)?;
    rows.into_iter().map(ActorRow::to_api).collect()
}

/// 409 naming the actor that already holds this SIRET.
fn ensure_siret_free(
    conn: &mut DbConnection,
    siret: Option<&str>,
    except: Option<ActorId>,
) -> ApiResult<()> {
    let Some(siret) = siret else { return Ok(()) };
    let holder: Option<(ActorId, String)> = actors::table
        .filter(actors::siret.eq(siret))
        .select((actors::id, actors::name))
        .first(conn)
        .optional()?;
    match holder {
        Some((id, name)) if Some(id) != except => Err(siret_taken(id, &name)),
        _ => Ok(()),
    }
}

fn siret_taken(id: ActorId, name: &str) -> ApiError {
    ApiError::already_exists(
        "siret",
        format!("this SIRET is already used by actor {id} ({name})"),
    )
}

fn map_unique(error: DieselError) -> ApiError {
    match error {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            ApiError::already_exists("siret", "this SIRET is already used by another actor")
        }
        other => other.into(),
    }
}

/// What a creation or a change writes.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = actors, treat_none_as_null = true)]
struct ActorValues<'a> {
    name: &'a str,
    kind: ActorKind,
    siret: Option<&'a str>,
    siren: Option<String>,
    sector: Option<&'a str>,
    address: Option<&'a str>,
    commune_insee: Option<&'a str>,
    website: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    tags: String,
    notes: Option<&'a str>,
    updated_at: NaiveDateTime,
    version: i64,
}

impl<'a> ActorValues<'a> {
    fn new(fields: &'a ActorFields, version: i64, at: NaiveDateTime) -> ApiResult<Self> {
        Ok(ActorValues {
            name: &fields.name,
            kind: fields.kind,
            siret: fields.siret.as_deref(),
            siren: fields.siren(),
            sector: fields.sector.as_deref(),
            address: fields.address.as_deref(),
            commune_insee: fields.commune_insee.as_deref(),
            website: fields.website.as_deref(),
            email: fields.email.as_deref(),
            phone: fields.phone.as_deref(),
            tags: to_json_list(&fields.tags)?,
            notes: fields.notes.as_deref(),
            updated_at: at,
            version,
        })
    }
}

pub fn insert(conn: &mut DbConnection, fields: &ActorFields) -> ApiResult<Actor> {
    ensure_siret_free(conn, fields.siret.as_deref(), None)?;
    let now = now();
    diesel::insert_into(actors::table)
        .values((
            ActorValues::new(fields, 1, now)?,
            actors::created_at.eq(now),
        ))
        .returning(actors::all_columns)
        .get_result::<ActorRow>(conn)
        .map_err(map_unique)?
        .to_api()
}

/// Writes the new values if the record is still at `expected` (the write
/// service's guarded update): answers the rows changed.
pub fn update(
    conn: &mut DbConnection,
    id: ActorId,
    expected: i64,
    fields: &ActorFields,
) -> ApiResult<usize> {
    ensure_siret_free(conn, fields.siret.as_deref(), Some(id))?;
    diesel::update(actors::table.find(id).filter(actors::version.eq(expected)))
        .set(ActorValues::new(fields, expected + 1, now())?)
        .execute(conn)
        .map_err(map_unique)
}

/// Deletes an actor that takes part in no project and funds nothing.
pub fn delete(conn: &mut DbConnection, id: ActorId) -> ApiResult<()> {
    let roles: i64 = participants::table
        .filter(participants::actor_id.eq(id))
        .count()
        .get_result(conn)?;
    let lines: i64 = funding_lines::table
        .filter(funding_lines::funder_id.eq(id))
        .count()
        .get_result(conn)?;
    if roles > 0 || lines > 0 {
        return Err(ApiError::conflict(format!(
            "this actor holds {roles} project role(s) and {lines} funding line(s); remove them first"
        )));
    }
    diesel::delete(actors::table.find(id)).execute(conn)?;
    Ok(())
}

#[derive(Debug, Default, Clone)]
pub struct ActorFilter {
    pub text: Option<String>,
    pub kind: Option<ActorKind>,
    pub commune_insee: Option<String>,
    pub tag: Option<String>,
    /// Only this actor (a partner's own organisation).
    pub only: Option<ActorId>,
}

pub const SORTABLE: &[&str] = &["name", "kind", "commune_insee", "created_at", "updated_at"];

/// A page of the actors matching the filter, or all of them (`None`, for
/// exports), with their count.
pub fn list(
    conn: &mut DbConnection,
    filter: &ActorFilter,
    sort: &SortSpec,
    page: Option<PageParams>,
) -> ApiResult<(Vec<Actor>, i64)> {
    let filtered = || {
        let mut query = actors::table.into_boxed();
        if let Some(text) = &filter.text {
            let pattern = contains_pattern(text);
            query = query.filter(
                lower(actors::name)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(actors::siret.like(pattern.clone()).escape('\\'))
                    .or(lower(actors::sector.assume_not_null())
                        .like(pattern.clone())
                        .escape('\\'))
                    .or(lower(actors::tags).like(pattern).escape('\\')),
            );
        }
        if let Some(only) = filter.only {
            query = query.filter(actors::id.eq(only));
        }
        if let Some(kind) = filter.kind {
            query = query.filter(actors::kind.eq(kind));
        }
        if let Some(commune) = &filter.commune_insee {
            query = query.filter(actors::commune_insee.eq(commune.clone()));
        }
        if let Some(tag) = &filter.tag {
            query = query.filter(actors::tags.like(json_element_pattern(tag)).escape('\\'));
        }
        query
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let query = filtered().select(actors::all_columns);
    let query = match (sort.field.as_str(), sort.descending) {
        ("kind", false) => query.order((actors::kind.asc(), actors::name.asc(), actors::id.asc())),
        ("kind", true) => query.order((actors::kind.desc(), actors::name.asc(), actors::id.asc())),
        ("commune_insee", false) => query.order((
            actors::commune_insee.asc(),
            actors::name.asc(),
            actors::id.asc(),
        )),
        ("commune_insee", true) => query.order((
            actors::commune_insee.desc(),
            actors::name.asc(),
            actors::id.asc(),
        )),
        ("created_at", false) => query.order((actors::created_at.asc(), actors::id.asc())),
        ("created_at", true) => query.order((actors::created_at.desc(), actors::id.desc())),
        ("updated_at", false) => query.order((actors::updated_at.asc(), actors::id.asc())),
        ("updated_at", true) => query.order((actors::updated_at.desc(), actors::id.desc())),
        (_, false) => query.order((actors::name.asc(), actors::id.asc())),
        (_, true) => query.order((actors::name.desc(), actors::id.desc())),
    };
    let rows: Vec<ActorRow> = match page {
        Some(page) => query.offset(page.offset()).limit(page.limit()).load(conn)?,
        None => query.load(conn)?,
    };
    let items = rows
        .into_iter()
        .map(ActorRow::to_api)
        .collect::<ApiResult<_>>()?;
    Ok((items, total))
}

/// The projects an actor takes part in, each with all its roles there.
pub fn projects_of(conn: &mut DbConnection, id: ActorId) -> ApiResult<Vec<ActorProject>> {
    let rows: Vec<(ProjectId, String, String, Phase, ParticipantRole)> = participants::table
        .inner_join(projects::table)
        .filter(participants::actor_id.eq(id))
        .order((projects::reference.asc(), participants::role.asc()))
        .select((
            projects::id,
            projects::reference,
            projects::title,
            projects::phase,
            participants::role,
        ))
        .load(conn)?;
    let mut by_project: BTreeMap<String, ActorProject> = BTreeMap::new();
    for (project_id, reference, title, phase, role) in rows {
        let entry = match by_project.entry(reference.clone()) {
            std::collections::btree_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::btree_map::Entry::Vacant(slot) => slot.insert(ActorProject {
                project_id,
                reference,
                title,
                phase,
                roles: Vec::new(),
            }),
        };
        entry.roles.push(role);
    }
    Ok(by_project.into_values().collect())
}

#[derive(Debug, Clone, Queryable)]
pub struct ContactRow {
    pub id: ContactId,
    pub actor_id: ActorId,
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

impl From<ContactRow> for Contact {
    fn from(row: ContactRow) -> Self {
        Contact {
            id: row.id,
            actor_id: row.actor_id,
            name: row.name,
            role: row.role,
            email: row.email,
            phone: row.phone,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            version: row.version,
        }
    }
}

pub fn contacts_of(conn: &mut DbConnection, actor: ActorId) -> ApiResult<Vec<Contact>> {
    let rows: Vec<ContactRow> = actor_contacts::table
        .filter(actor_contacts::actor_id.eq(actor))
        .order((actor_contacts::name.asc(), actor_contacts::id.asc()))
        .select(actor_contacts::all_columns)
        .load(conn)?;
    Ok(rows.into_iter().map(Contact::from).collect())
}

/// A contact, only through the actor it belongs to.
pub fn get_contact(conn: &mut DbConnection, actor: ActorId, id: ContactId) -> ApiResult<Contact> {
    actor_contacts::table
        .filter(actor_contacts::id.eq(id))
        .filter(actor_contacts::actor_id.eq(actor))
        .select(actor_contacts::all_columns)
        .first::<ContactRow>(conn)
        .optional()?
        .map(Contact::from)
        .ok_or_else(|| ApiError::not_found("contact"))
}

pub fn insert_contact(
    conn: &mut DbConnection,
    actor: ActorId,
    input: &ContactInput,
) -> ApiResult<Contact> {
    let now = now();
    let row: ContactRow = diesel::insert_into(actor_contacts::table)
        .values((
            actor_contacts::actor_id.eq(actor),
            actor_contacts::name.eq(&input.name),
            actor_contacts::role.eq(&input.role),
            actor_contacts::email.eq(&input.email),
            actor_contacts::phone.eq(&input.phone),
            actor_contacts::created_at.eq(now),
            actor_contacts::updated_at.eq(now),
            actor_contacts::version.eq(1_i64),
        ))
        .returning(actor_contacts::all_columns)
        .get_result(conn)?;
    Ok(row.into())
}

/// Writes a contact's new details if it is still at `expected` (the
/// write service's guarded update): answers the rows changed.
pub fn update_contact(
    conn: &mut DbConnection,
    id: ContactId,
    expected: i64,
    input: &ContactInput,
) -> ApiResult<usize> {
    let changes = (
        actor_contacts::name.eq(&input.name),
        actor_contacts::role.eq(&input.role),
        actor_contacts::email.eq(&input.email),
        actor_contacts::phone.eq(&input.phone),
        actor_contacts::updated_at.eq(now()),
        actor_contacts::version.eq(expected + 1),
    );
    crate::records::write::guarded_update!(conn, actor_contacts, id, expected, changes)
}

pub fn delete_contact(conn: &mut DbConnection, actor: ActorId, id: ContactId) -> ApiResult<()> {
    diesel::delete(
        actor_contacts::table
            .filter(actor_contacts::id.eq(id))
            .filter(actor_contacts::actor_id.eq(actor)),
    )
    .execute(conn)?;
    Ok(())
}
