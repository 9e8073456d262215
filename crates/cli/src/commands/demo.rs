//! `lakeforge demo`: the main job on embedded defaults — a retail project, the simulator
//! feeding its clickstream stream and OLTP database, the streaming ingestion landing the
//! clickstream in bronze, CDC of the OLTP database into bronze and silver, and answers
//! from SQL over the lake.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use lakeforge_cdc::RunMode;
use lakeforge_ingest::cdc::CdcRun;
use lakeforge_ingest::streaming::lineage::{run_reported, stream_dataset};
use lakeforge_ingest::streaming::{DeliveryMode, StreamingDelivery, open_spec_stream};
use lakeforge_spec::{CdcIngestion, CdcSource, Engine, Spec};

use super::init::{Template, scaffold};
use super::simulate::simulate;
use crate::output::{Format, print_batches};
use crate::project::{Context, SPEC_FILE};
use lakeforge_transform::{DbtArgs, DbtCommand};

/// Marks a folder the demo created, so a rerun may reset its data.
const MARKER: &str = ".lakeforge/demo-project";
/// The streaming construct of the retail template.
const CLICKSTREAM: &str = "c360-clickstream";
/// The CDC construct of the retail template.
const SALES: &str = "retail-sales-support";

/// Run the demo: create a retail project (or reset one the demo made), simulate a month of an
/// online retailer, ingest its clickstream into the bronze zone, and answer questions in SQL.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  lakeforge demo                 # creates ./lakeforge-demo\n  lakeforge demo shop --customers 200 --days 7"
)]
pub struct Args {
    /// The project folder (relative to -C).
    #[arg(default_value = "lakeforge-demo")]
    dir: PathBuf,
    /// Customers to simulate (default: the template's 1000).
    #[arg(long)]
    customers: Option<u32>,
    /// Days to simulate (default: the template's 30).
    #[arg(long)]
    days: Option<u32>,
}

/// The demo's questions: a title and the SQL.
const QUERIES: &[(&str, &str)] = &[
    (
        "Conversion by platform",
        "SELECT platform, count(DISTINCT session_id) AS sessions, \
         count(DISTINCT CASE WHEN event_type = 'checkout' THEN session_id END) AS buying_sessions, \
         round(100.0 * count(DISTINCT CASE WHEN event_type = 'checkout' THEN session_id END) / count(DISTINCT session_id), 1) AS conversion_pct \
         FROM bronze.clickstream GROUP BY platform ORDER BY conversion_pct DESC",
    ),
    (
        "Top products by views, with add-to-carts",
        "SELECT product_id, sum(CASE WHEN event_type = 'view' THEN 1 ELSE 0 END) AS views, \
         sum(CASE WHEN event_type = 'add_to_cart' THEN 1 ELSE 0 END) AS add_to_carts \
         FROM bronze.clickstream WHERE product_id IS NOT NULL \
         GROUP BY product_id ORDER BY views DESC LIMIT 5",
    ),
    (
        "Daily checkouts (first week)",
        "SELECT year || '-' || month || '-' || day AS day, count(*) AS checkouts, \
         count(DISTINCT user_id) AS customers \
         FROM bronze.clickstream WHERE event_type = 'checkout' \
         GROUP BY year, month, day ORDER BY day LIMIT 7",
    ),
    (
        "Revenue by category (silver: the OLTP database merged by CDC)",
        "SELECT p.category_l1 AS category, count(DISTINCT o.order_id) AS orders, \
         round(sum(o.quantity * o.unit_price), 2) AS revenue \
         FROM silver.c360raw__c360_order_items o JOIN silver.c360raw__c360_product p \
         ON o.product_id = p.product_id GROUP BY 1 ORDER BY revenue DESC LIMIT 5",
    ),
    (
        "Order lines by status, with support chats about their orders (silver)",
        "SELECT o.status, count(DISTINCT o.order_item_id) AS order_lines, \
         count(DISTINCT c.chat_id) AS support_chats \
         FROM silver.c360raw__c360_order_items o \
         LEFT JOIN silver.c360raw__c360_support_chat c ON c.order_id = o.order_id \
         GROUP BY o.status ORDER BY order_lines DESC",
    ),
    (
        "Top customers by revenue (gold.customer_360, built by `lakeforge dbt build`)",
        "SELECT revenue_rank, name, orders, round(revenue, 2) AS revenue, sessions, support_chats \
         FROM gold.customer_360 ORDER BY revenue_rank, customer_id LIMIT 5",
    ),
    (
        "Time travel: events now vs. after the first delivery (VERSION AS OF 0)",
        "SELECT (SELECT count(*) FROM bronze.clickstream) AS events_now, \
         (SELECT count(*) FROM bronze.clickstream VERSION AS OF 0) AS events_at_version_0",
    ),
];

pub async fn run(context: &Context, args: Args) -> Result<()> {
    let dir = context.dir.join(&args.dir);
    let project = Context {
        dir: dir.clone(),
        quiet: context.quiet,
        lineage_console: context.lineage_console,
    };
    let started = Instant::now();
    prepare(&dir)?;
    let spec = project.spec()?;
    note(
        context,
        &format!(
            "project {} ready ({:.1}s)",
            dir.display(),
            started.elapsed().as_secs_f64()
        ),
    );

    populate(context, &project, &spec, args.customers, args.days).await?;
    let (spec, lake) = project.lake()?;

    let step = Instant::now();
    let lineage = project.lineage(&spec)?;
    let mut dbt = DbtArgs::new(DbtCommand::Build, dir.join("dbt"));
    dbt.quiet = context.quiet;
    dbt.lineage = Some(lineage.clone());
    let code = lakeforge_transform::invoke(
        &lake,
        spec.default_project(),
        &dbt,
        Box::new(std::io::stdout()),
    )
    .await;
    lineage.close().await;
    if code != 0 {
        bail!(
            "dbt build of {} failed (exit {code}); see the lines above",
            dir.join("dbt").display()
        );
    }
    note(
        context,
        &format!(
            "built the dbt project's models into gold ({:.1}s)",
            step.elapsed().as_secs_f64()
        ),
    );

    if !context.quiet {
        println!("\nWhat is in the lake");
        super::tables::print(&lake.tables().await?, Format::Table)?;
    }
    let step = Instant::now();
    for (title, sql) in QUERIES {
        if !context.quiet {
            println!("\n{title}\n  {sql}");
        }
        let frame = lake.sql(sql).await?;
        let schema = std::sync::Arc::new(frame.schema().as_arrow().clone());
        print_batches(schema, &frame.collect().await?, Format::Table)?;
    }
    note(
        context,
        &format!(
            "\nanswered {} questions ({:.1}s); whole demo {:.1}s\nexplore further:\n  lakeforge -C {d} tables\n  lakeforge -C {d} query \"SELECT event_type, count(*) FROM bronze.clickstream GROUP BY 1\"\n  lakeforge -C {d} lineage gold.customer_360 --upstream\n  lakeforge -C {d} synth && lakeforge -C {d} check",
            QUERIES.len(),
            step.elapsed().as_secs_f64(),
            started.elapsed().as_secs_f64(),
            d = dir.display()
        ),
    );
    Ok(())
}

/// Fills a retail project's lake as the demo does: simulates the shop, delivers the
/// clickstream into bronze and replicates the shop's database with CDC into silver.
pub async fn populate(
    context: &Context,
    project: &Context,
    spec: &Spec,
    customers: Option<u32>,
    days: Option<u32>,
) -> Result<()> {
    let step = Instant::now();
    let sim_args = super::simulate::Args {
        customers,
        days,
        ..Default::default()
    };
    let summary = simulate(project, spec, sim_args).await?;
    note(
        context,
        &format!(
            "simulated {} days: {} events, {} orders, {} customers churned ({:.1}s)",
            summary.days,
            summary.events,
            summary.orders,
            summary.churned_customers,
            step.elapsed().as_secs_f64()
        ),
    );

    let step = Instant::now();
    let (spec, lake) = project.lake()?;
    let lineage = project.lineage(&spec)?;
    let ingestion = spec
        .streaming
        .get(CLICKSTREAM)
        .context("the retail template has c360-clickstream")?;
    let declared = spec
        .streams
        .get(&ingestion.source_stream)
        .context("its stream is declared")?;
    let stream = open_spec_stream(&ingestion.source_stream, declared, &project.dir).await?;
    let delivery = StreamingDelivery::new(CLICKSTREAM, ingestion, lake.clone(), stream)?;
    let stream_dataset = stream_dataset(&ingestion.source_stream, declared, &project.dir);
    let delivered = run_reported(
        &lineage,
        CLICKSTREAM,
        ingestion,
        stream_dataset,
        &delivery,
        &DeliveryMode::UntilCaughtUp,
        &|_| {},
    )
    .await?;
    note(
        context,
        &format!(
            "ingested {} clickstream events into {} in {} commits ({:.1}s)",
            delivered.delivered,
            delivery.table(),
            delivered.commits,
            step.elapsed().as_secs_f64()
        ),
    );

    let step = Instant::now();
    let cdc = local_cdc(project, &spec)?;
    let replicated = CdcRun::new(
        &lake,
        SALES,
        &cdc,
        project.dir.join(".lakeforge/cdc").join(SALES),
    )
    .with_lineage(lineage.clone())
    .run(RunMode::UntilCaughtUp, |_| {})
    .await;
    lineage.close().await;
    let replicated = replicated?;
    note(
        context,
        &format!(
            "replicated the simulator's database ({}): {} rows landed in {}.bronze under {}/, merged into {} silver tables ({:.1}s)",
            cdc.source.url.as_deref().unwrap_or_default(),
            replicated.capture.full_load_rows + replicated.capture.change_rows,
            cdc.destination.project,
            cdc.destination.prefix.as_deref().unwrap_or(SALES),
            replicated.apply.tables.len(),
            step.elapsed().as_secs_f64()
        ),
    );
    Ok(())
}

/// The demo's CDC construct. The template's `[cdc.retail-sales-support]` reads schema
/// `c360` of a MariaDB server (the shape DMS replicates on AWS); the demo reads the
/// simulator's own database instead (SQLite by default), so it needs no server.
fn local_cdc(project: &Context, spec: &Spec) -> Result<CdcIngestion> {
    let database = spec
        .simulator
        .as_ref()
        .map(|s| s.database_url.clone())
        .context("the retail template's simulator writes a database")?;
    let mut cdc = spec
        .cdc
        .get(SALES)
        .context("the retail template has retail-sales-support")?
        .clone();
    let url = project.sqlite_url(&database)?;
    let engine = match url.split_once(':').map(|(scheme, _)| scheme) {
        Some("sqlite") => Engine::Sqlite,
        Some("mariadb") => Engine::Mariadb,
        Some("postgres" | "postgresql") => Engine::Postgres,
        _ => Engine::Mysql,
    };
    if engine == Engine::Sqlite {
        // SQLite has no schemas: the simulator's tables are `main.c360_*`.
        cdc.include = vec!["main.c360_%".into()];
        cdc.rename_schema = [("main".to_owned(), "c360raw".to_owned())].into();
    }
    cdc.source = CdcSource::url(engine, url);
    Ok(cdc)
}

/// Creates the retail project, or resets the data of one an earlier demo created.
fn prepare(dir: &Path) -> Result<()> {
    if !dir.join(SPEC_FILE).exists() {
        scaffold(dir, Template::Retail, false)?;
    } else if !dir.join(MARKER).exists() {
        bail!(
            "{} holds a project the demo did not create; give the demo another folder",
            dir.display()
        );
    } else if !dir.join("dbt/dbt_project.yml").exists() {
        // A demo folder from before the dbt project was part of the template.
        scaffold(dir, Template::Retail, true)?;
    }
    for generated in [".lakeforge/streams", ".lakeforge/cdc", "lake"] {
        let path = dir.join(generated);
        if path.exists() {
            std::fs::remove_dir_all(&path)
                .with_context(|| format!("resetting {}", path.display()))?;
        }
    }
    let marker = dir.join(MARKER);
    std::fs::create_dir_all(marker.parent().expect("the marker is in .lakeforge"))?;
    std::fs::write(
        &marker,
        "created by `lakeforge demo`; a rerun resets streams and the lake\n",
    )
    .with_context(|| format!("writing {}", marker.display()))?;
    Ok(())
}

fn note(context: &Context, text: &str) {
    if !context.quiet {
        println!("{text}");
    }
}
