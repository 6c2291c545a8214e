//! Parameters of near-duplicate grouping and the LSH banding derived from them.

use serde::Serialize;

/// How near-duplicate texts are found.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct NearDupConfig {
    /// Texts whose shingle sets have at least this Jaccard similarity are near-duplicates
    /// (0 < similarity ≤ 1; 1 merges only texts with identical shingle sets).
    pub similarity: f64,
    /// Tokens per shingle: 2 compares word pairs (character pairs in CJK), 1 compares word sets.
    pub shingle_size: usize,
}

impl Default for NearDupConfig {
    /// Word bigrams at Jaccard 0.5.
    ///
    /// Bigrams keep word order, so two unrelated texts from the same vocabulary share few of
    /// them (typically under 0.1), while the edits of a copy-paste campaign keep most: in a
    /// 20-word message one swapped word leaves J = 17/21 ≈ 0.81, two swaps ≈ 0.65, an added
    /// opener of two words ≈ 0.90, and emoji, case, punctuation and trailing hashtags leave
    /// J = 1. At 0.5, two texts of equal length share at least two thirds of their bigrams.
    fn default() -> Self {
        Self {
            similarity: 0.5,
            shingle_size: 2,
        }
    }
}

/// Most bands used: bounds the work per text.
pub const MAX_BANDS: usize = 40;
/// Most rows (hashes) per band.
pub const MAX_ROWS: usize = 8;
/// Smallest probability that a pair of texts exactly at the threshold shares a band, which
/// the banding is chosen to reach where [`MAX_BANDS`] allows.
pub const TARGET_RECALL: f64 = 0.99;

/// LSH banding: `bands` bands of `rows` MinHash values each.
///
/// Two texts with Jaccard similarity `s` become candidates with probability
/// `1 - (1 - s^rows)^bands`. The banding chosen for a threshold `t` has the most rows per band
/// (fewest chance collisions) whose band count reaching [`TARGET_RECALL`] at `t` stays within
/// [`MAX_BANDS`]. For t = 0.5 that is 35 bands of 3 rows: a pair at J = 0.5 is a candidate with
/// probability 0.991, at J = 0.7 with 0.99999, at J = 0.2 with 0.25 and at J = 0.1 with 0.035.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LshParams {
    /// Number of bands.
    pub bands: usize,
    /// MinHash values per band.
    pub rows: usize,
}

impl LshParams {
    /// The banding for similarity threshold `t` (clamped to `[0.01, 1]`).
    pub fn for_threshold(t: f64) -> Self {
        let t = t.clamp(0.01, 1.0);
        let bands_needed = |rows: usize| -> usize {
            let p = t.powi(rows as i32);
            if p >= 1.0 {
                return 1;
            }
            let b = ((1.0 - TARGET_RECALL).ln() / (1.0 - p).ln()).ceil();
            if b.is_finite() {
                (b as usize).max(1)
            } else {
                usize::MAX
            }
        };
        (1..=MAX_ROWS)
            .rev()
            .map(|rows| (rows, bands_needed(rows)))
            .find(|&(_, bands)| bands <= MAX_BANDS)
            .map_or(
                LshParams {
                    bands: MAX_BANDS,
                    rows: 1,
                },
                |(rows, bands)| LshParams { bands, rows },
            )
    }

    /// Probability that two texts with Jaccard similarity `s` share at least one band.
    pub fn candidate_probability(&self, s: f64) -> f64 {
        1.0 - (1.0 - s.powi(self.rows as i32)).powi(self.bands as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banding_for_the_default_threshold() {
        // rows = 4 needs ln(0.01)/ln(1 - 0.5^4) = 71.4 -> 72 bands (> 40); rows = 3 needs
        // ln(0.01)/ln(0.875) = 34.5 -> 35 bands.
        let p = LshParams::for_threshold(0.5);
        assert_eq!(p, LshParams { bands: 35, rows: 3 });
        assert!(p.candidate_probability(0.5) >= TARGET_RECALL);
        assert!(p.candidate_probability(0.1) < 0.05);
    }

    #[test]
    fn banding_follows_the_threshold() {
        // t = 0.8: rows = 8 needs ln(0.01)/ln(1 - 0.8^8) = 25.08 -> 26 bands.
        assert_eq!(
            LshParams::for_threshold(0.8),
            LshParams { bands: 26, rows: 8 }
        );
        assert_eq!(
            LshParams::for_threshold(1.0),
            LshParams { bands: 1, rows: 8 }
        );
        // t = 0.2: rows = 2 needs ln(0.01)/ln(0.96) = 112.8 bands; rows = 1 needs 21.
        assert_eq!(
            LshParams::for_threshold(0.2),
            LshParams { bands: 21, rows: 1 }
        );
        // Below any reachable recall: the most bands of one row.
        assert_eq!(
            LshParams::for_threshold(0.0),
            LshParams { bands: 40, rows: 1 }
        );
    }
}
