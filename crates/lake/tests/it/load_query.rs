//! `load` → `query` round trips for CSV, JSON lines and Parquet.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use lakeforge_lake::load::{FileFormat, LoadProgress, ProgressFn};
use lakeforge_lake::{WriteMode, WriteOptions};
use lakeforge_spec::Zone;

use crate::support::{people, rows, temp_lake};

#[tokio::test]
async fn csv_loads_with_inferred_types_and_queries_back() {
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    let file = dir.path().join("orders.csv");
    std::fs::write(
        &file,
        "order_id,amount,paid,day\n1,10.5,true,2026-01-02\n2,4.25,false,2026-01-03\n",
    )
    .unwrap();
    let table = lake.table_ref("orders", Zone::Bronze).unwrap();
    let summary = lake
        .load_file(
            &file,
            &table,
            FileFormat::from_path(&file).unwrap(),
            &WriteOptions::default(),
            None,
        )
        .await
        .unwrap();
    assert_eq!((summary.rows, summary.version), (2, 0));
    assert_eq!(summary.table, "retail.bronze.orders");
    assert_eq!(
        rows(
            &lake,
            "SELECT order_id + 1, amount * 2, paid, arrow_typeof(day) FROM orders ORDER BY order_id"
        )
        .await,
        ["2|21.0|true|Date32", "3|8.5|false|Date32"]
    );
}

#[tokio::test]
async fn json_lines_load_keeps_nested_fields() {
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    let file = dir.path().join("events.jsonl");
    std::fs::write(
        &file,
        "{\"id\": 1, \"kind\": \"view\", \"ctx\": {\"page\": \"/a\"}}\n{\"id\": 2, \"kind\": \"buy\", \"ctx\": {\"page\": \"/b\"}}\n",
    )
    .unwrap();
    let table = lake.table_ref("silver.events", Zone::Bronze).unwrap();
    lake.load_file(
        &file,
        &table,
        FileFormat::JsonLines,
        &WriteOptions::default(),
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        rows(
            &lake,
            "SELECT id, kind, ctx['page'] FROM retail.silver.events ORDER BY id"
        )
        .await,
        ["1|view|/a", "2|buy|/b"]
    );
}

#[tokio::test]
async fn parquet_loads_and_reports_progress() {
    use lakeforge_lake::datafusion::parquet::arrow::ArrowWriter;
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    let file = dir.path().join("people.parquet");
    let batch = people(&[1, 2, 3], &["ana", "ben", "chen"]);
    let mut writer =
        ArrowWriter::try_new(std::fs::File::create(&file).unwrap(), batch.schema(), None).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();

    let seen_rows = Arc::new(AtomicU64::new(0));
    let seen = seen_rows.clone();
    let progress: ProgressFn = Arc::new(move |p: LoadProgress| {
        assert!(p.bytes <= p.total_bytes);
        seen.store(p.rows, Ordering::SeqCst);
    });
    let table = lake.table_ref("core.gold.people", Zone::Bronze).unwrap();
    lake.load_file(
        &file,
        &table,
        FileFormat::Parquet,
        &WriteOptions::default(),
        Some(progress),
    )
    .await
    .unwrap();
    assert_eq!(seen_rows.load(Ordering::SeqCst), 3);
    assert_eq!(
        rows(
            &lake,
            "SELECT name FROM core.gold.people WHERE id >= 2 ORDER BY id"
        )
        .await,
        ["ben", "chen"]
    );
}

#[tokio::test]
async fn a_malformed_row_fails_the_load_and_leaves_the_table_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "id,amount\n1,2.5\n").unwrap();
    let table = lake.table_ref("orders", Zone::Bronze).unwrap();
    lake.load_file(
        &good,
        &table,
        FileFormat::Csv,
        &WriteOptions::default(),
        None,
    )
    .await
    .unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "id,amount\n2,3.5\n3,4.5,extra\n").unwrap();
    let error = lake
        .load_file(
            &bad,
            &table,
            FileFormat::Csv,
            &WriteOptions::default(),
            None,
        )
        .await
        .unwrap_err()
        .to_string();
    assert!(error.contains("bad.csv"), "{error}");
    assert_eq!(rows(&lake, "SELECT id FROM orders").await, ["1"]);
}

#[tokio::test]
async fn overwrite_replaces_rows_and_append_adds_them() {
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    let table = lake.table_ref("people", Zone::Bronze).unwrap();
    lake.write_batches(&table, vec![people(&[1], &["a"])], &WriteOptions::default())
        .await
        .unwrap();
    lake.write_batches(&table, vec![people(&[2], &["b"])], &WriteOptions::default())
        .await
        .unwrap();
    assert_eq!(rows(&lake, "SELECT count(*) FROM people").await, ["2"]);
    let overwrite = WriteOptions {
        mode: WriteMode::Overwrite,
        ..WriteOptions::default()
    };
    lake.write_batches(&table, vec![people(&[9], &["z"])], &overwrite)
        .await
        .unwrap();
    assert_eq!(rows(&lake, "SELECT id, name FROM people").await, ["9|z"]);
}

#[tokio::test]
async fn sql_timestamps_reach_year_9999_and_views_persist() {
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    let cells = rows(
        &lake,
        "SELECT CAST('9999-12-31 00:00:00' AS TIMESTAMP) AS valid_to, arrow_typeof(CAST('2026-01-01' AS TIMESTAMP)) AS t",
    )
    .await;
    assert_eq!(cells.len(), 1);
    assert!(cells[0].contains("9999-12-31T00:00:00"), "{cells:?}");
    assert!(
        cells[0].contains("Microsecond") || cells[0].contains("µs"),
        "{cells:?}"
    );
    // A view is stored in its zone and planned again by every session.
    let table = lake.table_ref("people", Zone::Silver).unwrap();
    lake.write_batches(
        &table,
        vec![people(&[1, 2], &["ada", "bob"])],
        &WriteOptions::default(),
    )
    .await
    .unwrap();
    let ctx = lake.session().await.unwrap();
    let view = lake.table_ref("named", Zone::Gold).unwrap();
    lake.create_view(&ctx, &view, "SELECT name FROM silver.people WHERE id > 1")
        .await
        .unwrap();
    assert_eq!(
        rows(&lake, "SELECT count(*) FROM gold.named").await.len(),
        1
    );
    let before = rows(&lake, "SELECT count(*) AS n FROM gold.named").await;
    lake.write_batches(
        &table,
        vec![people(&[3], &["cy"])],
        &WriteOptions::default(),
    )
    .await
    .unwrap();
    let after = rows(&lake, "SELECT count(*) AS n FROM gold.named").await;
    assert_ne!(before, after, "the view follows its table");
    assert!(
        lake.create_view(&ctx, &view, "SELECT * FROM silver.nobody")
            .await
            .is_err()
    );
    assert!(lake.drop_view(&view).await.unwrap());
    assert!(lake.sql("SELECT * FROM gold.named").await.is_err());
}
