//! Who acted on objects of which popularity: the per-signal ingredients of the chance model.
//!
//! Objects are grouped into popularity strata by the number `k` of distinct accounts that acted
//! on them (`stratum = ⌊log2 k⌋`, so each stratum spans a factor 2). Under the null model
//! accounts pick objects independently, each in proportion to its popularity within the
//! stratum, and act at times drawn from the object's own time profile (the configuration model
//! of a bipartite account–object graph). Two accounts that acted on `n_a` and `n_b` objects of
//! stratum `g` then co-act on
//!
//! `E_g = n_a n_b Σ_{o∈g} P_o q_o / M_g²`
//!
//! occasions, where `n` counts an account's *actions* on the stratum's objects, `P_o = m_o² −
//! Σ_a m_{o,a}²` the ordered pairs of `o`'s `m_o` actions that two different accounts made,
//! `M_g = Σ_{o∈g} m_o` and `q_o` the share of `o`'s action pairs that lie within the window. If
//! every object of the stratum is acted on once by each of `k` accounts and `q = 1` this is
//! `n_a n_b (k − 1) / (k N_g)`, the hypergeometric mean overlap. Counting actions rather than
//! objects lets an object used again and again (a hashtag, a mention) explain one chance
//! co-action per episode. Busy accounts (large `n`) and popular, bursty objects (large `m`, `q`)
//! thus explain more co-actions.
//!
//! **Strata a group cannot own.** Conditioning on the stratum protects accounts that prefer
//! popular objects, but a group that owns its objects (links nobody else posts, a fresh tag per
//! burst) fills a stratum of its own, where the model expects exactly the overlap the group
//! produced. So a stratum counts only once it holds the actions of at least
//! [`MIN_EFFECTIVE_ACCOUNTS`] effective accounts (the inverse Simpson index of the accounts'
//! action counts in it, `(Σ_a n_a)² / Σ_a n_a²`), and its pairs of actions within the window
//! are those of as many (each account weighed by `Σ_o n_{o,a} (m_o − n_{o,a}) q_o`, its share
//! of `Σ_o P_o q_o`): one-off uses far from anyone add actions but no timing. Thinner strata
//! are merged with their less popular neighbours, and a thin top with the stratum below. A
//! thin run directly below a stratum that stands on its own is not swallowed by it (it would
//! take that stratum's rate): it is weighed on the whole signal, `n_a n_b Σ_{o∈run} P_o q_o /
//! M²` with `n` and `M` the accounts' and the signal's actions on every object (see
//! [`Rates::global`]). In a dump too small for any stratum to qualify, the whole signal is one
//! stratum: the global bipartite configuration model, where the group's objects are weighed
//! against everyone's activity.

use crate::exact_sum::ExactSum;
use lockstep_coaction::ObjectShares;
use lockstep_model::{AccountId, Action, ObjectId};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// The popularity stratum of an object acted on by `k ≥ 1` distinct accounts: `⌊log2 k⌋`.
///
/// The width is a compromise. Strata protect accounts that prefer popular objects: at a factor
/// 4 the busy organic accounts of a 10,000-account dump met on viral objects far beyond the
/// model's expectation (precision 0.49 on a generated dump with planted networks). But an
/// object's popularity also tells whose it is: in a dump made of an operation's categories,
/// each category's objects are reshared by a number of accounts in proportion to its size, so
/// at a factor √2 the largest category (a third of the accounts) owned the strata of its
/// objects and the model expected the overlap it made (31 of its 200 accounts in networks; at a
/// factor 2, 97).
pub fn stratum(k: u32) -> u8 {
    k.max(1).ilog2() as u8
}

/// Per-account, per-stratum action counts of one signal and the stratum rates `C_g`.
///
/// Strata run from 0 to 63 (`k < 2^32`), so the strata an account acted in are one bit mask:
/// two accounts' common strata are the AND of their masks, and a stratum's count is found by
/// counting the mask bits below it, with no search.
#[derive(Debug, Clone, Default)]
pub struct Incidence {
    /// The rates of co-actions within the window.
    rates: Rates,
    /// The rates of co-actions within the tight window, when the signal has a tight look.
    tight: Option<Rates>,
    /// Per account: the strata it acted in, and where its counts start in `counts`.
    accounts: Vec<AccountStrata>,
    /// Actions per (account, stratum), accounts in order, each account's by stratum.
    counts: Vec<u32>,
    /// The signal's actions, and its pairs of actions by different accounts within the window
    /// and within the tight window (the same when there is no tight look).
    totals: (f64, f64, f64),
    /// No stratum, not even the whole signal, holds [`MIN_EFFECTIVE_ACCOUNTS`] effective
    /// accounts, by its actions or by its pairs of actions within the window.
    thin: bool,
}

/// The chance rates of one look (the window, or the tight window) at a signal.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Rates {
    /// `C_g = Σ_{o∈g} P_o q_o / M_g²`, indexed by merged stratum (0 for the strata weighed on
    /// the whole signal).
    pub strata: Vec<f64>,
    /// `G`, the rate of the strata weighed on the whole signal: the objects in thin runs of
    /// strata that a stratum above them would swallow. There a pair expects `n_a n_b G`, with
    /// `n` the accounts' actions on the whole signal: the global configuration model's share
    /// of those objects.
    pub global: f64,
}

impl Rates {
    /// The pair's expected co-actions, `Σ_g n_a,g n_b,g C_g + n_a n_b G`, from each account's
    /// strata mask, actions per stratum and actions on the whole signal.
    pub fn expected(&self, a: (u64, &[u32], u32), b: (u64, &[u32], u32)) -> f64 {
        pair_expected((a.0, a.1), (b.0, b.1), &self.strata)
            + f64::from(a.2) * f64::from(b.2) * self.global
    }
}

/// The strata one account acted in.
#[derive(Debug, Clone, Copy, Default)]
struct AccountStrata {
    mask: u64,
    start: u32,
    total: u32,
}

/// What some of a signal's objects contribute to its [`Incidence`]. Every quantity is a sum
/// over objects, kept exactly, so parts made from any split of the objects and
/// [merged](IncidencePart::merge) give the same incidence, bit for bit, as all the objects at
/// once: a cluster can build it from partitions of the objects.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IncidencePart {
    /// Per raw stratum: the actions `M_g`.
    mass: Vec<u64>,
    /// Per raw stratum: `Σ P_o q_o` within the window.
    pair_mass: Vec<ExactSum>,
    /// Per raw stratum: `Σ P_o q_o` within the tight window.
    tight_mass: Vec<ExactSum>,
    /// (account, raw stratum, actions), sorted, one entry per account and stratum.
    counts: Vec<(AccountId, u8, u32)>,
    /// (account, raw stratum, its in-window pairs), sorted, one entry per account and stratum
    /// with any: `Σ_o n (m − n) q_o` over the stratum's objects, in units of
    /// 1/[`PAIR_WEIGHT_SCALE`] (integers, so that parts add up exactly).
    pair_weights: Vec<(AccountId, u8, u64)>,
    /// With a tight look: (account, its share of the in-window pairs, `Σ_o n (m − n) q_o`),
    /// sorted by account.
    timing: Vec<(AccountId, ExactSum)>,
    /// Whether the signal has a tight look.
    tight_look: bool,
}

impl IncidencePart {
    /// The part of the objects in `sorted_actions` (sorted by object, each object's actions
    /// all there), with what the sweep found of each object; `tight_look` when the signal is
    /// swept at a window longer than the tight window.
    pub fn observe(
        sorted_actions: &[Action],
        shares: impl Fn(ObjectId) -> ObjectShares,
        tight_look: bool,
    ) -> Self {
        let mut part = IncidencePart {
            tight_look,
            ..IncidencePart::default()
        };
        let mut incidences: Vec<(AccountId, u8)> = Vec::with_capacity(sorted_actions.len());
        let mut timing: Vec<(AccountId, f64)> = Vec::new();
        let mut pair_weights: Vec<(AccountId, u8, u64)> = Vec::new();
        let mut run_accounts: Vec<AccountId> = Vec::new();
        for run in sorted_actions.chunk_by(|x, y| x.object == y.object) {
            run_accounts.clear();
            run_accounts.extend(run.iter().map(|a| a.account));
            run_accounts.sort_unstable();
            // Ordered pairs of actions by two different accounts: m² − Σ_a m_a².
            let (mut distinct, mut same_account) = (0u32, 0.0f64);
            for same in run_accounts.chunk_by(|x, y| x == y) {
                distinct += 1;
                same_account += (same.len() as f64).powi(2);
            }
            let object = shares(run[0].object);
            let k = if object.accounts > 0 {
                object.accounts
            } else {
                distinct
            };
            let g = stratum(k);
            let m = run.len() as f64;
            let q = f64::from(object.window);
            let q_tight = if tight_look {
                f64::from(object.tight)
            } else {
                q
            };
            let pairs = m * m - same_account;
            part.add_object(g, run.len() as u64, pairs * q, pairs * q_tight);
            if q > 0.0 && pairs > 0.0 {
                for same in run_accounts.chunk_by(|x, y| x == y) {
                    let n = same.len() as f64;
                    let weight = n * (m - n) * q;
                    if tight_look {
                        timing.push((same[0], weight));
                    }
                    let scaled = (weight * PAIR_WEIGHT_SCALE).round() as u64;
                    if scaled > 0 {
                        pair_weights.push((same[0], g, scaled));
                    }
                }
            }
            incidences.extend(run_accounts.iter().map(|&a| (a, g)));
        }
        incidences.par_sort_unstable();
        part.counts = incidences
            .chunk_by(|x, y| x == y)
            .map(|same| (same[0].0, same[0].1, same.len() as u32))
            .collect();
        pair_weights.par_sort_unstable_by_key(|&(a, g, _)| (a, g));
        part.pair_weights = pair_weights
            .chunk_by(|x, y| (x.0, x.1) == (y.0, y.1))
            .map(|same| {
                let total = same.iter().fold(0u64, |t, w| t.saturating_add(w.2));
                (same[0].0, same[0].1, total)
            })
            .collect();
        timing.par_sort_unstable_by_key(|&(a, _)| a);
        part.timing = timing
            .chunk_by(|x, y| x.0 == y.0)
            .map(|same| {
                let mut sum = ExactSum::default();
                same.iter().for_each(|&(_, w)| sum.add(w));
                (same[0].0, sum)
            })
            .collect();
        part
    }

    fn add_object(&mut self, g: u8, actions: u64, pairs_in_window: f64, pairs_tight: f64) {
        let g = g as usize;
        if self.mass.len() <= g {
            self.mass.resize(g + 1, 0);
            self.pair_mass.resize(g + 1, ExactSum::default());
            self.tight_mass.resize(g + 1, ExactSum::default());
        }
        self.mass[g] += actions;
        self.pair_mass[g].add(pairs_in_window);
        self.tight_mass[g].add(pairs_tight);
    }

    /// Adds the objects of `other`, a part of the same signal with none of this part's objects.
    pub fn merge(&mut self, other: &IncidencePart) {
        for (g, &m) in other.mass.iter().enumerate() {
            self.add_object(g as u8, m, 0.0, 0.0);
            self.pair_mass[g].merge(&other.pair_mass[g]);
            self.tight_mass[g].merge(&other.tight_mass[g]);
        }
        self.tight_look |= other.tight_look;
        self.counts = merge_sorted(
            std::mem::take(&mut self.counts),
            &other.counts,
            |c| (c.0, c.1),
            |x, y| x.2 += y.2,
        );
        self.pair_weights = merge_sorted(
            std::mem::take(&mut self.pair_weights),
            &other.pair_weights,
            |w| (w.0, w.1),
            |x, y| x.2 = x.2.saturating_add(y.2),
        );
        self.timing = merge_sorted(
            std::mem::take(&mut self.timing),
            &other.timing,
            |t| t.0,
            |x, y| x.1.merge(&y.1),
        );
    }
}

/// Merges two lists sorted by `key`, combining the entries with equal keys.
fn merge_sorted<T: Clone, K: Ord>(
    left: Vec<T>,
    right: &[T],
    key: impl Fn(&T) -> K,
    combine: impl Fn(&mut T, &T),
) -> Vec<T> {
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut right = right.iter().peekable();
    for x in left {
        while let Some(y) = right.next_if(|y| key(y) < key(&x)) {
            out.push(y.clone());
        }
        let mut x = x;
        if let Some(y) = right.next_if(|y| key(y) == key(&x)) {
            combine(&mut x, y);
        }
        out.push(x);
    }
    out.extend(right.cloned());
    out
}

impl Incidence {
    /// Builds the incidence of one signal from its actions, sorted by object (as the sweep
    /// leaves them), the number of distinct accounts per object and each object's share of
    /// action pairs within the window and, for a tight look, within the tight window (empty:
    /// no tight look).
    pub fn new(
        n_accounts: usize,
        sorted_actions: &[Action],
        object_accounts: &[u32],
        window_share: &[f32],
        tight_share: &[f32],
    ) -> Self {
        let share = |shares: &[f32], o: ObjectId| shares.get(o as usize).copied().unwrap_or(0.0);
        let part = IncidencePart::observe(
            sorted_actions,
            |o| ObjectShares {
                accounts: object_accounts.get(o as usize).copied().unwrap_or(0),
                window: share(window_share, o),
                tight: share(tight_share, o),
            },
            !tight_share.is_empty(),
        );
        Self::from_part(n_accounts, &part)
    }

    /// Builds the incidence of one signal from the part of all its objects.
    pub fn from_part(n_accounts: usize, part: &IncidencePart) -> Self {
        let raw = RawStrata {
            mass: part.mass.iter().map(|&m| m as f64).collect(),
            pair_mass: part.pair_mass.iter().map(ExactSum::value).collect(),
            tight_mass: part.tight_mass.iter().map(ExactSum::value).collect(),
        };
        let merged = raw.merge(&part.counts, &part.pair_weights, n_accounts);
        let rates = merged.rates(&merged.pair_mass);
        // A tight look only where a few accounts made the in-window pairs: then a group may
        // have set its objects' timing, and the window's rates with it. Where the timing is
        // that of many, a second look would only spend power.
        let (sum, sum_sq) = part
            .timing
            .iter()
            .filter(|(a, _)| (*a as usize) < n_accounts)
            .map(|(_, w)| w.value())
            .fold((0.0, 0.0), |(s, q), w| (s + w, q + w * w));
        let few_timers = sum_sq > 0.0 && sum * sum / sum_sq < MIN_EFFECTIVE_ACCOUNTS;
        let tight = (part.tight_look && few_timers).then(|| merged.rates(&merged.tight_mass));
        let mut accounts = vec![AccountStrata::default(); n_accounts];
        let mut counts: Vec<u32> = Vec::new();
        for run in part.counts.chunk_by(|x, y| x.0 == y.0) {
            let a = run[0].0;
            let Some(entry) = accounts.get_mut(a as usize) else {
                continue;
            };
            entry.start = u32::try_from(counts.len()).unwrap_or(u32::MAX);
            entry.total = run.iter().fold(0u32, |t, c| t.saturating_add(c.2));
            for same in run.chunk_by(|x, y| merged.of[x.1 as usize] == merged.of[y.1 as usize]) {
                entry.mask |= 1 << merged.of[same[0].1 as usize];
                counts.push(same.iter().fold(0u32, |t, c| t.saturating_add(c.2)));
            }
        }
        Self {
            rates,
            tight,
            accounts,
            counts,
            totals: (
                merged.mass.iter().sum(),
                merged.pair_mass.iter().sum(),
                merged.tight_mass.iter().sum(),
            ),
            thin: merged.thin,
        }
    }

    /// The signal's actions, and its pairs of actions by different accounts within the window
    /// and within the tight window.
    pub fn totals(&self) -> (f64, f64, f64) {
        self.totals
    }

    /// Replaces the rates of a thin signal with `rate` and `tight_rate`: one whose whole
    /// activity, or whose every pair of actions within the window, is that of fewer than
    /// [`MIN_EFFECTIVE_ACCOUNTS`] effective accounts (one stratum), so that its own rate says
    /// more about them than about chance. Other signals keep their rates.
    pub fn set_thin_rate(&mut self, rate: f64, tight_rate: f64) {
        if self.thin {
            let n = self.rates.strata.len().max(1);
            self.rates.strata = vec![rate; n];
            if let Some(tight) = &mut self.tight {
                tight.strata = vec![tight_rate; n];
            }
        }
    }

    /// The rates within the window.
    pub fn rates(&self) -> &Rates {
        &self.rates
    }

    /// The rates within the tight window, when the signal has a tight look: its window is
    /// longer than the tight window and its pairs of actions within the window are those of
    /// fewer than [`MIN_EFFECTIVE_ACCOUNTS`] effective accounts (each weighed by its share of
    /// them), so that a group may have set the timing of its objects and its rates with it.
    pub fn tight_rates(&self) -> Option<&Rates> {
        self.tight.as_ref()
    }

    /// The actions of `account` on the whole signal.
    pub fn total_of(&self, account: AccountId) -> u32 {
        self.accounts.get(account as usize).map_or(0, |s| s.total)
    }

    /// (stratum, actions) of `account`, by stratum.
    pub fn actions_of(&self, account: AccountId) -> Vec<(u8, u32)> {
        let (mask, counts) = self.strata_of(account);
        strata(mask)
            .map(|g| g as u8)
            .zip(counts.iter().copied())
            .collect()
    }

    /// The strata `account` acted in, as a mask, and its actions in each, by stratum.
    pub fn strata_of(&self, account: AccountId) -> (u64, &[u32]) {
        match self.accounts.get(account as usize) {
            Some(s) => {
                let start = s.start as usize;
                (
                    s.mask,
                    &self.counts[start..start + s.mask.count_ones() as usize],
                )
            }
            None => (0, &[]),
        }
    }

    /// Co-actions of `a` and `b` within the window expected by chance before the rhythm
    /// correction: `Σ_g n_a,g n_b,g C_g + n_a n_b G`.
    pub fn expected(&self, a: AccountId, b: AccountId) -> f64 {
        let ((mask_a, counts_a), (mask_b, counts_b)) = (self.strata_of(a), self.strata_of(b));
        self.rates.expected(
            (mask_a, counts_a, self.total_of(a)),
            (mask_b, counts_b, self.total_of(b)),
        )
    }
}

/// `Σ_g n_a,g n_b,g C_g` over the strata two accounts share, from each account's strata mask
/// and its actions in each of them (by stratum), and the stratum rates `C_g`.
pub fn pair_expected(a: (u64, &[u32]), b: (u64, &[u32]), rates: &[f64]) -> f64 {
    let rank = |mask: u64, g: usize| (mask & ((1u64 << g) - 1)).count_ones() as usize;
    strata(a.0 & b.0)
        .map(|g| f64::from(a.1[rank(a.0, g)]) * f64::from(b.1[rank(b.0, g)]) * rates[g])
        .sum()
}

/// The smallest effective number of accounts, `(Σ_a n_a)² / Σ_a n_a²`, whose actions a stratum
/// must hold before its rate is trusted; thinner strata are merged with their neighbours.
pub const MIN_EFFECTIVE_ACCOUNTS: f64 = 64.0;

/// Per popularity stratum: actions `M_g` and pairs of actions by different accounts within the
/// window and within the tight window.
#[derive(Debug, Default)]
struct RawStrata {
    mass: Vec<f64>,
    pair_mass: Vec<f64>,
    tight_mass: Vec<f64>,
}

/// Popularity strata merged until none is dominated by a few accounts.
struct MergedStrata {
    /// The merged stratum of each raw stratum.
    of: [u8; 64],
    mass: Vec<f64>,
    pair_mass: Vec<f64>,
    tight_mass: Vec<f64>,
    /// The merged strata weighed on the signal's whole activity.
    global: Vec<u8>,
    /// No stratum reached the threshold, by actions or by pairs within the window: everything
    /// is one stratum.
    thin: bool,
}

impl RawStrata {
    /// Merges consecutive strata, from the least popular up, until each holds the actions of
    /// at least [`MIN_EFFECTIVE_ACCOUNTS`] effective accounts, and its pairs of actions within
    /// the window are those of as many; a thin last stratum joins the one before. `counts` are
    /// the (account, raw stratum, actions) and `pair_weights` the (account, raw stratum,
    /// in-window pairs), sorted.
    ///
    /// A group that owns its objects (links only it posts, a fresh tag per burst) makes a
    /// popularity stratum of its own: within it the configuration model, conditioned on each
    /// member spending its actions there, expects the overlap the group produced. Merged with
    /// enough independent activity, the group's objects are a small part of the stratum and its
    /// members' overlap is weighed against everyone's. Accounts that act once and never meet
    /// anyone within the window add actions but no timing: in a four-day dump, 25 accounts
    /// using a fresh tag per burst shared their stratum with 363 scattered uses of 12 other
    /// tags, enough effective accounts by actions (71), while every in-window pair of it was
    /// the push's, and its rate expected a third of the push's co-actions.
    fn merge(
        &self,
        counts: &[(AccountId, u8, u32)],
        pair_weights: &[(AccountId, u8, u64)],
        n_accounts: usize,
    ) -> MergedStrata {
        let n_raw = self.mass.len();
        // Accounts acting in each raw stratum, with their actions and in-window pairs there.
        let mut actions_by: Vec<Vec<(AccountId, f64)>> = vec![Vec::new(); n_raw];
        for &(a, g, n) in counts {
            actions_by[g as usize].push((a, f64::from(n)));
        }
        let mut pairs_by: Vec<Vec<(AccountId, f64)>> = vec![Vec::new(); n_raw];
        for &(a, g, w) in pair_weights {
            if let Some(by) = pairs_by.get_mut(g as usize) {
                by.push((a, w as f64));
            }
        }
        let stands_alone = |actions: &[(AccountId, f64)], pairs: &[(AccountId, f64)]| {
            effective_accounts(actions) >= MIN_EFFECTIVE_ACCOUNTS
                && (pairs.is_empty() || effective_accounts(pairs) >= MIN_EFFECTIVE_ACCOUNTS)
        };
        let mut of = [0u8; 64];
        let (mut actions, mut pairs) = (
            Concentration::new(n_accounts),
            Concentration::new(n_accounts),
        );
        let mut next = 0u8;
        let mut closed_at = Vec::new();
        let mut global = Vec::new();
        for g in 0..n_raw {
            if !actions.is_empty() && stands_alone(&actions_by[g], &pairs_by[g]) {
                // The thin run below a stratum that stands on its own would be swallowed by
                // it and take its rate: weigh the run on the signal's whole activity instead.
                global.push(next);
                actions.clear();
                pairs.clear();
                next += 1;
            }
            of[g] = next;
            actions.add(&actions_by[g]);
            pairs.add(&pairs_by[g]);
            let timed_by_many = pairs.is_empty() || pairs.effective() >= MIN_EFFECTIVE_ACCOUNTS;
            if !actions.is_empty() && actions.effective() >= MIN_EFFECTIVE_ACCOUNTS && timed_by_many
            {
                closed_at.push(g);
                actions.clear();
                pairs.clear();
                next += 1;
            }
        }
        // Strata after the last closed one are too thin on their own: they join it.
        if let Some(&last) = closed_at.last() {
            for g in last + 1..n_raw {
                of[g] = of[last];
            }
        }
        let n_merged = of[..n_raw].iter().max().map_or(0, |&m| m as usize + 1);
        let mut mass = vec![0.0; n_merged];
        let (mut pair_mass, mut tight_mass) = (mass.clone(), mass.clone());
        for g in 0..n_raw {
            mass[of[g] as usize] += self.mass[g];
            pair_mass[of[g] as usize] += self.pair_mass[g];
            tight_mass[of[g] as usize] += self.tight_mass[g];
        }
        MergedStrata {
            of,
            mass,
            pair_mass,
            tight_mass,
            global,
            thin: closed_at.is_empty(),
        }
    }
}

impl MergedStrata {
    /// The rates of one look from its pair mass per merged stratum: `C_g = Σ_{o∈g} pairs_o q_o /
    /// M_g²`, 0 for the strata weighed on the whole signal, whose pairs make `G = Σ pairs_o q_o
    /// / M²` with `M` the whole signal's actions.
    fn rates(&self, pair_mass: &[f64]) -> Rates {
        let strata = (0..self.mass.len())
            .map(|g| {
                let (p, m) = (pair_mass[g], self.mass[g]);
                if m > 0.0 && !self.global.contains(&(g as u8)) {
                    p / (m * m)
                } else {
                    0.0
                }
            })
            .collect();
        let total: f64 = self.mass.iter().sum();
        let global = if total > 0.0 {
            self.global
                .iter()
                .map(|&g| pair_mass[g as usize])
                .sum::<f64>()
                / (total * total)
        } else {
            0.0
        };
        Rates { strata, global }
    }
}

/// Scale of the in-window pair weights kept per account and stratum: `1/1024` of a pair.
const PAIR_WEIGHT_SCALE: f64 = 1024.0;

/// How a merged run of strata is spread over accounts: each account's running total of some
/// quantity (actions, in-window pairs), only for the accounts in the run, and the sums behind
/// `(Σ_a x_a)² / Σ_a x_a²`.
struct Concentration {
    n_accounts: usize,
    current: FxHashMap<AccountId, f64>,
    sum: f64,
    sum_sq: f64,
}

impl Concentration {
    fn new(n_accounts: usize) -> Self {
        Self {
            n_accounts,
            current: FxHashMap::default(),
            sum: 0.0,
            sum_sq: 0.0,
        }
    }

    /// Adds one raw stratum's (account, amount) pairs.
    fn add(&mut self, amounts: &[(AccountId, f64)]) {
        for &(a, x) in amounts {
            if a as usize >= self.n_accounts {
                continue;
            }
            let c = self.current.entry(a).or_insert(0.0);
            let (before, after) = (*c, *c + x);
            self.sum_sq += after * after - before * before;
            self.sum += x;
            *c = after;
        }
    }

    fn is_empty(&self) -> bool {
        self.sum <= 0.0
    }

    /// The effective number of accounts of the run so far.
    fn effective(&self) -> f64 {
        if self.sum_sq > 0.0 {
            self.sum * self.sum / self.sum_sq
        } else {
            0.0
        }
    }

    fn clear(&mut self) {
        self.current.clear();
        (self.sum, self.sum_sq) = (0.0, 0.0);
    }
}

/// The effective number of accounts, `(Σ_a x_a)² / Σ_a x_a²`, of (account, amount) pairs.
fn effective_accounts(accounts: &[(AccountId, f64)]) -> f64 {
    let (sum, sum_sq) = accounts
        .iter()
        .fold((0.0, 0.0), |(s, q), &(_, x)| (s + x, q + x * x));
    if sum_sq > 0.0 {
        sum * sum / sum_sq
    } else {
        0.0
    }
}

/// The strata set in `mask`, in increasing order.
fn strata(mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if mask == 0 {
            return None;
        }
        let g = mask.trailing_zeros() as usize;
        mask &= mask - 1;
        Some(g)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn act(object: u32, account: u32) -> Action {
        Action {
            object,
            time: 0,
            account,
            post: 0,
        }
    }

    #[test]
    fn strata_span_powers_of_two() {
        assert_eq!(
            [1, 2, 3, 4, 5, 7, 8, 15, 16, 1023, 1024].map(stratum),
            [0, 1, 1, 2, 2, 2, 3, 3, 4, 9, 10]
        );
    }

    #[test]
    fn expected_overlap_by_hand() {
        // Four objects with two accounts each (stratum 1): 0:{0,1} 1:{0,2} 2:{1,2} 3:{0,3}.
        // q = 1 for objects 0-2, 0.5 for object 3. Pair mass = 2·1·(1+1+1+0.5) = 7, M = 8,
        // C_1 = 7/64. Account 0 has 3 objects, account 1 has 2: E(0,1) = 3·2·7/64 = 0.65625.
        let actions = vec![
            act(0, 0),
            act(0, 1),
            act(1, 0),
            act(1, 2),
            act(2, 1),
            act(2, 2),
            act(3, 0),
            act(3, 3),
        ];
        // Four accounts are too few for a stratum of their own: all objects form one.
        let inc = Incidence::new(4, &actions, &[2, 2, 2, 2], &[1.0, 1.0, 1.0, 0.5], &[]);
        assert!((inc.rates().strata[0] - 7.0 / 64.0).abs() < 1e-12);
        assert!((inc.expected(0, 1) - 0.65625).abs() < 1e-12);
        assert_eq!(inc.actions_of(3), vec![(0, 1)]);
        // An account that never acted expects nothing.
        assert_eq!(inc.expected(0, 7), 0.0);
    }

    #[test]
    fn a_group_cannot_own_a_stratum() {
        // 200 accounts act once each on 100 objects of 2 accounts (stratum 1, effective
        // accounts 200); a cell of 4 accounts acts on 60 objects of its own (stratum 2,
        // effective accounts 4). The cell's stratum is too thin and joins stratum 1:
        // M = 200 + 240 = 440, pair mass = 100·2 + 60·(16 − 4) = 920, C = 920 / 440².
        let mut actions = Vec::new();
        for o in 0..100 {
            actions.extend([act(o, 2 * o), act(o, 2 * o + 1)]);
        }
        for o in 100..160 {
            actions.extend((200..204).map(|a| act(o, a)));
        }
        let mut object_accounts = vec![2; 100];
        object_accounts.extend([4; 60]);
        let inc = Incidence::new(204, &actions, &object_accounts, &[1.0; 160], &[]);
        assert_eq!(inc.rates().strata.len(), 1);
        let c = 920.0 / (440.0f64 * 440.0);
        assert!((inc.expected(200, 201) - 3600.0 * c).abs() < 1e-9);
        // Left on its own the stratum would expect 60·60·(60·12)/240² = 45 of the 60 co-actions.
        assert!(inc.expected(200, 201) < 20.0);

        // With 300 accounts in each of two strata, both stand on their own.
        let mut actions = Vec::new();
        for o in 0..150 {
            actions.extend([act(o, 2 * o), act(o, 2 * o + 1)]);
        }
        for o in 150..225 {
            actions.extend((0..4).map(|i| act(o, 300 + 4 * (o - 150) + i)));
        }
        let mut object_accounts = vec![2; 150];
        object_accounts.extend([4; 75]);
        let inc = Incidence::new(600, &actions, &object_accounts, &[1.0; 225], &[]);
        assert_eq!(inc.rates().strata.len(), 2);
        assert_eq!(inc.actions_of(301), vec![(1, 1)]);
    }

    #[test]
    fn a_stratum_whose_pairs_in_the_window_are_one_groups_does_not_stand() {
        // A push of 25 accounts uses 20 tags of its own, everyone within the window (q = 1).
        // 360 accounts use 12 other tags of that popularity once each, far apart (q = 0). By
        // actions the stratum (16–31 accounts) holds (500 + 360)² / (25·20² + 360) = 71.4
        // effective accounts, but every pair within the window is the push's (25 effective
        // accounts). Standing alone it would expect 20·20·12,000 / 860² = 6.5 of a push pair's
        // 20 co-actions. Below a crowd stratum that stands (100 accounts on 10 tags, q = 0.1)
        // it is weighed on the whole signal: G = 12,000 / 1,860².
        let mut actions = Vec::new();
        for o in 0..20 {
            actions.extend((0..25).map(|a| act(o, a)));
        }
        for i in 0..12 {
            actions.extend((0..30).map(|j| act(20 + i, 25 + 30 * i + j)));
        }
        for o in 32..42 {
            actions.extend((385..485).map(|a| act(o, a)));
        }
        let mut object_accounts = vec![25; 20];
        object_accounts.extend([30; 12]);
        object_accounts.extend([100; 10]);
        let mut shares = vec![1.0; 20];
        shares.extend([0.0; 12]);
        shares.extend([0.1; 10]);
        let inc = Incidence::new(485, &actions, &object_accounts, &shares, &[]);
        let g = 12_000.0 / (1_860.0f64 * 1_860.0);
        assert!((inc.rates().global - g).abs() < 1e-15);
        assert!((inc.expected(0, 1) - 400.0 * g).abs() < 1e-9);
        assert!(inc.expected(0, 1) < 2.0);
        // The scattered uses alone leave the stratum standing by actions as before: with the
        // push's pairs spread over time too, it keeps its own rate (no pairs, no timing to own).
        let inc = Incidence::new(
            485,
            &actions,
            &object_accounts,
            &[vec![0.0; 32], vec![0.1; 10]].concat(),
            &[],
        );
        assert_eq!(inc.rates().strata.len(), 2);
        assert_eq!(inc.rates().global, 0.0);
    }

    #[test]
    fn a_thin_run_below_a_crowd_is_weighed_on_the_whole_signal() {
        // Object 0: 100 accounts acting 10 times each (stratum 6, 100 effective accounts, a
        // stratum of its own). Objects 1-60: a cell of 4 accounts, once each (stratum 2, thin).
        // Merged, the cell would take the crowd's rate (E ≈ 2,320 of its 60 co-actions). Weighed
        // on the whole signal: M = 1000 + 240, pair mass 60·(16 − 4) = 720, G = 720 / 1240².
        let mut actions = Vec::new();
        for a in 0..100 {
            actions.extend((0..10).map(|_| act(0, a)));
        }
        for o in 1..=60 {
            actions.extend((100..104).map(|a| act(o, a)));
        }
        let mut object_accounts = vec![100];
        object_accounts.extend([4; 60]);
        let inc = Incidence::new(104, &actions, &object_accounts, &[1.0; 61], &[]);
        let g = 720.0 / (1240.0f64 * 1240.0);
        assert!((inc.rates().global - g).abs() < 1e-15);
        assert_eq!(inc.total_of(100), 60);
        assert!((inc.expected(100, 101) - 3600.0 * g).abs() < 1e-9);
        // The crowd keeps its own rate, C = (1000² − 100·10²) / 1000² = 0.99, plus the global
        // term every pair carries.
        assert!((inc.expected(0, 1) - (100.0 * 0.99 + 100.0 * g)).abs() < 1e-9);
        assert!((inc.expected(0, 100) - 600.0 * g).abs() < 1e-12);
    }

    #[test]
    fn a_tight_look_where_few_accounts_set_the_timing() {
        // Six accounts act on one object ten times each (q = 0.5 within the window, 0.125 within
        // the tight one): its pairs are theirs alone, so the signal gets a tight look, with
        // C = (60² − 6·10²)·0.125 / 60² = 0.1042.
        let actions: Vec<Action> = (0..6)
            .flat_map(|a| (0..10).map(move |_| act(0, a)))
            .collect();
        let inc = Incidence::new(6, &actions, &[6], &[0.5], &[0.125]);
        let tight = inc.tight_rates().expect("a tight look");
        assert!((tight.strata[0] - 3000.0 * 0.125 / 3600.0).abs() < 1e-12);
        assert!((inc.rates().strata[0] - 3000.0 * 0.5 / 3600.0).abs() < 1e-12);
        // 100 accounts acting once on each of 50 objects: the timing of many, no tight look.
        let actions: Vec<Action> = (0..50)
            .flat_map(|o| (0..100).map(move |a| act(o, a)))
            .collect();
        let inc = Incidence::new(100, &actions, &[100; 50], &[0.5; 50], &[0.1; 50]);
        assert!(inc.tight_rates().is_none());
        // Without tight shares (a window no longer than a minute) there is none either.
        let inc = Incidence::new(6, &[act(0, 0), act(0, 1)], &[2], &[1.0], &[]);
        assert!(inc.tight_rates().is_none());
    }

    #[test]
    fn parts_of_the_objects_merge_into_the_whole() {
        // 300 accounts on 400 objects of every popularity, with uneven shares and a tight look,
        // made deterministically (a multiplicative hash picks the accounts).
        let mut actions = Vec::new();
        let mut shares = Vec::new();
        for o in 0..400u32 {
            let k = 1 + (o * o) % 97;
            for i in 0..k {
                let a = (o.wrapping_mul(2_654_435_761) >> 7).wrapping_add(i * 37) % 300;
                actions.push(act(o, a));
                if i % 3 == 0 {
                    actions.push(act(o, a));
                }
            }
            let q = 1.0 / (1.0 + f32::from(u16::try_from(o % 13).unwrap()));
            shares.push(ObjectShares {
                accounts: 0,
                window: q,
                tight: q / 7.0,
            });
        }
        actions.sort_unstable();
        let shares_of = |o: ObjectId| shares[o as usize];
        let whole = Incidence::from_part(300, &IncidencePart::observe(&actions, shares_of, true));
        // The objects split at uneven boundaries into four parts, merged in another order.
        let cut = |o: u32| actions.partition_point(|x| x.object < o);
        let bounds = [0, cut(3), cut(150), cut(151), actions.len()];
        let parts: Vec<IncidencePart> = bounds
            .windows(2)
            .map(|w| IncidencePart::observe(&actions[w[0]..w[1]], shares_of, true))
            .collect();
        let mut merged = parts[3].clone();
        for p in [&parts[1], &parts[0], &parts[2]] {
            merged.merge(p);
        }
        let split = Incidence::from_part(300, &merged);
        assert_eq!(split.rates().strata.len(), whole.rates().strata.len());
        assert!(whole.rates().strata.len() > 1, "several strata");
        for (x, y) in split.rates().strata.iter().zip(&whole.rates().strata) {
            assert_eq!(x.to_bits(), y.to_bits());
        }
        assert_eq!(
            split.rates().global.to_bits(),
            whole.rates().global.to_bits()
        );
        assert_eq!(
            split.tight_rates().map(|r| r.strata.clone()),
            whole.tight_rates().map(|r| r.strata.clone())
        );
        assert_eq!(split.totals(), whole.totals());
        for a in 0..300 {
            assert_eq!(split.actions_of(a), whole.actions_of(a));
            assert_eq!(
                split.expected(a, (a + 1) % 300).to_bits(),
                whole.expected(a, (a + 1) % 300).to_bits()
            );
        }
    }

    #[test]
    fn repeated_actions_all_count() {
        // Account 0 acts three times on object 0, account 1 once: m = 4 actions, k = 2
        // accounts, q = 1. Pairs by different accounts: 4² − 3² − 1² = 6, so C = 6 / 4² =
        // 0.375; E(0,1) = 3·1·0.375 = 1.125 (the 3·1 cross pairs, as ordered pairs over M²).
        let actions = vec![act(0, 0), act(0, 0), act(0, 0), act(0, 1)];
        let inc = Incidence::new(2, &actions, &[2], &[1.0], &[]);
        assert_eq!(inc.actions_of(0), vec![(0, 3)]);
        assert!((inc.expected(0, 1) - 1.125).abs() < 1e-12);
    }
}
