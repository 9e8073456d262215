//! CloudFront distributions serve viewers with SNI and a current TLS policy.

use crate::rule::prelude::*;

/// CloudFront distributions serve viewers with SNI and a current TLS policy.
pub static RULE: Rule = Rule {
    name: "CloudFrontDistributionHttpsViewerNoOutdatedSSL",
    service: "cloudfront",
    info: "The CloudFront distribution allows viewers to connect with SSLv3 or TLSv1.0, or uses the default certificate or a dedicated IP.",
    explanation: "Old protocol versions have known weaknesses. Use your own certificate with SslSupportMethod sni-only and a MinimumProtocolVersion of TLSv1.1_2016 or newer (TLSv1.2_2021 is recommended).",
    resource_types: &["AWS::CloudFront::Distribution"],
    check,
};

const OUTDATED: [&str; 3] = ["sslv3", "tlsv1", "tlsv1_2016"];

fn check(distribution: &Resource, _: &Template) -> Outcome {
    let certificate = member(distribution.prop("DistributionConfig"), "ViewerCertificate")?;
    if certificate.is_none() {
        return Ok(Verdict::NonCompliant);
    }
    let minimum = member(certificate, "MinimumProtocolVersion")?;
    let support = member(certificate, "SslSupportMethod")?;
    let default_certificate = member(certificate, "CloudFrontDefaultCertificate")?;
    if flag(default_certificate) == Some(true) || support.is_none() {
        return Ok(Verdict::NonCompliant);
    }
    if text(support)?.to_lowercase() == "vip" || minimum.is_none() {
        return Ok(Verdict::NonCompliant);
    }
    let minimum = text(minimum)?.to_lowercase();
    Ok(Verdict::from_pass(!OUTDATED.contains(&minimum.as_str())))
}
