//! Any bytes, read as any format (the first byte picks one, or detection): the reader must not
//! panic, and every row it reads must be used or counted as rejected.

#![no_main]

use libfuzzer_sys::fuzz_target;
use lockstep_ingest::{read_posts, Format, IngestOptions, Input};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    // One more choice than there are formats: detection.
    let format = Format::ALL
        .get(usize::from(selector) % (Format::ALL.len() + 1))
        .copied();
    let path = std::env::temp_dir().join(format!("lockstep-fuzz-{}", std::process::id()));
    std::fs::write(&path, bytes).expect("scratch file is writable");
    let options = IngestOptions {
        format,
        max_rejected_fraction: 1.0,
        min_rows_for_failure: u64::MAX,
        ..IngestOptions::default()
    };
    let mut used = 0u64;
    if let Ok(accounting) = read_posts(&[Input::Path(path)], &options, &mut |_| used += 1) {
        let file = &accounting.files[0];
        assert_eq!(file.rows_used, used);
        assert_eq!(file.rows_read, file.rows_used + file.rows_rejected());
    }
});
