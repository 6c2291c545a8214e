//! Narratives: groups of near-duplicate texts, which become the text signal's objects.

use crate::config::{LshParams, NearDupConfig};
use crate::corpus::ShingleSets;
use crate::lsh::{band_of, band_pairs, group_similar, BandKey, SearchStats};
use lockstep_model::{jaccard, ActionTable, Interner, PostIdx, StrColumn, TimeMs};
use lockstep_traces::shingles::shingle_hashes;
use lockstep_traces::TextRules;
use rayon::prelude::*;
use serde::Serialize;
use std::convert::Infallible;

/// Marks a post without text in [`Narratives`]' post index.
const NO_TEXT: u32 = u32::MAX;

/// One narrative: near-duplicate texts and who posted them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrative {
    /// 1-based id, in order of first appearance in the input; the text signal's object is
    /// named `narrative:<id>`.
    pub id: u32,
    /// The text posted most often (ties: the first seen), an index into the distinct texts.
    pub representative: u32,
    /// Posts.
    pub posts: u32,
    /// Distinct accounts that posted it.
    pub accounts: u32,
    /// Distinct normalised texts grouped into it.
    pub texts: u32,
    /// First post.
    pub first_seen: TimeMs,
    /// Last post.
    pub last_seen: TimeMs,
    /// Posted by more accounts than `TextRules::max_accounts`: links no one.
    pub boilerplate: bool,
}

/// What the grouping did, for run.json.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NarrativeStats {
    /// Distinct normalised texts.
    pub distinct_texts: u64,
    /// The similarity threshold and shingle size used.
    pub config: Option<NearDupConfig>,
    /// The LSH banding used.
    pub lsh: Option<LshParams>,
    /// Probability that a pair exactly at the threshold became a candidate.
    pub candidate_probability_at_threshold: f64,
    /// Pairs compared and found similar.
    pub search: SearchStats,
    /// Narratives.
    pub narratives: u64,
    /// Narratives that group two or more distinct texts.
    pub merged_narratives: u64,
    /// Narratives removed as boilerplate.
    pub boilerplate_narratives: u64,
    /// Text actions removed with them.
    pub boilerplate_actions: u64,
}

/// The narratives of a run and the texts behind them.
#[derive(Debug, Default)]
pub struct Narratives {
    texts: StrColumn,
    list: Vec<Narrative>,
    post_text: Vec<u32>,
    shingle_size: usize,
    /// Counts for run.json.
    pub stats: NarrativeStats,
}

impl Narratives {
    /// Every narrative, by id.
    pub fn list(&self) -> &[Narrative] {
        &self.list
    }

    /// The representative normalised text of `n`.
    pub fn representative_text(&self, n: &Narrative) -> &str {
        self.texts.get(n.representative as usize)
    }

    /// Jaccard similarity of the texts of two posts; `None` when either has no text.
    pub fn similarity(&self, a: PostIdx, b: PostIdx) -> Option<f64> {
        let text = |p: PostIdx| {
            let t = *self.post_text.get(p as usize)?;
            (t != NO_TEXT).then(|| self.texts.get(t as usize))
        };
        let (ta, tb) = (text(a)?, text(b)?);
        let (mut sa, mut sb) = (Vec::new(), Vec::new());
        shingle_hashes(ta, self.shingle_size, &mut sa);
        shingle_hashes(tb, self.shingle_size, &mut sb);
        Some(jaccard(&sa, &sb))
    }
}

/// Groups the texts of the text signal's `table` into narratives and makes each action's
/// object its narrative; actions on boilerplate narratives are removed. `n_posts` is the number
/// of posts in the dataset.
pub fn group_narratives(
    table: &mut ActionTable,
    n_posts: usize,
    rules: &TextRules,
    config: &NearDupConfig,
) -> Narratives {
    let texts = std::mem::take(&mut table.objects).into_strings();
    let params = LshParams::for_threshold(config.similarity);
    let grouped: Result<Narratives, Infallible> =
        group(table, texts, n_posts, rules, config, |sets, b| {
            Ok(band_pairs(sets, params, b))
        });
    match grouped {
        Ok(narratives) => narratives,
        Err(never) => match never {},
    }
}

/// Where [`group_narratives_with`] gets the pairs of texts each band's buckets hold: found
/// elsewhere (on a cluster's executors: the keys with [`band_keys`], gathered by band and key,
/// each bucket's pairs with [`bucket_pairs`](crate::bucket_pairs)) from the same texts and
/// configuration.
pub trait BucketPairSource {
    /// What may go wrong in getting the pairs.
    type Error;
    /// Called once, before any band is asked for, with the distinct normalised texts (by
    /// index) whose band keys the buckets are made of.
    fn start(&mut self, texts: &StrColumn, config: &NearDupConfig) -> Result<(), Self::Error>;
    /// The pairs of band `band`'s buckets as (text, text) indices, as
    /// [`bucket_pairs`](crate::bucket_pairs) finds them, in any order.
    fn band(&mut self, band: usize) -> Result<Vec<(u32, u32)>, Self::Error>;
}

/// [`group_narratives`] with the bucket pairs from `source`: the same narratives, statistics
/// included, as long as the source gives the pairs [`band_keys`] and
/// [`bucket_pairs`](crate::bucket_pairs) find.
pub fn group_narratives_with<S: BucketPairSource + ?Sized>(
    table: &mut ActionTable,
    n_posts: usize,
    rules: &TextRules,
    config: &NearDupConfig,
    source: &mut S,
) -> Result<Narratives, S::Error> {
    let texts = std::mem::take(&mut table.objects).into_strings();
    source.start(&texts, config)?;
    group(table, texts, n_posts, rules, config, |_, b| source.band(b))
}

/// The band keys of `texts` (distinct normalised texts, by index) under `config`, band by
/// band: what [`group_narratives`] computes for them. A text's keys depend on its shingles
/// alone, so the keys of a corpus are those of any split of it into parts, renumbered.
pub fn band_keys(texts: &StrColumn, config: &NearDupConfig) -> Vec<BandKey> {
    let sets = ShingleSets::build(texts, config.shingle_size);
    let params = LshParams::for_threshold(config.similarity);
    (0..params.bands)
        .flat_map(|b| band_of(&sets, params, b))
        .collect()
}

/// Groups `texts`, the text signal's objects taken out of `table`, with each band's bucket
/// pairs from `pairs`.
fn group<E>(
    table: &mut ActionTable,
    texts: StrColumn,
    n_posts: usize,
    rules: &TextRules,
    config: &NearDupConfig,
    pairs: impl FnMut(&ShingleSets, usize) -> Result<Vec<(u32, u32)>, E>,
) -> Result<Narratives, E> {
    let params = LshParams::for_threshold(config.similarity);
    let (mut groups, search) = {
        let sets = ShingleSets::build(&texts, config.shingle_size);
        group_similar(&sets, params, config.similarity, pairs)?
    };
    let mut label_of_root = vec![NO_TEXT; texts.len()];
    let mut label = vec![0u32; texts.len()];
    let mut n_narratives = 0u32;
    for (i, l) in label.iter_mut().enumerate() {
        let root = groups.find(i as u32) as usize;
        if label_of_root[root] == NO_TEXT {
            label_of_root[root] = n_narratives;
            n_narratives += 1;
        }
        *l = label_of_root[root];
    }
    drop(label_of_root);

    let mut post_text = vec![NO_TEXT; n_posts];
    let mut text_posts = vec![0u32; texts.len()];
    for a in &table.actions {
        post_text[a.post as usize] = a.object;
        text_posts[a.object as usize] += 1;
    }
    let mut list: Vec<Narrative> = (0..n_narratives)
        .map(|i| Narrative {
            id: i + 1,
            representative: NO_TEXT,
            posts: 0,
            accounts: 0,
            texts: 0,
            first_seen: TimeMs::MAX,
            last_seen: TimeMs::MIN,
            boilerplate: false,
        })
        .collect();
    for (t, &l) in label.iter().enumerate() {
        let n = &mut list[l as usize];
        n.texts += 1;
        let better =
            n.representative == NO_TEXT || text_posts[t] > text_posts[n.representative as usize];
        if better {
            n.representative = t as u32;
        }
    }
    for a in &mut table.actions {
        a.object = label[a.object as usize];
        let n = &mut list[a.object as usize];
        n.posts += 1;
        n.first_seen = n.first_seen.min(a.time);
        n.last_seen = n.last_seen.max(a.time);
    }
    let mut pairs: Vec<(u32, u32)> = table
        .actions
        .iter()
        .map(|a| (a.object, a.account))
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    for (object, _) in pairs {
        list[object as usize].accounts += 1;
    }

    let mut stats = NarrativeStats {
        distinct_texts: texts.len() as u64,
        config: Some(*config),
        lsh: Some(params),
        candidate_probability_at_threshold: params.candidate_probability(config.similarity),
        search,
        narratives: list.len() as u64,
        merged_narratives: list.iter().filter(|n| n.texts >= 2).count() as u64,
        ..NarrativeStats::default()
    };
    for n in &mut list {
        n.boilerplate = n.accounts as usize > rules.max_accounts;
    }
    stats.boilerplate_narratives = list.iter().filter(|n| n.boilerplate).count() as u64;
    let before = table.actions.len();
    table
        .actions
        .retain(|a| !list[a.object as usize].boilerplate);
    stats.boilerplate_actions = (before - table.actions.len()) as u64;

    let mut objects = Interner::new();
    for n in &list {
        objects.intern(&format!("narrative:{}", n.id));
    }
    table.objects = objects;
    Ok(Narratives {
        texts,
        list,
        post_text,
        shingle_size: config.shingle_size,
        stats,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lockstep_model::Signal;

    /// Text table with (text, account, time) actions, post i being action i.
    fn table(actions: &[(&str, u32, TimeMs)]) -> ActionTable {
        let mut t = ActionTable::new(Signal::Text);
        for (post, &(text, account, time)) in actions.iter().enumerate() {
            t.push(text, time, account, post as u32);
        }
        t
    }

    const A: &str = "the council will vote on the new housing plan next tuesday evening";
    const A2: &str = "the council will vote on a new housing plan next tuesday evening";
    const B: &str = "our team lost again and the coach should resign right now";

    #[test]
    fn texts_become_narratives_and_actions_follow() {
        let mut t = table(&[(A, 0, 10), (A2, 1, 20), (A, 2, 5), (B, 3, 40), (B, 3, 50)]);
        let rules = TextRules::default();
        let n = group_narratives(&mut t, 5, &rules, &NearDupConfig::default());
        // A and A2 (J = 9/13) form narrative 1; B is narrative 2.
        let objects: Vec<u32> = t.actions.iter().map(|a| a.object).collect();
        assert_eq!(objects, vec![0, 0, 0, 1, 1]);
        assert_eq!(t.objects.resolve(0), "narrative:1");
        assert_eq!(t.objects.resolve(1), "narrative:2");
        let first = &n.list()[0];
        assert_eq!(
            (
                first.posts,
                first.accounts,
                first.texts,
                first.first_seen,
                first.last_seen
            ),
            (3, 3, 2, 5, 20)
        );
        // A is posted twice, A2 once.
        assert_eq!(n.representative_text(first), A);
        let second = &n.list()[1];
        assert_eq!((second.posts, second.accounts, second.texts), (2, 1, 1));
        assert!((n.similarity(0, 1).unwrap() - 9.0 / 13.0).abs() < 1e-12);
        assert_eq!(n.similarity(0, 2), Some(1.0));
        assert_eq!(n.similarity(0, 7), None);
        assert_eq!(n.stats.merged_narratives, 1);
    }

    /// Band keys computed in two parts of the texts and bucketed in two parts of the keys, as
    /// a cluster's executors would, the pairs handed out band by band, last found first.
    #[derive(Default)]
    struct InParts {
        keys: Vec<BandKey>,
        /// The pairs of each band's buckets, gathered from two parts of the keys.
        by_band: Vec<Vec<(u32, u32)>>,
    }

    impl BucketPairSource for InParts {
        type Error = String;

        fn start(&mut self, texts: &StrColumn, config: &NearDupConfig) -> Result<(), String> {
            // The keys of two halves of the texts, each renumbered...
            let cut = texts.len() / 2;
            for (first, range) in [(0, 0..cut), (cut, cut..texts.len())] {
                let mut part = StrColumn::default();
                range.for_each(|i| {
                    part.push(texts.get(i));
                });
                for k in band_keys(&part, config) {
                    self.keys.insert(
                        0,
                        BandKey {
                            text: k.text + first as u32,
                            ..k
                        },
                    );
                }
            }
            // ...then gathered into two parts by key parity, each bucketed on its own.
            for parity in [0, 1] {
                let mut part: Vec<BandKey> = self
                    .keys
                    .iter()
                    .filter(|k| k.key % 2 == parity)
                    .copied()
                    .collect();
                for (band, x, y) in crate::bucket_pairs(&mut part) {
                    let band = band as usize;
                    if self.by_band.len() <= band {
                        self.by_band.resize(band + 1, Vec::new());
                    }
                    self.by_band[band].insert(0, (x, y));
                }
            }
            Ok(())
        }

        fn band(&mut self, band: usize) -> Result<Vec<(u32, u32)>, String> {
            Ok(self.by_band.get(band).cloned().unwrap_or_default())
        }
    }

    #[test]
    fn keys_computed_in_parts_give_the_same_narratives() {
        const C: &str = "our team lost again and the coach should resign right away";
        let actions = [(A, 0, 10), (B, 1, 20), (A2, 2, 5), (C, 3, 40), ("", 4, 50)];
        let config = NearDupConfig::default();
        let rules = TextRules::default();
        let (mut local, mut given) = (table(&actions), table(&actions));
        let expected = group_narratives(&mut local, 5, &rules, &config);
        let mut source = InParts::default();
        let n = group_narratives_with(&mut given, 5, &rules, &config, &mut source).unwrap();
        // A with A2 (J = 9/13) and B with C (9 of 11 bigrams shared): two narratives of two.
        assert_eq!(expected.stats.merged_narratives, 2);
        assert_eq!(n.list(), expected.list());
        assert_eq!(given.actions, local.actions);
        let search =
            |n: &Narratives| (n.stats.search.candidate_pairs, n.stats.search.similar_pairs);
        assert_eq!(search(&n), search(&expected));
        // Every text with shingles has a key in every band; the empty text has none.
        let bands = LshParams::for_threshold(config.similarity).bands;
        assert_eq!(source.keys.len(), 4 * bands);
        assert!((0..bands as u32).all(|b| source.keys.iter().filter(|k| k.band == b).count() == 4));
        // A and A2 share a bucket in some band, as B and C do.
        let paired = |x, y| source.by_band.iter().flatten().any(|&p| p == (x, y));
        assert!(paired(0, 2) && paired(1, 3));
    }

    #[test]
    fn narratives_spread_over_too_many_accounts_are_removed() {
        let mut t = table(&[(A, 0, 1), (A2, 1, 2), (A, 2, 3), (B, 3, 4), (B, 4, 5)]);
        let rules = TextRules {
            max_accounts: 2,
            ..TextRules::default()
        };
        let n = group_narratives(&mut t, 5, &rules, &NearDupConfig::default());
        // Narrative 1 has 3 accounts > 2: its 3 actions go; B's 2 accounts stay.
        assert_eq!(t.actions.len(), 2);
        assert!(t.actions.iter().all(|a| a.object == 1));
        assert!(n.list()[0].boilerplate && !n.list()[1].boilerplate);
        assert_eq!(
            (n.stats.boilerplate_narratives, n.stats.boilerplate_actions),
            (1, 3)
        );
    }
}
