use super::*;
use crate::rules::testing::*;

const CLASSIC: &str = "AWS::ElasticLoadBalancing::LoadBalancer";
const BALANCER: &str = "AWS::ElasticLoadBalancingV2::LoadBalancer";
const LISTENER: &str = "AWS::ElasticLoadBalancingV2::Listener";

fn attributes(pairs: &str) -> String {
    one(
        BALANCER,
        &format!(r#"{{"LoadBalancerAttributes":[{pairs}]}}"#),
    )
}

#[test]
fn alb_http_drop_invalid_header_enabled() {
    expect(
        &alb_http_drop_invalid_header_enabled::RULE,
        &[
            (
                attributes(
                    r#"{"Key":"routing.http.drop_invalid_header_fields.enabled","Value":"true"}"#,
                ),
                Pass,
            ),
            (
                attributes(
                    r#"{"Value":true,"Key":"routing.http.drop_invalid_header_fields.enabled"}"#,
                ),
                Pass,
            ),
            (
                attributes(
                    r#"{"Key":"routing.http.drop_invalid_header_fields.enabled","Value":"false"}"#,
                ),
                Fail,
            ),
            (one(BALANCER, "{}"), Fail),
            (one(BALANCER, r#"{"Type":"network"}"#), Pass),
        ],
    );
}

#[test]
fn alb_http_to_https_redirection() {
    expect(
        &alb_http_to_https_redirection::RULE,
        &[
            (
                one(
                    LISTENER,
                    r#"{"Protocol":"HTTP","DefaultActions":[{"Type":"redirect","RedirectConfig":{"Protocol":"HTTPS"}}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    LISTENER,
                    r#"{"Protocol":"HTTPS","DefaultActions":[{"Type":"forward"}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    LISTENER,
                    r#"{"Protocol":"HTTP","DefaultActions":[{"Type":"forward","TargetGroupArn":"arn"}]}"#,
                ),
                Fail,
            ),
            (
                one(
                    LISTENER,
                    r#"{"Protocol":"HTTP","DefaultActions":[{"Type":"redirect"}]}"#,
                ),
                Unknown,
            ),
        ],
    );
}

#[test]
fn alb_waf_enabled() {
    expect(
        &alb_waf_enabled::RULE,
        &[
            (
                many(
                    r#""L":{"Type":"AWS::ElasticLoadBalancingV2::LoadBalancer"},"A":{"Type":"AWS::WAFv2::WebACLAssociation","Properties":{"ResourceArn":{"Ref":"L"}}}"#,
                ),
                Pass,
            ),
            (
                many(
                    r#""L":{"Type":"AWS::ElasticLoadBalancingV2::LoadBalancer"},"A":{"Type":"AWS::WAFv2::WebACLAssociation","Properties":{"ResourceArn":{"Ref":"LB"}}}"#,
                ),
                Fail,
            ),
            (one(BALANCER, r#"{"Type":"network"}"#), Pass),
        ],
    );
}

#[test]
fn classic_load_balancer_rules() {
    expect(
        &clb_connection_draining::RULE,
        &[
            (
                one(CLASSIC, r#"{"ConnectionDrainingPolicy":{"Enabled":true}}"#),
                Pass,
            ),
            (
                one(CLASSIC, r#"{"ConnectionDrainingPolicy":{"Enabled":false}}"#),
                Fail,
            ),
            (one(CLASSIC, "{}"), Fail),
        ],
    );
    expect(
        &clb_no_inbound_http_https::RULE,
        &[
            (
                one(
                    CLASSIC,
                    r#"{"Listeners":[{"Protocol":"TCP","LoadBalancerPort":"5439","InstancePort":"5439"}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLASSIC,
                    r#"{"Listeners":[{"Protocol":"HTTPS","LoadBalancerPort":"443","InstancePort":"443"}]}"#,
                ),
                Fail,
            ),
            (one(CLASSIC, "{}"), Unknown),
        ],
    );
    expect(
        &elb_acm_certificate_required::RULE,
        &[
            (
                one(
                    CLASSIC,
                    r#"{"Listeners":[{"Protocol":"SSL","SSLCertificateId":"arn:aws:acm:eu-west-1:1:certificate/a"}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLASSIC,
                    r#"{"Listeners":[{"Protocol":"HTTPS","SSLCertificateId":"arn:aws:iam::1:server-certificate/a"}]}"#,
                ),
                Fail,
            ),
            (one(CLASSIC, r#"{"Listeners":[{"Protocol":"TCP"}]}"#), Fail),
        ],
    );
    expect(
        &elb_cross_zone_load_balancing_enabled::RULE,
        &[
            (
                one(CLASSIC, r#"{"CrossZone":true,"Subnets":["a","b"]}"#),
                Pass,
            ),
            (
                one(CLASSIC, r#"{"CrossZone":true,"AvailabilityZones":["a"]}"#),
                Fail,
            ),
            (
                one(CLASSIC, r#"{"CrossZone":true,"Subnets":{"Ref":"Subnets"}}"#),
                Pass,
            ),
            (
                one(
                    CLASSIC,
                    r#"{"CrossZone":true,"AvailabilityZones":{"Fn::GetAZs":""}}"#,
                ),
                Fail,
            ),
            (
                one(CLASSIC, r#"{"CrossZone":false,"Subnets":["a","b"]}"#),
                Fail,
            ),
            (one(CLASSIC, r#"{"Subnets":["a","b"]}"#), Fail),
        ],
    );
    expect(
        &elb_tls_https_listeners_only::RULE,
        &[
            (
                one(
                    CLASSIC,
                    r#"{"Listeners":[{"Protocol":"SSL","InstanceProtocol":"SSL"},{"Protocol":"HTTPS"}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLASSIC,
                    r#"{"Listeners":[{"Protocol":"HTTPS","InstanceProtocol":"HTTP"}]}"#,
                ),
                Fail,
            ),
        ],
    );
}

#[test]
fn elb_deletion_protection_and_logging() {
    expect(
        &elb_deletion_protection_enabled::RULE,
        &[
            (
                attributes(r#"{"Key":"deletion_protection.enabled","Value":"true"}"#),
                Pass,
            ),
            (
                attributes(r#"{"Key":"deletion_protection.enabled","Value":"false"}"#),
                Fail,
            ),
            (one(BALANCER, "{}"), Fail),
        ],
    );
    expect(
        &elb_logging_enabled::RULE,
        &[
            (
                attributes(r#"{"Key":"access_logs.s3.enabled","Value":"true"}"#),
                Pass,
            ),
            (
                attributes(r#"{"Key":"access_logs.s3.enabled","Value":"false"}"#),
                Fail,
            ),
            (one(BALANCER, "{}"), Unknown),
            (
                one(
                    CLASSIC,
                    r#"{"AccessLoggingPolicy":{"Enabled":true,"S3BucketName":"b"}}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLASSIC,
                    r#"{"AccessLoggingPolicy":{"Enabled":false,"S3BucketName":"b"}}"#,
                ),
                Fail,
            ),
            (one(CLASSIC, "{}"), Fail),
        ],
    );
}

#[test]
fn elbv2_acm_certificate_required() {
    expect(
        &elbv2_acm_certificate_required::RULE,
        &[
            (
                one(
                    LISTENER,
                    r#"{"Certificates":[{"CertificateArn":"arn:aws:acm:eu-west-1:1:certificate/a"}]}"#,
                ),
                Pass,
            ),
            (one(LISTENER, r#"{"Certificates":[]}"#), Fail),
            (one(LISTENER, "{}"), Fail),
        ],
    );
}
