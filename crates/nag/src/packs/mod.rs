//! The five cdk-nag packs, each a list of rules with their id, level and texts.

mod aws_solutions;
mod hipaa_security;
mod nist_800_53_r4;
mod nist_800_53_r5;
mod pci_dss_321;

use crate::rule::Rule;
use serde::Serialize;

/// How serious a finding is; `Error` ranks above `Warning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Level {
    /// cdk-nag's `Warning`.
    Warning,
    /// cdk-nag's `Error`.
    Error,
}

impl Level {
    /// The text in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Warning => "Warning",
            Level::Error => "Error",
        }
    }
}

/// A named list of rules.
#[derive(Debug, Clone, Copy)]
pub struct Pack {
    /// The pack name, e.g. `AwsSolutions`; rule ids start with it.
    pub name: &'static str,
    /// The rules in the order cdk-nag applies them.
    pub rules: &'static [PackRule],
}

/// One rule as a pack uses it.
#[derive(Debug)]
pub struct PackRule {
    /// The full rule id, e.g. `AwsSolutions-S10` or `HIPAA.Security-S3BucketSSLRequestsOnly`.
    pub id: &'static str,
    /// The level in this pack.
    pub level: Level,
    /// The compliance controls the pack maps the rule to (empty for AwsSolutions).
    pub controls: &'static str,
    /// The rule itself.
    pub rule: RuleRef,
}

impl PackRule {
    /// What is wrong (the report's `Rule Info`): the rule's text, plus this pack's control ids.
    pub fn info(&self) -> String {
        let text = self.rule.implementation().map_or("", |rule| rule.info);
        if self.controls.is_empty() {
            text.to_owned()
        } else {
            format!("{text} (Control IDs: {})", self.controls)
        }
    }

    /// Why it matters and how to fix it.
    pub fn explanation(&self) -> &'static str {
        self.rule
            .implementation()
            .map_or("", |rule| rule.explanation)
    }
}

/// A pack's reference to a rule, which may not be ported yet.
#[derive(Debug)]
pub enum RuleRef {
    /// The rule is implemented.
    Implemented(&'static Rule),
    /// cdk-nag has the rule but this crate does not evaluate it yet.
    Missing {
        /// cdk-nag's rule name.
        name: &'static str,
        /// The AWS service folder it belongs in.
        service: &'static str,
    },
}

impl RuleRef {
    /// The implementation, if there is one.
    pub fn implementation(&self) -> Option<&'static Rule> {
        match self {
            RuleRef::Implemented(rule) => Some(rule),
            RuleRef::Missing { .. } => None,
        }
    }

    /// cdk-nag's name of the rule.
    pub fn name(&self) -> &'static str {
        match self {
            RuleRef::Implemented(rule) => rule.name,
            RuleRef::Missing { name, .. } => name,
        }
    }

    /// The AWS service folder of the rule.
    pub fn service(&self) -> &'static str {
        match self {
            RuleRef::Implemented(rule) => rule.service,
            RuleRef::Missing { service, .. } => service,
        }
    }
}

/// Every pack, in cdk-nag's documentation order.
pub static ALL: [Pack; 5] = [
    Pack {
        name: "AwsSolutions",
        rules: aws_solutions::RULES,
    },
    Pack {
        name: "HIPAA.Security",
        rules: hipaa_security::RULES,
    },
    Pack {
        name: "NIST.800.53.R4",
        rules: nist_800_53_r4::RULES,
    },
    Pack {
        name: "NIST.800.53.R5",
        rules: nist_800_53_r5::RULES,
    },
    Pack {
        name: "PCI.DSS.321",
        rules: pci_dss_321::RULES,
    },
];

impl Pack {
    /// The pack called `name` (`AwsSolutions`, `HIPAA.Security`, `NIST.800.53.R4`, `NIST.800.53.R5`, `PCI.DSS.321`).
    pub fn by_name(name: &str) -> Option<Pack> {
        ALL.iter().find(|pack| pack.name == name).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_have_cdk_nag_sizes_and_unique_ids() {
        let sizes: Vec<usize> = ALL.iter().map(|pack| pack.rules.len()).collect();
        assert_eq!(sizes, [131, 90, 70, 85, 69]);
        for pack in &ALL {
            let mut ids: Vec<&str> = pack.rules.iter().map(|rule| rule.id).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), pack.rules.len(), "{}", pack.name);
            assert!(
                ids.iter()
                    .all(|id| id.starts_with(&format!("{}-", pack.name)))
            );
        }
        assert!(Pack::by_name("PCI.DSS.321").is_some());
        assert!(Pack::by_name("Serverless").is_none());
    }
}
