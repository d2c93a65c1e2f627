//! The network as a table: the same actors and links as the picture, for
//! screen readers, keyboards and anyone who wants exact figures.

use crate::components::nav::NavLink;
use crate::components::table::Table;
use crate::format;
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use crate::routes::Route;
use shared::ids::ActorId;
use shared::portfolio::{Network, NetworkNode};
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// Each actor's partners, most shared projects first, then by name.
pub fn partners(network: &Network) -> HashMap<ActorId, Vec<(String, u64)>> {
    let names: HashMap<ActorId, &str> = network
        .nodes
        .iter()
        .map(|node| (node.actor_id, node.name.as_str()))
        .collect();
    let mut partners: HashMap<ActorId, Vec<(String, u64)>> = HashMap::new();
    for edge in &network.edges {
        for (actor, partner) in [(edge.source, edge.target), (edge.target, edge.source)] {
            if let Some(name) = names.get(&partner) {
                partners
                    .entry(actor)
                    .or_default()
                    .push(((*name).to_owned(), edge.weight));
            }
        }
    }
    for list in partners.values_mut() {
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    partners
}

/// Most connected first, as in the picture's keyboard order.
pub fn ranked(network: &Network) -> Vec<&NetworkNode> {
    let mut nodes: Vec<&NetworkNode> = network.nodes.iter().collect();
    nodes.sort_by(|a, b| {
        b.degree
            .cmp(&a.degree)
            .then_with(|| b.weighted_degree.cmp(&a.weighted_degree))
            .then_with(|| a.name.cmp(&b.name))
    });
    nodes
}

#[derive(Properties, PartialEq)]
pub struct NetworkListProps {
    pub network: Rc<Network>,
}

#[function_component]
pub fn NetworkList(props: &NetworkListProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let partners = partners(&props.network);
    html! {
        <Table
            caption={format!("{} — {}", texts.network_list_caption, (texts.actors_count)(props.network.nodes.len() as u64))}
            caption_id="network-list-caption"
            testid="network-list"
            head={html! {
                <>
                    <th scope="col">{ texts.column_actor }</th>
                    <th scope="col">{ texts.column_kind }</th>
                    <th scope="col" class="number">{ texts.column_degree }</th>
                    <th scope="col" class="number">{ texts.column_weighted_degree }</th>
                    <th scope="col" class="number">{ texts.kpi_projects }</th>
                    <th scope="col">{ texts.column_partners }</th>
                </>
            }}
        >
            { for ranked(&props.network).into_iter().map(|node| {
                let own = partners.get(&node.actor_id).map(Vec::as_slice).unwrap_or(&[]);
                html! {
                    <tr key={node.actor_id.to_string()} data-testid="network-row">
                        <th scope="row">
                            <NavLink to={Route::Actor { id: node.actor_id }}>{ node.name.clone() }</NavLink>
                        </th>
                        <td>{ (texts.actor_kind_name)(node.kind) }</td>
                        <td class="number">{ format::integer(node.degree, lang) }</td>
                        <td class="number">{ format::integer(node.weighted_degree, lang) }</td>
                        <td class="number">{ format::integer(node.projects.len() as u64, lang) }</td>
                        <td>
                            if own.is_empty() {
                                { "—" }
                            } else {
                                <details>
                                    <summary>{ (texts.partners_count)(own.len() as u64) }</summary>
                                    <ul class="partner-list">
                                        { for own.iter().map(|(name, weight)| html! {
                                            <li>
                                                { name.clone() }
                                                <span class="muted">
                                                    { " (" }{ (texts.shared_projects)(*weight) }{ ")" }
                                                </span>
                                            </li>
                                        }) }
                                    </ul>
                                </details>
                            }
                        </td>
                    </tr>
                }
            }) }
        </Table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::actors::ActorKind;
    use shared::portfolio::{NetworkEdge, NetworkMetrics};

    #[test]
    fn partners_are_listed_both_ways_strongest_first() {
        let node = |id: i64, name: &str, degree: u64| NetworkNode {
            actor_id: ActorId(id),
            name: name.to_owned(),
            kind: ActorKind::Association,
            degree,
            weighted_degree: degree,
            projects: Vec::new(),
        };
        let network = Network {
            nodes: vec![
                node(1, "Ville", 2),
                node(2, "Agglo", 1),
                node(3, "Banque", 1),
            ],
            edges: vec![
                NetworkEdge {
                    source: ActorId(1),
                    target: ActorId(2),
                    weight: 1,
                },
                NetworkEdge {
                    source: ActorId(1),
                    target: ActorId(3),
                    weight: 4,
                },
            ],
            metrics: NetworkMetrics {
                node_count: 3,
                edge_count: 2,
                density: 2.0 / 3.0,
                components: 1,
                largest_component: 3,
                isolated: 0,
                top_connected: Vec::new(),
                growth: Vec::new(),
            },
        };
        let partners = partners(&network);
        assert_eq!(
            partners[&ActorId(1)],
            [("Banque".to_owned(), 4), ("Agglo".to_owned(), 1)]
        );
        assert_eq!(partners[&ActorId(2)], [("Ville".to_owned(), 1)]);
        let order: Vec<&str> = ranked(&network).iter().map(|n| n.name.as_str()).collect();
        assert_eq!(order, ["Ville", "Agglo", "Banque"]);
    }
}
