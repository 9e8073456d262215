//! The lake side of a dbt invocation: one DataFusion session over the lake that every node
//! of the run plans in, and what Jinja asks of it (refs, sources, `run_query`, relations).

use std::sync::Arc;

use lakeforge_lake::datafusion::arrow::array::RecordBatch;
use lakeforge_lake::datafusion::arrow::datatypes::DataType;
use lakeforge_lake::datafusion::arrow::json::ArrayWriter;
use lakeforge_lake::datafusion::catalog::{
    CatalogProvider, MemoryCatalogProvider, MemorySchemaProvider, SchemaProvider,
};
use lakeforge_lake::datafusion::prelude::SessionContext;
use lakeforge_lake::{Lake, TableRef};
use lakeforge_spec::Zone;
use serde_json::Value;

use crate::error::{Result, TransformError};
use crate::jinja::relation::{Relation, RelationKind};
use crate::jinja::scope::{QueryResult, RefCall, Resolve};
use crate::manifest::Manifest;

/// Runs SQL and resolves names for one invocation.
pub struct Executor {
    /// The lake.
    pub lake: Lake,
    /// The session every node plans in.
    pub ctx: SessionContext,
    /// The parsed project.
    pub manifest: Arc<Manifest>,
    /// The runtime, for blocking calls from render threads.
    pub handle: tokio::runtime::Handle,
}

/// The catalog that holds a build's intermediate relations (an incremental build's new and
/// old rows), registered once per session.
pub const SCRATCH_CATALOG: &str = "lakeforge_scratch";
/// Its one schema.
pub const SCRATCH_SCHEMA: &str = "build";

impl Executor {
    /// A session over `lake` for `manifest`.
    pub async fn new(lake: Lake, manifest: Arc<Manifest>) -> Result<Self> {
        let ctx = lake.session().await?;
        let catalog = MemoryCatalogProvider::new();
        catalog
            .register_schema(SCRATCH_SCHEMA, Arc::new(MemorySchemaProvider::new()))
            .map_err(sql_error)?;
        ctx.register_catalog(SCRATCH_CATALOG, Arc::new(catalog));
        Ok(Self {
            lake,
            ctx,
            manifest,
            handle: tokio::runtime::Handle::current(),
        })
    }

    /// Runs a query to completion.
    pub async fn collect(
        &self,
        sql: &str,
    ) -> Result<(
        lakeforge_lake::datafusion::arrow::datatypes::SchemaRef,
        Vec<RecordBatch>,
    )> {
        let prepared = Lake::prepare(sql)?;
        // A planning error about a missing table lists the tables the lake has (as `lake.sql`).
        let frame = match self.ctx.sql(&prepared).await {
            Ok(frame) => frame,
            Err(error) => return Err(self.lake.explain(error).await.into()),
        };
        let schema = Arc::new(frame.schema().as_arrow().clone());
        let batches = frame.collect().await.map_err(sql_error)?;
        Ok((schema, batches))
    }

    /// The schema of intermediate relations.
    pub fn scratch(&self) -> Result<Arc<dyn SchemaProvider>> {
        self.ctx
            .catalog(SCRATCH_CATALOG)
            .and_then(|c| c.schema(SCRATCH_SCHEMA))
            .ok_or_else(|| {
                TransformError::Compile(
                    "the scratch schema is missing from the session".to_string(),
                )
            })
    }

    /// The lake table a relation names.
    pub fn table_ref(relation: &Relation) -> Result<TableRef> {
        let zone: Zone = relation.schema.parse().map_err(|_| {
            TransformError::Config(format!(
                "schema `{}` of {relation} is not a zone (bronze, silver, gold)",
                relation.schema
            ))
        })?;
        Ok(TableRef::new(
            &relation.database,
            zone,
            &relation.identifier,
        )?)
    }
}

/// A DataFusion error as a lake SQL error.
pub fn sql_error(error: lakeforge_lake::datafusion::error::DataFusionError) -> TransformError {
    TransformError::Lake(lakeforge_lake::LakeError::Sql {
        message: error.to_string(),
        hint: None,
    })
}

impl Resolve for Executor {
    fn resolve_ref(&self, call: &RefCall, package: &str) -> Result<Relation, String> {
        self.manifest
            .find_ref(call, package)
            .map(|n| n.relation.clone())
            .ok_or_else(|| format!("ref `{}` was not found", call.name))
    }

    fn resolve_source(&self, source: &str, table: &str) -> Result<Relation, String> {
        self.manifest
            .find_source(source, table)
            .map(|s| s.relation.clone())
            .ok_or_else(|| format!("source `{source}.{table}` was not found"))
    }

    fn query(&self, sql: &str) -> Result<QueryResult, String> {
        let (schema, batches) = self
            .handle
            .block_on(self.collect(sql))
            .map_err(|e| e.to_string())?;
        rows(&schema, &batches).map_err(|e| e.to_string())
    }

    fn existing(&self, database: &str, schema: &str, identifier: &str) -> Option<Relation> {
        let relation = Relation::table(database, schema, identifier);
        let table = Self::table_ref(&relation).ok()?;
        self.handle.block_on(async {
            if self.lake.existing_table(&table).await.ok()? {
                Some(relation.clone())
            } else if self.lake.view_sql(&table).await.ok()?.is_some() {
                Some(relation.clone().with_kind(RelationKind::View))
            } else {
                None
            }
        })
    }

    fn columns(&self, relation: &Relation) -> Result<Vec<(String, String)>, String> {
        let sql = format!("select * from {relation} limit 0");
        let (schema, _) = self
            .handle
            .block_on(self.collect(&sql))
            .map_err(|e| e.to_string())?;
        Ok(schema
            .fields()
            .iter()
            .map(|f| (f.name().clone(), sql_type(f.data_type())))
            .collect())
    }
}

/// Query results as JSON rows.
pub fn rows(
    schema: &lakeforge_lake::datafusion::arrow::datatypes::SchemaRef,
    batches: &[RecordBatch],
) -> Result<QueryResult> {
    let columns: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    let types = schema
        .fields()
        .iter()
        .map(|f| sql_type(f.data_type()))
        .collect();
    let mut rows = Vec::new();
    for batch in batches {
        let batch = lakeforge_lake::delta_types::delta_compatible(batch)
            .map_err(|e| TransformError::Compile(e.to_string()))?;
        let mut writer = ArrayWriter::new(Vec::new());
        writer
            .write(&batch)
            .map_err(|e| TransformError::Compile(e.to_string()))?;
        writer
            .finish()
            .map_err(|e| TransformError::Compile(e.to_string()))?;
        let bytes = writer.into_inner();
        let objects: Vec<serde_json::Map<String, Value>> = if bytes.is_empty() {
            Vec::new()
        } else {
            serde_json::from_slice(&bytes).map_err(|e| TransformError::Compile(e.to_string()))?
        };
        for object in objects {
            rows.push(
                columns
                    .iter()
                    .map(|c| object.get(c).cloned().unwrap_or(Value::Null))
                    .collect(),
            );
        }
    }
    Ok(QueryResult {
        columns,
        types,
        rows,
    })
}

/// The SQL name of an Arrow type, as `get_columns_in_relation` reports it.
pub fn sql_type(data_type: &DataType) -> String {
    match data_type {
        DataType::Boolean => "boolean".into(),
        DataType::Int8 | DataType::Int16 => "smallint".into(),
        DataType::Int32 => "integer".into(),
        DataType::Int64 | DataType::UInt32 | DataType::UInt64 => "bigint".into(),
        DataType::Float32 => "real".into(),
        DataType::Float64 => "double precision".into(),
        DataType::Decimal128(p, s) | DataType::Decimal256(p, s) => format!("numeric({p},{s})"),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => "text".into(),
        DataType::Date32 | DataType::Date64 => "date".into(),
        DataType::Timestamp(_, None) => "timestamp without time zone".into(),
        DataType::Timestamp(_, Some(_)) => "timestamp with time zone".into(),
        other => other.to_string().to_lowercase(),
    }
}
