//! The actors' network: two actors are linked when they take part in the
//! same project, the link weighing the number of projects they share.
//! Graph algorithms come from petgraph.

use super::facts::{ActorFacts, ProjectFacts};
use chrono::Datelike;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use shared::ids::{ActorId, ProjectId};
use shared::portfolio::{
    ConnectedActor, Network, NetworkEdge, NetworkGrowth, NetworkMetrics, NetworkNode,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// How many actors `top_connected` lists.
pub const TOP_CONNECTED: usize = 10;

/// Links of a set of projects: each unordered pair of distinct actors of a
/// project, counted once per project.
fn links<'a>(
    members: impl Iterator<Item = &'a BTreeSet<ActorId>>,
) -> HashMap<(ActorId, ActorId), u64> {
    let mut weights = HashMap::new();
    for actors in members {
        each_pair(actors, |pair| *weights.entry(pair).or_insert(0) += 1);
    }
    weights
}

/// Calls `visit` with each unordered pair of distinct actors of a project,
/// the smaller id first.
fn each_pair(actors: &BTreeSet<ActorId>, mut visit: impl FnMut((ActorId, ActorId))) {
    let actors: Vec<ActorId> = actors.iter().copied().collect();
    for (i, a) in actors.iter().enumerate() {
        for b in &actors[i + 1..] {
            visit((*a, *b));
        }
    }
}

/// The network of the projects in scope. `directory` holds at least the
/// actors taking part in them; `actors_total` counts the whole directory.
pub fn compute(
    projects: &[ProjectFacts],
    participations: &[(ProjectId, ActorId)],
    directory: &[ActorFacts],
    actors_total: u64,
) -> Network {
    let years: HashMap<ProjectId, i32> = projects
        .iter()
        .map(|p| (p.id, p.commission_date.year()))
        .collect();
    let mut members: BTreeMap<ProjectId, BTreeSet<ActorId>> = BTreeMap::new();
    for (project, actor) in participations {
        if years.contains_key(project) {
            members.entry(*project).or_default().insert(*actor);
        }
    }
    let weights = links(members.values());

    let mut projects_of: BTreeMap<ActorId, Vec<ProjectId>> = BTreeMap::new();
    for (project, actors) in &members {
        for actor in actors {
            projects_of.entry(*actor).or_default().push(*project);
        }
    }
    let names: HashMap<ActorId, &ActorFacts> = directory.iter().map(|a| (a.id, a)).collect();

    let mut graph: UnGraph<ActorId, u64> = UnGraph::new_undirected();
    let index: BTreeMap<ActorId, NodeIndex> = projects_of
        .keys()
        .map(|actor| (*actor, graph.add_node(*actor)))
        .collect();
    let mut weights: Vec<((ActorId, ActorId), u64)> = weights.into_iter().collect();
    weights.sort_unstable();
    for ((a, b), weight) in &weights {
        graph.add_edge(index[a], index[b], *weight);
    }

    let nodes: Vec<NetworkNode> = index
        .iter()
        .filter_map(|(actor, node)| {
            let facts = names.get(actor)?;
            Some(NetworkNode {
                actor_id: *actor,
                name: facts.name.clone(),
                kind: facts.kind,
                degree: graph.edges(*node).count() as u64,
                weighted_degree: graph.edges(*node).map(|e| *e.weight()).sum(),
                projects: projects_of.get(actor).cloned().unwrap_or_default(),
            })
        })
        .collect();
    let edges: Vec<NetworkEdge> = weights
        .iter()
        .map(|((source, target), weight)| NetworkEdge {
            source: *source,
            target: *target,
            weight: *weight,
        })
        .collect();

    let mut components = UnionFind::<usize>::new(graph.node_count());
    for edge in graph.edge_indices() {
        if let Some((a, b)) = graph.edge_endpoints(edge) {
            components.union(a.index(), b.index());
        }
    }
    let mut sizes: HashMap<usize, u64> = HashMap::new();
    for node in graph.node_indices() {
        *sizes.entry(components.find(node.index())).or_default() += 1;
    }

    let mut ranked: Vec<&NetworkNode> = nodes.iter().collect();
    ranked.sort_by(|a, b| {
        b.degree
            .cmp(&a.degree)
            .then(b.weighted_degree.cmp(&a.weighted_degree))
            .then(a.name.cmp(&b.name))
    });
    let top_connected = ranked
        .iter()
        .take(TOP_CONNECTED)
        .map(|n| ConnectedActor {
            actor_id: n.actor_id,
            name: n.name.clone(),
            degree: n.degree,
            weighted_degree: n.weighted_degree,
        })
        .collect();

    let node_count = nodes.len() as u64;
    let edge_count = edges.len() as u64;
    let density = if node_count >= 2 {
        2.0 * edge_count as f64 / (node_count as f64 * (node_count as f64 - 1.0))
    } else {
        0.0
    };
    Network {
        metrics: NetworkMetrics {
            node_count,
            edge_count,
            density,
            components: sizes.len() as u64,
            largest_component: sizes.values().copied().max().unwrap_or(0),
            isolated: actors_total.saturating_sub(node_count),
            top_connected,
            growth: growth(&members, &years),
        },
        nodes,
        edges,
    }
}

/// The network at the end of each year from the first commission year to
/// the last: actors and links of the projects commissioned so far. Built
/// year after year, each project's actors and links added once.
fn growth(
    members: &BTreeMap<ProjectId, BTreeSet<ActorId>>,
    years: &HashMap<ProjectId, i32>,
) -> Vec<NetworkGrowth> {
    let (Some(first), Some(last)) = (years.values().min(), years.values().max()) else {
        return Vec::new();
    };
    let mut by_year: BTreeMap<i32, Vec<&BTreeSet<ActorId>>> = BTreeMap::new();
    for (project, actors) in members {
        if let Some(year) = years.get(project) {
            by_year.entry(*year).or_default().push(actors);
        }
    }
    let mut nodes: HashSet<ActorId> = HashSet::new();
    let mut pairs: HashSet<(ActorId, ActorId)> = HashSet::new();
    (*first..=*last)
        .map(|year| {
            for actors in by_year.get(&year).into_iter().flatten() {
                nodes.extend(actors.iter().copied());
                each_pair(actors, |pair| {
                    pairs.insert(pair);
                });
            }
            NetworkGrowth {
                year,
                nodes: nodes.len() as u64,
                edges: pairs.len() as u64,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use shared::actors::ActorKind;
    use shared::lifecycle::Phase;

    fn project(id: i64, year: i32) -> ProjectFacts {
        ProjectFacts {
            id: ProjectId(id),
            phase: Phase::Realisation,
            axis: "Innovation".into(),
            lead_id: None,
            commission_date: NaiveDate::from_ymd_opt(year, 6, 1).unwrap(),
            decision_date: None,
            total_cost_cents: 0,
            abandon_reason: None,
        }
    }

    fn actor(id: i64, name: &str) -> ActorFacts {
        ActorFacts {
            id: ActorId(id),
            name: name.into(),
            kind: ActorKind::Company,
        }
    }

    /// P1 = {A, B, C} (2020), P2 = {A, B} (2021), P3 = {D, E} (2022),
    /// P4 = {F} alone (2022); G takes part in nothing.
    /// By hand: edges A–B (2), A–C (1), B–C (1), D–E (1); six nodes;
    /// density 2·4 / (6·5) = 0.2667; components {A,B,C}, {D,E}, {F}.
    #[test]
    fn a_small_known_graph() {
        let projects = vec![
            project(1, 2020),
            project(2, 2021),
            project(3, 2022),
            project(4, 2022),
        ];
        let p = |project: i64, actor: i64| (ProjectId(project), ActorId(actor));
        let participations = vec![
            p(1, 1),
            p(1, 2),
            p(1, 3),
            p(2, 1),
            p(2, 2),
            p(2, 2),
            p(3, 4),
            p(3, 5),
            p(4, 6),
        ];
        let directory = vec![
            actor(1, "A"),
            actor(2, "B"),
            actor(3, "C"),
            actor(4, "D"),
            actor(5, "E"),
            actor(6, "F"),
            actor(7, "G"),
        ];
        let network = compute(
            &projects,
            &participations,
            &directory,
            directory.len() as u64,
        );

        let edge = |a: i64, b: i64, weight: u64| NetworkEdge {
            source: ActorId(a),
            target: ActorId(b),
            weight,
        };
        assert_eq!(
            network.edges,
            vec![edge(1, 2, 2), edge(1, 3, 1), edge(2, 3, 1), edge(4, 5, 1)]
        );
        let a = &network.nodes[0];
        assert_eq!(
            (a.degree, a.weighted_degree, a.projects.clone()),
            (2, 3, vec![ProjectId(1), ProjectId(2)])
        );
        let f = network.nodes.iter().find(|n| n.name == "F").unwrap();
        assert_eq!((f.degree, f.weighted_degree), (0, 0));

        let m = &network.metrics;
        assert_eq!(
            (
                m.node_count,
                m.edge_count,
                m.components,
                m.largest_component,
                m.isolated
            ),
            (6, 4, 3, 3, 1)
        );
        assert!((m.density - 8.0 / 30.0).abs() < 1e-12);
        let top: Vec<&str> = m.top_connected.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(&top[..3], &["A", "B", "C"]);
        assert_eq!(
            m.growth,
            vec![
                NetworkGrowth {
                    year: 2020,
                    nodes: 3,
                    edges: 3
                },
                NetworkGrowth {
                    year: 2021,
                    nodes: 3,
                    edges: 3
                },
                NetworkGrowth {
                    year: 2022,
                    nodes: 6,
                    edges: 4
                },
            ]
        );
    }

    #[test]
    fn an_empty_network() {
        let network = compute(&[], &[], &[actor(1, "A")], 1);
        assert_eq!(
            (
                network.metrics.node_count,
                network.metrics.isolated,
                network.metrics.density
            ),
            (0, 1, 0.0)
        );
        assert!(network.metrics.growth.is_empty());
    }
}
