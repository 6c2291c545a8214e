//! The sweep agrees with a direct quadratic reference on random small inputs.

use lockstep_coaction::{sweep, SweepConfig};
use lockstep_model::Action;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Every pair of actions, checked directly: for each (a, b, object) the smallest lag.
fn reference(actions: &[Action], window_ms: i64) -> BTreeMap<(u32, u32, u32), i64> {
    let mut out = BTreeMap::new();
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
            let best = out.entry(key).or_insert(lag);
            *best = (*best).min(lag);
        }
    }
    out
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
        let config = SweepConfig { window_ms: window_s * 1000, max_neighbours: usize::MAX };
        let result = sweep(&mut sorted, 4, &config);
        let got: BTreeMap<(u32, u32, u32), i64> = result
            .coactions
            .iter()
            .map(|c| ((c.a, c.b, c.object), c.lag_ms()))
            .collect();
        prop_assert_eq!(got.len(), result.coactions.len(), "one co-action per pair and object");
        prop_assert_eq!(got, expected);
        prop_assert_eq!(result.stats.pairs_skipped, 0);
        for c in &result.coactions {
            // The recorded posts and times belong to the accounts they are attributed to.
            let pa = &actions[c.post_a as usize];
            let pb = &actions[c.post_b as usize];
            prop_assert_eq!((pa.account, pa.time, pa.object), (c.a, c.time_a, c.object));
            prop_assert_eq!((pb.account, pb.time, pb.object), (c.b, c.time_b, c.object));
        }
    }
}
