//! graph.graphml: the accounts and edges of a run as GraphML (Gephi, networkx, igraph, yEd).

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

/// Writes the run's accounts (nodes, id = account id; `label` = handle or id) and edges
/// (`weight` and the edge attributes) to `path` as GraphML.
pub fn write_graphml(path: &Path, run: &Run) -> std::result::Result<(), ReportError> {
    write_xml_file(path, run, |w, run| {
        w.create_element("graphml")
            .with_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"))
            .write_inner_content(|w| {
                key(w, "node", "label", Kind::Text)?;
                for (name, kind) in NODE_ATTRIBUTES {
                    key(w, "node", name, kind)?;
                }
                key(w, "edge", "weight", Kind::Double)?;
                for (name, kind) in EDGE_ATTRIBUTES {
                    key(w, "edge", name, kind)?;
                }
                w.create_element("graph")
                    .with_attributes([("id", "lockstep"), ("edgedefault", "undirected")])
                    .write_inner_content(|w| graph(w, run))?;
                Ok(())
            })?;
        Ok(())
    })
}

fn key<W: Write>(w: &mut Writer<W>, domain: &str, name: &str, kind: Kind) -> Result<()> {
    w.create_element("key")
        .with_attributes([
            ("id", name),
            ("for", domain),
            ("attr.name", name),
            ("attr.type", kind.name()),
        ])
        .write_empty()?;
    Ok(())
}

fn graph<W: Write>(w: &mut Writer<W>, run: &Run) -> Result<()> {
    for a in &run.accounts {
        let label = Some(node_label(a).to_string());
        w.create_element("node")
            .with_attribute(("id", xml_safe(&a.id)))
            .write_inner_content(|w| {
                data(w, "label", &label)?;
                for ((name, _), value) in NODE_ATTRIBUTES.iter().zip(&node_values(a)) {
                    data(w, name, value)?;
                }
                Ok(())
            })?;
    }
    for (i, e) in run.edges.iter().enumerate() {
        let weight = Some(double(e.weight));
        w.create_element("edge")
            .with_attributes([
                ("id", format!("e{i}").as_str()),
                ("source", &xml_safe(&run.accounts[e.source].id)),
                ("target", &xml_safe(&run.accounts[e.target].id)),
            ])
            .write_inner_content(|w| {
                data(w, "weight", &weight)?;
                for ((name, _), value) in EDGE_ATTRIBUTES.iter().zip(&edge_values(e)) {
                    data(w, name, value)?;
                }
                Ok(())
            })?;
    }
    Ok(())
}

fn data<W: Write>(w: &mut Writer<W>, key: &str, value: &Option<String>) -> Result<()> {
    if let Some(v) = value {
        w.create_element("data")
            .with_attribute(("key", key))
            .write_text_content(BytesText::new(&xml_safe(v)))?;
    }
    Ok(())
}
