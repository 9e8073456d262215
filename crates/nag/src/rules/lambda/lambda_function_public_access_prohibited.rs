//! Lambda permissions do not grant `*` without an organisation, account or source ARN condition.

use crate::rule::prelude::*;

/// Lambda function permissions do not allow public access.
pub static RULE: Rule = Rule {
    name: "LambdaFunctionPublicAccessProhibited",
    service: "lambda",
    info: "The Lambda permission lets anyone invoke the function.",
    explanation: "A '*' principal without a source account or ARN condition opens the function to the world. Name the principal and scope it with SourceArn or SourceAccount.",
    resource_types: &["AWS::Lambda::Permission"],
    check,
};

fn check(permission: &Resource, _: &Template) -> Outcome {
    let public = is_str(permission.prop("Principal"), "*")
        && ["PrincipalOrgID", "SourceAccount", "SourceArn"]
            .iter()
            .all(|condition| permission.prop(condition).is_none());
    Ok(Verdict::from_pass(!public))
}
