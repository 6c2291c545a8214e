//! The terminal summary of an evaluation.

use std::fmt::Write;

use crate::Evaluation;

/// Renders `e` as a few aligned tables.
pub(crate) fn render(e: &Evaluation) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "truth: {} accounts ({} planted, {} hard negatives, {} organic)",
        e.truth_accounts, e.planted_accounts, e.hard_accounts, e.plain_accounts
    );
    let _ = write!(
        s,
        "flagged: {} accounts in {} networks",
        e.flagged_accounts, e.detected_networks
    );
    if e.unknown_flagged > 0 {
        let _ = write!(
            s,
            " (plus {} not in the truth, e.g. {})",
            e.unknown_flagged,
            e.unknown_examples.join(", ")
        );
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "precision {:.3}  recall {:.3}  F1 {:.3}  ARI {:.3}   (TP {}, FP {}, FN {})",
        e.precision,
        e.recall,
        e.f1,
        e.adjusted_rand_index,
        e.true_positives,
        e.false_positives,
        e.false_negatives
    );
    if let (Some(roc), Some(pr)) = (e.roc_auc, e.pr_auc) {
        let _ = writeln!(s, "account score: ROC-AUC {roc:.3}  PR-AUC {pr:.3}");
    }
    if e.cleared_accounts > 0 {
        let _ = writeln!(
            s,
            "not counted as flagged: {} accounts in networks judged authentic-looking",
            e.cleared_accounts
        );
    }

    if !e.networks.is_empty() {
        let _ = writeln!(
            s,
            "\n{:<16} {:<20} {:>5} {:>7} {:>6}  {:<16} {:>5} {:>6}",
            "planted network",
            "kind",
            "size",
            "flagged",
            "recall",
            "best network",
            "share",
            "purity"
        );
        for n in &e.networks {
            let _ = write!(
                s,
                "{:<16} {:<20} {:>5} {:>7} {:>6.2}",
                n.label, n.kind, n.size, n.flagged, n.recall
            );
            match &n.best_match {
                Some(m) => {
                    let _ = writeln!(
                        s,
                        "  {:<16} {:>5.2} {:>6.2}",
                        m.network_id, m.share, m.purity
                    );
                }
                None => {
                    let _ = writeln!(s, "  {:<16} {:>5} {:>6}", "-", "-", "-");
                }
            }
        }
        let _ = writeln!(
            s,
            "\n{:<37} {:>6} {:>7} {:>7} {:>8}",
            "planted kind", "groups", "members", "flagged", "recall"
        );
        for k in &e.planted_kinds {
            let _ = writeln!(
                s,
                "{:<37} {:>6} {:>7} {:>7} {:>8.2}",
                k.kind, k.groups, k.members, k.flagged, k.fraction
            );
        }
    }

    let _ = writeln!(
        s,
        "\n{:<16} {:<20} {:>7} {:>7} {:>8}",
        "hard negatives", "kind", "members", "flagged", "fraction"
    );
    for g in &e.hard_groups {
        let _ = writeln!(
            s,
            "{:<16} {:<20} {:>7} {:>7} {:>8.2}",
            g.label, g.kind, g.members, g.flagged, g.fraction
        );
    }
    for k in &e.hard_kinds {
        let _ = writeln!(
            s,
            "{:<16} {:<20} {:>7} {:>7} {:>8.2}",
            "all", k.kind, k.members, k.flagged, k.fraction
        );
    }
    let _ = writeln!(
        s,
        "{:<16} {:<20} {:>7} {:>7} {:>8.2}",
        "organic", "organic", e.organic.members, e.organic.flagged, e.organic.fraction
    );
    s
}
