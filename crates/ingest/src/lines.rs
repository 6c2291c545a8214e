//! Line-by-line reading with a bound on the memory one line may take.

use crate::error::IngestError;
use std::io::BufRead;

/// The longest line kept in memory, in bytes; longer lines are skipped and rejected.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// One line of an input.
pub(crate) enum Line<'b> {
    /// The line's bytes, newline and a leading byte-order mark (first line) removed.
    Text(&'b [u8]),
    /// The line exceeded [`MAX_LINE_BYTES`]; its bytes were skipped.
    TooLong,
}

/// Calls `each` with every line and its 1-based number; blank lines are passed too.
pub(crate) fn for_each_line(
    mut reader: Box<dyn BufRead>,
    source: &str,
    limit: usize,
    mut each: impl FnMut(u64, Line<'_>),
) -> Result<(), IngestError> {
    let mut buf = Vec::new();
    let mut number = 0u64;
    loop {
        buf.clear();
        let mut too_long = false;
        let mut any = false;
        loop {
            let chunk = reader.fill_buf().map_err(|e| IngestError::Read {
                source_name: source.to_string(),
                line: number + 1,
                message: e.to_string(),
            })?;
            if chunk.is_empty() {
                break;
            }
            any = true;
            let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..=i], true),
                None => (chunk, false),
            };
            if !too_long && buf.len() + part.len() <= limit {
                buf.extend_from_slice(part);
            } else {
                too_long = true;
                buf.clear();
            }
            let n = part.len();
            reader.consume(n);
            if done {
                break;
            }
        }
        if !any {
            return Ok(());
        }
        number += 1;
        if too_long {
            each(number, Line::TooLong);
            continue;
        }
        let mut text: &[u8] = &buf;
        if number == 1 {
            text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
        }
        let text = text.strip_suffix(b"\n").unwrap_or(text);
        each(number, Line::Text(text.strip_suffix(b"\r").unwrap_or(text)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &'static [u8], limit: usize) -> Vec<(u64, Option<Vec<u8>>)> {
        let mut out = Vec::new();
        for_each_line(Box::new(input), "x", limit, |n, line| {
            out.push((
                n,
                match line {
                    Line::Text(t) => Some(t.to_vec()),
                    Line::TooLong => None,
                },
            ))
        })
        .unwrap();
        out
    }

    #[test]
    fn mixed_endings_bom_and_long_lines() {
        assert_eq!(
            lines(b"\xEF\xBB\xBFa\r\nb\n\nc", 100),
            vec![
                (1, Some(b"a".to_vec())),
                (2, Some(b"b".to_vec())),
                (3, Some(vec![])),
                (4, Some(b"c".to_vec())),
            ]
        );
        assert_eq!(
            lines(b"short\nmuch too long\nok\n", 6),
            vec![
                (1, Some(b"short".to_vec())),
                (2, None),
                (3, Some(b"ok".to_vec()))
            ]
        );
        assert!(lines(b"", 10).is_empty());
    }
}
