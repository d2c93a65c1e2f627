//! Charts drawn as SVG from Rust, without a charting library.
//!
//! Every chart is an image with an accessible name and description, keeps
//! its exact figures in a table behind "Voir les données", and can be read
//! without colour: bars carry their value as text, series differ by line
//! style and marker shape, and categories by pattern.

use crate::i18n::{use_lang, Texts};
use yew::prelude::*;

/// Width of a chart's coordinate system: about its width on screen in a
/// two-column layout, so that 13-unit text reads as 13-pixel text.
pub const WIDTH: f64 = 480.0;

/// One bar: its label, the value it is drawn from, and that value as the
/// reader should see it (e.g. `16,3 M€`).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
    /// A colour or `url(#pattern)`.
    pub fill: &'static str,
}

/// Gridlines from 0 to at least `max`, about `intervals` of them, a round
/// step apart (1, 2, 2.5 or 5 times a power of ten), so that they fall on
/// numbers people read at a glance. The last one is the axis maximum.
pub fn axis_ticks(max: f64, intervals: usize) -> Vec<f64> {
    if !max.is_finite() || max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let rough = max / intervals.max(1) as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|step| step * magnitude)
        .find(|step| *step >= rough * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude);
    let count = (max / step - 1e-9).ceil().max(1.0) as usize;
    (0..=count).map(|index| index as f64 * step).collect()
}

/// The unit the axis counts in for amounts up to `max_cents`: euros,
/// thousands or millions of euros, so that tick labels stay short.
pub fn axis_unit(max_cents: i64) -> (f64, Unit) {
    let euros = max_cents as f64 / 100.0;
    if euros >= 1_000_000.0 {
        (100_000_000.0, Unit::Millions)
    } else if euros >= 1_000.0 {
        (100_000.0, Unit::Thousands)
    } else {
        (100.0, Unit::Euros)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Euros,
    Thousands,
    Millions,
}

pub fn unit_label(texts: &Texts, unit: Unit) -> &'static str {
    match unit {
        Unit::Euros => texts.euros_unit,
        Unit::Thousands => texts.thousands_of_euros,
        Unit::Millions => texts.millions_of_euros,
    }
}

/// A bar label cut into at most two lines of about `width` characters, at
/// spaces, so long French labels fit the label column.
pub fn wrap_label(label: &str, width: usize) -> Vec<String> {
    if label.chars().count() <= width {
        return vec![label.to_owned()];
    }
    let mut first = String::new();
    let mut words = label.split(' ').peekable();
    while let Some(word) = words.peek() {
        let needed = first.chars().count() + usize::from(!first.is_empty()) + word.chars().count();
        if !first.is_empty() && needed > width {
            break;
        }
        if !first.is_empty() {
            first.push(' ');
        }
        first.push_str(word);
        words.next();
    }
    let rest: Vec<&str> = words.collect();
    if rest.is_empty() {
        vec![first]
    } else {
        vec![first, rest.join(" ")]
    }
}

/// `12.0` → `12`, `2.5` → `2,5`: tick labels without useless decimals.
pub fn tick_label(value: f64, decimal_comma: bool) -> String {
    let text = if (value - value.round()).abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    if decimal_comma {
        text.replace('.', ",")
    } else {
        text
    }
}

/// A vertical axis of values from 0 at `base` up to its last gridline at
/// `top`, with the plot between `left` and `right`: the frame of a column
/// or line chart whose columns (e.g. years) share the plot's width.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAxis {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub base: f64,
    ticks: Vec<f64>,
}

impl ValueAxis {
    /// The axis for values up to `max`, with gridlines on round numbers.
    pub fn new(left: f64, right: f64, top: f64, base: f64, max: f64) -> Self {
        ValueAxis {
            left,
            right,
            top,
            base,
            ticks: axis_ticks(max, 4),
        }
    }

    fn ceiling(&self) -> f64 {
        self.ticks.last().copied().unwrap_or(1.0)
    }

    /// Where `value` stands on the axis.
    pub fn y(&self, value: f64) -> f64 {
        self.base - value / self.ceiling() * (self.base - self.top)
    }

    /// The width each of `count` columns has across the plot.
    pub fn band(&self, count: usize) -> f64 {
        (self.right - self.left) / count.max(1) as f64
    }

    /// The width of a drawn column: narrower than its band, so that
    /// columns stand apart, and never wider than 48.
    pub fn column_width(&self, count: usize) -> f64 {
        (self.band(count) * 0.6).min(48.0)
    }

    /// The centre of column `index` of `count`.
    pub fn centre(&self, index: usize, count: usize) -> f64 {
        self.left + self.band(count) * (index as f64 + 0.5)
    }

    /// The unit above the axis, then a labelled gridline at each tick.
    pub fn grid(&self, unit: &str, decimal_comma: bool) -> Html {
        html! {
            <>
                <text x="0" y="14" class="chart__axis">{ unit.to_owned() }</text>
                { for self.ticks.iter().map(|tick| html! {
                    <g>
                        <line x1={self.left.to_string()} x2={self.right.to_string()}
                              y1={format!("{:.1}", self.y(*tick))} y2={format!("{:.1}", self.y(*tick))}
                              stroke={GRID} stroke-width="1" />
                        <text x={(self.left - 6.0).to_string()} y={format!("{:.1}", self.y(*tick) + 4.0)}
                              text-anchor="end" class="chart__axis">{ tick_label(*tick, decimal_comma) }</text>
                    </g>
                }) }
            </>
        }
    }

    /// The line the columns stand on.
    pub fn baseline(&self) -> Html {
        html! {
            <line x1={self.left.to_string()} x2={self.right.to_string()}
                  y1={self.base.to_string()} y2={self.base.to_string()} stroke={INK} stroke-width="1" />
        }
    }

    /// A column `width` wide about `centre`, from the base up to `top`.
    pub fn column(&self, centre: f64, top: f64, width: f64, fill: impl Into<AttrValue>) -> Html {
        html! {
            <rect x={format!("{:.1}", centre - width / 2.0)} y={format!("{top:.1}")}
                  width={format!("{width:.1}")} height={format!("{:.1}", self.base - top)}
                  fill={fill.into()} stroke={INK} stroke-width="0.75" />
        }
    }

    /// What a column stands for (e.g. its year), under the base.
    pub fn label(&self, centre: f64, text: String) -> Html {
        html! {
            <text x={format!("{centre:.1}")} y={(self.base + 20.0).to_string()}
                  text-anchor="middle" class="chart__label">{ text }</text>
        }
    }
}

/// A chart's figures by year, for its data table: a row a year, headed
/// by the year, then a cell per column. `columns` are `(title, numeric)`;
/// numeric columns are aligned as numbers.
pub fn year_table(
    caption: &str,
    year_title: &str,
    columns: &[(&str, bool)],
    rows: Vec<(String, Vec<String>)>,
) -> Html {
    let class = |numeric: bool| numeric.then_some("number");
    html! {
        <table class="table table--compact">
            <caption>{ caption.to_owned() }</caption>
            <thead>
                <tr>
                    <th scope="col">{ year_title.to_owned() }</th>
                    { for columns.iter().map(|(title, numeric)| html! {
                        <th scope="col" class={class(*numeric)}>{ title.to_string() }</th>
                    }) }
                </tr>
            </thead>
            <tbody>
                { for rows.into_iter().map(|(year, cells)| html! {
                    <tr>
                        <th scope="row">{ year }</th>
                        { for cells.into_iter().zip(columns).map(|(cell, (_, numeric))| html! {
                            <td class={class(*numeric)}>{ cell }</td>
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// The ink of axes and outlines, and the grey of gridlines.
const INK: &str = "#1b1f24";
const GRID: &str = "#c9d0d9";

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// Prefix of the chart's element ids; also its `data-testid`.
    pub id: AttrValue,
    pub title: AttrValue,
    /// The chart in one or two sentences, for screen readers.
    pub description: AttrValue,
    pub height: f64,
    /// The drawing's coordinate width: narrower for a chart in a side
    /// column, so that its text keeps a readable size.
    #[prop_or(WIDTH)]
    pub width: f64,
    /// The drawing, in a `width` × `height` coordinate system.
    pub children: Html,
    /// The chart's figures, as a `<table>`.
    pub table: Html,
    /// Shown under the drawing, e.g. the figure the chart explains.
    #[prop_or_default]
    pub note: Html,
    /// Shown above the drawing: what each line or pattern stands for.
    #[prop_or_default]
    pub legend: Html,
    /// The level of the chart's heading: 2 for a chart of the page, more
    /// for one within a section.
    #[prop_or(2)]
    pub heading_level: u8,
}

/// A chart in its panel: heading, drawing, note, and the data table.
#[function_component]
pub fn Chart(props: &ChartProps) -> Html {
    let texts = use_lang().texts();
    let id = &props.id;
    let heading = format!("h{}", props.heading_level.clamp(2, 6));
    html! {
        <section class="panel chart" aria-labelledby={format!("{id}-heading")} data-testid={id.clone()}>
            <@{heading} id={format!("{id}-heading")} class="chart__heading">{ props.title.clone() }</@>
            { props.legend.clone() }
            <svg
                class="chart__drawing"
                viewBox={format!("0 0 {} {}", props.width, props.height)}
                role="img"
                aria-labelledby={format!("{id}-title")}
                aria-describedby={format!("{id}-desc")}
                focusable="false"
            >
                <title id={format!("{id}-title")}>{ props.title.clone() }</title>
                <desc id={format!("{id}-desc")}>{ props.description.clone() }</desc>
                { props.children.clone() }
            </svg>
            { props.note.clone() }
            <details class="chart__data">
                <summary>{ texts.show_data }</summary>
                // Not a scrolling box: it would need to be focusable.
                <div class="chart__table">{ props.table.clone() }</div>
            </details>
        </section>
    }
}

/// Left column for labels, then the bars, then room for their values.
const LABEL_WIDTH: f64 = 170.0;
/// Characters of a 13-unit label that fit the label column.
const LABEL_CHARS: usize = 23;
const VALUE_ROOM: f64 = 70.0;
const ROW: f64 = 32.0;
const BAR: f64 = 20.0;

/// One entry of a chart's legend: a sample of the mark, `width` wide,
/// then its name.
pub fn legend_item(width: &'static str, sample: Html, label: &str) -> Html {
    html! {
        <li>
            <svg {width} height="14" aria-hidden="true" focusable="false">
                { sample }
            </svg>
            { " " }{ label.to_owned() }
        </li>
    }
}

/// Height of a horizontal bar chart of `rows` bars.
pub fn bars_height(rows: usize) -> f64 {
    rows as f64 * ROW + 10.0
}

/// Horizontal bars, label on the left and value at the end of each bar,
/// scaled on the largest value (a zero draws no bar but keeps its label
/// and value).
pub fn horizontal_bars(bars: &[Bar]) -> Html {
    let track = WIDTH - LABEL_WIDTH - VALUE_ROOM;
    let max = bars.iter().map(|bar| bar.value).fold(0.0, f64::max);
    let scale = if max > 0.0 { track / max } else { 0.0 };
    html! {
        <g class="chart__bars">
            <line x1={LABEL_WIDTH.to_string()} y1="0" x2={LABEL_WIDTH.to_string()}
                  y2={format!("{:.0}", bars_height(bars.len()) - 5.0)}
                  stroke={INK} stroke-width="1" />
            { for bars.iter().enumerate().map(|(index, bar)| {
                let y = 5.0 + index as f64 * ROW;
                let width = (bar.value.max(0.0) * scale).max(0.0);
                let lines = wrap_label(&bar.label, LABEL_CHARS);
                // Two lines sit around the bar's middle, one line on it.
                let first_line = y + BAR / 2.0 + 5.0 - 7.0 * (lines.len() as f64 - 1.0);
                html! {
                    <g>
                        <text x={(LABEL_WIDTH - 8.0).to_string()} y={format!("{first_line:.1}")}
                              text-anchor="end" class="chart__label">
                            { for lines.into_iter().enumerate().map(|(index, line)| html! {
                                <tspan x={(LABEL_WIDTH - 8.0).to_string()}
                                       dy={if index == 0 { "0" } else { "14" }}>{ line }</tspan>
                            }) }
                        </text>
                        <rect x={LABEL_WIDTH.to_string()} y={format!("{y:.1}")}
                              width={format!("{width:.1}")} height={BAR.to_string()}
                              fill={bar.fill} stroke={INK} stroke-width="0.75" />
                        <text x={format!("{:.1}", LABEL_WIDTH + width + 6.0)} y={format!("{:.1}", y + BAR / 2.0 + 5.0)}
                              class="chart__value">{ bar.text.clone() }</text>
                    </g>
                }
            }) }
        </g>
    }
}

/// Patterns that tell categories apart without colour: plain, hatched,
/// dotted. `prefix` keeps their ids unique on the page.
pub fn patterns(prefix: &str) -> Html {
    html! {
        <defs>
            <pattern id={format!("{prefix}-solid")} width="8" height="8" patternUnits="userSpaceOnUse">
                <rect width="8" height="8" fill="#1d4e89" />
            </pattern>
            <pattern id={format!("{prefix}-hatched")} width="8" height="8" patternUnits="userSpaceOnUse"
                     patternTransform="rotate(45)">
                <rect width="8" height="8" fill="#1b6e3a" />
                <line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" stroke-width="3" />
            </pattern>
            <pattern id={format!("{prefix}-dotted")} width="8" height="8" patternUnits="userSpaceOnUse">
                <rect width="8" height="8" fill="#9a4a00" />
                <circle cx="4" cy="4" r="1.6" fill="#ffffff" />
            </pattern>
        </defs>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gridlines_fall_on_round_numbers() {
        assert_eq!(axis_ticks(257.0, 4), [0.0, 100.0, 200.0, 300.0]);
        assert_eq!(axis_ticks(25.63, 4), [0.0, 10.0, 20.0, 30.0]);
        assert_eq!(axis_ticks(10.0, 4), [0.0, 2.5, 5.0, 7.5, 10.0]);
        assert_eq!(axis_ticks(200.0, 4), [0.0, 50.0, 100.0, 150.0, 200.0]);
        assert_eq!(axis_ticks(0.0, 4), [0.0, 1.0]);
        assert_eq!(axis_ticks(f64::NAN, 4), [0.0, 1.0]);
    }

    #[test]
    fn the_axis_counts_in_a_unit_that_keeps_labels_short() {
        assert_eq!(axis_unit(99_999), (100.0, Unit::Euros));
        assert_eq!(axis_unit(1_000_00), (100_000.0, Unit::Thousands));
        assert_eq!(axis_unit(2_500_000_00), (100_000_000.0, Unit::Millions));
        assert_eq!(axis_unit(0), (100.0, Unit::Euros));
    }

    #[test]
    fn long_labels_wrap_on_two_lines() {
        assert_eq!(wrap_label("Clôture", 23), ["Clôture"]);
        assert_eq!(
            wrap_label("Manque de pertinence (marché, besoin)", 23),
            ["Manque de pertinence", "(marché, besoin)"]
        );
        assert_eq!(
            wrap_label("Anticonstitutionnellement", 10),
            ["Anticonstitutionnellement"]
        );
    }

    #[test]
    fn tick_labels_drop_useless_decimals() {
        assert_eq!(tick_label(50.0, true), "50");
        assert_eq!(tick_label(2.5, true), "2,5");
        assert_eq!(tick_label(2.5, false), "2.5");
    }
}
