//! The portfolio roadmap: each project's phases as spans of time, the
//! decisions taken on it and its milestones, filtered like the project
//! list. The spans and decisions are read from the lifecycle's recorded
//! moves by the plain functions below, which the backend applies to the
//! page of projects it answers.

use crate::ids::{MilestoneId, ProjectId};
use crate::lifecycle::{AbandonReason, DecisionOutcome, Phase};
use crate::projects::{InnovationType, ProjectCriteria, Transition};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// `GET /api/v1/roadmap`: the project list's filters, sort and paging (the
/// list's export aside).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct RoadmapQuery {
    /// Text searched in reference, title and summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Phase>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub innovation_type: Option<InnovationType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Year of the commission letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commission_year: Option<i32>,
    /// The list's sort fields (`reference`, `title`, `phase`, `axis`,
    /// `commission_date`, `decision_date`, `total_cost_cents`, `created_at`,
    /// `updated_at`; `-` for descending); by default `commission_date`,
    /// the oldest commission first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// At most 200 projects a page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

impl RoadmapQuery {
    pub fn criteria(&self) -> ProjectCriteria {
        ProjectCriteria {
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

/// A stretch of time a project spent in one phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhaseSpan {
    pub phase: Phase,
    /// The day the project entered the phase (its commission for the first).
    pub from: NaiveDate,
    /// The day it left; `null` for the phase it is in now (a closed or
    /// abandoned project stays in `cloture` or `abandonne`).
    pub to: Option<NaiveDate>,
}

/// What a steering committee calls a decision: the go / no-go at the
/// decision gate, and giving a project up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// The gate passed: the project is carried out.
    Go,
    /// The gate passed on conditions.
    GoWithConditions,
    /// Refused at the gate, which ends the project (the reason is that of
    /// the abandonment recorded with it).
    NoGo,
    /// Given up outside the gate, from any phase.
    Abandonment,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 4] = [
        DecisionKind::Go,
        DecisionKind::GoWithConditions,
        DecisionKind::NoGo,
        DecisionKind::Abandonment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Go => "go",
            DecisionKind::GoWithConditions => "go_with_conditions",
            DecisionKind::NoGo => "no_go",
            DecisionKind::Abandonment => "abandonment",
        }
    }
}

impl From<DecisionOutcome> for DecisionKind {
    fn from(outcome: DecisionOutcome) -> Self {
        match outcome {
            DecisionOutcome::Go => DecisionKind::Go,
            DecisionOutcome::GoWithConditions => DecisionKind::GoWithConditions,
            DecisionOutcome::NoGo => DecisionKind::NoGo,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoadmapDecision {
    pub date: NaiveDate,
    pub kind: DecisionKind,
    /// Why the project was given up (`no_go` and `abandonment`).
    pub reason: Option<AbandonReason>,
    /// The motivation recorded with the move, for staff; partners, who do
    /// not read internal motivations, get `null`, as does a decision known
    /// only from the project's record (an import).
    pub motivation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoadmapMilestone {
    pub id: MilestoneId,
    pub title: String,
    pub due_date: Option<NaiveDate>,
    /// When it was reached; `null` while it is not.
    pub done_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoadmapProject {
    pub id: ProjectId,
    pub reference: String,
    pub title: String,
    pub axis: String,
    /// The phase it is in now.
    pub phase: Phase,
    pub commission_date: NaiveDate,
    pub planned_end_date: Option<NaiveDate>,
    /// Oldest first, back to back: each ends the day the next begins.
    pub phases: Vec<PhaseSpan>,
    /// Oldest first.
    pub decisions: Vec<RoadmapDecision>,
    /// By due date, those without one last.
    pub milestones: Vec<RoadmapMilestone>,
}

/// A page of the roadmap and the time it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Roadmap {
    pub items: Vec<RoadmapProject>,
    /// Projects matching the filters, on every page.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    /// The first day anything on this page happened or is due (`null`
    /// when the page is empty).
    pub from: Option<NaiveDate>,
    /// The last such day: today at least while a project on the page is
    /// under way, a planned end or a milestone due later.
    pub to: Option<NaiveDate>,
}

/// A project's phases over time, from its commission and its recorded
/// moves in the order they were recorded. Before its first move a project
/// was in the phase that move left (in its current phase if it never
/// moved: an import may bring a project that far along). A move dated
/// before the previous one counts as made the same day, so that time
/// never runs backwards; a phase left the day it was entered leaves no
/// span (a no-go passes through `decision` on its way to `abandonne`).
pub fn phase_spans(commission: NaiveDate, current: Phase, moves: &[Transition]) -> Vec<PhaseSpan> {
    let mut spans: Vec<PhaseSpan> = Vec::new();
    let mut phase = moves.first().map_or(current, |first| first.from);
    let mut since = commission;
    let close = |spans: &mut Vec<PhaseSpan>, phase: Phase, from: NaiveDate, to| {
        match spans.last_mut() {
            // Back in the phase just left (a same-day suspension undone).
            Some(last) if last.phase == phase && last.to == Some(from) => last.to = to,
            _ => spans.push(PhaseSpan { phase, from, to }),
        }
    };
    for step in moves {
        let date = step.date.max(since);
        if date > since {
            close(&mut spans, phase, since, Some(date));
        }
        phase = step.to;
        since = date;
    }
    close(&mut spans, phase, since, None);
    spans
}

/// The decisions among a project's recorded moves, oldest first: each
/// move into `decision` with its outcome, and each move into `abandonne`
/// that does not merely follow a no-go (whose reason the no-go then
/// carries). A decision the project's record holds (`decided`: its date
/// and outcome) without a recorded move, as an import brings it, is
/// placed on its date.
pub fn decisions(
    moves: &[Transition],
    decided: Option<(NaiveDate, DecisionOutcome)>,
) -> Vec<RoadmapDecision> {
    let mut found: Vec<RoadmapDecision> = Vec::new();
    let motivation =
        |step: &Transition| Some(step.motivation.trim().to_owned()).filter(|m| !m.is_empty());
    let mut previous: Option<&Transition> = None;
    for step in moves {
        match (step.to, step.outcome) {
            (Phase::Decision, Some(outcome)) => found.push(RoadmapDecision {
                date: step.date,
                kind: outcome.into(),
                reason: None,
                motivation: motivation(step),
            }),
            (Phase::Abandonne, _) => {
                let after_no_go = previous.is_some_and(|p| {
                    p.to == Phase::Decision && p.outcome == Some(DecisionOutcome::NoGo)
                }) && step.from == Phase::Decision;
                match found.last_mut() {
                    Some(no_go) if after_no_go && no_go.kind == DecisionKind::NoGo => {
                        no_go.reason = step.reason;
                    }
                    _ => found.push(RoadmapDecision {
                        date: step.date,
                        kind: DecisionKind::Abandonment,
                        reason: step.reason,
                        motivation: motivation(step),
                    }),
                }
            }
            _ => {}
        }
        previous = Some(step);
    }
    let gate_recorded = found.iter().any(|d| d.kind != DecisionKind::Abandonment);
    if let (false, Some((date, outcome))) = (gate_recorded, decided) {
        found.push(RoadmapDecision {
            date,
            kind: outcome.into(),
            reason: None,
            motivation: None,
        });
    }
    // Stable: moves recorded the same day keep their order.
    found.sort_by_key(|d| d.date);
    found
}

/// The days a page of the roadmap covers: from the first thing that
/// happened or is due to the last, today included while a project is
/// under way (in a phase that is not terminal). `None` for no projects.
pub fn span(projects: &[RoadmapProject], today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let mut days: Vec<NaiveDate> = Vec::new();
    for project in projects {
        days.push(project.commission_date);
        days.extend(project.planned_end_date);
        for phase in &project.phases {
            days.push(phase.from);
            match phase.to {
                Some(to) => days.push(to),
                None if !phase.phase.is_terminal() => days.push(today),
                None => {}
            }
        }
        days.extend(project.decisions.iter().map(|d| d.date));
        for milestone in &project.milestones {
            days.extend(milestone.due_date);
            days.extend(milestone.done_date);
        }
    }
    Some((*days.iter().min()?, *days.iter().max()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::TransitionId;
    use Phase::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn step(from: Phase, to: Phase, on: NaiveDate) -> Transition {
        Transition {
            id: TransitionId(0),
            project_id: ProjectId(1),
            from,
            to,
            date: on,
            motivation: format!("Comité du {on}"),
            outcome: None,
            reason: None,
            comment: None,
            user_id: None,
            created_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    fn span_of(phase: Phase, from: NaiveDate, to: Option<NaiveDate>) -> PhaseSpan {
        PhaseSpan { phase, from, to }
    }

    #[test]
    fn a_project_that_never_moved_is_in_its_phase_since_its_commission() {
        let commission = date(2024, 1, 10);
        assert_eq!(
            phase_spans(commission, Commande, &[]),
            vec![span_of(Commande, commission, None)]
        );
        // Imported at `instruction`: nothing earlier is known.
        assert_eq!(
            phase_spans(commission, Instruction, &[]),
            vec![span_of(Instruction, commission, None)]
        );
    }

    #[test]
    fn moves_cut_the_time_into_back_to_back_spans() {
        let moves = [
            step(Commande, Cadrage, date(2024, 2, 1)),
            step(Cadrage, Instruction, date(2024, 4, 1)),
        ];
        assert_eq!(
            phase_spans(date(2024, 1, 10), Instruction, &moves),
            vec![
                span_of(Commande, date(2024, 1, 10), Some(date(2024, 2, 1))),
                span_of(Cadrage, date(2024, 2, 1), Some(date(2024, 4, 1))),
                span_of(Instruction, date(2024, 4, 1), None),
            ]
        );
    }

    #[test]
    fn a_no_go_leaves_no_decision_span_and_ends_abandoned() {
        let mut no_go = step(Instruction, Decision, date(2024, 6, 1));
        no_go.outcome = Some(DecisionOutcome::NoGo);
        let moves = [
            step(Commande, Instruction, date(2024, 3, 1)),
            no_go,
            step(Decision, Abandonne, date(2024, 6, 1)),
        ];
        assert_eq!(
            phase_spans(date(2024, 1, 1), Abandonne, &moves),
            vec![
                span_of(Commande, date(2024, 1, 1), Some(date(2024, 3, 1))),
                span_of(Instruction, date(2024, 3, 1), Some(date(2024, 6, 1))),
                span_of(Abandonne, date(2024, 6, 1), None),
            ]
        );
    }

    #[test]
    fn a_suspension_is_a_span_and_a_same_day_one_leaves_the_phase_whole() {
        let moves = [
            step(Realisation, Suspendu, date(2025, 3, 1)),
            step(Suspendu, Realisation, date(2025, 5, 1)),
        ];
        assert_eq!(
            phase_spans(date(2025, 1, 1), Realisation, &moves),
            vec![
                span_of(Realisation, date(2025, 1, 1), Some(date(2025, 3, 1))),
                span_of(Suspendu, date(2025, 3, 1), Some(date(2025, 5, 1))),
                span_of(Realisation, date(2025, 5, 1), None),
            ]
        );
        let undone = [
            step(Realisation, Suspendu, date(2025, 3, 1)),
            step(Suspendu, Realisation, date(2025, 3, 1)),
            step(Realisation, Evaluation, date(2025, 9, 1)),
        ];
        assert_eq!(
            phase_spans(date(2025, 1, 1), Evaluation, &undone),
            vec![
                span_of(Realisation, date(2025, 1, 1), Some(date(2025, 9, 1))),
                span_of(Evaluation, date(2025, 9, 1), None),
            ]
        );
    }

    #[test]
    fn a_move_dated_before_the_previous_one_counts_as_the_same_day() {
        let moves = [
            step(Commande, Cadrage, date(2024, 5, 1)),
            step(Cadrage, Instruction, date(2024, 3, 1)),
            step(Instruction, Decision, date(2024, 9, 1)),
        ];
        assert_eq!(
            phase_spans(date(2024, 1, 1), Decision, &moves),
            vec![
                span_of(Commande, date(2024, 1, 1), Some(date(2024, 5, 1))),
                span_of(Instruction, date(2024, 5, 1), Some(date(2024, 9, 1))),
                span_of(Decision, date(2024, 9, 1), None),
            ]
        );
    }

    #[test]
    fn decisions_are_the_gate_outcomes_and_the_abandonments() {
        let mut go = step(Instruction, Decision, date(2024, 6, 1));
        go.outcome = Some(DecisionOutcome::GoWithConditions);
        let mut given_up = step(Realisation, Abandonne, date(2025, 2, 1));
        given_up.reason = Some(AbandonReason::Financing);
        let moves = [
            step(Cadrage, Instruction, date(2024, 3, 1)),
            go,
            step(Decision, Realisation, date(2024, 7, 1)),
            given_up,
        ];
        assert_eq!(
            decisions(&moves, Some((date(2024, 6, 1), DecisionOutcome::Go))),
            vec![
                RoadmapDecision {
                    date: date(2024, 6, 1),
                    kind: DecisionKind::GoWithConditions,
                    reason: None,
                    motivation: Some("Comité du 2024-06-01".into()),
                },
                RoadmapDecision {
                    date: date(2025, 2, 1),
                    kind: DecisionKind::Abandonment,
                    reason: Some(AbandonReason::Financing),
                    motivation: Some("Comité du 2025-02-01".into()),
                },
            ],
            "the recorded move wins over the record's copy"
        );
    }

    #[test]
    fn a_no_go_is_one_decision_carrying_the_abandonment_reason() {
        let mut no_go = step(Instruction, Decision, date(2024, 6, 1));
        no_go.outcome = Some(DecisionOutcome::NoGo);
        let mut abandoned = step(Decision, Abandonne, date(2024, 6, 1));
        abandoned.reason = Some(AbandonReason::Partners);
        let found = decisions(&[no_go, abandoned], None);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].kind, found[0].reason),
            (DecisionKind::NoGo, Some(AbandonReason::Partners))
        );
    }

    #[test]
    fn a_decision_known_only_from_the_record_is_placed_on_its_date() {
        let found = decisions(&[], Some((date(2023, 11, 20), DecisionOutcome::Go)));
        assert_eq!(
            found,
            vec![RoadmapDecision {
                date: date(2023, 11, 20),
                kind: DecisionKind::Go,
                reason: None,
                motivation: None,
            }]
        );
        // Trimmed motivations (what a partner reads) are no motivation.
        let mut trimmed = step(Cadrage, Abandonne, date(2024, 1, 5));
        trimmed.motivation = String::new();
        let found = decisions(&[trimmed], Some((date(2023, 11, 20), DecisionOutcome::Go)));
        assert_eq!(
            found.iter().map(|d| (d.date, d.kind)).collect::<Vec<_>>(),
            vec![
                (date(2023, 11, 20), DecisionKind::Go),
                (date(2024, 1, 5), DecisionKind::Abandonment)
            ]
        );
        assert_eq!(found[1].motivation, None);
    }

    fn project(phases: Vec<PhaseSpan>) -> RoadmapProject {
        RoadmapProject {
            id: ProjectId(1),
            reference: "2024-001".into(),
            title: "Tiers-lieu".into(),
            axis: "Innovation".into(),
            phase: phases.last().map_or(Commande, |p| p.phase),
            commission_date: phases.first().map_or(date(2024, 1, 1), |p| p.from),
            planned_end_date: None,
            phases,
            decisions: Vec::new(),
            milestones: Vec::new(),
        }
    }

    #[test]
    fn the_span_runs_from_the_first_event_to_the_last_or_today() {
        let today = date(2025, 6, 15);
        assert_eq!(span(&[], today), None);
        let running = project(vec![span_of(Cadrage, date(2024, 1, 1), None)]);
        assert_eq!(
            span(std::slice::from_ref(&running), today),
            Some((date(2024, 1, 1), today))
        );

        let mut closed = project(vec![
            span_of(Realisation, date(2019, 3, 1), Some(date(2020, 6, 1))),
            span_of(Cloture, date(2020, 6, 1), None),
        ]);
        assert_eq!(
            span(&[closed.clone()], today),
            Some((date(2019, 3, 1), date(2020, 6, 1))),
            "a closed project does not stretch to today"
        );
        closed.milestones.push(RoadmapMilestone {
            id: MilestoneId(1),
            title: "Bilan".into(),
            due_date: Some(date(2018, 12, 1)),
            done_date: Some(date(2021, 1, 4)),
        });
        closed.planned_end_date = Some(date(2020, 12, 31));
        assert_eq!(
            span(&[closed.clone()], today),
            Some((date(2018, 12, 1), date(2021, 1, 4)))
        );
        let mut planned = running;
        planned.planned_end_date = Some(date(2027, 12, 31));
        assert_eq!(
            span(&[closed, planned], today),
            Some((date(2018, 12, 1), date(2027, 12, 31)))
        );
    }

    #[test]
    fn decision_kinds_have_stable_names() {
        for kind in DecisionKind::ALL {
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::Value::String(kind.as_str().into())
            );
        }
    }
}
