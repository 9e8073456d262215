//! RDS DB instances (not Aurora) run Multi-AZ.

use crate::rule::prelude::*;

/// RDS DB instances (not Aurora) run Multi-AZ.
pub static RULE: Rule = Rule {
    name: "RDSMultiAZSupport",
    service: "rds",
    info: "The non-Aurora RDS DB instance does not have Multi-AZ support.",
    explanation: "A Multi-AZ instance keeps a standby in another zone and fails over to it automatically. Set MultiAZ to true.",
    resource_types: &["AWS::RDS::DBInstance"],
    check,
};

use super::aurora_my_sql_backtrack::lower_engine;

fn check(instance: &Resource, _: &Template) -> Outcome {
    let multi_az = primitive(instance.prop("MultiAZ"))?;
    let engine = primitive(instance.prop("Engine"))?;
    if truthy_flag(multi_az) {
        return Ok(Verdict::Compliant);
    }
    let aurora = !is_nullish(engine) && lower_engine(instance)?.contains("aurora");
    Ok(Verdict::from_pass(aurora))
}
