//! RDS DB instances explicitly turn public accessibility off.

use crate::rule::prelude::*;

/// RDS DB instances explicitly turn public accessibility off.
pub static RULE: Rule = Rule {
    name: "RDSInstancePublicAccess",
    service: "rds",
    info: "The RDS DB instance allows public access.",
    explanation: "A publicly accessible instance gets an internet-resolvable address and can be reached from outside the VPC. Set PubliclyAccessible to false.",
    resource_types: &["AWS::RDS::DBInstance"],
    check,
};

fn check(instance: &Resource, _: &Template) -> Outcome {
    let public = primitive(instance.prop("PubliclyAccessible"))?;
    Ok(Verdict::from_pass(flag(public) == Some(false)))
}
