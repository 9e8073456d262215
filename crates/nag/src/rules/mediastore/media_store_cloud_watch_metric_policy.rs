//! MediaStore containers send container-level metrics to CloudWatch.

use crate::rule::prelude::*;

/// MediaStore containers send container-level metrics to CloudWatch.
pub static RULE: Rule = Rule {
    name: "MediaStoreCloudWatchMetricPolicy",
    service: "mediastore",
    info: "The MediaStore container does not send metrics to CloudWatch.",
    explanation: "Container metrics show request rates, errors and latency, which are needed to operate and secure the container. Set MetricPolicy with ContainerLevelMetrics ENABLED.",
    resource_types: &["AWS::MediaStore::Container"],
    check,
};

fn check(container: &Resource, _: &Template) -> Outcome {
    let policy = container.prop("MetricPolicy");
    if is_nullish(policy) {
        return Ok(Verdict::NonCompliant);
    }
    let metrics = primitive(member(policy, "ContainerLevelMetrics")?)?;
    Ok(Verdict::from_pass(is_str(metrics, "ENABLED")))
}
