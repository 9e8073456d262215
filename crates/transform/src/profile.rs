//! `profiles.yml`: found where dbt finds it, and the selected target's output.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::error::{Result, TransformError};
use crate::yaml;

/// The adapter type of a lakeforge output (`type: lakeforge`).
pub const ADAPTER_TYPE: &str = "lakeforge";

/// The target a dbt invocation runs against: the selected output of the project's profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// The profile's name.
    pub profile_name: String,
    /// The target's name (`dev`, `prod`, …).
    pub name: String,
    /// The lakeforge project id (dbt's database).
    pub database: String,
    /// The target schema: a zone of that project.
    pub schema: String,
    /// Worker threads.
    pub threads: usize,
    /// The output as written (after rendering), for `target` in Jinja.
    pub output: Map<String, Value>,
}

/// Where to look for `profiles.yml`, in dbt's order: `--profiles-dir`, `DBT_PROFILES_DIR`,
/// the project folder, `~/.dbt/`.
pub fn profiles_file(profiles_dir: Option<&Path>, project_dir: &Path) -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(dir) = profiles_dir {
        return Some(dir.join("profiles.yml"));
    }
    if let Some(dir) = std::env::var_os("DBT_PROFILES_DIR") {
        candidates.push(PathBuf::from(dir));
    }
    candidates.push(project_dir.to_path_buf());
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(PathBuf::from(home).join(".dbt"));
    }
    candidates
        .into_iter()
        .map(|dir| dir.join("profiles.yml"))
        .find(|file| file.is_file())
}

/// Reads the target of `profile` from a profiles file. `target` overrides the profile's
/// `target:`; `default_database` is used when the output names no database; string values go
/// through `render` (profiles may hold `{{ env_var('…') }}`).
pub fn load_target(
    file: &Path,
    profile: &str,
    target: Option<&str>,
    default_database: Option<&str>,
    render: &dyn Fn(&str) -> Result<String>,
) -> Result<Target> {
    if !file.is_file() {
        return Err(TransformError::File {
            path: file.to_path_buf(),
            reason: format!(
                "no profiles.yml; write one with a profile `{profile}` whose output has \
                 `type: lakeforge` and `schema: <zone>`"
            ),
        });
    }
    let doc = yaml::read(file)?;
    let Some(entry) = doc.get(profile) else {
        let known: Vec<&String> = doc
            .as_object()
            .map(|m| m.keys().collect())
            .unwrap_or_default();
        return Err(TransformError::Config(format!(
            "{}: no profile `{profile}` (the profile dbt_project.yml names); profiles here: {}",
            file.display(),
            join(&known)
        )));
    };
    let target_name = match target {
        Some(t) => t.to_string(),
        None => entry
            .get("target")
            .and_then(Value::as_str)
            .map(render)
            .transpose()?
            .unwrap_or_else(|| "default".to_string()),
    };
    let outputs = entry.get("outputs").and_then(Value::as_object);
    let Some(output) = outputs
        .and_then(|o| o.get(&target_name))
        .and_then(Value::as_object)
    else {
        let known: Vec<&String> = outputs.map(|o| o.keys().collect()).unwrap_or_default();
        return Err(TransformError::Config(format!(
            "{}: profile `{profile}` has no output `{target_name}`; outputs: {}",
            file.display(),
            join(&known)
        )));
    };
    let mut rendered = Map::new();
    for (key, value) in output {
        let value = match value {
            Value::String(s) => Value::String(render(s)?),
            other => other.clone(),
        };
        rendered.insert(key.clone(), value);
    }
    let kind = rendered.get("type").and_then(Value::as_str).unwrap_or("");
    if kind != ADAPTER_TYPE {
        return Err(TransformError::Config(format!(
            "{}: output `{target_name}` of profile `{profile}` has type `{kind}`; lakeforge runs \
             outputs of `type: {ADAPTER_TYPE}` (write `type: {ADAPTER_TYPE}` and `schema: <zone>`, \
             or pick another output with --target)",
            file.display()
        )));
    }
    let schema = rendered
        .get("schema")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            TransformError::Config(format!(
                "{}: output `{target_name}` has no `schema:`; set it to a zone (bronze, silver, gold)",
                file.display()
            ))
        })?
        .to_string();
    let database = match rendered.get("database").and_then(Value::as_str) {
        Some(d) => d.to_string(),
        None => default_database
            .ok_or_else(|| {
                TransformError::Config(format!(
                    "{}: output `{target_name}` has no `database:` and the spec has no default \
                     project; set `database: <project id>`",
                    file.display()
                ))
            })?
            .to_string(),
    };
    let threads = rendered
        .get("threads")
        .and_then(|t| {
            t.as_u64()
                .or_else(|| t.as_str().and_then(|s| s.parse().ok()))
        })
        .unwrap_or(4)
        .max(1) as usize;
    rendered.insert("database".into(), Value::String(database.clone()));
    rendered.insert("threads".into(), Value::from(threads));
    Ok(Target {
        profile_name: profile.to_string(),
        name: target_name,
        database,
        schema,
        threads,
        output: rendered,
    })
}

fn join(names: &[&String]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}
