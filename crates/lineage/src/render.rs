//! The formats of `lakeforge lineage NAME --format tree|json|dot|mermaid`.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use crate::graph::{Edge, Node, NodeKind, Subgraph};

/// How a subgraph is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// An indented tree for people: `▲ upstream` and `▼ downstream` of the target.
    Tree,
    /// Pretty JSON: target, direction, depth, nodes and edges.
    Json,
    /// A Graphviz digraph.
    Dot,
    /// A Mermaid `flowchart LR`.
    Mermaid,
}

/// A `--format` that is none of tree, json, dot and mermaid.
#[derive(Debug, thiserror::Error)]
#[error("unknown lineage format `{0}`: use tree, json, dot or mermaid")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(format: &str) -> Result<Self, Self::Err> {
        match format {
            "tree" => Ok(Self::Tree),
            "json" => Ok(Self::Json),
            "dot" => Ok(Self::Dot),
            "mermaid" => Ok(Self::Mermaid),
            other => Err(UnknownFormat(other.to_string())),
        }
    }
}

/// `subgraph` in `format`, ending with a newline.
pub fn render(subgraph: &Subgraph, format: Format) -> Result<String, serde_json::Error> {
    Ok(match format {
        Format::Tree => tree(subgraph),
        Format::Json => serde_json::to_string_pretty(subgraph)? + "\n",
        Format::Dot => dot(subgraph),
        Format::Mermaid => mermaid(subgraph),
    })
}

/// A dataset's key, a job's `namespace/name`, a column's `table.column`.
fn name(node: &Node) -> String {
    match &node.kind {
        NodeKind::Dataset { key, .. } => key.clone(),
        NodeKind::Job {
            namespace, name, ..
        } => format!("{namespace}/{name}"),
        NodeKind::Column { table, column } => format!("{table}.{column}"),
    }
}

/// The name, and a job's last state: `retail/load.orders [FAIL]`.
fn label(node: &Node) -> String {
    match &node.kind {
        NodeKind::Job { last_state, .. } => format!("{} [{}]", name(node), last_state.as_str()),
        _ => name(node),
    }
}

/// What a column edge says: its transformation, whether it bears on the whole table, and its
/// job. Reads and writes say nothing more than their arrows.
fn edge_label(subgraph: &Subgraph, edge: &Edge) -> Option<String> {
    if !edge.kind.is_column() {
        return None;
    }
    let mut text = edge.kind.as_str().to_string();
    if matches!(
        subgraph.node(&edge.to).map(|node| &node.kind),
        Some(NodeKind::Dataset { .. })
    ) {
        text.push_str(" on the whole table");
    }
    if let Some(job) = edge.job.as_deref().and_then(|job| subgraph.node(job)) {
        text.push_str(" by ");
        text.push_str(&name(job));
    }
    Some(text)
}

/// The nodes drawn in a diagram: all but the jobs no edge passes through (in a column's
/// subgraph jobs are named on the edges).
fn drawn(subgraph: &Subgraph) -> Vec<&Node> {
    let touched: HashSet<&str> = subgraph
        .edges()
        .iter()
        .flat_map(|edge| [edge.from.as_str(), edge.to.as_str()])
        .collect();
    subgraph
        .nodes()
        .filter(|node| {
            !matches!(node.kind, NodeKind::Job { .. }) || touched.contains(node.id.as_str())
        })
        .collect()
}

/// One step from a node, up or down: [`Subgraph::upstream_of`] or [`Subgraph::downstream_of`].
type Next<'a> = fn(&'a Subgraph, &str) -> Vec<(&'a Edge, &'a Node)>;

/// One section of the tree: the nodes one way of the target, depth first.
struct Section<'a> {
    subgraph: &'a Subgraph,
    next: Next<'a>,
    arrow: &'static str,
    expanded: HashSet<&'a str>,
    text: String,
}

impl<'a> Section<'a> {
    /// The lines below `node`, each line prefixed by `indent`.
    fn branch(&mut self, node: &'a Node, indent: &str) {
        let steps = (self.next)(self.subgraph, &node.id);
        for (index, (edge, next)) in steps.iter().enumerate() {
            let last = index + 1 == steps.len();
            let kind = if matches!(next.kind, NodeKind::Job { .. }) {
                "job "
            } else {
                ""
            };
            let note = edge_label(self.subgraph, edge)
                .map(|label| format!("  ({label})"))
                .unwrap_or_default();
            let first_visit = self.expanded.insert(&next.id);
            let more = !(self.next)(self.subgraph, &next.id).is_empty();
            let seen = if !first_visit && more {
                "  …see above"
            } else {
                ""
            };
            self.text.push_str(&format!(
                "{indent}{}{} {kind}{}{note}{seen}\n",
                if last { "└─ " } else { "├─ " },
                self.arrow,
                label(next),
            ));
            if first_visit {
                let deeper = format!("{indent}{}", if last { "   " } else { "│  " });
                self.branch(next, &deeper);
            }
        }
    }
}

/// The target, then `▲ upstream` and `▼ downstream` trees as walked.
fn tree(subgraph: &Subgraph) -> String {
    let target = subgraph.target();
    let mut text = format!("{}\n", label(target));
    let sections: [(bool, &str, &str, Next<'_>); 2] = [
        (
            subgraph.direction().upstream(),
            "▲ upstream",
            "←",
            Subgraph::upstream_of,
        ),
        (
            subgraph.direction().downstream(),
            "▼ downstream",
            "→",
            Subgraph::downstream_of,
        ),
    ];
    for (wanted, title, arrow, next) in sections {
        if !wanted {
            continue;
        }
        let mut section = Section {
            subgraph,
            next,
            arrow,
            expanded: HashSet::from([target.id.as_str()]),
            text: String::new(),
        };
        section.branch(target, "");
        text.push_str(title);
        text.push('\n');
        if section.text.is_empty() {
            text.push_str("(nothing)\n");
        }
        text.push_str(&section.text);
    }
    text
}

/// A Graphviz string literal.
fn dot_quote(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("\"{escaped}\"")
}

/// A Graphviz digraph: datasets are boxes, jobs ellipses, columns plain text; the target is
/// bold.
fn dot(subgraph: &Subgraph) -> String {
    let mut text = String::from("digraph lineage {\n  rankdir=LR;\n");
    for node in drawn(subgraph) {
        let shape = match node.kind {
            NodeKind::Dataset { .. } => "box",
            NodeKind::Job { .. } => "ellipse",
            NodeKind::Column { .. } => "plain",
        };
        let bold = if node.id == subgraph.target().id {
            ", style=bold"
        } else {
            ""
        };
        text.push_str(&format!(
            "  {} [label={}, shape={shape}{bold}];\n",
            dot_quote(&node.id),
            dot_quote(&label(node)),
        ));
    }
    for edge in subgraph.edges() {
        let attributes = edge_label(subgraph, edge)
            .map(|label| format!(" [label={}]", dot_quote(&label)))
            .unwrap_or_default();
        text.push_str(&format!(
            "  {} -> {}{attributes};\n",
            dot_quote(&edge.from),
            dot_quote(&edge.to),
        ));
    }
    text.push_str("}\n");
    text
}

/// A Mermaid string literal: entity codes for the characters Mermaid reads specially.
fn mermaid_quote(text: &str) -> String {
    let escaped = text
        .replace('#', "#35;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;");
    format!("\"{escaped}\"")
}

/// A Mermaid flowchart: nodes `n0`, `n1`, ... in id order; datasets rectangles, jobs rounded,
/// columns stadiums; the target outlined thick.
fn mermaid(subgraph: &Subgraph) -> String {
    let nodes = drawn(subgraph);
    let short: HashMap<&str, String> = nodes
        .iter()
        .enumerate()
        .map(|(index, node)| (node.id.as_str(), format!("n{index}")))
        .collect();
    let mut text = String::from("flowchart LR\n");
    for node in &nodes {
        let (open, close) = match node.kind {
            NodeKind::Dataset { .. } => ("[", "]"),
            NodeKind::Job { .. } => ("(", ")"),
            NodeKind::Column { .. } => ("([", "])"),
        };
        text.push_str(&format!(
            "  {}{open}{}{close}\n",
            short[node.id.as_str()],
            mermaid_quote(&label(node)),
        ));
    }
    for edge in subgraph.edges() {
        let (Some(from), Some(to)) = (short.get(edge.from.as_str()), short.get(edge.to.as_str()))
        else {
            continue;
        };
        let arrow = edge_label(subgraph, edge)
            .map(|label| format!("-->|{}|", mermaid_quote(&label)))
            .unwrap_or_else(|| "-->".to_string());
        text.push_str(&format!("  {from} {arrow} {to}\n"));
    }
    if let Some(target) = short.get(subgraph.target().id.as_str()) {
        text.push_str(&format!("  style {target} stroke-width:3px\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{EventType, RunEvent};
    use crate::graph::{Direction, LineageGraph, Target};
    use crate::test_events::{event, retail, table};

    fn subgraph(name: &str, direction: Direction, depth: Option<usize>) -> Subgraph {
        let graph = LineageGraph::from_events(&retail());
        let target = graph.resolve(name, "retail").unwrap();
        graph.subgraph(&target, direction, depth)
    }

    /// A graph whose job name has quotes, a backslash and angle brackets.
    fn awkward() -> Subgraph {
        let events = vec![RunEvent {
            inputs: vec![table("retail.bronze.x").input()],
            outputs: vec![table("retail.silver.x").output(None)],
            ..event(0, EventType::Complete, r#"load "x" <\ #1>"#, "r")
        }];
        let graph = LineageGraph::from_events(&events);
        graph.subgraph(
            &Target::Dataset("retail.silver.x".to_string()),
            Direction::Both,
            None,
        )
    }

    #[test]
    fn the_tree_walks_up_through_jobs_to_the_source() {
        let text = render(
            &subgraph("gold.customer_orders", Direction::Both, None),
            Format::Tree,
        )
        .unwrap();
        let expected = "\
retail.gold.customer_orders
▲ upstream
└─ ← job retail/retail.gold.customer_orders [COMPLETE]
   ├─ ← retail.silver.customers
   │  └─ ← job retail/apply.silver.customers [STARTED]
   │     └─ ← retail.bronze.customers
   └─ ← retail.silver.orders
      └─ ← job retail/apply.silver.orders [FAIL]
         └─ ← retail.bronze.orders
            └─ ← job retail/cdc.shop.orders [COMPLETE]
               └─ ← mysql://127.0.0.1:3306/shop.orders
▼ downstream
(nothing)
";
        assert_eq!(text, expected);
    }

    #[test]
    fn the_tree_of_a_column_names_transformations_and_jobs() {
        let text = render(
            &subgraph("gold.customer_orders.total", Direction::Upstream, Some(1)),
            Format::Tree,
        )
        .unwrap();
        let expected = "\
retail.gold.customer_orders.total
▲ upstream
├─ ← retail.silver.orders.amount  (DIRECT/AGGREGATION by retail/retail.gold.customer_orders)
├─ ← retail.silver.customers.customer_id  (INDIRECT/JOIN on the whole table by retail/retail.gold.customer_orders)
└─ ← retail.silver.orders.customer_id  (INDIRECT/JOIN on the whole table by retail/retail.gold.customer_orders)
";
        assert_eq!(text, expected);
        let down = render(
            &subgraph("silver.orders.customer_id", Direction::Downstream, None),
            Format::Tree,
        )
        .unwrap();
        assert!(
            down.starts_with("retail.silver.orders.customer_id\n▼ downstream\n"),
            "{down}"
        );
        assert!(
            down.contains("→ retail.gold.customer_orders  (INDIRECT/JOIN on the whole table by"),
            "{down}"
        );
    }

    #[test]
    fn json_is_the_serialized_subgraph() {
        let sub = subgraph("silver.orders", Direction::Downstream, None);
        let text = render(&sub, Format::Json).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json, serde_json::to_value(&sub).unwrap());
        assert_eq!(json["edges"][0]["kind"], "reads");
        assert!(text.contains("\n  \"nodes\": ["));
    }

    /// Whether `text` has balanced braces and brackets outside its `"` strings.
    fn balanced(text: &str, open: char, close: char) -> bool {
        let (mut depth, mut quoted, mut escaped) = (0i64, false, false);
        for character in text.chars() {
            match (quoted, escaped, character) {
                (true, false, '\\') => escaped = true,
                (true, true, _) => escaped = false,
                (_, _, '"') => quoted = !quoted,
                (false, _, c) if c == open => depth += 1,
                (false, _, c) if c == close => {
                    depth -= 1;
                    if depth < 0 {
                        return false;
                    }
                }
                _ => {}
            }
        }
        depth == 0 && !quoted
    }

    #[test]
    fn dot_is_a_digraph_with_shapes_and_labels() {
        let text = render(
            &subgraph("gold.customer_orders", Direction::Upstream, Some(1)),
            Format::Dot,
        )
        .unwrap();
        assert!(text.starts_with("digraph lineage {\n"));
        assert!(text.ends_with("}\n"));
        assert!(balanced(&text, '{', '}') && balanced(&text, '[', ']'));
        assert!(text.contains(
            "  \"dataset:retail.gold.customer_orders\" [label=\"retail.gold.customer_orders\", shape=box, style=bold];\n"
        ));
        assert!(text.contains(
            "  \"job:retail/retail.gold.customer_orders\" [label=\"retail/retail.gold.customer_orders [COMPLETE]\", shape=ellipse];\n"
        ));
        assert!(text.contains(
            "  \"dataset:retail.silver.orders\" -> \"job:retail/retail.gold.customer_orders\";\n"
        ));
        let columns = render(
            &subgraph("gold.customer_orders.email", Direction::Upstream, None),
            Format::Dot,
        )
        .unwrap();
        assert!(columns.contains(
            "  \"column:retail.silver.customers.email\" -> \"column:retail.gold.customer_orders.email\" [label=\"DIRECT/IDENTITY by retail/retail.gold.customer_orders\"];\n"
        ));
        assert!(columns.contains("shape=plain"));
        assert!(
            !columns.contains("shape=ellipse"),
            "jobs are named on the edges: {columns}"
        );
    }

    #[test]
    fn dot_escapes_quotes_and_backslashes() {
        let text = render(&awkward(), Format::Dot).unwrap();
        assert!(balanced(&text, '{', '}') && balanced(&text, '[', ']'));
        assert!(
            text.contains(
                r#""job:retail/load \"x\" <\\ #1>" [label="retail/load \"x\" <\\ #1> [COMPLETE]""#
            ),
            "{text}"
        );
    }

    #[test]
    fn mermaid_is_a_flowchart_with_safe_ids() {
        let text = render(
            &subgraph("silver.orders", Direction::Both, Some(1)),
            Format::Mermaid,
        )
        .unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("flowchart LR"));
        assert!(text.contains("[\"retail.silver.orders\"]"));
        assert!(text.contains("(\"retail/apply.silver.orders [FAIL]\")"));
        for line in lines {
            let id = line.trim_start().split(['[', '(', ' ']).next().unwrap();
            let id = if id == "style" {
                line.split_whitespace().nth(1).unwrap()
            } else {
                id
            };
            assert!(
                !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{line}"
            );
        }
        assert!(text.contains(" --> "));
        assert!(
            text.lines()
                .any(|line| line.starts_with("  style ") && line.ends_with("stroke-width:3px"))
        );
        let columns = render(
            &subgraph("gold.customer_orders.email", Direction::Upstream, None),
            Format::Mermaid,
        )
        .unwrap();
        assert!(
            columns.contains("-->|\"DIRECT/IDENTITY by retail/retail.gold.customer_orders\"|"),
            "{columns}"
        );
        assert!(columns.contains("([\"retail.gold.customer_orders.email\"])"));
    }

    #[test]
    fn mermaid_escapes_quotes() {
        let text = render(&awkward(), Format::Mermaid).unwrap();
        assert!(
            text.contains("(\"retail/load #quot;x#quot; #lt;\\ #35;1#gt; [COMPLETE]\")"),
            "{text}"
        );
        assert!(
            text.lines()
                .skip(1)
                .all(|line| line.matches('"').count() % 2 == 0)
        );
    }

    #[test]
    fn the_tree_shows_a_cycle_once() {
        let copy = |seconds, job: &str, from: &str, to: &str| RunEvent {
            inputs: vec![table(from).input()],
            outputs: vec![table(to).output(None)],
            ..event(seconds, EventType::Complete, job, job)
        };
        let events = vec![
            copy(0, "forth", "retail.silver.a", "retail.silver.b"),
            copy(1, "back", "retail.silver.b", "retail.silver.a"),
        ];
        let graph = LineageGraph::from_events(&events);
        let target = graph.resolve("silver.a", "retail").unwrap();
        let text = render(
            &graph.subgraph(&target, Direction::Upstream, None),
            Format::Tree,
        )
        .unwrap();
        let expected = "\
retail.silver.a
▲ upstream
└─ ← job retail/back [COMPLETE]
   └─ ← retail.silver.b
      └─ ← job retail/forth [COMPLETE]
         └─ ← retail.silver.a  …see above
";
        assert_eq!(text, expected);
    }

    #[test]
    fn formats_parse_from_their_names() {
        assert_eq!("mermaid".parse::<Format>().unwrap(), Format::Mermaid);
        assert_eq!("tree".parse::<Format>().unwrap(), Format::Tree);
        let error = "svg".parse::<Format>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown lineage format `svg`: use tree, json, dot or mermaid"
        );
    }
}
