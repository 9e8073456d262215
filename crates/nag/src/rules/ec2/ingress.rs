//! Shared by the security group rules: the inbound rules of a security group (its
//! `SecurityGroupIngress` list) or of a standalone `AWS::EC2::SecurityGroupIngress`.

use crate::rule::prelude::*;
use crate::value::Map;

/// One inbound rule: the properties of a standalone ingress, or an item of a group's list.
#[derive(Debug, Clone, Copy)]
pub(super) enum Ingress<'a> {
    /// A standalone `AWS::EC2::SecurityGroupIngress`.
    Standalone(&'a Map),
    /// An item of `SecurityGroupIngress`.
    Item(&'a Value),
}

impl<'a> Ingress<'a> {
    /// The property `key` of the rule.
    pub(super) fn get(self, key: &str) -> Slot<'a> {
        match self {
            Ingress::Standalone(properties) => properties.get(key),
            Ingress::Item(item) => item.get(key),
        }
    }
}

/// The inbound rules to check: every item of a group's `SecurityGroupIngress`, or the
/// standalone ingress itself.
pub(super) fn ingress_rules(resource: &Resource) -> Result<Vec<Ingress<'_>>, Unresolvable> {
    if resource.resource_type == "AWS::EC2::SecurityGroupIngress" {
        return Ok(vec![Ingress::Standalone(&resource.properties)]);
    }
    let rules = resource.prop("SecurityGroupIngress");
    if is_nullish(rules) {
        return Ok(Vec::new());
    }
    Ok(items(rules)?.iter().map(Ingress::Item).collect())
}
