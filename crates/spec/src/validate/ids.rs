//! Construct ids: naming rules and uniqueness across construct kinds.

use std::collections::BTreeMap;

use super::{Focus, Report, names};
use crate::error::ErrorKind;
use crate::model::Spec;
use crate::path::keys;

/// The ids of every construct that becomes a CloudFormation stack, by kind.
fn stack_ids(spec: &Spec) -> [(&'static str, Vec<&str>); 4] {
    fn ids<V>(map: &BTreeMap<String, V>) -> Vec<&str> {
        map.keys().map(String::as_str).collect()
    }
    [
        ("projects", ids(&spec.projects)),
        ("streaming", ids(&spec.streaming)),
        ("cdc", ids(&spec.cdc)),
        ("post_deploy", ids(&spec.post_deploy)),
    ]
}

pub(super) fn check(spec: &Spec, r: &mut Report) {
    let project_rule = format!(
        "project ids become S3 bucket names `{{id}}-datadocs-{{12-digit account}}-{{region}}`, \
         which S3 limits to 63 characters, so an id has at most {} characters: a lowercase \
         letter, then lowercase letters, digits or single hyphens, not ending with a hyphen",
        names::PROJECT_ID_MAX
    );
    let construct_rule = "ids become CloudFormation stack names and DMS/Glue identifiers: at \
                          most 63 characters, a lowercase letter, then lowercase letters, digits \
                          or single hyphens, not ending with a hyphen";
    let mut first: BTreeMap<&str, &str> = BTreeMap::new();
    for (kind, ids) in stack_ids(spec) {
        for id in ids {
            let (what, result, rule) = if kind == "projects" {
                (
                    "project id".to_owned(),
                    names::project_id(id),
                    project_rule.as_str(),
                )
            } else {
                (
                    format!("{kind} id"),
                    names::construct_id(id),
                    construct_rule,
                )
            };
            r.name(keys(&[kind, id]), Focus::Key, &what, id, result, rule);
            match first.get(id) {
                Some(earlier) => r.push(
                    ErrorKind::DuplicateId,
                    keys(&[kind, id]),
                    Focus::Key,
                    format!("id `{id}` of [{kind}.{id}] is already used by [{earlier}.{id}]"),
                    "every project, streaming, cdc and post_deploy id becomes a CloudFormation \
                     stack name, so ids must be unique across them: rename one",
                ),
                None => {
                    first.insert(id, kind);
                }
            }
        }
    }
}
