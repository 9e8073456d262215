use super::*;
use crate::rules::testing::*;

const DOMAIN: &str = "AWS::OpenSearchService::Domain";
const LEGACY: &str = "AWS::Elasticsearch::Domain";

fn policy(statement: &str) -> String {
    one(
        DOMAIN,
        &format!(r#"{{"AccessPolicies":{{"Statement":[{statement}]}}}}"#),
    )
}

#[test]
fn open_search_allowlisted_ips() {
    expect(
        &open_search_allowlisted_ips::RULE,
        &[
            (
                policy(
                    r#"{"Effect":"Allow","Principal":{"AWS":"arn"},"Condition":{"IpAddress":{"aws:sourceIp":["10.0.0.0/8"]}}}"#,
                ),
                Pass,
            ),
            (
                policy(r#"{"Effect":"Allow","Principal":{"AWS":"arn"}}"#),
                Fail,
            ),
            (one(DOMAIN, "{}"), Fail),
            (one(DOMAIN, r#"{"AccessPolicies":{"Statement":[]}}"#), Fail),
        ],
    );
}

#[test]
fn open_search_access_policy_from_the_cdk_custom_resource() {
    let update = r#"{"Fn::Join":["",["{\"action\":\"updateDomainConfig\",\"parameters\":{\"AccessPolicies\":\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"*\\\"}}]}\"}}"]]}"#;
    let template = format!(
        r#""Domain":{{"Type":"AWS::OpenSearchService::Domain","Metadata":{{"aws:cdk:path":"App/Search/Resource"}},"Properties":{{"AccessPolicies":{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn"}}}}]}}}}}},"Policy":{{"Type":"Custom::OpenSearchAccessPolicy","Metadata":{{"aws:cdk:path":"App/Search/AccessPolicy/Resource/Default"}},"Properties":{{"Update":{update}}}}}"#
    );
    expect(
        &open_search_no_unsigned_or_anonymous_access::RULE,
        &[(many(&template), Fail)],
    );
}

#[test]
fn open_search_cluster_config() {
    expect(
        &open_search_dedicated_master_node::RULE,
        &[
            (
                one(
                    DOMAIN,
                    r#"{"ClusterConfig":{"DedicatedMasterEnabled":true}}"#,
                ),
                Pass,
            ),
            (
                one(
                    LEGACY,
                    r#"{"ElasticsearchClusterConfig":{"DedicatedMasterEnabled":"true"}}"#,
                ),
                Pass,
            ),
            (
                one(
                    LEGACY,
                    r#"{"ClusterConfig":{"DedicatedMasterEnabled":true}}"#,
                ),
                Fail,
            ),
            (one(DOMAIN, "{}"), Fail),
        ],
    );
    expect(
        &open_search_zone_awareness::RULE,
        &[
            (
                one(DOMAIN, r#"{"ClusterConfig":{"ZoneAwarenessEnabled":true}}"#),
                Pass,
            ),
            (
                one(
                    DOMAIN,
                    r#"{"ClusterConfig":{"ZoneAwarenessEnabled":false}}"#,
                ),
                Fail,
            ),
        ],
    );
}

#[test]
fn open_search_encryption() {
    expect(
        &open_search_encrypted_at_rest::RULE,
        &[
            (
                one(DOMAIN, r#"{"EncryptionAtRestOptions":{"Enabled":true}}"#),
                Pass,
            ),
            (
                one(DOMAIN, r#"{"EncryptionAtRestOptions":{"Enabled":false}}"#),
                Fail,
            ),
            (one(DOMAIN, "{}"), Fail),
        ],
    );
    expect(
        &open_search_node_to_node_encryption::RULE,
        &[
            (
                one(
                    LEGACY,
                    r#"{"NodeToNodeEncryptionOptions":{"Enabled":true}}"#,
                ),
                Pass,
            ),
            (one(LEGACY, r#"{"NodeToNodeEncryptionOptions":{}}"#), Fail),
            (one(LEGACY, "{}"), Fail),
        ],
    );
}

#[test]
fn open_search_logs() {
    let logs = |body: &str| one(DOMAIN, &format!(r#"{{"LogPublishingOptions":{body}}}"#));
    expect(
        &open_search_error_logs_to_cloud_watch::RULE,
        &[
            (
                logs(
                    r#"{"ES_APPLICATION_LOGS":{"Enabled":true,"CloudWatchLogsLogGroupArn":"arn"}}"#,
                ),
                Pass,
            ),
            (logs(r#"{"SEARCH_SLOW_LOGS":{"Enabled":true}}"#), Fail),
            (one(DOMAIN, "{}"), Fail),
        ],
    );
    expect(
        &open_search_slow_logs_to_cloud_watch::RULE,
        &[
            (
                logs(
                    r#"{"SEARCH_SLOW_LOGS":{"Enabled":true},"INDEX_SLOW_LOGS":{"Enabled":"true"}}"#,
                ),
                Pass,
            ),
            (
                logs(r#"{"SEARCH_SLOW_LOGS":{"Enabled":true}}"#),
                Expect::Findings(&["LogExport::INDEX_SLOW_LOGS"]),
            ),
            (
                one(DOMAIN, "{}"),
                Expect::Findings(&["LogExport::SEARCH_SLOW_LOGS", "LogExport::INDEX_SLOW_LOGS"]),
            ),
        ],
    );
}

#[test]
fn open_search_network() {
    expect(
        &open_search_in_vpc_only::RULE,
        &[
            (one(DOMAIN, r#"{"VPCOptions":{"SubnetIds":["s"]}}"#), Pass),
            (one(DOMAIN, r#"{"VPCOptions":{"SubnetIds":[]}}"#), Fail),
            (one(DOMAIN, "{}"), Fail),
        ],
    );
    expect(
        &open_search_no_unsigned_or_anonymous_access::RULE,
        &[
            (
                policy(r#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/search"}}"#),
                Pass,
            ),
            (
                policy(r#"{"Effect":"Allow","Principal":{"AWS":"*"}}"#),
                Fail,
            ),
            (policy(r#"{"Effect":"Deny","Principal":"*"}"#), Pass),
            (one(DOMAIN, "{}"), Fail),
        ],
    );
}
