//! Tail probabilities in log space: Poisson upper tails and chi-square upper tails with even
//! degrees of freedom. Evidence of coordination often has p-values far below `f64::MIN_POSITIVE`,
//! so every function returns the natural logarithm of the probability.

/// `ln(n!)` for n below 256, summed once.
static LN_FACTORIALS: std::sync::LazyLock<[f64; 256]> = std::sync::LazyLock::new(|| {
    let mut table = [0.0; 256];
    for n in 2..256 {
        table[n] = table[n - 1] + (n as f64).ln();
    }
    table
});

/// `ln(n!)`: exact below 256 (a table), Stirling's series above (error below 1e-12).
pub fn ln_factorial(n: u64) -> f64 {
    if n < 256 {
        LN_FACTORIALS[n as usize]
    } else {
        let x = n as f64 + 1.0;
        // ln Γ(x) by Stirling's series.
        (x - 0.5) * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI).ln() + 1.0 / (12.0 * x)
            - 1.0 / (360.0 * x.powi(3))
    }
}

/// `ln P(X >= x)` for `X ~ Poisson(lambda)`. `lambda` must be finite and non-negative.
pub fn ln_poisson_upper_tail(x: u64, lambda: f64) -> f64 {
    if x == 0 {
        return 0.0;
    }
    if lambda <= 0.0 {
        return f64::NEG_INFINITY;
    }
    let xf = x as f64;
    if xf > lambda {
        // P(X >= x) = pmf(x) * Σ_{n≥0} λ^n / ((x+1)…(x+n)); the terms shrink geometrically.
        let ln_pmf = -lambda + xf * lambda.ln() - ln_factorial(x);
        let (mut term, mut sum, mut n) = (1.0f64, 1.0f64, 1.0f64);
        while term > sum * 1e-17 && n < 10_000.0 {
            term *= lambda / (xf + n);
            sum += term;
            n += 1.0;
        }
        ln_pmf + sum.ln()
    } else {
        // The tail is not small here: 1 - P(X < x), summing the pmf upwards.
        let mut ln_term = -lambda;
        let mut below = 0.0;
        for k in 0..x {
            below += ln_term.exp();
            ln_term += lambda.ln() - ((k + 1) as f64).ln();
        }
        (1.0 - below).max(0.0).ln()
    }
}

/// `ln P(χ² >= t)` with `2 * half_df` degrees of freedom:
/// `e^{-t/2} Σ_{k<half_df} (t/2)^k / k!`.
pub fn ln_chi2_upper_tail_even(t: f64, half_df: u32) -> f64 {
    if t <= 0.0 {
        return 0.0;
    }
    let h = t / 2.0;
    let ln_h = h.ln();
    let term = |k: u32| f64::from(k) * ln_h - ln_factorial(u64::from(k));
    let max = (0..half_df).map(term).fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = (0..half_df).map(|k| (term(k) - max).exp()).sum();
    (-h + max + sum.ln()).min(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    #[test]
    fn factorials() {
        assert!(close(ln_factorial(5), 120f64.ln(), 1e-14));
        // ln(300!) = 1414.905849..., checked against the exact big-integer value.
        let exact: f64 = (2..=300u64).map(|k| (k as f64).ln()).sum();
        assert!(close(ln_factorial(300), exact, 1e-12));
    }

    #[test]
    fn poisson_tails_by_hand() {
        // P(X >= 1 | λ=2) = 1 - e^-2 = 0.864664...
        assert!(close(
            ln_poisson_upper_tail(1, 2.0).exp(),
            1.0 - (-2f64).exp(),
            1e-12
        ));
        // P(X >= 3 | λ=0.5) = 1 - e^-0.5 (1 + 0.5 + 0.125) = 0.0143877...
        let expected = 1.0 - (-0.5f64).exp() * 1.625;
        assert!(close(ln_poisson_upper_tail(3, 0.5).exp(), expected, 1e-10));
        // P(X >= 2 | λ=2) = 1 - 3e^-2 = 0.593994...
        let expected = 1.0 - 3.0 * (-2f64).exp();
        assert!(close(ln_poisson_upper_tail(2, 2.0).exp(), expected, 1e-12));
        assert_eq!(ln_poisson_upper_tail(0, 5.0), 0.0);
        assert_eq!(ln_poisson_upper_tail(1, 0.0), f64::NEG_INFINITY);
    }

    #[test]
    fn far_tail_stays_finite_in_log_space() {
        // P(X >= 200 | λ=0.01) = pmf(200) (1 + λ/201 + λ²/(201·202) + …), pmf(200) =
        // e^-0.01 0.01^200 / 200!: far below f64's range.
        let l = ln_poisson_upper_tail(200, 0.01);
        let pmf = -0.01 + 200.0 * 0.01f64.ln() - ln_factorial(200);
        let series: f64 = 1.0 + 0.01 / 201.0 + 0.0001 / (201.0 * 202.0);
        assert!(close(l, pmf + series.ln(), 1e-12));
        assert!(l < -1000.0);
    }

    #[test]
    fn chi2_tails_by_hand() {
        // df 2: P = e^{-t/2}.
        assert!(close(ln_chi2_upper_tail_even(6.0, 1), -3.0, 1e-12));
        // df 4: P = e^{-t/2} (1 + t/2); t = 4: 3 e^-2.
        assert!(close(
            ln_chi2_upper_tail_even(4.0, 2).exp(),
            3.0 * (-2f64).exp(),
            1e-12
        ));
        assert_eq!(ln_chi2_upper_tail_even(0.0, 3), 0.0);
    }
}
