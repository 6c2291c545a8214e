//! The sweep agrees with a direct quadratic reference on random small inputs, and sweeping
//! the account pairs in parts adds up to one sweep of them all, with or without the viral cap.

use lockstep_coaction::{sweep, sweep_sorted, PairPartition, SweepConfig};
use lockstep_model::{Action, Signal};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// (account a, account b, object).
type PairObject = (u32, u32, u32);

/// Every pair of actions, checked directly: for each (a, b, object), the in-window action pairs
/// grouped into episodes (a pair starting more than a window after the episode's first action
/// opens a new one), and the smallest lag of each episode.
fn reference(actions: &[Action], window_ms: i64) -> BTreeMap<PairObject, Vec<i64>> {
    // (first action, last action, lag) of every in-window pair of actions.
    let mut pairs: BTreeMap<PairObject, Vec<(i64, i64, i64)>> = BTreeMap::new();
    for (i, x) in actions.iter().enumerate() {
        for y in &actions[i + 1..] {
            if x.object != y.object || x.account == y.account {
                continue;
            }
            let lag = (x.time - y.time).abs();
            if lag > window_ms {
                continue;
            }
            let key = (x.account.min(y.account), x.account.max(y.account), x.object);
            let first = x.time.min(y.time);
            pairs
                .entry(key)
                .or_default()
                .push((first, first + lag, lag));
        }
    }
    pairs
        .into_iter()
        .map(|(key, mut list)| {
            list.sort();
            let mut lags: Vec<i64> = Vec::new();
            let mut start = i64::MIN;
            for (first, _, lag) in list {
                if lags.is_empty() || first > start + window_ms {
                    lags.push(lag);
                    start = first;
                } else {
                    let best = lags.last_mut().unwrap();
                    *best = (*best).min(lag);
                }
            }
            lags.sort();
            (key, lags)
        })
        .collect()
}

proptest! {
    #[test]
    fn uncapped_sweep_matches_reference(
        raw in proptest::collection::vec((0u32..4, 0i64..300, 0u32..8), 0..80),
        window_s in 0i64..120,
    ) {
        let actions: Vec<Action> = raw
            .iter()
            .enumerate()
            .map(|(i, &(object, secs, account))| Action { object, time: secs * 1000, account, post: i as u32 })
            .collect();
        let expected = reference(&actions, window_s * 1000);
        let mut sorted = actions.clone();
        let config = SweepConfig { window_ms: window_s * 1000, max_neighbours: usize::MAX, max_accounts: u32::MAX };
        let (result, coactions) = sweep(Signal::Reshare, &mut sorted, 4, &config);
        let mut got: BTreeMap<PairObject, Vec<i64>> = BTreeMap::new();
        for c in coactions.iter() {
            got.entry((c.a, c.b, c.object)).or_default().push(c.lag_ms());
        }
        for lags in got.values_mut() {
            lags.sort();
        }
        prop_assert_eq!(got, expected);
        prop_assert_eq!(result.stats.pairs_skipped, 0);
        for c in coactions.iter() {
            // The recorded posts and times belong to the accounts they are attributed to.
            let pa = &actions[c.post_a as usize];
            let pb = &actions[c.post_b as usize];
            prop_assert_eq!((pa.account, pa.time, pa.object), (c.a, c.time_a, c.object));
            prop_assert_eq!((pb.account, pb.time, pb.object), (c.b, c.time_b, c.object));
        }
    }
}

proptest! {
    #[test]
    fn parts_of_the_pairs_add_up_to_the_whole_sweep(
        raw in proptest::collection::vec((0u32..4, 0i64..300, 0u32..12), 0..120),
        window_s in 0i64..120,
        cap in 1usize..6,
        count in 1u32..5,
    ) {
        let mut actions: Vec<Action> = raw
            .iter()
            .enumerate()
            .map(|(i, &(object, secs, account))| Action { object, time: secs * 1000, account, post: i as u32 })
            .collect();
        actions.sort_unstable();
        let config = SweepConfig { window_ms: window_s * 1000, max_neighbours: cap, max_accounts: u32::MAX };
        let (whole, all) =
            sweep_sorted(Signal::Link, &actions, 4, &config, PairPartition::WHOLE);
        let mut all = all.into_batches().concat();
        let mut parts = Vec::new();
        for index in 0..count {
            let partition = PairPartition { index, count };
            let (r, co) = sweep_sorted(Signal::Link, &actions, 4, &config, partition);
            prop_assert_eq!(&r.stats.pairs_skipped, &whole.stats.pairs_skipped);
            prop_assert_eq!(&r.object_accounts, &whole.object_accounts);
            for c in co.iter() {
                prop_assert!(partition.contains(c.a, c.b));
            }
            parts.extend(co.into_batches().concat());
        }
        all.sort_unstable();
        parts.sort_unstable();
        prop_assert_eq!(parts, all);
    }
}
