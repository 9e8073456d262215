//! DataFusion catalog over the lake: a catalog per project, a schema per zone, and a
//! `default` schema that finds unqualified names in whichever zone holds them.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use async_trait::async_trait;
use datafusion::catalog::{SchemaProvider, TableProvider};
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::runtime_env::RuntimeEnv;
use deltalake::delta_datafusion::engine::AsObjectStoreUrl;
use lakeforge_spec::Zone;

use crate::{Lake, TableRef, TableVersion};

/// The schema name unqualified table names resolve in.
pub(crate) const DEFAULT_SCHEMA: &str = "default";

/// The tables of one zone of one project.
#[derive(Debug)]
pub(crate) struct ZoneSchema {
    lake: Lake,
    project: String,
    zone: Zone,
    /// Table names found when the session was created, plus those found later on a miss.
    tables: RwLock<Vec<String>>,
    /// The zone's views, planned in this session (see [`crate::views`]).
    views: RwLock<BTreeMap<String, Arc<dyn TableProvider>>>,
    runtime: Arc<RuntimeEnv>,
}

impl ZoneSchema {
    /// Lists the zone's tables and returns its schema.
    pub(crate) async fn discover(
        lake: &Lake,
        project: &str,
        zone: Zone,
        runtime: Arc<RuntimeEnv>,
    ) -> std::result::Result<Self, crate::LakeError> {
        Ok(Self {
            tables: RwLock::new(lake.table_names(project, zone).await?),
            views: RwLock::default(),
            lake: lake.clone(),
            project: project.to_string(),
            zone,
            runtime,
        })
    }

    fn holds(&self, name: &str) -> bool {
        self.view(name).is_some()
            || TableVersion::split(name).is_ok_and(|(base, _)| self.known(base))
    }

    fn known(&self, table: &str) -> bool {
        self.tables
            .read()
            .expect("table list lock is never poisoned")
            .iter()
            .any(|t| t == table)
    }

    /// Whether a table created after the session started exists now; remembers it if so.
    async fn discover_late(&self, table: &str) -> bool {
        let Ok(table_ref) = TableRef::new(&self.project, self.zone, table) else {
            return false;
        };
        let exists = self.lake.existing_table(&table_ref).await.unwrap_or(false);
        if exists {
            let mut tables = self
                .tables
                .write()
                .expect("table list lock is never poisoned");
            if !tables.iter().any(|t| t == table) {
                tables.push(table.to_string());
            }
        }
        exists
    }

    /// Adds a planned view to the zone.
    pub(crate) fn register_view(
        &self,
        name: &str,
        view: Arc<dyn TableProvider>,
    ) -> Option<Arc<dyn TableProvider>> {
        self.views
            .write()
            .expect("view map lock is never poisoned: no code panics while holding it")
            .insert(name.to_string(), view)
    }

    fn view(&self, name: &str) -> Option<Arc<dyn TableProvider>> {
        self.views
            .read()
            .expect("view map lock is never poisoned: no code panics while holding it")
            .get(name)
            .cloned()
    }
}

#[async_trait]
impl SchemaProvider for ZoneSchema {
    fn table_names(&self) -> Vec<String> {
        let mut names = self
            .tables
            .read()
            .expect("table list lock is never poisoned")
            .clone();
        names.extend(
            self.views
                .read()
                .expect("view map lock is never poisoned")
                .keys()
                .cloned(),
        );
        names.sort();
        names
    }

    async fn table(&self, name: &str) -> Result<Option<Arc<dyn TableProvider>>> {
        if let Some(view) = self.view(name) {
            return Ok(Some(view));
        }
        let (base, version) = TableVersion::split(name).map_err(DataFusionError::Plan)?;
        if !self.known(base) && !self.discover_late(base).await {
            return Ok(None);
        }
        let table_ref = TableRef::new(&self.project, self.zone, base).map_err(external)?;
        let table = self
            .lake
            .open(&table_ref, &version)
            .await
            .map_err(external)?;
        let log_store = table.log_store();
        let url = log_store.root_url().as_object_store_url();
        if self.runtime.object_store(&url).is_err() {
            self.runtime
                .register_object_store(url.as_ref(), log_store.root_object_store(None));
        }
        Ok(Some(table.table_provider().await?))
    }

    fn table_exist(&self, name: &str) -> bool {
        self.holds(name)
    }

    /// Registers a view planned by the caller in this session (see [`Lake::create_view`]
    /// for persisting one).
    fn register_table(
        &self,
        name: String,
        table: Arc<dyn TableProvider>,
    ) -> Result<Option<Arc<dyn TableProvider>>> {
        Ok(self.register_view(&name, table))
    }

    /// Forgets a view of this session.
    fn deregister_table(&self, name: &str) -> Result<Option<Arc<dyn TableProvider>>> {
        Ok(self
            .views
            .write()
            .expect("view map lock is never poisoned")
            .remove(name))
    }
}

/// Resolves an unqualified name in the one zone of the default project that holds it.
#[derive(Debug)]
pub(crate) struct DefaultSchema {
    zones: Vec<Arc<ZoneSchema>>,
}

impl DefaultSchema {
    pub(crate) fn new(zones: Vec<Arc<ZoneSchema>>) -> Self {
        Self { zones }
    }
}

#[async_trait]
impl SchemaProvider for DefaultSchema {
    fn table_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.zones.iter().flat_map(|z| z.table_names()).collect();
        names.sort();
        names.dedup();
        names
    }

    async fn table(&self, name: &str) -> Result<Option<Arc<dyn TableProvider>>> {
        let holders: Vec<&Arc<ZoneSchema>> = self.zones.iter().filter(|z| z.holds(name)).collect();
        match holders.as_slice() {
            [] => Ok(None),
            [zone] => zone.table(name).await,
            several => {
                let (base, _) = TableVersion::split(name).map_err(DataFusionError::Plan)?;
                let choices: Vec<String> = several
                    .iter()
                    .map(|z| format!("{}.{}.{base}", z.project, z.zone.as_str()))
                    .collect();
                Err(DataFusionError::Plan(format!(
                    "table `{base}` is ambiguous: it exists in several zones; write one of {}",
                    choices.join(", ")
                )))
            }
        }
    }

    fn table_exist(&self, name: &str) -> bool {
        self.zones.iter().any(|z| z.holds(name))
    }
}

fn external(error: crate::LakeError) -> DataFusionError {
    DataFusionError::External(Box::new(error))
}
