//! RDS DB instances and Aurora clusters do not listen on the default port of their engine.

use crate::rule::prelude::*;

/// RDS DB instances and Aurora clusters do not listen on the default port of their engine.
pub static RULE: Rule = Rule {
    name: "RDSNonDefaultPort",
    service: "rds",
    info: "The RDS DB instance or Aurora DB cluster uses the default port of its engine.",
    explanation: "Default ports (3306, 5432, 1521, 1433) are the first ones scanned. Set Port to a non-default value; this adds a small hurdle on top of network controls.",
    resource_types: &["AWS::RDS::DBCluster", "AWS::RDS::DBInstance"],
    check,
};

use super::aurora_my_sql_backtrack::lower_engine;

fn check(resource: &Resource, _: &Template) -> Outcome {
    if resource.resource_type == "AWS::RDS::DBCluster" {
        if is_nullish(resource.prop("Port")) {
            return Ok(Verdict::NonCompliant);
        }
        let port = primitive(resource.prop("Port"))?;
        let engine = lower_engine(resource)?;
        let mode = primitive(resource.prop("EngineMode"))?;
        let provisioned = is_nullish(mode) || text(mode)?.to_lowercase() == "provisioned";
        let default = if provisioned {
            engine.contains("aurora") && loose_eq_number(port, 3306.0)
        } else {
            ((engine == "aurora" || engine == "aurora-mysql") && loose_eq_number(port, 3306.0))
                || (engine == "aurora-postgresql" && loose_eq_number(port, 5432.0))
        };
        return Ok(Verdict::from_pass(!default));
    }
    if is_nullish(resource.prop("Engine")) {
        return Ok(Verdict::NonCompliant);
    }
    let port = primitive(resource.prop("Port"))?;
    let engine = lower_engine(resource)?;
    if is_nullish(port) {
        return Ok(Verdict::from_pass(engine.contains("aurora")));
    }
    let default = ((engine == "mariadb" || engine == "mysql") && loose_eq_number(port, 3306.0))
        || (engine == "postgres" && loose_eq_number(port, 5432.0))
        || (engine.contains("oracle") && loose_eq_number(port, 1521.0))
        || (engine.contains("sqlserver") && loose_eq_number(port, 1433.0));
    Ok(Verdict::from_pass(!default))
}
