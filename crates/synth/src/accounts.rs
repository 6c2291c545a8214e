//! Accounts and their profiles: ids, handles, names, creation dates, audience, bios.

use std::collections::HashSet;
use std::fmt::Write;

use rand::seq::IndexedRandom;
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::delays::lognormal;
use crate::rhythm::{user_time_zone, DAY};
use crate::vocab::{ascii_fold, stock_bios, Lang, Name, Vocab, EMOJI};

/// Twitter's snowflake epoch in milliseconds.
pub(crate) const SNOWFLAKE_EPOCH_MS: i64 = 1_288_834_974_657;
/// 2008-01-01T00:00:00Z, the oldest creation date.
const OLDEST: i64 = 1_199_145_600;
/// 2014-01-01T00:00:00Z: accounts created after this get snowflake ids.
const SNOWFLAKE_USERS_FROM: i64 = 1_388_534_400;

/// How an account behaves in the posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Behaviour {
    /// Posts, reshares and replies like an ordinary user (also fans, viral joiners and idols).
    Organic,
    /// Works for an operation: office hours, quiet weekends, background content.
    Operator,
    /// A news outlet's feed; posts only what its syndication network publishes.
    Outlet,
}

/// One account of the dataset.
#[derive(Debug, Clone)]
pub(crate) struct Account {
    pub(crate) id: u64,
    pub(crate) handle: String,
    pub(crate) display_name: String,
    pub(crate) created_at: i64,
    pub(crate) followers: u32,
    pub(crate) following: u32,
    pub(crate) posts_count: u32,
    pub(crate) description: String,
    pub(crate) verified: bool,
    /// Seed of the profile image; `None` for the default image.
    pub(crate) avatar: Option<u64>,
    pub(crate) lang: Lang,
    /// Time zone, minutes east of UTC.
    pub(crate) tz_min: i32,
    /// Chronotype: shift of the daily rhythm in seconds.
    pub(crate) shift_s: i32,
    /// Posts per day (all kinds together).
    pub(crate) rate: f32,
    /// Share of the activity that is reshares.
    pub(crate) reshare_frac: f32,
    /// Share of the activity that is replies.
    pub(crate) reply_frac: f32,
    /// Index of the planted network or hard-negative group, if any.
    pub(crate) group: Option<u16>,
    pub(crate) behaviour: Behaviour,
}

/// What kind of profile to make.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Profile<'a> {
    Organic,
    /// A celebrity with a fan club.
    Idol {
        stage: &'a str,
    },
    /// A fan of `idol`.
    Fan {
        idol: &'a str,
    },
    /// A fabricated account created at `created`, run from the zone `tz_min`.
    Operator {
        created: i64,
        tz_min: i32,
    },
    /// A news outlet called `name` in the syndication network `network`.
    Outlet {
        name: &'a str,
        network: &'a str,
    },
}

/// Makes accounts with unique ids and handles.
pub(crate) struct AccountFactory<'a> {
    vocab: &'a Vocab,
    start: i64,
    handles: HashSet<String>,
    ids: HashSet<u64>,
}

impl<'a> AccountFactory<'a> {
    pub(crate) fn new(vocab: &'a Vocab, start: i64) -> Self {
        AccountFactory {
            vocab,
            start,
            handles: HashSet::new(),
            ids: HashSet::new(),
        }
    }

    /// A new account of `lang` with the given profile.
    pub(crate) fn make<R: Rng>(
        &mut self,
        rng: &mut R,
        lang: Lang,
        profile: Profile<'_>,
        group: Option<u16>,
    ) -> Account {
        let first = *self
            .vocab
            .first_names(lang)
            .choose(rng)
            .unwrap_or(&FALLBACK);
        let last = *self.vocab.last_names(lang).choose(rng).unwrap_or(&FALLBACK);
        let max_age = ((self.start - OLDEST) / DAY - 1).max(30) as f64;
        let shift: f64 = StandardNormal.sample(rng);
        let mut a = Account {
            id: 0,
            handle: String::new(),
            display_name: String::new(),
            created_at: 0,
            followers: 0,
            following: lognormal(rng, 280.0, 1.0, 0.0, 10_000.0) as u32,
            posts_count: 0,
            description: String::new(),
            verified: false,
            avatar: rng.random_bool(0.93).then(|| rng.random()),
            lang,
            tz_min: user_time_zone(rng, lang),
            shift_s: (shift * 1.3 * 3600.0) as i32,
            rate: lognormal(rng, 1.5, 1.28, 0.05, 150.0) as f32,
            reshare_frac: rng.random_range(0.15..0.55),
            reply_frac: rng.random_range(0.03..0.2),
            group,
            behaviour: Behaviour::Organic,
        };
        let age_days: f64;
        let handle;
        match profile {
            Profile::Organic => {
                age_days = lognormal(rng, 2_200.0, 0.55, 10.0, max_age);
                a.followers = lognormal(rng, 180.0, 1.7, 0.0, 50_000_000.0) as u32;
                a.verified =
                    (a.followers > 100_000 && rng.random_bool(0.3)) || rng.random_bool(0.002);
                handle = organic_handle(rng, self.vocab, first, last);
                organic_display_name(rng, lang, first, last, &mut a.display_name);
                if rng.random_bool(0.7) {
                    bio(rng, self.vocab, lang, &mut a.description);
                }
            }
            Profile::Idol { stage } => {
                age_days = rng.random_range(2_000.0..max_age.max(2_001.0));
                a.followers = lognormal(rng, 3_000_000.0, 0.8, 200_000.0, 90_000_000.0) as u32;
                a.verified = true;
                a.avatar = Some(rng.random());
                a.rate = rng.random_range(2.0..5.0);
                handle = format!("{}Official", camel(stage));
                a.display_name = stage.to_string();
                let _ = write!(
                    a.description,
                    "Official account of {stage} 🎤 New album out now"
                );
            }
            Profile::Fan { idol } => {
                age_days = lognormal(rng, 900.0, 0.7, 20.0, max_age);
                a.followers = lognormal(rng, 150.0, 1.4, 0.0, 2_000_000.0) as u32;
                a.rate = lognormal(rng, 2.5, 1.0, 0.1, 150.0) as f32;
                handle = fan_handle(rng, idol, first);
                let emoji = ["💜", "✨", "⭐", "🎤", "💙"]
                    .choose(rng)
                    .copied()
                    .unwrap_or("✨");
                let _ = write!(a.display_name, "{} {emoji}", first.native);
                if rng.random_bool(0.6) {
                    let _ = write!(a.description, "{idol} {emoji} fan account | ");
                    bio(rng, self.vocab, lang, &mut a.description);
                }
            }
            Profile::Operator { created, tz_min } => {
                age_days = ((self.start - created) as f64 / DAY as f64).max(0.0);
                a.followers = lognormal(rng, 25.0, 1.0, 0.0, 5_000.0) as u32;
                a.following = lognormal(rng, 320.0, 0.7, 0.0, 5_000.0) as u32;
                a.avatar = rng.random_bool(0.55).then(|| rng.random());
                a.tz_min = tz_min;
                a.shift_s = 0;
                a.rate = rng.random_range(0.5..3.0);
                a.behaviour = Behaviour::Operator;
                handle = default_handle(rng, first, last);
                if rng.random_bool(0.65) {
                    let _ = write!(a.display_name, "{} {}", first.native, last.native);
                } else {
                    a.display_name.push_str(first.native);
                }
                if rng.random_bool(0.15) {
                    a.description
                        .push_str(stock_bios(lang).choose(rng).copied().unwrap_or_default());
                }
            }
            Profile::Outlet { name, network } => {
                age_days = rng.random_range(3_600.0..max_age.max(3_601.0));
                a.followers = lognormal(rng, 90_000.0, 1.3, 5_000.0, 20_000_000.0) as u32;
                a.following = lognormal(rng, 300.0, 1.0, 0.0, 5_000.0) as u32;
                a.verified = rng.random_bool(0.85);
                a.avatar = Some(rng.random());
                a.behaviour = Behaviour::Outlet;
                a.rate = 0.0;
                handle = camel(name);
                a.display_name = name.to_string();
                let _ = write!(
                    a.description,
                    "News and analysis from {name}. Part of the {network} network."
                );
            }
        }
        a.created_at = match profile {
            Profile::Operator { created, .. } => created,
            _ => self.start - (age_days * DAY as f64) as i64 - rng.random_range(0..DAY),
        };
        // Bought accounts were dormant before the operation took them over.
        let (lifetime_rate, active_days) = match a.behaviour {
            Behaviour::Operator => (
                rng.random_range(5.0..40.0),
                age_days.min(rng.random_range(60.0..400.0)),
            ),
            Behaviour::Outlet => (rng.random_range(20.0..80.0), age_days),
            Behaviour::Organic => (f64::from(a.rate) * rng.random_range(0.3..1.3), age_days),
        };
        a.posts_count = (lifetime_rate * active_days.max(1.0)).min(f64::from(u32::MAX)) as u32;
        a.handle = self.claim_handle(rng, handle);
        a.id = self.claim_id(rng, a.created_at);
        a
    }

    fn claim_handle<R: Rng>(&mut self, rng: &mut R, mut handle: String) -> String {
        if handle.is_empty() {
            handle.push_str("user");
        }
        while self.handles.contains(&handle.to_ascii_lowercase()) {
            let _ = write!(handle, "{}", rng.random_range(0..10));
        }
        self.handles.insert(handle.to_ascii_lowercase());
        handle
    }

    fn claim_id<R: Rng>(&mut self, rng: &mut R, created_at: i64) -> u64 {
        loop {
            let id = if created_at >= SNOWFLAKE_USERS_FROM {
                let ms = (created_at * 1000 - SNOWFLAKE_EPOCH_MS).max(0) as u64;
                (ms << 22) | rng.random_range(0..1u64 << 22)
            } else {
                rng.random_range(1_000_000..2_500_000_000u64)
            };
            if self.ids.insert(id) {
                return id;
            }
        }
    }
}

const FALLBACK: Name = Name {
    latin: "Alex",
    native: "Alex",
};

/// `words` in CamelCase without spaces or punctuation, ASCII only.
fn camel(words: &str) -> String {
    let mut out = String::new();
    for w in words.split_whitespace() {
        let mut folded = String::new();
        ascii_fold(w, &mut folded);
        let mut chars = folded.chars();
        if let Some(c) = chars.next() {
            out.push(c.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

fn folded_lower(s: &str) -> String {
    let mut out = String::new();
    ascii_fold(s, &mut out);
    out.make_ascii_lowercase();
    out
}

/// The handle a platform proposes by default: a name and 6 to 8 digits.
fn default_handle<R: Rng>(rng: &mut R, first: Name, last: Name) -> String {
    let digits = rng.random_range(6..=8);
    let mut letters = camel(first.latin);
    if rng.random_bool(0.6) {
        letters.push_str(&camel(last.latin));
    }
    letters.truncate(15 - digits);
    for _ in 0..digits {
        letters.push(char::from(b'0' + rng.random_range(0..10u8)));
    }
    letters
}

fn organic_handle<R: Rng>(rng: &mut R, vocab: &Vocab, first: Name, last: Name) -> String {
    let (f, l) = (folded_lower(first.latin), folded_lower(last.latin));
    let mut h = match rng.random_range(0..100) {
        0..20 => format!("{f}{l}"),
        20..28 => format!("{}{}", camel(first.latin), camel(last.latin)),
        28..42 => format!("{f}_{l}"),
        42..57 => format!("{f}{}", rng.random_range(1..10_000)),
        57..72 => {
            let words = vocab.words(Lang::En);
            let a = words[rng.random_range(words.len().min(20)..words.len())];
            let b = words[rng.random_range(words.len().min(20)..words.len())];
            if rng.random_bool(0.5) {
                format!("{a}_{b}")
            } else {
                format!("{a}{b}{}", rng.random_range(1..100))
            }
        }
        72..82 => format!("{}{l}{}", &f[..f.len().min(1)], rng.random_range(10..100)),
        82..90 => return default_handle(rng, first, last),
        _ => format!("the_{f}_{l}"),
    };
    h.truncate(15);
    h
}

fn fan_handle<R: Rng>(rng: &mut R, idol: &str, first: Name) -> String {
    let i = folded_lower(idol.split_whitespace().next().unwrap_or(idol));
    let f = folded_lower(first.latin);
    let mut h = match rng.random_range(0..100) {
        0..25 => format!("{i}stan{}", rng.random_range(10..100)),
        25..45 => format!("{f}_loves_{i}"),
        45..60 => format!("{i}_fan{}", rng.random_range(1..1000)),
        60..80 => format!("{f}{i}{}", rng.random_range(0..10)),
        _ => return default_handle(rng, first, first),
    };
    h.truncate(15);
    h
}

fn organic_display_name<R: Rng>(
    rng: &mut R,
    lang: Lang,
    first: Name,
    last: Name,
    out: &mut String,
) {
    match rng.random_range(0..100) {
        0..55 if lang == Lang::Zh => {
            let _ = write!(out, "{}{}", last.native, first.native);
        }
        0..55 => {
            let _ = write!(out, "{} {}", first.native, last.native);
        }
        55..75 => out.push_str(first.native),
        75..88 => {
            let e = EMOJI.choose(rng).copied().unwrap_or("");
            let _ = write!(out, "{} {e}", first.native);
        }
        _ => {
            let initial = last.native.chars().next().unwrap_or('X');
            let _ = write!(out, "{} {initial}.", first.native);
        }
    }
}

/// A short bio: a few words, separators, maybe an emoji or a line break.
fn bio<R: Rng>(rng: &mut R, vocab: &Vocab, lang: Lang, out: &mut String) {
    let words = vocab.words(lang);
    let n = rng.random_range(3..=9);
    for i in 0..n {
        if i > 0 {
            let sep = match rng.random_range(0..10) {
                0 => " | ",
                1 => ", ",
                2 if rng.random_bool(0.3) => "\n",
                _ => lang.joiner(),
            };
            out.push_str(sep);
        }
        out.push_str(words[rng.random_range(words.len().min(10)..words.len())]);
    }
    if rng.random_bool(0.3) {
        out.push(' ');
        out.push_str(EMOJI.choose(rng).copied().unwrap_or(""));
    }
}

/// The profile image URL of an account.
pub(crate) fn avatar_url(avatar: Option<u64>, out: &mut String) {
    match avatar {
        Some(seed) => {
            let _ = write!(out, "https://media.example.net/profile/{seed:016x}.jpg");
        }
        None => out.push_str("https://media.example.net/default_profile.png"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    const START: i64 = 1_725_235_200;

    #[test]
    fn handles_and_ids_are_unique() {
        let v = Vocab::new();
        let mut f = AccountFactory::new(&v, START);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let accounts: Vec<Account> = (0..3_000)
            .map(|i| {
                let p = if i % 3 == 0 {
                    Profile::Operator {
                        created: START - 40 * DAY,
                        tz_min: 180,
                    }
                } else {
                    Profile::Organic
                };
                f.make(&mut rng, crate::vocab::LANGS[i % 6], p, None)
            })
            .collect();
        let handles: HashSet<String> = accounts.iter().map(|a| a.handle.to_lowercase()).collect();
        let ids: HashSet<u64> = accounts.iter().map(|a| a.id).collect();
        assert_eq!(handles.len(), accounts.len());
        assert_eq!(ids.len(), accounts.len());
        for a in &accounts {
            assert!(a.handle.is_ascii() && !a.handle.is_empty(), "{}", a.handle);
            assert!(a.created_at < START);
            if a.behaviour == Behaviour::Operator {
                assert!(
                    a.handle.chars().rev().take(6).all(|c| c.is_ascii_digit()),
                    "{}",
                    a.handle
                );
                assert!(!a.verified);
            }
        }
    }

    #[test]
    fn outlets_are_old_verified_or_big() {
        let v = Vocab::new();
        let mut f = AccountFactory::new(&v, START);
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let a = f.make(
            &mut rng,
            Lang::En,
            Profile::Outlet {
                name: "Lakeside Daily",
                network: "Lakeside",
            },
            None,
        );
        assert_eq!(a.handle, "LakesideDaily");
        assert!(a.followers >= 5_000);
        assert!(a.created_at < START - 3_000 * DAY);
    }
}
