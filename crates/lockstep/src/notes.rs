//! What a run should tell its user about how its inputs were read: the posts' times, and
//! how an accounts file met the posts.

use crate::characterise::TimeDetail;
use crate::duration::format_duration;
use lockstep_ingest::{Accounting, TimestampForm};
use lockstep_model::{Signal, TimeMs};
use lockstep_stats::{OFFICE_SHARE, WEEKDAYS_OFFICE_SHARE};
use std::collections::BTreeMap;

/// Notes on how times were read, and warnings about times too coarse for the windows.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct InputNotes {
    /// Facts worth knowing (times read as UTC, dates read as midnight UTC, times recovered from
    /// ids).
    pub notes: Vec<String>,
    /// Problems that weaken the result (times coarser than a window, missing times written as
    /// the epoch, an accounts file that describes few of the posts' accounts).
    pub warnings: Vec<String>,
}

/// The notes and warnings of a run that read `accounting` with `windows`, its posts' times
/// showing `detail`.
pub fn input_notes(
    accounting: &Accounting,
    windows: &BTreeMap<Signal, TimeMs>,
    detail: TimeDetail,
) -> InputNotes {
    let forms = accounting.timestamp_forms();
    let count =
        |wanted: &[TimestampForm]| -> u64 { wanted.iter().filter_map(|f| forms.get(f)).sum() };
    let mut out = InputNotes::default();
    let zoneless = count(&[
        TimestampForm::ZonelessUtc,
        TimestampForm::PlatformZonelessUtc,
    ]);
    if zoneless > 0 {
        out.notes.push(format!(
            "{zoneless} timestamps had no time zone and were read as UTC"
        ));
    }
    let dates = count(&[TimestampForm::DateOnly]);
    if dates > 0 {
        out.notes.push(format!(
            "{dates} timestamps were dates without a time and were read as midnight UTC"
        ));
    }
    if accounting.rows_used() > 0 && !detail.weekend {
        out.notes.push(format!(
            "the posts hold no weekend (a Saturday's noon to the Sunday's, UTC, with posts on it), so an office rhythm needs {:.0} % of a network's times in office hours instead of {:.0} %",
            100.0 * WEEKDAYS_OFFICE_SHARE,
            100.0 * OFFICE_SHARE
        ));
    }
    let recovered = count(&[TimestampForm::SnowflakeId]);
    if recovered > 0 {
        out.notes.push(format!(
            "{recovered} times were recovered to the millisecond from tweet ids (the export's time column is coarser)"
        ));
    }
    if let Some(file) = accounting.accounts_file {
        if file.by_handle {
            out.notes.push(format!(
                "the accounts file's ids name too few of the posts' accounts, so its {} profiles were matched by handle: {} accounts have one",
                file.profiles, file.described
            ));
        }
        if file.described * 10 < file.profiles {
            out.warnings.push(format!(
                "{} of the posts' accounts have a profile in the accounts file, which holds {}: do both files name accounts by the same ids (not handles or display names)?",
                file.described, file.profiles
            ));
        }
    }
    for file in &accounting.files {
        if let Some(fields) = file.found_in_text.as_ref().filter(|f| !f.is_empty()) {
            out.notes.push(format!(
                "{} has no column for {}: they were taken from the text of the posts that reshare nothing",
                file.source,
                fields.join(", ")
            ));
        }
    }
    let at_epoch = accounting.rows_at_epoch();
    if at_epoch > 0 {
        out.warnings.push(format!(
            "{at_epoch} posts are dated 1970-01-01T00:00:00Z, the Unix epoch, which exports write for a missing time: they look simultaneous with one another; filter them out unless the dump is that old"
        ));
    }
    let narrowest = windows.iter().min_by_key(|(_, w)| **w);
    if let (Some(resolution), Some((signal, window))) =
        (accounting.coarsest_resolution_ms(), narrowest)
    {
        if resolution > *window {
            out.warnings.push(format!(
                "timestamps have a resolution of {} but the {} window is {}: posts in the same {} look simultaneous and co-actions across its boundary may be missed",
                format_duration(resolution),
                signal.name(),
                format_duration(*window),
                format_duration(resolution),
            ));
        }
    }
    out
}
