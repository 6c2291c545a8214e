//! Web sites and links: which site a post links to, and the raw form the link is written in.

use std::fmt::Write;

use rand::seq::IndexedRandom;
use rand::Rng;

use crate::rng::{mix, SplitMix};
use crate::sampling::Cumulative;
use crate::vocab::{news_sites, Lang, Vocab, LANGS};

/// Articles a news site publishes per day (ranked by popularity).
const ARTICLES_PER_DAY: usize = 300;

/// What a site serves, which decides the shape of its paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Site {
    News,
    Video,
    Campaign,
    Feed,
}

/// How a link is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkStyle {
    /// As ordinary users paste it: `http`/`https`, `www.`/`m.`, a trailing slash, tracking
    /// parameters, all at random.
    Varied,
    /// Always with tracking parameters, which differ by `form`.
    Tracked,
    /// The site's canonical form, identical for every post.
    Canonical,
}

/// A link to article `article` published on day `day` (index in the window) by site `site`;
/// `form` seeds the raw form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Link {
    pub(crate) site: u16,
    pub(crate) day: u16,
    pub(crate) article: u32,
    pub(crate) form: u32,
    pub(crate) style: LinkStyle,
}

/// The sites of the dataset.
pub(crate) struct DomainTable {
    hosts: Vec<String>,
    kinds: Vec<Site>,
    by_lang: [Vec<u16>; 6],
    by_lang_popularity: [Option<Cumulative>; 6],
    video: u16,
    articles: Option<Cumulative>,
}

impl DomainTable {
    pub(crate) fn new() -> Self {
        let mut hosts = Vec::new();
        let mut kinds = Vec::new();
        let mut by_lang: [Vec<u16>; 6] = Default::default();
        for lang in LANGS {
            for site in news_sites(lang) {
                by_lang[lang.index()].push(hosts.len() as u16);
                hosts.push((*site).to_string());
                kinds.push(Site::News);
            }
        }
        let video = hosts.len() as u16;
        hosts.push("youtube.com".to_string());
        kinds.push(Site::Video);
        let by_lang_popularity = by_lang.clone().map(|v| Cumulative::zipf(v.len(), 1.0));
        DomainTable {
            hosts,
            kinds,
            by_lang,
            by_lang_popularity,
            video,
            articles: Cumulative::zipf(ARTICLES_PER_DAY, 1.2),
        }
    }

    /// Adds a site and returns its id.
    pub(crate) fn add(&mut self, host: String, kind: Site) -> u16 {
        self.hosts.push(host);
        self.kinds.push(kind);
        self.hosts.len() as u16 - 1
    }

    /// The host name of `site`.
    pub(crate) fn host(&self, site: u16) -> &str {
        self.hosts.get(usize::from(site)).map_or("", String::as_str)
    }

    /// Whether a host name is already taken.
    pub(crate) fn contains(&self, host: &str) -> bool {
        self.hosts.iter().any(|h| h == host)
    }

    /// A link an ordinary user of `lang` shares on day `day`: a site by popularity (now and then
    /// an English site or a video), a recent article by popularity, a random raw form.
    pub(crate) fn organic_link<R: Rng>(&self, rng: &mut R, lang: Lang, day: u32) -> Link {
        let x: f64 = rng.random();
        let site = if x < 0.08 {
            self.video
        } else {
            let lang = if x < 0.2 { Lang::En } else { lang };
            let sites = &self.by_lang[lang.index()];
            match &self.by_lang_popularity[lang.index()] {
                Some(p) => sites[p.sample(rng)],
                None => self.video,
            }
        };
        let back = match rng.random_range(0..100) {
            0..75 => 0,
            75..92 => 1,
            _ => rng.random_range(2..=3),
        };
        let article = self.articles.as_ref().map_or(0, |a| a.sample(rng) as u32);
        Link {
            site,
            day: day.saturating_sub(back) as u16,
            article,
            form: rng.random(),
            style: LinkStyle::Varied,
        }
    }

    /// Writes the raw URL of `link`; `dates` holds `YYYY/MM/DD` for each day of the window.
    pub(crate) fn render(&self, vocab: &Vocab, link: &Link, dates: &[String], out: &mut String) {
        let site = usize::from(link.site);
        let kind = self.kinds.get(site).copied().unwrap_or(Site::News);
        let host = self.host(link.site);
        let key = mix(
            mix(site as u64, u64::from(link.day)),
            u64::from(link.article),
        );
        let mut r = SplitMix::new(mix(key, u64::from(link.form)));

        if kind == Site::Video && link.style == LinkStyle::Varied && r.random_bool(0.1) {
            out.push_str("https://youtu.be/");
            video_id(key, out);
            return;
        }
        let (http, prefix) = match link.style {
            LinkStyle::Canonical => (false, "www."),
            LinkStyle::Varied => (r.random_bool(0.15), pick_prefix(&mut r)),
            LinkStyle::Tracked => (r.random_bool(0.3), pick_prefix(&mut r)),
        };
        out.push_str(if http { "http://" } else { "https://" });
        out.push_str(prefix);
        out.push_str(host);

        let date = dates.get(usize::from(link.day)).map_or("", String::as_str);
        let id = 100_000 + u64::from(link.day) * 1_000 + u64::from(link.article);
        let mut has_query = false;
        let mut slash_ok = true;
        match kind {
            Site::Video => {
                out.push_str("/watch?v=");
                video_id(key, out);
                has_query = true;
            }
            Site::News => match site % 3 {
                0 => {
                    let _ = write!(out, "/{date}/");
                    slug(vocab, key, out);
                }
                1 => {
                    out.push_str("/news/");
                    slug(vocab, key, out);
                    let _ = write!(out, "-{id}.html");
                    slash_ok = false;
                }
                _ => {
                    let _ = write!(out, "/article/{id}");
                }
            },
            Site::Campaign => {
                out.push_str("/p/");
                slug(vocab, key, out);
            }
            Site::Feed => {
                out.push_str("/stories/");
                slug(vocab, key, out);
                let _ = write!(out, "-{id}");
            }
        }
        let query = match link.style {
            LinkStyle::Canonical => Query::None,
            LinkStyle::Tracked => Query::Utm,
            LinkStyle::Varied => match r.random_range(0..100) {
                0..72 => Query::None,
                72..90 => Query::Utm,
                90..96 => Query::Fbclid,
                _ => Query::Ref,
            },
        };
        if link.style != LinkStyle::Canonical
            && slash_ok
            && !has_query
            && query == Query::None
            && r.random_bool(0.15)
        {
            out.push('/');
        }
        let sep = if has_query { '&' } else { '?' };
        match query {
            Query::None => {}
            Query::Utm => {
                let source = ["twitter", "facebook", "social", "newsletter", "share", "tw"]
                    .choose(&mut r)
                    .copied()
                    .unwrap_or("social");
                let _ = write!(out, "{sep}utm_source={source}&utm_medium=social");
                if link.style == LinkStyle::Tracked || r.random_bool(0.4) {
                    let _ = write!(out, "&utm_campaign=c{}", r.random_range(100..100_000));
                }
            }
            Query::Fbclid => {
                let _ = write!(out, "{sep}fbclid=IwAR");
                token(&mut r, 24, out);
            }
            Query::Ref => {
                let _ = write!(out, "{sep}ref=");
                out.push_str(
                    ["homepage", "rss", "share", "app"]
                        .choose(&mut r)
                        .copied()
                        .unwrap_or("share"),
                );
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Query {
    None,
    Utm,
    Fbclid,
    Ref,
}

fn pick_prefix<R: Rng>(r: &mut R) -> &'static str {
    match r.random_range(0..100) {
        0..55 => "",
        55..90 => "www.",
        _ => "m.",
    }
}

/// Three to six lowercase English words joined by hyphens, fixed by `key`.
fn slug(vocab: &Vocab, key: u64, out: &mut String) {
    let mut r = SplitMix::new(key);
    let words = vocab.words(Lang::En);
    let n = r.random_range(3..=6);
    for i in 0..n {
        if i > 0 {
            out.push('-');
        }
        out.push_str(words[r.random_range(words.len().min(12)..words.len())]);
    }
}

const TOKEN_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn token<R: Rng>(r: &mut R, len: usize, out: &mut String) {
    for _ in 0..len {
        out.push(char::from(
            TOKEN_CHARS[r.random_range(0..TOKEN_CHARS.len())],
        ));
    }
}

fn video_id(key: u64, out: &mut String) {
    token(&mut SplitMix::new(key ^ 0x7F), 11, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn url(t: &DomainTable, v: &Vocab, link: &Link) -> String {
        let mut s = String::new();
        t.render(v, link, &["2024/09/02".to_string()], &mut s);
        s
    }

    #[test]
    fn the_same_article_appears_under_several_raw_forms() {
        let v = Vocab::new();
        let t = DomainTable::new();
        let base = Link {
            site: 0,
            day: 0,
            article: 5,
            form: 0,
            style: LinkStyle::Varied,
        };
        let forms: std::collections::BTreeSet<String> = (0..200)
            .map(|f| url(&t, &v, &Link { form: f, ..base }))
            .collect();
        assert!(forms.len() > 10);
        assert!(forms.iter().any(|u| u.starts_with("http://")));
        assert!(forms.iter().any(|u| u.contains("utm_source=")));
        assert!(forms.iter().any(|u| u.contains("://www.")));
        // All forms share the host and the path.
        let canonical = url(
            &t,
            &v,
            &Link {
                style: LinkStyle::Canonical,
                ..base
            },
        );
        let path = canonical.trim_start_matches("https://www.");
        for f in &forms {
            assert!(f.contains(path.trim_end_matches('/')), "{f} vs {canonical}");
        }
        assert_eq!(
            canonical,
            url(
                &t,
                &v,
                &Link {
                    style: LinkStyle::Canonical,
                    form: 9,
                    ..base
                }
            )
        );
    }

    #[test]
    fn organic_links_point_to_known_sites() {
        let t = DomainTable::new();
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        for lang in LANGS {
            for _ in 0..100 {
                let l = t.organic_link(&mut rng, lang, 2);
                assert!(!t.host(l.site).is_empty());
                assert!(l.day <= 2);
            }
        }
    }
}
