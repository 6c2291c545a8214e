use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A kind of co-action: two accounts acting on the same object of this kind within a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Signal {
    /// Resharing the same post (retweet, repost, share, forward).
    Reshare,
    /// Replying to the same post.
    Reply,
    /// Sharing the same canonical URL.
    Link,
    /// Sharing URLs of the same web domain.
    Domain,
    /// Using the same hashtag.
    Hashtag,
    /// Mentioning the same account.
    Mention,
    /// Posting the same media item (id or perceptual hash).
    Media,
    /// Posting the same normalised text.
    Text,
    /// Acting on the same object of the generic (CooRTweet-style) input form.
    Object,
}

impl Signal {
    /// Every signal, in output order.
    pub const ALL: [Signal; 9] = [
        Signal::Reshare,
        Signal::Reply,
        Signal::Link,
        Signal::Domain,
        Signal::Hashtag,
        Signal::Mention,
        Signal::Media,
        Signal::Text,
        Signal::Object,
    ];

    /// The lowercase name used on the command line and in output files.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Reshare => "reshare",
            Signal::Reply => "reply",
            Signal::Link => "link",
            Signal::Domain => "domain",
            Signal::Hashtag => "hashtag",
            Signal::Mention => "mention",
            Signal::Media => "media",
            Signal::Text => "text",
            Signal::Object => "object",
        }
    }

    /// Position of this signal in [`Signal::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of signals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SignalSet(u16);

impl SignalSet {
    /// Every signal.
    pub const ALL: SignalSet = SignalSet((1 << Signal::ALL.len()) - 1);

    /// Whether `signal` is in the set.
    pub fn contains(self, signal: Signal) -> bool {
        self.0 & (1 << signal.index()) != 0
    }

    /// The set with `signal` added.
    pub fn with(self, signal: Signal) -> SignalSet {
        SignalSet(self.0 | 1 << signal.index())
    }
}

impl FromIterator<Signal> for SignalSet {
    fn from_iter<I: IntoIterator<Item = Signal>>(iter: I) -> Self {
        iter.into_iter().fold(SignalSet::default(), SignalSet::with)
    }
}

/// Error for a signal name that lockstep does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSignal(pub String);

impl fmt::Display for UnknownSignal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Signal::ALL.iter().map(|s| s.name()).collect();
        write!(
            f,
            "unknown signal '{}' (known: {})",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownSignal {}

impl FromStr for Signal {
    type Err = UnknownSignal;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        Signal::ALL
            .iter()
            .copied()
            .find(|sig| sig.name() == lower)
            .ok_or_else(|| UnknownSignal(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_index_matches_order() {
        for (i, s) in Signal::ALL.iter().enumerate() {
            assert_eq!(s.name().parse::<Signal>().unwrap(), *s);
            assert_eq!(s.index(), i);
        }
        assert_eq!("LINK".parse::<Signal>().unwrap(), Signal::Link);
        assert!("likes".parse::<Signal>().is_err());
    }

    #[test]
    fn signal_sets() {
        let set: SignalSet = [Signal::Link, Signal::Text].into_iter().collect();
        assert!(set.contains(Signal::Link) && set.contains(Signal::Text));
        assert!(!set.contains(Signal::Reshare));
        assert!(set.with(Signal::Reshare).contains(Signal::Reshare));
        assert!(Signal::ALL.iter().all(|&s| SignalSet::ALL.contains(s)));
        assert!(!SignalSet::default().contains(Signal::Object));
    }
}
