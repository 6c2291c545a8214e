//! Text normalisation for the text signal, and the rule that keeps meaningless texts out.
//!
//! Normalisation, in order:
//! 1. Unicode NFKC (full-width and stylised letters become plain ones), then lowercase with the
//!    two case-folding differences that matter in posts: `ß` → `ss`, final `ς` → `σ`.
//! 2. Invisible characters are removed without leaving a gap: zero-width spaces and joiners,
//!    soft hyphens, bidirectional controls, variation selectors and every other
//!    default-ignorable code point, plus combining marks that are not letters themselves (so
//!    `v̴o̴t̴e̴` reads `vote`).
//! 3. A leading retweet marker (`RT @user:`) is removed. URLs and @mentions are removed or kept
//!    as words ([`TokenPolicy`]); `#` marks are removed and the hashtag's word kept, or
//!    hashtags trailing the text are dropped, or all are dropped ([`HashtagPolicy`]).
//! 4. Every other character that is not a letter or a digit (punctuation, emoji, symbols)
//!    separates words, and whitespace is collapsed. Texts are compared on their first
//!    [`MAX_TEXT_CHARS`] normalised characters.
//!
//! Homoglyphs (Cyrillic `а` for Latin `a`) are folded later, when the text is cut into
//! shingles (see [`crate::shingles`]), so that normalised texts stay readable.
//!
//! A text can link accounts only when it says enough to be unlikely by chance: at least
//! [`TextRules::min_words`] words, or for scripts written without spaces (CJK, Thai) at least
//! [`TextRules::min_chars`] letters. "Good morning!" or "Thank you" never link anyone. Texts that
//! many distinct accounts post over the whole input (greetings, slogans, quotes, lyrics) are
//! removed after reading, see [`TextRules::max_accounts`].

use serde::Serialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Normalised texts are compared on this many leading characters.
pub const MAX_TEXT_CHARS: usize = 500;

/// What happens to URLs or @mentions inside a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenPolicy {
    /// Removed: operators vary them (tracking links, tagged accounts) while the message stays.
    Drop,
    /// Kept as words (a URL's letters and digits, a handle without its `@`).
    Keep,
}

/// What happens to hashtags inside a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HashtagPolicy {
    /// The `#` is removed and the tag's word kept wherever it stands.
    Keep,
    /// Hashtags after the last ordinary word (mentions, URLs and emoji do not count as words)
    /// are dropped, as operators append tags to the same message; hashtags inside the sentence
    /// keep their word.
    DropTrailing,
    /// Every hashtag is dropped.
    Drop,
}

impl std::str::FromStr for TokenPolicy {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "drop" => Ok(TokenPolicy::Drop),
            "keep" => Ok(TokenPolicy::Keep),
            _ => Err(format!("'{s}': expected drop or keep")),
        }
    }
}

impl std::str::FromStr for HashtagPolicy {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "keep" => Ok(HashtagPolicy::Keep),
            "drop-trailing" => Ok(HashtagPolicy::DropTrailing),
            "drop" => Ok(HashtagPolicy::Drop),
            _ => Err(format!("'{s}': expected keep, drop-trailing or drop")),
        }
    }
}

/// When a normalised text is meaningful enough to link accounts, and how texts are normalised.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct TextRules {
    /// Minimum number of words.
    pub min_words: usize,
    /// Minimum number of letters and digits for texts without word spacing.
    pub min_chars: usize,
    /// A text (or narrative of near-duplicate texts) posted by more distinct accounts than this
    /// over the whole input is boilerplate and links no one.
    pub max_accounts: usize,
    /// URLs in the text.
    pub urls: TokenPolicy,
    /// @mentions in the text.
    pub mentions: TokenPolicy,
    /// Hashtags in the text.
    pub hashtags: HashtagPolicy,
}

impl Default for TextRules {
    fn default() -> Self {
        Self {
            min_words: 5,
            min_chars: 15,
            max_accounts: 200,
            urls: TokenPolicy::Drop,
            mentions: TokenPolicy::Drop,
            hashtags: HashtagPolicy::DropTrailing,
        }
    }
}

/// The normalised form of `raw` under `rules` (see the module documentation).
pub fn normalize(raw: &str, rules: &TextRules) -> String {
    let folded = fold_case(raw);
    let body = strip_retweet_marker(&folded);
    let tokens: Vec<&str> = body.split_whitespace().collect();
    let last_word = tokens.iter().rposition(|t| is_plain_word(t));
    let mut out = String::with_capacity(body.len());
    for (i, token) in tokens.iter().enumerate() {
        let keep = if token.starts_with('@') {
            rules.mentions == TokenPolicy::Keep
        } else if is_url(token) {
            rules.urls == TokenPolicy::Keep
        } else if token.starts_with('#') {
            match rules.hashtags {
                HashtagPolicy::Keep => true,
                HashtagPolicy::DropTrailing => last_word.is_some_and(|w| i < w),
                HashtagPolicy::Drop => false,
            }
        } else {
            true
        };
        if keep {
            push_words(token, &mut out);
        }
    }
    match out.char_indices().nth(MAX_TEXT_CHARS) {
        Some((cut, _)) => out[..cut].trim_end().to_string(),
        None => out,
    }
}

/// NFKC, lowercase and the case-folding differences, invisible characters removed.
fn fold_case(raw: &str) -> String {
    // ASCII is its own NFKC form and holds no invisible or specially folded characters.
    if raw.is_ascii() {
        return raw.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(raw.len());
    // Text already in NFKC (most of it) skips the normaliser.
    match is_nfkc_quick(raw.chars()) {
        IsNormalized::Yes => fold_chars(raw.chars(), &mut out),
        _ => fold_chars(raw.nfkc(), &mut out),
    }
    out
}

/// Appends `chars` (in NFKC) lowercased and case-folded, without invisible characters.
fn fold_chars(chars: impl Iterator<Item = char>, out: &mut String) {
    for c in chars.filter(|&c| !is_invisible(c)) {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// Appends the letters and digits of `token` to `out`, other characters separating words.
fn push_words(token: &str, out: &mut String) {
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

/// True for characters that render as nothing and are removed without leaving a gap: the
/// Unicode default-ignorable code points (zero-width space, joiners, soft hyphen, bidirectional
/// controls, variation selectors, tag characters, ...) and combining marks that are not letters
/// (Zalgo stacks, a stray acute after NFKC).
pub fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
        || (is_combining_mark(c) && !c.is_alphanumeric())
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

/// True for letters of scripts written without spaces between words (CJK, Thai, Lao, Myanmar,
/// Khmer), where each character is a unit of its own.
pub fn is_unspaced_script(c: char) -> bool {
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

/// A token that is neither a hashtag, a mention nor a URL, and has a letter or digit.
fn is_plain_word(token: &str) -> bool {
    !(token.starts_with('#') || token.starts_with('@') || is_url(token))
        && token.chars().any(char::is_alphanumeric)
}

fn is_url(token: &str) -> bool {
    token.starts_with("http://") || token.starts_with("https://") || token.starts_with("www.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s, &TextRules::default())
    }

    /// Case folding through the normaliser, without the shortcuts.
    fn fold_case_slowly(raw: &str) -> String {
        let mut out = String::new();
        fold_chars(raw.nfkc(), &mut out);
        out
    }

    #[test]
    fn folding_shortcuts_agree_with_the_normaliser() {
        for raw in [
            "Plain ASCII, with CAPS & 123!",
            "Straße ΟΔΟΣ café",
            "ﬁne Ｆｕｌｌｗｉｄｔｈ ①",
            "e\u{301}cole zero\u{200B}width",
            "",
        ] {
            assert_eq!(fold_case(raw), fold_case_slowly(raw), "{raw:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_shortcuts_agree_on_any_text(raw in "\\PC{0,40}") {
            proptest::prop_assert_eq!(fold_case(&raw), fold_case_slowly(&raw));
        }
    }

    #[test]
    fn normalisation() {
        assert_eq!(
            norm("RT @someone: Vote NOW!!! https://t.co/x #Election2024 @friend 🇺🇸"),
            "vote now"
        );
        assert_eq!(norm("  Hello,   World  "), "hello world");
        assert_eq!(norm("ＦＵＬＬ　ｗｉｄｔｈ"), "full width");
        assert_eq!(norm("Привет, МИР!"), "привет мир");
        assert_eq!(norm("it's-a test"), "it s a test");
        assert_eq!(norm("🙂🙂"), "");
        assert_eq!(norm("rt @a b: not a marker"), "rt b not a marker");
        assert_eq!(norm("STRASSE Straße"), "strasse strasse");
        assert_eq!(norm("ΟΔΟΣ οδος"), "οδοσ οδοσ");
    }

    #[test]
    fn invisible_characters_leave_no_gap() {
        // Zero-width space, zero-width joiner, soft hyphen, BOM, a variation selector.
        assert_eq!(
            norm("vo\u{200B}te n\u{200D}o\u{00AD}w\u{FEFF}\u{FE0F}"),
            "vote now"
        );
        // Zalgo: combining marks stacked on every letter.
        assert_eq!(norm("v\u{0334}o\u{0334}t\u{0334}e\u{0334}"), "vote");
        // Letters written as base + combining accent compose under NFKC and stay letters.
        assert_eq!(norm("Jose\u{0301}"), "josé");
    }

    #[test]
    fn hashtag_policies() {
        let text = "Vote #NO on the #bill today #Stop #Now";
        let with = |hashtags| {
            normalize(
                text,
                &TextRules {
                    hashtags,
                    ..TextRules::default()
                },
            )
        };
        assert_eq!(
            with(HashtagPolicy::Keep),
            "vote no on the bill today stop now"
        );
        assert_eq!(
            with(HashtagPolicy::DropTrailing),
            "vote no on the bill today"
        );
        assert_eq!(with(HashtagPolicy::Drop), "vote on the today");
        // A text made of hashtags only keeps nothing under drop-trailing.
        assert_eq!(norm("#a #b"), "");
    }

    #[test]
    fn url_and_mention_policies() {
        let rules = TextRules {
            urls: TokenPolicy::Keep,
            mentions: TokenPolicy::Keep,
            ..TextRules::default()
        };
        assert_eq!(
            normalize("see https://x.org/a @Bob now", &rules),
            "see https x org a bob now"
        );
        assert_eq!(norm("see https://x.org/a @Bob now"), "see now");
    }

    #[test]
    fn policies_parse_from_their_names() {
        assert_eq!("keep".parse::<TokenPolicy>(), Ok(TokenPolicy::Keep));
        assert_eq!(
            "drop-trailing".parse::<HashtagPolicy>(),
            Ok(HashtagPolicy::DropTrailing)
        );
        assert!("maybe".parse::<HashtagPolicy>().is_err());
        assert!("".parse::<TokenPolicy>().is_err());
    }

    #[test]
    fn long_texts_are_cut_at_a_character_boundary() {
        let long = "ж".repeat(2 * MAX_TEXT_CHARS);
        assert_eq!(norm(&long).chars().count(), MAX_TEXT_CHARS);
    }

    #[test]
    fn short_texts_do_not_count() {
        let rules = TextRules::default();
        assert!(!is_meaningful(&norm("Good morning!"), &rules));
        assert!(!is_meaningful(&norm("Thank you so much"), &rules));
        assert!(is_meaningful(
            &norm("The election was stolen, share this now"),
            &rules
        ));
        assert!(!is_meaningful(&norm("早上好"), &rules));
        assert!(is_meaningful(
            &norm("我们必须立即行动起来保护我们的国家和人民"),
            &rules
        ));
    }
}
