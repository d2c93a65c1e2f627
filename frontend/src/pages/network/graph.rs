//! The network as an interactive SVG picture: zoom (wheel, buttons, `+`
//! and `-`), pan (drag the background, arrow keys), drag an actor to move
//! it, hover or focus an actor to bring out its partners, click or Enter to
//! open its page.
//!
//! Nodes are real links (`<a href>`), so they are focusable, announced with
//! their name and open in a new tab like any link. The picture is drawn in
//! layers that only re-render when what they show changes: panning touches
//! one `transform`, and the 2 000 links are a handful of `<path>` elements
//! rather than one element each.

use super::layout::{self, Link, Point, HEIGHT, WIDTH};
use crate::i18n::use_lang;
use crate::routes::Route;
use shared::actors::ActorKind;
use shared::ids::ActorId;
use shared::portfolio::Network;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// A node as drawn: who it is and its size and shape.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeView {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    pub degree: u64,
    pub projects: usize,
    pub radius: f64,
}

/// Everything about the picture that only changes with the data.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub nodes: Vec<NodeView>,
    pub links: Rc<Vec<Link>>,
    pub neighbours: Vec<Vec<usize>>,
    pub layout: Vec<Point>,
    /// Largest first: small nodes are painted over big ones, where they
    /// can still be pointed at; also the keyboard order.
    pub paint_order: Vec<usize>,
}

/// In view units, about 1.5 times a pixel on a laptop screen.
const MIN_RADIUS: f64 = 5.0;
const RADIUS_RANGE: f64 = 14.0;

impl Model {
    pub fn new(network: &Network) -> Self {
        let index_of: HashMap<ActorId, usize> = network
            .nodes
            .iter()
            .enumerate()
            .map(|(index, node)| (node.actor_id, index))
            .collect();
        let links: Vec<Link> = network
            .edges
            .iter()
            .filter_map(|edge| {
                Some(Link {
                    a: *index_of.get(&edge.source)?,
                    b: *index_of.get(&edge.target)?,
                    weight: edge.weight,
                })
            })
            .collect();
        let mut neighbours = vec![Vec::new(); network.nodes.len()];
        for link in &links {
            neighbours[link.a].push(link.b);
            neighbours[link.b].push(link.a);
        }
        let max_degree = network
            .nodes
            .iter()
            .map(|node| node.degree)
            .max()
            .unwrap_or(0)
            .max(1);
        let nodes: Vec<NodeView> = network
            .nodes
            .iter()
            .map(|node| NodeView {
                id: node.actor_id,
                name: node.name.clone(),
                kind: node.kind,
                degree: node.degree,
                projects: node.projects.len(),
                // By area: a node twice as connected looks twice as big.
                radius: MIN_RADIUS + RADIUS_RANGE * (node.degree as f64 / max_degree as f64).sqrt(),
            })
            .collect();
        let ids: Vec<u64> = nodes.iter().map(|node| node.id.0.unsigned_abs()).collect();
        let layout = layout::compute(&ids, &links);
        let mut paint_order: Vec<usize> = (0..nodes.len()).collect();
        paint_order.sort_by(|&a, &b| {
            nodes[b]
                .degree
                .cmp(&nodes[a].degree)
                .then_with(|| nodes[a].name.cmp(&nodes[b].name))
        });
        Model {
            nodes,
            links: Rc::new(links),
            neighbours,
            layout,
            paint_order,
        }
    }
}

/// Every kind of actor has a colour and a shape, so that kinds can be told
/// apart without seeing colours. The colours keep 3:1 contrast on white.
pub fn kind_colour(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Company => "#1d4e89",
        ActorKind::Association => "#1b6e3a",
        ActorKind::Municipality => "#9a4a00",
        ActorKind::StateService => "#6b3fa0",
        ActorKind::RegionDepartment => "#b3261e",
        ActorKind::ResearchEducation => "#00707a",
        ActorKind::Funder => "#7a5c00",
        ActorKind::Chamber => "#a3326f",
        ActorKind::CitizenGroup => "#4d5560",
        ActorKind::Other => "#2b2f36",
    }
}

/// A regular polygon of `sides` around (0, 0), first corner at `start`
/// radians.
fn polygon(sides: usize, radius: f64, start: f64) -> String {
    let mut path = String::new();
    for corner in 0..sides {
        let angle = start + std::f64::consts::TAU * corner as f64 / sides as f64;
        let command = if corner == 0 { 'M' } else { 'L' };
        path.push_str(&format!(
            "{command}{:.2} {:.2}",
            radius * angle.cos(),
            radius * angle.sin()
        ));
    }
    path.push('Z');
    path
}

/// A star with `points` points.
fn star(points: usize, radius: f64) -> String {
    let mut path = String::new();
    for corner in 0..points * 2 {
        let r = if corner % 2 == 0 {
            radius
        } else {
            radius * 0.5
        };
        let angle =
            -std::f64::consts::FRAC_PI_2 + std::f64::consts::PI * corner as f64 / points as f64;
        let command = if corner == 0 { 'M' } else { 'L' };
        path.push_str(&format!(
            "{command}{:.2} {:.2}",
            r * angle.cos(),
            r * angle.sin()
        ));
    }
    path.push('Z');
    path
}

/// The shape of a kind's nodes, as an SVG path around (0, 0).
pub fn kind_shape(kind: ActorKind, radius: f64) -> String {
    use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI};
    let r = radius;
    match kind {
        ActorKind::Company => {
            // A circle, as two arcs.
            format!(
                "M{:.2} 0A{r:.2} {r:.2} 0 1 0 {:.2} 0A{r:.2} {r:.2} 0 1 0 {:.2} 0Z",
                -r, r, -r
            )
        }
        ActorKind::Association => polygon(4, r * 1.15, FRAC_PI_4),
        ActorKind::Municipality => polygon(4, r * 1.25, 0.0),
        ActorKind::StateService => polygon(3, r * 1.3, -FRAC_PI_2),
        ActorKind::RegionDepartment => polygon(3, r * 1.3, FRAC_PI_2),
        ActorKind::ResearchEducation => polygon(5, r * 1.15, -FRAC_PI_2),
        ActorKind::Funder => star(5, r * 1.35),
        ActorKind::Chamber => polygon(6, r * 1.1, 0.0),
        ActorKind::CitizenGroup => {
            // A plus sign.
            let (a, b) = (r * 1.1, r * 0.4);
            format!(
                "M{:.2} {:.2}H{b:.2}V{:.2}H{a:.2}V{b:.2}H{b:.2}V{a:.2}H{:.2}V{b:.2}H{:.2}V{:.2}H{:.2}Z",
                -b, -a, -b, -b, -a, -b, -b
            )
        }
        ActorKind::Other => polygon(8, r * 1.05, PI / 8.0),
    }
}

/// Pan and zoom: screen = graph × scale + offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub scale: f64,
    pub x: f64,
    pub y: f64,
}

impl Default for View {
    fn default() -> Self {
        View {
            scale: 1.0,
            x: 0.0,
            y: 0.0,
        }
    }
}

const MIN_SCALE: f64 = 0.3;
const MAX_SCALE: f64 = 8.0;
const ZOOM_STEP: f64 = 1.25;
const PAN_STEP: f64 = 60.0;

impl View {
    /// Zooms by `factor` keeping the point at (`x`, `y`) (view
    /// coordinates) where it is on screen.
    pub fn zoom_at(self, factor: f64, x: f64, y: f64) -> View {
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let applied = scale / self.scale;
        View {
            scale,
            x: x - (x - self.x) * applied,
            y: y - (y - self.y) * applied,
        }
    }

    pub fn pan(self, dx: f64, dy: f64) -> View {
        View {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
    }

    fn transform(self) -> String {
        format!(
            "translate({:.2} {:.2}) scale({:.4})",
            self.x, self.y, self.scale
        )
    }
}

/// What a pointer held down is doing.
#[derive(Debug, Clone, Copy)]
enum Drag {
    Pan {
        start: (f64, f64),
        view: View,
    },
    Node {
        pointer: i32,
        index: usize,
        start: (f64, f64),
        from: Point,
        moved: bool,
    },
}

/// Movement under this many pixels is a click, not a drag.
const CLICK_SLOP: f64 = 4.0;

enum NodeEvent {
    Down(usize, PointerEvent),
    Enter(usize),
    Leave,
    Click(usize, MouseEvent),
}

#[derive(Properties, PartialEq)]
pub struct NetworkGraphProps {
    pub network: Rc<Network>,
}

#[function_component]
pub fn NetworkGraph(props: &NetworkGraphProps) -> Html {
    let texts = use_lang().texts();
    let navigator = use_navigator();
    let model = use_memo(props.network.clone(), |network| Model::new(network));
    let view = use_state(View::default);
    let moved_nodes = use_state(|| Rc::new(HashMap::<usize, Point>::new()));
    let highlight = use_state(|| None::<usize>);
    let drag = use_mut_ref(|| None::<Drag>);
    let swallow_click = use_mut_ref(|| false);
    let svg_ref = use_node_ref();

    // New data, new picture: nodes moved by hand belong to the old one.
    {
        let (moved_nodes, highlight) = (moved_nodes.clone(), highlight.clone());
        use_effect_with(props.network.clone(), move |_| {
            moved_nodes.set(Rc::new(HashMap::new()));
            highlight.set(None);
        });
    }

    let positions: Rc<Vec<Point>> = Rc::new(
        model
            .layout
            .iter()
            .enumerate()
            .map(|(index, point)| moved_nodes.get(&index).copied().unwrap_or(*point))
            .collect(),
    );
    // The node handlers outlive this render (they are kept stable so the
    // node layer does not redraw on every pan): they read positions here.
    let current_positions = use_mut_ref(Vec::<Point>::new);
    *current_positions.borrow_mut() = positions.to_vec();

    // Screen pixels to view units (the SVG keeps its aspect ratio).
    let to_view = {
        let svg_ref = svg_ref.clone();
        move |client_x: f64, client_y: f64| -> Option<(f64, f64, f64)> {
            let svg = svg_ref.cast::<web_sys::Element>()?;
            let rect = svg.get_bounding_client_rect();
            if rect.width() <= 0.0 {
                return None;
            }
            let factor = WIDTH / rect.width();
            Some((
                (client_x - rect.left()) * factor,
                (client_y - rect.top()) * factor,
                factor,
            ))
        }
    };

    let on_node = {
        let (drag, swallow_click, highlight) =
            (drag.clone(), swallow_click.clone(), highlight.setter());
        let (model, current_positions) = (model.clone(), current_positions.clone());
        use_callback(
            props.network.clone(),
            move |event: NodeEvent, _| match event {
                NodeEvent::Down(index, event) => {
                    if event.button() != 0 {
                        return;
                    }
                    // The background would start a pan.
                    event.stop_propagation();
                    *swallow_click.borrow_mut() = false;
                    let from = current_positions
                        .borrow()
                        .get(index)
                        .copied()
                        .unwrap_or_default();
                    *drag.borrow_mut() = Some(Drag::Node {
                        pointer: event.pointer_id(),
                        index,
                        start: (f64::from(event.client_x()), f64::from(event.client_y())),
                        from,
                        moved: false,
                    });
                    highlight.set(Some(index));
                }
                NodeEvent::Enter(index) => highlight.set(Some(index)),
                NodeEvent::Leave => {
                    if drag.borrow().is_none() {
                        highlight.set(None);
                    }
                }
                NodeEvent::Click(index, event) => {
                    if std::mem::replace(&mut *swallow_click.borrow_mut(), false) {
                        // The end of a drag, not a click.
                        event.prevent_default();
                        return;
                    }
                    let modified = event.ctrl_key()
                        || event.meta_key()
                        || event.shift_key()
                        || event.alt_key();
                    if event.button() != 0 || modified {
                        return;
                    }
                    if let (Some(navigator), Some(node)) = (&navigator, model.nodes.get(index)) {
                        event.prevent_default();
                        navigator.push(&Route::Actor { id: node.id });
                    }
                }
            },
        )
    };

    let onpointerdown = {
        let (drag, view, svg_ref) = (drag.clone(), view.clone(), svg_ref.clone());
        Callback::from(move |event: PointerEvent| {
            if event.button() != 0 {
                return;
            }
            *drag.borrow_mut() = Some(Drag::Pan {
                start: (f64::from(event.client_x()), f64::from(event.client_y())),
                view: *view,
            });
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                // Keeps the pan going when the pointer leaves the picture.
                let _ = svg.set_pointer_capture(event.pointer_id());
            }
        })
    };
    let onpointermove = {
        let (drag, view, moved_nodes, svg_ref) = (
            drag.clone(),
            view.clone(),
            moved_nodes.clone(),
            svg_ref.clone(),
        );
        let to_view = to_view.clone();
        Callback::from(move |event: PointerEvent| {
            let current = *drag.borrow();
            let Some(current) = current else {
                return;
            };
            let Some((_, _, factor)) = to_view(0.0, 0.0) else {
                return;
            };
            let (client_x, client_y) = (f64::from(event.client_x()), f64::from(event.client_y()));
            match current {
                Drag::Pan { start, view: from } => {
                    view.set(
                        from.pan((client_x - start.0) * factor, (client_y - start.1) * factor),
                    );
                }
                Drag::Node {
                    pointer,
                    index,
                    start,
                    from,
                    moved,
                } => {
                    let (dx, dy) = (client_x - start.0, client_y - start.1);
                    if !moved && dx.hypot(dy) < CLICK_SLOP {
                        return;
                    }
                    if !moved {
                        // Captured only now: a plain click must reach the link.
                        if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                            let _ = svg.set_pointer_capture(pointer);
                        }
                        *drag.borrow_mut() = Some(Drag::Node {
                            pointer,
                            index,
                            start,
                            from,
                            moved: true,
                        });
                    }
                    let scale = view.scale;
                    let mut moved_now = (**moved_nodes).clone();
                    moved_now.insert(
                        index,
                        Point {
                            x: from.x + dx * factor / scale,
                            y: from.y + dy * factor / scale,
                        },
                    );
                    moved_nodes.set(Rc::new(moved_now));
                }
            }
        })
    };
    let end_drag = {
        let (drag, swallow_click, highlight) =
            (drag.clone(), swallow_click.clone(), highlight.clone());
        Callback::from(move |_: PointerEvent| {
            let ended = drag.borrow_mut().take();
            if let Some(Drag::Node { moved: true, .. }) = ended {
                // The browser may follow the release with a click on the
                // node, in this same task: that one is swallowed, and only
                // that one (a later Enter must open the actor).
                *swallow_click.borrow_mut() = true;
                let swallow_click = swallow_click.clone();
                gloo_timers::callback::Timeout::new(0, move || {
                    *swallow_click.borrow_mut() = false;
                })
                .forget();
                highlight.set(None);
            }
        })
    };
    let onwheel = {
        let (view, to_view) = (view.clone(), to_view.clone());
        Callback::from(move |event: WheelEvent| {
            event.prevent_default();
            let Some((x, y, _)) = to_view(f64::from(event.client_x()), f64::from(event.client_y()))
            else {
                return;
            };
            let factor = if event.delta_y() < 0.0 {
                ZOOM_STEP
            } else {
                1.0 / ZOOM_STEP
            };
            view.set(view.zoom_at(factor, x, y));
        })
    };
    let onkeydown = {
        let view = view.clone();
        Callback::from(move |event: KeyboardEvent| {
            let next = match event.key().as_str() {
                "ArrowLeft" => view.pan(PAN_STEP, 0.0),
                "ArrowRight" => view.pan(-PAN_STEP, 0.0),
                "ArrowUp" => view.pan(0.0, PAN_STEP),
                "ArrowDown" => view.pan(0.0, -PAN_STEP),
                "+" | "=" => view.zoom_at(ZOOM_STEP, WIDTH / 2.0, HEIGHT / 2.0),
                "-" | "_" => view.zoom_at(1.0 / ZOOM_STEP, WIDTH / 2.0, HEIGHT / 2.0),
                "0" => View::default(),
                _ => return,
            };
            event.prevent_default();
            view.set(next);
        })
    };
    let zoom_button = |factor: Option<f64>| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| {
            view.set(match factor {
                Some(factor) => view.zoom_at(factor, WIDTH / 2.0, HEIGHT / 2.0),
                None => View::default(),
            })
        })
    };
    // Browsers would otherwise drag the link itself away as a URL.
    let ondragstart = Callback::from(|event: DragEvent| event.prevent_default());

    let info = (*highlight)
        .and_then(|index| model.nodes.get(index))
        .map(|node| {
            (texts.node_summary)(
                &node.name,
                (texts.actor_kind_name)(node.kind),
                node.degree,
                node.projects,
            )
        });

    html! {
        <div class="graph">
            <p id="network-graph-help" class="graph__help">{ texts.graph_help }</p>
            <div class="graph__toolbar" role="group" aria-label={texts.zoom_controls}>
                <button type="button" class="button button--secondary button--small"
                        aria-controls="network-graph" onclick={zoom_button(Some(ZOOM_STEP))}
                        data-testid="zoom-in">
                    <span aria-hidden="true">{ "+" }</span>
                    <span class="visually-hidden">{ texts.zoom_in }</span>
                </button>
                <button type="button" class="button button--secondary button--small"
                        aria-controls="network-graph" onclick={zoom_button(Some(1.0 / ZOOM_STEP))}
                        data-testid="zoom-out">
                    <span aria-hidden="true">{ "−" }</span>
                    <span class="visually-hidden">{ texts.zoom_out }</span>
                </button>
                <button type="button" class="button button--secondary button--small"
                        aria-controls="network-graph" onclick={zoom_button(None)}>
                    { texts.zoom_reset }
                </button>
            </div>
            <svg
                id="network-graph"
                ref={svg_ref}
                class="graph__svg"
                viewBox={format!("0 0 {WIDTH} {HEIGHT}")}
                role="group"
                aria-labelledby="network-graph-title"
                aria-describedby="network-graph-help"
                tabindex="0"
                data-testid="network-graph"
                {onpointerdown}
                {onpointermove}
                onpointerup={end_drag.clone()}
                onpointercancel={end_drag}
                {onwheel}
                {onkeydown}
                {ondragstart}
            >
                <title id="network-graph-title">
                    { (texts.graph_title)(model.nodes.len(), model.links.len()) }
                </title>
                <rect class="graph__background" width={WIDTH.to_string()} height={HEIGHT.to_string()} />
                <g transform={view.transform()}>
                    <EdgesLayer links={model.links.clone()} positions={positions.clone()} highlight={*highlight} />
                    <NodesLayer model={model.clone()} positions={positions.clone()} highlight={*highlight} {on_node} />
                    // The name of the actor pointed at, above everything else
                    // (hubs crowd the middle: permanent names would overlap).
                    if let Some((node, point)) = (*highlight).and_then(|index| {
                        Some((model.nodes.get(index)?, positions.get(index)?))
                    }) {
                        <text class="graph-node__label" aria-hidden="true" text-anchor="middle"
                              x={format!("{:.1}", point.x)} y={format!("{:.1}", point.y - node.radius - 6.0)}>
                            { node.name.clone() }
                        </text>
                    }
                </g>
            </svg>
            // Below the picture, so that its text never moves the picture
            // under the pointer.
            <p class="graph__info" data-testid="graph-info">{ info.unwrap_or_default() }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EdgesLayerProps {
    links: Rc<Vec<Link>>,
    positions: Rc<Vec<Point>>,
    highlight: Option<usize>,
}

/// Links as a few paths: thin, medium and thick by shared projects, plus
/// the highlighted actor's links on top.
#[function_component]
fn EdgesLayer(props: &EdgesLayerProps) -> Html {
    let mut paths = [String::new(), String::new(), String::new()];
    let mut highlighted = String::new();
    for link in props.links.iter() {
        let (Some(a), Some(b)) = (props.positions.get(link.a), props.positions.get(link.b)) else {
            continue;
        };
        let segment = format!("M{:.1} {:.1}L{:.1} {:.1}", a.x, a.y, b.x, b.y);
        if props
            .highlight
            .is_some_and(|node| node == link.a || node == link.b)
        {
            highlighted.push_str(&segment);
        }
        let bucket = match link.weight {
            0 | 1 => 0,
            2 | 3 => 1,
            _ => 2,
        };
        paths[bucket].push_str(&segment);
    }
    let dim = props.highlight.is_some();
    html! {
        <g class={classes!("graph__edges", dim.then_some("graph__edges--dim"))} aria-hidden="true">
            <path d={paths[0].clone()} stroke-width="0.6" />
            <path d={paths[1].clone()} stroke-width="1.4" />
            <path d={paths[2].clone()} stroke-width="2.6" />
            if dim {
                <path class="graph__edges-highlight" d={highlighted} stroke-width="1.6" />
            }
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct NodesLayerProps {
    model: Rc<Model>,
    positions: Rc<Vec<Point>>,
    highlight: Option<usize>,
    on_node: Callback<NodeEvent>,
}

#[function_component]
fn NodesLayer(props: &NodesLayerProps) -> Html {
    let texts = use_lang().texts();
    let model = &props.model;
    let lit = |index: usize| match props.highlight {
        None => true,
        Some(node) => node == index || model.neighbours[node].contains(&index),
    };
    // Cloned once per render, not per node.
    let active: Option<Vec<bool>> = props
        .highlight
        .map(|_| (0..model.nodes.len()).map(lit).collect());
    html! {
        <g class="graph__nodes">
            { for model.paint_order.iter().map(|&index| {
                let node = &model.nodes[index];
                let point = props.positions.get(index).copied().unwrap_or_default();
                let on = |make: fn(usize) -> NodeEvent| {
                    let on_node = props.on_node.clone();
                    Callback::from(move |_: FocusEvent| on_node.emit(make(index)))
                };
                let onpointerdown = {
                    let on_node = props.on_node.clone();
                    Callback::from(move |event: PointerEvent| on_node.emit(NodeEvent::Down(index, event)))
                };
                let onpointerenter = {
                    let on_node = props.on_node.clone();
                    Callback::from(move |_: PointerEvent| on_node.emit(NodeEvent::Enter(index)))
                };
                let onpointerleave = {
                    let on_node = props.on_node.clone();
                    Callback::from(move |_: PointerEvent| on_node.emit(NodeEvent::Leave))
                };
                let onclick = {
                    let on_node = props.on_node.clone();
                    Callback::from(move |event: MouseEvent| on_node.emit(NodeEvent::Click(index, event)))
                };
                let dimmed = active.as_ref().is_some_and(|active| !active[index]);
                let current = props.highlight == Some(index);
                let label = (texts.node_summary)(
                    &node.name,
                    (texts.actor_kind_name)(node.kind),
                    node.degree,
                    node.projects,
                );
                html! {
                    <a
                        key={node.id.to_string()}
                        href={Route::Actor { id: node.id }.to_path()}
                        class={classes!(
                            "graph-node",
                            dimmed.then_some("graph-node--dim"),
                            current.then_some("graph-node--current"),
                        )}
                        transform={format!("translate({:.1} {:.1})", point.x, point.y)}
                        data-testid="graph-node"
                        data-actor-id={node.id.to_string()}
                        {onpointerdown}
                        {onpointerenter}
                        {onpointerleave}
                        onfocus={on(NodeEvent::Enter)}
                        onblur={on(|_| NodeEvent::Leave)}
                        {onclick}
                    >
                        <title>{ label }</title>
                        <path d={kind_shape(node.kind, node.radius)} fill={kind_colour(node.kind)} />
                    </a>
                }
            }) }
        </g>
    }
}

/// The legend: each kind present, with its shape, colour, name and count.
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub network: Rc<Network>,
}

#[function_component]
pub fn Legend(props: &LegendProps) -> Html {
    let texts = use_lang().texts();
    let kinds: Vec<(ActorKind, usize)> = ActorKind::ALL
        .into_iter()
        .map(|kind| {
            let count = props
                .network
                .nodes
                .iter()
                .filter(|node| node.kind == kind)
                .count();
            (kind, count)
        })
        .filter(|(_, count)| *count > 0)
        .collect();
    html! {
        <section class="graph-legend" aria-labelledby="graph-legend-heading">
            <h3 id="graph-legend-heading">{ texts.legend_heading }</h3>
            <ul>
                { for kinds.into_iter().map(|(kind, count)| html! {
                    <li>
                        <svg viewBox="-10 -10 20 20" width="20" height="20" aria-hidden="true" focusable="false">
                            <path d={kind_shape(kind, 7.0)} fill={kind_colour(kind)} />
                        </svg>
                        { (texts.actor_kind_name)(kind) }
                        <span class="muted">{ format!(" ({count})") }</span>
                    </li>
                }) }
            </ul>
            <p class="small muted">{ texts.legend_size }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::portfolio::{NetworkEdge, NetworkMetrics, NetworkNode};

    fn network() -> Network {
        let node = |id: i64, degree: u64| NetworkNode {
            actor_id: ActorId(id),
            name: format!("Acteur {id}"),
            kind: ActorKind::Company,
            degree,
            weighted_degree: degree,
            projects: Vec::new(),
        };
        Network {
            nodes: vec![node(10, 2), node(20, 1), node(30, 1), node(40, 0)],
            edges: vec![
                NetworkEdge {
                    source: ActorId(10),
                    target: ActorId(20),
                    weight: 1,
                },
                NetworkEdge {
                    source: ActorId(10),
                    target: ActorId(30),
                    weight: 3,
                },
                // An edge to an actor not in the nodes is left out.
                NetworkEdge {
                    source: ActorId(10),
                    target: ActorId(99),
                    weight: 1,
                },
            ],
            metrics: NetworkMetrics {
                node_count: 4,
                edge_count: 2,
                density: 0.0,
                components: 2,
                largest_component: 3,
                isolated: 0,
                top_connected: Vec::new(),
                growth: Vec::new(),
            },
        }
    }

    #[test]
    fn the_model_indexes_links_and_neighbours() {
        let model = Model::new(&network());
        assert_eq!(model.links.len(), 2);
        assert_eq!(model.neighbours[0], [1, 2]);
        assert_eq!(model.neighbours[3], Vec::<usize>::new());
        assert_eq!(model.paint_order[0], 0, "the most connected first");
        assert_eq!(model.layout.len(), 4);
        assert!(model.nodes[0].radius > model.nodes[1].radius);
        assert_eq!(model.nodes[3].radius, MIN_RADIUS);
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let view = View::default().zoom_at(2.0, 100.0, 50.0);
        assert_eq!(view.scale, 2.0);
        // The graph point (100, 50) is still drawn at (100, 50).
        assert_eq!(
            (100.0 * view.scale + view.x, 50.0 * view.scale + view.y),
            (100.0, 50.0)
        );
        assert_eq!(View::default().zoom_at(100.0, 0.0, 0.0).scale, MAX_SCALE);
        assert_eq!(
            View::default().pan(5.0, -3.0),
            View {
                scale: 1.0,
                x: 5.0,
                y: -3.0
            }
        );
    }

    #[test]
    fn every_kind_has_its_own_shape_and_colour() {
        let shapes: std::collections::HashSet<String> = ActorKind::ALL
            .into_iter()
            .map(|kind| kind_shape(kind, 5.0))
            .collect();
        let colours: std::collections::HashSet<&str> =
            ActorKind::ALL.into_iter().map(kind_colour).collect();
        assert_eq!(shapes.len(), ActorKind::ALL.len());
        assert_eq!(colours.len(), ActorKind::ALL.len());
    }
}
