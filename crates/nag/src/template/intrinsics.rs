//! Intrinsic functions as cdk-nag sees them after `CfnInclude`: names are
//! checked, and `Fn::Join` is reduced
//! the way the CDK token resolver reduces it (adjacent literal strings merged,
//! nested joins with the same delimiter spliced, a single part returned as is).
//! Everything else (`Ref` to parameters, `Fn::Sub`, `Fn::If`, the string form
//! `Fn::GetAtt: "A.B"` of `!GetAtt A.B`, ...) stays as written, exactly as cdk-nag sees it.

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
    let argument = normalized.swap_remove(&key).unwrap_or(Value::Null);
    Ok(match (key.as_str(), argument) {
        ("Fn::Join", Value::Array(arguments)) => reduce_join(arguments),
        (_, argument) => single(&key, argument),
    })
}

fn single(key: &str, argument: Value) -> Value {
    Value::Object(Map::from([(key.to_owned(), argument)]))
}

/// `Fn::Join` as the CDK resolver leaves it.
fn reduce_join(arguments: Vec<Value>) -> Value {
    let (Some(Value::String(delimiter)), Some(Value::Array(parts)), 2) =
        (arguments.first(), arguments.get(1), arguments.len())
    else {
        return single("Fn::Join", Value::Array(arguments));
    };
    let mut reduced: Vec<Value> = Vec::new();
    let mut pending: Vec<Value> = parts.iter().rev().cloned().collect();
    while let Some(part) = pending.pop() {
        if let Some(inner) = splicable_parts(&part, delimiter) {
            pending.extend(inner.iter().rev().cloned());
            continue;
        }
        match (reduced.last_mut(), &part) {
            (Some(Value::String(previous)), Value::String(text)) => {
                previous.push_str(delimiter);
                previous.push_str(text);
            }
            _ => reduced.push(part),
        }
    }
    if reduced.len() == 1 {
        return reduced.remove(0);
    }
    single(
        "Fn::Join",
        Value::Array(vec![
            Value::String(delimiter.clone()),
            Value::Array(reduced),
        ]),
    )
}

/// The parts of a nested `Fn::Join` that uses the same delimiter.
fn splicable_parts<'a>(part: &'a Value, delimiter: &str) -> Option<&'a [Value]> {
    let arguments = part.get("Fn::Join")?.as_array()?;
    if part.as_object()?.len() != 1 || arguments.first()?.as_str()? != delimiter {
        return None;
    }
    arguments.get(1)?.as_array()
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
    fn static_joins_become_strings() {
        assert_eq!(reduce(r#"{"Fn::Join":["-",["a","b"]]}"#), r#""a-b""#);
        assert_eq!(
            reduce(r#"{"Fn::Join":["",["a","b",{"Ref":"X"},"c",{"Fn::Join":["",["d","e"]]}]]}"#),
            r#"{"Fn::Join":["",["ab",{"Ref":"X"},"cde"]]}"#
        );
        assert_eq!(
            reduce(r#"{"Fn::Join":["",[{"Ref":"X"}]]}"#),
            r#"{"Ref":"X"}"#
        );
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
