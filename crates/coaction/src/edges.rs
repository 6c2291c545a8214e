//! Fusing the co-actions of every signal into one edge per account pair.

use crate::sweep::{
    pairs_in_window, sweep_sorted, CoAction, CoActions, PairPartition, SweepConfig, SweepResult,
    TIGHT_WINDOW_MS,
};
use lockstep_model::{AccountId, ActionTable, ObjectId, Signal, TimeMs};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// How much one shared object adds to an edge's weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Edge {
    /// The account with the smaller id.
    pub a: AccountId,
    /// The account with the larger id.
    pub b: AccountId,
    /// Distinct objects co-acted on, per signal in [`Signal::ALL`] order.
    pub signal_objects: [u32; Signal::ALL.len()],
    /// Of those, the co-actions at most [`TIGHT_WINDOW_MS`] apart, per signal.
    pub signal_tight: [u32; Signal::ALL.len()],
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
    /// `a`'s actions in the co-actions per UTC hour of the day (saturating).
    pub hours_a: [u16; 24],
    /// `b`'s actions in the co-actions per UTC hour of the day (saturating).
    pub hours_b: [u16; 24],
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

/// The co-actions of every signal grouped by account pair: the candidate edges, built one at a
/// time on demand so that tens of millions of candidates never have to be held as [`Edge`]s.
/// The co-actions are held once, here, grouped by pair; a candidate's co-actions are its
/// evidence.
pub struct Fused {
    /// Sorted by (pair, lag, signal, first action, object).
    coactions: Vec<CoAction>,
    /// `coactions[starts[i]..starts[i + 1]]` is the i-th pair's, pairs by (a, b).
    starts: Vec<usize>,
    weights: ObjectWeights,
}

/// The weight of every object the co-actions fall on.
#[derive(Clone)]
enum ObjectWeights {
    /// Per signal (by [`Signal::index`]), indexed by object id: every object of the sweeps.
    Dense(Vec<Vec<f64>>),
    /// Only the objects of the co-actions held, by (signal, object).
    Sparse(FxHashMap<(Signal, ObjectId), f64>),
}

impl ObjectWeights {
    fn of(&self, signal: Signal, object: ObjectId) -> f64 {
        match self {
            ObjectWeights::Dense(w) => w[signal.index()][object as usize],
            ObjectWeights::Sparse(w) => w.get(&(signal, object)).copied().unwrap_or(0.0),
        }
    }
}

impl Fused {
    /// Groups the co-actions of `sweeps` (each signal's sweep result and co-actions) by account
    /// pair.
    pub fn new(sweeps: Vec<(&SweepResult, CoActions)>, weighting: ObjectWeighting) -> Self {
        let mut weights = vec![Vec::new(); Signal::ALL.len()];
        let mut batches = Vec::new();
        for (result, coactions) in sweeps {
            if let Some(c) = coactions.iter().next() {
                weights[c.signal.index()] = result
                    .object_accounts
                    .iter()
                    .map(|&k| weighting.weight(k))
                    .collect();
            }
            batches.extend(coactions.into_batches());
        }
        // One allocation of the exact size; each batch is freed once copied.
        let mut coactions = Vec::with_capacity(batches.iter().map(Vec::len).sum());
        for batch in batches {
            coactions.extend(batch);
        }
        Self::grouped(coactions, ObjectWeights::Dense(weights))
    }

    /// Groups co-actions by pair when the sweeps' results are not at hand (a partition of the
    /// account pairs on a cluster): `object_accounts` gives the distinct accounts of each
    /// object the co-actions fall on. The candidates are those [`Fused::new`] builds from the
    /// same co-actions.
    pub fn from_coactions(
        coactions: Vec<CoAction>,
        object_accounts: impl Fn(Signal, ObjectId) -> u32,
        weighting: ObjectWeighting,
    ) -> Self {
        let mut weights = FxHashMap::default();
        for c in &coactions {
            weights
                .entry((c.signal, c.object))
                .or_insert_with(|| weighting.weight(object_accounts(c.signal, c.object)));
        }
        Self::grouped(coactions, ObjectWeights::Sparse(weights))
    }

    /// Groups `coactions` by pair.
    fn grouped(mut coactions: Vec<CoAction>, weights: ObjectWeights) -> Self {
        coactions
            .par_sort_unstable_by_key(|c| (c.a, c.b, c.lag_ms(), c.signal, c.first_ms(), c.object));
        let first_of_pair = |i: usize| i == 0 || pair(&coactions[i]) != pair(&coactions[i - 1]);
        let n_pairs = (0..coactions.len())
            .into_par_iter()
            .filter(|&i| first_of_pair(i))
            .count();
        let mut starts = Vec::with_capacity(n_pairs + 1);
        starts.extend((0..coactions.len()).filter(|&i| first_of_pair(i)));
        starts.push(coactions.len());
        Self {
            coactions,
            starts,
            weights,
        }
    }

    /// Keeps the candidates whose flag in `keep` (one per candidate) is set.
    pub fn retain(&mut self, keep: &[bool]) {
        let mut coactions = Vec::new();
        let mut starts = vec![0];
        for (i, _) in keep.iter().enumerate().filter(|(_, k)| **k) {
            coactions.extend_from_slice(self.coactions(i));
            starts.push(coactions.len());
        }
        self.coactions = coactions;
        self.starts = starts;
    }

    /// The candidates of several parts (disjoint sets of pairs of the same sweep), as one.
    pub fn merge(parts: Vec<Fused>) -> Fused {
        let weights = parts
            .iter()
            .find(|p| !p.is_empty())
            .map(|p| p.weights.clone())
            .unwrap_or_else(|| ObjectWeights::Dense(vec![Vec::new(); Signal::ALL.len()]));
        let coactions = parts.into_iter().flat_map(|p| p.coactions).collect();
        Self::grouped(coactions, weights)
    }

    /// Number of candidate edges (account pairs with at least one co-action).
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// True when no pair co-acted.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The co-actions of the i-th candidate, closest in time first.
    pub fn coactions(&self, i: usize) -> &[CoAction] {
        &self.coactions[self.starts[i]..self.starts[i + 1]]
    }

    /// The accounts of the i-th candidate.
    pub fn pair_at(&self, i: usize) -> (AccountId, AccountId) {
        let c = &self.coactions[self.starts[i]];
        (c.a, c.b)
    }

    /// The i-th candidate edge.
    pub fn edge(&self, i: usize) -> Edge {
        self.edge_of(self.coactions(i))
    }

    /// Every candidate edge, in (a, b) order, built in parallel.
    pub fn par_edges(&self) -> impl IndexedParallelIterator<Item = Edge> + '_ {
        self.par_edges_in(0..self.len())
    }

    /// The candidate edges with indices in `range`, in order, built in parallel.
    pub fn par_edges_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl IndexedParallelIterator<Item = Edge> + '_ {
        self.starts[range.start..=range.end]
            .par_windows(2)
            .map(|w| self.edge_of(&self.coactions[w[0]..w[1]]))
    }

    /// The edge of one pair's co-actions, which are sorted by lag.
    fn edge_of(&self, group: &[CoAction]) -> Edge {
        let mut signal_objects = [0u32; Signal::ALL.len()];
        let mut signal_tight = [0u32; Signal::ALL.len()];
        let mut weight = 0.0;
        let (mut a_leads, mut b_leads) = (0, 0);
        let (mut hours_a, mut hours_b) = ([0u16; 24], [0u16; 24]);
        let hour = |t: TimeMs| (t.rem_euclid(DAY_MS) / HOUR_MS) as usize;
        for c in group {
            hours_a[hour(c.time_a)] = hours_a[hour(c.time_a)].saturating_add(1);
            hours_b[hour(c.time_b)] = hours_b[hour(c.time_b)].saturating_add(1);
            signal_objects[c.signal.index()] += 1;
            signal_tight[c.signal.index()] += u32::from(c.lag_ms() <= TIGHT_WINDOW_MS);
            weight += self.weights.of(c.signal, c.object);
            match c.time_a.cmp(&c.time_b) {
                std::cmp::Ordering::Less => a_leads += 1,
                std::cmp::Ordering::Greater => b_leads += 1,
                std::cmp::Ordering::Equal => {}
            }
        }
        let active_days = distinct_days(group);
        let n = group.len();
        let median_lag_ms = if n % 2 == 1 {
            group[n / 2].lag_ms() as f64
        } else {
            (group[n / 2 - 1].lag_ms() + group[n / 2].lag_ms()) as f64 / 2.0
        };
        Edge {
            a: group[0].a,
            b: group[0].b,
            signal_objects,
            signal_tight,
            n_objects: n as u32,
            weight,
            first_seen: group
                .iter()
                .map(CoAction::first_ms)
                .min()
                .unwrap_or_default(),
            last_seen: group
                .iter()
                .map(CoAction::last_ms)
                .max()
                .unwrap_or_default(),
            median_lag_ms,
            min_lag_ms: group[0].lag_ms(),
            a_leads,
            b_leads,
            active_days,
            hours_a,
            hours_b,
        }
    }
}

/// The distinct UTC days on which the co-actions of `group` (not empty) began. Every candidate
/// pair is built once per assessment, so the few co-actions of most pairs are sorted on the
/// stack rather than in an allocation.
fn distinct_days(group: &[CoAction]) -> u32 {
    const ON_STACK: usize = 32;
    fn count_sorted(days: &mut [i64]) -> u32 {
        days.sort_unstable();
        1 + days.windows(2).filter(|w| w[0] != w[1]).count() as u32
    }
    let day = |c: &CoAction| c.first_ms().div_euclid(DAY_MS);
    if group.len() <= ON_STACK {
        let mut days = [0i64; ON_STACK];
        for (d, c) in days.iter_mut().zip(group) {
            *d = day(c);
        }
        count_sorted(&mut days[..group.len()])
    } else {
        count_sorted(&mut group.iter().map(day).collect::<Vec<_>>())
    }
}

fn pair(c: &CoAction) -> (AccountId, AccountId) {
    (c.a, c.b)
}

/// Action tables ready to be swept together, each with its configuration: their actions are
/// sorted once, then any part of the account pairs can be swept.
pub struct Sweeper<'t> {
    tables: Vec<(&'t ActionTable, SweepConfig)>,
    weighting: ObjectWeighting,
}

impl<'t> Sweeper<'t> {
    /// Sorts each table's actions in place.
    pub fn new(
        tables: impl IntoIterator<Item = (&'t mut ActionTable, SweepConfig)>,
        weighting: ObjectWeighting,
    ) -> Self {
        let tables = tables
            .into_iter()
            .map(|(table, config)| {
                table.actions.par_sort_unstable();
                (&*table, config)
            })
            .collect();
        Self { tables, weighting }
    }

    /// Each table with its result in `results` (as [`Sweeper::sweep`] returns them).
    pub fn swept<'r>(
        &self,
        results: &'r [(Signal, SweepResult)],
    ) -> Vec<(&'t ActionTable, &'r SweepResult)> {
        self.tables
            .iter()
            .map(|(t, _)| *t)
            .zip(results.iter().map(|(_, r)| r))
            .collect()
    }

    /// The action pairs a sweep of all the tables examines: an upper bound of their
    /// co-actions, to choose how many parts to sweep them in.
    pub fn pairs_in_window(&self) -> u64 {
        self.tables
            .iter()
            .map(|(t, config)| pairs_in_window(&t.actions, config))
            .sum()
    }

    /// Sweeps every table for the co-actions of the pairs in `partition` and groups them by
    /// pair: the sweep results, in the tables' order, and the candidates.
    pub fn sweep(&self, partition: PairPartition) -> (Vec<(Signal, SweepResult)>, Fused) {
        let (results, coactions): (Vec<(Signal, SweepResult)>, Vec<CoActions>) = self
            .tables
            .iter()
            .map(|(table, config)| {
                let n_objects = table.objects.len();
                let (result, coactions) =
                    sweep_sorted(table.signal, &table.actions, n_objects, config, partition);
                ((table.signal, result), coactions)
            })
            .unzip();
        let parts = results.iter().map(|(_, r)| r).zip(coactions).collect();
        let fused = Fused::new(parts, self.weighting);
        (results, fused)
    }
}

const DAY_MS: TimeMs = 86_400_000;
const HOUR_MS: TimeMs = 3_600_000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::{sweep, SweepConfig};
    use lockstep_model::{Action, ActionTable};

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
            max_accounts: u32::MAX,
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
        let (r, rc) = sweep(Signal::Reshare, &mut reshares, 2, &config);
        let (l, lc) = sweep(Signal::Link, &mut links, 1, &config);
        let edges: Vec<Edge> = Fused::new(vec![(&r, rc), (&l, lc)], ObjectWeighting::Rarity)
            .par_edges()
            .collect();
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

    #[test]
    fn distinct_days_on_the_stack_and_beyond() {
        let on_day = |day: i64| CoAction {
            a: 0,
            b: 1,
            signal: Signal::Reshare,
            object: 0,
            post_a: 0,
            post_b: 0,
            time_a: day * DAY_MS + 5,
            time_b: day * DAY_MS + 7,
        };
        // Days 3, 1, 3, -1, 1: three distinct (day -1 is 1969-12-31).
        let few: Vec<CoAction> = [3, 1, 3, -1, 1].into_iter().map(on_day).collect();
        assert_eq!(distinct_days(&few), 3);
        assert_eq!(distinct_days(&few[..1]), 1);
        // 40 co-actions (past the stack buffer) over days 0..10, each day four times.
        let many: Vec<CoAction> = (0..40).map(|i| on_day(i % 10)).collect();
        assert_eq!(distinct_days(&many), 10);
        assert_eq!(distinct_days(&many[..32]), 10);
        assert_eq!(distinct_days(&many[..7]), 7);
    }

    #[test]
    fn parts_merged_are_the_whole_and_retain_keeps_the_flagged() {
        // 6 accounts each resharing the same 4 posts and sharing 2 links within a minute: all 15
        // pairs co-act.
        let mut reshares: Vec<Action> = (0..24).map(|i| act(i / 6, i64::from(i), i % 6)).collect();
        let mut links: Vec<Action> = (0..12).map(|i| act(i / 6, i64::from(i), i % 6)).collect();
        let config = SweepConfig {
            window_ms: 60_000,
            max_neighbours: 100,
            max_accounts: u32::MAX,
        };
        let mut tables = [
            ActionTable::new(Signal::Reshare),
            ActionTable::new(Signal::Link),
        ];
        for (table, actions, n) in [(0, &mut reshares, 4), (1, &mut links, 2)] {
            for o in 0..n {
                tables[table].objects.intern(&o.to_string());
            }
            tables[table].actions = std::mem::take(actions);
        }
        let sweeper = Sweeper::new(
            tables.iter_mut().map(|t| (t, config)),
            ObjectWeighting::Rarity,
        );
        let (_, whole) = sweeper.sweep(PairPartition::WHOLE);
        let parts = (0..3)
            .map(|index| sweeper.sweep(PairPartition { index, count: 3 }).1)
            .collect();
        let merged = Fused::merge(parts);
        let edges = |f: &Fused| f.par_edges().collect::<Vec<Edge>>();
        assert_eq!(whole.len(), 15);
        assert_eq!(edges(&merged), edges(&whole));
        let mut kept = whole;
        let keep: Vec<bool> = (0..kept.len()).map(|i| i % 2 == 0).collect();
        let expected: Vec<Edge> = (0..kept.len()).step_by(2).map(|i| kept.edge(i)).collect();
        kept.retain(&keep);
        assert_eq!(edges(&kept), expected);
    }
}
