//! The dashboard's charts. Each takes the figures as the API computed them
//! (`docs/METRICS.md`) and only lays them out.

use crate::components::chart::{
    axis_unit, bars_height, horizontal_bars, patterns, tick_label, unit_label, year_table, Bar,
    Chart, ValueAxis, WIDTH,
};
use crate::format;
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang, Texts};
use shared::finance::FundingCategory;
use shared::indicators::IndicatorStatus;
use shared::lifecycle::{AbandonReason, Phase};
use shared::portfolio::{Dashboard, YearInstruction, YearInvestment};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

const BRAND: &str = "#1d4e89";
const ORANGE: &str = "#9a4a00";
const MUTED: &str = "#4d5560";

#[derive(Properties, PartialEq)]
pub struct FiguresProps {
    pub figures: Rc<Dashboard>,
}

/// "Title: a 3, b 5." — the description screen readers get for a chart
/// whose exact figures are also in its table.
fn describe(texts: &Texts, title: &str, bars: &[Bar]) -> String {
    describe_pairs(texts, title, bars.iter().map(|bar| (&bar.label, &bar.text)))
}

/// [`describe`] from each `(label, value as read)`.
fn describe_pairs<'a>(
    texts: &Texts,
    title: &str,
    pairs: impl Iterator<Item = (&'a String, &'a String)>,
) -> String {
    let values = pairs
        .map(|(label, text)| format!("{label} {text}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!("{title}{}{values}.", texts.colon)
}

/// `part` of `whole` in percent with one decimal, or a dash.
fn percent(part: f64, whole: f64, lang: Lang) -> String {
    if whole > 0.0 {
        format!("{}\u{a0}%", format::one_decimal(part / whole * 100.0, lang))
    } else {
        "—".to_owned()
    }
}

/// One line of a share table: label, value as text, value.
type ShareRow = (String, String, f64);

/// A chart's figures as a table: each category with its value and share of
/// the total, then the total.
fn share_table(
    texts: &Texts,
    lang: Lang,
    caption: &str,
    headers: [&str; 2],
    rows: &[ShareRow],
    total: ShareRow,
) -> Html {
    let line = |(label, text, value): &ShareRow| {
        html! {
            <tr>
                <th scope="row">{ label.clone() }</th>
                <td class="number">{ text.clone() }</td>
                <td class="number">{ percent(*value, total.2, lang) }</td>
            </tr>
        }
    };
    html! {
        <table class="table table--compact">
            <caption>{ caption.to_owned() }</caption>
            <thead>
                <tr>
                    <th scope="col">{ headers[0].to_owned() }</th>
                    <th scope="col" class="number">{ headers[1].to_owned() }</th>
                    <th scope="col" class="number">{ texts.share }</th>
                </tr>
            </thead>
            <tbody>
                { for rows.iter().map(line) }
                { line(&total) }
            </tbody>
        </table>
    }
}

/// Bars of counts, with a table of count and share.
fn count_chart(
    texts: &Texts,
    lang: Lang,
    id: &'static str,
    title: &'static str,
    [label_header, value_header]: [&'static str; 2],
    rows: Vec<(String, u64)>,
    note: Html,
) -> Html {
    let total: u64 = rows.iter().map(|(_, count)| count).sum();
    let bars: Vec<Bar> = rows
        .iter()
        .map(|(label, count)| Bar {
            label: label.clone(),
            value: *count as f64,
            text: format::integer(*count, lang),
            fill: BRAND,
        })
        .collect();
    let table = share_table(
        texts,
        lang,
        title,
        [label_header, value_header],
        &bars
            .iter()
            .map(|bar| (bar.label.clone(), bar.text.clone(), bar.value))
            .collect::<Vec<_>>(),
        (
            texts.total.to_owned(),
            format::integer(total, lang),
            total as f64,
        ),
    );
    html! {
        <Chart
            {id}
            {title}
            description={describe(texts, title, &bars)}
            height={bars_height(bars.len())}
            {table}
            {note}
        >
            { horizontal_bars(&bars) }
        </Chart>
    }
}

/// Each of `items`, in their order, named by `name`, with its count in
/// `counts` under `key` (zero when the API left it out).
fn counted<T: Copy>(
    items: impl IntoIterator<Item = T>,
    key: fn(T) -> &'static str,
    name: fn(T) -> &'static str,
    counts: &BTreeMap<String, u64>,
) -> Vec<(String, u64)> {
    items
        .into_iter()
        .map(|item| {
            (
                name(item).to_owned(),
                counts.get(key(item)).copied().unwrap_or(0),
            )
        })
        .collect()
}

/// Phases in lifecycle order, the main line first, then suspended and
/// abandoned.
#[function_component]
pub fn PhaseChart(props: &FiguresProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let rows = counted(
        Phase::ALL,
        Phase::as_str,
        texts.phase_name,
        &props.figures.projects_by_phase,
    );
    count_chart(
        texts,
        lang,
        "chart-phases",
        texts.chart_phases_title,
        [texts.column_phase, texts.kpi_projects],
        rows,
        Html::default(),
    )
}

#[derive(Properties, PartialEq)]
pub struct AxisChartProps {
    pub figures: Rc<Dashboard>,
    /// The configured axes, whose order the chart follows.
    pub axes: Rc<Vec<String>>,
}

/// Axes in the town's configured order, then any other axis still in use.
pub fn axis_rows(axes: &[String], counts: &BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let mut rows: Vec<(String, u64)> = axes
        .iter()
        .map(|axis| (axis.clone(), counts.get(axis).copied().unwrap_or(0)))
        .collect();
    for (axis, count) in counts {
        if !axes.contains(axis) {
            rows.push((axis.clone(), *count));
        }
    }
    rows
}

#[function_component]
pub fn AxisChart(props: &AxisChartProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    count_chart(
        texts,
        lang,
        "chart-axes",
        texts.chart_axes_title,
        [texts.column_axis, texts.kpi_projects],
        axis_rows(&props.axes, &props.figures.projects_by_axis),
        Html::default(),
    )
}

#[function_component]
pub fn AbandonmentChart(props: &FiguresProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let rows = counted(
        AbandonReason::ALL,
        AbandonReason::as_str,
        texts.abandon_reason_name,
        &props.figures.abandonment_reasons,
    );
    count_chart(
        texts,
        lang,
        "chart-abandonment",
        texts.chart_abandonment_title,
        [texts.abandon_reason, texts.abandoned_projects],
        rows,
        Html::default(),
    )
}

/// Projects by their consolidated ex-ante score, in bands of 20 points,
/// with the mean and median under the bars.
#[function_component]
pub fn ScoreChart(props: &FiguresProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let scores = &props.figures.ex_ante_scores;
    let rows = scores
        .bands
        .iter()
        .map(|band| ((texts.score_band)(band.from, band.to), band.projects))
        .collect();
    let figure = |value: Option<f64>| {
        value
            .map(|v| format::two_decimals(v, lang))
            .unwrap_or_else(|| "—".to_owned())
    };
    let note = html! {
        <p class="chart__note" data-testid="score-distribution-note">
            { (texts.score_distribution_note)(
                &format::integer(scores.evaluated_projects, lang),
                &figure(scores.mean),
                &figure(scores.median),
            ) }
        </p>
    };
    count_chart(
        texts,
        lang,
        "chart-ex-ante-scores",
        texts.chart_scores_title,
        [texts.score_band_header, texts.kpi_projects],
        rows,
        note,
    )
}

/// The projects' indicators by status, the unmeasured ones last.
#[function_component]
pub fn IndicatorStatusChart(props: &FiguresProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let counts = props.figures.indicators_by_status;
    let rows = vec![
        (
            (texts.indicator_status_name)(Some(IndicatorStatus::OnTrack)).to_owned(),
            counts.on_track,
        ),
        (
            (texts.indicator_status_name)(Some(IndicatorStatus::AtRisk)).to_owned(),
            counts.at_risk,
        ),
        (
            (texts.indicator_status_name)(Some(IndicatorStatus::OffTrack)).to_owned(),
            counts.off_track,
        ),
        (
            (texts.indicator_status_name)(None).to_owned(),
            counts.not_measured,
        ),
    ];
    count_chart(
        texts,
        lang,
        "chart-indicators",
        texts.chart_indicators_title,
        [texts.column_status, texts.indicators_heading],
        rows,
        Html::default(),
    )
}

const CATEGORIES: [(FundingCategory, &str); 3] = [
    (FundingCategory::City, "url(#secured-solid)"),
    (FundingCategory::Public, "url(#secured-hatched)"),
    (FundingCategory::Private, "url(#secured-dotted)"),
];

/// What the city secured next to what others brought: the leverage.
#[function_component]
pub fn SecuredChart(props: &FiguresProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let secured = |category: FundingCategory| {
        props
            .figures
            .secured_cents_by_category
            .get(category.as_str())
            .copied()
            .unwrap_or(0)
    };
    let total: i64 = CATEGORIES
        .iter()
        .map(|(category, _)| secured(*category))
        .sum();
    let bars: Vec<Bar> = CATEGORIES
        .iter()
        .map(|(category, fill)| Bar {
            label: (texts.category_name)(*category).to_owned(),
            value: secured(*category) as f64,
            text: format::millions_of_euros(secured(*category), lang),
            fill,
        })
        .collect();
    let leverage = format::leverage(props.figures.leverage, lang);
    let description = format!(
        "{} {}{}{leverage}.",
        describe(texts, texts.chart_secured_title, &bars),
        texts.leverage,
        texts.colon
    );
    // The table has the exact amounts, the bars millions.
    let table = share_table(
        texts,
        lang,
        texts.chart_secured_title,
        [texts.column_category, texts.secured_funding],
        &CATEGORIES
            .iter()
            .map(|(category, _)| {
                let cents = secured(*category);
                (
                    (texts.category_name)(*category).to_owned(),
                    format::euros(cents, lang),
                    cents as f64,
                )
            })
            .collect::<Vec<_>>(),
        (
            texts.total_secured.to_owned(),
            format::euros(total, lang),
            total as f64,
        ),
    );
    let note = html! {
        <p class="chart__note">
            { texts.leverage }{ texts.colon }<strong>{ leverage }</strong>
            { " — " }{ texts.leverage_hint }
        </p>
    };
    html! {
        <Chart
            id="chart-secured"
            title={texts.chart_secured_title}
            {description}
            height={bars_height(bars.len())}
            {table}
            {note}
        >
            { patterns("secured") }
            { horizontal_bars(&bars) }
        </Chart>
    }
}

const PLOT_LEFT: f64 = 44.0;
const PLOT_RIGHT: f64 = WIDTH - 10.0;

/// The axis of the charts by year, for values up to `max`.
fn year_axis(top: f64, base: f64, max: f64) -> ValueAxis {
    ValueAxis::new(PLOT_LEFT, PLOT_RIGHT, top, base, max)
}

/// A year's column in a chart by year.
struct YearColumn {
    year: String,
    /// Its height, on the axis.
    value: f64,
    /// Written above the column, in the axis' unit.
    label: String,
    /// The year's amount in the chart's description.
    amount: String,
}

/// The description of a chart by year: each year and its amount.
fn describe_years(texts: &Texts, title: &str, columns: &[YearColumn]) -> String {
    describe_pairs(
        texts,
        title,
        columns.iter().map(|column| (&column.year, &column.amount)),
    )
}

/// One column a year, its figure written above it.
fn year_columns(axis: &ValueAxis, columns: &[YearColumn]) -> Html {
    let count = columns.len();
    let band = axis.band(count);
    let width = axis.column_width(count);
    columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let centre = axis.centre(index, count);
            let top = axis.y(column.value);
            html! {
                <g>
                    { axis.column(centre, top, width, BRAND) }
                    // Too narrow columns leave the figures to the table.
                    if band >= 34.0 {
                        <text x={format!("{centre:.1}")} y={format!("{:.1}", top - 6.0)}
                              text-anchor="middle" class="chart__value">
                            { column.label.clone() }
                        </text>
                    }
                    { axis.label(centre, column.year.clone()) }
                </g>
            }
        })
        .collect()
}

#[function_component]
pub fn InvestmentChart(props: &FiguresProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let years: &[YearInvestment] = &props.figures.investment_by_year;
    let millions = |year: &YearInvestment| year.investment_cents as f64 / 100_000_000.0;
    let max = years.iter().map(millions).fold(0.0, f64::max);
    let axis = year_axis(40.0, 230.0, max);
    let comma = lang == Lang::Fr;
    let columns: Vec<YearColumn> = years
        .iter()
        .map(|year| YearColumn {
            year: year.year.to_string(),
            value: millions(year),
            label: format::one_decimal(millions(year), lang),
            amount: format::millions_of_euros(year.investment_cents, lang),
        })
        .collect();
    let table = year_table(
        texts.chart_investment_title,
        texts.decision_year,
        &[(texts.decided_projects, true), (texts.kpi_investment, true)],
        years
            .iter()
            .map(|year| {
                let cells = vec![
                    format::integer(year.projects, lang),
                    format::euros(year.investment_cents, lang),
                ];
                (year.year.to_string(), cells)
            })
            .collect(),
    );
    html! {
        <Chart
            id="chart-investment"
            title={texts.chart_investment_title}
            description={describe_years(texts, texts.chart_investment_title, &columns)}
            height={260.0}
            {table}
        >
            { axis.grid(texts.millions_of_euros, comma) }
            { year_columns(&axis, &columns) }
            { axis.baseline() }
        </Chart>
    }
}

/// CP paid by year: what the town actually invested, year after year
/// (the source document's "investment capacity × 2"), with the ratio of
/// the last year to the reference year under the bars.
#[function_component]
pub fn PaidByYearChart(props: &FiguresProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let years = &props.figures.paid_by_year;
    let max_cents = years.iter().map(|year| year.paid_cents).fold(0, i64::max);
    let (divisor, unit) = axis_unit(max_cents);
    let scaled = |cents: i64| cents.max(0) as f64 / divisor;
    let axis = year_axis(40.0, 230.0, scaled(max_cents));
    let comma = lang == Lang::Fr;
    let columns: Vec<YearColumn> = years
        .iter()
        .map(|year| {
            let value = scaled(year.paid_cents);
            YearColumn {
                year: year.year.to_string(),
                value,
                label: tick_label((value * 10.0).round() / 10.0, comma),
                amount: format::euros(year.paid_cents, lang),
            }
        })
        .collect();
    let table = year_table(
        texts.chart_paid_title,
        texts.year,
        &[(texts.cp_paid, true)],
        years
            .iter()
            .map(|year| {
                let cells = vec![format::euros(year.paid_cents, lang)];
                (year.year.to_string(), cells)
            })
            .collect(),
    );
    let note = html! {
        <p class="chart__note">
            { texts.kpi_capacity_ratio }{ texts.colon }
            <strong>{ format::times(props.figures.investment_capacity_ratio, lang) }</strong>
            { " — " }{ texts.kpi_capacity_ratio_hint }
        </p>
    };
    html! {
        <Chart
            id="chart-paid"
            title={texts.chart_paid_title}
            description={describe_years(texts, texts.chart_paid_title, &columns)}
            height={260.0}
            {table}
            {note}
        >
            { axis.grid(unit_label(texts, unit), comma) }
            { year_columns(&axis, &columns) }
            { axis.baseline() }
        </Chart>
    }
}

/// The least-squares line through `points`: `(intercept, slope)`; none
/// with fewer than two distinct x.
pub fn trend(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let mean_x = points.iter().map(|(x, _)| x).sum::<f64>() / n;
    let mean_y = points.iter().map(|(_, y)| y).sum::<f64>() / n;
    let spread: f64 = points.iter().map(|(x, _)| (x - mean_x).powi(2)).sum();
    if spread == 0.0 {
        return None;
    }
    let slope = points
        .iter()
        .map(|(x, y)| (x - mean_x) * (y - mean_y))
        .sum::<f64>()
        / spread;
    Some((mean_y - slope * mean_x, slope))
}

fn polyline(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Median and 90th percentile by year of decision: solid line with round
/// markers for the median, dashed line with square markers for the 90th
/// percentile, and the median's trend dotted.
#[function_component]
pub fn InstructionChart(props: &FiguresProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let years: &[YearInstruction] = &props.figures.instruction_days;
    let max = years
        .iter()
        .map(|year| (year.p90 as f64).max(year.median))
        .fold(0.0, f64::max);
    let axis = year_axis(30.0, 250.0, max);
    let y = |days: f64| axis.y(days);
    let x = |index: usize| axis.centre(index, years.len());
    let median: Vec<(f64, f64)> = years
        .iter()
        .enumerate()
        .map(|(index, year)| (x(index), y(year.median)))
        .collect();
    let p90: Vec<(f64, f64)> = years
        .iter()
        .enumerate()
        .map(|(index, year)| (x(index), y(year.p90 as f64)))
        .collect();
    let trend_line = trend(
        &years
            .iter()
            .enumerate()
            .map(|(index, year)| (index as f64, year.median))
            .collect::<Vec<_>>(),
    )
    .map(|(intercept, slope)| {
        let last = years.len().saturating_sub(1);
        (
            (x(0), y(intercept)),
            (x(last), y(intercept + slope * last as f64)),
        )
    });
    let comma = lang == Lang::Fr;
    // A median of an even count can end in ".5"; others are whole days.
    let days = |value: f64| tick_label(value, comma);
    let description = match (years.first(), years.last()) {
        (Some(first), Some(last)) if years.len() > 1 => (texts.instruction_chart_description)(
            first.year,
            &days(first.median),
            last.year,
            &days(last.median),
        ),
        _ => texts.no_decisions_yet.to_owned(),
    };
    let legend = [
        (texts.median, BRAND, "none", "circle"),
        (texts.percentile_90, ORANGE, "7 4", "square"),
        (texts.median_trend, MUTED, "2 4", ""),
    ];
    let table = year_table(
        texts.chart_instruction_title,
        texts.decision_year,
        &[
            (texts.decided_projects, true),
            (texts.median_days, true),
            (texts.percentile_90_days, true),
        ],
        years
            .iter()
            .map(|year| {
                let cells = vec![
                    format::integer(year.count, lang),
                    days(year.median),
                    format::integer(year.p90.max(0).unsigned_abs(), lang),
                ];
                (year.year.to_string(), cells)
            })
            .collect(),
    );
    let note = match (
        years.first(),
        years.last(),
        props.figures.instruction_median_ratio,
    ) {
        (Some(first), Some(last), Some(ratio)) => html! {
            <p class="chart__note">
                { (texts.median_ratio)(first.year, last.year) }{ texts.colon }
                <strong>{ format::divided_by(Some(ratio), lang) }</strong>
            </p>
        },
        _ => html! {},
    };
    let legend = html! {
        <ul class="chart-legend">
            { for legend.iter().map(|(label, colour, dash, marker)| html! {
                <li>
                    <svg viewBox="0 0 36 12" width="36" height="12" aria-hidden="true" focusable="false">
                        <line x1="0" x2="36" y1="6" y2="6" stroke={*colour} stroke-width="2.5"
                              stroke-dasharray={*dash} />
                        { marker_shape(marker, 18.0, 6.0, colour) }
                    </svg>
                    { *label }
                </li>
            }) }
        </ul>
    };
    html! {
        <Chart
            id="chart-instruction"
            title={texts.chart_instruction_title}
            {description}
            height={280.0}
            {table}
            {note}
            {legend}
        >
            { axis.grid(texts.days_unit, comma) }
            { axis.baseline() }
            if let Some(((x1, y1), (x2, y2))) = trend_line {
                <line x1={format!("{x1:.1}")} y1={format!("{y1:.1}")} x2={format!("{x2:.1}")} y2={format!("{y2:.1}")}
                      stroke={MUTED} stroke-width="2" stroke-dasharray="2 4" />
            }
            <polyline points={polyline(&p90)} fill="none" stroke={ORANGE} stroke-width="2.5"
                      stroke-dasharray="7 4" />
            <polyline points={polyline(&median)} fill="none" stroke={BRAND} stroke-width="2.5" />
            { for years.iter().enumerate().map(|(index, year)| {
                let (px, py) = p90[index];
                let (mx, my) = median[index];
                html! {
                    <g>
                        { marker_shape("square", px, py, ORANGE) }
                        <text x={format!("{px:.1}")} y={format!("{:.1}", py - 9.0)} text-anchor="middle"
                              class="chart__value chart__value--small">{ year.p90 }</text>
                        { marker_shape("circle", mx, my, BRAND) }
                        <text x={format!("{mx:.1}")} y={format!("{:.1}", my + 18.0)} text-anchor="middle"
                              class="chart__value chart__value--small">{ days(year.median) }</text>
                        { axis.label(mx, year.year.to_string()) }
                    </g>
                }
            }) }
        </Chart>
    }
}

fn marker_shape(marker: &str, x: f64, y: f64, colour: &'static str) -> Html {
    match marker {
        "circle" => html! {
            <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="4.5" fill={colour}
                    stroke="#ffffff" stroke-width="1" />
        },
        "square" => html! {
            <rect x={format!("{:.1}", x - 4.5)} y={format!("{:.1}", y - 4.5)} width="9" height="9"
                  fill={colour} stroke="#ffffff" stroke-width="1" />
        },
        _ => html! {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trend_is_the_least_squares_line() {
        assert_eq!(
            trend(&[(0.0, 10.0), (1.0, 8.0), (2.0, 6.0)]),
            Some((10.0, -2.0))
        );
        assert_eq!(trend(&[(0.0, 10.0)]), None);
        assert_eq!(trend(&[(1.0, 10.0), (1.0, 5.0)]), None);
    }

    #[test]
    fn axes_follow_the_configured_order_then_the_others() {
        let axes = vec!["Innovation".to_owned(), "Prospective".to_owned()];
        let counts = BTreeMap::from([("Ancien axe".to_owned(), 2), ("Innovation".to_owned(), 5)]);
        assert_eq!(
            axis_rows(&axes, &counts),
            [
                ("Innovation".to_owned(), 5),
                ("Prospective".to_owned(), 0),
                ("Ancien axe".to_owned(), 2)
            ]
        );
    }

    #[test]
    fn every_phase_is_listed_in_lifecycle_order() {
        let counts = BTreeMap::from([("cloture".to_owned(), 4), ("commande".to_owned(), 1)]);
        let rows = counted(Phase::ALL, Phase::as_str, |phase| phase.as_str(), &counts);
        assert_eq!(rows.len(), Phase::ALL.len());
        assert_eq!(rows[0], ("commande".to_owned(), 1));
        assert_eq!(rows[1], ("cadrage".to_owned(), 0));
        assert_eq!(rows[6], ("cloture".to_owned(), 4));
    }

    #[test]
    fn shares_have_one_decimal() {
        assert_eq!(percent(1.0, 3.0, Lang::Fr), "33,3\u{a0}%");
        assert_eq!(percent(1.0, 0.0, Lang::En), "—");
    }
}
