//! narratives.csv: the texts behind the text signal's `narrative:<id>` objects.

use crate::error::ReportError;
use crate::model::Network;
use crate::table::NamedCsv;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// How text-signal objects name a narrative of narratives.csv.
const NARRATIVE_PREFIX: &str = "narrative:";

/// The ids of the narratives that `objects` or the networks' top objects name.
pub(crate) fn narrative_ids<'a>(
    objects: &'a [String],
    networks: &'a [Network],
) -> HashSet<&'a str> {
    let top = networks
        .iter()
        .flat_map(|n| &n.top_objects)
        .map(|o| &o.object);
    objects
        .iter()
        .chain(top)
        .filter_map(|o| o.strip_prefix(NARRATIVE_PREFIX))
        .collect()
}

/// The texts of the `wanted` narratives; none when the run has no narratives.csv (runs
/// without the text signal, and runs from before narratives existed).
pub(crate) fn read_narratives(
    path: &Path,
    wanted: &HashSet<&str>,
) -> Result<BTreeMap<String, String>, ReportError> {
    let mut texts = BTreeMap::new();
    if wanted.is_empty() || !path.exists() {
        return Ok(texts);
    }
    let mut csv = NamedCsv::open(path)?;
    csv.require(&["narrative_id", "text"])?;
    csv.for_each(|row| {
        let id = row.text("narrative_id");
        if wanted.contains(id) {
            texts.insert(id.to_string(), row.text("text").to_string());
        }
        Ok(())
    })?;
    Ok(texts)
}
