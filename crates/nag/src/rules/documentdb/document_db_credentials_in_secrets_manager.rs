//! DocumentDB master credentials come from Secrets Manager.

use crate::rule::prelude::*;

/// DocumentDB master credentials come from Secrets Manager.
pub static RULE: Rule = Rule {
    name: "DocumentDBCredentialsInSecretsManager",
    service: "documentdb",
    info: "The DocumentDB cluster's master user name or password is not read from Secrets Manager.",
    explanation: "Credentials written into a template end up in source control and stack history. Use {{resolve:secretsmanager:...}} dynamic references for MasterUsername and MasterUserPassword.",
    resource_types: &["AWS::DocDB::DBCluster"],
    check,
};

const SECRET: &str = "{{resolve:secretsmanager";

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let user = primitive(cluster.prop("MasterUsername"))?;
    let password = primitive(cluster.prop("MasterUserPassword"))?;
    let from_secret = |value: Slot| -> Result<bool, Unresolvable> {
        string_of(value)
            .map(|text| text.contains(SECRET))
            .ok_or_else(|| Unresolvable(format!("{} has no string methods", js_template(value))))
    };
    Ok(Verdict::from_pass(
        from_secret(user)? && from_secret(password)?,
    ))
}
