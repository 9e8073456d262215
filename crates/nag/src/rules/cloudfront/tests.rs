use super::*;
use crate::rules::testing::*;

const DISTRIBUTION: &str = "AWS::CloudFront::Distribution";
const STREAMING: &str = "AWS::CloudFront::StreamingDistribution";

fn config(body: &str) -> String {
    format!(r#"{{"DistributionConfig":{body}}}"#)
}

#[test]
fn cloud_front_distribution_access_logging() {
    expect(
        &cloud_front_distribution_access_logging::RULE,
        &[
            (
                one(
                    DISTRIBUTION,
                    &config(r#"{"Logging":{"Bucket":"logs.s3.amazonaws.com"}}"#),
                ),
                Pass,
            ),
            (one(DISTRIBUTION, &config("{}")), Fail),
            (
                one(
                    STREAMING,
                    r#"{"StreamingDistributionConfig":{"Logging":{"Enabled":true,"Bucket":"b","Prefix":"p"}}}"#,
                ),
                Pass,
            ),
            (
                one(
                    STREAMING,
                    r#"{"StreamingDistributionConfig":{"Logging":{"Enabled":false,"Bucket":"b","Prefix":"p"}}}"#,
                ),
                Fail,
            ),
            (
                one(STREAMING, r#"{"StreamingDistributionConfig":{}}"#),
                Fail,
            ),
            (one(DISTRIBUTION, "{}"), Unknown),
        ],
    );
}

#[test]
fn cloud_front_distribution_geo_restrictions() {
    expect(
        &cloud_front_distribution_geo_restrictions::RULE,
        &[
            (
                one(
                    DISTRIBUTION,
                    &config(
                        r#"{"Restrictions":{"GeoRestriction":{"RestrictionType":"whitelist","Locations":["DE"]}}}"#,
                    ),
                ),
                Pass,
            ),
            (
                one(
                    DISTRIBUTION,
                    &config(r#"{"Restrictions":{"GeoRestriction":{"RestrictionType":"none"}}}"#),
                ),
                Fail,
            ),
            (one(DISTRIBUTION, &config("{}")), Fail),
        ],
    );
}

#[test]
fn cloud_front_distribution_https_viewer_no_outdated_ssl() {
    expect(
        &cloud_front_distribution_https_viewer_no_outdated_ssl::RULE,
        &[
            (
                one(
                    DISTRIBUTION,
                    &config(
                        r#"{"ViewerCertificate":{"AcmCertificateArn":"arn","SslSupportMethod":"sni-only","MinimumProtocolVersion":"TLSv1.2_2021"}}"#,
                    ),
                ),
                Pass,
            ),
            (
                one(
                    DISTRIBUTION,
                    &config(
                        r#"{"ViewerCertificate":{"AcmCertificateArn":"arn","SslSupportMethod":"sni-only","MinimumProtocolVersion":"TLSv1_2016"}}"#,
                    ),
                ),
                Fail,
            ),
            (
                one(
                    DISTRIBUTION,
                    &config(
                        r#"{"ViewerCertificate":{"AcmCertificateArn":"arn","SslSupportMethod":"vip","MinimumProtocolVersion":"TLSv1.2_2021"}}"#,
                    ),
                ),
                Fail,
            ),
            (
                one(
                    DISTRIBUTION,
                    &config(r#"{"ViewerCertificate":{"CloudFrontDefaultCertificate":true}}"#),
                ),
                Fail,
            ),
            (one(DISTRIBUTION, &config("{}")), Fail),
            (
                one(
                    DISTRIBUTION,
                    &config(r#"{"ViewerCertificate":{"SslSupportMethod":{"Ref":"P"}}}"#),
                ),
                Unknown,
            ),
        ],
    );
}

#[test]
fn cloud_front_distribution_no_outdated_ssl() {
    expect(
        &cloud_front_distribution_no_outdated_ssl::RULE,
        &[
            (
                one(
                    DISTRIBUTION,
                    &config(
                        r#"{"Origins":[{"Id":"a","DomainName":"a.example.com","CustomOriginConfig":{"OriginProtocolPolicy":"https-only","OriginSSLProtocols":["TLSv1.2"]}}]}"#,
                    ),
                ),
                Pass,
            ),
            (
                one(
                    DISTRIBUTION,
                    &config(
                        r#"{"Origins":[{"Id":"s3","DomainName":"b.s3.amazonaws.com","S3OriginConfig":{}}]}"#,
                    ),
                ),
                Pass,
            ),
            (
                one(
                    DISTRIBUTION,
                    &config(
                        r#"{"Origins":[{"Id":"a","DomainName":"a","CustomOriginConfig":{"OriginProtocolPolicy":"https-only","OriginSSLProtocols":["TLSv1","TLSv1.2"]}}]}"#,
                    ),
                ),
                Fail,
            ),
            (
                one(
                    DISTRIBUTION,
                    &config(
                        r#"{"Origins":[{"Id":"a","DomainName":"a","CustomOriginConfig":{"OriginProtocolPolicy":"match-viewer"}}]}"#,
                    ),
                ),
                Fail,
            ),
            (
                one(
                    DISTRIBUTION,
                    &config(
                        r#"{"Origins":[{"Id":"a","DomainName":"a","CustomOriginConfig":{"OriginProtocolPolicy":"https-only"}}]}"#,
                    ),
                ),
                Fail,
            ),
        ],
    );
}

#[test]
fn cloud_front_distribution_s3_origin_access_control() {
    let distribution = |origin: &str| {
        many(&format!(
            r#""D":{{"Type":"AWS::CloudFront::Distribution","Properties":{{"DistributionConfig":{{"Origins":[{origin}]}}}}}},"Bucket":{{"Type":"AWS::S3::Bucket"}}"#
        ))
    };
    expect(
        &cloud_front_distribution_s3_origin_access_control::RULE,
        &[
            (
                distribution(
                    r#"{"Id":"s3","DomainName":{"Fn::GetAtt":["Bucket","RegionalDomainName"]},"OriginAccessControlId":{"Fn::GetAtt":["Oac","Id"]}}"#,
                ),
                Pass,
            ),
            (
                distribution(
                    r#"{"Id":"s3","DomainName":{"Fn::GetAtt":["Bucket","RegionalDomainName"]}}"#,
                ),
                Fail,
            ),
            (
                distribution(
                    r#"{"Id":"s3","DomainName":{"Fn::GetAtt":["Bucket","RegionalDomainName"]},"OriginAccessControlId":" "}"#,
                ),
                Fail,
            ),
            (
                distribution(r#"{"Id":"web","DomainName":"www.example.com"}"#),
                Pass,
            ),
        ],
    );
}

#[test]
fn cloud_front_distribution_s3_origin_access_identity() {
    let streaming = |identity: &str| {
        one(
            STREAMING,
            &format!(
                r#"{{"StreamingDistributionConfig":{{"S3Origin":{{"DomainName":"b","OriginAccessIdentity":{identity}}}}}}}"#
            ),
        )
    };
    expect(
        &cloud_front_distribution_s3_origin_access_identity::RULE,
        &[
            (streaming(r#""origin-access-identity/cloudfront/E1""#), Pass),
            (streaming(r#"" ""#), Fail),
            (streaming(r#"{"Ref":"P"}"#), Unknown),
            (one(DISTRIBUTION, "{}"), Skip),
        ],
    );
}

#[test]
fn cloud_front_distribution_waf_integration() {
    expect(
        &cloud_front_distribution_waf_integration::RULE,
        &[
            (
                one(
                    DISTRIBUTION,
                    &config(r#"{"WebACLId":{"Fn::GetAtt":["Acl","Arn"]}}"#),
                ),
                Pass,
            ),
            (one(DISTRIBUTION, &config("{}")), Fail),
        ],
    );
}
