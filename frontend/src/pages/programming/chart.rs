//! The net need of each year (CP planned less the receipts expected)
//! against the town's investment capacity: bars for the need, a dashed
//! step for the capacity, and the years over it hatched and marked ⚠, so
//! that they read without colour.

use crate::components::chart::{
    axis_ticks, axis_unit, legend_item, tick_label, unit_label, Chart, WIDTH,
};
use crate::format;
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang, Texts};
use shared::programming::ProgrammeYear;
use std::rc::Rc;
use yew::prelude::*;

const INK: &str = "#1b1f24";
const BRAND: &str = "#1d4e89";
const ORANGE: &str = "#9a4a00";
const GRID: &str = "#c9d0d9";
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
    let ticks = axis_ticks(scaled(max_cents), 4);
    let ceiling = ticks.last().copied().unwrap_or(1.0);
    let y = |value: f64| BASE - value / ceiling * (BASE - TOP);
    let band = (PLOT_RIGHT - PLOT_LEFT) / years.len().max(1) as f64;
    let column = (band * 0.6).min(48.0);
    let centre = |index: usize| PLOT_LEFT + band * (index as f64 + 0.5);
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
    let table = html! {
        <table class="table table--compact">
            <caption>{ props.title.clone() }</caption>
            <thead>
                <tr>
                    <th scope="col">{ texts.year }</th>
                    <th scope="col" class="number">{ texts.cp_planned }</th>
                    <th scope="col" class="number">{ texts.receipts_expected }</th>
                    <th scope="col" class="number">{ texts.net_need }</th>
                    <th scope="col" class="number">{ texts.capacity }</th>
                    <th scope="col">{ texts.capacity_state }</th>
                </tr>
            </thead>
            <tbody>
                { for years.iter().map(|year| html! {
                    <tr>
                        <th scope="row">{ year.year }</th>
                        <td class="number">{ format::euros(year.planned_cents, lang) }</td>
                        <td class="number">{ format::euros(year.expected_receipts_cents, lang) }</td>
                        <td class="number">{ format::euros(year.net_need_cents, lang) }</td>
                        <td class="number">
                            { year.capacity_cents.map_or_else(|| "—".to_owned(), |c| format::euros(c, lang)) }
                        </td>
                        <td>
                            { if year.over_capacity { texts.over_capacity } else if year.capacity_cents.is_some() { texts.within_capacity } else { texts.no_capacity_set } }
                        </td>
                    </tr>
                }) }
            </tbody>
        </table>
    };
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
            <text x="0" y="14" class="chart__axis">{ unit_label(texts, unit) }</text>
            { for ticks.into_iter().map(|tick| html! {
                <g>
                    <line x1={PLOT_LEFT.to_string()} x2={PLOT_RIGHT.to_string()}
                          y1={format!("{:.1}", y(tick))} y2={format!("{:.1}", y(tick))}
                          stroke={GRID} stroke-width="1" />
                    <text x={(PLOT_LEFT - 6.0).to_string()} y={format!("{:.1}", y(tick) + 4.0)}
                          text-anchor="end" class="chart__axis">{ tick_label(tick, comma) }</text>
                </g>
            }) }
            { for years.iter().enumerate().map(|(index, year)| {
                let middle = centre(index);
                let top = y(scaled(year.net_need_cents));
                let fill = if year.over_capacity { format!("url(#{hatch})") } else { BRAND.to_owned() };
                html! {
                    <g data-year={year.year.to_string()}>
                        <rect x={format!("{:.1}", middle - column / 2.0)} y={format!("{top:.1}")}
                              width={format!("{column:.1}")} height={format!("{:.1}", BASE - top)}
                              {fill} stroke={INK} stroke-width="0.75" />
                        if year.over_capacity {
                            <text x={format!("{middle:.1}")} y={format!("{:.1}", top - 6.0)}
                                  text-anchor="middle" class="chart__value">{ "⚠" }</text>
                        }
                        if let Some(capacity) = year.capacity_cents {
                            <line x1={format!("{:.1}", middle - band / 2.0 + 2.0)} x2={format!("{:.1}", middle + band / 2.0 - 2.0)}
                                  y1={format!("{:.1}", y(scaled(capacity)))} y2={format!("{:.1}", y(scaled(capacity)))}
                                  stroke={ORANGE} stroke-width="2.5" stroke-dasharray="6 3" />
                        }
                        <text x={format!("{middle:.1}")} y={(BASE + 20.0).to_string()}
                              text-anchor="middle" class="chart__label">{ year.year }</text>
                    </g>
                }
            }) }
            <line x1={PLOT_LEFT.to_string()} x2={PLOT_RIGHT.to_string()}
                  y1={BASE.to_string()} y2={BASE.to_string()} stroke={INK} stroke-width="1" />
        </Chart>
    }
}
