//! Generic CSV and TSV: canonical column names, CooRTweet's names or a `--column` mapping.

use crate::csv_rows::{for_each_record, Header};
use crate::error::IngestError;
use crate::field::{ColumnMap, Field, Resolved};
use crate::record::Items;
use crate::row::{non_blank, RowFields};
use crate::rows::Rows;
use std::borrow::Cow;
use std::io::BufRead;

struct CsvRow<'a> {
    fields: &'a [&'a str],
    columns: &'a Resolved,
}

impl<'a> RowFields<'a> for CsvRow<'a> {
    fn scalar(&self, field: Field) -> Option<Cow<'a, str>> {
        let i = self.columns.column(field)?;
        non_blank(self.fields.get(i)?).map(Cow::Borrowed)
    }

    fn items(&self, field: Field) -> Items<'a> {
        match self.scalar(field) {
            Some(Cow::Borrowed(s)) => Items::of_text(s),
            _ => Items::Empty,
        }
    }

    fn has_column(&self, field: Field) -> bool {
        self.columns.column(field).is_some()
    }
}

/// Reads a delimited file with a header row.
pub(crate) fn read(
    reader: Box<dyn BufRead>,
    delimiter: u8,
    map: &ColumnMap,
    rows: &mut Rows,
) -> Result<(), IngestError> {
    let setup = |names: &[&str]| map.resolve_posts(names);
    for_each_record(
        reader,
        delimiter,
        Header::FirstRow,
        rows,
        setup,
        |rows, columns, rec| {
            let row = CsvRow {
                fields: &rec.fields,
                columns,
            };
            rows.offer(&row, rec.line, || rec.raw());
        },
    )
}
