//! Who acted on objects of which popularity: the per-signal ingredients of the chance model.
//!
//! Objects are grouped into popularity strata by the number `k` of distinct accounts that acted
//! on them (`stratum = ⌊2 log2 k⌋`, so each stratum spans a factor √2). Under the null model
//! accounts pick objects independently, each in proportion to its popularity within the
//! stratum, and act at times drawn from the object's own time profile (the configuration model
//! of a bipartite account–object graph). Two accounts that acted on `n_a` and `n_b` objects of
//! stratum `g` then co-act on
//!
//! `E_g = n_a n_b Σ_{o∈g} m_o (m_o − 1) q_o / M_g²`
//!
//! occasions, where `n` counts an account's *actions* on the stratum's objects, `m_o` the actions
//! on object `o`, `M_g = Σ_{o∈g} m_o` and `q_o` the share of `o`'s action pairs that lie within
//! the window. If every object of the stratum is acted on once by each of `k` accounts and
//! `q = 1` this is `n_a n_b (k − 1) / (k N_g)`, the hypergeometric mean overlap. Counting actions
//! rather than objects lets an object used again and again (a hashtag, a mention) explain one
//! chance co-action per episode. Busy accounts (large `n`) and popular, bursty objects (large
//! `m`, `q`) thus explain more co-actions.

use lockstep_model::{AccountId, Action};
use rayon::prelude::*;

/// The popularity stratum of an object acted on by `k ≥ 1` distinct accounts.
pub fn stratum(k: u32) -> u8 {
    (2.0 * f64::from(k.max(1)).log2()).floor() as u8
}

/// Per-account, per-stratum action counts of one signal and the stratum rates `C_g`.
///
/// Strata run from 0 to 63 (`k < 2^32`), so the strata an account acted in are one bit mask:
/// two accounts' common strata are the AND of their masks, and a stratum's count is found by
/// counting the mask bits below it, with no search.
#[derive(Debug, Clone, Default)]
pub struct Incidence {
    /// `C_g = Σ_{o∈g} m_o (m_o − 1) q_o / M_g²`, indexed by stratum.
    rates: Vec<f64>,
    /// Per account: the strata it acted in, and where its counts start in `counts`.
    accounts: Vec<AccountStrata>,
    /// Actions per (account, stratum), accounts in order, each account's by stratum.
    counts: Vec<u32>,
}

/// The strata one account acted in.
#[derive(Debug, Clone, Copy, Default)]
struct AccountStrata {
    mask: u64,
    start: u32,
}

impl Incidence {
    /// Builds the incidence of one signal from its actions, sorted by object (as the sweep
    /// leaves them), the number of distinct accounts per object and each object's in-window
    /// share of action pairs.
    pub fn new(
        n_accounts: usize,
        sorted_actions: &[Action],
        object_accounts: &[u32],
        window_share: &[f32],
    ) -> Self {
        let mut pair_mass = Vec::<f64>::new();
        let mut mass = Vec::<f64>::new();
        let mut incidences: Vec<(AccountId, u8)> = Vec::with_capacity(sorted_actions.len());
        let mut run_accounts: Vec<AccountId> = Vec::new();
        let mut start = 0;
        while start < sorted_actions.len() {
            let object = sorted_actions[start].object;
            let mut end = start;
            run_accounts.clear();
            while end < sorted_actions.len() && sorted_actions[end].object == object {
                run_accounts.push(sorted_actions[end].account);
                end += 1;
            }
            let k = object_accounts
                .get(object as usize)
                .copied()
                .unwrap_or_else(|| {
                    let mut distinct = run_accounts.clone();
                    distinct.sort_unstable();
                    distinct.dedup();
                    distinct.len() as u32
                });
            let g = stratum(k) as usize;
            if pair_mass.len() <= g {
                pair_mass.resize(g + 1, 0.0);
                mass.resize(g + 1, 0.0);
            }
            let m = (end - start) as f64;
            let q = f64::from(window_share.get(object as usize).copied().unwrap_or(0.0));
            pair_mass[g] += m * (m - 1.0) * q;
            mass[g] += m;
            incidences.extend(run_accounts.iter().map(|&a| (a, g as u8)));
            start = end;
        }
        let rates = pair_mass
            .iter()
            .zip(&mass)
            .map(|(&p, &m)| if m > 0.0 { p / (m * m) } else { 0.0 })
            .collect();
        incidences.par_sort_unstable();
        let mut accounts = vec![AccountStrata::default(); n_accounts];
        let mut counts: Vec<u32> = Vec::new();
        let mut i = 0;
        while i < incidences.len() {
            let (a, g) = incidences[i];
            let mut j = i;
            while j < incidences.len() && incidences[j] == (a, g) {
                j += 1;
            }
            if let Some(entry) = accounts.get_mut(a as usize) {
                if entry.mask == 0 {
                    entry.start = u32::try_from(counts.len()).unwrap_or(u32::MAX);
                }
                entry.mask |= 1 << g;
                counts.push((j - i) as u32);
            }
            i = j;
        }
        Self {
            rates,
            accounts,
            counts,
        }
    }

    /// The stratum rates `C_g`.
    pub fn rates(&self) -> &[f64] {
        &self.rates
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

    /// Co-actions of `a` and `b` expected by chance before the rhythm correction:
    /// `Σ_g n_a,g n_b,g C_g`.
    pub fn expected(&self, a: AccountId, b: AccountId) -> f64 {
        let ((mask_a, counts_a), (mask_b, counts_b)) = (self.strata_of(a), self.strata_of(b));
        pair_expected((mask_a, counts_a), (mask_b, counts_b), &self.rates)
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
    fn strata_span_half_powers_of_two() {
        assert_eq!(
            [1, 2, 3, 4, 5, 6, 8, 11, 12, 1024].map(stratum),
            [0, 2, 3, 4, 4, 5, 6, 6, 7, 20]
        );
    }

    #[test]
    fn expected_overlap_by_hand() {
        // Four objects with two accounts each (stratum 2): 0:{0,1} 1:{0,2} 2:{1,2} 3:{0,3}.
        // q = 1 for objects 0-2, 0.5 for object 3. Pair mass = 2·1·(1+1+1+0.5) = 7, M = 8,
        // C_2 = 7/64. Account 0 has 3 objects, account 1 has 2: E(0,1) = 3·2·7/64 = 0.65625.
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
        let inc = Incidence::new(4, &actions, &[2, 2, 2, 2], &[1.0, 1.0, 1.0, 0.5]);
        assert!((inc.rates()[2] - 7.0 / 64.0).abs() < 1e-12);
        assert!((inc.expected(0, 1) - 0.65625).abs() < 1e-12);
        assert_eq!(inc.actions_of(3), vec![(2, 1)]);
        // An account that never acted expects nothing.
        assert_eq!(inc.expected(0, 7), 0.0);
    }

    #[test]
    fn repeated_actions_all_count() {
        // Account 0 acts three times on object 0, account 1 once: m = 4 actions, k = 2
        // accounts (stratum 2), q = 1. C_2 = 4·3·1 / 4² = 0.75; E(0,1) = 3·1·0.75 = 2.25.
        let actions = vec![act(0, 0), act(0, 0), act(0, 0), act(0, 1)];
        let inc = Incidence::new(2, &actions, &[2], &[1.0]);
        assert_eq!(inc.actions_of(0), vec![(2, 3)]);
        assert!((inc.expected(0, 1) - 2.25).abs() < 1e-12);
    }
}
