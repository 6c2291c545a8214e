//! Reading the two inputs: the ground truth and the accounts of a detection run.

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

use crate::Error;

/// What the truth says about one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TruthRow {
    pub(crate) account: String,
    pub(crate) label: String,
    pub(crate) kind: String,
}

/// The class of a truth account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// A member of a planted network (`cib:` kind).
    Planted,
    /// A hard negative (`hard:` kind).
    Hard,
    /// Anything else (`organic` and unknown kinds).
    Plain,
}

impl TruthRow {
    pub(crate) fn class(&self) -> Class {
        if self.kind.starts_with("cib:") {
            Class::Planted
        } else if self.kind.starts_with("hard:") {
            Class::Hard
        } else {
            Class::Plain
        }
    }
}

/// A CSV file with its header mapped to column positions.
struct Table {
    reader: csv::Reader<File>,
    columns: HashMap<String, usize>,
}

impl Table {
    fn open(path: &Path) -> Result<Table, Error> {
        let file = File::open(path).map_err(|error| Error::Io {
            path: path.to_path_buf(),
            error,
        })?;
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(file);
        let header = reader.headers().map_err(|e| Error::csv(path, e))?;
        let columns = header
            .iter()
            .enumerate()
            .map(|(i, name)| {
                (
                    name.trim()
                        .trim_start_matches('\u{feff}')
                        .to_ascii_lowercase(),
                    i,
                )
            })
            .collect();
        Ok(Table { reader, columns })
    }

    fn column(&self, path: &Path, name: &str) -> Result<usize, Error> {
        self.columns.get(name).copied().ok_or_else(|| {
            Error::invalid(path, 1, format!("missing column `{name}` in the header"))
        })
    }
}

fn field(record: &csv::StringRecord, i: usize) -> &str {
    record.get(i).map_or("", str::trim)
}

/// Reads `truth.csv` (`account_id, label, kind`, by header name); every account must appear
/// once, with a kind, and planted accounts with a label.
pub(crate) fn read_truth(path: &Path) -> Result<Vec<TruthRow>, Error> {
    let mut t = Table::open(path)?;
    let (account, label, kind) = (
        t.column(path, "account_id")?,
        t.column(path, "label")?,
        t.column(path, "kind")?,
    );
    let mut rows = Vec::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    for record in t.reader.records() {
        let record = record.map_err(|e| Error::csv(path, e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let row = TruthRow {
            account: field(&record, account).to_string(),
            label: field(&record, label).to_string(),
            kind: field(&record, kind).to_string(),
        };
        if row.account.is_empty() {
            return Err(Error::invalid(path, line, "empty account_id"));
        }
        if row.kind.is_empty() {
            return Err(Error::invalid(
                path,
                line,
                format!("account {}: empty kind", row.account),
            ));
        }
        if row.class() != Class::Plain && row.label.is_empty() {
            return Err(Error::invalid(
                path,
                line,
                format!("account {}: kind {} needs a label", row.account, row.kind),
            ));
        }
        if let Some(first) = first_line.insert(row.account.clone(), line) {
            return Err(Error::invalid(
                path,
                line,
                format!("account {} already listed on line {first}", row.account),
            ));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// One row of a run's `accounts.csv`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RunRow {
    pub(crate) account: String,
    /// `None` when the account is in no network, or its network's verdict clears it.
    pub(crate) network: Option<String>,
    /// The account's `score` column, when present and numeric.
    pub(crate) score: Option<f64>,
    /// True when the network was set aside because its `verdict` is `authentic_looking`.
    pub(crate) cleared: bool,
}

/// The network verdict that does not count as flagging (see lockstep's accounts.csv).
const CLEARED_VERDICT: &str = "authentic_looking";

/// Reads a run's `accounts.csv` (`account_id, network_id, ...`, by header name). An account
/// listed twice must name the same network both times. When a `verdict` column is present,
/// accounts whose network is `authentic_looking` count as not flagged; a `score` column, when
/// present, is read for the ranking metrics.
pub(crate) fn read_run(path: &Path) -> Result<Vec<RunRow>, Error> {
    let mut t = Table::open(path)?;
    let (account, network) = (t.column(path, "account_id")?, t.column(path, "network_id")?);
    let verdict = t.columns.get("verdict").copied();
    let score = t.columns.get("score").copied();
    let mut rows: Vec<RunRow> = Vec::new();
    let mut seen: HashMap<String, (usize, u64)> = HashMap::new();
    for record in t.reader.records() {
        let record = record.map_err(|e| Error::csv(path, e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let id = field(&record, account);
        if id.is_empty() {
            return Err(Error::invalid(path, line, "empty account_id"));
        }
        let net = field(&record, network);
        let cleared =
            !net.is_empty() && verdict.is_some_and(|v| field(&record, v) == CLEARED_VERDICT);
        let row = RunRow {
            account: id.to_string(),
            network: (!net.is_empty() && !cleared).then(|| net.to_string()),
            score: score.and_then(|c| field(&record, c).parse::<f64>().ok()),
            cleared,
        };
        match seen.get(id) {
            Some(&(i, first)) if rows[i].network != row.network => {
                return Err(Error::invalid(
                    path,
                    line,
                    format!(
                        "account {id} is in network {:?} here but in {:?} on line {first}",
                        row.network.as_deref().unwrap_or(""),
                        rows[i].network.as_deref().unwrap_or("")
                    ),
                ));
            }
            Some(_) => {}
            None => {
                seen.insert(row.account.clone(), (rows.len(), line));
                rows.push(row);
            }
        }
    }
    Ok(rows)
}
