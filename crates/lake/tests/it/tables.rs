//! Table behaviour: partitions, schema evolution, time travel, listing, naming errors,
//! idempotent commits and the in-memory root.

use std::sync::Arc;

use lakeforge_lake::datafusion::arrow::array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use lakeforge_lake::datafusion::arrow::datatypes::{DataType, Field, Schema};
use lakeforge_lake::{Lake, LakeRoot, WriteOptions};
use lakeforge_spec::Zone;

use crate::support::{people, rows, temp_lake};

fn with_city(ids: &[i64], cities: &[&str]) -> RecordBatch {
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, true),
        Field::new("city", DataType::Utf8, true),
    ]));
    RecordBatch::try_new(
        schema,
        vec![
            Arc::new(Int64Array::from(ids.to_vec())) as ArrayRef,
            Arc::new(StringArray::from(cities.to_vec())) as ArrayRef,
        ],
    )
    .unwrap()
}

#[tokio::test]
async fn partitioned_tables_write_hive_folders_and_filter() {
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    let table = lake.table_ref("silver.visits", Zone::Bronze).unwrap();
    let options = WriteOptions {
        partition_by: vec!["city".into()],
        ..WriteOptions::default()
    };
    lake.write_batches(
        &table,
        vec![with_city(&[1, 2, 3], &["oslo", "lima", "oslo"])],
        &options,
    )
    .await
    .unwrap();
    let folder = dir.path().join("lake/retail-silver/visits");
    assert!(folder.join("city=oslo").is_dir() && folder.join("city=lima").is_dir());
    assert_eq!(
        rows(
            &lake,
            "SELECT id FROM silver.visits WHERE city = 'oslo' ORDER BY id"
        )
        .await,
        ["1", "3"]
    );
    let info = lake.tables().await.unwrap();
    assert_eq!(info[0].partition_columns, ["city"]);
}

#[tokio::test]
async fn appending_new_columns_evolves_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    let table = lake.table_ref("people", Zone::Bronze).unwrap();
    lake.write_batches(
        &table,
        vec![people(&[1], &["ana"])],
        &WriteOptions::default(),
    )
    .await
    .unwrap();
    lake.write_batches(
        &table,
        vec![with_city(&[2], &["rome"])],
        &WriteOptions::default(),
    )
    .await
    .unwrap();
    assert_eq!(
        rows(&lake, "SELECT id, name, city FROM people ORDER BY id").await,
        ["1|ana|NULL", "2|NULL|rome"]
    );
}

#[tokio::test]
async fn time_travel_reads_older_versions() {
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    let table = lake.table_ref("people", Zone::Bronze).unwrap();
    lake.write_batches(&table, vec![people(&[1], &["a"])], &WriteOptions::default())
        .await
        .unwrap();
    let between = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    lake.write_batches(
        &table,
        vec![people(&[2, 3], &["b", "c"])],
        &WriteOptions::default(),
    )
    .await
    .unwrap();

    assert_eq!(rows(&lake, "SELECT count(*) FROM people").await, ["3"]);
    assert_eq!(
        rows(&lake, "SELECT count(*) FROM people VERSION AS OF 0").await,
        ["1"]
    );
    assert_eq!(
        rows(
            &lake,
            "SELECT p.id FROM retail.bronze.people VERSION AS OF 1 p ORDER BY p.id"
        )
        .await,
        ["1", "2", "3"]
    );
    let at = format!("SELECT count(*) FROM bronze.people TIMESTAMP AS OF '{between}'");
    assert_eq!(rows(&lake, &at).await, ["1"]);
    let error = lake
        .sql("SELECT * FROM people VERSION AS OF 7")
        .await
        .unwrap_err()
        .to_string();
    assert!(error.to_lowercase().contains("version"), "{error}");
}

#[tokio::test]
async fn unknown_tables_list_the_known_ones_and_ambiguity_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    for name in ["bronze.orders", "gold.orders"] {
        let table = lake.table_ref(name, Zone::Bronze).unwrap();
        lake.write_batches(&table, vec![people(&[1], &["a"])], &WriteOptions::default())
            .await
            .unwrap();
    }
    let error = lake
        .sql("SELECT * FROM nope")
        .await
        .unwrap_err()
        .to_string();
    assert!(error.contains("nope"), "{error}");
    assert!(
        error.contains("known tables: retail.bronze.orders, retail.gold.orders"),
        "{error}"
    );

    let error = lake
        .sql("SELECT * FROM orders")
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("ambiguous") && error.contains("retail.gold.orders"),
        "{error}"
    );
    assert_eq!(rows(&lake, "SELECT count(*) FROM gold.orders").await, ["1"]);
}

#[tokio::test]
async fn listing_reports_rows_size_and_version() {
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    let table = lake.table_ref("core.silver.people", Zone::Bronze).unwrap();
    lake.write_batches(
        &table,
        vec![people(&[1, 2], &["a", "b"])],
        &WriteOptions::default(),
    )
    .await
    .unwrap();
    lake.write_batches(&table, vec![people(&[3], &["c"])], &WriteOptions::default())
        .await
        .unwrap();
    std::fs::create_dir_all(dir.path().join("lake/core-silver/not_a_table")).unwrap();
    let tables = lake.tables().await.unwrap();
    assert_eq!(tables.len(), 1);
    let info = &tables[0];
    assert_eq!(
        (
            info.project.as_str(),
            info.zone.as_str(),
            info.table.as_str()
        ),
        ("core", "silver", "people")
    );
    assert_eq!((info.rows, info.files, info.version), (3, 2, 1));
    assert!(info.bytes > 0);
}

#[tokio::test]
async fn application_transactions_are_recorded_with_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    let table = lake.table_ref("events", Zone::Bronze).unwrap();
    assert_eq!(lake.app_version(&table, "ingest").await.unwrap(), None);
    let options = WriteOptions {
        app_transaction: Some(("ingest".into(), 41)),
        ..WriteOptions::default()
    };
    lake.write_batches(&table, vec![people(&[1], &["a"])], &options)
        .await
        .unwrap();
    assert_eq!(lake.app_version(&table, "ingest").await.unwrap(), Some(41));
    assert_eq!(lake.app_version(&table, "other").await.unwrap(), None);
}

#[tokio::test]
async fn memory_roots_keep_tables_for_the_life_of_the_lake() {
    let root = LakeRoot::parse("memory://", None).unwrap();
    let lake = Lake::new(root, vec!["p".into()], Some("p".into()));
    let table = lake.table_ref("t", Zone::Gold).unwrap();
    lake.write_batches(&table, vec![people(&[5], &["e"])], &WriteOptions::default())
        .await
        .unwrap();
    assert_eq!(rows(&lake, "SELECT name FROM p.gold.t").await, ["e"]);
    assert_eq!(lake.tables().await.unwrap().len(), 1);
}

#[tokio::test]
async fn names_of_unknown_projects_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    let error = lake
        .table_ref("shop.bronze.t", Zone::Bronze)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("project `shop` is not in the spec; projects: core, retail"),
        "{error}"
    );
}

/// The Parquet files under `folder`, recursively.
fn parquet_files(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(parquet_files(&path));
        } else if path.extension().is_some_and(|e| e == "parquet") {
            files.push(path);
        }
    }
    files
}

/// Whether any column chunk of the Parquet file at `path` has a dictionary page.
fn has_dictionary_pages(path: &std::path::Path) -> bool {
    use lakeforge_lake::datafusion::parquet::file::reader::{FileReader, SerializedFileReader};
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    let metadata = reader.metadata();
    metadata
        .row_groups()
        .iter()
        .flat_map(|group| group.columns())
        .any(|column| column.dictionary_page_offset().is_some())
}

#[tokio::test]
async fn batches_are_written_by_partition_and_plain_encoding_drops_dictionaries() {
    for plain_encoding in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let lake = temp_lake(dir.path());
        let table = lake.table_ref("silver.visits", Zone::Bronze).unwrap();
        let options = WriteOptions {
            partition_by: vec!["city".into()],
            plain_encoding,
            ..WriteOptions::default()
        };
        // Two input batches that share both cities: each city still gets one file.
        let batches = vec![
            with_city(&[1, 2], &["oslo", "lima"]),
            with_city(&[3, 4], &["lima", "oslo"]),
        ];
        lake.write_batches(&table, batches, &options).await.unwrap();
        let folder = dir.path().join("lake/retail-silver/visits");
        for city in ["city=oslo", "city=lima"] {
            let files = parquet_files(&folder.join(city));
            assert_eq!(files.len(), 1, "{city}: {files:?}");
            assert_eq!(has_dictionary_pages(&files[0]), !plain_encoding);
        }
        assert_eq!(
            rows(&lake, "SELECT id FROM silver.visits ORDER BY id").await,
            ["1", "2", "3", "4"]
        );
    }
}
