//! Snapshots: SCD type 2 over a query, with dbt's `timestamp` and `check` strategies,
//! `dbt_scd_id`, `dbt_updated_at`, `dbt_valid_from`, `dbt_valid_to` and hard deletes. Each
//! snapshot run is one Delta commit. Keys, `updated_at` and `check_cols` are SQL as written
//! (as dbt takes them).

use lakeforge_lake::WriteMode;
use serde_json::Value;

use crate::error::{Result, TransformError};
use crate::executor::Executor;
use crate::jinja::relation::quote;
use crate::manifest::Node;
use crate::materialize::{Built, count, write};

/// The snapshot's settings from its config.
struct Settings {
    keys: Vec<String>,
    strategy: String,
    updated_at: Option<String>,
    check_cols: Option<Vec<String>>,
    invalidate_hard_deletes: bool,
}

fn settings(node: &Node) -> Result<Settings> {
    let config = &node.config;
    let keys = config.unique_key();
    if keys.is_empty() {
        return Err(TransformError::Config(format!(
            "snapshot {}: set `unique_key`",
            node.name
        )));
    }
    let strategy = config
        .0
        .get("strategy")
        .and_then(Value::as_str)
        .unwrap_or("timestamp")
        .to_string();
    let updated_at = config
        .0
        .get("updated_at")
        .and_then(Value::as_str)
        .map(str::to_string);
    let check_cols = match config.0.get("check_cols") {
        Some(Value::String(s)) if s == "all" => None,
        Some(other) => Some(crate::yaml::strings(Some(other))),
        None => None,
    };
    match strategy.as_str() {
        "timestamp" if updated_at.is_none() => {
            return Err(TransformError::Config(format!(
                "snapshot {}: the timestamp strategy needs `updated_at`",
                node.name
            )));
        }
        "timestamp" | "check" => {}
        other => {
            return Err(TransformError::Config(format!(
                "snapshot {}: strategy `{other}` is not timestamp or check",
                node.name
            )));
        }
    }
    let hard_deletes = config.0.get("hard_deletes").and_then(Value::as_str);
    let invalidate_hard_deletes = config
        .0
        .get("invalidate_hard_deletes")
        .and_then(Value::as_bool)
        .unwrap_or(false)
        || hard_deletes == Some("invalidate");
    Ok(Settings {
        keys,
        strategy,
        updated_at,
        check_cols,
        invalidate_hard_deletes,
    })
}

/// Builds or advances a snapshot.
pub async fn build(executor: &Executor, node: &Node, sql: &str) -> Result<Built> {
    let settings = settings(node)?;
    let target = Executor::table_ref(&node.relation)?;
    let now = format!(
        "cast('{}' as timestamp)",
        chrono::Utc::now().format("%Y-%m-%d %H:%M:%S%.6f")
    );
    let updated = match (&settings.strategy[..], &settings.updated_at) {
        ("timestamp", Some(column)) => format!("cast(s.{column} as timestamp)"),
        _ => now.clone(),
    };
    let key_text = settings
        .keys
        .iter()
        .map(|k| format!("coalesce(cast(s.{k} as varchar), '')"))
        .collect::<Vec<_>>()
        .join(" || '|' || ");
    let staged = format!(
        "select s.*, md5({key_text} || '|' || coalesce(cast({updated} as varchar), '')) as dbt_scd_id, \
         {updated} as dbt_updated_at, {updated} as dbt_valid_from, cast(null as timestamp) as dbt_valid_to \
         from (\n{sql}\n) s"
    );
    if !executor.lake.existing_table(&target).await? {
        let (schema, batches) = executor.collect(&staged).await?;
        let rows = count(&batches);
        write(executor, &target, schema, batches, WriteMode::Overwrite).await?;
        return Ok(Built {
            message: format!("SELECT {rows}"),
            rows: Some(rows),
        });
    }
    let (source_schema, _) = executor
        .collect(&format!("select * from (\n{sql}\n) s limit 0"))
        .await?;
    let source_columns: Vec<String> = source_schema
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let on = |left: &str, right: &str| {
        settings
            .keys
            .iter()
            .map(|k| format!("{left}.{k} = {right}.{k}"))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let changed = match settings.strategy.as_str() {
        "timestamp" => "src.dbt_updated_at > cur.dbt_updated_at".to_string(),
        _ => {
            let checked: Vec<&String> = match &settings.check_cols {
                Some(cols) => cols.iter().collect(),
                None => source_columns
                    .iter()
                    .filter(|c| !settings.keys.contains(c))
                    .collect(),
            };
            if checked.is_empty() {
                "false".to_string()
            } else {
                checked
                    .iter()
                    .map(|c| format!("(src.{c} is distinct from cur.{c})"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            }
        }
    };
    let snapshot = node.relation.to_string();
    let columns: Vec<String> = source_columns
        .iter()
        .map(|c| format!("t.{}", quote(c)))
        .chain([
            "t.dbt_scd_id".into(),
            "t.dbt_updated_at".into(),
            "t.dbt_valid_from".into(),
        ])
        .collect();
    let deleted = if settings.invalidate_hard_deletes {
        format!(
            "when t.dbt_valid_to is null and present.{} is null then {now}",
            settings.keys[0]
        )
    } else {
        String::new()
    };
    let first_key = &settings.keys[0];
    let keys_list = settings.keys.join(", ");
    let merged = format!(
        "with src as ({staged}),
cur as (select * from {snapshot} where dbt_valid_to is null),
changed as (select src.* from src join cur on {on_changed} where {changed}),
fresh as (select src.* from src where not exists (select 1 from cur where {on_fresh})),
present as (select distinct {keys_list} from src)
select {columns}, case when t.dbt_valid_to is null and ch.{first_key} is not null then ch.dbt_valid_from {deleted} else t.dbt_valid_to end as dbt_valid_to
from {snapshot} t
left join changed ch on {on_t_ch} and t.dbt_valid_to is null
left join present on {on_t_present}
union all select * from changed
union all select * from fresh",
        on_changed = on("src", "cur"),
        on_fresh = on("cur", "src"),
        on_t_ch = on("t", "ch"),
        on_t_present = on("t", "present"),
        columns = columns.join(", "),
    );
    let (schema, batches) = executor.collect(&merged).await?;
    let rows = count(&batches);
    write(executor, &target, schema, batches, WriteMode::Overwrite).await?;
    Ok(Built {
        message: format!("MERGE {rows}"),
        rows: Some(rows),
    })
}
