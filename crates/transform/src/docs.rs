//! `docs generate`: catalog.json and a static documentation site (one HTML page, browsable
//! offline) in `target/` and in the project's `datadocs` location.

use std::fmt::Write as _;
use std::path::Path;

use self::html::escape;
use lakeforge_lake::Lake;
use lakeforge_spec::Location;
use object_store::ObjectStoreExt;

use crate::artifacts::{self, CatalogEntry, Metadata};
use crate::error::{Result, TransformError};
use crate::executor::Executor;
use crate::jinja::relation::RelationKind;
use crate::jinja::scope::Resolve;
use crate::log::Log;
use crate::manifest::{Manifest, ResourceType};
use crate::profile::Target;

mod html {
    /// HTML-escapes text.
    pub fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }
}

/// Writes catalog.json and the site.
pub async fn generate(
    executor: &std::sync::Arc<Executor>,
    manifest: &Manifest,
    log: &Log,
    target_dir: &Path,
    metadata: &Metadata,
    lake: &Lake,
    target: &Target,
) -> Result<()> {
    let relations: Vec<(String, crate::jinja::relation::Relation)> = manifest
        .nodes
        .values()
        .filter(|n| {
            matches!(
                n.resource_type,
                ResourceType::Model | ResourceType::Seed | ResourceType::Snapshot
            ) && n.relation.kind != RelationKind::Cte
        })
        .map(|n| (n.unique_id.clone(), n.relation.clone()))
        .chain(
            manifest
                .sources
                .values()
                .map(|s| (s.unique_id.clone(), s.relation.clone())),
        )
        .collect();
    let mut found: Vec<CatalogEntry> = Vec::new();
    for (id, relation) in &relations {
        let resolver = executor.clone();
        let probe = relation.clone();
        let columns = tokio::task::spawn_blocking(move || resolver.columns(&probe))
            .await
            .map_err(|e| TransformError::Compile(e.to_string()))?;
        if let Ok(columns) = columns {
            found.push((id.clone(), relation.clone(), columns));
        }
    }
    let catalog = artifacts::catalog_json(&found, metadata);
    artifacts::write(&target_dir.join("catalog.json"), &catalog)?;
    let html = site(manifest, &found, &metadata.project_name);
    std::fs::write(target_dir.join("index.html"), &html)
        .map_err(|e| TransformError::io(target_dir.join("index.html"), e))?;
    let (store, folder) = lake.root().location(&target.database, Location::Datadocs);
    let path = folder.join("dbt").join("index.html");
    store
        .put(&path, object_store::PutPayload::from(html.into_bytes()))
        .await
        .map_err(lakeforge_lake::LakeError::from)?;
    log.info(&format!(
        "Catalog written to {}",
        target_dir.join("catalog.json").display()
    ));
    log.info(&format!(
        "Documentation site written to target/index.html and {}",
        path
    ));
    Ok(())
}

/// One static page: every model, seed, snapshot and source with description, columns (with
/// types from the lake), parents, children and SQL.
fn site(manifest: &Manifest, found: &[CatalogEntry], project: &str) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{0} — documentation</title>\
        <style>body{{font-family:sans-serif;margin:0;display:flex}}nav{{width:18rem;padding:1rem;background:#f4f4f4;height:100vh;overflow:auto;position:sticky;top:0}}\
        main{{padding:1rem 2rem;max-width:60rem}}section{{border-bottom:1px solid #ddd;padding-bottom:1rem}}pre{{background:#f8f8f8;padding:.5rem;overflow:auto}}\
        table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}}</style></head><body><nav><h2>{0}</h2>",
        escape(project)
    );
    let mut ids: Vec<(&str, &str, String)> = manifest
        .nodes
        .values()
        .filter(|n| n.resource_type != ResourceType::Test)
        .map(|n| {
            (
                n.resource_type.as_str(),
                n.unique_id.as_str(),
                n.name.clone(),
            )
        })
        .chain(manifest.sources.values().map(|s| {
            (
                "source",
                s.unique_id.as_str(),
                format!("{}.{}", s.source_name, s.name),
            )
        }))
        .collect();
    ids.sort();
    for (kind, id, name) in &ids {
        let _ = write!(
            html,
            "<div><a href=\"#{}\">{}</a> <small>{kind}</small></div>",
            escape(id),
            escape(name)
        );
    }
    html.push_str("</nav><main>");
    let columns_of = |id: &str| {
        found
            .iter()
            .find(|(f, _, _)| f == id)
            .map(|(_, _, c)| c.clone())
            .unwrap_or_default()
    };
    for node in manifest
        .nodes
        .values()
        .filter(|n| n.resource_type != ResourceType::Test)
    {
        let _ = write!(
            html,
            "<section id=\"{}\"><h2>{}</h2><p><code>{}</code> · {} · {}</p><p>{}</p>",
            escape(&node.unique_id),
            escape(&node.name),
            escape(&node.relation.to_string()),
            node.resource_type.as_str(),
            escape(node.config.materialized()),
            escape(&node.description)
        );
        columns_table(&mut html, &columns_of(&node.unique_id), |c| {
            node.columns
                .get(c)
                .map(|i| i.description.clone())
                .unwrap_or_default()
        });
        let children: Vec<&str> = manifest
            .nodes
            .values()
            .filter(|c| {
                c.depends_on.contains(&node.unique_id) && c.resource_type != ResourceType::Test
            })
            .map(|c| c.unique_id.as_str())
            .collect();
        links(
            &mut html,
            "Depends on",
            node.depends_on.iter().map(String::as_str),
        );
        links(&mut html, "Referenced by", children.into_iter());
        let tests: Vec<&str> = manifest
            .nodes
            .values()
            .filter(|t| {
                t.resource_type == ResourceType::Test && t.depends_on.contains(&node.unique_id)
            })
            .map(|t| t.name.as_str())
            .collect();
        if !tests.is_empty() {
            let _ = write!(html, "<p>Tests: {}</p>", escape(&tests.join(", ")));
        }
        if !node.raw_code.is_empty() {
            let _ = write!(
                html,
                "<details><summary>SQL</summary><pre>{}</pre></details>",
                escape(&node.raw_code)
            );
        }
        html.push_str("</section>");
    }
    for source in manifest.sources.values() {
        let _ = write!(
            html,
            "<section id=\"{}\"><h2>{}.{}</h2><p><code>{}</code> · source</p><p>{}</p>",
            escape(&source.unique_id),
            escape(&source.source_name),
            escape(&source.name),
            escape(&source.relation.to_string()),
            escape(&source.description)
        );
        columns_table(&mut html, &columns_of(&source.unique_id), |c| {
            source
                .columns
                .get(c)
                .map(|i| i.description.clone())
                .unwrap_or_default()
        });
        html.push_str("</section>");
    }
    html.push_str("</main></body></html>");
    html
}

fn columns_table(
    html: &mut String,
    columns: &[(String, String)],
    describe: impl Fn(&str) -> String,
) {
    if columns.is_empty() {
        return;
    }
    html.push_str("<table><tr><th>column</th><th>type</th><th>description</th></tr>");
    for (name, data_type) in columns {
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(name),
            escape(data_type),
            escape(&describe(name))
        );
    }
    html.push_str("</table>");
}

fn links<'a>(html: &mut String, label: &str, ids: impl Iterator<Item = &'a str>) {
    let ids: Vec<&str> = ids.collect();
    if ids.is_empty() {
        return;
    }
    let _ = write!(html, "<p>{label}: ");
    for id in ids {
        let _ = write!(html, "<a href=\"#{0}\">{0}</a> ", escape(id));
    }
    html.push_str("</p>");
}
