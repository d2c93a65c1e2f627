//! The reports' words, in French and English. Amounts, numbers and dates
//! are written by `shared::format`, as the web app writes them.

use shared::finance::{FundingCategory, FundingStatus};
use shared::i18n::Lang;
use shared::indicators::IndicatorStatus;
use shared::lifecycle::{AbandonReason, DecisionOutcome, Phase};

/// One language's fixed strings; the enums' names are the functions below.
pub struct Words {
    pub sheet_title: &'static str,
    pub annual_title: &'static str,
    pub identity: &'static str,
    pub reference: &'static str,
    pub axis: &'static str,
    pub phase: &'static str,
    pub suspended_from: &'static str,
    pub area: &'static str,
    pub sponsor: &'static str,
    pub commission_date: &'static str,
    pub decision_date: &'static str,
    pub start_date: &'static str,
    pub planned_end_date: &'static str,
    pub actual_end_date: &'static str,
    pub instruction_time: &'static str,
    pub summary: &'static str,
    pub timeline: &'static str,
    pub date: &'static str,
    pub step: &'static str,
    pub motivation: &'static str,
    pub commissioned: &'static str,
    pub finance: &'static str,
    pub total_cost: &'static str,
    pub secured: &'static str,
    pub city_share: &'static str,
    pub others_share: &'static str,
    pub gap: &'static str,
    pub leverage: &'static str,
    pub funder: &'static str,
    pub category: &'static str,
    pub status: &'static str,
    pub scheme: &'static str,
    pub amount: &'static str,
    pub no_funding: &'static str,
    pub partner_view: &'static str,
    pub programming: &'static str,
    pub ap_in_force: &'static str,
    pub ap_revisions: &'static str,
    pub voted_on: &'static str,
    pub deliberation: &'static str,
    pub year: &'static str,
    pub planned: &'static str,
    pub paid: &'static str,
    pub credits_chart: &'static str,
    pub evaluation: &'static str,
    pub evaluations_count: &'static str,
    pub weighted_score: &'static str,
    pub recommendations: &'static str,
    pub criterion: &'static str,
    pub weight: &'static str,
    pub mean: &'static str,
    pub range: &'static str,
    pub no_evaluation: &'static str,
    pub evaluation_hidden: &'static str,
    pub indicators: &'static str,
    pub baseline: &'static str,
    pub target: &'static str,
    pub latest: &'static str,
    pub measured: &'static str,
    pub expected: &'static str,
    pub not_measured: &'static str,
    pub no_indicator: &'static str,
    pub milestones: &'static str,
    pub due: &'static str,
    pub done_on: &'static str,
    pub not_done: &'static str,
    pub no_milestone: &'static str,
    pub printed_on: &'static str,
    pub the_year: &'static str,
    pub since_start: &'static str,
    pub figure: &'static str,
    pub key_figures: &'static str,
    pub decisions_in_year: &'static str,
    pub paid_in_year: &'static str,
    pub projects: &'static str,
    pub projects_by_phase: &'static str,
    pub investment: &'static str,
    pub investment_by_year: &'static str,
    pub secured_funding: &'static str,
    pub instruction: &'static str,
    pub decisions: &'static str,
    pub median_days: &'static str,
    pub instruction_ratio: &'static str,
    pub instruction_chart: &'static str,
    pub actors_engaged: &'static str,
    pub network: &'static str,
    pub actors: &'static str,
    pub links: &'static str,
    pub network_chart: &'static str,
    pub abandonments: &'static str,
    pub reason: &'static str,
    pub indicator_statuses: &'static str,
    pub capacity_ratio: &'static str,
    pub paid_chart: &'static str,
    pub no_data: &'static str,
    pub annual_note: &'static str,
    pub days: &'static str,
}

pub const FR: Words = Words {
    sheet_title: "Fiche projet",
    annual_title: "Rapport annuel",
    identity: "Identité",
    reference: "Référence",
    axis: "Axe",
    phase: "Phase",
    suspended_from: "Suspendu depuis la phase",
    area: "Territoire",
    sponsor: "Porteur",
    commission_date: "Lettre de commande",
    decision_date: "Décision",
    start_date: "Début",
    planned_end_date: "Fin prévue",
    actual_end_date: "Fin effective",
    instruction_time: "Délai d'instruction",
    summary: "Résumé",
    timeline: "Phases et décisions",
    date: "Date",
    step: "Étape",
    motivation: "Motivation",
    commissioned: "Lettre de commande reçue",
    finance: "Plan de financement",
    total_cost: "Coût total",
    secured: "Financements acquis",
    city_share: "Part de la ville",
    others_share: "Part des autres financeurs",
    gap: "Reste à financer",
    leverage: "Effet levier",
    funder: "Financeur",
    category: "Catégorie",
    status: "Statut",
    scheme: "Dispositif",
    amount: "Montant",
    no_funding: "Aucune ligne de financement.",
    partner_view: "Vue partenaire : seules les lignes de votre organisation figurent.",
    programming: "Programmation pluriannuelle",
    ap_in_force: "Autorisation de programme en vigueur",
    ap_revisions: "Révisions de l'AP",
    voted_on: "Votée le",
    deliberation: "Délibération",
    year: "Année",
    planned: "CP prévus",
    paid: "CP payés",
    credits_chart: "Crédits de paiement par année",
    evaluation: "Évaluation ex ante consolidée",
    evaluations_count: "Évaluations soumises",
    weighted_score: "Note pondérée moyenne",
    recommendations: "Avis (go / go sous conditions / no go)",
    criterion: "Critère",
    weight: "Poids",
    mean: "Moyenne",
    range: "Min – max",
    no_evaluation: "Aucune évaluation ex ante soumise.",
    evaluation_hidden: "La consolidation s'affiche une fois votre propre évaluation soumise.",
    indicators: "Indicateurs d'impact",
    baseline: "Référence",
    target: "Cible",
    latest: "Dernière mesure",
    measured: "Mesuré",
    expected: "Trajectoire attendue",
    not_measured: "Pas encore mesuré",
    no_indicator: "Aucun indicateur.",
    milestones: "Jalons",
    due: "Échéance",
    done_on: "Fait le",
    not_done: "À faire",
    no_milestone: "Aucun jalon.",
    printed_on: "Édité le",
    the_year: "L'année",
    since_start: "Depuis le début",
    figure: "Indicateur",
    key_figures: "Chiffres clés",
    decisions_in_year: "Décisions prises dans l'année (délai médian)",
    paid_in_year: "CP payés dans l'année",
    projects: "Projets",
    projects_by_phase: "Projets par phase",
    investment: "Investissement",
    investment_by_year: "Investissement décidé par année",
    secured_funding: "Financements acquis",
    instruction: "Délais d'instruction",
    decisions: "Décisions",
    median_days: "Médiane (jours)",
    instruction_ratio: "Délais d'instruction divisés par",
    instruction_chart: "Délai médian d'instruction par année de décision",
    actors_engaged: "Acteurs engagés",
    network: "Réseau d'acteurs",
    actors: "Acteurs",
    links: "Liens",
    network_chart: "Croissance du réseau (acteurs en fin d'année)",
    abandonments: "Motifs d'abandon",
    reason: "Motif",
    indicator_statuses: "Statut des indicateurs",
    capacity_ratio: "Capacité d'investissement multipliée par",
    paid_chart: "CP payés par année",
    no_data: "Aucune donnée.",
    annual_note: "« L'année » compte les projets dont la lettre de commande date de l'année ; « depuis le début », tout le portefeuille. Définitions : docs/METRICS.md.",
    days: "jours",
};

pub const EN: Words = Words {
    sheet_title: "Project sheet",
    annual_title: "Annual report",
    identity: "Identity",
    reference: "Reference",
    axis: "Axis",
    phase: "Phase",
    suspended_from: "Suspended from phase",
    area: "Area",
    sponsor: "Sponsor",
    commission_date: "Commission letter",
    decision_date: "Decision",
    start_date: "Start",
    planned_end_date: "Planned end",
    actual_end_date: "Actual end",
    instruction_time: "Instruction time",
    summary: "Summary",
    timeline: "Phases and decisions",
    date: "Date",
    step: "Step",
    motivation: "Motivation",
    commissioned: "Commission letter received",
    finance: "Financing plan",
    total_cost: "Total cost",
    secured: "Secured funding",
    city_share: "City's share",
    others_share: "Other funders' share",
    gap: "Still to fund",
    leverage: "Leverage",
    funder: "Funder",
    category: "Category",
    status: "Status",
    scheme: "Scheme",
    amount: "Amount",
    no_funding: "No funding line.",
    partner_view: "Partner view: only your organisation's lines are shown.",
    programming: "Multi-year programming",
    ap_in_force: "Programme authorisation in force",
    ap_revisions: "Programme authorisation revisions",
    voted_on: "Voted on",
    deliberation: "Deliberation",
    year: "Year",
    planned: "Planned credits",
    paid: "Paid credits",
    credits_chart: "Payment credits by year",
    evaluation: "Consolidated ex-ante evaluation",
    evaluations_count: "Submitted evaluations",
    weighted_score: "Mean weighted score",
    recommendations: "Recommendations (go / go with conditions / no go)",
    criterion: "Criterion",
    weight: "Weight",
    mean: "Mean",
    range: "Min – max",
    no_evaluation: "No ex-ante evaluation submitted.",
    evaluation_hidden: "The consolidation shows once your own evaluation is submitted.",
    indicators: "Impact indicators",
    baseline: "Baseline",
    target: "Target",
    latest: "Latest measurement",
    measured: "Measured",
    expected: "Expected path",
    not_measured: "Not measured yet",
    no_indicator: "No indicator.",
    milestones: "Milestones",
    due: "Due",
    done_on: "Done on",
    not_done: "To do",
    no_milestone: "No milestone.",
    printed_on: "Printed on",
    the_year: "The year",
    since_start: "Since the start",
    figure: "Figure",
    key_figures: "Key figures",
    decisions_in_year: "Decisions taken in the year (median time)",
    paid_in_year: "Payment credits paid in the year",
    projects: "Projects",
    projects_by_phase: "Projects by phase",
    investment: "Investment",
    investment_by_year: "Investment decided by year",
    secured_funding: "Secured funding",
    instruction: "Instruction times",
    decisions: "Decisions",
    median_days: "Median (days)",
    instruction_ratio: "Instruction times divided by",
    instruction_chart: "Median instruction time by year of decision",
    actors_engaged: "Actors engaged",
    network: "Network of actors",
    actors: "Actors",
    links: "Links",
    network_chart: "Network growth (actors at the end of each year)",
    abandonments: "Abandonment reasons",
    reason: "Reason",
    indicator_statuses: "Indicator statuses",
    capacity_ratio: "Investment capacity multiplied by",
    paid_chart: "Payment credits paid by year",
    no_data: "No data.",
    annual_note: "\"The year\" counts the projects whose commission letter dates from the year; \"since the start\", the whole portfolio. Definitions: docs/METRICS.md.",
    days: "days",
};

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

pub fn phase(phase: Phase, lang: Lang) -> &'static str {
    let (fr, en) = match phase {
        Phase::Commande => ("Commande", "Commission"),
        Phase::Cadrage => ("Cadrage", "Scoping"),
        Phase::Instruction => ("Instruction", "Instruction"),
        Phase::Decision => ("Décision", "Decision"),
        Phase::Realisation => ("Réalisation", "Delivery"),
        Phase::Evaluation => ("Évaluation", "Evaluation"),
        Phase::Cloture => ("Clôture", "Closed"),
        Phase::Suspendu => ("Suspendu", "Suspended"),
        Phase::Abandonne => ("Abandonné", "Abandoned"),
    };
    pick(lang, fr, en)
}

pub fn outcome(outcome: DecisionOutcome, lang: Lang) -> &'static str {
    let (fr, en) = match outcome {
        DecisionOutcome::Go => ("go", "go"),
        DecisionOutcome::GoWithConditions => ("go sous conditions", "go with conditions"),
        DecisionOutcome::NoGo => ("no go", "no go"),
    };
    pick(lang, fr, en)
}

pub fn abandon_reason(reason: AbandonReason, lang: Lang) -> &'static str {
    let (fr, en) = match reason {
        AbandonReason::Financing => ("Financement", "Financing"),
        AbandonReason::Partners => ("Partenaires", "Partners"),
        AbandonReason::MarketRelevance => ("Pertinence", "Relevance"),
        AbandonReason::Time => ("Délais", "Time"),
        AbandonReason::Other => ("Autre", "Other"),
    };
    pick(lang, fr, en)
}

pub fn category(category: FundingCategory, lang: Lang) -> &'static str {
    let (fr, en) = match category {
        FundingCategory::City => ("Ville", "City"),
        FundingCategory::Public => ("Public", "Public"),
        FundingCategory::Private => ("Privé", "Private"),
    };
    pick(lang, fr, en)
}

pub fn funding_status(status: FundingStatus, lang: Lang) -> &'static str {
    let (fr, en) = match status {
        FundingStatus::Planned => ("Prévu", "Planned"),
        FundingStatus::Requested => ("Demandé", "Requested"),
        FundingStatus::Granted => ("Accordé", "Granted"),
        FundingStatus::Refused => ("Refusé", "Refused"),
        FundingStatus::Paid => ("Versé", "Paid"),
    };
    pick(lang, fr, en)
}

pub fn indicator_status(status: Option<IndicatorStatus>, lang: Lang) -> &'static str {
    let (fr, en) = match status {
        Some(IndicatorStatus::OnTrack) => ("En bonne voie", "On track"),
        Some(IndicatorStatus::AtRisk) => ("À surveiller", "At risk"),
        Some(IndicatorStatus::OffTrack) => ("En retard", "Off track"),
        None => ("Pas encore mesuré", "Not measured yet"),
    };
    pick(lang, fr, en)
}

fn pick(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::pdf::unprintable;

    #[test]
    fn every_word_prints_with_the_embedded_fonts() {
        for lang in [Lang::Fr, Lang::En] {
            let words = words(lang);
            let mut text = format!(
                "{} {} {} {}",
                words.sheet_title, words.annual_note, words.recommendations, words.range
            );
            for p in Phase::ALL {
                text.push_str(phase(p, lang));
            }
            for r in AbandonReason::ALL {
                text.push_str(abandon_reason(r, lang));
            }
            assert!(unprintable(&text).is_empty(), "{:?}", unprintable(&text));
        }
    }

    #[test]
    fn french_and_english_differ_where_they_should() {
        assert_eq!(phase(Phase::Realisation, Lang::Fr), "Réalisation");
        assert_eq!(phase(Phase::Realisation, Lang::En), "Delivery");
        assert_ne!(words(Lang::Fr).finance, words(Lang::En).finance);
    }
}
