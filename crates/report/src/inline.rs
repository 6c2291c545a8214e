//! Making content safe to inline in an HTML page: JSON that cannot leave its script element,
//! and the Content-Security-Policy hashes that allow exactly the page's own scripts and styles.

use base64::Engine;
use sha2::{Digest, Sha256};

/// Serialised JSON made safe inside `<script type="application/json">`: every `<`, `>` and `&`
/// becomes its `\u00XX` escape (so neither `</script` nor `<!--` can appear), as do U+2028 and
/// U+2029. These characters only occur inside JSON strings, where the escapes mean the same.
pub fn json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The CSP source expression allowing an inline element whose content is exactly `content`:
/// `'sha256-<base64 of its SHA-256>'`.
pub fn csp_hash(content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The page's policy: nothing from anywhere, except the listed inline scripts and styles and
/// `data:` images.
pub fn content_security_policy(scripts: &[&str], styles: &[&str]) -> String {
    let hashes = |items: &[&str]| {
        items
            .iter()
            .map(|s| csp_hash(s))
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        hashes(scripts),
        hashes(styles)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_breakers_are_escaped_and_the_json_means_the_same() {
        let value = serde_json::json!({"text": "</script><!-- <b>&amp;\u{2028}</SCRIPT>"});
        let escaped = json_for_script(&value.to_string());
        for bad in ["<", ">", "&", "\u{2028}"] {
            assert!(!escaped.contains(bad), "{bad} left in {escaped}");
        }
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn hash_matches_the_csp_specification_example() {
        // SHA-256 of `alert(1)`, base64: as computed by `printf 'alert(1)' | openssl dgst
        // -sha256 -binary | base64`.
        assert_eq!(
            csp_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn policy_allows_nothing_remote() {
        let policy = content_security_policy(&["a"], &["b"]);
        assert!(policy.starts_with("default-src 'none'; script-src 'sha256-"));
        assert!(!policy.contains("unsafe"));
        assert!(!policy.contains("http"));
    }
}
