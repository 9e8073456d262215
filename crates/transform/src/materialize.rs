//! Materializations on the lake: `table`, `view`, `incremental` (append, merge,
//! delete+insert, with `on_schema_change`), each build one Delta commit (or one view file).

use std::sync::Arc;

use lakeforge_lake::datafusion::arrow::array::RecordBatch;
use lakeforge_lake::datafusion::arrow::datatypes::{DataType, SchemaRef};
use lakeforge_lake::datafusion::common::{Column, ScalarValue, TableReference};
use lakeforge_lake::datafusion::logical_expr::{Expr, cast, lit};
use lakeforge_lake::datafusion::prelude::DataFrame;
use lakeforge_lake::{TableRef, WriteMode, WriteOptions};

use crate::error::{Result, TransformError};
use crate::executor::{Executor, sql_error};
use crate::jinja::relation::Relation;
use crate::manifest::Node;

use crate::executor::{SCRATCH_CATALOG, SCRATCH_SCHEMA};

/// What a build did, as dbt reports it (`SELECT 3`, `CREATE VIEW`, `INSERT 5`).
#[derive(Clone, Debug)]
pub struct Built {
    /// The adapter message.
    pub message: String,
    /// Rows written or selected, when known.
    pub rows: Option<u64>,
}

/// Builds a table: the query's rows replace the table's (one Delta commit). A view of the
/// same name is replaced.
pub async fn table(executor: &Executor, node: &Node, sql: &str) -> Result<Built> {
    let target = Executor::table_ref(&node.relation)?;
    let (schema, batches) = executor.collect(sql).await?;
    let rows = count(&batches);
    write(executor, &target, schema, batches, WriteMode::Overwrite).await?;
    Ok(Built {
        message: format!("SELECT {rows}"),
        rows: Some(rows),
    })
}

/// Persists a view (a table of the same name is dropped).
pub async fn view(executor: &Executor, node: &Node, sql: &str) -> Result<Built> {
    let target = Executor::table_ref(&node.relation)?;
    executor
        .lake
        .create_view(&executor.ctx, &target, &lakeforge_lake::Lake::prepare(sql)?)
        .await?;
    Ok(Built {
        message: "CREATE VIEW".to_string(),
        rows: None,
    })
}

/// Builds an incremental model: the first build (or `--full-refresh`) as a table, then by
/// the model's strategy.
pub async fn incremental(
    executor: &Executor,
    node: &Node,
    sql: &str,
    incremental: bool,
) -> Result<Built> {
    if !incremental {
        return table(executor, node, sql).await;
    }
    let target = Executor::table_ref(&node.relation)?;
    let (new_schema, new_batches) = executor.collect(sql).await?;
    let rows = count(&new_batches);
    let existing_schema = executor.lake.table_schema(&target).await?.ok_or_else(|| {
        TransformError::Compile(format!("{} vanished during the build", node.relation))
    })?;
    let columns = target_columns(node, &existing_schema, &new_schema)?;
    let scratch = executor.scratch()?;
    // Named after the node's unique id: concurrent builds never share a name.
    let stem: String = node
        .unique_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let new_name = format!("{stem}__new");
    let new_frame = executor
        .ctx
        .read_batches(non_empty(new_schema, new_batches))
        .map_err(sql_error)?;
    let new_frame = project(new_frame, &columns, Side::New)?;
    let strategy = node.config.incremental_strategy();
    let keys = node.config.unique_key();
    let removes_columns =
        existing_schema.fields().len() > columns.iter().filter(|c| c.in_existing).count();
    if strategy == "append" && !removes_columns {
        let (schema, batches) = frame_batches(new_frame).await?;
        write(executor, &target, schema, batches, WriteMode::Append).await?;
        return Ok(Built {
            message: format!("INSERT {rows}"),
            rows: Some(rows),
        });
    }
    if !matches!(strategy.as_str(), "append" | "merge" | "delete+insert") {
        return Err(TransformError::Config(format!(
            "{}: incremental_strategy `{strategy}` is not supported; use append, merge or delete+insert",
            node.original_file_path
        )));
    }
    if strategy != "append" && keys.is_empty() {
        return Err(TransformError::Config(format!(
            "{}: incremental_strategy `{strategy}` needs a unique_key",
            node.original_file_path
        )));
    }
    let old_frame = executor
        .ctx
        .table(TableReference::full(
            node.relation.database.as_str(),
            node.relation.schema.as_str(),
            node.relation.identifier.as_str(),
        ))
        .await
        .map_err(sql_error)?;
    let old_frame = project(old_frame, &columns, Side::Existing)?;
    let old_name = format!("{stem}__old");
    scratch
        .register_table(new_name.clone(), new_frame.into_view())
        .map_err(sql_error)?;
    scratch
        .register_table(old_name.clone(), old_frame.into_view())
        .map_err(sql_error)?;
    let qualified = |name: &str| {
        format!(
            "{SCRATCH_CATALOG}.{SCRATCH_SCHEMA}.{}",
            crate::jinja::relation::quote(name)
        )
    };
    let sql = if strategy == "append" {
        format!(
            "select * from {} union all select * from {}",
            qualified(&old_name),
            qualified(&new_name)
        )
    } else {
        let matches: Vec<String> = keys.iter().map(|k| format!("n.{k} = o.{k}")).collect();
        format!(
            "select * from {old} o where not exists (select 1 from {new} n where {on}) union all select * from {new}",
            old = qualified(&old_name),
            new = qualified(&new_name),
            on = matches.join(" and ")
        )
    };
    let result = executor.collect(&sql).await;
    let _ = scratch.deregister_table(&new_name);
    let _ = scratch.deregister_table(&old_name);
    let (schema, batches) = result?;
    write(executor, &target, schema, batches, WriteMode::Overwrite).await?;
    Ok(Built {
        message: format!("MERGE {rows}"),
        rows: Some(rows),
    })
}

/// A column of the table after an incremental build: its name, and its type in the table
/// if it already exists there.
struct TargetColumn {
    name: String,
    /// The table's type when the column exists there, else the query's.
    data_type: DataType,
    in_existing: bool,
    in_new: bool,
}

/// Which side of an incremental build a frame is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Existing,
    New,
}

/// The columns after the build, by `on_schema_change`.
fn target_columns(node: &Node, existing: &SchemaRef, new: &SchemaRef) -> Result<Vec<TargetColumn>> {
    let has = |schema: &SchemaRef, name: &str| schema.field_with_name(name).is_ok();
    let added: Vec<&str> = new
        .fields()
        .iter()
        .map(|f| f.name().as_str())
        .filter(|n| !has(existing, n))
        .collect();
    let removed: Vec<&str> = existing
        .fields()
        .iter()
        .map(|f| f.name().as_str())
        .filter(|n| !has(new, n))
        .collect();
    let policy = node.config.on_schema_change();
    if policy == "fail" && (!added.is_empty() || !removed.is_empty()) {
        return Err(TransformError::Compile(format!(
            "The source and target schemas on this incremental model are out of sync: added {:?}, removed {:?}; \
             set on_schema_change to append_new_columns or sync_all_columns, or run with --full-refresh",
            added, removed
        )));
    }
    let existing_column = |name: &str| TargetColumn {
        name: name.to_string(),
        data_type: existing
            .field_with_name(name)
            .map(|f| f.data_type().clone())
            .unwrap_or(DataType::Utf8),
        in_existing: true,
        in_new: has(new, name),
    };
    let mut out: Vec<TargetColumn> = match policy {
        "sync_all_columns" => existing
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .filter(|n| has(new, n))
            .map(existing_column)
            .collect(),
        _ => existing
            .fields()
            .iter()
            .map(|f| existing_column(f.name()))
            .collect(),
    };
    if matches!(policy, "append_new_columns" | "sync_all_columns") {
        out.extend(added.iter().map(|name| {
            TargetColumn {
                name: name.to_string(),
                data_type: new
                    .field_with_name(name)
                    .map(|f| f.data_type().clone())
                    .unwrap_or(DataType::Utf8),
                in_existing: false,
                in_new: true,
            }
        }));
    }
    Ok(out)
}

/// Projects a frame onto the target columns: the table's types win, columns the frame
/// lacks are NULL.
fn project(frame: DataFrame, columns: &[TargetColumn], side: Side) -> Result<DataFrame> {
    let exprs: Vec<Expr> = columns
        .iter()
        .map(|c| {
            let present = match side {
                Side::Existing => c.in_existing,
                Side::New => c.in_new,
            };
            let value = if present {
                Expr::Column(Column::new_unqualified(&c.name))
            } else {
                lit(ScalarValue::Null)
            };
            cast(value, c.data_type.clone()).alias(&c.name)
        })
        .collect();
    frame.select(exprs).map_err(sql_error)
}

async fn frame_batches(frame: DataFrame) -> Result<(SchemaRef, Vec<RecordBatch>)> {
    let schema = Arc::new(frame.schema().as_arrow().clone());
    let batches = frame.collect().await.map_err(sql_error)?;
    Ok((schema, batches))
}

/// Writes rows to a table in one Delta commit; drops a view of the same name first.
pub async fn write(
    executor: &Executor,
    target: &TableRef,
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
    mode: WriteMode,
) -> Result<()> {
    if executor.lake.drop_view(target).await?
        && let Some(zone) = executor
            .ctx
            .catalog(&target.project)
            .and_then(|c| c.schema(target.zone.as_str()))
    {
        let _ = zone.deregister_table(&target.table);
    }
    let options = WriteOptions {
        mode,
        ..WriteOptions::default()
    };
    executor
        .lake
        .write_batches(target, non_empty(schema, batches), &options)
        .await?;
    Ok(())
}

fn non_empty(schema: SchemaRef, batches: Vec<RecordBatch>) -> Vec<RecordBatch> {
    if batches.is_empty() {
        vec![RecordBatch::new_empty(schema)]
    } else {
        batches
    }
}

/// Rows in batches.
pub fn count(batches: &[RecordBatch]) -> u64 {
    batches.iter().map(|b| b.num_rows() as u64).sum()
}

/// The relation a node builds, for messages.
pub fn describe(relation: &Relation) -> String {
    format!("{}.{}", relation.schema, relation.identifier)
}
