//! Signs of an operation in a network's own behaviour, so that a verdict needs no account
//! profiles.
//!
//! Coordination is necessary for coordinated inauthentic behaviour, not sufficient: fans of an
//! idol, readers of one paper and the regulars of a forum act together too. What sets an
//! operation apart shows in *when* and *on what* its members act together:
//!
//! - **operator rhythm**: the network's co-actions fall in one time zone's office hours on
//!   workdays. An organic crowd acts over its waking hours, every day: at the best offset its
//!   office share is about 9 of 15 waking hours (0.6) with 2/7 (0.29) at weekends. The sign
//!   fires at an office share of at least [`OFFICE_SHARE`] with at most [`WEEKEND_SHARE`] at
//!   weekends, or at least [`WEEKDAYS_OFFICE_SHARE`] where the data hold no weekend
//!   ([`NetworkBehaviour::weekdays_only`]: the weekend share then says nothing, and twelve
//!   friends co-acting over four weekdays reached 0.78), over at least [`MIN_TIMES`]
//!   co-actions that make at least [`MIN_RHYTHM_MOMENTS`] distinct moments (runs of
//!   co-actions less than [`MOMENT_GAP_MS`] apart), no UTC day holding half of the co-actions: forty people entering one giveaway
//!   make dozens of co-actions within an hour or two, which is one moment, not a rhythm, and
//!   a few stray co-actions on other days do not make it one.
//! - **event slot**: at least [`SLOT_SHARE`] of those co-actions fall in one
//!   [`SLOT_HOURS`]-hour slot of the UTC day, measured when the operator rhythm is: the
//!   audience of a match or a TV show posts together at the same hours each time, an operator
//!   works through a working day. Six midweek matches at the same hour fit one time zone's
//!   office hours, so the slot outweighs the operator rhythm.
//! - **members' rhythm**: the same test (the weekday-only case included) on all the members'
//!   posts, over at least
//!   [`MIN_MEMBER_POSTS`]: operators keep office hours in everything they post, while their
//!   co-actions, reshares placed minutes to hours after a trigger, spill past closing time.
//! - **around the clock**: at least [`NIGHT_SHARE`] of the members' posts (over at least
//!   [`MIN_MEMBER_POSTS`]) fall in the quietest six hours of the UTC day. People sleep: a crowd
//!   of one or two time zones posts under 5 % of its posts then, and 25 % is uniform; a ring
//!   working round the clock among ordinary posting measured 13 to 22 %. It describes the
//!   members; what decides is whether the network co-acts at night (next).
//! - **co-acts at night**: at least [`COACTION_NIGHT_SHARE`] of the network's co-actions (over
//!   at least [`MIN_TIMES`]) fall in their own quietest six hours of the UTC day. Members of
//!   other time zones joining a circle of friends make its members post around the clock, but
//!   the circle still co-acts in its waking hours: under 1 %. This, not the members' posting,
//!   tells a ring amplifying itself from friends resharing one another.
//! - **members co-act at night**: the median member (of those with at least
//!   [`MIN_MEMBER_COACTIONS`] posts among the co-actions) has at least [`MEMBER_NIGHT_SHARE`]
//!   of those posts in its own night, the quietest six hours of the UTC day in everything it
//!   posts. Friends split between two continents co-act at every hour that one of them is
//!   awake, but each of them sleeps; so does a ring each of whose accounts keeps one
//!   operator's shift, which this sign cannot tell from them.
//! - **tight synchrony**: the median lag of the co-actions is at most [`TIGHT_LAG_S`] seconds,
//!   faster than people react to a shared trigger (fans reshare an idol within minutes), and
//!   the median of each lag's share of its own signal's window, where the user set it, is at
//!   most [`TIGHT_WINDOW_SHARE`]: lags that only the window bounds take half of it, so at a
//!   minute every network's median is under a minute (a team's fans live-posting a match in
//!   its tags, a post a minute among forty, measured 29–34 s there). Windows chosen from the
//!   lags (`--window auto`) are fitted to them and bound nothing: their lags count as 0.
//! - **own objects**: at least [`OWN_SHARE`] of the objects the network's members put out
//!   themselves (links, sites, tags, texts, media in posts of their own, not those a reshare
//!   carries from its author; not the threads and others' posts they replied to or reshared;
//!   its members' posts that it co-reshared when it amplifies itself: at least [`SELF_SHARE`]
//!   of the posts it co-reshared are its members', under [`PRINCIPAL_SHARE`] of those by three
//!   of them, and it co-acts at night, as a ring of automated or shift-worked accounts does,
//!   where friends resharing one another sleep; likewise the posts it co-reshared that
//!   nobody outside it reshares, when at least [`UNSHARED_SHARE`] of what it co-reshared (of
//!   authors in the data) is such posts, by many authors, round the clock: a ring amplifying
//!   whatever it is told to, where a community's members also reshare what everyone
//!   reshares) were its own: at least four in five of the accounts acting on them are
//!   members (own sites, own tags, own texts; a member the clustering left out does not make
//!   them everyone's), and there are at least [`MIN_OWN_OBJECTS`] of them. Each object weighs
//!   by its rarity, `1 / log2(accounts)`, so common tags riding along count for little.
//! - **few principals**: at least [`PRINCIPAL_SHARE`] of the posts it co-reshares (of authors
//!   in the data) are by at most three authors, members or not: fans echoing an idol, whether
//!   the idol is in their network or not. A ring resharing one another's posts, each member's
//!   in turn, amplifies no principal, and the few outsiders it also reshares (a member the
//!   clustering left out) are not its principals.
//! - **own community** (where posts name their community: a subreddit, a group, an instance):
//!   the members wrote at least [`COMMUNITY_SHARE`] of the posts of the communities the
//!   network co-acts in (on the signals that link it), each community weighed by the posts of
//!   its co-actions there (only
//!   communities where at least two members post count: a channel or page of one account is
//!   not a community). Over months the active core of a forum community links up whole, and
//!   the sites its members keep linking are then the network's own; an operation posting into
//!   other people's communities writes a small part of them. Weighed by where the network
//!   co-acts, not by everywhere its members post: redditors post in many subreddits, and the
//!   core of one is still that community's when half of its members' posts are elsewhere.
//! - **timing beyond its objects**: on the objects others act on too (threads, idols' posts,
//!   public tags and links), the member pairs co-act at least [`BEYOND_OBJECTS`] times as often
//!   as the objects' own timing explains. Under a shuffle of times within each object, a pair
//!   that acted `n_a` and `n_b` times on an object co-acts on it in at most
//!   `min(n_a, n_b, n_a n_b q_o)` episodes, `q_o` the share of the object's action pairs not
//!   both the network's that fall within the window; the sign compares the pairs' co-action
//!   episodes on public objects with the sum of those bounds, given at least
//!   [`MIN_PUBLIC_EXPECTED`]. Regulars replying in their threads, fans resharing
//!   an idol's posts and viral crowds act when their objects are acted on; operations act
//!   together.
//! - **activity curves**: its members' posts per day rise and fall together (the median
//!   correlation of a member's daily curve with the other members', [`crate::curves`]) at
//!   [`ALIKE_CURVES`] or more, over a dump of at least [`crate::MIN_CURVE_DAYS`] days: accounts
//!   switched on for the same campaigns and idle in the same lulls. Fans, readers and regulars
//!   each post on days of their own, and a steady feed has no curve to share.
//! - **own client** (where posts name the app or tool they were made with): at least
//!   [`OWN_CLIENT_SHARE`] of the members' posts that name a client were made with clients of
//!   the network's own: used by at least [`MIN_CLIENT_MEMBERS`] members, at least four in five
//!   of the accounts using them in networks (this one or others: an operator's tool serves all
//!   its networks), and by at most half of the accounts naming a client (not the platform's
//!   main app). An operator's posting tool, or a bot framework registered as an app,
//!   shows up on its accounts alone; people post from the platform's own apps and a few
//!   popular ones, which everybody uses.
//! - **public timing explains** the network when that sign does not fire while at least
//!   [`PUBLIC_SHARE`] of its co-actions are on public objects (the value is that share).
//!
//! A network *behaves like an operation* when either rhythm fires, when tight synchrony and
//! own objects fire together, when own objects fire while neither few principals nor own
//! community do (a group pushing content of its own rather than echoing an idol's tags or
//! linking its community's sites), when its activity curves are alike, or when it posts with a
//! client of its own. None of these counts when public timing explains the network: its rhythm
//! and its sideline of own content are then its community's, its idol's or its threads',
//! unless the members' rhythm and a push of own objects (own objects without few principals or
//! own community) fire together: the public objects explain when the members co-act, not
//! members who keep office hours in everything they post and put out objects nobody else
//! touches. When the co-actions keep an event's slot, that combination counts, and so do tight
//! synchrony with own objects (a scheduled bot) and a client of its own; the rhythm, own
//! objects and curves are the event's. Few principals alone describe fan clubs, so it decides
//! nothing on its own.

use crate::inauthenticity::quietest_six_hours;
use crate::rhythm::{hour_run_shares, quietest_run, utc_hour};
use crate::timing::{working_hours, WorkingHours};
use lockstep_model::TimeMs;
use serde::Serialize;

/// Smallest office-hours share for both rhythm signs, where the data hold a weekend.
pub const OFFICE_SHARE: f64 = 0.75;
/// Smallest office-hours share for the rhythm signs where the data hold no weekend, so that
/// the share alone must tell office hours from waking hours: twelve friends of one time zone
/// co-acting over four weekdays measured 0.78, a push working office hours 1.0.
pub const WEEKDAYS_OFFICE_SHARE: f64 = 0.9;
/// Largest weekend share for both rhythm signs.
pub const WEEKEND_SHARE: f64 = 0.1;
/// Co-actions needed before the rhythm is judged.
pub const MIN_TIMES: usize = 20;
/// Distinct moments (co-actions more than [`MOMENT_GAP_MS`] apart start a new one) the
/// co-actions must make before their rhythm is judged.
pub const MIN_RHYTHM_MOMENTS: usize = 5;
/// The gap between co-actions that starts a new moment: an hour.
pub const MOMENT_GAP_MS: TimeMs = 3_600_000;
/// A day, in milliseconds (UTC days: no day may hold half of a rhythm's co-actions).
const DAY_MS: TimeMs = 86_400_000;
/// Smallest share of the rhythm's co-actions in one slot of the day for the event-slot sign.
pub const SLOT_SHARE: f64 = 0.9;
/// Width of that slot, in hours.
pub const SLOT_HOURS: usize = 3;
/// Member posts needed before the members' rhythm is judged.
pub const MIN_MEMBER_POSTS: usize = 50;
/// Largest median co-action lag, in seconds, for the tight-synchrony sign.
pub const TIGHT_LAG_S: f64 = 60.0;
/// Largest median share of its window that a co-action's lag may take for the tight-synchrony
/// sign, where the user set the windows: lags that only the window bounds take half.
pub const TIGHT_WINDOW_SHARE: f64 = 0.25;
/// Smallest share of objects that are mostly the network's for the own-objects sign.
pub const OWN_SHARE: f64 = 0.5;
/// Fewest distinct own objects for the own-objects sign: one rare link two members happened
/// to share is not a push.
pub const MIN_OWN_OBJECTS: usize = 2;
/// Smallest share of co-reshared posts written by three authors for the principals sign.
pub const PRINCIPAL_SHARE: f64 = 0.8;
/// Smallest share of a network's co-reshared posts written by its own members for them to
/// count among what it puts out (a ring amplifying itself).
pub const SELF_SHARE: f64 = 0.8;
/// Smallest share of a network's co-reshared posts that nobody outside it reshares (four in
/// five of their resharers are members) for them to count among what it puts out: a ring
/// amplifying posts of many authors that no one else amplifies. A community of fans sharing
/// its idols' and one another's posts reached 0.28 on generated data, a slow ring of 20
/// working round the clock 0.56.
pub const UNSHARED_SHARE: f64 = 0.5;
/// Smallest share of its communities' posts that a network's members wrote for the
/// own-community sign.
pub const COMMUNITY_SHARE: f64 = 0.5;
/// Fewest members posting in a community for it to count towards the own-community sign.
pub const MIN_COMMUNITY_MEMBERS: usize = 2;
/// Smallest ratio of public objects co-acted on to what the objects' timing explains for the
/// timing-beyond-objects sign.
pub const BEYOND_OBJECTS: f64 = 2.0;
/// Smallest median correlation of the members' daily activity curves for the activity-curves
/// sign.
pub const ALIKE_CURVES: f64 = 0.8;
/// Smallest share of the members' posts (of those naming a client) made with the network's
/// own clients for the own-client sign.
pub const OWN_CLIENT_SHARE: f64 = 0.5;
/// Fewest members posting with a client for it to be the network's own.
pub const MIN_CLIENT_MEMBERS: usize = 2;
/// Public co-actions the objects' timing must explain before the sign is judged.
pub const MIN_PUBLIC_EXPECTED: f64 = 3.0;
/// Smallest share of the members' posts in the quietest six hours of the UTC day for the
/// around-the-clock sign.
pub const NIGHT_SHARE: f64 = 0.1;
/// Smallest share of a network's co-actions in their quietest six hours of the UTC day for
/// the co-acts-at-night sign. Friends resharing one another measured under 1 %, a ring
/// working round the clock 6 to 20 % (the lower end over a week, when few posts trigger it).
pub const COACTION_NIGHT_SHARE: f64 = 0.05;
/// Smallest share, for the median member, of its posts among the network's co-actions that
/// fall in its night (the quietest six hours of the UTC day in everything it posts), for the
/// members-co-act-at-night sign. Rings working round the clock measured 16 to 22 %; friends
/// in time zones seven to ten hours apart, whose circle has 3.5 to 6.4 % of its co-actions in
/// their quietest six hours, 0 (each of them sleeps), and friends of one time zone up to
/// 1.1 %.
pub const MEMBER_NIGHT_SHARE: f64 = 0.05;
/// A member's posts among the network's co-actions (each post once, however many members it
/// co-acted with) needed before its night share counts.
pub const MIN_MEMBER_COACTIONS: u32 = 10;
/// Members with a night share needed before the median is taken.
pub const MIN_NIGHT_MEMBERS: usize = 3;
/// Smallest share of a network's co-actions on public objects for their timing to explain the
/// network.
pub const PUBLIC_SHARE: f64 = 0.5;

/// One sign: its measured value and whether it fired.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sign {
    /// Name, as in networks.json.
    pub name: &'static str,
    /// The measured value (a share, or seconds for the lag).
    pub value: f64,
    /// Whether it passed its threshold.
    pub fired: bool,
}

/// What a network's co-actions show.
#[derive(Debug, Clone, Default)]
pub struct NetworkBehaviour {
    /// When each co-action happened (the later of its two actions).
    pub times: Vec<TimeMs>,
    /// Each co-action's lag in milliseconds.
    pub lags_ms: Vec<TimeMs>,
    /// The median member's share of its posts among the co-actions that fall in its night
    /// ([`member_night_share`]); `None` where too few members co-act often enough to tell.
    pub member_night_share: Option<f64>,
    /// Each co-action's lag as a share of its signal's window, where the user set that window;
    /// 0 where the window was chosen from the lags. Empty when the times are too coarse.
    pub lag_window_shares: Vec<f64>,
    /// The office hours of all the members' posts, when they are at least
    /// [`MIN_MEMBER_POSTS`].
    pub member_hours: Option<WorkingHours>,
    /// The data hold no weekend: a working week cannot show, and the office rhythms need
    /// [`WEEKDAYS_OFFICE_SHARE`] of the times in office hours.
    pub weekdays_only: bool,
    /// Distinct objects co-acted on, each weighed by its rarity.
    pub objects: f64,
    /// Of those, the weight of the objects whose accounts are mostly members.
    pub own_objects: f64,
    /// How many distinct objects make up `own_objects`.
    pub own_count: usize,
    /// Posts co-reshared, of authors in the data (members and outsiders).
    pub reshares: usize,
    /// Of those, the posts of the three most amplified authors.
    pub top_principal_reshares: usize,
    /// Over the member pairs of its edges: co-action episodes on public objects (others act
    /// on them too) that both acted on.
    pub public_coacted: f64,
    /// What the objects' own timing explains of those, `Σ min(n_a, n_b, n_a n_b q_o)`.
    pub public_expected: f64,
    /// The share of its co-actions that are on public objects.
    pub public_share: f64,
    /// Of the posts of the communities its co-actions on the signals that link it took place in
    /// (those where at least [`MIN_COMMUNITY_MEMBERS`] members post), the share its members
    /// wrote, each community weighed by the posts of those co-actions there; `None` where no
    /// such co-action is in such a community.
    pub community_share: Option<f64>,
    /// How alike the members' daily activity curves are ([`crate::activity_likeness`]);
    /// `None` where the dump is too short or the network too small to tell.
    pub activity_likeness: Option<f64>,
    /// Of the members' posts that name a client, the share made with the network's own
    /// clients; `None` where under half of the members' posts name one.
    pub own_client_share: Option<f64>,
}

impl NetworkBehaviour {
    /// The signs measurable on this network, in a fixed order.
    pub fn signs(&self) -> Vec<Sign> {
        let mut signs = Vec::new();
        let rhythm = spread_over_moments(&self.times)
            .then(|| working_hours(&self.times, MIN_TIMES))
            .flatten();
        if let Some(hours) = rhythm {
            signs.push(Sign {
                name: "operator_rhythm",
                value: hours.office_share,
                fired: self.is_office_rhythm(&hours),
            });
            let slot = busiest_slot_share(&hours.utc_hour_counts);
            signs.push(Sign {
                name: "event_slot",
                value: slot,
                fired: slot >= SLOT_SHARE,
            });
        }
        if let Some(hours) = &self.member_hours {
            signs.push(Sign {
                name: "members_rhythm",
                value: hours.office_share,
                fired: self.is_office_rhythm(hours),
            });
            let night = quietest_six_hours(&hours.utc_hour_counts);
            signs.push(Sign {
                name: "around_the_clock",
                value: night,
                fired: night >= NIGHT_SHARE,
            });
        }
        if let Some(night) = coaction_night_share(&self.times) {
            signs.push(Sign {
                name: "coacts_at_night",
                value: night,
                fired: night >= COACTION_NIGHT_SHARE,
            });
        }
        if let Some(night) = self.member_night_share {
            signs.push(Sign {
                name: "members_coact_at_night",
                value: night,
                fired: night >= MEMBER_NIGHT_SHARE,
            });
        }
        if !self.lags_ms.is_empty() {
            let mut lags = self.lags_ms.clone();
            lags.sort_unstable();
            let median_s = lags[lags.len() / 2] as f64 / 1000.0;
            let mut shares = self.lag_window_shares.clone();
            shares.sort_unstable_by(f64::total_cmp);
            let within = shares
                .get(shares.len() / 2)
                .is_none_or(|&share| share <= TIGHT_WINDOW_SHARE);
            signs.push(Sign {
                name: "tight_synchrony",
                value: median_s,
                fired: median_s <= TIGHT_LAG_S && within,
            });
        }
        if self.objects > 0.0 {
            let share = self.own_objects / self.objects;
            signs.push(Sign {
                name: "own_objects",
                value: share,
                fired: share >= OWN_SHARE && self.own_count >= MIN_OWN_OBJECTS,
            });
        }
        if self.reshares > 0 {
            let share = self.top_principal_reshares as f64 / self.reshares as f64;
            signs.push(Sign {
                name: "few_principals",
                value: share,
                fired: share >= PRINCIPAL_SHARE,
            });
        }
        if let Some(share) = self.community_share {
            signs.push(Sign {
                name: "own_community",
                value: share,
                fired: share >= COMMUNITY_SHARE,
            });
        }
        if let Some(likeness) = self.activity_likeness {
            signs.push(Sign {
                name: "activity_curves",
                value: likeness,
                fired: likeness >= ALIKE_CURVES,
            });
        }
        if let Some(share) = self.own_client_share {
            signs.push(Sign {
                name: "own_client",
                value: share,
                fired: share >= OWN_CLIENT_SHARE,
            });
        }
        if self.public_expected >= MIN_PUBLIC_EXPECTED {
            let ratio = self.public_coacted / self.public_expected;
            let beyond = ratio >= BEYOND_OBJECTS;
            signs.push(Sign {
                name: "beyond_object_timing",
                value: ratio,
                fired: beyond,
            });
            signs.push(Sign {
                name: "public_timing_explains",
                value: self.public_share,
                fired: !beyond && self.public_share >= PUBLIC_SHARE,
            });
        }
        signs
    }

    /// Whether `hours` keep one time zone's office hours on workdays. Where the data hold no
    /// weekend, the share of the times in office hours must carry the test alone.
    fn is_office_rhythm(&self, hours: &WorkingHours) -> bool {
        let office = if self.weekdays_only {
            WEEKDAYS_OFFICE_SHARE
        } else {
            OFFICE_SHARE
        };
        hours.office_share >= office && hours.weekend_share <= WEEKEND_SHARE
    }
}

/// Whether `times` make at least [`MIN_RHYTHM_MOMENTS`] distinct moments (runs in which each
/// time follows the one before by at most [`MOMENT_GAP_MS`]) and no day holds half of them: a
/// rhythm is when a network keeps getting together, and one busy day with a few stray
/// moments around it is still one occasion.
fn spread_over_moments(times: &[TimeMs]) -> bool {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    let moments = sorted.chunk_by(|x, y| y - x <= MOMENT_GAP_MS).count();
    let busiest_day = sorted
        .chunk_by(|x, y| x.div_euclid(DAY_MS) == y.div_euclid(DAY_MS))
        .map(<[TimeMs]>::len)
        .max()
        .unwrap_or(0);
    moments >= MIN_RHYTHM_MOMENTS && 2 * busiest_day < sorted.len()
}

/// The largest share of `counts` (per UTC hour) in [`SLOT_HOURS`] consecutive hours of the
/// day, the slot wrapping round midnight.
fn busiest_slot_share(counts: &[u32; 24]) -> f64 {
    hour_run_shares(counts, SLOT_HOURS).fold(0.0, f64::max)
}

/// Whether a network works round the clock: it co-acts at night, at least
/// [`COACTION_NIGHT_SHARE`] of its co-actions (at `times`) in their own quietest six hours of
/// the UTC day, and so do its members, the median member at least [`MEMBER_NIGHT_SHARE`] of
/// its posts among those co-actions in its own night (`member_night`, from
/// [`member_night_share`]). What the network does together, not everything its members post:
/// a few members of other time zones make a circle of friends post around the clock, but not
/// co-act at night, and a ring's members may post little else. And each member as well as
/// the whole: friends split between two continents co-act at every hour that one of them is
/// awake, but each of them sleeps.
pub fn works_round_the_clock(times: &[TimeMs], member_night: Option<f64>) -> bool {
    coaction_night_share(times).is_some_and(|night| night >= COACTION_NIGHT_SHARE)
        && member_night.is_some_and(|night| night >= MEMBER_NIGHT_SHARE)
}

/// The median, over the members with at least [`MIN_MEMBER_COACTIONS`] posts among the
/// network's co-actions, of the share of those posts that fall in the member's night: the
/// quietest six hours of the UTC day in everything it posts. Each member comes as its posts
/// among the co-actions (each once) and all its posts, both per UTC hour. `None` with fewer
/// than [`MIN_NIGHT_MEMBERS`] such members.
pub fn member_night_share<'a>(
    members: impl Iterator<Item = (&'a [u32; 24], &'a [u32; 24])>,
) -> Option<f64> {
    let mut shares: Vec<f64> = members
        .filter(|(coacting, _)| coacting.iter().sum::<u32>() >= MIN_MEMBER_COACTIONS)
        .map(|(coacting, posts)| {
            let (night, _) = quietest_run(posts, 6);
            let at_night: u32 = (0..6).map(|k| coacting[(night + k) % 24]).sum();
            f64::from(at_night) / f64::from(coacting.iter().sum::<u32>())
        })
        .collect();
    (shares.len() >= MIN_NIGHT_MEMBERS).then(|| {
        shares.sort_unstable_by(f64::total_cmp);
        shares[shares.len() / 2]
    })
}

/// The share of co-actions at `times` in their quietest six hours of the UTC day, over at
/// least [`MIN_TIMES`] of them.
fn coaction_night_share(times: &[TimeMs]) -> Option<f64> {
    (times.len() >= MIN_TIMES).then(|| {
        let mut counts = [0u32; 24];
        for &t in times {
            counts[utc_hour(t)] += 1;
        }
        quietest_six_hours(&counts)
    })
}

/// How a network's signs describe an operation, if they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationSign {
    /// Its co-actions, or its members' posts, keep one time zone's office hours on workdays.
    Rhythm,
    /// Its co-actions come seconds apart on objects nobody outside touches. Automated
    /// syndication of one outlet's own content looks the same, so platform verification of
    /// most members can outweigh this sign, not the rhythm.
    Synchrony,
    /// Most of what its members post themselves (links, sites, tags, texts, media) nobody
    /// outside touches, it is not amplifying a few outside authors (as a fan club echoes its
    /// idol's tags), and it is not most of its communities (whose regulars link their
    /// community's sites).
    OwnObjects,
    /// Its members' posts per day rise and fall together: accounts switched on for the same
    /// campaigns. A newsroom's verified accounts follow one news cycle, so platform
    /// verification of most members can outweigh this sign.
    Curves,
    /// Its members post with a client nobody outside the network uses: an operator's tool. A
    /// newsroom's accounts share its publishing tool too, so platform verification of most
    /// members can outweigh this sign.
    Client,
}

/// Whether `signs` describe an operation: an office rhythm (of the co-actions or of the
/// members' posts), tight synchrony together with own objects, own objects without few
/// principals or own community, alike activity curves, or a client of its own; when public
/// timing explains the network (its co-actions are mostly on public objects and follow those
/// objects' own timing, so its rhythm and its sideline of own content are its community's),
/// only the members' rhythm together with own objects (without few principals or own
/// community); when its co-actions keep an event's slot (an audience posting together at the
/// same hours each time, whose days rise and fall with the events), that combination,
/// synchrony of seconds on objects of its own (a scheduled bot), or a client of its own.
pub fn operation_sign(signs: &[Sign]) -> Option<OperationSign> {
    let fired = |name: &str| signs.iter().any(|s| s.name == name && s.fired);
    let pushes_own = fired("own_objects") && !fired("few_principals") && !fired("own_community");
    if fired("public_timing_explains") {
        // Public objects explain when the members co-act, and with it the co-actions' rhythm
        // and a community's sideline of own tags; they cannot explain members who keep
        // office hours in everything they post *and* push objects of their own.
        (fired("members_rhythm") && pushes_own).then_some(OperationSign::Rhythm)
    } else if fired("event_slot") {
        // An event's audience: the slot sets its co-actions' hours and days, and its own tags
        // are the event's; it does not post seconds apart or share a rare posting tool.
        if fired("members_rhythm") && pushes_own {
            Some(OperationSign::Rhythm)
        } else if fired("tight_synchrony") && fired("own_objects") {
            Some(OperationSign::Synchrony)
        } else {
            fired("own_client").then_some(OperationSign::Client)
        }
    } else if fired("operator_rhythm") || fired("members_rhythm") {
        Some(OperationSign::Rhythm)
    } else if fired("tight_synchrony") && fired("own_objects") {
        Some(OperationSign::Synchrony)
    } else if pushes_own {
        Some(OperationSign::OwnObjects)
    } else if fired("activity_curves") {
        Some(OperationSign::Curves)
    } else if fired("own_client") {
        Some(OperationSign::Client)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: TimeMs = 3_600_000;
    /// 2024-09-02T00:00:00Z, a Monday.
    const MONDAY: TimeMs = 1_725_235_200_000;

    fn sign(signs: &[Sign], name: &str) -> Sign {
        *signs.iter().find(|s| s.name == name).expect("measured")
    }

    fn fired(b: &NetworkBehaviour) -> Vec<&'static str> {
        b.signs()
            .into_iter()
            .filter(|s| s.fired)
            .map(|s| s.name)
            .collect()
    }

    #[test]
    fn office_hours_on_workdays_are_an_operator_rhythm() {
        // 40 co-actions at 10:00–16:00 UTC+3 (07:00–13:00 UTC), Monday to Friday.
        let times = (0..40)
            .map(|i| MONDAY + (i % 5) * 24 * HOUR + (7 + i % 6) * HOUR)
            .collect();
        let b = NetworkBehaviour {
            times,
            lags_ms: vec![600_000; 40],
            ..NetworkBehaviour::default()
        };
        assert_eq!(fired(&b), vec!["operator_rhythm"]);
        assert_eq!(operation_sign(&b.signs()), Some(OperationSign::Rhythm));
        // Co-acting on public objects four times as often as their timing explains: still an
        // operator's rhythm.
        let together = NetworkBehaviour {
            public_coacted: 40.0,
            public_expected: 10.0,
            public_share: 0.9,
            ..b.clone()
        };
        assert_eq!(
            fired(&together),
            vec!["operator_rhythm", "beyond_object_timing"]
        );
        assert_eq!(
            operation_sign(&together.signs()),
            Some(OperationSign::Rhythm)
        );
        // Co-acting as often as the objects' timing explains (fans of an idol who posts in
        // office hours, regulars of a forum read at work): the rhythm is the objects'.
        let following = NetworkBehaviour {
            public_coacted: 12.0,
            public_expected: 10.0,
            public_share: 0.9,
            ..b.clone()
        };
        assert_eq!(
            fired(&following),
            vec!["operator_rhythm", "public_timing_explains"]
        );
        assert_eq!(sign(&following.signs(), "beyond_object_timing").value, 1.2);
        assert_eq!(operation_sign(&following.signs()), None);
        // The same on a sideline: most co-actions are on objects of its own (a push's fresh
        // tags), which its rhythm is about.
        let sideline = NetworkBehaviour {
            public_share: 0.2,
            ..following.clone()
        };
        assert_eq!(
            operation_sign(&sideline.signs()),
            Some(OperationSign::Rhythm)
        );
        // Too little public activity to judge (2 expected): the rhythm stands.
        let unjudged = NetworkBehaviour {
            public_coacted: 2.0,
            public_expected: 2.0,
            ..b
        };
        assert_eq!(
            operation_sign(&unjudged.signs()),
            Some(OperationSign::Rhythm)
        );
    }

    #[test]
    fn one_moment_is_not_a_rhythm() {
        // 40 co-actions within one office hour of one Monday (a giveaway's entrants): all in
        // office hours, none at weekends, but one day is one moment, and the rhythm is not
        // judged. Spread over the five workdays, the same office hours are a rhythm.
        let one_hour: Vec<TimeMs> = (0..40).map(|i| MONDAY + 8 * HOUR + i * 60_000).collect();
        let b = NetworkBehaviour {
            times: one_hour.clone(),
            lags_ms: vec![600_000; 40],
            ..NetworkBehaviour::default()
        };
        assert!(b.signs().iter().all(|s| s.name != "operator_rhythm"));
        let week = NetworkBehaviour {
            times: one_hour
                .iter()
                .enumerate()
                .map(|(i, t)| t + (i as TimeMs % 5) * 24 * HOUR + (i as TimeMs % 8) * HOUR)
                .collect(),
            ..b.clone()
        };
        assert_eq!(fired(&week), vec!["operator_rhythm"]);
        // The same hour every workday (an audience live-posting a daily show at 08:00 UTC):
        // office hours at some offset, but one slot of the day, not a working day.
        let show = NetworkBehaviour {
            times: one_hour
                .iter()
                .enumerate()
                .map(|(i, t)| t + (i as TimeMs % 5) * 24 * HOUR)
                .collect(),
            ..b.clone()
        };
        assert_eq!(fired(&show), vec!["operator_rhythm", "event_slot"]);
        assert_eq!(sign(&show.signs(), "event_slot").value, 1.0);
        assert_eq!(operation_sign(&show.signs()), None);
        // The Monday's 40 with four stray co-actions on the other workdays: five moments, but
        // 40 of 44 on one day, still one occasion (a giveaway's entrants with a member who
        // also links common sites with them on other days).
        let strays = NetworkBehaviour {
            times: one_hour
                .iter()
                .copied()
                .chain((1..5).map(|d| MONDAY + d * 24 * HOUR + 10 * HOUR))
                .collect(),
            ..b
        };
        assert!(strays.signs().iter().all(|s| s.name != "operator_rhythm"));
    }

    #[test]
    fn a_crowd_over_waking_hours_every_day_is_not() {
        // One co-action per waking hour (08–22 UTC) on each of 7 days: the best 9-hour office
        // window holds 9 of 15 hours on 5 of 7 days at most, and a weekend share of 2/7.
        let times: Vec<TimeMs> = (0..7)
            .flat_map(|d| (8..23).map(move |h| MONDAY + d * 24 * HOUR + h * HOUR))
            .collect();
        let fans = NetworkBehaviour {
            times: times.clone(),
            lags_ms: vec![300_000; 105],
            objects: 10.0,
            own_objects: 10.0,
            own_count: 10,
            reshares: 40,
            top_principal_reshares: 40,
            ..NetworkBehaviour::default()
        };
        // Tags of their own while amplifying one idol: a fan club echoing its idol's tags, not
        // an operation.
        assert_eq!(fired(&fans), vec!["own_objects", "few_principals"]);
        assert_eq!(operation_sign(&fans.signs()), None);
        // The same crowd on objects others share too.
        let crowd = NetworkBehaviour {
            own_objects: 2.0,
            own_count: 2,
            reshares: 0,
            top_principal_reshares: 0,
            ..fans.clone()
        };
        assert!(fired(&crowd).is_empty());
        assert_eq!(operation_sign(&crowd.signs()), None);
        // Pushing sites of its own, hours apart, amplifying nobody: an operation.
        let promoters = NetworkBehaviour {
            reshares: 0,
            top_principal_reshares: 0,
            ..fans
        };
        assert_eq!(
            operation_sign(&promoters.signs()),
            Some(OperationSign::OwnObjects)
        );
        // Own content on the side of a network whose co-actions are mostly on public objects,
        // at those objects' own pace: a community's sideline, not an operation.
        let regulars = NetworkBehaviour {
            public_coacted: 11.0,
            public_expected: 10.0,
            public_share: 0.9,
            ..promoters.clone()
        };
        assert_eq!(
            fired(&regulars),
            vec!["own_objects", "public_timing_explains"]
        );
        assert_eq!(operation_sign(&regulars.signs()), None);
        // The same sites pushed by the whole active core of a forum community, who wrote 90 %
        // of its posts: their community's sites. Promoters posting into other people's
        // communities wrote 3 % of them.
        let community = NetworkBehaviour {
            community_share: Some(0.9),
            ..promoters.clone()
        };
        assert_eq!(fired(&community), vec!["own_objects", "own_community"]);
        assert_eq!(operation_sign(&community.signs()), None);
        let visitors = NetworkBehaviour {
            community_share: Some(0.03),
            ..promoters.clone()
        };
        assert_eq!(fired(&visitors), vec!["own_objects"]);
        assert_eq!(
            operation_sign(&visitors.signs()),
            Some(OperationSign::OwnObjects)
        );
        // One rare link two members happened to share beside a few public tags: most of the
        // weight, but one object is not a push.
        let one_link = NetworkBehaviour {
            objects: 1.5,
            own_objects: 1.0,
            own_count: 1,
            ..promoters
        };
        let own = sign(&one_link.signs(), "own_objects");
        assert_eq!((own.name, own.fired), ("own_objects", false));
        assert_eq!(operation_sign(&one_link.signs()), None);
    }

    #[test]
    fn a_ring_round_the_clock_co_acts_at_night_and_friends_do_not() {
        // Members posting at every hour of a week: around the clock.
        let posts: Vec<TimeMs> = (0..7 * 24).map(|h| MONDAY + h * HOUR).collect();
        let hours = working_hours(&posts, MIN_MEMBER_POSTS).unwrap();
        // A ring co-acting at every hour too: a quarter of its co-actions in any six hours.
        let ring: Vec<TimeMs> = (0..48).map(|h| MONDAY + h * HOUR).collect();
        assert!(works_round_the_clock(&ring, Some(0.25)));
        // The same co-actions made by members who each sleep: friends on two continents.
        assert!(!works_round_the_clock(&ring, Some(0.0)));
        assert!(!works_round_the_clock(&ring, None));
        // Friends co-acting from 08:00 to 19:59 only, whoever else posts at night.
        let friends: Vec<TimeMs> = (0..48)
            .map(|i| MONDAY + (i / 12) * 24 * HOUR + (8 + i % 12) * HOUR)
            .collect();
        assert!(!works_round_the_clock(&friends, Some(0.25)));
        // Too few co-actions to say.
        assert!(!works_round_the_clock(&ring[..19], Some(0.25)));
        let signs = NetworkBehaviour {
            times: friends,
            member_hours: Some(hours),
            ..NetworkBehaviour::default()
        }
        .signs();
        assert_eq!(sign(&signs, "around_the_clock").value, 0.25);
        assert_eq!(sign(&signs, "coacts_at_night").value, 0.0);
    }

    #[test]
    fn the_median_member_of_a_ring_acts_at_night_and_each_far_friend_sleeps() {
        // A member posting and co-acting at every hour, twice: a quarter of its co-actions
        // in any six hours, its night included.
        let round: [u32; 24] = [2; 24];
        // A member awake from 08:00 to 22:59 at its own offset, posting three times an hour
        // and co-acting once: its night (the first quiet run, 00:00 to 05:59 at that offset)
        // holds none of it.
        let awake = |offset: usize, n: u32| {
            let mut hours = [0u32; 24];
            for h in 8..23 {
                hours[(h + offset) % 24] = n;
            }
            hours
        };
        let (europe, america) = ((awake(0, 1), awake(0, 3)), (awake(8, 1), awake(8, 3)));
        let ring = (round, round);
        let share = |members: &[([u32; 24], [u32; 24])]| {
            member_night_share(members.iter().map(|(c, p)| (c, p)))
        };
        assert_eq!(share(&[ring, ring, ring]), Some(0.25));
        assert_eq!(share(&[europe, america, europe, america]), Some(0.0));
        // A night from the member's posts, not from its co-actions: a member co-acting at
        // 01:00 and 02:00 UTC, whose posts fill every hour but 12:00 to 17:59, is awake at
        // night and co-acts then.
        let mut night_owl = ([0u32; 24], [4u32; 24]);
        night_owl.0[1] = 5;
        night_owl.0[2] = 5;
        for h in 12..18 {
            night_owl.1[h] = 0;
        }
        assert_eq!(share(&[night_owl, night_owl, night_owl]), Some(0.0));
        let mut shift = night_owl;
        shift.0[13] = 10;
        assert_eq!(share(&[shift, shift, shift]), Some(0.5));
        // The median: two of three members round the clock.
        assert_eq!(share(&[ring, europe, ring]), Some(0.25));
        // Members acting fewer than ten times, or fewer than three members, say nothing.
        let mut rare = ([0u32; 24], [1u32; 24]);
        rare.0[3] = 9;
        assert_eq!(share(&[ring, ring, rare]), None);
        assert_eq!(share(&[ring, ring]), None);
        let signs = NetworkBehaviour {
            member_night_share: Some(0.0),
            ..NetworkBehaviour::default()
        }
        .signs();
        let night = sign(&signs, "members_coact_at_night");
        assert_eq!((night.value, night.fired), (0.0, false));
    }

    #[test]
    fn without_a_weekend_office_hours_must_hold_nearly_everything() {
        // Co-actions over four weekdays, each day eight at 10:00 UTC and two at 20:00, ten
        // hours apart: at best 0.8 of them in a working day. With weekends in the data that is
        // an office rhythm (no co-action at weekends); without, a crowd's day could do as much.
        let times: Vec<TimeMs> = (0..40)
            .map(|i| {
                let hour = if i % 10 < 8 { 10 } else { 20 };
                MONDAY + (i / 10) * 24 * HOUR + hour * HOUR + (i % 10) * 60_000
            })
            .collect();
        let week = NetworkBehaviour {
            times,
            ..NetworkBehaviour::default()
        };
        assert_eq!(sign(&week.signs(), "operator_rhythm").value, 0.8);
        assert!(sign(&week.signs(), "operator_rhythm").fired);
        let weekdays = NetworkBehaviour {
            weekdays_only: true,
            ..week.clone()
        };
        assert!(!sign(&weekdays.signs(), "operator_rhythm").fired);
        // The evening ones at 15:00 instead, all in office hours: a rhythm either way.
        let office = NetworkBehaviour {
            times: weekdays
                .times
                .iter()
                .map(|&t| {
                    if t % (24 * HOUR) >= 20 * HOUR {
                        t - 5 * HOUR
                    } else {
                        t
                    }
                })
                .collect(),
            ..weekdays
        };
        assert!(sign(&office.signs(), "operator_rhythm").fired);
    }

    #[test]
    fn members_posting_in_office_hours_keep_an_operator_rhythm() {
        // Members post at 10:00–16:59 UTC+3 on workdays; their co-actions, reshares placed up
        // to hours after a trigger, spill into the evening: 15 of 40 eight hours later, so that
        // no offset puts more than 27 of the 40 in office hours (0.675 < 0.75).
        let office = |i: i64| MONDAY + (i % 5) * 24 * HOUR + (7 + i % 7) * HOUR;
        let member_posts: Vec<TimeMs> = (0..60).map(office).collect();
        let times: Vec<TimeMs> = (0..40)
            .map(|i| {
                if i < 25 {
                    office(i)
                } else {
                    office(i) + 8 * HOUR
                }
            })
            .collect();
        let ring = NetworkBehaviour {
            times,
            lags_ms: vec![1_500_000; 40],
            member_hours: working_hours(&member_posts, MIN_MEMBER_POSTS),
            ..NetworkBehaviour::default()
        };
        let signs = ring.signs();
        assert_eq!(sign(&signs, "operator_rhythm").value, 0.675);
        assert_eq!(fired(&ring), vec!["members_rhythm"]);
        assert_eq!(sign(&signs, "members_rhythm").value, 1.0);
        assert_eq!(operation_sign(&signs), Some(OperationSign::Rhythm));
        // Members posting over their waking hours every day: no rhythm of either kind.
        let waking: Vec<TimeMs> = (0..7)
            .flat_map(|d| (8..23).map(move |h| MONDAY + d * 24 * HOUR + h * HOUR))
            .collect();
        let crowd = NetworkBehaviour {
            member_hours: working_hours(&waking, MIN_MEMBER_POSTS),
            ..ring.clone()
        };
        assert!(fired(&crowd).is_empty());
        assert_eq!(operation_sign(&crowd.signs()), None);
        // Fewer than 50 member posts: not judged.
        let few = NetworkBehaviour {
            member_hours: working_hours(&member_posts[..49], MIN_MEMBER_POSTS),
            ..ring
        };
        assert!(few.signs().iter().all(|s| s.name != "members_rhythm"));
    }

    #[test]
    fn office_hours_and_own_objects_stand_where_public_timing_explains_the_rest() {
        // Members keeping office hours in all they post co-act mostly on public posts at
        // their pace (a co-reshare, a public tag) and push a site and texts of their own: the
        // public objects explain when they co-act, not what they put out at work.
        let member_posts: Vec<TimeMs> = (0..60)
            .map(|i| MONDAY + (i % 5) * 24 * HOUR + (7 + i % 7) * HOUR)
            .collect();
        let weak = NetworkBehaviour {
            lags_ms: vec![1_000_000; 20],
            member_hours: working_hours(&member_posts, MIN_MEMBER_POSTS),
            objects: 4.0,
            own_objects: 2.5,
            own_count: 3,
            public_coacted: 13.0,
            public_expected: 10.0,
            public_share: 0.6,
            ..NetworkBehaviour::default()
        };
        assert_eq!(
            fired(&weak),
            vec!["members_rhythm", "own_objects", "public_timing_explains"]
        );
        assert_eq!(operation_sign(&weak.signs()), Some(OperationSign::Rhythm));
        // Either sign alone is the public objects' (a forum read at work; readers of a local
        // paper with its local tags).
        let at_work = NetworkBehaviour {
            own_objects: 0.0,
            own_count: 0,
            ..weak.clone()
        };
        assert_eq!(operation_sign(&at_work.signs()), None);
        let readers = NetworkBehaviour {
            member_hours: None,
            ..weak.clone()
        };
        assert_eq!(operation_sign(&readers.signs()), None);
        // Echoing an idol's tags, or linking its community's sites: no push of its own.
        let fans = NetworkBehaviour {
            reshares: 10,
            top_principal_reshares: 9,
            ..weak.clone()
        };
        assert_eq!(operation_sign(&fans.signs()), None);
        let community = NetworkBehaviour {
            community_share: Some(0.8),
            ..weak
        };
        assert_eq!(operation_sign(&community.signs()), None);
    }

    #[test]
    fn seconds_apart_on_objects_of_their_own() {
        // Too few co-actions for a rhythm; lags 3–15 s; 9 of 10 objects untouched by others;
        // 30 co-reshares, 20 of them of the three top authors (0.67 < 0.8).
        let b = NetworkBehaviour {
            times: vec![MONDAY; 10],
            lags_ms: vec![3_000, 6_000, 9_000, 12_000, 15_000],
            objects: 10.0,
            own_objects: 9.0,
            own_count: 9,
            reshares: 30,
            top_principal_reshares: 20,
            ..NetworkBehaviour::default()
        };
        let signs = b.signs();
        assert_eq!(fired(&b), vec!["tight_synchrony", "own_objects"]);
        assert_eq!(signs[0].value, 9.0);
        assert_eq!(operation_sign(&signs), Some(OperationSign::Synchrony));
    }

    #[test]
    fn campaign_curves_are_an_operation_unless_public_timing_explains_them() {
        // Members whose posts per day rise and fall together, nothing else fired.
        let alike = NetworkBehaviour {
            lags_ms: vec![1_800_000; 30],
            activity_likeness: Some(0.85),
            ..NetworkBehaviour::default()
        };
        assert_eq!(fired(&alike), vec!["activity_curves"]);
        assert_eq!(operation_sign(&alike.signs()), Some(OperationSign::Curves));
        // Just under the threshold: fans posting on days of their own.
        let apart = NetworkBehaviour {
            activity_likeness: Some(0.79),
            ..alike.clone()
        };
        assert_eq!(operation_sign(&apart.signs()), None);
        // Threads or an idol's posts that everyone answers on the same days: their timing
        // explains the network, and the curves with it.
        let following = NetworkBehaviour {
            public_coacted: 12.0,
            public_expected: 10.0,
            public_share: 0.9,
            ..alike
        };
        assert_eq!(
            fired(&following),
            vec!["activity_curves", "public_timing_explains"]
        );
        assert_eq!(operation_sign(&following.signs()), None);
    }

    #[test]
    fn a_client_of_its_own_is_an_operation_unless_public_timing_explains_it() {
        let tool = NetworkBehaviour {
            lags_ms: vec![1_800_000; 30],
            own_client_share: Some(0.9),
            ..NetworkBehaviour::default()
        };
        assert_eq!(fired(&tool), vec!["own_client"]);
        assert_eq!(operation_sign(&tool.signs()), Some(OperationSign::Client));
        // Most posts from apps everybody uses.
        let apps = NetworkBehaviour {
            own_client_share: Some(0.3),
            ..tool.clone()
        };
        assert_eq!(operation_sign(&apps.signs()), None);
        let following = NetworkBehaviour {
            public_coacted: 12.0,
            public_expected: 10.0,
            public_share: 0.9,
            ..tool
        };
        assert_eq!(operation_sign(&following.signs()), None);
    }
}
