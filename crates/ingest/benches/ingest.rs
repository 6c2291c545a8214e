//! Micro-benchmark of reading the canonical posts CSV (FORMATS.md), in bytes per second.
//!
//! - `ingest/read_posts_csv`: [`read_posts`] with default options (format detected from the
//!   content) over a generated file of about 50 MB in the system's temporary directory: 175,000
//!   posts with `account_id, post_id, timestamp, text, urls, hashtags, mentions, reshare_of,
//!   reply_to`, RFC 3339 timestamps, texts of 8 to 40 words with quoted commas, quotes and line
//!   breaks, a quarter of the rows reshares and a tenth replies. The sink only counts rows.
//!
//! Run with `cargo bench -p lockstep-ingest --bench ingest`; a shorter run:
//! `cargo bench -p lockstep-ingest --bench ingest -- --warm-up-time 1 --measurement-time 2
//! --sample-size 10`.

use chrono::DateTime;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lockstep_ingest::{read_posts, IngestOptions, Input};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::Write;

/// Posts in the generated file.
const POSTS: u64 = 175_000;

/// Id of the first post; the others follow.
const FIRST_POST_ID: u64 = 1_830_000_000_000_000_000;

/// The columns written.
const HEADER: &str = "account_id,post_id,timestamp,text,urls,hashtags,mentions,reshare_of,reply_to";

const WORDS: &str = "breaking news officials said on monday that the vote count \"will continue\" \
    as crowds gathered outside city hall, while supporters shared videos claiming fraud and \
    reporters asked for evidence before the deadline tonight; more updates soon from our team";

/// Writes the posts file.
fn write_posts(out: &mut impl Write) -> std::io::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(0xc5f);
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(HEADER.split(','))?;
    let start = 1_725_000_000;
    let post_id = |i: u64| (FIRST_POST_ID + i).to_string();
    for i in 0..POSTS {
        let time = DateTime::from_timestamp(start + (i as i64) * 10 + rng.random_range(0..10), 0)
            .unwrap_or_default()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let n = rng.random_range(8..40);
        let mut text: Vec<&str> = (0..n)
            .map(|_| *words.choose(&mut rng).unwrap_or(&""))
            .collect();
        if rng.random_bool(0.05) {
            text.push("\nmore below 👇");
        }
        let story = rng.random_range(0..20_000);
        // A quarter of the posts reshare an earlier one, a tenth reply to one.
        let earlier = post_id(i.saturating_sub(1 + story % 1_000));
        let (reshare_of, reply_to) = match rng.random_range(0..20) {
            0..5 => (earlier.as_str(), ""),
            5..7 => ("", earlier.as_str()),
            _ => ("", ""),
        };
        csv.write_record([
            &rng.random_range(0..40_000).to_string(),
            &post_id(i),
            &time,
            &text.join(" "),
            &format!("https://www.example-news.com/2024/story-{story}?utm_source=twitter"),
            &format!("#news #story{}", story % 300),
            &format!("@desk_{}", story % 900),
            reshare_of,
            reply_to,
        ])?;
    }
    csv.flush()
}

fn read_csv(c: &mut Criterion) {
    let mut file = tempfile::Builder::new()
        .suffix(".csv")
        .tempfile()
        .expect("temporary file");
    write_posts(file.as_file_mut()).expect("posts file written");
    let bytes = file.as_file().metadata().expect("file size").len();
    eprintln!("workload: {POSTS} posts, {bytes} bytes");
    let inputs = [Input::Path(file.path().to_path_buf())];
    let options = IngestOptions::default();

    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("read_posts_csv", |b| {
        b.iter(|| {
            let mut rows = 0u64;
            read_posts(&inputs, &options, &mut |_| rows += 1).expect("posts read");
            assert_eq!(rows, POSTS);
        })
    });
    group.finish();
}

criterion_group!(benches, read_csv);
criterion_main!(benches);
