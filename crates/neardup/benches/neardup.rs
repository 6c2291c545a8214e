//! Micro-benchmark of near-duplicate grouping.
//!
//! - `neardup/group_narratives`: [`group_narratives`] with the default configuration (word
//!   bigrams, Jaccard ≥ 0.5: shingling, MinHash and LSH banding, exact Jaccard verification,
//!   union-find) on the text table of 100,000 posts, each a distinct normalised text of 12 to 28
//!   words drawn from a skewed vocabulary of 20,000 words. 2% of the posts belong to 200
//!   planted campaigns of 10 copies of one message, each copy with one or two edits (a word
//!   replaced, dropped or added).
//!
//! Run with `cargo bench -p lockstep-neardup --bench neardup`; a shorter run:
//! `cargo bench -p lockstep-neardup --bench neardup -- --warm-up-time 1 --measurement-time 2
//! --sample-size 10`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use lockstep_model::{ActionTable, Signal};
use lockstep_neardup::{group_narratives, NearDupConfig};
use lockstep_traces::TextRules;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;

/// Posts, each with its own text.
const POSTS: usize = 100_000;
/// Planted campaigns.
const CAMPAIGNS: usize = 200;
/// Edited copies of each campaign's message.
const COPIES: usize = 10;
/// Distinct words.
const VOCABULARY: usize = 20_000;

/// Words made of two to four syllables, most frequent first.
fn vocabulary(rng: &mut ChaCha8Rng) -> Vec<String> {
    const SYLLABLES: [&str; 24] = [
        "ka", "lo", "mi", "nu", "re", "sa", "ti", "vo", "ber", "dan", "gel", "hor", "jin", "kest",
        "lum", "mar", "nel", "pra", "quo", "rin", "stu", "tor", "vel", "zan",
    ];
    let mut seen = HashSet::new();
    let mut words: Vec<String> = Vec::with_capacity(VOCABULARY);
    while words.len() < VOCABULARY {
        let n = rng.random_range(2..=4);
        let word: String = (0..n)
            .map(|_| *SYLLABLES.choose(rng).unwrap_or(&"ka"))
            .collect();
        if seen.insert(word.clone()) {
            words.push(word);
        }
    }
    words
}

/// A word drawn with a Zipf-like skew towards the start of the vocabulary.
fn word<'v>(rng: &mut ChaCha8Rng, vocabulary: &'v [String]) -> &'v str {
    &vocabulary[(rng.random::<f64>().powi(3) * vocabulary.len() as f64) as usize]
}

/// A message of 12 to 28 words.
fn message<'v>(rng: &mut ChaCha8Rng, vocabulary: &'v [String]) -> Vec<&'v str> {
    let n = rng.random_range(12..=28);
    (0..n).map(|_| word(rng, vocabulary)).collect()
}

/// `message` with one or two edits: a word replaced, dropped or inserted.
fn edited<'v>(rng: &mut ChaCha8Rng, vocabulary: &'v [String], message: &[&'v str]) -> String {
    let mut words = message.to_vec();
    for _ in 0..rng.random_range(1..=2) {
        let at = rng.random_range(0..words.len());
        match rng.random_range(0..3) {
            0 => words[at] = word(rng, vocabulary),
            1 => {
                words.remove(at);
            }
            _ => words.insert(at, word(rng, vocabulary)),
        }
    }
    words.join(" ")
}

/// The text table of the posts: campaign copies first, then ordinary posts.
fn text_table() -> ActionTable {
    let mut rng = ChaCha8Rng::seed_from_u64(0xd0b);
    let vocabulary = vocabulary(&mut rng);
    let mut texts: Vec<String> = Vec::with_capacity(POSTS);
    for _ in 0..CAMPAIGNS {
        let original = message(&mut rng, &vocabulary);
        for _ in 0..COPIES {
            texts.push(edited(&mut rng, &vocabulary, &original));
        }
    }
    while texts.len() < POSTS {
        texts.push(message(&mut rng, &vocabulary).join(" "));
    }
    let mut table = ActionTable::new(Signal::Text);
    for (post, text) in texts.iter().enumerate() {
        let time = 1_725_000_000_000 + post as i64 * 10_000;
        table.push(text, time, rng.random_range(0..50_000), post as u32);
    }
    table
}

fn neardup(c: &mut Criterion) {
    let table = text_table();
    let rules = TextRules::default();
    let config = NearDupConfig::default();
    let stats = group_narratives(&mut table.clone(), POSTS, &rules, &config).stats;
    eprintln!(
        "workload: {} distinct texts; {} candidate pairs, {} similar; {} narratives of two or \
         more texts",
        stats.distinct_texts,
        stats.search.candidate_pairs,
        stats.search.similar_pairs,
        stats.merged_narratives
    );

    let mut group = c.benchmark_group("neardup");
    group.throughput(Throughput::Elements(POSTS as u64));
    group.bench_function("group_narratives", |b| {
        b.iter_batched(
            || table.clone(),
            |mut table| group_narratives(&mut table, POSTS, &rules, &config),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Iterations take tenths of a second: fewer samples than the default 100.
    config = Criterion::default().sample_size(10);
    targets = neardup
}
criterion_main!(benches);
