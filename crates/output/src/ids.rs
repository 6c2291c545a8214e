//! The ids the outputs write: as the input gave them, with the platform in a column of its own.
//!
//! Accounts are keyed internally as `platform:id` so that the same id on two platforms stays two
//! accounts. Writing the ids as given could then put two accounts under one name; those accounts
//! keep their scoped key in every output, and run.json lists them.

use lockstep_model::{unscoped, AccountId, Dataset, ObjectId, Signal};
use serde::Serialize;
use std::collections::HashMap;

/// How many colliding ids run.json lists by name.
const LISTED_COLLISIONS: usize = 100;

/// An id given to accounts on more than one platform (or on one and without a platform).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdCollision {
    /// The id as given.
    pub id: String,
    /// The platforms of the accounts sharing it (`null` for an account without one).
    pub platforms: Vec<Option<String>>,
}

/// The account ids that would collide if written as given.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IdCollisions {
    /// How many ids are shared by accounts of different platforms.
    pub count: usize,
    /// The first of them by id, at most 100; their accounts are written as `platform:id`.
    pub ids: Vec<IdCollision>,
}

/// Which accounts are written under their scoped key instead of the id as given.
#[derive(Debug, Clone, Default)]
pub struct IdLabels {
    /// Accounts whose given id another account shares.
    keeps_scope: Vec<bool>,
    collisions: IdCollisions,
}

impl IdLabels {
    /// Finds the accounts of `dataset` whose ids collide once their platform scope is removed.
    pub fn new(dataset: &Dataset) -> Self {
        if dataset.platforms.is_empty() {
            return Self::default();
        }
        let n = dataset.accounts.len() as AccountId;
        let mut by_id: HashMap<&str, Vec<AccountId>> = HashMap::new();
        for a in 0..n {
            by_id
                .entry(dataset.given_account_id(a))
                .or_default()
                .push(a);
        }
        let mut keeps_scope = vec![false; n as usize];
        let mut shared: Vec<IdCollision> = Vec::new();
        for (id, accounts) in by_id.into_iter().filter(|(_, a)| a.len() > 1) {
            let mut platforms: Vec<Option<String>> = accounts
                .iter()
                .map(|&a| dataset.platform_of(a).map(str::to_string))
                .collect();
            platforms.sort();
            for a in accounts {
                keeps_scope[a as usize] = true;
            }
            shared.push(IdCollision {
                id: id.to_string(),
                platforms,
            });
        }
        shared.sort_by(|x, y| x.id.cmp(&y.id));
        let count = shared.len();
        shared.truncate(LISTED_COLLISIONS);
        Self {
            keeps_scope,
            collisions: IdCollisions { count, ids: shared },
        }
    }

    /// The id written for `account`: as given, or its scoped key where that id is shared.
    pub fn account<'d>(&self, dataset: &'d Dataset, account: AccountId) -> &'d str {
        if self.keeps_scope.get(account as usize) == Some(&true) {
            dataset.accounts.resolve(account)
        } else {
            dataset.given_account_id(account)
        }
    }

    /// The name written for `object` of `signal`, acted on by `actor`: reshared and replied
    /// posts and generic objects lose the platform scope of the accounts acting on them.
    pub fn object<'d>(
        &self,
        dataset: &'d Dataset,
        signal: Signal,
        object: ObjectId,
        actor: AccountId,
    ) -> &'d str {
        let key = dataset.table(signal).objects.resolve(object);
        match signal {
            Signal::Reshare | Signal::Reply | Signal::Object => {
                unscoped(dataset.platform_of(actor), key)
            }
            _ => key,
        }
    }

    /// The ids shared across platforms, for run.json.
    pub fn collisions(&self) -> &IdCollisions {
        &self.collisions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(accounts: &[(&str, Option<&str>)]) -> Dataset {
        let mut ds = Dataset::new();
        for &(key, platform) in accounts {
            let a = ds.accounts.intern(key);
            if let Some(p) = platform {
                ds.set_account_platform(a, p);
            }
        }
        ds
    }

    #[test]
    fn ids_are_written_as_given_unless_shared() {
        let ds = dataset(&[
            ("twitter:a", Some("twitter")),
            ("bluesky:a", Some("bluesky")),
            ("twitter:b", Some("twitter")),
            ("a", None),
            ("c", None),
        ]);
        let labels = IdLabels::new(&ds);
        let written: Vec<&str> = (0..5).map(|a| labels.account(&ds, a)).collect();
        assert_eq!(written, ["twitter:a", "bluesky:a", "b", "a", "c"]);
        assert_eq!(labels.collisions().count, 1);
        assert_eq!(
            labels.collisions().ids,
            [IdCollision {
                id: "a".into(),
                platforms: vec![None, Some("bluesky".into()), Some("twitter".into())],
            }]
        );
    }

    #[test]
    fn without_platforms_nothing_changes() {
        let ds = dataset(&[("reddit:x", None), ("y", None)]);
        let labels = IdLabels::new(&ds);
        assert_eq!(labels.account(&ds, 0), "reddit:x");
        assert_eq!(labels.collisions().count, 0);
    }

    #[test]
    fn reshared_posts_lose_the_scope_links_keep_their_text() {
        let mut ds = dataset(&[("twitter:a", Some("twitter"))]);
        ds.table_mut(Signal::Reshare).push("twitter:123", 0, 0, 0);
        ds.table_mut(Signal::Link)
            .push("https://x.example/twitter:1", 0, 0, 0);
        let labels = IdLabels::new(&ds);
        assert_eq!(labels.object(&ds, Signal::Reshare, 0, 0), "123");
        assert_eq!(
            labels.object(&ds, Signal::Link, 0, 0),
            "https://x.example/twitter:1"
        );
    }
}
