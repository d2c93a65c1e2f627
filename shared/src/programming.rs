//! Money over time. A French town votes each investment as an
//! *autorisation de programme* (AP), revised by later deliberations, and
//! spreads it into *crédits de paiement* (CP) by year with the resources it
//! expects (CGCT R2311-9); the *plan pluriannuel d'investissement* (PPI)
//! gathers them and is debated each year. Here: the rules of an AP
//! revision, of a project's CP and of a funding line's schedule; the
//! programme computed from them against the town's investment capacity;
//! scenarios that shift or leave out projects without touching them; and
//! the investment capacity ratio of the dashboard. Definitions of every
//! figure: `docs/METRICS.md`.

use crate::evaluation::round2;
use crate::finance::{FundingCategory, FundingStatus};
use crate::ids::{ActorId, ApRevisionId, FundingLineId, ProjectId, ScenarioId, UserId};
use crate::lifecycle::Phase;
use crate::projects::InnovationType;
use crate::validation::{self as v, Validate};
use crate::FieldError;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::RangeInclusive;

/// Years a CP, a schedule or a capacity may be given for.
pub const YEARS: RangeInclusive<i32> = 1950..=2150;
/// The widest programme asked at once.
pub const MAX_SPAN_YEARS: i32 = 60;
/// At most this many years in one list (CP, schedule, capacity).
pub const MAX_YEAR_ROWS: usize = 200;
/// A funder's chance of granting when none of its lines was decided yet.
pub const DEFAULT_SUCCESS_RATE: f64 = 0.5;
/// A scenario moves a project by at most this many years either way.
pub const MAX_SHIFT_YEARS: i32 = 30;
/// At most this many projects shifted, or left out, by one scenario.
pub const MAX_SCENARIO_PROJECTS: usize = 1000;
pub const DELIBERATION_REF_MAX_CHARS: usize = 100;
pub const AP_COMMENT_MAX_CHARS: usize = 2000;

/// One vote of a project's AP: the amount the council authorised, from
/// that deliberation on. Revisions are never changed, only followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApRevision {
    pub id: ApRevisionId,
    pub project_id: ProjectId,
    pub amount_cents: i64,
    pub voted_on: NaiveDate,
    /// The deliberation's reference (its `DELIB_ID` in SCDL Délibérations).
    pub deliberation_ref: String,
    pub comment: Option<String>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewApRevision {
    /// Not below the CP already paid.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount_cents::<false>))]
    pub amount_cents: i64,
    pub voted_on: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ DELIBERATION_REF_MAX_CHARS }, false>))]
    pub deliberation_ref: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_text::<{ AP_COMMENT_MAX_CHARS }>))]
    pub comment: Option<String>,
}

impl NewApRevision {
    /// The revision's own rules, and that it stays above the CP already
    /// paid (`paid_cents`, over every year).
    pub fn check(&self, paid_cents: i64) -> Vec<FieldError> {
        let mut errors = Vec::new();
        errors.extend(v::amount_cents("amount_cents", self.amount_cents));
        if errors.is_empty() && self.amount_cents < paid_cents {
            errors.push(FieldError::new(
                "amount_cents",
                "below_paid",
                format!(
                    "the AP cannot be below the {} already paid in CP",
                    euros(paid_cents)
                ),
            ));
        }
        errors.extend(year_of("voted_on", self.voted_on));
        errors.extend(v::required_text(
            "deliberation_ref",
            &self.deliberation_ref,
            DELIBERATION_REF_MAX_CHARS,
        ));
        errors.extend(v::optional_text(
            "comment",
            self.comment.as_deref().filter(|c| !c.trim().is_empty()),
            AP_COMMENT_MAX_CHARS,
        ));
        errors
    }

    /// The values stored: trimmed, a blank comment as none.
    pub fn normalized(mut self) -> Self {
        self.deliberation_ref = self.deliberation_ref.trim().to_owned();
        self.comment = self
            .comment
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty());
        self
    }
}

/// The AP in force: the amount of the latest vote (by date, then by the
/// order recorded).
pub fn current_ap(revisions: &[ApRevision]) -> Option<i64> {
    revisions
        .iter()
        .max_by_key(|r| (r.voted_on, r.id))
        .map(|r| r.amount_cents)
}

/// One year of a project's CP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreditYear {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::programme_year))]
    pub year: i32,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount_cents::<false>))]
    pub planned_cents: i64,
    /// At most `planned_cents`.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount_cents::<false>))]
    pub paid_cents: i64,
}

/// A project's CP, one entry per year. Sent whole: the years left out
/// have none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentCredits {
    /// Each year once; the sum planned not above the AP, when there is one.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::credit_years))]
    pub years: Vec<CreditYear>,
}

impl PaymentCredits {
    /// Each year once, `paid ≤ planned`, amounts ≥ 0 and, under an AP,
    /// Σ planned ≤ AP (the entry where the sum goes over is named).
    pub fn check(&self, ap_cents: Option<i64>) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> =
            year_list("years", self.years.len()).into_iter().collect();
        let mut seen = BTreeSet::new();
        let mut planned = 0_i64;
        let mut over_named = false;
        for (index, credit) in self.years.iter().enumerate() {
            let field = |name: &str| format!("years.{index}.{name}");
            errors.extend(year_in_range(&field("year"), credit.year));
            if !seen.insert(credit.year) {
                errors.push(twice(&field("year"), credit.year));
            }
            let planned_error = v::amount_cents(&field("planned_cents"), credit.planned_cents);
            let paid_error = v::amount_cents(&field("paid_cents"), credit.paid_cents);
            let amounts_valid = planned_error.is_none() && paid_error.is_none();
            errors.extend(planned_error);
            errors.extend(paid_error);
            if amounts_valid && credit.paid_cents > credit.planned_cents {
                errors.push(FieldError::new(
                    field("paid_cents"),
                    "above_planned",
                    "the CP paid cannot exceed the CP planned for the year",
                ));
            }
            planned = planned.saturating_add(credit.planned_cents.max(0));
            if let Some(ap) = ap_cents {
                if planned > ap && !over_named {
                    over_named = true;
                    errors.push(FieldError::new(
                        field("planned_cents"),
                        "above_authorisation",
                        format!("the CP planned add up to more than the AP of {}", euros(ap)),
                    ));
                }
            }
        }
        errors
    }

    /// The years in order.
    pub fn sorted(mut self) -> Self {
        self.years.sort_by_key(|c| c.year);
        self
    }

    pub fn paid_cents(&self) -> i64 {
        self.years.iter().map(|c| c.paid_cents).sum()
    }

    pub fn planned_cents(&self) -> i64 {
        self.years.iter().map(|c| c.planned_cents).sum()
    }
}

/// A project's CP as answered: the years in order, with the AP they are
/// held to and the project's version (its `ETag`, for `If-Match`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectPaymentCredits {
    pub project_id: ProjectId,
    pub ap_cents: Option<i64>,
    pub version: i64,
    pub years: Vec<CreditYear>,
}

/// One year of a funding line's receipts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ScheduleYear {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::programme_year))]
    pub year: i32,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount_cents::<false>))]
    pub expected_cents: i64,
    /// At most `expected_cents`.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount_cents::<false>))]
    pub received_cents: i64,
}

/// When a funding line's money is expected, and what came, by year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FundingSchedule {
    /// Each year once; the sum expected not above the line's amount.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::schedule_years))]
    pub years: Vec<ScheduleYear>,
}

impl FundingSchedule {
    /// Each year once, `received ≤ expected`, amounts ≥ 0 and
    /// Σ expected ≤ the line's amount (the entry where it goes over is
    /// named).
    pub fn check(&self, amount_cents: i64) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> =
            year_list("years", self.years.len()).into_iter().collect();
        let mut seen = BTreeSet::new();
        let mut expected = 0_i64;
        let mut over_named = false;
        for (index, entry) in self.years.iter().enumerate() {
            let field = |name: &str| format!("years.{index}.{name}");
            errors.extend(year_in_range(&field("year"), entry.year));
            if !seen.insert(entry.year) {
                errors.push(twice(&field("year"), entry.year));
            }
            let expected_error = v::amount_cents(&field("expected_cents"), entry.expected_cents);
            let received_error = v::amount_cents(&field("received_cents"), entry.received_cents);
            let amounts_valid = expected_error.is_none() && received_error.is_none();
            errors.extend(expected_error);
            errors.extend(received_error);
            if amounts_valid && entry.received_cents > entry.expected_cents {
                errors.push(FieldError::new(
                    field("received_cents"),
                    "above_expected",
                    "what was received cannot exceed what was expected for the year",
                ));
            }
            expected = expected.saturating_add(entry.expected_cents.max(0));
            if expected > amount_cents && !over_named {
                over_named = true;
                errors.push(FieldError::new(
                    field("expected_cents"),
                    "above_amount",
                    format!(
                        "the receipts expected add up to more than the line's {}",
                        euros(amount_cents)
                    ),
                ));
            }
        }
        errors
    }

    pub fn sorted(mut self) -> Self {
        self.years.sort_by_key(|s| s.year);
        self
    }
}

/// A funding line's schedule as answered: the years in order, with the
/// line's amount and version (its `ETag`, for `If-Match`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineSchedule {
    pub funding_line_id: FundingLineId,
    pub project_id: ProjectId,
    pub amount_cents: i64,
    pub version: i64,
    pub years: Vec<ScheduleYear>,
}

/// What the town can put into investment in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CapacityYear {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::programme_year))]
    pub year: i32,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount_cents::<false>))]
    pub capacity_cents: i64,
}

/// The town's investment capacity by year, and the reference year of the
/// dashboard's investment capacity ratio.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InvestmentCapacity {
    /// Each year once.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::capacity_years))]
    pub years: Vec<CapacityYear>,
    /// The year the ratio compares the last one with; absent: the first
    /// year with CP paid.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_programme_year))]
    pub reference_year: Option<i32>,
}

impl InvestmentCapacity {
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> =
            year_list("years", self.years.len()).into_iter().collect();
        let mut seen = BTreeSet::new();
        for (index, entry) in self.years.iter().enumerate() {
            let field = |name: &str| format!("years.{index}.{name}");
            errors.extend(year_in_range(&field("year"), entry.year));
            if !seen.insert(entry.year) {
                errors.push(twice(&field("year"), entry.year));
            }
            errors.extend(v::amount_cents(
                &field("capacity_cents"),
                entry.capacity_cents,
            ));
        }
        if let Some(year) = self.reference_year {
            errors.extend(year_in_range("reference_year", year));
        }
        errors
    }

    pub fn sorted(mut self) -> Self {
        self.years.sort_by_key(|c| c.year);
        self
    }

    pub fn of_year(&self, year: i32) -> Option<i64> {
        self.years
            .iter()
            .find(|c| c.year == year)
            .map(|c| c.capacity_cents)
    }
}

fn year_list(field: &str, len: usize) -> Option<FieldError> {
    (len > MAX_YEAR_ROWS)
        .then(|| FieldError::new(field, "too_many", format!("at most {MAX_YEAR_ROWS} years")))
}

fn year_in_range(field: &str, year: i32) -> Option<FieldError> {
    (!YEARS.contains(&year)).then(|| {
        FieldError::new(
            field,
            "out_of_range",
            format!("a year between {} and {}", YEARS.start(), YEARS.end()),
        )
    })
}

fn year_of(field: &str, date: NaiveDate) -> Option<FieldError> {
    year_in_range(field, date.year())
}

fn twice(field: &str, year: i32) -> FieldError {
    FieldError::new(field, "duplicate", format!("{year} is listed twice"))
}

/// An amount in cents as the messages write it: `1 234 567,89 €`.
fn euros(cents: i64) -> String {
    let units = (cents / 100).unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, digit) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(digit);
    }
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{grouped},{:02} €", (cents % 100).unsigned_abs())
}

/// What the programme is computed from: the projects in scope with their
/// AP and CP, their funding lines with their schedules, each funder's
/// success rate and the town's capacity.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub projects: Vec<PlannedProject>,
    pub lines: Vec<ScheduledLine>,
    /// Granted or paid ÷ decided lines, by funder, over the whole portfolio.
    pub success_rates: HashMap<ActorId, f64>,
    pub capacity: InvestmentCapacity,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedProject {
    pub id: ProjectId,
    pub reference: String,
    pub title: String,
    pub phase: Phase,
    pub axis: String,
    pub ap_cents: Option<i64>,
    pub version: i64,
    pub credits: Vec<CreditYear>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScheduledLine {
    pub project_id: ProjectId,
    pub funder_id: ActorId,
    pub category: FundingCategory,
    pub status: FundingStatus,
    pub schedule: Vec<ScheduleYear>,
}

impl ScheduledLine {
    /// Receipts are money from others: the town's own lines are not, and
    /// a refused line brings nothing.
    fn is_receipt(&self) -> bool {
        self.category != FundingCategory::City && self.status != FundingStatus::Refused
    }
}

/// Each funder's past success: lines granted or paid ÷ lines decided
/// (granted, paid or refused). Funders with no decided line are absent
/// (their rate is [`DEFAULT_SUCCESS_RATE`]).
pub fn success_rates(
    lines: impl IntoIterator<Item = (ActorId, FundingStatus)>,
) -> HashMap<ActorId, f64> {
    let mut tallies: HashMap<ActorId, (u64, u64)> = HashMap::new();
    for (funder, status) in lines {
        let tally = tallies.entry(funder).or_default();
        match status {
            FundingStatus::Granted | FundingStatus::Paid => {
                tally.0 += 1;
                tally.1 += 1;
            }
            FundingStatus::Refused => tally.1 += 1,
            FundingStatus::Planned | FundingStatus::Requested => {}
        }
    }
    tallies
        .into_iter()
        .filter(|(_, (_, decided))| *decided > 0)
        .map(|(funder, (won, decided))| (funder, won as f64 / decided as f64))
        .collect()
}

/// How likely a line's expected money is: certain once granted, nothing
/// once refused, the funder's success rate before.
fn likelihood(line: &ScheduledLine, rates: &HashMap<ActorId, f64>) -> f64 {
    match line.status {
        FundingStatus::Granted | FundingStatus::Paid => 1.0,
        FundingStatus::Refused => 0.0,
        FundingStatus::Planned | FundingStatus::Requested => rates
            .get(&line.funder_id)
            .copied()
            .unwrap_or(DEFAULT_SUCCESS_RATE),
    }
}

/// The programme's figures for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeYear {
    pub year: i32,
    /// CP planned.
    pub planned_cents: i64,
    /// CP paid.
    pub paid_cents: i64,
    /// Receipts expected from the funding lines not refused (the town's
    /// own lines are not receipts).
    pub expected_receipts_cents: i64,
    pub received_cents: i64,
    /// Expected receipts, each line's weighed by how likely it is:
    /// granted or paid in full, others by their funder's success rate.
    pub likely_receipts_cents: i64,
    /// `planned_cents − expected_receipts_cents`: what the town must find.
    pub net_need_cents: i64,
    /// The town's capacity for the year, when set.
    pub capacity_cents: Option<i64>,
    /// The net need exceeds a set capacity.
    pub over_capacity: bool,
}

/// A project's row of the projects × years grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeRow {
    pub project_id: ProjectId,
    pub reference: String,
    pub title: String,
    pub phase: Phase,
    pub axis: String,
    pub ap_cents: Option<i64>,
    /// The project's version, for `If-Match` when its CP are changed.
    pub version: i64,
    /// Its CP, every year it has (those outside the range included, so
    /// that an edit can send them back whole).
    pub years: Vec<CreditYear>,
    /// Σ CP planned, every year.
    pub planned_cents: i64,
    /// Σ CP paid, every year.
    pub paid_cents: i64,
    /// Σ CP planned exceeds the AP.
    pub over_authorisation: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Programme {
    pub from: i32,
    pub to: i32,
    /// Every year from `from` to `to`.
    pub years: Vec<ProgrammeYear>,
    /// The programmed projects (with an AP or CP) not abandoned, by
    /// reference.
    pub projects: Vec<ProgrammeRow>,
}

/// The years a programme covers when none are asked: from the first to
/// the last with any CP, receipt or capacity; this year alone when there
/// is none.
pub fn default_range(plan: &Plan, this_year: i32) -> (i32, i32) {
    let years = plan
        .projects
        .iter()
        .filter(|p| p.phase != Phase::Abandonne)
        .flat_map(|p| p.credits.iter().map(|c| c.year))
        .chain(
            plan.lines
                .iter()
                .flat_map(|l| l.schedule.iter().map(|s| s.year)),
        )
        .chain(plan.capacity.years.iter().map(|c| c.year));
    let (mut first, mut last) = (None::<i32>, None::<i32>);
    for year in years {
        first = Some(first.map_or(year, |f| f.min(year)));
        last = Some(last.map_or(year, |l| l.max(year)));
    }
    match (first, last) {
        (Some(first), Some(last)) => (first, last),
        _ => (this_year, this_year),
    }
}

/// Checks a programme's range: `from ≤ to`, within [`YEARS`], at most
/// [`MAX_SPAN_YEARS`] wide.
pub fn check_range(from: i32, to: i32) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = year_in_range("from", from)
        .into_iter()
        .chain(year_in_range("to", to))
        .collect();
    if errors.is_empty() && from > to {
        errors.push(FieldError::new(
            "to",
            "before_from",
            "`to` cannot be before `from`",
        ));
    }
    if errors.is_empty() && to - from >= MAX_SPAN_YEARS {
        errors.push(FieldError::new(
            "to",
            "too_wide",
            format!("at most {MAX_SPAN_YEARS} years at once"),
        ));
    }
    errors
}

/// The programme of the plan over `from..=to`. Abandoned projects and
/// their lines are left out: they are no longer programmed.
pub fn programme(plan: &Plan, from: i32, to: i32) -> Programme {
    struct Tally {
        planned: i64,
        paid: i64,
        expected: i64,
        received: i64,
        likely: f64,
    }
    let mut tallies: BTreeMap<i32, Tally> = (from..=to)
        .map(|year| {
            let tally = Tally {
                planned: 0,
                paid: 0,
                expected: 0,
                received: 0,
                likely: 0.0,
            };
            (year, tally)
        })
        .collect();
    let live: BTreeSet<ProjectId> = plan
        .projects
        .iter()
        .filter(|p| p.phase != Phase::Abandonne)
        .map(|p| p.id)
        .collect();
    let mut rows = Vec::new();
    for project in plan.projects.iter().filter(|p| live.contains(&p.id)) {
        for credit in &project.credits {
            if let Some(tally) = tallies.get_mut(&credit.year) {
                tally.planned = tally.planned.saturating_add(credit.planned_cents);
                tally.paid = tally.paid.saturating_add(credit.paid_cents);
            }
        }
        if project.ap_cents.is_some() || !project.credits.is_empty() {
            let mut years = project.credits.clone();
            years.sort_by_key(|c| c.year);
            let planned: i64 = years.iter().map(|c| c.planned_cents).sum();
            rows.push(ProgrammeRow {
                project_id: project.id,
                reference: project.reference.clone(),
                title: project.title.clone(),
                phase: project.phase,
                axis: project.axis.clone(),
                ap_cents: project.ap_cents,
                version: project.version,
                paid_cents: years.iter().map(|c| c.paid_cents).sum(),
                planned_cents: planned,
                over_authorisation: project.ap_cents.is_some_and(|ap| planned > ap),
                years,
            });
        }
    }
    for line in plan
        .lines
        .iter()
        .filter(|l| live.contains(&l.project_id) && l.is_receipt())
    {
        let chance = likelihood(line, &plan.success_rates);
        for entry in &line.schedule {
            if let Some(tally) = tallies.get_mut(&entry.year) {
                tally.expected = tally.expected.saturating_add(entry.expected_cents);
                tally.received = tally.received.saturating_add(entry.received_cents);
                tally.likely += entry.expected_cents as f64 * chance;
            }
        }
    }
    rows.sort_by(|a, b| a.reference.cmp(&b.reference));
    let years = tallies
        .into_iter()
        .map(|(year, tally)| {
            let capacity = plan.capacity.of_year(year);
            let net_need = tally.planned.saturating_sub(tally.expected);
            ProgrammeYear {
                year,
                planned_cents: tally.planned,
                paid_cents: tally.paid,
                expected_receipts_cents: tally.expected,
                received_cents: tally.received,
                likely_receipts_cents: tally.likely.round() as i64,
                net_need_cents: net_need,
                capacity_cents: capacity,
                over_capacity: capacity.is_some_and(|c| net_need > c),
            }
        })
        .collect();
    Programme {
        from,
        to,
        years,
        projects: rows,
    }
}

/// A project moved in time by a scenario: its CP and its lines' receipts
/// by `years` (later when positive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ScenarioShift {
    pub project_id: ProjectId,
    #[cfg_attr(feature = "openapi", schema(minimum = -30, maximum = 30))]
    pub years: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewScenario {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ v::NAME_MAX_CHARS }, false>))]
    pub name: String,
    /// Each project once.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 1000))]
    pub shifts: Vec<ScenarioShift>,
    /// Projects the scenario leaves out (gives up or postpones
    /// indefinitely), each once; leaving out wins over a shift.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::excluded_projects))]
    pub excluded: Vec<ProjectId>,
}

impl NewScenario {
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        errors.extend(v::required_text("name", &self.name, v::NAME_MAX_CHARS));
        if self.shifts.len() > MAX_SCENARIO_PROJECTS {
            errors.push(FieldError::new(
                "shifts",
                "too_many",
                format!("at most {MAX_SCENARIO_PROJECTS} projects"),
            ));
        }
        if self.excluded.len() > MAX_SCENARIO_PROJECTS {
            errors.push(FieldError::new(
                "excluded",
                "too_many",
                format!("at most {MAX_SCENARIO_PROJECTS} projects"),
            ));
        }
        let mut shifted = BTreeSet::new();
        for (index, shift) in self.shifts.iter().enumerate() {
            if !shifted.insert(shift.project_id) {
                errors.push(FieldError::new(
                    format!("shifts.{index}.project_id"),
                    "duplicate",
                    "each project is shifted once",
                ));
            }
            if shift.years.abs() > MAX_SHIFT_YEARS {
                errors.push(FieldError::new(
                    format!("shifts.{index}.years"),
                    "out_of_range",
                    format!("between -{MAX_SHIFT_YEARS} and {MAX_SHIFT_YEARS} years"),
                ));
            }
        }
        let mut excluded = BTreeSet::new();
        for (index, project) in self.excluded.iter().enumerate() {
            if !excluded.insert(*project) {
                errors.push(FieldError::new(
                    format!("excluded.{index}"),
                    "duplicate",
                    "each project is left out once",
                ));
            }
        }
        errors
    }

    /// Every project the scenario names.
    pub fn projects(&self) -> impl Iterator<Item = ProjectId> + '_ {
        self.shifts
            .iter()
            .map(|s| s.project_id)
            .chain(self.excluded.iter().copied())
    }

    pub fn normalized(mut self) -> Self {
        self.name = self.name.trim().to_owned();
        self
    }
}

/// The plan as the scenario would make it: projects left out removed
/// with their lines, shifted ones moved with their lines' receipts.
pub fn apply_scenario(plan: &Plan, scenario: &NewScenario) -> Plan {
    let excluded: BTreeSet<ProjectId> = scenario.excluded.iter().copied().collect();
    let shifts: HashMap<ProjectId, i32> = scenario
        .shifts
        .iter()
        .map(|s| (s.project_id, s.years))
        .collect();
    let shift_of = |project: ProjectId| shifts.get(&project).copied().unwrap_or(0);
    let projects = plan
        .projects
        .iter()
        .filter(|p| !excluded.contains(&p.id))
        .map(|p| {
            let by = shift_of(p.id);
            let mut moved = p.clone();
            for credit in &mut moved.credits {
                credit.year += by;
            }
            moved
        })
        .collect();
    let lines = plan
        .lines
        .iter()
        .filter(|l| !excluded.contains(&l.project_id))
        .map(|l| {
            let by = shift_of(l.project_id);
            let mut moved = l.clone();
            for entry in &mut moved.schedule {
                entry.year += by;
            }
            moved
        })
        .collect();
    Plan {
        projects,
        lines,
        success_rates: plan.success_rates.clone(),
        capacity: plan.capacity.clone(),
    }
}

/// A year of the scenario minus the same year of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearDifference {
    pub year: i32,
    pub planned_cents: i64,
    pub paid_cents: i64,
    pub expected_receipts_cents: i64,
    pub received_cents: i64,
    pub likely_receipts_cents: i64,
    pub net_need_cents: i64,
}

/// Year by year, `scenario − plan` (both over the same years).
pub fn difference(scenario: &[ProgrammeYear], plan: &[ProgrammeYear]) -> Vec<YearDifference> {
    scenario
        .iter()
        .zip(plan)
        .map(|(s, p)| YearDifference {
            year: s.year,
            planned_cents: s.planned_cents - p.planned_cents,
            paid_cents: s.paid_cents - p.paid_cents,
            expected_receipts_cents: s.expected_receipts_cents - p.expected_receipts_cents,
            received_cents: s.received_cents - p.received_cents,
            likely_receipts_cents: s.likely_receipts_cents - p.likely_receipts_cents,
            net_need_cents: s.net_need_cents - p.net_need_cents,
        })
        .collect()
}

/// A scenario as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScenarioSummary {
    pub id: ScenarioId,
    pub name: String,
    pub shifts: Vec<ScenarioShift>,
    pub excluded: Vec<ProjectId>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub version: i64,
}

/// A scenario with its programme recomputed and set against the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scenario {
    #[serde(flatten)]
    pub scenario: ScenarioSummary,
    pub from: i32,
    pub to: i32,
    /// The years as the scenario would make them.
    pub years: Vec<ProgrammeYear>,
    /// The same years as planned.
    pub plan: Vec<ProgrammeYear>,
    /// `years − plan`, year by year.
    pub difference: Vec<YearDifference>,
}

/// `GET /api/v1/programming`: the years asked and the project list's
/// filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ProgrammeQuery {
    /// First year (`YYYY`); by default the first with any CP, receipt or
    /// capacity.
    #[cfg_attr(feature = "openapi", param(minimum = 1950, maximum = 2150))]
    pub from: Option<i32>,
    /// Last year (`YYYY`); by default the last with any.
    #[cfg_attr(feature = "openapi", param(minimum = 1950, maximum = 2150))]
    pub to: Option<i32>,
    /// Text searched in reference, title and summary.
    pub q: Option<String>,
    pub phase: Option<Phase>,
    pub axis: Option<String>,
    pub lead_id: Option<i64>,
    pub innovation_type: Option<InnovationType>,
    pub tag: Option<String>,
    /// Year of the commission letter.
    pub commission_year: Option<i32>,
    /// `xlsx` or `csv`: the projects × years grid with the totals per
    /// year, as a file (also asked with `Accept`).
    pub format: Option<crate::exchange::ExportFormat>,
}

impl ProgrammeQuery {
    pub fn criteria(&self) -> crate::projects::ProjectCriteria {
        crate::projects::ProjectCriteria {
            q: self.q.clone(),
            phase: self.phase,
            axis: self.axis.clone(),
            lead_id: self.lead_id,
            innovation_type: self.innovation_type,
            tag: self.tag.clone(),
            commission_year: self.commission_year,
        }
    }
}

/// `GET /api/v1/programming/scenarios/{id}`: the years asked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ScenarioQuery {
    /// First year; by default the first of the plan or the scenario.
    #[cfg_attr(feature = "openapi", param(minimum = 1950, maximum = 2150))]
    pub from: Option<i32>,
    /// Last year; by default the last of the plan or the scenario.
    #[cfg_attr(feature = "openapi", param(minimum = 1950, maximum = 2150))]
    pub to: Option<i32>,
}

// What the body alone says (checked as it is read); the handlers then
// check it against the record it changes (the AP, the line's amount, the
// CP already paid).
impl Validate for NewApRevision {
    fn validate(&self) -> Vec<FieldError> {
        self.check(0)
    }
}

impl Validate for PaymentCredits {
    fn validate(&self) -> Vec<FieldError> {
        self.check(None)
    }
}

impl Validate for FundingSchedule {
    fn validate(&self) -> Vec<FieldError> {
        self.check(i64::MAX)
    }
}

impl Validate for InvestmentCapacity {
    fn validate(&self) -> Vec<FieldError> {
        self.check()
    }
}

impl Validate for NewScenario {
    fn validate(&self) -> Vec<FieldError> {
        self.check()
    }
}

/// CP paid in one year, over the projects in scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearPaid {
    pub year: i32,
    pub paid_cents: i64,
}

/// Σ CP paid by year, years without any left out, in order.
pub fn paid_by_year(credits: impl IntoIterator<Item = (i32, i64)>) -> Vec<YearPaid> {
    let mut years: BTreeMap<i32, i64> = BTreeMap::new();
    for (year, paid) in credits {
        let total = years.entry(year).or_default();
        *total = total.saturating_add(paid);
    }
    years
        .into_iter()
        .filter(|(_, paid)| *paid > 0)
        .map(|(year, paid_cents)| YearPaid { year, paid_cents })
        .collect()
}

/// The "investment capacity × 2": CP paid in the last year that has any ÷
/// CP paid in the reference year (by default the first year with any),
/// rounded to two decimals; absent when the reference year paid nothing.
pub fn investment_capacity_ratio(paid: &[YearPaid], reference_year: Option<i32>) -> Option<f64> {
    let last = paid.last()?;
    let reference = match reference_year {
        Some(year) => paid.iter().find(|p| p.year == year)?,
        None => paid.first()?,
    };
    (reference.paid_cents > 0).then(|| round2(last.paid_cents as f64 / reference.paid_cents as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit(year: i32, planned: i64, paid: i64) -> CreditYear {
        CreditYear {
            year,
            planned_cents: planned,
            paid_cents: paid,
        }
    }

    fn scheduled(year: i32, expected: i64, received: i64) -> ScheduleYear {
        ScheduleYear {
            year,
            expected_cents: expected,
            received_cents: received,
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn revision(id: i64, amount: i64, voted_on: NaiveDate) -> ApRevision {
        ApRevision {
            id: ApRevisionId(id),
            project_id: ProjectId(1),
            amount_cents: amount,
            voted_on,
            deliberation_ref: "DEL-1".into(),
            comment: None,
            created_by: None,
            created_at: DateTime::<Utc>::default(),
        }
    }

    #[test]
    fn the_ap_in_force_is_the_latest_vote() {
        assert_eq!(current_ap(&[]), None);
        let revisions = [
            revision(1, 100, date(2020, 1, 10)),
            revision(3, 300, date(2019, 6, 1)),
            revision(2, 250, date(2020, 1, 10)),
        ];
        // Same day: the one recorded last; an older vote recorded later
        // does not replace it.
        assert_eq!(current_ap(&revisions), Some(250));
    }

    #[test]
    fn an_ap_revision_cannot_go_below_the_cp_paid() {
        let new = NewApRevision {
            amount_cents: 1_000,
            voted_on: date(2024, 3, 1),
            deliberation_ref: "2024-DEL-12".into(),
            comment: None,
        };
        assert!(new.check(1_000).is_empty());
        assert_eq!(fields(&new.check(1_001)), [("amount_cents", "below_paid")]);
        let blank = NewApRevision {
            amount_cents: -1,
            deliberation_ref: "  ".into(),
            ..new
        };
        assert_eq!(
            fields(&blank.check(0)),
            [
                ("amount_cents", "negative"),
                ("deliberation_ref", "required")
            ]
        );
    }

    #[test]
    fn payment_credits_follow_their_rules() {
        let ok = PaymentCredits {
            years: vec![credit(2024, 500, 500), credit(2025, 500, 0)],
        };
        assert!(ok.check(None).is_empty());
        assert!(ok.check(Some(1_000)).is_empty());
        assert_eq!(
            fields(&ok.check(Some(999))),
            [("years.1.planned_cents", "above_authorisation")]
        );

        let bad = PaymentCredits {
            years: vec![
                credit(2024, 100, 200),
                credit(2024, -1, 0),
                credit(1800, 0, 0),
            ],
        };
        assert_eq!(
            fields(&bad.check(None)),
            [
                ("years.0.paid_cents", "above_planned"),
                ("years.1.year", "duplicate"),
                ("years.1.planned_cents", "negative"),
                ("years.2.year", "out_of_range"),
            ]
        );
    }

    #[test]
    fn a_schedule_stays_within_its_line() {
        let ok = FundingSchedule {
            years: vec![scheduled(2024, 600, 600), scheduled(2025, 400, 100)],
        };
        assert!(ok.check(1_000).is_empty());
        assert_eq!(
            fields(&ok.check(900)),
            [("years.1.expected_cents", "above_amount")]
        );
        let bad = FundingSchedule {
            years: vec![scheduled(2024, 10, 20), scheduled(2024, 0, 0)],
        };
        assert_eq!(
            fields(&bad.check(1_000)),
            [
                ("years.0.received_cents", "above_expected"),
                ("years.1.year", "duplicate")
            ]
        );
    }

    #[test]
    fn capacity_years_are_listed_once() {
        let capacity = InvestmentCapacity {
            years: vec![
                CapacityYear {
                    year: 2024,
                    capacity_cents: 10,
                },
                CapacityYear {
                    year: 2024,
                    capacity_cents: -1,
                },
            ],
            reference_year: Some(3000),
        };
        assert_eq!(
            fields(&capacity.check()),
            [
                ("years.1.year", "duplicate"),
                ("years.1.capacity_cents", "negative"),
                ("reference_year", "out_of_range")
            ]
        );
    }

    fn project(id: i64, phase: Phase, credits: Vec<CreditYear>) -> PlannedProject {
        PlannedProject {
            id: ProjectId(id),
            reference: format!("2024-{id:03}"),
            title: format!("Projet {id}"),
            phase,
            axis: "Transition".into(),
            ap_cents: None,
            version: 1,
            credits,
        }
    }

    fn line(
        project: i64,
        funder: i64,
        category: FundingCategory,
        status: FundingStatus,
        schedule: Vec<ScheduleYear>,
    ) -> ScheduledLine {
        ScheduledLine {
            project_id: ProjectId(project),
            funder_id: ActorId(funder),
            category,
            status,
            schedule,
        }
    }

    /// Two live projects and an abandoned one; a State line granted, a
    /// Region line requested (the Region granted one of its two decided
    /// lines), a new funder's line planned, the town's own line, a
    /// refused line.
    fn portfolio() -> Plan {
        use FundingCategory::*;
        use FundingStatus::*;
        let mut first = project(
            1,
            Phase::Realisation,
            vec![credit(2024, 1_000, 800), credit(2025, 2_000, 0)],
        );
        first.ap_cents = Some(2_500);
        Plan {
            projects: vec![
                first,
                project(2, Phase::Decision, vec![credit(2025, 500, 0)]),
                project(3, Phase::Abandonne, vec![credit(2025, 9_000, 0)]),
                project(4, Phase::Instruction, vec![]),
            ],
            lines: vec![
                line(1, 10, Public, Granted, vec![scheduled(2024, 300, 300)]),
                line(1, 11, Public, Requested, vec![scheduled(2025, 1_000, 0)]),
                line(2, 12, Private, Planned, vec![scheduled(2025, 101, 0)]),
                line(2, 99, City, Granted, vec![scheduled(2025, 400, 0)]),
                line(2, 10, Public, Refused, vec![scheduled(2025, 700, 0)]),
                line(3, 10, Public, Granted, vec![scheduled(2025, 5_000, 0)]),
            ],
            success_rates: success_rates([
                (ActorId(11), Granted),
                (ActorId(11), Refused),
                (ActorId(11), Requested),
                (ActorId(10), Paid),
            ]),
            capacity: InvestmentCapacity {
                years: vec![
                    CapacityYear {
                        year: 2024,
                        capacity_cents: 1_000,
                    },
                    CapacityYear {
                        year: 2025,
                        capacity_cents: 1_500,
                    },
                ],
                reference_year: None,
            },
        }
    }

    #[test]
    fn success_rates_count_decided_lines_only() {
        let rates = portfolio().success_rates;
        assert_eq!(rates.get(&ActorId(11)), Some(&0.5));
        assert_eq!(rates.get(&ActorId(10)), Some(&1.0));
        assert_eq!(rates.get(&ActorId(12)), None);
    }

    #[test]
    fn the_programme_adds_up_by_year() {
        let plan = portfolio();
        let programme = programme(&plan, 2024, 2026);
        let [y2024, y2025, y2026] = &programme.years[..] else {
            panic!("three years");
        };
        assert_eq!(
            *y2024,
            ProgrammeYear {
                year: 2024,
                planned_cents: 1_000,
                paid_cents: 800,
                expected_receipts_cents: 300,
                received_cents: 300,
                likely_receipts_cents: 300,
                net_need_cents: 700,
                capacity_cents: Some(1_000),
                over_capacity: false,
            }
        );
        // 2025: CP 2 000 + 500 (the abandoned project's 9 000 left out);
        // receipts 1 000 (Region, requested) + 101 (new funder, planned),
        // not the town's own 400 nor the refused 700; likely 1 000 × 0.5
        // + 101 × 0.5 = 550.5, rounded.
        assert_eq!(y2025.planned_cents, 2_500);
        assert_eq!(y2025.expected_receipts_cents, 1_101);
        assert_eq!(y2025.likely_receipts_cents, 551);
        assert_eq!(y2025.net_need_cents, 1_399);
        assert!(!y2025.over_capacity);
        assert_eq!(y2026.planned_cents, 0);
        assert_eq!(y2026.capacity_cents, None);
        assert!(!y2026.over_capacity);

        // Grid: programmed projects only, not the abandoned one.
        let rows: Vec<_> = programme
            .projects
            .iter()
            .map(|r| (r.project_id.0, r.planned_cents, r.over_authorisation))
            .collect();
        assert_eq!(rows, [(1, 3_000, true), (2, 500, false)]);
        assert_eq!(default_range(&plan, 2030), (2024, 2025));
        assert_eq!(default_range(&Plan::default(), 2030), (2030, 2030));
    }

    #[test]
    fn a_year_over_capacity_is_flagged() {
        let mut plan = portfolio();
        plan.capacity.years[1].capacity_cents = 1_398;
        let programme = programme(&plan, 2025, 2025);
        assert!(programme.years[0].over_capacity);
    }

    #[test]
    fn a_scenario_moves_and_leaves_out_projects_without_touching_the_plan() {
        let plan = portfolio();
        let scenario = NewScenario {
            name: "Report".into(),
            shifts: vec![ScenarioShift {
                project_id: ProjectId(1),
                years: 1,
            }],
            excluded: vec![ProjectId(2)],
        };
        assert!(scenario.check().is_empty());
        let moved = apply_scenario(&plan, &scenario);
        let planned = programme(&plan, 2024, 2026);
        let changed = programme(&moved, 2024, 2026);
        let need: Vec<i64> = changed.years.iter().map(|y| y.planned_cents).collect();
        assert_eq!(need, [0, 1_000, 2_000]);
        let delta = difference(&changed.years, &planned.years);
        assert_eq!(delta[0].planned_cents, -1_000);
        assert_eq!(delta[1].planned_cents, 1_000 - 2_500);
        assert_eq!(delta[2].planned_cents, 2_000);
        // The Region's receipt moved with its project.
        assert_eq!(changed.years[2].expected_receipts_cents, 1_000);
        assert_eq!(plan, portfolio());
    }

    #[test]
    fn a_scenario_names_each_project_once() {
        let shift = |id| ScenarioShift {
            project_id: ProjectId(id),
            years: 40,
        };
        let scenario = NewScenario {
            name: String::new(),
            shifts: vec![shift(1), shift(1)],
            excluded: vec![ProjectId(3), ProjectId(3)],
        };
        assert_eq!(
            fields(&scenario.check()),
            [
                ("name", "required"),
                ("shifts.0.years", "out_of_range"),
                ("shifts.1.project_id", "duplicate"),
                ("shifts.1.years", "out_of_range"),
                ("excluded.1", "duplicate"),
            ]
        );
    }

    #[test]
    fn ranges_are_bounded() {
        assert!(check_range(2015, 2026).is_empty());
        assert_eq!(fields(&check_range(2026, 2015)), [("to", "before_from")]);
        assert_eq!(fields(&check_range(2000, 2100)), [("to", "too_wide")]);
        assert_eq!(fields(&check_range(1000, 2000)), [("from", "out_of_range")]);
    }

    #[test]
    fn the_capacity_ratio_compares_the_last_year_with_the_reference() {
        let paid = paid_by_year([(2016, 0), (2015, 100), (2020, 150), (2026, 210)]);
        assert_eq!(
            paid.iter().map(|p| p.year).collect::<Vec<_>>(),
            [2015, 2020, 2026]
        );
        assert_eq!(investment_capacity_ratio(&paid, None), Some(2.1));
        assert_eq!(investment_capacity_ratio(&paid, Some(2020)), Some(1.4));
        assert_eq!(investment_capacity_ratio(&paid, Some(2016)), None);
        assert_eq!(investment_capacity_ratio(&[], None), None);
    }

    #[test]
    fn amounts_read_in_euros() {
        assert_eq!(euros(123_456_789), "1 234 567,89 €");
        assert_eq!(euros(5), "0,05 €");
    }
}
