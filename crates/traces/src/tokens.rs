//! Normalisation of hashtags and mentions.

use unicode_normalization::UnicodeNormalization;

/// A hashtag without its `#` marks, NFKC-normalised and Unicode-lowercased; `None` when empty.
///
/// `#Wahl2021`, `wahl2021` and the full-width `＃ＷＡＨＬ２０２１` are the same tag.
pub fn hashtag(raw: &str) -> Option<String> {
    let folded: String = raw.nfkc().collect::<String>().to_lowercase();
    let tag = folded
        .trim()
        .trim_start_matches('#')
        .trim_end_matches(['.', ',', '!', '?', ':', ';']);
    (!tag.is_empty()).then(|| tag.to_string())
}

/// A mentioned account without its `@`, lowercased (handles are case-insensitive on the major
/// platforms); `None` when empty.
pub fn mention(raw: &str) -> Option<String> {
    let m = raw
        .trim()
        .trim_start_matches('@')
        .trim_end_matches(['.', ',', '!', '?', ':', ';']);
    (!m.is_empty()).then(|| m.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags_fold_case_width_and_marks() {
        assert_eq!(hashtag("#Wahl2021").as_deref(), Some("wahl2021"));
        assert_eq!(hashtag("wahl2021").as_deref(), Some("wahl2021"));
        assert_eq!(hashtag("＃ＷＡＨＬ２０２１").as_deref(), Some("wahl2021"));
        assert_eq!(hashtag("#ВЫБОРЫ").as_deref(), Some("выборы"));
        assert_eq!(hashtag("#tag!").as_deref(), Some("tag"));
        assert_eq!(hashtag("#"), None);
        assert_eq!(hashtag("  "), None);
    }

    #[test]
    fn mentions_lose_at_and_case() {
        assert_eq!(mention("@Alice_01").as_deref(), Some("alice_01"));
        assert_eq!(mention("bob:").as_deref(), Some("bob"));
        assert_eq!(mention("@"), None);
    }
}
