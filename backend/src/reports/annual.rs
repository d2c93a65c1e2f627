//! The annual report for the elected officials: the dashboard's figures
//! for the year (projects commissioned that year) beside those since the
//! start (every project commissioned up to the year's end), with the
//! yearly series as charts and tables.

use super::labels::{self, Words};
use super::pdf::{Align, Bars, Chart, Column, Report, Table};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::portfolio::facts::Scope;
use crate::portfolio::handlers::{figures, network_of};
use chrono::NaiveDate;
use shared::format;
use shared::i18n::Lang;
use shared::indicators::IndicatorStatus;
use shared::lifecycle::{AbandonReason, Phase};
use shared::portfolio::{Dashboard, Network};

pub struct AnnualData {
    pub year: i32,
    pub the_year: Dashboard,
    pub since_start: Dashboard,
    pub network: Network,
}

pub fn gather(conn: &mut DbConnection, year: i32) -> ApiResult<AnnualData> {
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31);
    let the_year = figures(
        conn,
        &Scope {
            year: Some(year),
            ..Scope::default()
        },
    )?;
    let up_to_the_year = Scope {
        to: year_end,
        ..Scope::default()
    };
    let since_start = figures(conn, &up_to_the_year)?;
    let network = network_of(conn, &up_to_the_year)?;
    Ok(AnnualData {
        year,
        the_year,
        since_start,
        network,
    })
}

pub fn compose(data: &AnnualData, lang: Lang, today: NaiveDate) -> Report {
    let w = labels::words(lang);
    let title = format!("{} {}", w.annual_title, data.year);
    let footer = format!(
        "Innov'Action · {title} · {} {}",
        w.printed_on,
        format::date(today, lang)
    );
    let mut report = Report::new(title, lang.code(), footer);
    report.note(w.annual_note);
    headline(&mut report, data, w, lang);
    phases(&mut report, data, w, lang);
    investment(&mut report, data, w, lang);
    instruction(&mut report, data, w, lang);
    network(&mut report, data, w, lang);
    abandonments(&mut report, data, w, lang);
    indicators(&mut report, data, w, lang);
    credits(&mut report, data, w, lang);
    report
}

fn two_columns(w: &Words, first: &str) -> Vec<Column> {
    vec![
        Column::new(first, 0.5, Align::Start),
        Column::new(w.the_year, 0.25, Align::End),
        Column::new(w.since_start, 0.25, Align::End),
    ]
}

fn secured_total(d: &Dashboard) -> i64 {
    d.secured_cents_by_category.values().copied().sum()
}

fn headline(report: &mut Report, data: &AnnualData, w: &Words, lang: Lang) {
    let (y, s) = (&data.the_year, &data.since_start);
    report.heading(2, w.key_figures);
    let both = |f: &dyn Fn(&Dashboard) -> String| [f(y), f(s)];
    let rows: Vec<(&str, [String; 2])> = vec![
        (
            w.projects,
            both(&|d| format::integer(d.projects_total, lang)),
        ),
        (
            w.investment,
            both(&|d| format::euros(d.investment_cents, lang)),
        ),
        (
            w.secured_funding,
            both(&|d| format::euros(secured_total(d), lang)),
        ),
        (w.leverage, both(&|d| format::leverage(d.leverage, lang))),
        (
            w.actors_engaged,
            both(&|d| format::integer(d.actors_engaged, lang)),
        ),
    ];
    let mut rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|(label, [a, b])| vec![label.to_owned(), a, b])
        .collect();
    // What happened in the year, whenever the projects were commissioned.
    let decided = s.instruction_days.iter().find(|d| d.year == data.year);
    rows.push(vec![
        w.decisions_in_year.to_owned(),
        decided.map_or_else(
            || "0".to_owned(),
            |d| {
                format!(
                    "{} ({} {})",
                    format::integer(d.count, lang),
                    format::one_decimal(d.median, lang),
                    w.days
                )
            },
        ),
        "—".to_owned(),
    ]);
    let paid = s
        .paid_by_year
        .iter()
        .find(|p| p.year == data.year)
        .map_or(0, |p| p.paid_cents);
    rows.push(vec![
        w.paid_in_year.to_owned(),
        format::euros(paid, lang),
        "—".to_owned(),
    ]);
    rows.push(vec![
        w.instruction_ratio.to_owned(),
        "—".to_owned(),
        format::divided_by(s.instruction_median_ratio, lang),
    ]);
    rows.push(vec![
        w.capacity_ratio.to_owned(),
        "—".to_owned(),
        format::times(s.investment_capacity_ratio, lang),
    ]);
    report.table(Table {
        columns: two_columns(w, w.figure),
        rows,
    });
}

fn phases(report: &mut Report, data: &AnnualData, w: &Words, lang: Lang) {
    report.heading(2, w.projects_by_phase);
    let count = |d: &Dashboard, p: Phase| d.projects_by_phase.get(p.as_str()).copied().unwrap_or(0);
    report.table(Table {
        columns: two_columns(w, w.phase),
        rows: Phase::ALL
            .into_iter()
            .map(|p| {
                vec![
                    labels::phase(p, lang).to_owned(),
                    format::integer(count(&data.the_year, p), lang),
                    format::integer(count(&data.since_start, p), lang),
                ]
            })
            .collect(),
    });
}

fn investment(report: &mut Report, data: &AnnualData, w: &Words, lang: Lang) {
    let years: Vec<_> = data
        .since_start
        .investment_by_year
        .iter()
        .filter(|y| y.year <= data.year)
        .collect();
    report.heading(2, w.investment_by_year);
    if years.is_empty() {
        report.paragraph(w.no_data);
        return;
    }
    let alt = years
        .iter()
        .map(|y| format!("{} : {}", y.year, format::euros(y.investment_cents, lang)))
        .collect::<Vec<_>>()
        .join(" ; ");
    report.chart(
        format!("{} — {alt}", w.investment_by_year),
        Chart::Bars(Bars {
            series: vec![w.investment.to_owned()],
            categories: years
                .iter()
                .map(|y| (y.year.to_string(), vec![y.investment_cents as f64]))
                .collect(),
            scale_label: Box::new(move |cents| format::millions_of_euros(cents as i64, lang)),
        }),
    );
    report.table(Table {
        columns: vec![
            Column::new(w.year, 0.3, Align::Start),
            Column::new(w.projects, 0.3, Align::End),
            Column::new(w.investment, 0.4, Align::End),
        ],
        rows: years
            .iter()
            .map(|y| {
                vec![
                    y.year.to_string(),
                    format::integer(y.projects, lang),
                    format::euros(y.investment_cents, lang),
                ]
            })
            .collect(),
    });
}

fn instruction(report: &mut Report, data: &AnnualData, w: &Words, lang: Lang) {
    let years: Vec<_> = data
        .since_start
        .instruction_days
        .iter()
        .filter(|y| y.year <= data.year)
        .collect();
    report.heading(2, w.instruction);
    if years.is_empty() {
        report.paragraph(w.no_data);
        return;
    }
    report.facts(vec![(
        w.instruction_ratio.to_owned(),
        format::divided_by(data.since_start.instruction_median_ratio, lang),
    )]);
    let alt = years
        .iter()
        .map(|y| {
            format!(
                "{} : {} {}",
                y.year,
                format::one_decimal(y.median, lang),
                w.days
            )
        })
        .collect::<Vec<_>>()
        .join(" ; ");
    report.chart(
        format!("{} — {alt}", w.instruction_chart),
        Chart::Bars(Bars {
            series: vec![w.median_days.to_owned()],
            categories: years
                .iter()
                .map(|y| (y.year.to_string(), vec![y.median]))
                .collect(),
            scale_label: Box::new(move |days| format::integer(days.max(0.0) as u64, lang)),
        }),
    );
    report.table(Table {
        columns: vec![
            Column::new(w.year, 0.3, Align::Start),
            Column::new(w.decisions, 0.3, Align::End),
            Column::new(w.median_days, 0.4, Align::End),
        ],
        rows: years
            .iter()
            .map(|y| {
                vec![
                    y.year.to_string(),
                    format::integer(y.count, lang),
                    format::one_decimal(y.median, lang),
                ]
            })
            .collect(),
    });
}

fn network(report: &mut Report, data: &AnnualData, w: &Words, lang: Lang) {
    let m = &data.network.metrics;
    report.heading(2, w.network);
    report.facts(vec![
        (w.actors.to_owned(), format::integer(m.node_count, lang)),
        (w.links.to_owned(), format::integer(m.edge_count, lang)),
    ]);
    let growth: Vec<_> = m.growth.iter().filter(|g| g.year <= data.year).collect();
    if growth.is_empty() {
        return;
    }
    let alt = growth
        .iter()
        .map(|g| format!("{} : {} / {}", g.year, g.nodes, g.edges))
        .collect::<Vec<_>>()
        .join(" ; ");
    report.chart(
        format!("{} ({} / {}) — {alt}", w.network_chart, w.actors, w.links),
        Chart::Bars(Bars {
            series: vec![w.actors.to_owned(), w.links.to_owned()],
            categories: growth
                .iter()
                .map(|g| (g.year.to_string(), vec![g.nodes as f64, g.edges as f64]))
                .collect(),
            scale_label: Box::new(move |n| format::integer(n.max(0.0) as u64, lang)),
        }),
    );
    report.table(Table {
        columns: vec![
            Column::new(w.year, 0.3, Align::Start),
            Column::new(w.actors, 0.35, Align::End),
            Column::new(w.links, 0.35, Align::End),
        ],
        rows: growth
            .iter()
            .map(|g| {
                vec![
                    g.year.to_string(),
                    format::integer(g.nodes, lang),
                    format::integer(g.edges, lang),
                ]
            })
            .collect(),
    });
}

fn abandonments(report: &mut Report, data: &AnnualData, w: &Words, lang: Lang) {
    report.heading(2, w.abandonments);
    let count = |d: &Dashboard, r: AbandonReason| {
        d.abandonment_reasons.get(r.as_str()).copied().unwrap_or(0)
    };
    report.table(Table {
        columns: two_columns(w, w.reason),
        rows: AbandonReason::ALL
            .into_iter()
            .map(|r| {
                vec![
                    labels::abandon_reason(r, lang).to_owned(),
                    format::integer(count(&data.the_year, r), lang),
                    format::integer(count(&data.since_start, r), lang),
                ]
            })
            .collect(),
    });
}

fn indicators(report: &mut Report, data: &AnnualData, w: &Words, lang: Lang) {
    report.heading(2, w.indicator_statuses);
    let statuses = [
        Some(IndicatorStatus::OnTrack),
        Some(IndicatorStatus::AtRisk),
        Some(IndicatorStatus::OffTrack),
        None,
    ];
    let count = |d: &Dashboard, s: Option<IndicatorStatus>| {
        let c = &d.indicators_by_status;
        match s {
            Some(IndicatorStatus::OnTrack) => c.on_track,
            Some(IndicatorStatus::AtRisk) => c.at_risk,
            Some(IndicatorStatus::OffTrack) => c.off_track,
            None => c.not_measured,
        }
    };
    report.table(Table {
        columns: two_columns(w, w.status),
        rows: statuses
            .into_iter()
            .map(|s| {
                vec![
                    labels::indicator_status(s, lang).to_owned(),
                    format::integer(count(&data.the_year, s), lang),
                    format::integer(count(&data.since_start, s), lang),
                ]
            })
            .collect(),
    });
}

fn credits(report: &mut Report, data: &AnnualData, w: &Words, lang: Lang) {
    let years: Vec<_> = data
        .since_start
        .paid_by_year
        .iter()
        .filter(|y| y.year <= data.year)
        .collect();
    report.heading(2, w.paid_chart);
    if years.is_empty() {
        report.paragraph(w.no_data);
        return;
    }
    report.facts(vec![(
        w.capacity_ratio.to_owned(),
        format::times(data.since_start.investment_capacity_ratio, lang),
    )]);
    let alt = years
        .iter()
        .map(|y| format!("{} : {}", y.year, format::euros(y.paid_cents, lang)))
        .collect::<Vec<_>>()
        .join(" ; ");
    report.chart(
        format!("{} — {alt}", w.paid_chart),
        Chart::Bars(Bars {
            series: vec![w.paid.to_owned()],
            categories: years
                .iter()
                .map(|y| (y.year.to_string(), vec![y.paid_cents as f64]))
                .collect(),
            scale_label: Box::new(move |cents| format::millions_of_euros(cents as i64, lang)),
        }),
    );
    report.table(Table {
        columns: vec![
            Column::new(w.year, 0.4, Align::Start),
            Column::new(w.paid, 0.6, Align::End),
        ],
        rows: years
            .iter()
            .map(|y| vec![y.year.to_string(), format::euros(y.paid_cents, lang)])
            .collect(),
    });
}
