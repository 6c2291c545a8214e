//! A viral object cut into slices that are paired apart, so that a cluster never sends all of a
//! million-share object to one executor.
//!
//! Each [`ObjectSlice`] *owns* a run of the object's actions (in time order) and carries as
//! *context* the earlier actions its first owned action may be paired with: those inside the
//! window, at most `max_neighbours` of them. Pairing the owned actions against context and
//! owned actions before them ([`pair_slice`]) finds exactly the action pairs a sweep of the
//! whole object finds for them: an action's examined neighbours are the nearest earlier ones in
//! the window, and every one of them lies in its slice. Episodes span slices, so the slices'
//! co-actions are gathered by object and account pair and reduced to one per episode
//! ([`keep_episodes`]). The object's shares and sweep counts need every time it was acted on
//! (how many earlier actions lie in the window is not capped), so whoever cuts the object, and
//! holds its actions, summarises it ([`summarise_object`]).

use crate::sweep::{earlier_in_window, keep_one_per_episode, pair_actions, RunOutput};
use crate::{CoAction, ObjectShares, PairPartition, SweepConfig, SweepStats};
use lockstep_model::{Action, Signal};
use rayon::prelude::*;

/// One slice of an object's actions (indices into them, sorted by time): it owns
/// `from..to` and carries `context..from` to pair them with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectSlice {
    /// First action carried as context.
    pub context: usize,
    /// First action owned.
    pub from: usize,
    /// One past the last action owned.
    pub to: usize,
}

impl ObjectSlice {
    /// The actions the slice carries, context first.
    pub fn carried(self) -> std::ops::Range<usize> {
        self.context..self.to
    }
}

/// Cuts an object's actions `run` (sorted by time) into slices owning `slice_actions` each
/// (the last may own fewer), each with the context its first owned action needs under
/// `config`. An object that is not paired at all (one account, a crowd's, or any under a
/// neighbour cap of 0) needs no slice.
pub fn cut_object(run: &[Action], config: &SweepConfig, slice_actions: usize) -> Vec<ObjectSlice> {
    let slice_actions = slice_actions.max(1);
    if config.max_neighbours == 0 || !RunOutput::start(run, config).paired() {
        return Vec::new();
    }
    (0..run.len())
        .step_by(slice_actions)
        .map(|from| ObjectSlice {
            // The earlier actions the first owned one is paired with.
            context: from - earlier_in_window(run, from, config).1,
            from,
            to: run.len().min(from + slice_actions),
        })
        .collect()
}

/// What a sweep of the object whose actions are `run` (sorted by time) finds of it, and what it
/// adds to the sweep's counts, but for its co-actions (`coactions` is 0).
pub fn summarise_object(run: &[Action], config: &SweepConfig) -> (ObjectShares, SweepStats) {
    let mut out = RunOutput::start(run, config);
    if out.paired() {
        out.count_pairs(run, config);
    }
    out.summary(run.len())
}

/// The co-actions of one slice's owned actions: `carried` holds the slice's actions sorted by
/// time (sorted [`Action`]s of one object), the first `context` of them its context. They are
/// one per pair of actions, before episodes are counted ([`keep_episodes`]).
pub fn pair_slice(
    signal: Signal,
    carried: &[Action],
    context: usize,
    config: &SweepConfig,
) -> Vec<CoAction> {
    let owned = context.min(carried.len())..carried.len();
    pair_actions(signal, carried, owned, config, PairPartition::WHOLE).coactions
}

/// Reduces the co-actions of whole pairs on whole objects (every co-action the slices of an
/// object found for each account pair it holds) to one per pair, object and episode, as a sweep
/// of the whole object does; `window_ms` gives each signal's window. Returns them in (signal,
/// object) order.
pub fn keep_episodes(
    mut coactions: Vec<CoAction>,
    window_ms: impl Fn(Signal) -> i64 + Sync,
) -> Vec<CoAction> {
    coactions.par_sort_unstable_by_key(|c| (c.signal, c.object));
    let mut objects: Vec<Vec<CoAction>> = coactions
        .chunk_by(|x, y| (x.signal, x.object) == (y.signal, y.object))
        .map(<[CoAction]>::to_vec)
        .collect();
    objects
        .par_iter_mut()
        .for_each(|o| keep_one_per_episode(o, window_ms(o[0].signal)));
    objects.concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{random_object as object, sweep_objects};

    fn config(window_s: i64, cap: usize) -> SweepConfig {
        SweepConfig {
            window_ms: window_s * 1000,
            max_neighbours: cap,
            max_accounts: u32::MAX,
        }
    }

    /// The object swept in slices of `slice_actions`, its slices' co-actions reduced.
    fn in_slices(run: &[Action], config: &SweepConfig, slice_actions: usize) -> Vec<CoAction> {
        let slices = cut_object(run, config, slice_actions);
        let mut found = Vec::new();
        for s in &slices {
            let mut carried = run[s.carried()].to_vec();
            // An executor receives its slice in no particular order.
            carried.reverse();
            carried.sort_unstable();
            found.extend(pair_slice(
                Signal::Reshare,
                &carried,
                s.from - s.context,
                config,
            ));
        }
        found.reverse();
        keep_episodes(found, |_| config.window_ms)
    }

    #[test]
    fn slices_own_every_action_once_and_carry_what_the_first_needs() {
        // Actions at 0, 10, ..., 90 s; window 25 s, cap 100: the slice from 40 s needs 20 s and
        // 30 s; with a cap of 1 only 30 s.
        let run: Vec<Action> = (0..10)
            .map(|i| Action {
                object: 0,
                time: i64::from(i) * 10_000,
                account: i,
                post: i,
            })
            .collect();
        let slices = cut_object(&run, &config(25, 100), 4);
        let got: Vec<(usize, usize, usize)> =
            slices.iter().map(|s| (s.context, s.from, s.to)).collect();
        assert_eq!(got, vec![(0, 0, 4), (2, 4, 8), (6, 8, 10)]);
        let capped = cut_object(&run, &config(25, 1), 4);
        assert_eq!(capped[1].context, 3);
        // One account alone is never paired, so it is not cut.
        let alone: Vec<Action> = run.iter().map(|a| Action { account: 0, ..*a }).collect();
        assert!(cut_object(&alone, &config(25, 100), 4).is_empty());
        // Nor is an object that no action may be paired in.
        assert!(cut_object(&run, &config(25, 0), 4).is_empty());
    }

    #[test]
    fn an_object_paired_in_slices_gives_the_co_actions_of_one_sweep() {
        // 5,000 actions of 300 accounts over a day, accounts coming back so that episodes span
        // slices; a cap that binds (20 nearest) and one that does not, a window of a minute and
        // of an hour.
        let run = object(5_000, 300, 86_400, 11);
        for config in [config(60, 20), config(3_600, 20), config(3_600, 100_000)] {
            let (objects, stats, whole) =
                sweep_objects(Signal::Reshare, &run, &config, PairPartition::WHOLE);
            let whole: Vec<CoAction> = whole.iter().copied().collect();
            assert!(whole.len() > 1_000, "{}", whole.len());
            for slice_actions in [1, 7, 500, 4_999, 5_000] {
                let mut got = in_slices(&run, &config, slice_actions);
                let mut want = whole.clone();
                got.sort_unstable();
                want.sort_unstable();
                assert!(got == want, "slices of {slice_actions}, {config:?}");
            }
            let (shares, summary) = summarise_object(&run, &config);
            assert_eq!(objects, vec![(0, shares)]);
            assert_eq!(
                summary,
                SweepStats {
                    coactions: 0,
                    ..stats
                }
            );
        }
    }

    #[test]
    fn a_crowd_object_is_summarised_without_pairs() {
        let run = object(50, 10, 60, 3);
        let crowd = SweepConfig {
            max_accounts: 5,
            ..config(60, 100)
        };
        let (shares, stats) = summarise_object(&run, &crowd);
        assert_eq!((shares.accounts, shares.window), (10, 0.0));
        assert_eq!((stats.mass_objects, stats.pairs_examined), (1, 0));
        assert!(cut_object(&run, &crowd, 10).is_empty());
    }
}
