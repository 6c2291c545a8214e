//! `--output-format parquet`: every result table gets a Parquet twin holding the CSV's rows,
//! with counts as integers, scores as doubles, flags as booleans and empty fields as nulls.

use arrow_array::{Array, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray};
use lockstep::{detect, write_outputs, DetectConfig, NoProgress, TableFormat};
use lockstep_ingest::Input;
use lockstep_synth::{generate, SynthConfig};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::path::{Path, PathBuf};

fn read_parquet(path: &Path) -> (Vec<String>, Vec<RecordBatch>) {
    let file = std::fs::File::open(path).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let names = builder
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let batches = builder.build().unwrap().map(Result::unwrap).collect();
    (names, batches)
}

/// The value of row `row` of `column` as the CSV writes it, or `None` for a null.
fn cell(column: &dyn Array, row: usize) -> Option<String> {
    if column.is_null(row) {
        return None;
    }
    let any = column.as_any();
    if let Some(a) = any.downcast_ref::<Int64Array>() {
        Some(a.value(row).to_string())
    } else if let Some(a) = any.downcast_ref::<BooleanArray>() {
        Some(a.value(row).to_string())
    } else if let Some(a) = any.downcast_ref::<Float64Array>() {
        Some(a.value(row).to_string())
    } else {
        let a = any.downcast_ref::<StringArray>().expect("a string column");
        Some(a.value(row).to_string())
    }
}

/// Asserts that `parquet` holds exactly the rows of `csv`.
fn assert_same_table(csv: &Path, parquet: &Path) -> usize {
    let mut reader = csv::Reader::from_path(csv).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let (names, batches) = read_parquet(parquet);
    assert_eq!(names, header, "{}", parquet.display());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut next = rows.iter();
    for batch in &batches {
        for row in 0..batch.num_rows() {
            let expected = next
                .next()
                .expect("no more rows in the CSV than in the Parquet");
            for (c, name) in header.iter().enumerate() {
                let value = cell(batch.column(c).as_ref(), row);
                let want = &expected[c];
                match &value {
                    None => assert!(want.is_empty(), "{name}: null for '{want}'"),
                    Some(v) if batch.column(c).as_any().is::<Float64Array>() => {
                        let w: f64 = want.parse().unwrap();
                        assert_eq!(v.parse::<f64>().unwrap(), w, "{name}");
                    }
                    Some(v) => assert_eq!(v, want, "{name}"),
                }
            }
        }
    }
    assert!(
        next.next().is_none(),
        "every CSV row is in the Parquet file"
    );
    rows.len()
}

/// Detects in a small generated dataset with `tables`; returns the run directory (inside the
/// temporary directory, kept alive by the first value).
fn detect_synth(seed: u64, tables: TableFormat) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let synth = SynthConfig {
        accounts: SynthConfig::MIN_ACCOUNTS,
        seed,
        ..SynthConfig::demo()
    };
    generate(&synth, &data).unwrap();
    let mut config = DetectConfig::new(vec![Input::Path(data.join("posts.csv"))]);
    config.tables = tables;
    let outcome = detect(&config, &NoProgress).unwrap();
    let out = dir.path().join("out");
    write_outputs(&outcome, &config, &out).unwrap();
    (dir, out)
}

#[test]
fn parquet_twins_hold_the_csv_rows_with_types() {
    let (_dir, out) = detect_synth(5, TableFormat::CsvAndParquet);
    let accounts = assert_same_table(&out.join("accounts.csv"), &out.join("accounts.parquet"));
    let edges = assert_same_table(&out.join("edges.csv"), &out.join("edges.parquet"));
    let evidence = assert_same_table(&out.join("evidence.csv"), &out.join("evidence.parquet"));
    let narratives =
        assert_same_table(&out.join("narratives.csv"), &out.join("narratives.parquet"));
    assert!(accounts > 10 && edges > 10 && evidence > edges && narratives > 0);

    // Typed columns: counts are integers, scores doubles, account ids strings.
    let (names, batches) = read_parquet(&out.join("edges.parquet"));
    let column = |name: &str| names.iter().position(|n| n == name).unwrap();
    let batch = &batches[0];
    assert!(batch
        .column(column("n_objects"))
        .as_any()
        .is::<Int64Array>());
    assert!(batch
        .column(column("p_value"))
        .as_any()
        .is::<Float64Array>());
    assert!(batch.column(column("source")).as_any().is::<StringArray>());
    let (names, batches) = read_parquet(&out.join("narratives.parquet"));
    let at = names.iter().position(|n| n == "boilerplate").unwrap();
    assert!(batches[0].column(at).as_any().is::<BooleanArray>());
}

#[test]
fn csv_only_writes_no_parquet() {
    let (_dir, out) = detect_synth(6, TableFormat::Csv);
    assert!(out.join("accounts.csv").exists());
    let parquet = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension() == Some("parquet".as_ref()))
        .count();
    assert_eq!(parquet, 0);
}
