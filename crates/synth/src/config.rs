//! Generator settings.

use chrono::{DateTime, TimeZone, Utc};

use crate::Error;

/// Settings of one synthetic dataset. Planted networks and hard negatives scale with
/// [`accounts`](Self::accounts), with minimum counts so that every kind is present at small sizes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthConfig {
    /// Seed of every random choice: the same configuration always yields the same bytes.
    pub seed: u64,
    /// Number of accounts (organic, planted and hard negatives together); at least
    /// [`SynthConfig::MIN_ACCOUNTS`].
    pub accounts: usize,
    /// Length of the observation window in days (1 to [`SynthConfig::MAX_DAYS`]).
    pub days: u32,
    /// First instant of the observation window (UTC). Must lie in 2011–2099, as post ids are
    /// Twitter-style snowflakes derived from the timestamp.
    pub start: DateTime<Utc>,
}

impl SynthConfig {
    /// Smallest supported number of accounts.
    pub const MIN_ACCOUNTS: usize = 2_000;
    /// Largest supported number of accounts.
    pub const MAX_ACCOUNTS: usize = 5_000_000;
    /// Longest supported window in days.
    pub const MAX_DAYS: u32 = 3_650;

    /// The smaller dataset of `lockstep demo`: 4,000 accounts over 14 days (about 230,000 posts).
    /// Two weeks, like the default, because slow and weak operations need more than a few
    /// workdays of activity to stand out from chance.
    pub fn demo() -> Self {
        SynthConfig {
            accounts: 4_000,
            days: 14,
            ..SynthConfig::default()
        }
    }

    /// Checks the ranges documented on the fields.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        if !(Self::MIN_ACCOUNTS..=Self::MAX_ACCOUNTS).contains(&self.accounts) {
            return Err(Error::Config(format!(
                "accounts must be between {} and {}, got {}",
                Self::MIN_ACCOUNTS,
                Self::MAX_ACCOUNTS,
                self.accounts
            )));
        }
        if !(1..=Self::MAX_DAYS).contains(&self.days) {
            return Err(Error::Config(format!(
                "days must be between 1 and {}, got {}",
                Self::MAX_DAYS,
                self.days
            )));
        }
        let lo = Utc.with_ymd_and_hms(2011, 1, 1, 0, 0, 0).single();
        let hi = Utc.with_ymd_and_hms(2100, 1, 1, 0, 0, 0).single();
        let in_range =
            matches!((lo, hi), (Some(lo), Some(hi)) if self.start >= lo && self.start < hi);
        if !in_range {
            return Err(Error::Config(format!(
                "start must lie between 2011 and 2099, got {}",
                self.start.to_rfc3339()
            )));
        }
        Ok(())
    }
}

impl Default for SynthConfig {
    /// Seed 1, 20,000 accounts, 14 days from 2024-09-02T00:00:00Z: about one million posts.
    fn default() -> Self {
        SynthConfig {
            seed: 1,
            accounts: 20_000,
            days: 14,
            start: DateTime::from_timestamp(1_725_235_200, 0).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_starts_on_a_monday_in_september_2024() {
        let c = SynthConfig::default();
        assert_eq!(c.start.to_rfc3339(), "2024-09-02T00:00:00+00:00");
        assert!(c.validate().is_ok());
        assert!(SynthConfig::demo().validate().is_ok());
    }

    #[test]
    fn out_of_range_settings_are_rejected() {
        let small = SynthConfig {
            accounts: 10,
            ..SynthConfig::default()
        };
        assert!(matches!(small.validate(), Err(Error::Config(_))));
        let no_days = SynthConfig {
            days: 0,
            ..SynthConfig::default()
        };
        assert!(no_days.validate().is_err());
        let early = SynthConfig {
            start: DateTime::from_timestamp(0, 0).unwrap_or_default(),
            ..SynthConfig::default()
        };
        assert!(early.validate().is_err());
    }
}
