//! Persisted views. A view is its SQL, stored at `<zone>/_views/<name>.sql` beside the zone's
//! tables, and planned afresh in every session: another process (or the warehouse endpoint)
//! sees it, and it keeps answering after the tables it reads are rebuilt.

use std::sync::Arc;

use bytes::Bytes;
use datafusion::datasource::ViewTable;
use datafusion::prelude::SessionContext;
use futures::TryStreamExt;
use lakeforge_spec::Zone;
use object_store::path::Path as StorePath;
use object_store::{ObjectStoreExt, PutPayload};

use crate::catalog::ZoneSchema;
use crate::{Lake, LakeError, TableRef};

/// The folder of a zone that holds its views' SQL.
const VIEWS_FOLDER: &str = "_views";

/// A view found in a zone: its name and SQL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewDefinition {
    /// The view as a table reference.
    pub view: TableRef,
    /// The SELECT statement it stands for, with fully qualified table names.
    pub sql: String,
}

impl Lake {
    /// Creates or replaces a view. The SQL is planned first in `ctx` (a session of this lake,
    /// see [`Lake::session`]), so a view that cannot be read is refused and nothing is
    /// stored; the planned view is registered in `ctx` for the queries that follow. A Delta
    /// table of the same name is dropped (as a warehouse's `CREATE VIEW` after `DROP TABLE`).
    pub async fn create_view(
        &self,
        ctx: &SessionContext,
        view: &TableRef,
        sql: &str,
    ) -> Result<(), LakeError> {
        let definition = ViewDefinition {
            view: view.clone(),
            sql: sql.to_string(),
        };
        let planned = plan_view(ctx, &definition)
            .await
            .map_err(|message| LakeError::Sql {
                message,
                hint: None,
            })?;
        if self.existing_table(view).await? {
            self.drop_table(view).await?;
        }
        let (store, path) = self.view_path(view);
        store
            .put(&path, PutPayload::from(Bytes::from(sql.to_string())))
            .await?;
        if let Some(schema) = ctx
            .catalog(&view.project)
            .and_then(|c| c.schema(view.zone.as_str()))
        {
            schema.register_table(view.table.clone(), Arc::new(planned))?;
        }
        Ok(())
    }

    /// Removes a view; `false` when there was none.
    pub async fn drop_view(&self, view: &TableRef) -> Result<bool, LakeError> {
        let (store, path) = self.view_path(view);
        match store.delete(&path).await {
            Ok(()) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Removes a Delta table (every object under its folder); `false` when there was none.
    pub async fn drop_table(&self, table: &TableRef) -> Result<bool, LakeError> {
        let (store, zone) = self.root().zone_location(&table.project, table.zone);
        let folder = zone.join(table.table.as_str());
        let objects: Vec<StorePath> = store
            .list(Some(&folder))
            .map_ok(|meta| meta.location)
            .try_collect()
            .await?;
        for location in &objects {
            store.delete(location).await?;
        }
        Ok(!objects.is_empty())
    }

    /// The SQL of a view, or `None` when there is no such view.
    pub async fn view_sql(&self, view: &TableRef) -> Result<Option<String>, LakeError> {
        let (store, path) = self.view_path(view);
        match store.get(&path).await {
            Ok(got) => {
                let bytes = got.bytes().await?;
                Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
            }
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The views of one zone of one project, sorted by name.
    pub async fn views(&self, project: &str, zone: Zone) -> Result<Vec<ViewDefinition>, LakeError> {
        let (store, zone_path) = self.root().zone_location(project, zone);
        let folder = zone_path.join(VIEWS_FOLDER);
        let listing = match store.list_with_delimiter(Some(&folder)).await {
            Ok(listing) => listing,
            Err(object_store::Error::NotFound { .. }) => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut views = Vec::new();
        for object in listing.objects {
            let Some(name) = object
                .location
                .filename()
                .and_then(|f| f.strip_suffix(".sql"))
            else {
                continue;
            };
            let Ok(view) = TableRef::new(project, zone, name) else {
                continue;
            };
            if let Some(sql) = self.view_sql(&view).await? {
                views.push(ViewDefinition { view, sql });
            }
        }
        views.sort_by(|a, b| a.view.table.cmp(&b.view.table));
        Ok(views)
    }

    /// Whether a Delta table exists at a name.
    pub async fn existing_table(&self, table: &TableRef) -> Result<bool, LakeError> {
        Ok(self.existing(table).await?.is_some())
    }

    fn view_path(&self, view: &TableRef) -> (Arc<dyn object_store::ObjectStore>, StorePath) {
        let (store, zone) = self.root().zone_location(&view.project, view.zone);
        let path = zone
            .join(VIEWS_FOLDER)
            .join(format!("{}.sql", view.table).as_str());
        (store, path)
    }
}

/// Plans every view and registers it in its zone's schema. Views may read other views, so
/// planning repeats until no more views can be planned; one that still fails (its tables
/// are gone) is left out with a warning rather than failing every query.
pub(crate) async fn register_views(
    ctx: &SessionContext,
    pending: Vec<(Arc<ZoneSchema>, ViewDefinition)>,
) {
    let mut pending = pending;
    loop {
        let mut failed = Vec::new();
        let before = pending.len();
        for (schema, definition) in pending {
            match plan_view(ctx, &definition).await {
                Ok(view) => {
                    schema.register_view(&definition.view.table, Arc::new(view));
                }
                Err(error) => failed.push((schema, definition, error)),
            }
        }
        if failed.is_empty() {
            return;
        }
        if failed.len() == before {
            for (_, definition, error) in failed {
                tracing::warn!(view = %definition.view, %error, "view cannot be planned; left out of this session");
            }
            return;
        }
        pending = failed.into_iter().map(|(s, d, _)| (s, d)).collect();
    }
}

/// Plans a view's SQL in a session, as a table provider to register there.
pub async fn plan_view(
    ctx: &SessionContext,
    definition: &ViewDefinition,
) -> Result<ViewTable, String> {
    let sql = crate::time_travel::rewrite(&definition.sql)?;
    let plan = ctx
        .state()
        .create_logical_plan(&sql)
        .await
        .map_err(|e| e.to_string())?;
    Ok(ViewTable::new(plan, Some(definition.sql.clone())))
}
