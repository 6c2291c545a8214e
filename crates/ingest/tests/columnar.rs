//! Parquet and Arrow IPC input: the same rows, accounting and rejects as the CSV they were
//! made from, with list columns for the list fields and typed timestamps.

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{
    ArrayRef, Date32Array, Int64Array, RecordBatch, StringArray, TimestampMillisecondArray,
};
use arrow_schema::{DataType, Field as ArrowField, Schema, TimeUnit};
use lockstep_ingest::{
    read_posts, ArrowTable, ColumnMap, IngestError, IngestOptions, Input, RejectReason,
};
use std::path::Path;
use std::sync::Arc;

/// What the tests compare of each record.
type Row = (
    u64,
    String,
    Option<String>,
    i64,
    Vec<String>,
    Vec<String>,
    Option<String>,
);

fn rows_of(
    path: &Path,
    columns: &[&str],
) -> Result<(Vec<Row>, lockstep_ingest::Accounting), IngestError> {
    rows_of_input(Input::Path(path.to_path_buf()), columns)
}

fn rows_of_input(
    input: Input,
    columns: &[&str],
) -> Result<(Vec<Row>, lockstep_ingest::Accounting), IngestError> {
    let options = IngestOptions {
        columns: ColumnMap::parse(&columns.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .unwrap(),
        ..IngestOptions::default()
    };
    let mut rows = Vec::new();
    let acc = read_posts(&[input], &options, &mut |r| {
        rows.push((
            r.line,
            r.account_id.to_string(),
            r.post_id.as_ref().map(|s| s.to_string()),
            r.time,
            r.urls.iter().map(|s| s.to_string()).collect(),
            r.hashtags.iter().map(|s| s.to_string()).collect(),
            r.reshare_of.as_ref().map(|s| s.to_string()),
        ))
    })?;
    Ok((rows, acc))
}

/// Four posts: two with lists of links, one with a missing account (rejected), one resharing.
fn batch(account_column: &str) -> RecordBatch {
    let accounts = StringArray::from(vec![Some("a"), Some("b"), None, Some("c")]);
    let posts = StringArray::from(vec!["p1", "p2", "p3", "p4"]);
    let times = TimestampMillisecondArray::from(vec![
        1_725_285_787_000,
        1_725_285_790_500,
        1_725_285_791_000,
        1_725_285_800_000,
    ])
    .with_timezone("UTC");
    let mut urls = ListBuilder::new(StringBuilder::new());
    urls.values().append_value("https://example.org/a");
    urls.values().append_value("https://example.org/b");
    urls.append(true);
    urls.values().append_value("https://example.org/a");
    urls.append(true);
    urls.append(false);
    urls.append(true);
    let hashtags = StringArray::from(vec![Some("#news #cib"), None, None, Some("cib")]);
    let reshares = StringArray::from(vec![None, None, None, Some("p1")]);
    let schema = Schema::new(vec![
        ArrowField::new(account_column, DataType::Utf8, true),
        ArrowField::new("post_id", DataType::Utf8, false),
        ArrowField::new(
            "timestamp",
            DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())),
            false,
        ),
        ArrowField::new(
            "urls",
            DataType::List(Arc::new(ArrowField::new("item", DataType::Utf8, true))),
            true,
        ),
        ArrowField::new("hashtags", DataType::Utf8, true),
        ArrowField::new("reshare_of", DataType::Utf8, true),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(accounts),
        Arc::new(posts),
        Arc::new(times),
        Arc::new(urls.finish()),
        Arc::new(hashtags),
        Arc::new(reshares),
    ];
    RecordBatch::try_new(Arc::new(schema), columns).unwrap()
}

/// The same posts as CSV.
const CSV: &str = "account_id,post_id,timestamp,urls,hashtags,reshare_of
a,p1,2024-09-02T14:03:07Z,https://example.org/a https://example.org/b,#news #cib,
b,p2,2024-09-02T14:03:10.500Z,https://example.org/a,,
,p3,2024-09-02T14:03:11Z,,,
c,p4,2024-09-02T14:03:20Z,,cib,p1
";

fn write_parquet(path: &Path, batch: &RecordBatch) {
    let file = std::fs::File::create(path).unwrap();
    let mut writer = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    writer.write(batch).unwrap();
    writer.close().unwrap();
}

#[test]
fn parquet_and_arrow_read_like_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("posts.csv");
    std::fs::write(&csv, CSV).unwrap();
    let (expected, csv_acc) = rows_of(&csv, &[]).unwrap();
    assert_eq!(expected.len(), 3);
    assert_eq!(
        expected[0].4,
        vec!["https://example.org/a", "https://example.org/b"]
    );
    let b = batch("account_id");

    let parquet = dir.path().join("posts.parquet");
    write_parquet(&parquet, &b);
    let ipc_file = dir.path().join("posts.arrow");
    let mut w = arrow_ipc::writer::FileWriter::try_new(
        std::fs::File::create(&ipc_file).unwrap(),
        &b.schema(),
    )
    .unwrap();
    w.write(&b).unwrap();
    w.finish().unwrap();
    // A stream, named so that only its content tells what it is.
    let ipc_stream = dir.path().join("posts.bin");
    let mut w = arrow_ipc::writer::StreamWriter::try_new(
        std::fs::File::create(&ipc_stream).unwrap(),
        &b.schema(),
    )
    .unwrap();
    w.write(&b).unwrap();
    w.finish().unwrap();

    // The same batch in memory, in two batches: rows are numbered on across them.
    let table = Input::Arrow(ArrowTable {
        name: "<table>".into(),
        batches: Arc::new(vec![b.slice(0, 2), b.slice(2, 2)]),
    });
    for (input, format) in [
        (Input::Path(parquet), "parquet"),
        (Input::Path(ipc_file), "arrow"),
        (Input::Path(ipc_stream), "arrow"),
        (table, "arrow"),
    ] {
        let name = input.display_name();
        let (rows, acc) = rows_of_input(input, &[]).unwrap();
        // Rows are numbered from 1; the CSV's lines count its header.
        let rows: Vec<Row> = rows
            .into_iter()
            .map(|mut r| {
                r.0 += 1;
                r
            })
            .collect();
        assert_eq!(rows, expected, "{name}");
        let (file, csv_file) = (&acc.files[0], &csv_acc.files[0]);
        assert_eq!(file.format, format);
        assert_eq!(
            (file.rows_read, file.rows_used),
            (csv_file.rows_read, csv_file.rows_used)
        );
        assert_eq!(file.rejected[&RejectReason::MissingAccount].first_line, 3);
        assert_eq!(
            csv_file.rejected[&RejectReason::MissingAccount].first_line,
            4
        );
    }
}

#[test]
fn columns_are_mapped_and_numbers_read_as_epochs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mapped.parquet");
    let schema = Schema::new(vec![
        ArrowField::new("userid", DataType::Int64, false),
        ArrowField::new("tweet_time", DataType::Int64, false),
    ]);
    let b = RecordBatch::try_new(
        Arc::new(schema),
        vec![
            Arc::new(Int64Array::from(vec![7, 8])),
            Arc::new(Int64Array::from(vec![1_725_285_787, 1_725_285_787_250])),
        ],
    )
    .unwrap();
    write_parquet(&path, &b);
    let (rows, _) = rows_of(&path, &["account_id=userid", "timestamp=tweet_time"]).unwrap();
    let got: Vec<(String, i64)> = rows.iter().map(|r| (r.1.clone(), r.3)).collect();
    // Epoch seconds and epoch milliseconds, told apart by magnitude as in CSV.
    assert_eq!(
        got,
        vec![
            ("7".to_string(), 1_725_285_787_000),
            ("8".to_string(), 1_725_285_787_250)
        ]
    );
    // Without the mapping the required column is missing, and the error says how to map it.
    let err = rows_of(&path, &[]).unwrap_err().to_string();
    assert!(
        err.contains("mapped.parquet")
            && err.contains("no 'account_id' column")
            && err.contains("userid")
            && err.contains("--column account_id=NAME"),
        "{err}"
    );
}

/// A date column is read as midnight UTC and counted as dates, as `YYYY-MM-DD` text is.
#[test]
fn a_date_column_is_midnight_utc() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dates.parquet");
    let schema = Schema::new(vec![
        ArrowField::new("account_id", DataType::Utf8, false),
        ArrowField::new("timestamp", DataType::Date32, false),
    ]);
    // 19968 days after the epoch is 2024-09-02.
    let b = RecordBatch::try_new(
        Arc::new(schema),
        vec![
            Arc::new(StringArray::from(vec!["a", "b"])),
            Arc::new(Date32Array::from(vec![19_968, 19_969])),
        ],
    )
    .unwrap();
    write_parquet(&path, &b);
    let (rows, acc) = rows_of(&path, &[]).unwrap();
    let times: Vec<i64> = rows.iter().map(|r| r.3).collect();
    assert_eq!(times, vec![1_725_235_200_000, 1_725_321_600_000]);
    let file = &acc.files[0];
    assert_eq!(
        file.timestamp_forms
            .get(&lockstep_ingest::TimestampForm::DateOnly),
        Some(&2)
    );
    assert_eq!(file.timestamp_resolution_ms, Some(86_400_000));
}

#[test]
fn a_broken_column_file_is_an_error_not_silent_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.parquet");
    // The magic bytes of a Parquet file and nothing behind them.
    std::fs::write(&path, b"PAR1 this is not a parquet file").unwrap();
    let err = rows_of(&path, &[]).unwrap_err().to_string();
    assert!(
        err.contains("broken.parquet") && err.contains("Parquet"),
        "{err}"
    );
    let path = dir.path().join("broken.arrow");
    std::fs::write(&path, b"ARROW1\0\0garbage").unwrap();
    let err = rows_of(&path, &[]).unwrap_err().to_string();
    assert!(
        err.contains("broken.arrow") && err.contains("Arrow IPC"),
        "{err}"
    );
}

mod mutated {
    use super::*;
    use proptest::prelude::*;

    /// [`batch`] as a valid Parquet file, Arrow IPC file and Arrow IPC stream, as bytes.
    fn valid_files() -> [Vec<u8>; 3] {
        let b = batch("account_id");
        let mut parquet = Vec::new();
        let mut writer =
            parquet::arrow::ArrowWriter::try_new(&mut parquet, b.schema(), None).unwrap();
        writer.write(&b).unwrap();
        writer.close().unwrap();
        let mut ipc = Vec::new();
        let mut writer = arrow_ipc::writer::FileWriter::try_new(&mut ipc, &b.schema()).unwrap();
        writer.write(&b).unwrap();
        writer.finish().unwrap();
        drop(writer);
        let mut stream = Vec::new();
        let mut writer =
            arrow_ipc::writer::StreamWriter::try_new(&mut stream, &b.schema()).unwrap();
        writer.write(&b).unwrap();
        writer.finish().unwrap();
        drop(writer);
        [parquet, ipc, stream]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Flipped bytes anywhere in a column file: an error or counted rows, never a panic.
        #[test]
        fn mutated_column_files_never_panic(
            which in 0usize..3,
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        ) {
            let mut bytes = valid_files()[which].clone();
            for (at, value) in edits {
                let i = at.index(bytes.len());
                bytes[i] = value;
            }
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(["m.parquet", "m.arrow", "m.arrows"][which]);
            std::fs::write(&path, &bytes).unwrap();
            let options = IngestOptions {
                max_rejected_fraction: 1.0,
                min_rows_for_failure: u64::MAX,
                ..IngestOptions::default()
            };
            let mut passed = 0u64;
            if let Ok(acc) = read_posts(&[Input::Path(path)], &options, &mut |_| passed += 1) {
                let file = &acc.files[0];
                prop_assert_eq!(file.rows_used, passed);
                prop_assert_eq!(file.rows_read, file.rows_used + file.rows_rejected());
            }
        }
    }
}
