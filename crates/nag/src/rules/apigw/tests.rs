use super::*;
use crate::rules::testing::*;

const STAGE: &str = "AWS::ApiGateway::Stage";
const STAGE_V2: &str = "AWS::ApiGatewayV2::Stage";
const METHOD: &str = "AWS::ApiGateway::Method";

#[test]
fn apigw_access_logging() {
    expect(
        &apigw_access_logging::RULE,
        &[
            (
                one(
                    STAGE,
                    r#"{"AccessLogSetting":{"DestinationArn":"arn","Format":"$context.requestId"}}"#,
                ),
                Pass,
            ),
            (
                one(STAGE, r#"{"AccessLogSetting":{"DestinationArn":"arn"}}"#),
                Fail,
            ),
            (one(STAGE, "{}"), Fail),
            (
                one(
                    STAGE_V2,
                    r#"{"AccessLogSettings":{"DestinationArn":"arn","Format":"x"}}"#,
                ),
                Pass,
            ),
            (
                one(
                    STAGE_V2,
                    r#"{"AccessLogSetting":{"DestinationArn":"arn","Format":"x"}}"#,
                ),
                Fail,
            ),
            (one("AWS::ApiGateway::RestApi", "{}"), Skip),
        ],
    );
}

#[test]
fn apigw_associated_with_waf() {
    let association = |arn: &str| {
        format!(
            r#""Stage":{{"Type":"AWS::ApiGateway::Stage","Properties":{{"RestApiId":{{"Ref":"Api"}},"StageName":"prod"}}}},"Assoc":{{"Type":"AWS::WAFv2::WebACLAssociation","Properties":{{"WebACLArn":"acl","ResourceArn":{arn}}}}}"#
        )
    };
    expect(
        &apigw_associated_with_waf::RULE,
        &[
            (
                many(&association(
                    r#"{"Fn::Sub":"arn:aws:apigateway:eu-west-1::/restapis/${Api}/stages/${Stage}"}"#,
                )),
                Pass,
            ),
            (
                many(&association(
                    r#""arn:aws:apigateway:eu-west-1::/restapis/Api/stages/prod""#,
                )),
                Pass,
            ),
            (
                many(&association(
                    r#""arn:aws:apigateway:eu-west-1::/restapis/Api/stages/production""#,
                )),
                Fail,
            ),
            (one(STAGE, r#"{"RestApiId":"abc"}"#), Fail),
        ],
    );
}

#[test]
fn apigw_authorization() {
    let cors = r#"{"HttpMethod":"OPTIONS","AuthorizationType":"NONE","MethodResponses":[{"StatusCode":"204","ResponseParameters":{"method.response.header.Access-Control-Allow-Origin":true}}]}"#;
    expect(
        &apigw_authorization::RULE,
        &[
            (
                one(
                    METHOD,
                    r#"{"HttpMethod":"GET","AuthorizationType":"AWS_IAM"}"#,
                ),
                Pass,
            ),
            (
                one(METHOD, r#"{"HttpMethod":"GET","AuthorizationType":"NONE"}"#),
                Fail,
            ),
            (one(METHOD, r#"{"HttpMethod":"GET"}"#), Fail),
            (one(METHOD, cors), Skip),
            (
                one(
                    METHOD,
                    r#"{"HttpMethod":"OPTIONS","MethodResponses":[{"StatusCode":200}]}"#,
                ),
                Fail,
            ),
            (
                one(
                    METHOD,
                    r#"{"HttpMethod":"GET","AuthorizationType":{"Ref":"P"}}"#,
                ),
                Unknown,
            ),
            (
                one("AWS::ApiGatewayV2::Route", r#"{"AuthorizationType":"JWT"}"#),
                Pass,
            ),
            (one("AWS::ApiGatewayV2::Route", "{}"), Fail),
        ],
    );
}

#[test]
fn apigw_cache_enabled_and_encrypted() {
    expect(
        &apigw_cache_enabled_and_encrypted::RULE,
        &[
            (
                one(
                    STAGE,
                    r#"{"MethodSettings":[{"HttpMethod":"*","ResourcePath":"/*","CachingEnabled":true,"CacheDataEncrypted":"true"}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    STAGE,
                    r#"{"MethodSettings":[{"HttpMethod":"*","ResourcePath":"/*","CachingEnabled":true,"CacheDataEncrypted":false}]}"#,
                ),
                Fail,
            ),
            (
                one(
                    STAGE,
                    r#"{"MethodSettings":[{"HttpMethod":"GET","ResourcePath":"/*","CachingEnabled":true,"CacheDataEncrypted":true}]}"#,
                ),
                Fail,
            ),
            (one(STAGE, "{}"), Fail),
            (one(STAGE, r#"{"MethodSettings":{"Ref":"P"}}"#), Unknown),
        ],
    );
}

#[test]
fn apigw_execution_logging_enabled() {
    expect(
        &apigw_execution_logging_enabled::RULE,
        &[
            (
                one(
                    STAGE,
                    r#"{"MethodSettings":[{"HttpMethod":"*","ResourcePath":"/*","LoggingLevel":"ERROR"}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    STAGE,
                    r#"{"MethodSettings":[{"HttpMethod":"*","ResourcePath":"/*","LoggingLevel":"OFF"}]}"#,
                ),
                Fail,
            ),
            (one(STAGE, "{}"), Fail),
        ],
    );
}

#[test]
fn apigw_request_validation() {
    let api = |validator: &str| {
        many(&format!(
            r#""Api":{{"Type":"AWS::ApiGateway::RestApi"}},"V":{{"Type":"AWS::ApiGateway::RequestValidator","Properties":{validator}}}"#
        ))
    };
    expect(
        &apigw_request_validation::RULE,
        &[
            (
                api(
                    r#"{"RestApiId":{"Ref":"Api"},"ValidateRequestBody":true,"ValidateRequestParameters":"true"}"#,
                ),
                Pass,
            ),
            (
                api(r#"{"RestApiId":{"Ref":"Api"},"ValidateRequestBody":true}"#),
                Fail,
            ),
            (
                api(
                    r#"{"RestApiId":{"Ref":"Other"},"ValidateRequestBody":true,"ValidateRequestParameters":true}"#,
                ),
                Fail,
            ),
            (one("AWS::ApiGateway::RestApi", "{}"), Fail),
        ],
    );
}

#[test]
fn apigw_ssl_and_xray() {
    expect(
        &apigw_ssl_enabled::RULE,
        &[
            (
                one(STAGE, r#"{"ClientCertificateId":{"Ref":"Cert"}}"#),
                Pass,
            ),
            (one(STAGE, "{}"), Fail),
        ],
    );
    expect(
        &apigw_xray_enabled::RULE,
        &[
            (one(STAGE, r#"{"TracingEnabled":true}"#), Pass),
            (one(STAGE, r#"{"TracingEnabled":"false"}"#), Fail),
            (one(STAGE, "{}"), Fail),
            (one(STAGE, r#"{"TracingEnabled":{"Ref":"P"}}"#), Unknown),
        ],
    );
}
