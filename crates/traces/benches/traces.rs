//! Micro-benchmarks of per-post trace extraction, in bytes of input per second on one thread.
//!
//! - `normalize/<kind>`: [`text::normalize`] with the default rules over 20,000 generated posts
//!   of one kind: `ascii` (plain English), `latin` (accented French, Spanish, German,
//!   Portuguese and Polish, a fifth of the posts in decomposed form), `social` (English with
//!   URLs, @mentions, hashtags, emoji and retweet markers) and `cjk` (Chinese, Japanese and
//!   Korean).
//! - `prepare/mixed`: [`prepare`] for every signal on 20,000 records mixing the four kinds, each with URLs,
//!   hashtags and mentions as list fields, one in ten a reshare (whose text is not read);
//!   throughput counts the bytes of the text and list fields.
//!
//! Run with `cargo bench -p lockstep-traces --bench traces`; a shorter run:
//! `cargo bench -p lockstep-traces --bench traces -- --warm-up-time 1 --measurement-time 2
//! --sample-size 10`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use lockstep_ingest::{Items, Record};
use lockstep_model::SignalSet;
use lockstep_traces::{prepare, text, TextRules};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::borrow::Cow;
use std::hint::black_box;
use unicode_normalization::UnicodeNormalization;

/// Posts per corpus.
const POSTS: usize = 20_000;

const ENGLISH: &str = "the government announced new measures today to support families across \
    the country and experts say this plan could change how we live work travel next year but \
    critics warn that costs will rise for everyone while local leaders ask for more time \
    people are sharing their stories online about what happened in the city last night";
const LATIN: &str = "élection président gouvernement année être déjà très où ça français \
    niño mañana corazón política información país aquí también después según \
    über straße müssen größer schön während für höchste bürger \
    não coração ação eleição você também até está notícias \
    będzie żeby się właśnie już może przez tylko";
const CHINESE: &str = "选举 政府 今天 宣布 新的 措施 支持 家庭 我们 国家 经济 人民 真相 \
    大家 转发 视频 消息 发展 重要";
const JAPANESE: &str = "今日は ニュース 政府が 発表しました 選挙 みんなで 拡散 してください \
    本当に 大変 です";
const KOREAN: &str = "오늘 정부가 발표했다 선거 국민 여러분 공유 해주세요 진실 뉴스";
const EMOJI: [&str; 6] = ["🔥", "👇", "🇺🇸", "‼️", "😂", "🙏🏽"];

/// What a generated post is written in.
#[derive(Clone, Copy)]
enum Kind {
    Ascii,
    Latin,
    Social,
    Cjk,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Ascii, Kind::Latin, Kind::Social, Kind::Cjk];

    fn name(self) -> &'static str {
        match self {
            Kind::Ascii => "ascii",
            Kind::Latin => "latin",
            Kind::Social => "social",
            Kind::Cjk => "cjk",
        }
    }
}

/// Words of `vocabulary`, `n` of them at random, separated by spaces and the odd punctuation.
fn sentence(rng: &mut ChaCha8Rng, vocabulary: &str, n: usize) -> String {
    let words: Vec<&str> = vocabulary.split_whitespace().collect();
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push_str([" ", " ", " ", " ", ", ", ". "].choose(rng).unwrap_or(&" "));
        }
        out.push_str(words.choose(rng).unwrap_or(&""));
    }
    out
}

/// A generated post of `kind`.
fn post(rng: &mut ChaCha8Rng, kind: Kind) -> String {
    let n = rng.random_range(8..40);
    match kind {
        Kind::Ascii => sentence(rng, ENGLISH, n),
        Kind::Latin => {
            let s = sentence(rng, LATIN, n);
            if rng.random_bool(0.2) {
                s.nfd().collect()
            } else {
                s
            }
        }
        Kind::Social => {
            let mut s = String::new();
            if rng.random_bool(0.1) {
                s.push_str("RT @newsdesk_24: ");
            }
            s.push_str(&sentence(rng, ENGLISH, n));
            let id = rng.random_range(0..100_000);
            s.push_str(&format!(
                " {} @user_{id} https://www.example-news.com/2024/story-{id}?utm_source=twitter \
                 {} #Breaking #Vote2024",
                EMOJI.choose(rng).unwrap_or(&""),
                EMOJI.choose(rng).unwrap_or(&""),
            ));
            s
        }
        Kind::Cjk => match rng.random_range(0..3) {
            0 => unspaced(&sentence(rng, CHINESE, n), "，"),
            1 => unspaced(&sentence(rng, JAPANESE, n), "、"),
            _ => sentence(rng, KOREAN, n),
        },
    }
}

/// `sentence` as Chinese and Japanese write it: no spaces, ideographic punctuation.
fn unspaced(sentence: &str, comma: &str) -> String {
    sentence
        .replace(". ", "。")
        .replace(", ", comma)
        .replace(' ', "")
}

fn normalize(c: &mut Criterion) {
    let rules = TextRules::default();
    let mut rng = ChaCha8Rng::seed_from_u64(0x7e47);
    let mut group = c.benchmark_group("normalize");
    for kind in Kind::ALL {
        let posts: Vec<String> = (0..POSTS).map(|_| post(&mut rng, kind)).collect();
        let bytes: usize = posts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(kind.name()),
            &posts,
            |b, posts| {
                b.iter(|| {
                    for p in posts {
                        black_box(text::normalize(p, &rules));
                    }
                })
            },
        );
    }
    group.finish();
}

/// The owned fields of one generated record.
struct Fields {
    account: String,
    post: String,
    text: String,
    urls: String,
    hashtags: String,
    mentions: String,
    reshare_of: Option<String>,
}

impl Fields {
    fn generate(rng: &mut ChaCha8Rng, i: usize) -> Self {
        let kind = *Kind::ALL.choose(rng).unwrap_or(&Kind::Ascii);
        let story = rng.random_range(0..5_000);
        Fields {
            account: format!("{}", rng.random_range(0..50_000)),
            post: format!("{}", 1_800_000_000_000 + i),
            text: post(rng, kind),
            urls: format!(
                "https://www.Example-News.com/2024/story-{story}?utm_source=twitter&ref=home \
                 http://bit.ly/{story}x"
            ),
            hashtags: format!("#Breaking #Vote2024 #story{}", story % 50),
            mentions: format!("@newsdesk_24 @User_{}", story % 700),
            reshare_of: rng
                .random_bool(0.1)
                .then(|| format!("{}", 1_700_000_000_000u64 + story)),
        }
    }

    fn bytes(&self) -> usize {
        self.text.len() + self.urls.len() + self.hashtags.len() + self.mentions.len()
    }

    fn record(&self, line: u64) -> Record<'_> {
        Record {
            source: "posts.csv",
            line,
            account_id: Cow::Borrowed(&self.account),
            post_id: Some(Cow::Borrowed(&self.post)),
            time: 1_725_000_000_000 + line as i64 * 1_000,
            text: Some(Cow::Borrowed(&self.text)),
            urls: Items::Spaced(&self.urls),
            hashtags: Items::Spaced(&self.hashtags),
            mentions: Items::Spaced(&self.mentions),
            media: Items::Empty,
            reshare_of: self.reshare_of.as_deref().map(Cow::Borrowed),
            reply_to: None,
            platform: None,
            object_id: None,
            community: None,
            client: None,
            profile: None,
        }
    }
}

fn prepare_records(c: &mut Criterion) {
    let rules = TextRules::default();
    let mut rng = ChaCha8Rng::seed_from_u64(0x9e9a);
    let fields: Vec<Fields> = (0..POSTS).map(|i| Fields::generate(&mut rng, i)).collect();
    // Line 1 is the header.
    let records: Vec<Record> = fields
        .iter()
        .zip(2..)
        .map(|(f, line)| f.record(line))
        .collect();
    let mut group = c.benchmark_group("prepare");
    group.throughput(Throughput::Bytes(
        fields.iter().map(Fields::bytes).sum::<usize>() as u64,
    ));
    group.bench_function("mixed", |b| {
        b.iter(|| {
            for r in &records {
                black_box(prepare(r, &rules, SignalSet::ALL));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, normalize, prepare_records);
criterion_main!(benches);
