//! Platform scoping of ids: the same id on two platforms names two accounts (or posts).
//!
//! Internally an id from a row that names its platform is keyed as `platform:id`; the outputs
//! write the id as given, with the platform beside it.

use std::borrow::Cow;

/// The internal key of `id` from a row of `platform` (`id` itself when no platform is known).
pub fn scoped<'a>(platform: Option<&str>, id: Cow<'a, str>) -> Cow<'a, str> {
    match platform {
        Some(p) => Cow::Owned(format!("{p}:{id}")),
        None => id,
    }
}

/// The id as given of the internal `key` from a row of `platform`: the key without its scope.
pub fn unscoped<'a>(platform: Option<&str>, key: &'a str) -> &'a str {
    platform
        .and_then(|p| key.strip_prefix(p))
        .and_then(|rest| rest.strip_prefix(':'))
        .unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoping_round_trips() {
        let key = scoped(Some("bluesky"), Cow::Borrowed("did:plc:alice"));
        assert_eq!(key, "bluesky:did:plc:alice");
        assert_eq!(unscoped(Some("bluesky"), &key), "did:plc:alice");
        assert_eq!(scoped(None, Cow::Borrowed("a")), "a");
        assert_eq!(unscoped(None, "twitter:a"), "twitter:a");
        // A key of another platform, or one without the separator, is left whole.
        assert_eq!(unscoped(Some("reddit"), "twitter:a"), "twitter:a");
        assert_eq!(unscoped(Some("reddit"), "redditor"), "redditor");
    }
}
