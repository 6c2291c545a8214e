//! Hostile and broken inputs: each has a defined outcome, a counted rejection with its line and
//! reason or an error naming the input, never a panic and never a silently lost row.

use lockstep_ingest::{
    read_posts, Accounting, Format, IngestError, IngestOptions, Input, RejectReason, MAX_LINE_BYTES,
};
use std::io::Write;
use std::path::PathBuf;

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The (line, account, text length) of every row passed on.
type Seen = Vec<(u64, String, usize)>;

/// Reads `bytes` as a file named `name`.
fn read(
    name: &str,
    bytes: &[u8],
    options: &IngestOptions,
) -> Result<(Seen, Accounting), IngestError> {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, name, bytes);
    let mut rows = Vec::new();
    let acc = read_posts(&[Input::Path(path)], options, &mut |r| {
        rows.push((
            r.line,
            r.account_id.to_string(),
            r.text.as_ref().map_or(0, |t| t.len()),
        ))
    })?;
    Ok((rows, acc))
}

fn defaults() -> IngestOptions {
    IngestOptions::default()
}

fn first_line(acc: &Accounting, reason: RejectReason) -> Option<u64> {
    acc.files[0].rejected.get(&reason).map(|t| t.first_line)
}

#[test]
fn mixed_line_endings_keep_line_numbers() {
    let csv = b"account_id,timestamp,text\r\na,1700000000,x\nb,1700000001,\"two\r\nlines\"\r\nc,1700000002,z\n";
    let (rows, _) = read("x.csv", csv, &defaults()).unwrap();
    let lines: Vec<(u64, &str)> = rows.iter().map(|r| (r.0, r.1.as_str())).collect();
    assert_eq!(lines, vec![(2, "a"), (3, "b"), (5, "c")]);
    let jsonl = b"{\"account_id\":\"a\",\"timestamp\":1700000000}\r\n\r\n{\"account_id\":\"b\",\"timestamp\":1700000001}\n";
    let (rows, _) = read("x.jsonl", jsonl, &defaults()).unwrap();
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![1, 3]);
}

#[test]
fn invalid_utf8_json_line_is_rejected_by_line() {
    let mut jsonl = Vec::new();
    for i in 0..4 {
        jsonl.extend_from_slice(
            format!("{{\"account_id\":\"a{i}\",\"timestamp\":1700000000}}\n").as_bytes(),
        );
    }
    jsonl.extend_from_slice(b"{\"account_id\":\"\xff\xfe\",\"timestamp\":1700000000}\n");
    let (rows, acc) = read("x.jsonl", &jsonl, &defaults()).unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(first_line(&acc, RejectReason::InvalidUtf8), Some(5));
}

#[test]
fn byte_order_mark_before_a_native_header() {
    let csv = "\u{feff}tweetid,userid,tweet_time,tweet_text\n1101452040577495097,u1,2019-03-01 12:00,hi\n";
    let (rows, acc) = read("tweets.csv", csv.as_bytes(), &defaults()).unwrap();
    assert_eq!(acc.files[0].format, "twitter-io");
    assert_eq!(rows, vec![(2, "twitter:u1".to_string(), 2)]);
}

#[test]
fn a_50_mb_field_is_read_whole() {
    let big = "x".repeat(50 << 20);
    let csv = format!("account_id,timestamp,text\na,1700000000,\"{big}\"\nb,1700000001,small\n");
    let (rows, _) = read("x.csv", csv.as_bytes(), &defaults()).unwrap();
    assert_eq!(rows, vec![(2, "a".into(), 50 << 20), (3, "b".into(), 5)]);
    let jsonl = format!("{{\"account_id\":\"a\",\"timestamp\":1700000000,\"text\":\"{big}\"}}\n");
    let (rows, _) = read("x.jsonl", jsonl.as_bytes(), &defaults()).unwrap();
    assert_eq!(rows, vec![(1, "a".into(), 50 << 20)]);
}

#[test]
fn a_line_over_the_limit_is_rejected_and_reading_goes_on() {
    let mut jsonl = Vec::with_capacity(MAX_LINE_BYTES + 200);
    jsonl.extend_from_slice(b"{\"account_id\":\"a\",\"timestamp\":1700000000,\"text\":\"");
    jsonl.resize(MAX_LINE_BYTES + 10, b'x');
    jsonl.extend_from_slice(b"\"}\n{\"account_id\":\"b\",\"timestamp\":1700000001}\n");
    let (rows, acc) = read("x.jsonl", &jsonl, &defaults()).unwrap();
    assert_eq!(rows, vec![(2, "b".into(), 0)]);
    assert_eq!(first_line(&acc, RejectReason::LineTooLong), Some(1));
}

#[test]
fn duplicated_header_names_are_an_error() {
    let err = read(
        "x.csv",
        b"account_id,timestamp,Account_ID\na,1,b\n",
        &defaults(),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("x.csv:1:3"), "{msg}");
    assert!(msg.contains("appears twice"), "{msg}");
}

#[test]
fn duplicate_post_ids_keep_the_first() {
    let csv = b"account_id,post_id,timestamp\na,p1,1700000000\nb,p2,1700000001\na,p1,1700000002\n";
    let (rows, acc) = read("x.csv", csv, &defaults()).unwrap();
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![2, 3]);
    assert_eq!(first_line(&acc, RejectReason::DuplicatePostId), Some(4));
    // Generic rows share a post id by design: one tweet, several objects.
    let generic =
        b"account_id,object_id,content_id,timestamp\na,#x,t1,1700000000\na,#y,t1,1700000000\n";
    let (rows, _) = read("g.csv", generic, &defaults()).unwrap();
    assert_eq!(rows.len(), 2);
}

#[test]
fn zoneless_and_unparseable_timestamps() {
    let csv =
        b"account_id,timestamp\na,2024-09-02 14:03\nb,02/09/2024\nc,2024-09-02T14:03:07+02:00\n";
    let (rows, acc) = read("x.csv", csv, &defaults()).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        first_line(&acc, RejectReason::UnparseableTimestamp),
        Some(3)
    );
    let forms = &acc.files[0].timestamp_forms;
    assert_eq!(forms.values().sum::<u64>(), 2);
    // One used time has seconds, so the input's resolution is a second, not a minute.
    assert_eq!(acc.files[0].timestamp_resolution_ms, Some(1_000));
}

#[test]
fn empty_inputs_of_every_kind_are_errors() {
    for name in ["x.csv", "x.jsonl", "x.json", "x"] {
        let err = read(name, b"", &defaults()).unwrap_err();
        assert!(err.to_string().contains("empty input"), "{name}: {err}");
    }
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default())
        .finish()
        .unwrap();
    let err = read("x.jsonl.gz", &gz, &defaults()).unwrap_err();
    assert!(err.to_string().contains("empty input"), "{err}");
}

#[test]
fn truncated_gzip_of_a_native_export_is_an_error() {
    let mut body = String::new();
    for i in 0..3000 {
        body.push_str(&format!(
            "{{\"did\":\"did:plc:a{i}\",\"time_us\":{},\"kind\":\"commit\",\"commit\":{{\"operation\":\"create\",\"collection\":\"app.bsky.feed.like\",\"rkey\":\"k{i}\",\"record\":{{\"subject\":{{\"uri\":\"at://x/{i}\"}}}}}}}}\n",
            1_700_000_000_000_000u64 + i
        ));
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(body.as_bytes()).unwrap();
    let bytes = gz.finish().unwrap();
    let (rows, _) = read("events.jsonl.gz", &bytes, &defaults()).unwrap();
    assert_eq!(rows.len(), 3000);
    let err = read(
        "events.jsonl.gz",
        &bytes[..bytes.len() * 2 / 3],
        &defaults(),
    )
    .unwrap_err();
    assert!(matches!(err, IngestError::Read { .. }), "{err}");
    assert!(err.to_string().contains("events.jsonl.gz"), "{err}");
}

#[test]
fn a_quoted_field_never_closed_is_an_error_not_a_lost_tail() {
    // Row 3 opens a quote in its last column and never closes it: the reader would hand over
    // rows 3 to 6 as one text. The input stops with the row and column where the quote opened.
    let broken = "post_id,account_id,timestamp,text\n\
                  1,a,2024-09-02T10:00:00Z,fine\n\
                  2,b,2024-09-02T10:00:01Z,\"oops\n\
                  3,c,2024-09-02T10:00:02Z,lost\n\
                  4,d,2024-09-02T10:00:03Z,lost\n\
                  5,e,2024-09-02T10:00:04Z,lost\n";
    // The error names row 3, column 4, where the quote opened.
    let opened_at_row_3 = |input: &str| {
        let err = read("posts.csv", input.as_bytes(), &defaults()).unwrap_err();
        let at = match &err {
            IngestError::Malformed { line, column, .. } => (*line, *column),
            other => panic!("{other}"),
        };
        assert_eq!(at, (3, 4), "{err}");
        assert!(err.to_string().contains("never closed"), "{err}");
    };
    opened_at_row_3(broken);
    // Ending on a doubled quote (an empty quoted field of the last row, read as an escaped
    // quote inside the open one) changes nothing.
    opened_at_row_3(&broken.replace(
        "5,e,2024-09-02T10:00:04Z,lost\n",
        "5,e,2024-09-02T10:00:04Z,\"\"\n",
    ));
    // A header whose quote never closes is the same fault, in row 1.
    let err = read("posts.csv", b"post_id,\"account_id\n1,a\n", &defaults()).unwrap_err();
    assert!(
        matches!(
            err,
            IngestError::Malformed {
                line: 1,
                column: 2,
                ..
            }
        ),
        "{err}"
    );
    // The same rows with the quote closed at the very end: one text spanning four lines.
    let closed = format!("{}\"\n", broken.trim_end());
    let (rows, acc) = read("posts.csv", closed.as_bytes(), &defaults()).unwrap();
    assert_eq!(acc.rows_used(), 2);
    let text = "oops\n3,c,2024-09-02T10:00:02Z,lost\n4,d,2024-09-02T10:00:03Z,lost\n\
                5,e,2024-09-02T10:00:04Z,lost";
    assert_eq!(rows[1], (3, "b".to_string(), text.len()));
    // Closed on a doubled quote and the closing one, with white space after: read whole.
    let quoted_end = format!("{}\"\"\"\r\n  \n", broken.trim_end());
    let (rows, _) = read("posts.csv", quoted_end.as_bytes(), &defaults()).unwrap();
    assert_eq!(rows[1].2, text.len() + 1);
}

#[test]
fn truncated_gzip_of_a_csv_names_the_line_reached() {
    let mut body = String::from("post_id,account_id,timestamp,text\n");
    for i in 0..20_000 {
        body.push_str(&format!("{i},a{i},2024-09-02T10:00:00Z,text number {i}\n"));
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(body.as_bytes()).unwrap();
    let bytes = gz.finish().unwrap();
    let err = read("posts.csv.gz", &bytes[..bytes.len() / 2], &defaults()).unwrap_err();
    match err {
        IngestError::Read { line, .. } => assert!(line > 1_000, "{line}"),
        other => panic!("{other}"),
    }
}

#[test]
fn a_telegram_export_cut_short_is_an_error_with_its_line() {
    let doc = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/telegram.json"),
    )
    .unwrap();
    let cut = &doc[..doc.find("\"id\": 4").unwrap()];
    let err = read("result.json", cut.as_bytes(), &defaults()).unwrap_err();
    assert!(
        matches!(err, IngestError::Malformed { line: 71, .. }),
        "{err}"
    );
}

#[test]
fn rejects_file_holds_every_rejected_row() {
    let dir = tempfile::tempdir().unwrap();
    let rejects = dir.path().join("rejects.csv");
    let options = IngestOptions {
        rejects: Some(rejects.clone()),
        ..defaults()
    };
    let mut csv = String::from("account_id,timestamp,text\n");
    for i in 0..8 {
        csv.push_str(&format!("a{i},1700000000,ok\n"));
    }
    csv.push_str("b,never,\"quoted, text\"\n,1700000000,no account\nc,1700000000\n");
    let (rows, acc) = read("in.csv", csv.as_bytes(), &options).unwrap();
    assert_eq!(rows.len(), 8);
    assert_eq!(acc.files[0].rows_rejected(), 3);
    let mut r = csv::Reader::from_path(&rejects).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        vec!["source", "line", "reason", "row"]
    );
    let got: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().skip(1).map(str::to_string).collect())
        .collect();
    let want = [
        ["10", "unparseable timestamp", "b,never,\"quoted, text\""],
        ["11", "missing account_id", ",1700000000,no account"],
        ["12", "wrong number of fields", "c,1700000000"],
    ];
    assert_eq!(got, want.map(|r| r.map(str::to_string).to_vec()).to_vec());
}

#[test]
fn rejects_of_json_lines_are_the_lines_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let rejects = dir.path().join("rejects.csv");
    let options = IngestOptions {
        rejects: Some(rejects.clone()),
        format: Some(Format::Reddit),
        ..defaults()
    };
    let line = "{\"id\":\"x\",\"author\":\"[deleted]\",\"created_utc\":1,\"subreddit\":\"s\",\"body\":\"b\"}";
    let jsonl = format!("{{\"id\":\"y\",\"author\":\"a\",\"created_utc\":1,\"subreddit\":\"s\",\"body\":\"b\"}}\n{line}\n");
    read("r.jsonl", jsonl.as_bytes(), &options).unwrap();
    let mut r = csv::Reader::from_path(&rejects).unwrap();
    let rec = r.records().next().unwrap().unwrap();
    assert_eq!(&rec[1], "2");
    assert_eq!(&rec[2], "missing account_id");
    assert_eq!(&rec[3], line);
    assert!(rec[0].ends_with("r.jsonl"));
}
