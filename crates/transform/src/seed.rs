//! Seeds: CSV files loaded as tables, with dbt's type inference (integers, decimals, dates,
//! timestamps, booleans, text; empty cells are NULL), `column_types`, `delimiter`.

use std::sync::{Arc, LazyLock};

use lakeforge_lake::WriteMode;
use lakeforge_lake::datafusion::arrow::array::{ArrayRef, RecordBatch, StringArray};
use lakeforge_lake::datafusion::arrow::compute::cast;
use lakeforge_lake::datafusion::arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use regex::Regex;

use crate::error::{Result, TransformError};
use crate::executor::{Executor, sql_error};
use crate::manifest::Node;
use crate::materialize::{Built, write};

static INTEGER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[+-]?\d+$").expect("valid regex"));
static DECIMAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[+-]?\d*\.(\d+)$").expect("valid regex"));
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{4}-\d{2}-\d{2}$").expect("valid regex"));
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$").expect("valid regex")
});

/// The type dbt infers for a column's non-empty cells.
pub fn infer(values: &[&str]) -> DataType {
    let cells: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if cells.is_empty() {
        return DataType::Utf8;
    }
    if cells.iter().all(|v| INTEGER.is_match(v)) && cells.iter().all(|v| v.parse::<i64>().is_ok()) {
        return DataType::Int64;
    }
    if cells
        .iter()
        .all(|v| INTEGER.is_match(v) || DECIMAL.is_match(v))
    {
        let scale = cells
            .iter()
            .filter_map(|v| DECIMAL.captures(v).map(|c| c[1].len()))
            .max()
            .unwrap_or(0);
        return if scale <= 18 {
            DataType::Decimal128(38, scale as i8)
        } else {
            DataType::Float64
        };
    }
    if cells.iter().all(|v| DATE.is_match(v)) {
        return DataType::Date32;
    }
    if cells.iter().all(|v| TIMESTAMP.is_match(v)) {
        return DataType::Timestamp(TimeUnit::Microsecond, None);
    }
    if cells
        .iter()
        .all(|v| matches!(v.to_ascii_lowercase().as_str(), "true" | "false"))
    {
        return DataType::Boolean;
    }
    DataType::Utf8
}

/// Reads a seed's CSV into one batch.
pub fn read(node: &Node) -> Result<RecordBatch> {
    let delimiter = node
        .config
        .0
        .get("delimiter")
        .and_then(|d| d.as_str())
        .and_then(|d| d.bytes().next())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_path(&node.file)
        .map_err(|e| csv_error(node, e))?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(node, e))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut columns: Vec<Vec<String>> = vec![Vec::new(); headers.len()];
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(node, e))?;
        for (index, column) in columns.iter_mut().enumerate() {
            column.push(record.get(index).unwrap_or_default().to_string());
        }
    }
    let mut fields = Vec::new();
    let mut arrays: Vec<ArrayRef> = Vec::new();
    for (name, cells) in headers.iter().zip(&columns) {
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        let data_type = infer(&refs);
        let strings: StringArray = cells
            .iter()
            .map(|c| {
                let c = c.trim();
                (!c.is_empty()).then_some(c)
            })
            .collect();
        let array = cast(&strings, &data_type).map_err(|e| TransformError::File {
            path: node.file.clone(),
            reason: format!("column `{name}`: {e}"),
        })?;
        fields.push(Field::new(name, data_type, true));
        arrays.push(array);
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).map_err(|e| TransformError::File {
        path: node.file.clone(),
        reason: e.to_string(),
    })
}

fn csv_error(node: &Node, error: csv::Error) -> TransformError {
    let line = error.position().map(|p| p.line()).unwrap_or(0);
    TransformError::File {
        path: node.file.clone(),
        reason: format!(
            "line {line}: {error}; fix the CSV (every row needs as many cells as the header)"
        ),
    }
}

/// Loads a seed: its rows replace the table's (one Delta commit). `column_types` casts
/// columns with SQL types.
pub async fn load(executor: &Executor, node: &Node) -> Result<Built> {
    let batch = read(node)?;
    let rows = batch.num_rows() as u64;
    let mut frame = executor.ctx.read_batch(batch).map_err(sql_error)?;
    if let Some(types) = node
        .config
        .0
        .get("column_types")
        .and_then(|t| t.as_object())
    {
        let columns: Vec<String> = frame
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let exprs: Vec<String> = columns
            .iter()
            .map(|c| {
                let quoted = crate::jinja::relation::quote(c);
                match types.get(c).and_then(|t| t.as_str()) {
                    Some(sql_type) => format!("cast({quoted} as {sql_type}) as {quoted}"),
                    None => quoted,
                }
            })
            .collect();
        let exprs: Vec<&str> = exprs.iter().map(String::as_str).collect();
        frame = frame.select_exprs(&exprs).map_err(sql_error)?;
    }
    let schema = Arc::new(frame.schema().as_arrow().clone());
    let batches = frame.collect().await.map_err(sql_error)?;
    let target = Executor::table_ref(&node.relation)?;
    write(executor, &target, schema, batches, WriteMode::Overwrite).await?;
    Ok(Built {
        message: format!("INSERT {rows}"),
        rows: Some(rows),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inference_follows_dbt() {
        assert_eq!(infer(&["1", "2", ""]), DataType::Int64);
        assert_eq!(infer(&["1", "2.50"]), DataType::Decimal128(38, 2));
        assert_eq!(infer(&["2024-01-01", ""]), DataType::Date32);
        assert_eq!(
            infer(&["2024-01-01 10:00:00"]),
            DataType::Timestamp(TimeUnit::Microsecond, None)
        );
        assert_eq!(infer(&["true", "False"]), DataType::Boolean);
        assert_eq!(infer(&["a", "1"]), DataType::Utf8);
        assert_eq!(infer(&["", ""]), DataType::Utf8);
    }
}
