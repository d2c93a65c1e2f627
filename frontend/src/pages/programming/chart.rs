//! The net need of each year (CP planned less the receipts expected)
//! against the town's investment capacity: bars for the need, a dashed
//! step for the capacity, and the years over it hatched and marked ⚠, so
//! that they read without colour.

use crate::components::chart::{
    axis_unit, legend_item, unit_label, year_table, Chart, ValueAxis, WIDTH,
};
use crate::format;
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang, Texts};
use shared::programming::ProgrammeYear;
use std::rc::Rc;
use yew::prelude::*;

const BRAND: &str = "#1d4e89";
const ORANGE: &str = "#9a4a00";
const PLOT_LEFT: f64 = 52.0;
const PLOT_RIGHT: f64 = WIDTH - 10.0;
const TOP: f64 = 40.0;
const BASE: f64 = 230.0;

/// Each year in words, for screen readers.
fn describe(texts: &Texts, lang: Lang, years: &[ProgrammeYear]) -> String {
    let parts: Vec<String> = years
        .iter()
        .map(|year| {
            let need = format::euros(year.net_need_cents, lang);
            match year.capacity_cents {
                Some(capacity) => (texts.need_against_capacity)(
                    year.year,
                    &need,
                    &format::euros(capacity, lang),
                    year.over_capacity,
                ),
                None => format!("{} {need}", year.year),
            }
        })
        .collect();
    format!(
        "{}{}{}.",
        texts.chart_need_title,
        texts.colon,
        parts.join(", ")
    )
}

#[derive(Properties, PartialEq)]
pub struct NeedChartProps {
    /// Prefix of the chart's ids.
    pub id: AttrValue,
    pub title: AttrValue,
    pub years: Rc<Vec<ProgrammeYear>>,
}

#[function_component]
pub fn NeedChart(props: &NeedChartProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let years = &props.years;
    let max_cents = years
        .iter()
        .map(|y| y.net_need_cents.max(y.capacity_cents.unwrap_or(0)))
        .fold(0, i64::max);
    let (divisor, unit) = axis_unit(max_cents);
    let scaled = |cents: i64| cents.max(0) as f64 / divisor;
    let axis = ValueAxis::new(PLOT_LEFT, PLOT_RIGHT, TOP, BASE, scaled(max_cents));
    let y = |value: f64| axis.y(value);
    let band = axis.band(years.len());
    let column = axis.column_width(years.len());
    let comma = lang == Lang::Fr;
    let hatch = format!("{}-over", props.id);
    let legend = html! {
        <ul class="chart-legend">
            { legend_item("18", html! { <rect width="18" height="14" fill={BRAND} /> }, texts.net_need) }
            { legend_item("18", html! {
                <rect width="18" height="14" fill={format!("url(#{hatch})")} />
            }, texts.net_need_over_capacity) }
            { legend_item("24", html! {
                <line x1="0" x2="24" y1="7" y2="7" stroke={ORANGE} stroke-width="2.5" stroke-dasharray="6 3" />
            }, texts.capacity) }
        </ul>
    };
    let table = year_table(
        &props.title,
        texts.year,
        &[
            (texts.cp_planned, true),
            (texts.receipts_expected, true),
            (texts.net_need, true),
            (texts.capacity, true),
            (texts.capacity_state, false),
        ],
        years
            .iter()
            .map(|year| {
                let state = if year.over_capacity {
                    texts.over_capacity
                } else if year.capacity_cents.is_some() {
                    texts.within_capacity
                } else {
                    texts.no_capacity_set
                };
                let cells = vec![
                    format::euros(year.planned_cents, lang),
                    format::euros(year.expected_receipts_cents, lang),
                    format::euros(year.net_need_cents, lang),
                    year.capacity_cents
                        .map_or_else(|| "—".to_owned(), |c| format::euros(c, lang)),
                    state.to_owned(),
                ];
                (year.year.to_string(), cells)
            })
            .collect(),
    );
    let pattern = |id: String| {
        html! {
            <pattern {id} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="8" height="8" fill={ORANGE} />
                <line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" stroke-width="3" />
            </pattern>
        }
    };
    html! {
        <Chart
            id={props.id.clone()}
            title={props.title.clone()}
            description={describe(texts, lang, years)}
            height={260.0}
            {table}
            {legend}
        >
            <defs>
                { pattern(hatch.clone()) }
            </defs>
            { axis.grid(unit_label(texts, unit), comma) }
            { for years.iter().enumerate().map(|(index, year)| {
                let middle = axis.centre(index, years.len());
                let top = y(scaled(year.net_need_cents));
                let fill = if year.over_capacity { format!("url(#{hatch})") } else { BRAND.to_owned() };
                html! {
                    <g data-year={year.year.to_string()}>
                        { axis.column(middle, top, column, fill) }
                        if year.over_capacity {
                            <text x={format!("{middle:.1}")} y={format!("{:.1}", top - 6.0)}
                                  text-anchor="middle" class="chart__value">{ "⚠" }</text>
                        }
                        if let Some(capacity) = year.capacity_cents {
                            <line x1={format!("{:.1}", middle - band / 2.0 + 2.0)} x2={format!("{:.1}", middle + band / 2.0 - 2.0)}
                                  y1={format!("{:.1}", y(scaled(capacity)))} y2={format!("{:.1}", y(scaled(capacity)))}
                                  stroke={ORANGE} stroke-width="2.5" stroke-dasharray="6 3" />
                        }
                        { axis.label(middle, year.year.to_string()) }
                    </g>
                }
            }) }
            { axis.baseline() }
        </Chart>
    }
}
