//! How much of a network's co-acting its objects' own timing explains: the measure behind the
//! timing-beyond-objects sign ([`lockstep_stats::NetworkBehaviour::public_coacted`]).
//!
//! Under a shuffle of times within each object, a pair that acted `n_a` and `n_b` times on an
//! object has `n_a n_b q_o` pairs of actions within the window on it, `q_o` the share of the
//! object's action pairs within the window, and co-acts on it in at most `min(n_a, n_b)`
//! episodes. Summed over the public objects a member pair both acted on, the smaller of the
//! two is what the objects' timing explains; the pair's co-action episodes on them are what it
//! did (a fan resharing each idol post once co-acts at most once per post; members of a push
//! using their campaign tag in twenty bursts co-act twenty times where its other users' pace
//! explains one or two). The share of the network's co-actions on public objects says whether
//! that comparison speaks for the network at all.
//!
//! Only the signals that link the network beyond chance take part: those on which its member
//! pairs co-acted at least [`BEYOND_CHANCE`] times as often as the chance model expects (all
//! of them when none does). Busy accounts that also reshare a popular pool co-reshare
//! hundreds of its posts by chance, at the pace of those posts; that says nothing of what
//! they do together on the signals that made them a network.
//!
//! *Public* objects are those at least one in five of whose accounts are in no network. On objects of its own a
//! network makes the timing itself, so there the shuffle would explain everything (a ring
//! resharing an outside principal within seconds is most of that post's resharers, and sets
//! its timing); and a group the clustering cut in two keeps its objects its own.
//!
//! For the same reason `q_o` leaves the network out: it is the in-window share of the
//! object's action pairs that are not both the network's. A push of 11 accounts using its
//! campaign tag 200 times, which a dozen others used once each, is most of that tag's action
//! pairs; counted in, its own bursts would set the pace that then explains them.

use crate::characterise::Found;
use lockstep_coaction::{SweepConfig, SweepResult};
use lockstep_model::{AccountId, Dataset, Signal, TimeMs};
use rustc_hash::FxHashMap;

/// A member's action: (network, account, signal index, object).
type MemberAction = (u32, AccountId, u8, u32);

/// What one swept signal's sweep found of its objects.
#[derive(Debug, Clone)]
struct SignalTimings {
    signal: Signal,
    window_ms: TimeMs,
    accounts: Vec<u32>,
    shares: Vec<f32>,
}

/// Per swept signal, its window and each object's distinct accounts and in-window share of
/// action pairs.
#[derive(Debug, Clone, Default)]
pub struct ObjectTimings {
    signals: Vec<SignalTimings>,
}

impl ObjectTimings {
    /// Keeps what the sweeps found of each object (the same in every part of the pairs), with
    /// each signal's window from `configs`.
    pub fn from_sweeps(
        results: Vec<(Signal, SweepResult)>,
        configs: &[(Signal, SweepConfig)],
    ) -> Self {
        Self {
            signals: results
                .into_iter()
                .map(|(signal, r)| SignalTimings {
                    signal,
                    window_ms: configs
                        .iter()
                        .find(|(s, _)| *s == signal)
                        .map_or(0, |(_, c)| c.window_ms),
                    accounts: r.object_accounts,
                    shares: r.object_window_share,
                })
                .collect(),
        }
    }

    fn signal(&self, signal: Signal) -> Option<&SignalTimings> {
        self.signals.iter().find(|t| t.signal == signal)
    }

    /// (distinct accounts, in-window share) of one object of a swept signal.
    fn of(&self, signal: Signal, object: u32) -> Option<(u32, f64)> {
        let t = self.signal(signal)?;
        let k = *t.accounts.get(object as usize)?;
        let q = f64::from(t.shares.get(object as usize).copied().unwrap_or(0.0));
        Some((k, q))
    }
}

/// A network's actions on one object: how many, and how many of their pairs (a member's own
/// included) fall within the window.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct OwnPairs {
    actions: u64,
    in_window: u64,
}

/// The in-window share of an object's action pairs that are not both the network's: the
/// object has `n` actions, `q` of whose pairs are within the window, and `own` of them are the
/// network's. `None` when every pair is the network's.
fn share_without(n: u64, q: f64, own: OwnPairs) -> Option<f64> {
    let pairs = |k: u64| (k * k.saturating_sub(1) / 2) as f64;
    let others = pairs(n) - pairs(own.actions);
    (others > 0.0).then(|| ((q * pairs(n) - own.in_window as f64) / others).clamp(0.0, 1.0))
}

/// Per (network, signal index, object), the network's [`OwnPairs`], from its members' action
/// times sorted within each (network, signal, object), `window_of` giving each signal's window.
fn own_pairs(
    timed: &[(u32, u8, u32, TimeMs)],
    window_of: impl Fn(u8) -> TimeMs,
) -> FxHashMap<(u32, u8, u32), OwnPairs> {
    let mut out = FxHashMap::default();
    for run in timed.chunk_by(|x, y| (x.0, x.1, x.2) == (y.0, y.1, y.2)) {
        let (net, s, o, _) = run[0];
        let window = window_of(s);
        let mut own = OwnPairs {
            actions: run.len() as u64,
            in_window: 0,
        };
        let mut lo = 0;
        for (i, x) in run.iter().enumerate() {
            while x.3 - run[lo].3 > window {
                lo += 1;
            }
            own.in_window += (i - lo) as u64;
        }
        out.insert((net, s, o), own);
    }
    out
}

/// The largest share of an object's accounts that may be in networks while it stays public.
const MAX_MEMBER_SHARE: f64 = 0.8;

/// How many times what the chance model expects a network's member pairs must co-act on a
/// signal for the signal to link the network.
pub const BEYOND_CHANCE: f64 = 2.0;

/// Which signals link the network whose internal edges are `edges` (indices into `found`'s):
/// per signal index, whether its co-actions reach [`BEYOND_CHANCE`] times what chance
/// expects; every signal with co-actions when none does.
pub fn linking_signals(found: &Found, edges: &[usize]) -> [bool; Signal::ALL.len()] {
    let (mut observed, mut expected) = ([0.0f64; Signal::ALL.len()], [0.0f64; Signal::ALL.len()]);
    for &e in edges {
        for s in 0..Signal::ALL.len() {
            observed[s] += f64::from(found.edges[e].signal_objects[s]);
            expected[s] += found.expected_by_signal[e][s];
        }
    }
    let beyond: [bool; Signal::ALL.len()] =
        std::array::from_fn(|s| observed[s] > 0.0 && observed[s] >= BEYOND_CHANCE * expected[s]);
    if beyond.contains(&true) {
        beyond
    } else {
        std::array::from_fn(|s| observed[s] > 0.0)
    }
}

/// What a network's member pairs did on public objects.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PublicTiming {
    /// Public objects co-acted on.
    pub coacted: f64,
    /// What the objects' own timing explains of them.
    pub expected: f64,
    /// The share of the network's co-actions on its linking signals that are on public objects.
    pub share: f64,
}

/// Per network, what its member pairs did on public objects, over the pairs of its edges and
/// the network's `linking` signals (see [`linking_signals`]).
pub fn public_timing(
    dataset: &Dataset,
    objects: &ObjectTimings,
    found: &Found,
    network_of: &[Option<usize>],
    linking: &[[bool; Signal::ALL.len()]],
) -> Vec<PublicTiming> {
    let (edges, evidence, edge_evidence) = (found.edges, found.evidence, found.edge_evidence);
    // Every member's actions, as (network, account, signal, object), counted, and their times
    // per (network, signal, object); every object's actions, counted.
    let mut actions: Vec<MemberAction> = Vec::new();
    let mut timed: Vec<(u32, u8, u32, TimeMs)> = Vec::new();
    let mut object_actions: Vec<Vec<u32>> = vec![Vec::new(); Signal::ALL.len()];
    for t in &objects.signals {
        let s = t.signal.index() as u8;
        let counts = &mut object_actions[s as usize];
        *counts = vec![0; t.accounts.len()];
        for a in &dataset.table(t.signal).actions {
            if let Some(n) = counts.get_mut(a.object as usize) {
                *n += 1;
            }
            if let Some(i) = network_of.get(a.account as usize).copied().flatten() {
                actions.push((i as u32, a.account, s, a.object));
                timed.push((i as u32, s, a.object, a.time));
            }
        }
    }
    actions.sort_unstable();
    timed.sort_unstable();
    let own = own_pairs(&timed, |s| {
        objects
            .signal(Signal::ALL[s as usize])
            .map_or(0, |t| t.window_ms)
    });
    drop(timed);
    let mut counted: Vec<(MemberAction, u32)> = Vec::new();
    for run in actions.chunk_by(|x, y| x == y) {
        counted.push((run[0], run.len() as u32));
    }
    drop(actions);
    // Accounts of any network on each object: a group the clustering cut in two must not
    // make its own objects public to each half.
    let mut in_networks: FxHashMap<(u8, u32), u32> = FxHashMap::default();
    for &((_, _, s, o), _) in &counted {
        *in_networks.entry((s, o)).or_default() += 1;
    }
    let range_of = |i: u32, a: AccountId| {
        let start = counted.partition_point(|&((n, b, ..), _)| (n, b) < (i, a));
        let end = counted.partition_point(|&((n, b, ..), _)| (n, b) <= (i, a));
        &counted[start..end]
    };
    found
        .networks
        .iter()
        .enumerate()
        .map(|(i, net)| {
            let mut t = PublicTiming::default();
            let linking = &linking[i];
            let (mut public_coactions, mut all_coactions) = (0usize, 0usize);
            for &e in &net.edges {
                let mut together: FxHashMap<(u8, u32), usize> = FxHashMap::default();
                for ev in &evidence[edge_evidence[e]..edge_evidence[e + 1]] {
                    if !linking[ev.coaction.signal.index()] {
                        continue;
                    }
                    *together
                        .entry((ev.coaction.signal.index() as u8, ev.coaction.object))
                        .or_default() += 1;
                    all_coactions += 1;
                }
                let (xa, xb) = (
                    range_of(i as u32, edges[e].a),
                    range_of(i as u32, edges[e].b),
                );
                let (mut p, mut q) = (0, 0);
                while p < xa.len() && q < xb.len() {
                    let (ka, kb) = ((xa[p].0 .2, xa[p].0 .3), (xb[q].0 .2, xb[q].0 .3));
                    match ka.cmp(&kb) {
                        std::cmp::Ordering::Less => p += 1,
                        std::cmp::Ordering::Greater => q += 1,
                        std::cmp::Ordering::Equal => {
                            let (s, o) = ka;
                            let signal = Signal::ALL[s as usize];
                            let timing = objects.of(signal, o).filter(|_| linking[s as usize]);
                            let n = object_actions[s as usize]
                                .get(o as usize)
                                .map(|&n| u64::from(n));
                            let share = timing.zip(n).and_then(|((k, pace), n)| {
                                let members = in_networks.get(&(s, o)).copied().unwrap_or(0);
                                let own = own.get(&(i as u32, s, o)).copied().unwrap_or_default();
                                (f64::from(members) <= MAX_MEMBER_SHARE * f64::from(k))
                                    .then(|| share_without(n, pace, own))
                                    .flatten()
                            });
                            if let Some(share) = share {
                                let episodes = together.get(&ka).copied().unwrap_or(0);
                                let (na, nb) = (f64::from(xa[p].1), f64::from(xb[q].1));
                                public_coactions += episodes;
                                t.expected += (na * nb * share).min(na.min(nb));
                                t.coacted += episodes as f64;
                            }
                            p += 1;
                            q += 1;
                        }
                    }
                }
            }
            if all_coactions > 0 {
                t.share = public_coactions as f64 / all_coactions as f64;
            }
            t
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lockstep_coaction::Edge;

    /// An edge between accounts 0 and 1 with `objects` co-actions per signal.
    fn edge(objects: &[(Signal, u32)]) -> Edge {
        let mut signal_objects = [0; Signal::ALL.len()];
        for &(s, n) in objects {
            signal_objects[s.index()] = n;
        }
        Edge {
            a: 0,
            b: 1,
            signal_objects,
            n_objects: signal_objects.iter().sum(),
            weight: 1.0,
            active_days: 1,
            ..Edge::default()
        }
    }

    fn expected(per_signal: &[(Signal, f64)]) -> [f64; Signal::ALL.len()] {
        let mut out = [0.0; Signal::ALL.len()];
        for &(s, x) in per_signal {
            out[s.index()] = x;
        }
        out
    }

    fn linking(edges: &[Edge], expected: &[[f64; Signal::ALL.len()]]) -> Vec<Signal> {
        let found = Found {
            networks: &[],
            edges,
            expected_by_signal: expected,
            evidence: &[],
            edge_evidence: &[0],
        };
        let all: Vec<usize> = (0..edges.len()).collect();
        let linking = linking_signals(&found, &all);
        Signal::ALL
            .into_iter()
            .filter(|s| linking[s.index()])
            .collect()
    }

    /// `signals` in [`Signal::ALL`] order.
    fn in_order(signals: &[Signal]) -> Vec<Signal> {
        Signal::ALL
            .into_iter()
            .filter(|s| signals.contains(s))
            .collect()
    }

    #[test]
    fn an_objects_pace_leaves_the_network_out() {
        // Ten actions, half of the 45 pairs within the window; four are the network's, and
        // six of their pairs are within it: 22.5 - 6 of the other 45 - 6 pairs.
        let own = OwnPairs {
            actions: 4,
            in_window: 6,
        };
        let share = share_without(10, 0.5, own).expect("others act on it");
        assert!((share - 16.5 / 39.0).abs() < 1e-12);
        // Every action the network's: no pace of its own.
        assert_eq!(share_without(4, 1.0, own), None);
        // Five actions, six of the ten pairs within the window, all six the network's: the
        // outside action is within the window of none.
        assert_eq!(share_without(5, 0.6, own), Some(0.0));
    }

    #[test]
    fn a_networks_own_pairs_within_the_window() {
        const HOUR: TimeMs = 3_600_000;
        let tag = Signal::Hashtag.index() as u8;
        // Network 0 on object 7: pairs 0–1 s, 0–5 s, 1–5 s within the hour; the last action
        // is an hour and a bit after the others. Exactly an hour apart is within (network 1).
        let timed = [
            (0, tag, 7, 0),
            (0, tag, 7, 1_000),
            (0, tag, 7, 5_000),
            (0, tag, 7, HOUR + 5_001),
            (1, tag, 7, 0),
            (1, tag, 7, HOUR),
        ];
        let own = own_pairs(&timed, |_| HOUR);
        assert_eq!(
            own[&(0, tag, 7)],
            OwnPairs {
                actions: 4,
                in_window: 3
            }
        );
        assert_eq!(
            own[&(1, tag, 7)],
            OwnPairs {
                actions: 2,
                in_window: 1
            }
        );
    }

    #[test]
    fn signals_link_a_network_beyond_twice_what_chance_expects() {
        // Two edges: 30 + 25 co-reshares where chance expects 24 + 26 (busy accounts resharing
        // one pool), 4 + 3 tags where it expects 0.1 + 0.2, one link where it expects 0.5.
        let edges = [
            edge(&[
                (Signal::Reshare, 30),
                (Signal::Hashtag, 4),
                (Signal::Link, 1),
            ]),
            edge(&[(Signal::Reshare, 25), (Signal::Hashtag, 3)]),
        ];
        let chance = [
            expected(&[
                (Signal::Reshare, 24.0),
                (Signal::Hashtag, 0.1),
                (Signal::Link, 0.5),
            ]),
            expected(&[(Signal::Reshare, 26.0), (Signal::Hashtag, 0.2)]),
        ];
        // 55 < 2 × 50 co-reshares; 7 ≥ 2 × 0.3 tags; 1 ≥ 2 × 0.5 links.
        assert_eq!(
            linking(&edges, &chance),
            in_order(&[Signal::Hashtag, Signal::Link])
        );
        // Nothing beyond chance (a network of weak signals): every signal it co-acted on.
        let weak = [
            expected(&[
                (Signal::Reshare, 40.0),
                (Signal::Hashtag, 4.0),
                (Signal::Link, 1.0),
            ]),
            expected(&[(Signal::Reshare, 30.0), (Signal::Hashtag, 2.0)]),
        ];
        assert_eq!(
            linking(&edges, &weak),
            in_order(&[Signal::Reshare, Signal::Hashtag, Signal::Link])
        );
    }
}
