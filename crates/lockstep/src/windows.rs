//! Windows from the data (`--window auto`) and how networks depend on the window (`--windows`).
//!
//! **Automatic windows.** The signals marked auto are first swept with the longest window
//! considered ([`AUTO_LONGEST_MS`], 3 hours), weighed against chance and selected at the target
//! false discovery rate, exactly as in a normal run. The lags of the co-actions behind the
//! edges kept are what coordination on this data looks like; each auto signal gets the 90th
//! percentile of its lags, rounded up to a round duration (10 s, 30 s, 1, 2, 5, 10, 15, 30 min,
//! 1, 2, 3 h). Unlike estimators built on all co-actions (dominated by viral bursts, and
//! collapsing to a second or two when bursts are dense), only pairs that chance does not explain
//! count. A signal with no kept edge gets [`AUTO_FALLBACK_MS`] (1 hour).
//!
//! **Sensitivity sweep.** For every window listed, all swept signals are run again at that
//! window and the networks found are matched to the main run's by the Jaccard index of their
//! members; a network whose best match reaches 0.5 at every window is *stable*.

use crate::config::DetectConfig;
use crate::duration::format_duration;
use crate::pipeline::{sweep_configs, weigh};
use lockstep_model::{jaccard, AccountId, Dataset, Signal, TimeMs};
use lockstep_networks::{build_networks, Network};
use lockstep_stats::EdgeChance;
use serde::Serialize;
use std::collections::BTreeMap;

/// Longest window tried for automatic windows.
pub const AUTO_LONGEST_MS: TimeMs = 3 * 3_600_000;
/// Window of an auto signal on which nothing was kept.
pub const AUTO_FALLBACK_MS: TimeMs = 3_600_000;
/// Share of the kept co-actions' lags an automatic window covers.
pub const AUTO_QUANTILE: f64 = 0.9;
/// Jaccard index from which a network counts as found again at another window.
pub const STABLE_JACCARD: f64 = 0.5;

const ROUND_WINDOWS_MS: [TimeMs; 11] = [
    10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
    10_800_000,
];

/// How the automatic windows were chosen.
#[derive(Debug, Clone, Serialize)]
pub struct AutoWindows {
    /// Share of kept lags covered.
    pub quantile: f64,
    /// The window of the exploratory run.
    pub longest_considered: String,
    /// Per auto signal.
    pub signals: BTreeMap<&'static str, AutoWindow>,
}

/// The automatic window of one signal.
#[derive(Debug, Clone, Serialize)]
pub struct AutoWindow {
    /// The window chosen.
    pub window: String,
    /// Co-actions on kept edges whose lags were used.
    pub lags_used: usize,
    /// The lag quantile, in seconds (absent when nothing was kept).
    pub lag_quantile_s: Option<f64>,
}

/// The smallest round window at least `lag_ms` (the longest one above it).
pub fn round_up_window(lag_ms: TimeMs) -> TimeMs {
    ROUND_WINDOWS_MS
        .iter()
        .copied()
        .find(|&w| w >= lag_ms)
        .unwrap_or(AUTO_LONGEST_MS)
}

/// The `q` quantile (nearest rank) of `values`, which it sorts.
fn quantile(values: &mut [TimeMs], q: f64) -> Option<TimeMs> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    Some(values[rank - 1])
}

/// The windows of every swept signal, with the auto signals chosen from the data.
pub fn choose_windows(
    dataset: &mut Dataset,
    config: &DetectConfig,
) -> (BTreeMap<Signal, TimeMs>, AutoWindows) {
    let mut windows = config.windows.clone();
    for s in &config.auto_windows {
        windows.insert(*s, AUTO_LONGEST_MS);
    }
    let configs = sweep_configs(&windows, config.max_neighbours, dataset.accounts.len());
    let weighed = weigh(dataset, &configs, config, false);
    let mut report = AutoWindows {
        quantile: AUTO_QUANTILE,
        longest_considered: format_duration(AUTO_LONGEST_MS),
        signals: BTreeMap::new(),
    };
    for (signal, _) in &weighed.sweeps {
        if !config.auto_windows.contains(signal) {
            continue;
        }
        let mut lags: Vec<TimeMs> = weighed
            .indices
            .iter()
            .flat_map(|&i| weighed.retained.coactions(i))
            .filter(|c| c.signal == *signal)
            .map(|c| c.lag_ms())
            .collect();
        let lags_used = lags.len();
        let q = quantile(&mut lags, AUTO_QUANTILE);
        let window = q.map_or(AUTO_FALLBACK_MS, round_up_window);
        windows.insert(*signal, window);
        report.signals.insert(
            signal.name(),
            AutoWindow {
                window: format_duration(window),
                lags_used,
                lag_quantile_s: q.map(|ms| ms as f64 / 1000.0),
            },
        );
    }
    (windows, report)
}

/// The networks found at each window of the sweep, and how each main network fared.
#[derive(Debug, Clone, Serialize)]
pub struct WindowSweep {
    /// One entry per window.
    pub runs: Vec<WindowRun>,
    /// One entry per main network, in network order.
    pub stability: Vec<NetworkStability>,
}

/// What one window of the sweep found.
#[derive(Debug, Clone, Serialize)]
pub struct WindowRun {
    /// The window, for every swept signal.
    pub window: String,
    /// Edges kept.
    pub edges: usize,
    /// Networks found.
    pub networks: usize,
    /// Accounts in them.
    pub accounts: usize,
}

/// How one main network was found again across the sweep.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkStability {
    /// The main network's id.
    pub network: usize,
    /// Best Jaccard index with a network of each window.
    pub jaccard: BTreeMap<String, f64>,
    /// Whether every best Jaccard index reaches [`STABLE_JACCARD`].
    pub stable: bool,
}

/// Reruns detection at every window of `config.window_sweep` and matches the networks found to
/// `main`.
pub fn window_sensitivity(
    dataset: &mut Dataset,
    config: &DetectConfig,
    main: &[Network],
    inauthenticity: &dyn Fn(&[AccountId]) -> Option<f64>,
) -> WindowSweep {
    let mut runs = Vec::new();
    let mut stability: Vec<NetworkStability> = main
        .iter()
        .map(|n| NetworkStability {
            network: n.id,
            jaccard: BTreeMap::new(),
            stable: true,
        })
        .collect();
    for &w in &config.window_sweep {
        // Sites keep their window of days: the sweep is about how fast accounts act together.
        let windows: BTreeMap<Signal, TimeMs> = config
            .windows
            .iter()
            .map(|(&s, &own)| (s, if s == Signal::Domain { own } else { w }))
            .collect();
        let configs = sweep_configs(&windows, config.max_neighbours, dataset.accounts.len());
        let weighed = weigh(dataset, &configs, config, false);
        let strengths: Vec<f64> = weighed.chance.iter().map(EdgeChance::surprise).collect();
        let (networks, _) = build_networks(
            dataset.accounts.len(),
            &weighed.selected,
            &strengths,
            inauthenticity,
            &config.networks,
        );
        let name = format_duration(w);
        for (m, st) in main.iter().zip(&mut stability) {
            let best = networks
                .iter()
                .map(|n| jaccard(&m.members, &n.members))
                .fold(0.0, f64::max);
            st.stable &= best >= STABLE_JACCARD;
            st.jaccard.insert(name.clone(), best);
        }
        runs.push(WindowRun {
            window: name,
            edges: weighed.selected.len(),
            networks: networks.len(),
            accounts: networks.iter().map(|n| n.members.len()).sum(),
        });
    }
    WindowSweep { runs, stability }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_and_quantiles() {
        assert_eq!(round_up_window(1), 10_000);
        assert_eq!(round_up_window(60_000), 60_000);
        assert_eq!(round_up_window(61_000), 120_000);
        assert_eq!(round_up_window(100_000_000), AUTO_LONGEST_MS);
        // Nearest-rank 90th percentile of 1..=10 is 9; of one value, that value.
        let mut v: Vec<TimeMs> = (1..=10).rev().collect();
        assert_eq!(quantile(&mut v, 0.9), Some(9));
        assert_eq!(quantile(&mut [5], 0.9), Some(5));
        assert_eq!(quantile(&mut [], 0.9), None);
    }

    #[test]
    fn jaccard_by_hand() {
        // {1,2,3,4} and {3,4,5}: 2 common of 5.
        assert!((jaccard(&[1, 2, 3, 4], &[3, 4, 5]) - 0.4).abs() < 1e-12);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }
}
