//! graph.gexf: the accounts and edges of a run for Gephi (GEXF 1.2, which networkx also reads).

use crate::error::ReportError;
use crate::graph::{
    double, edge_values, node_label, node_values, write_xml_file, xml_safe, Kind, EDGE_ATTRIBUTES,
    NODE_ATTRIBUTES,
};
use crate::model::Run;
use quick_xml::events::BytesText;
use quick_xml::Writer;
use std::io::{Result, Write};
use std::path::Path;

/// Writes the run's accounts (nodes, id = account id) and edges to `path` as GEXF 1.2.
pub fn write_gexf(path: &Path, run: &Run) -> std::result::Result<(), ReportError> {
    write_xml_file(path, run, |w, run| {
        w.create_element("gexf")
            .with_attributes([
                ("xmlns", "http://www.gexf.net/1.2draft"),
                ("version", "1.2"),
            ])
            .write_inner_content(|w| {
                w.create_element("meta").write_inner_content(|w| {
                    w.create_element("creator")
                        .write_text_content(BytesText::new(&creator(run)))?;
                    Ok(())
                })?;
                w.create_element("graph")
                    .with_attributes([("mode", "static"), ("defaultedgetype", "undirected")])
                    .write_inner_content(|w| graph(w, run))?;
                Ok(())
            })?;
        Ok(())
    })
}

fn creator(run: &Run) -> String {
    let version = run
        .run
        .get("version")
        .and_then(|v| v.as_str())
        .unwrap_or("");
    format!("lockstep {version}").trim_end().to_string()
}

fn graph<W: Write>(w: &mut Writer<W>, run: &Run) -> Result<()> {
    declare(w, "node", &NODE_ATTRIBUTES)?;
    declare(w, "edge", &EDGE_ATTRIBUTES)?;
    w.create_element("nodes").write_inner_content(|w| {
        for a in &run.accounts {
            w.create_element("node")
                .with_attributes([("id", xml_safe(&a.id)), ("label", xml_safe(node_label(a)))])
                .write_inner_content(|w| values(w, &NODE_ATTRIBUTES, &node_values(a)))?;
        }
        Ok(())
    })?;
    w.create_element("edges").write_inner_content(|w| {
        for (i, e) in run.edges.iter().enumerate() {
            let weight = double(e.weight);
            w.create_element("edge")
                .with_attributes([
                    ("id", i.to_string().as_str()),
                    ("source", &xml_safe(&run.accounts[e.source].id)),
                    ("target", &xml_safe(&run.accounts[e.target].id)),
                    ("weight", &weight),
                ])
                .write_inner_content(|w| values(w, &EDGE_ATTRIBUTES, &edge_values(e)))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn declare<W: Write>(w: &mut Writer<W>, class: &str, attributes: &[(&str, Kind)]) -> Result<()> {
    w.create_element("attributes")
        .with_attribute(("class", class))
        .write_inner_content(|w| {
            for (name, kind) in attributes {
                w.create_element("attribute")
                    .with_attributes([("id", *name), ("title", *name), ("type", kind.name())])
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

fn values<W: Write>(
    w: &mut Writer<W>,
    attributes: &[(&str, Kind)],
    values: &[Option<String>],
) -> Result<()> {
    w.create_element("attvalues").write_inner_content(|w| {
        for ((name, _), value) in attributes.iter().zip(values) {
            if let Some(v) = value {
                w.create_element("attvalue")
                    .with_attributes([("for", *name), ("value", &xml_safe(v))])
                    .write_empty()?;
            }
        }
        Ok(())
    })?;
    Ok(())
}
