//! Shingles: the overlapping word n-grams that near-duplicate texts share.
//!
//! A normalised text (see [`crate::text`]) is cut into tokens: words separated by spaces, except
//! that every character of a script written without spaces (CJK, Thai, ...) is a token of its
//! own, so Chinese and Japanese get character n-grams while Latin, Cyrillic and Arabic get word
//! n-grams. Each token is folded to its confusable skeleton (Unicode TS #39: Cyrillic `а`,
//! Greek `ο` and Latin `a`, `o` become one letter; accents are dropped) so that homoglyph
//! substitutions do not change the shingles. ASCII letters and digits are kept as written.
//!
//! A shingle is `size` consecutive tokens (a text with fewer tokens has one shingle of all of
//! them), hashed with xxh3 (stable across runs and platforms) to 32 bits. A text's shingles are
//! returned sorted and deduplicated: a set, on which Jaccard similarity is computed exactly
//! ([`lockstep_model::jaccard`]). Two distinct shingles share a 32-bit hash with probability
//! 2⁻³², so with a few dozen shingles per text a collision changes a pair's Jaccard with
//! probability below 10⁻⁶.

use crate::text::is_unspaced_script;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use xxhash_rust::xxh3::xxh3_64;

/// Largest accepted shingle size, in tokens.
pub const MAX_SHINGLE_SIZE: usize = 8;

/// Appends the sorted, distinct shingle hashes of the normalised text `norm` to `out`, using
/// shingles of `size` tokens (clamped to `1..=MAX_SHINGLE_SIZE`). Nothing is appended for a
/// text without tokens.
pub fn shingle_hashes(norm: &str, size: usize, out: &mut Vec<u32>) {
    let size = size.clamp(1, MAX_SHINGLE_SIZE);
    let tokens = token_hashes(norm);
    let start = out.len();
    if tokens.is_empty() {
        return;
    }
    let mut buf = [0u8; 8 * MAX_SHINGLE_SIZE];
    for window in tokens.windows(size.min(tokens.len())) {
        for (i, t) in window.iter().enumerate() {
            buf[8 * i..8 * i + 8].copy_from_slice(&t.to_le_bytes());
        }
        out.push(xxh3_64(&buf[..8 * window.len()]) as u32);
    }
    out[start..].sort_unstable();
    let distinct = dedup_sorted(&mut out[start..]);
    out.truncate(start + distinct);
}

/// Moves the distinct values of the sorted `values` to its front and returns their number.
fn dedup_sorted(values: &mut [u32]) -> usize {
    let mut n = 0;
    for i in 0..values.len() {
        if n == 0 || values[i] != values[n - 1] {
            values[n] = values[i];
            n += 1;
        }
    }
    n
}

/// xxh3 hashes of the folded tokens of `norm`, in order.
fn token_hashes(norm: &str) -> Vec<u64> {
    let mut hashes = Vec::new();
    let mut token = String::new();
    let flush = |token: &mut String, hashes: &mut Vec<u64>| {
        if !token.is_empty() {
            hashes.push(xxh3_64(token.as_bytes()));
            token.clear();
        }
    };
    for c in norm.chars() {
        if c.is_whitespace() {
            flush(&mut token, &mut hashes);
        } else if is_unspaced_script(c) {
            flush(&mut token, &mut hashes);
            fold_char(c, &mut token);
            flush(&mut token, &mut hashes);
        } else {
            fold_char(c, &mut token);
        }
    }
    flush(&mut token, &mut hashes);
    hashes
}

thread_local! {
    /// Skeletons of the non-ASCII characters seen by this thread.
    static SKELETONS: RefCell<FxHashMap<char, Box<str>>> = RefCell::new(FxHashMap::default());
}

/// Appends the folded form of `c` to `out`: ASCII as is; any other character its lowercase
/// confusable skeleton without combining marks, or itself when the skeleton has no letter or
/// digit.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
        return;
    }
    SKELETONS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let folded = cache.entry(c).or_insert_with(|| skeleton_of(c));
        out.push_str(folded);
    });
}

fn skeleton_of(c: char) -> Box<str> {
    let mut buf = [0u8; 4];
    let folded: String = unicode_security::skeleton(c.encode_utf8(&mut buf))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect();
    if folded.is_empty() {
        c.to_string().into_boxed_str()
    } else {
        folded.into_boxed_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lockstep_model::jaccard;

    fn shingles(norm: &str, size: usize) -> Vec<u32> {
        let mut out = Vec::new();
        shingle_hashes(norm, size, &mut out);
        out
    }

    fn folded(s: &str) -> String {
        let mut out = String::new();
        s.chars().for_each(|c| fold_char(c, &mut out));
        out
    }

    #[test]
    fn word_bigrams_are_a_set() {
        // "a b a b": bigrams "a b", "b a", "a b" -> 2 distinct.
        assert_eq!(shingles("a b a b", 2).len(), 2);
        // Fewer tokens than the size: one shingle of everything.
        assert_eq!(shingles("alone", 3).len(), 1);
        assert!(shingles("", 2).is_empty());
        assert!(shingles("   ", 2).is_empty());
        let s = shingles("one two three four", 2);
        assert!(s.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn homoglyphs_and_accents_fold() {
        // Cyrillic а, о, е, р, с and Greek ο in place of Latin letters.
        assert_eq!(folded("vоtе"), "vote");
        assert_eq!(folded("ѕсаm"), "scam");
        assert_eq!(folded("lοok"), "look");
        assert_eq!(folded("résumé"), "resume");
        assert_eq!(
            shingles("vоtе for the реоple", 2),
            shingles("vote for the people", 2)
        );
        // Ideographs and Arabic letters fold to themselves or a letter, never to nothing.
        assert_eq!(folded("中文").chars().count(), 2);
        assert!(!folded("مرحبا").is_empty());
    }

    #[test]
    fn unspaced_scripts_use_character_ngrams() {
        // 7 characters -> 6 character bigrams, all distinct.
        assert_eq!(shingles("我们必须立即行", 2).len(), 6);
        // Latin words next to CJK stay words: "abc", "中", "文" -> 2 bigrams.
        assert_eq!(shingles("abc中文", 2).len(), 2);
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_a_sorted_set_of_shingles(raw in "\\PC{0,80}", size in 1usize..4) {
            let norm = crate::text::normalize(&raw, &crate::TextRules::default());
            let mut out = Vec::new();
            shingle_hashes(&norm, size, &mut out);
            proptest::prop_assert!(out.windows(2).all(|w| w[0] < w[1]));
            proptest::prop_assert_eq!(out.is_empty(), norm.trim().is_empty());
        }
    }

    #[test]
    fn one_swapped_word_in_ten() {
        // Ten words, word 5 swapped: each text has 9 bigrams; the swap touches bigrams 4-5 and
        // 5-6, so 7 are shared and the union is 9 + 9 - 7 = 11: J = 7/11.
        let a = shingles("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10", 2);
        let b = shingles("w1 w2 w3 w4 xx w6 w7 w8 w9 w10", 2);
        assert!((jaccard(&a, &b) - 7.0 / 11.0).abs() < 1e-12);
    }
}
