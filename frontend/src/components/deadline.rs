//! Deadline badges: an application's closing date or a grant's lapse date
//! that is near (within [`SOON_DAYS`]) or passed, said in words ("dans
//! 5 jours", "date dépassée") and with an icon, not only in colour. The dates
//! watched are those the reminders watch: the submission deadline while
//! the application is planned or requested, the lapse date while the
//! grant is granted and not yet paid.

use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use chrono::NaiveDate;
use shared::finance::FundingStatus;
use shared::ids::ProjectId;
use shared::participants::FundingLine;
use std::collections::BTreeMap;
use yew::prelude::*;

/// How many days ahead a date counts as near: the first reminder's.
pub const SOON_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// Passed `days` days ago (at least one).
    Passed { days: i64 },
    /// Due in `days` days (zero: today).
    Soon { days: i64 },
}

/// How near `due` is on `today`; `None` while it is further than
/// [`SOON_DAYS`].
pub fn urgency(due: NaiveDate, today: NaiveDate) -> Option<Urgency> {
    let left = (due - today).num_days();
    if left < 0 {
        Some(Urgency::Passed { days: -left })
    } else if left <= SOON_DAYS {
        Some(Urgency::Soon { days: left })
    } else {
        None
    }
}

/// Which date of a funding line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DeadlineKind {
    /// The application must be filed by then.
    Submission,
    /// An unclaimed grant is lost then.
    Lapse,
    /// An opportunity's closing date, in the catalogue.
    Closing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: NaiveDate,
    pub urgency: Urgency,
}

impl Deadline {
    pub fn of(kind: DeadlineKind, due: NaiveDate, today: NaiveDate) -> Option<Self> {
        urgency(due, today).map(|urgency| Deadline { kind, due, urgency })
    }

    /// Passed ones first (the longest passed), then the nearest.
    fn rank(&self) -> (bool, i64) {
        match self.urgency {
            Urgency::Passed { days } => (false, -days),
            Urgency::Soon { days } => (true, days),
        }
    }
}

/// The near or passed dates of a line that still matter for its status.
pub fn line_deadlines(line: &FundingLine, today: NaiveDate) -> Vec<Deadline> {
    let submission = match line.status {
        FundingStatus::Planned | FundingStatus::Requested => line.submission_deadline,
        _ => None,
    };
    let lapse = match line.status {
        FundingStatus::Granted => line.lapse_date,
        _ => None,
    };
    [
        (DeadlineKind::Submission, submission),
        (DeadlineKind::Lapse, lapse),
    ]
    .into_iter()
    .filter_map(|(kind, due)| due.and_then(|due| Deadline::of(kind, due, today)))
    .collect()
}

/// The most pressing of `deadlines`: a passed one before a coming one.
pub fn most_pressing(deadlines: impl IntoIterator<Item = Deadline>) -> Option<Deadline> {
    deadlines.into_iter().min_by_key(Deadline::rank)
}

/// By project, the most pressing date of its lines (projects without one
/// are left out).
pub fn by_project(lines: &[FundingLine], today: NaiveDate) -> BTreeMap<ProjectId, Deadline> {
    let mut found: BTreeMap<ProjectId, Deadline> = BTreeMap::new();
    for line in lines {
        for deadline in line_deadlines(line, today) {
            let pressing = match found.get(&line.project_id) {
                Some(known) => most_pressing([*known, deadline]),
                None => Some(deadline),
            };
            if let Some(pressing) = pressing {
                found.insert(line.project_id, pressing);
            }
        }
    }
    found
}

#[derive(Properties, PartialEq)]
pub struct DeadlineBadgeProps {
    pub deadline: Deadline,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// "Dépôt dans 5 jours", "Caducité dépassée": what and when, in words; the
/// icon and the tint repeat it.
#[function_component]
pub fn DeadlineBadge(props: &DeadlineBadgeProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let deadline = props.deadline;
    let (class, icon) = match deadline.urgency {
        Urgency::Passed { .. } => ("deadline--passed", warning_icon()),
        Urgency::Soon { .. } => ("deadline--soon", clock_icon()),
    };
    let title = (texts.deadline_on)(&crate::format::date(deadline.due, lang));
    html! {
        <span class={classes!("deadline", class)} data-testid={props.testid.clone()} {title}>
            { icon }
            { (texts.deadline_badge)(deadline.kind, deadline.urgency) }
        </span>
    }
}

/// Drawn rather than typed: system fonts do not all have these signs.
fn clock_icon() -> Html {
    html! {
        <svg class="deadline__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5" />
            <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
        </svg>
    }
}

fn warning_icon() -> Html {
    html! {
        <svg class="deadline__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M8 1.5 15 14.5H1z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
            <path d="M8 6v4M8 11.8v.4" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use shared::finance::FundingCategory;
    use shared::ids::{ActorId, FundingLineId};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn line(project: i64, status: FundingStatus) -> FundingLine {
        FundingLine {
            id: FundingLineId(project * 10),
            project_id: ProjectId(project),
            funder_id: ActorId(1),
            funder_name: "Région".into(),
            category: FundingCategory::Public,
            amount_cents: 100_00,
            status,
            label: None,
            requested_on: None,
            decided_on: None,
            paid_on: None,
            scheme: None,
            convention_date: None,
            decision_ref: None,
            lapse_date: None,
            submission_deadline: None,
            opportunity_id: None,
            allowed_statuses: Vec::new(),
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 1,
        }
    }

    #[test]
    fn near_means_within_thirty_days_or_passed() {
        let today = day(2026, 6, 1);
        assert_eq!(urgency(day(2026, 7, 2), today), None);
        assert_eq!(
            urgency(day(2026, 7, 1), today),
            Some(Urgency::Soon { days: 30 })
        );
        assert_eq!(urgency(today, today), Some(Urgency::Soon { days: 0 }));
        assert_eq!(
            urgency(day(2026, 5, 31), today),
            Some(Urgency::Passed { days: 1 })
        );
    }

    #[test]
    fn a_line_shows_the_dates_its_status_still_waits_for() {
        let today = day(2026, 6, 1);
        let mut planned = line(1, FundingStatus::Planned);
        planned.submission_deadline = Some(day(2026, 6, 10));
        planned.lapse_date = Some(day(2026, 6, 5));
        assert_eq!(
            line_deadlines(&planned, today),
            [Deadline {
                kind: DeadlineKind::Submission,
                due: day(2026, 6, 10),
                urgency: Urgency::Soon { days: 9 }
            }]
        );
        let mut granted = planned.clone();
        granted.status = FundingStatus::Granted;
        let kinds: Vec<DeadlineKind> = line_deadlines(&granted, today)
            .iter()
            .map(|d| d.kind)
            .collect();
        assert_eq!(kinds, [DeadlineKind::Lapse]);
        for settled in [FundingStatus::Paid, FundingStatus::Refused] {
            granted.status = settled;
            assert!(line_deadlines(&granted, today).is_empty());
        }
    }

    #[test]
    fn a_passed_date_is_more_pressing_than_a_coming_one() {
        let today = day(2026, 6, 1);
        let soon = Deadline::of(DeadlineKind::Submission, day(2026, 6, 3), today).unwrap();
        let sooner = Deadline::of(DeadlineKind::Lapse, day(2026, 6, 2), today).unwrap();
        let passed = Deadline::of(DeadlineKind::Lapse, day(2026, 5, 20), today).unwrap();
        assert_eq!(most_pressing([soon, sooner]), Some(sooner));
        assert_eq!(most_pressing([soon, passed, sooner]), Some(passed));
        assert_eq!(most_pressing([]), None);
    }

    #[test]
    fn each_project_gets_its_most_pressing_line() {
        let today = day(2026, 6, 1);
        let mut a = line(1, FundingStatus::Planned);
        a.submission_deadline = Some(day(2026, 6, 20));
        let mut b = line(1, FundingStatus::Requested);
        b.submission_deadline = Some(day(2026, 6, 4));
        let mut far = line(2, FundingStatus::Planned);
        far.submission_deadline = Some(day(2026, 12, 1));
        let found = by_project(&[a, b, far], today);
        assert_eq!(found.len(), 1);
        assert_eq!(found[&ProjectId(1)].due, day(2026, 6, 4));
    }
}
