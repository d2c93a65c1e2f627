//! The radar chart of a consolidation: one spoke per criterion, scored 0
//! to 5 from the centre out, the mean as a polygon with a marker on each
//! spoke, and the band between the lowest and the highest score given.

use crate::components::chart::{legend_item, wrap_label, Chart};
use crate::format;
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang, Texts};
use shared::evaluation::{CriterionConsolidation, MAX_SCORE};
use yew::prelude::*;

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 420.0;
const CENTRE: (f64, f64) = (WIDTH / 2.0, HEIGHT / 2.0 + 4.0);
const RADIUS: f64 = 140.0;
const BRAND: &str = "#1d4e89";
const INK: &str = "#1b1f24";
const GRID: &str = "#c5ccd6";

/// The point of `value` (0–5) on spoke `index` of `count`, the first spoke
/// pointing up and the others following clockwise.
pub fn point(index: usize, count: usize, value: f64) -> (f64, f64) {
    let angle =
        std::f64::consts::TAU * index as f64 / count.max(1) as f64 - std::f64::consts::FRAC_PI_2;
    let distance = RADIUS * value.clamp(0.0, f64::from(MAX_SCORE)) / f64::from(MAX_SCORE);
    (
        CENTRE.0 + distance * angle.cos(),
        CENTRE.1 + distance * angle.sin(),
    )
}

/// A closed path through one value per spoke.
pub fn polygon(values: &[f64]) -> String {
    let mut path = String::new();
    for (index, value) in values.iter().enumerate() {
        let (x, y) = point(index, values.len(), *value);
        path.push_str(&format!(
            "{}{x:.1} {y:.1} ",
            if index == 0 { "M" } else { "L" }
        ));
    }
    path.push('Z');
    path
}

/// "Pertinence 3,5 (2 à 5), …" — what the picture shows, for screen readers.
fn describe(texts: &Texts, lang: Lang, criteria: &[CriterionConsolidation]) -> String {
    let values = criteria
        .iter()
        .map(|c| (texts.radar_point)(&c.label, &format::two_decimals(c.mean, lang), c.min, c.max))
        .collect::<Vec<_>>()
        .join(", ");
    format!("{}{}{values}.", texts.radar_description, texts.colon)
}

#[derive(Properties, PartialEq)]
pub struct RadarProps {
    pub criteria: Vec<CriterionConsolidation>,
}

#[function_component]
pub fn RadarChart(props: &RadarProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let criteria = &props.criteria;
    let count = criteria.len();
    let means: Vec<f64> = criteria.iter().map(|c| c.mean).collect();
    let mins: Vec<f64> = criteria.iter().map(|c| f64::from(c.min)).collect();
    let maxes: Vec<f64> = criteria.iter().map(|c| f64::from(c.max)).collect();
    // The band: the highest scores' polygon with the lowest's cut out.
    let band = format!("{} {}", polygon(&maxes), polygon(&mins));

    let table = html! {
        <table class="table table--compact">
            <caption>{ texts.radar_title }</caption>
            <thead>
                <tr>
                    <th scope="col">{ texts.criterion }</th>
                    <th scope="col" class="number">{ texts.mean }</th>
                    <th scope="col" class="number">{ texts.min_score }</th>
                    <th scope="col" class="number">{ texts.max_score }</th>
                </tr>
            </thead>
            <tbody>
                { for criteria.iter().map(|c| html! {
                    <tr>
                        <th scope="row">{ c.label.clone() }</th>
                        <td class="number">{ format::two_decimals(c.mean, lang) }</td>
                        <td class="number">{ c.min }</td>
                        <td class="number">{ c.max }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    };
    let legend = html! {
        <ul class="chart-legend">
            { legend_item("28", html! {
                <>
                    <line x1="0" y1="7" x2="28" y2="7" stroke={BRAND} stroke-width="3" />
                    <circle cx="14" cy="7" r="4" fill={BRAND} />
                </>
            }, texts.mean) }
            { legend_item("28", html! {
                <rect x="0" y="2" width="28" height="10" fill="#9fb8d8" stroke={INK} stroke-dasharray="3 2" />
            }, texts.min_max_band) }
        </ul>
    };

    html! {
        <Chart
            id="radar-chart"
            title={texts.radar_title}
            description={describe(texts, lang, criteria)}
            width={WIDTH}
            height={HEIGHT}
            {table}
            {legend}
        >
            <g class="radar__grid">
                { for (1..=MAX_SCORE).map(|ring| {
                    let values = vec![f64::from(ring); count];
                    html! { <path d={polygon(&values)} fill="none" stroke={GRID} stroke-width="1" /> }
                }) }
                { for (0..count).map(|index| {
                    let (x, y) = point(index, count, f64::from(MAX_SCORE));
                    html! {
                        <line x1={format!("{:.1}", CENTRE.0)} y1={format!("{:.1}", CENTRE.1)}
                              x2={format!("{x:.1}")} y2={format!("{y:.1}")} stroke={GRID} stroke-width="1" />
                    }
                }) }
                { for (1..=MAX_SCORE).map(|ring| {
                    let (x, y) = point(0, count, f64::from(ring));
                    html! {
                        <text x={format!("{:.1}", x + 4.0)} y={format!("{:.1}", y + 13.0)}
                              class="chart__axis">{ ring }</text>
                    }
                }) }
            </g>
            <path d={band} fill="#9fb8d8" fill-opacity="0.55" fill-rule="evenodd"
                  stroke={INK} stroke-width="0.75" stroke-dasharray="3 2" data-testid="radar-band" />
            <path d={polygon(&means)} fill={BRAND} fill-opacity="0.18" stroke={BRAND} stroke-width="2.5"
                  data-testid="radar-mean" />
            { for means.iter().enumerate().map(|(index, mean)| {
                let (x, y) = point(index, count, *mean);
                html! { <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="4" fill={BRAND} /> }
            }) }
            { for criteria.iter().enumerate().map(|(index, c)| {
                let (x, y) = point(index, count, f64::from(MAX_SCORE) + 0.5);
                let anchor = if (x - CENTRE.0).abs() < 8.0 {
                    "middle"
                } else if x > CENTRE.0 {
                    "start"
                } else {
                    "end"
                };
                let lines = wrap_label(&c.label, 18);
                let first = if y < CENTRE.1 - 8.0 { y - 14.0 * (lines.len() as f64 - 1.0) } else { y + 4.0 };
                html! {
                    <text x={format!("{x:.1}")} y={format!("{first:.1}")} text-anchor={anchor} class="chart__label">
                        { for lines.into_iter().enumerate().map(|(line, text)| html! {
                            <tspan x={format!("{x:.1}")} dy={if line == 0 { "0" } else { "14" }}>{ text }</tspan>
                        }) }
                    </text>
                }
            }) }
        </Chart>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spokes_start_upwards_and_turn_clockwise() {
        let (x, y) = point(0, 4, 5.0);
        assert!((x - CENTRE.0).abs() < 1e-9 && (y - (CENTRE.1 - RADIUS)).abs() < 1e-9);
        let (x, y) = point(1, 4, 5.0);
        assert!((x - (CENTRE.0 + RADIUS)).abs() < 1e-9 && (y - CENTRE.1).abs() < 1e-9);
        assert_eq!(point(2, 4, 0.0), CENTRE);
        // Out-of-scale values stay on the chart.
        assert_eq!(point(0, 4, 9.0), point(0, 4, 5.0));
    }

    #[test]
    fn polygons_close() {
        let path = polygon(&[5.0, 5.0, 5.0, 5.0]);
        assert!(path.starts_with('M') && path.ends_with('Z'));
        assert_eq!(path.matches('L').count(), 3);
    }
}
