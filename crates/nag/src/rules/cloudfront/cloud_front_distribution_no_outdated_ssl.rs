//! CloudFront talks to custom origins over HTTPS without SSLv3 or TLSv1.0.

use crate::rule::prelude::*;

/// CloudFront talks to custom origins over HTTPS without SSLv3 or TLSv1.0.
pub static RULE: Rule = Rule {
    name: "CloudFrontDistributionNoOutdatedSSL",
    service: "cloudfront",
    info: "The CloudFront distribution may use SSLv3 or TLSv1.0, or plain HTTP, to reach a custom origin.",
    explanation: "Traffic between CloudFront and the origin crosses the internet and deserves the same protection as viewer traffic. Set OriginProtocolPolicy to https-only and list only TLSv1.1 or TLSv1.2 in OriginSSLProtocols.",
    resource_types: &["AWS::CloudFront::Distribution"],
    check,
};

fn check(distribution: &Resource, _: &Template) -> Outcome {
    let origins = member(distribution.prop("DistributionConfig"), "Origins")?;
    if is_nullish(origins) {
        return Ok(Verdict::Compliant);
    }
    for origin in items(origins)? {
        let custom = origin.get("CustomOriginConfig");
        if is_nullish(custom) {
            continue;
        }
        let policy = primitive(member(custom, "OriginProtocolPolicy")?)?;
        if string_of(policy).as_deref() != Some("https-only") {
            return Ok(Verdict::NonCompliant);
        }
        let protocols = member(custom, "OriginSSLProtocols")?;
        if is_nullish(protocols) {
            return Ok(Verdict::NonCompliant);
        }
        let mut lowered = Vec::new();
        for protocol in items(protocols)? {
            lowered.push(text(Some(protocol))?.to_lowercase());
        }
        if lowered
            .iter()
            .any(|protocol| protocol == "sslv3" || protocol == "tlsv1")
        {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}
