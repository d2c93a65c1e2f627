//! Where each actor sits in the network picture: a force-directed layout
//! (Fruchterman–Reingold) computed once per data load.
//!
//! Linked actors attract, all actors repel, a weak pull to the centre keeps
//! separate groups in view, and the moves shrink step after step until the
//! picture settles. The start positions come from the actor ids and the
//! number of steps is fixed, so the same network always gets the same
//! picture: users find an actor where they left it.

/// The layout's coordinate system, also the graph's SVG `viewBox`.
pub const WIDTH: f64 = 1000.0;
pub const HEIGHT: f64 = 700.0;
/// Room kept around the drawing for the largest nodes and their labels.
const MARGIN: f64 = 40.0;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A link between nodes `a` and `b` (indices), shared by `weight` projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub a: usize,
    pub b: usize,
    pub weight: u64,
}

/// A well-mixed 64-bit value from a seed (SplitMix64): start positions that
/// look random but depend only on the actor id.
fn mix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A number in [0, 1) from a seed.
fn unit(seed: u64) -> f64 {
    (mix(seed) >> 11) as f64 / (1u64 << 53) as f64
}

/// The start: each node somewhere in a disc, by its id.
fn seed_positions(ids: &[u64], radius: f64) -> Vec<Point> {
    ids.iter()
        .map(|id| {
            let r = radius * unit(id.wrapping_mul(2)).sqrt();
            let angle = std::f64::consts::TAU * unit(id.wrapping_mul(2).wrapping_add(1));
            Point {
                x: r * angle.cos(),
                y: r * angle.sin(),
            }
        })
        .collect()
}

/// Steps to run: as many as fit a fixed amount of work, between 60 and
/// 300, so a large network still lays out in a fraction of a second.
pub fn iterations(nodes: usize, links: usize) -> usize {
    const BUDGET: usize = 12_000_000;
    let per_step = nodes.saturating_mul(nodes).saturating_add(links).max(1);
    (BUDGET / per_step).clamp(60, 300)
}

/// Positions for nodes with the given `ids`, linked by `links`, fitted into
/// `WIDTH` × `HEIGHT`.
pub fn compute(ids: &[u64], links: &[Link]) -> Vec<Point> {
    let n = ids.len();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![Point {
            x: WIDTH / 2.0,
            y: HEIGHT / 2.0,
        }];
    }
    // The ideal distance between nodes: the area shared out among them.
    let k = (WIDTH * HEIGHT / n as f64).sqrt() * 0.8;
    let mut positions = seed_positions(ids, WIDTH / 2.0);
    let steps = iterations(n, links.len());
    let mut temperature = WIDTH / 8.0;
    let cooling = temperature / steps as f64;
    let mut moves = vec![Point::default(); n];

    for _ in 0..steps {
        moves.iter_mut().for_each(|m| *m = Point::default());
        for i in 0..n {
            for j in (i + 1)..n {
                let dx = positions[i].x - positions[j].x;
                let dy = positions[i].y - positions[j].y;
                // Two nodes on the same spot still need a direction.
                let distance2 = (dx * dx + dy * dy).max(0.01);
                let force = k * k / distance2;
                let (fx, fy) = (dx * force, dy * force);
                moves[i].x += fx;
                moves[i].y += fy;
                moves[j].x -= fx;
                moves[j].y -= fy;
            }
        }
        for link in links {
            let (a, b) = (link.a, link.b);
            if a >= n || b >= n || a == b {
                continue;
            }
            let dx = positions[a].x - positions[b].x;
            let dy = positions[a].y - positions[b].y;
            let distance = (dx * dx + dy * dy).sqrt().max(0.01);
            // Partners of many projects pull harder, but not linearly: a
            // pair with 30 shared projects must not collapse onto itself.
            let strength = 1.0 + (link.weight.max(1) as f64).ln();
            let force = distance * distance / k * strength;
            let (fx, fy) = (dx / distance * force, dy / distance * force);
            moves[a].x -= fx;
            moves[a].y -= fy;
            moves[b].x += fx;
            moves[b].y += fy;
        }
        for (position, step) in positions.iter_mut().zip(&moves) {
            // A gentle pull to the centre, so that unlinked groups stay near.
            let sx = step.x - position.x * 0.05;
            let sy = step.y - position.y * 0.05;
            let length = (sx * sx + sy * sy).sqrt();
            if length > 0.0 {
                let limited = length.min(temperature);
                position.x += sx / length * limited;
                position.y += sy / length * limited;
            }
        }
        temperature = (temperature - cooling).max(1.0);
    }
    fit(&positions)
}

/// Scales and centres `positions` into the drawing area. Width and height
/// are scaled separately: the layout comes out roughly round, and a wide
/// picture gives the crowded middle more room.
fn fit(positions: &[Point]) -> Vec<Point> {
    let (mut min_x, mut min_y) = (f64::INFINITY, f64::INFINITY);
    let (mut max_x, mut max_y) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for point in positions {
        min_x = min_x.min(point.x);
        min_y = min_y.min(point.y);
        max_x = max_x.max(point.x);
        max_y = max_y.max(point.y);
    }
    let (span_x, span_y) = ((max_x - min_x).max(1e-9), (max_y - min_y).max(1e-9));
    let (scale_x, scale_y) = (
        (WIDTH - 2.0 * MARGIN) / span_x,
        (HEIGHT - 2.0 * MARGIN) / span_y,
    );
    positions
        .iter()
        .map(|point| {
            let x = MARGIN + (point.x - min_x) * scale_x;
            let y = MARGIN + (point.y - min_y) * scale_y;
            // A non-finite value (it should not happen) must not break the
            // drawing: such a node goes to the centre.
            if x.is_finite() && y.is_finite() {
                Point { x, y }
            } else {
                Point {
                    x: WIDTH / 2.0,
                    y: HEIGHT / 2.0,
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: Point, b: Point) -> f64 {
        ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
    }

    /// Two groups of five, each fully linked, joined by one link.
    fn two_groups() -> (Vec<u64>, Vec<Link>) {
        let ids: Vec<u64> = (1..=10).collect();
        let mut links = Vec::new();
        for group in [0..5, 5..10] {
            for a in group.clone() {
                for b in (a + 1)..group.end {
                    links.push(Link { a, b, weight: 1 });
                }
            }
        }
        links.push(Link {
            a: 0,
            b: 5,
            weight: 1,
        });
        (ids, links)
    }

    #[test]
    fn the_same_network_gets_the_same_picture() {
        let (ids, links) = two_groups();
        assert_eq!(compute(&ids, &links), compute(&ids, &links));
    }

    #[test]
    fn everything_fits_in_the_drawing() {
        let (ids, links) = two_groups();
        for point in compute(&ids, &links) {
            assert!(
                (MARGIN - 1e-6..=WIDTH - MARGIN + 1e-6).contains(&point.x),
                "{point:?}"
            );
            assert!(
                (MARGIN - 1e-6..=HEIGHT - MARGIN + 1e-6).contains(&point.y),
                "{point:?}"
            );
        }
    }

    #[test]
    fn linked_actors_end_up_closer_than_strangers() {
        let (ids, links) = two_groups();
        let points = compute(&ids, &links);
        let within = distance(points[1], points[2]) + distance(points[6], points[7]);
        let across = distance(points[1], points[7]) + distance(points[2], points[6]);
        assert!(within < across, "within {within}, across {across}");
    }

    #[test]
    fn small_and_degenerate_networks() {
        assert!(compute(&[], &[]).is_empty());
        assert_eq!(
            compute(&[7], &[]),
            [Point {
                x: WIDTH / 2.0,
                y: HEIGHT / 2.0
            }]
        );
        // A link to a node that is not there is ignored.
        let points = compute(
            &[1, 2],
            &[Link {
                a: 0,
                b: 9,
                weight: 1,
            }],
        );
        assert_eq!(points.len(), 2);
        assert!(points.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    }

    #[test]
    fn large_networks_take_fewer_steps() {
        assert_eq!(iterations(10, 20), 300);
        assert_eq!(iterations(200, 2_000), 285);
        assert_eq!(iterations(2_000, 20_000), 60);
    }

    #[test]
    fn two_hundred_actors_and_two_thousand_links_lay_out() {
        let ids: Vec<u64> = (1..=200).collect();
        let links: Vec<Link> = (0..2_000)
            .map(|i| Link {
                a: (mix(i) % 200) as usize,
                b: (mix(i + 10_000) % 200) as usize,
                weight: 1 + mix(i + 20_000) % 4,
            })
            .collect();
        let points = compute(&ids, &links);
        assert_eq!(points.len(), 200);
        assert!(points.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    }
}
