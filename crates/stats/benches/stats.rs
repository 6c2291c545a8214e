//! Micro-benchmarks of edge statistics.
//!
//! - `stats/chance_model`: [`ChanceModel::new`] on the `coaction` benchmark's workload
//!   (1,000,000 actions, swept and fused once before measuring); throughput in actions.
//! - `stats/assess_all`: [`ChanceModel::assess_all`] on the candidate edges of that workload
//!   (about 3.2 million); throughput in candidates.
//! - `stats/fdr_tally`: [`CandidateTally::add`] of 5,000,000 candidates' p-values (1% of them
//!   from coordinated pairs) and expected chance co-actions, one at a time as selection
//!   gathers them.
//! - `stats/select_by_fdr`: [`CandidateTally::null_counts`] and [`select_by_fdr`] at a 5%
//!   target on the tally of those candidates (the work does not depend on their number).
//!
//! Run with `cargo bench -p lockstep-stats --bench stats`; a shorter run:
//! `cargo bench -p lockstep-stats --bench stats -- --warm-up-time 1 --measurement-time 2
//! --sample-size 10`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lockstep_coaction::{sweep, Fused, ObjectWeighting};
use lockstep_model::{ActionTable, Signal};
use lockstep_stats::{select_by_fdr, CandidateTally, ChanceModel};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[path = "../../coaction/benches/workload/mod.rs"]
mod workload;

/// Candidates selected from.
const CANDIDATES: usize = 5_000_000;

fn chance_model(c: &mut Criterion) {
    let w = workload::generate();
    // Actions are in post order before the sweep sorts them by object.
    let post_accounts: Vec<u32> = w.actions.iter().map(|a| a.account).collect();
    let post_times: Vec<i64> = w.actions.iter().map(|a| a.time).collect();
    let mut table = ActionTable::new(Signal::Reshare);
    table.actions = w.actions;
    let (result, coactions) = sweep(
        table.signal,
        &mut table.actions,
        w.n_objects,
        &workload::CONFIG,
    );
    let fused = Fused::new(vec![(&result, coactions)], ObjectWeighting::Rarity);
    eprintln!("workload: {} candidate edges", fused.len());

    let swept = [(&table, &result)];
    let model = ChanceModel::new(w.n_accounts, &post_accounts, &post_times, &swept);

    let mut group = c.benchmark_group("stats");
    group.throughput(Throughput::Elements(table.actions.len() as u64));
    group.bench_function("chance_model", |b| {
        b.iter(|| ChanceModel::new(w.n_accounts, &post_accounts, &post_times, &swept))
    });
    group.throughput(Throughput::Elements(fused.len() as u64));
    group.bench_function("assess_all", |b| b.iter(|| model.assess_all(&fused)));
    group.finish();
}

fn fdr(c: &mut Criterion) {
    let mut rng = ChaCha8Rng::seed_from_u64(0xfd2);
    // (ln p, expected chance co-actions) per candidate: chance pairs have uniform p-values,
    // coordinated ones far smaller; expectations from 10^-4 to 3, log-uniform.
    let candidates: Vec<(f64, f64)> = (0..CANDIDATES)
        .map(|_| {
            let ln_u = (1.0 - rng.random::<f64>()).ln();
            let ln_p = if rng.random_bool(0.01) {
                30.0 * ln_u - 10.0
            } else {
                ln_u
            };
            (ln_p, 10f64.powf(rng.random_range(-4.0..0.5)))
        })
        .collect();
    let tally_all = || {
        let mut tally = CandidateTally::default();
        for &(ln_p, expected) in &candidates {
            tally.add(ln_p, expected);
        }
        tally
    };
    let tally = tally_all();

    let mut group = c.benchmark_group("stats");
    group.throughput(Throughput::Elements(CANDIDATES as u64));
    group.bench_function("fdr_tally", |b| b.iter(tally_all));
    group.finish();
    c.bench_function("stats/select_by_fdr", |b| {
        b.iter(|| {
            select_by_fdr(
                &tally,
                &tally.null_counts(lockstep_stats::Fusion::single_look(1)),
                0.05,
            )
        })
    });
}

criterion_group! {
    name = chance;
    // Iterations take tenths of a second: fewer samples than the default 100.
    config = Criterion::default().sample_size(20);
    targets = chance_model
}
criterion_group!(selection, fdr);
criterion_main!(chance, selection);
