//! cdk-nag suppressions shared by the HIPAA, NIST and PCI packs.

use crate::stack::{Handle, StackBuilder};

/// The compliance packs whose rules share names (`<pack>-<rule>`).
const COMPLIANCE_PACKS: [&str; 4] = [
    "HIPAA.Security",
    "NIST.800.53.R4",
    "NIST.800.53.R5",
    "PCI.DSS.321",
];

/// Suppresses `rule` of every compliance pack that has it on `handle`'s resource.
pub(crate) fn suppress_in_compliance_packs(
    stack: &mut StackBuilder,
    handle: &Handle,
    rule: &str,
    reason: &str,
) {
    for pack in COMPLIANCE_PACKS {
        stack.suppress(handle, &format!("{pack}-{rule}"), reason);
    }
}
