//! Writing `detect_groups` rows and network edges as CSV, the way CooRTweet's results are
//! exported from R.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::format::format_r;
use crate::{Edge, Error, GroupRow};

/// Header of the `detect_groups` file: CooRTweet's column order.
const GROUP_COLUMNS: [&str; 6] = [
    "object_id",
    "content_id",
    "content_id_y",
    "time_delta",
    "account_id",
    "account_id_y",
];

/// Header of the edges file: igraph's `from`, `to`, then CooRTweet's edge attributes.
const EDGE_COLUMNS: [&str; 8] = [
    "from",
    "to",
    "weight",
    "avg_time_delta",
    "n_content_id",
    "n_content_id_y",
    "edge_symmetry_score",
    "weight_threshold",
];

/// Writes `detect_groups` rows to `path` as CSV, sorted by `object_id` (byte order); the sort
/// is stable, so rows of one object keep their order. This is the order of the reference
/// exports of CooRTweet's results.
///
/// Ids are quoted only when they contain a comma, a quote or a line break; `time_delta` is
/// written as R writes doubles (15 significant digits at most, no trailing zeros, so whole
/// seconds appear as `9`, not `9.0`).
pub fn write_detect_groups(path: &Path, rows: &[GroupRow]) -> Result<(), Error> {
    write_csv(path, |out| {
        out.write_record(GROUP_COLUMNS)?;
        let mut sorted: Vec<&GroupRow> = rows.iter().collect();
        sorted.sort_by(|a, b| a.object_id.cmp(&b.object_id));
        for row in sorted {
            out.write_record([
                &*row.object_id,
                &*row.content_id,
                &*row.content_id_y,
                &format_r(row.time_delta),
                &*row.account_id,
                &*row.account_id_y,
            ])?;
        }
        Ok(())
    })
}

/// Writes network edges to `path` as CSV, sorted by `from`, then `to` (byte order), the order
/// of the reference exports of CooRTweet's networks. Each edge keeps igraph's orientation.
///
/// Counts are plain integers; `avg_time_delta` and `edge_symmetry_score` are written as R
/// writes doubles (15 significant digits at most, e.g. `7`, `2.5`, `0.333333333333333`);
/// `weight_threshold` is `1` or `0`.
pub fn write_edges(path: &Path, edges: &[Edge]) -> Result<(), Error> {
    write_csv(path, |out| {
        out.write_record(EDGE_COLUMNS)?;
        let mut sorted: Vec<&Edge> = edges.iter().collect();
        sorted.sort_unstable_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
        for edge in sorted {
            out.write_record([
                &*edge.from,
                &*edge.to,
                &edge.weight.to_string(),
                &format_r(edge.avg_time_delta),
                &edge.n_content_id.to_string(),
                &edge.n_content_id_y.to_string(),
                &format_r(edge.edge_symmetry_score),
                if edge.weight_threshold { "1" } else { "0" },
            ])?;
        }
        Ok(())
    })
}

/// Creates `path` and fills it through `fill`, naming the file in any error.
fn write_csv(
    path: &Path,
    fill: impl FnOnce(&mut csv::Writer<BufWriter<File>>) -> csv::Result<()>,
) -> Result<(), Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::create(path).map_err(io_error)?;
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(BufWriter::new(file));
    fill(&mut out).map_err(|e| io_error(e.into()))?;
    let mut inner = out.into_inner().map_err(|e| io_error(e.into_error()))?;
    inner.flush().map_err(io_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_r_style_numbers_and_quotes_only_when_needed() {
        let dir = tempfile::tempdir().unwrap();
        let groups = dir.path().join("groups.csv");
        let row = GroupRow {
            object_id: "o,1".into(),
            content_id: "c1".into(),
            content_id_y: "c2".into(),
            time_delta: 9.0,
            account_id: "a".into(),
            account_id_y: "b".into(),
        };
        write_detect_groups(&groups, &[row]).unwrap();
        assert_eq!(
            std::fs::read_to_string(&groups).unwrap(),
            "object_id,content_id,content_id_y,time_delta,account_id,account_id_y\n\
             \"o,1\",c1,c2,9,a,b\n"
        );

        let edges = dir.path().join("edges.csv");
        let edge = Edge {
            from: "a".into(),
            to: "b".into(),
            weight: 3,
            avg_time_delta: 20.0 / 3.0,
            n_content_id: 3,
            n_content_id_y: 2,
            edge_symmetry_score: 2.0 / 3.0,
            weight_threshold: true,
        };
        write_edges(&edges, &[edge]).unwrap();
        assert_eq!(
            std::fs::read_to_string(&edges).unwrap(),
            "from,to,weight,avg_time_delta,n_content_id,n_content_id_y,edge_symmetry_score,\
             weight_threshold\n\
             a,b,3,6.66666666666667,3,2,0.666666666666667,1\n"
        );
    }

    #[test]
    fn sorts_rows_by_object_and_edges_by_endpoints() {
        let dir = tempfile::tempdir().unwrap();
        let row = |object: &str, content: &str| GroupRow {
            object_id: object.into(),
            content_id: content.into(),
            content_id_y: "y".into(),
            time_delta: 0.5,
            account_id: "a".into(),
            account_id_y: "b".into(),
        };
        let groups = dir.path().join("groups.csv");
        write_detect_groups(
            &groups,
            &[row("o2", "c1"), row("o1", "c3"), row("o2", "c0")],
        )
        .unwrap();
        let text = std::fs::read_to_string(&groups).unwrap();
        let firsts: Vec<&str> = text.lines().skip(1).map(|l| &l[..5]).collect();
        assert_eq!(firsts, vec!["o1,c3", "o2,c1", "o2,c0"]);

        let edge = |from: &str, to: &str| Edge {
            from: from.into(),
            to: to.into(),
            weight: 1,
            avg_time_delta: 0.5,
            n_content_id: 1,
            n_content_id_y: 1,
            edge_symmetry_score: 1.0,
            weight_threshold: false,
        };
        let edges = dir.path().join("edges.csv");
        write_edges(&edges, &[edge("b", "a"), edge("a", "c"), edge("a", "b")]).unwrap();
        let text = std::fs::read_to_string(&edges).unwrap();
        let ends: Vec<&str> = text.lines().skip(1).map(|l| &l[..3]).collect();
        assert_eq!(ends, vec!["a,b", "a,c", "b,a"]);
    }

    #[test]
    fn unwritable_path_is_an_io_error() {
        let err = write_edges(Path::new("/nonexistent/dir/edges.csv"), &[]).unwrap_err();
        assert!(matches!(err, Error::Io { .. }));
        assert!(err.to_string().contains("/nonexistent/dir/edges.csv"));
    }
}
