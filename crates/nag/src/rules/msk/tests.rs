use super::*;
use crate::rules::testing::*;

const CLUSTER: &str = "AWS::MSK::Cluster";

#[test]
fn msk_broker_logging() {
    expect(
        &msk_broker_logging::RULE,
        &[
            (
                one(
                    CLUSTER,
                    r#"{"LoggingInfo":{"BrokerLogs":{"CloudWatchLogs":{"Enabled":true,"LogGroup":"g"}}}}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLUSTER,
                    r#"{"LoggingInfo":{"BrokerLogs":{"S3":{"Enabled":false},"Firehose":{"Enabled":false}}}}"#,
                ),
                Fail,
            ),
            (one(CLUSTER, "{}"), Fail),
            (one(CLUSTER, r#"{"LoggingInfo":{}}"#), Unknown),
        ],
    );
}

#[test]
fn msk_tls() {
    let transit = |body: &str| {
        one(
            CLUSTER,
            &format!(r#"{{"EncryptionInfo":{{"EncryptionInTransit":{body}}}}}"#),
        )
    };
    expect(
        &msk_broker_to_broker_tls::RULE,
        &[
            (transit(r#"{"InCluster":true}"#), Pass),
            (one(CLUSTER, "{}"), Pass),
            (transit(r#"{"InCluster":false}"#), Fail),
        ],
    );
    expect(
        &msk_client_to_broker_tls::RULE,
        &[
            (transit(r#"{"ClientBroker":"TLS"}"#), Pass),
            (transit("{}"), Pass),
            (transit(r#"{"ClientBroker":"TLS_PLAINTEXT"}"#), Fail),
        ],
    );
}
