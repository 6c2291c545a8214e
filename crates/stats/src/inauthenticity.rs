//! Signs that accounts are not what they claim to be, per account and per network.
//!
//! Coordination alone is not inauthentic behaviour: fan communities reshare their idol within
//! seconds and syndicated outlets publish the same headlines at once, in the open, from real,
//! established accounts. What makes coordination *inauthentic* is the accounts: freshly created,
//! default-looking, followed by nobody, active around the clock. Each sign below is a number in
//! [0, 1] (1 = strongly suspicious), absent when the data cannot tell. An account's score is the
//! mean of its *profile* signs (age, handle, followers, verification) and of those *behaviour*
//! signs (round the clock, reshares) that are above 0.5: many fabricated accounts post their own
//! texts in office hours, so a low behaviour sign is no evidence of authenticity, while a high
//! one is evidence of automation.
//!
//! | sign | 0 | 1 |
//! |---|---|---|
//! | `young_account`: age at its first post in the data | 2 years or more | 30 days or less (log-linear between) |
//! | `default_handle`: a name followed by 4+ digits, or only digits | no | yes |
//! | `follower_ratio`: followers / following | 1 or more | 0.05 or less (log-linear between), only when following ≥ 20 |
//! | `round_the_clock`: share of posts in the quietest 6 hours of the UTC day | 5 % or less (people sleep) | 20 % or more (25 % is uniform); needs 48 posts |
//! | `reshare_share`: share of its posts that are reshares | 50 % or less | 95 % or more; needs 10 posts |
//! | `verified` (only when verified) | verified | — |
//!
//! A network adds `creation_burst`: the largest share of its members (with a known creation
//! date) created within 30 days of each other, counted when at least 3 members have one. Its
//! inauthenticity is the members' mean score, raised to `0.8 × mean + 0.2 × creation_burst` when
//! that is higher (a burst of creations is evidence; its absence is not).

use crate::rhythm::{quietest_run, utc_hour};
use lockstep_model::TimeMs;
use serde::Serialize;

const DAY_MS: f64 = 86_400_000.0;

/// Profile fields of one account that bear on authenticity.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountTraits {
    /// Creation time.
    pub created_at: Option<TimeMs>,
    /// Handle / screen name.
    pub handle: Option<String>,
    /// Followers.
    pub followers: Option<u64>,
    /// Accounts followed.
    pub following: Option<u64>,
    /// Verified by the platform.
    pub verified: Option<bool>,
}

/// What the data shows of one account's activity.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountActivity {
    /// Time of its first post.
    pub first_post: Option<TimeMs>,
    /// Posts.
    pub posts: u32,
    /// Posts that reshare another post.
    pub reshares: u32,
    /// Posts per UTC hour of the day.
    pub hours: [u32; 24],
}

impl AccountActivity {
    /// Records one post at `time`.
    pub fn add_post(&mut self, time: TimeMs) {
        self.posts += 1;
        self.hours[utc_hour(time)] += 1;
        self.first_post = Some(self.first_post.map_or(time, |t| t.min(time)));
    }
}

/// The signs of one account and their mean.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Inauthenticity {
    /// Mean of the signs present (0 when none is).
    pub score: f64,
    /// Age at first post.
    pub young_account: Option<f64>,
    /// Name plus many digits.
    pub default_handle: Option<f64>,
    /// Few followers for many followed.
    pub follower_ratio: Option<f64>,
    /// No quiet hours in the day.
    pub round_the_clock: Option<f64>,
    /// Mostly reshares.
    pub reshare_share: Option<f64>,
    /// 0 when the platform verified the account.
    pub verified: Option<f64>,
}

impl Inauthenticity {
    /// The signs read from the profile: age, handle, followers, verification.
    fn profile_signs(&self) -> [Option<f64>; 4] {
        [
            self.young_account,
            self.default_handle,
            self.follower_ratio,
            self.verified,
        ]
    }

    /// The signs read from the activity: round the clock, reshares.
    fn behaviour_signs(&self) -> [Option<f64>; 2] {
        [self.round_the_clock, self.reshare_share]
    }

    /// True when the data could tell anything about the account (any sign present).
    pub fn has_signs(&self) -> bool {
        self.profile_signs()
            .iter()
            .chain(&self.behaviour_signs())
            .any(Option::is_some)
    }
}

/// `x` mapped linearly from `[zero, one]` to `[0, 1]`, clamped (also for decreasing ranges).
fn ramp(x: f64, zero: f64, one: f64) -> f64 {
    ((x - zero) / (one - zero)).clamp(0.0, 1.0)
}

/// True for handles such as `maria84729301` or `1849302`: letters then at least four digits.
pub fn looks_default(handle: &str) -> bool {
    let digits = handle
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    digits >= 4 || (!handle.is_empty() && digits == handle.chars().count())
}

/// Share of the posts in the quietest 6 consecutive hours of the day (wrapping midnight).
pub(crate) fn quietest_six_hours(hours: &[u32; 24]) -> f64 {
    quietest_run(hours, 6).1
}

/// The signs of one account.
pub fn assess_account(
    traits: Option<&AccountTraits>,
    activity: &AccountActivity,
) -> Inauthenticity {
    let mut out = Inauthenticity::default();
    if let Some(t) = traits {
        if let (Some(created), Some(first)) = (t.created_at, activity.first_post) {
            let age_days = ((first - created) as f64 / DAY_MS).max(1.0);
            out.young_account = Some(ramp(age_days.ln(), 730f64.ln(), 30f64.ln()));
        }
        out.default_handle = t
            .handle
            .as_deref()
            .filter(|h| !h.is_empty())
            .map(|h| f64::from(u8::from(looks_default(h))));
        if let (Some(followers), Some(following)) = (t.followers, t.following) {
            if following >= 20 {
                let ratio = (followers as f64 + 1.0) / following as f64;
                out.follower_ratio = Some(ramp(ratio.ln(), 0.0, 0.05f64.ln()));
            }
        }
        if t.verified == Some(true) {
            out.verified = Some(0.0);
        }
    }
    if activity.posts >= 48 {
        out.round_the_clock = Some(ramp(quietest_six_hours(&activity.hours), 0.05, 0.20));
    }
    if activity.posts >= 10 {
        let share = f64::from(activity.reshares) / f64::from(activity.posts);
        out.reshare_share = Some(ramp(share, 0.5, 0.95));
    }
    let present: Vec<f64> = out
        .profile_signs()
        .into_iter()
        .flatten()
        .chain(
            out.behaviour_signs()
                .into_iter()
                .flatten()
                .filter(|&x| x > 0.5),
        )
        .collect();
    if !present.is_empty() {
        out.score = present.iter().sum::<f64>() / present.len() as f64;
    }
    out
}

/// The largest share of `created` (creation times of a network's members) within 30 days of
/// each other; `None` with fewer than 3 dates.
pub fn creation_burst(created: &[TimeMs]) -> Option<f64> {
    if created.len() < 3 {
        return None;
    }
    let mut t = created.to_vec();
    t.sort_unstable();
    let span = (30.0 * DAY_MS) as TimeMs;
    let mut best = 0;
    let mut lo = 0;
    for hi in 0..t.len() {
        while t[hi] - t[lo] > span {
            lo += 1;
        }
        best = best.max(hi - lo + 1);
    }
    Some(best as f64 / t.len() as f64)
}

/// A network's inauthenticity from its members' scores and its creation burst.
pub fn network_inauthenticity(member_scores: &[f64], burst: Option<f64>) -> f64 {
    if member_scores.is_empty() {
        return 0.0;
    }
    let mean = member_scores.iter().sum::<f64>() / member_scores.len() as f64;
    match burst {
        Some(b) => mean.max(0.8 * mean + 0.2 * b),
        None => mean,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles() {
        assert!(looks_default("maria84729301"));
        assert!(looks_default("1849302"));
        assert!(!looks_default("maria_84"));
        assert!(!looks_default("bbcnews"));
    }

    #[test]
    fn a_fresh_default_account_against_an_established_one() {
        let day = 86_400_000i64;
        let mut busy = AccountActivity::default();
        // 48 posts spread evenly over the clock, 46 of them reshares.
        for h in 0..48 {
            busy.add_post(h * 3_600_000);
        }
        busy.reshares = 46;
        let fresh = AccountTraits {
            created_at: Some(-10 * day),
            handle: Some("anna19283746".into()),
            followers: Some(3),
            following: Some(400),
            verified: None,
        };
        let a = assess_account(Some(&fresh), &busy);
        // Age 10 days (≤ 30): 1. Handle: 1. Ratio 4/400 = 0.01 (≤ 0.05): 1. Quietest six hours
        // hold 12 of 48 posts = 25 % (≥ 20 %): 1. Reshares 46/48 = 95.8 % (≥ 95 %): 1.
        assert_eq!(a.score, 1.0);

        let mut human = AccountActivity::default();
        // 60 posts between 08:00 and 17:59 over many days, 10 reshares.
        for i in 0..60 {
            human.add_post(i * day + (8 + i % 10) * 3_600_000);
        }
        human.reshares = 10;
        let old = AccountTraits {
            created_at: Some(-3000 * day),
            handle: Some("anna_writes".into()),
            followers: Some(900),
            following: Some(300),
            verified: Some(true),
        };
        let b = assess_account(Some(&old), &human);
        // Every sign 0: age > 2 years, plain handle, ratio 3, no night posts, 17 % reshares,
        // verified.
        assert_eq!(b.score, 0.0);
        assert_eq!(b.verified, Some(0.0));
        // An aged, default-looking account with few followers that posts its own texts in office
        // hours: profile signs 0 (age), 1 (handle), 1 (ratio); behaviour signs 0 are left out.
        let aged = AccountTraits {
            created_at: Some(-3000 * day),
            handle: Some("anna19283746".into()),
            followers: Some(3),
            following: Some(400),
            verified: None,
        };
        let d = assess_account(Some(&aged), &human);
        assert_eq!(d.reshare_share, Some(0.0));
        assert!((d.score - 2.0 / 3.0).abs() < 1e-12);
        // Without a profile only activity speaks.
        let c = assess_account(None, &busy);
        assert_eq!((c.young_account, c.score), (None, 1.0));
        assert!(c.has_signs());
        // Nothing known: no profile, too few posts for any activity sign.
        assert!(!assess_account(None, &AccountActivity::default()).has_signs());
    }

    #[test]
    fn ramps_are_log_linear_between_their_ends() {
        // Age 146 days: ln 146 is halfway between ln 730 and ln 29.2...; check the ramp itself.
        assert!((ramp(0.5, 0.0, 1.0) - 0.5).abs() < 1e-12);
        assert_eq!(ramp(2.0, 1.0, 0.0), 0.0);
        assert_eq!(ramp(-1.0, 1.0, 0.0), 1.0);
    }

    #[test]
    fn bursts_of_creation_dates() {
        let day = 86_400_000i64;
        // Four accounts created within a week, one a year earlier: 4 of 5.
        let created = [0, day, 3 * day, 6 * day, -365 * day];
        assert_eq!(creation_burst(&created), Some(0.8));
        assert_eq!(creation_burst(&[0, 1]), None);
        assert!(
            (network_inauthenticity(&[0.5, 1.0], Some(0.8)) - (0.8 * 0.75 + 0.16)).abs() < 1e-12
        );
    }
}
