//! Reasons in words: a short explanation of each network, and of why each member belongs to
//! it, generated from the evidence of its internal edges and its behaviour signs. Every clause
//! cites the numbers it rests on, and the numbers are also given as [`SignalFacts`] so that
//! they can be checked against evidence.csv.

use crate::detection::{Detection, Verdict};
use lockstep_model::{AccountId, Signal, TimeMs};
use lockstep_stats::{operation_sign, OperationSign, Sign};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

const DAY_MS: f64 = 86_400_000.0;

/// What one signal shows of a network: counted over the evidence of its internal edges.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalFacts {
    /// The signal.
    pub signal: &'static str,
    /// Members that took part in its co-actions.
    pub accounts: usize,
    /// Distinct objects co-acted on.
    pub objects: usize,
    /// Co-actions (evidence rows).
    pub coactions: usize,
    /// Occasions: on each object, runs of co-actions whose time spans overlap (one burst of
    /// the network on one object, whatever the number of pairs in it).
    pub occasions: usize,
    /// Median lag of the co-actions, in seconds.
    pub median_lag_s: f64,
    /// Days from the first to the last co-action.
    pub span_days: f64,
}

/// The explanation of one network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkSummary {
    /// The explanation, in sentences.
    pub text: String,
    /// Per signal, most co-actions first: the numbers the text cites.
    pub signals: Vec<SignalFacts>,
}

/// The summary of network `n` (its index in [`Detection::networks`]).
pub fn summarise_network(d: &Detection, n: usize) -> NetworkSummary {
    let profile = &d.network_profiles[n];
    let signals = signal_facts(d, n);
    let mut sentences = Vec::new();
    if let Some(lead) = signals.first() {
        // Times to the hour or dates cannot tell lags shorter than their step.
        let apart = match profile.coarse_step_s {
            Some(step) if lead.median_lag_s < step => {
                format!(
                    "within the same {}",
                    if step >= 86_400.0 { "day" } else { "hour" }
                )
            }
            _ => format!("a median of {} apart", duration_words(lead.median_lag_s)),
        };
        sentences.push(format!(
            "{} accounts {} {}, {}, on {} {} {}",
            lead.accounts,
            verb(lead.signal),
            counted(lead.objects, noun(lead.signal)),
            apart,
            lead.occasions,
            plural(lead.occasions, "occasion"),
            span_words(lead.span_days),
        ));
    }
    let also: Vec<String> = signals
        .iter()
        .skip(1)
        .take(2)
        .map(|s| {
            format!(
                "{} {} ({} {})",
                verb(s.signal),
                counted(s.objects, noun(s.signal)),
                s.coactions,
                plural(s.coactions, "co-action")
            )
        })
        .collect();
    if !also.is_empty() {
        sentences.push(format!("They also {}", also.join(" and ")));
    }
    for sign in profile.signs.iter().filter(|s| s.fired) {
        if let Some(words) = sign_words(sign, d, n) {
            sentences.push(words);
        }
    }
    if let Some(share) = profile.creation_burst.filter(|&s| s >= 0.5) {
        sentences.push(format!(
            "{:.0} % of its members with a known creation date were created within 30 days of each other",
            100.0 * share
        ));
    }
    if let Some(&(community, posts)) = profile.communities.first() {
        sentences.push(format!(
            "Most of its co-actions are in {} ({} posts)",
            d.dataset.communities.resolve(community),
            posts
        ));
    }
    sentences.push(verdict_words(d, n));
    NetworkSummary {
        text: sentences.join(". ") + ".",
        signals,
    }
}

/// Why each member of network `n` is in it: how many other members it is linked to and its
/// three strongest edges within the network. One pass over the network's edges.
pub fn member_reasons(d: &Detection, n: usize) -> BTreeMap<AccountId, String> {
    let net = &d.networks[n];
    let mut by_member: BTreeMap<AccountId, Vec<usize>> =
        net.members.iter().map(|&m| (m, Vec::new())).collect();
    for &i in &net.edges {
        let e = &d.edges[i];
        for account in [e.a, e.b] {
            by_member.entry(account).or_default().push(i);
        }
    }
    by_member
        .into_iter()
        .map(|(account, mut internal)| {
            internal.sort_by(|&x, &y| {
                d.chance[y]
                    .surprise()
                    .total_cmp(&d.chance[x].surprise())
                    .then(x.cmp(&y))
            });
            let strongest: Vec<String> = internal
                .iter()
                .take(3)
                .map(|&i| {
                    let e = &d.edges[i];
                    let other = if e.a == account { e.b } else { e.a };
                    let parts: Vec<String> = e
                        .signals()
                        .map(|s| format!("{} {}", e.signal_objects[s.index()], s.name()))
                        .collect();
                    format!(
                        "{} ({} co-actions; p = {})",
                        d.account_id(other),
                        parts.join(" + "),
                        readable_p(d.chance[i].p_value())
                    )
                })
                .collect();
            let reason = format!(
                "Linked to {} of the {} other members; strongest: {}",
                internal.len(),
                net.members.len().saturating_sub(1),
                strongest.join("; ")
            );
            (account, reason)
        })
        .collect()
}

/// Per signal, over the evidence of network `n`'s internal edges, most co-actions first.
pub fn signal_facts(d: &Detection, n: usize) -> Vec<SignalFacts> {
    #[derive(Default)]
    struct Tally {
        accounts: BTreeSet<AccountId>,
        spans: BTreeMap<u32, Vec<(TimeMs, TimeMs)>>,
        lags: Vec<TimeMs>,
    }
    let mut tallies: BTreeMap<Signal, Tally> = BTreeMap::new();
    for &i in &d.networks[n].edges {
        for ev in d.evidence_of(i) {
            let c = &ev.coaction;
            let t = tallies.entry(c.signal).or_default();
            t.accounts.insert(c.a);
            t.accounts.insert(c.b);
            t.spans
                .entry(c.object)
                .or_default()
                .push((c.first_ms(), c.first_ms() + c.lag_ms()));
            t.lags.push(c.lag_ms());
        }
    }
    let mut facts: Vec<SignalFacts> = tallies
        .into_iter()
        .map(|(signal, mut t)| {
            t.lags.sort_unstable();
            let first = t.spans.values().flatten().map(|s| s.0).min().unwrap_or(0);
            let last = t.spans.values().flatten().map(|s| s.1).max().unwrap_or(0);
            SignalFacts {
                signal: signal.name(),
                accounts: t.accounts.len(),
                objects: t.spans.len(),
                coactions: t.lags.len(),
                occasions: t.spans.into_values().map(occasions).sum(),
                median_lag_s: t.lags[t.lags.len() / 2] as f64 / 1000.0,
                span_days: (last - first) as f64 / DAY_MS,
            }
        })
        .collect();
    facts.sort_by(|x, y| y.coactions.cmp(&x.coactions).then(x.signal.cmp(y.signal)));
    facts
}

/// Runs of overlapping time spans.
fn occasions(mut spans: Vec<(TimeMs, TimeMs)>) -> usize {
    spans.sort_unstable();
    let mut count = 0;
    let mut end = TimeMs::MIN;
    for (start, stop) in spans {
        if count == 0 || start > end {
            count += 1;
            end = stop;
        } else {
            end = end.max(stop);
        }
    }
    count
}

fn sign_words(sign: &Sign, d: &Detection, n: usize) -> Option<String> {
    let profile = &d.network_profiles[n];
    let pct = 100.0 * sign.value;
    let offset = || {
        profile
            .working_hours
            .as_ref()
            .map(|h| format!(" at UTC{:+}", h.utc_offset_hours))
            .unwrap_or_default()
    };
    match sign.name {
        "operator_rhythm" => Some(format!(
            "Activity follows office hours{}: {pct:.0} % of its co-actions fall in working hours{}",
            offset(),
            weekend_words(d.weekend)
        )),
        "around_the_clock" => Some(format!(
            "Its members post around the clock: {pct:.0} % of their posts fall in the quietest six hours of the UTC day"
        )),
        "coacts_at_night" => Some(format!(
            "It co-acts at night: {pct:.0} % of its co-actions fall in their quietest six hours of the UTC day"
        )),
        "members_coact_at_night" => Some(format!(
            "Its members co-act in their own night: the median member makes {pct:.0} % of its co-actions in the quietest six hours of everything it posts"
        )),
        "event_slot" => Some(format!(
            "{pct:.0} % of its co-actions fall in one three-hour slot of the day: the hours of a recurring event, not of a working day"
        )),
        "members_rhythm" => Some(format!(
            "Its members post in office hours{}: {pct:.0} % of all their posts fall in working hours{}",
            offset(),
            weekend_words(d.weekend)
        )),
        "own_objects" => Some(format!(
            "{pct:.0} % of what its members posted themselves (weighed by rarity) is its own: at least 4 in 5 of the accounts sharing it are members"
        )),
        "few_principals" => {
            let names: Vec<&str> = profile
                .principals
                .iter()
                .map(|&a| d.account_id(a))
                .collect();
            Some(format!(
                "{pct:.0} % of the posts it co-reshares are by {}",
                names.join(", ")
            ))
        }
        "own_community" => Some(format!(
            "Its members wrote {pct:.0} % of the posts of the communities it co-acts in: what they share is their community's"
        )),
        "activity_curves" => Some(format!(
            "Its members' posts per day rise and fall together: a member's daily curve correlates at {:.2} (median) with the other members'",
            sign.value
        )),
        "own_client" => Some(format!(
            "{pct:.0} % of its members' posts were made with clients of its own (at least 4 in 5 of the accounts using them are in networks)"
        )),
        "beyond_object_timing" => Some(format!(
            "Its members co-act on public objects {:.1} times as often as those objects' own timing explains",
            sign.value
        )),
        "public_timing_explains" => Some(format!(
            "{pct:.0} % of its co-actions are on public objects whose own timing explains them"
        )),
        _ => None,
    }
}

/// What an office rhythm says about weekends: little where the posts hold none.
fn weekend_words(weekend: bool) -> &'static str {
    if weekend {
        ", few at weekends"
    } else {
        " (the posts hold no weekend)"
    }
}

/// A p-value with three decimals down to 0.001 and in scientific notation below.
fn readable_p(p: f64) -> String {
    if p >= 1e-3 {
        format!("{p:.3}")
    } else {
        format!("{p:.1e}")
    }
}

/// The verdict and the reason for it. A network whose behaviour describes an operation but
/// whose verdict is not `likely_cib` was cleared by platform verification of most members:
/// that is the only way [`Verdict::of`] lets synchrony or own objects pass.
fn verdict_words(d: &Detection, n: usize) -> String {
    let profile = &d.network_profiles[n];
    let inauthenticity = d.networks[n].score.inauthenticity;
    let operation = operation_sign(&profile.signs);
    match (profile.verdict, operation) {
        (Verdict::LikelyCib, Some(OperationSign::Rhythm)) => {
            "Likely coordinated inauthentic behaviour: an operator's working rhythm".to_string()
        }
        (Verdict::LikelyCib, Some(OperationSign::Synchrony)) => {
            "Likely coordinated inauthentic behaviour: seconds apart on objects of its own"
                .to_string()
        }
        (Verdict::LikelyCib, Some(OperationSign::OwnObjects)) => {
            "Likely coordinated inauthentic behaviour: it pushes objects of its own".to_string()
        }
        (Verdict::LikelyCib, Some(OperationSign::Client)) => {
            "Likely coordinated inauthentic behaviour: its accounts post with a tool nobody else uses"
                .to_string()
        }
        (Verdict::LikelyCib, Some(OperationSign::Curves)) => {
            "Likely coordinated inauthentic behaviour: its accounts are busy and idle on the same days"
                .to_string()
        }
        (Verdict::LikelyCib, None) => format!(
            "Likely coordinated inauthentic behaviour: its accounts look inauthentic (profile score {:.2}, from {:.1})",
            inauthenticity.unwrap_or(f64::NAN),
            Verdict::THRESHOLD
        ),
        (Verdict::AuthenticLooking, Some(_)) => {
            "Coordinated, but the platform verified most of its members, which outweighs its synchrony, own objects, shared activity curves and own client (worth a look, not a takedown)".to_string()
        }
        (Verdict::AuthenticLooking, None) => {
            let fired = |name: &str| profile.signs.iter().any(|s| s.name == name && s.fired);
            // A sign that fired but was outweighed says why the network is set aside.
            let no_sign = if fired("public_timing_explains") {
                "the timing of the public objects it acts on explains when its members co-act, and it shows no other sign of an operation"
            } else if fired("event_slot") {
                "its co-actions keep a recurring event's hours, not a working day, and it shows no other sign of an operation"
            } else {
                "it shows no sign of an operation"
            };
            match inauthenticity {
                Some(score) if profile.profiled => format!(
                    "Coordinated, but {no_sign} and its accounts look established (profile score {score:.2}, below {:.1}): worth a look, not a takedown",
                    Verdict::THRESHOLD
                ),
                _ => format!("Coordinated, but {no_sign}: worth a look, not a takedown"),
            }
        }
        (Verdict::Coordinated, _) => {
            "Coordinated, without a sign of an operation; its members' profiles and posting give nothing to rate"
                .to_string()
        }
    }
}

fn verb(signal: &str) -> &'static str {
    match signal {
        "reshare" => "reshared",
        "reply" => "replied to",
        "link" | "media" => "posted",
        "domain" => "linked",
        "hashtag" => "used",
        "mention" => "mentioned",
        "text" => "posted",
        _ => "acted on",
    }
}

fn noun(signal: &str) -> (&'static str, &'static str) {
    match signal {
        "reshare" | "reply" => ("the same post", "the same posts"),
        "link" => ("the same link", "the same links"),
        "domain" => ("the same site", "the same sites"),
        "hashtag" => ("the same hashtag", "the same hashtags"),
        "mention" => ("the same account", "the same accounts"),
        "media" => ("the same media item", "the same media items"),
        "text" => ("a near-identical text", "near-identical texts"),
        _ => ("the same object", "the same objects"),
    }
}

/// "the same link" for one, "the same 30 links" (or "30 near-identical texts") for more.
fn counted(n: usize, (one, many): (&str, &str)) -> String {
    if n == 1 {
        one.to_string()
    } else if let Some(rest) = many.strip_prefix("the same ") {
        format!("the same {n} {rest}")
    } else {
        format!("{n} {many}")
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// A lag in words: "15 s", "12 min", "3.5 h", "2.0 days".
pub fn duration_words(seconds: f64) -> String {
    if seconds < 90.0 {
        format!("{seconds:.0} s")
    } else if seconds < 90.0 * 60.0 {
        format!("{:.0} min", seconds / 60.0)
    } else if seconds < 36.0 * 3600.0 {
        format!("{:.1} h", seconds / 3600.0)
    } else {
        format!("{:.1} days", seconds / 86_400.0)
    }
}

fn span_words(days: f64) -> String {
    if days >= 1.5 {
        format!("over {days:.0} days")
    } else if days * 24.0 >= 1.5 {
        format!("over {:.0} hours", days * 24.0)
    } else {
        format!("within {}", duration_words((days * 86_400.0).max(1.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occasions_are_runs_of_overlapping_spans() {
        assert_eq!(occasions(vec![(0, 10), (5, 20), (30, 40)]), 2);
        assert_eq!(occasions(vec![(30, 40), (0, 10), (10, 12)]), 2);
        assert_eq!(occasions(vec![(0, 0)]), 1);
        assert_eq!(occasions(Vec::new()), 0);
    }

    #[test]
    fn words() {
        assert_eq!(counted(1, noun("link")), "the same link");
        assert_eq!(counted(30, noun("link")), "the same 30 links");
        assert_eq!(counted(4, noun("text")), "4 near-identical texts");
        assert_eq!(duration_words(15.0), "15 s");
        assert_eq!(duration_words(600.0), "10 min");
        assert_eq!(duration_words(3.5 * 3600.0), "3.5 h");
        assert_eq!(span_words(5.2), "over 5 days");
        assert_eq!(span_words(0.25), "over 6 hours");
        assert_eq!(span_words(0.01), "within 14 min");
    }
}
