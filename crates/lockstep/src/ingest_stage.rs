//! The ingest stage: read the posts and build their traces, on every core.
//!
//! A reader thread parses the inputs (row accounting, rejects and duplicate post ids stay
//! sequential, in input order) and hands owned records over in chunks of bounded size. Each
//! chunk is prepared in parallel (URL canonicalisation, tag folding, text normalisation) and
//! then committed in input order, so dense ids and every output are the same whatever the
//! number of threads. Committed chunks go back to the reader to be filled again, so memory
//! stays bounded by a few chunks and the reader allocates nothing once they exist.

use crate::config::DetectConfig;
use crate::progress::Progress;
use anyhow::Result;
use lockstep_ingest::{read_posts, AccountProfile, Accounting, OwnedRecords};
use lockstep_model::{Dataset, SignalSet};
use lockstep_traces::{prepare, PreparedPost, TextRules, TraceBuilder, TraceStats};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;

/// Records per chunk handed from the reader to the preparing threads.
const CHUNK: usize = 32 * 1024;

/// Bytes of strings after which a chunk is handed on with fewer records.
const CHUNK_BYTES: usize = 64 << 20;

/// Chunks read ahead of the one being prepared.
const CHUNKS_AHEAD: usize = 2;

/// Everything the ingest stage produced.
pub(crate) struct Ingested {
    pub(crate) dataset: Dataset,
    pub(crate) accounting: Accounting,
    pub(crate) traces: TraceStats,
    /// Account profiles carried by the posts (platform exports), first one per account.
    pub(crate) carried: BTreeMap<String, AccountProfile>,
}

/// Posts prepared elsewhere (by a cluster's executors), found by the input and line of their
/// record.
pub trait PreparedElsewhere: Sync {
    /// What the record at `line` (numbered from 1) of the input named `source` prepared, if
    /// it was prepared elsewhere.
    fn prepared(&self, source: &str, line: u64) -> Option<PreparedPost>;
}

/// Reads `config`'s inputs and builds the dataset; records that `elsewhere` prepared are
/// committed with what it gives, the rest are prepared here.
pub(crate) fn ingest(
    config: &DetectConfig,
    progress: &dyn Progress,
    elsewhere: Option<&dyn PreparedElsewhere>,
) -> Result<Ingested> {
    let mut builder = TraceBuilder::new(config.text, config.traced_signals());
    let (tx, rx) = sync_channel::<OwnedRecords>(CHUNKS_AHEAD);
    // Committed chunks, back to the reader. Every chunk in flight fits without blocking.
    let (give_back, take_back) = sync_channel::<OwnedRecords>(CHUNKS_AHEAD + 3);
    let (accounting, carried) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| read_chunks(config, tx, take_back));
        let (rules, signals) = (*builder.rules(), builder.signals());
        let mut rows = 0u64;
        // The previous chunk, with what it prepared: committed while the next is prepared.
        let mut previous = (OwnedRecords::default(), Vec::new());
        for chunk in rx {
            let (records, prepared) = std::mem::take(&mut previous);
            let (next, ()) = rayon::join(
                || prepare_chunk(&chunk, &rules, signals, elsewhere),
                || commit_chunk(&mut builder, &records, prepared),
            );
            rows = report_rows(progress, rows, chunk.len());
            // A chunk the reader has no room for (or, failing, no use for) is dropped.
            let _ = give_back.try_send(records);
            previous = (chunk, next);
        }
        let (records, prepared) = previous;
        commit_chunk(&mut builder, &records, prepared);
        match reader.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })?;
    let (dataset, traces) = builder.finish();
    Ok(Ingested {
        dataset,
        accounting,
        traces,
        carried,
    })
}

/// Prepares a chunk of records in parallel, keeping their order; those prepared `elsewhere`
/// are taken from there.
fn prepare_chunk(
    chunk: &OwnedRecords,
    rules: &TextRules,
    signals: SignalSet,
    elsewhere: Option<&dyn PreparedElsewhere>,
) -> Vec<PreparedPost> {
    (0..chunk.len())
        .into_par_iter()
        .map(|i| {
            let rec = chunk.get(i);
            elsewhere
                .and_then(|e| e.prepared(rec.source, rec.line))
                .unwrap_or_else(|| prepare(&rec, rules, signals))
        })
        .collect()
}

/// Commits records with what they prepared, in their order.
fn commit_chunk(builder: &mut TraceBuilder, records: &OwnedRecords, prepared: Vec<PreparedPost>) {
    for (i, post) in prepared.into_iter().enumerate() {
        builder.commit(&records.get(i), post);
    }
}

/// Reports progress every 100,000 rows; returns the rows read after `added` more.
fn report_rows(progress: &dyn Progress, rows: u64, added: usize) -> u64 {
    const EVERY: u64 = 100_000;
    let after = rows + added as u64;
    if after / EVERY > rows / EVERY {
        progress.rows_read(after / EVERY * EVERY);
    }
    after
}

/// Reads every input, sending owned records in chunks of [`CHUNK`] records or
/// [`CHUNK_BYTES`] bytes, filling the chunks that come back through `returned` first.
fn read_chunks(
    config: &DetectConfig,
    tx: SyncSender<OwnedRecords>,
    returned: Receiver<OwnedRecords>,
) -> Result<(Accounting, BTreeMap<String, AccountProfile>)> {
    let mut carried = BTreeMap::new();
    let fresh = || {
        returned
            .try_recv()
            .map(|mut chunk| {
                chunk.clear();
                chunk
            })
            .unwrap_or_default()
    };
    let mut chunk = fresh();
    let mut source: Arc<str> = Arc::from("");
    let send = |chunk: OwnedRecords| {
        // The receiver is gone only when the stage is failing already.
        let _ = tx.send(chunk);
    };
    let accounting = read_posts(&config.inputs, &config.ingest, &mut |rec| {
        if let Some(profile) = rec.profile {
            if !carried.contains_key(rec.account_id.as_ref()) {
                carried.insert(rec.account_id.to_string(), profile.clone());
            }
        }
        if *source != *rec.source {
            source = Arc::from(rec.source);
        }
        chunk.push(rec, &source);
        if chunk.len() == CHUNK || chunk.bytes() >= CHUNK_BYTES {
            send(std::mem::replace(&mut chunk, fresh()));
        }
    })?;
    if !chunk.is_empty() {
        send(chunk);
    }
    Ok((accounting, carried))
}
