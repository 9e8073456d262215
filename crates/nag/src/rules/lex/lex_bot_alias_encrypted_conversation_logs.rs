//! Lex bot conversation logs (audio and text) are encrypted with KMS keys.

use crate::rule::prelude::*;

/// Lex bot conversation logs (audio and text) are encrypted with KMS keys.
pub static RULE: Rule = Rule {
    name: "LexBotAliasEncryptedConversationLogs",
    service: "lex",
    info: "The Lex bot alias writes conversation logs that are not encrypted with a KMS key.",
    explanation: "Conversation logs can hold personal data spoken or typed by users. Give audio log buckets a KmsKeyArn and write text logs to a log group that has a KmsKeyId.",
    resource_types: &["AWS::Lex::BotAlias", "AWS::Lex::Bot"],
    check,
};

fn check(resource: &Resource, template: &Template) -> Outcome {
    let settings = if resource.resource_type == "AWS::Lex::BotAlias" {
        resource.prop("ConversationLogSettings")
    } else {
        maybe(
            resource.prop("TestBotAliasSettings"),
            "ConversationLogSettings",
        )
    };
    if settings.is_none() {
        return Ok(Verdict::Compliant);
    }
    let audio = member(settings, "AudioLogSettings")?;
    if !is_nullish(audio) {
        for log in items(audio)? {
            if flag(member(Some(log), "Enabled")?) == Some(true) {
                let bucket = member(member(Some(log), "Destination")?, "S3Bucket")?;
                if member(bucket, "KmsKeyArn")?.is_none() {
                    return Ok(Verdict::NonCompliant);
                }
            }
        }
    }
    let text_logs = member(settings, "TextLogSettings")?;
    if !is_nullish(text_logs) {
        for log in items(text_logs)? {
            if flag(member(Some(log), "Enabled")?) != Some(true) {
                continue;
            }
            let cloud_watch = member(member(Some(log), "Destination")?, "CloudWatch")?;
            let group_id = referenced(member(cloud_watch, "CloudWatchLogGroupArn")?);
            let group = template
                .resources_of_type("AWS::Logs::LogGroup")
                .find(|group| same(group_id, Some(&Value::String(group.logical_id.clone()))));
            match group {
                Some(group) if group.prop("KmsKeyId").is_none() => {
                    return Ok(Verdict::NonCompliant);
                }
                Some(_) => {}
                None => {
                    return Err(Unresolvable(format!(
                        "the log group {} of a text log destination is not in the template",
                        js_template(group_id)
                    )));
                }
            }
        }
    }
    Ok(Verdict::Compliant)
}
