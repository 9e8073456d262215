//! Neptune DB clusters can place instances in several availability zones.

use crate::rule::prelude::*;

/// Neptune DB clusters can place instances in several availability zones.
pub static RULE: Rule = Rule {
    name: "NeptuneClusterMultiAZ",
    service: "neptune",
    info: "The Neptune DB cluster is not set up for multiple availability zones.",
    explanation: "With instances in more than one zone, a replica takes over when the primary's zone fails. Give the cluster a DBSubnetGroupName spanning several zones and do not pin it to a single zone.",
    resource_types: &["AWS::Neptune::DBCluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    if is_nullish(cluster.prop("DBSubnetGroupName")) {
        return Ok(Verdict::NonCompliant);
    }
    let zones = cluster.prop("AvailabilityZones");
    let single = !is_nullish(zones) && raw_list_length(zones).is_some_and(|length| length < 2);
    Ok(Verdict::from_pass(!single))
}
