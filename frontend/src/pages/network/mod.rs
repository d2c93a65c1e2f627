//! The actors' network (the source document's "networks of exchange rather
//! than one-way bilateral links"): two actors are linked when they work on
//! the same project. Shown as an interactive picture or as a table, with
//! its figures beside it. The filters live in the URL.

mod graph;
mod layout;
mod list;
mod metrics;

use crate::api;
use crate::api::portfolio::NetworkFilters;
use crate::components::filters::{axis_filter, FilterPanel};
use crate::components::form_field::{Alert, Status, TextField};
use crate::components::page_title::PageTitle;
use crate::format;
use crate::hooks::{use_axes, use_fetch, use_filter_form};
use crate::i18n::use_lang;
use crate::routes::Route;
use graph::{Legend, NetworkGraph};
use list::NetworkList;
use metrics::Metrics;
use yew::prelude::*;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct FilterDraft {
    axis: String,
    from: String,
    to: String,
}

impl FilterDraft {
    fn from_filters(filters: &NetworkFilters) -> Self {
        FilterDraft {
            axis: filters.axis.clone(),
            from: format::date_input(filters.from),
            to: format::date_input(filters.to),
        }
    }

    /// Dates that do not parse are dropped rather than sent.
    fn to_filters(&self) -> NetworkFilters {
        NetworkFilters {
            axis: self.axis.clone(),
            from: format::parse_date_input(&self.from).ok().flatten(),
            to: format::parse_date_input(&self.to).ok().flatten(),
        }
    }
}

/// One end of the commission-date range.
fn date_filter(
    id: &'static str,
    label: &'static str,
    value: &str,
    oninput: Callback<String>,
) -> Html {
    html! { <TextField {id} {label} input_type="date" value={value.to_owned()} {oninput} /> }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ViewMode {
    Graph,
    List,
}

#[function_component]
pub fn NetworkPage() -> Html {
    let texts = use_lang().texts();
    let form = use_filter_form(Route::Network, FilterDraft::from_filters, |draft, _| {
        draft.to_filters()
    });
    let axes = use_axes();
    let mode = use_state(|| ViewMode::Graph);
    let fetched = use_fetch(form.filters.clone(), |filters| async move {
        api::portfolio::network(&filters).await
    });
    let draft = form.values();
    let switch_to = |target: ViewMode| {
        let mode = mode.clone();
        Callback::from(move |_: MouseEvent| mode.set(target))
    };
    let status = fetched.loading_message(texts);
    let error_message = fetched.error_message(texts);

    html! {
        <>
            <PageTitle text={texts.network_title} />
            <p class="lead">{ texts.network_intro }</p>
            <FilterPanel id="network" label={texts.filter_network} actions={form.actions.clone()}>
                { axis_filter(texts, "network-axis", &axes, &draft.axis, form.field(|d, v| d.axis = v)) }
                { date_filter("network-from", texts.commissioned_from, &draft.from, form.field(|d, v| d.from = v)) }
                { date_filter("network-to", texts.commissioned_to, &draft.to, form.field(|d, v| d.to = v)) }
            </FilterPanel>
            <Status message={status} />
            <Alert id="network-error" message={error_message} />
            if let Some(network) = fetched.data.clone() {
                // A table needs the page's width: the figures then go below it.
                <div class={classes!("network-layout", (*mode == ViewMode::List).then_some("network-layout--stacked"))}>
                    <section class="panel network-view" aria-labelledby="network-view-heading">
                        <div class="network-view__heading">
                            <h2 id="network-view-heading">
                                { if *mode == ViewMode::Graph { texts.view_graph } else { texts.view_list } }
                            </h2>
                            <div class="view-switch" role="group" aria-label={texts.view_switch}>
                                <button type="button" class="button button--small"
                                        aria-pressed={(*mode == ViewMode::Graph).to_string()}
                                        onclick={switch_to(ViewMode::Graph)} data-testid="view-graph">
                                    { texts.view_graph }
                                </button>
                                <button type="button" class="button button--small"
                                        aria-pressed={(*mode == ViewMode::List).to_string()}
                                        onclick={switch_to(ViewMode::List)} data-testid="view-list">
                                    { texts.view_list }
                                </button>
                            </div>
                        </div>
                        if network.nodes.is_empty() {
                            <p class="notice" data-testid="no-network">{ texts.no_network }</p>
                        } else if *mode == ViewMode::Graph {
                            <NetworkGraph network={network.clone()} />
                            <Legend network={network.clone()} />
                        } else {
                            <NetworkList network={network.clone()} />
                        }
                    </section>
                    <Metrics {network} />
                </div>
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_form_round_trips_filters_and_drops_bad_dates() {
        let filters = NetworkFilters {
            axis: "Innovation".into(),
            from: NaiveDate::from_ymd_opt(2020, 1, 1),
            to: NaiveDate::from_ymd_opt(2021, 12, 31),
        };
        assert_eq!(FilterDraft::from_filters(&filters).to_filters(), filters);
        let typed = FilterDraft {
            from: "31/12/2021".into(),
            ..FilterDraft::default()
        };
        assert_eq!(typed.to_filters(), NetworkFilters::default());
    }
}
