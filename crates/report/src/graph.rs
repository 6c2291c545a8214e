//! What the graph exports say about each account and edge, shared by GEXF and GraphML.

use crate::error::ReportError;
use crate::model::{Account, Edge, Run};
use quick_xml::Writer;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// The type of an exported attribute, named as GEXF and GraphML both name it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    Long,
    Double,
    Text,
}

impl Kind {
    /// The type's name in both formats.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Long => "long",
            Kind::Double => "double",
            Kind::Text => "string",
        }
    }
}

/// Account attributes: name and type.
pub(crate) const NODE_ATTRIBUTES: [(&str, Kind); 5] = [
    ("network", Kind::Long),
    ("score", Kind::Double),
    ("verdict", Kind::Text),
    ("role", Kind::Text),
    ("inauthenticity", Kind::Double),
];

/// Edge attributes beyond the weight: name and type.
pub(crate) const EDGE_ATTRIBUTES: [(&str, Kind); 3] = [
    ("signals", Kind::Text),
    ("p_value", Kind::Double),
    ("leader", Kind::Text),
];

/// The label of an account: its handle, else its id.
pub(crate) fn node_label(a: &Account) -> &str {
    if a.handle.is_empty() {
        &a.id
    } else {
        &a.handle
    }
}

/// The values of [`NODE_ATTRIBUTES`] for an account; `None` where unknown.
pub(crate) fn node_values(a: &Account) -> [Option<String>; 5] {
    [
        a.network.map(|n| n.to_string()),
        a.score.map(double),
        non_empty(&a.verdict),
        non_empty(&a.role),
        a.inauthenticity.map(double),
    ]
}

/// The values of [`EDGE_ATTRIBUTES`] for an edge; `None` where unknown.
pub(crate) fn edge_values(e: &Edge) -> [Option<String>; 3] {
    [
        non_empty(&e.signals),
        e.p_value.map(double),
        non_empty(&e.leader),
    ]
}

/// A double as XML Schema, Gephi and networkx read it: plain decimals, or scientific notation
/// for very small and very large magnitudes (p-values reach 1e-300).
pub(crate) fn double(x: f64) -> String {
    if x != 0.0 && !(1e-4..1e15).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// `s` with the characters XML 1.0 cannot carry, even escaped (most control characters),
/// replaced by U+FFFD.
pub(crate) fn xml_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{fffe}' | '\u{ffff}'))
    };
    if s.chars().all(allowed) {
        s.into()
    } else {
        s.chars()
            .map(|c| if allowed(c) { c } else { '\u{fffd}' })
            .collect::<String>()
            .into()
    }
}

/// Writes `path` as an XML document whose body `write_body` produces.
pub(crate) fn write_xml_file(
    path: &Path,
    run: &Run,
    write_body: impl FnOnce(&mut Writer<BufWriter<File>>, &Run) -> std::io::Result<()>,
) -> Result<(), ReportError> {
    let file = File::create(path).map_err(|e| ReportError::write(path, e))?;
    let mut writer = Writer::new_with_indent(BufWriter::new(file), b' ', 2);
    writer
        .write_event(quick_xml::events::Event::Decl(
            quick_xml::events::BytesDecl::new("1.0", Some("UTF-8"), None),
        ))
        .and_then(|_| write_body(&mut writer, run))
        .and_then(|_| writer.get_mut().write_all(b"\n"))
        .and_then(|_| writer.get_mut().flush())
        .map_err(|e| ReportError::write(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_keep_their_value_in_a_short_form() {
        for (x, text) in [
            (2.5, "2.5"),
            (0.0, "0"),
            (1.407e-75, "1.407e-75"),
            (3e20, "3e20"),
        ] {
            assert_eq!(double(x), text);
            assert_eq!(text.parse::<f64>().unwrap(), x);
        }
    }

    #[test]
    fn characters_xml_cannot_carry_are_replaced() {
        assert_eq!(xml_safe("a\u{0}b\tc\u{1b}"), "a\u{fffd}b\tc\u{fffd}");
        assert!(matches!(xml_safe("<&>"), std::borrow::Cow::Borrowed("<&>")));
    }
}
