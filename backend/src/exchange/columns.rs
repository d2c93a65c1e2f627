//! The columns of every exchange file, one table per entity. Each column
//! says, side by side, how a record is written into it and how an import
//! reads it back, so the export and the import cannot drift apart. Headers
//! are the JSON field names.
//!
//! Import rules, the same for every column: cells are trimmed; an empty
//! cell clears an optional field, and leaves a required one as it is (or
//! at its default for a new record); lists are joined with `;`; money is
//! integer cents; dates are `YYYY-MM-DD`. Read-only columns (ids, computed
//! figures, timestamps) are exported for information and ignored by the
//! import.

use super::files::{split_list, Cell, Table};
use chrono::NaiveDate;
use shared::actors::{Actor, ActorKind, ActorPatch};
use shared::exchange::{OpenDataProject, PortfolioFundingLine, PortfolioIndicator};
use shared::ids::UserId;
use shared::lifecycle::{AbandonReason, DecisionOutcome, Phase};
use shared::projects::{InnovationType, Project, ProjectPatch};
use std::str::FromStr;

/// Why a cell cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
}

impl Refusal {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

type Reader<D> = fn(&mut D, &str) -> Result<(), Refusal>;

pub struct Column<T, D> {
    pub name: &'static str,
    pub export: fn(&T) -> Cell,
    /// How an import reads the column into its draft; `None`: read-only.
    pub import: Option<Reader<D>>,
}

/// For tables that are only exported.
pub enum ExportOnly {}

/// Every record under the columns' headers.
pub fn table<T, D>(sheet: &'static str, columns: &[Column<T, D>], items: &[T]) -> Table {
    Table {
        sheet,
        headers: columns.iter().map(|c| c.name.into()).collect(),
        rows: items
            .iter()
            .map(|item| columns.iter().map(|c| (c.export)(item)).collect())
            .collect(),
    }
}

pub fn find<'a, T, D>(columns: &'a [Column<T, D>], name: &str) -> Option<&'a Column<T, D>> {
    columns.iter().find(|c| c.name == name)
}

// --- Reading cells -------------------------------------------------------

/// The cell's text, trimmed, without the `'` that defuses a formula in a
/// CSV export; `None` when empty.
pub fn text(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let unguarded = match trimmed.strip_prefix('\'') {
        Some(rest) if super::files::runs_as_formula(rest) => rest,
        _ => trimmed,
    };
    Some(unguarded.to_owned()).filter(|t| !t.is_empty())
}

pub fn date(raw: &str) -> Result<Option<NaiveDate>, Refusal> {
    text(raw)
        .map(|t| {
            NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| {
                Refusal::new("invalid_date", format!("`{t}` is not a YYYY-MM-DD date"))
            })
        })
        .transpose()
}

pub fn integer(raw: &str) -> Result<Option<i64>, Refusal> {
    text(raw)
        .map(|t| {
            t.parse::<i64>().map_err(|_| {
                Refusal::new(
                    "invalid_integer",
                    format!("`{t}` is not a whole number (money is in cents, without separators)"),
                )
            })
        })
        .transpose()
}

pub fn choice<T: FromStr>(raw: &str, allowed: &[&str]) -> Result<Option<T>, Refusal> {
    text(raw)
        .map(|t| {
            t.parse::<T>().map_err(|_| {
                Refusal::new(
                    "invalid_choice",
                    format!("`{t}` is not one of: {}", allowed.join(", ")),
                )
            })
        })
        .transpose()
}

pub fn choices<T: FromStr>(raw: &str, allowed: &[&str]) -> Result<Vec<T>, Refusal> {
    split_list(raw)
        .iter()
        .map(|element| {
            element.parse::<T>().map_err(|_| {
                Refusal::new(
                    "invalid_choice",
                    format!("`{element}` is not one of: {}", allowed.join(", ")),
                )
            })
        })
        .collect()
}

pub fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| name(*v)).collect()
}

// --- Actors --------------------------------------------------------------

/// What one row of an actors file says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorDraft {
    pub patch: ActorPatch,
    /// The version the row was exported at, if given: a record changed
    /// since is not overwritten.
    pub version: Option<i64>,
}

pub const ACTORS: &[Column<Actor, ActorDraft>] = &[
    Column {
        name: "id",
        export: |a| Cell::Integer(a.id.0),
        import: None,
    },
    Column {
        name: "name",
        export: |a| Cell::text(&a.name),
        import: Some(|d, raw| {
            d.patch.name = text(raw);
            Ok(())
        }),
    },
    Column {
        name: "kind",
        export: |a| Cell::text(a.kind.as_str()),
        import: Some(|d, raw| {
            d.patch.kind = choice(raw, &names(&ActorKind::ALL, ActorKind::as_str))?;
            Ok(())
        }),
    },
    Column {
        name: "siret",
        export: |a| Cell::optional_text(a.siret.as_deref()),
        import: Some(|d, raw| {
            d.patch.siret = Some(text(raw));
            Ok(())
        }),
    },
    Column {
        name: "siren",
        export: |a| Cell::optional_text(a.siren.as_deref()),
        import: None,
    },
    Column {
        name: "sector",
        export: |a| Cell::optional_text(a.sector.as_deref()),
        import: Some(|d, raw| {
            d.patch.sector = Some(text(raw));
            Ok(())
        }),
    },
    Column {
        name: "address",
        export: |a| Cell::optional_text(a.address.as_deref()),
        import: Some(|d, raw| {
            d.patch.address = Some(text(raw));
            Ok(())
        }),
    },
    Column {
        name: "commune_insee",
        export: |a| Cell::optional_text(a.commune_insee.as_deref()),
        import: Some(|d, raw| {
            d.patch.commune_insee = Some(text(raw));
            Ok(())
        }),
    },
    Column {
        name: "website",
        export: |a| Cell::optional_text(a.website.as_deref()),
        import: Some(|d, raw| {
            d.patch.website = Some(text(raw));
            Ok(())
        }),
    },
    Column {
        name: "email",
        export: |a| Cell::optional_text(a.email.as_deref()),
        import: Some(|d, raw| {
            d.patch.email = Some(text(raw));
            Ok(())
        }),
    },
    Column {
        name: "phone",
        export: |a| Cell::optional_text(a.phone.as_deref()),
        import: Some(|d, raw| {
            d.patch.phone = Some(text(raw));
            Ok(())
        }),
    },
    Column {
        name: "tags",
        export: |a| Cell::list(&a.tags),
        import: Some(|d, raw| {
            d.patch.tags = Some(split_list(raw));
            Ok(())
        }),
    },
    Column {
        name: "notes",
        export: |a| Cell::optional_text(a.notes.as_deref()),
        import: Some(|d, raw| {
            d.patch.notes = Some(text(raw));
            Ok(())
        }),
    },
    Column {
        name: "created_at",
        export: |a| Cell::Instant(a.created_at),
        import: None,
    },
    Column {
        name: "updated_at",
        export: |a| Cell::Instant(a.updated_at),
        import: None,
    },
    Column {
        name: "version",
        export: |a| Cell::Integer(a.version),
        import: Some(|d, raw| {
            d.version = integer(raw)?;
            Ok(())
        }),
    },
];

// --- Projects ------------------------------------------------------------

/// The lifecycle columns of a projects file: taken as they are when the
/// row creates a project (an existing portfolio comes in at its phases),
/// and required to match otherwise, since a phase moves only through
/// transitions. `Some(None)`: the cell is empty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LifecycleDraft {
    pub phase: Option<Phase>,
    pub suspended_from: Option<Option<Phase>>,
    pub decision_outcome: Option<Option<DecisionOutcome>>,
    pub abandon_reason: Option<Option<AbandonReason>>,
    pub decision_date: Option<Option<NaiveDate>>,
}

/// What one row of a projects file says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectDraft {
    pub reference: Option<String>,
    pub patch: ProjectPatch,
    pub lifecycle: LifecycleDraft,
    pub version: Option<i64>,
}

const OUTCOMES: [&str; 3] = ["go", "go_with_conditions", "no_go"];

fn phases() -> Vec<&'static str> {
    names(&Phase::ALL, Phase::as_str)
}

pub const PROJECTS: &[Column<Project, ProjectDraft>] = &[
    Column {
        name: "id",
        export: |p| Cell::Integer(p.id.0),
        import: None,
    },
    Column {
        name: "reference",
        export: |p| Cell::text(&p.reference),
        import: Some(|d, raw| {
            d.reference = text(raw);
            Ok(())
        }),
    },
    Column {
        name: "title",
        export: |p| Cell::text(&p.title),
        import: Some(|d, raw| {
            d.patch.title = text(raw);
            Ok(())
        }),
    },
    Column {
        name: "summary",
        export: |p| Cell::optional_text(p.summary.as_deref()),
        import: Some(|d, raw| {
            d.patch.summary = Some(text(raw));
            Ok(())
        }),
    },
    Column {
        name: "description",
        export: |p| Cell::optional_text(p.description.as_deref()),
        import: Some(|d, raw| {
            d.patch.description = Some(text(raw));
            Ok(())
        }),
    },
    Column {
        name: "axis",
        export: |p| Cell::text(&p.axis),
        import: Some(|d, raw| {
            d.patch.axis = text(raw);
            Ok(())
        }),
    },
    Column {
        name: "innovation_types",
        export: |p| Cell::list(&p.innovation_types),
        import: Some(|d, raw| {
            d.patch.innovation_types = Some(choices(
                raw,
                &names(&InnovationType::ALL, InnovationType::as_str),
            )?);
            Ok(())
        }),
    },
    Column {
        name: "phase",
        export: |p| Cell::text(p.phase.as_str()),
        import: Some(|d, raw| {
            d.lifecycle.phase = choice(raw, &phases())?;
            Ok(())
        }),
    },
    Column {
        name: "suspended_from",
        export: |p| Cell::optional_text(p.suspended_from.map(Phase::as_str)),
        import: Some(|d, raw| {
            d.lifecycle.suspended_from = Some(choice(raw, &phases())?);
            Ok(())
        }),
    },
    Column {
        name: "decision_outcome",
        export: |p| Cell::optional_text(p.decision_outcome.map(DecisionOutcome::as_str)),
        import: Some(|d, raw| {
            d.lifecycle.decision_outcome = Some(choice(raw, &OUTCOMES)?);
            Ok(())
        }),
    },
    Column {
        name: "abandon_reason",
        export: |p| Cell::optional_text(p.abandon_reason.map(AbandonReason::as_str)),
        import: Some(|d, raw| {
            d.lifecycle.abandon_reason = Some(choice(
                raw,
                &names(&AbandonReason::ALL, AbandonReason::as_str),
            )?);
            Ok(())
        }),
    },
    Column {
        name: "commission_date",
        export: |p| Cell::Date(p.commission_date),
        import: Some(|d, raw| {
            d.patch.commission_date = date(raw)?;
            Ok(())
        }),
    },
    Column {
        name: "decision_date",
        export: |p| Cell::optional_date(p.decision_date),
        import: Some(|d, raw| {
            d.lifecycle.decision_date = Some(date(raw)?);
            Ok(())
        }),
    },
    Column {
        name: "start_date",
        export: |p| Cell::optional_date(p.start_date),
        import: Some(|d, raw| {
            d.patch.start_date = Some(date(raw)?);
            Ok(())
        }),
    },
    Column {
        name: "planned_end_date",
        export: |p| Cell::optional_date(p.planned_end_date),
        import: Some(|d, raw| {
            d.patch.planned_end_date = Some(date(raw)?);
            Ok(())
        }),
    },
    Column {
        name: "actual_end_date",
        export: |p| Cell::optional_date(p.actual_end_date),
        import: Some(|d, raw| {
            d.patch.actual_end_date = Some(date(raw)?);
            Ok(())
        }),
    },
    Column {
        name: "lead_id",
        export: |p| Cell::optional_integer(p.lead_id.map(|u| u.0)),
        import: Some(|d, raw| {
            d.patch.lead_id = Some(integer(raw)?.map(UserId));
            Ok(())
        }),
    },
    Column {
        name: "team",
        export: |p| Cell::list(&p.team),
        import: Some(|d, raw| {
            let ids = split_list(raw)
                .iter()
                .map(|id| integer(id).map(|n| n.map(UserId)))
                .collect::<Result<Vec<_>, _>>()?;
            d.patch.team = Some(ids.into_iter().flatten().collect());
            Ok(())
        }),
    },
    Column {
        name: "sponsor",
        export: |p| Cell::optional_text(p.sponsor.as_deref()),
        import: Some(|d, raw| {
            d.patch.sponsor = Some(text(raw));
            Ok(())
        }),
    },
    Column {
        name: "commune_insee",
        export: |p| Cell::optional_text(p.commune_insee.as_deref()),
        import: Some(|d, raw| {
            d.patch.commune_insee = Some(text(raw));
            Ok(())
        }),
    },
    Column {
        name: "area",
        export: |p| Cell::optional_text(p.area.as_deref()),
        import: Some(|d, raw| {
            d.patch.area = Some(text(raw));
            Ok(())
        }),
    },
    Column {
        name: "total_cost_cents",
        export: |p| Cell::Integer(p.total_cost_cents),
        import: Some(|d, raw| {
            d.patch.total_cost_cents = integer(raw)?;
            Ok(())
        }),
    },
    Column {
        name: "visibility",
        export: |p| Cell::text(p.visibility.as_str()),
        import: Some(|d, raw| {
            d.patch.visibility = choice(raw, &["internal", "partners", "public"])?;
            Ok(())
        }),
    },
    Column {
        name: "tags",
        export: |p| Cell::list(&p.tags),
        import: Some(|d, raw| {
            d.patch.tags = Some(split_list(raw));
            Ok(())
        }),
    },
    Column {
        name: "instruction_days",
        export: |p| Cell::optional_integer(p.instruction_days),
        import: None,
    },
    Column {
        name: "city_cents",
        export: |p| Cell::Integer(p.finance.city_cents),
        import: None,
    },
    Column {
        name: "secured_cents",
        export: |p| Cell::Integer(p.finance.secured_cents),
        import: None,
    },
    Column {
        name: "secured_others_cents",
        export: |p| Cell::Integer(p.finance.secured_others_cents),
        import: None,
    },
    Column {
        name: "gap_cents",
        export: |p| Cell::Integer(p.finance.gap_cents),
        import: None,
    },
    Column {
        name: "leverage",
        export: |p| Cell::optional_float(p.finance.leverage),
        import: None,
    },
    Column {
        name: "created_at",
        export: |p| Cell::Instant(p.created_at),
        import: None,
    },
    Column {
        name: "updated_at",
        export: |p| Cell::Instant(p.updated_at),
        import: None,
    },
    Column {
        name: "version",
        export: |p| Cell::Integer(p.version),
        import: Some(|d, raw| {
            d.version = integer(raw)?;
            Ok(())
        }),
    },
];

// --- Export only ---------------------------------------------------------

pub const FUNDING_LINES: &[Column<PortfolioFundingLine, ExportOnly>] = &[
    Column {
        name: "id",
        export: |f| Cell::Integer(f.line.id.0),
        import: None,
    },
    Column {
        name: "project_id",
        export: |f| Cell::Integer(f.line.project_id.0),
        import: None,
    },
    Column {
        name: "project_reference",
        export: |f| Cell::text(&f.project_reference),
        import: None,
    },
    Column {
        name: "project_title",
        export: |f| Cell::text(&f.project_title),
        import: None,
    },
    Column {
        name: "funder_id",
        export: |f| Cell::Integer(f.line.funder_id.0),
        import: None,
    },
    Column {
        name: "funder_name",
        export: |f| Cell::text(&f.line.funder_name),
        import: None,
    },
    Column {
        name: "category",
        export: |f| Cell::text(f.line.category.as_str()),
        import: None,
    },
    Column {
        name: "amount_cents",
        export: |f| Cell::Integer(f.line.amount_cents),
        import: None,
    },
    Column {
        name: "status",
        export: |f| Cell::text(f.line.status.as_str()),
        import: None,
    },
    Column {
        name: "label",
        export: |f| Cell::optional_text(f.line.label.as_deref()),
        import: None,
    },
    Column {
        name: "scheme",
        export: |f| Cell::optional_text(f.line.scheme.as_deref()),
        import: None,
    },
    Column {
        name: "convention_date",
        export: |f| Cell::optional_date(f.line.convention_date),
        import: None,
    },
    Column {
        name: "decision_ref",
        export: |f| Cell::optional_text(f.line.decision_ref.as_deref()),
        import: None,
    },
    Column {
        name: "lapse_date",
        export: |f| Cell::optional_date(f.line.lapse_date),
        import: None,
    },
    Column {
        name: "requested_on",
        export: |f| Cell::optional_date(f.line.requested_on),
        import: None,
    },
    Column {
        name: "decided_on",
        export: |f| Cell::optional_date(f.line.decided_on),
        import: None,
    },
    Column {
        name: "paid_on",
        export: |f| Cell::optional_date(f.line.paid_on),
        import: None,
    },
    Column {
        name: "created_at",
        export: |f| Cell::Instant(f.line.created_at),
        import: None,
    },
    Column {
        name: "updated_at",
        export: |f| Cell::Instant(f.line.updated_at),
        import: None,
    },
    Column {
        name: "version",
        export: |f| Cell::Integer(f.line.version),
        import: None,
    },
];

pub const INDICATORS: &[Column<PortfolioIndicator, ExportOnly>] = &[
    Column {
        name: "id",
        export: |i| Cell::Integer(i.indicator.id.0),
        import: None,
    },
    Column {
        name: "project_id",
        export: |i| Cell::Integer(i.indicator.project_id.0),
        import: None,
    },
    Column {
        name: "project_reference",
        export: |i| Cell::text(&i.project_reference),
        import: None,
    },
    Column {
        name: "project_title",
        export: |i| Cell::text(&i.project_title),
        import: None,
    },
    Column {
        name: "name",
        export: |i| Cell::text(&i.indicator.fields.name),
        import: None,
    },
    Column {
        name: "unit",
        export: |i| Cell::text(&i.indicator.fields.unit),
        import: None,
    },
    Column {
        name: "level",
        export: |i| Cell::text(i.indicator.fields.level.as_str()),
        import: None,
    },
    Column {
        name: "direction",
        export: |i| Cell::text(i.indicator.fields.direction.as_str()),
        import: None,
    },
    Column {
        name: "description",
        export: |i| Cell::optional_text(i.indicator.fields.description.as_deref()),
        import: None,
    },
    Column {
        name: "baseline_value",
        export: |i| Cell::Decimal(i.indicator.fields.baseline_value),
        import: None,
    },
    Column {
        name: "baseline_date",
        export: |i| Cell::Date(i.indicator.fields.baseline_date),
        import: None,
    },
    Column {
        name: "target_value",
        export: |i| Cell::Decimal(i.indicator.fields.target_value),
        import: None,
    },
    Column {
        name: "target_date",
        export: |i| Cell::Date(i.indicator.fields.target_date),
        import: None,
    },
    Column {
        name: "public",
        export: |i| Cell::Bool(i.indicator.fields.public),
        import: None,
    },
    Column {
        name: "latest_value",
        export: |i| {
            i.indicator
                .reading
                .latest_value
                .map_or(Cell::Empty, Cell::Decimal)
        },
        import: None,
    },
    Column {
        name: "latest_date",
        export: |i| Cell::optional_date(i.indicator.reading.latest_date),
        import: None,
    },
    Column {
        name: "progress",
        export: |i| Cell::optional_float(i.indicator.reading.progress),
        import: None,
    },
    Column {
        name: "expected_progress",
        export: |i| Cell::optional_float(i.indicator.reading.expected_progress),
        import: None,
    },
    Column {
        name: "status",
        export: |i| Cell::optional_text(i.indicator.reading.status.map(|s| s.as_str())),
        import: None,
    },
    Column {
        name: "achieved",
        export: |i| Cell::Bool(i.indicator.reading.achieved),
        import: None,
    },
    Column {
        name: "measurements_count",
        export: |i| {
            Cell::Integer(i64::try_from(i.indicator.measurements_count).unwrap_or(i64::MAX))
        },
        import: None,
    },
    Column {
        name: "created_at",
        export: |i| Cell::Instant(i.indicator.created_at),
        import: None,
    },
    Column {
        name: "updated_at",
        export: |i| Cell::Instant(i.indicator.updated_at),
        import: None,
    },
    Column {
        name: "version",
        export: |i| Cell::Integer(i.indicator.version),
        import: None,
    },
];

/// The open-data file: `docs/OPEN_DATA.md` documents each column.
pub const OPEN_DATA_PROJECTS: &[Column<OpenDataProject, ExportOnly>] = &[
    Column {
        name: "reference",
        export: |p| Cell::text(&p.reference),
        import: None,
    },
    Column {
        name: "title",
        export: |p| Cell::text(&p.title),
        import: None,
    },
    Column {
        name: "summary",
        export: |p| Cell::optional_text(p.summary.as_deref()),
        import: None,
    },
    Column {
        name: "axis",
        export: |p| Cell::text(&p.axis),
        import: None,
    },
    Column {
        name: "phase",
        export: |p| Cell::text(p.phase.as_str()),
        import: None,
    },
    Column {
        name: "innovation_types",
        export: |p| Cell::list(&p.innovation_types),
        import: None,
    },
    Column {
        name: "commission_date",
        export: |p| Cell::Date(p.commission_date),
        import: None,
    },
    Column {
        name: "decision_date",
        export: |p| Cell::optional_date(p.decision_date),
        import: None,
    },
    Column {
        name: "start_date",
        export: |p| Cell::optional_date(p.start_date),
        import: None,
    },
    Column {
        name: "planned_end_date",
        export: |p| Cell::optional_date(p.planned_end_date),
        import: None,
    },
    Column {
        name: "actual_end_date",
        export: |p| Cell::optional_date(p.actual_end_date),
        import: None,
    },
    Column {
        name: "commune_insee",
        export: |p| Cell::optional_text(p.commune_insee.as_deref()),
        import: None,
    },
    Column {
        name: "area",
        export: |p| Cell::optional_text(p.area.as_deref()),
        import: None,
    },
    Column {
        name: "total_cost_cents",
        export: |p| Cell::Integer(p.total_cost_cents),
        import: None,
    },
    Column {
        name: "secured_city_cents",
        export: |p| Cell::Integer(p.secured_city_cents),
        import: None,
    },
    Column {
        name: "secured_public_cents",
        export: |p| Cell::Integer(p.secured_public_cents),
        import: None,
    },
    Column {
        name: "secured_private_cents",
        export: |p| Cell::Integer(p.secured_private_cents),
        import: None,
    },
    Column {
        name: "leverage",
        export: |p| Cell::optional_float(p.leverage),
        import: None,
    },
    Column {
        name: "updated_at",
        export: |p| Cell::Instant(p.updated_at),
        import: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use serde_json::Value;
    use shared::finance::Finance;
    use shared::ids::{ActorId, ProjectId};
    use shared::projects::Visibility;
    use std::collections::HashSet;

    fn unique<T, D>(columns: &[Column<T, D>]) {
        let names: HashSet<&str> = columns.iter().map(|c| c.name).collect();
        assert_eq!(names.len(), columns.len(), "a header is repeated");
    }

    /// Every header is a field of the record's JSON (finance figures are
    /// read from its `finance` object).
    fn headers_are_json_fields<T, D>(columns: &[Column<T, D>], json: &Value) {
        for column in columns {
            let found =
                json.get(column.name).is_some() || json["finance"].get(column.name).is_some();
            assert!(found, "`{}` is not a JSON field", column.name);
        }
    }

    pub fn sample_actor() -> Actor {
        Actor {
            id: ActorId(7),
            name: "Fab'Lab Romans".into(),
            kind: ActorKind::Association,
            siret: Some("73282932000074".into()),
            siren: Some("732829320".into()),
            sector: Some("Numérique".into()),
            address: None,
            commune_insee: Some("26281".into()),
            website: None,
            email: Some("contact@fablab.example".into()),
            phone: Some("+33 4 75 00 00 00".into()),
            tags: vec!["numérique".into(), "a;b".into()],
            notes: Some("=HYPERLINK(\"x\")".into()),
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 3,
        }
    }

    fn sample_project() -> Project {
        let commission = NaiveDate::from_ymd_opt(2024, 1, 10).unwrap();
        Project {
            ap_cents: None,
            id: ProjectId(4),
            reference: "2024-004".into(),
            title: "Tiers-lieu".into(),
            summary: None,
            description: Some("Ligne 1\nLigne 2".into()),
            axis: "Innovation".into(),
            innovation_types: vec![InnovationType::Social, InnovationType::PublicService],
            phase: Phase::Suspendu,
            suspended_from: Some(Phase::Instruction),
            decision_outcome: None,
            abandon_reason: None,
            commission_date: commission,
            decision_date: None,
            start_date: None,
            planned_end_date: None,
            actual_end_date: None,
            lead_id: Some(UserId(2)),
            team: vec![UserId(2), UserId(5)],
            sponsor: None,
            commune_insee: None,
            area: Some("Centre ancien".into()),
            total_cost_cents: 1_200_000_00,
            visibility: Visibility::Public,
            tags: vec![],
            instruction_days: None,
            finance: Finance::compute(1_200_000_00, []),
            allowed_transitions: vec![],
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 2,
        }
    }

    /// Exports a record and reads its CSV cells back into a draft.
    fn round_trip<T, D: Default>(columns: &[Column<T, D>], item: &T) -> D {
        let mut draft = D::default();
        for column in columns {
            if let Some(read) = column.import {
                let cell = (column.export)(item).to_csv();
                read(&mut draft, &cell).unwrap_or_else(|e| panic!("{}: {e:?}", column.name));
            }
        }
        draft
    }

    #[test]
    fn every_table_has_unique_json_headers() {
        unique(ACTORS);
        unique(PROJECTS);
        unique(FUNDING_LINES);
        unique(INDICATORS);
        unique(OPEN_DATA_PROJECTS);
        headers_are_json_fields(ACTORS, &serde_json::to_value(sample_actor()).unwrap());
        headers_are_json_fields(PROJECTS, &serde_json::to_value(sample_project()).unwrap());
    }

    #[test]
    fn an_exported_actor_reads_back_as_itself() {
        let actor = sample_actor();
        let draft = round_trip(ACTORS, &actor);
        let fields = shared::actors::ActorFields::patched(&actor, draft.patch.clone());
        assert_eq!(
            fields,
            shared::actors::ActorFields::patched(&actor, ActorPatch::default())
        );
        assert_eq!(draft.patch.notes, Some(actor.notes.clone()));
        assert_eq!(draft.patch.phone, Some(actor.phone.clone()));
        assert_eq!(draft.version, Some(3));
    }

    #[test]
    fn an_exported_project_reads_back_as_itself() {
        let project = sample_project();
        let draft = round_trip(PROJECTS, &project);
        let today = Utc::now().date_naive();
        assert_eq!(
            shared::projects::ProjectFields::patched(&project, draft.patch.clone()),
            shared::projects::ProjectFields::patched(&project, ProjectPatch::default())
        );
        assert_eq!(draft.reference.as_deref(), Some("2024-004"));
        assert_eq!(draft.lifecycle.phase, Some(Phase::Suspendu));
        assert_eq!(
            draft.lifecycle.suspended_from,
            Some(Some(Phase::Instruction))
        );
        assert_eq!(draft.lifecycle.decision_date, Some(None));
        assert!(today >= project.commission_date);
    }

    #[test]
    fn bad_cells_are_refused_with_a_code() {
        let mut draft = ProjectDraft::default();
        let read = |name: &str| find(PROJECTS, name).unwrap().import.unwrap();
        assert_eq!(
            read("commission_date")(&mut draft, "10/01/2024")
                .unwrap_err()
                .code,
            "invalid_date"
        );
        assert_eq!(
            read("total_cost_cents")(&mut draft, "12,50")
                .unwrap_err()
                .code,
            "invalid_integer"
        );
        assert_eq!(
            read("phase")(&mut draft, "fini").unwrap_err().code,
            "invalid_choice"
        );
        assert_eq!(
            read("innovation_types")(&mut draft, "social;magic")
                .unwrap_err()
                .code,
            "invalid_choice"
        );
        read("total_cost_cents")(&mut draft, "").unwrap();
        assert_eq!(draft.patch.total_cost_cents, None, "empty keeps the value");
    }
}
