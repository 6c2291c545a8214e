//! Leiden's parts of a component kept apart only where the links between them separate them.
//!
//! Modularity cuts even a homogeneous group once it is large enough: a ring of fifteen
//! accounts with 58 % of their pairs linked comes out of Leiden as three parts with 47–51 % of
//! the pairs between them linked against 67–100 % within. Nothing in the graph separates such
//! parts; they are one group, and cut in three each part's own objects look like the others'.
//!
//! So two parts stay apart only if the links between them are significantly fewer than one
//! group would have. If parts `A` and `B` were one group, its links placed at random with each
//! member keeping its degree (the configuration model of their union, the null model behind
//! modularity itself), `D_A D_B / 2L` of them would fall across, `D` being a part's degree sum
//! within the union and `L` the union's links; the number across is taken as binomial over the
//! `|A| |B|` pairs across, and the parts stay apart when seeing at most the observed number has
//! a probability below [`SEPARATION_LEVEL`]. Degrees matter: a ring whose quieter members
//! have fewer links is not two groups because its busy members are linked more densely among
//! themselves. Links count by weight, as Leiden weighs them (degrees are weighted, and the
//! counts are in units of the union's average link, the observed one rounded down), so that a
//! few weak links across separate parts as surely as fewer links would. Two operations joined
//! by a handful of links (5 of 625 pairs across where each has 40 % of its pairs linked) are
//! far below the level, and so are the communities of a sparse crowd once they hold a few
//! dozen accounts (1 % across where each has 5 % within); smaller ones are joined.
//!
//! Leiden chose the cut, and the best cut of even a random graph leaves fewer links across
//! than a random cut: for a random graph of `n` nodes with a share `p` of its pairs linked,
//! the best bisection falls short of the expected count by about `P* √n` standard deviations
//! (`P* ≈ 0.7632`, Dembo, Montanari and Sen, *Extremal cuts of sparse random graphs*, 2017).
//! Thirty-five accounts of a group whose every pair co-acts about equally often, 67 % of their
//! pairs linked, came out of Leiden as three parts with 82–93 % of their pairs linked within
//! and 54–61 % across, and the plain test kept them apart. So the expected count across is
//! lowered by [`SELECTION_ALLOWANCE`]` × 2 √(|A| |B| / (|A| + |B|))` standard deviations of
//! the count (`P* √n` for halves, less for a lopsided cut) before the test. The expansion holds
//! where that shortfall is a small share of the expected count; as the union gets sparser the
//! share grows, and a sparse graph is a tree-like web with no group to keep whole. So the
//! allowance is the shortfall up to half the expected count, then tapers off (the expected
//! count less the shortfall), and is nothing where the shortfall reaches the whole expected
//! count: continuous in the density, so that no step decides whether two parts are joined.
//! The observed count is rounded down, so parts stay apart somewhat more readily than the
//! level says.
//!
//! Parts are joined in rounds: each round the pairs of linked parts that pass the test are
//! taken from the least separated up, the smaller part of each joining the larger unless it
//! was joined or took a part in already that round (a core takes in all the satellites it is
//! not separated from at once), and the links are counted again for the next round. The
//! outcome depends only on the graph and the parts.

use rustc_hash::FxHashMap;

/// The probability, under the hypothesis that two parts are one group (the configuration model
/// of their union), of seeing at most as few links between them as they have, below which they
/// stay apart.
pub const SEPARATION_LEVEL: f64 = 0.01;

/// The ground-state constant `P*` of the Sherrington–Kirkpatrick model: a random graph's best
/// bisection leaves about `P* √n` standard deviations fewer links across than a random one.
pub const SELECTION_ALLOWANCE: f64 = 0.7632;

/// Joins the parts of `labels` (one per node of the graph `edges`, numbered from 0) that the
/// links between them do not separate (see the module documentation), and numbers the parts
/// again from 0 by first appearance in node order. Self-loops are ignored and duplicate edges
/// are one link with their weights added.
pub fn join_inseparable(labels: &mut [u32], edges: &[(u32, u32, f64)]) {
    let mut links: Vec<(u32, u32, f64)> = edges
        .iter()
        .filter(|&&(u, v, _)| u != v)
        .map(|&(u, v, w)| (u.min(v), u.max(v), w))
        .collect();
    links.sort_by_key(|x| (x.0, x.1));
    let links: Vec<(u32, u32, f64)> = links
        .chunk_by(|x, y| (x.0, x.1) == (y.0, y.1))
        .map(|same| (same[0].0, same[0].1, same.iter().map(|l| l.2).sum()))
        .collect();
    loop {
        let parts = labels.iter().max().map_or(0, |&m| m as usize + 1);
        let mut size = vec![0u64; parts];
        for &l in labels.iter() {
            size[l as usize] += 1;
        }
        let mut within = vec![Tie::default(); parts];
        let mut across: FxHashMap<(u32, u32), Tie> = FxHashMap::default();
        for &(u, v, w) in &links {
            let (a, b) = (labels[u as usize], labels[v as usize]);
            let tie = if a == b {
                &mut within[a as usize]
            } else {
                across.entry((a.min(b), a.max(b))).or_default()
            };
            tie.links += 1;
            tie.weight += w;
        }
        let mut joinable: Vec<(f64, u32, u32)> = across
            .into_iter()
            .filter_map(|((a, b), between)| {
                let (wa, wb) = (within[a as usize], within[b as usize]);
                let links = wa.links + wb.links + between.links;
                let weight = wa.weight + wb.weight + between.weight;
                // Each part's weighted degree within the union, and the weight the
                // configuration model of the union puts across.
                let (da, db) = (
                    2.0 * wa.weight + between.weight,
                    2.0 * wb.weight + between.weight,
                );
                let expected = da * db / (2.0 * weight);
                // In links: the union's average link is one.
                let mean = weight / links as f64;
                let pairs = size[a as usize] * size[b as usize];
                let share = (expected / mean / pairs as f64).min(1.0);
                let union = (size[a as usize] + size[b as usize]) as f64;
                let p = binomial_lower_tail(
                    (between.weight / mean).floor() as u64,
                    pairs,
                    share * best_cut_share(pairs, union, share),
                );
                (p >= SEPARATION_LEVEL).then_some((p, a, b))
            })
            .collect();
        if joinable.is_empty() {
            break;
        }
        joinable.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        // Each smaller part joins the larger one it was tested against (ties: the lower id),
        // unless it has been joined or has taken another in already: a core takes in every
        // satellite it is not separated from in one round, and no chain forms within one.
        let mut into: Vec<u32> = (0..parts as u32).collect();
        let (mut absorbed, mut absorbing) = (vec![false; parts], vec![false; parts]);
        for (_, a, b) in joinable {
            let (big, small) = if (size[b as usize], a) > (size[a as usize], b) {
                (b as usize, a as usize)
            } else {
                (a as usize, b as usize)
            };
            if !absorbed[small] && !absorbing[small] && !absorbed[big] {
                absorbed[small] = true;
                absorbing[big] = true;
                into[small] = big as u32;
            }
        }
        for l in labels.iter_mut() {
            *l = into[*l as usize];
        }
        renumber(labels);
    }
    renumber(labels);
}

/// The links of a part, or between two parts, and their summed weight.
#[derive(Debug, Clone, Copy, Default)]
struct Tie {
    links: u64,
    weight: f64,
}

/// Numbers the parts of `labels` from 0 by first appearance.
fn renumber(labels: &mut [u32]) {
    let mut number: FxHashMap<u32, u32> = FxHashMap::default();
    for l in labels.iter_mut() {
        let next = number.len() as u32;
        *l = *number.entry(*l).or_insert(next);
    }
}

/// The share of a random union's expected links across that the best cut into parts with
/// `pairs` pairs across leaves, for a union of `nodes` nodes where `share` of the pairs across
/// are expected linked: the expected count lowered by [`SELECTION_ALLOWANCE`]` × 2 √(pairs /
/// nodes)` standard deviations while that is at most half of it, by less as it grows past
/// half, and not at all once it reaches the whole (see the module documentation).
fn best_cut_share(pairs: u64, nodes: f64, share: f64) -> f64 {
    let pairs = pairs as f64;
    let expected = pairs * share;
    let sd = (pairs * share * (1.0 - share)).sqrt();
    let shortfall = SELECTION_ALLOWANCE * 2.0 * (pairs / nodes).sqrt() * sd;
    let short = shortfall / expected;
    if short.is_nan() || expected <= 0.0 {
        return 1.0;
    }
    let allowance = if short <= 0.5 {
        short
    } else {
        (1.0 - short).max(0.0)
    };
    1.0 - allowance
}

/// `P(X ≤ x)` for `X` binomial with `n` trials of probability `p`. Counts at or above the mean
/// are no evidence of fewer links, and give 1.
fn binomial_lower_tail(x: u64, n: u64, p: f64) -> f64 {
    if x as f64 >= n as f64 * p || p <= 0.0 {
        return 1.0;
    }
    if p >= 1.0 {
        return 0.0;
    }
    // ln P(X = k), stepped up from k = 0, summed relative to the largest term (the last).
    let step = p.ln() - (-p).ln_1p();
    let mut ln_pmf = n as f64 * (-p).ln_1p();
    let mut terms = Vec::with_capacity(x as usize + 1);
    for k in 0..=x {
        terms.push(ln_pmf);
        ln_pmf += ((n - k) as f64).ln() - ((k + 1) as f64).ln() + step;
    }
    let top = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = terms.iter().map(|t| (t - top).exp()).sum();
    (top + sum.ln()).exp().min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The edges of a clique on `nodes`.
    fn clique(nodes: &[u32]) -> Vec<(u32, u32, f64)> {
        let mut edges = Vec::new();
        for (i, &u) in nodes.iter().enumerate() {
            for &v in &nodes[i + 1..] {
                edges.push((u, v, 1.0));
            }
        }
        edges
    }

    #[test]
    fn the_binomial_tail_by_hand() {
        // n = 4, p = 1/2: P(X ≤ 1) = (1 + 4) / 16.
        assert!((binomial_lower_tail(1, 4, 0.5) - 5.0 / 16.0).abs() < 1e-12);
        // n = 12, p = 0.25: P(X = 0) = 0.75^12.
        assert!((binomial_lower_tail(0, 12, 0.25) - 0.75f64.powi(12)).abs() < 1e-12);
        // At or above the mean: no evidence of fewer links.
        assert_eq!(binomial_lower_tail(3, 12, 0.25), 1.0);
    }

    #[test]
    fn parts_of_one_dense_group_are_joined() {
        // Nodes 0–5 with every pair linked but 0–3, 1–4 and 2–5, cut by some partition into
        // {0,1,2} and {3,4,5}: 6 of the 9 pairs across are linked, each part has degree sum
        // 12 and the union 12 links, so 12 × 12 / 24 = 6 are expected across: no fewer.
        let edges: Vec<_> = clique(&[0, 1, 2, 3, 4, 5])
            .into_iter()
            .filter(|&(u, v, _)| v != u + 3)
            .collect();
        let mut labels = vec![0, 0, 0, 1, 1, 1];
        join_inseparable(&mut labels, &edges);
        assert_eq!(labels, vec![0; 6]);
    }

    #[test]
    fn two_groups_joined_by_one_link_stay_apart() {
        // Two 6-cliques and one link across: degree sums 31 and 31 in a union of 31 links, so
        // 15.5 are expected across and P(X ≤ 1) is below 1e-7.
        let mut edges = clique(&[0, 1, 2, 3, 4, 5]);
        edges.extend(clique(&[6, 7, 8, 9, 10, 11]));
        edges.push((5, 6, 1.0));
        let mut labels = vec![0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
        join_inseparable(&mut labels, &edges);
        assert_eq!(labels, vec![0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    }

    #[test]
    fn the_best_cut_allowance_by_hand() {
        // Halves of 18 and 17 nodes, 306 pairs across, 2/3 of them expected linked: the
        // expected 204 links have a standard deviation of √(306 × 2/9) = 8.246, and the best
        // cut of a random graph falls 0.7632 × 2 × √(306 / 35) = 4.513 of them short, 37.22
        // links, 0.1824 of the expected.
        let share = best_cut_share(306, 35.0, 2.0 / 3.0);
        assert!((share - (1.0 - 37.22 / 204.0)).abs() < 1e-3, "{share}");
        // Two 30-node parts of a sparse union, 3 % of the 900 pairs across expected linked:
        // the shortfall (0.7632 × 2 × √15 × 5.12 = 30.3) is more than the 27 expected.
        assert_eq!(best_cut_share(900, 60.0, 0.03), 1.0);
        // At 5 % the shortfall (0.7632 × 2 × √15 × 6.54 = 38.65) is 0.859 of the 45
        // expected: past half, the allowance tapers to 1 − 0.859 of the expected count.
        let share = best_cut_share(900, 60.0, 0.05);
        assert!((share - 0.859).abs() < 1e-3, "{share}");
        // No step anywhere in the density: neighbouring shares give neighbouring values.
        let at = |s: f64| best_cut_share(900, 60.0, s);
        for i in 1..999 {
            let (s, t) = (f64::from(i) / 1000.0, f64::from(i + 1) / 1000.0);
            assert!((at(s) - at(t)).abs() < 0.02, "{s}: {} → {}", at(s), at(t));
        }
    }

    #[test]
    fn the_best_cut_of_a_random_dense_group_does_not_split_it() {
        use rand::{Rng, SeedableRng};
        // 35 nodes, two in three of their pairs linked, cut the way Leiden cut such a group:
        // 14 nodes linked among themselves, and to the 21 others, as the best cut of a random
        // graph is. Within the parts 80 % of the pairs are linked, 55 % across: the plain test
        // kept them apart.
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(35);
        // Nodes 0–13 and 14–34, each pair linked with probability 0.8 within a part and
        // `across` between them, cut into those two parts and joined where inseparable.
        let mut joined = |across: f64| {
            let mut edges = Vec::new();
            for u in 0..35u32 {
                for v in u + 1..35 {
                    let p = if (u < 14) == (v < 14) { 0.80 } else { across };
                    if rng.random_bool(p) {
                        edges.push((u, v, 1.0));
                    }
                }
            }
            let mut labels: Vec<u32> = (0..35).map(|u| u32::from(u >= 14)).collect();
            join_inseparable(&mut labels, &edges);
            labels
        };
        assert_eq!(joined(0.55), vec![0; 35]);
        // With 80 % within and 25 % across they are two groups.
        assert_eq!(joined(0.25).iter().filter(|&&l| l == 0).count(), 14);
    }

    #[test]
    fn parts_are_numbered_by_first_appearance() {
        // Three parts, the middle one inseparable from the first (a triangle cut in two), the
        // last apart (no links across at all).
        let mut edges = clique(&[0, 1, 2]);
        edges.extend(clique(&[3, 4, 5]));
        let mut labels = vec![2, 2, 0, 1, 1, 1];
        join_inseparable(&mut labels, &edges);
        assert_eq!(labels, vec![0, 0, 0, 1, 1, 1]);
    }
}
