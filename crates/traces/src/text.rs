//! Text normalisation for the exact-text signal, and the rule that keeps meaningless texts out.
//!
//! Two posts have the same text when their normalised forms are equal. Normalisation: Unicode
//! NFKC, lowercase, a leading retweet marker (`RT @user:`) removed, URLs and @mentions removed,
//! `#` marks removed (the tag's word stays), every character that is not a letter or a digit
//! treated as a space (punctuation, emoji, symbols), whitespace collapsed. Texts are compared on
//! their first [`MAX_TEXT_CHARS`] normalised characters.
//!
//! A text can link accounts only when it says enough to be unlikely by chance: at least
//! [`TextRules::min_words`] words, or for scripts written without spaces (CJK, Thai) at least
//! [`TextRules::min_chars`] letters. "Good morning!" or "Thank you" never link anyone. Texts that
//! many distinct accounts post over the whole input (greetings, slogans, quotes, lyrics) are
//! removed after reading, see [`TextRules::max_accounts`].

use unicode_normalization::UnicodeNormalization;

/// Normalised texts are compared on this many leading characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// When a normalised text is meaningful enough to link accounts.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct TextRules {
    /// Minimum number of words.
    pub min_words: usize,
    /// Minimum number of letters and digits for texts without word spacing.
    pub min_chars: usize,
    /// A text posted by more distinct accounts than this over the whole input is boilerplate
    /// and links no one.
    pub max_accounts: usize,
}

impl Default for TextRules {
    fn default() -> Self {
        Self {
            min_words: 5,
            min_chars: 15,
            max_accounts: 200,
        }
    }
}

/// The normalised form of `raw` (see the module documentation).
pub fn normalize(raw: &str) -> String {
    let folded: String = raw.nfkc().collect::<String>().to_lowercase();
    let body = strip_retweet_marker(&folded);
    let mut out = String::with_capacity(body.len());
    for token in body.split_whitespace() {
        if token.starts_with('@') || is_url(token) {
            continue;
        }
        let mut pending_space = !out.is_empty();
        for ch in token.chars() {
            if ch.is_alphanumeric() {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(ch);
            } else if !out.is_empty() && !out.ends_with(' ') {
                pending_space = true;
            }
        }
    }
    match out.char_indices().nth(MAX_TEXT_CHARS) {
        Some((cut, _)) => out[..cut].trim_end().to_string(),
        None => out,
    }
}

/// True when the normalised text `norm` is long enough to link accounts.
pub fn is_meaningful(norm: &str, rules: &TextRules) -> bool {
    let words = norm.split(' ').filter(|w| !w.is_empty()).count();
    if words >= rules.min_words {
        return true;
    }
    // Scripts without spaces: count letters in words written in such scripts.
    let unspaced: usize = norm
        .split(' ')
        .filter(|w| w.chars().any(is_unspaced_script))
        .map(|w| w.chars().count())
        .sum();
    unspaced >= rules.min_chars
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK Extension A
        | 0x4E00..=0x9FFF // CJK Unified Ideographs
        | 0xF900..=0xFAFF // CJK Compatibility Ideographs
        | 0x0E00..=0x0E7F // Thai
        | 0x0E80..=0x0EFF // Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x20000..=0x2FFFF)
}

fn strip_retweet_marker(s: &str) -> &str {
    let t = s.trim_start();
    let Some(rest) = t.strip_prefix("rt @") else {
        return t;
    };
    match rest.find(':') {
        Some(i) if !rest[..i].contains(char::is_whitespace) => &rest[i + 1..],
        _ => t,
    }
}

fn is_url(token: &str) -> bool {
    token.starts_with("http://") || token.starts_with("https://") || token.starts_with("www.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation() {
        assert_eq!(
            normalize("RT @someone: Vote NOW!!! https://t.co/x #Election2024 @friend 🇺🇸"),
            "vote now election2024"
        );
        assert_eq!(normalize("  Hello,   World  "), "hello world");
        assert_eq!(normalize("ＦＵＬＬ　ｗｉｄｔｈ"), "full width");
        assert_eq!(normalize("Привет, МИР!"), "привет мир");
        assert_eq!(normalize("it's-a test"), "it s a test");
        assert_eq!(normalize("🙂🙂"), "");
        assert_eq!(normalize("rt @a b: not a marker"), "rt b not a marker");
    }

    #[test]
    fn long_texts_are_cut_at_a_character_boundary() {
        let long = "ж".repeat(500);
        assert_eq!(normalize(&long).chars().count(), MAX_TEXT_CHARS);
    }

    #[test]
    fn short_texts_do_not_count() {
        let rules = TextRules::default();
        assert!(!is_meaningful(&normalize("Good morning!"), &rules));
        assert!(!is_meaningful(&normalize("Thank you so much"), &rules));
        assert!(is_meaningful(
            &normalize("The election was stolen, share this now"),
            &rules
        ));
        assert!(!is_meaningful(&normalize("早上好"), &rules));
        assert!(is_meaningful(
            &normalize("我们必须立即行动起来保护我们的国家和人民"),
            &rules
        ));
    }
}
