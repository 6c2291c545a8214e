//! CooRTweet's `flag_speed_share` and the fast-network edge weights built from it.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::ids::IdMap;
use crate::participation::qualified_contents;
use crate::{Error, GroupRow, Network, Share};

/// Reproduces CooRTweet 2.1.3's `flag_speed_share(x, result, min_participation,
/// time_window)`: which `detect_groups` rows also count as coordinated in a narrower window.
///
/// Rows with `time_delta <= time_window` are filtered by the participation rule of
/// [`detect_groups`](crate::detect_groups) applied against `shares` (the unfiltered input);
/// a row is flagged when its `(content_id, content_id_y)` pair is among the survivors, so
/// rows repeating a surviving content pair (under another object) are flagged too.
///
/// The result is parallel to `groups`. Unlike CooRTweet, `groups` is not re-sorted.
pub fn flag_speed_share(
    shares: &[Share],
    groups: &[GroupRow],
    min_participation: usize,
    time_window: f64,
) -> Vec<bool> {
    let mut contents = IdMap::default();
    let mut accounts = IdMap::default();
    let x: Vec<(usize, usize)> = shares
        .iter()
        .map(|s| (accounts.id(&s.account_id), contents.id(&s.content_id)))
        .collect();
    let pairs: Vec<(usize, usize)> = groups
        .iter()
        .map(|g| (contents.id(&g.content_id), contents.id(&g.content_id_y)))
        .collect();

    let fast: Vec<usize> = (0..groups.len())
        .filter(|&i| groups[i].time_delta <= time_window)
        .collect();
    let paired: FxHashSet<usize> = fast
        .iter()
        .flat_map(|&i| [pairs[i].0, pairs[i].1])
        .collect();
    let kept = qualified_contents(
        x.iter().copied(),
        accounts.len(),
        &paired,
        min_participation,
    );
    let surviving: FxHashSet<(usize, usize)> = fast
        .iter()
        .map(|&i| pairs[i])
        .filter(|(c, c_y)| kept.contains(c) || kept.contains(c_y))
        .collect();
    pairs.iter().map(|pair| surviving.contains(pair)).collect()
}

/// Weight of each edge of `network` in the fast network: the number of flagged rows between
/// its two accounts, `None` for edges without any (CooRTweet's `weight_fast`, `NA` there).
///
/// `network` must come from `groups`, and `flags` be parallel to `groups` (as returned by
/// [`flag_speed_share`]); otherwise [`Error::InvalidParameter`] is returned.
pub fn fast_edge_weights(
    network: &Network,
    groups: &[GroupRow],
    flags: &[bool],
) -> Result<Vec<Option<usize>>, Error> {
    if flags.len() != groups.len() {
        return Err(Error::InvalidParameter(format!(
            "{} speed flags for {} detect_groups rows",
            flags.len(),
            groups.len()
        )));
    }
    let edge_of: FxHashMap<(&str, &str), usize> = network
        .edges()
        .iter()
        .enumerate()
        .map(|(i, e)| (ordered(&e.from, &e.to), i))
        .collect();
    let mut weights = vec![None; network.edge_count()];
    for row in groups.iter().zip(flags).filter(|(_, &f)| f).map(|(r, _)| r) {
        let edge = edge_of
            .get(&ordered(&row.account_id, &row.account_id_y))
            .ok_or_else(|| {
                Error::InvalidParameter(format!(
                    "no edge between {} and {} in the network",
                    row.account_id, row.account_id_y
                ))
            })?;
        *weights[*edge].get_or_insert(0) += 1;
    }
    Ok(weights)
}

/// The two names in byte order.
fn ordered<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{detect_groups, generate_coordinated_network, Params};

    #[test]
    fn flags_fast_rows_and_counts_fast_weights() {
        let shares = [
            Share::new("o1", "a", "a1", 0.0),
            Share::new("o1", "b", "b1", 5.0),
            Share::new("o2", "a", "a2", 0.0),
            Share::new("o2", "b", "b2", 50.0),
            Share::new("o3", "a", "a3", 0.0),
            Share::new("o3", "c", "c1", 2.0),
            Share::new("o4", "c", "c2", 0.0),
        ];
        let params = Params {
            time_window: 60.0,
            min_participation: 1,
            ..Params::default()
        };
        let groups = detect_groups(&shares, &params);
        assert_eq!(groups.len(), 3);
        let flags = flag_speed_share(&shares, &groups, 1, 10.0);
        let deltas: Vec<(f64, bool)> = groups
            .iter()
            .map(|g| g.time_delta)
            .zip(flags.clone())
            .collect();
        assert_eq!(deltas, vec![(5.0, true), (50.0, false), (2.0, true)]);

        let network = generate_coordinated_network(&groups, 0.5).unwrap();
        let weights = fast_edge_weights(&network, &groups, &flags).unwrap();
        assert_eq!(weights, vec![Some(1), Some(1)]);

        let none = flag_speed_share(&shares, &groups, 1, 1.0);
        assert_eq!(
            fast_edge_weights(&network, &groups, &none).unwrap(),
            vec![None, None]
        );
        assert!(fast_edge_weights(&network, &groups, &none[..1]).is_err());
    }

    #[test]
    fn participation_is_checked_against_the_narrow_window() {
        let shares = [
            Share::new("o1", "a", "a1", 0.0),
            Share::new("o1", "b", "b1", 5.0),
            Share::new("o2", "a", "a2", 0.0),
            Share::new("o2", "b", "b2", 50.0),
        ];
        let params = Params {
            time_window: 60.0,
            min_participation: 2,
            ..Params::default()
        };
        let groups = detect_groups(&shares, &params);
        assert_eq!(groups.len(), 2);
        // Only one fast row: neither account has two fast contents.
        assert_eq!(
            flag_speed_share(&shares, &groups, 2, 10.0),
            vec![false, false]
        );
        assert_eq!(
            flag_speed_share(&shares, &groups, 1, 10.0),
            vec![true, false]
        );
    }
}
