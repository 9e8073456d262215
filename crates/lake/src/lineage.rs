//! The lake's tables as OpenLineage datasets: named by where they are stored (`file` or
//! `s3://bucket` and the table's path), with the lakeforge name `project.zone.table` beside.

use datafusion::arrow::datatypes::Schema;
use lakeforge_lineage::{Dataset, DatasetId, DatasetKind};

use crate::{Lake, LakeError, TableRef};

impl Lake {
    /// The dataset of a table (or view) of the lake.
    pub fn lineage_dataset(&self, table: &TableRef, kind: DatasetKind) -> Dataset {
        let id = DatasetId::object_store(&self.root().table_url(table));
        Dataset::lakeforge(id, &table.to_string(), kind)
    }

    /// The dataset of a table with a `schema` facet of its current version (none when the
    /// table does not exist yet).
    pub async fn lineage_table(&self, table: &TableRef) -> Result<Dataset, LakeError> {
        let dataset = self.lineage_dataset(table, DatasetKind::Table);
        Ok(match self.table_schema(table).await? {
            Some(schema) => with_arrow_schema(dataset, &schema),
            None => dataset,
        })
    }
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
