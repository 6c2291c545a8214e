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

/// The keys of band `band` of `params` of every text of `sets` with shingles.
pub(crate) fn band_of(sets: &ShingleSets, params: LshParams, band: usize) -> Vec<BandKey> {
    let hashes = Band::new(band, params.rows);
    (0..sets.len() as u32)
        .into_par_iter()
        .filter_map(|text| {
            hashes.key(sets.get(text as usize)).map(|key| BandKey {
                band: band as u32,
                key,
                text,
            })
        })
        .collect()
}

/// Groups the texts of `sets` whose similarity reaches `threshold`, searching with `params`.
/// `pairs(sets, b)` gives the pairs of band `b`'s buckets as [`bucket_pairs`] finds them, in
/// any order; those already grouped by earlier bands are not compared.
pub(crate) fn group_similar<E>(
    sets: &ShingleSets,
    params: LshParams,
    threshold: f64,
    mut pairs: impl FnMut(&ShingleSets, usize) -> Result<Vec<(u32, u32)>, E>,
) -> Result<(UnionFind, SearchStats), E> {
    let n = sets.len();
    let mut groups = UnionFind::new(n);
    let mut stats = SearchStats::default();
    for b in 0..params.bands {
        let candidates: Vec<(u32, u32)> = pairs(sets, b)?
            .into_par_iter()
            .filter(|&(x, y)| groups.root(x) != groups.root(y))
            .collect();
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

/// The pairs of band `band`'s buckets of `sets`: [`band_of`] bucketed by [`bucket_pairs`].
pub(crate) fn band_pairs(sets: &ShingleSets, params: LshParams, band: usize) -> Vec<(u32, u32)> {
    bucket_pairs(&mut band_of(sets, params, band))
        .into_iter()
        .map(|(_, x, y)| (x, y))
        .collect()
}

/// The pairs of texts to compare in the buckets of `keys` (texts sharing a band and a key;
/// `keys` must hold every key of each bucket it holds, in any order, and is sorted here), as
/// (band, text, text): each text with its bucket's first text and with its predecessor, by
/// text index. A bucket of m texts gives at most 2m − 3 pairs, however popular its key.
pub fn bucket_pairs(keys: &mut [BandKey]) -> Vec<(u32, u32, u32)> {
    keys.par_sort_unstable();
    let buckets: Vec<&[BandKey]> = keys
        .chunk_by(|x, y| x.band == y.band && x.key == y.key)
        .filter(|bucket| bucket.len() >= 2)
        .collect();
    buckets
        .into_par_iter()
        .flat_map_iter(|bucket| {
            let (band, first) = (bucket[0].band, bucket[0].text);
            (1..bucket.len()).flat_map(move |k| {
                let prev = (k >= 2).then(|| (band, bucket[k - 1].text, bucket[k].text));
                std::iter::once((band, first, bucket[k].text)).chain(prev)
            })
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
            group_similar(sets, params, threshold, |s, b| Ok(band_pairs(s, params, b)));
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
        // Five texts in one bucket of band 0 (given in reverse): 4 comparisons with the first,
        // 3 with predecessors. Text 5 is alone in its bucket; texts 0 and 5 share key 9 in
        // band 1, a bucket of their own.
        let key = |band, key, text| BandKey { band, key, text };
        let mut keys: Vec<BandKey> = (0..5)
            .rev()
            .map(|i| key(0, 7, i))
            .chain([key(0, 9, 5), key(1, 9, 5), key(1, 9, 0)])
            .collect();
        let mut pairs = bucket_pairs(&mut keys);
        pairs.sort_unstable();
        assert_eq!(
            pairs,
            [
                (0, 0, 1),
                (0, 0, 2),
                (0, 0, 3),
                (0, 0, 4),
                (0, 1, 2),
                (0, 2, 3),
                (0, 3, 4),
                (1, 0, 5)
            ]
        );
    }

    #[test]
    fn pairs_already_grouped_are_not_compared_again() {
        // Texts 0 and 1 are near-duplicates (J = 9/13); under the banding of 0.5 nearly every
        // band puts them in one bucket, but only the first such band compares them.
        let s = sets(&[
            "the council will vote on the new housing plan next tuesday evening",
            "the council will vote on a new housing plan next tuesday evening",
        ]);
        let params = LshParams::for_threshold(0.5);
        let shared = (0..params.bands)
            .filter(|&b| !band_pairs(&s, params, b).is_empty())
            .count();
        assert!(shared >= 2, "{shared} bands");
        let (groups, stats) = local(&s, 0.5);
        assert_eq!(groups.root(0), groups.root(1));
        assert_eq!((stats.candidate_pairs, stats.similar_pairs), (1, 1));
    }
}
