//! Micro-benchmarks of the co-action kernel on one signal of 1,000,000 actions (see
//! `workload/mod.rs`: ordinary objects, planted groups and two viral objects of 10,000 actions
//! inside the window, where the `max_neighbours` cap applies).
//!
//! - `coaction/sweep`: [`sweep`] with the default one-hour window and cap of 100, from actions
//!   in time order (a fresh copy each iteration, as the sweep sorts them in place); throughput
//!   in actions.
//! - `coaction/fuse_edges`: [`Fused::new`] on the sweep's co-actions (about 3.4 million), then
//!   every candidate edge built by [`Fused::par_edges`]; throughput in co-actions.
//!
//! Run with `cargo bench -p lockstep-coaction --bench coaction`; a shorter run:
//! `cargo bench -p lockstep-coaction --bench coaction -- --warm-up-time 1 --measurement-time 2
//! --sample-size 10`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use lockstep_coaction::{sweep, Fused, ObjectWeighting};
use lockstep_model::Signal;
use rayon::iter::ParallelIterator;
use std::hint::black_box;

mod workload;

fn coaction(c: &mut Criterion) {
    let w = workload::generate();
    let mut actions = w.actions.clone();
    let (result, coactions) = sweep(
        Signal::Reshare,
        &mut actions,
        w.n_objects,
        &workload::CONFIG,
    );
    let s = &result.stats;
    eprintln!(
        "workload: {} actions by {} accounts on {} objects; {} co-actions, {} action pairs \
         examined, {} skipped by the cap on {} objects",
        s.actions,
        w.n_accounts,
        s.objects,
        s.coactions,
        s.pairs_examined,
        s.pairs_skipped,
        s.capped_objects
    );

    let mut group = c.benchmark_group("coaction");
    group.throughput(Throughput::Elements(w.actions.len() as u64));
    group.bench_function("sweep", |b| {
        b.iter_batched(
            || w.actions.clone(),
            |mut actions| {
                sweep(
                    Signal::Reshare,
                    &mut actions,
                    w.n_objects,
                    &workload::CONFIG,
                )
            },
            BatchSize::PerIteration,
        )
    });
    group.throughput(Throughput::Elements(coactions.len() as u64));
    group.bench_function("fuse_edges", |b| {
        b.iter_batched(
            || coactions.clone(),
            |coactions| {
                let fused = Fused::new(vec![(&result, coactions)], ObjectWeighting::Rarity);
                black_box(fused.par_edges().map(|e| e.weight).sum::<f64>())
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Iterations take tenths of a second: fewer samples than the default 100.
    config = Criterion::default().sample_size(20);
    targets = coaction
}
criterion_main!(benches);
