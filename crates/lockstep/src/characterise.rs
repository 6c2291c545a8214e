//! Characterising accounts and networks once the networks are known: inauthenticity, roles,
//! working hours, amplified authors and the verdict.

use crate::object_timing::{linking_signals, public_timing, ObjectTimings};
use lockstep_coaction::Edge;
use lockstep_ingest::{parse_timestamp, AccountProfile};
use lockstep_model::{AccountId, Dataset, Signal, TimeMs};
use lockstep_networks::{member_roles, Network};
use lockstep_output::{Evidence, NetworkProfile, Verdict};
use lockstep_stats::{
    activity_likeness, assess_account, creation_burst, member_night_share, network_inauthenticity,
    operation_sign, utc_hour, working_hours, works_round_the_clock, AccountActivity, AccountTraits,
    Inauthenticity, NetworkBehaviour, MIN_CLIENT_MEMBERS, MIN_COMMUNITY_MEMBERS, MIN_CURVE_DAYS,
    MIN_MEMBER_POSTS, PRINCIPAL_SHARE, SELF_SHARE, UNSHARED_SHARE,
};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

/// What the input's timestamps can show. A sign finer than their resolution is not measured:
/// with times to the hour every co-action of the same hour has a lag of zero, and with dates
/// alone every post falls at one hour of the day (midnight, or a local midnight in UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeDetail {
    /// Lags of seconds: the times are at least as fine as a minute (tight synchrony).
    pub seconds: bool,
    /// The hour of the day: the times are finer than a day (the rhythms, working hours,
    /// posting around the clock and co-acting at night).
    pub hour_of_day: bool,
    /// A weekend: the posts run from before noon of a Saturday to after noon of the Sunday
    /// (UTC), with posts on those days. Without one, the weekend share cannot tell office
    /// hours on workdays from a crowd's waking hours on the workdays collected, and the office
    /// rhythms need `WEEKDAYS_OFFICE_SHARE` of the times in office hours instead of
    /// `OFFICE_SHARE` (`NetworkBehaviour::weekdays_only`).
    pub weekend: bool,
}

impl TimeDetail {
    /// The detail of the posts' `times`, all inputs together: coarser than a minute when every
    /// time falls at the same minute and second of the hour (times to the hour, in any zone),
    /// and with no hour of the day when every time falls at the same time of day (dates). One
    /// coarse file beside fine ones does not blind the signs of the whole run.
    pub fn of_times(times: &[TimeMs]) -> Self {
        let one_remainder = |modulus: TimeMs| {
            times
                .first()
                .is_some_and(|&t0| times.iter().all(|&t| (t - t0).rem_euclid(modulus) == 0))
        };
        // One time of day is one minute and second of the hour too: the day is tried only then.
        let to_the_hour = one_remainder(3_600_000);
        Self {
            seconds: !to_the_hour,
            hour_of_day: !(to_the_hour && one_remainder(86_400_000)),
            weekend: spans_a_weekend(times),
        }
    }

    /// The step, in seconds, every lag is a multiple of when the times are coarser than a
    /// minute: a day without the hour of the day, an hour without lags of seconds.
    pub fn step_s(self) -> Option<f64> {
        if !self.hour_of_day {
            Some(86_400.0)
        } else if !self.seconds {
            Some(3_600.0)
        } else {
            None
        }
    }
}

/// Whether `times` hold a weekend: they run from before noon of a Saturday to after noon of
/// the next day (UTC), and those weekend days hold at least a tenth of an average day's posts,
/// so that one stray post, or two weekday collections a week apart, make no weekend.
fn spans_a_weekend(times: &[TimeMs]) -> bool {
    const DAY: TimeMs = 86_400_000;
    const WEEK: TimeMs = 7 * DAY;
    let (Some(&first), Some(&last)) = (times.iter().min(), times.iter().max()) else {
        return false;
    };
    // 1970-01-01 was a Thursday: day `d` is weekday `(d + 3) % 7`, Monday 0 and Saturday 5.
    let day = first.div_euclid(DAY);
    let mut saturday_noon = (day + (5 - (day + 3)).rem_euclid(7)) * DAY + DAY / 2;
    if saturday_noon < first {
        saturday_noon += WEEK;
    }
    if saturday_noon + DAY > last {
        return false;
    }
    let on_weekends = times
        .iter()
        .filter(|&&t| t >= saturday_noon && (t - saturday_noon).rem_euclid(WEEK) < DAY)
        .count();
    let days = ((last - first) as f64 / DAY as f64).max(1.0);
    on_weekends as f64 >= 0.1 * times.len() as f64 / days
}

/// Amplified authors listed per network.
const TOP_AMPLIFIED: usize = 10;

/// Reads a creation date: any timestamp form, a bare `YYYY-MM-DD` included.
fn created_at(raw: &str) -> Option<TimeMs> {
    parse_timestamp(raw).ok().map(|(t, _)| t)
}

/// The profile traits of every account (None where the accounts file has no row).
pub fn account_traits(
    dataset: &Dataset,
    profiles: Option<&BTreeMap<String, AccountProfile>>,
) -> Vec<Option<AccountTraits>> {
    (0..dataset.accounts.len() as u32)
        .map(|a| {
            let p = profiles?.get(dataset.accounts.resolve(a))?;
            Some(AccountTraits {
                created_at: p.created_at.as_deref().and_then(created_at),
                handle: p.handle.clone(),
                followers: p.followers,
                following: p.following,
                verified: p.verified,
            })
        })
        .collect()
}

/// The inauthenticity of every account from its traits and its activity in the data.
pub fn account_inauthenticity(
    dataset: &Dataset,
    traits: &[Option<AccountTraits>],
) -> Vec<Inauthenticity> {
    let mut activity = vec![AccountActivity::default(); dataset.accounts.len()];
    for (&a, &t) in dataset.post_accounts.iter().zip(&dataset.post_times) {
        activity[a as usize].add_post(t);
    }
    let mut reshared_posts: Vec<u32> = dataset
        .table(Signal::Reshare)
        .actions
        .iter()
        .map(|x| x.post)
        .collect();
    reshared_posts.sort_unstable();
    reshared_posts.dedup();
    for p in reshared_posts {
        activity[dataset.post_accounts[p as usize] as usize].reshares += 1;
    }
    activity
        .iter()
        .zip(traits)
        .map(|(act, t)| assess_account(t.as_ref(), act))
        .collect()
}

/// A network's inauthenticity from its members' scores and creation dates.
pub fn members_inauthenticity(
    members: &[AccountId],
    scores: &[Inauthenticity],
    traits: &[Option<AccountTraits>],
) -> Option<f64> {
    let rated: Vec<f64> = members
        .iter()
        .map(|&m| &scores[m as usize])
        .filter(|s| s.has_signs())
        .map(|s| s.score)
        .collect();
    if rated.is_empty() {
        return None;
    }
    Some(network_inauthenticity(&rated, burst_of(members, traits)))
}

/// Whether the platform verified more than half of `members`.
fn verified_majority(members: &[AccountId], traits: &[Option<AccountTraits>]) -> bool {
    let verified = members
        .iter()
        .filter(|&&m| traits[m as usize].as_ref().and_then(|t| t.verified) == Some(true))
        .count();
    2 * verified > members.len()
}

fn burst_of(members: &[AccountId], traits: &[Option<AccountTraits>]) -> Option<f64> {
    let created: Vec<TimeMs> = members
        .iter()
        .filter_map(|&m| traits[m as usize].as_ref()?.created_at)
        .collect();
    creation_burst(&created)
}

/// The networks found and what links them: their edges, and the evidence of edge `i` in
/// `evidence[edge_evidence[i]..edge_evidence[i + 1]]`.
pub struct Found<'a> {
    /// The networks.
    pub networks: &'a [Network],
    /// The kept edges, networks' edges indexing them.
    pub edges: &'a [Edge],
    /// Per kept edge, the co-actions chance explains on each signal (by [`Signal::index`]).
    pub expected_by_signal: &'a [[f64; Signal::ALL.len()]],
    /// Every kept edge's co-actions, edge by edge.
    pub evidence: &'a [Evidence],
    /// Where each edge's evidence starts (one more entry than edges).
    pub edge_evidence: &'a [usize],
}

/// The co-action window of each signal that the user set (`None` for signals not swept and
/// for those whose window was chosen from the data's lags), by [`Signal::index`].
pub(crate) type FixedWindows = [Option<TimeMs>; Signal::ALL.len()];

/// Each co-action's lag as a share of its signal's window, over the network's co-actions on
/// the signals that link it (the co-actions whose lags the network's behaviour holds): lags
/// that only the window bounds have a median share of a half. A window chosen from the lags
/// bounds nothing, and its co-actions count as a share of 0.
fn lag_window_shares(
    net: &Network,
    found: &Found,
    linking: &[bool; Signal::ALL.len()],
    windows: &FixedWindows,
) -> Vec<f64> {
    let (evidence, edge_evidence) = (found.evidence, found.edge_evidence);
    net.edges
        .iter()
        .flat_map(|&e| &evidence[edge_evidence[e]..edge_evidence[e + 1]])
        .map(|ev| &ev.coaction)
        .filter(|c| linking[c.signal.index()])
        .map(|c| {
            windows[c.signal.index()]
                .filter(|&w| w > 0)
                .map_or(0.0, |window| c.lag_ms() as f64 / window as f64)
        })
        .collect()
}

/// Everything the writers show about each network beyond its score.
pub fn network_profiles(
    dataset: &Dataset,
    objects: &ObjectTimings,
    found: &Found,
    traits: &[Option<AccountTraits>],
    detail: TimeDetail,
    windows: &FixedWindows,
) -> Vec<NetworkProfile> {
    let Found {
        networks,
        edges,
        evidence,
        edge_evidence,
        ..
    } = *found;
    let mut member_posts: Vec<Vec<TimeMs>> = vec![Vec::new(); networks.len()];
    let mut network_of = vec![None; dataset.accounts.len()];
    for (i, net) in networks.iter().enumerate() {
        for &m in &net.members {
            network_of[m as usize] = Some(i);
        }
    }
    // Every member's posts per UTC hour: where its night is.
    let mut post_hours: FxHashMap<AccountId, [u32; 24]> = FxHashMap::default();
    for (&a, &t) in dataset.post_accounts.iter().zip(&dataset.post_times) {
        if let Some(i) = network_of[a as usize] {
            member_posts[i].push(t);
            post_hours.entry(a).or_insert([0; 24])[utc_hour(t)] += 1;
        }
    }
    let linking: Vec<[bool; Signal::ALL.len()]> = networks
        .iter()
        .map(|net| linking_signals(found, &net.edges))
        .collect();
    // Each of these passes reads the whole dataset on its own: they run side by side.
    let network_of = &network_of;
    let mut authors = FxHashMap::default();
    let mut reshare_posts = Vec::new();
    let mut outside_share = FxHashMap::default();
    let mut public = Vec::new();
    let mut written = Vec::new();
    let mut likeness = Vec::new();
    let mut client_shares = Vec::new();
    rayon::scope(|s| {
        s.spawn(|_| authors = reshared_authors(dataset, evidence));
        s.spawn(|_| reshare_posts = self::reshare_posts(dataset));
        s.spawn(|_| {
            outside_share =
                self::outside_share(dataset, networks, evidence, edge_evidence, network_of)
        });
        s.spawn(|_| public = public_timing(dataset, objects, found, network_of, &linking));
        s.spawn(|_| written = written_shares(dataset, network_of, networks.len()));
        s.spawn(|_| likeness = curve_likeness(dataset, networks, network_of));
        s.spawn(|_| client_shares = own_client_shares(dataset, networks.len(), network_of));
    });
    networks
        .iter()
        .zip(member_posts)
        .enumerate()
        .map(|(i, (net, posts))| {
            // The posts the network co-reshared, by author (members and outsiders).
            let mut reshared: BTreeMap<AccountId, std::collections::BTreeSet<u32>> =
                BTreeMap::new();
            for &i in &net.edges {
                for ev in &evidence[edge_evidence[i]..edge_evidence[i + 1]] {
                    if ev.coaction.signal != Signal::Reshare {
                        continue;
                    }
                    if let Some(&author) = authors.get(&ev.coaction.object) {
                        reshared
                            .entry(author)
                            .or_default()
                            .insert(ev.coaction.object);
                    }
                }
            }
            let mut by_author: Vec<(AccountId, u32)> = reshared
                .iter()
                .map(|(&a, posts)| (a, posts.len() as u32))
                .collect();
            by_author.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            let principals: Vec<u32> = by_author.iter().map(|&(_, n)| n).collect();
            let mut amplified: Vec<(AccountId, u32)> = reshared
                .into_iter()
                .filter(|(a, _)| net.members.binary_search(a).is_err())
                .map(|(a, objects)| (a, objects.len() as u32))
                .collect();
            amplified.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            let hours = working_hours(&posts, MIN_MEMBER_POSTS).filter(|_| detail.hour_of_day);
            let mut behaviour = behaviour_of(
                net,
                found,
                &linking[i],
                &reshare_posts,
                detail.hour_of_day.then_some(&post_hours),
                |object| {
                    let author = authors.get(&object).copied()?;
                    Some((author, net.members.binary_search(&author).is_ok()))
                },
                |key| {
                    outside_share
                        .get(&(i, key.0, key.1))
                        .copied()
                        .unwrap_or_default()
                },
            );
            if linking[i][Signal::Reshare.index()] {
                behaviour.reshares = principals.iter().map(|&n| n as usize).sum();
                behaviour.top_principal_reshares =
                    principals.iter().take(3).map(|&n| n as usize).sum();
            }
            behaviour.member_hours = hours.clone();
            if !detail.hour_of_day {
                behaviour.times.clear();
            }
            behaviour.weekdays_only = !detail.weekend;
            if detail.seconds {
                behaviour.lag_window_shares = lag_window_shares(net, found, &linking[i], windows);
            } else {
                behaviour.lags_ms.clear();
            }
            behaviour.public_coacted = public[i].coacted;
            behaviour.public_expected = public[i].expected;
            behaviour.public_share = public[i].share;
            let linking = &linking[i];
            let where_linked = communities_of(dataset, net, evidence, edge_evidence, |s| {
                linking[s.index()]
            });
            behaviour.community_share = community_share(&where_linked, &written[i]);
            let mut communities = communities_of(dataset, net, evidence, edge_evidence, |_| true);
            behaviour.activity_likeness = likeness[i];
            behaviour.own_client_share = client_shares[i];
            let signs = behaviour.signs();
            amplified.truncate(TOP_AMPLIFIED);
            communities.truncate(TOP_COMMUNITIES);
            // An accounts file that names none of the members says nothing about them.
            let profiled = net.members.iter().any(|&m| traits[m as usize].is_some());
            NetworkProfile {
                roles: member_roles(net, edges),
                working_hours: hours,
                creation_burst: burst_of(&net.members, traits),
                verdict: Verdict::of(
                    operation_sign(&signs),
                    verified_majority(&net.members, traits),
                    net.score.inauthenticity,
                    profiled,
                ),
                signs,
                profiled,
                amplified,
                principals: by_author.iter().take(3).map(|&(a, _)| a).collect(),
                communities,
                coarse_step_s: detail.step_s(),
            }
        })
        .collect()
}

/// Per network, how alike its members' posts per UTC day are over the dump, net of what
/// everyone outside it posts per day ([`activity_likeness`]); all `None` when the dump spans
/// fewer than [`MIN_CURVE_DAYS`] days.
fn curve_likeness(
    dataset: &Dataset,
    networks: &[Network],
    network_of: &[Option<usize>],
) -> Vec<Option<f64>> {
    const DAY_MS: TimeMs = 86_400_000;
    let day = |t: TimeMs| t.div_euclid(DAY_MS);
    let (Some(&first), Some(&last)) = (
        dataset.post_times.iter().min(),
        dataset.post_times.iter().max(),
    ) else {
        return vec![None; networks.len()];
    };
    let days = (day(last) - day(first) + 1) as usize;
    if days < MIN_CURVE_DAYS {
        return vec![None; networks.len()];
    }
    let mut curves: Vec<Vec<Vec<u32>>> = networks
        .iter()
        .map(|net| vec![vec![0; days]; net.members.len()])
        .collect();
    let mut everyone = vec![0u64; days];
    for (&a, &t) in dataset.post_accounts.iter().zip(&dataset.post_times) {
        let d = (day(t) - day(first)) as usize;
        everyone[d] += 1;
        if let Some(i) = network_of[a as usize] {
            if let Ok(m) = networks[i].members.binary_search(&a) {
                curves[i][m][d] += 1;
            }
        }
    }
    curves
        .iter()
        .map(|members| {
            let outside: Vec<u64> = (0..days)
                .map(|d| everyone[d] - members.iter().map(|c| u64::from(c[d])).sum::<u64>())
                .collect();
            activity_likeness(members, &outside)
        })
        .collect()
}

/// Per network, the share of its members' posts naming a client that were made with clients
/// of its own: used by at least [`MIN_CLIENT_MEMBERS`] members, by at most one account in
/// five that is in no network (an operator's tool serves all its networks; the apps people
/// use serve everyone), and by at most half of the accounts that name a client (a small dump
/// whose accounts mostly sit in networks still posts from the platform's main app). `None`
/// where under half of its members' posts name a client.
fn own_client_shares(
    dataset: &Dataset,
    networks: usize,
    network_of: &[Option<usize>],
) -> Vec<Option<f64>> {
    if dataset.post_clients.is_empty() {
        return vec![None; networks];
    }
    // The distinct (client, account) pairs: who uses each client.
    let mut users: Vec<(u32, AccountId)> = (0..dataset.post_times.len() as u32)
        .filter_map(|p| Some((dataset.client_of(p)?, dataset.post_accounts[p as usize])))
        .collect();
    users.sort_unstable();
    users.dedup();
    // Per (network, client): members using it; per client: every account using it, and
    // those in no network.
    let mut members: FxHashMap<(usize, u32), usize> = FxHashMap::default();
    let mut all = vec![0usize; dataset.clients.len()];
    let mut unlinked = vec![0usize; dataset.clients.len()];
    for &(client, account) in &users {
        all[client as usize] += 1;
        match network_of[account as usize] {
            Some(i) => *members.entry((i, client)).or_default() += 1,
            None => unlinked[client as usize] += 1,
        }
    }
    let naming = {
        let mut accounts: Vec<AccountId> = users.iter().map(|&(_, a)| a).collect();
        accounts.sort_unstable();
        accounts.dedup();
        accounts.len()
    };
    let is_own = |i: usize, client: u32| {
        let m = members.get(&(i, client)).copied().unwrap_or(0);
        let users = all[client as usize];
        m >= MIN_CLIENT_MEMBERS && unlinked[client as usize] * 5 <= users && 2 * users <= naming
    };
    let mut posts = vec![0u64; networks];
    let mut named = vec![0u64; networks];
    let mut own = vec![0u64; networks];
    for (p, &account) in dataset.post_accounts.iter().enumerate() {
        let Some(i) = network_of[account as usize] else {
            continue;
        };
        posts[i] += 1;
        if let Some(client) = dataset.client_of(p as u32) {
            named[i] += 1;
            own[i] += u64::from(is_own(i, client));
        }
    }
    (0..networks)
        .map(|i| {
            (named[i] > 0 && 2 * named[i] >= posts[i]).then(|| own[i] as f64 / named[i] as f64)
        })
        .collect()
}

/// The behaviour of one network from its edges' evidence: when and how far apart its members
/// co-acted and how much of what it put out was its own (`count` gives a (signal, object)'s
/// actions by members and outsiders; each object weighs by its rarity).
/// What it put out is what its members posted themselves: a co-action counts when at least
/// one of its two posts is not a reshare (`is_reshare`, by post), because the links and tags
/// a reshare carries are its author's, however many reshare them; and the posts it reshares
/// (`author_of` gives a reshare object's author and whether it is a member) of its own
/// members, or that nobody outside it reshares, when it amplifies them on its own rather than
/// a few authors at its centre, round the clock (its co-actions, and its members' actions in
/// them, each member's night read from its posts per UTC hour in `post_hours`, given where
/// the times show the hour of the day). Only the co-actions of its
/// `linking` signals (by [`Signal::index`]) count: what busy members do together by chance
/// says nothing of how the network behaves.
fn behaviour_of(
    net: &Network,
    found: &Found,
    linking: &[bool; Signal::ALL.len()],
    is_reshare: &[bool],
    post_hours: Option<&FxHashMap<AccountId, [u32; 24]>>,
    author_of: impl Fn(u32) -> Option<(AccountId, bool)>,
    count: impl Fn((Signal, u32)) -> AccountCount,
) -> NetworkBehaviour {
    let mut b = NetworkBehaviour::default();
    let mut objects = std::collections::BTreeSet::new();
    let mut reshared = std::collections::BTreeSet::new();
    // Each member's posts among the co-actions, once each, per UTC hour.
    let mut member_hours: BTreeMap<AccountId, [u32; 24]> = BTreeMap::new();
    let mut counted_posts = std::collections::BTreeSet::new();
    let (evidence, edge_evidence) = (found.evidence, found.edge_evidence);
    for &e in &net.edges {
        for ev in &evidence[edge_evidence[e]..edge_evidence[e + 1]] {
            let c = &ev.coaction;
            if !linking[c.signal.index()] {
                continue;
            }
            b.times.push(c.time_a.max(c.time_b));
            for (account, post, time) in [(c.a, c.post_a, c.time_a), (c.b, c.post_b, c.time_b)] {
                if counted_posts.insert(post) {
                    member_hours.entry(account).or_insert([0; 24])[utc_hour(time)] += 1;
                }
            }
            b.lags_ms.push(c.lag_ms());
            // What the network puts out (links, sites, tags, texts, media), not the threads and
            // posts it responds to, which belong to whoever else takes part in them; its
            // members' posts that it reshares are weighed below.
            let posted = !(is_reshare[c.post_a as usize] && is_reshare[c.post_b as usize]);
            if c.signal == Signal::Reshare {
                reshared.insert(c.object);
            } else if posted && c.signal != Signal::Reply {
                objects.insert((c.signal, c.object));
            }
        }
    }
    // A ring amplifying itself puts out its members' posts as surely as a link, and so does a
    // ring amplifying posts that nobody outside it reshares, by many authors; a community
    // resharing the few members at its centre (idols who use their fans' tags) is echoing
    // principals, as a fan club echoes an outside idol. Only round the clock: friends
    // resharing one another sleep. (Where the times show no hour of the day nothing is judged
    // round the clock.)
    if let Some(post_hours) = post_hours {
        b.member_night_share = member_night_share(
            member_hours
                .iter()
                .filter_map(|(a, coacting)| Some((coacting, post_hours.get(a)?))),
        );
    }
    if post_hours.is_some() && works_round_the_clock(&b.times, b.member_night_share) {
        let mut members_posts = Vec::new();
        let mut unshared_posts = Vec::new();
        let mut known = 0;
        for &object in &reshared {
            let Some((author, member)) = author_of(object) else {
                continue;
            };
            known += 1;
            if member {
                members_posts.push((object, author));
            }
            if !count((Signal::Reshare, object)).is_mostly_outside() {
                unshared_posts.push((object, author));
            }
        }
        // Members' posts against everything it co-reshared; posts nobody else reshares, like
        // principals, against the posts whose authors are in the data.
        for (posts, all, share) in [
            (members_posts, reshared.len(), SELF_SHARE),
            (unshared_posts, known, UNSHARED_SHARE),
        ] {
            if amplifies_alone(posts.iter().map(|&(_, a)| a), all, share) {
                objects.extend(posts.iter().map(|&(o, _)| (Signal::Reshare, o)));
            }
        }
    }
    for key in objects {
        let c = count(key);
        let weight = c.rarity();
        b.objects += weight;
        if !c.is_mostly_outside() {
            b.own_objects += weight;
            b.own_count += 1;
        }
    }
    b
}

/// The distinct accounts acting on one object: a network's members and everyone else.
#[derive(Debug, Clone, Copy, Default)]
struct AccountCount {
    members: u32,
    outsiders: u32,
}

impl AccountCount {
    /// The largest share of an object's accounts that may be outsiders while it stays the
    /// network's own: one member the clustering left out, or a rare passer-by, does not make
    /// an operation's own site everyone's.
    const MAX_OUTSIDE_SHARE: f64 = 0.2;

    fn is_mostly_outside(self) -> bool {
        let all = f64::from(self.members) + f64::from(self.outsiders);
        all > 0.0 && f64::from(self.outsiders) > Self::MAX_OUTSIDE_SHARE * all
    }

    /// The object's weight in the own-objects share, `1 / log2(accounts)` as in the edge
    /// weight: the common tags riding along on every post count for little beside the
    /// network's rare links and sites.
    fn rarity(self) -> f64 {
        1.0 / (f64::from(self.members) + f64::from(self.outsiders))
            .log2()
            .max(1.0)
    }
}

/// For every (network, signal, object) that a network's evidence names, the distinct accounts
/// acting on the object among the network's members and among outsiders: one pass over the
/// actions of the signals involved.
fn outside_share(
    dataset: &Dataset,
    networks: &[Network],
    evidence: &[Evidence],
    edge_evidence: &[usize],
    network_of: &[Option<usize>],
) -> FxHashMap<(usize, Signal, u32), AccountCount> {
    let mut wanted: FxHashMap<(Signal, u32), Vec<usize>> = FxHashMap::default();
    let mut out: FxHashMap<(usize, Signal, u32), AccountCount> = FxHashMap::default();
    for (i, net) in networks.iter().enumerate() {
        for &e in &net.edges {
            for ev in &evidence[edge_evidence[e]..edge_evidence[e + 1]] {
                let key = (ev.coaction.signal, ev.coaction.object);
                if out
                    .insert((i, key.0, key.1), AccountCount::default())
                    .is_none()
                {
                    wanted.entry(key).or_default().push(i);
                }
            }
        }
    }
    let signals: std::collections::BTreeSet<Signal> = wanted.keys().map(|k| k.0).collect();
    let mut seen: FxHashSet<(Signal, u32, AccountId)> = FxHashSet::default();
    for signal in signals {
        for action in &dataset.table(signal).actions {
            let Some(nets) = wanted.get(&(signal, action.object)) else {
                continue;
            };
            if !seen.insert((signal, action.object, action.account)) {
                continue;
            }
            let home = network_of[action.account as usize];
            for &i in nets {
                let count = out.entry((i, signal, action.object)).or_default();
                if home == Some(i) {
                    count.members += 1;
                } else {
                    count.outsiders += 1;
                }
            }
        }
    }
    out
}

/// Per network, of each community where at least [`MIN_COMMUNITY_MEMBERS`] of its members
/// post, the share of the community's posts that its members wrote, by community id.
fn written_shares(
    dataset: &Dataset,
    network_of: &[Option<usize>],
    n_networks: usize,
) -> Vec<FxHashMap<u32, f64>> {
    let mut all_posts = vec![0u64; dataset.communities.len()];
    let mut member_posts: Vec<Vec<(u32, AccountId)>> = vec![Vec::new(); n_networks];
    for (p, &c) in dataset.post_communities.iter().enumerate() {
        if c == Dataset::NO_COMMUNITY {
            continue;
        }
        all_posts[c as usize] += 1;
        let account = dataset.post_accounts[p];
        if let Some(i) = network_of[account as usize] {
            member_posts[i].push((c, account));
        }
    }
    member_posts
        .into_iter()
        .map(|mut posts| {
            posts.sort_unstable();
            posts
                .chunk_by(|x, y| x.0 == y.0)
                .filter(|community| {
                    community.chunk_by(|x, y| x.1 == y.1).count() >= MIN_COMMUNITY_MEMBERS
                })
                .map(|community| {
                    let c = community[0].0;
                    (c, community.len() as f64 / all_posts[c as usize] as f64)
                })
                .collect()
        })
        .collect()
}

/// The share of its communities' posts that a network's members wrote (see
/// [`NetworkBehaviour::community_share`]): of each community its co-actions on the signals
/// that link it took place in (`communities`, with the posts of those co-actions there) where
/// it has a share in `written`, that share, weighed by those posts; `None` where none has.
/// Weighed by where the network co-acts, not by where its members post: regulars of a forum
/// community who also post all over a general one are still that community's core.
fn community_share(communities: &[(u32, u32)], written: &FxHashMap<u32, f64>) -> Option<f64> {
    let (mut weight, mut sum) = (0.0, 0.0);
    for (c, posts) in communities {
        if let Some(share) = written.get(c) {
            weight += f64::from(*posts);
            sum += f64::from(*posts) * share;
        }
    }
    (weight > 0.0).then(|| sum / weight)
}

/// Whether a network that co-reshared `all` posts, of which some set (its members' posts, or
/// posts that nobody outside it reshares) has `authors` (one entry per post), amplifies that
/// set on its own: at least `share` of the posts it co-reshared are in it, and fewer than
/// [`PRINCIPAL_SHARE`] of those are by the top three authors. Fans resharing the few idols
/// their network holds amplify principals; a community whose members reshare one another's
/// posts among everyone else's is not closed on itself.
fn amplifies_alone(authors: impl Iterator<Item = AccountId>, all: usize, share: f64) -> bool {
    let mut per_author: FxHashMap<AccountId, usize> = FxHashMap::default();
    for a in authors {
        *per_author.entry(a).or_default() += 1;
    }
    let mut counts: Vec<usize> = per_author.into_values().collect();
    let own: usize = counts.iter().sum();
    counts.sort_unstable_by(|x, y| y.cmp(x));
    let top: usize = counts.iter().take(3).sum();
    own > 0 && own as f64 >= share * all as f64 && (top as f64) < PRINCIPAL_SHARE * own as f64
}

/// Communities listed per network.
const TOP_COMMUNITIES: usize = 10;

/// The communities the posts of a network's co-actions on the signals `counted` were made in,
/// with their posts (each post once), most first, all of them.
fn communities_of(
    dataset: &Dataset,
    net: &Network,
    evidence: &[Evidence],
    edge_evidence: &[usize],
    counted: impl Fn(Signal) -> bool,
) -> Vec<(u32, u32)> {
    if dataset.post_communities.is_empty() {
        return Vec::new();
    }
    let mut posts = FxHashSet::default();
    for &e in &net.edges {
        for ev in &evidence[edge_evidence[e]..edge_evidence[e + 1]] {
            if counted(ev.coaction.signal) {
                posts.insert(ev.coaction.post_a);
                posts.insert(ev.coaction.post_b);
            }
        }
    }
    let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
    for p in posts {
        if let Some(c) = dataset.community_of(p) {
            *counts.entry(c).or_default() += 1;
        }
    }
    let mut counts: Vec<(u32, u32)> = counts.into_iter().collect();
    counts.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    counts
}

/// Whether each post is a reshare.
fn reshare_posts(dataset: &Dataset) -> Vec<bool> {
    let mut is_reshare = vec![false; dataset.posts.len()];
    for action in &dataset.table(Signal::Reshare).actions {
        is_reshare[action.post as usize] = true;
    }
    is_reshare
}

/// The author of every reshared post that is itself in the data, by reshare object id.
fn reshared_authors(dataset: &Dataset, evidence: &[Evidence]) -> FxHashMap<u32, AccountId> {
    let objects = &dataset.table(Signal::Reshare).objects;
    let wanted: FxHashMap<&str, u32> = evidence
        .iter()
        .filter(|ev| ev.coaction.signal == Signal::Reshare)
        .map(|ev| (objects.resolve(ev.coaction.object), ev.coaction.object))
        .collect();
    let mut out = FxHashMap::default();
    if wanted.is_empty() {
        return out;
    }
    for p in 0..dataset.posts.len() {
        if let Some(&object) = wanted.get(dataset.posts.get(p)) {
            out.insert(object, dataset.post_accounts[p]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weekend_is_the_noon_of_a_saturday_to_the_noon_of_the_sunday() {
        const HOUR: TimeMs = 3_600_000;
        // 2024-09-02T00:00:00Z, a Monday.
        const MONDAY: TimeMs = 1_725_235_200_000;
        // A post an hour from `from` to `to`.
        let hourly = |from: TimeMs, to: TimeMs| -> Vec<TimeMs> {
            (from..=to).step_by(HOUR as usize).collect()
        };
        let span = |from: TimeMs, to: TimeMs| spans_a_weekend(&hourly(from, to));
        // Monday to Thursday: no weekend; Monday to Sunday night, and Friday morning to
        // Sunday afternoon: one.
        assert!(!span(MONDAY, MONDAY + 4 * 24 * HOUR - 1));
        assert!(span(MONDAY, MONDAY + 7 * 24 * HOUR - 1));
        assert!(span(
            MONDAY + 4 * 24 * HOUR + 10 * HOUR,
            MONDAY + 6 * 24 * HOUR + 13 * HOUR
        ));
        // From Saturday afternoon the first whole weekend is the next one.
        let saturday_afternoon = MONDAY + 5 * 24 * HOUR + 13 * HOUR;
        assert!(!span(saturday_afternoon, saturday_afternoon + 30 * HOUR));
        assert!(span(saturday_afternoon, saturday_afternoon + 8 * 24 * HOUR));
        // Monday to Thursday with one stray post a week later: the weekend between is empty.
        let mut stray: Vec<TimeMs> = hourly(MONDAY, MONDAY + 4 * 24 * HOUR - 1);
        stray.push(MONDAY + 7 * 24 * HOUR + 10 * HOUR);
        assert!(!spans_a_weekend(&stray));
        // Before 1970 as after (Saturday 10:00 to Sunday 13:00, which a division towards zero
        // would start on the Sunday), and nothing at all.
        let week = 7 * 24 * HOUR;
        let saturday = MONDAY - 3_000 * week + 5 * 24 * HOUR + 10 * HOUR;
        assert!(saturday < 0);
        assert!(span(saturday, saturday + 27 * HOUR));
        assert!(!spans_a_weekend(&[]));
    }

    #[test]
    fn the_community_share_is_weighed_by_where_the_network_co_acts() {
        // The members wrote 0.9 of community 1's posts and 0.1 of community 2's (a general
        // community they also post all over). The network co-acted 30 times in 1 and 10 times
        // in 2: (30 × 0.9 + 10 × 0.1) / 40 = 0.7, its community's whatever the members post
        // elsewhere. Community 3 holds co-actions but no share (fewer than two members post
        // there) and weighs nothing.
        let written: FxHashMap<u32, f64> = [(1, 0.9), (2, 0.1)].into_iter().collect();
        let share = community_share(&[(1, 30), (2, 10), (3, 50)], &written).unwrap();
        assert!((share - 0.7).abs() < 1e-12, "{share}");
        assert_eq!(community_share(&[(3, 50)], &written), None);
    }

    /// Twenty accounts posting three times each with the client `client_of(account)`, in the
    /// networks `network_of(account)` of two.
    fn shares(
        client_of: impl Fn(u32) -> &'static str,
        network_of: impl Fn(u32) -> Option<usize>,
    ) -> Vec<Option<f64>> {
        let mut ds = Dataset::new();
        for a in 0..20u32 {
            let account = ds.accounts.intern(&format!("a{a}"));
            for p in 0..3 {
                let idx = ds.push_post(&format!("p{a}_{p}"), account, i64::from(p) * 60_000);
                ds.set_post_client(idx, client_of(a));
            }
        }
        let network_of: Vec<Option<usize>> = (0..20).map(network_of).collect();
        own_client_shares(&ds, 2, &network_of)
    }

    /// Accounts 0–2 are network 0, 3–8 network 1, the rest in none.
    fn two_networks(a: u32) -> Option<usize> {
        match a {
            0..=2 => Some(0),
            3..=8 => Some(1),
            _ => None,
        }
    }

    #[test]
    fn a_tool_of_the_networks_own_and_the_apps_everybody_uses() {
        // Network 0 posts with a tool nobody else uses; everyone else with an app.
        let tool = shares(|a| if a < 3 { "BulkPoster" } else { "App" }, two_networks);
        assert_eq!(tool, vec![Some(1.0), Some(0.0)]);
        // The tool also used by two members of network 1 (an operator's tool serves all its
        // networks): still network 0's own, and network 1's for the 6 of its 18 posts made
        // with it.
        let shared = shares(|a| if a < 5 { "BulkPoster" } else { "App" }, two_networks);
        assert_eq!(shared, vec![Some(1.0), Some(6.0 / 18.0)]);
        // A small dump whose accounts nearly all sit in networks (18 of 20), all posting from
        // one app: the platform's main app, nobody's own.
        let most = |a: u32| (a < 18).then_some(usize::from(a >= 3));
        assert_eq!(shares(|_| "App", most), vec![Some(0.0), Some(0.0)]);
    }
}
