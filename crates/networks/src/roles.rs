//! Who leads and who follows inside a network.
//!
//! Every co-action has an order: one account acted first. Over a member's internal edges,
//! `leads` counts the co-actions in which it acted first and `follows` those in which its
//! partner did. A member with at least [`MIN_ORDERED`] ordered co-actions is a *leader* when it
//! acted first in at least two thirds of them, a *follower* when in at most one third, a *peer*
//! otherwise (or when there is too little to tell).

use crate::assemble::Network;
use lockstep_coaction::Edge;
use lockstep_model::AccountId;
use serde::Serialize;

/// Ordered co-actions needed before a member is called a leader or a follower.
pub const MIN_ORDERED: u32 = 5;

/// A member's place in the order of its network's co-actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Usually acts first.
    Leader,
    /// Usually acts after its partners.
    Follower,
    /// Neither, or too few ordered co-actions to tell.
    Peer,
}

impl Role {
    /// Lowercase name, as in the output files.
    pub fn name(self) -> &'static str {
        match self {
            Role::Leader => "leader",
            Role::Follower => "follower",
            Role::Peer => "peer",
        }
    }
}

/// One member's leads, follows and role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MemberRole {
    /// The member.
    pub account: AccountId,
    /// Co-actions in which it acted first.
    pub leads: u32,
    /// Co-actions in which its partner acted first.
    pub follows: u32,
    /// Its role.
    pub role: Role,
}

/// The role of every member of `network` (in member order); `edges` is the list the network's
/// edge indices point into.
pub fn member_roles(network: &Network, edges: &[Edge]) -> Vec<MemberRole> {
    let mut tally: Vec<(u32, u32)> = vec![(0, 0); network.members.len()];
    let pos = |a: AccountId| network.members.binary_search(&a).ok();
    for &i in &network.edges {
        let e = &edges[i];
        if let (Some(pa), Some(pb)) = (pos(e.a), pos(e.b)) {
            tally[pa].0 += e.a_leads;
            tally[pa].1 += e.b_leads;
            tally[pb].0 += e.b_leads;
            tally[pb].1 += e.a_leads;
        }
    }
    network
        .members
        .iter()
        .zip(tally)
        .map(|(&account, (leads, follows))| {
            let ordered = leads + follows;
            let role = if ordered < MIN_ORDERED {
                Role::Peer
            } else if 3 * leads >= 2 * ordered {
                Role::Leader
            } else if 3 * leads <= ordered {
                Role::Follower
            } else {
                Role::Peer
            };
            MemberRole {
                account,
                leads,
                follows,
                role,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::NetworkScore;

    fn edge(a: u32, b: u32, a_leads: u32, b_leads: u32) -> Edge {
        Edge {
            a,
            b,
            n_objects: a_leads + b_leads,
            weight: 1.0,
            a_leads,
            b_leads,
            active_days: 1,
            ..Edge::default()
        }
    }

    #[test]
    fn leader_follower_and_peer_by_hand() {
        // 0 leads 1 in 9 of 10 and 2 in 8 of 10; 1 and 2 split 3:3.
        let edges = vec![edge(0, 1, 9, 1), edge(0, 2, 8, 2), edge(1, 2, 3, 3)];
        let net = Network {
            id: 1,
            members: vec![0, 1, 2],
            edges: vec![0, 1, 2],
            score: NetworkScore {
                score: 0.0,
                strength: 0.0,
                density: 1.0,
                size: 3,
                active_days: 1,
                inauthenticity: None,
            },
            first_seen: 0,
            last_seen: 0,
        };
        let roles = member_roles(&net, &edges);
        // 0: leads 17, follows 3 → 0.85: leader. 1: leads 1 + 3 = 4, follows 9 + 3 = 12 →
        // 0.25: follower. 2: leads 2 + 3 = 5, follows 8 + 3 = 11 → 0.31: follower.
        let got: Vec<(u32, u32, Role)> =
            roles.iter().map(|r| (r.leads, r.follows, r.role)).collect();
        assert_eq!(
            got,
            vec![
                (17, 3, Role::Leader),
                (4, 12, Role::Follower),
                (5, 11, Role::Follower)
            ]
        );
    }
}
