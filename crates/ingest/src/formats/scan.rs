//! Small text scanners shared by the native readers: list literals, links, tags and mentions in
//! free text, the stable reshare target of exports that only keep a reshare's text, and the
//! name of a posting client.

/// The items of a list literal: a Python list as the X archive and pandas write them
/// (`['a', 'b']`, `[]`), a JSON array of strings or numbers (`["a", 1]`), or bare items
/// between commas (`[a, b]`); text without brackets is split on whitespace; a missing closing
/// bracket or quote ends at the end. Quotes may be single or double, with `\` escapes.
pub(crate) fn list_literal(s: &str) -> Vec<String> {
    let s = s.trim();
    let Some(open) = s.strip_prefix('[') else {
        return s.split_whitespace().map(str::to_string).collect();
    };
    let inner = open.strip_suffix(']').unwrap_or(open);
    let mut items = Vec::new();
    let mut chars = inner.chars();
    let mut bare = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                let mut item = String::new();
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => item.extend(chars.next()),
                        _ if d == c => break,
                        _ => item.push(d),
                    }
                }
                push_item(&mut items, &item);
            }
            ',' => push_item(&mut items, &std::mem::take(&mut bare)),
            _ => bare.push(c),
        }
    }
    push_item(&mut items, &bare);
    items
}

/// Whether `s` (trimmed) is one list literal: it opens with `[`, and its first `]` outside
/// quotes is its last character (`[a] [b]` is two bracketed words, not a list).
pub(crate) fn is_list_literal(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('[') else {
        return false;
    };
    let mut quote = None;
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(q), _) if c == q => quote = None,
            (None, '\'' | '"') => quote = Some(c),
            (None, ']') => return i + 1 == inner.len(),
            _ => {}
        }
    }
    false
}

fn push_item(items: &mut Vec<String>, item: &str) {
    let item = item.trim();
    if !item.is_empty() {
        items.push(item.to_string());
    }
}

/// The `http://` and `https://` links in `text`, with trailing punctuation removed. A
/// Markdown link (`[text](url)`, as Reddit comments write them, often with the URL as the
/// text too) ends at `](`, and a closing bracket ends a link only where it has no opening one
/// (`https://en.wikipedia.org/wiki/Foo_(bar)` keeps its own).
pub(crate) fn urls_in(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
        .flat_map(|word| word.split("]("))
        .filter_map(|word| {
            let start = word.find("http://").or_else(|| word.find("https://"))?;
            let url = trim_link_end(&word[start..]);
            (url.len() > "https://".len()).then(|| url.to_string())
        })
        .collect()
}

/// `url` less trailing punctuation, and less closing brackets it did not open: one pass from
/// the end, with the brackets counted once.
fn trim_link_end(url: &str) -> &str {
    let count = |c: u8| url.bytes().filter(|&b| b == c).count();
    let (mut parens, mut squares) = (
        count(b')') as i64 - count(b'(') as i64,
        count(b']') as i64 - count(b'[') as i64,
    );
    let mut end = url.len();
    while let Some(c) = url[..end].chars().next_back() {
        match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '}' | '\'' | '…' => {}
            ')' if parens > 0 => parens -= 1,
            ']' if squares > 0 => squares -= 1,
            _ => break,
        }
        end -= c.len_utf8();
    }
    &url[..end]
}

/// The `#tags` in `text`, without the `#`.
pub(crate) fn hashtags_in(text: &str) -> Vec<String> {
    marked_words(text, '#')
}

/// The `@handles` in `text`, without the `@`.
pub(crate) fn mentions_in(text: &str) -> Vec<String> {
    marked_words(text, '@')
}

/// Words of letters, digits and `_` that follow `mark` at the start of the text or after a
/// character that is not part of a word.
fn marked_words(text: &str, mark: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let starts = c == mark && previous.is_none_or(|p| !(p.is_alphanumeric() || p == '_'));
        previous = Some(c);
        if !starts {
            continue;
        }
        let from = i + c.len_utf8();
        let mut to = from;
        while let Some(&(j, d)) = chars.peek() {
            if !(d.is_alphanumeric() || d == '_') {
                break;
            }
            to = j + d.len_utf8();
            previous = Some(d);
            chars.next();
        }
        if to > from {
            out.push(text[from..to].to_string());
        }
    }
    out
}

/// The object of a reshare known only by its text: `@author:` followed by the reshared text,
/// lowercased, links removed, whitespace collapsed, a trailing ellipsis removed and cut to 100
/// characters (the part every truncated copy of a retweet keeps).
///
/// Two reshares of the same post by different accounts give the same object; two different
/// posts of one author give different objects unless their first 100 characters agree.
pub(crate) fn text_reshare_target(author: &str, text: &str) -> String {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !w.starts_with("http://") && !w.starts_with("https://"))
        .collect();
    let joined = words.join(" ").to_lowercase();
    let body: String = joined
        .trim_end_matches(['…', '.'])
        .trim_end()
        .chars()
        .take(100)
        .collect();
    format!(
        "@{}:{}",
        author.trim_start_matches('@').to_lowercase(),
        body
    )
}

/// The name of the client a post was made with: X API v1.1 gives it as an HTML link
/// (`<a href="..." rel="nofollow">Twitter for iPhone</a>`), whose text is the name; anything
/// else is the name as it stands. `None` when blank.
pub(crate) fn client_name(source: &str) -> Option<String> {
    let source = source.trim();
    let name = match (source.find('>'), source.rfind('<')) {
        (Some(open), Some(close)) if source.starts_with('<') && open < close => {
            &source[open + 1..close]
        }
        _ => source,
    };
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_names() {
        assert_eq!(
            client_name(
                r#"<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>"#
            )
            .as_deref(),
            Some("Twitter for iPhone")
        );
        assert_eq!(client_name(" IFTTT ").as_deref(), Some("IFTTT"));
        assert_eq!(client_name("a < b > c").as_deref(), Some("a < b > c"));
        assert_eq!(client_name(r#"<a href="x"></a>"#), None);
        assert_eq!(client_name("  "), None);
    }

    #[test]
    fn list_literals() {
        assert_eq!(list_literal("['uno', 'dos']"), vec!["uno", "dos"]);
        assert_eq!(list_literal("[]"), Vec::<String>::new());
        assert_eq!(list_literal(""), Vec::<String>::new());
        assert_eq!(
            list_literal("['http://dlvr.it/PgB3PP']"),
            vec!["http://dlvr.it/PgB3PP"]
        );
        assert_eq!(
            list_literal(r#"["it's", 'a\'b, c']"#),
            vec!["it's", "a'b, c"]
        );
        assert_eq!(list_literal("[123, 456]"), vec!["123", "456"]);
        assert_eq!(list_literal("a b"), vec!["a", "b"]);
        assert_eq!(list_literal("['unterminated"), vec!["unterminated"]);
        assert!(is_list_literal("['a', 'b]']"));
        assert!(is_list_literal(r#"["a\"]", "b"]"#));
        assert!(is_list_literal("[]"));
        assert!(!is_list_literal("[a] [b]"));
        assert!(!is_list_literal("['a'"));
        assert!(!is_list_literal("a]"));
    }

    #[test]
    fn links_tags_and_mentions() {
        assert_eq!(
            urls_in("see https://x.org/a, and (http://y.org/b).<a href=\"https://z.org\">"),
            vec!["https://x.org/a", "http://y.org/b", "https://z.org"]
        );
        assert!(urls_in("https:// nothing").is_empty());
        // Markdown, with the link as its own text, and brackets that belong to the link.
        assert_eq!(
            urls_in("[https://x.org/a](https://x.org/a). [here](https://y.org/b_(c)))"),
            vec!["https://x.org/a", "https://x.org/a", "https://y.org/b_(c)"]
        );
        assert_eq!(urls_in("(see https://x.org/a])."), vec!["https://x.org/a"]);
        // A long run of brackets costs one pass.
        let hostile = format!("http://a.b{}", ")".repeat(200_000));
        assert_eq!(urls_in(&hostile), vec!["http://a.b"]);
        assert_eq!(hashtags_in("#one two#no #Drei_3! #"), vec!["one", "Drei_3"]);
        assert_eq!(
            mentions_in("RT @alice: hi a@b.c @bob"),
            vec!["alice", "bob"]
        );
        assert_eq!(hashtags_in("#日本 ok"), vec!["日本"]);
    }

    #[test]
    fn reshare_targets_ignore_links_case_spacing_and_truncation() {
        let a = text_reshare_target("@Alice", "Big NEWS  today https://t.co/x1 …");
        let b = text_reshare_target("alice", "big news today");
        assert_eq!(a, "@alice:big news today");
        assert_eq!(a, b);
        assert_ne!(a, text_reshare_target("bob", "big news today"));
    }
}
