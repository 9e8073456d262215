//! The lake's tables as OpenLineage datasets: named by where they are stored (`file` or
//! `s3://bucket` and the table's path), with the lakeforge name `project.zone.table` beside,
//! their schema, and what their last commit wrote.

use datafusion::arrow::datatypes::Schema;
use lakeforge_lineage::facets::OutputStatistics;
use lakeforge_lineage::{Dataset, DatasetId, DatasetKind};

use crate::{Lake, LakeError, TableRef};

/// Files and bytes one Delta commit added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CommitStatistics {
    /// Data files added.
    pub files: u64,
    /// Their bytes.
    pub bytes: u64,
}

impl CommitStatistics {
    /// The `outputStatistics` of a write of `rows` rows that made this commit.
    pub fn output(self, rows: u64) -> OutputStatistics {
        OutputStatistics {
            row_count: rows,
            size: Some(self.bytes),
            file_count: Some(self.files),
        }
    }
}

impl Lake {
    /// The dataset of a table (or view) of the lake.
    pub fn lineage_dataset(&self, table: &TableRef, kind: DatasetKind) -> Dataset {
        let id = DatasetId::object_store(&self.root().table_url(table));
        Dataset::lakeforge(id, &table.to_string(), kind)
    }

    /// A table as just written: its dataset with a `schema` facet of the current version,
    /// and what that version's commit added. Both are absent when the table does not exist
    /// (a view, or a table not created yet).
    pub async fn lineage_written(
        &self,
        table: &TableRef,
    ) -> Result<(Dataset, Option<CommitStatistics>), LakeError> {
        let dataset = self.lineage_dataset(table, DatasetKind::Table);
        let Some(loaded) = self.existing(table).await? else {
            return Ok((dataset, None));
        };
        let schema = loaded.table_provider().await?.schema();
        let statistics = match loaded.version() {
            Some(version) => loaded
                .log_store()
                .read_commit_entry(version)
                .await?
                .map(|commit| commit_statistics(&commit)),
            None => None,
        };
        Ok((with_arrow_schema(dataset, &schema), statistics))
    }
}

/// Files and bytes of the `add` actions of a commit (JSON lines of the Delta log).
fn commit_statistics(commit: &[u8]) -> CommitStatistics {
    let mut statistics = CommitStatistics::default();
    for line in commit.split(|&byte| byte == b'\n') {
        let Ok(action) = serde_json::from_slice::<serde_json::Value>(line) else {
            continue;
        };
        if let Some(size) = action.get("add").and_then(|add| add.get("size")) {
            statistics.files += 1;
            statistics.bytes += size.as_u64().unwrap_or(0);
        }
    }
    statistics
}

/// Adds a `schema` facet with the Arrow schema's column names and types.
pub fn with_arrow_schema(dataset: Dataset, schema: &Schema) -> Dataset {
    dataset.with_schema(
        schema
            .fields()
            .iter()
            .map(|field| (field.name().clone(), field.data_type().to_string())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_counts_its_added_files_and_bytes_only() {
        let commit = br#"{"commitInfo":{"operation":"WRITE"}}
{"add":{"path":"a.parquet","size":100,"dataChange":true}}
{"remove":{"path":"old.parquet","size":70}}
{"add":{"path":"b.parquet","size":23,"dataChange":true}}
"#;
        assert_eq!(
            commit_statistics(commit),
            CommitStatistics {
                files: 2,
                bytes: 123
            }
        );
    }
}
