//! Compiling nodes to SQL: rendering with the execute-phase context, generic tests through
//! their test macros, and ephemeral models inlined as CTEs.

use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use minijinja::Value;
use minijinja::value::Kwargs;
use regex::Regex;
use serde_json::json;

use crate::error::{Result, TransformError};
use crate::jinja::Renderer;
use crate::jinja::relation::{Relation, RelationKind};
use crate::jinja::scope::{Phase, Resolve, Scope, ScopeNode};
use crate::manifest::{Manifest, Node, TestMetadata};

static LEADING_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)^(\s*(?:--[^\n]*\n\s*|/\*.*?\*/\s*)*)with\s").expect("valid regex")
});

/// Compiles nodes of one invocation.
pub struct Compiler<'a> {
    /// The Jinja environment.
    pub renderer: &'a Renderer,
    /// The parsed project.
    pub manifest: &'a Manifest,
    /// Resolution against the lake.
    pub resolver: Arc<dyn Resolve>,
}

impl Compiler<'_> {
    /// The node's SQL. `incremental` is what `is_incremental()` answers.
    pub fn compile(&self, node: &Node, incremental: bool) -> Result<String> {
        let sql = match &node.test {
            Some(test) => self.generic_test(node, test)?,
            None => {
                let (rendered, _) = self.renderer.render(
                    &node.file.display().to_string(),
                    &node.raw_code,
                    self.scope(node, incremental),
                );
                rendered?
            }
        };
        self.inject_ephemerals(node, sql)
    }

    /// The execute-phase scope a node renders in.
    pub fn scope(&self, node: &Node, incremental: bool) -> Scope {
        let mut scope = Scope::new(Phase::Execute, Some(self.resolver.clone()));
        scope.node = Some(ScopeNode {
            unique_id: node.unique_id.clone(),
            name: node.name.clone(),
            package: node.package_name.clone(),
            this: node.relation.clone(),
            config: node.config.0.clone(),
            incremental,
            model: crate::jinja::to_value(&json!({
                "name": node.name,
                "unique_id": node.unique_id,
                "package_name": node.package_name,
                "resource_type": node.resource_type.as_str(),
                "config": node.config.0,
                "tags": node.tags(),
                "path": node.path,
                "original_file_path": node.original_file_path,
                "alias": node.relation.identifier,
                "schema": node.relation.schema,
                "database": node.relation.database,
                "columns": node.columns.keys().collect::<Vec<_>>(),
                "raw_code": node.raw_code,
            })),
        });
        scope
    }

    /// Calls `test_<name>` with the test's arguments; `model` is the tested relation (a
    /// subquery when the test has `where`).
    fn generic_test(&self, node: &Node, test: &TestMetadata) -> Result<String> {
        let attached = test.attached_node.as_deref().unwrap_or_default();
        let relation = self
            .manifest
            .nodes
            .get(attached)
            .map(|n| n.relation.clone())
            .or_else(|| {
                self.manifest
                    .sources
                    .get(attached)
                    .map(|s| s.relation.clone())
            })
            .ok_or_else(|| {
                TransformError::Compile(format!(
                    "test {} is attached to unknown node {attached}",
                    node.unique_id
                ))
            })?;
        let model = match node.config.where_clause() {
            Some(condition) => {
                let (condition, _) =
                    self.renderer
                        .render("<where>", condition, self.scope(node, false));
                Value::from_safe_string(format!(
                    "(select * from {relation} where {}) dbt_subquery",
                    condition?
                ))
            }
            None => Value::from_object(relation),
        };
        let mut args: Vec<(String, Value)> = vec![("model".to_string(), model)];
        for (key, value) in &test.kwargs {
            let value = match value.as_str() {
                Some(text) => self.renderer.argument(text, self.scope(node, false)).0?,
                None => crate::jinja::mutable::from_json(value),
            };
            args.push((key.clone(), value));
        }
        let kwargs = Kwargs::from_iter(args.iter().map(|(k, v)| (k.as_str(), v.clone())));
        let macro_name = format!("test_{}", test.name);
        let (value, _) = self.renderer.call_in(
            test.namespace.as_deref(),
            &macro_name,
            vec![Value::from(kwargs)],
            self.scope(node, false),
        );
        let mut sql = value?.to_string();
        if let Some(limit) = node.config.limit() {
            sql = format!("select * from (\n{sql}\n) dbt_limit limit {limit}");
        }
        Ok(sql)
    }

    /// Prepends the ephemeral models the node reads (and those they read) as CTEs named
    /// `__dbt__cte__<name>`, merging into a leading `with` if the SQL has one.
    fn inject_ephemerals(&self, node: &Node, sql: String) -> Result<String> {
        let mut order = Vec::new();
        self.ephemeral_parents(node, &mut order, &mut HashSet::new());
        if order.is_empty() {
            return Ok(sql);
        }
        let mut ctes = Vec::new();
        for id in &order {
            let parent = &self.manifest.nodes[id];
            let (rendered, _) = self.renderer.render(
                &parent.file.display().to_string(),
                &parent.raw_code,
                self.scope(parent, false),
            );
            ctes.push(format!(
                "{} as (\n{}\n)",
                Relation::cte_name(&parent.relation.identifier),
                rendered?.trim()
            ));
        }
        let ctes = ctes.join(",\n");
        Ok(match LEADING_WITH.captures(&sql) {
            Some(caps) => {
                let prefix = caps.get(1).map(|m| m.as_str()).unwrap_or_default();
                let rest = &sql[caps.get(0).expect("whole match").end()..];
                format!("{prefix}with {ctes},\n{rest}")
            }
            None => format!("with {ctes}\n{sql}"),
        })
    }

    fn ephemeral_parents(&self, node: &Node, order: &mut Vec<String>, seen: &mut HashSet<String>) {
        for parent_id in &node.depends_on {
            let Some(parent) = self.manifest.nodes.get(parent_id) else {
                continue;
            };
            if parent.relation.kind != RelationKind::Cte || !seen.insert(parent_id.clone()) {
                continue;
            }
            self.ephemeral_parents(parent, order, seen);
            order.push(parent_id.clone());
        }
    }
}
