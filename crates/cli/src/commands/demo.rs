//! `lakeforge demo`: the main job on embedded defaults — a retail project, sample data loaded
//! into the bronze zone, and SQL over it (including time travel).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use lakeforge_lake::load::LoadSummary;
use lakeforge_lake::{Lake, WriteMode, WriteOptions};

use super::init::{Template, scaffold};
use crate::output::{Format, print_batches};
use crate::project::{Context, SPEC_FILE};

/// Run the demo: create (or reuse) a retail project, load sample orders and customers into
/// its bronze zone, append late orders as a new table version, and query it all.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  lakeforge demo            # creates ./lakeforge-demo\n  lakeforge -C /tmp demo shop"
)]
pub struct Args {
    /// The project folder (relative to -C); created with the retail template if it has no spec.
    #[arg(default_value = "lakeforge-demo")]
    dir: PathBuf,
    /// Orders in the first load.
    #[arg(long, default_value_t = 5000)]
    orders: usize,
}

/// The demo's queries: a title and the SQL.
const QUERIES: &[(&str, &str)] = &[
    (
        "Revenue by order status",
        "SELECT status, count(*) AS orders, round(sum(amount), 2) AS revenue \
         FROM bronze.orders GROUP BY status ORDER BY revenue DESC",
    ),
    (
        "Top customers by spend (join across tables, three-part names)",
        "SELECT c.name, c.segment, round(sum(o.amount), 2) AS spend \
         FROM retail.bronze.orders o JOIN retail.bronze.customers c ON o.customer_id = c.customer_id \
         GROUP BY c.name, c.segment ORDER BY spend DESC LIMIT 5",
    ),
];

/// The time-travel query: orders now against the version before the late orders arrived.
fn time_travel_query(version: u64) -> (String, String) {
    (
        format!(
            "Time travel: orders now vs. VERSION AS OF {version} (before the late orders arrived)"
        ),
        format!(
            "SELECT (SELECT count(*) FROM bronze.orders) AS orders_now, \
             (SELECT count(*) FROM bronze.orders VERSION AS OF {version}) AS orders_before"
        ),
    )
}

pub async fn run(context: &Context, args: Args) -> Result<()> {
    let dir = context.dir.join(&args.dir);
    if !dir.join(SPEC_FILE).exists() {
        scaffold(&dir, Template::Retail, false)?;
        note(
            context,
            &format!("created the retail project in {}", dir.display()),
        );
    }
    let project = Context {
        dir: dir.clone(),
        quiet: context.quiet,
    };
    let (_, lake) = project.lake()?;
    let samples = dir.join(".lakeforge/samples");
    std::fs::create_dir_all(&samples).with_context(|| format!("creating {}", samples.display()))?;

    let customers = args.orders / 10 + 1;
    load(
        &lake,
        &samples.join("customers.csv"),
        &customers_csv(customers),
        "bronze.customers",
        WriteMode::Overwrite,
        context,
    )
    .await?;
    let first = load(
        &lake,
        &samples.join("orders.csv"),
        &orders_csv(0..args.orders, customers),
        "bronze.orders",
        WriteMode::Overwrite,
        context,
    )
    .await?;
    let late = args.orders..args.orders + args.orders / 20 + 1;
    load(
        &lake,
        &samples.join("late_orders.csv"),
        &orders_csv(late, customers),
        "bronze.orders",
        WriteMode::Append,
        context,
    )
    .await?;

    let time_travel = time_travel_query(first.version);
    let queries = QUERIES
        .iter()
        .map(|(title, sql)| (*title, *sql))
        .chain([(time_travel.0.as_str(), time_travel.1.as_str())]);
    for (title, sql) in queries {
        if !context.quiet {
            println!("\n{title}\n  {sql}");
        }
        print_batches(&lake.sql(sql).await?.collect().await?, Format::Table)?;
    }
    note(
        context,
        &format!(
            "\nexplore further: lakeforge -C {} tables, or lakeforge -C {} query \"SQL\"",
            dir.display(),
            dir.display()
        ),
    );
    Ok(())
}

async fn load(
    lake: &Lake,
    path: &Path,
    contents: &str,
    table: &str,
    mode: WriteMode,
    context: &Context,
) -> Result<LoadSummary> {
    std::fs::write(path, contents).with_context(|| format!("writing {}", path.display()))?;
    let options = WriteOptions {
        mode,
        ..WriteOptions::default()
    };
    let summary = super::load::load(lake, path, table, None, &options, context.quiet).await?;
    note(
        context,
        &format!(
            "loaded {} rows into {} (version {})",
            summary.rows, summary.table, summary.version
        ),
    );
    Ok(summary)
}

fn note(context: &Context, text: &str) {
    if !context.quiet {
        println!("{text}");
    }
}

/// Sample customers, derived from their index so every run gives the same data.
fn customers_csv(count: usize) -> String {
    const FIRST: &[&str] = &[
        "Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana",
    ];
    const LAST: &[&str] = &["Silva", "Okafor", "Novak", "Larsen", "Ito", "Haddad", "Kim"];
    const SEGMENTS: &[&str] = &[
        "bargain_hunter",
        "brand_loyal",
        "occasional_gifter",
        "power_shopper",
    ];
    let mut csv = String::from("customer_id,name,segment,signup_date\n");
    for i in 0..count {
        let _ = writeln!(
            csv,
            "{i},{} {},{},2026-{:02}-{:02}",
            FIRST[i % FIRST.len()],
            LAST[(i / FIRST.len()) % LAST.len()],
            SEGMENTS[(i * 7) % SEGMENTS.len()],
            i % 12 + 1,
            i % 28 + 1
        );
    }
    csv
}

/// Sample orders with ids in `ids`, spread over `customers`.
fn orders_csv(ids: std::ops::Range<usize>, customers: usize) -> String {
    const STATUSES: &[&str] = &[
        "delivered",
        "delivered",
        "delivered",
        "shipped",
        "returned",
        "cancelled",
    ];
    let mut csv = String::from("order_id,customer_id,status,amount,order_date\n");
    for i in ids {
        let amount = 5.0 + ((i * 7919) % 20000) as f64 / 100.0;
        let _ = writeln!(
            csv,
            "{i},{},{},{amount:.2},2026-{:02}-{:02}",
            (i * 31) % customers,
            STATUSES[(i * 13) % STATUSES.len()],
            i % 12 + 1,
            i % 28 + 1
        );
    }
    csv
}
