//! Running a data test: count the rows its SQL selects, judge them with `warn_if` /
//! `error_if` and `severity`, and keep them as a table with `store_failures`.

use lakeforge_lake::WriteMode;
use lakeforge_lake::datafusion::arrow::array::{Array, AsArray};
use lakeforge_lake::datafusion::arrow::compute::cast;
use lakeforge_lake::datafusion::arrow::datatypes::{DataType, Int64Type};

use crate::error::{Result, TransformError};
use crate::executor::Executor;
use crate::manifest::Node;
use crate::materialize::write;

/// How a test came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No failing rows (or under the thresholds).
    Pass,
    /// Over `warn_if`, or over `error_if` with `severity: warn`.
    Warn,
    /// Over `error_if` with `severity: error`.
    Fail,
}

/// A test's verdict and its failing-row count.
#[derive(Clone, Debug)]
pub struct Judged {
    /// The verdict.
    pub verdict: Verdict,
    /// The fail calculation's value (rows, by default).
    pub failures: u64,
    /// dbt's message (`Got 2 results, configured to fail if != 0`).
    pub message: Option<String>,
}

/// Runs a compiled test.
pub async fn run(executor: &Executor, node: &Node, compiled: &str) -> Result<Judged> {
    let fail_calc = node
        .config
        .0
        .get("fail_calc")
        .and_then(|v| v.as_str())
        .unwrap_or("count(*)");
    let (warn_if, error_if) = (node.config.warn_if(), node.config.error_if());
    check_condition(node, warn_if)?;
    check_condition(node, error_if)?;
    let sql = format!(
        "select cast({fail_calc} as bigint) as failures, \
         coalesce(({fail_calc}) {warn_if}, false) as should_warn, \
         coalesce(({fail_calc}) {error_if}, false) as should_error \
         from (\n{compiled}\n) dbt_internal_test"
    );
    let (_, batches) = executor.collect(&sql).await?;
    let batch = batches.iter().find(|b| b.num_rows() > 0).ok_or_else(|| {
        TransformError::Compile(format!("test {} returned no summary row", node.name))
    })?;
    let failures = cast(batch.column(0), &DataType::Int64)
        .map_err(|e| TransformError::Compile(e.to_string()))?;
    let failures = failures.as_primitive::<Int64Type>();
    let failures = if failures.is_null(0) {
        0
    } else {
        failures.value(0).max(0) as u64
    };
    let flag = |index: usize| {
        let column = batch.column(index).as_boolean();
        !column.is_null(0) && column.value(0)
    };
    let (should_warn, should_error) = (flag(1), flag(2));
    let severity_error = node.config.severity() == "error";
    let (verdict, condition) = if severity_error && should_error {
        (Verdict::Fail, error_if)
    } else if should_warn {
        (Verdict::Warn, warn_if)
    } else {
        (Verdict::Pass, error_if)
    };
    if node.config.store_failures() {
        store_failures(executor, node, compiled).await?;
    }
    let message = (verdict != Verdict::Pass).then(|| {
        format!(
            "Got {failures} result{}, configured to {} if {condition}",
            if failures == 1 { "" } else { "s" },
            if verdict == Verdict::Fail {
                "fail"
            } else {
                "warn"
            }
        )
    });
    Ok(Judged {
        verdict,
        failures,
        message,
    })
}

/// `warn_if` / `error_if` must be a comparison with a number (`!= 0`, `>10`).
fn check_condition(node: &Node, condition: &str) -> Result<()> {
    let ok = condition
        .trim()
        .trim_start_matches(['<', '>', '=', '!'])
        .trim()
        .parse::<f64>()
        .is_ok();
    if ok {
        Ok(())
    } else {
        Err(TransformError::Config(format!(
            "test {}: `{condition}` is not a condition like `!= 0` or `>10`",
            node.name
        )))
    }
}

/// Writes the failing rows to a table named after the test in the target zone.
async fn store_failures(executor: &Executor, node: &Node, compiled: &str) -> Result<()> {
    let mut relation = node.relation.clone();
    relation.identifier = crate::generic_test::short_name(&node.name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let target = Executor::table_ref(&relation)?;
    let (schema, batches) = executor.collect(compiled).await?;
    write(executor, &target, schema, batches, WriteMode::Overwrite).await
}
