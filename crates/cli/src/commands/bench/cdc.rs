//! `lakeforge bench cdc`: on the machine's MariaDB and PostgreSQL, a table of `--rows` rows
//! is fully loaded, then `--changes` changed rows (inserts, updates, deletes in
//! transactions of 100 rows) are captured and merged; each step reports rows/s into bronze
//! and into silver. A steady load then measures commit-to-silver latency (p50/p99) with
//! `ingest cdc --follow`'s loop. Peers in the same run: the servers' own dump tools for the
//! table (mysqldump, pg_dump) and change clients for the changes (mysqlbinlog,
//! pg_recvlogical with test_decoding).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use lakeforge_cdc::RunMode;
use lakeforge_ingest::cdc::{CdcRun, silver_table_name};
use lakeforge_lake::datafusion::arrow::array::{Array, Int64Array};
use lakeforge_lake::{Lake, LakeRoot};
use lakeforge_spec::{CdcIngestion, CdcSource, Destination, Engine};
use sqlx::{AnyConnection, Connection, Executor};

use super::figures::Figures;
use super::server_clients::ServerClients;
use crate::output::Format;
use crate::project::Context;

/// Rows per statement and per transaction of the change workload.
const ROWS_PER_TRANSACTION: usize = 100;

/// Benchmark CDC beside the servers' own clients.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The engines to measure.
    #[arg(long, value_delimiter = ',', default_values = ["mariadb", "postgres"])]
    engine: Vec<String>,
    /// Rows of the fully loaded table.
    #[arg(long, default_value_t = 200_000)]
    rows: usize,
    /// Changed rows captured after the full load.
    #[arg(long, default_value_t = 100_000)]
    changes: usize,
    /// Rows changed per second during the latency measurement.
    #[arg(long, default_value_t = 2_000)]
    rate: usize,
    /// Seconds of steady load during the latency measurement.
    #[arg(long, default_value_t = 20)]
    seconds: u64,
    /// MariaDB server URL.
    #[arg(long, default_value = "mysql://root@127.0.0.1:3306/test")]
    mysql_url: String,
    /// PostgreSQL server URL.
    #[arg(long, default_value = "postgres://root@127.0.0.1:5432/test")]
    postgres_url: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub async fn run(_context: &Context, args: Args) -> Result<()> {
    sqlx::any::install_default_drivers();
    for name in &args.engine {
        let engine: Engine = name
            .parse()
            .map_err(|_| anyhow::anyhow!("--engine {name}: use mariadb or postgres"))?;
        let url = match engine {
            Engine::Mariadb | Engine::Mysql => args.mysql_url.clone(),
            Engine::Postgres => args.postgres_url.clone(),
            Engine::Sqlite => bail!("--engine sqlite: the benchmark measures server sources"),
        };
        let bench = Bench::create(engine, &url).await?;
        let outcome = bench.measure(&args).await;
        bench.drop().await?;
        outcome?.print(&format!("bench cdc ({name})"), args.format)?;
    }
    Ok(())
}

/// One engine's benchmark: its own database/schema, lake and capture state.
struct Bench {
    engine: Engine,
    url: String,
    clients: ServerClients,
    schema: String,
    work: tempfile::TempDir,
}

impl Bench {
    async fn create(engine: Engine, url: &str) -> Result<Self> {
        let schema = format!("lf_bench_{}", std::process::id());
        let mut conn = AnyConnection::connect(url)
            .await
            .with_context(|| format!("connecting to {url}"))?;
        let noun = if engine == Engine::Postgres {
            "SCHEMA"
        } else {
            "DATABASE"
        };
        exec(&mut conn, &format!("CREATE {noun} {schema}")).await?;
        Ok(Self {
            engine,
            url: url.to_owned(),
            clients: ServerClients::new(engine, url)?,
            schema,
            work: tempfile::tempdir()?,
        })
    }

    async fn connect(&self) -> Result<AnyConnection> {
        AnyConnection::connect(&self.url)
            .await
            .with_context(|| format!("connecting to {}", self.url))
    }

    /// The change peer's replication slot (PostgreSQL).
    fn peer_slot(&self) -> String {
        format!("{}_peer", self.schema)
    }

    fn table(&self, name: &str) -> String {
        format!("{}.{name}", self.schema)
    }

    fn cdc_run(&self, lake: &Lake) -> CdcRun {
        let spec = CdcIngestion::new(
            CdcSource::url(self.engine, &self.url),
            Destination::new("bench").prefix("dms"),
        )
        .include([format!("{}.%", self.schema)]);
        CdcRun::new(lake, &self.schema, &spec, self.work.path().join("state"))
    }

    async fn measure(&self, args: &Args) -> Result<Figures> {
        let mut figures = Figures::default();
        let mut conn = self.connect().await?;
        let orders = self.table("orders");
        exec(&mut conn, &format!("CREATE TABLE {orders} (id BIGINT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2), status VARCHAR(16), note VARCHAR(64), updated_at TIMESTAMP)")).await?;
        exec(
            &mut conn,
            &format!(
                "CREATE TABLE {} (k BIGINT PRIMARY KEY, at TIMESTAMP)",
                self.table("marker")
            ),
        )
        .await?;
        let mut workload = Workload::default();
        workload.insert(&mut conn, &orders, args.rows).await?;

        let dump = self.work.path().join("dump.sql");
        match self.clients.dump(
            &self.schema,
            "orders",
            dump.to_str().context("temporary path")?,
        ) {
            Ok(seconds) => figures.add(
                format!("peer {}: table dump", self.clients.dump_tool()),
                args.rows as f64 / seconds,
                "rows/s",
            ),
            Err(e) => figures.note(format!("table dump peer not measured: {e:#}")),
        }
        let root = LakeRoot::parse("file://./lake", Some(self.work.path()))?;
        let lake = Lake::new(root, vec!["bench".into()], Some("bench".into()));
        let run = self.cdc_run(&lake);
        let load = run.run(RunMode::UntilCaughtUp, |_| {}).await?;
        figures.add(
            "full load into bronze",
            load.capture.full_load_rows_per_second,
            "rows/s",
        );
        figures.add(
            "full load merged into silver",
            load.apply.rows as f64 / load.apply.elapsed_seconds.max(1e-6),
            "rows/s",
        );

        let peer_start = self
            .clients
            .change_start(&mut conn, &self.peer_slot())
            .await;
        let step = Instant::now();
        workload
            .changes(&mut conn, &orders, self.engine, args.changes)
            .await?;
        figures.add(
            "source writes (one connection)",
            args.changes as f64 / step.elapsed().as_secs_f64(),
            "rows/s",
        );
        let changes = run.run(RunMode::UntilCaughtUp, |_| {}).await?;
        figures.add(
            "changes captured into bronze",
            changes.capture.change_rows as f64 / changes.capture.elapsed_seconds.max(1e-6),
            "rows/s",
        );
        figures.add(
            "changes merged into silver",
            changes.apply.rows_per_second,
            "rows/s",
        );
        let peer_changes = match peer_start {
            Ok(start) => {
                let out = self.work.path().join("changes.txt");
                let out = out.to_str().context("temporary path")?;
                self.clients.changes(&mut conn, &start, out).await
            }
            Err(e) => Err(e),
        };
        match peer_changes {
            Ok(seconds) => figures.add(
                format!("peer {}: change stream", self.clients.change_tool()),
                changes.capture.change_rows as f64 / seconds,
                "rows/s",
            ),
            Err(e) => figures.note(format!("change stream peer not measured: {e:#}")),
        }

        let latencies = self
            .latencies(&lake, &run, &mut conn, &mut workload, args)
            .await?;
        figures.add("steady load", args.rate as f64, "rows/s");
        figures.add(
            "commit → silver latency p50",
            percentile(&latencies, 0.5),
            "s",
        );
        figures.add(
            "commit → silver latency p99",
            percentile(&latencies, 0.99),
            "s",
        );
        figures.add("latency samples", latencies.len() as f64, "");
        Ok(figures)
    }

    /// Steady load of `args.rate` rows/s for `args.seconds`, ten transactions a second, each
    /// with a marker row; a `--follow` run captures and merges, and silver is polled for the
    /// markers. Returns each marker's commit-to-visible seconds.
    async fn latencies(
        &self,
        lake: &Lake,
        run: &CdcRun,
        conn: &mut AnyConnection,
        workload: &mut Workload,
        args: &Args,
    ) -> Result<Vec<f64>> {
        let committed: Arc<Mutex<Vec<Instant>>> = Arc::default();
        let follow = run.run(RunMode::Follow, |_| {});
        let marker = format!("bench.silver.{}", silver_table_name(&self.schema, "marker"));
        let watch = async {
            let mut seen = Vec::new();
            let mut visible = 0usize;
            let deadline = Instant::now() + Duration::from_secs(args.seconds + 60);
            let mut writing = true;
            while Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(50)).await;
                let now = Instant::now();
                let count = max_marker(lake, &marker).await.unwrap_or(0);
                let commits = committed.lock().expect("not poisoned").clone();
                while visible < count.min(commits.len()) {
                    seen.push(now.duration_since(commits[visible]).as_secs_f64());
                    visible += 1;
                }
                writing &= commits.len() < (args.seconds * 10) as usize;
                if !writing && visible == commits.len() {
                    break;
                }
            }
            seen
        };
        let write = async {
            let rows_per_tick = (args.rate / 10).max(1);
            let mut tick = tokio::time::interval(Duration::from_millis(100));
            for k in 1..=args.seconds * 10 {
                tick.tick().await;
                workload
                    .tick(conn, &self.schema, self.engine, rows_per_tick, k)
                    .await?;
                committed.lock().expect("not poisoned").push(Instant::now());
            }
            anyhow::Ok(())
        };
        tokio::select! {
            outcome = follow => {
                outcome?;
                bail!("the follow run ended");
            }
            (seen, written) = async { tokio::join!(watch, write) } => {
                written?;
                Ok(seen)
            }
        }
    }

    /// Removes the capture (slots, publication) and the database/schema.
    async fn drop(&self) -> Result<()> {
        let root = LakeRoot::parse("file://./lake", Some(self.work.path()))?;
        let lake = Lake::new(root, vec!["bench".into()], Some("bench".into()));
        self.cdc_run(&lake).pipeline().teardown().await?;
        let mut conn = self.connect().await?;
        if self.engine == Engine::Postgres {
            let slot = self.peer_slot();
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '{slot}'"
            )))
            .execute(&mut conn)
            .await?;
            exec(&mut conn, &format!("DROP SCHEMA {} CASCADE", self.schema)).await
        } else {
            exec(&mut conn, &format!("DROP DATABASE {}", self.schema)).await
        }
    }
}

/// The number of markers visible in silver (markers are numbered 1, 2, …).
async fn max_marker(lake: &Lake, table: &str) -> Result<usize> {
    let batches = lake
        .sql(&format!("SELECT CAST(count(*) AS BIGINT) FROM {table}"))
        .await?
        .collect()
        .await?;
    let count = batches
        .first()
        .and_then(|b| b.column(0).as_any().downcast_ref::<Int64Array>().cloned())
        .filter(|a| !a.is_empty())
        .map_or(0, |a| a.value(0));
    Ok(usize::try_from(count).unwrap_or(0))
}

/// The `q` quantile of `values` (nearest rank), 0 when empty.
fn percentile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

async fn exec(conn: &mut AnyConnection, sql: &str) -> Result<()> {
    conn.execute(sqlx::AssertSqlSafe(sql.to_owned()))
        .await
        .with_context(|| format!("running {sql}"))?;
    Ok(())
}

/// The benchmark's writes: ids handed out so far.
#[derive(Default)]
struct Workload {
    next_id: u64,
    oldest_live: u64,
}

impl Workload {
    /// `rows` new orders, a statement of [`ROWS_PER_TRANSACTION`] rows each (autocommit).
    async fn insert(&mut self, conn: &mut AnyConnection, table: &str, rows: usize) -> Result<()> {
        let mut left = rows;
        while left > 0 {
            let n = left.min(ROWS_PER_TRANSACTION * 10);
            let values: Vec<String> = (0..n)
                .map(|_| {
                    self.next_id += 1;
                    let id = self.next_id;
                    format!(
                        "({id}, {}, {}.{:02}, 'placed', 'order {id} for a customer of the benchmark', CURRENT_TIMESTAMP)",
                        id % 5_000,
                        id % 500,
                        id % 100
                    )
                })
                .collect();
            exec(
                conn,
                &format!("INSERT INTO {table} VALUES {}", values.join(", ")),
            )
            .await?;
            left -= n;
        }
        Ok(())
    }

    /// `rows` changed rows in transactions of [`ROWS_PER_TRANSACTION`]: 40 % inserts,
    /// 40 % updates, 20 % deletes of the oldest rows.
    async fn changes(
        &mut self,
        conn: &mut AnyConnection,
        table: &str,
        engine: Engine,
        rows: usize,
    ) -> Result<()> {
        let batch = ROWS_PER_TRANSACTION as u64;
        for step in 0..rows.div_ceil(ROWS_PER_TRANSACTION) {
            match step % 5 {
                0 | 1 => self.insert(conn, table, ROWS_PER_TRANSACTION).await?,
                2 | 3 => {
                    let from = self.oldest_live
                        + 1
                        + (step as u64 * 37) % (self.next_id - self.oldest_live - batch).max(1);
                    exec(conn, &format!("UPDATE {table} SET status = 'shipped', amount = amount + 1, updated_at = {} WHERE id BETWEEN {from} AND {}", now(engine), from + batch - 1)).await?;
                }
                _ => {
                    let from = self.oldest_live + 1;
                    self.oldest_live += batch;
                    exec(
                        conn,
                        &format!(
                            "DELETE FROM {table} WHERE id BETWEEN {from} AND {}",
                            self.oldest_live
                        ),
                    )
                    .await?;
                }
            }
        }
        Ok(())
    }

    /// One transaction of the steady load: `rows` - 1 updated orders and marker `k`.
    async fn tick(
        &mut self,
        conn: &mut AnyConnection,
        schema: &str,
        engine: Engine,
        rows: usize,
        k: u64,
    ) -> Result<()> {
        let live = self.next_id - self.oldest_live;
        let from = self.oldest_live + 1 + (k * 7919) % live.saturating_sub(rows as u64).max(1);
        exec(conn, "BEGIN").await?;
        exec(
            conn,
            &format!(
                "UPDATE {schema}.orders SET amount = amount + 1, updated_at = {} WHERE id BETWEEN {from} AND {}",
                now(engine),
                from + rows as u64 - 2
            ),
        )
        .await?;
        exec(
            conn,
            &format!("INSERT INTO {schema}.marker VALUES ({k}, {})", now(engine)),
        )
        .await?;
        exec(conn, "COMMIT").await
    }
}

/// The engine's current time expression.
fn now(engine: Engine) -> &'static str {
    if engine == Engine::Postgres {
        "clock_timestamp()"
    } else {
        "NOW(6)"
    }
}
