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
///
/// `P(X >= x)` is the regularised lower incomplete gamma function `P(x, λ)`. Below `λ < x + 1`
/// its power series converges fast; above, the upper function `Q(x, λ) = P(X < x)` comes from
/// its continued fraction (modified Lentz), which needs `O(√λ)` terms at most, so a tail costs
/// little even when a pair expects thousands of co-actions.
pub fn ln_poisson_upper_tail(x: u64, lambda: f64) -> f64 {
    if x == 0 {
        return 0.0;
    }
    if lambda <= 0.0 {
        return f64::NEG_INFINITY;
    }
    let xf = x as f64;
    if lambda < xf + 1.0 {
        // P(X >= x) = pmf(x) * Σ_{n≥0} λ^n / ((x+1)…(x+n)); the terms shrink geometrically.
        let (mut term, mut sum, mut n) = (1.0f64, 1.0f64, 1.0f64);
        while term > sum * 1e-17 && n < 100_000.0 {
            term *= lambda / (xf + n);
            sum += term;
            n += 1.0;
        }
        ln_poisson_pmf(x, lambda) + sum.ln()
    } else {
        let ln_q = ln_gamma_q_continued_fraction(xf, lambda);
        (-ln_q.exp()).ln_1p()
    }
}

/// `ln P(X = x)` for `X ~ Poisson(lambda)`, `lambda > 0`.
pub fn ln_poisson_pmf(x: u64, lambda: f64) -> f64 {
    -lambda + x as f64 * lambda.ln() - ln_factorial(x)
}

/// `ln Q(a, z)`, the regularised upper incomplete gamma function for integer `a ≥ 1` and
/// `z ≥ a`, by its continued fraction `Γ(a, z) = e^{-z} z^a / (z + 1 − a − 1·(1 − a) / (z + 3 − a
/// − …))`.
fn ln_gamma_q_continued_fraction(a: f64, z: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut b = z + 1.0 - a;
    let mut c = 1.0 / TINY;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..100_000u32 {
        let an = -f64::from(i) * (f64::from(i) - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < TINY {
            d = TINY;
        }
        c = b + an / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    // e^{-z} z^a / Γ(a) with Γ(a) = (a − 1)!.
    -z + a * z.ln() - ln_factorial(a as u64 - 1) + h.ln()
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
    fn large_means_agree_with_summed_probabilities() {
        // Against the tail summed term by term in log space from x upwards (terms beyond
        // x + 60√λ are below e^-1000 of the first), for means of thousands.
        for &(x, lambda) in &[
            (900u64, 1000.0),
            (1000, 1000.0),
            (1100, 1000.0),
            (5300, 5000.0),
        ] {
            let mut ln_terms = Vec::new();
            let mut ln_term = ln_poisson_pmf(x, lambda);
            for k in x..x + 60 * lambda.sqrt() as u64 {
                ln_terms.push(ln_term);
                ln_term += lambda.ln() - ((k + 1) as f64).ln();
            }
            let max = ln_terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let summed = max + ln_terms.iter().map(|t| (t - max).exp()).sum::<f64>().ln();
            let got = ln_poisson_upper_tail(x, lambda);
            assert!(
                (got - summed).abs() < 1e-9,
                "x {x} λ {lambda}: {got} vs {summed}"
            );
        }
        // Far below the mean the tail is 1 up to rounding; no underflow of e^{-λ} to 0 matters.
        assert!(ln_poisson_upper_tail(10, 50_000.0).abs() < 1e-12);
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
