//! A dbt project on disk: `dbt_project.yml`, its resource folders, and its packages.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::error::{Result, TransformError};
use crate::yaml;

/// One dbt project (the root project or a package) as `dbt_project.yml` describes it.
#[derive(Clone, Debug)]
pub struct DbtProject {
    /// The project folder.
    pub root: PathBuf,
    /// `name:`.
    pub name: String,
    /// `profile:` (the root project's selects the profile).
    pub profile: Option<String>,
    /// Folders of models (`model-paths`, default `models`).
    pub model_paths: Vec<String>,
    /// Folders of seeds.
    pub seed_paths: Vec<String>,
    /// Folders of singular tests.
    pub test_paths: Vec<String>,
    /// Folders of macros.
    pub macro_paths: Vec<String>,
    /// Folders of snapshots.
    pub snapshot_paths: Vec<String>,
    /// Folders of analyses (compiled, never run).
    pub analysis_paths: Vec<String>,
    /// Where artifacts go (`target-path`, default `target`).
    pub target_path: String,
    /// What `clean` removes.
    pub clean_targets: Vec<String>,
    /// `vars:` as written (global keys plus per-package maps).
    pub vars: Map<String, Value>,
    /// `on-run-start` hooks.
    pub on_run_start: Vec<String>,
    /// `on-run-end` hooks.
    pub on_run_end: Vec<String>,
    /// The `models:`, `seeds:`, `snapshots:`, `data_tests:`/`tests:` and `sources:` config trees.
    pub config_trees: Map<String, Value>,
    /// `dispatch:` search orders (`macro_namespace` → packages).
    pub dispatch: Vec<(String, Vec<String>)>,
}

impl DbtProject {
    /// Reads `dbt_project.yml` in `root`.
    pub fn load(root: &Path) -> Result<Self> {
        let file = root.join("dbt_project.yml");
        if !file.is_file() {
            return Err(TransformError::File {
                path: file,
                reason: "no dbt_project.yml here; pass --project-dir, or set [projects.<id>] \
                         dbt_project in lakeforge.toml"
                    .to_string(),
            });
        }
        let doc = yaml::read(&file)?;
        let doc = doc.as_object().cloned().unwrap_or_default();
        let name = doc
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| TransformError::Yaml {
                path: file.clone(),
                line: 1,
                column: 1,
                reason: "dbt_project.yml has no `name:`; add `name: my_project`".to_string(),
            })?
            .to_string();
        let paths = |key: &str, default: &str| {
            let found = yaml::strings(doc.get(key));
            if found.is_empty() {
                vec![default.to_string()]
            } else {
                found
            }
        };
        let test_paths = if doc.contains_key("test-paths") {
            yaml::strings(doc.get("test-paths"))
        } else {
            vec!["tests".to_string()]
        };
        let target_path = doc
            .get("target-path")
            .and_then(Value::as_str)
            .unwrap_or("target")
            .to_string();
        let mut clean_targets = yaml::strings(doc.get("clean-targets"));
        if clean_targets.is_empty() {
            clean_targets.push(target_path.clone());
        }
        let mut config_trees = Map::new();
        for key in [
            "models",
            "seeds",
            "snapshots",
            "data_tests",
            "tests",
            "sources",
        ] {
            if let Some(tree) = doc.get(key) {
                let key = if key == "tests" { "data_tests" } else { key };
                config_trees.insert(key.to_string(), tree.clone());
            }
        }
        let dispatch = doc
            .get("dispatch")
            .and_then(Value::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .filter_map(|e| {
                        let namespace = e.get("macro_namespace")?.as_str()?.to_string();
                        Some((namespace, yaml::strings(e.get("search_order"))))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Self {
            root: root.to_path_buf(),
            profile: doc
                .get("profile")
                .and_then(Value::as_str)
                .map(str::to_string),
            model_paths: paths("model-paths", "models"),
            seed_paths: paths("seed-paths", "seeds"),
            test_paths,
            macro_paths: paths("macro-paths", "macros"),
            snapshot_paths: paths("snapshot-paths", "snapshots"),
            analysis_paths: yaml::strings(doc.get("analysis-paths")),
            target_path,
            clean_targets,
            vars: doc
                .get("vars")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
            on_run_start: yaml::strings(doc.get("on-run-start")),
            on_run_end: yaml::strings(doc.get("on-run-end")),
            config_trees,
            dispatch,
            name,
        })
    }

    /// The packages the project uses: `local:` entries of `packages.yml` (or
    /// `dependencies.yml`) and every project under `dbt_packages/` (what `dbt deps` leaves).
    pub fn packages(&self) -> Result<Vec<DbtProject>> {
        let mut folders: Vec<PathBuf> = Vec::new();
        for file in ["packages.yml", "dependencies.yml"] {
            let path = self.root.join(file);
            if !path.is_file() {
                continue;
            }
            let doc = yaml::read(&path)?;
            for entry in doc
                .get("packages")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(local) = entry.get("local").and_then(Value::as_str) {
                    folders.push(self.root.join(local));
                }
            }
        }
        let installed = self.root.join("dbt_packages");
        if let Ok(entries) = std::fs::read_dir(&installed) {
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("dbt_project.yml").is_file())
                .collect();
            found.sort();
            folders.extend(found);
        }
        let mut packages: Vec<DbtProject> = Vec::new();
        for folder in folders {
            let package = Self::load(&folder)?;
            if package.name != self.name && !packages.iter().any(|p| p.name == package.name) {
                packages.push(package);
            }
        }
        Ok(packages)
    }

    /// Files under the given project-relative folders whose names end in `extension`, as
    /// (folder, path relative to that folder), sorted.
    pub fn files(&self, folders: &[String], extension: &str) -> Vec<(String, PathBuf)> {
        let mut out = Vec::new();
        for folder in folders {
            let base = self.root.join(folder);
            let mut stack = vec![base.clone()];
            while let Some(dir) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for entry in entries.flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if path
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
                        && let Ok(relative) = path.strip_prefix(&base)
                    {
                        out.push((folder.clone(), relative.to_path_buf()));
                    }
                }
            }
        }
        out.sort();
        out
    }
}
