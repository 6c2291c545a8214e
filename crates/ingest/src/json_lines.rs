//! JSON Lines: one value per line, parsed one line at a time; generic objects are read through
//! the column mapping, with nested keys reached by dotted names.

use crate::accounting::RejectReason;
use crate::error::IngestError;
use crate::field::{ColumnMap, Field};
use crate::lines::{for_each_line, Line, MAX_LINE_BYTES};
use crate::record::Items;
use crate::row::{non_blank, RowFields};
use crate::rows::Rows;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::io::BufRead;

/// Calls `each` with every line's JSON value, its line number and its bytes. Blank lines are not
/// rows; lines that are too long, not UTF-8 or not JSON are rejected.
pub(crate) fn for_each_value(
    reader: Box<dyn BufRead>,
    rows: &mut Rows,
    mut each: impl FnMut(&mut Rows, Value, u64, &[u8]),
) -> Result<(), IngestError> {
    let source = rows.source;
    for_each_line(reader, source, MAX_LINE_BYTES, |line, text| {
        let bytes = match text {
            Line::TooLong => return rows.reject(RejectReason::LineTooLong, line, b""),
            Line::Text(bytes) => bytes,
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            return rows.reject(RejectReason::InvalidUtf8, line, bytes);
        };
        match serde_json::from_str(text) {
            Ok(value) => each(rows, value, line, bytes),
            Err(_) => rows.reject(RejectReason::InvalidJson, line, bytes),
        }
    })
}

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
            Some(Value::String(s)) => non_blank(s).map_or(Items::Empty, Items::of_text),
            _ => Items::Empty,
        }
    }
}

/// Reads generic JSON Lines (canonical or mapped keys), one object per line.
pub(crate) fn read(
    reader: Box<dyn BufRead>,
    map: &ColumnMap,
    rows: &mut Rows,
) -> Result<(), IngestError> {
    let keys: Vec<Vec<&str>> = Field::ALL.iter().map(|&f| map.key_candidates(f)).collect();
    for_each_value(reader, rows, |rows, value, line, bytes| {
        let Value::Object(object) = &value else {
            return rows.reject(RejectReason::NotAnObject, line, bytes);
        };
        let row = JsonRow {
            object,
            keys: &keys,
        };
        rows.offer(&row, line, || Cow::Borrowed(bytes));
    })
}
