//! Reading posts end to end from small fixtures written to a temporary directory.

use lockstep_ingest::{
    read_posts, ColumnMap, IngestError, IngestOptions, Input, RejectReason, TimestampForm,
};
use std::io::Write;
use std::path::PathBuf;

/// What the tests look at in each record, owned.
#[derive(Debug, PartialEq)]
struct Row {
    line: u64,
    account: String,
    post: Option<String>,
    time: i64,
    urls: Vec<String>,
    hashtags: Vec<String>,
    reshare_of: Option<String>,
    object: Option<String>,
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn read(
    path: PathBuf,
    options: &IngestOptions,
) -> Result<(Vec<Row>, lockstep_ingest::Accounting), IngestError> {
    let mut rows = Vec::new();
    let acc = read_posts(&[Input::Path(path)], options, &mut |r| {
        rows.push(Row {
            line: r.line,
            account: r.account_id.to_string(),
            post: r.post_id.as_ref().map(|s| s.to_string()),
            time: r.time,
            urls: r.urls.iter().map(|s| s.to_string()).collect(),
            hashtags: r.hashtags.iter().map(|s| s.to_string()).collect(),
            reshare_of: r.reshare_of.as_ref().map(|s| s.to_string()),
            object: r.object_id.as_ref().map(|s| s.to_string()),
        })
    })?;
    Ok((rows, acc))
}

const CSV: &str = "\u{feff}account_id,post_id,timestamp,text,urls,hashtags,reshare_of\n\
a1,p1,2024-09-02T14:03:07Z,\"hello, world\nsecond line\",https://x.org/a http://y.org/b,#one two,\n\
a2,p2,1725285787,plain,,,p1\n\
,p3,1725285787,no account,,,\n\
a4,p4,not a time,bad time,,,\n\
a5,p5,2024-09-02 14:03,zoneless,,,\n";

#[test]
fn csv_rows_are_used_or_rejected_with_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (rows, acc) = read(
        write(&dir, "posts.csv", CSV.as_bytes()),
        &IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].line, 2);
    assert_eq!(rows[0].account, "a1");
    assert_eq!(rows[0].time, 1_725_285_787_000);
    assert_eq!(rows[0].urls, vec!["https://x.org/a", "http://y.org/b"]);
    assert_eq!(rows[0].hashtags, vec!["#one", "two"]);
    // The quoted newline in row 1 pushes the next row to line 4.
    assert_eq!(rows[1].line, 4);
    assert_eq!(rows[1].reshare_of.as_deref(), Some("p1"));
    assert_eq!(rows[2].line, 7);
    assert_eq!(rows[2].time, 1_725_285_780_000);

    let file = &acc.files[0];
    assert_eq!(
        (file.rows_read, file.rows_used, file.rows_rejected()),
        (5, 3, 2)
    );
    assert_eq!(file.rejected[&RejectReason::MissingAccount].first_line, 5);
    assert_eq!(
        file.rejected[&RejectReason::UnparseableTimestamp].first_line,
        6
    );
    assert_eq!(file.timestamp_forms[&TimestampForm::Zoned], 1);
    assert_eq!(file.timestamp_forms[&TimestampForm::EpochSeconds], 1);
    assert_eq!(file.timestamp_forms[&TimestampForm::ZonelessUtc], 1);
    assert_eq!(file.format, "csv");
}

/// Lists written into one cell as pandas writes them (`['a', 'b']`), as JSON (`["a", "b"]`) or
/// bare between brackets are read as those lists, in CSV cells and in JSON strings alike;
/// other text is split at whitespace, brackets and all.
#[test]
fn list_literals_in_a_cell_are_lists() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "account_id,timestamp,urls,hashtags\n\
        a,1725285787,\"['https://x.org/a', 'https://y.org/b, c']\",\"['#Vote', 'now']\"\n\
        b,1725285787,\"[\"\"https://x.org/a\"\"]\",[vote]\n\
        c,1725285787,[],[one] [two]\n";
    let (rows, _) = read(
        write(&dir, "posts.csv", csv.as_bytes()),
        &IngestOptions::default(),
    )
    .unwrap();
    let lists: Vec<(Vec<String>, Vec<String>)> =
        rows.into_iter().map(|r| (r.urls, r.hashtags)).collect();
    let s = |items: &[&str]| items.iter().map(|i| i.to_string()).collect::<Vec<_>>();
    assert_eq!(
        lists,
        vec![
            (
                s(&["https://x.org/a", "https://y.org/b, c"]),
                s(&["#Vote", "now"])
            ),
            (s(&["https://x.org/a"]), s(&["vote"])),
            (s(&[]), s(&["[one]", "[two]"])),
        ]
    );
    let jsonl = r#"{"account_id": "a", "timestamp": 1725285787, "hashtags": "['x', 'y']"}"#;
    let (rows, _) = read(
        write(&dir, "posts.jsonl", jsonl.as_bytes()),
        &IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(rows[0].hashtags, s(&["x", "y"]));
}

/// Spreadsheets set to a language with decimal commas save CSV with semicolons: a header
/// with semicolons and no comma sets the delimiter, quoting as in any CSV.
#[test]
fn semicolons_separate_where_the_header_has_no_comma() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "account_id;timestamp;text;hashtags\r\n\
        a;1725285787;\"hello; world, again\";#one #two\r\n\
        b;1725285790;plain;\r\n";
    let (rows, acc) = read(
        write(&dir, "posts.csv", csv.as_bytes()),
        &IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(acc.files[0].rows_used, 2);
    assert_eq!(rows[0].account, "a");
    assert_eq!(rows[0].hashtags, vec!["#one", "#two"]);
    assert_eq!(rows[1].time, 1_725_285_790_000);
    // A comma in the header keeps commas, whatever the rows hold.
    let csv = "account_id,timestamp,text\na,1725285787,x;y\n";
    let (rows, _) = read(
        write(&dir, "comma.csv", csv.as_bytes()),
        &IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(rows[0].account, "a");
}

/// A dump of texts alone (no urls, hashtags or mentions column) takes its links and tags from
/// the texts, except a reshare's, which are its author's; a column, even empty, is the word.
#[test]
fn links_and_tags_come_from_the_text_where_there_is_no_column_for_them() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "account_id,timestamp,text,reshare_of\n\
        a,1725285787,\"Read #Vote https://x.org/a, now!\",\n\
        b,1725285790,Read #Vote https://x.org/a,p1\n";
    let (rows, acc) = read(
        write(&dir, "texts.csv", csv.as_bytes()),
        &IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(rows[0].urls, vec!["https://x.org/a"]);
    assert_eq!(rows[0].hashtags, vec!["Vote"]);
    assert!(rows[1].urls.is_empty() && rows[1].hashtags.is_empty());
    assert_eq!(
        acc.files[0].found_in_text,
        Some(vec!["urls", "hashtags", "mentions"])
    );
    let csv = "account_id,timestamp,text,hashtags\na,1725285787,Read #Vote https://x.org/a,\n";
    let (rows, acc) = read(
        write(&dir, "tags.csv", csv.as_bytes()),
        &IngestOptions::default(),
    )
    .unwrap();
    assert!(rows[0].hashtags.is_empty());
    assert_eq!(rows[0].urls, vec!["https://x.org/a"]);
    assert_eq!(acc.files[0].found_in_text, Some(vec!["urls", "mentions"]));
}

#[test]
fn deleted_authors_are_missing_accounts() {
    // A dump's placeholder for deleted or removed authors is no account: kept, it would be
    // one pseudo-account acting in every community.
    let dir = tempfile::tempdir().unwrap();
    let csv = "post_id,account_id,timestamp,text\n\
               p1,a1,1725285787,hello\n\
               p2,[deleted],1725285788,gone\n\
               p3, [removed] ,1725285789,gone too\n\
               p4,[deleted]x,1725285790,a real name\n";
    let (rows, acc) = read(
        write(&dir, "posts.csv", csv.as_bytes()),
        &IngestOptions::default(),
    )
    .unwrap();
    let accounts: Vec<&str> = rows.iter().map(|r| r.account.as_str()).collect();
    assert_eq!(accounts, vec!["a1", "[deleted]x"]);
    let missing = &acc.files[0].rejected[&RejectReason::MissingAccount];
    assert_eq!((missing.count, missing.first_line), (2, 3));
}

#[test]
fn gzip_and_zstd_are_detected_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(CSV.as_bytes()).unwrap();
    // A misleading extension: the content decides.
    let (rows, acc) = read(
        write(&dir, "posts.csv", &gz.finish().unwrap()),
        &IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(acc.files[0].compression, "gzip");

    let zst = zstd::encode_all(CSV.as_bytes(), 3).unwrap();
    let (rows, acc) = read(
        write(&dir, "posts.csv.zst", &zst),
        &IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(acc.files[0].compression, "zstd");
}

#[test]
fn truncated_gzip_is_an_error_not_silent_loss() {
    let dir = tempfile::tempdir().unwrap();
    let body: String = (0..2000)
        .map(|i| format!("a{i},p{i},{},x\n", 1_700_000_000 + i))
        .collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(format!("account_id,post_id,timestamp,text\n{body}").as_bytes())
        .unwrap();
    let bytes = gz.finish().unwrap();
    let cut = &bytes[..bytes.len() / 2];
    let err = read(write(&dir, "cut.csv.gz", cut), &IngestOptions::default()).unwrap_err();
    assert!(matches!(err, IngestError::Read { .. }), "{err}");
    assert!(err.to_string().contains("cut.csv.gz"));
}

#[test]
fn tsv_and_coortweet_columns() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = "object_id\taccount_id\tcontent_id\ttimestamp_share\nobj1\tacc1\tc1\t1623881091.0\n";
    let (rows, acc) = read(
        write(&dir, "x.tsv", tsv.as_bytes()),
        &IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(acc.files[0].format, "tsv");
    assert_eq!(
        rows,
        vec![Row {
            line: 2,
            account: "acc1".into(),
            post: Some("c1".into()),
            time: 1_623_881_091_000,
            urls: vec![],
            hashtags: vec![],
            reshare_of: None,
            object: Some("obj1".into()),
        }]
    );
}

#[test]
fn json_lines_with_arrays_numbers_and_dotted_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = "{\"user\":{\"id\":42},\"id\":7,\"created\":\"2024-09-02T14:03:07Z\",\"urls\":[\"https://a.org\",\"https://b.org\"],\"hashtags\":\"x y\"}\n\
\n\
not json\n\
[1,2]\n\
{\"user\":{\"id\":\"43\"},\"created\":1725285787000}\n";
    let options = IngestOptions {
        columns: ColumnMap::parse(&["account_id=user.id", "post_id=id", "timestamp=created"])
            .unwrap(),
        ..IngestOptions::default()
    };
    let (rows, acc) = read(write(&dir, "x.jsonl", jsonl.as_bytes()), &options).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].account, "42");
    assert_eq!(rows[0].post.as_deref(), Some("7"));
    assert_eq!(rows[0].urls, vec!["https://a.org", "https://b.org"]);
    assert_eq!(rows[0].hashtags, vec!["x", "y"]);
    assert_eq!(rows[1].line, 5);
    assert_eq!(rows[1].time, 1_725_285_787_000);
    let file = &acc.files[0];
    assert_eq!((file.rows_read, file.rows_used), (4, 2));
    assert_eq!(file.rejected[&RejectReason::InvalidJson].first_line, 3);
    assert_eq!(file.rejected[&RejectReason::NotAnObject].first_line, 4);
}

#[test]
fn ragged_rows_and_invalid_utf8_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes =
        b"account_id,timestamp,text\na,1700000000,ok\nb,1700000001\nc,1700000002,\xff\xfe\n"
            .to_vec();
    for i in 0..10 {
        bytes.extend_from_slice(format!("d{i},1700000003,fine\n").as_bytes());
    }
    let (rows, acc) = read(write(&dir, "x.csv", &bytes), &IngestOptions::default()).unwrap();
    assert_eq!(rows.len(), 11);
    let file = &acc.files[0];
    assert_eq!(file.rejected[&RejectReason::WrongFieldCount].first_line, 3);
    assert_eq!(file.rejected[&RejectReason::InvalidUtf8].first_line, 4);
    assert_eq!(file.rows_read, file.rows_used + file.rows_rejected());
}

#[test]
fn missing_required_column_names_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let err = read(
        write(&dir, "x.csv", b"user,time\na,1\n"),
        &IngestOptions::default(),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("x.csv:1:1"), "{msg}");
    assert!(msg.contains("no 'account_id' column"), "{msg}");
    assert!(msg.contains("user, time"), "{msg}");
}

#[test]
fn mostly_rejected_input_fails_loudly() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("account_id,timestamp\n");
    for i in 0..20 {
        csv.push_str(&format!(
            "a{i},{}\n",
            if i < 15 { "02/09/2024" } else { "1700000000" }
        ));
    }
    let err = read(
        write(&dir, "x.csv", csv.as_bytes()),
        &IngestOptions::default(),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("15 of 20 rows rejected"), "{msg}");
    assert!(
        msg.contains("unparseable timestamp x15, first at line 2"),
        "{msg}"
    );
}

#[test]
fn empty_and_missing_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let err = read(write(&dir, "empty.csv", b""), &IngestOptions::default()).unwrap_err();
    assert!(err.to_string().contains("empty input"), "{err}");
    let err = read(dir.path().join("nope.csv"), &IngestOptions::default()).unwrap_err();
    assert!(matches!(err, IngestError::Open { .. }));
}
