//! Candidate search by LSH banding, verified by exact Jaccard similarity.
//!
//! For each band, texts are sorted by band key; texts sharing a key form a bucket. Inside a
//! bucket every text is compared with the bucket's first text and with its predecessor, so a
//! bucket of m texts costs at most 2m comparisons however popular its key: work per band is
//! one sort plus O(n). Pairs already in the same group are not compared again, and a pair is
//! merged only when its exact Jaccard similarity reaches the threshold, so the threshold means
//! what it says. Groups are the transitive closure of verified pairs (single linkage): a text
//! joins a narrative when it is a near-duplicate of any of its texts.

use crate::config::LshParams;
use crate::corpus::ShingleSets;
use crate::minhash::Band;
use crate::union_find::UnionFind;
use lockstep_model::jaccard;
use rayon::prelude::*;
use serde::Serialize;

/// What the candidate search did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct SearchStats {
    /// Pairs of texts compared by exact Jaccard.
    pub candidate_pairs: u64,
    /// Compared pairs whose similarity reached the threshold.
    pub similar_pairs: u64,
}

/// One text's key in one band of the LSH banding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BandKey {
    /// The band, from 0.
    pub band: u32,
    /// The text's key in the band: the hash of its MinHash values there.
    pub key: u64,
    /// The text, by its index among the texts searched.
    pub text: u32,
}

/// The keys of band `band` of `params` of every text of `sets` with shingles, as (key, text).
pub(crate) fn band_of(sets: &ShingleSets, params: LshParams, band: usize) -> Vec<(u64, u32)> {
    let band = Band::new(band, params.rows);
    (0..sets.len() as u32)
        .into_par_iter()
        .filter_map(|i| band.key(sets.get(i as usize)).map(|k| (k, i)))
        .collect()
}

/// Groups the texts of `sets` whose similarity reaches `threshold`, searching with `params`.
/// `keys(sets, b)` gives the texts' keys in band `b`, as (key, text), in any order.
pub(crate) fn group_similar<E>(
    sets: &ShingleSets,
    params: LshParams,
    threshold: f64,
    mut keys: impl FnMut(&ShingleSets, usize) -> Result<Vec<(u64, u32)>, E>,
) -> Result<(UnionFind, SearchStats), E> {
    let n = sets.len();
    let mut groups = UnionFind::new(n);
    let mut stats = SearchStats::default();
    for b in 0..params.bands {
        let mut keys = keys(sets, b)?;
        keys.par_sort_unstable();
        let candidates = bucket_pairs(&keys, &groups);
        stats.candidate_pairs += candidates.len() as u64;
        let similar: Vec<(u32, u32)> = candidates
            .into_par_iter()
            .filter(|&(x, y)| jaccard(sets.get(x as usize), sets.get(y as usize)) >= threshold)
            .collect();
        stats.similar_pairs += similar.len() as u64;
        for (x, y) in similar {
            groups.union(x, y);
        }
    }
    Ok((groups, stats))
}

/// Pairs to compare in the buckets of sorted `keys`: each text with the bucket's first text and
/// with its predecessor, unless the two are already grouped.
fn bucket_pairs(keys: &[(u64, u32)], groups: &UnionFind) -> Vec<(u32, u32)> {
    let mut buckets = Vec::new();
    let mut start = 0;
    for i in 1..=keys.len() {
        if i == keys.len() || keys[i].0 != keys[start].0 {
            if i - start >= 2 {
                buckets.push((start, i));
            }
            start = i;
        }
    }
    buckets
        .into_par_iter()
        .flat_map_iter(|(start, end)| {
            let bucket = &keys[start..end];
            let first = bucket[0].1;
            (1..bucket.len())
                .flat_map(move |k| {
                    let prev = (k >= 2).then(|| (bucket[k - 1].1, bucket[k].1));
                    std::iter::once((first, bucket[k].1)).chain(prev)
                })
                .filter(|&(x, y)| groups.root(x) != groups.root(y))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lockstep_model::StrColumn;

    /// [`group_similar`] with the band keys computed here.
    fn local(sets: &ShingleSets, threshold: f64) -> (UnionFind, SearchStats) {
        let params = LshParams::for_threshold(threshold);
        let grouped: Result<_, std::convert::Infallible> =
            group_similar(sets, params, threshold, |s, b| Ok(band_of(s, params, b)));
        grouped.unwrap_or_else(|never| match never {})
    }

    fn sets(texts: &[&str]) -> ShingleSets {
        let mut column = StrColumn::default();
        texts.iter().for_each(|t| {
            column.push(t);
        });
        ShingleSets::build(&column, 2)
    }

    #[test]
    fn near_duplicates_group_and_others_do_not() {
        let texts = [
            // 0 and 1: 12 words, word 6 swapped. Each has 11 bigrams; the swap changes 2, so
            // 9 are shared of 13 distinct: J = 9/13 ≈ 0.69.
            "the council will vote on the new housing plan next tuesday evening",
            "the council will vote on a new housing plan next tuesday evening",
            // 2: 10 words, 9 bigrams; shares only "the council" and "council will" with 0:
            // J = 2/(11 + 9 - 2) ≈ 0.11.
            "the council will never admit what happened at the harbour",
            // 3: 0 with two words dropped at the end: 9 of 11 bigrams, J = 9/11 ≈ 0.82.
            "the council will vote on the new housing plan next",
        ];
        let s = sets(&texts);
        assert!((jaccard(s.get(0), s.get(1)) - 9.0 / 13.0).abs() < 1e-12);
        assert!((jaccard(s.get(0), s.get(2)) - 2.0 / 18.0).abs() < 1e-12);
        assert!((jaccard(s.get(0), s.get(3)) - 9.0 / 11.0).abs() < 1e-12);
        let (groups, stats) = local(&s, 0.5);
        assert_eq!(groups.root(0), groups.root(1));
        assert_eq!(groups.root(0), groups.root(3));
        assert_ne!(groups.root(0), groups.root(2));
        assert!(stats.similar_pairs >= 2);
        // At a threshold above 9/13 but below 9/11 only 0 and 3 group.
        let (groups, _) = local(&s, 0.75);
        assert_eq!(groups.root(0), groups.root(3));
        assert_ne!(groups.root(0), groups.root(1));
    }

    #[test]
    fn bucket_cost_is_linear() {
        // Five texts in one bucket: 4 comparisons with the first, 3 with predecessors.
        let keys: Vec<(u64, u32)> = (0..5).map(|i| (7, i)).chain([(9, 5)]).collect();
        let pairs = bucket_pairs(&keys, &UnionFind::new(6));
        assert_eq!(pairs.len(), 7);
        let mut grouped = UnionFind::new(6);
        grouped.union(0, 1);
        grouped.union(1, 2);
        // (0,1), (0,2), (1,2) are skipped as already grouped.
        assert_eq!(bucket_pairs(&keys, &grouped).len(), 4);
    }
}
