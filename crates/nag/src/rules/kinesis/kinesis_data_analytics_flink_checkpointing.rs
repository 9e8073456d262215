//! Flink applications on Kinesis Data Analytics keep checkpointing on.

use crate::rule::prelude::*;

/// Kinesis Data Analytics Flink applications have checkpointing enabled.
pub static RULE: Rule = Rule {
    name: "KinesisDataAnalyticsFlinkCheckpointing",
    service: "kinesis",
    resource_types: &["AWS::KinesisAnalyticsV2::Application"],
    check,
};

fn check(application: &Resource, _: &Template) -> Outcome {
    if !text(application.prop("RuntimeEnvironment"))?
        .to_lowercase()
        .starts_with("flink")
    {
        return Ok(Verdict::Compliant);
    }
    let configuration = application.prop("ApplicationConfiguration");
    let flink = maybe(configuration, "FlinkApplicationConfiguration");
    let checkpoint = maybe(flink, "CheckpointConfiguration");
    if is_nullish(configuration) || is_nullish(flink) || is_nullish(checkpoint) {
        return Ok(Verdict::NonCompliant);
    }
    if primitive_is(member(checkpoint, "ConfigurationType")?, "CUSTOM")?
        && !truthy(primitive(member(checkpoint, "CheckpointingEnabled")?)?)
    {
        return Ok(Verdict::NonCompliant);
    }
    Ok(Verdict::Compliant)
}
