//! Tables written by lakeforge are readable by other engines (the Python `deltalake` package).

use std::process::Command;

use lakeforge_lake::WriteOptions;
use lakeforge_spec::Zone;

use crate::support::{people, python, python_has, rows, skip_or_fail, temp_lake};

#[tokio::test]
async fn python_deltalake_reads_the_same_rows_and_versions() {
    if !python_has(&["deltalake", "pyarrow"]) {
        skip_or_fail(
            "the Python deltalake package is not installed (pip install -r .ci/requirements.txt)",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let lake = temp_lake(dir.path());
    let table = lake.table_ref("silver.people", Zone::Bronze).unwrap();
    let options = WriteOptions {
        partition_by: vec!["name".into()],
        ..WriteOptions::default()
    };
    lake.write_batches(&table, vec![people(&[1, 2], &["ana", "ben"])], &options)
        .await
        .unwrap();
    lake.write_batches(
        &table,
        vec![people(&[3], &["chen"])],
        &WriteOptions::default(),
    )
    .await
    .unwrap();
    let ours = rows(&lake, "SELECT id, name FROM silver.people ORDER BY id").await;

    let location = lake.root().table_url(&table).to_file_path().unwrap();
    // os._exit: the reader's native thread pools sometimes abort the interpreter's shutdown
    // ("terminate called without an active exception") after everything was printed.
    let script = "import os, sys, deltalake\n\
        t = deltalake.DeltaTable(sys.argv[1])\n\
        print(t.version(), t.metadata().partition_columns)\n\
        for r in sorted(t.to_pyarrow_table().to_pylist(), key=lambda r: r['id']):\n    print(f\"{r['id']}|{r['name']}\")\n\
        print(len(deltalake.DeltaTable(sys.argv[1], version=0).to_pyarrow_table()))\n\
        sys.stdout.flush()\n\
        os._exit(0)\n";
    let output = Command::new(python())
        .args(["-c", script, location.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "1 ['name']");
    assert_eq!(
        &lines[1..4],
        ours.iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
    );
    assert_eq!(lines[4], "2");
}
