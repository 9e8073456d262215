//! Dataset names after the OpenLineage naming spec, and the lakeforge name beside them.
//!
//! | where the data lives            | namespace                  | name                     |
//! |---------------------------------|----------------------------|--------------------------|
//! | a zone on the local disk         | `file`                     | the table's absolute path |
//! | a zone on S3                     | `s3://{bucket}`            | the table's key prefix   |
//! | a zone on another object store   | `{scheme}://{authority}`   | the table's path         |
//! | MySQL / MariaDB                  | `mysql://{host}:{port}`    | `{database}.{table}`     |
//! | PostgreSQL                       | `postgres://{host}:{port}` | `{database}.{schema}.{table}` |
//! | SQLite                           | `sqlite://{file path}`     | `{table}`                |
//! | an embedded stream               | `lakeforge-stream://{path of the stream store}` | `{stream}` |
//! | a NATS JetStream stream          | `nats://{host}:{port}`     | `{stream}`               |
//! | a Kinesis stream                 | `kinesis://{region}`       | `{stream}`               |
//!
//! Streams have no entry in the OpenLineage naming spec; the three schemes above are
//! lakeforge's, built like the spec's Kafka entry (`kafka://{host}:{port}`, topic).
//! Every lakeforge dataset also carries a `symlinks` facet with its lakeforge name
//! (`project.zone.table`, or `project.stream` for streams) in the namespace [`LAKEFORGE`].

use url::Url;

use crate::event::{InputDataset, OutputDataset};
use crate::facets::{
    ColumnLineage, DataSource, DatasetFacets, Facet, Identifier, InputDatasetFacets,
    OutputDatasetFacets, OutputStatistics, Schema, SchemaField, Symlinks, schema_url,
};

/// Namespace of the lakeforge names in `symlinks` facets.
pub const LAKEFORGE: &str = "lakeforge";

/// A dataset's OpenLineage identity: namespace and name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DatasetId {
    /// Where the dataset lives.
    pub namespace: String,
    /// Its name in the namespace.
    pub name: String,
}

impl DatasetId {
    /// A table of a zone stored at `table_url` (a `file://`, `s3://` or other object-store URL).
    pub fn object_store(table_url: &Url) -> Self {
        let path = table_url.path().trim_end_matches('/');
        match table_url.scheme() {
            "file" => Self {
                namespace: "file".to_string(),
                name: path.to_string(),
            },
            scheme => Self {
                namespace: format!("{scheme}://{}", table_url.authority()),
                name: path.trim_start_matches('/').to_string(),
            },
        }
    }

    /// A MySQL or MariaDB table.
    pub fn mysql(host: &str, port: u16, database: &str, table: &str) -> Self {
        Self {
            namespace: format!("mysql://{host}:{port}"),
            name: format!("{database}.{table}"),
        }
    }

    /// A PostgreSQL table.
    pub fn postgres(host: &str, port: u16, database: &str, schema: &str, table: &str) -> Self {
        Self {
            namespace: format!("postgres://{host}:{port}"),
            name: format!("{database}.{schema}.{table}"),
        }
    }

    /// A SQLite table of the database file `path` (absolute).
    pub fn sqlite(path: &str, table: &str) -> Self {
        Self {
            namespace: format!("sqlite://{path}"),
            name: table.to_string(),
        }
    }

    /// A stream of the embedded stream store kept at `store_path`.
    pub fn embedded_stream(store_path: &str, stream: &str) -> Self {
        Self {
            namespace: format!("lakeforge-stream://{store_path}"),
            name: stream.to_string(),
        }
    }

    /// A NATS JetStream stream of the server at `host:port`.
    pub fn nats_stream(host: &str, port: u16, stream: &str) -> Self {
        Self {
            namespace: format!("nats://{host}:{port}"),
            name: stream.to_string(),
        }
    }

    /// A Kinesis data stream in `region`.
    pub fn kinesis_stream(region: &str, stream: &str) -> Self {
        Self {
            namespace: format!("kinesis://{region}"),
            name: stream.to_string(),
        }
    }

    /// The `dataSource` facet: the system the dataset lives in.
    fn data_source(&self) -> Facet<DataSource> {
        let uri = if self.namespace == "file" {
            "file:///".to_string()
        } else {
            self.namespace.clone()
        };
        Facet::new(
            schema_url::DATA_SOURCE,
            DataSource {
                name: self.namespace.clone(),
                uri,
            },
        )
    }
}

/// What kind of object a lakeforge name names (the `type` of a symlink).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatasetKind {
    /// A Delta table.
    Table,
    /// A view.
    View,
    /// A stream.
    Stream,
}

impl DatasetKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Table => "TABLE",
            Self::View => "VIEW",
            Self::Stream => "STREAM",
        }
    }
}

/// A dataset as a producer reports it: identity plus the facets every event carries.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// The OpenLineage identity.
    pub id: DatasetId,
    /// Its facets.
    pub facets: DatasetFacets,
}

impl Dataset {
    /// A dataset with a `dataSource` facet and no lakeforge name (an external source).
    pub fn external(id: DatasetId) -> Self {
        let facets = DatasetFacets {
            data_source: Some(id.data_source()),
            ..DatasetFacets::default()
        };
        Self { id, facets }
    }

    /// A dataset of the lake (or a stream) with its lakeforge name in a `symlinks` facet.
    pub fn lakeforge(id: DatasetId, lakeforge_name: &str, kind: DatasetKind) -> Self {
        let mut dataset = Self::external(id);
        dataset.facets.symlinks = Some(Facet::new(
            schema_url::SYMLINKS,
            Symlinks {
                identifiers: vec![Identifier {
                    namespace: LAKEFORGE.to_string(),
                    name: lakeforge_name.to_string(),
                    kind: kind.as_str().to_string(),
                }],
            },
        ));
        dataset
    }

    /// Adds a `schema` facet: column names and types, in order.
    pub fn with_schema<N: Into<String>, T: Into<String>>(
        mut self,
        fields: impl IntoIterator<Item = (N, T)>,
    ) -> Self {
        let fields = fields
            .into_iter()
            .map(|(name, data_type)| SchemaField {
                name: name.into(),
                data_type: Some(data_type.into()),
            })
            .collect();
        self.facets.schema = Some(Facet::new(schema_url::SCHEMA, Schema { fields }));
        self
    }

    /// Adds a `columnLineage` facet (outputs); an empty lineage adds nothing.
    pub fn with_column_lineage(mut self, lineage: ColumnLineage) -> Self {
        if !lineage.fields.is_empty() || !lineage.dataset.is_empty() {
            self.facets.column_lineage = Some(Facet::new(schema_url::COLUMN_LINEAGE, lineage));
        }
        self
    }

    /// The column names of the `schema` facet, in order (none without one).
    pub fn columns(&self) -> Vec<String> {
        self.facets.schema.as_ref().map_or_else(Vec::new, |schema| {
            schema
                .body
                .fields
                .iter()
                .map(|field| field.name.clone())
                .collect()
        })
    }

    /// The lakeforge name from the `symlinks` facet, if any.
    pub fn lakeforge_name(&self) -> Option<&str> {
        lakeforge_name(&self.facets)
    }

    /// As a run's input.
    pub fn input(self) -> InputDataset {
        self.input_with(InputDatasetFacets::default())
    }

    /// As a run's input with input facets (e.g. data quality assertions).
    pub fn input_with(self, input_facets: InputDatasetFacets) -> InputDataset {
        InputDataset {
            namespace: self.id.namespace,
            name: self.id.name,
            facets: self.facets,
            input_facets,
        }
    }

    /// As a run's output, with what was written when known.
    pub fn output(self, statistics: Option<OutputStatistics>) -> OutputDataset {
        OutputDataset {
            namespace: self.id.namespace,
            name: self.id.name,
            facets: self.facets,
            output_facets: OutputDatasetFacets {
                output_statistics: statistics
                    .map(|stats| Facet::new(schema_url::OUTPUT_STATISTICS, stats)),
            },
        }
    }
}

/// The lakeforge name in a dataset's `symlinks` facet, if it has one.
pub fn lakeforge_name(facets: &DatasetFacets) -> Option<&str> {
    facets
        .symlinks
        .as_ref()?
        .body
        .identifiers
        .iter()
        .find(|identifier| identifier.namespace == LAKEFORGE)
        .map(|identifier| identifier.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_zone_tables_are_named_by_path_in_the_file_namespace() {
        let url = Url::parse("file:///data/lake/retail/silver/orders/").unwrap();
        let id = DatasetId::object_store(&url);
        assert_eq!(id.namespace, "file");
        assert_eq!(id.name, "/data/lake/retail/silver/orders");
    }

    #[test]
    fn s3_zone_tables_are_named_by_key_in_the_bucket_namespace() {
        let url = Url::parse("s3://raw-bucket/lake/retail/bronze/clicks").unwrap();
        let id = DatasetId::object_store(&url);
        assert_eq!(id.namespace, "s3://raw-bucket");
        assert_eq!(id.name, "lake/retail/bronze/clicks");
    }

    #[test]
    fn database_sources_follow_the_naming_spec() {
        assert_eq!(
            DatasetId::mysql("127.0.0.1", 3306, "shop", "orders").namespace,
            "mysql://127.0.0.1:3306"
        );
        let pg = DatasetId::postgres("db", 5432, "shop", "public", "orders");
        assert_eq!(pg.namespace, "postgres://db:5432");
        assert_eq!(pg.name, "shop.public.orders");
    }

    #[test]
    fn lake_datasets_carry_their_lakeforge_name() {
        let url = Url::parse("file:///l/retail/gold/customers").unwrap();
        let dataset = Dataset::lakeforge(
            DatasetId::object_store(&url),
            "retail.gold.customers",
            DatasetKind::View,
        );
        assert_eq!(dataset.lakeforge_name(), Some("retail.gold.customers"));
        let json = serde_json::to_value(dataset.input()).unwrap();
        assert_eq!(json["facets"]["symlinks"]["identifiers"][0]["type"], "VIEW");
        assert_eq!(json["facets"]["dataSource"]["uri"], "file:///");
    }
}
