use super::*;
use crate::rules::testing::*;

const CONTAINER: &str = "AWS::MediaStore::Container";

#[test]
fn media_store_simple_rules() {
    expect(
        &media_store_cloud_watch_metric_policy::RULE,
        &[
            (
                one(
                    CONTAINER,
                    r#"{"MetricPolicy":{"ContainerLevelMetrics":"ENABLED"}}"#,
                ),
                Pass,
            ),
            (
                one(
                    CONTAINER,
                    r#"{"MetricPolicy":{"ContainerLevelMetrics":"DISABLED"}}"#,
                ),
                Fail,
            ),
            (one(CONTAINER, "{}"), Fail),
        ],
    );
    expect(
        &media_store_container_access_logging::RULE,
        &[
            (one(CONTAINER, r#"{"AccessLoggingEnabled":true}"#), Pass),
            (one(CONTAINER, "{}"), Fail),
        ],
    );
    expect(
        &media_store_container_cors_policy::RULE,
        &[
            (
                one(CONTAINER, r#"{"CorsPolicy":[{"AllowedOrigins":["*"]}]}"#),
                Pass,
            ),
            (one(CONTAINER, r#"{"CorsPolicy":[]}"#), Fail),
            (one(CONTAINER, "{}"), Fail),
        ],
    );
    expect(
        &media_store_container_has_container_policy::RULE,
        &[
            (one(CONTAINER, r#"{"Policy":"{}"}"#), Pass),
            (one(CONTAINER, "{}"), Fail),
        ],
    );
    expect(
        &media_store_container_lifecycle_policy::RULE,
        &[
            (
                one(CONTAINER, r#"{"LifecyclePolicy":"{\"rules\":[]}"}"#),
                Pass,
            ),
            (one(CONTAINER, "{}"), Fail),
        ],
    );
}

#[test]
fn media_store_container_ssl_requests_only() {
    let policy = |statement: &str| {
        let document = format!(r#"{{"Version":"2012-10-17","Statement":[{statement}]}}"#);
        one(
            CONTAINER,
            &format!(r#"{{"Policy":{}}}"#, serde_json::Value::from(document)),
        )
    };
    expect(
        &media_store_container_ssl_requests_only::RULE,
        &[
            (
                policy(
                    r#"{"Effect":"Deny","Principal":"*","Action":"mediastore:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#,
                ),
                Pass,
            ),
            (
                policy(
                    r#"{"Effect":"Deny","Principal":{"AWS":["*"]},"Action":["MediaStore:*"],"Condition":{"Bool":{"aws:SecureTransport":false}}}"#,
                ),
                Pass,
            ),
            (
                policy(
                    r#"{"Effect":"Deny","Principal":"*","Action":"mediastore:GetObject","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#,
                ),
                Fail,
            ),
            (
                policy(r#"{"Effect":"Allow","Principal":{"AWS":"arn"},"Action":"mediastore:*"}"#),
                Fail,
            ),
            (one(CONTAINER, "{}"), Fail),
            (one(CONTAINER, r#"{"Policy":"not json"}"#), Unknown),
        ],
    );
}
