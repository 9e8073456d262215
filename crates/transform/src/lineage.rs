//! OpenLineage for dbt: one parent run per invocation (job `dbt.<project>.<command>`), each
//! node (seed, model, snapshot, test) a child run (job = its unique id) with the `parent`
//! facet. A model's inputs and its `columnLineage` come from the DataFusion logical plan of
//! its compiled SQL; a test reports its verdict as a `dataQualityAssertions` facet on the
//! relation it tests.

use std::collections::BTreeMap;
use std::sync::Mutex;

use lakeforge_lake::datafusion::common::{ResolvedTableReference, TableReference};
use lakeforge_lake::{Lake, TableRef};
use lakeforge_lineage::column::plan_lineage;
use lakeforge_lineage::event::InputDataset;
use lakeforge_lineage::facets::{
    Assertion, ColumnLineage, DataQualityAssertions, Facet, InputDatasetFacets, OutputStatistics,
    schema_url,
};
use lakeforge_lineage::{
    Dataset, DatasetId, DatasetKind, Integration, JobSpec, Lineage, Processing, RunHandle,
};
use lakeforge_spec::Zone;

use crate::executor::Executor;
use crate::jinja::relation::{Relation, RelationKind};
use crate::manifest::{Manifest, Node, ResourceType};

/// The lineage of one dbt invocation.
pub struct DbtLineage {
    lineage: Lineage,
    parent: RunHandle,
}

/// What a node's run gave, for its terminal event.
pub struct NodeOutcome<'a> {
    /// The compiled SQL, when it compiled.
    pub sql: Option<&'a str>,
    /// Rows written, when known.
    pub rows: Option<u64>,
    /// The error, or a failing test's message.
    pub error: Option<String>,
    /// For tests: whether the test passed (warnings pass).
    pub passed: bool,
}

impl DbtLineage {
    /// Emits START of the invocation's parent run.
    pub fn start(lineage: Lineage, project: &str, command: &str) -> Self {
        let job = JobSpec {
            name: format!("dbt.{project}.{command}"),
            processing: Processing::Batch,
            integration: Integration::Dbt,
            job_type: "JOB".to_string(),
        };
        let parent = lineage.start(job, Vec::new(), Vec::new(), None);
        Self { lineage, parent }
    }

    /// Ends the parent run: COMPLETE, or FAIL with `error`.
    pub fn finish(&self, error: Option<&str>) {
        let parent = self.parent.clone();
        match error {
            None => parent.complete(Vec::new(), Vec::new()),
            Some(message) => parent.fail(message, Vec::new(), Vec::new()),
        }
    }

    /// Emits START of a node's child run, with the relations it depends on as inputs.
    pub fn node_start(&self, executor: &Executor, node: &Node) -> RunHandle {
        let inputs = dependencies(&executor.manifest, node)
            .iter()
            .filter_map(|relation| dataset(&executor.lake, relation))
            .map(Dataset::input)
            .collect();
        let outputs = output_dataset(&executor.lake, node)
            .map(|dataset| vec![dataset.output(None)])
            .unwrap_or_default();
        self.lineage
            .start(node_job(node), inputs, outputs, Some(&self.parent))
    }

    /// Ends a node's child run: COMPLETE with inputs, column lineage and statistics, or FAIL.
    pub async fn node_end(
        &self,
        mut run: RunHandle,
        executor: &Executor,
        node: &Node,
        outcome: NodeOutcome<'_>,
    ) {
        let lake = &executor.lake;
        if let Some(sql) = outcome.sql.filter(|sql| !sql.trim().is_empty()) {
            run.set_sql(sql, "datafusion");
        }
        if node.resource_type == ResourceType::Test {
            let inputs = test_inputs(executor, node, outcome.passed);
            match outcome.error {
                Some(error) => run.fail(&error, inputs, Vec::new()),
                None => run.complete(inputs, Vec::new()),
            }
            return;
        }
        let mut inputs: BTreeMap<DatasetId, Dataset> = dependencies(&executor.manifest, node)
            .iter()
            .filter_map(|relation| dataset(lake, relation))
            .map(|dataset| (dataset.id.clone(), dataset))
            .collect();
        if let Some(error) = outcome.error {
            run.fail(
                &error,
                inputs.into_values().map(Dataset::input).collect(),
                Vec::new(),
            );
            return;
        }
        let column_lineage = match outcome.sql {
            Some(sql) if !sql.trim().is_empty() => {
                let (lineage, read) = sql_lineage(executor, sql).await;
                inputs.extend(read.into_iter().map(|d| (d.id.clone(), d)));
                lineage
            }
            _ => ColumnLineage::default(),
        };
        let outputs = match output_dataset(lake, node) {
            Some(output) => {
                let (output, statistics) = built(executor, node, output, outcome.rows).await;
                vec![
                    output
                        .with_column_lineage(column_lineage)
                        .output(statistics),
                ]
            }
            None => Vec::new(),
        };
        run.complete(inputs.into_values().map(Dataset::input).collect(), outputs);
    }
}

/// A node's job: its unique id, type MODEL/SEED/SNAPSHOT/TEST.
fn node_job(node: &Node) -> JobSpec {
    let job_type = match node.resource_type {
        ResourceType::Model => "MODEL",
        ResourceType::Seed => "SEED",
        ResourceType::Snapshot => "SNAPSHOT",
        ResourceType::Test => "TEST",
        ResourceType::Analysis => "ANALYSIS",
    };
    JobSpec {
        name: node.unique_id.clone(),
        processing: Processing::Batch,
        integration: Integration::Dbt,
        job_type: job_type.to_string(),
    }
}

/// The relations a node reads: its parents, looking through ephemeral models.
fn dependencies(manifest: &Manifest, node: &Node) -> Vec<Relation> {
    let mut relations = Vec::new();
    let mut stack: Vec<&String> = node.depends_on.iter().collect();
    let mut seen = std::collections::HashSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(parent) = manifest.nodes.get(id) {
            if parent.relation.kind == RelationKind::Cte {
                stack.extend(parent.depends_on.iter());
            } else {
                relations.push(parent.relation.clone());
            }
        } else if let Some(source) = manifest.sources.get(id) {
            relations.push(source.relation.clone());
        }
    }
    relations
}

/// The lake dataset of a relation, when it names a zone table.
fn dataset(lake: &Lake, relation: &Relation) -> Option<Dataset> {
    let table = Executor::table_ref(relation).ok()?;
    let kind = if relation.kind == RelationKind::View {
        DatasetKind::View
    } else {
        DatasetKind::Table
    };
    Some(lake.lineage_dataset(&table, kind))
}

/// What a node writes (none for tests and ephemeral models).
fn output_dataset(lake: &Lake, node: &Node) -> Option<Dataset> {
    if node.resource_type == ResourceType::Test || node.relation.kind == RelationKind::Cte {
        return None;
    }
    dataset(lake, &node.relation)
}

/// The output as built, and what its build wrote: a table's schema and its commit's files
/// and bytes from the Delta log; a view's schema (it has no log) as the run's session plans it.
async fn built(
    executor: &Executor,
    node: &Node,
    output: Dataset,
    rows: Option<u64>,
) -> (Dataset, Option<OutputStatistics>) {
    let rows_only = rows.map(|rows| OutputStatistics {
        row_count: rows,
        size: None,
        file_count: None,
    });
    let Ok(table) = Executor::table_ref(&node.relation) else {
        return (output, rows_only);
    };
    if let Ok((written, Some(commit))) = executor.lake.lineage_written(&table).await {
        return (written, rows.map(|rows| commit.output(rows)));
    }
    let name = TableReference::full(
        table.project.as_str(),
        table.zone.as_str(),
        table.table.as_str(),
    );
    match executor.ctx.table_provider(name).await {
        Ok(view) => (
            lakeforge_lake::lineage::with_arrow_schema(output, &view.schema()),
            rows_only,
        ),
        Err(_) => (output, rows_only),
    }
}

/// Column lineage and the datasets read, from the logical plan of `sql` in the run's session.
async fn sql_lineage(executor: &Executor, sql: &str) -> (ColumnLineage, Vec<Dataset>) {
    let Ok(prepared) = Lake::prepare(sql) else {
        return (ColumnLineage::default(), Vec::new());
    };
    let state = executor.ctx.state();
    let plan = match state.create_logical_plan(&prepared).await {
        Ok(plan) => plan,
        Err(error) => {
            tracing::debug!(%error, "lineage: the node's SQL did not plan again");
            return (ColumnLineage::default(), Vec::new());
        }
    };
    let options = state.config().options();
    let default_catalog = options.catalog.default_catalog.clone();
    let default_schema = options.catalog.default_schema.clone();
    let seen: Mutex<BTreeMap<DatasetId, Dataset>> = Mutex::new(BTreeMap::new());
    let resolve = |table: &ResolvedTableReference| {
        let dataset = resolve_table(executor, table)?;
        let id = dataset.id.clone();
        if let Ok(mut seen) = seen.lock() {
            seen.insert(id.clone(), dataset);
        }
        Some(id)
    };
    let lineage = plan_lineage(&plan, &default_catalog, &default_schema, &resolve);
    let read = seen
        .into_inner()
        .unwrap_or_default()
        .into_values()
        .collect();
    (lineage.lineage, read)
}

/// The lake dataset of a table the plan scans: `project.zone.table`, or a bare table of the
/// lake's default schema found in the zone that holds it. Other tables (the build's scratch
/// relations) are not datasets.
fn resolve_table(executor: &Executor, table: &ResolvedTableReference) -> Option<Dataset> {
    let catalog = executor.ctx.catalog(&table.catalog)?;
    let zone: Zone = match table.schema.parse() {
        Ok(zone) => zone,
        Err(_) => Zone::ALL.iter().copied().find(|zone| {
            catalog
                .schema(zone.as_str())
                .is_some_and(|schema| schema.table_exist(&table.table))
        })?,
    };
    let reference = TableRef::new(&table.catalog, zone, &table.table).ok()?;
    let is_view = executor.manifest.nodes.values().any(|node| {
        node.relation.kind == RelationKind::View
            && Executor::table_ref(&node.relation).is_ok_and(|other| other == reference)
    });
    let kind = if is_view {
        DatasetKind::View
    } else {
        DatasetKind::Table
    };
    Some(executor.lake.lineage_dataset(&reference, kind))
}

/// A test's inputs: the relations it reads. The one it tests (its attached node, whose column
/// the assertion names) carries the verdict as a data quality assertion; so does each input
/// of a test attached to nothing it reads (a singular test, or one on an ephemeral model).
fn test_inputs(executor: &Executor, node: &Node, passed: bool) -> Vec<InputDataset> {
    let manifest = &executor.manifest;
    let assertion = Assertion {
        assertion: node
            .test
            .as_ref()
            .map_or_else(|| node.name.clone(), |test| test.name.clone()),
        success: passed,
        column: node.test.as_ref().and_then(|test| test.column_name.clone()),
        severity: Some(node.config.severity()),
    };
    let facets = InputDatasetFacets {
        data_quality_assertions: Some(Facet::new(
            schema_url::DATA_QUALITY_ASSERTIONS,
            DataQualityAssertions {
                assertions: vec![assertion],
            },
        )),
    };
    let tested = node
        .test
        .as_ref()
        .and_then(|test| test.attached_node.as_ref())
        .and_then(|id| {
            let node = manifest.nodes.get(id).map(|node| &node.relation);
            node.or_else(|| manifest.sources.get(id).map(|source| &source.relation))
        })
        .filter(|relation| relation.kind != RelationKind::Cte);
    dependencies(manifest, node)
        .iter()
        .filter_map(|relation| Some((relation, dataset(&executor.lake, relation)?)))
        .map(|(relation, dataset)| {
            if tested.is_none_or(|tested| tested == relation) {
                dataset.input_with(facets.clone())
            } else {
                dataset.input()
            }
        })
        .collect()
}
