//! MinHash band keys.
//!
//! MinHash value `h` of a shingle set is the minimum over its shingles of a seeded 64-bit
//! permutation-like mix of the shingle hash; two sets share it with probability equal to their
//! Jaccard similarity. Seeds are derived with xxh3 from the value's index, so signatures are
//! identical across runs, thread counts and platforms. A band key hashes `rows` consecutive
//! MinHash values together (xxh3): two sets share a band key with probability `J^rows`.
//! Values are computed band by band, so the whole signature is never stored.

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Seed of MinHash value `index`.
fn seed(index: usize) -> u64 {
    xxh3_64_with_seed(b"lockstep-minhash", index as u64)
}

/// The 64-bit finaliser of MurmurHash3: a bijection that scrambles every bit.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Seeds of the MinHash values of one band.
#[derive(Debug, Clone)]
pub struct Band {
    seeds: Vec<u64>,
}

impl Band {
    /// Band `band` of `rows` values: MinHash values `band * rows .. (band + 1) * rows`.
    pub fn new(band: usize, rows: usize) -> Self {
        Band {
            seeds: (band * rows..(band + 1) * rows).map(seed).collect(),
        }
    }

    /// The band key of a non-empty shingle set; `None` for an empty one.
    pub fn key(&self, shingles: &[u32]) -> Option<u64> {
        if shingles.is_empty() {
            return None;
        }
        let mut bytes = [0u8; 8 * crate::config::MAX_ROWS];
        for (i, &s) in self.seeds.iter().enumerate() {
            let min = shingles
                .iter()
                .map(|&x| mix(u64::from(x) ^ s))
                .min()
                .unwrap_or(u64::MAX);
            bytes[8 * i..8 * i + 8].copy_from_slice(&min.to_le_bytes());
        }
        Some(xxh3_64(&bytes[..8 * self.seeds.len()]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_sets_share_every_band_and_disjoint_sets_none() {
        let a: Vec<u32> = (0..30).collect();
        let b: Vec<u32> = (100..130).collect();
        let bands: Vec<Band> = (0..20).map(|i| Band::new(i, 3)).collect();
        assert!(bands
            .iter()
            .all(|band| band.key(&a) == band.key(&a.clone())));
        assert!(bands.iter().all(|band| band.key(&a) != band.key(&b)));
        assert_eq!(bands[0].key(&[]), None);
    }

    #[test]
    fn collision_rate_estimates_jaccard() {
        // {0..60} and {20..80}: 40 shared of 80 distinct, J = 0.5. Single-row bands collide
        // with probability J; over 2,000 bands the rate has standard deviation
        // sqrt(0.25 / 2000) ≈ 0.011, so ±0.05 is more than four deviations.
        let a: Vec<u32> = (0..60).collect();
        let b: Vec<u32> = (20..80).collect();
        let n = 2000;
        let hits = (0..n)
            .filter(|&i| {
                let band = Band::new(i, 1);
                band.key(&a) == band.key(&b)
            })
            .count();
        let rate = hits as f64 / n as f64;
        assert!((rate - 0.5).abs() < 0.05, "{rate}");
    }
}
