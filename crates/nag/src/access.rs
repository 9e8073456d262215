//! Reading template values with the semantics of cdk-nag's JavaScript: what is
//! truthy, what throws (making the rule `UNKNOWN`), how intrinsics resolve.

use crate::rule::Unresolvable;
use crate::value::Value;

/// A value that may be absent (JavaScript `undefined`).
pub type Slot<'a> = Option<&'a Value>;

/// JavaScript truthiness of a possibly absent value.
pub fn truthy(value: Slot) -> bool {
    value.is_some_and(Value::is_truthy)
}

/// `value == undefined` in JavaScript: absent or `null`.
pub fn is_nullish(value: Slot) -> bool {
    matches!(value, None | Some(Value::Null))
}

/// `value.key`: throws (unresolvable) when `value` is absent or `null`.
pub fn member<'a>(value: Slot<'a>, key: &str) -> Result<Slot<'a>, Unresolvable> {
    match value {
        None | Some(Value::Null) => Err(Unresolvable(format!(
            "Cannot read properties of undefined (reading '{key}')"
        ))),
        Some(value) => Ok(value.get(key)),
    }
}

/// `value?.key`.
pub fn maybe<'a>(value: Slot<'a>, key: &str) -> Slot<'a> {
    value.and_then(|value| value.get(key))
}

/// cdk-nag's `resolveIfPrimitive`: lists and objects (unresolved intrinsics) cannot be evaluated.
pub fn primitive(value: Slot) -> Result<Slot, Unresolvable> {
    match value {
        Some(composite) if composite.is_composite() => Err(Unresolvable(format!(
            "The parameter resolved to to a non-primitive value \"{}\", therefore the rule could not be validated.",
            composite.to_json()
        ))),
        other => Ok(other),
    }
}

/// `resolveIfPrimitive(value) === text`.
pub fn primitive_is(value: Slot, text: &str) -> Result<bool, Unresolvable> {
    Ok(primitive(value)?.and_then(Value::as_str) == Some(text))
}

/// cdk-nag's `resolveResourceFromIntrinsic`: the logical id behind a `Ref` or
/// `Fn::GetAtt`, else the value itself.
pub fn referenced(value: Slot) -> Slot {
    let reference = value.and_then(|value| value.get("Ref"));
    if !is_nullish(reference) {
        return reference;
    }
    match value
        .and_then(|value| value.get("Fn::GetAtt"))
        .and_then(Value::as_array)
    {
        Some([first, ..]) => Some(first),
        _ => value,
    }
}

/// JavaScript `===` between two possibly absent values (objects are never equal).
pub fn same(left: Slot, right: Slot) -> bool {
    match (left, right) {
        (None, None) => true,
        (Some(left), Some(right)) => !left.is_composite() && left == right,
        _ => false,
    }
}

/// Whether the value is the string `text`.
pub fn is_str(value: Slot, text: &str) -> bool {
    value.and_then(Value::as_str) == Some(text)
}

/// A boolean property as the CDK reads it: `true`/`false` or the strings `"true"`/`"false"`.
pub fn flag(value: Slot) -> Option<bool> {
    match value? {
        Value::Bool(flag) => Some(*flag),
        Value::String(text) if text == "true" => Some(true),
        Value::String(text) if text == "false" => Some(false),
        _ => None,
    }
}

/// JavaScript truthiness of a boolean property as the CDK reads it (`"false"` is false).
pub fn truthy_flag(value: Slot) -> bool {
    flag(value).unwrap_or_else(|| truthy(value))
}

/// A numeric property as the CDK reads it: a number or a numeric string.
pub fn number(value: Slot) -> Option<f64> {
    match value? {
        Value::Number(number) => Some(*number),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// The value as a string for a JavaScript string method call (`value.toLowerCase()`):
/// throws when it is not a string.
pub fn text<'a>(value: Slot<'a>) -> Result<&'a str, Unresolvable> {
    match value {
        Some(Value::String(text)) => Ok(text),
        other => Err(Unresolvable(format!(
            "{} has no string methods",
            other.map_or("undefined".to_owned(), Value::to_json)
        ))),
    }
}

/// `for (const item of value)`: throws unless the value is a list.
pub fn items<'a>(value: Slot<'a>) -> Result<&'a [Value], Unresolvable> {
    match value {
        Some(Value::Array(items)) => Ok(items),
        other => Err(Unresolvable(format!(
            "{} is not iterable",
            other.map_or("undefined".to_owned(), Value::to_json)
        ))),
    }
}

/// A list, or a single value as a one-item list (cdk-nag's `normalizeArray`); absent is empty.
pub fn as_list<'a>(value: Slot<'a>) -> Vec<&'a Value> {
    match value {
        None => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(single) => vec![single],
    }
}

/// JavaScript `new RegExp(`${pattern}(?![\\w<extra>])`).test(haystack)`: `pattern` (a logical
/// id or name, used as a regular expression like cdk-nag does) occurs not followed by a word
/// character or one of `extra`.
pub fn mentions(haystack: &str, pattern: &str, extra: &str) -> Result<bool, Unresolvable> {
    let escaped: String = extra.chars().flat_map(|c| ['\\', c]).collect();
    let class = format!("A-Za-z0-9_{escaped}");
    regex::Regex::new(&format!("(?:{pattern})(?:$|[^{class}])"))
        .map(|regex| regex.is_match(haystack))
        .map_err(|error| Unresolvable(error.to_string()))
}

/// A value interpolated in a JavaScript template literal (`${value}`): absent is `undefined`.
pub fn js_template(value: Slot) -> String {
    value.map_or_else(|| "undefined".to_owned(), Value::to_js_string)
}

/// A string property as `CfnInclude` types it: numbers and booleans become their text.
pub fn string_of(value: Slot) -> Option<String> {
    match value? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(crate::value::js_number(*number)),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// JavaScript `Number(value)` of a primitive: `NaN` when it is not numeric.
pub fn js_to_number(value: Slot) -> f64 {
    match value {
        None => f64::NAN,
        Some(Value::Null) => 0.0,
        Some(Value::Bool(flag)) => f64::from(u8::from(*flag)),
        Some(Value::Number(number)) => *number,
        Some(Value::String(text)) => {
            let text = text.trim();
            if text.is_empty() {
                0.0
            } else {
                text.parse().unwrap_or(f64::NAN)
            }
        }
        Some(_) => f64::NAN,
    }
}

/// JavaScript `value == number` (loose equality with a number literal).
pub fn loose_eq_number(value: Slot, number: f64) -> bool {
    !is_nullish(value) && js_to_number(value) == number
}

/// JavaScript `value < number` (absent compares as `NaN`, so it is never less).
pub fn less_than(value: Slot, number: f64) -> bool {
    js_to_number(value) < number
}

/// JavaScript `value == true` for a boolean property as `CfnInclude` types it.
pub fn loose_true(value: Slot) -> bool {
    flag(value).unwrap_or_else(|| loose_eq_number(value, 1.0))
}

/// JavaScript `value == false` for a boolean property as `CfnInclude` types it.
pub fn loose_false(value: Slot) -> bool {
    flag(value).map_or_else(|| loose_eq_number(value, 0.0), |flag| !flag)
}

/// JavaScript `value.length` of a resolved value: lists and strings have one.
pub fn js_length(value: Slot) -> Option<usize> {
    match value? {
        Value::Array(items) => Some(items.len()),
        Value::String(text) => Some(text.encode_utf16().count()),
        _ => None,
    }
}

/// The `length` of a list property as the CDK holds it before resolving (`node.subnets.length`):
/// a literal list has its length; `Fn::GetAZs`, `Fn::Split` and `Fn::Cidr` are one-item token
/// lists; other intrinsics (`Ref`, `Fn::If`, ...) are objects without a length.
pub fn raw_list_length(value: Slot) -> Option<usize> {
    match value? {
        Value::Array(items) => Some(items.len()),
        Value::String(text) => Some(text.encode_utf16().count()),
        Value::Object(map)
            if map.len() == 1
                && ["Fn::GetAZs", "Fn::Split", "Fn::Cidr"]
                    .iter()
                    .any(|function| map.contains_key(*function)) =>
        {
            Some(1)
        }
        _ => None,
    }
}

/// JavaScript `parseInt(String(value))`: the leading integer of the text, else `NaN`.
pub fn js_parse_int(value: Slot) -> f64 {
    let text = js_template(value);
    let text = text.trim_start();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, text.strip_prefix('+').unwrap_or(text)),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    digits[..end]
        .parse::<f64>()
        .map_or(f64::NAN, |number| sign * number)
}

/// JavaScript `value <= number` (absent compares as `NaN`, so it is never at most anything).
pub fn at_most(value: Slot, number: f64) -> bool {
    js_to_number(value) <= number
}

/// JavaScript `value.includes(item)` on a resolved value: a list holds the string, or a
/// string contains it; anything else throws.
pub fn includes(value: Slot, item: &str) -> Result<bool, Unresolvable> {
    match value {
        Some(Value::Array(items)) => Ok(items.iter().any(|entry| entry.as_str() == Some(item))),
        Some(Value::String(text)) => Ok(text.contains(item)),
        other => Err(Unresolvable(format!(
            "{}.includes is not a function",
            js_template(other)
        ))),
    }
}

/// Turns a reference into a flat string for suppression matching (cdk-nag's `flattenCfnReference`):
/// `Fn::Sub` placeholders become `<...>`, `Ref`/`Fn::GetAtt` become `<Id>` / `<Id.Attr>`.
pub fn flatten_reference(value: Slot) -> String {
    let Some(value) = value else {
        return String::new();
    };
    if let Value::String(text) = value {
        return text.replace("${", "<").replace('}', ">");
    }
    let field = |key: &str| value.get(key).filter(|inner| inner.is_truthy());
    if let Some(join) = field("Fn::Join") {
        let delimiter = join.as_array().and_then(|parts| parts.first());
        let parts = join
            .as_array()
            .and_then(|parts| parts.get(1))
            .and_then(Value::as_array);
        if let (Some(delimiter), Some(parts)) = (delimiter, parts) {
            let flat: Vec<String> = parts
                .iter()
                .map(|part| flatten_reference(Some(part)))
                .collect();
            return flat.join(&delimiter.to_js_string());
        }
    } else if let Some(sub) = field("Fn::Sub") {
        return flatten_reference(Some(sub));
    } else if let Some(get_att) = field("Fn::GetAtt") {
        // JavaScript destructures a dotted string `"A.B"` character by character.
        let characters: Vec<Value> = get_att.as_str().map_or_else(Vec::new, |dotted| {
            dotted
                .chars()
                .map(|c| Value::String(c.to_string()))
                .collect()
        });
        let parts = get_att.as_array().unwrap_or(&characters);
        let part = |index: usize| flatten_reference(parts.get(index));
        return format!("<{}.{}>", part(0), part(1));
    } else if let Some(import) = field("Fn::ImportValue") {
        return flatten_reference(Some(import));
    } else if let Some(reference) = field("Ref") {
        return format!("<{}>", flatten_reference(Some(reference)));
    }
    value.to_json()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn flattens_references_like_cdk_nag() {
        let value = json(
            r#"{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":s3:::",{"Fn::GetAtt":["B","Arn"]},"/*"]]}"#,
        );
        assert_eq!(
            flatten_reference(Some(&value)),
            "arn:<AWS::Partition>:s3:::<B.Arn>/*"
        );
        assert_eq!(
            flatten_reference(Some(&json(r#"{"Fn::Sub":"arn:${AWS::Region}:*"}"#))),
            "arn:<AWS::Region>:*"
        );
        assert_eq!(flatten_reference(Some(&json("[1]"))), "[1]");
        assert_eq!(
            flatten_reference(Some(&json(r#"{"Fn::GetAtt":"Bucket.Arn"}"#))),
            "<B.u>"
        );
    }

    #[test]
    fn mentions_needs_a_word_boundary_after() {
        assert!(mentions(r#"{"Ref":"Group"}"#, "Group", "").unwrap());
        assert!(!mentions(r#"{"Ref":"GroupB"}"#, "Group", "").unwrap());
        assert!(!mentions("name-x", "name", "-_.").unwrap());
        assert!(mentions("name", "name", "-_.").unwrap());
    }

    #[test]
    fn resolves_referenced_logical_ids() {
        assert_eq!(
            referenced(Some(&json(r#"{"Ref":"B"}"#))),
            Some(&Value::from("B"))
        );
        assert_eq!(
            referenced(Some(&json(r#"{"Fn::GetAtt":["K","Arn"]}"#))),
            Some(&Value::from("K"))
        );
        assert_eq!(referenced(Some(&Value::from("x"))), Some(&Value::from("x")));
    }

    #[test]
    fn primitives_and_members_throw_like_javascript() {
        assert!(primitive(Some(&json(r#"{"Ref":"P"}"#))).is_err());
        assert_eq!(primitive(None), Ok(None));
        assert!(member(None, "x").is_err());
        assert_eq!(member(Some(&Value::from("s")), "x"), Ok(None));
    }
}
