//! An indicator over time: its measurements as a line with round markers,
//! against the straight path from the baseline to the target (dashed,
//! square markers). Values are drawn from floats but written as the API
//! gave them, in the table and the description.

use crate::components::chart::{axis_ticks, legend_item, tick_label, Chart, WIDTH};
use crate::format;
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use chrono::{Datelike, NaiveDate};
use shared::indicators::{Decimal, IndicatorFields};
use yew::prelude::*;

const HEIGHT: f64 = 280.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;
const BRAND: &str = "#1d4e89";
const ORANGE: &str = "#9a4a00";
const GRID: &str = "#d5dae1";

/// A decimal's value for drawing only.
pub fn coordinate(value: &impl ToString) -> Option<f64> {
    value
        .to_string()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// Gridlines covering `low`..`high` at round steps, from 0 when nothing
/// is negative.
pub fn value_ticks(low: f64, high: f64) -> Vec<f64> {
    let low = low.min(0.0);
    let ticks = axis_ticks(high - low, 4);
    let step = match ticks.as_slice() {
        [first, second, ..] => second - first,
        _ => 1.0,
    };
    let start = (low / step).floor() * step;
    let mut values = vec![start];
    while values.last().is_some_and(|last| *last < high - 1e-9) {
        let next = start + values.len() as f64 * step;
        values.push(next);
    }
    if values.len() < 2 {
        values.push(start + step);
    }
    values
}

fn month_year(day: NaiveDate) -> String {
    format!("{:02}/{}", day.month(), day.year())
}

#[derive(Properties, PartialEq)]
pub struct IndicatorChartProps {
    /// Prefix of the chart's element ids: unique on the page.
    #[prop_or(AttrValue::Static("indicator-chart"))]
    pub id: AttrValue,
    /// The definition: its baseline and target draw the path.
    pub fields: IndicatorFields,
    /// The measurements' dates and values, oldest first.
    pub measurements: Vec<(NaiveDate, Decimal)>,
    /// The level of the chart's heading in the page's outline.
    #[prop_or(2)]
    pub heading_level: u8,
    /// Shown under the drawing.
    #[prop_or_default]
    pub note: Html,
}

#[function_component]
pub fn IndicatorChart(props: &IndicatorChartProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let fields = &props.fields;
    let unit = fields.unit.as_str();
    let written = |value: &dyn ToString| {
        format::with_unit(&format::decimal_text(&value.to_string(), lang), unit)
    };

    let start = fields.baseline_date;
    let end = props
        .measurements
        .iter()
        .map(|(date, _)| *date)
        .chain([fields.target_date])
        .max()
        .unwrap_or(fields.target_date);
    let span_days = (end - start).num_days().max(1) as f64;

    let baseline = coordinate(&fields.baseline_value).unwrap_or(0.0);
    let target = coordinate(&fields.target_value).unwrap_or(0.0);
    let points: Vec<(NaiveDate, f64)> = props
        .measurements
        .iter()
        .filter_map(|(date, value)| coordinate(value).map(|v| (*date, v)))
        .collect();
    let values = points.iter().map(|(_, v)| *v).chain([baseline, target]);
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let ticks = value_ticks(low, high);
    let (y_min, y_max) = (
        ticks.first().copied().unwrap_or(0.0),
        ticks.last().copied().unwrap_or(1.0),
    );
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let x = |day: NaiveDate| LEFT + (day - start).num_days() as f64 / span_days * plot_width;
    let y = |value: f64| {
        let range = (y_max - y_min).max(f64::EPSILON);
        TOP + plot_height - (value - y_min) / range * plot_height
    };
    let decimal_comma = matches!(lang, crate::i18n::Lang::Fr);
    let measured_path = points
        .iter()
        .enumerate()
        .map(|(index, (day, value))| {
            format!(
                "{}{:.1} {:.1}",
                if index == 0 { "M" } else { " L" },
                x(*day),
                y(*value)
            )
        })
        .collect::<String>();
    let middle = start + chrono::Duration::days((span_days / 2.0) as i64);

    let description = {
        let latest = props.measurements.last();
        (texts.indicator_chart_description)(
            &fields.name,
            &written(&fields.baseline_value),
            &format::date(fields.baseline_date, lang),
            &written(&fields.target_value),
            &format::date(fields.target_date, lang),
            &latest
                .map(|(date, value)| format!("{} ({})", written(value), format::date(*date, lang)))
                .unwrap_or_else(|| texts.no_measurements.to_owned()),
        )
    };
    let table = html! {
        <table class="table table--compact">
            <caption>{ (texts.indicator_chart_title)(&fields.name) }</caption>
            <thead>
                <tr>
                    <th scope="col">{ texts.date }</th>
                    <th scope="col">{ texts.point_kind }</th>
                    <th scope="col" class="number">{ texts.value }</th>
                </tr>
            </thead>
            <tbody>
                <tr>
                    <th scope="row">{ format::date(fields.baseline_date, lang) }</th>
                    <td>{ texts.baseline }</td>
                    <td class="number">{ written(&fields.baseline_value) }</td>
                </tr>
                { for props.measurements.iter().map(|(date, value)| html! {
                    <tr>
                        <th scope="row">{ format::date(*date, lang) }</th>
                        <td>{ texts.measurement }</td>
                        <td class="number">{ written(value) }</td>
                    </tr>
                }) }
                <tr>
                    <th scope="row">{ format::date(fields.target_date, lang) }</th>
                    <td>{ texts.target }</td>
                    <td class="number">{ written(&fields.target_value) }</td>
                </tr>
            </tbody>
        </table>
    };
    let legend = html! {
        <ul class="chart-legend">
            { legend_item("34", html! {
                <>
                    <line x1="0" y1="7" x2="34" y2="7" stroke={BRAND} stroke-width="2.5" />
                    <circle cx="17" cy="7" r="4" fill={BRAND} />
                </>
            }, texts.measurements_heading) }
            { legend_item("34", html! {
                <>
                    <line x1="0" y1="7" x2="34" y2="7" stroke={ORANGE} stroke-width="2" stroke-dasharray="6 4" />
                    <rect x="13" y="3" width="8" height="8" fill={ORANGE} />
                </>
            }, texts.target_path) }
        </ul>
    };

    html! {
        <Chart
            id={props.id.clone()}
            title={(texts.indicator_chart_title)(&fields.name)}
            {description}
            height={HEIGHT}
            heading_level={props.heading_level}
            {table}
            {legend}
            note={props.note.clone()}
        >
            <g class="chart__grid">
                { for ticks.iter().map(|tick| html! {
                    <g>
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()}
                              y1={format!("{:.1}", y(*tick))} y2={format!("{:.1}", y(*tick))}
                              stroke={GRID} stroke-width="1" />
                        <text x={format!("{:.1}", LEFT - 6.0)} y={format!("{:.1}", y(*tick) + 4.0)}
                              text-anchor="end" class="chart__axis">{ tick_label(*tick, decimal_comma) }</text>
                    </g>
                }) }
                <line x1={LEFT.to_string()} x2={LEFT.to_string()} y1={TOP.to_string()}
                      y2={(HEIGHT - BOTTOM).to_string()} stroke="#1b1f24" stroke-width="1" />
                { for [(start, "start"), (middle, "middle"), (end, "end")].into_iter().map(|(day, anchor)| html! {
                    <text x={format!("{:.1}", x(day))} y={format!("{:.1}", HEIGHT - BOTTOM + 18.0)}
                          text-anchor={anchor} class="chart__axis">{ month_year(day) }</text>
                }) }
            </g>
            <line x1={format!("{:.1}", x(fields.baseline_date))} y1={format!("{:.1}", y(baseline))}
                  x2={format!("{:.1}", x(fields.target_date))} y2={format!("{:.1}", y(target))}
                  stroke={ORANGE} stroke-width="2" stroke-dasharray="6 4" data-testid="target-path" />
            { for [(fields.baseline_date, baseline), (fields.target_date, target)].into_iter().map(|(day, value)| html! {
                <rect x={format!("{:.1}", x(day) - 4.0)} y={format!("{:.1}", y(value) - 4.0)}
                      width="8" height="8" fill={ORANGE} />
            }) }
            if !points.is_empty() {
                <path d={measured_path} fill="none" stroke={BRAND} stroke-width="2.5" data-testid="measured-line" />
            }
            { for points.iter().map(|(day, value)| html! {
                <circle cx={format!("{:.1}", x(*day))} cy={format!("{:.1}", y(*value))} r="4.5"
                        fill={BRAND} stroke="#ffffff" stroke-width="1" />
            }) }
        </Chart>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_start_at_zero_or_below_the_lowest_value() {
        assert_eq!(value_ticks(0.0, 40.0), [0.0, 10.0, 20.0, 30.0, 40.0]);
        assert_eq!(value_ticks(12.0, 40.0)[0], 0.0);
        let below = value_ticks(-15.0, 30.0);
        assert!(below[0] <= -15.0 && *below.last().unwrap() >= 30.0);
        assert!(value_ticks(5.0, 5.0).len() >= 2);
    }

    #[test]
    fn coordinates_come_from_the_decimal_text() {
        assert_eq!(coordinate(&"12.50"), Some(12.5));
        assert_eq!(coordinate(&"abc"), None);
    }
}
