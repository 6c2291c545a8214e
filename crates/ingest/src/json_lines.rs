//! JSON Lines reader: one object per line; nested keys are reached with dotted mappings.

use crate::accounting::{FileAccounting, RejectReason};
use crate::error::IngestError;
use crate::field::{ColumnMap, Field};
use crate::record::{Items, Record};
use crate::row::{self, non_blank, RowFields};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::io::BufRead;

struct JsonRow<'a> {
    object: &'a Map<String, Value>,
    keys: &'a [Vec<&'a str>],
}

impl<'a> JsonRow<'a> {
    fn value(&self, field: Field) -> Option<&'a Value> {
        self.keys[field.index()]
            .iter()
            .find_map(|key| lookup(self.object, key))
    }
}

/// The value at `key`, or at the dotted path `key` when there is no such top-level key.
fn lookup<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if let Some(v) = object.get(key) {
        return Some(v);
    }
    let mut parts = key.split('.');
    let mut current = object.get(parts.next()?)?;
    for part in parts {
        current = current.as_object()?.get(part)?;
    }
    Some(current)
}

impl<'a> RowFields<'a> for JsonRow<'a> {
    fn scalar(&self, field: Field) -> Option<Cow<'a, str>> {
        match self.value(field)? {
            Value::String(s) => non_blank(s).map(Cow::Borrowed),
            Value::Number(n) => Some(Cow::Owned(n.to_string())),
            Value::Bool(b) => Some(Cow::Owned(b.to_string())),
            _ => None,
        }
    }

    fn items(&self, field: Field) -> Items<'a> {
        match self.value(field) {
            Some(Value::Array(values)) => Items::List(values),
            Some(Value::String(s)) => non_blank(s).map_or(Items::Empty, Items::Spaced),
            _ => Items::Empty,
        }
    }
}

/// Reads JSON Lines, calling `sink` for every usable line. Blank lines are not rows.
pub(crate) fn read(
    mut reader: Box<dyn BufRead>,
    source: &str,
    map: &ColumnMap,
    accounting: &mut FileAccounting,
    sink: &mut dyn FnMut(&Record),
) -> Result<(), IngestError> {
    let keys: Vec<Vec<&str>> = Field::ALL.iter().map(|&f| map.key_candidates(f)).collect();
    let mut buf = Vec::new();
    let mut line = 0u64;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| IngestError::Read {
                source_name: source.to_string(),
                line: line + 1,
                message: e.to_string(),
            })?;
        if n == 0 {
            break;
        }
        line += 1;
        let bytes = if line == 1 {
            buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf)
        } else {
            &buf
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            accounting.rows_read += 1;
            accounting.reject(RejectReason::InvalidUtf8, line);
            continue;
        };
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(_) => {
                accounting.rows_read += 1;
                accounting.reject(RejectReason::InvalidJson, line);
                continue;
            }
        };
        let Value::Object(object) = &value else {
            accounting.rows_read += 1;
            accounting.reject(RejectReason::NotAnObject, line);
            continue;
        };
        let row = JsonRow {
            object,
            keys: &keys,
        };
        if let Some(rec) = row::build(&row, source, line, accounting) {
            sink(&rec);
        }
    }
    Ok(())
}
