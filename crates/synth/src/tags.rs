//! The hashtag table: organic tags per language with Zipf popularity, plus campaign and fan tags.

use rand::Rng;

use crate::sampling::Cumulative;
use crate::vocab::{Lang, Vocab, LANGS, TOPIC_SUFFIXES};

/// Zipf exponent of organic hashtag popularity.
const TAG_ZIPF: f64 = 1.1;

/// Every hashtag of the dataset, by id.
pub(crate) struct TagTable {
    names: Vec<String>,
    /// First id and count of each language's organic tags, most popular first.
    ranges: [(u32, u32); 6],
    popularity: [Option<Cumulative>; 6],
}

impl TagTable {
    pub(crate) fn new(vocab: &Vocab) -> Self {
        let mut names = Vec::new();
        let mut ranges = [(0, 0); 6];
        for lang in LANGS {
            let first = names.len() as u32;
            let suffixes: &[&str] = if lang.cased() {
                &TOPIC_SUFFIXES
            } else {
                &["", "2024", "24"]
            };
            for suffix in suffixes {
                for topic in vocab.topics(lang) {
                    names.push(format!("{topic}{suffix}"));
                }
            }
            ranges[lang.index()] = (first, names.len() as u32 - first);
        }
        let popularity = ranges.map(|(_, n)| Cumulative::zipf(n as usize, TAG_ZIPF));
        TagTable {
            names,
            ranges,
            popularity,
        }
    }

    /// The name of tag `id`, without `#`.
    pub(crate) fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    /// Adds a tag outside the organic vocabulary (a campaign or a fan tag) and returns its id;
    /// a name already present gets a numeric suffix so that the new tag stays distinct.
    pub(crate) fn add(&mut self, name: &str) -> u32 {
        let mut candidate = name.to_string();
        let mut n = 2;
        while self
            .names
            .iter()
            .any(|x| x.eq_ignore_ascii_case(&candidate))
        {
            candidate = format!("{name}{n}");
            n += 1;
        }
        self.names.push(candidate);
        self.names.len() as u32 - 1
    }

    /// An organic tag of `lang` drawn by popularity.
    pub(crate) fn organic<R: Rng>(&self, rng: &mut R, lang: Lang) -> u32 {
        let (first, _) = self.ranges[lang.index()];
        match &self.popularity[lang.index()] {
            Some(p) => first + p.sample(rng) as u32,
            None => first,
        }
    }

    /// A tag of `lang` from the less popular part of the list (a candidate to trend for a day).
    pub(crate) fn tail<R: Rng>(&self, rng: &mut R, lang: Lang) -> u32 {
        let (first, n) = self.ranges[lang.index()];
        first + rng.random_range(n.min(10)..n.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn organic_tags_stay_in_their_language_and_added_tags_are_distinct() {
        let v = Vocab::new();
        let mut t = TagTable::new(&v);
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        for lang in LANGS {
            let (first, n) = t.ranges[lang.index()];
            for _ in 0..200 {
                let id = t.organic(&mut rng, lang);
                assert!((first..first + n).contains(&id));
                let id = t.tail(&mut rng, lang);
                assert!((first..first + n).contains(&id));
            }
        }
        let a = t.add("StopTheRiver");
        let b = t.add("StopTheRiver");
        assert_ne!(t.name(a), t.name(b));
        let c = t.add("News");
        assert_eq!(t.name(c), "News2");
    }
}
