//! Shared test helpers.

use std::path::Path;
use std::sync::Arc;

use lakeforge_lake::datafusion::arrow::array::{
    Array, ArrayRef, Int64Array, RecordBatch, StringArray,
};
use lakeforge_lake::datafusion::arrow::datatypes::{DataType, Field, Schema};
use lakeforge_lake::{Lake, LakeRoot};

/// A lake in a temporary folder with projects `retail` (the default) and `core`.
pub fn temp_lake(dir: &Path) -> Lake {
    let root = LakeRoot::parse("file://./lake", Some(dir)).unwrap();
    Lake::new(
        root,
        vec!["core".into(), "retail".into()],
        Some("retail".into()),
    )
}

/// A batch of (id, name) rows.
pub fn people(ids: &[i64], names: &[&str]) -> RecordBatch {
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, true),
        Field::new("name", DataType::Utf8, true),
    ]));
    RecordBatch::try_new(
        schema,
        vec![
            Arc::new(Int64Array::from(ids.to_vec())) as ArrayRef,
            Arc::new(StringArray::from(names.to_vec())) as ArrayRef,
        ],
    )
    .unwrap()
}

/// Runs a query and renders every row as `a|b|c` strings (NULL for nulls), in result order.
pub async fn rows(lake: &Lake, sql: &str) -> Vec<String> {
    let batches = lake.sql(sql).await.unwrap().collect().await.unwrap();
    let mut out = Vec::new();
    for batch in &batches {
        for row in 0..batch.num_rows() {
            let cells: Vec<String> = batch
                .columns()
                .iter()
                .map(|column| cell(column.as_ref(), row))
                .collect();
            out.push(cells.join("|"));
        }
    }
    out
}

fn cell(column: &dyn Array, row: usize) -> String {
    if column.is_null(row) {
        return "NULL".to_string();
    }
    lakeforge_lake::datafusion::arrow::util::display::array_value_to_string(column, row).unwrap()
}

/// Whether tests that need an external service or tool must fail instead of skipping.
pub fn services_required() -> bool {
    std::env::var("LAKEFORGE_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

/// Skips (returns true after printing why) or, under `LAKEFORGE_REQUIRE_SERVICES=1`, panics.
pub fn skip_or_fail(reason: &str) -> bool {
    assert!(!services_required(), "required service missing: {reason}");
    eprintln!("skipped: {reason}");
    true
}

/// The Python interpreter with the test oracles (`LAKEFORGE_PYTHON`, default `python3`).
pub fn python() -> String {
    std::env::var("LAKEFORGE_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// Whether `python` can import every module in `modules`.
pub fn python_has(modules: &[&str]) -> bool {
    let script = modules
        .iter()
        .map(|m| format!("import {m}"))
        .collect::<Vec<_>>()
        .join("; ");
    std::process::Command::new(python())
        .args(["-c", &script])
        .output()
        .is_ok_and(|o| o.status.success())
}
