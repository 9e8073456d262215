//! A CloudFormation template, read the way cdk-nag sees it through `CfnInclude`.

mod intrinsics;
mod syntax;

use crate::error::NagError;
use crate::suppression::{Suppression, read_suppressions};
use crate::value::{Map, Value};
use std::path::Path;

/// A parsed template: its resources in source order, with their suppressions.
#[derive(Debug, Clone)]
pub struct Template {
    /// Where the template came from (a path, or any label given to [`Template::parse`]).
    pub origin: String,
    /// The stack name used in report file names (the origin's file stem without `.template`).
    pub stack_name: String,
    /// The `Parameters` section.
    pub parameters: Map,
    /// Every resource, in template order.
    pub resources: Vec<Resource>,
    /// Suppressions in the template's top-level `Metadata`, applying to every resource.
    pub stack_suppressions: Vec<Suppression>,
}

/// One entry of `Resources`.
#[derive(Debug, Clone)]
pub struct Resource {
    /// The logical id (the key under `Resources`).
    pub logical_id: String,
    /// The resource type, e.g. `AWS::S3::Bucket`.
    pub resource_type: String,
    /// The construct path reported by cdk-nag: `Metadata.aws:cdk:path`, else `<stack>/<logical id>`.
    pub path: String,
    /// `Properties`, with intrinsics normalised (empty when absent).
    pub properties: Map,
    /// The resource's own cdk-nag suppressions.
    pub suppressions: Vec<Suppression>,
}

impl Resource {
    /// The property `name` (CloudFormation spelling), if present.
    pub fn prop(&self, name: &str) -> Option<&Value> {
        self.properties.get(name)
    }

    /// `{"Ref": logical_id}`, the reference cdk-nag compares other resources' references against.
    pub fn reference(&self) -> Value {
        Value::Object(Map::from([(
            "Ref".to_owned(),
            Value::String(self.logical_id.clone()),
        )]))
    }
}

/// Resource types cdk-nag never visits (the CDK adds them after the rules ran).
const NOT_VISITED: &[&str] = &["AWS::CDK::Metadata"];

impl Template {
    /// Reads and parses the template at `path`.
    pub fn load(path: impl AsRef<Path>) -> Result<Template, NagError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| NagError::Io {
            path: path.to_owned(),
            source,
        })?;
        Template::parse(&text, &path.display().to_string())
    }

    /// Parses a JSON or YAML template; `origin` names it in errors and gives the stack name.
    pub fn parse(text: &str, origin: &str) -> Result<Template, NagError> {
        let document = syntax::parse_document(text, origin)?;
        let structure = |location: &str, message: &str| NagError::Structure {
            origin: origin.to_owned(),
            location: location.to_owned(),
            message: message.to_owned(),
        };
        let Value::Object(mut top) = document else {
            return Err(structure(
                "(top level)",
                "a template must be an object with a `Resources` section",
            ));
        };
        let stack_name = stack_name_of(origin);
        let resources = match top.swap_remove("Resources") {
            Some(Value::Object(resources)) => resources,
            Some(_) => {
                return Err(structure(
                    "Resources",
                    "`Resources` must be an object of logical id to resource",
                ));
            }
            None => {
                return Err(structure(
                    "(top level)",
                    "the template has no `Resources` section; is this a CloudFormation template?",
                ));
            }
        };
        let parameters = match top.swap_remove("Parameters") {
            Some(Value::Object(parameters)) => parameters,
            _ => Map::new(),
        };
        let stack_suppressions = read_suppressions(top.get("Metadata"), origin, "Metadata")?;
        let resources = resources
            .into_iter()
            .map(|(logical_id, body)| read_resource(logical_id, body, origin, &stack_name))
            .filter(|resource| {
                resource.as_ref().map_or(true, |resource| {
                    !NOT_VISITED.contains(&resource.resource_type.as_str())
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Template {
            origin: origin.to_owned(),
            stack_name,
            parameters,
            resources,
            stack_suppressions,
        })
    }

    /// The resources of one type, in template order.
    pub fn resources_of_type<'a>(
        &'a self,
        resource_type: &'a str,
    ) -> impl Iterator<Item = &'a Resource> + 'a {
        self.resources
            .iter()
            .filter(move |resource| resource.resource_type == resource_type)
    }

    /// A copy where every `Ref` to a parameter with a `Default` is replaced by that default,
    /// as `CfnInclude`'s `parameters` option would (cdk-nag itself leaves such `Ref`s unresolved).
    pub fn with_parameter_defaults(&self) -> Template {
        let mut copy = self.clone();
        for resource in &mut copy.resources {
            for value in resource.properties.values_mut() {
                substitute_defaults(value, &self.parameters);
            }
        }
        copy
    }
}

fn substitute_defaults(value: &mut Value, parameters: &Map) {
    if let Some(default) = value
        .get("Ref")
        .and_then(Value::as_str)
        .and_then(|name| parameters.get(name))
        .and_then(|parameter| parameter.get("Default"))
        .filter(|_| value.as_object().is_some_and(|map| map.len() == 1))
    {
        *value = default.clone();
        return;
    }
    match value {
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| substitute_defaults(item, parameters)),
        Value::Object(map) => map
            .values_mut()
            .for_each(|item| substitute_defaults(item, parameters)),
        _ => {}
    }
}

fn read_resource(
    logical_id: String,
    body: Value,
    origin: &str,
    stack_name: &str,
) -> Result<Resource, NagError> {
    let location = format!("Resources.{logical_id}");
    let structure = |location: String, message: &str| NagError::Structure {
        origin: origin.to_owned(),
        location,
        message: message.to_owned(),
    };
    let Value::Object(mut body) = body else {
        return Err(structure(
            location,
            "a resource must be an object with `Type` and `Properties`",
        ));
    };
    let resource_type = match body.get("Type") {
        Some(Value::String(resource_type)) => resource_type.clone(),
        _ => {
            return Err(structure(
                location,
                "the resource has no `Type` string (e.g. `Type: AWS::S3::Bucket`)",
            ));
        }
    };
    let properties = match body.swap_remove("Properties") {
        None | Some(Value::Null) => Map::new(),
        Some(properties @ Value::Object(_)) => {
            match intrinsics::normalize(properties, origin, &format!("{location}.Properties"))? {
                Value::Object(properties) => properties,
                _ => Map::new(),
            }
        }
        Some(_) => {
            return Err(structure(
                format!("{location}.Properties"),
                "`Properties` must be an object",
            ));
        }
    };
    let metadata = body.get("Metadata");
    let path = metadata
        .and_then(|metadata| metadata.get("aws:cdk:path"))
        .and_then(Value::as_str)
        .map_or_else(|| format!("{stack_name}/{logical_id}"), str::to_owned);
    let suppressions = read_suppressions(metadata, origin, &logical_id)?;
    Ok(Resource {
        logical_id,
        resource_type,
        path,
        properties,
        suppressions,
    })
}

/// `MyStack.template.json` → `MyStack`.
fn stack_name_of(origin: &str) -> String {
    let file = Path::new(origin).file_name().map_or_else(
        || origin.to_owned(),
        |name| name.to_string_lossy().into_owned(),
    );
    let mut name = file.as_str();
    for suffix in [".json", ".yaml", ".yml", ".template"] {
        name = name.strip_suffix(suffix).unwrap_or(name);
    }
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_resources_in_order_with_paths() {
        let template = Template::parse(
            r#"{"Resources":{"Z":{"Type":"AWS::SQS::Queue"},"A":{"Type":"AWS::S3::Bucket","Metadata":{"aws:cdk:path":"S/Bucket/Resource"}},"CDKMetadata":{"Type":"AWS::CDK::Metadata"}}}"#,
            "out/S.template.json",
        )
        .unwrap();
        assert_eq!(template.stack_name, "S");
        let paths: Vec<_> = template.resources.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["S/Z", "S/Bucket/Resource"]);
    }

    #[test]
    fn missing_resources_is_a_clear_error() {
        let error = Template::parse("{\"Parameters\":{}}", "x.json").unwrap_err();
        assert!(
            error.to_string().contains("no `Resources` section"),
            "{error}"
        );
        let error = Template::parse("just text", "x.yaml").unwrap_err();
        assert!(error.to_string().contains("must be an object"), "{error}");
        let error = Template::parse("", "x.yaml").unwrap_err();
        assert!(error.to_string().contains("must be an object"), "{error}");
    }

    #[test]
    fn resources_need_a_type() {
        let error =
            Template::parse("Resources:\n  B:\n    Properties: {}\n", "x.yaml").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("x.yaml: at Resources.B: the resource has no `Type`"),
            "{error}"
        );
    }

    #[test]
    fn parameter_defaults_can_be_substituted() {
        let template = Template::parse(
            "Parameters:\n  P:\n    Type: String\n    Default: aws:kms\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !Ref P\n      Y: !Ref B\n",
            "x.yaml",
        )
        .unwrap()
        .with_parameter_defaults();
        let properties = &template.resources[0].properties;
        assert_eq!(properties["X"], Value::from("aws:kms"));
        assert_eq!(properties["Y"].to_json(), r#"{"Ref":"B"}"#);
    }
}
