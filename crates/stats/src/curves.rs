//! Whether a network's members rise and fall together, day by day.
//!
//! Accounts run by one operator are switched on for the same campaigns and left idle in the
//! same lulls, so their posts per day rise and fall together; people who share an interest
//! each post on days of their own, and a steady feed has no curve to share. A member's curve
//! is its posts per UTC day over the whole dump; it is compared, by Pearson correlation, with
//! the curve of the *other* members summed (so that one busy member does not make the rest
//! look alike). The network's value is the median over its members. Daily bins leave out the
//! hour of the day, which every crowd of one time zone shares (the rhythm signs read that).
//!
//! What the whole dump does day by day is not the network's: a collection that missed three
//! days, or one made by keyword around the news, makes every account's curve dip and peak on
//! the same days. Both curves are therefore compared net of the rest of the dump (everyone
//! outside the network, posts per day): each is regressed on it and the residuals are
//! correlated (a partial correlation), so only the rises and falls the network does not share
//! with everyone count.
//!
//! One day is not a curve: a burst of resharing one afternoon, or a giveaway, makes every
//! member's busiest day the same and the correlation near 1 whatever the other days show. The
//! network's busiest day is therefore left out, and the curves are compared only where at
//! least [`MIN_SHARED_DAYS`] other days saw two or more members post. A correlation over few
//! days is noisy (over 7 days, one in twenty pairs of independent curves correlates at 0.67 or
//! more), so the dump must span at least [`MIN_CURVE_DAYS`] days.

/// Days the dump must span before members' curves are compared.
pub const MIN_CURVE_DAYS: usize = 14;

/// Days, besides the network's busiest, on which at least two members must post before
/// their curves are compared.
pub const MIN_SHARED_DAYS: usize = 5;

/// The median, over members, of the correlation between a member's posts per day (`curves`,
/// one row per member, all the same length) and the other members' posts per day summed,
/// both net of `outside` (the posts per day of every account outside the network) and the
/// network's busiest day left out; `None` when the rows span fewer than
/// [`MIN_CURVE_DAYS`] days, there are fewer than three members, or fewer than
/// [`MIN_SHARED_DAYS`] days besides the busiest saw two members post. A member whose curve,
/// or whose fellows' curve, is flat counts as 0: it shares no rise or fall.
pub fn activity_likeness(curves: &[Vec<u32>], outside: &[u64]) -> Option<f64> {
    let days = curves.first()?.len();
    if curves.len() < 3 || days < MIN_CURVE_DAYS {
        return None;
    }
    let mut total = vec![0u64; days];
    let mut posting = vec![0u32; days];
    for curve in curves {
        for ((t, p), &c) in total.iter_mut().zip(&mut posting).zip(curve) {
            *t += u64::from(c);
            *p += u32::from(c > 0);
        }
    }
    // The first of the busiest days, so that ties leave out the same day every time.
    let busiest = (0..days).rev().max_by_key(|&d| total[d])?;
    let kept = |d: &usize| *d != busiest;
    if (0..days).filter(kept).filter(|&d| posting[d] >= 2).count() < MIN_SHARED_DAYS {
        return None;
    }
    let dump: Vec<f64> = (0..days).filter(kept).map(|d| outside[d] as f64).collect();
    let mut correlations: Vec<f64> = curves
        .iter()
        .map(|curve| {
            let own: Vec<f64> = (0..days)
                .filter(kept)
                .map(|d| f64::from(curve[d]))
                .collect();
            let rest: Vec<f64> = (0..days)
                .filter(kept)
                .map(|d| (total[d] - u64::from(curve[d])) as f64)
                .collect();
            pearson(&net_of(&own, &dump), &net_of(&rest, &dump)).unwrap_or(0.0)
        })
        .collect();
    correlations.sort_by(f64::total_cmp);
    let n = correlations.len();
    Some(if n % 2 == 1 {
        correlations[n / 2]
    } else {
        (correlations[n / 2 - 1] + correlations[n / 2]) / 2.0
    })
}

/// What is left of `x` once its least-squares line on `dump` is taken away (the centred `x`
/// when `dump` is flat).
fn net_of(x: &[f64], dump: &[f64]) -> Vec<f64> {
    let n = x.len() as f64;
    let (mx, mg) = (x.iter().sum::<f64>() / n, dump.iter().sum::<f64>() / n);
    let (mut sxg, mut sgg) = (0.0, 0.0);
    for (a, g) in x.iter().zip(dump) {
        sxg += (a - mx) * (g - mg);
        sgg += (g - mg) * (g - mg);
    }
    let slope = if sgg > 0.0 { sxg / sgg } else { 0.0 };
    x.iter()
        .zip(dump)
        .map(|(a, g)| (a - mx) - slope * (g - mg))
        .collect()
}

/// Pearson's correlation of two equally long series; `None` when either is flat.
fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    // Residuals of a curve the dump explains whole are rounding noise, not a curve.
    (sxx > 1e-9 && syy > 1e-9).then(|| sxy / (sxx * syy).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dump outside the network that posts as much every day.
    fn quiet(days: usize) -> Vec<u64> {
        vec![1_000; days]
    }

    #[test]
    fn days_the_whole_dump_missed_are_not_the_networks() {
        // Three busy accounts posting on patterns of their own, and nothing on days 5 to 7,
        // which the collection missed for everyone: the gap alone makes each follow the others.
        let own = |m: usize, d: usize| 20 + ((d * (m + 2) + m) % 5) as u32;
        let gap = |d: usize| (5..=7).contains(&d);
        let curves: Vec<Vec<u32>> = (0..3)
            .map(|m| {
                (0..21)
                    .map(|d| if gap(d) { 0 } else { own(m, d) })
                    .collect()
            })
            .collect();
        let outside: Vec<u64> = (0..21).map(|d| if gap(d) { 0 } else { 5_000 }).collect();
        let raw = activity_likeness(&curves, &quiet(21)).unwrap();
        assert!(raw > 0.9, "{raw}");
        let net = activity_likeness(&curves, &outside).unwrap();
        assert!(net < 0.3, "{net}");
    }

    #[test]
    fn a_campaign_switched_on_together_rises_and_falls_together() {
        // Three accounts idle on weekdays of a lull, busy on the same campaign days, each with
        // its own small noise: every member follows the other two.
        let days = 21;
        let campaign = |d: usize| if d % 7 < 3 { 20 } else { 1 };
        let curves: Vec<Vec<u32>> = (0..3)
            .map(|m| {
                (0..days)
                    .map(|d| campaign(d) + ((d + m) % 3) as u32)
                    .collect()
            })
            .collect();
        let value = activity_likeness(&curves, &quiet(21)).unwrap();
        assert!(value > 0.95, "{value}");
    }

    #[test]
    fn hand_worked_correlations() {
        // Three rising curves: each against the other two summed, [2, 4, 6, ...], r = 1.
        let up: Vec<u32> = (1..=14).collect();
        let down: Vec<u32> = (1..=14).rev().collect();
        assert_eq!(
            activity_likeness(&[up.clone(), up.clone(), up.clone()], &quiet(14)),
            Some(1.0)
        );
        // Member 0 (up) against up + down = 15 every day: flat, counts 0; so does member 1.
        // Member 2 (down) against up + up: r = -1. Median 0.
        assert_eq!(
            activity_likeness(&[up.clone(), up.clone(), down.clone()], &quiet(14)),
            Some(0.0)
        );
        // Four members, two up and two down: each against one like it and two unlike, whose
        // sum moves against it: up vs up + 2 down = [29, 28, ...] falling, r = -1 for all.
        assert_eq!(
            activity_likeness(&[up.clone(), up, down.clone(), down], &quiet(14)),
            Some(-1.0)
        );
    }

    #[test]
    fn one_shared_burst_is_not_a_curve() {
        // Three accounts posting on patterns of their own, all of them 50 times on day 10 (a
        // giveaway, a retweet burst): with that day, every curve follows the others.
        let own = |m: usize, d: usize| ((d * (m + 2) + m) % 5) as u32;
        let curves: Vec<Vec<u32>> = (0..3)
            .map(|m| {
                (0..21)
                    .map(|d| if d == 10 { 50 } else { own(m, d) })
                    .collect()
            })
            .collect();
        let with_burst: Vec<f64> = (0..3)
            .map(|m| {
                let x: Vec<f64> = curves[m].iter().map(|&c| f64::from(c)).collect();
                let rest: Vec<f64> = (0..21)
                    .map(|d| {
                        (0..3)
                            .filter(|&o| o != m)
                            .map(|o| f64::from(curves[o][d]))
                            .sum()
                    })
                    .collect();
                pearson(&x, &rest).unwrap()
            })
            .collect();
        assert!(with_burst.iter().all(|&r| r > 0.9), "{with_burst:?}");
        let value = activity_likeness(&curves, &quiet(21)).unwrap();
        assert!(value < 0.3, "{value}");
        // Posting together on the burst and on four other days only: too few to compare.
        let sparse: Vec<Vec<u32>> = (0..3)
            .map(|_| {
                (0..21)
                    .map(|d| u32::from(d % 4 == 0 && d < 20) * 3)
                    .collect()
            })
            .collect();
        assert_eq!(activity_likeness(&sparse, &quiet(21)), None);
    }

    #[test]
    fn steady_feeds_and_short_dumps_share_nothing() {
        let flat = vec![vec![5u32; 30]; 4];
        assert_eq!(activity_likeness(&flat, &quiet(30)), Some(0.0));
        let short = vec![(0..13).collect::<Vec<u32>>(); 4];
        assert_eq!(activity_likeness(&short, &quiet(13)), None);
        let pair = vec![(0..30).collect::<Vec<u32>>(); 2];
        assert_eq!(activity_likeness(&pair, &quiet(30)), None);
    }
}
