//! The notifications made when something happens, inside the same
//! transaction as the change (a change rolled back notifies no one).

use super::{notify, project_link, project_partners, project_people, Notice};
use crate::auth::CurrentUser;
use crate::db::schema::{projects, users};
use crate::db::DbConnection;
use crate::error::ApiResult;
use diesel::prelude::*;
use shared::auth::Role;
use shared::ids::{ProjectId, UserId};
use shared::lifecycle::Phase;
use shared::notifications::{mentions, NotificationKind};
use shared::opportunities::{match_project, FundingOpportunity, ProjectProfile};
use shared::projects::{JournalEntry, Project, Transition};

/// A phase's name in the French the notifications are written in.
pub fn phase_label(phase: Phase) -> &'static str {
    match phase {
        Phase::Commande => "commande",
        Phase::Cadrage => "cadrage",
        Phase::Instruction => "instruction",
        Phase::Decision => "décision",
        Phase::Realisation => "réalisation",
        Phase::Evaluation => "évaluation",
        Phase::Cloture => "clôture",
        Phase::Suspendu => "suspendu",
        Phase::Abandonne => "abandonné",
    }
}

fn others(people: Vec<UserId>, author: UserId) -> Vec<UserId> {
    people.into_iter().filter(|p| *p != author).collect()
}

/// A move of the lifecycle: the project's people (but whoever moved it)
/// and the partners it is shared with hear of it; entering instruction,
/// its people are told the ex-ante evaluations are awaited.
pub fn phase_changed(
    conn: &mut DbConnection,
    author: &CurrentUser,
    project: &Project,
    transition: &Transition,
) -> ApiResult<()> {
    let mut people = project_people(conn, project.id)?;
    people.extend(project_partners(conn, project.id)?);
    let notice = Notice {
        kind: NotificationKind::PhaseChanged,
        project_id: Some(project.id),
        subject_key: format!("transition:{}", transition.id),
        title: format!(
            "{} : {} → {}",
            project.title,
            phase_label(transition.from),
            phase_label(project.phase)
        ),
        body: format!(
            "Le projet {} « {} » est passé en {} le {}.",
            project.reference,
            project.title,
            phase_label(project.phase),
            transition.date.format("%d/%m/%Y")
        ),
        link: project_link(project.id),
    };
    notify(conn, &others(people, author.id), &notice)?;
    if project.phase == Phase::Instruction {
        let notice = Notice {
            kind: NotificationKind::EvaluationAwaited,
            project_id: Some(project.id),
            subject_key: format!("evaluation_awaited:transition:{}", transition.id),
            title: format!("{} : évaluations ex ante attendues", project.title),
            body: format!(
                "Le projet {} « {} » est en instruction : ses évaluations ex ante sont attendues avant la décision.",
                project.reference, project.title
            ),
            link: format!("{}/evaluations", project_link(project.id)),
        };
        let people = project_people(conn, project.id)?;
        notify(conn, &people, &notice)?;
    }
    Ok(())
}

/// A journal entry: a partner's message reaches the project's people;
/// every `@e-mail` named reaches that account, if it may see the project.
pub fn journal_written(
    conn: &mut DbConnection,
    author: &CurrentUser,
    entry: &JournalEntry,
) -> ApiResult<()> {
    let (reference, title): (String, String) = projects::table
        .find(entry.project_id)
        .select((projects::reference, projects::title))
        .first(conn)?;
    let excerpt: String = entry.body.chars().take(280).collect();
    let who = entry
        .author_name
        .clone()
        .unwrap_or_else(|| "Un partenaire".into());
    if author.role == Role::Partner {
        let notice = Notice {
            kind: NotificationKind::PartnerJournal,
            project_id: Some(entry.project_id),
            subject_key: format!("journal:{}", entry.id),
            title: format!("{title} : message de {who}"),
            body: format!("{who} a écrit sur le journal du projet {reference} : {excerpt}"),
            link: format!("{}/journal", project_link(entry.project_id)),
        };
        let people = project_people(conn, entry.project_id)?;
        notify(conn, &people, &notice)?;
    }
    let named = mentions(&entry.body);
    if named.is_empty() {
        return Ok(());
    }
    let accounts: Vec<(UserId, Role, Option<shared::ids::ActorId>)> = users::table
        .filter(users::email.eq_any(&named))
        .filter(users::active.eq(true))
        .select((users::id, users::role, users::actor_id))
        .load(conn)?;
    let mut reached = Vec::new();
    for (user, role, actor) in accounts {
        let may_see = match (role, actor) {
            (Role::Partner, Some(actor)) => {
                crate::access::is_shared_with(conn, actor, entry.project_id)?
            }
            (Role::Partner, None) => false,
            _ => true,
        };
        if may_see && user != author.id {
            reached.push(user);
        }
    }
    let notice = Notice {
        kind: NotificationKind::Mention,
        project_id: Some(entry.project_id),
        subject_key: format!("mention:{}", entry.id),
        title: format!("{title} : {who} vous a cité"),
        body: format!("{who} vous a cité sur le journal du projet {reference} : {excerpt}"),
        link: format!("{}/journal", project_link(entry.project_id)),
    };
    notify(conn, &reached, &notice)?;
    Ok(())
}

#[derive(Queryable)]
struct ProjectKey {
    id: ProjectId,
    title: String,
    axis: String,
    phase: Phase,
    commune_insee: Option<String>,
}

/// A new (or changed) opportunity: the people of every project it suits
/// today hear of it, once per project.
pub fn opportunity_published(
    conn: &mut DbConnection,
    opportunity: &FundingOpportunity,
    today: chrono::NaiveDate,
) -> ApiResult<usize> {
    if !shared::opportunities::is_open_on(opportunity, today) {
        return Ok(0);
    }
    let mut candidates = projects::table
        .filter(projects::phase.ne_all([Phase::Cloture, Phase::Abandonne]))
        .into_boxed();
    if !opportunity.axes.is_empty() {
        candidates = candidates.filter(projects::axis.eq_any(opportunity.axes.clone()));
    }
    if !opportunity.phases.is_empty() {
        candidates = candidates.filter(projects::phase.eq_any(opportunity.phases.clone()));
    }
    let keys: Vec<ProjectKey> = candidates
        .select((
            projects::id,
            projects::title,
            projects::axis,
            projects::phase,
            projects::commune_insee,
        ))
        .load(conn)?;
    let mut made = 0;
    for key in keys {
        let profile = ProjectProfile {
            axis: key.axis,
            phase: key.phase,
            commune_insee: key.commune_insee,
        };
        let Some(found) = match_project(opportunity, &profile, today) else {
            continue;
        };
        let reasons: Vec<&str> = found.reasons.iter().map(|r| r.message.as_str()).collect();
        let deadline = opportunity
            .submission_deadline
            .map(|d| format!(", dépôt jusqu'au {}", d.format("%d/%m/%Y")))
            .unwrap_or_default();
        let notice = Notice {
            kind: NotificationKind::OpportunityMatch,
            project_id: Some(key.id),
            subject_key: format!("opportunity:{}:project:{}", opportunity.id, key.id),
            title: format!("{} : {}", key.title, opportunity.name),
            body: format!(
                "« {} » ({}{deadline}) peut financer le projet « {} » : {}.",
                opportunity.name,
                opportunity.funder_name,
                key.title,
                reasons.join(", ")
            ),
            link: format!("{}/opportunites", project_link(key.id)),
        };
        let people = project_people(conn, key.id)?;
        made += notify(conn, &people, &notice)?;
    }
    Ok(made)
}
