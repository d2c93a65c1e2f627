//! What partners may reach. A partner account belongs to one actor and sees
//! only the projects that actor takes part in whose visibility is
//! `partners` or `public`; anything else answers 404, exactly as if it did
//! not exist, so that nothing hints at hidden projects. What they see of
//! those projects is trimmed here too.

use crate::auth::CurrentUser;
use crate::db::schema::{participants, projects};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::projects::repo;
use diesel::dsl;
use diesel::prelude::*;
use shared::actors::Actor;
use shared::auth::Role;
use shared::finance::{Finance, FundingAmount};
use shared::ids::{ActorId, ProjectId};
use shared::projects::{Project, Transition, Visibility};
use std::collections::HashMap;

/// Who is reading: staff see everything, a partner what is shared with
/// their organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Staff,
    Partner(ActorId),
}

impl Reader {
    pub fn of(user: &CurrentUser) -> ApiResult<Self> {
        match (user.role, user.actor_id) {
            (Role::Partner, Some(actor)) => Ok(Reader::Partner(actor)),
            // A partner account without an organisation sees nothing.
            (Role::Partner, None) => Err(ApiError::forbidden()),
            _ => Ok(Reader::Staff),
        }
    }

    pub fn partner(self) -> Option<ActorId> {
        match self {
            Reader::Partner(actor) => Some(actor),
            Reader::Staff => None,
        }
    }
}

/// The visibilities a partner may see (`partners` and `public`).
pub const SHARED: [Visibility; 2] = [Visibility::Partners, Visibility::Public];

/// The projects shared with a partner's organisation: visible to partners
/// and with the organisation among their participants. The one filter every
/// query answering a partner applies, on `projects` or any join with it.
pub type SharedWith = dsl::And<
    dsl::EqAny<projects::visibility, [Visibility; 2]>,
    dsl::EqAny<
        projects::id,
        dsl::Select<
            dsl::Filter<participants::table, dsl::Eq<participants::actor_id, ActorId>>,
            participants::project_id,
        >,
    >,
>;

pub fn shared_with(actor: ActorId) -> SharedWith {
    projects::visibility.eq_any(SHARED).and(
        projects::id.eq_any(
            participants::table
                .filter(participants::actor_id.eq(actor))
                .select(participants::project_id),
        ),
    )
}

/// Is the project shared with this actor?
pub fn is_shared_with(
    conn: &mut DbConnection,
    actor: ActorId,
    project: ProjectId,
) -> ApiResult<bool> {
    let count: i64 = projects::table
        .filter(projects::id.eq(project))
        .filter(shared_with(actor))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Of these projects, those shared with this actor.
pub fn shared_among(
    conn: &mut DbConnection,
    actor: ActorId,
    candidates: &[ProjectId],
) -> ApiResult<std::collections::HashSet<ProjectId>> {
    let mut shared = std::collections::HashSet::new();
    for chunk in candidates.chunks(500) {
        let ids: Vec<ProjectId> = projects::table
            .filter(projects::id.eq_any(chunk))
            .filter(shared_with(actor))
            .select(projects::id)
            .load(conn)?;
        shared.extend(ids);
    }
    Ok(shared)
}

/// The reader of a project's records: 404 when the project does not exist
/// or is not shared with the partner asking.
pub fn project_reader(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project: ProjectId,
) -> ApiResult<Reader> {
    let reader = record_reader(conn, user, project)?;
    if reader == Reader::Staff {
        repo::ensure_exists(conn, project)?;
    }
    Ok(reader)
}

/// As `project_reader`, for a handler whose next step reads the project's
/// own record: that read already answers 404 to staff for a missing
/// project, so only a partner's access is checked here (one query less on
/// the most frequent read).
pub fn record_reader(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project: ProjectId,
) -> ApiResult<Reader> {
    let reader = Reader::of(user)?;
    if let Reader::Partner(actor) = reader {
        if !is_shared_with(conn, actor, project)? {
            return Err(ApiError::not_found("project"));
        }
    }
    Ok(reader)
}

/// A project as a partner sees it: no description, team, lead or tags; the
/// finance of their own funding lines only; no moves to offer.
pub fn trim_project(mut project: Project, own_lines: Vec<FundingAmount>) -> Project {
    project.description = None;
    project.lead_id = None;
    project.team = Vec::new();
    project.tags = Vec::new();
    project.finance = Finance::compute(project.total_cost_cents, own_lines);
    project.allowed_transitions = Vec::new();
    project.ap_cents = None;
    project
}

/// The phase history without the internal motivations and comments.
pub fn trim_transition(mut transition: Transition) -> Transition {
    transition.motivation = String::new();
    transition.comment = None;
    transition.user_id = None;
    transition
}

/// A partner's own funding lines on the given projects (for the finance
/// they may see).
pub fn own_funding(
    conn: &mut DbConnection,
    actor: ActorId,
    projects: &[ProjectId],
) -> ApiResult<HashMap<ProjectId, Vec<FundingAmount>>> {
    repo::funding_amounts(conn, projects, repo::FundedBy::Funder(actor))
}

/// Reading an actor's record: staff read any; a partner only their own
/// organisation (404 for the others).
pub fn actor_reader(user: &CurrentUser, actor: ActorId) -> ApiResult<Reader> {
    let reader = Reader::of(user)?;
    if reader.partner().is_some_and(|own| own != actor) {
        return Err(ApiError::not_found("actor"));
    }
    Ok(reader)
}

/// Changing an actor's record or contacts: staff who edit the portfolio,
/// or a partner on their own organisation.
pub fn actor_editor(user: &CurrentUser, actor: ActorId) -> ApiResult<Reader> {
    let reader = actor_reader(user, actor)?;
    if reader == Reader::Staff {
        user.require(Role::can_edit_portfolio)?;
    }
    Ok(reader)
}

/// An organisation's record as its partner sees it: without staff notes.
pub fn trim_actor(mut actor: Actor) -> Actor {
    actor.notes = None;
    actor
}
