//! Near-duplicate texts: copy-paste campaigns whose members edit the message a little.
//!
//! The text signal's objects start as distinct normalised texts. [`group_narratives`] cuts
//! each into shingles ([`lockstep_traces::shingles`]), finds candidate pairs of similar texts
//! with MinHash signatures and LSH banding (modules `minhash`, `lsh`), verifies every candidate
//! by exact Jaccard similarity, and merges texts whose similarity reaches the threshold into
//! *narratives* (single linkage over a union-find forest). The narrative then replaces the text
//! as the text signal's object, so the ordinary co-action sweep links accounts posting the same
//! narrative within the window. Narratives spread over too many accounts (greetings, quotes,
//! lyrics) are boilerplate and their actions are removed.
//!
//! Work is near-linear in the number of distinct texts: every band costs one sort of the texts
//! by band key, and each text is verified against at most two others per band.

mod config;
mod corpus;
mod lsh;
mod minhash;
mod narratives;
mod union_find;

pub use config::{LshParams, NearDupConfig};
pub use lsh::{bucket_pairs, BandKey, SearchStats};
pub use narratives::{
    band_keys, group_narratives, group_narratives_with, BucketPairSource, Narrative,
    NarrativeStats, Narratives,
};
