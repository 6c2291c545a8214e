//! The co-action workload of the `coaction` and `stats` benchmarks (the `stats` benchmark
//! includes this file by path): one signal's actions over 30 days, generated from a fixed seed.
//!
//! - Viral objects: [`VIRAL_OBJECTS`] objects with [`VIRAL_ACTIONS`] actions each within
//!   30 minutes, far more than `max_neighbours` inside the window, so the cap applies.
//! - Planted groups: [`GROUPS`] groups of [`GROUP_SIZE`] accounts, each group acting on
//!   [`GROUP_OBJECTS`] objects within 10 minutes of each other.
//! - Ordinary objects fill the rest up to [`ACTIONS`]: 1 to 61 actions each (12 on average,
//!   heavy-tailed), each action 12 hours after the object's start on average (exponential
//!   delays), by accounts of skewed activity.

use lockstep_coaction::SweepConfig;
use lockstep_model::{AccountId, Action, TimeMs};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Actions in the workload.
const ACTIONS: usize = 1_000_000;
/// Accounts acting.
const ACCOUNTS: u32 = 200_000;
/// Objects acted on by a burst of accounts.
const VIRAL_OBJECTS: usize = 2;
/// Actions on each viral object.
const VIRAL_ACTIONS: usize = 10_000;
/// Planted coordinated groups.
const GROUPS: usize = 300;
/// Accounts per planted group.
const GROUP_SIZE: usize = 8;
/// Objects each planted group acts on together.
const GROUP_OBJECTS: usize = 25;

const MINUTE_MS: TimeMs = 60_000;
const HOUR_MS: TimeMs = 60 * MINUTE_MS;
const SPAN_MS: TimeMs = 30 * 24 * HOUR_MS;

/// The pipeline's default sweep: a one-hour window, at most 100 neighbours per action.
pub const CONFIG: SweepConfig = SweepConfig {
    window_ms: HOUR_MS,
    max_neighbours: 100,
    max_accounts: u32::MAX,
};

/// One signal's actions, one per post.
pub struct Workload {
    /// The actions in time order; each action's `post` is its index.
    pub actions: Vec<Action>,
    /// Number of object ids.
    pub n_objects: usize,
    /// Number of account ids.
    pub n_accounts: usize,
}

/// The workload, the same on every call.
pub fn generate() -> Workload {
    let mut rng = ChaCha8Rng::seed_from_u64(0x10c5);
    let mut actions = Vec::with_capacity(ACTIONS);
    let mut object = 0;
    for _ in 0..VIRAL_OBJECTS {
        let start = rng.random_range(0..SPAN_MS);
        for _ in 0..VIRAL_ACTIONS {
            let time = start + rng.random_range(0..30 * MINUTE_MS);
            actions.push(action(object, time, active_account(&mut rng)));
        }
        object += 1;
    }
    for _ in 0..GROUPS {
        let members: Vec<AccountId> = (0..GROUP_SIZE)
            .map(|_| rng.random_range(0..ACCOUNTS))
            .collect();
        for _ in 0..GROUP_OBJECTS {
            let start = rng.random_range(0..SPAN_MS);
            for &account in &members {
                let time = start + rng.random_range(0..10 * MINUTE_MS);
                actions.push(action(object, time, account));
            }
            object += 1;
        }
    }
    while actions.len() < ACTIONS {
        let size = 1 + (rng.random::<f64>().powi(4) * 60.0) as usize;
        let start = rng.random_range(0..SPAN_MS);
        for _ in 0..size.min(ACTIONS - actions.len()) {
            // Exponential delays, 12 hours on average.
            let delay = -(1.0 - rng.random::<f64>()).ln() * 12.0 * HOUR_MS as f64;
            actions.push(action(
                object,
                start + delay as TimeMs,
                active_account(&mut rng),
            ));
        }
        object += 1;
    }
    actions.sort_unstable_by_key(|a| a.time);
    for (post, a) in actions.iter_mut().enumerate() {
        a.post = post as u32;
    }
    Workload {
        actions,
        n_objects: object as usize,
        n_accounts: ACCOUNTS as usize,
    }
}

/// An account drawn with skewed activity: low ids act far more often than high ones.
fn active_account(rng: &mut ChaCha8Rng) -> AccountId {
    (rng.random::<f64>().powi(2) * f64::from(ACCOUNTS)) as AccountId
}

fn action(object: u32, time: TimeMs, account: AccountId) -> Action {
    Action {
        object,
        time,
        account,
        post: 0,
    }
}
