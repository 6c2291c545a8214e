//! report.html: one self-contained page (styles, scripts and the run's data inline).

use crate::inline::{content_security_policy, json_for_script};
use crate::model::Run;

/// The page layout, with `{{NAME}}` placeholders.
const TEMPLATE: &str = include_str!("../assets/report.html");
/// The report's own styles.
const STYLE: &str = include_str!("../assets/report.css");
/// The report's script: renders the embedded data.
const APP: &str = include_str!("../assets/report.js");
/// cytoscape.js (see assets/README.md for its version and how to update it).
const CYTOSCAPE: &str = include_str!("../assets/cytoscape.min.js");
/// The rule cytoscape.js would otherwise inject as a style element at run time, which the
/// page's policy would block; the page carries it under the id cytoscape looks for.
const CYTOSCAPE_STYLE: &str = ".__________cytoscape_container { position: relative; }";

/// Renders the page for `run`.
pub fn render_page(run: &Run) -> Result<String, serde_json::Error> {
    let data = json_for_script(&serde_json::to_string(run)?);
    let csp = content_security_policy(&[CYTOSCAPE, APP], &[CYTOSCAPE_STYLE, STYLE]);
    Ok(fill(
        TEMPLATE,
        &[
            ("CSP", &csp),
            ("CYTOSCAPE_STYLE", CYTOSCAPE_STYLE),
            ("STYLE", STYLE),
            ("DATA", &data),
            ("CYTOSCAPE", CYTOSCAPE),
            ("APP", APP),
        ],
    ))
}

/// Replaces each `{{NAME}}` of `template` with its value, in one pass over the template, so
/// that nothing inside a value is ever taken for a placeholder.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let size = template.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>();
    let mut out = String::with_capacity(size);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let name_end = rest[start..].find("}}").map(|e| start + e);
        let value = name_end.and_then(|end| {
            let name = &rest[start + 2..end];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, end))
        });
        match value {
            Some((v, end)) => {
                out.push_str(&rest[..start]);
                out.push_str(v);
                rest = &rest[end + 2..];
            }
            None => {
                out.push_str(&rest[..start + 2]);
                rest = &rest[start + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inline::csp_hash;

    #[test]
    fn placeholders_are_filled_once_and_values_are_not_rescanned() {
        let page = fill("a{{X}}b{{Y}}c{{Z}}", &[("X", "{{Y}}"), ("Y", "1")]);
        assert_eq!(page, "a{{Y}}b1c{{Z}}");
    }

    #[test]
    fn inlined_assets_cannot_close_their_elements() {
        for (name, text, closer) in [
            ("cytoscape", CYTOSCAPE, "</script"),
            ("app", APP, "</script"),
            ("style", STYLE, "</style"),
        ] {
            let lower = text.to_ascii_lowercase();
            assert!(!lower.contains(closer), "{name} contains {closer}");
            assert!(!lower.contains("<!--"), "{name} contains <!--");
        }
    }

    #[test]
    fn the_policy_names_the_hash_of_every_inline_script_and_style() {
        let run = crate::model::Run {
            run: serde_json::json!({}),
            edge_selection: serde_json::Value::Null,
            networks: vec![],
            accounts: vec![],
            edges: vec![],
            signals: vec![],
            objects: vec![],
            narratives: Default::default(),
        };
        let page = render_page(&run).unwrap();
        let inline = |open: &str, close: &str| -> Vec<String> {
            page.split(open)
                .skip(1)
                .map(|s| s[s.find('>').unwrap() + 1..s.find(close).unwrap()].to_string())
                .collect()
        };
        let scripts = inline("<script", "</script>");
        let styles = inline("<style", "</style>");
        assert_eq!(scripts.len(), 3, "data, cytoscape, app");
        assert_eq!(styles.len(), 2);
        let policy_start = page.find("content=\"").unwrap() + 9;
        let policy = &page[policy_start..policy_start + page[policy_start..].find('"').unwrap()];
        // The data element is JSON, never executed; the two code elements must be allowed.
        for code in &scripts[1..] {
            assert!(policy.contains(&csp_hash(code)));
        }
        for style in &styles {
            assert!(policy.contains(&csp_hash(style)));
        }
        assert!(!policy.contains(&csp_hash(&scripts[0])));
    }
}
