//! The daily run: reminders of the dates coming (milestones due or
//! overdue, applications closing, grants lapsing), each made once per
//! person, object and threshold; then the e-mail digests of whoever wants
//! them. `innovaction send-reminders --as-of DATE` runs it once; the
//! server runs it every hour (a run repeated the same day makes nothing
//! twice).
//!
//! Several instances may run it at once. Reminders are made through the
//! table's unique key, so only one of two attempts lands. A digest first
//! claims its notifications with a lease (`email_claim`,
//! `email_claimed_until`): an instance only sends what it claimed, and a
//! claim left by an instance that stopped expires.

use super::handlers::Row;
use super::{notify, preferences, project_link, project_people, Notice};
use crate::db::schema::{funding_lines, milestones, notifications, projects, users};
use crate::db::{Database, DbConnection};
use crate::error::ApiResult;
use crate::mail::Mailer;
use crate::records::now;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::finance::FundingStatus;
use shared::ids::{FundingLineId, MilestoneId, ProjectId, UserId};
use shared::lifecycle::Phase;
use shared::notifications::{digest_due, reminder_threshold, EmailFrequency, NotificationKind};
use std::collections::BTreeMap;
use std::time::Duration;

/// How long an instance holds the notifications of a digest it sends.
const EMAIL_LEASE: chrono::Duration = chrono::Duration::minutes(10);

/// What one run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RunReport {
    pub reminders: usize,
    pub digests: usize,
    pub emailed: usize,
}

/// A dated thing of a project, as the reminders see it.
struct Dated {
    kind: NotificationKind,
    project: ProjectId,
    project_title: String,
    key: String,
    what: String,
    due: NaiveDate,
}

fn ended_phases() -> [Phase; 2] {
    [Phase::Cloture, Phase::Abandonne]
}

fn dated_things(conn: &mut DbConnection) -> ApiResult<Vec<Dated>> {
    let mut things = Vec::new();
    let open_milestones: Vec<(MilestoneId, ProjectId, String, Option<NaiveDate>, String)> =
        milestones::table
            .inner_join(projects::table)
            .filter(milestones::done_date.is_null())
            .filter(milestones::due_date.is_not_null())
            .filter(projects::phase.ne_all(ended_phases()))
            .select((
                milestones::id,
                milestones::project_id,
                milestones::title,
                milestones::due_date,
                projects::title,
            ))
            .load(conn)?;
    for (id, project, title, due, project_title) in open_milestones {
        let Some(due) = due else { continue };
        things.push(Dated {
            kind: NotificationKind::MilestoneDue,
            project,
            project_title,
            key: format!("milestone:{id}"),
            what: format!("le jalon « {title} »"),
            due,
        });
    }
    type LineDates = (
        FundingLineId,
        ProjectId,
        FundingStatus,
        Option<NaiveDate>,
        Option<NaiveDate>,
        Option<String>,
        String,
        String,
    );
    let lines: Vec<LineDates> = funding_lines::table
        .inner_join(projects::table)
        .inner_join(crate::db::schema::actors::table)
        .filter(
            funding_lines::submission_deadline
                .is_not_null()
                .or(funding_lines::lapse_date.is_not_null()),
        )
        .filter(projects::phase.ne_all(ended_phases()))
        .select((
            funding_lines::id,
            funding_lines::project_id,
            funding_lines::status,
            funding_lines::submission_deadline,
            funding_lines::lapse_date,
            funding_lines::scheme,
            crate::db::schema::actors::name,
            projects::title,
        ))
        .load(conn)?;
    for (id, project, status, deadline, lapse, scheme, funder, project_title) in lines {
        let line = match scheme {
            Some(scheme) => format!("{funder} ({scheme})"),
            None => funder,
        };
        // An application still to file; a grant not yet paid.
        if let (Some(due), FundingStatus::Planned | FundingStatus::Requested) = (deadline, status) {
            things.push(Dated {
                kind: NotificationKind::SubmissionDeadline,
                project,
                project_title: project_title.clone(),
                key: format!("submission:{id}"),
                what: format!("le dépôt de la demande à {line}"),
                due,
            });
        }
        if let (Some(due), FundingStatus::Granted) = (lapse, status) {
            things.push(Dated {
                kind: NotificationKind::LapseDate,
                project,
                project_title,
                key: format!("lapse:{id}"),
                what: format!("la caducité de la subvention de {line}"),
                due,
            });
        }
    }
    Ok(things)
}

/// Makes the reminders due on `today`; answers how many were made.
pub fn make_reminders(conn: &mut DbConnection, today: NaiveDate) -> ApiResult<usize> {
    let mut people_of: BTreeMap<ProjectId, Vec<UserId>> = BTreeMap::new();
    let mut thresholds_of: BTreeMap<UserId, Vec<u32>> = BTreeMap::new();
    let mut made = 0;
    for thing in dated_things(conn)? {
        let people = match people_of.get(&thing.project) {
            Some(people) => people.clone(),
            None => {
                let people = project_people(conn, thing.project)?;
                people_of.insert(thing.project, people.clone());
                people
            }
        };
        for person in people {
            let thresholds = match thresholds_of.get(&person) {
                Some(days) => days.clone(),
                None => {
                    let days = preferences::of(conn, person)?.reminder_days;
                    thresholds_of.insert(person, days.clone());
                    days
                }
            };
            let left = (thing.due - today).num_days();
            let (kind, key, title, body) = if left < 0 {
                if thing.kind != NotificationKind::MilestoneDue {
                    continue;
                }
                (
                    NotificationKind::MilestoneOverdue,
                    format!("{}:overdue", thing.key),
                    format!("{} : jalon en retard", thing.project_title),
                    format!(
                        "{} était prévu le {} et n'est pas terminé.",
                        capitalised(&thing.what),
                        thing.due.format("%d/%m/%Y")
                    ),
                )
            } else {
                let Some(threshold) = reminder_threshold(thing.due, today, &thresholds) else {
                    continue;
                };
                let when = match left {
                    0 => "aujourd'hui".to_owned(),
                    1 => "demain".to_owned(),
                    n => format!("dans {n} jours"),
                };
                (
                    thing.kind,
                    format!("{}:{threshold}", thing.key),
                    format!("{} : échéance {when}", thing.project_title),
                    format!(
                        "{} est attendu le {} ({when}).",
                        capitalised(&thing.what),
                        thing.due.format("%d/%m/%Y")
                    ),
                )
            };
            let notice = Notice {
                kind,
                project_id: Some(thing.project),
                subject_key: key,
                title,
                body,
                link: project_link(thing.project),
            };
            made += notify(conn, &[person], &notice)?;
        }
    }
    Ok(made)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A digest claimed by this run: the person and their notifications.
struct Digest {
    name: String,
    email: String,
    claim: String,
    items: Vec<(Option<String>, Row)>,
}

/// Claims the notifications not yet e-mailed of everyone whose digest is
/// due on `today`; those who want no e-mail have theirs set aside.
fn claim_digests(conn: &mut DbConnection, today: NaiveDate) -> ApiResult<Vec<Digest>> {
    let waiting: Vec<UserId> = notifications::table
        .filter(notifications::emailed_at.is_null())
        .select(notifications::user_id)
        .distinct()
        .load(conn)?;
    let mut digests = Vec::new();
    for user in waiting {
        let frequency = preferences::of(conn, user)?.email;
        let unsent = notifications::table
            .filter(notifications::user_id.eq(user))
            .filter(notifications::emailed_at.is_null());
        if frequency == EmailFrequency::Off {
            diesel::update(unsent)
                .set(notifications::emailed_at.eq(now()))
                .execute(conn)?;
            continue;
        }
        if !digest_due(frequency, today) {
            continue;
        }
        // The server runs every hour: a daily or weekly digest goes once
        // on its day, what comes later that day waits for the next one.
        if frequency != EmailFrequency::Immediate {
            let last_sent: Option<NaiveDateTime> = notifications::table
                .filter(notifications::user_id.eq(user))
                .select(diesel::dsl::max(notifications::emailed_at))
                .first(conn)?;
            if last_sent.is_some_and(|sent| sent.date() >= today) {
                continue;
            }
        }
        let (name, email, active): (String, String, bool) = users::table
            .find(user)
            .select((users::display_name, users::email, users::active))
            .first(conn)?;
        if !active {
            continue;
        }
        let claim = uuid::Uuid::new_v4().to_string();
        let at = now();
        let claimed = diesel::update(
            unsent.filter(
                notifications::email_claimed_until
                    .is_null()
                    .or(notifications::email_claimed_until.lt(at)),
            ),
        )
        .set((
            notifications::email_claim.eq(&claim),
            notifications::email_claimed_until.eq(at + EMAIL_LEASE),
        ))
        .execute(conn)?;
        if claimed == 0 {
            continue;
        }
        let rows: Vec<(Row, Option<String>)> = notifications::table
            .left_join(projects::table)
            .filter(notifications::email_claim.eq(&claim))
            .order(notifications::id.desc())
            .select((Row::as_select(), projects::reference.nullable()))
            .load(conn)?;
        digests.push(Digest {
            name,
            email,
            claim,
            items: rows
                .into_iter()
                .map(|(row, reference)| (reference, row))
                .collect(),
        });
    }
    Ok(digests)
}

/// The digest's text, in French: by project, newest first, with links.
fn digest_text(digest: &Digest, public_url: Option<&str>) -> String {
    let base = public_url.unwrap_or("").trim_end_matches('/');
    let mut by_project: Vec<(Option<String>, Vec<&Row>)> = Vec::new();
    for (reference, row) in &digest.items {
        match by_project.iter_mut().find(|(r, _)| r == reference) {
            Some((_, rows)) => rows.push(row),
            None => by_project.push((reference.clone(), vec![row])),
        }
    }
    let mut text = format!(
        "Bonjour {},\n\nVoici ce qui demande votre attention dans Innov'Action.\n",
        digest.name
    );
    for (reference, rows) in by_project {
        let heading = match reference {
            Some(reference) => format!("Projet {reference}"),
            None => "Autres".to_owned(),
        };
        text.push_str(&format!("\n== {heading} ==\n"));
        for row in rows {
            text.push_str(&format!(
                "\n- {} ({})\n  {}\n  {base}{}\n",
                row.title,
                row.created_at.format("%d/%m/%Y"),
                row.body,
                row.link
            ));
        }
    }
    text.push_str(
        "\nVous recevez ce message selon vos préférences de notification, que vous pouvez changer dans Innov'Action.\n",
    );
    text
}

fn mark_sent(conn: &mut DbConnection, claim: &str) -> ApiResult<usize> {
    Ok(
        diesel::update(notifications::table.filter(notifications::email_claim.eq(claim)))
            .set(notifications::emailed_at.eq(now()))
            .execute(conn)?,
    )
}

/// Gives a claim back, for a later run to send.
fn release(conn: &mut DbConnection, claim: &str) -> ApiResult<usize> {
    Ok(
        diesel::update(notifications::table.filter(notifications::email_claim.eq(claim)))
            .set((
                notifications::email_claim.eq(None::<String>),
                notifications::email_claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?,
    )
}

/// One run for the day `today`: the reminders, then the digests (sent
/// when a mailer is configured).
pub async fn run(
    db: &Database,
    mailer: Option<&Mailer>,
    public_url: Option<&str>,
    today: NaiveDate,
) -> ApiResult<RunReport> {
    let reminders = db.write(move |conn| make_reminders(conn, today)).await?;
    let mut report = RunReport {
        reminders,
        ..RunReport::default()
    };
    let Some(mailer) = mailer else {
        return Ok(report);
    };
    let digests = db.write(move |conn| claim_digests(conn, today)).await?;
    for digest in digests {
        let count = digest.items.len();
        let subject = if count == 1 {
            "Innov'Action : 1 notification".to_owned()
        } else {
            format!("Innov'Action : {count} notifications")
        };
        let sent = mailer
            .send_text(
                &digest.name,
                &digest.email,
                &subject,
                digest_text(&digest, public_url),
            )
            .await;
        let claim = digest.claim.clone();
        match sent {
            Ok(()) => {
                db.write(move |conn| mark_sent(conn, &claim)).await?;
                report.digests += 1;
                report.emailed += count;
            }
            Err(error) => {
                tracing::warn!(error = %error, "notification digest: not sent, kept for the next run");
                db.write(move |conn| release(conn, &claim)).await?;
            }
        }
    }
    Ok(report)
}

/// Runs the day's reminders every hour in the server.
pub fn spawn(db: Database, mailer: Option<Mailer>, public_url: Option<String>) {
    actix_web::rt::spawn(async move {
        let mut ticks = tokio::time::interval(Duration::from_secs(3600));
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let today = chrono::Utc::now().date_naive();
            match run(&db, mailer.as_ref(), public_url.as_deref(), today).await {
                Ok(report) if report.reminders + report.digests > 0 => {
                    tracing::info!(
                        reminders = report.reminders,
                        digests = report.digests,
                        "notifications: reminders run"
                    );
                }
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(error = %error.message, "notifications: reminders run failed");
                }
            }
        }
    });
}
