//! One line per construct, for `lakeforge` listings.

use crate::model::{Location, Spec, Zone};
use crate::validate::formats::redact_url;

/// One construct of a spec, described in a line (serializable for `--format json`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ConstructSummary {
    /// The construct kind: `project`, `stream`, `streaming`, `cdc`, `post_deploy`,
    /// `simulator`, `use_cases` or `provisioning`.
    pub kind: &'static str,
    /// The construct id (the table name for the single tables).
    pub id: String,
    /// What it does, in one line (passwords in URLs hidden).
    pub detail: String,
}

impl ConstructSummary {
    fn new(kind: &'static str, id: &str, detail: String) -> Self {
        Self {
            kind,
            id: id.to_owned(),
            detail,
        }
    }
}

impl Spec {
    /// Every construct with a one-line description, in the order
    /// projects, streams, streaming, cdc, post_deploy, simulator, use_cases, provisioning.
    pub fn constructs(&self) -> Vec<ConstructSummary> {
        let mut out = Vec::new();
        for (id, p) in &self.projects {
            let mut parts: Vec<String> = Vec::new();
            let features: Vec<&str> = [
                (p.has_emr, "emr"),
                (p.has_redshift, "redshift"),
                (p.has_openlineage, "openlineage"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, name)| *name)
            .collect();
            if !features.is_empty() {
                parts.push(features.join(", "));
            }
            parts.push(match &p.reuse_airflow {
                Some(owner) => format!("airflow of {owner}"),
                None => format!("airflow {} {}", p.airflow_version, p.airflow_env_class),
            });
            if let Some(owner) = &p.reuse_openlineage {
                parts.push(format!("lineage to {owner}"));
            }
            let zones: Vec<String> = Zone::ALL
                .iter()
                .map(|z| Location::Zone(*z).stem(id))
                .collect();
            parts.push(format!("zones {}", zones.join(", ")));
            out.push(ConstructSummary::new("project", id, parts.join("; ")));
        }
        for (name, s) in &self.streams {
            let detail = format!("{} stream, {} h retention", s.backend, s.retention_hours);
            out.push(ConstructSummary::new("stream", name, detail));
        }
        for (id, s) in &self.streaming {
            let detail = format!(
                "{} -> {}/{} ({}, every {} s or {} MB)",
                s.source_stream,
                s.destination.stem(),
                s.destination.effective_prefix(id),
                s.output_format,
                s.buffer_interval_seconds,
                s.buffer_size_mb
            );
            out.push(ConstructSummary::new("streaming", id, detail));
        }
        for (id, c) in &self.cdc {
            let from = match (&c.source.url, &c.source.secret) {
                (Some(url), _) => redact_url(url),
                (None, Some(secret)) => format!("secret {secret}"),
                (None, None) => "no source".to_owned(),
            };
            let detail = format!(
                "{} {from} -> {}/{} ({}, include {})",
                c.source.engine,
                c.destination.stem(),
                c.destination.effective_prefix(id),
                c.migration_type,
                c.include.join(" ")
            );
            out.push(ConstructSummary::new("cdc", id, detail));
        }
        for (id, code) in &self.post_deploy {
            let after = code
                .project
                .as_deref()
                .map_or("after up".to_owned(), |p| format!("after {p}"));
            let what = match &code.command {
                Some(argv) => argv.join(" "),
                None => format!("{} {}", code.runtime, code.handler),
            };
            let detail = format!("{after}: {what} in {}", code.folder_or_default(id));
            out.push(ConstructSummary::new("post_deploy", id, detail));
        }
        if let Some(s) = &self.simulator {
            let mut detail = format!(
                "{} customers, {} products, {} days from {}, seed {}, database {}",
                s.customers,
                s.products,
                s.days,
                s.start_date,
                s.seed,
                redact_url(&s.database_url)
            );
            if let Some(stream) = &s.stream {
                detail.push_str(&format!(", clickstream to {stream}"));
            }
            out.push(ConstructSummary::new("simulator", "simulator", detail));
        }
        if let Some(u) = &self.use_cases {
            let names: Vec<&str> = u.enabled.iter().map(|c| c.as_str()).collect();
            let project = self.use_cases_project().unwrap_or("?");
            let detail = format!("{} on {project}", names.join(", "));
            out.push(ConstructSummary::new("use_cases", "use_cases", detail));
        }
        if let Some(p) = &self.provisioning {
            let packs: Vec<&str> = p.nag_packs.iter().map(|n| n.as_str()).collect();
            let mut detail = format!(
                "repository {} ({}), nag packs {}",
                p.repository_name,
                p.branch,
                packs.join(", ")
            );
            if let Some(boundary) = &p.permissions_boundary {
                detail.push_str(&format!(", permissions boundary {boundary}"));
            }
            out.push(ConstructSummary::new(
                "provisioning",
                "provisioning",
                detail,
            ));
        }
        out
    }
}
