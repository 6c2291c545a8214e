//! The terminal summary of a detection: input accounting and the top networks.

use lockstep::{input_notes, DetectOutcome};
use lockstep_model::{Signal, TimeMs};
use lockstep_output::summarise_network;
use std::collections::BTreeMap;

/// Prints what was read (with notes on how times were read, given the signals' windows) and the
/// `top` highest-ranked networks.
pub fn print_summary(outcome: &DetectOutcome, windows: &BTreeMap<Signal, TimeMs>, top: usize) {
    let acc = &outcome.accounting;
    let rejected = acc.rows_read() - acc.rows_used();
    println!(
        "read {} rows: {} used, {} rejected; {} accounts, {} posts",
        acc.rows_read(),
        acc.rows_used(),
        rejected,
        outcome.dataset.accounts.len(),
        outcome.dataset.post_times.len()
    );
    for (reason, n) in acc.rejected_by_reason() {
        println!("  rejected: {n} {reason}");
    }
    for note in input_notes(acc, windows, outcome.time_detail).notes {
        println!("  note: {note}");
    }
    for file in &acc.files {
        for (kind, n) in &file.skipped {
            println!("  skipped: {n} {kind} ({})", file.source);
        }
    }
    let in_networks: usize = outcome.networks.iter().map(|n| n.members.len()).sum();
    println!(
        "{} candidate edges, {} selected; {} networks with {} accounts",
        outcome.candidate_edges,
        outcome.edges.len(),
        outcome.networks.len(),
        in_networks
    );
    if let Some(fdr) = &outcome.statistics.fdr {
        println!(
            "  edges kept at p <= {:.2e}: about {:.1} of {} expected by chance (estimated FDR {:.2}%, target {:.2}%)",
            fdr.p_threshold,
            fdr.expected_false_edges,
            fdr.selected,
            100.0 * fdr.estimated_fdr,
            100.0 * fdr.target
        );
    }
    if outcome.networks.is_empty() {
        return;
    }
    println!("\n rank  size    score  density  verdict            signals");
    let detection = outcome.detection();
    for (n, (net, profile)) in outcome
        .networks
        .iter()
        .zip(&outcome.network_profiles)
        .enumerate()
        .take(top)
    {
        let mut signals: Vec<&str> = Vec::new();
        for &i in &net.edges {
            for s in outcome.edges[i].signals() {
                if !signals.contains(&s.name()) {
                    signals.push(s.name());
                }
            }
        }
        println!(
            "{:>5} {:>5} {:>8.2} {:>8.2}  {:<18} {}",
            net.id,
            net.members.len(),
            net.score.score,
            net.score.density,
            profile.verdict.name(),
            signals.join(",")
        );
        println!(
            "{}",
            indented(&summarise_network(&detection, n).text, 7, 96)
        );
    }
    if outcome.networks.len() > top {
        println!(
            "  ... {} more in networks.json",
            outcome.networks.len() - top
        );
    }
}

/// `text` wrapped at `width` columns, each line indented by `indent` spaces.
fn indented(text: &str, indent: usize, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent + line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    let pad = " ".repeat(indent);
    lines
        .iter()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::indented;

    #[test]
    fn wraps_and_indents() {
        assert_eq!(
            indented("one two three four", 2, 12),
            "  one two\n  three four"
        );
        assert_eq!(indented("", 2, 12), "");
    }
}
