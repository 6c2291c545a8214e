//! CooRTweet's `detect_groups`: pairs of shares of one object within the time window.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::ids::IdMap;
use crate::participation::qualified_contents;
use crate::{Params, Share};

/// One row of `detect_groups` output: two shares of the same object within the time window.
///
/// The `content_id`/`account_id` side is the earlier share and the `_y` side the later one; on
/// equal times the share that comes first in CooRTweet's internal row order is on the left.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    /// The object both shares point to.
    pub object_id: Arc<str>,
    /// Content of the earlier share.
    pub content_id: Arc<str>,
    /// Content of the later share.
    pub content_id_y: Arc<str>,
    /// Absolute difference of the two shares' times, in seconds.
    pub time_delta: f64,
    /// Account of the earlier share.
    pub account_id: Arc<str>,
    /// Account of the later share.
    pub account_id_y: Arc<str>,
}

/// A share reduced to dense ids; objects and contents share one id space so that they can be
/// compared for loop removal.
struct Row {
    object: usize,
    content: usize,
    account: usize,
    time: f64,
}

/// A candidate pair of rows: `first` precedes `second` in CooRTweet's row order.
struct Pair {
    first: usize,
    second: usize,
}

/// Reproduces CooRTweet 2.1.3's `detect_groups(x, time_window, min_participation,
/// remove_loops)`; `params.edge_weight` is not used here.
///
/// 1. Keep the rows of accounts with at least `min_participation` rows.
/// 2. Within each object, pair every two rows whose times differ by at most `time_window`.
/// 3. With `remove_loops`, drop pairs whose object equals either content, whose contents are
///    equal, or whose accounts are equal.
/// 4. With `min_participation >= 1`, keep a pair when either content belongs to an account
///    with at least `min_participation` rows among the paired contents.
/// 5. Put the earlier share on the left; `time_delta` is the absolute difference.
///
/// Pairs are found by sorting each object's shares by time and sweeping a window, so the cost
/// is `O(n log n)` plus that of sorting the output. Shares with a non-finite timestamp never
/// pair (in CooRTweet their differences are `NaN` or infinite, so with a finite window they
/// drop out too).
///
/// Rows come out in CooRTweet's own order, which [`generate_coordinated_network`] relies on to
/// orient edges as igraph does: the input is regrouped by account (accounts in order of first
/// appearance, rows in input order within an account); objects follow in order of first
/// appearance in that regrouped table; within an object, pairs are ordered by the position of
/// the later-listed share, then of the earlier-listed one. [`write_detect_groups`] sorts by
/// `object_id` for the file.
///
/// [`generate_coordinated_network`]: crate::generate_coordinated_network
/// [`write_detect_groups`]: crate::write_detect_groups
pub fn detect_groups(shares: &[Share], params: &Params) -> Vec<GroupRow> {
    let mut texts = IdMap::default();
    let mut accounts = IdMap::default();
    let rows: Vec<Row> = shares
        .iter()
        .map(|share| Row {
            object: texts.id(&share.object_id),
            content: texts.id(&share.content_id),
            account: accounts.id(&share.account_id),
            time: share.timestamp,
        })
        .collect();

    let x = prefilter(&rows, accounts.len(), params.min_participation);
    let mut pairs = candidate_pairs(&rows, &x, params.time_window);

    if params.remove_loops {
        pairs.retain(|pair| {
            let (a, b) = (&rows[pair.first], &rows[pair.second]);
            a.object != a.content
                && a.object != b.content
                && a.content != b.content
                && a.account != b.account
        });
    }

    if params.min_participation >= 1 {
        let paired: FxHashSet<usize> = pairs
            .iter()
            .flat_map(|pair| [rows[pair.first].content, rows[pair.second].content])
            .collect();
        let x_rows = x.iter().map(|&i| (rows[i].account, rows[i].content));
        let kept = qualified_contents(x_rows, accounts.len(), &paired, params.min_participation);
        pairs.retain(|pair| {
            kept.contains(&rows[pair.first].content) || kept.contains(&rows[pair.second].content)
        });
    }

    pairs
        .iter()
        .map(|pair| {
            let delta = rows[pair.first].time - rows[pair.second].time;
            let (older, newer) = if delta > 0.0 {
                (&shares[pair.second], &shares[pair.first])
            } else {
                (&shares[pair.first], &shares[pair.second])
            };
            GroupRow {
                object_id: Arc::clone(&older.object_id),
                content_id: Arc::clone(&older.content_id),
                content_id_y: Arc::clone(&newer.content_id),
                time_delta: delta.abs(),
                account_id: Arc::clone(&older.account_id),
                account_id_y: Arc::clone(&newer.account_id),
            }
        })
        .collect()
}

/// Indices of the rows of accounts with at least `min_participation` rows, grouped by account
/// in order of the account's first appearance (the order CooRTweet's grouping leaves them in).
fn prefilter(rows: &[Row], n_accounts: usize, min_participation: usize) -> Vec<usize> {
    let mut counts = vec![0usize; n_accounts];
    for row in rows {
        counts[row.account] += 1;
    }
    let mut kept: Vec<usize> = (0..rows.len())
        .filter(|&i| counts[rows[i].account] >= min_participation)
        .collect();
    // Account ids are assigned in order of first appearance, so a stable sort by id groups the
    // rows the way CooRTweet's `by = account_id` does.
    kept.sort_by_key(|&i| rows[i].account);
    kept
}

/// All pairs of rows of `x` sharing an object with times at most `time_window` apart.
///
/// Objects are visited in order of first appearance in `x`; within an object, pairs are ordered
/// by the later row's position in `x`, then the earlier row's.
fn candidate_pairs(rows: &[Row], x: &[usize], time_window: f64) -> Vec<Pair> {
    // No difference is within a NaN window (R compares to NA).
    if time_window.is_nan() {
        return Vec::new();
    }
    let mut group_of: FxHashMap<usize, usize> = FxHashMap::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &i in x {
        let next = groups.len();
        let group = *group_of.entry(rows[i].object).or_insert(next);
        if group == next {
            groups.push(Vec::new());
        }
        groups[group].push(i);
    }

    let mut pairs = Vec::new();
    let mut local = Vec::new();
    let mut by_time = Vec::new();
    for members in &groups {
        by_time.clear();
        by_time.extend((0..members.len()).filter(|&p| rows[members[p]].time.is_finite()));
        by_time.sort_by(|&a, &b| rows[members[a]].time.total_cmp(&rows[members[b]].time));

        local.clear();
        let mut start = 0;
        for k in 0..by_time.len() {
            let p = by_time[k];
            let time = rows[members[p]].time;
            // Differences only grow towards the start of the window, so once one is too large
            // every earlier one is too.
            while start < k && time - rows[members[by_time[start]]].time > time_window {
                start += 1;
            }
            for &other in &by_time[start..k] {
                local.push((p.max(other), p.min(other)));
            }
        }
        local.sort_unstable();
        pairs.extend(local.iter().map(|&(later, earlier)| Pair {
            first: members[earlier],
            second: members[later],
        }));
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(time_window: f64, min_participation: usize, remove_loops: bool) -> Params {
        Params {
            time_window,
            min_participation,
            remove_loops,
            ..Params::default()
        }
    }

    fn summary(rows: &[GroupRow]) -> Vec<(String, String, f64)> {
        rows.iter()
            .map(|r| {
                (
                    r.content_id.to_string(),
                    r.content_id_y.to_string(),
                    r.time_delta,
                )
            })
            .collect()
    }

    #[test]
    fn window_is_inclusive() {
        let shares = [
            Share::new("o", "a", "c1", 100.0),
            Share::new("o", "b", "c2", 110.0),
            Share::new("o", "c", "c3", 120.5),
        ];
        let rows = detect_groups(&shares, &params(10.0, 0, true));
        assert_eq!(summary(&rows), vec![("c1".into(), "c2".into(), 10.0)]);
    }

    #[test]
    fn just_outside_the_window_does_not_pair() {
        let shares = [
            Share::new("o", "a", "c1", 100.0),
            Share::new("o", "b", "c2", 110.000001),
        ];
        assert!(detect_groups(&shares, &params(10.0, 0, true)).is_empty());
    }

    #[test]
    fn earlier_share_goes_left_and_delta_is_absolute() {
        let shares = [
            Share::new("o", "late", "c1", 105.0),
            Share::new("o", "early", "c2", 100.0),
        ];
        let rows = detect_groups(&shares, &params(10.0, 0, true));
        assert_eq!(rows.len(), 1);
        assert_eq!(&*rows[0].account_id, "early");
        assert_eq!(&*rows[0].content_id, "c2");
        assert_eq!(&*rows[0].account_id_y, "late");
        assert_eq!(rows[0].time_delta, 5.0);
    }

    #[test]
    fn equal_times_keep_row_order() {
        let shares = [
            Share::new("o", "b", "c1", 100.0),
            Share::new("o", "a", "c2", 100.0),
        ];
        let rows = detect_groups(&shares, &params(10.0, 0, true));
        assert_eq!(summary(&rows), vec![("c1".into(), "c2".into(), 0.0)]);
    }

    #[test]
    fn loops_are_removed_only_when_asked() {
        let shares = [
            // Same account twice.
            Share::new("o1", "a", "c1", 0.0),
            Share::new("o1", "a", "c2", 1.0),
            // Same content twice (an exact duplicate row).
            Share::new("o2", "a", "c3", 0.0),
            Share::new("o2", "b", "c3", 1.0),
            // The object is itself one of the contents.
            Share::new("o3", "a", "o3", 0.0),
            Share::new("o3", "b", "c4", 1.0),
            // A genuine pair.
            Share::new("o4", "a", "c5", 0.0),
            Share::new("o4", "b", "c6", 1.0),
        ];
        let with_loops = detect_groups(&shares, &params(10.0, 0, false));
        assert_eq!(with_loops.len(), 4);
        let without = detect_groups(&shares, &params(10.0, 0, true));
        assert_eq!(summary(&without), vec![("c5".into(), "c6".into(), 1.0)]);
    }

    #[test]
    fn participation_counts_rows_before_pairing() {
        // `b` has two rows in total but only one of them is ever paired.
        let shares = [
            Share::new("o1", "a", "a1", 0.0),
            Share::new("o1", "b", "b1", 5.0),
            Share::new("o2", "b", "b2", 500.0),
            Share::new("o3", "a", "a2", 0.0),
        ];
        // Step 1 keeps both accounts (two rows each), but only `a1` and `b1` pair: each account
        // has a single paired row, so neither reaches 2.
        assert!(detect_groups(&shares, &params(10.0, 2, true)).is_empty());
        assert_eq!(detect_groups(&shares, &params(10.0, 1, true)).len(), 1);
    }

    #[test]
    fn participation_keeps_a_pair_when_either_side_qualifies() {
        // `a` pairs on two objects and qualifies with 2; `b` and `c` pair once each.
        let shares = [
            Share::new("o1", "a", "a1", 0.0),
            Share::new("o1", "b", "b1", 1.0),
            Share::new("o2", "a", "a2", 0.0),
            Share::new("o2", "c", "c1", 1.0),
            Share::new("o9", "b", "b2", 0.0),
            Share::new("o8", "c", "c2", 0.0),
            // `d` and `e` both have two rows but pair only once: neither qualifies.
            Share::new("o3", "d", "d1", 0.0),
            Share::new("o3", "e", "e1", 1.0),
            Share::new("o7", "d", "d2", 0.0),
            Share::new("o6", "e", "e2", 0.0),
        ];
        let rows = detect_groups(&shares, &params(10.0, 2, true));
        let objects: Vec<&str> = rows.iter().map(|r| &*r.object_id).collect();
        assert_eq!(objects, vec!["o1", "o2"]);
    }

    #[test]
    fn prefilter_drops_rare_accounts_before_pairing() {
        let shares = [
            Share::new("o1", "a", "a1", 0.0),
            Share::new("o1", "b", "b1", 1.0),
            Share::new("o2", "a", "a2", 0.0),
        ];
        // `b` has a single row, so with participation 2 it is gone before pairing.
        assert!(detect_groups(&shares, &params(10.0, 2, false)).is_empty());
    }

    #[test]
    fn sweep_finds_every_pair_in_a_dense_object() {
        let times = [3.0, 0.0, 7.0, 12.0, 1.0, 30.0, 20.0, 11.0];
        let shares: Vec<Share> = times
            .iter()
            .enumerate()
            .map(|(i, &t)| Share::new("o", &format!("a{i}"), &format!("c{i}"), t))
            .collect();
        let rows = detect_groups(&shares, &params(10.0, 0, true));
        let mut expected = 0;
        for i in 0..times.len() {
            for j in 0..i {
                if (times[i] - times[j]).abs() <= 10.0 {
                    expected += 1;
                }
            }
        }
        assert_eq!(rows.len(), expected);
        // Order within the object: by the later-listed row, then the earlier-listed one.
        let listed: Vec<(usize, usize)> = rows
            .iter()
            .map(|r| {
                let pos = |c: &str| c[1..].parse::<usize>().unwrap();
                let (a, b) = (pos(&r.content_id), pos(&r.content_id_y));
                (a.max(b), a.min(b))
            })
            .collect();
        let mut sorted = listed.clone();
        sorted.sort_unstable();
        assert_eq!(listed, sorted);
    }

    #[test]
    fn nan_or_negative_window_pairs_nothing() {
        let shares = [
            Share::new("o", "a", "c1", 0.0),
            Share::new("o", "b", "c2", 0.0),
        ];
        assert!(detect_groups(&shares, &params(f64::NAN, 0, true)).is_empty());
        assert!(detect_groups(&shares, &params(-1.0, 0, true)).is_empty());
        assert_eq!(detect_groups(&shares, &params(0.0, 0, true)).len(), 1);
    }

    #[test]
    fn non_finite_times_never_pair() {
        let shares = [
            Share::new("o", "a", "c1", f64::NAN),
            Share::new("o", "b", "c2", 0.0),
            Share::new("o", "c", "c3", f64::INFINITY),
            Share::new("o", "d", "c4", 1.0),
        ];
        let rows = detect_groups(&shares, &params(10.0, 0, true));
        assert_eq!(summary(&rows), vec![("c2".into(), "c4".into(), 1.0)]);
    }
}
