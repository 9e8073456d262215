//! The lineage graph read off the store's events, and the subgraph upstream or downstream of
//! one table or column (`lakeforge lineage NAME`).
//!
//! Each job contributes the datasets of its latest completed run (or, if none completed, of
//! its latest run): input dataset → job → output dataset. Each output's `columnLineage` facet
//! adds column edges, input column → output column, labelled by how the column is used
//! (`DIRECT/IDENTITY`, `DIRECT/AGGREGATION`, ...) and by the job; its dataset-wide entries
//! (`INDIRECT/JOIN`, `INDIRECT/FILTER`, ...) are edges from the input column to the output
//! dataset itself.
//!
//! A dataset's key is its lakeforge name (`project.zone.table`) when any event names it so,
//! else `namespace/name` (external sources, e.g. `mysql://127.0.0.1:3306/shop.orders`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use serde::{Serialize, Serializer};

use crate::LineageError;
use crate::event::RunEvent;
use crate::facets::{ColumnLineage, DatasetFacets, InputField, Transformation};
use crate::naming::lakeforge_name;
use crate::runs::{self, RunEvents, RunState};

/// A node of the lineage graph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// Stable id: `dataset:KEY`, `job:NAMESPACE/NAME` or `column:KEY.COLUMN`.
    pub id: String,
    /// What the node is.
    #[serde(flatten)]
    pub kind: NodeKind,
}

/// What a node is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NodeKind {
    /// A table, stream or external source.
    Dataset {
        /// Its key: the lakeforge name, else `namespace/name`.
        key: String,
        /// Its OpenLineage namespace.
        namespace: String,
        /// Its OpenLineage name.
        name: String,
    },
    /// A job.
    Job {
        /// Its namespace.
        namespace: String,
        /// Its name.
        name: String,
        /// The state of its latest run.
        last_state: RunState,
        /// Its latest run.
        last_run_id: String,
    },
    /// A column of a dataset.
    Column {
        /// The dataset's key.
        table: String,
        /// The column's name.
        column: String,
    },
}

/// An edge of the lineage graph.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Edge {
    /// The id of the node it starts at.
    pub from: String,
    /// The id of the node it ends at.
    pub to: String,
    /// What it means.
    pub kind: EdgeKind,
    /// The id of the job behind a column edge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job: Option<String>,
}

/// What an edge means; serialized as `reads`, `writes` or the transformation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeKind {
    /// A dataset is read by a job (dataset → job).
    Reads,
    /// A job writes a dataset (job → dataset).
    Writes,
    /// An input column feeds an output column, or (dataset-wide) the whole output dataset:
    /// `TYPE/SUBTYPE` of the transformation, e.g. `DIRECT/IDENTITY`, `INDIRECT/JOIN`.
    Column(String),
}

impl EdgeKind {
    /// `reads`, `writes` or the transformation.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Reads => "reads",
            Self::Writes => "writes",
            Self::Column(transformation) => transformation,
        }
    }

    /// Whether the edge is between columns (or a column and a whole dataset).
    pub fn is_column(&self) -> bool {
        matches!(self, Self::Column(_))
    }
}

impl Serialize for EdgeKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Which way to walk from the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// What feeds it.
    Upstream,
    /// What it feeds.
    Downstream,
    /// Both.
    Both,
}

impl Direction {
    /// The direction of the `--upstream` and `--downstream` flags: one alone picks its way;
    /// neither (or both) walks both ways.
    pub fn from_flags(upstream: bool, downstream: bool) -> Self {
        match (upstream, downstream) {
            (true, false) => Self::Upstream,
            (false, true) => Self::Downstream,
            _ => Self::Both,
        }
    }

    /// Whether upstream is walked.
    pub fn upstream(self) -> bool {
        self != Self::Downstream
    }

    /// Whether downstream is walked.
    pub fn downstream(self) -> bool {
        self != Self::Upstream
    }
}

/// One step's way along edges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Way {
    Up,
    Down,
}

/// What a name given to `lakeforge lineage` resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A dataset, by key.
    Dataset(String),
    /// A column of a dataset.
    Column {
        /// The dataset's key.
        table: String,
        /// The column.
        column: String,
    },
}

impl Target {
    fn id(&self) -> String {
        match self {
            Self::Dataset(key) => dataset_id(key),
            Self::Column { table, column } => column_id(table, column),
        }
    }
}

fn dataset_id(key: &str) -> String {
    format!("dataset:{key}")
}

fn job_id(namespace: &str, name: &str) -> String {
    format!("job:{namespace}/{name}")
}

fn column_id(table: &str, column: &str) -> String {
    format!("column:{table}.{column}")
}

/// Nodes and edges, indexed by where each edge starts and ends.
#[derive(Clone, Debug)]
struct Net {
    nodes: BTreeMap<String, Node>,
    edges: Vec<Edge>,
    incoming: HashMap<String, Vec<usize>>,
    outgoing: HashMap<String, Vec<usize>>,
}

impl Net {
    fn new(nodes: BTreeMap<String, Node>, edges: BTreeSet<Edge>) -> Self {
        let edges: Vec<Edge> = edges.into_iter().collect();
        let mut incoming: HashMap<String, Vec<usize>> = HashMap::new();
        let mut outgoing: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, edge) in edges.iter().enumerate() {
            incoming.entry(edge.to.clone()).or_default().push(index);
            outgoing.entry(edge.from.clone()).or_default().push(index);
        }
        Self {
            nodes,
            edges,
            incoming,
            outgoing,
        }
    }

    /// The edges one step from node `id` going `way`, each with the id of the node it leads
    /// to: column edges only when walking `columns`, else reads and writes only. Upstream of
    /// a column are also the dataset-wide inputs of its table.
    fn steps(&self, id: &str, way: Way, columns: bool) -> Vec<(usize, &str)> {
        let mut ends = vec![id.to_string()];
        if let (Way::Up, Some(NodeKind::Column { table, .. })) =
            (way, self.nodes.get(id).map(|node| &node.kind))
        {
            ends.push(dataset_id(table));
        }
        let index = match way {
            Way::Up => &self.incoming,
            Way::Down => &self.outgoing,
        };
        ends.iter()
            .filter_map(|end| index.get(end))
            .flatten()
            .map(|&at| (at, &self.edges[at]))
            .filter(|(_, edge)| edge.kind.is_column() == columns)
            .map(|(at, edge)| match way {
                Way::Up => (at, edge.from.as_str()),
                Way::Down => (at, edge.to.as_str()),
            })
            .collect()
    }

    fn is_job(&self, id: &str) -> bool {
        matches!(
            self.nodes.get(id).map(|node| &node.kind),
            Some(NodeKind::Job { .. })
        )
    }
}

/// Per job, per output dataset id that has column lineage: the input dataset ids that
/// lineage names. A job writing several tables (a CDC apply) feeds each only from these.
type Links = HashMap<String, HashMap<String, BTreeSet<String>>>;

/// The whole lineage graph of the store's events.
#[derive(Clone, Debug)]
pub struct LineageGraph {
    net: Net,
    links: Links,
}

impl LineageGraph {
    /// The graph of `events` (as the store gives them back, in the order written).
    pub fn from_events(events: &[RunEvent]) -> Self {
        let mut builder = Builder::new(events);
        let mut latest: BTreeMap<(&str, &str), &RunEvents<'_>> = BTreeMap::new();
        let mut completed: BTreeMap<(&str, &str), &RunEvents<'_>> = BTreeMap::new();
        let runs = runs::newest_first(events);
        for run in &runs {
            let job = (run.job().namespace.as_str(), run.job().name.as_str());
            latest.entry(job).or_insert(run);
            if run.completed() {
                completed.entry(job).or_insert(run);
            }
        }
        for (job, last) in latest {
            builder.job(last, completed.get(&job).copied().unwrap_or(last));
        }
        Self {
            net: Net::new(builder.nodes, builder.edges),
            links: builder.links,
        }
    }

    /// What `name` names, read in `default_project`:
    ///
    /// - `zone.table`: a table of the default project;
    /// - `zone.table.column` when the default project has that table, else
    ///   `project.zone.table`;
    /// - `project.zone.table.column`;
    /// - any dataset key as is (`project.stream`, `mysql://127.0.0.1:3306/shop.orders`), or a
    ///   key followed by `.column`.
    ///
    /// A name matching nothing is [`LineageError::NotFound`], with the datasets it may have
    /// meant.
    pub fn resolve(&self, name: &str, default_project: &str) -> Result<Target, LineageError> {
        let candidates = candidates(name, default_project);
        candidates
            .iter()
            .find(|target| self.net.nodes.contains_key(&target.id()))
            .cloned()
            .ok_or_else(|| {
                LineageError::NotFound(self.not_found(name, default_project, &candidates))
            })
    }

    /// Why `name` matches nothing, and what it may have meant.
    fn not_found(&self, name: &str, default_project: &str, candidates: &[Target]) -> String {
        for candidate in candidates {
            if let Target::Column { table, column } = candidate
                && self.net.nodes.contains_key(&dataset_id(table))
            {
                let known: Vec<&str> = self
                    .net
                    .nodes
                    .values()
                    .filter_map(|node| match &node.kind {
                        NodeKind::Column { table: of, column } if of == table => {
                            Some(column.as_str())
                        }
                        _ => None,
                    })
                    .collect();
                return format!(
                    "`{table}` has no column `{column}` in the lineage store; its known columns: {}",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                );
            }
        }
        let words: HashSet<&str> = name.split(['.', '/']).collect();
        let near: Vec<String> = self
            .net
            .nodes
            .values()
            .filter_map(|node| match &node.kind {
                NodeKind::Dataset { key, .. } => Some(key),
                _ => None,
            })
            .filter(|key| {
                key.rsplit(['.', '/'])
                    .next()
                    .is_some_and(|table| words.contains(table))
            })
            .map(|key| format!("`{key}`"))
            .collect();
        let hint = if near.is_empty() {
            "no job has read or written it yet".to_string()
        } else {
            format!("did you mean {}?", near.join(", "))
        };
        format!(
            "no table or column `{name}` in the lineage store: names read `zone.table[.column]` \
             in the default project `{default_project}`, `project.zone.table[.column]`, or a \
             dataset's `namespace/name`; {hint}"
        )
    }

    /// The part of the graph `direction` of `target`, at most `depth` dataset hops away (for a
    /// table, depth 1 is the jobs writing it and the datasets they read; for a column, the
    /// columns feeding it directly), or all of it. A table's subgraph walks datasets and jobs;
    /// a column's walks column edges, naming the job on each. A target the graph does not hold
    /// (not one [`Self::resolve`] gave) has a subgraph of itself alone.
    pub fn subgraph(
        &self,
        target: &Target,
        direction: Direction,
        depth: Option<usize>,
    ) -> Subgraph {
        let start = target.id();
        let columns = matches!(target, Target::Column { .. });
        let mut edges = BTreeSet::new();
        for (way, wanted) in [
            (Way::Up, direction.upstream()),
            (Way::Down, direction.downstream()),
        ] {
            if wanted {
                self.walk(&start, way, columns, depth, &mut edges);
            }
        }
        let target_node = self.net.nodes.get(&start).cloned().unwrap_or_else(|| Node {
            id: start.clone(),
            kind: match target {
                Target::Dataset(key) => NodeKind::Dataset {
                    key: key.clone(),
                    namespace: String::new(),
                    name: key.clone(),
                },
                Target::Column { table, column } => NodeKind::Column {
                    table: table.clone(),
                    column: column.clone(),
                },
            },
        });
        let edges: BTreeSet<Edge> = edges
            .into_iter()
            .map(|at| self.net.edges[at].clone())
            .collect();
        let mut nodes = BTreeMap::from([(start, target_node.clone())]);
        for edge in &edges {
            for id in [Some(&edge.from), Some(&edge.to), edge.job.as_ref()]
                .into_iter()
                .flatten()
            {
                if let Some(node) = self.net.nodes.get(id) {
                    nodes.entry(id.clone()).or_insert_with(|| node.clone());
                }
            }
        }
        Subgraph {
            target: target_node,
            direction,
            depth,
            net: Net::new(nodes, edges),
        }
    }

    /// Adds to `edges` the edges reached from `start` going `way`, at most `depth` dataset (or
    /// column) hops away.
    fn walk(
        &self,
        start: &str,
        way: Way,
        columns: bool,
        depth: Option<usize>,
        edges: &mut BTreeSet<usize>,
    ) {
        let mut seen = HashSet::from([start.to_string()]);
        let mut queue = VecDeque::from([(start.to_string(), 0usize, None::<String>)]);
        while let Some((id, hops, came_from)) = queue.pop_front() {
            let is_job = self.net.is_job(&id);
            if !is_job && depth.is_some_and(|depth| hops >= depth) {
                continue;
            }
            for (at, next) in self.net.steps(&id, way, columns) {
                if is_job && !self.linked(&id, came_from.as_deref(), next, way) {
                    continue;
                }
                edges.insert(at);
                if seen.insert(next.to_string()) {
                    let hop = usize::from(!self.net.is_job(next));
                    queue.push_back((next.to_string(), hops + hop, Some(id.clone())));
                }
            }
        }
    }

    /// Whether `job`, reached from dataset `from` going `way`, links it with dataset `next`:
    /// an output with column lineage is fed only by the inputs that lineage names.
    fn linked(&self, job: &str, from: Option<&str>, next: &str, way: Way) -> bool {
        let Some(from) = from else {
            return true;
        };
        let (output, input) = match way {
            Way::Up => (from, next),
            Way::Down => (next, from),
        };
        self.links
            .get(job)
            .and_then(|outputs| outputs.get(output))
            .is_none_or(|inputs| inputs.contains(input))
    }
}

/// The names `name` may mean, in order of preference.
fn candidates(name: &str, default_project: &str) -> Vec<Target> {
    let parts: Vec<&str> = name.split('.').collect();
    let mut candidates = match parts.as_slice() {
        [zone, table] => vec![Target::Dataset(format!("{default_project}.{zone}.{table}"))],
        [zone, table, column] => vec![Target::Column {
            table: format!("{default_project}.{zone}.{table}"),
            column: column.to_string(),
        }],
        [project, zone, table, column] => vec![Target::Column {
            table: format!("{project}.{zone}.{table}"),
            column: column.to_string(),
        }],
        _ => Vec::new(),
    };
    candidates.push(Target::Dataset(name.to_string()));
    if let Some((table, column)) = name.rsplit_once('.') {
        candidates.push(Target::Column {
            table: table.to_string(),
            column: column.to_string(),
        });
    }
    candidates
}

/// The part of the graph around a target: what `lakeforge lineage NAME` shows.
#[derive(Clone, Debug)]
pub struct Subgraph {
    target: Node,
    direction: Direction,
    depth: Option<usize>,
    net: Net,
}

impl Subgraph {
    /// The node asked about.
    pub fn target(&self) -> &Node {
        &self.target
    }

    /// Which way it was walked.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// Its nodes, by id.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.net.nodes.values()
    }

    /// Its edges, sorted.
    pub fn edges(&self) -> &[Edge] {
        &self.net.edges
    }

    /// The node with `id`.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.net.nodes.get(id)
    }

    /// The edges one step upstream of node `id`, with the node each comes from.
    pub fn upstream_of(&self, id: &str) -> Vec<(&Edge, &Node)> {
        self.step(id, Way::Up)
    }

    /// The edges one step downstream of node `id`, with the node each leads to.
    pub fn downstream_of(&self, id: &str) -> Vec<(&Edge, &Node)> {
        self.step(id, Way::Down)
    }

    fn step(&self, id: &str, way: Way) -> Vec<(&Edge, &Node)> {
        let columns = matches!(self.target.kind, NodeKind::Column { .. });
        self.net
            .steps(id, way, columns)
            .into_iter()
            .filter_map(|(at, next)| Some((&self.net.edges[at], self.net.nodes.get(next)?)))
            .collect()
    }
}

impl Serialize for Subgraph {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Json<'a> {
            target: &'a str,
            direction: Direction,
            depth: Option<usize>,
            nodes: Vec<&'a Node>,
            edges: &'a [Edge],
        }
        Json {
            target: &self.target.id,
            direction: self.direction,
            depth: self.depth,
            nodes: self.nodes().collect(),
            edges: self.edges(),
        }
        .serialize(serializer)
    }
}

/// Collects nodes and edges from the runs each job contributes.
struct Builder {
    /// Lakeforge names by OpenLineage namespace and name, from every event.
    names: HashMap<(String, String), String>,
    nodes: BTreeMap<String, Node>,
    edges: BTreeSet<Edge>,
    links: Links,
}

impl Builder {
    fn new(events: &[RunEvent]) -> Self {
        let mut names = HashMap::new();
        for event in events {
            let inputs = event
                .inputs
                .iter()
                .map(|input| (&input.namespace, &input.name, &input.facets));
            let outputs = event
                .outputs
                .iter()
                .map(|output| (&output.namespace, &output.name, &output.facets));
            for (namespace, name, facets) in inputs.chain(outputs) {
                if let Some(lakeforge) = lakeforge_name(facets) {
                    names.insert((namespace.clone(), name.clone()), lakeforge.to_string());
                }
            }
        }
        Self {
            names,
            nodes: BTreeMap::new(),
            edges: BTreeSet::new(),
            links: Links::new(),
        }
    }

    /// Adds a job (its state from its `latest` run) and the datasets and columns of the run
    /// `used`.
    fn job(&mut self, latest: &RunEvents<'_>, used: &RunEvents<'_>) {
        let job = latest.job();
        let id = job_id(&job.namespace, &job.name);
        self.nodes.insert(
            id.clone(),
            Node {
                id: id.clone(),
                kind: NodeKind::Job {
                    namespace: job.namespace.clone(),
                    name: job.name.clone(),
                    last_state: latest.state(),
                    last_run_id: latest.run_id().to_string(),
                },
            },
        );
        for event in used.events() {
            for input in &event.inputs {
                let key = self.dataset(&input.namespace, &input.name, &input.facets);
                self.edge(dataset_id(&key), id.clone(), EdgeKind::Reads, None);
            }
            for output in &event.outputs {
                let key = self.dataset(&output.namespace, &output.name, &output.facets);
                self.edge(id.clone(), dataset_id(&key), EdgeKind::Writes, None);
                if let Some(lineage) = &output.facets.column_lineage {
                    self.column_lineage(&key, &lineage.body, &id);
                }
            }
        }
    }

    /// The key of dataset `namespace`/`name`, adding its node and its schema's columns.
    fn dataset(&mut self, namespace: &str, name: &str, facets: &DatasetFacets) -> String {
        let key = self.key(namespace, name);
        self.nodes.entry(dataset_id(&key)).or_insert_with(|| Node {
            id: dataset_id(&key),
            kind: NodeKind::Dataset {
                key: key.clone(),
                namespace: namespace.to_string(),
                name: name.to_string(),
            },
        });
        for field in facets.schema.iter().flat_map(|schema| &schema.body.fields) {
            self.column(&key, &field.name);
        }
        key
    }

    fn key(&self, namespace: &str, name: &str) -> String {
        self.names
            .get(&(namespace.to_string(), name.to_string()))
            .cloned()
            .unwrap_or_else(|| format!("{namespace}/{name}"))
    }

    /// The id of column `column` of dataset `table`, adding its node.
    fn column(&mut self, table: &str, column: &str) -> String {
        let id = column_id(table, column);
        self.nodes.entry(id.clone()).or_insert_with(|| Node {
            id: id.clone(),
            kind: NodeKind::Column {
                table: table.to_string(),
                column: column.to_string(),
            },
        });
        id
    }

    /// Adds the column edges of `output`'s column lineage, written by `job`.
    fn column_lineage(&mut self, output: &str, lineage: &ColumnLineage, job: &str) {
        for (column, inputs) in &lineage.fields {
            let to = self.column(output, column);
            for input in &inputs.input_fields {
                self.input_field(input, output, &to, job);
            }
        }
        for input in &lineage.dataset {
            self.input_field(input, output, &dataset_id(output), job);
        }
    }

    /// Adds an edge from input column `input` to node `to` (of table `output`) per
    /// transformation, and links the two tables for `job`.
    fn input_field(&mut self, input: &InputField, output: &str, to: &str, job: &str) {
        let key = self.dataset(&input.namespace, &input.name, &DatasetFacets::default());
        self.links
            .entry(job.to_string())
            .or_default()
            .entry(dataset_id(output))
            .or_default()
            .insert(dataset_id(&key));
        let from = self.column(&key, &input.field);
        let labels: Vec<String> = if input.transformations.is_empty() {
            vec!["UNSPECIFIED".to_string()]
        } else {
            input
                .transformations
                .iter()
                .map(transformation_label)
                .collect()
        };
        for label in labels {
            self.edge(
                from.clone(),
                to.to_string(),
                EdgeKind::Column(label),
                Some(job.to_string()),
            );
        }
    }

    fn edge(&mut self, from: String, to: String, kind: EdgeKind, job: Option<String>) {
        self.edges.insert(Edge {
            from,
            to,
            kind,
            job,
        });
    }
}

/// `DIRECT/IDENTITY`, `INDIRECT/JOIN`, `DIRECT/TRANSFORMATION (masked)`.
fn transformation_label(transformation: &Transformation) -> String {
    let mut label = transformation.kind.clone();
    if let Some(subtype) = &transformation.subtype {
        label.push('/');
        label.push_str(subtype);
    }
    if transformation.masking {
        label.push_str(" (masked)");
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::EventType;
    use crate::naming::Dataset;
    use crate::test_events::{event, field, lineage, retail, rows, table};

    const MYSQL: &str = "mysql://127.0.0.1:3306/shop.orders";

    fn graph() -> LineageGraph {
        LineageGraph::from_events(&retail())
    }

    fn ids(subgraph: &Subgraph) -> BTreeSet<String> {
        subgraph.nodes().map(|node| node.id.clone()).collect()
    }

    fn dataset(key: &str) -> Target {
        Target::Dataset(key.to_string())
    }

    fn column(table: &str, column: &str) -> Target {
        Target::Column {
            table: table.to_string(),
            column: column.to_string(),
        }
    }

    fn has_edge(subgraph: &Subgraph, from: &str, to: &str, kind: &str) -> bool {
        subgraph
            .edges()
            .iter()
            .any(|edge| edge.from == from && edge.to == to && edge.kind.as_str() == kind)
    }

    #[test]
    fn a_job_writing_several_tables_feeds_each_only_from_what_its_lineage_names() {
        // One apply run merges bronze.a into silver.a and bronze.b into silver.b.
        let (bronze_a, bronze_b) = (table("retail.bronze.a"), table("retail.bronze.b"));
        let output = |name: &str, from: &Dataset| {
            table(name)
                .with_column_lineage(lineage(
                    vec![("id", vec![field(from, "id", "DIRECT", "IDENTITY")])],
                    Vec::new(),
                ))
                .output(rows(1))
        };
        let mut complete = event(1, EventType::Complete, "apply", "r1");
        complete.inputs = vec![bronze_a.clone().input(), bronze_b.clone().input()];
        complete.outputs = vec![
            output("retail.silver.a", &bronze_a),
            output("retail.silver.b", &bronze_b),
        ];
        let graph =
            LineageGraph::from_events(&[event(0, EventType::Start, "apply", "r1"), complete]);
        let up = ids(&graph.subgraph(&dataset("retail.silver.a"), Direction::Upstream, None));
        assert!(up.contains("dataset:retail.bronze.a"), "{up:?}");
        assert!(!up.contains("dataset:retail.bronze.b"), "{up:?}");
        let down = ids(&graph.subgraph(&dataset("retail.bronze.b"), Direction::Downstream, None));
        assert!(down.contains("dataset:retail.silver.b"), "{down:?}");
        assert!(!down.contains("dataset:retail.silver.a"), "{down:?}");
    }

    #[test]
    fn upstream_of_a_gold_table_reaches_the_mysql_source() {
        let graph = graph();
        let up = graph.subgraph(
            &dataset("retail.gold.customer_orders"),
            Direction::Upstream,
            None,
        );
        let ids = ids(&up);
        for id in [
            "dataset:retail.silver.orders",
            "dataset:retail.silver.customers",
            "dataset:retail.bronze.orders",
            "dataset:retail.bronze.customers",
            "job:retail/apply.silver.orders",
            "job:retail/cdc.shop.orders",
        ] {
            assert!(ids.contains(id), "{id} missing from {ids:?}");
        }
        assert!(ids.contains(&format!("dataset:{MYSQL}")));
        assert!(has_edge(
            &up,
            &format!("dataset:{MYSQL}"),
            "job:retail/cdc.shop.orders",
            "reads"
        ));
        assert!(has_edge(
            &up,
            "job:retail/cdc.shop.orders",
            "dataset:retail.bronze.orders",
            "writes"
        ));
        assert!(up.edges().iter().all(|edge| !edge.kind.is_column()));
        assert!(!ids.contains("dataset:retail.bronze.clicks"));
        assert!(
            up.downstream_of("dataset:retail.gold.customer_orders")
                .is_empty()
        );
    }

    #[test]
    fn depth_one_stops_at_the_feeding_jobs_and_their_inputs() {
        let graph = graph();
        let up = graph.subgraph(
            &dataset("retail.gold.customer_orders"),
            Direction::Upstream,
            Some(1),
        );
        let expected: BTreeSet<String> = [
            "dataset:retail.gold.customer_orders",
            "job:retail/retail.gold.customer_orders",
            "dataset:retail.silver.orders",
            "dataset:retail.silver.customers",
        ]
        .map(String::from)
        .into();
        assert_eq!(ids(&up), expected);
        assert_eq!(up.edges().len(), 3);
    }

    #[test]
    fn downstream_of_silver_orders_reaches_gold() {
        let graph = graph();
        let target = graph.resolve("silver.orders", "retail").unwrap();
        let down = graph.subgraph(&target, Direction::Downstream, None);
        assert!(has_edge(
            &down,
            "job:retail/retail.gold.customer_orders",
            "dataset:retail.gold.customer_orders",
            "writes"
        ));
        assert!(!ids(&down).contains("dataset:retail.bronze.orders"));
        assert!(!ids(&down).contains("dataset:retail.silver.customers"));
    }

    #[test]
    fn both_ways_is_the_default() {
        let graph = graph();
        let both = graph.subgraph(
            &dataset("retail.silver.orders"),
            Direction::from_flags(false, false),
            None,
        );
        let ids = ids(&both);
        assert!(ids.contains("dataset:retail.gold.customer_orders"));
        assert!(ids.contains("dataset:retail.bronze.orders"));
        assert_eq!(Direction::from_flags(true, false), Direction::Upstream);
        assert_eq!(Direction::from_flags(false, true), Direction::Downstream);
    }

    #[test]
    fn the_latest_complete_run_gives_the_datasets_and_the_latest_run_the_state() {
        let graph = graph();
        assert!(
            !graph
                .net
                .nodes
                .contains_key("dataset:retail.bronze.orders_v0")
        );
        assert!(!graph.net.nodes.contains_key("dataset:retail.bronze.broken"));
        let job = &graph.net.nodes["job:retail/apply.silver.orders"];
        assert_eq!(
            job.kind,
            NodeKind::Job {
                namespace: "retail".to_string(),
                name: "apply.silver.orders".to_string(),
                last_state: RunState::Fail,
                last_run_id: "apply-3".to_string(),
            }
        );
        let killed = &graph.net.nodes["job:retail/apply.silver.customers"];
        assert!(matches!(
            killed.kind,
            NodeKind::Job {
                last_state: RunState::Started,
                ..
            }
        ));
        assert!(
            graph
                .net
                .nodes
                .contains_key("dataset:retail.bronze.customers")
        );
    }

    #[test]
    fn a_later_complete_run_wins_over_an_earlier_failed_one() {
        let mut events = retail();
        events.push(RunEvent {
            inputs: vec![table("retail.bronze.orders_v2").input()],
            outputs: vec![table("retail.silver.orders").output(None)],
            ..event(200, EventType::Start, "apply.silver.orders", "apply-4")
        });
        events.push(event(
            210,
            EventType::Complete,
            "apply.silver.orders",
            "apply-4",
        ));
        let graph = LineageGraph::from_events(&events);
        let up = graph.subgraph(
            &dataset("retail.silver.orders"),
            Direction::Upstream,
            Some(1),
        );
        assert!(ids(&up).contains("dataset:retail.bronze.orders_v2"));
        assert!(!ids(&up).contains("dataset:retail.bronze.orders"));
        assert!(matches!(
            up.node("job:retail/apply.silver.orders").unwrap().kind,
            NodeKind::Job {
                last_state: RunState::Complete,
                ..
            }
        ));
    }

    #[test]
    fn column_upstream_follows_transformations_to_the_source() {
        let graph = graph();
        let target = graph
            .resolve("gold.customer_orders.total", "retail")
            .unwrap();
        assert_eq!(target, column("retail.gold.customer_orders", "total"));
        let direct = graph.subgraph(&target, Direction::Upstream, Some(1));
        let feeding: Vec<(&str, &str)> = direct
            .upstream_of("column:retail.gold.customer_orders.total")
            .into_iter()
            .map(|(edge, node)| (node.id.as_str(), edge.kind.as_str()))
            .collect();
        assert_eq!(
            feeding,
            [
                ("column:retail.silver.orders.amount", "DIRECT/AGGREGATION"),
                (
                    "column:retail.silver.customers.customer_id",
                    "INDIRECT/JOIN"
                ),
                ("column:retail.silver.orders.customer_id", "INDIRECT/JOIN"),
            ]
        );
        let all = graph.subgraph(&target, Direction::Upstream, None);
        assert!(has_edge(
            &all,
            "column:retail.bronze.orders.amount",
            "column:retail.silver.orders.amount",
            "DIRECT/IDENTITY"
        ));
        assert!(has_edge(
            &all,
            &format!("column:{MYSQL}.amount"),
            "column:retail.bronze.orders.amount",
            "DIRECT/IDENTITY"
        ));
        assert!(has_edge(
            &all,
            "column:retail.bronze.orders.op",
            "dataset:retail.silver.orders",
            "INDIRECT/FILTER"
        ));
        let carried = all
            .edges()
            .iter()
            .find(|edge| edge.to == "column:retail.gold.customer_orders.total")
            .unwrap();
        assert_eq!(
            carried.job.as_deref(),
            Some("job:retail/retail.gold.customer_orders")
        );
        assert!(all.node("job:retail/retail.gold.customer_orders").is_some());
        assert!(all.edges().iter().all(|edge| edge.kind.is_column()));
        assert!(!ids(&all).contains("column:retail.silver.customers.email"));
    }

    #[test]
    fn column_downstream_reaches_output_columns_and_whole_tables() {
        let graph = graph();
        let down = graph.subgraph(&column(MYSQL, "customer_id"), Direction::Downstream, None);
        assert!(ids(&down).contains("column:retail.silver.orders.customer_id"));
        assert!(has_edge(
            &down,
            "column:retail.silver.orders.customer_id",
            "dataset:retail.gold.customer_orders",
            "INDIRECT/JOIN"
        ));
        assert!(!ids(&down).contains("column:retail.gold.customer_orders.total"));
    }

    #[test]
    fn three_part_names_are_zone_table_column_in_the_default_project_else_project_zone_table() {
        let graph = graph();
        assert_eq!(
            graph.resolve("silver.orders.amount", "retail").unwrap(),
            column("retail.silver.orders", "amount")
        );
        assert_eq!(
            graph.resolve("retail.silver.orders", "retail").unwrap(),
            dataset("retail.silver.orders")
        );
        assert_eq!(
            graph.resolve("retail.silver.orders", "other").unwrap(),
            dataset("retail.silver.orders")
        );
        assert_eq!(
            graph
                .resolve("retail.silver.orders.amount", "other")
                .unwrap(),
            column("retail.silver.orders", "amount")
        );
        assert!(graph.resolve("silver.orders.amount", "other").is_err());
    }

    #[test]
    fn keys_and_columns_of_external_sources_and_streams_resolve_as_is() {
        let graph = graph();
        assert_eq!(graph.resolve(MYSQL, "retail").unwrap(), dataset(MYSQL));
        assert_eq!(
            graph.resolve(&format!("{MYSQL}.note"), "retail").unwrap(),
            column(MYSQL, "note")
        );
        assert_eq!(
            graph.resolve("retail.clickstream", "retail").unwrap(),
            dataset("retail.clickstream")
        );
    }

    #[test]
    fn unknown_names_say_what_may_have_been_meant() {
        let graph = graph();
        let Err(LineageError::NotFound(message)) = graph.resolve("gold.orders", "retail") else {
            panic!("gold.orders resolved");
        };
        assert!(
            message.contains("no table or column `gold.orders`"),
            "{message}"
        );
        assert!(message.contains("`retail.silver.orders`"), "{message}");
        assert!(message.contains(&format!("`{MYSQL}`")), "{message}");
        let Err(LineageError::NotFound(message)) = graph.resolve("silver.orders.nope", "retail")
        else {
            panic!("silver.orders.nope resolved");
        };
        assert!(
            message.contains("`retail.silver.orders` has no column `nope`")
                && message.contains("amount, customer_id, order_id"),
            "{message}"
        );
        let Err(LineageError::NotFound(message)) = graph.resolve("x.y", "retail") else {
            panic!("x.y resolved");
        };
        assert!(
            message.contains("no job has read or written it yet"),
            "{message}"
        );
    }

    #[test]
    fn the_json_has_stable_ids_and_kinds() {
        let graph = graph();
        let subgraph = graph.subgraph(
            &column("retail.gold.customer_orders", "email"),
            Direction::Upstream,
            None,
        );
        let json = serde_json::to_value(&subgraph).unwrap();
        assert_eq!(json["target"], "column:retail.gold.customer_orders.email");
        assert_eq!(json["direction"], "upstream");
        let nodes = json["nodes"].as_array().unwrap();
        let email = nodes
            .iter()
            .find(|node| node["id"] == "column:retail.gold.customer_orders.email")
            .unwrap();
        assert_eq!(email["kind"], "column");
        assert_eq!(email["table"], "retail.gold.customer_orders");
        let job = nodes
            .iter()
            .find(|node| node["id"] == "job:retail/retail.gold.customer_orders")
            .unwrap();
        assert_eq!(job["kind"], "job");
        assert_eq!(job["last_state"], "COMPLETE");
        assert_eq!(job["last_run_id"], "model-1");
        let edge = json["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|edge| edge["to"] == "column:retail.gold.customer_orders.email")
            .unwrap();
        assert_eq!(edge["from"], "column:retail.silver.customers.email");
        assert_eq!(edge["kind"], "DIRECT/IDENTITY");
        assert_eq!(edge["job"], "job:retail/retail.gold.customer_orders");
        let sorted: Vec<&str> = nodes
            .iter()
            .map(|node| node["id"].as_str().unwrap())
            .collect();
        let mut expected = sorted.clone();
        expected.sort();
        assert_eq!(sorted, expected);
    }
}
