//! Running packs over a template: every rule of every pack on every resource,
//! with suppressions applied as cdk-nag applies them.

use crate::packs::{Pack, PackRule};
use crate::report::{Compliance, Finding, Report};
use crate::rule::Verdict;
use crate::suppression::{Suppression, VALIDATION_FAILURE_ID};
use crate::template::{Resource, Template};

/// Checks `template` against `packs`; the report holds one row per evaluated rule and finding.
pub fn check(template: &Template, packs: &[Pack]) -> Report {
    let mut findings = Vec::new();
    for pack in packs {
        for resource in &template.resources {
            let suppressions: Vec<&Suppression> = resource
                .suppressions
                .iter()
                .chain(&template.stack_suppressions)
                .collect();
            for entry in pack.rules {
                evaluate(
                    pack,
                    entry,
                    resource,
                    template,
                    &suppressions,
                    &mut findings,
                );
            }
        }
    }
    Report {
        stack_name: template.stack_name.clone(),
        findings,
    }
}

fn evaluate(
    pack: &Pack,
    entry: &PackRule,
    resource: &Resource,
    template: &Template,
    suppressions: &[&Suppression],
    findings: &mut Vec<Finding>,
) {
    let Some(rule) = entry.rule.implementation() else {
        return;
    };
    let row = |compliance, finding_id: &str, suppression_reason, error| Finding {
        pack: pack.name.to_owned(),
        rule_id: entry.id.to_owned(),
        resource_logical_id: resource.logical_id.clone(),
        resource_path: resource.path.clone(),
        resource_type: resource.resource_type.clone(),
        compliance,
        level: entry.level,
        rule_info: entry.info(),
        explanation: entry.explanation().to_owned(),
        suppression_reason,
        finding_id: finding_id.to_owned(),
        error,
    };
    let failed = |finding_id: &str| match suppressions
        .iter()
        .find(|suppression| suppression.applies(entry.id, finding_id))
    {
        Some(suppression) => row(
            Compliance::Suppressed,
            finding_id,
            Some(suppression.reported_reason(finding_id)),
            None,
        ),
        None => row(Compliance::NonCompliant, finding_id, None, None),
    };
    match rule.evaluate(resource, template) {
        Ok(Verdict::Compliant) => findings.push(row(Compliance::Compliant, "", None, None)),
        Ok(Verdict::NonCompliant) => findings.push(failed("")),
        Ok(Verdict::Findings(ids)) => findings.extend(ids.iter().map(|id| failed(id))),
        Ok(Verdict::NotApplicable) => {}
        Err(unresolvable) => {
            let suppression = suppressions.iter().find(|suppression| {
                suppression.applies(entry.id, "")
                    || suppression.applies(VALIDATION_FAILURE_ID, entry.id)
            });
            findings.push(match suppression {
                Some(suppression) => row(
                    Compliance::Suppressed,
                    "",
                    Some(suppression.reported_reason("")),
                    Some(unresolvable.0),
                ),
                None => row(Compliance::Unknown, "", None, Some(unresolvable.0)),
            });
        }
    }
}
