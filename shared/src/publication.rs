//! The national open-data formats the town publishes in: the projects in
//! the "projets des collectivités" schema, the grants it gives in SCDL
//! *Subventions*. Here are the rules that turn our records into their
//! rows; `docs/OPEN_DATA.md` documents each column.

use crate::lifecycle::Phase;
use crate::validation::{self as v, Validate};
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who the town is, as its publications name it (a setting).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TownIdentity {
    /// The town's official name, e.g. "Commune de Romans-sur-Isère".
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::trimmed_text::<{ v::NAME_MAX_CHARS }, false>))]
    pub name: String,
    /// The town's SIRET, 14 digits (spaces allowed), its checksum valid.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::siret))]
    pub siret: String,
}

impl TownIdentity {
    /// Trimmed, the SIRET as its 14 digits.
    pub fn normalized(mut self) -> Self {
        self.name = self.name.trim().to_owned();
        if let Ok(siret) = crate::siret::parse_siret(&self.siret) {
            self.siret = siret;
        }
        self
    }
}

impl Validate for TownIdentity {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = v::required_text("name", &self.name, v::NAME_MAX_CHARS)
            .into_iter()
            .collect();
        if let Err(error) = crate::siret::parse_siret(&self.siret) {
            errors.push(FieldError::new("siret", "invalid_siret", error.message()));
        }
        errors
    }
}

/// The national schema's phase and status of a project: its three phases
/// (`Idée`, `Étude`, `Opération`) and what is happening in it. A
/// suspended or abandoned project keeps the phase it was in (`from`);
/// an ongoing one past its planned end is late.
pub fn projet_phase(
    phase: Phase,
    from: Option<Phase>,
    planned_end: Option<NaiveDate>,
    today: NaiveDate,
) -> (Option<&'static str>, &'static str) {
    let national = |phase: Phase| match phase {
        Phase::Commande | Phase::Cadrage => Some("Idée"),
        Phase::Instruction | Phase::Decision => Some("Étude"),
        Phase::Realisation | Phase::Evaluation | Phase::Cloture => Some("Opération"),
        Phase::Suspendu | Phase::Abandonne => None,
    };
    match phase {
        Phase::Suspendu => (from.and_then(national), "En pause"),
        Phase::Abandonne => (from.and_then(national), "Abandonné"),
        Phase::Cloture => (national(phase), "Terminé"),
        Phase::Realisation if planned_end.is_some_and(|end| end < today) => {
            (national(phase), "En retard")
        }
        _ => (national(phase), "En cours"),
    }
}

/// SCDL's `conditionsVersement`: paid at once, or over several years.
pub fn payment_conditions(schedule_years: &[i32]) -> &'static str {
    if schedule_years.len() > 1 {
        "échelonné"
    } else {
        "unique"
    }
}

/// SCDL's `datesPeriodeVersement`: the day it was paid; else the years its
/// schedule spreads over; else the day of the convention.
pub fn payment_period(
    paid_on: Option<NaiveDate>,
    schedule_years: &[i32],
    convention: NaiveDate,
) -> String {
    if let Some(paid) = paid_on {
        return paid.format("%Y-%m-%d").to_string();
    }
    match (schedule_years.iter().min(), schedule_years.iter().max()) {
        (Some(first), Some(last)) => format!("{first}-01-01/{last}-12-31"),
        _ => convention.format("%Y-%m-%d").to_string(),
    }
}

/// SCDL's `objet`: at most 256 characters.
pub fn grant_object(project_title: &str, label: Option<&str>) -> String {
    let text = match label.map(str::trim).filter(|l| !l.is_empty()) {
        Some(label) => format!("{project_title} — {label}"),
        None => project_title.to_owned(),
    };
    text.chars().take(256).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn our_phases_map_to_the_national_ones() {
        let today = day(2026, 6, 1);
        assert_eq!(
            projet_phase(Phase::Cadrage, None, None, today),
            (Some("Idée"), "En cours")
        );
        assert_eq!(
            projet_phase(Phase::Decision, None, None, today),
            (Some("Étude"), "En cours")
        );
        assert_eq!(
            projet_phase(Phase::Evaluation, None, None, today),
            (Some("Opération"), "En cours")
        );
        assert_eq!(
            projet_phase(Phase::Cloture, None, None, today),
            (Some("Opération"), "Terminé")
        );
        assert_eq!(
            projet_phase(Phase::Suspendu, Some(Phase::Instruction), None, today),
            (Some("Étude"), "En pause")
        );
        assert_eq!(
            projet_phase(Phase::Abandonne, Some(Phase::Commande), None, today),
            (Some("Idée"), "Abandonné")
        );
        assert_eq!(
            projet_phase(Phase::Abandonne, None, None, today),
            (None, "Abandonné")
        );
        assert_eq!(
            projet_phase(Phase::Realisation, None, Some(day(2026, 5, 31)), today),
            (Some("Opération"), "En retard")
        );
        assert_eq!(
            projet_phase(Phase::Realisation, None, Some(day(2026, 6, 1)), today),
            (Some("Opération"), "En cours")
        );
    }

    #[test]
    fn a_grant_reads_as_scdl_says() {
        assert_eq!(payment_conditions(&[2025]), "unique");
        assert_eq!(payment_conditions(&[2025, 2026]), "échelonné");
        assert_eq!(
            payment_period(Some(day(2025, 3, 2)), &[2025, 2026], day(2024, 1, 1)),
            "2025-03-02"
        );
        assert_eq!(
            payment_period(None, &[2026, 2025], day(2024, 1, 1)),
            "2025-01-01/2026-12-31"
        );
        assert_eq!(payment_period(None, &[], day(2024, 1, 1)), "2024-01-01");
        assert_eq!(
            grant_object("Tiers-lieu", Some(" Fonctionnement ")),
            "Tiers-lieu — Fonctionnement"
        );
        assert_eq!(grant_object(&"x".repeat(300), None).chars().count(), 256);
    }

    #[test]
    fn the_town_needs_a_name_and_a_real_siret() {
        let wrong = TownIdentity {
            name: "".into(),
            siret: "123".into(),
        };
        let fields: Vec<String> = wrong.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "siret"]);
        let siret = crate::siret::with_check_digit("2126028190001");
        let spaced = format!("{} {} {}", &siret[..3], &siret[3..9], &siret[9..]);
        let valid = TownIdentity {
            name: " Ville de Romans ".into(),
            siret: spaced,
        }
        .normalized();
        assert!(valid.validate().is_empty());
        assert_eq!(
            (valid.name.as_str(), valid.siret.as_str()),
            ("Ville de Romans", siret.as_str())
        );
    }
}
