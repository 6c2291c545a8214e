//! A cluster run, simulated in one process: the objects of each signal and then the account
//! pairs are split into partitions as a cluster would split them (by hash, a different number
//! each time), every message goes through its byte encoding, and the files written are those
//! of a single run, byte for byte. Objects with more actions than a slice holds are cut into
//! slices, paired apart and their co-actions reduced to episodes by object and pair.

use lockstep::cluster::{
    episodes_part, from_bytes, pair_slice_part, sweep_part, to_bytes, weigh_part, ClusterRun,
    Selection, SweepPlan,
};
use lockstep::{detect, write_outputs, DetectConfig, EdgeRule, NoProgress};
use lockstep_coaction::{CoAction, ObjectShares, SweepStats};
use lockstep_ingest::Input;
use lockstep_model::{Action, ObjectId, Signal, StrColumn};
use lockstep_neardup::{band_keys, bucket_pairs, BandKey, BucketPairSource, NearDupConfig};
use lockstep_networks::MinEvidence;
use lockstep_stats::{CandidateTally, ChanceModel, IncidencePart};
use lockstep_synth::{generate, SynthConfig};
use std::collections::HashMap;
use std::path::Path;

fn spread(x: u64, parts: u64) -> u64 {
    x.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29) % parts
}

/// The texts' bucket pairs as executors find them: the distinct texts split into `parts` by
/// hash, each part's band keys computed on its own and renumbered, the keys gathered into
/// `parts` parts by band and key, each part's buckets paired on its own, and every band's
/// pairs handed out in no particular order.
struct ExecutorBuckets {
    parts: u64,
    keys: Vec<BandKey>,
    pairs: Vec<(u32, u32, u32)>,
}

impl BucketPairSource for ExecutorBuckets {
    type Error = anyhow::Error;

    fn start(&mut self, texts: &StrColumn, config: &NearDupConfig) -> anyhow::Result<()> {
        for part in 0..self.parts {
            let ids: Vec<u32> = (0..texts.len() as u32)
                .filter(|&i| spread(u64::from(i), self.parts) == part)
                .collect();
            let mut column = StrColumn::default();
            for &i in &ids {
                column.push(texts.get(i as usize));
            }
            self.keys
                .extend(band_keys(&column, config).into_iter().map(|k| BandKey {
                    text: ids[k.text as usize],
                    ..k
                }));
        }
        for part in 0..self.parts {
            let mut keys: Vec<BandKey> = self
                .keys
                .iter()
                .filter(|k| spread(k.key ^ u64::from(k.band), self.parts) == part)
                .copied()
                .collect();
            self.pairs.extend(bucket_pairs(&mut keys));
        }
        Ok(())
    }

    fn band(&mut self, band: usize) -> anyhow::Result<Vec<(u32, u32)>> {
        Ok(self
            .pairs
            .iter()
            .rev()
            .filter(|p| p.0 as usize == band)
            .map(|p| (p.1, p.2))
            .collect())
    }
}

/// The actions of one slice as an executor receives them: its object, the actions, how many
/// are context, and the object's distinct accounts.
type SliceRows = (ObjectId, Vec<Action>, usize, u32);

/// Runs the cluster protocol on `config` with `object_parts` and `pair_parts` partitions,
/// objects of more than `slice_actions` actions cut into slices. Returns the number of slices.
fn cluster_run(
    config: &DetectConfig,
    out: &Path,
    object_parts: u64,
    pair_parts: u64,
    slice_actions: usize,
) -> usize {
    let mut buckets = ExecutorBuckets {
        parts: object_parts,
        keys: Vec::new(),
        pairs: Vec::new(),
    };
    let mut run = ClusterRun::new(config.clone(), &NoProgress, Some(&mut buckets), None).unwrap();
    let plan: SweepPlan = from_bytes(&to_bytes(run.plan()).unwrap()).unwrap();
    let slices = run.cut_viral_objects(slice_actions).unwrap();
    // Sweep: every signal's actions partitioned by object and slice.
    let mut parts = Vec::new();
    let mut objects = Vec::new();
    let mut stats = Vec::new();
    let mut coactions: Vec<(CoAction, u32)> = Vec::new();
    let mut sliced: Vec<(CoAction, u32)> = Vec::new();
    for &(signal, _) in &plan.signals {
        let mut partitions: Vec<Vec<Action>> = vec![Vec::new(); object_parts as usize];
        let mut slice_rows: HashMap<(ObjectId, u32), SliceRows> = HashMap::new();
        for shipped in run.shipped(signal).unwrap() {
            let a = shipped.action;
            if shipped.slice == 0 {
                partitions[spread(u64::from(a.object), object_parts) as usize].push(a);
                continue;
            }
            let rows = slice_rows.entry((a.object, shipped.slice)).or_insert((
                a.object,
                Vec::new(),
                0,
                shipped.accounts,
            ));
            rows.1.push(a);
            rows.2 += usize::from(!shipped.owned);
        }
        for (_, (_, mut carried, context, accounts)) in slice_rows {
            // Executors receive their actions in no particular order.
            carried.reverse();
            let found = pair_slice_part(&plan, signal, &mut carried, context).unwrap();
            sliced.extend(found.into_iter().map(|c| (c, accounts)));
        }
        let (mut signal_parts, mut signal_objects) = (Vec::new(), Vec::new());
        for mut actions in partitions {
            actions.reverse();
            let part = sweep_part(&plan, signal, &mut actions).unwrap();
            coactions.extend(
                part.coactions
                    .iter()
                    .map(|c| (*c, part.accounts_of(c.object))),
            );
            let incidence: IncidencePart = from_bytes(&to_bytes(&part.incidence).unwrap()).unwrap();
            let counts: SweepStats = from_bytes(&to_bytes(&part.stats).unwrap()).unwrap();
            signal_parts.push(incidence);
            signal_objects.extend(part.objects);
            stats.push((signal, counts));
        }
        parts.push((signal, signal_parts));
        objects.push((signal, signal_objects));
    }
    // Episodes: the slices' co-actions partitioned by object and account pair.
    let mut by_object_pair: Vec<Vec<(CoAction, u32)>> = vec![Vec::new(); pair_parts as usize];
    for (c, k) in sliced {
        let key = (u64::from(c.object) << 40) ^ (u64::from(c.a) << 20) ^ u64::from(c.b);
        by_object_pair[spread(key, pair_parts) as usize].push((c, k));
    }
    for part in by_object_pair {
        let accounts: HashMap<(Signal, ObjectId), u32> = part
            .iter()
            .map(|(c, k)| ((c.signal, c.object), *k))
            .collect();
        let episodes = episodes_part(&plan, part.into_iter().map(|(c, _)| c).collect()).unwrap();
        let kept = episodes.coactions.into_iter();
        coactions.extend(kept.map(|c| (c, accounts[&(c.signal, c.object)])));
        for (signal, counts) in episodes.counts {
            stats.push((signal, from_bytes(&to_bytes(&counts).unwrap()).unwrap()));
        }
    }
    let model = run.model(parts, objects, stats).unwrap();
    let model: ChanceModel = from_bytes(&to_bytes(model).unwrap()).unwrap();
    // Weigh: the co-actions partitioned by account pair.
    let accounts: HashMap<(Signal, ObjectId), u32> = coactions
        .iter()
        .map(|(c, k)| ((c.signal, c.object), *k))
        .collect();
    let mut by_pair: Vec<Vec<CoAction>> = vec![Vec::new(); pair_parts as usize];
    for (c, _) in &coactions {
        let key = (u64::from(c.a) << 32) | u64::from(c.b);
        by_pair[spread(key, pair_parts) as usize].push(*c);
    }
    let mut tallies = Vec::new();
    let mut kept = Vec::new();
    for part in by_pair {
        let weighed = weigh_part(&plan, &model, part, |s, o| accounts[&(s, o)]);
        let tally: CandidateTally = from_bytes(&to_bytes(&weighed.tally).unwrap()).unwrap();
        tallies.push(tally);
        kept.extend(weighed.kept);
    }
    let selection = run.select(tallies).unwrap();
    let expected = match config.selection {
        EdgeRule::Fdr { .. } => matches!(selection, Selection::AtMost(_)),
        EdgeRule::MinEvidence(_) => selection == Selection::All,
    };
    assert!(expected, "{selection:?}");
    let selected = kept
        .into_iter()
        .filter(|(_, ln_p)| selection.keeps(*ln_p))
        .map(|(c, _)| c)
        .collect();
    let outcome = run.finish(selected, &NoProgress).unwrap();
    write_outputs(&outcome, config, out).unwrap();
    slices
}

/// A generated dataset of the smallest size in `dir`, its detection configuration at the
/// defaults.
fn generated(dir: &Path, seed: u64) -> DetectConfig {
    let data = dir.join("data");
    let synth = SynthConfig {
        accounts: SynthConfig::MIN_ACCOUNTS,
        seed,
        ..SynthConfig::demo()
    };
    generate(&synth, &data).unwrap();
    DetectConfig::new(vec![Input::Path(data.join("posts.csv"))])
}

/// Asserts that each of `names` is the same file in `single` and `cluster`.
fn assert_same_files(single: &Path, cluster: &Path, names: &[&str], context: &str) {
    for name in names {
        let a = std::fs::read(single.join(name)).unwrap();
        let b = std::fs::read(cluster.join(name)).unwrap();
        assert!(a == b, "{name} differs {context}");
    }
}

#[test]
fn a_cluster_run_writes_the_files_of_a_single_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = generated(dir.path(), 5);
    // Every signal, the text signal's narratives and a window long enough for a tight look.
    config.windows.insert(Signal::Link, 2 * 3_600_000);
    let single = detect(&config, &NoProgress).unwrap();
    write_outputs(&single, &config, &dir.path().join("single")).unwrap();
    assert!(single.networks.len() >= 3, "{}", single.networks.len());
    // Objects sent whole, and objects of more than 12 actions cut into slices of 12 (or 5):
    // most co-actions of the data are then found in slices.
    for (object_parts, pair_parts, slice_actions) in [
        (3, 4, usize::MAX),
        (7, 1, usize::MAX),
        (3, 4, 12),
        (2, 5, 5),
    ] {
        let out = dir.path().join(format!(
            "cluster-{object_parts}-{pair_parts}-{slice_actions}"
        ));
        let slices = cluster_run(&config, &out, object_parts, pair_parts, slice_actions);
        assert_eq!(slices == 0, slice_actions == usize::MAX, "{slices} slices");
        assert_same_files(
            &dir.path().join("single"),
            &out,
            &[
                "accounts.csv",
                "edges.csv",
                "evidence.csv",
                "networks.json",
                "narratives.csv",
            ],
            &format!(
                "with {object_parts} object and {pair_parts} pair partitions, \
                 slices of {slice_actions}"
            ),
        );
        // run.json: the same but for the timings and memory.
        let strip = |p: &Path| {
            let mut v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(p.join("run.json")).unwrap()).unwrap();
            let o = v.as_object_mut().unwrap();
            for key in ["timings_s", "peak_memory_mib"] {
                o.remove(key);
            }
            v
        };
        assert_eq!(strip(&dir.path().join("single")), strip(&out));
    }
}

#[test]
fn the_fixed_evidence_rule_brings_back_every_kept_candidate() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = generated(dir.path(), 6);
    config.selection = EdgeRule::MinEvidence(MinEvidence {
        min_weight: 2.0,
        min_objects: 3,
    });
    let single = detect(&config, &NoProgress).unwrap();
    write_outputs(&single, &config, &dir.path().join("single")).unwrap();
    assert!(single.edges.len() > 100, "{}", single.edges.len());
    let out = dir.path().join("cluster");
    cluster_run(&config, &out, 2, 3, 8);
    assert_same_files(
        &dir.path().join("single"),
        &out,
        &["accounts.csv", "edges.csv", "evidence.csv", "networks.json"],
        "under the fixed evidence rule",
    );
}

#[test]
fn shares_of_objects_a_partition_does_not_hold_are_empty() {
    let plan = SweepPlan {
        signals: vec![(
            Signal::Hashtag,
            lockstep_coaction::SweepConfig {
                window_ms: 60_000,
                max_neighbours: 100,
                max_accounts: u32::MAX,
            },
        )],
        weighting: lockstep_coaction::ObjectWeighting::Rarity,
        min_evidence: None,
    };
    let act = |object, time, account| Action {
        object,
        time,
        account,
        post: account,
    };
    let mut actions = vec![act(4, 10_000, 1), act(4, 0, 0), act(9, 0, 2)];
    let part = sweep_part(&plan, Signal::Hashtag, &mut actions).unwrap();
    assert_eq!(part.coactions.len(), 1);
    assert_eq!((part.coactions[0].a, part.coactions[0].b), (0, 1));
    assert_eq!(part.accounts_of(4), 2);
    assert_eq!(part.accounts_of(9), 1);
    assert_eq!(part.accounts_of(5), 0);
    assert_eq!(
        part.objects[0],
        (
            4,
            ObjectShares {
                accounts: 2,
                window: 1.0,
                tight: 0.0
            }
        )
    );
    assert!(sweep_part(&plan, Signal::Link, &mut actions).is_err());
}

#[test]
fn actions_go_out_only_once_the_viral_objects_are_cut() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts.csv");
    // One tag used by three accounts within a minute: an object of three actions.
    std::fs::write(
        &posts,
        "account_id,timestamp,hashtags\n\
         a,2024-01-01T00:00:00Z,x\nb,2024-01-01T00:00:10Z,x\nc,2024-01-01T00:00:20Z,x\n",
    )
    .unwrap();
    let config = DetectConfig::new(vec![Input::Path(posts)]);
    let mut run = ClusterRun::new(config, &NoProgress, None, None).unwrap();
    assert!(run.shipped(Signal::Hashtag).is_err());
    // Cut at two actions: two slices, the second carrying both earlier actions as context.
    assert_eq!(run.cut_viral_objects(2).unwrap(), 2);
    let shipped: Vec<(u32, bool)> = run
        .shipped(Signal::Hashtag)
        .unwrap()
        .map(|s| (s.slice, s.owned))
        .collect();
    assert_eq!(
        shipped,
        vec![(1, true), (1, true), (2, false), (2, false), (2, true)]
    );
    assert!(run.cut_viral_objects(2).is_err());
}
