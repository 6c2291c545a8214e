//! The canonical input fields and how input columns map onto them.

use std::fmt;
use std::str::FromStr;

/// A canonical field of the posts input (FORMATS.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Stable id of the acting account (required).
    AccountId,
    /// Id of the post; when missing, the row's position stands in.
    PostId,
    /// When the post was made (required).
    Timestamp,
    /// Post text.
    Text,
    /// URLs in the post.
    Urls,
    /// Hashtags, with or without `#`.
    Hashtags,
    /// Mentioned accounts.
    Mentions,
    /// Id of the post this one reshares.
    ReshareOf,
    /// Id of the post this one replies to.
    ReplyTo,
    /// Media ids or perceptual hashes.
    Media,
    /// Language code.
    Lang,
    /// Platform name.
    Platform,
    /// Where the post was made: a subreddit, a Telegram channel, a Facebook group or page, a
    /// Mastodon instance.
    Community,
    /// The app or tool the post was made with (a tweet's source, the archive's client name).
    Client,
    /// Generic form: the object acted on.
    ObjectId,
    /// Generic form: what kind of object it is (informational).
    ObjectKind,
}

impl Field {
    /// Every field, in the order of FORMATS.md.
    pub const ALL: [Field; 16] = [
        Field::AccountId,
        Field::PostId,
        Field::Timestamp,
        Field::Text,
        Field::Urls,
        Field::Hashtags,
        Field::Mentions,
        Field::ReshareOf,
        Field::ReplyTo,
        Field::Media,
        Field::Lang,
        Field::Platform,
        Field::Community,
        Field::Client,
        Field::ObjectId,
        Field::ObjectKind,
    ];

    /// The canonical column name.
    pub fn name(self) -> &'static str {
        match self {
            Field::AccountId => "account_id",
            Field::PostId => "post_id",
            Field::Timestamp => "timestamp",
            Field::Text => "text",
            Field::Urls => "urls",
            Field::Hashtags => "hashtags",
            Field::Mentions => "mentions",
            Field::ReshareOf => "reshare_of",
            Field::ReplyTo => "reply_to",
            Field::Media => "media",
            Field::Lang => "lang",
            Field::Platform => "platform",
            Field::Community => "community",
            Field::Client => "client",
            Field::ObjectId => "object_id",
            Field::ObjectKind => "object_kind",
        }
    }

    /// Other column names accepted for this field without a mapping (CooRTweet's names).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::PostId => &["content_id"],
            Field::Timestamp => &["timestamp_share"],
            _ => &[],
        }
    }

    /// Position of this field in [`Field::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Field {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Field::ALL
            .iter()
            .copied()
            .find(|f| f.name() == s.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                format!("unknown field '{s}' (fields: {})", names.join(", "))
            })
    }
}

/// User-supplied column mapping: `field=source column`, applied before the default names.
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    explicit: Vec<(Field, String)>,
}

impl ColumnMap {
    /// Parses `--column` arguments of the form `field=source`.
    pub fn parse<S: AsRef<str>>(specs: &[S]) -> Result<Self, String> {
        let mut explicit = Vec::new();
        for spec in specs {
            let spec = spec.as_ref();
            let (field, source) = spec.split_once('=').ok_or_else(|| {
                format!("column mapping '{spec}' is not of the form field=column")
            })?;
            let field: Field = field.parse()?;
            if source.trim().is_empty() {
                return Err(format!("column mapping '{spec}' names no source column"));
            }
            if explicit.iter().any(|(f, _)| *f == field) {
                return Err(format!("field '{field}' is mapped twice"));
            }
            explicit.push((field, source.trim().to_string()));
        }
        Ok(Self { explicit })
    }

    /// [`ColumnMap::resolve`] for a table whose rows must name their account and time: an
    /// error naming the table's `columns` and the mapping to use when either is missing.
    pub(crate) fn resolve_posts<S: AsRef<str>>(&self, columns: &[S]) -> Result<Resolved, String> {
        let resolved = self.resolve(columns)?;
        for required in [Field::AccountId, Field::Timestamp] {
            if resolved.column(required).is_none() {
                let names: Vec<&str> = columns.iter().map(AsRef::as_ref).collect();
                return Err(format!(
                    "no '{required}' column (columns: {}); map one with --column {required}=NAME",
                    names.join(", ")
                ));
            }
        }
        Ok(resolved)
    }

    /// For each field, the index of the header column that supplies it.
    ///
    /// An explicit mapping wins; otherwise the canonical name, then an alias, compared
    /// case-insensitively. Errors when an explicitly mapped column is absent.
    pub fn resolve<S: AsRef<str>>(&self, header: &[S]) -> Result<Resolved, String> {
        let find = |name: &str| {
            header
                .iter()
                .position(|h| h.as_ref().trim().eq_ignore_ascii_case(name))
        };
        let mut columns = [None; Field::ALL.len()];
        for field in Field::ALL {
            let explicit = self.explicit.iter().find(|(f, _)| *f == field);
            columns[field.index()] = match explicit {
                Some((_, source)) => Some(find(source).ok_or_else(|| {
                    format!("mapped column '{source}' (for {field}) is not in the header")
                })?),
                None => std::iter::once(field.name())
                    .chain(field.aliases().iter().copied())
                    .find_map(find),
            };
        }
        Ok(Resolved { columns })
    }

    /// The source name to look up for `field` in keyed records (JSON objects).
    pub fn key_candidates(&self, field: Field) -> Vec<&str> {
        match self.explicit.iter().find(|(f, _)| *f == field) {
            Some((_, source)) => vec![source.as_str()],
            None => std::iter::once(field.name())
                .chain(field.aliases().iter().copied())
                .collect(),
        }
    }
}

/// Header positions of the canonical fields in one tabular file.
#[derive(Debug, Clone)]
pub struct Resolved {
    columns: [Option<usize>; Field::ALL.len()],
}

impl Resolved {
    /// The column index of `field`, if the file has it.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns[field.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_aliases_and_explicit_mapping() {
        let header = ["object_id", "Account_ID", "content_id", "timestamp_share"];
        let r = ColumnMap::default().resolve(&header).unwrap();
        assert_eq!(r.column(Field::AccountId), Some(1));
        assert_eq!(r.column(Field::PostId), Some(2));
        assert_eq!(r.column(Field::Timestamp), Some(3));
        assert_eq!(r.column(Field::ObjectId), Some(0));
        assert_eq!(r.column(Field::Text), None);

        let map = ColumnMap::parse(&["account_id=userid", "timestamp=tweet_time"]).unwrap();
        let r = map.resolve(&["tweetid", "userid", "tweet_time"]).unwrap();
        assert_eq!(r.column(Field::AccountId), Some(1));
        assert_eq!(r.column(Field::Timestamp), Some(2));
        assert!(map.resolve(&["tweetid"]).unwrap_err().contains("userid"));
    }

    #[test]
    fn bad_mappings_are_errors() {
        assert!(ColumnMap::parse(&["account_id"]).is_err());
        assert!(ColumnMap::parse(&["nope=x"]).is_err());
        assert!(ColumnMap::parse(&["text="]).is_err());
        assert!(ColumnMap::parse(&["text=a", "text=b"]).is_err());
    }
}
