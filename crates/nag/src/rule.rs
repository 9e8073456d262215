//! What a rule is: metadata plus one pure function over one resource.

use crate::template::{Resource, Template};

/// A compliance rule, shared by every pack that uses it.
#[derive(Debug)]
pub struct Rule {
    /// The rule's name as in cdk-nag (e.g. `S3BucketSSLRequestsOnly`); packs without
    /// short ids use it as the id suffix (`HIPAA.Security-S3BucketSSLRequestsOnly`).
    pub name: &'static str,
    /// The AWS service folder the rule lives in (e.g. `s3`).
    pub service: &'static str,
    /// What is wrong with a resource that fails the rule (the report's `Rule Info`).
    pub info: &'static str,
    /// Why it matters and how to fix it.
    pub explanation: &'static str,
    /// Resource types the rule looks at; every other resource is not applicable.
    pub resource_types: &'static [&'static str],
    /// The check, called only for resources of one of `resource_types`.
    pub check: fn(&Resource, &Template) -> Outcome,
}

/// The result of a check: a verdict, or a value the rule could not evaluate.
pub type Outcome = Result<Verdict, Unresolvable>;

/// What a rule decided about one resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The resource passes.
    Compliant,
    /// The resource fails.
    NonCompliant,
    /// The resource fails with these granular findings (e.g. `Action::s3:*`); each can be suppressed on its own.
    Findings(Vec<String>),
    /// The rule does not apply to this resource.
    NotApplicable,
}

impl Verdict {
    /// `Compliant` when `passes`, else `NonCompliant`.
    pub fn from_pass(passes: bool) -> Verdict {
        if passes {
            Verdict::Compliant
        } else {
            Verdict::NonCompliant
        }
    }

    /// `Findings` when there are any, else `Compliant`.
    pub fn from_findings(findings: Vec<String>) -> Verdict {
        if findings.is_empty() {
            Verdict::Compliant
        } else {
            Verdict::Findings(findings)
        }
    }
}

/// A rule met a value it cannot evaluate (typically an unresolved intrinsic);
/// cdk-nag reports the rule as `UNKNOWN` for the resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolvable(pub String);

impl Rule {
    /// Runs the rule on `resource`: not applicable unless its type is one of the rule's.
    pub fn evaluate(&self, resource: &Resource, template: &Template) -> Outcome {
        if self
            .resource_types
            .contains(&resource.resource_type.as_str())
        {
            (self.check)(resource, template)
        } else {
            Ok(Verdict::NotApplicable)
        }
    }
}

/// Everything a rule file needs.
pub mod prelude {
    pub use crate::access::*;
    pub use crate::rule::{Outcome, Rule, Unresolvable, Verdict};
    pub use crate::template::{Resource, Template};
    pub use crate::value::Value;
}
