//! The shingle sets of many texts in one flat arena.

use lockstep_model::StrColumn;
use lockstep_traces::shingles::shingle_hashes;
use rayon::prelude::*;

/// Texts per parallel task when shingling.
const CHUNK: usize = 16_384;

/// Sorted, distinct shingle hashes of every text, stored back to back.
#[derive(Debug)]
pub(crate) struct ShingleSets {
    hashes: Vec<u32>,
    /// Text `i`'s shingles are `hashes[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
}

impl ShingleSets {
    /// Shingles `texts` (normalised) with shingles of `size` tokens, in parallel.
    pub(crate) fn build(texts: &StrColumn, size: usize) -> Self {
        let chunks: Vec<(Vec<u32>, Vec<usize>)> = (0..texts.len())
            .collect::<Vec<_>>()
            .par_chunks(CHUNK)
            .map(|ids| {
                let mut hashes = Vec::new();
                let mut lens = Vec::with_capacity(ids.len());
                for &id in ids {
                    let before = hashes.len();
                    shingle_hashes(texts.get(id), size, &mut hashes);
                    lens.push(hashes.len() - before);
                }
                (hashes, lens)
            })
            .collect();
        let mut hashes = Vec::with_capacity(chunks.iter().map(|c| c.0.len()).sum());
        let mut starts = Vec::with_capacity(texts.len() + 1);
        starts.push(0);
        for (chunk, lens) in chunks {
            hashes.extend_from_slice(&chunk);
            starts.extend(
                lens.into_iter()
                    .scan(hashes.len() - chunk.len(), |end, len| {
                        *end += len;
                        Some(*end)
                    }),
            );
        }
        ShingleSets { hashes, starts }
    }

    /// The shingle set of text `i`.
    pub(crate) fn get(&self, i: usize) -> &[u32] {
        &self.hashes[self.starts[i]..self.starts[i + 1]]
    }

    /// Number of texts.
    pub(crate) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_line_up_with_texts() {
        let mut texts = StrColumn::default();
        for t in ["a b c", "", "a b", "x y z w"] {
            texts.push(t);
        }
        let sets = ShingleSets::build(&texts, 2);
        assert_eq!(sets.len(), 4);
        let lens: Vec<usize> = (0..4).map(|i| sets.get(i).len()).collect();
        assert_eq!(lens, vec![2, 0, 1, 3]);
        // "a b" is the first bigram of "a b c".
        assert!(sets.get(0).contains(&sets.get(2)[0]));
    }
}
