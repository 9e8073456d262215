//! Intrinsic functions and pseudo parameters, as JSON values.

use serde_json::{Value, json};

/// `{"Ref": id}`: a resource's primary id, a parameter's value or a pseudo parameter.
pub fn ref_(id: &str) -> Value {
    json!({ "Ref": id })
}

/// `{"Fn::GetAtt": [id, attribute]}`.
pub fn get_att(id: &str, attribute: &str) -> Value {
    json!({ "Fn::GetAtt": [id, attribute] })
}

/// `{"Fn::Sub": text}` with `${AWS::Region}`-style placeholders.
pub fn sub(text: &str) -> Value {
    json!({ "Fn::Sub": text })
}

/// `text` as is, or as `Fn::Sub` when it holds `${…}` placeholders.
pub fn text(text: &str) -> Value {
    if text.contains("${") {
        sub(text)
    } else {
        json!(text)
    }
}

/// `{"Fn::Join": [separator, parts]}`.
pub fn join(separator: &str, parts: Vec<Value>) -> Value {
    json!({ "Fn::Join": [separator, parts] })
}

/// `{"Fn::ImportValue": name}`: the value another stack exported as `name`.
pub fn import_value(name: &str) -> Value {
    json!({ "Fn::ImportValue": name })
}

/// `{"Fn::If": [condition, then, otherwise]}`.
pub fn if_(condition: &str, then: Value, otherwise: Value) -> Value {
    json!({ "Fn::If": [condition, then, otherwise] })
}

/// `{"Fn::Equals": [a, b]}` (for conditions).
pub fn equals(a: Value, b: Value) -> Value {
    json!({ "Fn::Equals": [a, b] })
}

/// `{"Fn::Not": [condition]}` (for conditions).
pub fn not(condition: Value) -> Value {
    json!({ "Fn::Not": [condition] })
}

/// `{"Fn::Select": [index, list]}`.
pub fn select(index: usize, list: Value) -> Value {
    json!({ "Fn::Select": [index.to_string(), list] })
}

/// `{"Fn::GetAZs": ""}`: the availability zones of the stack's region.
pub fn get_azs() -> Value {
    json!({ "Fn::GetAZs": "" })
}

/// The `AWS::AccountId` pseudo parameter.
pub fn account_id() -> Value {
    ref_("AWS::AccountId")
}

/// The `AWS::Region` pseudo parameter.
pub fn region() -> Value {
    ref_("AWS::Region")
}

/// `arn:${AWS::Partition}:…` built from a `Fn::Sub` text after the partition,
/// e.g. `arn("iam::aws:policy/X")`.
pub fn arn(rest: &str) -> Value {
    sub(&format!("arn:${{AWS::Partition}}:{rest}"))
}

/// A Secrets Manager dynamic reference to a JSON key of a secret:
/// `{{resolve:secretsmanager:<secret>:SecretString:<key>}}`.
pub fn secret_field(secret: &Value, key: &str) -> Value {
    join(
        "",
        vec![
            json!("{{resolve:secretsmanager:"),
            secret.clone(),
            json!(format!(":SecretString:{key}}}}}")),
        ],
    )
}
