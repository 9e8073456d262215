//! Flink applications on Kinesis Data Analytics keep checkpointing on.

use crate::rule::prelude::*;

/// Managed Flink applications turn checkpointing on.
pub static RULE: Rule = Rule {
    name: "KinesisDataAnalyticsFlinkCheckpointing",
    service: "kinesis",
    info: "The Kinesis Data Analytics (Managed Flink) application does not enable checkpointing.",
    explanation: "Checkpoints let a Flink application recover its state after a failure without reprocessing or losing data. Enable checkpointing in the application's Flink configuration.",
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
