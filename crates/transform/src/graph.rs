//! The DAG of nodes: parents and children, cycles, and the order nodes run in.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use crate::error::{Result, TransformError};
use crate::manifest::Manifest;

/// Parents and children of every node and source, by unique id.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// Direct parents (nodes and sources).
    pub parents: HashMap<String, Vec<String>>,
    /// Direct children.
    pub children: HashMap<String, Vec<String>>,
}

impl Graph {
    /// Builds the graph; a cycle is a compile error that names it.
    pub fn new(manifest: &Manifest) -> Result<Self> {
        let mut graph = Self::default();
        for id in manifest.nodes.keys().chain(manifest.sources.keys()) {
            graph.parents.entry(id.clone()).or_default();
            graph.children.entry(id.clone()).or_default();
        }
        for node in manifest.nodes.values() {
            for parent in &node.depends_on {
                graph
                    .parents
                    .entry(node.unique_id.clone())
                    .or_default()
                    .push(parent.clone());
                graph
                    .children
                    .entry(parent.clone())
                    .or_default()
                    .push(node.unique_id.clone());
            }
        }
        if let Some(cycle) = graph.cycle() {
            return Err(TransformError::Compile(format!(
                "Found a cycle: {}; a model cannot depend on itself through its refs",
                cycle.join(" --> ")
            )));
        }
        Ok(graph)
    }

    /// A cycle, if there is one, as the ids along it.
    fn cycle(&self) -> Option<Vec<String>> {
        let mut state: HashMap<&str, u8> = HashMap::new();
        let mut ids: Vec<&String> = self.parents.keys().collect();
        ids.sort();
        for start in ids {
            if state.contains_key(start.as_str()) {
                continue;
            }
            let mut path: Vec<&str> = Vec::new();
            if let Some(cycle) = self.visit(start, &mut state, &mut path) {
                return Some(cycle);
            }
        }
        None
    }

    fn visit<'a>(
        &'a self,
        id: &'a str,
        state: &mut HashMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        state.insert(id, 1);
        path.push(id);
        for parent in self.parents.get(id).into_iter().flatten() {
            match state.get(parent.as_str()) {
                Some(1) => {
                    let from = path.iter().position(|p| *p == parent).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        path[from..].iter().map(|s| s.to_string()).collect();
                    cycle.push(parent.clone());
                    cycle.reverse();
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(cycle) = self.visit(parent, state, path) {
                        return Some(cycle);
                    }
                }
            }
        }
        path.pop();
        state.insert(id, 2);
        None
    }

    /// Ancestors of `id` up to `depth` levels (unlimited when `None`).
    pub fn ancestors(&self, id: &str, depth: Option<usize>) -> BTreeSet<String> {
        walk(&self.parents, id, depth)
    }

    /// Descendants of `id` up to `depth` levels.
    pub fn descendants(&self, id: &str, depth: Option<usize>) -> BTreeSet<String> {
        walk(&self.children, id, depth)
    }

    /// The selected ids of `order` in an order where parents come first (stable by `order`);
    /// ids not in `order` (sources) impose no order.
    pub fn topological(&self, selected: &HashSet<String>, order: &[String]) -> Vec<String> {
        let members: HashSet<&str> = order
            .iter()
            .filter(|id| selected.contains(*id))
            .map(String::as_str)
            .collect();
        let mut indegree: HashMap<&str, usize> = HashMap::new();
        for &id in &members {
            let count = self.parents[id]
                .iter()
                .filter(|p| members.contains(p.as_str()))
                .count();
            indegree.insert(id, count);
        }
        let mut ready: VecDeque<&str> = order
            .iter()
            .filter(|id| indegree.get(id.as_str()) == Some(&0))
            .map(String::as_str)
            .collect();
        let mut out = Vec::new();
        while let Some(id) = ready.pop_front() {
            out.push(id.to_string());
            for child in &self.children[id] {
                if let Some(count) = indegree.get_mut(child.as_str()) {
                    *count -= 1;
                    if *count == 0 {
                        ready.push_back(child);
                    }
                }
            }
        }
        out
    }
}

fn walk(edges: &HashMap<String, Vec<String>>, id: &str, depth: Option<usize>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut frontier = vec![id.to_string()];
    let mut level = 0;
    while !frontier.is_empty() && depth.is_none_or(|d| level < d) {
        let mut next = Vec::new();
        for current in frontier {
            for neighbour in edges.get(&current).into_iter().flatten() {
                if out.insert(neighbour.clone()) {
                    next.push(neighbour.clone());
                }
            }
        }
        frontier = next;
        level += 1;
    }
    out
}
