//! Funding opportunities: the calls for projects and aid schemes a town's
//! projects may apply for, their rules, and which of them a project may
//! apply for now and why. The perimeter speaks INSEE codes: a commune
//! (`26281`), a department (`26`, `2A`, `974`) or a region (`84`); a code
//! may be prefixed to say which (`commune:`, `department:`, `region:`).

use crate::finance::string_enum;
use crate::ids::{ActorId, OpportunityId};
use crate::lifecycle::Phase;
use crate::validation::{self as v, Validate};
use crate::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The kind of help an opportunity gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AidType {
    Grant,
    Loan,
    RecoverableAdvance,
    /// Technical, financial or legal engineering.
    Engineering,
}

string_enum!(AidType {
    AidType::Grant => "grant",
    AidType::Loan => "loan",
    AidType::RecoverableAdvance => "recoverable_advance",
    AidType::Engineering => "engineering",
});

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum Recurrence {
    /// One call, one deadline.
    #[default]
    OneOff,
    /// Open all year round.
    Ongoing,
    /// Comes back each year or session.
    Recurring,
}

string_enum!(Recurrence {
    Recurrence::OneOff => "one_off",
    Recurrence::Ongoing => "ongoing",
    Recurrence::Recurring => "recurring",
});

pub const SCHEME_MAX_CHARS: usize = 100;
pub const PERIMETER_MAX_CODES: usize = 200;
pub const AXES_MAX: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundingOpportunity {
    pub id: OpportunityId,
    pub name: String,
    /// The funder in the directory, when linked.
    pub funder_id: Option<ActorId>,
    pub funder_name: String,
    pub scheme: Option<String>,
    pub aid_types: Vec<AidType>,
    /// Axes of the projects it is for; empty: every axis.
    pub axes: Vec<String>,
    /// Phases in which a project may apply; empty: any phase.
    pub phases: Vec<Phase>,
    /// INSEE codes of communes, departments or regions; empty: everywhere.
    pub perimeter: Vec<String>,
    /// Percent of the expense the aid may cover.
    pub subsidy_rate_min: Option<i32>,
    pub subsidy_rate_max: Option<i32>,
    pub opens_on: Option<NaiveDate>,
    pub predeposit_date: Option<NaiveDate>,
    pub submission_deadline: Option<NaiveDate>,
    pub recurrence: Recurrence,
    /// Its page; an import matches on it.
    pub url: Option<String>,
    pub description: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// An opportunity as written: created with `POST`, replaced whole with
/// `PUT`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewFundingOpportunity {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::required_text::<{ v::NAME_MAX_CHARS }, false>))]
    pub name: String,
    #[serde(default)]
    pub funder_id: Option<ActorId>,
    /// Required unless `funder_id` names an actor (its name is then taken).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ v::NAME_MAX_CHARS }>))]
    pub funder_name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_trimmed_text::<{ SCHEME_MAX_CHARS }>))]
    pub scheme: Option<String>,
    #[serde(default)]
    pub aid_types: Vec<AidType>,
    /// Configured axes only.
    #[serde(default)]
    pub axes: Vec<String>,
    #[serde(default)]
    pub phases: Vec<Phase>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::perimeter))]
    pub perimeter: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub subsidy_rate_min: Option<i32>,
    /// At least `subsidy_rate_min`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub subsidy_rate_max: Option<i32>,
    #[serde(default)]
    pub opens_on: Option<NaiveDate>,
    #[serde(default)]
    pub predeposit_date: Option<NaiveDate>,
    /// Not before `opens_on` nor `predeposit_date`.
    #[serde(default)]
    pub submission_deadline: Option<NaiveDate>,
    #[serde(default)]
    pub recurrence: Recurrence,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_website))]
    pub url: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::long_text::<true>))]
    pub description: Option<String>,
}

fn trimmed(value: Option<String>) -> Option<String> {
    value.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

impl NewFundingOpportunity {
    /// The values stored: texts trimmed, blanks as none, codes upper-case,
    /// lists without repeats.
    pub fn normalized(mut self) -> Self {
        self.name = self.name.trim().to_owned();
        self.funder_name = trimmed(self.funder_name);
        self.scheme = trimmed(self.scheme);
        self.url = trimmed(self.url);
        self.description = self.description.filter(|d| !d.trim().is_empty());
        self.axes = dedup(self.axes.into_iter().map(|a| a.trim().to_owned()));
        self.perimeter = dedup(self.perimeter.iter().map(|c| normalize_code(c)));
        self.aid_types = dedup(self.aid_types);
        self.phases = dedup(self.phases);
        self
    }

    /// Every rule of the record alone (the axes against the settings and
    /// the funder against the directory are the backend's).
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        errors.extend(v::required_text("name", &self.name, v::NAME_MAX_CHARS));
        if self.funder_id.is_none() && trimmed(self.funder_name.clone()).is_none() {
            errors.push(FieldError::new(
                "funder_name",
                "required",
                "name the funder, or link it to an actor of the directory",
            ));
        }
        errors.extend(v::optional_text(
            "funder_name",
            self.funder_name.as_deref().filter(|n| !n.trim().is_empty()),
            v::NAME_MAX_CHARS,
        ));
        errors.extend(v::optional_text(
            "scheme",
            self.scheme.as_deref().filter(|s| !s.trim().is_empty()),
            SCHEME_MAX_CHARS,
        ));
        for (field, rate) in [
            ("subsidy_rate_min", self.subsidy_rate_min),
            ("subsidy_rate_max", self.subsidy_rate_max),
        ] {
            if rate.is_some_and(|r| !(0..=100).contains(&r)) {
                errors.push(FieldError::new(
                    field,
                    "out_of_range",
                    "a rate between 0 and 100 %",
                ));
            }
        }
        if let (Some(min), Some(max)) = (self.subsidy_rate_min, self.subsidy_rate_max) {
            if max < min {
                errors.push(FieldError::new(
                    "subsidy_rate_max",
                    "below_minimum",
                    "the maximum rate cannot be below the minimum",
                ));
            }
        }
        if let Some(deadline) = self.submission_deadline {
            if self.opens_on.is_some_and(|o| deadline < o) {
                errors.push(FieldError::new(
                    "submission_deadline",
                    "before_opening",
                    "the deadline cannot precede the opening",
                ));
            }
            if self.predeposit_date.is_some_and(|p| deadline < p) {
                errors.push(FieldError::new(
                    "submission_deadline",
                    "before_predeposit",
                    "the deadline cannot precede the pre-deposit",
                ));
            }
        }
        if self.axes.len() > AXES_MAX {
            errors.push(FieldError::new(
                "axes",
                "too_many",
                format!("at most {AXES_MAX} axes"),
            ));
        }
        if self.perimeter.len() > PERIMETER_MAX_CODES {
            errors.push(FieldError::new(
                "perimeter",
                "too_many",
                format!("at most {PERIMETER_MAX_CODES} codes"),
            ));
        }
        for (index, code) in self.perimeter.iter().enumerate() {
            if parse_place(code).is_none() {
                errors.push(FieldError::new(
                    format!("perimeter.{index}"),
                    "invalid_code",
                    "an INSEE code of a commune (5 characters), a department or a region",
                ));
            }
        }
        let url = self.url.as_deref().map(str::trim).filter(|u| !u.is_empty());
        errors.extend(v::website("url", url));
        errors.extend(v::long_text("description", self.description.as_deref()));
        errors
    }
}

impl Validate for NewFundingOpportunity {
    fn validate(&self) -> Vec<FieldError> {
        self.check()
    }
}

fn dedup<T: Ord + Clone>(values: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut seen = BTreeSet::new();
    values
        .into_iter()
        .filter(|value| seen.insert(value.clone()))
        .collect()
}

/// `GET /api/v1/funding-opportunities`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct OpportunityListQuery {
    /// Open on that day: opened by then and its deadline not passed.
    pub open_on: Option<NaiveDate>,
    /// Its deadline on or before that day.
    pub deadline_before: Option<NaiveDate>,
    /// For projects of that axis (an opportunity for every axis included).
    pub axis: Option<String>,
    /// Text searched in the name, funder, scheme and description.
    pub q: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `csv` or `xlsx`: every match as a file (also asked with `Accept`),
    /// in the columns the import reads.
    pub format: Option<crate::exchange::ExportFormat>,
}

/// Open on `day`: opened by then, and the deadline not passed.
pub fn is_open_on(opportunity: &FundingOpportunity, day: NaiveDate) -> bool {
    opportunity.opens_on.is_none_or(|o| o <= day)
        && opportunity.submission_deadline.is_none_or(|d| d >= day)
}

/// A place a perimeter names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Commune(String),
    Department(String),
    Region(String),
    /// Two digits that are both a department's code and a region's.
    DepartmentOrRegion(String),
}

/// A perimeter code as stored: trimmed, upper-case, the prefix lower-case.
pub fn normalize_code(code: &str) -> String {
    let code = code.trim();
    match code.split_once(':') {
        Some((kind, rest)) => format!(
            "{}:{}",
            kind.trim().to_lowercase(),
            rest.trim().to_uppercase()
        ),
        None => code.to_uppercase(),
    }
}

/// What a perimeter code names, if anything.
pub fn parse_place(code: &str) -> Option<Place> {
    let code = normalize_code(code);
    if let Some((kind, rest)) = code.split_once(':') {
        return match kind {
            "commune" if is_commune(rest) => Some(Place::Commune(rest.to_owned())),
            "department" if region_of_department(rest).is_some() => {
                Some(Place::Department(rest.to_owned()))
            }
            "region" if REGIONS.contains(&rest) => Some(Place::Region(rest.to_owned())),
            _ => None,
        };
    }
    let department = region_of_department(&code).is_some();
    let region = REGIONS.contains(&code.as_str());
    match (department, region) {
        (true, true) => Some(Place::DepartmentOrRegion(code)),
        (true, false) => Some(Place::Department(code)),
        (false, true) => Some(Place::Region(code)),
        (false, false) if is_commune(&code) => Some(Place::Commune(code)),
        _ => None,
    }
}

fn is_commune(code: &str) -> bool {
    code.len() == 5
        && code
            .chars()
            .all(|c| c.is_ascii_digit() || c == 'A' || c == 'B')
        && region_of_department(&department_of(code)).is_some()
}

/// The department of a commune's INSEE code: its first two characters,
/// three overseas (`974…`).
pub fn department_of(commune: &str) -> String {
    let length = if commune.starts_with("97") { 3 } else { 2 };
    commune.chars().take(length).collect()
}

/// The INSEE codes of the regions (since 2016).
pub const REGIONS: [&str; 18] = [
    "01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84",
    "93", "94",
];

/// The region of a department (INSEE codes).
pub fn region_of_department(department: &str) -> Option<&'static str> {
    const TABLE: [(&str, &[&str]); 18] = [
        (
            "84",
            &[
                "01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74",
            ],
        ),
        ("27", &["21", "25", "39", "58", "70", "71", "89", "90"]),
        ("53", &["22", "29", "35", "56"]),
        ("24", &["18", "28", "36", "37", "41", "45"]),
        ("94", &["2A", "2B"]),
        (
            "44",
            &["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"],
        ),
        ("32", &["02", "59", "60", "62", "80"]),
        ("11", &["75", "77", "78", "91", "92", "93", "94", "95"]),
        ("28", &["14", "27", "50", "61", "76"]),
        (
            "75",
            &[
                "16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87",
            ],
        ),
        (
            "76",
            &[
                "09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82",
            ],
        ),
        ("52", &["44", "49", "53", "72", "85"]),
        ("93", &["04", "05", "06", "13", "83", "84"]),
        ("01", &["971"]),
        ("02", &["972"]),
        ("03", &["973"]),
        ("04", &["974"]),
        ("06", &["976"]),
    ];
    TABLE
        .iter()
        .find(|(_, departments)| departments.contains(&department))
        .map(|(region, _)| *region)
}

/// How precisely a perimeter names a commune.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Coverage {
    Everywhere,
    Region,
    Department,
    Commune,
}

/// Whether the perimeter covers the commune, and how precisely (the most
/// precise code that does). An empty perimeter covers everywhere, a
/// commune unknown included; a perimeter with codes needs the commune.
pub fn coverage(perimeter: &[String], commune: Option<&str>) -> Option<Coverage> {
    if perimeter.is_empty() {
        return Some(Coverage::Everywhere);
    }
    let commune = normalize_code(commune?);
    let department = department_of(&commune);
    let region = region_of_department(&department);
    perimeter
        .iter()
        .filter_map(|code| match parse_place(code)? {
            Place::Commune(c) => (c == commune).then_some(Coverage::Commune),
            Place::Department(d) => (d == department).then_some(Coverage::Department),
            Place::Region(r) => (Some(r.as_str()) == region).then_some(Coverage::Region),
            Place::DepartmentOrRegion(code) => {
                if code == department {
                    Some(Coverage::Department)
                } else {
                    (Some(code.as_str()) == region).then_some(Coverage::Region)
                }
            }
        })
        .max()
}

/// What a project brings to the match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectProfile {
    pub axis: String,
    pub phase: Phase,
    pub commune_insee: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Axis,
    Phase,
    Perimeter,
    Deadline,
    Rate,
}

/// Why an opportunity suits a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatchReason {
    pub kind: MatchKind,
    /// In French, for the page.
    pub message: String,
}

/// An opportunity a project may apply for now, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpportunityMatch {
    pub opportunity: FundingOpportunity,
    /// Higher first: precise matches, then the nearest deadline.
    pub score: i64,
    pub reasons: Vec<MatchReason>,
}

/// Whether the project may apply for the opportunity on `today` (open, its
/// axis, its phase, its commune inside the perimeter), and why.
pub fn match_project(
    opportunity: &FundingOpportunity,
    project: &ProjectProfile,
    today: NaiveDate,
) -> Option<OpportunityMatch> {
    if !is_open_on(opportunity, today) || project.phase.is_terminal() {
        return None;
    }
    let axis = opportunity.axes.is_empty() || opportunity.axes.contains(&project.axis);
    let phase = opportunity.phases.is_empty() || opportunity.phases.contains(&project.phase);
    if !axis || !phase {
        return None;
    }
    let covered = coverage(&opportunity.perimeter, project.commune_insee.as_deref())?;
    let reason = |kind, message: String| MatchReason { kind, message };
    let mut score = 0;
    let mut reasons = Vec::new();
    if opportunity.axes.is_empty() {
        reasons.push(reason(MatchKind::Axis, "ouvert à tous les axes".into()));
    } else {
        score += 30;
        reasons.push(reason(MatchKind::Axis, format!("axe « {} »", project.axis)));
    }
    if opportunity.phases.is_empty() {
        reasons.push(reason(MatchKind::Phase, "à toute phase".into()));
    } else {
        score += 20;
        reasons.push(reason(MatchKind::Phase, format!("phase {}", project.phase)));
    }
    let (points, text) = match covered {
        Coverage::Commune => (30, "la commune du projet est dans le périmètre"),
        Coverage::Department => (20, "le département du projet est dans le périmètre"),
        Coverage::Region => (10, "la région du projet est dans le périmètre"),
        Coverage::Everywhere => (0, "partout en France"),
    };
    score += points;
    reasons.push(reason(MatchKind::Perimeter, text.into()));
    match opportunity.submission_deadline {
        Some(deadline) => {
            let days = (deadline - today).num_days();
            // Sooner deadlines first, among equally precise matches.
            score += (365 - days.min(365)) / 30;
            reasons.push(reason(
                MatchKind::Deadline,
                format!(
                    "dépôt jusqu'au {} (dans {days} jours)",
                    deadline.format("%d/%m/%Y")
                ),
            ));
        }
        None => reasons.push(reason(MatchKind::Deadline, "sans date limite".into())),
    }
    if let Some(max) = opportunity.subsidy_rate_max {
        score += i64::from(max) / 10;
        reasons.push(reason(
            MatchKind::Rate,
            format!("jusqu'à {max} % de la dépense"),
        ));
    }
    Some(OpportunityMatch {
        opportunity: opportunity.clone(),
        score,
        reasons,
    })
}

/// The opportunities a project may apply for now, best first (then the
/// nearest deadline, then by name).
pub fn matches_for(
    opportunities: &[FundingOpportunity],
    project: &ProjectProfile,
    today: NaiveDate,
) -> Vec<OpportunityMatch> {
    let mut found: Vec<OpportunityMatch> = opportunities
        .iter()
        .filter_map(|o| match_project(o, project, today))
        .collect();
    found.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| {
                let deadline = |m: &OpportunityMatch| {
                    m.opportunity.submission_deadline.unwrap_or(NaiveDate::MAX)
                };
                deadline(a).cmp(&deadline(b))
            })
            .then_with(|| a.opportunity.name.cmp(&b.opportunity.name))
    });
    found
}

/// `POST /api/v1/projects/{id}/opportunities/{opportunity_id}/apply`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplyToOpportunity {
    /// The amount sought; by default the project's total cost times the
    /// opportunity's maximum rate (0 without a rate).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount_cents::<true>))]
    pub amount_cents: Option<i64>,
}

impl Validate for ApplyToOpportunity {
    fn validate(&self) -> Vec<FieldError> {
        self.amount_cents
            .and_then(|a| v::amount_cents("amount_cents", a))
            .into_iter()
            .collect()
    }
}

/// The amount a project seeks by default: its total cost times the
/// maximum rate, rounded down to the euro.
pub fn default_amount(total_cost_cents: i64, rate_max: Option<i32>) -> i64 {
    let rate = i64::from(rate_max.unwrap_or(0).clamp(0, 100));
    (total_cost_cents / 100).saturating_mul(rate) / 100 * 100
}

/// The phases of an Aides-territoires `mobilization_steps` entry, by its
/// code (`preop`, `op`, `postop`) or its label: before the operation
/// (thinking it through, studies), during it (carrying it out), after it
/// (its use).
pub fn phases_of_step(step: &str) -> &'static [Phase] {
    let step = fold(step);
    if step == "preop" || step.contains("reflexion") || step.contains("conception") {
        &[
            Phase::Commande,
            Phase::Cadrage,
            Phase::Instruction,
            Phase::Decision,
        ]
    } else if step == "op" || step.contains("mise en") || step.contains("realisation") {
        &[Phase::Realisation]
    } else if step == "postop" || step.contains("usage") || step.contains("valorisation") {
        &[Phase::Evaluation]
    } else {
        &[]
    }
}

/// The recurrence of an Aides-territoires `recurrence`, by its code or
/// its label.
pub fn recurrence_of(label: &str) -> Option<Recurrence> {
    let label = fold(label);
    if label.starts_with("ponctuel") || label == "oneoff" || label == "one_off" {
        Some(Recurrence::OneOff)
    } else if label.starts_with("permanent") || label == "ongoing" {
        Some(Recurrence::Ongoing)
    } else if label.starts_with("recurrent") || label == "recurring" {
        Some(Recurrence::Recurring)
    } else {
        None
    }
}

/// The kind of an Aides-territoires aid type, by its code or its label.
pub fn aid_type_of(label: &str) -> Option<AidType> {
    let label = fold(label);
    if label.contains("engineering") || label.contains("ingenierie") {
        Some(AidType::Engineering)
    } else if label.contains("recoverable") || label.contains("avance") {
        Some(AidType::RecoverableAdvance)
    } else if label.contains("loan") || label.contains("pret") {
        Some(AidType::Loan)
    } else if label.contains("grant") || label.contains("subvention") {
        Some(AidType::Grant)
    } else {
        None
    }
}

/// Lower-case, accents, hyphens and apostrophes folded, for comparing
/// place names.
pub fn fold(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '-' | '\'' | '’' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The perimeter codes of an Aides-territoires perimeter name: none for
/// the whole country, a region's or a department's code, or a commune's
/// INSEE code as given. `Err` when the name is not known.
pub fn perimeter_of_name(name: &str) -> Result<Vec<String>, String> {
    let folded = fold(name);
    if folded.is_empty()
        || ["france", "europe", "france metropolitaine", "national"].contains(&folded.as_str())
    {
        return Ok(Vec::new());
    }
    if let Some(place) = parse_place(name) {
        return Ok(vec![match place {
            Place::Region(code) => format!("region:{code}"),
            Place::Department(code) | Place::DepartmentOrRegion(code) => {
                format!("department:{code}")
            }
            Place::Commune(code) => code,
        }]);
    }
    if let Some((code, _)) = REGION_NAMES.iter().find(|(_, n)| fold(n) == folded) {
        return Ok(vec![format!("region:{code}")]);
    }
    if let Some((code, _)) = DEPARTMENT_NAMES.iter().find(|(_, n)| fold(n) == folded) {
        return Ok(vec![format!("department:{code}")]);
    }
    Err(format!(
        "unknown perimeter « {name} »: give a region, a department or an INSEE code"
    ))
}

const REGION_NAMES: [(&str, &str); 18] = [
    ("84", "Auvergne-Rhône-Alpes"),
    ("27", "Bourgogne-Franche-Comté"),
    ("53", "Bretagne"),
    ("24", "Centre-Val de Loire"),
    ("94", "Corse"),
    ("44", "Grand Est"),
    ("32", "Hauts-de-France"),
    ("11", "Île-de-France"),
    ("28", "Normandie"),
    ("75", "Nouvelle-Aquitaine"),
    ("76", "Occitanie"),
    ("52", "Pays de la Loire"),
    ("93", "Provence-Alpes-Côte d'Azur"),
    ("01", "Guadeloupe"),
    ("02", "Martinique"),
    ("03", "Guyane"),
    ("04", "La Réunion"),
    ("06", "Mayotte"),
];

const DEPARTMENT_NAMES: [(&str, &str); 96] = [
    ("01", "Ain"),
    ("02", "Aisne"),
    ("03", "Allier"),
    ("04", "Alpes-de-Haute-Provence"),
    ("05", "Hautes-Alpes"),
    ("06", "Alpes-Maritimes"),
    ("07", "Ardèche"),
    ("08", "Ardennes"),
    ("09", "Ariège"),
    ("10", "Aube"),
    ("11", "Aude"),
    ("12", "Aveyron"),
    ("13", "Bouches-du-Rhône"),
    ("14", "Calvados"),
    ("15", "Cantal"),
    ("16", "Charente"),
    ("17", "Charente-Maritime"),
    ("18", "Cher"),
    ("19", "Corrèze"),
    ("2A", "Corse-du-Sud"),
    ("2B", "Haute-Corse"),
    ("21", "Côte-d'Or"),
    ("22", "Côtes-d'Armor"),
    ("23", "Creuse"),
    ("24", "Dordogne"),
    ("25", "Doubs"),
    ("26", "Drôme"),
    ("27", "Eure"),
    ("28", "Eure-et-Loir"),
    ("29", "Finistère"),
    ("30", "Gard"),
    ("31", "Haute-Garonne"),
    ("32", "Gers"),
    ("33", "Gironde"),
    ("34", "Hérault"),
    ("35", "Ille-et-Vilaine"),
    ("36", "Indre"),
    ("37", "Indre-et-Loire"),
    ("38", "Isère"),
    ("39", "Jura"),
    ("40", "Landes"),
    ("41", "Loir-et-Cher"),
    ("42", "Loire"),
    ("43", "Haute-Loire"),
    ("44", "Loire-Atlantique"),
    ("45", "Loiret"),
    ("46", "Lot"),
    ("47", "Lot-et-Garonne"),
    ("48", "Lozère"),
    ("49", "Maine-et-Loire"),
    ("50", "Manche"),
    ("51", "Marne"),
    ("52", "Haute-Marne"),
    ("53", "Mayenne"),
    ("54", "Meurthe-et-Moselle"),
    ("55", "Meuse"),
    ("56", "Morbihan"),
    ("57", "Moselle"),
    ("58", "Nièvre"),
    ("59", "Nord"),
    ("60", "Oise"),
    ("61", "Orne"),
    ("62", "Pas-de-Calais"),
    ("63", "Puy-de-Dôme"),
    ("64", "Pyrénées-Atlantiques"),
    ("65", "Hautes-Pyrénées"),
    ("66", "Pyrénées-Orientales"),
    ("67", "Bas-Rhin"),
    ("68", "Haut-Rhin"),
    ("69", "Rhône"),
    ("70", "Haute-Saône"),
    ("71", "Saône-et-Loire"),
    ("72", "Sarthe"),
    ("73", "Savoie"),
    ("74", "Haute-Savoie"),
    ("75", "Paris"),
    ("76", "Seine-Maritime"),
    ("77", "Seine-et-Marne"),
    ("78", "Yvelines"),
    ("79", "Deux-Sèvres"),
    ("80", "Somme"),
    ("81", "Tarn"),
    ("82", "Tarn-et-Garonne"),
    ("83", "Var"),
    ("84", "Vaucluse"),
    ("85", "Vendée"),
    ("86", "Vienne"),
    ("87", "Haute-Vienne"),
    ("88", "Vosges"),
    ("89", "Yonne"),
    ("90", "Territoire de Belfort"),
    ("91", "Essonne"),
    ("92", "Hauts-de-Seine"),
    ("93", "Seine-Saint-Denis"),
    ("94", "Val-de-Marne"),
    ("95", "Val-d'Oise"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn opportunity(name: &str) -> FundingOpportunity {
        FundingOpportunity {
            id: OpportunityId(1),
            name: name.into(),
            funder_id: None,
            funder_name: "État".into(),
            scheme: Some("DSIL".into()),
            aid_types: vec![AidType::Grant],
            axes: vec![],
            phases: vec![],
            perimeter: vec![],
            subsidy_rate_min: None,
            subsidy_rate_max: None,
            opens_on: None,
            predeposit_date: None,
            submission_deadline: Some(day(2026, 6, 30)),
            recurrence: Recurrence::OneOff,
            url: None,
            description: None,
            created_at: DateTime::<Utc>::default(),
            updated_at: DateTime::<Utc>::default(),
            version: 1,
        }
    }

    fn romans(phase: Phase) -> ProjectProfile {
        ProjectProfile {
            axis: "Transition".into(),
            phase,
            commune_insee: Some("26281".into()),
        }
    }

    #[test]
    fn codes_name_communes_departments_and_regions() {
        assert_eq!(parse_place("26281"), Some(Place::Commune("26281".into())));
        assert_eq!(parse_place(" 26 "), Some(Place::Department("26".into())));
        assert_eq!(parse_place("2a"), Some(Place::Department("2A".into())));
        assert_eq!(parse_place("974"), Some(Place::Department("974".into())));
        assert_eq!(
            parse_place("84"),
            Some(Place::DepartmentOrRegion("84".into()))
        );
        assert_eq!(parse_place("region:84"), Some(Place::Region("84".into())));
        assert_eq!(
            parse_place("Department:84"),
            Some(Place::Department("84".into()))
        );
        assert_eq!(parse_place("99999"), None);
        assert_eq!(parse_place("region:26"), None);
        assert_eq!(parse_place("Drôme"), None);
        assert_eq!(department_of("97411"), "974");
    }

    #[test]
    fn a_perimeter_covers_a_commune_by_its_most_precise_code() {
        let codes = |c: &[&str]| c.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let romans = Some("26281");
        assert_eq!(coverage(&[], None), Some(Coverage::Everywhere));
        assert_eq!(
            coverage(&codes(&["26"]), romans),
            Some(Coverage::Department)
        );
        assert_eq!(coverage(&codes(&["84"]), romans), Some(Coverage::Region));
        assert_eq!(coverage(&codes(&["department:84"]), romans), None);
        assert_eq!(
            coverage(&codes(&["38", "26281"]), romans),
            Some(Coverage::Commune)
        );
        assert_eq!(coverage(&codes(&["38"]), romans), None);
        assert_eq!(coverage(&codes(&["26"]), None), None);
        // Avignon is in the department 84, not the region 84.
        assert_eq!(
            coverage(&codes(&["84"]), Some("84007")),
            Some(Coverage::Department)
        );
    }

    #[test]
    fn a_project_matches_by_axis_phase_perimeter_and_deadline() {
        let today = day(2026, 3, 1);
        let mut open = opportunity("Ouvert");
        assert!(match_project(&open, &romans(Phase::Instruction), today).is_some());
        open.axes = vec!["Culture".into()];
        assert!(match_project(&open, &romans(Phase::Instruction), today).is_none());
        open.axes = vec!["Transition".into()];
        open.phases = vec![Phase::Realisation];
        assert!(match_project(&open, &romans(Phase::Instruction), today).is_none());
        assert!(match_project(&open, &romans(Phase::Realisation), today).is_some());
        open.perimeter = vec!["38".into()];
        assert!(match_project(&open, &romans(Phase::Realisation), today).is_none());
        open.perimeter = vec!["26".into()];
        let found = match_project(&open, &romans(Phase::Realisation), today).unwrap();
        let kinds: Vec<MatchKind> = found.reasons.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                MatchKind::Axis,
                MatchKind::Phase,
                MatchKind::Perimeter,
                MatchKind::Deadline
            ]
        );
        // Passed, not yet open, or a project closed: no match.
        assert!(match_project(&open, &romans(Phase::Realisation), day(2026, 7, 1)).is_none());
        assert!(match_project(&open, &romans(Phase::Realisation), day(2026, 6, 30)).is_some());
        open.opens_on = Some(day(2026, 4, 1));
        assert!(match_project(&open, &romans(Phase::Realisation), today).is_none());
        assert!(match_project(&opportunity("x"), &romans(Phase::Abandonne), today).is_none());
    }

    #[test]
    fn precise_matches_come_first_then_the_nearest_deadline() {
        let today = day(2026, 3, 1);
        let everywhere = opportunity("Partout");
        let mut department = opportunity("Drôme");
        department.perimeter = vec!["26".into()];
        let mut soon = opportunity("Bientôt");
        soon.submission_deadline = Some(day(2026, 3, 15));
        let found = matches_for(
            &[everywhere, department, soon],
            &romans(Phase::Cadrage),
            today,
        );
        let names: Vec<&str> = found.iter().map(|m| m.opportunity.name.as_str()).collect();
        assert_eq!(names, ["Drôme", "Bientôt", "Partout"]);
    }

    #[test]
    fn an_opportunity_follows_its_rules() {
        let mut new = NewFundingOpportunity {
            name: "Fonds vert".into(),
            funder_name: Some("  ".into()),
            subsidy_rate_min: Some(50),
            subsidy_rate_max: Some(20),
            opens_on: Some(day(2026, 2, 1)),
            submission_deadline: Some(day(2026, 1, 1)),
            perimeter: vec!["26".into(), "Drôme".into()],
            url: Some("fonds-vert".into()),
            ..Default::default()
        };
        let fields: Vec<String> = new.check().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "funder_name",
                "subsidy_rate_max",
                "submission_deadline",
                "perimeter.1",
                "url"
            ]
        );
        new.funder_id = Some(ActorId(3));
        new.subsidy_rate_max = Some(80);
        new.submission_deadline = None;
        new.perimeter = vec![" region:84 ".into(), "26".into(), "26".into()];
        new.url = Some(" https://aides.example/fonds-vert ".into());
        assert!(new.check().is_empty());
        let new = new.normalized();
        assert_eq!(new.perimeter, ["region:84", "26"]);
        assert_eq!(new.url.as_deref(), Some("https://aides.example/fonds-vert"));
    }

    #[test]
    fn aides_territoires_fields_map_to_ours() {
        assert_eq!(perimeter_of_name("France"), Ok(vec![]));
        assert_eq!(
            perimeter_of_name("Auvergne-Rhône-Alpes"),
            Ok(vec!["region:84".into()])
        );
        assert_eq!(perimeter_of_name("drome"), Ok(vec!["department:26".into()]));
        assert_eq!(
            perimeter_of_name("Côte-d’Or"),
            Ok(vec!["department:21".into()])
        );
        assert_eq!(perimeter_of_name("26281"), Ok(vec!["26281".into()]));
        assert!(perimeter_of_name("Atlantide").is_err());
        assert_eq!(aid_type_of("Subvention"), Some(AidType::Grant));
        assert_eq!(aid_type_of("Prêt"), Some(AidType::Loan));
        assert_eq!(
            aid_type_of("Avance récupérable"),
            Some(AidType::RecoverableAdvance)
        );
        assert_eq!(
            aid_type_of("Ingénierie technique"),
            Some(AidType::Engineering)
        );
        assert_eq!(aid_type_of("Autre"), None);
        assert_eq!(phases_of_step("op"), [Phase::Realisation]);
        assert_eq!(
            phases_of_step("Mise en œuvre / réalisation"),
            [Phase::Realisation]
        );
        assert_eq!(phases_of_step("Réflexion / conception").len(), 4);
        assert_eq!(phases_of_step("Usage / valorisation"), [Phase::Evaluation]);
        assert_eq!(phases_of_step("ailleurs"), []);
        assert_eq!(recurrence_of("Ponctuelle"), Some(Recurrence::OneOff));
        assert_eq!(recurrence_of("Permanente"), Some(Recurrence::Ongoing));
        assert_eq!(recurrence_of("Récurrente"), Some(Recurrence::Recurring));
        assert_eq!(recurrence_of("parfois"), None);
        assert_eq!(default_amount(1_000_000_00, Some(40)), 400_000_00);
        assert_eq!(default_amount(12_345, Some(33)), 4_000);
        assert_eq!(default_amount(12_345, None), 0);
    }

    #[test]
    fn the_tables_are_complete() {
        let mut departments = 0;
        for (code, _) in DEPARTMENT_NAMES {
            assert!(region_of_department(code).is_some(), "{code}");
            departments += 1;
        }
        assert_eq!(departments, 96);
        for (code, _) in REGION_NAMES {
            assert!(REGIONS.contains(&code));
        }
    }
}
