//! A project's lifecycle: its phases and the moves allowed between them.
//! The backend enforces this table and the web app offers only its moves.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum Phase {
    /// The commission letter (*lettre de commande*) was received.
    Commande,
    /// Scoping: objectives, perimeter, first partners.
    Cadrage,
    /// Instruction: studies, financing plan, ex-ante evaluation.
    Instruction,
    /// The executive decides: go, go with conditions, no-go.
    Decision,
    /// Carrying the project out.
    Realisation,
    /// Measuring results and impact.
    Evaluation,
    /// Closed.
    Cloture,
    /// Paused; resumes to the phase it left.
    Suspendu,
    /// Given up (terminal), with a reason.
    Abandonne,
}

impl Phase {
    pub const ALL: [Phase; 9] = [
        Phase::Commande,
        Phase::Cadrage,
        Phase::Instruction,
        Phase::Decision,
        Phase::Realisation,
        Phase::Evaluation,
        Phase::Cloture,
        Phase::Suspendu,
        Phase::Abandonne,
    ];

    /// The main line, in order.
    pub const MAIN_LINE: [Phase; 7] = [
        Phase::Commande,
        Phase::Cadrage,
        Phase::Instruction,
        Phase::Decision,
        Phase::Realisation,
        Phase::Evaluation,
        Phase::Cloture,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Commande => "commande",
            Phase::Cadrage => "cadrage",
            Phase::Instruction => "instruction",
            Phase::Decision => "decision",
            Phase::Realisation => "realisation",
            Phase::Evaluation => "evaluation",
            Phase::Cloture => "cloture",
            Phase::Suspendu => "suspendu",
            Phase::Abandonne => "abandonne",
        }
    }

    pub fn is_terminal(self) -> bool {
        matches!(self, Phase::Cloture | Phase::Abandonne)
    }

    /// The next phase on the main line, if any.
    fn next_on_main_line(self) -> Option<Phase> {
        let index = Phase::MAIN_LINE.iter().position(|p| *p == self)?;
        Phase::MAIN_LINE.get(index + 1).copied()
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Phase {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Phase::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| format!("unknown phase `{s}`"))
    }
}

crate::finance::text_column!(Phase);

/// The phases a project may move to from `current`. A suspended project
/// resumes to `suspended_from`, the phase it left.
pub fn allowed_moves(current: Phase, suspended_from: Option<Phase>) -> Vec<Phase> {
    match current {
        Phase::Cloture | Phase::Abandonne => vec![],
        Phase::Suspendu => suspended_from
            .filter(|p| !matches!(p, Phase::Suspendu) && !p.is_terminal())
            .into_iter()
            .chain([Phase::Abandonne])
            .collect(),
        phase => phase
            .next_on_main_line()
            .into_iter()
            .chain([Phase::Suspendu, Phase::Abandonne])
            .collect(),
    }
}

pub fn can_move(current: Phase, suspended_from: Option<Phase>, to: Phase) -> bool {
    allowed_moves(current, suspended_from).contains(&to)
}

/// The executive's decision when a project reaches `decision`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum DecisionOutcome {
    Go,
    GoWithConditions,
    NoGo,
}

impl DecisionOutcome {
    pub const ALL: [DecisionOutcome; 3] = [
        DecisionOutcome::Go,
        DecisionOutcome::GoWithConditions,
        DecisionOutcome::NoGo,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DecisionOutcome::Go => "go",
            DecisionOutcome::GoWithConditions => "go_with_conditions",
            DecisionOutcome::NoGo => "no_go",
        }
    }
}

impl FromStr for DecisionOutcome {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DecisionOutcome::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| format!("unknown outcome `{s}`"))
    }
}

crate::finance::text_column!(DecisionOutcome);

/// Why innovative projects are given up (the source document's four
/// causes, plus "other").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum AbandonReason {
    Financing,
    Partners,
    MarketRelevance,
    Time,
    Other,
}

impl AbandonReason {
    pub const ALL: [AbandonReason; 5] = [
        AbandonReason::Financing,
        AbandonReason::Partners,
        AbandonReason::MarketRelevance,
        AbandonReason::Time,
        AbandonReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AbandonReason::Financing => "financing",
            AbandonReason::Partners => "partners",
            AbandonReason::MarketRelevance => "market_relevance",
            AbandonReason::Time => "time",
            AbandonReason::Other => "other",
        }
    }
}

impl FromStr for AbandonReason {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AbandonReason::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown reason `{s}`"))
    }
}

crate::finance::text_column!(AbandonReason);

#[cfg(test)]
mod tests {
    use super::*;
    use Phase::*;

    #[test]
    fn the_main_line_moves_forward_one_step_at_a_time() {
        assert_eq!(
            allowed_moves(Commande, None),
            vec![Cadrage, Suspendu, Abandonne]
        );
        assert_eq!(
            allowed_moves(Instruction, None),
            vec![Decision, Suspendu, Abandonne]
        );
        assert_eq!(
            allowed_moves(Evaluation, None),
            vec![Cloture, Suspendu, Abandonne]
        );
        assert!(!can_move(Commande, None, Instruction), "no skipping");
        assert!(!can_move(Realisation, None, Cadrage), "no going back");
    }

    #[test]
    fn terminal_phases_allow_nothing() {
        assert!(allowed_moves(Cloture, None).is_empty());
        assert!(allowed_moves(Abandonne, None).is_empty());
    }

    #[test]
    fn a_suspended_project_resumes_where_it_left_or_is_given_up() {
        assert_eq!(
            allowed_moves(Suspendu, Some(Instruction)),
            vec![Instruction, Abandonne]
        );
        assert!(!can_move(Suspendu, Some(Instruction), Decision));
        assert_eq!(allowed_moves(Suspendu, None), vec![Abandonne]);
    }

    #[test]
    fn every_phase_has_a_stable_name() {
        for phase in Phase::ALL {
            assert_eq!(phase.as_str().parse::<Phase>().unwrap(), phase);
            assert_eq!(
                serde_json::to_value(phase).unwrap(),
                serde_json::Value::String(phase.as_str().into())
            );
        }
        assert_eq!(
            serde_json::to_value(DecisionOutcome::GoWithConditions).unwrap(),
            "go_with_conditions"
        );
        assert_eq!(
            serde_json::to_value(AbandonReason::MarketRelevance).unwrap(),
            "market_relevance"
        );
    }
}
