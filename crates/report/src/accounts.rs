//! Accounts of a run, by position, found by id.

use crate::interned::Interned;
use crate::model::Account;

/// Accounts in the order they were first named, found by id.
#[derive(Default)]
pub(crate) struct Accounts {
    ids: Interned,
    /// The accounts, by position.
    pub(crate) list: Vec<Account>,
}

impl Accounts {
    /// Position of account `id`, adding a bare account when it is new.
    pub(crate) fn position_of(&mut self, id: &str) -> usize {
        let (i, new) = self.ids.insert(id);
        if new {
            self.list.push(Account {
                id: id.to_string(),
                ..Account::default()
            });
        }
        i
    }

    /// Adds `account`; a later row for the same id replaces the earlier one.
    pub(crate) fn add(&mut self, account: Account) {
        let i = self.position_of(&account.id);
        self.list[i] = account;
    }

    /// Position of account `id`, if it is known.
    pub(crate) fn find(&self, id: &str) -> Option<usize> {
        self.ids.find(id)
    }
}
