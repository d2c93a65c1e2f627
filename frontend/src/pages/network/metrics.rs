//! The network's figures beside the picture: size, density, components,
//! isolated actors, the most connected, and how the network grew.

use crate::components::chart::{patterns, Chart};
use crate::components::nav::NavLink;
use crate::format;
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang};
use crate::routes::Route;
use shared::portfolio::{Network, NetworkGrowth};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MetricsProps {
    pub network: Rc<Network>,
}

/// Density as the share of possible links that exist: `13,0 %`.
pub fn density(value: f64, lang: Lang) -> String {
    format!("{}\u{a0}%", format::one_decimal(value * 100.0, lang))
}

#[function_component]
pub fn Metrics(props: &MetricsProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let metrics = &props.network.metrics;
    let figure = |label: &'static str, testid: &'static str, value: String| {
        html! {
            <div class="metric">
                <dt>{ label }</dt>
                <dd data-testid={testid}>{ value }</dd>
            </div>
        }
    };
    html! {
        <section class="panel network-metrics" aria-labelledby="network-metrics-heading">
            <h2 id="network-metrics-heading">{ texts.network_metrics_heading }</h2>
            <dl class="metrics">
                { figure(texts.metric_nodes, "network-nodes", format::integer(metrics.node_count, lang)) }
                { figure(texts.metric_edges, "network-edges", format::integer(metrics.edge_count, lang)) }
                { figure(texts.metric_density, "network-density", density(metrics.density, lang)) }
                { figure(texts.metric_components, "network-components", format::integer(metrics.components, lang)) }
                { figure(texts.metric_largest, "network-largest", format::integer(metrics.largest_component, lang)) }
                { figure(texts.metric_isolated, "network-isolated", format::integer(metrics.isolated, lang)) }
            </dl>
            <p class="small muted">{ texts.metrics_hint }</p>
            <h3>{ texts.top_connected_heading }</h3>
            <ol class="top-connected" data-testid="top-connected">
                { for metrics.top_connected.iter().map(|actor| html! {
                    <li>
                        <NavLink to={Route::Actor { id: actor.actor_id }}>{ actor.name.clone() }</NavLink>
                        <span class="muted">
                            { (texts.partners_count)(actor.degree) }
                            { ", " }{ (texts.shared_projects_total)(actor.weighted_degree) }
                        </span>
                    </li>
                }) }
            </ol>
            <GrowthChart growth={metrics.growth.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct GrowthProps {
    growth: Vec<NetworkGrowth>,
}

const GROWTH_WIDTH: f64 = 330.0;
const YEAR_COLUMN: f64 = 40.0;
/// Left edge and bar room of the two panels: actors, then links.
const PANELS: [(f64, f64); 2] = [(YEAR_COLUMN + 4.0, 88.0), (YEAR_COLUMN + 148.0, 100.0)];
const ROW: f64 = 20.0;
const TOP: f64 = 26.0;

/// Two small panels side by side, one row per year: actors, and links, each
/// on its own scale (links grow much faster than actors), values written
/// at the end of the bars.
#[function_component]
fn GrowthChart(props: &GrowthProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let growth = &props.growth;
    // At least one: the bar lengths are divided by it.
    let peak = |count: fn(&NetworkGrowth) -> u64| {
        growth.iter().map(count).max().unwrap_or(0).max(1) as f64
    };
    let max_nodes = peak(|year| year.nodes);
    let max_edges = peak(|year| year.edges);
    let description = match (growth.first(), growth.last()) {
        (Some(first), Some(last)) => (texts.growth_description)(
            first.year,
            &format::integer(first.nodes, lang),
            &format::integer(first.edges, lang),
            last.year,
            &format::integer(last.nodes, lang),
            &format::integer(last.edges, lang),
        ),
        _ => texts.no_network.to_owned(),
    };
    let table = html! {
        <table class="table table--compact">
            <caption>{ texts.growth_title }</caption>
            <thead>
                <tr>
                    <th scope="col">{ texts.year }</th>
                    <th scope="col" class="number">{ texts.metric_nodes }</th>
                    <th scope="col" class="number">{ texts.metric_edges }</th>
                </tr>
            </thead>
            <tbody>
                { for growth.iter().map(|year| html! {
                    <tr>
                        <th scope="row">{ year.year }</th>
                        <td class="number">{ format::integer(year.nodes, lang) }</td>
                        <td class="number">{ format::integer(year.edges, lang) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    };
    let height = TOP + growth.len() as f64 * ROW + 6.0;
    html! {
        <Chart
            id="chart-growth"
            title={texts.growth_title}
            {description}
            width={GROWTH_WIDTH}
            {height}
            {table}
        >
            { patterns("growth") }
            <text x={PANELS[0].0.to_string()} y="14" class="chart__label">{ texts.metric_nodes }</text>
            <text x={PANELS[1].0.to_string()} y="14" class="chart__label">{ texts.metric_edges }</text>
            { for growth.iter().enumerate().map(|(index, year)| {
                let y = TOP + index as f64 * ROW;
                let bars = [
                    (PANELS[0], year.nodes as f64 / max_nodes, year.nodes, "url(#growth-solid)"),
                    (PANELS[1], year.edges as f64 / max_edges, year.edges, "url(#growth-hatched)"),
                ];
                html! {
                    <g>
                        <text x={(YEAR_COLUMN - 4.0).to_string()} y={format!("{:.1}", y + 12.0)}
                              text-anchor="end" class="chart__axis">{ year.year }</text>
                        { for bars.into_iter().map(|((left, room), share, value, fill)| {
                            let width = room * share;
                            html! {
                                <>
                                    <rect x={left.to_string()} y={format!("{y:.1}")} width={format!("{width:.1}")}
                                          height="14" fill={fill} stroke="#1b1f24" stroke-width="0.5" />
                                    <text x={format!("{:.1}", left + width + 4.0)} y={format!("{:.1}", y + 12.0)}
                                          class="chart__value chart__value--small">
                                        { format::integer(value, lang) }
                                    </text>
                                </>
                            }
                        }) }
                    </g>
                }
            }) }
        </Chart>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn density_reads_as_a_share_of_possible_links() {
        assert_eq!(density(0.130_369, Lang::Fr), "13,0\u{a0}%");
        assert_eq!(density(1.0, Lang::En), "100.0\u{a0}%");
    }
}
