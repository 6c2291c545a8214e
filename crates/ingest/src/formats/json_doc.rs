//! Streaming the records of a single-document JSON export (a Telegram `result.json`, a Mastodon
//! statuses array) one element at a time, so memory holds one record, never the document.

use crate::error::IngestError;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::cell::Cell;
use std::fmt;
use std::io::{BufRead, Read};
use std::rc::Rc;

/// Where the records are: the array under `records` in any object met while descending through
/// the keys in `containers` (and arrays), or the document itself when it is an array.
pub(crate) struct RecordArrays<'k> {
    /// The key whose array holds the records (`messages`).
    pub(crate) records: &'k str,
    /// Keys to descend through to find more (`chats`, `list`).
    pub(crate) containers: &'k [&'k str],
    /// A scalar key of the object holding the records that scopes them (a chat's `id`), when it
    /// comes before the records array.
    pub(crate) scope: Option<&'k str>,
}

/// Calls `each` with every record, the line where it ends and its scope; returns how many record
/// arrays were found. A document that is not valid JSON is an error naming the line and column
/// where parsing stopped (records before it were read).
pub(crate) fn for_each_record(
    reader: Box<dyn BufRead>,
    source: &str,
    arrays: &RecordArrays,
    mut each: impl FnMut(Value, u64, Option<&str>),
) -> Result<usize, IngestError> {
    let lines = Rc::new(Cell::new(1u64));
    let counting = LineCounter {
        inner: reader,
        lines: Rc::clone(&lines),
    };
    let mut de = serde_json::Deserializer::from_reader(counting);
    let mut found = 0;
    let walk = Walk {
        place: Place::Root,
        arrays,
        each: &mut each,
        lines: &lines,
        scope: None,
        found: &mut found,
    };
    walk.deserialize(&mut de)
        .and_then(|()| de.end())
        .map(|()| found)
        .map_err(|e| {
            if e.is_io() {
                IngestError::Read {
                    source_name: source.to_string(),
                    line: e.line() as u64,
                    message: e.to_string(),
                }
            } else {
                IngestError::Malformed {
                    source_name: source.to_string(),
                    line: e.line() as u64,
                    column: e.column() as u64,
                    message: format!("not a valid JSON document: {e}"),
                }
            }
        })
}

/// Counts the newlines read, so records can be reported by line.
struct LineCounter {
    inner: Box<dyn BufRead>,
    lines: Rc<Cell<u64>>,
}

impl Read for LineCounter {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let newlines = buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        self.lines.set(self.lines.get() + newlines);
        Ok(n)
    }
}

/// Where the walk is in the document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The document itself: an array is the records, an object is searched.
    Root,
    /// Under a container key: objects are searched, arrays walked element by element.
    Container,
    /// The records array.
    Records,
}

struct Walk<'w, 'k, F> {
    place: Place,
    arrays: &'w RecordArrays<'k>,
    each: &'w mut F,
    lines: &'w Cell<u64>,
    scope: Option<String>,
    found: &'w mut usize,
}

impl<'w, 'k, F> Walk<'w, 'k, F> {
    fn at(&mut self, place: Place) -> Walk<'_, 'k, F> {
        Walk {
            place,
            arrays: self.arrays,
            each: &mut *self.each,
            lines: self.lines,
            scope: self.scope.clone(),
            found: &mut *self.found,
        }
    }
}

impl<'de, F: FnMut(Value, u64, Option<&str>)> DeserializeSeed<'de> for Walk<'_, '_, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.place {
            Place::Records => d.deserialize_seq(self),
            Place::Root | Place::Container => d.deserialize_any(self),
        }
    }
}

impl<'de, F: FnMut(Value, u64, Option<&str>)> Visitor<'de> for Walk<'_, '_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.place {
            Place::Records => write!(f, "an array under '{}'", self.arrays.records),
            Place::Root | Place::Container => f.write_str("a JSON object or array"),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        if self.place == Place::Container {
            while seq.next_element_seed(self.at(Place::Container))?.is_some() {}
        } else {
            *self.found += 1;
            while let Some(record) = seq.next_element::<Value>()? {
                (self.each)(record, self.lines.get(), self.scope.as_deref());
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if Some(key.as_str()) == self.arrays.scope {
                self.scope = match map.next_value::<Value>()? {
                    Value::String(s) => Some(s),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                };
            } else if key == self.arrays.records {
                map.next_value_seed(self.at(Place::Records))?;
            } else if self.arrays.containers.contains(&key.as_str()) {
                map.next_value_seed(self.at(Place::Container))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    // Scalars under a container key hold no records.
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(doc: &str) -> Result<Vec<(Value, u64, Option<String>)>, IngestError> {
        let arrays = RecordArrays {
            records: "messages",
            containers: &["chats", "list"],
            scope: Some("id"),
        };
        let mut out = Vec::new();
        for_each_record(
            Box::new(std::io::Cursor::new(doc.to_string())),
            "doc",
            &arrays,
            |v, line, scope| out.push((v, line, scope.map(str::to_string))),
        )?;
        Ok(out)
    }

    #[test]
    fn finds_records_at_the_top_and_inside_containers() {
        let chat = "{\"name\": \"c\", \"id\": 7, \"messages\": [\n {\"id\": 1},\n {\"id\": 2}\n]}";
        let got = records(chat).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0["id"], 1);
        assert_eq!((got[0].1, got[1].1), (2, 3));
        assert_eq!(got[1].2.as_deref(), Some("7"));
        let full = "{\"about\": \"x\", \"chats\": {\"about\": \"y\", \"list\": [{\"messages\": [{\"id\": 1}]}, {\"messages\": [{\"id\": 2}, {\"id\": 3}]}]}}";
        let got = records(&full.replace("[{\"messages", "[{\"id\": \"a\", \"messages")).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].2.as_deref(), Some("a"));
        assert_eq!(got[2].2, None);
        assert_eq!(records("[{\"id\": 1}, 2]").unwrap().len(), 2);
    }

    #[test]
    fn broken_documents_are_errors_with_a_line() {
        let err = records("{\"messages\": [\n{\"id\": 1},\n{\"id\": ").unwrap_err();
        assert!(
            matches!(err, IngestError::Malformed { line: 3, .. }),
            "{err}"
        );
        assert!(records("{\"messages\": 5}").is_err());
        assert!(records("{} trailing").is_err());
        assert!(records("").is_err());
    }
}
