//! Shared by the "in a backup plan" rules: whether some AWS Backup selection of the
//! template lists a resource, matched on the JSON text of each selected resource.

use crate::access::items;
use crate::rule::Unresolvable;
use crate::template::Template;
use crate::value::Value;

/// Whether any `AWS::Backup::BackupSelection` lists a resource whose JSON text satisfies `matches`.
pub(crate) fn selected(
    template: &Template,
    matches: impl Fn(&str) -> Result<bool, Unresolvable>,
) -> Result<bool, Unresolvable> {
    for selection in template.resources_of_type("AWS::Backup::BackupSelection") {
        let body = crate::access::member(selection.prop("BackupSelection"), "Resources")?;
        if let Some(Value::Array(_)) = body {
            for resource in items(body)? {
                if matches(&resource.to_json())? {
                    return Ok(true);
                }
            }
        }
    }
    Ok(false)
}
