//! The per-signal sweep: for every object, pairs of distinct accounts whose actions lie within
//! the window of each other.
//!
//! Actions are sorted by (object, time); for each action the sweep walks back over the earlier
//! actions on the same object while they are inside the window (inclusive: a lag equal to the
//! window counts). Cost is O(n log n) for the sort plus the pairs examined.
//!
//! **Viral objects.** When more than `max_neighbours` earlier actions lie inside the window, only
//! the `max_neighbours` nearest in time are paired with the action. A viral post reshared by
//! 100,000 accounts within a minute therefore costs at most n × `max_neighbours` pair checks
//! instead of n²/2, and the evidence kept is the tightest in time, which is where coordination
//! shows. Nothing is skipped silently: the number of action pairs not examined and the objects
//! where that happened are counted in [`SweepStats`].
//!
//! **Episodes.** A pair of accounts yields one co-action per object and *episode*: an episode
//! starts with the pair's first co-action on the object and holds those that begin within one
//! window of that start, counted once by their closest pair of actions; the next co-action
//! starts a new episode. A hashtag pushed together on five mornings is five co-actions, and so
//! is a site two accounts promote together every day at a one-day window.

use lockstep_model::{AccountId, Action, ObjectId, PostIdx, Signal, TimeMs};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// The *tight look*: on a signal swept at a longer window, co-actions at most this far apart
/// (one minute) are also counted on their own, with their own chance expectation (see
/// [`SweepResult::object_tight_share`]). A group that owns its objects also owns their timing:
/// pasting one link 30 times, seconds apart each time, it sets the object's in-window share at
/// an hour so high that its hour-long count looks like chance; at a minute it does not.
pub const TIGHT_WINDOW_MS: TimeMs = 60_000;

/// Parameters of one sweep.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct SweepConfig {
    /// Largest lag, in milliseconds, at which two actions count as co-action (inclusive).
    pub window_ms: TimeMs,
    /// Most earlier actions on the same object paired with each action (the viral-object cap).
    pub max_neighbours: usize,
    /// Objects acted on by more distinct accounts are not paired at all (`u32::MAX`: every
    /// object is). Their in-window share is 0, so the chance model expects nothing of them
    /// either; used for sites, where one linked by a crowd is everyone's and says nothing of
    /// co-promotion.
    pub max_accounts: u32,
}

/// Two distinct accounts acting on the same object within the window: the closest pair of their
/// actions on that object in one episode. `a < b` (dense account ids). 40 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CoAction {
    /// The account with the smaller id.
    pub a: AccountId,
    /// The account with the larger id.
    pub b: AccountId,
    /// The signal the object belongs to.
    pub signal: Signal,
    /// The object both acted on.
    pub object: ObjectId,
    /// `a`'s post.
    pub post_a: PostIdx,
    /// `b`'s post.
    pub post_b: PostIdx,
    /// When `a` acted.
    pub time_a: TimeMs,
    /// When `b` acted.
    pub time_b: TimeMs,
}

impl CoAction {
    /// Absolute lag between the two actions in milliseconds.
    pub fn lag_ms(&self) -> TimeMs {
        (self.time_b - self.time_a).abs()
    }

    /// When the first of the two acted.
    pub fn first_ms(&self) -> TimeMs {
        self.time_a.min(self.time_b)
    }

    /// When the second of the two acted.
    pub fn last_ms(&self) -> TimeMs {
        self.time_a.max(self.time_b)
    }
}

/// What one sweep did.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct SweepStats {
    /// Actions swept.
    pub actions: u64,
    /// Distinct objects.
    pub objects: u64,
    /// Objects acted on by at least two distinct accounts.
    pub shared_objects: u64,
    /// Action pairs within the window that were examined.
    pub pairs_examined: u64,
    /// Action pairs within the window that were not examined because of the viral-object cap.
    pub pairs_skipped: u64,
    /// Objects on which the cap applied at least once.
    pub capped_objects: u64,
    /// Objects not paired because more than `max_accounts` accounts acted on them.
    pub mass_objects: u64,
    /// Co-actions found (one per account pair, object and episode).
    pub coactions: u64,
}

/// What sweeping one signal tells about its objects, besides the co-actions.
#[derive(Debug, Clone, Default)]
pub struct SweepResult {
    /// Distinct accounts that acted on each object, indexed by object id.
    pub object_accounts: Vec<u32>,
    /// For each object, the share of its pairs of actions that lie within the window of each
    /// other (0 for objects acted on once): how tightly in time the object is acted on.
    pub object_window_share: Vec<f32>,
    /// For each object, the share of its pairs of actions within [`TIGHT_WINDOW_MS`] of each
    /// other; empty when the window is no longer than that (no tight look).
    pub object_tight_share: Vec<f32>,
    /// Counts for run.json.
    pub stats: SweepStats,
}

/// How one object was acted on, as its sweep found: the distinct accounts and the shares of its
/// pairs of actions within the window and within the tight window.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ObjectShares {
    /// Distinct accounts that acted on the object.
    pub accounts: u32,
    /// Share of its pairs of actions within the window (0 for an object acted on once).
    pub window: f32,
    /// Share within [`TIGHT_WINDOW_MS`], when the window is longer (else 0).
    pub tight: f32,
}

/// The co-actions of one sweep, in object order, as the batches of objects produced them:
/// appending batches to one growing vector would copy it again and again.
#[derive(Debug, Clone, Default)]
pub struct CoActions {
    batches: Vec<Vec<CoAction>>,
}

impl CoActions {
    /// Number of co-actions.
    pub fn len(&self) -> usize {
        self.batches.iter().map(Vec::len).sum()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.batches.iter().all(Vec::is_empty)
    }

    /// Every co-action, in object order.
    pub fn iter(&self) -> impl Iterator<Item = &CoAction> {
        self.batches.iter().flatten()
    }

    /// The batches, in object order.
    pub fn into_batches(self) -> Vec<Vec<CoAction>> {
        self.batches
    }
}

/// Sweeps `actions` of `signal` (sorted in place) for co-actions; `n_objects` is the number of
/// object ids. Returns what the sweep learnt about the objects and the co-actions, one per
/// account pair, object and episode, in object order.
pub fn sweep(
    signal: Signal,
    actions: &mut [Action],
    n_objects: usize,
    config: &SweepConfig,
) -> (SweepResult, CoActions) {
    actions.par_sort_unstable();
    sweep_sorted(signal, actions, n_objects, config, PairPartition::WHOLE)
}

/// One of `count` disjoint parts of the account pairs, chosen by a hash of the pair, so that
/// the co-actions of a large input can be gathered and weighed a part at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairPartition {
    /// Which part, from 0.
    pub index: u32,
    /// How many parts.
    pub count: u32,
}

impl PairPartition {
    /// Every pair.
    pub const WHOLE: PairPartition = PairPartition { index: 0, count: 1 };

    /// Whether the pair `(a, b)`, `a < b`, is in this part.
    pub fn contains(self, a: AccountId, b: AccountId) -> bool {
        if self.count <= 1 {
            return true;
        }
        // SplitMix64's finaliser spreads neighbouring ids over the parts.
        let mut x = (u64::from(a) << 32) | u64::from(b);
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^= x >> 31;
        x % u64::from(self.count) == u64::from(self.index)
    }
}

/// [`sweep`] of actions already sorted, keeping the co-actions of the pairs in `partition`.
/// Everything else the result holds is the same whatever the partition.
pub fn sweep_sorted(
    signal: Signal,
    actions: &[Action],
    n_objects: usize,
    config: &SweepConfig,
    partition: PairPartition,
) -> (SweepResult, CoActions) {
    let (objects, stats, coactions) = sweep_objects(signal, actions, config, partition);
    let mut result = SweepResult {
        object_accounts: vec![0u32; n_objects],
        object_window_share: vec![0f32; n_objects],
        object_tight_share: if config.window_ms > TIGHT_WINDOW_MS {
            vec![0f32; n_objects]
        } else {
            Vec::new()
        },
        stats,
    };
    for (object, shares) in objects {
        let o = object as usize;
        result.object_accounts[o] = shares.accounts;
        result.object_window_share[o] = shares.window;
        if let Some(tight) = result.object_tight_share.get_mut(o) {
            *tight = shares.tight;
        }
    }
    (result, coactions)
}

/// [`sweep_sorted`] for actions that need not hold every object id, only whole objects (every
/// action on an object it holds): what the sweep found of each object, in object order, what
/// it did and the co-actions of the pairs in `partition`. A cluster sweeps each partition of
/// the objects this way; the co-actions and shares are exactly those of a sweep of all
/// actions.
pub fn sweep_objects(
    signal: Signal,
    actions: &[Action],
    config: &SweepConfig,
    partition: PairPartition,
) -> (Vec<(ObjectId, ObjectShares)>, SweepStats, CoActions) {
    let runs = object_runs(actions);
    let mut objects = Vec::with_capacity(runs.len());
    let mut stats = SweepStats {
        actions: actions.len() as u64,
        objects: runs.len() as u64,
        ..SweepStats::default()
    };
    let mut coactions = CoActions::default();
    // Objects are swept in parallel a batch at a time; each batch's co-actions are gathered
    // into one vector of their exact size.
    for batch in batches(&runs, BATCH_ACTIONS) {
        let per_run: Vec<RunOutput> = batch
            .par_iter()
            .map(|&(start, end)| sweep_object(signal, &actions[start..end], config, partition))
            .collect();
        let mut gathered = Vec::with_capacity(per_run.iter().map(|r| r.coactions.len()).sum());
        for (run, out) in batch.iter().zip(per_run) {
            objects.push((actions[run.0].object, out.shares(run.1 - run.0)));
            stats.record(&out);
            gathered.extend(out.coactions);
        }
        coactions.batches.push(gathered);
    }
    stats.coactions = coactions.len() as u64;
    (objects, stats, coactions)
}

/// The action pairs a sweep of `actions` (sorted) would examine: per action, the earlier
/// actions on its object inside the window, at most `max_neighbours`. An upper bound of the
/// co-actions it yields, found without building them.
pub fn pairs_in_window(actions: &[Action], config: &SweepConfig) -> u64 {
    object_runs(actions)
        .par_iter()
        .map(|&(start, end)| {
            let run = &actions[start..end];
            if config.max_accounts < u32::MAX && distinct_accounts(run) > config.max_accounts {
                return 0;
            }
            (0..run.len())
                .map(|i| earlier_in_window(run, i, config).1 as u64)
                .sum::<u64>()
        })
        .sum()
}

/// Actions per batch of objects swept in parallel.
const BATCH_ACTIONS: usize = 1 << 20;

impl RunOutput {
    /// The shares of an object of `n` actions.
    fn shares(&self, n: usize) -> ObjectShares {
        let mut shares = ObjectShares {
            accounts: self.distinct_accounts,
            ..ObjectShares::default()
        };
        if n >= 2 {
            let n = n as f64;
            let in_window = (self.examined + self.skipped) as f64;
            let all_pairs = n * (n - 1.0) / 2.0;
            shares.window = (in_window / all_pairs) as f32;
            shares.tight = (self.tight_pairs as f64 / all_pairs) as f32;
        }
        shares
    }
}

impl SweepStats {
    /// Counts what sweeping one object did.
    fn record(&mut self, out: &RunOutput) {
        self.shared_objects += u64::from(out.distinct_accounts >= 2);
        self.pairs_examined += out.examined;
        self.pairs_skipped += out.skipped;
        self.capped_objects += u64::from(out.skipped > 0);
        self.mass_objects += u64::from(out.mass);
    }

    /// Adds the counts of a sweep of other objects of the same signal.
    pub fn add(&mut self, other: &SweepStats) {
        self.actions += other.actions;
        self.objects += other.objects;
        self.shared_objects += other.shared_objects;
        self.pairs_examined += other.pairs_examined;
        self.pairs_skipped += other.pairs_skipped;
        self.capped_objects += other.capped_objects;
        self.mass_objects += other.mass_objects;
        self.coactions += other.coactions;
    }
}

/// Consecutive slices of `runs` holding at least `actions` actions each (the last may hold
/// fewer).
fn batches(runs: &[(usize, usize)], actions: usize) -> impl Iterator<Item = &[(usize, usize)]> {
    let mut rest = runs;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let first = rest[0].0;
        let len = rest.partition_point(|r| r.0 < first + actions).max(1);
        let (batch, tail) = rest.split_at(len);
        rest = tail;
        Some(batch)
    })
}

/// `[start, end)` ranges of equal objects in sorted actions.
fn object_runs(actions: &[Action]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=actions.len() {
        if i == actions.len() || actions[i].object != actions[start].object {
            if i > start {
                runs.push((start, i));
            }
            start = i;
        }
    }
    runs
}

pub(crate) struct RunOutput {
    coactions: Vec<CoAction>,
    distinct_accounts: u32,
    /// Too many accounts to be paired.
    mass: bool,
    examined: u64,
    skipped: u64,
    /// Action pairs within [`TIGHT_WINDOW_MS`] (when the window is longer).
    tight_pairs: u64,
}

impl RunOutput {
    /// Nothing paired yet of the object whose actions are `run`.
    pub(crate) fn start(run: &[Action], config: &SweepConfig) -> Self {
        let distinct_accounts = distinct_accounts(run);
        RunOutput {
            coactions: Vec::new(),
            distinct_accounts,
            mass: distinct_accounts > config.max_accounts,
            examined: 0,
            skipped: 0,
            tight_pairs: 0,
        }
    }

    /// Whether the object's actions are paired at all: two accounts or more, not a crowd's.
    pub(crate) fn paired(&self) -> bool {
        self.distinct_accounts >= 2 && !self.mass
    }

    /// Counts the action pairs of the whole of `run`, without building co-actions.
    pub(crate) fn count_pairs(&mut self, run: &[Action], config: &SweepConfig) {
        let mut counted = Paired::default();
        for i in 0..run.len() {
            counted.count(run, i, config);
        }
        self.examined = counted.examined;
        self.skipped = counted.skipped;
        self.tight_pairs = counted.tight_pairs;
    }

    /// What sweeping the object told of it and of the sweep, but for its co-actions.
    pub(crate) fn summary(&self, actions: usize) -> (ObjectShares, SweepStats) {
        let mut stats = SweepStats {
            actions: actions as u64,
            objects: 1,
            ..SweepStats::default()
        };
        stats.record(self);
        (self.shares(actions), stats)
    }
}

fn sweep_object(
    signal: Signal,
    run: &[Action],
    config: &SweepConfig,
    partition: PairPartition,
) -> RunOutput {
    let mut out = RunOutput::start(run, config);
    if !out.paired() {
        return out;
    }
    // A viral object's actions are paired a slice at a time in parallel: each action's pairs
    // depend only on the run, which every slice reads.
    let slices: Vec<Paired> = (0..run.len())
        .step_by(SLICE_ACTIONS)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|from| {
            pair_actions(
                signal,
                run,
                from..run.len().min(from + SLICE_ACTIONS),
                config,
                partition,
            )
        })
        .collect();
    out.coactions = Vec::with_capacity(slices.iter().map(|p| p.coactions.len()).sum());
    for slice in slices {
        out.examined += slice.examined;
        out.skipped += slice.skipped;
        out.tight_pairs += slice.tight_pairs;
        out.coactions.extend(slice.coactions);
    }
    // Where no account acts twice on the object (a post each account reshares once), every
    // pair co-acts once and is its own episode: there is nothing to reduce.
    if (out.distinct_accounts as usize) < run.len() {
        keep_one_per_episode(&mut out.coactions, config.window_ms);
    }
    out
}

/// Actions of one object paired per parallel task: objects with more are cut into slices.
const SLICE_ACTIONS: usize = 1 << 15;

/// What pairing some of an object's actions with their earlier neighbours found.
#[derive(Default)]
pub(crate) struct Paired {
    pub(crate) coactions: Vec<CoAction>,
    examined: u64,
    skipped: u64,
    tight_pairs: u64,
}

impl Paired {
    /// Counts the pairs of the `i`-th action of `run` (an object's actions, sorted by time)
    /// with the earlier ones: those in the window, those examined (the nearest, at most
    /// `max_neighbours`) and those in the tight window. Returns how many are examined.
    fn count(&mut self, run: &[Action], i: usize, config: &SweepConfig) -> usize {
        let (in_window, examined) = earlier_in_window(run, i, config);
        if config.window_ms > TIGHT_WINDOW_MS {
            let from = run[i].time - TIGHT_WINDOW_MS;
            self.tight_pairs += (i - run[..i].partition_point(|y| y.time < from)) as u64;
        }
        self.examined += examined as u64;
        self.skipped += (in_window - examined) as u64;
        examined
    }
}

/// Pairs the actions `actions` of `run` (an object's actions, sorted by time) with the
/// earlier actions of the run inside the window, at most `max_neighbours` each.
pub(crate) fn pair_actions(
    signal: Signal,
    run: &[Action],
    actions: std::ops::Range<usize>,
    config: &SweepConfig,
    partition: PairPartition,
) -> Paired {
    let mut out = Paired::default();
    for i in actions {
        let x = &run[i];
        let examined = out.count(run, i, config);
        for y in run[i - examined..i].iter().rev() {
            if y.account == x.account {
                continue;
            }
            let (first, second) = if y.account < x.account {
                (y, x)
            } else {
                (x, y)
            };
            if !partition.contains(first.account, second.account) {
                continue;
            }
            out.coactions.push(CoAction {
                a: first.account,
                b: second.account,
                signal,
                object: x.object,
                post_a: first.post,
                post_b: second.post,
                time_a: first.time,
                time_b: second.time,
            });
        }
    }
    out
}

/// The distinct accounts acting in an object's run.
fn distinct_accounts(run: &[Action]) -> u32 {
    let mut accounts: Vec<AccountId> = run.iter().map(|a| a.account).collect();
    accounts.sort_unstable();
    accounts.dedup();
    accounts.len() as u32
}

/// For the `i`-th action of an object's run (sorted by time): how many earlier actions lie
/// inside the window, and how many of them, the nearest, are paired with it (the viral cap).
pub(crate) fn earlier_in_window(run: &[Action], i: usize, config: &SweepConfig) -> (usize, usize) {
    let lo = run[..i].partition_point(|y| y.time < run[i].time - config.window_ms);
    let in_window = i - lo;
    (in_window, in_window.min(config.max_neighbours))
}

/// Reduces the co-actions of one object to one per account pair and *episode*: a pair's
/// co-actions on the object, ordered by time, start a new episode when they begin more than a
/// window after the current episode's first action, so that an episode never spans more than
/// a window and steady co-activity counts once per window. Within an episode the closest pair
/// of actions is kept (ties: the earliest). A post reshared once by each account is one
/// episode; a hashtag two accounts push together every morning is one episode per morning.
pub(crate) fn keep_one_per_episode(coactions: &mut Vec<CoAction>, window_ms: TimeMs) {
    coactions.par_sort_unstable_by_key(|c| (c.a, c.b, c.first_ms(), c.lag_ms()));
    let mut kept: Vec<CoAction> = Vec::with_capacity(coactions.len());
    let mut episode_start = TimeMs::MIN;
    for c in coactions.iter() {
        let first = c.first_ms();
        match kept.last_mut() {
            Some(k)
                if (k.a, k.b) == (c.a, c.b) && first <= episode_start.saturating_add(window_ms) =>
            {
                let closer = (c.lag_ms(), first, c.post_a, c.post_b)
                    < (k.lag_ms(), k.first_ms(), k.post_a, k.post_b);
                if closer {
                    *k = *c;
                }
            }
            _ => {
                kept.push(*c);
                episode_start = first;
            }
        }
    }
    *coactions = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn act(object: u32, secs: i64, account: u32, post: u32) -> Action {
        Action {
            object,
            time: secs * 1000,
            account,
            post,
        }
    }

    fn config(window_s: i64, cap: usize) -> SweepConfig {
        SweepConfig {
            window_ms: window_s * 1000,
            max_neighbours: cap,
            max_accounts: u32::MAX,
        }
    }

    #[test]
    fn window_is_inclusive() {
        let mut actions = vec![act(0, 0, 0, 0), act(0, 60, 1, 1), act(0, 121, 2, 2)];
        let (r, co) = sweep(Signal::Hashtag, &mut actions, 1, &config(60, 100));
        let co = co.into_batches().concat();
        let pairs: Vec<(u32, u32, i64)> = co.iter().map(|c| (c.a, c.b, c.lag_ms())).collect();
        // 0-1 lag 60 s (== window, kept); 1-2 lag 61 s (dropped); 0-2 lag 121 s (dropped).
        assert_eq!(pairs, vec![(0, 1, 60_000)]);
        assert_eq!(r.object_accounts, vec![3]);
        // One of the three pairs of actions lies within the window.
        assert!((r.object_window_share[0] - 1.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn objects_of_a_crowd_are_not_paired() {
        // Object 0: three accounts within seconds; object 1: two. At most two accounts per
        // object, object 0 is a crowd's: no co-actions, no in-window share, counted.
        let mut actions = vec![
            act(0, 0, 0, 0),
            act(0, 1, 1, 1),
            act(0, 2, 2, 2),
            act(1, 0, 0, 3),
            act(1, 1, 1, 4),
        ];
        let crowd = SweepConfig {
            max_accounts: 2,
            ..config(60, 100)
        };
        let (r, co) = sweep(Signal::Domain, &mut actions, 2, &crowd);
        let co = co.into_batches().concat();
        assert_eq!(
            co.iter().map(|c| (c.object, c.a, c.b)).collect::<Vec<_>>(),
            vec![(1, 0, 1)]
        );
        assert_eq!(r.object_accounts, vec![3, 2]);
        assert_eq!(r.object_window_share, vec![0.0, 1.0]);
        assert_eq!((r.stats.mass_objects, r.stats.pairs_examined), (1, 1));
        assert_eq!(pairs_in_window(&actions, &crowd), 1);
    }

    #[test]
    fn same_account_and_other_objects_do_not_pair() {
        let mut actions = vec![act(0, 0, 5, 0), act(0, 1, 5, 1), act(1, 1, 6, 2)];
        let (r, co) = sweep(Signal::Hashtag, &mut actions, 2, &config(60, 100));
        let co = co.into_batches().concat();
        assert!(co.is_empty());
        assert_eq!(r.stats.shared_objects, 0);
    }

    #[test]
    fn closest_pair_of_actions_is_kept() {
        // Account 0 acts twice on object 0; account 1 once, 5 s after 0's second action.
        let mut actions = vec![act(0, 0, 0, 10), act(0, 30, 0, 11), act(0, 35, 1, 12)];
        let (_, co) = sweep(Signal::Hashtag, &mut actions, 1, &config(60, 100));
        let co = co.into_batches().concat();
        assert_eq!(co.len(), 1);
        let c = co[0];
        assert_eq!((c.post_a, c.post_b, c.lag_ms()), (11, 12, 5_000));
    }

    #[test]
    fn repeated_episodes_count_separately() {
        // Accounts 0 and 1 use hashtag 0 together at 0 s and 5 s, again at 10 s (same episode:
        // it starts within a window of the episode's start), then at 3600 s and 3630 s (a
        // second episode). Window 60 s.
        let mut actions = vec![
            act(0, 0, 0, 0),
            act(0, 5, 1, 1),
            act(0, 10, 0, 2),
            act(0, 3600, 0, 3),
            act(0, 3630, 1, 4),
        ];
        let (_, co) = sweep(Signal::Hashtag, &mut actions, 1, &config(60, 100));
        let co = co.into_batches().concat();
        let got: Vec<(u32, u32, i64)> = co
            .iter()
            .map(|c| (c.post_a, c.post_b, c.lag_ms()))
            .collect();
        // Episode 1: pairs (0,1) lag 5 s and (2,1) lag 5 s: the earliest, (0,1), is kept.
        assert_eq!(got, vec![(0, 1, 5_000), (3, 4, 30_000)]);
    }

    #[test]
    fn viral_cap_bounds_work_and_counts_what_it_skips() {
        // 10 accounts at the same second: 45 action pairs; a cap of 3 examines 0+1+2+3*7 = 24.
        let mut actions: Vec<Action> = (0..10).map(|i| act(0, 0, i, i)).collect();
        let (r, co) = sweep(Signal::Hashtag, &mut actions, 1, &config(10, 3));
        let co = co.into_batches().concat();
        assert_eq!(r.stats.pairs_examined, 24);
        assert_eq!(r.stats.pairs_skipped, 21);
        assert_eq!(r.stats.capped_objects, 1);
        assert_eq!(co.len(), 24);
    }

    #[test]
    fn batches_cover_every_run_once_in_order() {
        // Runs of 3, 1, 4, 1 and 5 actions, batches of at least 4 actions.
        let runs = [(0, 3), (3, 4), (4, 8), (8, 9), (9, 14)];
        let got: Vec<Vec<(usize, usize)>> = batches(&runs, 4).map(<[_]>::to_vec).collect();
        assert_eq!(
            got,
            vec![vec![(0, 3), (3, 4)], vec![(4, 8)], vec![(8, 9), (9, 14)]]
        );
        assert_eq!(batches(&[], 4).count(), 0);
    }

    #[test]
    fn partitions_split_the_pairs_without_changing_the_rest() {
        // 12 accounts on 3 objects within a minute: 3 × 66 co-actions.
        let mut actions: Vec<Action> = (0..36)
            .map(|i| act(i % 3, i64::from(i), i / 3, i))
            .collect();
        actions.sort_unstable();
        let config = config(60, 100);
        let (whole, all) = sweep_sorted(Signal::Link, &actions, 3, &config, PairPartition::WHOLE);
        assert_eq!(
            pairs_in_window(&actions, &config),
            whole.stats.pairs_examined
        );
        let mut parts = Vec::new();
        for index in 0..4 {
            let partition = PairPartition { index, count: 4 };
            let (r, co) = sweep_sorted(Signal::Link, &actions, 3, &config, partition);
            assert_eq!(r.object_accounts, whole.object_accounts);
            assert_eq!(r.object_window_share, whole.object_window_share);
            assert_eq!(r.stats.pairs_examined, whole.stats.pairs_examined);
            let co = co.into_batches().concat();
            assert!(co.iter().all(|c| partition.contains(c.a, c.b)));
            assert!(!co.is_empty() && co.len() < all.len());
            parts.extend(co);
        }
        let mut all = all.into_batches().concat();
        all.sort_unstable();
        parts.sort_unstable();
        assert_eq!(all.len(), 198);
        assert_eq!(parts, all);
    }

    #[test]
    fn a_viral_object_swept_in_slices_gives_what_one_pass_gives() {
        // 100,000 actions of 3,000 accounts on one object over a day: three slices of 32,768
        // and a rest. Accounts come back, so episodes span slices.
        let run = crate::random_object(100_000, 3_000, 86_400, 7);
        let config = config(60, 20);
        let sliced = sweep_object(Signal::Hashtag, &run, &config, PairPartition::WHOLE);
        let mut whole = pair_actions(
            Signal::Hashtag,
            &run,
            0..run.len(),
            &config,
            PairPartition::WHOLE,
        );
        keep_one_per_episode(&mut whole.coactions, config.window_ms);
        assert!(run.len() > 3 * SLICE_ACTIONS);
        assert!(whole.skipped > 0 && whole.coactions.len() > 100_000);
        assert_eq!(
            (sliced.examined, sliced.skipped, sliced.tight_pairs),
            (whole.examined, whole.skipped, whole.tight_pairs)
        );
        assert_eq!(sliced.coactions, whole.coactions);
    }
}
