//! A post as a native reader assembles it, owned, and what a record may be instead of a post.

use crate::accounting::RejectReason;
use crate::accounts::AccountProfile;
use crate::field::Field;
use crate::record::Items;
use crate::row::{non_blank, RowFields};
use crate::timestamp::{TimestampError, TimestampForm};
use lockstep_model::TimeMs;
use std::borrow::Cow;

/// Why a record of an export yields no post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotPost {
    /// Not a post by design (an identity event, a deletion, a service message): counted apart.
    Skip(&'static str),
    /// Meant to be a post but unusable.
    Reject(RejectReason),
}

/// One post of a platform export, with its platform so that ids are scoped.
#[derive(Debug, Clone)]
pub(crate) struct Post {
    /// The platform scoping the ids; `None` for platform-neutral layouts.
    pub(crate) platform: Option<&'static str>,
    pub(crate) account_id: Option<String>,
    pub(crate) post_id: Option<String>,
    pub(crate) time: Result<(TimeMs, TimestampForm), TimestampError>,
    pub(crate) text: Option<String>,
    pub(crate) urls: Vec<String>,
    pub(crate) hashtags: Vec<String>,
    pub(crate) mentions: Vec<String>,
    pub(crate) media: Vec<String>,
    pub(crate) reshare_of: Option<String>,
    pub(crate) reply_to: Option<String>,
    /// A generic object (likes, follows, quotes) as `kind:id`; scoped by the platform later.
    pub(crate) object_id: Option<String>,
    /// Where the post was made: subreddit, channel, group or page, instance.
    pub(crate) community: Option<String>,
    /// The app or tool the post was made with.
    pub(crate) client: Option<String>,
    pub(crate) profile: Option<AccountProfile>,
}

impl Post {
    /// An empty post of `platform`, without a time yet.
    pub(crate) fn new(platform: &'static str) -> Self {
        Self {
            platform: Some(platform),
            ..Self::unscoped()
        }
    }

    /// An empty post whose ids are not scoped by a platform.
    pub(crate) fn unscoped() -> Self {
        Self {
            platform: None,
            account_id: None,
            post_id: None,
            time: Err(TimestampError::Missing),
            text: None,
            urls: Vec::new(),
            hashtags: Vec::new(),
            mentions: Vec::new(),
            media: Vec::new(),
            reshare_of: None,
            reply_to: None,
            object_id: None,
            community: None,
            client: None,
            profile: None,
        }
    }
}

fn text(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().and_then(non_blank).map(Cow::Borrowed)
}

impl<'a> RowFields<'a> for &'a Post {
    fn scalar(&self, field: Field) -> Option<Cow<'a, str>> {
        let post: &'a Post = self;
        match field {
            Field::AccountId => text(&post.account_id),
            Field::PostId => text(&post.post_id),
            Field::Text => text(&post.text),
            Field::ReshareOf => text(&post.reshare_of),
            Field::ReplyTo => text(&post.reply_to),
            Field::ObjectId => text(&post.object_id),
            Field::Community => text(&post.community),
            Field::Client => text(&post.client),
            Field::Platform => post.platform.map(Cow::Borrowed),
            Field::Timestamp
            | Field::Urls
            | Field::Hashtags
            | Field::Mentions
            | Field::Media
            | Field::Lang
            | Field::ObjectKind => None,
        }
    }

    fn items(&self, field: Field) -> Items<'a> {
        let post: &'a Post = self;
        let list = match field {
            Field::Urls => &post.urls,
            Field::Hashtags => &post.hashtags,
            Field::Mentions => &post.mentions,
            Field::Media => &post.media,
            _ => return Items::Empty,
        };
        Items::Owned(list)
    }

    fn time(&self) -> Result<(TimeMs, TimestampForm), TimestampError> {
        self.time.clone()
    }

    fn profile(&self) -> Option<&'a AccountProfile> {
        let post: &'a Post = self;
        post.profile.as_ref()
    }
}
