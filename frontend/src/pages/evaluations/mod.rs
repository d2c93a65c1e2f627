//! Evaluations: the grids (hub and editor), one evaluation's form, the
//! consolidated view of several evaluators with its radar chart, and the
//! ex-ante/ex-post comparison.

mod comparison;
mod consolidated;
mod form;
mod gate;
mod grid;
mod hub;
mod radar;

pub use comparison::ComparisonPage;
pub use consolidated::ConsolidatedPage;
pub use form::EvaluationPage;
pub use grid::{GridPage, NewGridPage};
pub use hub::EvaluationsHub;

use crate::components::form_field::options_of;
use crate::format;
use crate::i18n::{Lang, Texts};
use shared::evaluation::{EvaluationKind, Recommendation};
use yew::AttrValue;

pub const KINDS: [EvaluationKind; 3] = [
    EvaluationKind::ExAnte,
    EvaluationKind::Intermediate,
    EvaluationKind::ExPost,
];

pub const RECOMMENDATIONS: [Recommendation; 3] = [
    Recommendation::Go,
    Recommendation::GoWithConditions,
    Recommendation::NoGo,
];

/// A weighted score out of 100: `62,50/100`.
pub fn format_score(score: f64, lang: Lang) -> String {
    format!("{}/100", format::two_decimals(score, lang))
}

/// A mean score on the 0–5 scale: `3,50`.
pub fn format_mean(mean: f64, lang: Lang) -> String {
    format::two_decimals(mean, lang)
}

/// A difference, always signed: `+0,50`, `-1,25`, `0,00`.
pub fn format_delta(delta: f64, lang: Lang) -> String {
    let text = format::two_decimals(delta, lang);
    if delta > 0.0 {
        format!("+{text}")
    } else {
        text
    }
}

pub fn kind_options(texts: &Texts) -> Vec<(AttrValue, AttrValue)> {
    options_of(KINDS, EvaluationKind::as_str, texts.evaluation_kind_name)
}

pub fn recommendation_options(texts: &Texts) -> Vec<(AttrValue, AttrValue)> {
    options_of(
        RECOMMENDATIONS,
        Recommendation::as_str,
        texts.recommendation_name,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deltas_carry_their_sign() {
        assert_eq!(format_delta(0.5, Lang::Fr), "+0,50");
        assert_eq!(format_delta(-1.25, Lang::Fr), "-1,25");
        assert_eq!(format_delta(0.0, Lang::En), "0.00");
        assert_eq!(format_score(62.5, Lang::Fr), "62,50/100");
    }
}
