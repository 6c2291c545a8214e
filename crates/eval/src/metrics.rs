//! Scores: precision, recall, F1 and the adjusted Rand index.

/// Number of unordered pairs among `k` items.
fn pairs(k: u64) -> f64 {
    let k = k as f64;
    k * (k - 1.0) / 2.0
}

/// `num / den`, or 0 when `den` is 0.
pub(crate) fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Harmonic mean of precision and recall (0 when both are 0).
pub(crate) fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// The adjusted Rand index (Hubert and Arabie) of two partitions of `n` items, given the sizes
/// of the truth clusters, of the predicted clusters and of their non-empty intersections (the
/// cells of the contingency table). Singleton clusters may be left out of all three lists, as
/// they contribute no pairs:
///
/// `ARI = (Σ C(n_ij, 2) − E) / (½ (Σ C(a_i, 2) + Σ C(b_j, 2)) − E)` with
/// `E = Σ C(a_i, 2) · Σ C(b_j, 2) / C(n, 2)`.
///
/// When the denominator is 0 (both partitions all singletons, or both one cluster), the index
/// is 1 if the partitions agree on every pair and 0 otherwise.
pub(crate) fn adjusted_rand_index(
    n: u64,
    truth: impl IntoIterator<Item = u64>,
    predicted: impl IntoIterator<Item = u64>,
    cells: impl IntoIterator<Item = u64>,
) -> f64 {
    let sum_a: f64 = truth.into_iter().map(pairs).sum();
    let sum_b: f64 = predicted.into_iter().map(pairs).sum();
    let index: f64 = cells.into_iter().map(pairs).sum();
    let total = pairs(n);
    let expected = if total > 0.0 {
        sum_a * sum_b / total
    } else {
        0.0
    };
    let max = (sum_a + sum_b) / 2.0;
    let den = max - expected;
    if den.abs() < 1e-12 {
        return if (index - max).abs() < 1e-9 { 1.0 } else { 0.0 };
    }
    (index - expected) / den
}

/// Area under the ROC curve of `scores` for `positives` (the Mann–Whitney statistic, ties
/// counted half). 0.5 when either class is empty.
pub(crate) fn roc_auc(scores: &[f64], positives: &[bool]) -> f64 {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&x, &y| scores[x].total_cmp(&scores[y]));
    let n_pos = positives.iter().filter(|p| **p).count() as f64;
    let n_neg = scores.len() as f64 - n_pos;
    if n_pos == 0.0 || n_neg == 0.0 {
        return 0.5;
    }
    // Sum of the positives' (average) ranks.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j < order.len() && scores[order[j]] == scores[order[i]] {
            j += 1;
        }
        let avg_rank = (i + 1 + j) as f64 / 2.0;
        rank_sum += avg_rank * order[i..j].iter().filter(|&&k| positives[k]).count() as f64;
        i = j;
    }
    (rank_sum - n_pos * (n_pos + 1.0) / 2.0) / (n_pos * n_neg)
}

/// Average precision (area under the precision–recall curve) of `scores` for `positives`:
/// the precision at each distinct score, weighted by the recall gained there. 0 without
/// positives.
pub(crate) fn average_precision(scores: &[f64], positives: &[bool]) -> f64 {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&x, &y| scores[y].total_cmp(&scores[x]));
    let n_pos = positives.iter().filter(|p| **p).count() as f64;
    if n_pos == 0.0 {
        return 0.0;
    }
    let (mut tp, mut seen, mut ap) = (0.0, 0.0, 0.0);
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        let mut gained = 0.0;
        while j < order.len() && scores[order[j]] == scores[order[i]] {
            gained += f64::from(u8::from(positives[order[j]]));
            j += 1;
        }
        tp += gained;
        seen += (j - i) as f64;
        ap += (gained / n_pos) * (tp / seen);
        i = j;
    }
    ap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranking_areas_by_hand() {
        // Scores 0.9(+) 0.8(-) 0.7(+) 0.1(-): of the 4 positive-negative pairs, 3 are ordered
        // right: AUC 0.75. AP: recall 1/2 at precision 1, then 2/2 at precision 2/3:
        // 0.5 + 0.5 * 2/3 = 0.8333.
        let s = [0.9, 0.8, 0.7, 0.1];
        let p = [true, false, true, false];
        assert!((roc_auc(&s, &p) - 0.75).abs() < 1e-12);
        assert!((average_precision(&s, &p) - (0.5 + 1.0 / 3.0)).abs() < 1e-12);
        // Ties: all equal gives AUC 0.5 and AP = prevalence.
        assert!((roc_auc(&[1.0; 4], &p) - 0.5).abs() < 1e-12);
        assert!((average_precision(&[1.0; 4], &p) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn identical_partitions_score_one_and_independent_ones_about_zero() {
        // {0,1,2} {3,4} {5} against itself.
        assert!((adjusted_rand_index(6, [3, 2], [3, 2], [3, 2]) - 1.0).abs() < 1e-12);
        // Everything a singleton on both sides.
        assert_eq!(adjusted_rand_index(5, [], [], []), 1.0);
        // Truth all singletons, prediction one pair: no agreement beyond chance.
        assert_eq!(adjusted_rand_index(5, [], [2], []), 0.0);
        // Truth {0,1} {2,3}, prediction {0,2} {1,3}: contingency all ones.
        // index 0, E = 2*2/6 = 2/3, max 2: ARI = -(2/3) / (4/3) = -0.5.
        assert!((adjusted_rand_index(4, [2, 2], [2, 2], [1, 1, 1, 1]) + 0.5).abs() < 1e-12);
    }

    #[test]
    fn ratios_and_f1_handle_zero() {
        assert_eq!(ratio(1, 0), 0.0);
        assert_eq!(ratio(1, 4), 0.25);
        assert_eq!(f1(0.0, 0.0), 0.0);
        assert!((f1(0.5, 1.0) - 2.0 / 3.0).abs() < 1e-12);
    }
}
