//! `[projects.<id>]`: reuse references, Airflow, EMR and Redshift settings.

use super::{Focus, Report, formats, names};
use crate::error::ErrorKind;
use crate::model::{Project, Spec};
use crate::path::keys;

pub(super) fn check(spec: &Spec, r: &mut Report) {
    for (id, project) in &spec.projects {
        reuse(spec, id, project, r);
        airflow(id, project, r);
        emr(id, project, r);
        redshift(id, project, r);
        openlineage_url(id, project, r);
        if let Some(prefix) = &project.s3_log_bucket_prefix {
            r.format(
                keys(&["projects", id, "s3_log_bucket_prefix"]),
                prefix,
                names::s3_prefix(prefix, true),
                "use `/`-separated segments of letters, digits and ! - _ . * ' ( ) =, e.g. \"retail-lake\"",
            );
        }
    }
}

/// `reuse_airflow` and `reuse_openlineage` name another project that owns the thing reused.
fn reuse(spec: &Spec, id: &str, project: &Project, r: &mut Report) {
    let others = || {
        spec.projects
            .keys()
            .map(String::as_str)
            .filter(move |p| *p != id)
    };
    if let Some(target) = &project.reuse_airflow {
        let path = keys(&["projects", id, "reuse_airflow"]);
        if target == id {
            self_reference(r, path, id, "Airflow");
        } else if r.reference(path.clone(), target, "project", "projects", others())
            && let Some(via) = spec
                .projects
                .get(target)
                .and_then(|t| t.reuse_airflow.as_ref())
        {
            r.push(
                ErrorKind::Conflict,
                path,
                Focus::Value,
                format!("[projects.{id}] reuses the Airflow of `{target}`, which itself reuses `{via}`'s"),
                format!("name the project that owns the environment: reuse_airflow = \"{via}\""),
            );
        }
    }
    if let Some(target) = &project.reuse_openlineage {
        let path = keys(&["projects", id, "reuse_openlineage"]);
        if target == id {
            self_reference(r, path, id, "OpenLineage endpoint");
        } else if r.reference(path.clone(), target, "project", "projects", others())
            && spec
                .projects
                .get(target)
                .is_some_and(|owner| !owner.hosts_openlineage())
        {
            r.push(
                ErrorKind::Conflict,
                path,
                Focus::Value,
                format!("[projects.{id}] reuses the OpenLineage endpoint of `{target}`, which hosts none"),
                format!(
                    "set has_openlineage = true (and no reuse_openlineage) in [projects.{target}], \
                     or name a project that hosts an endpoint"
                ),
            );
        }
        if !project.has_openlineage {
            r.push(
                ErrorKind::Conflict,
                keys(&["projects", id, "has_openlineage"]),
                Focus::Value,
                format!("[projects.{id}] sets reuse_openlineage but not has_openlineage"),
                "set has_openlineage = true to send lineage to the reused endpoint, or remove reuse_openlineage",
            );
        }
    }
}

fn self_reference(r: &mut Report, path: Vec<crate::path::Seg>, id: &str, what: &str) {
    r.push(
        ErrorKind::UnknownReference,
        path,
        Focus::Value,
        format!("[projects.{id}] reuses its own {what}"),
        "name another project, or remove the key to create one for this project",
    );
}

fn airflow(id: &str, p: &Project, r: &mut Report) {
    r.format(
        keys(&["projects", id, "airflow_version"]),
        &p.airflow_version,
        formats::version(&p.airflow_version),
        "write an MWAA Airflow version such as \"2.6.3\"",
    );
    r.range(
        keys(&["projects", id, "airflow_max_workers"]),
        p.airflow_max_workers,
        1..=25,
        " (MWAA's limit)",
    );
}

fn emr(id: &str, p: &Project, r: &mut Report) {
    for (key, value) in [
        ("emr_transient_master_type", &p.emr_transient_master_type),
        ("emr_transient_core_type", &p.emr_transient_core_type),
        ("emr_transient_worker_type", &p.emr_transient_worker_type),
    ] {
        r.format(
            keys(&["projects", id, key]),
            value,
            formats::instance_type(value),
            "write an EC2 instance type such as \"m6gd.xlarge\"",
        );
    }
    r.range(
        keys(&["projects", id, "emr_transient_core_size"]),
        p.emr_transient_core_size,
        1..=256,
        " (a transient cluster needs at least one core node for HDFS)",
    );
    r.range(
        keys(&["projects", id, "emr_transient_worker_max_size"]),
        p.emr_transient_worker_max_size,
        1..=1000,
        "",
    );
    if p.emr_transient_worker_min_size > p.emr_transient_worker_max_size {
        r.push(
            ErrorKind::OutOfRange,
            keys(&["projects", id, "emr_transient_worker_min_size"]),
            Focus::Value,
            format!(
                "`emr_transient_worker_min_size` = {} in [projects.{id}] is above `emr_transient_worker_max_size` = {}",
                p.emr_transient_worker_min_size, p.emr_transient_worker_max_size
            ),
            "managed scaling needs minimum ≤ maximum: lower the minimum or raise the maximum",
        );
    }
}

fn redshift(id: &str, p: &Project, r: &mut Report) {
    r.range(
        keys(&["projects", id, "redshift_etl_node_count"]),
        p.redshift_etl_node_count,
        1..=128,
        "",
    );
    r.range(
        keys(&["projects", id, "redshift_concurrency_limit"]),
        p.redshift_concurrency_limit,
        0..=10,
        " (concurrency scaling clusters)",
    );
    let base = p.redshift_serverless_base_rpu;
    if !(base == 4 || ((8..=512).contains(&base) && base.is_multiple_of(8))) {
        r.push(
            ErrorKind::OutOfRange,
            keys(&["projects", id, "redshift_serverless_base_rpu"]),
            Focus::Value,
            format!("`redshift_serverless_base_rpu` = {base} in [projects.{id}] is not a Redshift Serverless base capacity"),
            "use 4, or 8 to 512 in steps of 8 (8, 16, 24, …)",
        );
    }
    let limit = p.redshift_serverless_rpu_limit;
    if !((8..=1024).contains(&limit) && limit.is_multiple_of(8)) {
        r.push(
            ErrorKind::OutOfRange,
            keys(&["projects", id, "redshift_serverless_rpu_limit"]),
            Focus::Value,
            format!("`redshift_serverless_rpu_limit` = {limit} in [projects.{id}] is not a Redshift Serverless maximum capacity"),
            "use 8 to 1024 in steps of 8 (8, 16, 24, …)",
        );
    } else if limit < base {
        r.push(
            ErrorKind::OutOfRange,
            keys(&["projects", id, "redshift_serverless_rpu_limit"]),
            Focus::Value,
            format!("`redshift_serverless_rpu_limit` = {limit} in [projects.{id}] is below `redshift_serverless_base_rpu` = {base}"),
            "the maximum capacity must be at least the base capacity: raise the limit or lower the base",
        );
    }
}

/// `openlineage_url` is an http(s) URL, on a project that does not reuse another's endpoint.
fn openlineage_url(id: &str, project: &Project, r: &mut Report) {
    let Some(url) = &project.openlineage_url else {
        return;
    };
    let path = keys(&["projects", id, "openlineage_url"]);
    let scheme_ok = matches!(formats::url_scheme(url), Some("http" | "https"));
    r.format(
        path.clone(),
        url,
        if scheme_ok {
            Ok(())
        } else {
            Err("not an http:// or https:// URL".to_string())
        },
        "give the endpoint's base URL, e.g. \"http://localhost:5000\" (Marquez)",
    );
    if let Some(owner) = &project.reuse_openlineage {
        r.push(
            ErrorKind::Conflict,
            path,
            Focus::Value,
            format!("[projects.{id}] sets openlineage_url but reuses the endpoint of `{owner}`"),
            format!("remove openlineage_url here, or set it in [projects.{owner}]"),
        );
    }
}
