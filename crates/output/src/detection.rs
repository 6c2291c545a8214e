//! Everything a detection run produced, borrowed for writing.

use crate::ids::IdLabels;
use lockstep_coaction::{CoAction, Edge};
use lockstep_ingest::AccountProfile;
use lockstep_model::{AccountId, Dataset, ObjectId, PostIdx, Signal};
use lockstep_neardup::Narratives;
use lockstep_networks::{MemberRole, Network};
use lockstep_stats::{EdgeChance, FdrSelection, Inauthenticity, OperationSign, Sign, WorkingHours};
use serde::Serialize;
use std::collections::BTreeMap;

/// One co-action behind a selected edge.
#[derive(Debug, Clone, Copy)]
pub struct Evidence {
    /// The co-action, with the signal it was found on.
    pub coaction: CoAction,
    /// Jaccard similarity of the two posts' texts, for text co-actions.
    pub similarity: Option<f64>,
}

/// What a network looks like to an analyst deciding whether it is inauthentic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Coordinated, and its behaviour or its accounts show the signs of an operation.
    LikelyCib,
    /// Coordinated, but its accounts look established and authentic (fan communities,
    /// syndicated outlets): worth a look, not a takedown.
    AuthenticLooking,
    /// Coordinated, without behaviour signs of an operation; some members have a profile, but
    /// no member has a sign to rate (in its profile or its posting).
    Coordinated,
}

impl Verdict {
    /// Network inauthenticity (0–1) from which a network with account profiles is likely CIB.
    pub const THRESHOLD: f64 = 0.4;

    /// The verdict for a network: `operation` is how its behaviour signs describe an operation
    /// ([`lockstep_stats::operation_sign`]), `verified_majority` whether the platform verified
    /// most of its members, `score` its members' inauthenticity and `profiled` whether
    /// any member has a profile (an accounts file that names none of them says nothing).
    /// Behaviour decides first, so old, bought accounts cannot make an operation look
    /// authentic; only verification outweighs the synchrony, own-objects, activity-curves and
    /// own-client signs (verified outlets syndicate their own content, seconds apart, with
    /// their own publishing tools, and follow one news cycle), and nothing outweighs an
    /// operator's office rhythm. Without profiles a network that shows no sign of an operation
    /// looks authentic.
    pub fn of(
        operation: Option<OperationSign>,
        verified_majority: bool,
        score: Option<f64>,
        profiled: bool,
    ) -> Self {
        match (operation, score, profiled) {
            (Some(OperationSign::Rhythm), ..) => Verdict::LikelyCib,
            (
                Some(
                    OperationSign::Synchrony
                    | OperationSign::OwnObjects
                    | OperationSign::Curves
                    | OperationSign::Client,
                ),
                ..,
            ) if !verified_majority => Verdict::LikelyCib,
            (_, Some(s), true) if s >= Self::THRESHOLD => Verdict::LikelyCib,
            (_, Some(_), true) | (_, _, false) => Verdict::AuthenticLooking,
            (_, None, true) => Verdict::Coordinated,
        }
    }

    /// snake_case name, as in the output files.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::LikelyCib => "likely_cib",
            Verdict::AuthenticLooking => "authentic_looking",
            Verdict::Coordinated => "coordinated",
        }
    }
}

/// Everything known about one network beyond its structure and score.
#[derive(Debug, Clone)]
pub struct NetworkProfile {
    /// Leaders, followers and peers, in member order.
    pub roles: Vec<MemberRole>,
    /// The operators' likely working hours.
    pub working_hours: Option<WorkingHours>,
    /// Largest share of members created within 30 days of each other.
    pub creation_burst: Option<f64>,
    /// The behaviour signs measured on its co-actions.
    pub signs: Vec<Sign>,
    /// Whether any member has a profile (a row of the accounts file, or one carried by a
    /// platform export): only then do the members' inauthenticity scores decide.
    pub profiled: bool,
    /// What the network looks like.
    pub verdict: Verdict,
    /// Authors (outside the network) whose posts it co-reshared, with how many such posts,
    /// most first.
    pub amplified: Vec<(AccountId, u32)>,
    /// The (at most three) authors, members or not, whose posts it co-reshared most: its
    /// principals when the `few_principals` sign fires.
    pub principals: Vec<AccountId>,
    /// The step, in seconds, every lag between the posts' times is a multiple of, when the
    /// times are coarser than a minute: 3600 for times to the hour, 86400 for dates.
    pub coarse_step_s: Option<f64>,
    /// The communities (as ids of [`lockstep_model::Dataset::communities`]) its co-actions
    /// took place in, with how many of their posts, most first.
    pub communities: Vec<(u32, u32)>,
}

/// A finished detection, as the writers see it.
pub struct Detection<'a> {
    /// Accounts, posts and object names.
    pub dataset: &'a Dataset,
    /// Selected edges.
    pub edges: &'a [Edge],
    /// The chance side of every selected edge.
    pub chance: &'a [EdgeChance],
    /// The q-value of every selected edge.
    pub q_values: &'a [f64],
    /// How the edges were selected, when by false discovery rate.
    pub fdr: Option<&'a FdrSelection>,
    /// Inauthenticity of every account.
    pub inauthenticity: &'a [Inauthenticity],
    /// One profile per network, in network order.
    pub network_profiles: &'a [NetworkProfile],
    /// Ranked networks; their `edges` index into [`Detection::edges`].
    pub networks: &'a [Network],
    /// For each account, the index of its network in [`Detection::networks`].
    pub membership: &'a [Option<usize>],
    /// Evidence of the selected edges, grouped by edge in the order of [`Detection::edges`].
    pub evidence: &'a [Evidence],
    /// `evidence[edge_evidence[i]..edge_evidence[i + 1]]` belongs to `edges[i]`.
    pub edge_evidence: &'a [usize],
    /// Profiles from the accounts file, when one was given.
    pub profiles: Option<&'a BTreeMap<String, AccountProfile>>,
    /// Narratives of near-duplicate texts, when the text signal was swept.
    pub narratives: Option<&'a Narratives>,
    /// Which accounts keep their platform scope in the outputs.
    pub labels: &'a IdLabels,
    /// Whether the posts hold a weekend: without one, a network's office rhythm says nothing
    /// about weekends.
    pub weekend: bool,
}

impl Detection<'_> {
    /// The 1-based network id of an account, if it belongs to one.
    pub fn network_id(&self, account: u32) -> Option<usize> {
        self.membership[account as usize].map(|i| self.networks[i].id)
    }

    /// The id written for `account`: as the input gave it (see [`IdLabels`]).
    pub fn account_id(&self, account: AccountId) -> &str {
        self.labels.account(self.dataset, account)
    }

    /// The id written for post `idx`: as the input gave it.
    pub fn post_id(&self, idx: PostIdx) -> &str {
        self.dataset.given_post_id(idx)
    }

    /// The name written for `object` of `signal`, acted on by `actor`.
    pub fn object_name(&self, signal: Signal, object: ObjectId, actor: AccountId) -> &str {
        self.labels.object(self.dataset, signal, object, actor)
    }

    /// Evidence of edge `i`.
    pub fn evidence_of(&self, i: usize) -> &[Evidence] {
        &self.evidence[self.edge_evidence[i]..self.edge_evidence[i + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        use OperationSign::{Client, Curves, Rhythm, Synchrony};
        assert_eq!(
            Verdict::of(None, false, Some(0.4), true),
            Verdict::LikelyCib
        );
        assert_eq!(
            Verdict::of(None, false, Some(0.39), true),
            Verdict::AuthenticLooking
        );
        // Old profiles do not clear a network that behaves like an operation.
        assert_eq!(
            Verdict::of(Some(Synchrony), false, Some(0.1), true),
            Verdict::LikelyCib
        );
        assert_eq!(
            Verdict::of(Some(Rhythm), false, None, false),
            Verdict::LikelyCib
        );
        // Verified outlets syndicating their own content in seconds look authentic; an office
        // rhythm does not.
        assert_eq!(
            Verdict::of(Some(Synchrony), true, Some(0.1), true),
            Verdict::AuthenticLooking
        );
        assert_eq!(
            Verdict::of(Some(Rhythm), true, Some(0.1), true),
            Verdict::LikelyCib
        );
        // Curves that rise and fall together: an operation unless most members are verified
        // (a newsroom's accounts follow one news cycle).
        assert_eq!(
            Verdict::of(Some(Curves), false, None, false),
            Verdict::LikelyCib
        );
        assert_eq!(
            Verdict::of(Some(Curves), true, Some(0.1), true),
            Verdict::AuthenticLooking
        );
        // A client of its own: an operator's tool, or a verified newsroom's.
        assert_eq!(
            Verdict::of(Some(Client), false, None, false),
            Verdict::LikelyCib
        );
        assert_eq!(
            Verdict::of(Some(Client), true, Some(0.1), true),
            Verdict::AuthenticLooking
        );
        // Without profiles among the members, activity-only scores do not decide; behaviour
        // does.
        assert_eq!(
            Verdict::of(None, false, Some(0.9), false),
            Verdict::AuthenticLooking
        );
        // Members with profiles, but no sign to rate in them or in their posting.
        assert_eq!(Verdict::of(None, false, None, true), Verdict::Coordinated);
        assert_eq!(Verdict::LikelyCib.name(), "likely_cib");
    }
}
