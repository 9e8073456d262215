//! SQL over the lake (DataFusion).
//!
//! Naming: every table is `project.zone.table` (quote a project id that holds `-`, e.g.
//! `"retail-lake".silver.orders`). `zone.table` and `table` resolve in the default project;
//! an unqualified name must exist in exactly one zone. Time travel:
//! `SELECT * FROM silver.orders VERSION AS OF 3` or `... TIMESTAMP AS OF '2026-01-01T00:00:00Z'`.
//! `TIMESTAMP` is a microsecond timestamp (as Delta stores it), so `'9999-12-31'` fits.

use std::sync::Arc;

use datafusion::catalog::{CatalogProvider, MemoryCatalogProvider, SchemaProvider};
use datafusion::dataframe::DataFrame;
use datafusion::execution::SessionStateBuilder;
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::prelude::{SessionConfig, SessionContext};
use lakeforge_spec::Zone;

use crate::catalog::{DEFAULT_SCHEMA, DefaultSchema, ZoneSchema};
use crate::{Lake, LakeError};

/// Catalog name used when the spec has no default project.
const FALLBACK_CATALOG: &str = "lakeforge";

impl Lake {
    /// A DataFusion session with every table of every project registered.
    pub async fn session(&self) -> Result<SessionContext, LakeError> {
        let runtime = RuntimeEnvBuilder::new().build_arc()?;
        let default_catalog = self.default_project().unwrap_or(FALLBACK_CATALOG);
        let config = SessionConfig::new()
            .with_default_catalog_and_schema(default_catalog, DEFAULT_SCHEMA)
            .with_create_default_catalog_and_schema(false)
            .with_information_schema(true);
        let state = SessionStateBuilder::new()
            .with_default_features()
            .with_type_planner(Arc::new(crate::sql_types::LakeTypes))
            .with_config(config)
            .with_runtime_env(runtime.clone())
            .build();
        let ctx = SessionContext::new_with_state(state);
        let mut views = Vec::new();
        for project in self.projects() {
            let catalog = MemoryCatalogProvider::new();
            let mut zones = Vec::new();
            for &zone in Zone::ALL {
                let schema =
                    Arc::new(ZoneSchema::discover(self, project, zone, runtime.clone()).await?);
                catalog.register_schema(zone.as_str(), schema.clone())?;
                for definition in self.views(project, zone).await? {
                    views.push((schema.clone(), definition));
                }
                zones.push(schema);
            }
            catalog.register_schema(DEFAULT_SCHEMA, Arc::new(DefaultSchema::new(zones)))?;
            ctx.register_catalog(project, Arc::new(catalog));
        }
        if self.default_project().is_none() {
            let catalog = MemoryCatalogProvider::new();
            catalog.register_schema(
                DEFAULT_SCHEMA,
                Arc::new(datafusion::catalog::MemorySchemaProvider::new())
                    as Arc<dyn SchemaProvider>,
            )?;
            ctx.register_catalog(FALLBACK_CATALOG, Arc::new(catalog));
        }
        crate::views::register_views(&ctx, views).await;
        Ok(ctx)
    }

    /// Rewrites lakeforge's SQL extensions (time travel) into SQL a [`Lake::session`] plans.
    pub fn prepare(query: &str) -> Result<String, LakeError> {
        crate::time_travel::rewrite(query).map_err(|reason| LakeError::Sql {
            message: reason,
            hint: None,
        })
    }

    /// Plans a query (with time-travel clauses rewritten) in a fresh session. An unknown table
    /// gives DataFusion's message plus the list of known tables.
    pub async fn sql(&self, query: &str) -> Result<DataFrame, LakeError> {
        let rewritten = Self::prepare(query)?;
        let ctx = self.session().await?;
        match ctx.sql(&rewritten).await {
            Ok(frame) => Ok(frame),
            Err(error) => Err(self.explain(error).await),
        }
    }

    /// Turns a planning error into a [`LakeError::Sql`], with the known tables when the
    /// error is about a table that is not there.
    pub async fn explain(&self, error: datafusion::error::DataFusionError) -> LakeError {
        let message = error.to_string();
        let about_missing_table = message.contains("table") && message.contains("not found");
        let hint = if about_missing_table {
            Some(format!("known tables: {}", self.known_tables().await))
        } else {
            None
        };
        LakeError::Sql { message, hint }
    }
}
