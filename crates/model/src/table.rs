use crate::{unscoped, AccountId, Interner, ObjectId, PostIdx, Signal, StrColumn, TimeMs};

/// One account acting on one object at one instant, through one post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Action {
    /// The object acted on (id within the signal's table).
    pub object: ObjectId,
    /// When, in milliseconds since the epoch.
    pub time: TimeMs,
    /// Who acted.
    pub account: AccountId,
    /// The post that carries the action.
    pub post: PostIdx,
}

/// All actions of one signal, with the names of their objects.
#[derive(Debug, Clone)]
pub struct ActionTable {
    /// Which signal these actions belong to.
    pub signal: Signal,
    /// Object names (canonical URL, hashtag, reshared post id, text fingerprint, ...).
    pub objects: Interner,
    /// The actions, in input order until the co-action kernel sorts them.
    pub actions: Vec<Action>,
}

impl ActionTable {
    /// An empty table for `signal`.
    pub fn new(signal: Signal) -> Self {
        Self {
            signal,
            objects: Interner::new(),
            actions: Vec::new(),
        }
    }

    /// Records that `account` acted on the object named `object` at `time` through `post`.
    pub fn push(&mut self, object: &str, time: TimeMs, account: AccountId, post: PostIdx) {
        let object = self.objects.intern(object);
        self.actions.push(Action {
            object,
            time,
            account,
            post,
        });
    }
}

/// Everything the co-action stage needs from the input, in columnar form.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Account keys: ids as given, scoped as `platform:id` when the input named a platform.
    pub accounts: Interner,
    /// Post keys by [`PostIdx`]: ids as given (or `file:line` where the input has none), scoped
    /// by their account's platform like account keys.
    pub posts: StrColumn,
    /// Time of each post, indexed by [`PostIdx`].
    pub post_times: Vec<TimeMs>,
    /// Author of each post, indexed by [`PostIdx`].
    pub post_accounts: Vec<AccountId>,
    /// One action table per signal, in [`Signal::ALL`] order.
    pub tables: Vec<ActionTable>,
    /// Communities named by the input (subreddits, channels, groups or pages, instances).
    pub communities: Interner,
    /// The community of each post, by [`PostIdx`] (an id in `communities`, or
    /// [`Dataset::NO_COMMUNITY`]); empty while no post has named one.
    pub post_communities: Vec<u32>,
    /// Posting clients named by the input (the app or tool a post was made with).
    pub clients: Interner,
    /// The client of each post, by [`PostIdx`] (an id in `clients`, or
    /// [`Dataset::NO_CLIENT`]); empty while no post has named one.
    pub post_clients: Vec<u32>,
    /// Platforms named by the input.
    pub platforms: Interner,
    /// The platform of each account (an id in `platforms`, or [`Dataset::NO_PLATFORM`]);
    /// empty while no account has one.
    pub account_platforms: Vec<u32>,
}

impl Default for Dataset {
    fn default() -> Self {
        Self::new()
    }
}

impl Dataset {
    /// An empty dataset with one empty table per signal.
    pub fn new() -> Self {
        Self {
            accounts: Interner::new(),
            posts: StrColumn::default(),
            post_times: Vec::new(),
            post_accounts: Vec::new(),
            tables: Signal::ALL.iter().map(|&s| ActionTable::new(s)).collect(),
            communities: Interner::new(),
            post_communities: Vec::new(),
            clients: Interner::new(),
            post_clients: Vec::new(),
            platforms: Interner::new(),
            account_platforms: Vec::new(),
        }
    }

    /// The community id of posts that name none.
    pub const NO_COMMUNITY: u32 = u32::MAX;

    /// Records that post `idx` (the last pushed) was made in `community`.
    pub fn set_post_community(&mut self, idx: PostIdx, community: &str) {
        let id = self.communities.intern(community);
        self.post_communities
            .resize(self.post_times.len(), Self::NO_COMMUNITY);
        self.post_communities[idx as usize] = id;
    }

    /// The community post `idx` was made in, if its input named one.
    pub fn community_of(&self, idx: PostIdx) -> Option<u32> {
        self.post_communities
            .get(idx as usize)
            .copied()
            .filter(|&c| c != Self::NO_COMMUNITY)
    }

    /// The client id of posts that name none.
    pub const NO_CLIENT: u32 = u32::MAX;

    /// Records that post `idx` (the last pushed) was made with `client`.
    pub fn set_post_client(&mut self, idx: PostIdx, client: &str) {
        let id = self.clients.intern(client);
        self.post_clients
            .resize(self.post_times.len(), Self::NO_CLIENT);
        self.post_clients[idx as usize] = id;
    }

    /// The client post `idx` was made with, if its input named one.
    pub fn client_of(&self, idx: PostIdx) -> Option<u32> {
        self.post_clients
            .get(idx as usize)
            .copied()
            .filter(|&c| c != Self::NO_CLIENT)
    }

    /// The platform id of accounts whose input named none.
    pub const NO_PLATFORM: u32 = u32::MAX;

    /// Records that `account`'s key is scoped by `platform`.
    pub fn set_account_platform(&mut self, account: AccountId, platform: &str) {
        let id = self.platforms.intern(platform);
        if self.account_platforms.len() <= account as usize {
            self.account_platforms.resize(
                self.accounts.len().max(account as usize + 1),
                Self::NO_PLATFORM,
            );
        }
        self.account_platforms[account as usize] = id;
    }

    /// The platform `account`'s input named, if any.
    pub fn platform_of(&self, account: AccountId) -> Option<&str> {
        self.account_platforms
            .get(account as usize)
            .filter(|&&p| p != Self::NO_PLATFORM)
            .map(|&p| self.platforms.resolve(p))
    }

    /// `account`'s id as the input gave it, without its platform scope.
    pub fn given_account_id(&self, account: AccountId) -> &str {
        unscoped(self.platform_of(account), self.accounts.resolve(account))
    }

    /// Post `idx`'s id as the input gave it, without its platform scope.
    pub fn given_post_id(&self, idx: PostIdx) -> &str {
        let account = self.post_accounts[idx as usize];
        unscoped(self.platform_of(account), self.posts.get(idx as usize))
    }

    /// The action table of `signal`.
    pub fn table(&self, signal: Signal) -> &ActionTable {
        &self.tables[signal.index()]
    }

    /// The action table of `signal`, mutably.
    pub fn table_mut(&mut self, signal: Signal) -> &mut ActionTable {
        &mut self.tables[signal.index()]
    }

    /// Adds a post and returns its index.
    pub fn push_post(&mut self, post_id: &str, account: AccountId, time: TimeMs) -> PostIdx {
        let idx = self.post_times.len() as PostIdx;
        // A repeated post id still gets its own row so that each action points at the post
        // that carried it.
        self.posts.push(post_id);
        self.post_times.push(time);
        self.post_accounts.push(account);
        idx
    }
}
