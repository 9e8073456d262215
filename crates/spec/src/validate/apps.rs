//! `[simulator]`, `[use_cases]` and `[provisioning]`.

use std::collections::BTreeSet;

use super::{Focus, Report, formats, names};
use crate::error::ErrorKind;
use crate::model::{LakeforgeSource, NagPack, NagSuppression, Simulator, Spec, UseCases};
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
    if let Some(source) = &p.lakeforge_source {
        lakeforge_source(source, r);
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

/// Exactly one of `path` and `git`; a git source pinned by exactly one of `tag` and `rev`.
fn lakeforge_source(s: &LakeforgeSource, r: &mut Report) {
    let base = keys(&["provisioning", "lakeforge_source"]);
    const EXAMPLE: &str = "write lakeforge_source = { git = \"https://github.com/<org>/lakeforge.git\", tag = \"v0.1.0\" } \
                           or { path = \"lakeforge\" } (a folder of the provisioning repository)";
    match (&s.path, &s.git) {
        (Some(_), Some(_)) => r.push(
            ErrorKind::Conflict,
            child(&base, "git"),
            Focus::Key,
            "[provisioning] lakeforge_source sets both `path` and `git`",
            "keep one: `path` for sources inside the provisioning repository, `git` (with `tag` or `rev`) for a pinned git repository",
        ),
        (None, None) => r.push(
            ErrorKind::MissingKey,
            base.clone(),
            Focus::Value,
            "[provisioning] lakeforge_source has neither `path` nor `git`",
            EXAMPLE,
        ),
        (Some(path), None) => {
            for key in ["tag", "rev"] {
                let set = if key == "tag" { &s.tag } else { &s.rev };
                if set.is_some() {
                    r.push(
                        ErrorKind::Conflict,
                        child(&base, key),
                        Focus::Key,
                        format!("[provisioning] lakeforge_source sets `{key}` with `path`"),
                        format!("`{key}` pins a `git` source; remove it, or replace `path` by git = \"<url>\""),
                    );
                }
            }
            r.format(
                child(&base, "path"),
                path,
                repository_folder(path),
                "write the lakeforge workspace's folder relative to the repository root, e.g. \"lakeforge\" or \"vendor/lakeforge\"",
            );
        }
        (None, Some(url)) => {
            r.format(
                child(&base, "git"),
                url,
                https_url(url),
                "write an https:// clone URL, e.g. \"https://github.com/<org>/lakeforge.git\" (CodeBuild clones without credentials)",
            );
            match (&s.tag, &s.rev) {
                (None, None) => r.push(
                    ErrorKind::MissingKey,
                    base.clone(),
                    Focus::Value,
                    "[provisioning] lakeforge_source names a `git` repository but no `tag` or `rev`",
                    "pin the version the pipeline builds: add tag = \"v0.1.0\" or rev = \"<commit>\"",
                ),
                (Some(_), Some(_)) => r.push(
                    ErrorKind::Conflict,
                    child(&base, "rev"),
                    Focus::Key,
                    "[provisioning] lakeforge_source sets both `tag` and `rev`",
                    "keep one: a tag, or a commit",
                ),
                (Some(tag), None) => r.format(
                    child(&base, "tag"),
                    tag,
                    names::git_branch(tag),
                    "write a git tag such as \"v0.1.0\"",
                ),
                (None, Some(rev)) => r.format(
                    child(&base, "rev"),
                    rev,
                    commit(rev),
                    "write a commit id: 7 to 40 hexadecimal digits",
                ),
            }
        }
    }
}

/// A relative folder of a repository: `/`-separated names, no `..`.
fn repository_folder(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("it is empty".to_owned());
    }
    if path.starts_with('/') {
        return Err("it is absolute".to_owned());
    }
    if path.split('/').any(|segment| segment == "..") {
        return Err("it leaves the repository (`..`)".to_owned());
    }
    if let Some(c) = path
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\\\"'`$;&|<>*?".contains(*c))
    {
        return Err(format!("it contains `{}`", c.escape_default()));
    }
    Ok(())
}

/// An `https://host/…` URL without spaces or quotes.
fn https_url(url: &str) -> Result<(), String> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Err("it is not an https:// URL".to_owned());
    };
    if rest.split('/').next().is_none_or(str::is_empty) {
        return Err("it names no host".to_owned());
    }
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"'`\\".contains(*c))
    {
        return Err(format!("it contains `{}`", c.escape_default()));
    }
    Ok(())
}

/// A git commit id, full or abbreviated.
fn commit(rev: &str) -> Result<(), String> {
    if !(7..=40).contains(&rev.len()) || !rev.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err("it is not 7 to 40 hexadecimal digits".to_owned());
    }
    Ok(())
}
