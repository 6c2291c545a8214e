//! URL canonicalisation: different raw forms of the same link become one object.
//!
//! The canonical form is `host[:port]/path[?query]` without the scheme, where:
//! - scheme and host case are ignored (`HTTP://WWW.X.ORG` = `https://x.org`), and `http`/`https`
//!   are the same link;
//! - the host loses a leading `www.`, `m.`, `mobile.` or `amp.`;
//! - default ports are dropped, other ports kept;
//! - AMP variants collapse onto the article: a trailing `/amp` path segment, a leading `/amp/`
//!   segment, and Google AMP cache addresses (`*.cdn.ampproject.org/c/s/HOST/PATH`);
//! - tracking parameters are removed (`utm_*`, `fbclid`, `gclid`, `dclid`, `gbraid`, `wbraid`,
//!   `msclkid`, `mc_cid`, `mc_eid`, `igshid`, `yclid`, `_ga`, `_gl`, `ref_src`, `amp`) and the
//!   remaining parameters sorted by name;
//! - the fragment and a trailing slash are removed (the root path `/` becomes empty).

use url::Url;

/// Query parameters that only track the click and never select content.
const TRACKING_EXACT: [&str; 14] = [
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid",
    "yclid", "_ga", "_gl", "ref_src", "amp",
];

/// Host prefixes that name the same site.
const HOST_PREFIXES: [&str; 4] = ["www.", "m.", "mobile.", "amp."];

/// A canonical URL and its domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalUrl {
    /// The canonical form (see the module documentation).
    pub url: String,
    /// The host without the `www.`-style prefixes; empty for an opaque id (see
    /// [`canonicalize`]).
    pub domain: String,
}

/// Canonicalises `raw`; `None` when it is not an http(s) URL (a bare `host/path` is read as
/// http). A bare number (an exported dataset's URL id, which a URL parser would read as an
/// IPv4 address) is kept as it is, without a domain. Other schemes (`mailto:`, `javascript:`, ...) are not links for co-link purposes.
pub fn canonicalize(raw: &str) -> Option<CanonicalUrl> {
    let raw = raw.trim().trim_end_matches(['.', ',', ';', ')', '!', '?']);
    if raw.is_empty() {
        return None;
    }
    let parsed = match Url::parse(raw) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            if raw.bytes().all(|b| b.is_ascii_digit()) {
                return Some(CanonicalUrl {
                    url: raw.to_string(),
                    domain: String::new(),
                });
            }
            Url::parse(&format!("http://{raw}")).ok()?
        }
        Err(_) => return None,
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let host = strip_host_prefixes(parsed.host_str()?);
    if host.is_empty() || !host.contains('.') && host != "localhost" {
        return None;
    }
    if host.ends_with(".cdn.ampproject.org") {
        if let Some(inner) = amp_cache_target(parsed.path()) {
            return canonicalize(&inner);
        }
    }
    let mut out = String::with_capacity(raw.len());
    out.push_str(&host);
    if let Some(port) = parsed.port() {
        out.push(':');
        out.push_str(&port.to_string());
    }
    out.push_str(&canonical_path(parsed.path()));
    let mut params: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    params.sort();
    if !params.is_empty() {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .finish();
        out.push('?');
        out.push_str(&query);
    }
    Some(CanonicalUrl {
        url: out,
        domain: host,
    })
}

fn strip_host_prefixes(host: &str) -> String {
    let mut h = host.trim_end_matches('.').to_ascii_lowercase();
    while let Some(p) = HOST_PREFIXES
        .iter()
        .find(|p| h.starts_with(**p) && h.len() > p.len())
    {
        let rest = &h[p.len()..];
        // Keep the prefix when removing it would leave a bare public suffix (`m.co`).
        if !rest.contains('.') {
            break;
        }
        h = rest.to_string();
    }
    h
}

/// Drops trailing slashes and AMP segments until none is left, so the result is a fixed point.
fn canonical_path(path: &str) -> String {
    let mut p = path.trim_end_matches('/').to_string();
    loop {
        let next = if let Some(rest) = p.strip_suffix("/amp") {
            rest.trim_end_matches('/').to_string()
        } else if let Some(rest) = p.strip_prefix("/amp/") {
            format!("/{}", rest.trim_end_matches('/'))
        } else {
            return p;
        };
        p = next;
    }
}

/// `/c/s/example.com/path` (or `/c/example.com/path`, `/v/s/...`) to `https://example.com/path`.
fn amp_cache_target(path: &str) -> Option<String> {
    let rest = path
        .strip_prefix("/c/s/")
        .or_else(|| path.strip_prefix("/v/s/"))
        .or_else(|| path.strip_prefix("/c/"))
        .or_else(|| path.strip_prefix("/v/"))?;
    (!rest.is_empty()).then(|| format!("https://{rest}"))
}

fn is_tracking(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.starts_with("utm_") || TRACKING_EXACT.contains(&k.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> String {
        canonicalize(s)
            .map(|c| c.url)
            .unwrap_or_else(|| "<none>".into())
    }

    #[test]
    fn variants_of_one_article_collapse() {
        let expected = "example.com/news/story";
        for raw in [
            "https://example.com/news/story",
            "http://example.com/news/story",
            "HTTPS://WWW.Example.COM/news/story/",
            "https://m.example.com/news/story?utm_source=tw&utm_medium=social",
            "https://example.com:443/news/story#comments",
            "http://example.com:80/news/story?fbclid=abc&gclid=x",
            "https://amp.example.com/news/story",
            "https://example.com/news/story/amp/",
            "https://example.com/amp/news/story",
            "https://example-com.cdn.ampproject.org/c/s/example.com/news/story",
            "example.com/news/story",
            "www.example.com/news/story).",
        ] {
            assert_eq!(c(raw), expected, "{raw}");
        }
    }

    #[test]
    fn meaningful_differences_are_kept() {
        assert_eq!(
            c("https://example.com/a?b=2&a=1&utm_x=3"),
            "example.com/a?a=1&b=2"
        );
        assert_eq!(c("https://example.com:8080/a"), "example.com:8080/a");
        assert_eq!(c("https://example.com/A"), "example.com/A");
        assert_eq!(c("https://example.com/"), "example.com");
        assert_eq!(c("https://sub.example.com/a"), "sub.example.com/a");
        assert_eq!(c("https://www.m.co/a"), "m.co/a");
        assert_eq!(
            canonicalize("https://WWW.News.Example.org/x")
                .unwrap()
                .domain,
            "news.example.org"
        );
    }

    #[test]
    fn a_bare_number_is_an_opaque_id_without_a_domain() {
        // Not the IPv4 address 0.0.48.57 a URL parser reads "12345" as.
        let id = canonicalize("12345").unwrap();
        assert_eq!((id.url.as_str(), id.domain.as_str()), ("12345", ""));
        assert_eq!(
            canonicalize("http://10.0.0.1/a").unwrap().domain,
            "10.0.0.1"
        );
    }

    #[test]
    fn non_links_are_rejected() {
        for raw in [
            "",
            "javascript:alert(1)",
            "mailto:a@b.org",
            "ftp://x.org/a",
            "hello",
            "http://",
        ] {
            assert_eq!(c(raw), "<none>", "{raw}");
        }
    }

    proptest::proptest! {
        #[test]
        fn canonical_form_is_a_fixed_point(s in "(https?://)?[a-zA-Z0-9.]{1,12}\\.[a-z]{2,3}(/[a-zA-Z0-9_]{0,6}){0,3}(\\?[a-z_]{1,5}=[a-z0-9]{0,3}(&[a-z_]{1,5}=[a-z0-9]{0,3}){0,2})?") {
            if let Some(first) = canonicalize(&s) {
                let again = canonicalize(&first.url).expect("canonical form parses");
                proptest::prop_assert_eq!(again.url, first.url);
            }
        }
    }
}
