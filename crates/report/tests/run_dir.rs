//! Reading a hand-made run directory, and what the report and graph exports make of it.

use lockstep_report::{
    read_run, write_reports, EvidenceLimits, EvidenceRow, GraphExports, ReportOptions,
};
use std::path::Path;

/// An account id that tries to break out of HTML, XML and JSON, with a control character.
const HOSTILE: &str = "</script><!--\"&'<x>\u{1}";

const RUN_JSON: &str = r#"{"tool": "lockstep", "version": "9.9.9", "input": {"rows_read": 12}}"#;

fn networks_json() -> String {
    let hostile = serde_json::to_string(HOSTILE).unwrap();
    format!(
        r#"{{"edge_selection": null, "count": 1, "networks": [{{
  "id": 1, "size": 3, "score": 12.5, "verdict": "likely_cib", "members": ["a", "b", {hostile}],
  "roles": [{{"account": "a", "role": "leader", "leads": 4, "follows": 0,
             "inauthenticity": {{"score": 0.5, "verified": null}}}}],
  "working_hours": {{"utc_hour_counts": [0,0,0,0,0,0,0,0,3,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
                     "utc_offset_hours": 3, "confidence": 0.4}},
  "top_objects": [{{"signal": "link", "object": "example.org/x", "accounts": 3, "coactions": 3}},
                  {{"signal": "text", "object": "narrative:8", "accounts": 2, "coactions": 1}}],
  "future_field": [1, 2]
}}]}}"#
    )
}

/// Columns reordered, a column the report does not know, and a trailing extra column.
fn accounts_csv() -> String {
    format!(
        "score,account_id,extra,network_id,handle,role,inauthenticity,verdict,n_posts,later\n\
         3.5,a,z,1,alpha,leader,0.500,likely_cib,10,q\n\
         2,b,z,1,,follower,0.250,likely_cib,7,q\n\
         1,\"{}\",z,1,,peer,,likely_cib,,q\n\
         0.5,loner,z,,,,,,,q\n",
        HOSTILE.replace('"', "\"\"")
    )
}

fn edges_csv() -> String {
    format!(
        "source,target,weight,signals,n_objects,p_value,leader,network_id,median_lag_s,more\n\
         a,b,2.5,link;text,3,1.5e-6,a,1,4,x\n\
         b,\"{}\",1.25,link,2,0.001,,1,,x\n\
         a,stranger,1,hashtag,1,0.01,,,,x\n",
        HOSTILE.replace('"', "\"\"")
    )
}

/// Evidence with a trailing `similarity` column; the second row names its edge's accounts the
/// other way round; the pair c-d has no edge; a-stranger is in no network.
const EVIDENCE_CSV: &str = "source,target,signal,object,source_post_id,target_post_id,source_time,target_time,lag_s,similarity
a,b,link,example.org/x,p1,p2,2024-09-02T10:00:00Z,2024-09-02T10:00:04Z,4,
b,a,text,narrative:7,p3,p4,2024-09-02T11:00:00Z,2024-09-02T11:00:01Z,1,0.9
a,b,link,example.org/y,p5,p6,2024-09-02T12:00:00Z,2024-09-02T12:00:09Z,9,1
c,d,link,example.org/z,p7,p8,2024-09-02T12:00:00Z,2024-09-02T12:00:09Z,9,1
stranger,a,hashtag,tag,p9,p10,2024-09-02T12:00:00Z,2024-09-02T12:00:09Z,9,1
";

/// Narratives 7 (named by the evidence) and 8 (by the top objects) and one named by neither.
const NARRATIVES_CSV: &str = "narrative_id,n_posts,text,later
7,2,\"same, words\",x
8,5,other words,x
9,3,unused words,x
";

fn limits(per_edge: usize, per_network: usize) -> EvidenceLimits {
    EvidenceLimits {
        per_edge,
        per_network,
    }
}

fn run_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("run.json", RUN_JSON);
    write("networks.json", &networks_json());
    write("accounts.csv", &accounts_csv());
    write("edges.csv", &edges_csv());
    write("evidence.csv", EVIDENCE_CSV);
    write("narratives.csv", NARRATIVES_CSV);
    dir
}

#[test]
fn columns_are_read_by_name_and_evidence_is_oriented() {
    let dir = run_dir();
    let run = read_run(dir.path(), Some(limits(3, 100))).unwrap();
    let ids: Vec<&str> = run.accounts.iter().map(|a| a.id.as_str()).collect();
    // accounts.csv in order, then the account only edges.csv names.
    assert_eq!(ids, ["a", "b", HOSTILE, "loner", "stranger"]);
    let a = &run.accounts[0];
    assert_eq!(
        (a.network, a.score, a.handle.as_str(), a.role.as_str()),
        (Some(1), Some(3.5), "alpha", "leader")
    );
    assert_eq!((a.inauthenticity, a.n_posts), (Some(0.5), Some(10)));
    assert_eq!(run.accounts[3].network, None);

    let ab = &run.edges[0];
    assert_eq!((ab.source, ab.target, ab.weight), (0, 1, 2.5));
    assert_eq!((ab.p_value, ab.leader.as_str()), (Some(1.5e-6), "a"));
    assert_eq!(ab.evidence_total, 3, "three rows of evidence.csv are a-b");
    assert_eq!(ab.evidence.len(), 3);
    let object = |row: &EvidenceRow| run.objects[row.1].as_str();
    assert_eq!(object(&ab.evidence[0]), "example.org/x");
    // The reversed row is turned around: a's post and time come first.
    let reversed = &ab.evidence[1];
    assert_eq!(run.signals[reversed.0], "text");
    assert_eq!(object(reversed), "narrative:7");
    assert_eq!((reversed.2.as_str(), reversed.3.as_str()), ("p4", "p3"));
    assert_eq!(
        (reversed.4.as_str(), reversed.6, reversed.7),
        ("2024-09-02T11:00:01Z", 1.0, Some(0.9))
    );
    assert_eq!(ab.evidence[0].7, None, "empty similarity");
    assert_eq!(run.edges[1].evidence_total, 0);
    // a-stranger is in no network: its row is counted, not kept.
    assert_eq!(run.edges[2].evidence_total, 1);
    assert!(run.edges[2].evidence.is_empty());

    let narratives: Vec<(&str, &str)> = run
        .narratives
        .iter()
        .map(|(id, text)| (id.as_str(), text.as_str()))
        .collect();
    assert_eq!(narratives, [("7", "same, words"), ("8", "other words")]);

    let net = &run.networks[0];
    assert_eq!((net.id, net.verdict.as_str()), (1, "likely_cib"));
    assert_eq!(net.roles[0].inauthenticity["verified"], None);
    let hours = net.working_hours.as_ref().unwrap();
    assert_eq!(
        (hours.utc_hour_counts[9], hours.utc_offset_hours),
        (4, Some(3))
    );
}

/// The objects of the evidence kept for edge a-b (3 rows: x, narrative 7, y).
fn kept_objects(per_edge: usize, per_network: usize) -> Vec<String> {
    let dir = run_dir();
    let run = read_run(dir.path(), Some(limits(per_edge, per_network))).unwrap();
    assert_eq!(run.edges[0].evidence_total, 3);
    let kept = run.edges[0].evidence.iter();
    kept.map(|row| run.objects[row.1].clone()).collect()
}

#[test]
fn kept_evidence_is_spread_over_the_edge() {
    assert_eq!(kept_objects(2, 100), ["example.org/x", "example.org/y"]);
    assert_eq!(kept_objects(1, 100), ["example.org/x"]);
}

#[test]
fn a_network_shares_its_evidence_budget_among_its_edges() {
    // Network 1 has two edges: a budget of 2 leaves one row each, a budget of 1 still one.
    assert_eq!(kept_objects(10, 2), ["example.org/x"]);
    assert_eq!(kept_objects(10, 1), ["example.org/x"]);
    assert_eq!(kept_objects(10, 4), ["example.org/x", "example.org/y"]);
    assert_eq!(kept_objects(10, 6).len(), 3);
}

#[test]
fn runs_without_narratives_have_none() {
    let dir = run_dir();
    std::fs::remove_file(dir.path().join("narratives.csv")).unwrap();
    let run = read_run(dir.path(), Some(limits(10, 100))).unwrap();
    assert!(run.narratives.is_empty());
    assert_eq!(run.objects.len(), 3);
}

#[test]
fn without_an_evidence_limit_evidence_csv_is_not_needed() {
    let dir = run_dir();
    std::fs::remove_file(dir.path().join("evidence.csv")).unwrap();
    let run = read_run(dir.path(), None).unwrap();
    assert_eq!(run.edges.len(), 3);
    let err = read_run(dir.path(), Some(limits(5, 100)))
        .unwrap_err()
        .to_string();
    assert!(err.contains("evidence.csv"), "{err}");
}

fn error_after(change: impl FnOnce(&Path)) -> String {
    let dir = run_dir();
    change(dir.path());
    read_run(dir.path(), Some(limits(10, 100)))
        .unwrap_err()
        .to_string()
}

#[test]
fn bad_files_give_errors_naming_the_file() {
    let missing = error_after(|d| std::fs::remove_file(d.join("run.json")).unwrap());
    assert!(missing.contains("run.json"), "{missing}");

    let corrupt =
        error_after(|d| std::fs::write(d.join("networks.json"), "{\"networks\": [").unwrap());
    assert!(corrupt.contains("networks.json"), "{corrupt}");

    let no_column =
        error_after(|d| std::fs::write(d.join("edges.csv"), "source,weight\na,1\n").unwrap());
    assert!(
        no_column.contains("edges.csv") && no_column.contains("`target`"),
        "{no_column}"
    );

    let narratives =
        error_after(|d| std::fs::write(d.join("narratives.csv"), "narrative_id\n7\n").unwrap());
    assert!(
        narratives.contains("narratives.csv") && narratives.contains("`text`"),
        "{narratives}"
    );

    let not_a_number = error_after(|d| {
        std::fs::write(
            d.join("accounts.csv"),
            "account_id,network_id,score\na,1,high\n",
        )
        .unwrap()
    });
    assert!(
        not_a_number.contains("accounts.csv")
            && not_a_number.contains("line 2")
            && not_a_number.contains("`score`"),
        "{not_a_number}"
    );
}

/// The elements named `name` in document order.
fn elements<'a>(doc: &'a roxmltree::Document, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants().filter(|n| n.has_tag_name(name)).collect()
}

/// The attribute values of a GEXF element, by attribute id.
fn gexf_values(node: roxmltree::Node) -> Vec<(String, String)> {
    node.descendants()
        .filter(|n| n.has_tag_name("attvalue"))
        .map(|n| {
            (
                n.attribute("for").unwrap().into(),
                n.attribute("value").unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn gexf_and_graphml_carry_every_account_and_edge_with_attributes() {
    let dir = run_dir();
    let written = write_reports(dir.path(), &ReportOptions::default()).unwrap();
    assert_eq!(written.paths.len(), 3);
    assert!(written.note.is_none());
    // Control characters cannot be carried by XML; everything else survives escaping.
    let hostile_in_xml = HOSTILE.replace('\u{1}', "\u{fffd}");

    let gexf = std::fs::read_to_string(dir.path().join("graph.gexf")).unwrap();
    let doc = roxmltree::Document::parse(&gexf).unwrap();
    let nodes = elements(&doc, "node");
    let ids: Vec<&str> = nodes.iter().map(|n| n.attribute("id").unwrap()).collect();
    assert_eq!(
        ids,
        ["a", "b", hostile_in_xml.as_str(), "loner", "stranger"]
    );
    assert_eq!(nodes[0].attribute("label"), Some("alpha"));
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        gexf_values(nodes[0]),
        pairs(&[
            ("network", "1"),
            ("score", "3.5"),
            ("verdict", "likely_cib"),
            ("role", "leader"),
            ("inauthenticity", "0.5")
        ])
    );
    assert_eq!(gexf_values(nodes[3]), pairs(&[("score", "0.5")]));
    let edges = elements(&doc, "edge");
    assert_eq!(edges.len(), 3);
    assert_eq!(edges[1].attribute("target"), Some(hostile_in_xml.as_str()));
    assert_eq!(edges[0].attribute("weight"), Some("2.5"));
    assert_eq!(
        gexf_values(edges[0]),
        pairs(&[
            ("signals", "link;text"),
            ("p_value", "1.5e-6"),
            ("leader", "a")
        ])
    );

    let graphml = std::fs::read_to_string(dir.path().join("graph.graphml")).unwrap();
    let doc = roxmltree::Document::parse(&graphml).unwrap();
    let keys: Vec<(&str, &str, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("key"))
        .map(|n| {
            (
                n.attribute("for").unwrap(),
                n.attribute("attr.name").unwrap(),
                n.attribute("attr.type").unwrap(),
            )
        })
        .collect();
    assert!(keys.contains(&("node", "network", "long")));
    assert!(keys.contains(&("edge", "p_value", "double")));
    let data = |n: roxmltree::Node, key: &str| {
        n.children()
            .find(|c| c.has_tag_name("data") && c.attribute("key") == Some(key))
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    let nodes = elements(&doc, "node");
    assert_eq!(nodes.len(), 5);
    assert_eq!(data(nodes[2], "role").as_deref(), Some("peer"));
    assert_eq!(data(nodes[2], "label"), Some(hostile_in_xml.clone()));
    let edges = elements(&doc, "edge");
    assert_eq!(edges.len(), 3);
    assert_eq!(edges[2].attribute("target"), Some("stranger"));
    assert_eq!(data(edges[1], "weight").as_deref(), Some("1.25"));
    assert_eq!(data(edges[1], "leader"), None);
}

#[test]
fn the_page_embeds_hostile_strings_as_inert_json() {
    let dir = run_dir();
    write_reports(dir.path(), &ReportOptions::default()).unwrap();
    let page = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert_eq!(page.matches("<script").count(), 3, "data, cytoscape, app");
    assert_eq!(page.matches("</script>").count(), 3);
    assert!(!page.contains(HOSTILE));
    let start = page.find("type=\"application/json\">").unwrap() + 24;
    let end = start + page[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(data["accounts"][2]["id"], HOSTILE);
    assert_eq!(data["networks"][0]["members"][2], HOSTILE);
    assert_eq!(data["run"]["version"], "9.9.9");
}

#[test]
fn graph_exports_are_skipped_above_the_edge_limit_with_a_note() {
    let dir = run_dir();
    let edges = read_run(dir.path(), None).unwrap().edges.len();
    assert!(edges >= 2);
    let names = |written: &lockstep_report::Written| -> Vec<String> {
        written
            .paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    let with = |graphs| ReportOptions {
        html: false,
        graphs,
        ..ReportOptions::default()
    };
    let at_limit = write_reports(dir.path(), &with(GraphExports::UpTo(edges))).unwrap();
    assert_eq!(names(&at_limit), ["graph.gexf", "graph.graphml"]);
    assert!(at_limit.note.is_none());
    for file in ["graph.gexf", "graph.graphml"] {
        std::fs::remove_file(dir.path().join(file)).unwrap();
    }
    let above = write_reports(dir.path(), &with(GraphExports::UpTo(edges - 1))).unwrap();
    assert!(above.paths.is_empty());
    let note = above.note.unwrap();
    assert!(
        note.contains(&format!("{edges} edges, more than {}", edges - 1)),
        "{note}"
    );
    assert!(!dir.path().join("graph.gexf").exists());
    let never = write_reports(dir.path(), &with(GraphExports::Never)).unwrap();
    assert!(never.paths.is_empty() && never.note.is_none());
    let always = write_reports(dir.path(), &with(GraphExports::Always)).unwrap();
    assert_eq!(names(&always), ["graph.gexf", "graph.graphml"]);
    assert_eq!(
        GraphExports::parse("auto"),
        Ok(GraphExports::UpTo(1_000_000))
    );
    assert!(GraphExports::parse("sometimes").is_err());
}
