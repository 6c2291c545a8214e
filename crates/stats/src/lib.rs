//! Statistics: links weighed against chance.
//!
//! [`ChanceModel`] gives every candidate edge the co-actions expected if the two accounts acted
//! independently (given their activity per object popularity, the objects' time profiles and
//! the accounts' daily rhythms) and a fused, conditional p-value; [`benjamini_hochberg`] keeps
//! the edges at a target false discovery rate; [`surrogate`] checks that calibration on data
//! whose cross-account alignment was destroyed.

mod chance;
mod fdr;
mod incidence;
mod poisson;
mod rhythm;
pub mod surrogate;

pub use chance::{fuse_ln_p, ChanceModel, EdgeChance};
pub use fdr::{benjamini_hochberg, FdrSelection};
pub use incidence::{stratum, Incidence};
pub use poisson::{ln_chi2_upper_tail_even, ln_factorial, ln_poisson_upper_tail};
pub use rhythm::{utc_hour, HourProfiles};
