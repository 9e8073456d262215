//! S3 buckets have an enabled replication rule.

use crate::rule::prelude::*;

/// S3 buckets replicate to another bucket.
pub static RULE: Rule = Rule {
    name: "S3BucketReplicationEnabled",
    service: "s3",
    info: "The S3 bucket is not replicated.",
    explanation: "Replication keeps a copy of the data in another bucket (or region), which helps recover from deletion or a regional outage. Configure ReplicationConfiguration with at least one enabled rule.",
    resource_types: &["AWS::S3::Bucket"],
    check,
};

fn check(bucket: &Resource, _: &Template) -> Outcome {
    let replication = bucket.prop("ReplicationConfiguration");
    if replication.is_none() {
        return Ok(Verdict::NonCompliant);
    }
    for rule in items(member(replication, "Rules")?)? {
        if is_str(member(Some(rule), "Status")?, "Enabled") {
            return Ok(Verdict::Compliant);
        }
    }
    Ok(Verdict::NonCompliant)
}
