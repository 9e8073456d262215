//! Intrinsic functions as cdk-nag sees them after `CfnInclude`: names are checked, the two
//! functions `CfnInclude` evaluates while parsing are evaluated (`Fn::Split` of a literal
//! string, `Fn::Select` of a literal index from a list without intrinsics), and everything
//! else stays as written. `CfnInclude` wraps the parts of an `Fn::Join` in a lazy list, so the
//! CDK does not merge adjacent literals or splice nested joins when it resolves them (a
//! template the CDK synthesized has its joins minimized already); `Ref` to parameters,
//! `Fn::Sub`, `Fn::If` and the string form `Fn::GetAtt: "A.B"` of `!GetAtt A.B` stay as they are.

use super::syntax::join_location;
use crate::error::NagError;
use crate::value::{Map, Value};

/// The intrinsic function keys CloudFormation accepts.
const KNOWN: &[&str] = &[
    "Ref",
    "Condition",
    "Fn::Base64",
    "Fn::Cidr",
    "Fn::FindInMap",
    "Fn::GetAtt",
    "Fn::GetAZs",
    "Fn::ImportValue",
    "Fn::Join",
    "Fn::Select",
    "Fn::Split",
    "Fn::Sub",
    "Fn::Transform",
    "Fn::If",
    "Fn::Equals",
    "Fn::And",
    "Fn::Or",
    "Fn::Not",
    "Fn::Length",
    "Fn::ToJsonString",
];

/// Checks and reduces every intrinsic inside `value`.
pub fn normalize(value: Value, origin: &str, location: &str) -> Result<Value, NagError> {
    match value {
        Value::Array(items) => Ok(Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(index, item)| normalize(item, origin, &format!("{location}[{index}]")))
                .collect::<Result<_, _>>()?,
        )),
        Value::Object(map) => normalize_object(map, origin, location),
        scalar => Ok(scalar),
    }
}

fn normalize_object(map: Map, origin: &str, location: &str) -> Result<Value, NagError> {
    let single_key = (map.len() == 1)
        .then(|| map.keys().next().cloned())
        .flatten();
    let mut normalized = Map::new();
    for (key, item) in map {
        let child = join_location(location, &key);
        normalized.insert(key, normalize(item, origin, &child)?);
    }
    let Some(key) = single_key else {
        return Ok(Value::Object(normalized));
    };
    if key.starts_with("Fn::") && !KNOWN.contains(&key.as_str()) {
        return Err(NagError::Structure {
            origin: origin.to_owned(),
            location: location.to_owned(),
            message: format!(
                "unknown intrinsic function `{key}`: CloudFormation has Fn::Base64, Fn::Cidr, Fn::FindInMap, Fn::GetAtt, Fn::GetAZs, Fn::ImportValue, Fn::Join, Fn::Select, Fn::Split, Fn::Sub, Fn::Transform, Fn::If, Fn::Equals, Fn::And, Fn::Or, Fn::Not, Fn::Length, Fn::ToJsonString (check the spelling)"
            ),
        });
    }
    Ok(evaluate(&key, normalized))
}

/// Whether a value is an intrinsic function call (what the CDK turns into a token).
pub(crate) fn is_intrinsic(value: &Value) -> bool {
    value.as_object().is_some_and(|map| {
        map.len() == 1
            && map
                .keys()
                .next()
                .is_some_and(|key| key == "Ref" || key == "Condition" || key.starts_with("Fn::"))
    })
}

/// `Fn::Split` and `Fn::Select` on literals, evaluated as the CDK's `Fn.split` / `Fn.select` do
/// while `CfnInclude` parses the template; anything else is returned unchanged.
fn evaluate(key: &str, call: Map) -> Value {
    let arguments = call.get(key).and_then(Value::as_array);
    match (key, arguments) {
        ("Fn::Split", Some([Value::String(delimiter), Value::String(source)])) => Value::Array(
            source
                .split(delimiter.as_str())
                .map(|part| Value::String(part.to_owned()))
                .collect(),
        ),
        ("Fn::Select", Some([index, Value::Array(items)]))
            if !is_intrinsic(index) && !items.iter().any(is_intrinsic) =>
        {
            match list_index(index).and_then(|index| items.get(index)) {
                Some(item) => item.clone(),
                None => Value::Object(call),
            }
        }
        _ => Value::Object(call),
    }
}

/// A JavaScript array index: a non-negative integer, or its canonical decimal text.
fn list_index(index: &Value) -> Option<usize> {
    match index {
        Value::Number(number) if number.fract() == 0.0 && *number >= 0.0 => Some(*number as usize),
        Value::String(text) => text
            .parse::<usize>()
            .ok()
            .filter(|parsed| parsed.to_string() == *text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(json: &str) -> String {
        normalize(serde_json::from_str(json).unwrap(), "t", "")
            .unwrap()
            .to_json()
    }

    #[test]
    fn joins_stay_as_written() {
        let join = r#"{"Fn::Join":["",["a","b",{"Ref":"X"},"c",{"Fn::Join":["",["d","e"]]}]]}"#;
        assert_eq!(reduce(join), join);
        assert_eq!(
            reduce(r#"{"Fn::Join":["-",["a","b"]]}"#),
            r#"{"Fn::Join":["-",["a","b"]]}"#
        );
    }

    #[test]
    fn literal_splits_and_selects_are_evaluated() {
        assert_eq!(reduce(r#"{"Fn::Split":[",","a,b"]}"#), r#"["a","b"]"#);
        assert_eq!(reduce(r#"{"Fn::Select":[1,["a","b"]]}"#), r#""b""#);
        assert_eq!(reduce(r#"{"Fn::Select":["0",["a","b"]]}"#), r#""a""#);
        assert_eq!(
            reduce(r#"{"Fn::Select":[0,{"Fn::Split":[",","x,y"]}]}"#),
            r#""x""#
        );
        for kept in [
            r#"{"Fn::Select":[3,["a","b"]]}"#,
            r#"{"Fn::Select":[0,[{"Ref":"S"},"b"]]}"#,
            r#"{"Fn::Select":[{"Ref":"N"},["a","b"]]}"#,
            r#"{"Fn::Select":[0,{"Fn::GetAZs":""}]}"#,
            r#"{"Fn::Split":[",",{"Ref":"S"}]}"#,
        ] {
            assert_eq!(reduce(kept), kept);
        }
    }

    #[test]
    fn dotted_get_att_stays_a_string() {
        assert_eq!(reduce(r#"{"Fn::GetAtt":"A.B"}"#), r#"{"Fn::GetAtt":"A.B"}"#);
    }

    #[test]
    fn unknown_intrinsics_are_errors() {
        let error = normalize(
            serde_json::from_str(r#"{"X":{"Fn::Concat":["a"]}}"#).unwrap(),
            "t.json",
            "Resources.R.Properties",
        )
        .unwrap_err();
        assert!(
            error.to_string().starts_with(
                "t.json: at Resources.R.Properties.X: unknown intrinsic function `Fn::Concat`"
            ),
            "{error}"
        );
    }
}
