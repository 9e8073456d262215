//! REST API stages are protected by a WAFv2 web ACL association.

use crate::rule::prelude::*;

/// REST API stages are protected by a WAFv2 web ACL association.
pub static RULE: Rule = Rule {
    name: "APIGWAssociatedWithWAF",
    service: "apigw",
    info: "The REST API stage is not associated with a WAFv2 web ACL.",
    explanation: "A web ACL filters common attacks (injection, bad bots, floods) before they reach the API. Associate the stage with a web ACL through an AWS::WAFv2::WebACLAssociation.",
    resource_types: &["AWS::ApiGateway::Stage"],
    check,
};

fn check(stage: &Resource, template: &Template) -> Outcome {
    let api = js_template(referenced(stage.prop("RestApiId")));
    let name = referenced(stage.prop("StageName"));
    let mut patterns = vec![format!("{api}.+{}", stage.logical_id)];
    if name.is_some() {
        patterns.push(format!("{api}.+{}", js_template(name)));
    }
    for association in template.resources_of_type("AWS::WAFv2::WebACLAssociation") {
        let arn = association
            .prop("ResourceArn")
            .map_or_else(|| "undefined".to_owned(), Value::to_json);
        for pattern in &patterns {
            if mentions(&arn, pattern, "")? {
                return Ok(Verdict::Compliant);
            }
        }
    }
    Ok(Verdict::NonCompliant)
}
