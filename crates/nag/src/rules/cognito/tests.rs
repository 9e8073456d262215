use super::*;
use crate::rules::testing::*;

const POOL: &str = "AWS::Cognito::UserPool";

#[test]
fn cognito_user_pool_apigw_authorizer() {
    const METHOD: &str = "AWS::ApiGateway::Method";
    expect(
        &cognito_user_pool_apigw_authorizer::RULE,
        &[
            (
                one(
                    METHOD,
                    r#"{"HttpMethod":"GET","AuthorizationType":"COGNITO_USER_POOLS"}"#,
                ),
                Pass,
            ),
            (
                one(
                    METHOD,
                    r#"{"HttpMethod":"GET","AuthorizationType":"AWS_IAM"}"#,
                ),
                Fail,
            ),
            (
                one(
                    METHOD,
                    r#"{"HttpMethod":"GET","AuthorizationType":{"Ref":"P"}}"#,
                ),
                Fail,
            ),
            (one(METHOD, r#"{"HttpMethod":"OPTIONS"}"#), Skip),
            (one(METHOD, r#"{"HttpMethod":{"Ref":"P"}}"#), Unknown),
        ],
    );
}

#[test]
fn cognito_user_pool_mfa_and_tier() {
    expect(
        &cognito_user_pool_mfa::RULE,
        &[
            (one(POOL, r#"{"MfaConfiguration":"ON"}"#), Pass),
            (one(POOL, r#"{"MfaConfiguration":"OPTIONAL"}"#), Fail),
            (one(POOL, "{}"), Fail),
        ],
    );
    expect(
        &cognito_user_pool_plus_tier::RULE,
        &[
            (one(POOL, r#"{"UserPoolTier":"PLUS"}"#), Pass),
            (one(POOL, r#"{"UserPoolTier":"ESSENTIALS"}"#), Fail),
            (one(POOL, "{}"), Fail),
        ],
    );
}

#[test]
fn cognito_user_pool_no_unauthenticated_logins() {
    const IDENTITIES: &str = "AWS::Cognito::IdentityPool";
    expect(
        &cognito_user_pool_no_unauthenticated_logins::RULE,
        &[
            (
                one(IDENTITIES, r#"{"AllowUnauthenticatedIdentities":false}"#),
                Pass,
            ),
            (
                one(IDENTITIES, r#"{"AllowUnauthenticatedIdentities":"false"}"#),
                Pass,
            ),
            (
                one(IDENTITIES, r#"{"AllowUnauthenticatedIdentities":true}"#),
                Fail,
            ),
        ],
    );
}

#[test]
fn cognito_user_pool_strong_password_policy() {
    let policy = |body: &str| {
        one(
            POOL,
            &format!(r#"{{"Policies":{{"PasswordPolicy":{body}}}}}"#),
        )
    };
    expect(
        &cognito_user_pool_strong_password_policy::RULE,
        &[
            (
                policy(
                    r#"{"MinimumLength":8,"RequireUppercase":true,"RequireNumbers":true,"RequireSymbols":"true"}"#,
                ),
                Pass,
            ),
            (
                policy(
                    r#"{"MinimumLength":7,"RequireUppercase":true,"RequireNumbers":true,"RequireSymbols":true}"#,
                ),
                Fail,
            ),
            (
                policy(
                    r#"{"MinimumLength":12,"RequireUppercase":true,"RequireNumbers":false,"RequireSymbols":true}"#,
                ),
                Fail,
            ),
            (policy("{}"), Fail),
            (one(POOL, "{}"), Fail),
            (policy(r#"{"MinimumLength":{"Ref":"P"}}"#), Unknown),
        ],
    );
}
