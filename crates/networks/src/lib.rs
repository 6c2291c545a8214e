//! Networks: from candidate edges to ranked groups of accounts that act in concert.
//!
//! Edges are selected upstream (by the chance model, or [`MinEvidence`]); the selected graph is
//! partitioned ([`partition`]) and every community becomes a scored, ranked [`Network`]
//! ([`build_networks`]).
//!
//! The co-action graph (accounts as nodes, weighted edges between accounts that acted alike)
//! is split into connected components, and large components into communities by the Leiden
//! algorithm. Everything is deterministic for a given seed, whatever the number of threads.

mod assemble;
mod components;
mod graph;
mod leiden;
mod partition;
mod roles;
mod select;
mod separation;

pub use assemble::{build_networks, Network, NetworkConfig, NetworkScore, MIN_TIE_SHARE};
pub use components::connected_components;
pub use graph::Graph;
pub use leiden::{leiden, modularity, LeidenConfig, Objective};
pub use partition::{partition, PartitionConfig};
pub use roles::{member_roles, MemberRole, Role, MIN_ORDERED};
pub use select::MinEvidence;
pub use separation::{join_inseparable, SEPARATION_LEVEL};
