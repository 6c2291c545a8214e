//! Statistics: links weighed against chance.
//!
//! [`ChanceModel`] gives every candidate edge the co-actions expected if the two accounts acted
//! independently (given their activity per object popularity, the objects' time profiles and
//! the accounts' daily rhythms) and a fused, conditional p-value; [`select_by_fdr`] keeps the
//! edges at a target false discovery rate estimated by the same model; [`surrogate`] checks that calibration on data
//! whose cross-account alignment was destroyed. [`assess_account`] scores the signs that accounts
//! are not what they claim, and [`working_hours`] the operators' likely time zone.

mod behaviour;
mod chance;
mod curves;
mod exact_sum;
mod fdr;
mod inauthenticity;
mod incidence;
mod poisson;
mod prefetch;
mod rhythm;
pub mod surrogate;
mod timing;

pub use behaviour::{
    member_night_share, operation_sign, works_round_the_clock, NetworkBehaviour, OperationSign,
    Sign, MIN_CLIENT_MEMBERS, MIN_COMMUNITY_MEMBERS, MIN_MEMBER_POSTS, OFFICE_SHARE,
    PRINCIPAL_SHARE, SELF_SHARE, UNSHARED_SHARE, WEEKDAYS_OFFICE_SHARE,
};
pub use chance::{
    fuse_ln_p, single_signal_ln_p, single_signal_ln_p_of_tail, ChanceModel, EdgeChance, Fusion,
};
pub use curves::{activity_likeness, MIN_CURVE_DAYS};
pub use exact_sum::ExactSum;
pub use fdr::{
    may_be_kept, null_pass_probability, select_by_fdr, CandidateTally, FdrSelection, NullCounts,
};
pub use inauthenticity::{
    assess_account, creation_burst, looks_default, network_inauthenticity, AccountActivity,
    AccountTraits, Inauthenticity,
};
pub use incidence::{pair_expected, stratum, Incidence, IncidencePart, Rates};
pub use poisson::{ln_chi2_upper_tail_even, ln_factorial, ln_poisson_pmf, ln_poisson_upper_tail};
pub use rhythm::{rhythm_overlap, utc_hour, HourProfiles, SmoothedHours};
pub use timing::{working_hours, WorkingHours};
