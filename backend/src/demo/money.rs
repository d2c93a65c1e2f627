//! The demo portfolio's money over time: each decided project's AP (voted
//! at its decision, revised for some, closed at the CP paid once the
//! project is closed), its CP by year from the vote to the end of the
//! works, each funding line's receipts by year, and the town's investment
//! capacity. Everything goes through the rules the API applies
//! (`shared::programming`), so the demo cannot hold a programme the API
//! would refuse.
//!
//! The accounts stand in December of [`BUDGET_YEAR`]: CP and receipts of
//! earlier years are paid, most of the year's own CP are, later years'
//! are planned. The town paid about twice as much CP in that year as in
//! 2015, the programme's first: the source document's "capacité
//! d'investissement × 2".

use super::FIRST_YEAR;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::programming::{ap, capacity, credits};
use chrono::{Datelike, Duration, NaiveDate};
use shared::finance::{FundingCategory, FundingStatus};
use shared::ids::{FundingLineId, ProjectId, UserId};
use shared::lifecycle::Phase;
use shared::programming::{
    CapacityYear, CreditYear, FundingSchedule, InvestmentCapacity, NewApRevision, PaymentCredits,
    ScheduleYear,
};

/// The year in progress in the demo's accounts.
pub const BUDGET_YEAR: i32 = 2026;
/// Share of the year's CP already paid in December of [`BUDGET_YEAR`].
const PAID_THIS_YEAR_PERCENT: i64 = 90;
/// Studies and project management, paid in the year the AP is voted; the
/// rest follows the works.
const STUDIES_PERCENT: i64 = 15;
/// What a funder pays when the works start, and what it keeps until they
/// are over and accounted for (the balance); the rest comes in
/// instalments as the works go.
const ADVANCE_PERCENT: i64 = 20;
const BALANCE_PERCENT: i64 = 20;
/// How long after the end of the works a funder pays the balance.
const BALANCE_DELAY_DAYS: i64 = 120;
/// How long a granted balance may still be claimed after it is due.
const LAPSE_DELAY_DAYS: i64 = 365;

/// When a project's works take place, as far as its money goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Works {
    /// When the studies are paid: the year of the AP vote.
    pub studies: NaiveDate,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

fn first_of(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The works of a project in `phase` decided on `decision`: done for the
/// evaluated and closed ones (as their phase changes say), still going on
/// and late for those in realisation, to come for those decided but not
/// started; and a forecast for those still in instruction. None for the
/// others: nothing is programmed for them yet, or any more.
pub fn works(phase: Phase, decision: NaiveDate) -> Option<Works> {
    let days = Duration::days;
    match phase {
        Phase::Evaluation | Phase::Cloture => Some(Works {
            studies: decision,
            start: decision + days(30),
            end: decision + days(540),
        }),
        Phase::Realisation => Some(Works {
            studies: decision,
            start: decision + days(30),
            end: (decision + days(900)).max(first_of(BUDGET_YEAR + 1) + days(180)),
        }),
        Phase::Decision => Some(Works {
            studies: first_of(BUDGET_YEAR + 1),
            start: first_of(BUDGET_YEAR + 1) + days(90),
            end: first_of(BUDGET_YEAR + 3) - days(1),
        }),
        Phase::Instruction => Some(Works {
            studies: first_of(BUDGET_YEAR + 2),
            start: first_of(BUDGET_YEAR + 2) + days(90),
            end: first_of(BUDGET_YEAR + 4) - days(1),
        }),
        _ => None,
    }
}

/// `amount` spread over the days from `start` to `end`, by year; the last
/// year takes what rounding left, so the years add up to `amount`.
fn spread(amount: i64, start: NaiveDate, end: NaiveDate) -> Vec<(i32, i64)> {
    let end = end.max(start + Duration::days(1));
    let total = (end - start).num_days();
    let mut years = Vec::new();
    let mut given = 0;
    for year in start.year()..=end.year() {
        let from = start.max(first_of(year));
        let to = end.min(first_of(year + 1));
        let share = if year == end.year() {
            amount - given
        } else {
            amount * (to - from).num_days() / total
        };
        given += share;
        years.push((year, share));
    }
    years
}

/// What was paid of a year's planned amount by December of [`BUDGET_YEAR`].
fn paid_of(year: i32, planned: i64) -> i64 {
    match year.cmp(&BUDGET_YEAR) {
        std::cmp::Ordering::Less => planned,
        std::cmp::Ordering::Equal => planned * PAID_THIS_YEAR_PERCENT / 100,
        std::cmp::Ordering::Greater => 0,
    }
}

/// The project's CP: the studies in the year of the vote, the works year
/// by year; `cost` in all.
pub fn credits_of(cost: i64, works: &Works) -> PaymentCredits {
    let studies = cost * STUDIES_PERCENT / 100;
    let mut years: Vec<CreditYear> = Vec::new();
    let planned = std::iter::once((works.studies.year(), studies)).chain(spread(
        cost - studies,
        works.start,
        works.end,
    ));
    for (year, planned) in planned {
        match years.iter_mut().find(|c| c.year == year) {
            Some(credit) => credit.planned_cents += planned,
            None => years.push(CreditYear {
                year,
                planned_cents: planned,
                paid_cents: 0,
            }),
        }
    }
    for credit in &mut years {
        credit.paid_cents = paid_of(credit.year, credit.planned_cents);
    }
    PaymentCredits { years }.sorted()
}

/// When a funder pays the balance of a line.
pub fn balance_date(works: &Works) -> NaiveDate {
    works.end + Duration::days(BALANCE_DELAY_DAYS)
}

/// When a granted line's balance can no longer be claimed.
pub fn lapse_date(works: &Works) -> NaiveDate {
    balance_date(works) + Duration::days(LAPSE_DELAY_DAYS)
}

/// A line's receipts: the advance when the works start, instalments as
/// they go, the balance after they end. A paid line received everything;
/// a granted one what fell due until December of [`BUDGET_YEAR`], as the
/// CP were paid; a line not decided yet nothing, and expects it from next
/// year on. The town's own lines and refused ones expect no receipt.
pub fn schedule_of(
    category: FundingCategory,
    status: FundingStatus,
    amount: i64,
    works: &Works,
) -> Option<FundingSchedule> {
    if category == FundingCategory::City || status == FundingStatus::Refused {
        return None;
    }
    let advance = amount * ADVANCE_PERCENT / 100;
    let balance = amount * BALANCE_PERCENT / 100;
    let mut years: Vec<ScheduleYear> = Vec::new();
    let due = [
        (works.start.year(), advance),
        (balance_date(works).year(), balance),
    ]
    .into_iter()
    .chain(spread(amount - advance - balance, works.start, works.end))
    .map(|(year, expected)| {
        // Money not granted yet can only come later.
        let undecided = !matches!(status, FundingStatus::Granted | FundingStatus::Paid);
        let year = if undecided {
            year.max(BUDGET_YEAR + 1)
        } else {
            year
        };
        (year, expected)
    });
    for (year, expected) in due {
        match years.iter_mut().find(|s| s.year == year) {
            Some(entry) => entry.expected_cents += expected,
            None => years.push(ScheduleYear {
                year,
                expected_cents: expected,
                received_cents: 0,
            }),
        }
    }
    for entry in &mut years {
        entry.received_cents = match status {
            FundingStatus::Paid => entry.expected_cents,
            FundingStatus::Granted => paid_of(entry.year, entry.expected_cents),
            _ => 0,
        };
    }
    Some(FundingSchedule { years }.sorted())
}

/// The council's votes of the project's AP before its CP are set: the
/// first at the decision (a quarter of the projects voted short and
/// revised once the works were costed), with a margin over the cost.
pub fn opening_votes(index: usize, cost: i64, decision: NaiveDate) -> Vec<NewApRevision> {
    let vote = |amount, on: NaiveDate, k: usize, comment: &str| NewApRevision {
        amount_cents: amount,
        voted_on: on,
        deliberation_ref: deliberation(on, index, k),
        comment: Some(comment.to_owned()),
    };
    let with_margin = cost * 105 / 100;
    if index.is_multiple_of(4) {
        let revised_on = decision + Duration::days(300);
        vec![
            vote(
                cost * 9 / 10,
                decision,
                0,
                "AP initiale, sur l'estimation des études.",
            ),
            vote(
                with_margin,
                revised_on,
                1,
                "Révision après l'estimation définitive des travaux.",
            ),
        ]
    } else {
        vec![vote(
            with_margin,
            decision,
            0,
            "AP initiale, avec une provision pour aléas de 5 %.",
        )]
    }
}

/// A closed project's AP brought down to the CP paid, when it is closed.
pub fn closing_vote(index: usize, paid: i64, closed_on: NaiveDate) -> NewApRevision {
    NewApRevision {
        amount_cents: paid,
        voted_on: closed_on,
        deliberation_ref: deliberation(closed_on, index, 2),
        comment: Some("Clôture de l'AP au montant des CP payés.".to_owned()),
    }
}

/// A council deliberation's reference, numbered within its year.
fn deliberation(on: NaiveDate, index: usize, k: usize) -> String {
    format!("DEL-{}-{:03}", on.year(), 1 + (index * 7 + k * 31) % 180)
}

/// A project's money, as its phase and decision say.
pub struct ProjectMoney<'a> {
    pub id: ProjectId,
    pub index: usize,
    pub cost: i64,
    pub phase: Phase,
    pub decision: NaiveDate,
    /// Whether the council voted on the project (its AP).
    pub voted: bool,
    pub closed_on: Option<NaiveDate>,
    pub lead: UserId,
    /// Its funding lines as written: id, category, status, amount.
    pub lines: &'a [(FundingLineId, FundingCategory, FundingStatus, i64)],
}

/// Votes the project's AP, sets its CP and its lines' schedules, each
/// through the rules the API applies.
pub fn seed_project(conn: &mut DbConnection, project: &ProjectMoney<'_>) -> ApiResult<()> {
    let Some(works) = works(project.phase, project.decision) else {
        return Ok(());
    };
    if project.voted {
        for vote in opening_votes(project.index, project.cost, project.decision) {
            ap::vote(conn, project.id, vote, Some(project.lead))?;
        }
    }
    let planned = credits_of(project.cost, &works);
    credits::set_credits(conn, project.id, &planned)?;
    if let (true, Some(closed_on)) = (project.voted, project.closed_on) {
        let vote = closing_vote(project.index, planned.paid_cents(), closed_on);
        ap::vote(conn, project.id, vote, Some(project.lead))?;
    }
    for (line, category, status, amount) in project.lines {
        if let Some(schedule) = schedule_of(*category, *status, *amount, &works) {
            credits::set_schedule(conn, *line, &schedule)?;
        }
    }
    Ok(())
}

/// The town's investment capacity: doubling from the programme's first
/// year to [`BUDGET_YEAR`], then held; the ratio of the dashboard compares
/// with the first year.
pub fn investment_capacity() -> InvestmentCapacity {
    const FIRST_CENTS: i64 = 4_000_000_00;
    let span = i64::from(BUDGET_YEAR - FIRST_YEAR);
    InvestmentCapacity {
        years: (FIRST_YEAR..=BUDGET_YEAR + 3)
            .map(|year| {
                let elapsed = i64::from(year.min(BUDGET_YEAR) - FIRST_YEAR);
                CapacityYear {
                    year,
                    capacity_cents: FIRST_CENTS + FIRST_CENTS * elapsed / span,
                }
            })
            .collect(),
        reference_year: Some(FIRST_YEAR),
    }
}

pub fn seed_capacity(conn: &mut DbConnection) -> ApiResult<()> {
    capacity::set_investment_capacity(conn, investment_capacity())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_done_project_is_paid_in_full_within_its_cost() {
        let works = works(Phase::Cloture, date(2016, 9, 14)).unwrap();
        let credits = credits_of(2_530_000_00, &works);
        assert!(credits.check(Some(2_530_000_00)).is_empty());
        assert_eq!(credits.planned_cents(), 2_530_000_00);
        assert_eq!(credits.paid_cents(), 2_530_000_00);
        let years: Vec<i32> = credits.years.iter().map(|c| c.year).collect();
        assert_eq!(years, [2016, 2017, 2018]);
    }

    #[test]
    fn an_ongoing_project_is_partly_paid_and_a_voted_one_not_yet() {
        let ongoing = credits_of(
            1_000_000_00,
            &works(Phase::Realisation, date(2022, 5, 2)).unwrap(),
        );
        assert!(ongoing.check(Some(1_000_000_00)).is_empty());
        let this_year = ongoing
            .years
            .iter()
            .find(|c| c.year == BUDGET_YEAR)
            .unwrap();
        assert!(0 < this_year.paid_cents && this_year.paid_cents < this_year.planned_cents);
        assert!(ongoing
            .years
            .iter()
            .any(|c| c.year > BUDGET_YEAR && c.paid_cents == 0));

        let voted = credits_of(
            1_000_000_00,
            &works(Phase::Decision, date(2024, 3, 2)).unwrap(),
        );
        assert_eq!(voted.paid_cents(), 0);
        assert!(voted.years.iter().all(|c| c.year > BUDGET_YEAR));
        assert_eq!(works(Phase::Commande, date(2024, 3, 2)), None);
    }

    #[test]
    fn a_line_expects_its_amount_and_received_what_its_status_says() {
        let done = works(Phase::Evaluation, date(2019, 6, 1)).unwrap();
        let paid =
            schedule_of(FundingCategory::Public, FundingStatus::Paid, 700_00, &done).unwrap();
        assert!(paid.check(700_00).is_empty());
        let received: i64 = paid.years.iter().map(|s| s.received_cents).sum();
        assert_eq!(received, 700_00);

        let ongoing = works(Phase::Realisation, date(2023, 6, 1)).unwrap();
        let granted = schedule_of(
            FundingCategory::Public,
            FundingStatus::Granted,
            1_000,
            &ongoing,
        )
        .unwrap();
        assert!(granted.check(1_000).is_empty());
        let first = granted.years[0];
        assert_eq!(
            (first.year, first.received_cents),
            (2023, first.expected_cents)
        );
        let last = granted.years.last().unwrap();
        assert!(last.year > BUDGET_YEAR && last.received_cents == 0);
        let requested = schedule_of(
            FundingCategory::Private,
            FundingStatus::Requested,
            1_000,
            &ongoing,
        )
        .unwrap();
        assert!(requested.check(1_000).is_empty());
        assert!(requested
            .years
            .iter()
            .all(|s| s.received_cents == 0 && s.year > BUDGET_YEAR));
        assert_eq!(
            schedule_of(
                FundingCategory::City,
                FundingStatus::Granted,
                1_000,
                &ongoing
            ),
            None
        );
        assert_eq!(
            schedule_of(
                FundingCategory::Public,
                FundingStatus::Refused,
                1_000,
                &ongoing
            ),
            None
        );
    }

    #[test]
    fn the_ap_covers_the_cp_and_closes_at_what_was_paid() {
        for index in [0, 1] {
            let votes = opening_votes(index, 1_000_000_00, date(2018, 2, 1));
            let in_force = votes.last().unwrap();
            assert!(votes.iter().all(|v| v.check(0).is_empty()));
            assert!(in_force.amount_cents >= 1_000_000_00);
        }
        let closing = closing_vote(3, 1_000_000_00, date(2020, 8, 1));
        assert!(closing.check(1_000_000_00).is_empty());
    }

    #[test]
    fn the_capacity_doubles() {
        let capacity = investment_capacity();
        assert!(capacity.check().is_empty());
        assert_eq!(
            capacity.of_year(BUDGET_YEAR),
            capacity.of_year(FIRST_YEAR).map(|c| c * 2)
        );
    }
}
