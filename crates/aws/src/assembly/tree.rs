//! `tree.json`: the construct tree, from the construct paths of the resources.

use serde_json::{Map, Value, json};

use super::StackArtifact;

/// The construct tree of `stacks`: App → stack → path parts; leaves carry
/// the CloudFormation type and logical id.
pub(super) fn tree(stacks: &[StackArtifact]) -> Value {
    let mut app = Map::new();
    for stack in stacks {
        let mut root = node(&stack.name, &stack.name);
        let resources = stack.template.get("Resources").and_then(Value::as_object);
        for (id, path) in &stack.paths {
            let mut current = &mut root;
            let mut full = stack.name.clone();
            for part in path.split('/') {
                full = format!("{full}/{part}");
                let children = current["children"]
                    .as_object_mut()
                    .unwrap_or_else(|| unreachable!("every node has children"));
                current = children
                    .entry(part.to_owned())
                    .or_insert_with(|| node(part, &full));
            }
            let kind = resources
                .and_then(|r| r.get(id))
                .and_then(|r| r.get("Type"))
                .cloned()
                .unwrap_or(Value::Null);
            current["attributes"] = json!({
                "aws:cdk:cloudformation:type": kind,
                "aws:cdk:cloudformation:logicalId": id,
            });
        }
        app.insert(stack.name.clone(), root);
    }
    json!({
        "version": "tree-0.1",
        "tree": { "id": "App", "path": "", "children": app },
    })
}

fn node(id: &str, path: &str) -> Value {
    json!({ "id": id, "path": path, "children": {} })
}
