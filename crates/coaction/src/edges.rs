//! Fusing the co-actions of every signal into one edge per account pair.

use crate::sweep::{sweep, SweepConfig, SweepResult};
use lockstep_model::{AccountId, ActionTable, Signal, TimeMs};
use rayon::prelude::*;
use serde::Serialize;

/// How much one shared object adds to an edge's weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectWeighting {
    /// Every distinct object counts 1.
    Count,
    /// An object acted on by `k` distinct accounts over the whole input counts `1 / log2(k)`:
    /// 1 for an object only the two accounts share, 0.5 for 4 accounts, 0.1 for 1,024. Popular
    /// objects bring accounts together by chance, so they are weaker evidence.
    Rarity,
}

impl ObjectWeighting {
    /// The weight of an object acted on by `accounts` distinct accounts (at least 2).
    pub fn weight(self, accounts: u32) -> f64 {
        match self {
            ObjectWeighting::Count => 1.0,
            ObjectWeighting::Rarity => 1.0 / f64::from(accounts.max(2)).log2(),
        }
    }
}

/// Two accounts linked by co-actions on one or more signals. `a < b` (dense ids).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    /// The account with the smaller id.
    pub a: AccountId,
    /// The account with the larger id.
    pub b: AccountId,
    /// Distinct objects co-acted on, per signal in [`Signal::ALL`] order.
    pub signal_objects: [u32; Signal::ALL.len()],
    /// Distinct objects over all signals.
    pub n_objects: u32,
    /// Sum of the objects' weights (see [`ObjectWeighting`]).
    pub weight: f64,
    /// Earliest action in any of the edge's co-actions.
    pub first_seen: TimeMs,
    /// Latest action in any of the edge's co-actions.
    pub last_seen: TimeMs,
    /// Median lag between the two accounts' actions, in milliseconds.
    pub median_lag_ms: f64,
    /// Smallest lag, in milliseconds.
    pub min_lag_ms: TimeMs,
    /// Co-actions in which `a` acted strictly before `b`.
    pub a_leads: u32,
    /// Co-actions in which `b` acted strictly before `a`.
    pub b_leads: u32,
    /// Distinct UTC days on which the pair co-acted.
    pub active_days: u32,
}

impl Edge {
    /// The signals with at least one co-action.
    pub fn signals(&self) -> impl Iterator<Item = Signal> + '_ {
        Signal::ALL
            .iter()
            .copied()
            .filter(|s| self.signal_objects[s.index()] > 0)
    }
}

/// One co-action as fusion sees it: 40 bytes, so tens of millions fit.
#[derive(Clone, Copy)]
struct Entry {
    pair: u64,
    lag: TimeMs,
    first: TimeMs,
    weight: f64,
    signal: u8,
    order: std::cmp::Ordering,
}

/// The co-actions of every signal grouped by account pair: the candidate edges, built one at a
/// time on demand so that tens of millions of candidates never have to be held as [`Edge`]s.
pub struct Fused {
    entries: Vec<Entry>,
    /// `entries[starts[i]..starts[i + 1]]` is the i-th pair's, pairs by (a, b).
    starts: Vec<usize>,
}

impl Fused {
    /// Groups the co-actions of `sweeps` by account pair.
    pub fn new(sweeps: &[(Signal, &SweepResult)], weighting: ObjectWeighting) -> Self {
        let mut entries: Vec<Entry> =
            Vec::with_capacity(sweeps.iter().map(|(_, r)| r.coactions.len()).sum());
        for (signal, result) in sweeps {
            entries.extend(result.coactions.iter().map(|c| Entry {
                pair: (u64::from(c.a) << 32) | u64::from(c.b),
                lag: c.lag_ms(),
                first: c.time_a.min(c.time_b),
                weight: weighting.weight(result.object_accounts[c.object as usize]),
                signal: signal.index() as u8,
                order: c.time_a.cmp(&c.time_b),
            }));
        }
        entries.par_sort_unstable_by_key(|e| (e.pair, e.lag, e.signal, e.first));
        let mut starts: Vec<usize> = (0..entries.len())
            .filter(|&i| i == 0 || entries[i].pair != entries[i - 1].pair)
            .collect();
        starts.push(entries.len());
        Self { entries, starts }
    }

    /// Number of candidate edges (account pairs with at least one co-action).
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// True when no pair co-acted.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `f` of every candidate edge, in (a, b) order, computed in parallel.
    pub fn map<T: Send>(&self, f: impl Fn(&Edge) -> T + Sync) -> Vec<T> {
        self.starts
            .par_windows(2)
            .map(|w| f(&edge_of(&self.entries[w[0]..w[1]])))
            .collect()
    }

    /// The candidate edges whose flag in `keep` (one per candidate) is set.
    pub fn edges_where(&self, keep: &[bool]) -> Vec<Edge> {
        self.starts
            .windows(2)
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(w, _)| edge_of(&self.entries[w[0]..w[1]]))
            .collect()
    }
}

/// Sweeps each table with its configuration (sorting its actions) and groups the co-actions of
/// all of them by account pair: the sweep results, in the tables' order, and the candidates.
pub fn sweep_tables<'t>(
    tables: impl IntoIterator<Item = (&'t mut ActionTable, SweepConfig)>,
    weighting: ObjectWeighting,
) -> (Vec<(Signal, SweepResult)>, Fused) {
    let results: Vec<(Signal, SweepResult)> = tables
        .into_iter()
        .map(|(table, config)| {
            let n_objects = table.objects.len();
            (table.signal, sweep(&mut table.actions, n_objects, &config))
        })
        .collect();
    let refs: Vec<_> = results.iter().map(|(s, r)| (*s, r)).collect();
    let fused = Fused::new(&refs, weighting);
    (results, fused)
}

/// The edge of one pair's entries, which are sorted by lag.
fn edge_of(group: &[Entry]) -> Edge {
    let mut signal_objects = [0u32; Signal::ALL.len()];
    let mut weight = 0.0;
    let (mut a_leads, mut b_leads) = (0, 0);
    for e in group {
        signal_objects[e.signal as usize] += 1;
        weight += e.weight;
        match e.order {
            std::cmp::Ordering::Less => a_leads += 1,
            std::cmp::Ordering::Greater => b_leads += 1,
            std::cmp::Ordering::Equal => {}
        }
    }
    let active_days = if group.len() == 1 {
        1
    } else {
        let mut days: Vec<i64> = group.iter().map(|e| e.first.div_euclid(DAY_MS)).collect();
        days.sort_unstable();
        days.dedup();
        days.len() as u32
    };
    let n = group.len();
    let median_lag_ms = if n % 2 == 1 {
        group[n / 2].lag as f64
    } else {
        (group[n / 2 - 1].lag + group[n / 2].lag) as f64 / 2.0
    };
    Edge {
        a: (group[0].pair >> 32) as AccountId,
        b: group[0].pair as AccountId,
        signal_objects,
        n_objects: n as u32,
        weight,
        first_seen: group.iter().map(|e| e.first).min().unwrap_or_default(),
        last_seen: group
            .iter()
            .map(|e| e.first + e.lag)
            .max()
            .unwrap_or_default(),
        median_lag_ms,
        min_lag_ms: group[0].lag,
        a_leads,
        b_leads,
        active_days,
    }
}

const DAY_MS: TimeMs = 86_400_000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::{sweep, SweepConfig};
    use lockstep_model::Action;

    fn act(object: u32, secs: i64, account: u32) -> Action {
        Action {
            object,
            time: secs * 1000,
            account,
            post: 0,
        }
    }

    #[test]
    fn fuses_signals_per_pair() {
        let config = SweepConfig {
            window_ms: 60_000,
            max_neighbours: 100,
        };
        // Reshare: accounts 0 and 1 share objects 0 (lag 10 s) and 1 (lag 20 s); object 1 is
        // also reshared by account 2 and 3, far outside the window.
        let mut reshares = vec![
            act(0, 0, 0),
            act(0, 10, 1),
            act(1, 100, 0),
            act(1, 120, 1),
            act(1, 10_000, 2),
            act(1, 20_000, 3),
        ];
        // Link: 0 and 1 share URL 0 with lag 40 s.
        let mut links = vec![act(0, 500, 1), act(0, 540, 0)];
        let r = sweep(&mut reshares, 2, &config);
        let l = sweep(&mut links, 1, &config);
        let edges = Fused::new(
            &[(Signal::Reshare, &r), (Signal::Link, &l)],
            ObjectWeighting::Rarity,
        )
        .map(Edge::clone);
        assert_eq!(edges.len(), 1);
        let e = &edges[0];
        assert_eq!((e.a, e.b, e.n_objects), (0, 1, 3));
        assert_eq!(e.signal_objects[Signal::Reshare.index()], 2);
        assert_eq!(e.signal_objects[Signal::Link.index()], 1);
        // Object 0 and the URL have 2 accounts (weight 1 each); object 1 has 4 (weight 0.5).
        assert!((e.weight - 2.5).abs() < 1e-12);
        assert_eq!((e.first_seen, e.last_seen), (0, 540_000));
        assert_eq!(e.median_lag_ms, 20_000.0);
        assert_eq!(e.min_lag_ms, 10_000);
        // Account 0 acted first on both reshares, account 1 first on the link.
        assert_eq!((e.a_leads, e.b_leads), (2, 1));
        // All co-actions fall on 1970-01-01.
        assert_eq!(e.active_days, 1);
        assert_eq!(
            e.signals().collect::<Vec<_>>(),
            vec![Signal::Reshare, Signal::Link]
        );
    }
}
