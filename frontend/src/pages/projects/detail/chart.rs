//! The financing plan as a picture: the total cost above the secured
//! funding, stacked by who brings it (city, other public bodies, private).
//! Drawn as SVG here, without a charting library. Categories differ by
//! pattern as well as colour, are named in a legend, and the same figures
//! are in a table below for screen readers and for reading exact values.

use crate::format;
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use shared::finance::FundingCategory;
use shared::participants::FundingLine;
use yew::prelude::*;

const CATEGORIES: [FundingCategory; 3] = [
    FundingCategory::City,
    FundingCategory::Public,
    FundingCategory::Private,
];

/// Secured (granted or paid) cents per category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Secured {
    pub city: i64,
    pub public: i64,
    pub private: i64,
}

impl Secured {
    pub fn of(lines: &[FundingLine]) -> Self {
        let mut secured = Secured::default();
        for line in lines.iter().filter(|line| line.status.is_secured()) {
            let slot = match line.category {
                FundingCategory::City => &mut secured.city,
                FundingCategory::Public => &mut secured.public,
                FundingCategory::Private => &mut secured.private,
            };
            *slot = slot.saturating_add(line.amount_cents);
        }
        secured
    }

    pub fn get(&self, category: FundingCategory) -> i64 {
        match category {
            FundingCategory::City => self.city,
            FundingCategory::Public => self.public,
            FundingCategory::Private => self.private,
        }
    }

    pub fn total(&self) -> i64 {
        self.city
            .saturating_add(self.public)
            .saturating_add(self.private)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub category: FundingCategory,
    pub x: f64,
    pub width: f64,
}

/// Bar geometry in a track `width` wide: the cost bar's width, and the
/// secured segments side by side. The scale is the larger of cost and
/// funding, so an over-funded plan shows its funding bar longer.
pub fn layout(total_cost: i64, secured: &Secured, width: f64) -> (f64, Vec<Segment>) {
    let scale = total_cost.max(secured.total()).max(0);
    if scale == 0 {
        return (0.0, Vec::new());
    }
    let length = |cents: i64| cents.max(0) as f64 / scale as f64 * width;
    let mut x = 0.0;
    let mut segments = Vec::new();
    for category in CATEGORIES {
        let cents = secured.get(category);
        if cents > 0 {
            let segment_width = length(cents);
            segments.push(Segment {
                category,
                x,
                width: segment_width,
            });
            x += segment_width;
        }
    }
    (length(total_cost), segments)
}

/// Share of the total cost, in percent; none without a cost.
pub fn share(cents: i64, total_cost: i64) -> Option<f64> {
    (total_cost > 0).then(|| cents as f64 / total_cost as f64 * 100.0)
}

fn fill(category: FundingCategory) -> &'static str {
    match category {
        FundingCategory::City => "url(#funding-city)",
        FundingCategory::Public => "url(#funding-public)",
        FundingCategory::Private => "url(#funding-private)",
    }
}

#[derive(Properties, PartialEq)]
pub struct FundingChartProps {
    pub total_cost_cents: i64,
    pub secured: Secured,
}

const LABEL_WIDTH: f64 = 170.0;
/// Where each legend entry starts: room for the longest label before it.
const LEGEND_X: [f64; 3] = [0.0, 110.0, 370.0];
const TRACK: f64 = 420.0;

#[function_component]
pub fn FundingChart(props: &FundingChartProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let (cost_width, segments) = layout(props.total_cost_cents, &props.secured, TRACK);
    let secured_total = props.secured.total();
    let description = (texts.chart_description)(
        &format::euros(props.total_cost_cents, lang),
        &format::euros(secured_total, lang),
        &CATEGORIES
            .into_iter()
            .map(|category| {
                format!(
                    "{} {}",
                    (texts.category_name)(category),
                    format::euros(props.secured.get(category), lang)
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
    );
    let percent = |cents: i64| {
        share(cents, props.total_cost_cents)
            .map(|value| format!("{}\u{a0}%", format::two_decimals(value, lang)))
            .unwrap_or_else(|| "—".to_owned())
    };

    html! {
        <figure class="funding-chart" data-testid="funding-chart">
            <svg
                viewBox="0 0 600 150"
                role="img"
                aria-labelledby="funding-chart-title funding-chart-desc"
                focusable="false"
            >
                <title id="funding-chart-title">{ texts.chart_title }</title>
                <desc id="funding-chart-desc">{ description }</desc>
                <defs>
                    <pattern id="funding-city" width="8" height="8" patternUnits="userSpaceOnUse">
                        <rect width="8" height="8" fill="#1d4e89" />
                    </pattern>
                    <pattern id="funding-public" width="8" height="8" patternUnits="userSpaceOnUse"
                             patternTransform="rotate(45)">
                        <rect width="8" height="8" fill="#1b6e3a" />
                        <line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" stroke-width="3" />
                    </pattern>
                    <pattern id="funding-private" width="8" height="8" patternUnits="userSpaceOnUse">
                        <rect width="8" height="8" fill="#9a4a00" />
                        <circle cx="4" cy="4" r="1.6" fill="#ffffff" />
                    </pattern>
                </defs>
                <text x="0" y="32" class="funding-chart__label">{ texts.total_cost }</text>
                <rect x={LABEL_WIDTH.to_string()} y="14" width={format!("{cost_width:.1}")} height="28"
                      fill="#e7eef7" stroke="#1b1f24" stroke-width="1.5" />
                <text x="0" y="82" class="funding-chart__label">{ texts.secured_funding }</text>
                <rect x={LABEL_WIDTH.to_string()} y="64" width={TRACK.to_string()} height="28"
                      fill="none" stroke="#8a94a3" stroke-dasharray="4 3" />
                { for segments.iter().map(|segment| html! {
                    <rect
                        x={format!("{:.1}", LABEL_WIDTH + segment.x)}
                        y="64"
                        width={format!("{:.1}", segment.width)}
                        height="28"
                        fill={fill(segment.category)}
                        stroke="#ffffff"
                        stroke-width="1"
                    />
                }) }
                { for CATEGORIES.iter().zip(LEGEND_X).map(|(category, x)| {
                    html! {
                        <g transform={format!("translate({x:.0} 118)")}>
                            <rect width="18" height="18" fill={fill(*category)} stroke="#1b1f24" stroke-width="1" />
                            <text x="26" y="14" class="funding-chart__legend">
                                { (texts.category_name)(*category) }
                            </text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption>
                <table class="table table--compact" data-testid="funding-chart-table">
                    <caption>{ texts.chart_table_caption }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ texts.column_category }</th>
                            <th scope="col" class="number">{ texts.secured_funding }</th>
                            <th scope="col" class="number">{ texts.share_of_cost }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for CATEGORIES.into_iter().map(|category| html! {
                            <tr>
                                <th scope="row">{ (texts.category_name)(category) }</th>
                                <td class="number">{ format::euros(props.secured.get(category), lang) }</td>
                                <td class="number">{ percent(props.secured.get(category)) }</td>
                            </tr>
                        }) }
                        <tr>
                            <th scope="row">{ texts.total_secured }</th>
                            <td class="number">{ format::euros(secured_total, lang) }</td>
                            <td class="number">{ percent(secured_total) }</td>
                        </tr>
                    </tbody>
                </table>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secured(city: i64, public: i64, private: i64) -> Secured {
        Secured {
            city,
            public,
            private,
        }
    }

    #[test]
    fn segments_are_stacked_in_proportion_to_the_cost() {
        let (cost, segments) = layout(1_000, &secured(100, 300, 200), 400.0);
        assert_eq!(cost, 400.0);
        let geometry: Vec<(f64, f64)> = segments.iter().map(|s| (s.x, s.width)).collect();
        assert_eq!(geometry, [(0.0, 40.0), (40.0, 120.0), (160.0, 80.0)]);
    }

    #[test]
    fn over_funding_scales_on_the_funding() {
        let (cost, segments) = layout(500, &secured(0, 1_000, 0), 400.0);
        assert_eq!(cost, 200.0);
        assert_eq!(segments.len(), 1, "empty categories draw nothing");
        assert_eq!(segments[0].width, 400.0);
    }

    #[test]
    fn nothing_to_draw_without_cost_or_funding() {
        assert_eq!(layout(0, &Secured::default(), 400.0), (0.0, Vec::new()));
        assert_eq!(share(10, 0), None);
        assert_eq!(share(25, 100), Some(25.0));
    }
}
