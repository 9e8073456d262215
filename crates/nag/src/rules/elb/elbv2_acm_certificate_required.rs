//! Load balancer listeners present a certificate.

use crate::rule::prelude::*;

/// Load balancer listeners present a certificate.
pub static RULE: Rule = Rule {
    name: "ELBv2ACMCertificateRequired",
    service: "elb",
    info: "The load balancer listener has no ACM-managed certificate.",
    explanation: "A listener certificate from ACM enables TLS and is renewed automatically. Set Certificates with a CertificateArn from AWS Certificate Manager.",
    resource_types: &["AWS::ElasticLoadBalancingV2::Listener"],
    check,
};

fn check(listener: &Resource, _: &Template) -> Outcome {
    let certificates = listener.prop("Certificates");
    if is_nullish(certificates) {
        return Ok(Verdict::NonCompliant);
    }
    Ok(Verdict::from_pass(items(certificates)?.iter().any(
        |certificate| !is_nullish(certificate.get("CertificateArn")),
    )))
}
