//! Text to [`Value`]: JSON or YAML (detected), with CloudFormation's YAML
//! short-form tags (`!Ref`, `!GetAtt`, `!Sub`, ...) turned into their long form.

use crate::error::NagError;
use crate::value::{Map, Value};

/// Parses `text` as JSON when it starts with `{`, otherwise as YAML.
pub fn parse_document(text: &str, origin: &str) -> Result<Value, NagError> {
    let body = text.trim_start_matches('\u{feff}');
    if body.trim_start().starts_with('{') {
        serde_json::from_str(body).map_err(|error| NagError::Syntax {
            origin: origin.to_owned(),
            format: "JSON",
            line: error.line(),
            column: error.column(),
            message: strip_position(&error.to_string()),
        })
    } else {
        let yaml: serde_norway::Value = serde_norway::from_str(body).map_err(|error| {
            let (line, column) = error
                .location()
                .map_or((0, 0), |at| (at.line(), at.column()));
            NagError::Syntax {
                origin: origin.to_owned(),
                format: "YAML",
                line,
                column,
                message: strip_position(&error.to_string()),
            }
        })?;
        from_yaml(yaml, origin, "")
    }
}

/// Drops the parser's own " at line X column Y" suffix: the error names the position already.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message.to_owned(),
    }
}

/// The long-form key for a YAML short-form tag, or `None` for an unknown tag.
fn long_form(tag: &str) -> Option<String> {
    match tag {
        "Ref" | "Condition" => Some(tag.to_owned()),
        "Base64" | "Cidr" | "FindInMap" | "GetAtt" | "GetAZs" | "ImportValue" | "Join"
        | "Select" | "Split" | "Sub" | "Transform" | "If" | "Equals" | "And" | "Or" | "Not"
        | "Length" | "ToJsonString" => Some(format!("Fn::{tag}")),
        _ => None,
    }
}

fn from_yaml(yaml: serde_norway::Value, origin: &str, location: &str) -> Result<Value, NagError> {
    use serde_norway::Value as Yaml;
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(flag) => Value::Bool(flag),
        Yaml::Number(number) => Value::Number(number.as_f64().unwrap_or(f64::NAN)),
        Yaml::String(text) => Value::String(text),
        Yaml::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(index, item)| from_yaml(item, origin, &format!("{location}[{index}]")))
                .collect::<Result<_, _>>()?,
        ),
        Yaml::Mapping(mapping) => {
            let mut map = Map::new();
            for (key, item) in mapping {
                let key = match from_yaml(key, origin, location)? {
                    Value::String(text) => text,
                    other => other.to_js_string(),
                };
                let child = join_location(location, &key);
                map.insert(key, from_yaml(item, origin, &child)?);
            }
            Value::Object(map)
        }
        Yaml::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            let name = tag.trim_start_matches('!');
            let key = long_form(name).ok_or_else(|| NagError::Structure {
                origin: origin.to_owned(),
                location: location.to_owned(),
                message: format!(
                    "unknown YAML tag `{tag}`: CloudFormation short forms are !Ref, !GetAtt, !Sub, !Join, !If, !Select, !Split, !ImportValue, !FindInMap, !Base64, !Equals, !And, !Or, !Not, !Condition, !GetAZs, !Cidr, !Transform"
                ),
            })?;
            let inner = from_yaml(tagged.value, origin, &join_location(location, &key))?;
            Value::Object(Map::from([(key, inner)]))
        }
    })
}

/// `parent.child`, or `child` at the top.
pub fn join_location(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_owned()
    } else {
        format!("{parent}.{child}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_short_tags_become_long_form() {
        let value = parse_document(
            "A: !Ref X\nB: !GetAtt R.Arn\nC: !Sub 'a-${X}'\nD: !Join ['', [a, !Ref Y]]\n",
            "t.yaml",
        )
        .unwrap();
        assert_eq!(
            value.to_json(),
            r#"{"A":{"Ref":"X"},"B":{"Fn::GetAtt":"R.Arn"},"C":{"Fn::Sub":"a-${X}"},"D":{"Fn::Join":["",["a",{"Ref":"Y"}]]}}"#
        );
    }

    #[test]
    fn json_errors_name_line_and_column() {
        let error = parse_document("{\n  \"A\": [1,\n}", "bad.json").unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("bad.json:3:1: not valid JSON"), "{text}");
    }

    #[test]
    fn yaml_errors_name_line_and_column() {
        let error = parse_document("A: [1, 2\nB: c", "bad.yaml").unwrap_err();
        assert!(error.to_string().starts_with("bad.yaml:"), "{error}");
        assert!(error.to_string().contains("not valid YAML"), "{error}");
    }

    #[test]
    fn unknown_tags_are_errors() {
        let error = parse_document("A: !Bogus x\n", "t.yaml").unwrap_err();
        assert!(
            error.to_string().contains("unknown YAML tag `!Bogus`"),
            "{error}"
        );
    }
}
