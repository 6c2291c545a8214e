//! CooRTweet's minimum-participation rule on paired contents.

use rustc_hash::FxHashSet;

/// Contents of the accounts that take part often enough among the paired contents.
///
/// `rows` are `(account, content)` ids of the input table; `paired` the contents that appear on
/// either side of a pair. An account qualifies when at least `min_participation` of its rows
/// have a content in `paired`; the result holds those rows' contents. A pair survives the rule
/// when either of its contents is in the result.
pub(crate) fn qualified_contents(
    rows: impl Iterator<Item = (usize, usize)> + Clone,
    n_accounts: usize,
    paired: &FxHashSet<usize>,
    min_participation: usize,
) -> FxHashSet<usize> {
    let mut counts = vec![0usize; n_accounts];
    for (account, content) in rows.clone() {
        if paired.contains(&content) {
            counts[account] += 1;
        }
    }
    rows.filter(|&(account, content)| {
        counts[account] >= min_participation && paired.contains(&content)
    })
    .map(|(_, content)| content)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_only_paired_rows() {
        // Account 0 has three rows but only two paired; account 1 has one paired row.
        let rows = [(0, 10), (0, 11), (0, 12), (1, 13)];
        let paired: FxHashSet<usize> = [10, 11, 13].into_iter().collect();
        let two = qualified_contents(rows.iter().copied(), 2, &paired, 2);
        assert_eq!(two, [10, 11].into_iter().collect());
        let three = qualified_contents(rows.iter().copied(), 2, &paired, 3);
        assert!(three.is_empty());
    }
}
