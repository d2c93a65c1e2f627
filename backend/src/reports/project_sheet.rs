//! The project sheet (*fiche projet*) for a steering committee: what the
//! project pages show, on paper. A partner gets what the API gives them:
//! the trimmed record, the timeline without motivations, their own funding
//! lines, indicators and milestones; no programming and no evaluation.

use super::labels::{self, Words};
use super::pdf::{Align, Bars, Chart, Column, Report, Table, Trend};
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::evaluations::{indicators, repo as evaluations};
use crate::programming::{ap, credits};
use crate::projects::{funding, lifecycle, milestones, repo as projects};
use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use shared::evaluation::{consolidation, may_consolidate, Consolidation, EvaluationKind};
use shared::format;
use shared::i18n::Lang;
use shared::ids::ProjectId;
use shared::indicators::{Indicator, Measurement};
use shared::participants::FundingLine;
use shared::programming::{ApRevision, CreditYear};
use shared::projects::{Milestone, Project, Transition};

/// Everything the sheet prints, read under the caller's rights.
pub struct SheetData {
    pub project: Project,
    pub transitions: Vec<Transition>,
    pub lines: Vec<FundingLine>,
    /// Only the partner's own lines are in `lines`.
    pub partner_view: bool,
    /// Staff only.
    pub ap_revisions: Vec<ApRevision>,
    pub credits: Vec<CreditYear>,
    /// `None` for partners; `Some(None)` when the caller may not see the
    /// consolidation yet (blind review).
    pub evaluation: Option<Option<Consolidation>>,
    pub indicators: Vec<(Indicator, Vec<Measurement>)>,
    pub milestones: Vec<Milestone>,
}

/// Reads the sheet's records; 404 when the project is missing or not
/// shared with the partner asking, as on `GET /projects/{id}`.
pub fn gather(conn: &mut DbConnection, user: &CurrentUser, id: ProjectId) -> ApiResult<SheetData> {
    let reader = crate::access::record_reader(conn, user, id)?;
    let project = projects::get(conn, id)?;
    let mut transitions = lifecycle::history(conn, id)?;
    let mut lines = funding::select_lines(conn, id, None)?;
    let partner = reader.partner();
    let project = match partner {
        Some(actor) => {
            let mut own = crate::access::own_funding(conn, actor, &[id])?;
            lines.retain(|line| line.funder_id == actor);
            transitions = transitions
                .into_iter()
                .map(crate::access::trim_transition)
                .collect();
            crate::access::trim_project(project, own.remove(&id).unwrap_or_default())
        }
        None => project,
    };
    let staff = partner.is_none();
    let (ap_revisions, credits, evaluation) = if staff {
        let opened = evaluations::submitted_kinds(conn, id, user.id)?;
        let consolidated = if may_consolidate(user.role, &opened, EvaluationKind::ExAnte) {
            let submitted = evaluations::submitted(conn, id, EvaluationKind::ExAnte)?;
            Some(consolidation(id, EvaluationKind::ExAnte, &submitted))
        } else {
            None
        };
        (
            ap::revisions(conn, id)?,
            credits::credits_of(conn, id)?,
            Some(consolidated),
        )
    } else {
        (Vec::new(), Vec::new(), None)
    };
    let mut measured = Vec::new();
    for indicator in indicators::of_project(conn, id)? {
        let measurements = indicators::measurements_of(conn, indicator.id)?;
        measured.push((indicator, measurements));
    }
    Ok(SheetData {
        project,
        transitions,
        lines,
        partner_view: !staff,
        ap_revisions,
        credits,
        evaluation,
        indicators: measured,
        milestones: milestones::of_project(conn, id)?,
    })
}

/// Lays the sheet out, in `lang`, as of `today`.
pub fn compose(data: &SheetData, lang: Lang, today: NaiveDate) -> Report {
    let w = labels::words(lang);
    let project = &data.project;
    let title = format!(
        "{} {} — {}",
        w.sheet_title, project.reference, project.title
    );
    let footer = format!(
        "Innov'Action · {} {} · {} {}",
        w.sheet_title,
        project.reference,
        w.printed_on,
        format::date(today, lang)
    );
    let mut report = Report::new(title, lang.code(), footer);
    identity(&mut report, data, w, lang);
    timeline(&mut report, data, w, lang);
    finance(&mut report, data, w, lang);
    programming(&mut report, data, w, lang);
    evaluation(&mut report, data, w, lang);
    impact(&mut report, data, w, lang);
    milestone_list(&mut report, data, w, lang);
    report
}

fn identity(report: &mut Report, data: &SheetData, w: &Words, lang: Lang) {
    let p = &data.project;
    report.heading(2, w.identity);
    let mut facts = vec![
        (w.reference.to_owned(), p.reference.clone()),
        (w.axis.to_owned(), p.axis.clone()),
        (w.phase.to_owned(), labels::phase(p.phase, lang).to_owned()),
    ];
    if let Some(from) = p.suspended_from {
        facts.push((
            w.suspended_from.to_owned(),
            labels::phase(from, lang).to_owned(),
        ));
    }
    let optional = [
        (w.sponsor, p.sponsor.clone()),
        (w.area, p.area.clone()),
        (
            w.decision_date,
            p.decision_date.map(|d| format::date(d, lang)),
        ),
        (w.start_date, p.start_date.map(|d| format::date(d, lang))),
        (
            w.planned_end_date,
            p.planned_end_date.map(|d| format::date(d, lang)),
        ),
        (
            w.actual_end_date,
            p.actual_end_date.map(|d| format::date(d, lang)),
        ),
        (
            w.instruction_time,
            p.instruction_days
                .map(|days| format!("{} {}", format::integer(days.unsigned_abs(), lang), w.days)),
        ),
    ];
    facts.push((
        w.commission_date.to_owned(),
        format::date(p.commission_date, lang),
    ));
    facts.extend(
        optional
            .into_iter()
            .filter_map(|(label, value)| value.map(|v| (label.to_owned(), v))),
    );
    report.facts(facts);
    if let Some(summary) = p.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        report.heading(3, w.summary);
        report.paragraph(summary);
    }
}

fn timeline(report: &mut Report, data: &SheetData, w: &Words, lang: Lang) {
    report.heading(2, w.timeline);
    let mut rows = vec![vec![
        format::date(data.project.commission_date, lang),
        labels::phase(shared::lifecycle::Phase::Commande, lang).to_owned(),
        w.commissioned.to_owned(),
    ]];
    for t in &data.transitions {
        let mut step = format!(
            "{} → {}",
            labels::phase(t.from, lang),
            labels::phase(t.to, lang)
        );
        if let Some(outcome) = t.outcome {
            step.push_str(&format!(" ({})", labels::outcome(outcome, lang)));
        }
        if let Some(reason) = t.reason {
            step.push_str(&format!(" ({})", labels::abandon_reason(reason, lang)));
        }
        let mut motivation = t.motivation.clone();
        if let Some(comment) = t.comment.as_deref().filter(|c| !c.trim().is_empty()) {
            motivation = format!("{motivation}\n{comment}");
        }
        rows.push(vec![format::date(t.date, lang), step, motivation]);
    }
    report.table(Table {
        columns: vec![
            Column::new(w.date, 0.2, Align::Start),
            Column::new(w.step, 0.3, Align::Start),
            Column::new(w.motivation, 0.5, Align::Start),
        ],
        rows,
    });
}

fn finance(report: &mut Report, data: &SheetData, w: &Words, lang: Lang) {
    let f = &data.project.finance;
    report.heading(2, w.finance);
    report.facts(vec![
        (
            w.total_cost.to_owned(),
            format::euros(f.total_cost_cents, lang),
        ),
        (w.secured.to_owned(), format::euros(f.secured_cents, lang)),
        (w.city_share.to_owned(), format::euros(f.city_cents, lang)),
        (
            w.others_share.to_owned(),
            format::euros(f.secured_others_cents, lang),
        ),
        (w.gap.to_owned(), format::euros(f.gap_cents, lang)),
        (w.leverage.to_owned(), format::leverage(f.leverage, lang)),
    ]);
    if data.partner_view {
        report.note(w.partner_view);
    }
    if data.lines.is_empty() {
        report.paragraph(w.no_funding);
        return;
    }
    let rows = data
        .lines
        .iter()
        .map(|line| {
            vec![
                line.funder_name.clone(),
                labels::category(line.category, lang).to_owned(),
                line.scheme.clone().unwrap_or_default(),
                labels::funding_status(line.status, lang).to_owned(),
                format::euros(line.amount_cents, lang),
            ]
        })
        .collect();
    report.table(Table {
        columns: vec![
            Column::new(w.funder, 0.32, Align::Start),
            Column::new(w.category, 0.14, Align::Start),
            Column::new(w.scheme, 0.16, Align::Start),
            Column::new(w.status, 0.15, Align::Start),
            Column::new(w.amount, 0.23, Align::End),
        ],
        rows,
    });
}

fn programming(report: &mut Report, data: &SheetData, w: &Words, lang: Lang) {
    if data.ap_revisions.is_empty() && data.credits.is_empty() {
        return;
    }
    report.heading(2, w.programming);
    if let Some(ap) = data.project.ap_cents {
        report.facts(vec![(w.ap_in_force.to_owned(), format::euros(ap, lang))]);
    }
    if !data.ap_revisions.is_empty() {
        report.heading(3, w.ap_revisions);
        report.table(Table {
            columns: vec![
                Column::new(w.voted_on, 0.25, Align::Start),
                Column::new(w.deliberation, 0.45, Align::Start),
                Column::new(w.amount, 0.3, Align::End),
            ],
            rows: data
                .ap_revisions
                .iter()
                .map(|r| {
                    vec![
                        format::date(r.voted_on, lang),
                        r.deliberation_ref.clone(),
                        format::euros(r.amount_cents, lang),
                    ]
                })
                .collect(),
        });
    }
    if data.credits.is_empty() {
        return;
    }
    report.heading(3, w.credits_chart);
    report.table(Table {
        columns: vec![
            Column::new(w.year, 0.3, Align::Start),
            Column::new(w.planned, 0.35, Align::End),
            Column::new(w.paid, 0.35, Align::End),
        ],
        rows: data
            .credits
            .iter()
            .map(|c| {
                vec![
                    c.year.to_string(),
                    format::euros(c.planned_cents, lang),
                    format::euros(c.paid_cents, lang),
                ]
            })
            .collect(),
    });
    let alt = data
        .credits
        .iter()
        .map(|c| {
            format!(
                "{} : {} / {}",
                c.year,
                format::euros(c.planned_cents, lang),
                format::euros(c.paid_cents, lang)
            )
        })
        .collect::<Vec<_>>()
        .join(" ; ");
    report.chart(
        format!("{} ({} / {}) — {alt}", w.credits_chart, w.planned, w.paid),
        Chart::Bars(Bars {
            series: vec![w.planned.to_owned(), w.paid.to_owned()],
            categories: data
                .credits
                .iter()
                .map(|c| {
                    (
                        c.year.to_string(),
                        vec![c.planned_cents as f64, c.paid_cents as f64],
                    )
                })
                .collect(),
            scale_label: Box::new(move |cents| format::millions_of_euros(cents as i64, lang)),
        }),
    );
}

fn evaluation(report: &mut Report, data: &SheetData, w: &Words, lang: Lang) {
    let Some(visible) = &data.evaluation else {
        return;
    };
    report.heading(2, w.evaluation);
    let Some(c) = visible else {
        report.paragraph(w.evaluation_hidden);
        return;
    };
    if c.evaluations == 0 {
        report.paragraph(w.no_evaluation);
        return;
    }
    report.facts(vec![
        (w.evaluations_count.to_owned(), c.evaluations.to_string()),
        (
            w.weighted_score.to_owned(),
            c.mean_weighted_score
                .map_or_else(|| "—".to_owned(), |s| format::two_decimals(s, lang)),
        ),
        (
            w.recommendations.to_owned(),
            format!(
                "{} / {} / {}",
                c.recommendations.go, c.recommendations.go_with_conditions, c.recommendations.no_go
            ),
        ),
    ]);
    report.table(Table {
        columns: vec![
            Column::new(w.criterion, 0.46, Align::Start),
            Column::new(w.weight, 0.14, Align::End),
            Column::new(w.mean, 0.2, Align::End),
            Column::new(w.range, 0.2, Align::End),
        ],
        rows: c
            .criteria
            .iter()
            .map(|criterion| {
                vec![
                    criterion.label.clone(),
                    format::two_decimals(criterion.weight, lang),
                    format::two_decimals(criterion.mean, lang),
                    format!("{} – {}", criterion.min, criterion.max),
                ]
            })
            .collect(),
    });
}

/// A decimal as the chart's scale needs it.
fn number(value: rust_decimal::Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

fn day_number(day: NaiveDate) -> f64 {
    f64::from(chrono::Datelike::num_days_from_ce(&day))
}

fn impact(report: &mut Report, data: &SheetData, w: &Words, lang: Lang) {
    report.heading(2, w.indicators);
    if data.indicators.is_empty() {
        report.paragraph(w.no_indicator);
        return;
    }
    for (indicator, measurements) in &data.indicators {
        let fields = &indicator.fields;
        let value = |v: rust_decimal::Decimal| {
            format::with_unit(
                &format::decimal_text(&v.normalize().to_string(), lang),
                &fields.unit,
            )
        };
        report.heading(3, &fields.name);
        let latest = match (
            indicator.reading.latest_value,
            indicator.reading.latest_date,
        ) {
            (Some(v), Some(d)) => format!("{} ({})", value(v), format::date(d, lang)),
            _ => w.not_measured.to_owned(),
        };
        report.facts(vec![
            (
                w.baseline.to_owned(),
                format!(
                    "{} ({})",
                    value(fields.baseline_value),
                    format::date(fields.baseline_date, lang)
                ),
            ),
            (
                w.target.to_owned(),
                format!(
                    "{} ({})",
                    value(fields.target_value),
                    format::date(fields.target_date, lang)
                ),
            ),
            (w.latest.to_owned(), latest),
            (
                w.status.to_owned(),
                labels::indicator_status(indicator.reading.status, lang).to_owned(),
            ),
        ]);
        if measurements.is_empty() {
            continue;
        }
        let mut measured = vec![(
            day_number(fields.baseline_date),
            number(fields.baseline_value),
        )];
        measured.extend(
            measurements
                .iter()
                .map(|m| (day_number(m.date), number(m.value))),
        );
        let alt = measurements
            .iter()
            .map(|m| format!("{} : {}", format::date(m.date, lang), value(m.value)))
            .collect::<Vec<_>>()
            .join(" ; ");
        let unit = fields.unit.clone();
        report.chart(
            format!(
                "{} — {} {} → {} {} ; {alt}",
                fields.name,
                w.baseline,
                value(fields.baseline_value),
                w.target,
                value(fields.target_value)
            ),
            Chart::Trend(Trend {
                measured_name: w.measured.to_owned(),
                expected_name: w.expected.to_owned(),
                measured,
                expected: vec![
                    (
                        day_number(fields.baseline_date),
                        number(fields.baseline_value),
                    ),
                    (day_number(fields.target_date), number(fields.target_value)),
                ],
                time_labels: vec![
                    (
                        day_number(fields.baseline_date),
                        format::date(fields.baseline_date, lang),
                    ),
                    (
                        day_number(fields.target_date),
                        format::date(fields.target_date, lang),
                    ),
                ],
                value_label: Box::new(move |v| {
                    format::with_unit(&format::two_decimals(v, lang), &unit)
                }),
            }),
        );
    }
}

fn milestone_list(report: &mut Report, data: &SheetData, w: &Words, lang: Lang) {
    report.heading(2, w.milestones);
    if data.milestones.is_empty() {
        report.paragraph(w.no_milestone);
        return;
    }
    report.table(Table {
        columns: vec![
            Column::new(w.milestones, 0.5, Align::Start),
            Column::new(w.due, 0.25, Align::Start),
            Column::new(w.status, 0.25, Align::Start),
        ],
        rows: data
            .milestones
            .iter()
            .map(|m| {
                vec![
                    m.title.clone(),
                    format::optional_date(m.due_date, lang),
                    m.done_date.map_or_else(
                        || w.not_done.to_owned(),
                        |d| format!("{} {}", w.done_on, format::date(d, lang)),
                    ),
                ]
            })
            .collect(),
    });
}
