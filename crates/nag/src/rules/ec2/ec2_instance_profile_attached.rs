//! EC2 instances have an instance profile.

use crate::rule::prelude::*;

/// EC2 instances have an instance profile.
pub static RULE: Rule = Rule {
    name: "EC2InstanceProfileAttached",
    service: "ec2",
    info: "The EC2 instance has no IAM instance profile.",
    explanation: "An instance profile gives software on the instance temporary role credentials instead of stored keys. Set IamInstanceProfile to a profile with a least-privilege role.",
    resource_types: &["AWS::EC2::Instance"],
    check,
};

fn check(instance: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        instance.prop("IamInstanceProfile"),
    )))
}
