//! Unencrypted SNS topics have a topic policy denying publishing without SSL.

use crate::rule::prelude::*;
use crate::rules::policy::{denies_insecure_transport, statements, targets};

/// SNS topics without KMS encryption require publishers to use SSL.
pub static RULE: Rule = Rule {
    name: "SNSTopicSSLPublishOnly",
    service: "sns",
    info: "The SNS topic's policy does not deny publishing without TLS.",
    explanation: "Messages published over plain HTTP can be read or changed in transit. Add a topic policy statement that denies sns:Publish when aws:SecureTransport is false.",
    resource_types: &["AWS::SNS::Topic"],
    check,
};

fn check(topic: &Resource, template: &Template) -> Outcome {
    if topic.prop("KmsMasterKeyId").is_some() {
        return Ok(Verdict::Compliant);
    }
    for policy in template.resources_of_type("AWS::SNS::TopicPolicy") {
        if !targets(
            policy.prop("Topics"),
            &topic.logical_id,
            topic.prop("TopicName"),
        )? {
            continue;
        }
        for statement in statements(policy.prop("PolicyDocument"))? {
            if denies_insecure_transport(statement, &["sns:publish"])? {
                return Ok(Verdict::Compliant);
            }
        }
    }
    Ok(Verdict::NonCompliant)
}
