//! The shared check of the public read/write rules.

use crate::rule::prelude::*;

/// Public policies must be blocked, and a canned ACL in `public_acls` needs `BlockPublicAcls`.
pub fn blocks_public_acl_grants(bucket: &Resource, public_acls: &[&str]) -> Outcome {
    let configuration = bucket.prop("PublicAccessBlockConfiguration");
    if configuration.is_none()
        || flag(primitive(member(configuration, "BlockPublicPolicy")?)?) != Some(true)
    {
        return Ok(Verdict::NonCompliant);
    }
    let access_control = primitive(bucket.prop("AccessControl"))?;
    let blocks_acls = flag(primitive(member(configuration, "BlockPublicAcls")?)?) == Some(true);
    let public_acl = public_acls.iter().any(|acl| is_str(access_control, acl));
    Ok(Verdict::from_pass(!public_acl || blocks_acls))
}
