//! Choosing edges at a target false discovery rate (Benjamini–Hochberg over candidate edges).

use serde::Serialize;

/// The outcome of a Benjamini–Hochberg selection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FdrSelection {
    /// Target false discovery rate.
    pub target: f64,
    /// Edges tested (the candidates).
    pub tested: usize,
    /// Edges kept.
    pub selected: usize,
    /// Largest p-value kept (0 when nothing is kept).
    pub p_threshold: f64,
    /// Estimated share of kept edges that are chance: `tested × p_threshold / selected`.
    pub estimated_fdr: f64,
    /// One flag per edge.
    #[serde(skip)]
    pub keep: Vec<bool>,
    /// Benjamini–Hochberg q-value of every edge (the smallest FDR at which it would be kept).
    #[serde(skip)]
    pub q_values: Vec<f64>,
}

/// Keeps the edges whose p-values (given as natural logs) pass Benjamini–Hochberg at `target`.
pub fn benjamini_hochberg(ln_p: &[f64], target: f64) -> FdrSelection {
    let m = ln_p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&x, &y| ln_p[x].total_cmp(&ln_p[y]).then(x.cmp(&y)));
    let ln_m = (m as f64).ln();
    // ln of m p_(i) / i for the i-th smallest p-value (1-based).
    let ln_ratio: Vec<f64> = order
        .iter()
        .enumerate()
        .map(|(i, &e)| ln_m + ln_p[e] - ((i + 1) as f64).ln())
        .collect();
    let ln_target = target.ln();
    let selected = ln_ratio
        .iter()
        .rposition(|&r| r <= ln_target)
        .map_or(0, |i| i + 1);
    let mut q_values = vec![1.0; m];
    let mut running = 0.0f64;
    for i in (0..m).rev() {
        running = if i == m - 1 {
            ln_ratio[i].min(0.0)
        } else {
            running.min(ln_ratio[i])
        };
        q_values[order[i]] = running.exp();
    }
    let mut keep = vec![false; m];
    for &e in &order[..selected] {
        keep[e] = true;
    }
    let p_threshold = if selected > 0 {
        ln_p[order[selected - 1]].exp()
    } else {
        0.0
    };
    let estimated_fdr = if selected > 0 {
        (ln_ratio[selected - 1].exp()).min(1.0)
    } else {
        0.0
    };
    FdrSelection {
        target,
        tested: m,
        selected,
        p_threshold,
        estimated_fdr,
        keep,
        q_values,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_example() {
        // p = 0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216; m = 10.
        // BH at 0.05: thresholds 0.005 i; p_(2)=0.008 ≤ 0.010 is the last pass, so 2 kept.
        let p = [
            0.039, 0.001, 0.041, 0.008, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216,
        ];
        let ln: Vec<f64> = p.iter().map(|x: &f64| x.ln()).collect();
        let s = benjamini_hochberg(&ln, 0.05);
        assert_eq!(s.selected, 2);
        assert_eq!(
            s.keep,
            vec![false, true, false, true, false, false, false, false, false, false]
        );
        assert!((s.p_threshold - 0.008).abs() < 1e-12);
        // Estimated FDR = 10 × 0.008 / 2 = 0.04.
        assert!((s.estimated_fdr - 0.04).abs() < 1e-12);
        // q of 0.039 (rank 3): min(10·0.039/3, 10·0.041/4, 10·0.042/5, ...) = 0.084.
        assert!((s.q_values[0] - 0.084).abs() < 1e-12);
        assert!((s.q_values[1] - 0.01).abs() < 1e-12);
    }

    #[test]
    fn nothing_passes_and_empty_input() {
        let s = benjamini_hochberg(&[(0.5f64).ln(), (0.9f64).ln()], 0.01);
        assert_eq!((s.selected, s.p_threshold, s.estimated_fdr), (0, 0.0, 0.0));
        let s = benjamini_hochberg(&[], 0.01);
        assert_eq!(s.tested, 0);
    }
}
