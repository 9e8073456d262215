"""The DuckDB peer of `lakeforge bench ingest`: JSON lines to Parquet, timed in-process.

Arguments: the JSON-lines file, the output path, and the layout (`one` file, or `hourly`
Hive partitions year=/month=/day=/hour= of the `timestamp` field, as lakeforge writes).
Prints the seconds the COPY took and DuckDB's version.
"""
import sys
import time

import duckdb

source, out, layout = sys.argv[1], sys.argv[2].replace("'", "''"), sys.argv[3]
if layout == "one":
    sql = f"COPY (SELECT * FROM read_json_auto(?)) TO '{out}' (FORMAT parquet)"
else:
    sql = (
        "COPY (SELECT * EXCLUDE (t), strftime(t, '%Y') AS year, strftime(t, '%m') AS month, "
        "strftime(t, '%d') AS day, strftime(t, '%H') AS hour "
        'FROM (SELECT *, CAST("timestamp" AS TIMESTAMP) AS t FROM read_json_auto(?))) '
        f"TO '{out}' (FORMAT parquet, PARTITION_BY (year, month, day, hour))"
    )
connection = duckdb.connect()
connection.execute("SET enable_progress_bar = false")
start = time.perf_counter()
connection.execute(sql, [source])
print(time.perf_counter() - start, duckdb.__version__)
