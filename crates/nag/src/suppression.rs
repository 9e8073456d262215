//! cdk-nag suppressions: `Metadata.cdk_nag.rules_to_suppress` on a resource or
//! on the whole template, with cdk-nag's validation and matching.

use crate::error::NagError;
use crate::value::Value;
use regex::Regex;

/// The id that suppresses a rule which could not be evaluated (cdk-nag's `CdkNagValidationFailure`).
pub const VALIDATION_FAILURE_ID: &str = "CdkNagValidationFailure";

/// One entry of `rules_to_suppress`.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// The rule id it suppresses, e.g. `AwsSolutions-IAM5`.
    pub id: String,
    /// Why the finding is acceptable (at least 10 characters).
    pub reason: String,
    /// Granular findings it is limited to; `None` suppresses every finding of the rule.
    pub applies_to: Option<Vec<AppliesTo>>,
}

/// One granular finding pattern of a suppression.
#[derive(Debug, Clone)]
pub enum AppliesTo {
    /// Matches a finding id exactly, e.g. `Action::s3:*`.
    Exact(String),
    /// `{regex: "/.../flags"}`: matches finding ids the regular expression finds a match in.
    Pattern(Regex),
}

impl Suppression {
    /// Whether this suppression covers `finding_id` of `rule_id` (cdk-nag's `doesApply`).
    pub fn applies(&self, rule_id: &str, finding_id: &str) -> bool {
        if self.id != rule_id {
            return false;
        }
        match &self.applies_to {
            None => true,
            Some(patterns) => {
                !finding_id.is_empty()
                    && patterns.iter().any(|pattern| match pattern {
                        AppliesTo::Exact(text) => text == finding_id,
                        AppliesTo::Pattern(regex) => regex.is_match(finding_id),
                    })
            }
        }
    }

    /// The reason as written to reports: granular suppressions prefix the finding.
    pub fn reported_reason(&self, finding_id: &str) -> String {
        match self.applies_to {
            None => self.reason.clone(),
            Some(_) => format!("[{finding_id}] {}", self.reason),
        }
    }
}

/// Reads the suppressions in a `Metadata` object; `subject` names the owner in errors.
pub fn read_suppressions(
    metadata: Option<&Value>,
    origin: &str,
    subject: &str,
) -> Result<Vec<Suppression>, NagError> {
    let invalid = |message: String| NagError::InvalidSuppression {
        origin: origin.to_owned(),
        subject: subject.to_owned(),
        message,
    };
    let Some(entries) = metadata
        .and_then(|metadata| metadata.get("cdk_nag"))
        .and_then(|cdk_nag| cdk_nag.get("rules_to_suppress"))
    else {
        return Ok(Vec::new());
    };
    let entries = entries.as_array().ok_or_else(|| {
        invalid(
            "`Metadata.cdk_nag.rules_to_suppress` must be a list of {id, reason, applies_to}"
                .to_owned(),
        )
    })?;
    let mut suppressions = Vec::new();
    let mut errors = String::new();
    for entry in entries {
        let id = entry.get("id").and_then(Value::as_str).ok_or_else(|| {
            invalid("every suppression needs an `id` string, e.g. `AwsSolutions-S1`".to_owned())
        })?;
        let reason = decoded_reason(entry).ok_or_else(|| {
            invalid(format!(
                "the suppression with 'id' {id} needs a `reason` string"
            ))
        })?;
        let (applies_to, pattern_errors) = read_applies_to(entry.get("applies_to"));
        let problems = format_problems(id, &reason, &pattern_errors);
        if problems.is_empty() {
            suppressions.push(Suppression {
                id: id.to_owned(),
                reason,
                applies_to,
            });
        } else {
            errors.push_str(&problems);
        }
    }
    if errors.is_empty() {
        Ok(suppressions)
    } else {
        Err(invalid(format!(
            "{errors}\nSee https://github.com/cdklabs/cdk-nag#suppressing-a-rule for information on suppressing a rule."
        )))
    }
}

/// The reason, base64-decoded when `is_reason_encoded` is set.
fn decoded_reason(entry: &Value) -> Option<String> {
    let reason = entry.get("reason")?.as_str()?;
    if entry.get("is_reason_encoded").is_some_and(Value::is_truthy) {
        decode_base64(reason)
    } else {
        Some(reason.to_owned())
    }
}

/// cdk-nag's format checks for one suppression; empty when it is valid.
fn format_problems(id: &str, reason: &str, pattern_errors: &[String]) -> String {
    let mut problems = String::new();
    if let Some(start) = id.find('[')
        && let Some(length) = id[start..].rfind(']')
    {
        let finding = &id[start..=start + length];
        problems.push_str(&format!(
            "The suppression 'id' contains a finding '{finding}. A finding must be suppressed using 'applies_to'."
        ));
    }
    if reason.encode_utf16().count() < 10 {
        problems.push_str("The suppression must have a 'reason' of 10 characters or more.");
    }
    for error in pattern_errors {
        problems.push_str(error);
    }
    if problems.is_empty() {
        problems
    } else {
        format!("\n\tError(s) detected in suppression with 'id' {id}. {problems}")
    }
}

/// The `applies_to` patterns and any regular expressions that failed to compile.
fn read_applies_to(value: Option<&Value>) -> (Option<Vec<AppliesTo>>, Vec<String>) {
    let Some(value) = value.filter(|value| value.is_truthy()) else {
        return (None, Vec::new());
    };
    let mut patterns = Vec::new();
    let mut errors = Vec::new();
    for item in value.as_array().unwrap_or(&[]) {
        match item {
            Value::String(text) => patterns.push(AppliesTo::Exact(text.clone())),
            other => {
                let source = other
                    .get("regex")
                    .map(Value::to_js_string)
                    .unwrap_or_default();
                match javascript_regex(&source) {
                    Some(regex) => patterns.push(AppliesTo::Pattern(regex)),
                    None => errors.push(format!("Invalid regular expression [{source}]")),
                }
            }
        }
    }
    (Some(patterns), errors)
}

/// Compiles a `/pattern/flags` regular expression literal.
fn javascript_regex(literal: &str) -> Option<Regex> {
    let start = literal.find('/')?;
    let end = literal.rfind('/').filter(|end| *end > start)?;
    let (pattern, flags) = (&literal[start + 1..end], &literal[end + 1..]);
    let mut inline = String::new();
    for flag in flags.chars() {
        match flag {
            'i' | 'm' | 's' => inline.push(flag),
            'g' | 'u' | 'y' | 'd' | 'v' => {}
            _ => return None,
        }
    }
    let pattern = if inline.is_empty() {
        pattern.to_owned()
    } else {
        format!("(?{inline}){pattern}")
    };
    Regex::new(&pattern).ok()
}

/// Standard base64 (as Node's `Buffer.from(text, 'base64')`, which skips invalid characters).
fn decode_base64(text: &str) -> Option<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bytes = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for symbol in text.bytes().take_while(|byte| *byte != b'=') {
        let Some(index) = ALPHABET.iter().position(|candidate| *candidate == symbol) else {
            continue;
        };
        buffer = (buffer << 6) | index as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Vec<Suppression>, NagError> {
        let metadata: Value = serde_json::from_str(json).unwrap();
        read_suppressions(Some(&metadata), "t.json", "Bucket")
    }

    #[test]
    fn short_reasons_are_rejected() {
        let error = read(
            r#"{"cdk_nag":{"rules_to_suppress":[{"id":"AwsSolutions-S1","reason":"short"}]}}"#,
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("Error(s) detected in suppression with 'id' AwsSolutions-S1. The suppression must have a 'reason' of 10 characters or more."),
            "{error}"
        );
    }

    #[test]
    fn findings_in_ids_are_rejected() {
        let error = read(
            r#"{"cdk_nag":{"rules_to_suppress":[{"id":"AwsSolutions-IAM5[Action::s3:*]","reason":"long enough reason"}]}}"#,
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("contains a finding '[Action::s3:*]."),
            "{error}"
        );
    }

    #[test]
    fn granular_suppressions_match_exact_and_regex_findings() {
        let suppressions = read(
            r#"{"cdk_nag":{"rules_to_suppress":[{"id":"AwsSolutions-IAM5","reason":"needed for the data lake","applies_to":["Action::s3:*",{"regex":"/^Resource::arn:aws:s3:::lake-.*$/i"}]}]}}"#,
        )
        .unwrap();
        let suppression = &suppressions[0];
        assert!(suppression.applies("AwsSolutions-IAM5", "Action::s3:*"));
        assert!(suppression.applies("AwsSolutions-IAM5", "Resource::ARN:AWS:S3:::LAKE-x/*"));
        assert!(!suppression.applies("AwsSolutions-IAM5", "Action::kms:*"));
        assert!(!suppression.applies("AwsSolutions-IAM5", ""));
        assert!(!suppression.applies("AwsSolutions-IAM4", "Action::s3:*"));
        assert_eq!(
            suppression.reported_reason("Action::s3:*"),
            "[Action::s3:*] needed for the data lake"
        );
    }

    #[test]
    fn invalid_regex_is_rejected() {
        let error = read(
            r#"{"cdk_nag":{"rules_to_suppress":[{"id":"AwsSolutions-IAM5","reason":"long enough reason","applies_to":[{"regex":"no slashes"}]}]}}"#,
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("Invalid regular expression [no slashes]"),
            "{error}"
        );
    }

    #[test]
    fn encoded_reasons_are_decoded() {
        let suppressions = read(
            r#"{"cdk_nag":{"rules_to_suppress":[{"id":"AwsSolutions-S1","reason":"w6TDpGtrw7ZzZWxsaW5lbiBzeXk=","is_reason_encoded":true}]}}"#,
        )
        .unwrap();
        assert_eq!(suppressions[0].reason, "ääkkösellinen syy");
    }
}
