//! `[simulator]`, `[use_cases]` and `[provisioning]`.

use std::collections::BTreeSet;

use super::{Focus, Report, formats, names};
use crate::error::ErrorKind;
use crate::model::{NagPack, NagSuppression, Simulator, Spec, UseCases};
use crate::path::{child, index, keys};

pub(super) fn check(spec: &Spec, r: &mut Report) {
    if let Some(sim) = &spec.simulator {
        simulator(spec, sim, r);
    }
    if let Some(uc) = &spec.use_cases {
        use_cases(spec, uc, r);
    }
    provisioning(spec, r);
}

/// `project` names a project, or there is a default one.
fn owner(spec: &Spec, table: &str, project: Option<&String>, r: &mut Report) {
    let path = keys(&[table, "project"]);
    match project {
        Some(p) => {
            r.reference(
                path,
                p,
                "project",
                "projects",
                spec.projects.keys().map(String::as_str),
            );
        }
        None if spec.default_project().is_none() && !spec.projects.is_empty() => r.push(
            ErrorKind::MissingKey,
            keys(&[table]),
            Focus::Key,
            format!("[{table}] names no project and there are several"),
            format!(
                "add project = \"<project id>\" to [{table}], or set default_project in [lake]"
            ),
        ),
        None => {}
    }
}

fn simulator(spec: &Spec, s: &Simulator, r: &mut Report) {
    let base = keys(&["simulator"]);
    r.range(child(&base, "customers"), s.customers, 1..=10_000_000, "");
    r.range(child(&base, "products"), s.products, 1..=1_000_000, "");
    r.range(child(&base, "days"), s.days, 1..=3650, "");
    r.format(
        child(&base, "start_date"),
        &s.start_date,
        formats::date(&s.start_date),
        "write a calendar date YYYY-MM-DD, e.g. start_date = 2026-01-01",
    );
    if let Some(stream) = &s.stream {
        r.reference(
            child(&base, "stream"),
            stream,
            "stream",
            "streams",
            spec.streams.keys().map(String::as_str),
        );
    }
    let scheme = formats::url_scheme(&s.database_url);
    if !matches!(
        scheme,
        Some("sqlite" | "mysql" | "mariadb" | "postgres" | "postgresql")
    ) {
        r.format(
            child(&base, "database_url"),
            &s.database_url,
            Err("it is not a sqlite://, mysql://, mariadb:// or postgres:// URL".to_owned()),
            "write e.g. sqlite://.lakeforge/retail.db (relative to the spec file)",
        );
    }
    if !(0.0..=1.0).contains(&s.search_quality) {
        r.push(
            ErrorKind::OutOfRange,
            child(&base, "search_quality"),
            Focus::Value,
            format!(
                "`search_quality` = {} in [simulator] is out of range",
                s.search_quality
            ),
            "use a number from 0.0 (random results) to 1.0 (perfect results)",
        );
    }
    owner(spec, "simulator", s.project.as_ref(), r);
}

fn use_cases(spec: &Spec, uc: &UseCases, r: &mut Report) {
    let mut seen = BTreeSet::new();
    for (i, case) in uc.enabled.iter().enumerate() {
        if !seen.insert(case) {
            r.push(
                ErrorKind::DuplicateId,
                index(&keys(&["use_cases", "enabled"]), i),
                Focus::Value,
                format!("use case `{case}` is listed twice in [use_cases] enabled"),
                "list each use case once",
            );
        }
    }
    owner(spec, "use_cases", uc.project.as_ref(), r);
}

fn provisioning(spec: &Spec, r: &mut Report) {
    let Some(p) = &spec.provisioning else {
        return;
    };
    r.name(
        keys(&["provisioning", "repository_name"]),
        Focus::Value,
        "CodeCommit repository name",
        &p.repository_name,
        names::codecommit_repository(&p.repository_name),
        "CodeCommit names have 1 to 100 letters, digits, `.`, `_` or `-`, and do not end in .git",
    );
    r.name(
        keys(&["provisioning", "branch"]),
        Focus::Value,
        "branch name",
        &p.branch,
        names::git_branch(&p.branch),
        "use a git branch name such as \"main\" (no spaces, `..`, `~^:?*[\\`)",
    );
    let mut seen = BTreeSet::new();
    for (i, pack) in p.nag_packs.iter().enumerate() {
        if !seen.insert(pack) {
            r.push(
                ErrorKind::DuplicateId,
                index(&keys(&["provisioning", "nag_packs"]), i),
                Focus::Value,
                format!("nag pack `{pack}` is listed twice in [provisioning]"),
                "list each pack once",
            );
        }
    }
    for (i, suppression) in p.suppressions.iter().enumerate() {
        let entry = index(&keys(&["provisioning", "suppressions"]), i);
        let known_pack = NagPack::ALL
            .iter()
            .any(|pack| suppression.id.starts_with(&format!("{}-", pack.as_str())));
        if !known_pack && suppression.id != "CdkNagValidationFailure" {
            r.push(
                ErrorKind::InvalidValue,
                child(&entry, "id"),
                Focus::Value,
                format!("`{}` is not a nag rule id", suppression.id),
                "write <pack>-<rule>, e.g. AwsSolutions-IAM5 or PCI.DSS.321-S3BucketLoggingEnabled",
            );
        }
        if suppression.reason.trim().chars().count() < NagSuppression::MIN_REASON_CHARS {
            r.push(
                ErrorKind::InvalidValue,
                child(&entry, "reason"),
                Focus::Value,
                format!("the reason for suppressing `{}` is too short", suppression.id),
                "say why the finding is acceptable, in at least 10 characters (cdk-nag refuses shorter reasons)",
            );
        }
    }
    if let Some(boundary) = &p.permissions_boundary {
        r.name(
            keys(&["provisioning", "permissions_boundary"]),
            Focus::Value,
            "IAM policy name",
            boundary,
            names::iam_policy(boundary),
            "IAM policy names have 1 to 128 letters, digits or + = , . @ _ -",
        );
    }
}
