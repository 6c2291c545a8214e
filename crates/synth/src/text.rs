//! Post texts rendered from stored seeds: sentences, headlines, short slogans and copypasta.

use rand::seq::IndexedRandom;
use rand::Rng;

use crate::rng::SplitMix;
use crate::vocab::{Lang, Vocab, EMOJI};

/// Draws a word, favouring the frequent words at the front of the list.
fn word<R: Rng>(rng: &mut R, words: &[&'static str]) -> &'static str {
    let u: f64 = rng.random();
    let i = ((u * u) * words.len() as f64) as usize;
    words.get(i).copied().unwrap_or("")
}

/// Appends `w`, with its first letter upper-cased when `capital`.
fn push_word(out: &mut String, w: &str, capital: bool) {
    let mut chars = w.chars();
    match chars.next() {
        Some(first) if capital => {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
        _ => out.push_str(w),
    }
}

/// An ordinary post sentence of about `n` words: commas, now and then a quoted word, a line
/// break, an emoji.
pub(crate) fn sentence(vocab: &Vocab, lang: Lang, seed: u64, n: u8, out: &mut String) {
    let mut rng = SplitMix::new(seed);
    let words = vocab.words(lang);
    let n = usize::from(n.max(1));
    let mut capital = lang.cased();
    for i in 0..n {
        if i > 0 {
            if n > 10 && i == n / 2 && rng.random_bool(0.1) {
                out.push_str(lang.stops()[0]);
                out.push('\n');
                capital = lang.cased();
            } else {
                if rng.random_bool(0.06) {
                    out.push_str(lang.comma());
                }
                out.push_str(lang.joiner());
            }
        }
        let w = word(&mut rng, words);
        if rng.random_bool(0.03) {
            let (open, close) = if lang == Lang::Zh {
                ("“", "”")
            } else {
                ("\"", "\"")
            };
            out.push_str(open);
            push_word(out, w, capital);
            out.push_str(close);
        } else {
            push_word(out, w, capital);
        }
        capital = false;
    }
    out.push_str(lang.stops().choose(&mut rng).copied().unwrap_or(""));
    if rng.random_bool(0.18) {
        out.push(' ');
        out.push_str(EMOJI.choose(&mut rng).copied().unwrap_or(""));
    }
}

/// A news headline: 6 to 11 words, title case in English, sometimes with a colon.
pub(crate) fn headline(vocab: &Vocab, lang: Lang, seed: u64, out: &mut String) {
    let mut rng = SplitMix::new(seed);
    let words = vocab.words(lang);
    let n = rng.random_range(6..=11);
    let colon_after = if rng.random_bool(0.3) {
        rng.random_range(1..4)
    } else {
        usize::MAX
    };
    for i in 0..n {
        if i > 0 {
            out.push_str(lang.joiner());
        }
        // Headlines use content words: skip the most frequent function words.
        let w = words[rng.random_range(words.len().min(10)..words.len())];
        push_word(out, w, lang.cased() && (i == 0 || lang == Lang::En));
        if i == colon_after {
            out.push_str(if lang == Lang::Zh { "：" } else { ":" });
        }
    }
}

/// A short slogan-like text of 3 to 7 words.
pub(crate) fn short(vocab: &Vocab, lang: Lang, seed: u64, out: &mut String) {
    let mut rng = SplitMix::new(seed);
    let words = vocab.words(lang);
    let n = rng.random_range(3..=7);
    for i in 0..n {
        if i > 0 {
            out.push_str(lang.joiner());
        }
        push_word(out, word(&mut rng, words), i == 0 && lang.cased());
    }
    if rng.random_bool(0.5) {
        out.push('!');
    } else {
        out.push(' ');
        out.push_str(EMOJI.choose(&mut rng).copied().unwrap_or(""));
    }
}

/// Openers that a copypasta variant may be prefixed with.
fn openers(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &["Read this:", "RT if you agree:", "Wake up!", "Share this:"],
        Lang::Es => &["Lean esto:", "¡Despierten!", "Compartan:"],
        Lang::De => &["Lest das:", "Aufwachen!", "Teilen:"],
        Lang::Ru => &["Читайте:", "Проснитесь!", "Поделитесь:"],
        Lang::Ar => &["اقرأ:", "انشروا:"],
        Lang::Zh => &["转发：", "请看："],
    }
}

/// One member's copy of a campaign message: the message (18 to 28 words, fixed by `message`) with
/// one or two small edits chosen by `edit`: an emoji added, a word swapped or dropped, the case
/// changed, the ending emphasised, an opener prefixed.
pub(crate) fn copypasta(vocab: &Vocab, lang: Lang, message: u64, edit: u64, out: &mut String) {
    let words = vocab.words(lang);
    let mut base = SplitMix::new(message);
    let n = base.random_range(18..=28);
    let mut tokens: Vec<&'static str> = (0..n).map(|_| word(&mut base, words)).collect();
    let commas: Vec<bool> = (0..n).map(|_| base.random_bool(0.1)).collect();
    let stop = lang.stops()[0];

    let mut ed = SplitMix::new(edit);
    let mut emoji = None;
    let mut lower = false;
    let mut shout = None;
    let mut emphatic = false;
    let mut opener = None;
    for _ in 0..ed.random_range(1..=2) {
        match ed.random_range(0..6) {
            0 => emoji = EMOJI.choose(&mut ed).copied(),
            1 => {
                let i = ed.random_range(0..tokens.len());
                tokens[i] = word(&mut ed, words);
            }
            2 if lang.cased() => {
                if ed.random_bool(0.5) {
                    lower = true;
                } else {
                    shout = Some(ed.random_range(0..tokens.len()));
                }
            }
            3 => emphatic = true,
            4 => opener = openers(lang).choose(&mut ed).copied(),
            _ => {
                if tokens.len() > 2 {
                    let i = ed.random_range(1..tokens.len());
                    tokens.remove(i);
                }
            }
        }
    }

    if let Some(o) = opener {
        out.push_str(o);
        out.push(' ');
    }
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            if commas.get(i).copied().unwrap_or(false) {
                out.push_str(lang.comma());
            }
            out.push_str(lang.joiner());
        }
        if shout == Some(i) {
            out.extend(t.chars().flat_map(char::to_uppercase));
        } else {
            push_word(out, t, i == 0 && lang.cased() && !lower);
        }
    }
    out.push_str(if emphatic { "!!!" } else { stop });
    if let Some(e) = emoji {
        out.push(' ');
        out.push_str(e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(f: impl Fn(&mut String)) -> String {
        let mut s = String::new();
        f(&mut s);
        s
    }

    #[test]
    fn rendering_is_a_function_of_the_seed() {
        let v = Vocab::new();
        let a = render(|s| sentence(&v, Lang::En, 42, 12, s));
        let b = render(|s| sentence(&v, Lang::En, 42, 12, s));
        let c = render(|s| sentence(&v, Lang::En, 43, 12, s));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.chars().next().is_some_and(char::is_uppercase));
        let h = render(|s| headline(&v, Lang::Ru, 1, s));
        assert!(h
            .chars()
            .any(|c| ('а'..='я').contains(&c) || ('А'..='Я').contains(&c)));
        let z = render(|s| short(&v, Lang::Zh, 1, s));
        assert!(!z.is_empty());
    }

    #[test]
    fn copypasta_variants_share_most_words() {
        let v = Vocab::new();
        for lang in [Lang::En, Lang::Ru, Lang::Es] {
            let a = render(|s| copypasta(&v, lang, 7, 1, s));
            let b = render(|s| copypasta(&v, lang, 7, 2, s));
            let other = render(|s| copypasta(&v, lang, 8, 1, s));
            let words = |t: &str| -> std::collections::BTreeSet<String> {
                t.split_whitespace()
                    .map(|w| {
                        w.trim_matches(|c: char| !c.is_alphanumeric())
                            .to_lowercase()
                    })
                    .filter(|w| !w.is_empty())
                    .collect()
            };
            let jac = |x: &str, y: &str| {
                let (x, y) = (words(x), words(y));
                x.intersection(&y).count() as f64 / x.union(&y).count().max(1) as f64
            };
            assert!(jac(&a, &b) > 0.6, "{a} | {b}");
            assert!(jac(&a, &other) < 0.6, "{a} | {other}");
        }
    }
}
