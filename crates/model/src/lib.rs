//! The data model shared by every stage of the lockstep pipeline.
//!
//! Posts are reduced early to *actions*: an account acting on an object (a reshared post, a
//! canonical URL, a hashtag, ...) at an instant. Accounts, objects and posts are interned to dense
//! `u32` ids so the later stages work on flat columnar arrays instead of strings.

mod huge_pages;
mod interner;
mod scope;
mod sets;
mod signal;
mod str_column;
mod table;

pub use huge_pages::filled_on_huge_pages;
pub use interner::Interner;
pub use scope::{scoped, unscoped};
pub use sets::jaccard;
pub use signal::{Signal, SignalSet, UnknownSignal};
pub use str_column::StrColumn;
pub use table::{Action, ActionTable, Dataset};

/// Dense id of an account, an index into [`Dataset::accounts`].
pub type AccountId = u32;
/// Dense id of an object within one signal, an index into that signal's [`ActionTable::objects`].
pub type ObjectId = u32;
/// Dense id of a post, an index into [`Dataset::posts`].
pub type PostIdx = u32;
/// Milliseconds since the UNIX epoch (UTC).
pub type TimeMs = i64;
